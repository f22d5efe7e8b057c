"""IDLE on the watched folders after the first, each on its own connection.

IMAP IDLE reports on the selected folder only, and the service's own
connection IDLEs on the first watched folder. A `FolderWatch` keeps one more
read-only connection IDLE on another folder, in a thread, and sets an event
when the server reports new mail there; the service then syncs every folder
as it does after its own IDLE. The watch holds no state and processes
nothing: losing it only means the service's poll (`poll_interval`) notices
that folder's mail instead.

Contract:
- EXAMINE only (the mail is never changed), IDLE re-entered at least every
  `idle_max` seconds, a socket timeout on every connection (ImapMailbox).
- Errors end the connection, never the thread: it reconnects after a backoff
  with jitter (1 s doubling to 5 min). A refused login ends the watch
  quietly after one log line (the service reports credentials itself).
- A server without IDLE: the watch ends; the poll covers the folder.
- Each (re)connection sets the event once, as it starts to IDLE: mail that
  arrived while it was connecting gets a sync too.
- `close()` ends it within about a second.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable
from typing import Any

from imapclient.exceptions import IMAPClientError

from daemon.errors import AuthError
from daemon.imap import ImapError, ImapMailbox, describe_error

log = logging.getLogger(__name__)

SLICE = 1.0  # seconds per idle_check: how soon close() is noticed


def new_mail(box: ImapMailbox, timeout: float) -> bool:
    """`idle_check(timeout)`: True when it reported new mail (EXISTS or
    RECENT); ImapError when the connection is gone.

    imapclient's idle_check swallows an EOF: after the server hangs up (a
    BYE, `doveadm kick`, a restart) it returns at once with nothing, again
    and again, so a loop around it spins until its IDLE deadline instead of
    reconnecting. A BYE, or a check that returns empty at once three times
    running (a live connection waits out the timeout), ends it here.
    """
    for _ in range(3):
        start = time.monotonic()
        responses: list[Any] = box.client.idle_check(timeout=timeout)
        if any(r[:1] == (b"BYE",) for r in responses):
            raise ImapError("the server closed the connection")
        if responses or time.monotonic() - start >= timeout / 2:
            return any(r[1] in (b"EXISTS", b"RECENT") for r in responses if len(r) > 1)
    raise ImapError("the connection is closed (EOF during IDLE)")


class FolderWatch:
    """IDLE on `folder` in a thread; `arrived` is set when mail comes in."""

    def __init__(
        self,
        connect: Callable[[], ImapMailbox],
        folder: str,
        arrived: threading.Event,
        idle_max: float,
    ) -> None:
        self.connect = connect
        self.folder = folder
        self.arrived = arrived
        self.idle_max = idle_max
        self.idling = threading.Event()  # in IDLE now (for status and tests)
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._run, name=f"debrief-idle-{folder}", daemon=True
        )

    def start(self) -> FolderWatch:
        self._thread.start()
        return self

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5 + SLICE)

    def _run(self) -> None:
        backoff = 1.0
        while not self._stop.is_set():
            try:
                box = self.connect()
                try:
                    box.examine(self.folder)
                    if b"IDLE" not in box.client.capabilities():
                        log.info("folder %s: no IDLE on this server; polled", self.folder)
                        return
                    backoff = 1.0
                    # Mail that came in before this IDLE began (since the
                    # service's last sync, while this connection was being
                    # made) is reported by no IDLE: ask for one more sync.
                    self.arrived.set()
                    while not self._stop.is_set():
                        self._idle(box)
                finally:
                    self.idling.clear()
                    box.close()
            except AuthError as e:
                log.warning("folder %s: IDLE connection refused (%s); polled", self.folder, e)
                return
            except (ImapError, IMAPClientError, OSError, TimeoutError) as e:
                delay = min(300.0, backoff) * random.uniform(0.5, 1.5)
                log.info(
                    "folder %s: IDLE connection lost (%s); again in %.0f s",
                    self.folder,
                    describe_error(e),
                    delay,
                )
                backoff *= 2
                self._stop.wait(delay)

    def _idle(self, box: ImapMailbox) -> None:
        """One IDLE, ended by new mail, `idle_max` or close()."""
        deadline = time.monotonic() + self.idle_max
        box.client.idle()
        self.idling.set()
        try:
            while not self._stop.is_set() and time.monotonic() < deadline:
                if new_mail(box, SLICE):
                    log.info("folder %s: new mail", self.folder)
                    self.arrived.set()
        finally:
            self.idling.clear()
            box.client.idle_done()
