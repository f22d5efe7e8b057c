"""A pure-Python IMAP server (pymap's in-memory backend) for `debrief demo`
on machines without Dovecot. One user; STARTTLS with a self-signed
certificate; everything is gone when it stops."""

from __future__ import annotations

import secrets
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from daemon.devservers.dovecot import User
from daemon.devservers.net import (
    START_ATTEMPTS,
    ServerDidNotStart,
    free_port,
    self_signed_cert,
    terminate,
    wait_for_child,
    wait_port_closed,
)


def pymap_binary() -> str | None:
    beside = Path(sys.executable).parent / "pymap"
    if beside.exists():
        return str(beside)
    return shutil.which("pymap")


class Pymap:
    """Same small surface as the Dovecot fixture: start, add_user, stop."""

    def __init__(self, root: Path | None = None) -> None:
        binary = pymap_binary()
        if binary is None:
            raise RuntimeError("pymap is not installed (pip install 'debrief-mail[demo]')")
        self.binary = binary
        self.root = Path(root or tempfile.mkdtemp(prefix="debrief-pymap-"))
        self.root.mkdir(parents=True, exist_ok=True)
        self.cert, self.key = self_signed_cert(self.root)
        self.port = free_port()
        self.user = User("demo", secrets.token_urlsafe(12))
        self._proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        """Start pymap; on a port taken in the meantime, again on a fresh one.
        Raises ServerDidNotStart (with pymap's last log lines) otherwise."""
        for attempt in range(1, START_ATTEMPTS + 1):
            try:
                self._start_once()
                return
            except ServerDidNotStart as e:
                self._proc = None
                if attempt == START_ATTEMPTS:
                    raise ServerDidNotStart(f"pymap did not start: {e}") from None
                self.port = free_port()

    def _start_once(self) -> None:
        log_path = self.root / "pymap.log"
        log = open(log_path, "ab")  # noqa: SIM115 - owned by the child
        self._proc = subprocess.Popen(
            [
                self.binary,
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--cert",
                str(self.cert),
                "--key",
                str(self.key),
                "--no-service",
                "admin",
                "dict",
                # "=": a password may begin with "-" (token_urlsafe does, one
                # time in 64), which argparse would take for an option.
                f"--demo-user={self.user.name}",
                f"--demo-password={self.user.password}",
            ],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
        )
        log.close()
        wait_for_child(self._proc, [self.port], log_path)

    def add_user(self) -> User:
        return self.user

    def stop(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            terminate(self._proc)
            wait_port_closed(self.port)
        self._proc = None
