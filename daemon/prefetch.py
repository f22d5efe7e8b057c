"""Slim fetching in a child process, one batch ahead of the work.

A long run is CPU-bound in one Python process: reading FETCH responses
(imapclient's parser), parsing, classifying and storing take turns on one
core. `feed()` moves the FETCHes, the parsing and the rule matching to a child
process with its own read-only IMAP connection, so the next batch is
downloaded, parsed and classified on the other core while this one is judged
(with history) and committed.

Contract:
- The child only reads: EXAMINE and BODY.PEEK, as `ImapMailbox.fetch_slim`.
- Batches arrive in UID order: (uid, parse(slim bytes), rule hits of that
  message under the caller's rule set) for exactly the messages `fetch_slim`
  returns; parsing and matching are pure, so the values are those the caller
  would compute. The caller's checkpoints and transactions are unchanged, so a
  crash or an error anywhere loses nothing: the batch is simply fetched again.
- The child is at most LOOKAHEAD batches ahead: memory stays bounded.
- The child refuses to go on when the folder's UIDVALIDITY is not the one the
  caller saw; any error ends the feed with an `ImapError` naming what went wrong
  (never a credential), and the child is always reaped.
- The password reaches the child through the process pipe multiprocessing uses
  to start it, never its command line or environment.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import queue
import threading
from collections.abc import Iterator
from typing import Any, cast

from daemon.classify import message_hits
from daemon.config import Imap
from daemon.imap import ImapError, ImapMailbox, _describe
from daemon.message import Message, parse
from daemon.rules import Hit, RuleSet
from daemon.secrets import Secret

log = logging.getLogger(__name__)

Batch = list[tuple[int, Message, list[Hit] | None]]
LOOKAHEAD = 8  # batches the child may be ahead of the caller (memory stays bounded)


class Feed:
    """Batches of (uid, message, rule hits) for `uids`, made by a child process.

    The child starts at once, so it works while the caller does other things
    (such as indexing history first). A thread receives its batches into a
    bounded queue, so it runs at most LOOKAHEAD batches ahead. Iterate it
    once; `close()` (always call it: it is idempotent) ends the child and
    the thread whether or not every batch was taken.
    """

    def __init__(
        self,
        cfg: Imap,
        secret: Secret | None,
        folder: str,
        uidvalidity: int,
        uids: list[int],
        batch: int,
        ruleset: RuleSet,
    ) -> None:
        self.folder = folder
        self._left = -(-len(uids) // batch)  # batches still to hand out
        # "spawn": the service has threads (scheduler, IDLE), which fork copies badly.
        ctx = multiprocessing.get_context("spawn")
        self._receiver, sender = ctx.Pipe(duplex=False)
        password = secret.reveal() if secret is not None else None
        self._proc = ctx.Process(
            target=_child,
            args=(cfg, password, folder, uidvalidity, uids, batch, ruleset, sender),
            name="debrief-fetch",
            daemon=True,
        )
        self._proc.start()
        sender.close()  # the child holds the only writing end: EOF when it dies
        self._queue: queue.Queue[tuple[str, Any]] = queue.Queue(maxsize=LOOKAHEAD)
        self._closing = threading.Event()
        self._reader = threading.Thread(target=self._receive, name="debrief-fetch", daemon=True)
        self._reader.start()
        log.info("fetch worker %d: %d message(s) from %s", self._proc.pid, len(uids), folder)

    def _receive(self) -> None:
        while True:
            try:
                item = self._receiver.recv()
            except (EOFError, OSError):
                item = ("end", None)
            while not self._closing.is_set():
                try:
                    self._queue.put(item, timeout=0.2)
                    break
                except queue.Full:
                    continue
            if item[0] != "batch" or self._closing.is_set():
                return

    def __iter__(self) -> Iterator[Batch]:
        return self

    def __next__(self) -> Batch:
        if self._left <= 0:
            raise StopIteration
        kind, payload = self._queue.get()
        if kind == "end":
            raise ImapError(f"folder {self.folder}: the fetch worker ended early")
        if kind == "error":
            raise ImapError(f"folder {self.folder}: {payload}")
        self._left -= 1
        return cast(Batch, payload)

    def close(self) -> None:
        self._closing.set()
        # A child that sent everything ends by itself; one stopped early may
        # be blocked sending, and is ended.
        self._proc.join(timeout=5 if self._left <= 0 else 0)
        if self._proc.is_alive():
            self._proc.kill()
            self._proc.join()
        self._reader.join(timeout=5)  # the child's end is closed: its recv() ends
        self._receiver.close()


def _child(
    cfg: Imap,
    password: str | None,
    folder: str,
    uidvalidity: int,
    uids: list[int],
    batch: int,
    ruleset: RuleSet,
    out: Any,
) -> None:
    try:
        box = ImapMailbox.connect(cfg, Secret(password) if password is not None else None)
        try:
            state = box.examine(folder)
            if state.uidvalidity != uidvalidity:
                out.send(("error", "UIDVALIDITY changed while fetching"))
                return
            for start in range(0, len(uids), batch):
                done: Batch = []
                for uid, raw in box.fetch_slim(uids[start : start + batch]):
                    msg = parse(raw)
                    done.append((uid, msg, message_hits(msg, ruleset)))
                out.send(("batch", done))
        finally:
            box.close()
    except (BrokenPipeError, EOFError):
        return  # the parent stopped reading: nothing left to do
    except Exception as e:  # reported to the parent, which raises it there
        text = str(e) if isinstance(e, ImapError) else _describe(e)
        with contextlib.suppress(OSError):  # the parent is gone: nobody to tell
            out.send(("error", text))
    finally:
        out.close()
