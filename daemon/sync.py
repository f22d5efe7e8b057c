"""The folder sync: read each watched folder's new mail since its checkpoint
and handle every message (classify, extract, the follow-up policy), through
the store. `daemon/service.py` runs it from its loop.

Contract:
- Each message is handled in one store transaction that records it, writes
  any detection, drafts and cancellations (`daemon.policy` decides them),
  and advances the folder checkpoint; a crash at any point leaves either all
  of that or none of it.
- Messages are deduplicated by key (Message-ID, else a content hash), so a
  UIDVALIDITY change or a replayed fetch never creates a second detection.
- A message that cannot be handled is logged, recorded with its problem and
  skipped; it never stops the service. A message whose read fails ATTEMPTS
  times is quarantined: skipped, then read again alone after a delay that
  grows with each failure (`retry_due`), or at once when the user retries
  it. A read can fail through no fault of the message (a kill, a power cut
  mid-read), so a quarantine is never forever: nothing is lost to it.
- The user's mail is never changed (EXAMINE, BODY.PEEK).

Over ~500 lines: the per-batch transaction, the quarantine of unreadable
messages and the per-message savepoint are one protocol over the same
checkpoint; splitting them would spread the crash-safety argument across
files.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections import deque
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Protocol

from imapclient.exceptions import IMAPClientAbortError, IMAPClientError

from daemon.classify import Verdict, classify, seed_hits
from daemon.clock import clock_problem, marks_ahead
from daemon.config import Config, Imap
from daemon.display import visible
from daemon.extract import Extraction, Plan
from daemon.faults import faultpoint, injected, pause
from daemon.history import Query
from daemon.imap import ImapError, ImapMailbox, describe_error
from daemon.imaphistory import ImapHistory
from daemon.message import Message, parse
from daemon.notify import Notifier
from daemon.outbox import Outbox
from daemon.pipeline import foresee, judge
from daemon.policy import FollowUps
from daemon.prefetch import Batch, Workers
from daemon.rules import RuleSet
from daemon.store import DatabaseFault, DatabaseUnavailable, Store, Trouble

log = logging.getLogger("debrief.service")  # the service's log, as before the split

BATCH = 100  # messages per transaction and per history prefetch
ATTEMPTS = 3  # failed reads of one message before it is quarantined
# How long a quarantined message waits before it is read again: after the
# first quarantine, then each further failure multiplies it, up to a day. A
# message that really kills the service then costs one restart a day at most.
RETRY_FIRST = timedelta(hours=1)
RETRY_GROWTH = 4
RETRY_MOST = timedelta(days=1)
PARALLEL_FROM = 1000  # new messages in a folder above which a worker process fetches
INDEX_FROM = 1000  # new messages in a folder that make a sync index all headers first
Judged = tuple[Verdict, Plan | None]  # a message's classification and extraction plan


class Batches(Protocol):
    """Batches of (uid, parsed slim message, its rule hits or None), in UID order."""

    def __iter__(self) -> Iterator[Batch]: ...

    def close(self) -> None: ...


class FolderSync:
    """The sync half of `daemon.service.Service`, which sets these attributes
    in its `__init__` and runs `sync()` from its loop."""

    cfg: Config
    imap: Imap
    store: Store
    ruleset: RuleSet
    workers: Workers | None
    followups: FollowUps
    stop: threading.Event
    outbox: Outbox | None
    notifier: Notifier
    mode: str
    last_sync: dict[str, str]
    clock_problem: str | None
    _recorded: set[str] | None
    # This folder's messages read alone (in trouble before): the only ones
    # read out of order, after mail that came later.
    _read_alone: frozenset[int] = frozenset()
    _clock_said: str | None
    _server_now: datetime | None

    def _report(self, error: str | None = None) -> None:
        """Status for `debrief status` and systemd; the service's (`Service._report`)."""
        raise NotImplementedError

    @property
    def me(self) -> list[str]:
        """The user's addresses, lower case (as the follow-up policy holds them)."""
        return self.followups.me

    @property
    def names(self) -> tuple[str, ...]:
        """The user's name, which tells their rejections from others' (ownership.py)."""
        return (self.cfg.identity.name,) if self.cfg.identity.name else ()

    # -- the folders ---------------------------------------------------------

    @property
    def folders(self) -> list[str]:
        return list(dict.fromkeys([*self.imap.folders, self.imap.sent_folder]))

    def _backfill_start(self, now: datetime) -> datetime:
        """The first run's cut-off, fixed once so restarts agree on it (on the
        server's clock when the local one runs ahead of it)."""
        fixed = self.store.backfill_since()
        if fixed is not None:
            return fixed
        base = min(now, self._server_now) if self._server_now else now
        since = base - timedelta(days=self.cfg.watch.backfill_days)
        self.store.fix_backfill_since(since)
        return since

    def sync(self, box: ImapMailbox, now: datetime | None = None) -> int:
        """Process everything new in every folder; returns how many messages."""
        return self._sync(box, now)

    def _sync(self, box: ImapMailbox, now: datetime | None) -> int:
        now = now or datetime.now(UTC)
        if not self._clock_sane(box, now):
            return 0
        self.followups.begin_run()
        since = self._backfill_start(now)
        history = ImapHistory(box, self.folders)
        indexed = False
        total = 0
        for folder in self.folders:
            try:
                state = box.examine(folder)
            except IMAPClientError as e:
                log.warning("folder %s: cannot open (%s); skipped", folder, e)
                continue
            checkpoint = self.store.checkpoint(folder)
            if checkpoint is None or checkpoint[0] != state.uidvalidity:
                if checkpoint is not None:
                    log.warning(
                        "folder %s: UIDVALIDITY changed (%s -> %s); rescanning",
                        folder,
                        checkpoint[0],
                        state.uidvalidity,
                    )
                    self.store.forget_troubles(folder, state.uidvalidity)
                uids = box.uids_since(since.date())
                last = 0
            else:
                last = checkpoint[1]
                uids = box.uids_after(last)
            uids, alone = self._troubles(folder, state.uidvalidity, uids, now)
            self._read_alone = frozenset(alone)
            if uids:
                log.info("folder %s: %d new message(s)", folder, len(uids))
            chunks = reading_plan(uids, alone, BATCH)
            # closing(): an error or a stop ends a fetch worker now, not
            # whenever the iterator is garbage collected.
            batches = self._batches(box, folder, state.uidvalidity, uids, alone)
            feed = iter(batches) if batches is not None else None
            with contextlib.closing(batches) if batches is not None else contextlib.nullcontext():
                if len(uids) > INDEX_FROM and not indexed:
                    # A long (first) run: index every folder's headers once,
                    # so each rejection's history lookup is answered locally
                    # instead of making the server test every message again.
                    # (A fetch worker is already at work meanwhile.)
                    indexed = True
                    self._index(history, parallel=len(uids) > PARALLEL_FROM)
                done = 0
                pending = deque(chunks)
                while pending:
                    if self.stop.is_set():
                        return total
                    chunk = pending.popleft()
                    try:
                        batch = self._read(box, folder, state.uidvalidity, chunk, feed)
                        if batch is None:  # refused: its messages are read alone, now
                            pending.extendleft(reversed([[u] for u in chunk if len(chunk) > 1]))
                            continue
                        total += self._process(
                            box, folder, state.uidvalidity, chunk, batch, history, since
                        )
                    except DatabaseUnavailable:
                        # A full or read-only disk: not the messages' fault,
                        # so no attempt counts against them.
                        with contextlib.suppress(DatabaseFault):
                            self.store.forget_reading(folder)
                        raise
                    done += len(chunk)
                    if len(uids) > BATCH:
                        log.info("folder %s: %d/%d", folder, done, len(uids))
            top = max([*uids, last, state.uidnext - 1, 0])
            if checkpoint is None or checkpoint != (state.uidvalidity, top):
                with self.store.transaction():
                    self.store.set_checkpoint(folder, state.uidvalidity, top)
            self.last_sync[folder] = datetime.now(UTC).isoformat(timespec="seconds")
        self.followups.save_drafts(box)  # copies left from an earlier run, if any
        return total

    def _clock_sane(self, box: ImapMailbox, now: datetime) -> bool:
        """Check the clock against the mail server and the times recorded
        (daemon/clock.py); while it is wrong, nothing is drafted, sent or
        scheduled: mail waits on the server, and status says why."""
        self._server_now = box.newest_arrival(self.imap.folders[0])
        high = self.store.clock_high()
        if marks_ahead(now, high):
            log.warning(
                "times recorded up to %s are more than a day ahead of this clock, which agrees "
                "with the mail server: they were left by a clock that ran ahead; reset to now",
                high.isoformat(timespec="minutes") if high else "?",
            )
            self.store.reset_times_after(now)
            high = None
        problem = clock_problem(now, high, self._server_now)
        self.clock_problem = problem
        if problem is not None:
            if problem != self._clock_said:
                log.error("%s; nothing is drafted, sent or scheduled until it is right", problem)
            self._clock_said = problem
            self.mode = "clock wrong"
            self._report(error=problem)
            return False
        if self._clock_said is not None:
            log.warning("the clock is right again (%s UTC)", now.isoformat(timespec="minutes"))
        self._clock_said = None
        if high is None or now > high:
            self.store.set_clock_high(now)
        return True

    def _index(self, history: ImapHistory, parallel: bool) -> None:
        def progress(name: str, count: int) -> None:
            log.info("history index: %s, %d message(s)", name, count)

        if self.workers is None or not parallel:
            n = history.index_folders(progress)
        else:
            worker = self.workers.headers(history.folders, history.room())
            with contextlib.closing(worker):
                n = history.index_folders(progress, worker)
        log.info("history index: %d message(s)", n)

    def _process(
        self,
        box: ImapMailbox,
        folder: str,
        uidvalidity: int,
        chunk: list[int],
        batch: Batch,
        history: ImapHistory,
        since: datetime,
    ) -> int:
        """Judge and record one batch (the messages of `chunk` the server
        still has), with its checkpoint, in one transaction."""
        fetched = []
        for uid, msg, hits in batch:
            if hits is not None:  # matched by the fetch worker
                seed_hits(msg, self.ruleset, hits)
            fetched.append((uid, msg))
        pause("after_fetch")
        try:
            judged = self._prefetch_history(folder, fetched, history, since)
            # One transaction per batch: the checkpoint and the work it covers
            # commit together (one fsync per batch, not per message).
            with self.store.transaction(), self.followups.batch():
                for (uid, msg), known in zip(fetched, judged, strict=True):
                    self.handle(folder, uid, msg, history, since, known)
                    faultpoint("mid_batch")
                if injected("batch_disk_full"):  # tests: the disk fills at this commit only
                    raise DatabaseUnavailable("database or disk is full (injected)")
                checkpoint = self.store.checkpoint(folder)
                if checkpoint is None or checkpoint[0] != uidvalidity or checkpoint[1] < chunk[-1]:
                    # Covers the whole batch: it commits, or none of it does.
                    # (A message read again alone may lie below it.)
                    self.store.set_checkpoint(folder, uidvalidity, chunk[-1])
                self.store.done_reading(folder, uidvalidity, chunk)
        finally:
            self._recorded = None
        faultpoint("after_batch_commit")
        self.followups.save_drafts(box)
        if self.outbox is not None:
            self.outbox.flush_confirmations()
        self.notifier.watchdog()
        return len(fetched)

    def _batches(
        self, box: ImapMailbox, folder: str, uidvalidity: int, uids: list[int], alone: set[int]
    ) -> Batches | None:
        """A fetch worker for a long run: `uids` fetched slim and parsed, a
        batch at a time, in UID order, starting at once. None: each chunk is
        fetched here when it is its turn (always when some are read alone)."""
        if self.workers is not None and len(uids) > PARALLEL_FROM and not alone:
            return self.workers.slim(folder, uidvalidity, uids, BATCH, self.ruleset)
        return None

    def _troubles(
        self, folder: str, uidvalidity: int, uids: list[int], now: datetime
    ) -> tuple[list[int], set[int]]:
        """The UIDs to read now, and which of them to read alone.

        A read left unfinished (a crash, a kill, a dropped connection) counts
        a failed attempt against each of its messages; a message that failed
        ATTEMPTS times is quarantined: set aside, logged, listed in `status`
        and the digest, and skipped until `retry_due()` (or the user) says to
        read it again. Every other message in trouble is read again, alone,
        even below the checkpoint.
        """
        for uid in self.store.unfinished_reading(folder, uidvalidity):
            self._failed(folder, uidvalidity, uid, "the connection or the service died reading it")
        troubles = self.store.troubles(folder, uidvalidity)
        aside = {u for u, t in troubles.items() if not retry_due(t, now)}
        alone = set(troubles) - aside
        return sorted((set(uids) | alone) - aside), alone

    def _failed(self, folder: str, uidvalidity: int, uid: int, reason: str) -> None:
        """One more failed attempt at a message; the ATTEMPTS-th quarantines
        it, and each later one (a retry that failed again) sets it aside for
        longer. The user hears of it once, the first time."""
        attempts = self.store.add_attempt(folder, uidvalidity, uid, reason)
        if attempts < ATTEMPTS:
            return
        first = attempts == ATTEMPTS
        self.store.set_aside(
            folder,
            uidvalidity,
            uid,
            f"{folder} uid {uid}, after {attempts} attempts: {reason}",
            tell=first,
        )
        log.warning(
            "folder %s, uid %d: quarantined after %d failed attempts (%s); later mail is "
            "read on; it is read again in %s, or at once after `debrief queue retry`",
            folder,
            uid,
            attempts,
            visible(reason),
            _hours(retry_delay(attempts)),
        )

    def _read(
        self,
        box: ImapMailbox,
        folder: str,
        uidvalidity: int,
        chunk: list[int],
        feed: Iterator[Batch] | None,
    ) -> Batch | None:
        """Fetch one chunk, noted as being read until `_process` records it.

        None when the server refused it (NO): each message of a longer chunk
        is then read alone; a message read alone counts a failed attempt. A
        dropped connection raises and leaves the note, which the next sync
        counts as an attempt against each message of the chunk.
        """
        self.store.begin_reading(folder, uidvalidity, chunk)
        if feed is not None:
            return next(feed)
        box.examine(folder)  # history lookups may have opened another folder
        try:
            return [(uid, parse(raw), None) for uid, raw in box.fetch_slim(chunk)]
        except IMAPClientAbortError:
            raise
        except IMAPClientError as e:
            reason = f"the server refused to send it: {describe_error(e)}"
            log.warning("folder %s, uids %d-%d: %s", folder, chunk[0], chunk[-1], visible(reason))
            with self.store.transaction():
                self.store.done_reading(folder, uidvalidity, [])
            if len(chunk) == 1:
                self._failed(folder, uidvalidity, chunk[0], reason)
            return None

    def _prefetch_history(
        self,
        folder: str,
        fetched: list[tuple[int, Message]],
        history: ImapHistory,
        since: datetime,
    ) -> list[Judged | None]:
        """Ask the server once for the history a whole batch will look up;
        -> each message's classification and extraction plan, when worked
        out (`handle()` takes them instead of working them out again).

        `foresee()` lists the lookups judging each message begins with; one
        SEARCH per folder then serves them all, instead of one per rejection
        per folder. Lookups it did not foresee still work: they go to the
        server as before.
        """
        queries: list[Query] = []
        judged: list[Judged | None] = []
        known = self._recorded = self.store.seen_of([msg.key for _, msg in fetched])
        for uid, msg in fetched:
            history.remember(folder, uid, msg)
            judged.append(None)
            if msg.date is not None and msg.date < since:
                continue
            if (msg.from_ is not None and msg.from_.addr in self.me) or msg.key in known:
                continue
            verdict = classify(msg, self.ruleset, self.me, names=self.names)
            asks, first = foresee(msg, self.ruleset, self.me, verdict)
            judged[-1] = (verdict, first)
            queries += asks
        history.prefetch(queries)
        return judged

    # -- one message ---------------------------------------------------------

    def handle(
        self,
        folder: str,
        uid: int,
        msg: Message,
        history: ImapHistory,
        since: datetime,
        known: Judged | None = None,
    ) -> None:
        """Record one (parsed) message and everything it causes (`known`: its
        classification and extraction plan, when worked out already).

        Runs inside the batch transaction opened by `_process()` (which sets
        the folder's checkpoint in it, after the batch), in a savepoint of its
        own: a message that fails is rolled back alone, recorded as an error
        and skipped. Network errors are not the message's fault: they
        propagate, the batch rolls back, and it is redone after reconnecting.
        """
        try:
            with self.store.savepoint():
                self._handle(folder, uid, msg, history, since, known)
        except (ImapError, IMAPClientError, OSError, DatabaseFault):
            raise  # the network's or the disk's fault, not the message's: redo the batch
        except Exception as e:  # a bad message must never stop the service
            log.error(
                "message %s (folder %s, uid %d) could not be handled: %s: %s",
                msg.key,
                folder,
                uid,
                type(e).__name__,
                e,
            )
            self.store.record_message(
                msg.key, folder, uid, "error", (*msg.problems, f"{type(e).__name__}: {e}")
            )
        if self._recorded is not None:  # recorded now, one way or another
            self._recorded.add(msg.key)

    def _handle(
        self,
        folder: str,
        uid: int,
        msg: Message,
        history: ImapHistory,
        since: datetime,
        known: Judged | None,
    ) -> None:
        recorded = self._recorded
        if msg.key in recorded if recorded is not None else self.store.seen(msg.key):
            return
        if msg.date is not None and msg.date < since:
            self.store.record_message(msg.key, folder, uid, "before_backfill", msg.problems)
            return
        if self.outbox is not None and self.outbox.handle_reply(msg, datetime.now(UTC)):
            self.store.record_message(msg.key, folder, uid, "digest_reply", msg.problems)
            return
        own = msg.from_ is not None and msg.from_.addr in self.me
        if not own:
            self.followups.feedback(msg)
        verdict = extraction = None
        if not own:
            known_verdict, first = known or (None, None)
            verdict, extraction = judge(
                msg, self.ruleset, self.me, history, known_verdict, first, names=self.names
            )
        category = "own" if own else (verdict.category if verdict else "other")
        self.store.record_message(msg.key, folder, uid, category, msg.problems)
        self.followups.cancellations(msg, own)
        if verdict is not None and verdict.rejection and extraction is not None:
            self.followups.detected(msg, verdict, extraction)
            if uid in self._read_alone:
                self._answered_already(msg, extraction, history)

    def _answered_already(self, rejection: Message, x: Extraction, history: ImapHistory) -> None:
        """Mail already read but dated after this rejection (which was read
        late: set aside, then read again) cancels its new drafts as it would
        have had it come in order: the outcome never depends on the order
        messages are read in. (Asked only for a message read alone: one more
        history lookup per rejection would cost a first run dearly.)"""
        if rejection.date is None or not x.employer_domains:
            return
        later = [
            (m.date, m)
            for m in history.lookup(list(x.employer_domains), None, ())
            if m.date is not None and m.date > rejection.date and m.key != rejection.key
        ]
        if not later:
            return
        done = self.store.seen_of([m.key for _, m in later])
        for _, m in sorted((p for p in later if p[1].key in done), key=lambda p: p[0]):
            self.followups.cancellations(m, m.from_ is not None and m.from_.addr in self.me)


