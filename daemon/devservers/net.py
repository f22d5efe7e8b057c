"""Small network helpers shared by the server fixtures."""

from __future__ import annotations

import socket
import subprocess
import time
from pathlib import Path


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def wait_for_port(port: int, host: str = "127.0.0.1", timeout: float = 10.0) -> None:
    """Return as soon as something accepts connections on the port."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise TimeoutError(
                    f"nothing listening on {host}:{port} after {timeout} s"
                ) from None
            time.sleep(0.02)


START_ATTEMPTS = 3  # a free port can be taken between choosing it and binding it


class ServerDidNotStart(RuntimeError):
    """A child server exited, or did not listen in time; the message says why."""


def wait_for_child(
    proc: subprocess.Popen[bytes], ports: list[int], log: Path, timeout: float = 20.0
) -> None:
    """Return once every port accepts connections. If the child exits first
    (a port taken in the meantime, a bad option) or time runs out, stop it and
    raise ServerDidNotStart with the last lines of its log."""
    deadline = time.monotonic() + timeout
    waiting = list(ports)
    while waiting:
        if proc.poll() is not None:
            raise ServerDidNotStart(f"exited with status {proc.returncode}{_tail(log)}")
        try:
            with socket.create_connection(("127.0.0.1", waiting[0]), timeout=0.5):
                waiting.pop(0)
                continue
        except OSError:
            pass
        if time.monotonic() > deadline:
            terminate(proc)
            raise ServerDidNotStart(f"not listening on {waiting} after {timeout} s{_tail(log)}")
        time.sleep(0.02)


def _tail(log: Path, lines: int = 5) -> str:
    try:
        text = log.read_text(errors="replace").strip().splitlines()[-lines:]
    except OSError:
        return ""
    return "".join(f"\n  {line}" for line in text) if text else ""


def wait_port_closed(port: int, host: str = "127.0.0.1", timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((host, port), timeout=0.2):
                pass
        except OSError:
            return
        time.sleep(0.02)
    raise TimeoutError(f"{host}:{port} still accepting after {timeout} s")


def terminate(proc: subprocess.Popen[bytes], timeout: float = 10.0) -> None:
    """SIGTERM a child server, SIGKILL it if it has not gone after `timeout`."""
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def self_signed_cert(
    directory: Path, cn: str = "localhost", names: str | None = None
) -> tuple[Path, Path]:
    """Create a self-signed certificate (default: for localhost and 127.0.0.1).

    `names` overrides the subjectAltName list, e.g. "DNS:mail.other.example".
    Returns (cert, key).
    """
    cert = directory / "cert.pem"
    key = directory / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-days",
            "2",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-subj",
            f"/CN={cn}",
            "-addext",
            f"subjectAltName={names or f'DNS:{cn},IP:127.0.0.1'}",
        ],
        check=True,
        capture_output=True,
    )
    return cert, key
