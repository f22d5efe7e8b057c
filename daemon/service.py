"""The service: watch IMAP, detect rejections, queue drafts, all through the store.

Contract:
- The folder sync (`daemon/sync.py`) handles each message in one store
  transaction with its checkpoint, deduplicates by key, skips (and records)
  a message it cannot handle, and never changes the user's mail.
- IDLE is only a wake-up hint: every wake-up, and a poll at least every
  `poll_interval` (and every 10 minutes at most), asks the server for UIDs
  above the checkpoint. Errors drop the connection and reconnect with
  exponential backoff and jitter; a refused login ends the run (exit 77).
"""

from __future__ import annotations

import contextlib
import logging
import os
import random
import ssl
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from imapclient.exceptions import IMAPClientError

from daemon.config import Config
from daemon.errors import AuthError, ClockError, ConfigError
from daemon.imap import ImapError, ImapMailbox, describe_error
from daemon.notify import Notifier
from daemon.outbox import Outbox
from daemon.policy import FollowUps
from daemon.prefetch import Workers
from daemon.rules import RuleSet
from daemon.store import DatabaseFault, DatabaseUnavailable, Store
from daemon.sync import FolderSync
from daemon.watch import FolderWatch, new_mail

log = logging.getLogger("debrief.service")

IDLE_MAX = 600  # re-enter IDLE at least every 10 minutes
Connect = Callable[[], ImapMailbox]