def reading_plan(uids: list[int], alone: set[int], batch: int) -> list[list[int]]:
    """`uids` in order, in chunks of at most `batch`; a UID in `alone` is a
    chunk of its own, so one message that cannot be read takes no other with it."""
    chunks: list[list[int]] = []
    run: list[int] = []
    for uid in uids:
        if uid in alone:
            if run:
                chunks.append(run)
                run = []
            chunks.append([uid])
            continue
        run.append(uid)
        if len(run) == batch:
            chunks.append(run)
            run = []
    if run:
        chunks.append(run)
    return chunks


def retry_delay(attempts: int) -> timedelta:
    """How long a message quarantined after `attempts` failed reads waits
    before it is read again: RETRY_FIRST, times RETRY_GROWTH for each
    failure since, at most RETRY_MOST."""
    growth: int = RETRY_GROWTH ** max(0, attempts - ATTEMPTS)
    return min(RETRY_FIRST * growth, RETRY_MOST)


def retry_due(trouble: Trouble, now: datetime) -> bool:
    """Whether a message in trouble is to be read (alone) in a sync at `now`:
    always when not quarantined, else once its delay has passed."""
    if trouble.quarantined_at is None:
        return True
    return now >= trouble.quarantined_at + retry_delay(trouble.attempts)


def _hours(delay: timedelta) -> str:
    hours = round(delay.total_seconds() / 3600)
    return f"{hours} hour" if hours == 1 else f"{hours} hours"
