"""systemd's notify protocol (sd_notify), by its documented datagram format.

Without `$NOTIFY_SOCKET` every call is a no-op, so the service runs the same
under systemd, cron or a terminal. Messages are `KEY=VALUE` lines sent as one
datagram to the socket named in the environment ('@' = abstract namespace).
"""

from __future__ import annotations

import logging
import os
import socket
import time

log = logging.getLogger(__name__)


class Notifier:
    def __init__(self, environ: dict[str, str] | None = None) -> None:
        env = dict(os.environ) if environ is None else environ
        self.address = env.get("NOTIFY_SOCKET", "")
        usec = env.get("WATCHDOG_USEC", "")
        pid = env.get("WATCHDOG_PID", "")
        self.watchdog_interval = (
            int(usec) / 1e6 / 2 if usec.isdigit() and (not pid or pid == str(os.getpid())) else None
        )
        self._last_ping = 0.0

    def send(self, *lines: str) -> bool:
        if not self.address:
            return False
        address = "\0" + self.address[1:] if self.address.startswith("@") else self.address
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as s:
                s.connect(address)
                s.sendall("\n".join(lines).encode())
            return True
        except OSError as e:
            log.debug("sd_notify failed: %s", e)
            return False

    def ready(self, status: str = "") -> None:
        self.send("READY=1", *([f"STATUS={status}"] if status else []))

    def status(self, text: str) -> None:
        self.send(f"STATUS={text}")

    def reloading(self) -> None:
        """A reload begins (sd_notify RELOADING=1, with the monotonic clock
        systemd asks for); `ready()` again when it is over, kept or refused."""
        self.send("RELOADING=1", f"MONOTONIC_USEC={time.monotonic_ns() // 1000}")

    def stopping(self) -> None:
        self.send("STOPPING=1")

    def watchdog(self) -> None:
        """Ping at most every half WatchdogSec, from the main loop only."""
        if self.watchdog_interval is None:
            return
        now = time.monotonic()
        if now - self._last_ping >= self.watchdog_interval:
            self._last_ping = now
            self.send("WATCHDOG=1")
