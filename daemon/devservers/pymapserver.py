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
    free_port,
    self_signed_cert,
    terminate,
    wait_for_port,
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
            raise RuntimeError("pymap is not installed (pip install 'debrief[demo]')")
        self.binary = binary
        self.root = Path(root or tempfile.mkdtemp(prefix="debrief-pymap-"))
        self.root.mkdir(parents=True, exist_ok=True)
        self.cert, self.key = self_signed_cert(self.root)
        self.port = free_port()
        self.user = User("demo", secrets.token_urlsafe(12))
        self._proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        log = open(self.root / "pymap.log", "ab")  # noqa: SIM115 - owned by the child
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
                "--demo-user",
                self.user.name,
                "--demo-password",
                self.user.password,
            ],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
        )
        log.close()
        wait_for_port(self.port, timeout=20)

    def add_user(self) -> User:
        return self.user

    def stop(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            terminate(self._proc)
            wait_port_closed(self.port)
        self._proc = None
