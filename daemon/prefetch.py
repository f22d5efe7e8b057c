"""Fetching and parsing in child processes, ahead of the work.

A long run is CPU-bound in one Python process: reading FETCH responses
(imapclient's parser), parsing, classifying and storing take turns on one
core. `Workers` hands two jobs to child processes, each with its own read-only
IMAP connection, started together: the history index (headers of every
folder, parsed) and the new messages of a folder (fetched slim, parsed and
matched against the rules, a batch at a time). The service meanwhile judges
with history and commits, on its own core.

Contract:
- A child only reads: EXAMINE, SEARCH and BODY.PEEK, as `ImapMailbox` does.
- Items arrive in order and are what the caller would compute itself:
  slim batches are (uid, parse(fetch_slim bytes), message_hits under the
  caller's rule set); index chunks are (folder, [(uid, parse(headers))]).
  Parsing and matching are pure. The caller's checkpoints and transactions
  are unchanged, so a crash or an error anywhere loses nothing: the work is
  simply fetched again.
- A child is at most LOOKAHEAD items ahead: memory stays bounded.
- The slim job refuses to go on when the folder's UIDVALIDITY is not the one
  the caller saw; any error ends the worker with an `ImapError` naming what
  went wrong (never a credential), and the child is always reaped.
- The password reaches the child through the process pipe multiprocessing uses
  to start it, never its command line or environment.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import queue
import signal
import threading
from collections.abc import Callable, Iterator
from typing import Any

from daemon.classify import message_hits
from daemon.config import Imap
from daemon.imap import ImapError, ImapMailbox, describe_error
from daemon.imaphistory import read_headers
from daemon.message import Message, parse
from daemon.rules import Hit, RuleSet
from daemon.secrets import Secret

log = logging.getLogger(__name__)

Batch = list[tuple[int, Message, list[Hit] | None]]
Account = tuple[Imap, Secret | None]
LOOKAHEAD = 4  # items a child may be ahead of the caller (memory stays bounded)


class Worker:
    """Items made by a job in a child process, received in order.

    The child starts at once, so it works while the caller does other things.
    A thread receives its items into a bounded queue, so it runs at most
    LOOKAHEAD items ahead. Iterate it once; `close()` (always call it: it is
    idempotent) ends the child and the thread whether or not every item was
    taken.
    """

    def __init__(self, what: str, account: Account, job: Callable[..., Any], *args: Any) -> None:
        self.what = what
        cfg, secret = account
        # "spawn": the service has threads (scheduler, IDLE), which fork copies badly.
        ctx = multiprocessing.get_context("spawn")
        self._receiver, sender = ctx.Pipe(duplex=False)
        password = secret.reveal() if secret is not None else None
        self._proc = ctx.Process(
            target=_child,
            args=(cfg, password, job, args, sender),
            name="debrief-fetch",
            daemon=True,
        )
        self._proc.start()
        sender.close()  # the child holds the only writing end: EOF when it dies
        self._queue: queue.Queue[tuple[str, Any]] = queue.Queue(maxsize=LOOKAHEAD)
        self._closing = threading.Event()
        self._finished = False
        self._reader = threading.Thread(target=self._receive, name="debrief-fetch", daemon=True)
        self._reader.start()
        log.info("fetch worker %d: %s", self._proc.pid, what)

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
            if item[0] != "item" or self._closing.is_set():
                return

    def __iter__(self) -> Worker:
        return self

    def __next__(self) -> Any:
        if self._finished:
            raise StopIteration
        kind, payload = self._queue.get()
        if kind == "item":
            return payload
        self._finished = True
        if kind == "done":
            raise StopIteration
        if kind == "error":
            raise ImapError(f"{self.what}: {payload}")
        raise ImapError(f"{self.what}: the fetch worker ended early")

    def close(self) -> None:
        self._closing.set()
        # A child that sent everything ends by itself; one stopped early may
        # be blocked sending, and is ended.
        self._proc.join(timeout=5 if self._finished else 0)
        if self._proc.is_alive():
            self._proc.kill()
            self._proc.join()
        self._reader.join(timeout=5)  # the child's end is closed: its recv() ends
        self._receiver.close()


class Workers:
    """The two jobs a long run hands to child processes, on one account."""

    def __init__(self, account: Callable[[], Account]) -> None:
        self.account = account  # called per job: a reloaded config or password is used

    def slim(
        self, folder: str, uidvalidity: int, uids: list[int], batch: int, ruleset: RuleSet
    ) -> Worker:
        """Batches of (uid, parsed slim message, its rule hits) for `uids`, in
        UID order: what `fetch_slim` + `parse` + `message_hits` would give."""
        what = f"folder {folder}: {len(uids)} message(s)"
        return Worker(what, self.account(), _slim, folder, uidvalidity, uids, batch, ruleset)

    def headers(self, folders: list[str], limit: int) -> Worker:
        """(folder, [(uid, parsed headers)]) for the newest `limit` messages of
        the folders in all, as `ImapHistory.index_folders` reads them."""
        return Worker(
            f"history index of {len(folders)} folder(s)", self.account(), _headers, folders, limit
        )


def _slim(
    box: ImapMailbox,
    folder: str,
    uidvalidity: int,
    uids: list[int],
    batch: int,
    ruleset: RuleSet,
) -> Iterator[Batch]:
    state = box.examine(folder)
    if state.uidvalidity != uidvalidity:
        raise ImapError("UIDVALIDITY changed while fetching")
    for start in range(0, len(uids), batch):
        done: Batch = []
        for uid, raw in box.fetch_slim(uids[start : start + batch]):
            msg = parse(raw)
            done.append((uid, msg, message_hits(msg, ruleset)))
        yield done


def _headers(
    box: ImapMailbox, folders: list[str], limit: int
) -> Iterator[tuple[str, list[tuple[int, Message]]]]:
    return read_headers(box, folders, limit)


def _child(
    cfg: Imap, password: str | None, job: Callable[..., Iterator[Any]], args: Any, out: Any
) -> None:
    # Ctrl-C in a terminal reaches the whole process group: the service
    # handles it and ends this child (no second traceback from here).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        box = ImapMailbox.connect(cfg, Secret(password) if password is not None else None)
        try:
            for item in job(box, *args):
                out.send(("item", item))
            out.send(("done", None))
        finally:
            box.close()
    except (BrokenPipeError, EOFError):
        return  # the parent stopped reading: nothing left to do
    except Exception as e:  # reported to the parent, which raises it there
        text = str(e) if isinstance(e, ImapError) else describe_error(e)
        with contextlib.suppress(OSError):  # the parent is gone: nobody to tell
            out.send(("error", text))
    finally:
        out.close()
