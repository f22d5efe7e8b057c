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
  caller's rule set); index chunks are (folder, [(uid, index entry of the
  headers)], read whole).
  Parsing and matching are pure. The caller's checkpoints and transactions
  are unchanged, so a crash or an error anywhere loses nothing: the work is
  simply fetched again.
- A child is at most LOOKAHEAD items ahead: memory stays bounded. Items
  wait pickled (a batch of 100 messages is about 200 KB so), so a child
  can run well ahead while the caller is busy elsewhere (reading the history
  index at the start of a long run) without holding much memory.
- The slim job refuses to go on when the folder's UIDVALIDITY is not the one
  the caller saw; any error ends the worker with an `ImapError` naming what
  went wrong (never a credential), and the child is always reaped.
- A child is a plain `python -c` process that imports only what its job
  needs (not the service's scheduler, SMTP or state modules). The job, its
  arguments and the password go down its stdin as one pickle, never on its
  command line or in its environment; items come back up its stdout as
  pickles. It inherits no other file descriptor (the state lock stays ours).
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import queue
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TypeAlias

from daemon.config import Imap
from daemon.imap import ImapError, ImapMailbox, describe_error
from daemon.imaphistory import HeaderChunk, read_headers
from daemon.message import Message, parse
from daemon.passwords import Secret

if TYPE_CHECKING:  # the index worker never loads the rules: less memory
    from daemon.rules import Hit, Rule, RuleSet, Senders

log = logging.getLogger(__name__)

Batch: TypeAlias = "list[tuple[int, Message, list[Hit] | None]]"
Account = tuple[Imap, Secret | None]
LOOKAHEAD = 32  # pickled items a child may be ahead of the caller (memory stays bounded)
# The child runs this package's code, wherever it was imported from.
_PACKAGE_ROOT = str(Path(__file__).resolve().parent.parent)
_CHILD = "from daemon.prefetch import child_main; child_main()"


class Worker:
    """Items made by a job in a child process, received in order.

    The child starts at once, so it works while the caller does other things.
    A thread receives its items into a bounded queue, so it runs at most
    LOOKAHEAD items ahead (and the pipe's buffer). Iterate it once; `close()`
    (always call it: it is idempotent) ends the child and the thread whether
    or not every item was taken.
    """

    def __init__(
        self,
        what: str,
        account: Account,
        job: str,
        *args: Any,
    ) -> None:
        """Run `job` in a new child."""
        self.what = what
        cfg, secret = account
        password = secret.reveal() if secret is not None else None
        self._proc = spawn()
        assert self._proc.stdin is not None and self._proc.stdout is not None
        self._stdin: IO[bytes] = self._proc.stdin
        self._stdout: IO[bytes] = self._proc.stdout
        # Written by the reader thread: a job bigger than the pipe's buffer
        # (the rules) must not hold the caller until the child has started.
        self._job = pickle.dumps((cfg, password, job, args), pickle.HIGHEST_PROTOCOL)
        self._queue: queue.Queue[bytes] = queue.Queue(maxsize=LOOKAHEAD)
        self._closing = threading.Event()
        self._finished = False
        self._reader = threading.Thread(target=self._receive, name="debrief-fetch", daemon=True)
        self._reader.start()
        log.info("fetch worker %d: %s", self._proc.pid, what)

    def _receive(self) -> None:
        try:
            with self._stdin:
                _write_all(self._stdin.fileno(), self._job)
        except OSError:
            pass  # the child died at once: its end of stdout says so
        self._job = b""
        while True:
            try:
                frame = _read_frame(self._stdout)
            except (EOFError, OSError, ValueError):
                frame = _END  # the child died (or was ended) mid-way
            while not self._closing.is_set():
                try:
                    self._queue.put(frame, timeout=0.2)
                    break
                except queue.Full:
                    continue
            if frame[:1] != b"i" or self._closing.is_set():
                return

    def __iter__(self) -> Worker:
        return self

    def __next__(self) -> Any:
        if self._finished:
            raise StopIteration
        try:
            kind, payload = pickle.loads(self._queue.get()[1:])
        except Exception:  # a damaged frame: like a child that died, worth a retry
            kind, payload = "end", None
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
        # be blocked writing, and is ended.
        try:
            self._proc.wait(timeout=5 if self._finished else 0)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        self._reader.join(timeout=5)  # the child is gone: its stdout is at EOF
        self._stdout.close()


def spawn() -> subprocess.Popen[bytes]:
    """A child process waiting for its job on stdin (it imports its modules
    meanwhile). Closing its stdin without a job ends it quietly."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (_PACKAGE_ROOT, env.get("PYTHONPATH", "")) if p)
    return subprocess.Popen(
        [sys.executable, "-c", _CHILD], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env
    )


class Workers:
    """The jobs a long run hands to child processes, on one account."""

    def __init__(self, account: Callable[[], Account]) -> None:
        self.account = account  # called per job: a reloaded config or password is used

    def _worker(self, what: str, job: str, *args: Any) -> Worker:
        return Worker(what, self.account(), job, *args)

    def slim(
        self, folder: str, uidvalidity: int, uids: list[int], batch: int, ruleset: RuleSet
    ) -> Worker:
        """Batches of (uid, parsed slim message, its rule hits) for `uids`, in
        UID order: what `fetch_slim` + `parse` + `message_hits` would give."""
        what = f"folder {folder}: {len(uids)} message(s)"
        # The rules as loaded, not the rule set: the child builds its own
        # indexes from them (the caller's memo stays here).
        rules = (ruleset.rules, ruleset.senders, ruleset.threshold)
        return self._worker(what, "slim", folder, uidvalidity, uids, batch, rules)

    def headers(self, folders: list[str], limit: int) -> Worker:
        """(folder, [(uid, index entry)], read whole) for the newest `limit`
        messages of the folders in all, as `ImapHistory.index_folders` reads them."""
        return self._worker(f"history index of {len(folders)} folder(s)", "headers", folders, limit)


def _slim(
    box: ImapMailbox,
    folder: str,
    uidvalidity: int,
    uids: list[int],
    batch: int,
    rules: tuple[list[Rule], Senders, float],
) -> Iterator[Batch]:
    from daemon.classify import fresh_hits
    from daemon.rules import RuleSet

    ruleset = RuleSet(*rules)

    state = box.examine(folder)
    if state.uidvalidity != uidvalidity:
        raise ImapError("UIDVALIDITY changed while fetching")
    for fetched in box.fetch_slim_batches(uids, batch):
        done: Batch = []
        for uid, raw in fetched:
            msg = parse(raw)
            done.append((uid, msg, fresh_hits(msg, ruleset)))
        yield done


def _headers(box: ImapMailbox, folders: list[str], limit: int) -> Iterator[HeaderChunk]:
    return read_headers(box, folders, limit)


JOBS: dict[str, Callable[..., Iterator[Any]]] = {"slim": _slim, "headers": _headers}
_END = b"e" + pickle.dumps(("end", None))


def _write_all(fd: int, data: bytes) -> None:
    """Write all of `data` to a pipe, in order, with plain write() calls. (A
    test that stops and continues the child during big writes found frames
    interleaved when they went through a BufferedWriter.)"""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _read_frame(stream: IO[bytes]) -> bytes:
    """One frame: a 4-byte length, then a kind byte ("i": an item) and a
    pickle. EOFError at the end of the stream or inside a frame."""
    head = stream.read(4)
    if len(head) < 4:
        raise EOFError
    size = int.from_bytes(head, "big")
    body = stream.read(size)
    if len(body) < size:
        raise EOFError
    return body


def child_main() -> None:
    """A worker process: read the job from stdin, send its items to stdout."""
    # Ctrl-C in a terminal reaches the whole process group: the service
    # handles it and ends this child (no second traceback from here).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    out = sys.stdout.fileno()
    sys.stdout = sys.stderr  # nothing but items may reach the pipe
    try:
        cfg, password, job, args = pickle.load(sys.stdin.buffer)
    except EOFError:  # given no job (the parent ended first)
        os._exit(0)
    sys.stdin.close()

    def send(kind: str, payload: Any) -> None:
        body = (b"i" if kind == "item" else b"e") + pickle.dumps(
            (kind, payload), pickle.HIGHEST_PROTOCOL
        )
        _write_all(out, len(body).to_bytes(4, "big") + body)

    try:
        box = ImapMailbox.connect(cfg, Secret(password) if password is not None else None)
        try:
            for item in JOBS[job](box, *args):
                send("item", item)
            send("done", None)
        finally:
            box.close()
    except BrokenPipeError:
        pass  # the parent stopped reading: nothing left to do
    except Exception as e:  # reported to the parent, which raises it there
        text = str(e) if isinstance(e, ImapError) else describe_error(e)
        with contextlib.suppress(OSError):  # the parent is gone: nobody to tell
            send("error", text)
    # Exit without the interpreter's final flush of a pipe nobody may read
    # any more (it would print a BrokenPipeError to the journal).
    os._exit(0)