class Service(FolderSync):
    """The service loop; `sync()` and the handling of each message are
    `daemon.sync.FolderSync`'s."""

    def __init__(
        self,
        cfg: Config,
        store: Store,
        ruleset: RuleSet,
        connect: Connect,
        outbox: Outbox | None = None,
        workers: Workers | None = None,
    ) -> None:
        assert cfg.imap is not None
        self.cfg = cfg
        self.imap = cfg.imap
        self.store = store
        self.ruleset = ruleset
        self.connect = connect
        # Long runs fetch and parse in worker processes (daemon/prefetch.py) when given.
        self.workers = workers
        self.followups = FollowUps(cfg, store, ruleset.senders)
        self.stop = threading.Event()
        self.wake = threading.Event()  # set by the scheduler: time to send or mail a digest
        self.arrived = threading.Event()  # set by a FolderWatch: mail in another folder
        self.outbox = outbox
        self.scheduler: Any = None
        self.notifier = Notifier()
        self.ready_sent = False
        self.reload_requested = threading.Event()
        # Returns a fresh (config, rules) or raises; set by the command line.
        self.reloader: Callable[[], tuple[Config, RuleSet]] | None = None
        self.box: ImapMailbox | None = None
        self.mode = "starting"
        self.last_sync: dict[str, str] = {}
        # The keys recorded in the store, as of the batch being handled (read
        # once for the batch, then kept up to date); None outside a batch.
        self._recorded: set[str] | None = None
        self.last_heartbeat = 0.0
        self.clock_problem: str | None = None  # set by each sync (daemon/clock.py)
        self._clock_said: str | None = None
        self._server_now: datetime | None = None

    # -- running -------------------------------------------------------------

    def tick(self, box: ImapMailbox | None) -> None:
        """Send what is approved and due; mail the digest when it is due."""
        if self.outbox is None or self.clock_problem is not None:
            return  # a wrong clock sends and schedules nothing
        now = datetime.now(UTC)
        self.outbox.send_due(box, now)
        if self.outbox.digest_due(now):
            self.outbox.send_digest(now)
        if self.scheduler is not None:
            # Exact wake-ups for approved drafts, rebuilt from the store each time.
            from apscheduler.triggers.date import DateTrigger

            for d in self.store.drafts(("approved",)):
                if d.due_at > now:
                    self.scheduler.add_job(
                        self.wake.set,
                        DateTrigger(d.due_at),
                        id=f"send-{d.id}",
                        replace_existing=True,
                    )

    def run_once(self) -> int:
        box = self.connect()
        try:
            if self.outbox is not None:
                self.outbox.reconcile(box)
            n = self.sync(box)
            if self.clock_problem is not None:
                raise ClockError(self.clock_problem)
            self.tick(box)
            return n
        except (IMAPClientError, ConnectionError, TimeoutError, ssl.SSLError) as e:
            # What run_forever retries after a backoff is, for one pass, a
            # temporary failure (EX_TEMPFAIL): cron or a timer runs it again.
            raise ImapError(f"connection lost: {describe_error(e)}") from None
        finally:
            box.close()

    def run_forever(self) -> None:
        """Until `stop` is set: sync, IDLE (or poll), reconnect on errors."""
        backoff = 1.0
        scheduler = self._scheduler()
        try:
            self._loop(backoff)
        finally:
            self.notifier.stopping()
            scheduler.shutdown(wait=False)
            with contextlib.suppress(Exception):
                self.store.service_stopped()

    def _scheduler(self) -> Any:
        """APScheduler is only a timer: its jobs set `wake`; the store holds all state."""
        from apscheduler.schedulers.background import BackgroundScheduler
        from apscheduler.triggers.cron import CronTrigger
        from apscheduler.triggers.interval import IntervalTrigger

        scheduler = BackgroundScheduler(
            timezone=self.cfg.identity.tz,
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
        )
        scheduler.add_job(
            self.wake.set,
            CronTrigger.from_crontab(self.cfg.digest.schedule, timezone=self.cfg.identity.tz),
            id="digest",
            replace_existing=True,
        )
        # Due times are checked every minute; the window and caps live in the store.
        scheduler.add_job(
            self.wake.set, IntervalTrigger(seconds=60), id="send", replace_existing=True
        )
        scheduler.start()
        self.scheduler = scheduler
        return scheduler

    def _loop(self, backoff: float) -> None:
        while not self.stop.is_set():
            watches: list[FolderWatch] = []
            try:
                self.box = self.connect()
                if not self.ready_sent:
                    self.notifier.ready("connected; first sync")
                    self.ready_sent = True
                if self.outbox is not None:
                    # Every (re)connect: a draft left `sending` by an error that
                    # escaped the send step is in doubt, never retried blindly.
                    self.outbox.reconcile(self.box)
                self.sync(self.box)
                backoff = 1.0  # only a successful pass resets the backoff
                self.tick(self.box)
                self._report()
                # IDLE reports on the selected folder only: every other
                # watched folder gets a connection of its own, IDLE there.
                watches = [
                    FolderWatch(self.connect, f, self.arrived, IDLE_MAX).start()
                    for f in self.imap.folders[1:]
                ]
                while not self.stop.is_set():
                    self._wait(self.box)
                    self.arrived.clear()  # the sync below reads every folder
                    if self.reload_requested.is_set():
                        self.reload_requested.clear()
                        # systemd's reload protocol: `systemctl reload` returns
                        # once the new settings are in use, or refused.
                        self.notifier.reloading()
                        reconnect = self._reload()
                        self.notifier.ready()
                        if reconnect:
                            break  # reconnect with the new settings
                    self.sync(self.box)
                    if self.wake.is_set():
                        self.wake.clear()
                        self.tick(self.box)
                    self._report()
            except AuthError:
                raise
            except DatabaseUnavailable as e:
                # Full or read-only disk: nothing half-written (the transaction
                # rolled back); report and try again later.
                delay = min(300.0, backoff) * random.uniform(0.5, 1.5)
                log.error("state database: %s; retrying in %.0f s", e, delay)
                self.notifier.status(f"state database error: {e}")
                backoff *= 2
                self.stop.wait(delay)
            except (ImapError, IMAPClientError, OSError, TimeoutError) as e:
                delay = min(300.0, backoff) * random.uniform(0.5, 1.5)
                log.warning("IMAP connection lost (%s); reconnecting in %.0f s", e, delay)
                self.mode = "reconnecting"
                with contextlib.suppress(DatabaseFault):
                    self._report(error=f"IMAP: {e}")
                backoff *= 2
                self.stop.wait(delay)
            finally:
                for w in watches:
                    w.close()
                if self.box is not None:
                    self.box.close()
                    self.box = None

    def _reload(self) -> bool:
        """SIGHUP: new config and rules, or keep the old ones. True: reconnect."""
        if self.reloader is None:
            return False
        try:
            cfg, ruleset = self.reloader()
        except Exception as e:  # a broken new config must not stop a working service
            log.error("reload refused, keeping the running configuration: %s", e)
            return False
        if cfg.imap is None:
            log.error("reload refused: the new configuration has no [imap] table")
            return False
        try:
            self.followups.configure(cfg, ruleset.senders)
        except ConfigError as e:
            log.error("reload refused, keeping the running configuration: %s", e)
            return False
        self.cfg, self.imap, self.ruleset = cfg, cfg.imap, ruleset
        if self.outbox is not None:
            self.outbox.cfg, self.outbox.senders = cfg, ruleset.senders
            self.outbox.me = self.me
        log.info("reloaded configuration and %d rules", len(ruleset.rules))
        return True

    def _report(self, error: str | None = None) -> None:
        """What `debrief status` and systemd's STATUS= show."""
        counts = self.store.counts()
        waiting = sum(counts.get(s, 0) for s in ("pending", "in_doubt", "failed"))
        last = max(self.last_sync.values(), default="never")
        nxt = self.outbox.next_digest(datetime.now(UTC)) if self.outbox else None
        self.notifier.status(
            f"{self.mode}; last sync {last}; {waiting} draft(s) awaiting you; next digest "
            + (nxt.isoformat(timespec="minutes") if nxt else "-")
        )
        self.store.set_service_status(
            mode=self.mode,
            pid=str(os.getpid()),
            last_sync=last,
            last_error=(
                f"{datetime.now(UTC).isoformat(timespec='seconds')} {error}" if error else None
            ),
        )

    def _wait(self, box: ImapMailbox) -> None:
        """IDLE on the first folder until new mail (there, or in another folder
        a FolderWatch reports), the poll interval, or stop."""
        limit = min(self.cfg.watch.poll_interval, IDLE_MAX)
        deadline = time.monotonic() + limit
        box.examine(self.imap.folders[0])
        if b"IDLE" not in box.client.capabilities():
            self.mode = "polling"
            self._report()
            self.wake.wait(limit)  # stop() sets wake too (polled: other folders are too)
            return
        if self.mode != "idle":
            self.mode = "idle"
            self._report()
        # Short slices while other folders are watched: their news comes as
        # `arrived`, seen at the next slice.
        slice_s = 1.0 if len(self.imap.folders) > 1 else 5.0
        slice_s = min(slice_s, self.notifier.watchdog_interval or 5.0)
        box.client.idle()
        try:
            while (
                not self.stop.is_set()
                and not self.wake.is_set()
                and not self.arrived.is_set()
                and not self.reload_requested.is_set()
                and time.monotonic() < deadline
            ):
                self.notifier.watchdog()
                if new_mail(box, max(0.1, min(slice_s, deadline - time.monotonic()))):
                    break
        finally:
            box.client.idle_done()
        if time.monotonic() - self.last_heartbeat >= 600:
            self.last_heartbeat = time.monotonic()
            log.info(
                "heartbeat: %s, last sync %s, drafts %s",
                self.mode,
                max(self.last_sync.values(), default="never"),
                self.store.counts(),
            )
