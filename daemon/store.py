"""The state store: one SQLite database, the single source of truth.

Invariants:
- WAL journal, foreign keys on, `synchronous=FULL`: a committed transaction
  survives a crash or power loss. Every state change is one transaction that
  also writes its event row, so the event log and the state never disagree.
- A folder checkpoint advances in the same transaction as the work for the
  message it covers: a crash leaves either both or neither.
- Draft states change only through `daemon.drafts.transition()`.
- Opening takes an exclusive lock (flock on `<db>.lock`): a second debrief on
  the same state refuses to start (after waiting LOCK_WAIT for a holder that
  only probes, as `debrief status` does). A database that fails `integrity_check` or
  is not SQLite is refused and never overwritten.
- The schema and its migrations are in `daemon/schema.py`; opening brings
  an older database up to `SCHEMA_VERSION`, one transaction per version.
- No other module runs SQL (#18): each query is a typed method here, named
  for what it means; the `meta` table's keys are `schema.MetaKey`, and any
  other key is refused. A change that spans several statements is one method
  (or one `transaction()` around methods), never SQL in the caller.

Why this module is longer than the ~400 lines #18 hoped for: it holds every
SQL statement debrief runs (about 75 methods and their row types), on
purpose, so that the SQL stays in one place. The schema, the migrations and
the `Draft` row type already live elsewhere; splitting the queries across
more modules would scatter the SQL again.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import sqlite3
import stat
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from daemon.drafts import Draft, transition
from daemon.errors import EX_DATAERR, EX_TEMPFAIL, DebriefError
from daemon.faults import injected
from daemon.schema import META_KEYS, SCHEMA_VERSION, MetaKey, migrate

log = logging.getLogger("debrief")


class StoreError(DebriefError):
    exit_status = EX_DATAERR


class StoreLocked(DebriefError):
    exit_status = EX_TEMPFAIL


# The database's own failures, as the store's callers name them (they never
# import sqlite3). Unavailable: a full, read-only or locked disk; the
# transaction rolled back, nothing is half-written, try again later. Damaged:
# the file itself is bad. Fault: either.
DatabaseUnavailable = sqlite3.OperationalError
DatabaseDamaged = sqlite3.DatabaseError
DatabaseFault = sqlite3.Error


@dataclass(frozen=True)
class Happening:
    """One row of the event log, with the draft's recipient and company."""

    id: int
    kind: str
    detail: str
    recipient: str | None
    company: str | None


# How long a starting service waits for the one-service lock: `debrief status`
# takes it for an instant to see whether a service runs, and a service that
# starts in that instant must not give up (systemd would count a failure).
LOCK_WAIT = 1.0


_SECOND: list[tuple[int, str]] = [(-1, "")]  # the current second, formatted once


def now_iso(now: datetime | None = None) -> str:
    if now is None:  # every message recorded asks: formatted once a second
        second = int(time.time())
        last = _SECOND[0]
        if last[0] != second:
            last = _SECOND[0] = (second, datetime.fromtimestamp(second, UTC).isoformat())
        return last[1]
    return now.astimezone(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Trouble:
    """A message that could not be read: to read alone again, or quarantined."""

    folder: str
    uidvalidity: int
    uid: int
    attempts: int
    reason: str
    first_at: datetime
    last_at: datetime
    quarantined_at: datetime | None


@dataclass(frozen=True)
class Checkpoint:
    """How far a folder was read (`synced_at` as recorded, ISO 8601)."""

    folder: str
    uidvalidity: int
    last_uid: int
    synced_at: str


@dataclass(frozen=True)
class Detection:
    """A rejection found in the mail."""

    id: int
    message_key: str
    company: str | None
    position: str | None
    stage: str
    score: float
    explanation: str


@dataclass(frozen=True)
class Contact:
    """Someone linked to a rejection's application, and what linked them."""

    address: str
    name: str
    evidence: str


@dataclass(frozen=True)
class ServiceStatus:
    """What the running service last reported (None: never reported)."""

    mode: str | None
    pid: str | None
    last_sync: str | None
    last_error: str | None


def _private(path: Path, mode: int) -> None:
    """Make `path` no wider than `mode` (owner only), warning when it was."""
    current = stat.S_IMODE(path.stat().st_mode)
    if current & ~mode & 0o077 == 0:
        return
    try:
        path.chmod(current & mode)
    except OSError as e:
        raise StoreError(
            f"{path}: readable by others (mode {current:04o}) and cannot be made private: "
            f"{e.strerror}"
        ) from None
    log.warning("%s was readable by others (mode %04o): now %04o", path, current, current & mode)


class Store:
    """Open with `Store.open(path)`; close with `.close()` (or use `with`)."""

    def __init__(self, db: sqlite3.Connection, path: Path, lock_fd: int) -> None:
        self.db = db
        self.path = path
        self._lock_fd = lock_fd

    # -- opening -----------------------------------------------------------

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, service: bool = True) -> Store:
        """Open the store. `service=True` also takes the one-service lock;
        command-line tools (queue, digest) share the database with a running
        service through SQLite's own locking instead."""
        p = Path(path)
        try:
            p.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as e:
            raise StoreError(
                f"{p.parent}: cannot create the state directory: {e.strerror}"
            ) from None
        # The state holds tokens, addresses and drafts: only its owner may
        # read it. A wider file is narrowed, loudly, and so is a wider
        # directory that holds nothing but this state (one shared with other
        # software is only warned about: its files are still private).
        if all(f.name.startswith(p.name) for f in p.parent.iterdir()):
            _private(p.parent, 0o700)
        elif stat.S_IMODE(p.parent.stat().st_mode) & 0o077:
            log.warning(
                "%s is shared and readable by others; the state files in it are not", p.parent
            )
        if not p.exists():
            os.close(os.open(p, os.O_RDWR | os.O_CREAT, 0o600))  # SQLite's journals follow its mode
        for f in (p, Path(f"{p}-wal"), Path(f"{p}-shm")):
            if f.exists():
                _private(f, 0o600)
        lock_fd = os.open(str(p) + ".lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            if service:
                _lock(lock_fd, LOCK_WAIT)
        except BlockingIOError:
            holder = os.pread(lock_fd, 32, 0).decode(errors="replace").strip()
            os.close(lock_fd)
            raise StoreLocked(
                f"{p}: another debrief is already using this state"
                + (f" (pid {holder})" if holder else "")
            ) from None
        if service:
            os.ftruncate(lock_fd, 0)
            os.pwrite(lock_fd, str(os.getpid()).encode(), 0)
        try:
            db = sqlite3.connect(str(p), isolation_level=None, timeout=30)
            store = cls(db, p, lock_fd)
            store._prepare()
        except sqlite3.OperationalError as e:
            # Full or read-only disk, or a lock held too long: not corruption.
            os.close(lock_fd)
            raise StoreLocked(f"{p}: cannot use the state database now: {e}") from None
        except sqlite3.DatabaseError as e:
            os.close(lock_fd)
            raise StoreError(
                f"{p}: not a usable debrief database ({e}); it was left untouched"
            ) from None
        except BaseException:
            os.close(lock_fd)
            raise
        return store

    def _prepare(self) -> None:
        db = self.db
        db.row_factory = sqlite3.Row
        result = db.execute("PRAGMA integrity_check").fetchone()[0]
        if result != "ok":
            raise StoreError(
                f"{self.path}: integrity check failed ({result}); the file was left untouched"
            )
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=FULL")
        db.execute("PRAGMA foreign_keys=ON")
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: written by a newer debrief (schema {version}, "
                f"this one knows {SCHEMA_VERSION}); upgrade debrief"
            )
        for v in range(version, SCHEMA_VERSION):
            with self.transaction():
                migrate(db, v)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.db.close()
        with contextlib.suppress(OSError):
            os.close(self._lock_fd)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any exception."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
            if injected("disk_full"):
                raise sqlite3.OperationalError("database or disk is full (injected)")
            if injected("db_corrupt"):
                raise sqlite3.DatabaseError("database disk image is malformed (injected)")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    @contextlib.contextmanager
    def savepoint(self) -> Iterator[None]:
        """A nested unit inside a transaction: rolled back alone on error."""
        self.db.execute("SAVEPOINT unit")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK TO unit")
            self.db.execute("RELEASE unit")
            raise
        self.db.execute("RELEASE unit")

    # -- checkpoints ---------------------------------------------------------

    def checkpoint(self, folder: str) -> tuple[int, int] | None:
        row = self.db.execute(
            "SELECT uidvalidity, last_uid FROM checkpoints WHERE folder = ?", (folder,)
        ).fetchone()
        return (row[0], row[1]) if row else None

    def checkpoints(self) -> list[Checkpoint]:
        """Every folder's checkpoint, by folder name."""
        return [
            Checkpoint(r["folder"], r["uidvalidity"], r["last_uid"], r["synced_at"])
            for r in self.db.execute("SELECT * FROM checkpoints ORDER BY folder")
        ]

    def set_checkpoint(self, folder: str, uidvalidity: int, last_uid: int) -> None:
        """Call inside the transaction that did the work for `last_uid`."""
        self.db.execute(
            "INSERT INTO checkpoints(folder, uidvalidity, last_uid, synced_at) VALUES (?,?,?,?) "
            "ON CONFLICT(folder) DO UPDATE SET uidvalidity=excluded.uidvalidity, "
            "last_uid=excluded.last_uid, synced_at=excluded.synced_at",
            (folder, uidvalidity, last_uid, now_iso()),
        )

    # -- messages that could not be read (the quarantine) --------------------

    def troubles(self, folder: str, uidvalidity: int) -> dict[int, Trouble]:
        """The folder's messages to read alone, or set aside, by UID."""
        rows = self.db.execute(
            "SELECT * FROM troubles WHERE folder = ? AND uidvalidity = ?", (folder, uidvalidity)
        )
        return {r["uid"]: _trouble(r) for r in rows}

    def forget_troubles(self, folder: str, uidvalidity: int) -> None:
        """Rows of another UIDVALIDITY name messages that no longer exist."""
        with self.transaction() as db:
            db.execute(
                "DELETE FROM troubles WHERE folder = ? AND uidvalidity != ?", (folder, uidvalidity)
            )

    def quarantined(self) -> list[Trouble]:
        rows = self.db.execute(
            "SELECT * FROM troubles WHERE quarantined_at IS NOT NULL "
            "ORDER BY quarantined_at, folder, uid"
        )
        return [_trouble(r) for r in rows]

    def begin_reading(self, folder: str, uidvalidity: int, uids: Sequence[int]) -> None:
        """Note, committed, that `uids` are being read; `done_reading()` in
        the transaction that records them takes the note back."""
        with self.transaction() as db:
            db.execute(
                "INSERT INTO reading(folder, uidvalidity, uids) VALUES (?,?,?) "
                "ON CONFLICT(folder) DO UPDATE SET uidvalidity = excluded.uidvalidity, "
                "uids = excluded.uids",
                (folder, uidvalidity, json.dumps(list(uids))),
            )

    def done_reading(self, folder: str, uidvalidity: int, uids: Sequence[int]) -> None:
        """Call inside the transaction that recorded `uids`: no longer in trouble."""
        self.db.execute("DELETE FROM reading WHERE folder = ?", (folder,))
        self.db.executemany(
            "DELETE FROM troubles WHERE folder = ? AND uidvalidity = ? AND uid = ?",
            [(folder, uidvalidity, u) for u in uids],
        )

    def forget_reading(self, folder: str) -> None:
        """Take back the note of a read that failed through no fault of its
        messages (the disk): it must count no attempt against them."""
        with self.transaction() as db:
            db.execute("DELETE FROM reading WHERE folder = ?", (folder,))

    def unfinished_reading(self, folder: str, uidvalidity: int) -> list[int]:
        """The UIDs a read that never finished left behind (the note is taken back)."""
        row = self.db.execute(
            "SELECT uidvalidity, uids FROM reading WHERE folder = ?", (folder,)
        ).fetchone()
        if row is None:
            return []
        with self.transaction() as db:
            db.execute("DELETE FROM reading WHERE folder = ?", (folder,))
        return (
            [int(u) for u in json.loads(row["uids"])] if row["uidvalidity"] == uidvalidity else []
        )

    def add_attempt(
        self, folder: str, uidvalidity: int, uid: int, reason: str, now: datetime | None = None
    ) -> int:
        """One more failed attempt at reading a message; returns how many."""
        at = now_iso(now)
        with self.transaction() as db:
            db.execute(
                "INSERT INTO troubles(folder, uidvalidity, uid, attempts, reason, first_at, "
                "last_at) VALUES (?,?,?,1,?,?,?) ON CONFLICT(folder, uidvalidity, uid) DO UPDATE "
                "SET attempts = attempts + 1, reason = excluded.reason, last_at = excluded.last_at",
                (folder, uidvalidity, uid, reason, at, at),
            )
            row = db.execute(
                "SELECT attempts FROM troubles WHERE folder = ? AND uidvalidity = ? AND uid = ?",
                (folder, uidvalidity, uid),
            ).fetchone()
        return int(row[0])

    def set_aside(
        self,
        folder: str,
        uidvalidity: int,
        uid: int,
        detail: str,
        now: datetime | None = None,
        tell: bool = True,
    ) -> None:
        """Quarantine a message (again) from `now`: later syncs skip it until
        its retry delay has passed or `retry_quarantined()`; with `tell`, the
        next digest tells the user (a "quarantined" event)."""
        with self.transaction() as db:
            db.execute(
                "UPDATE troubles SET quarantined_at = ? "
                "WHERE folder = ? AND uidvalidity = ? AND uid = ?",
                (now_iso(now), folder, uidvalidity, uid),
            )
            if tell:
                self.event("quarantined", None, detail)

    def retry_quarantined(self, folder: str | None = None, uid: int | None = None) -> int:
        """Give quarantined messages (all, a folder's, or one) a fresh start:
        the next sync reads each alone again. Returns how many."""
        where, args = "quarantined_at IS NOT NULL", list[Any]()
        if folder is not None:
            where += " AND folder = ?"
            args.append(folder)
        if uid is not None:
            where += " AND uid = ?"
            args.append(uid)
        with self.transaction() as db:
            return db.execute(
                f"UPDATE troubles SET quarantined_at = NULL, attempts = 0 WHERE {where}", args
            ).rowcount

    # -- marks kept between runs: the meta table (keys in daemon/schema.py) --

    def _meta(self, key: MetaKey) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (_known(key),)).fetchone()
        return str(row[0]) if row else None

    def _meta_time(self, key: MetaKey) -> datetime | None:
        value = self._meta(key)
        return datetime.fromisoformat(value) if value is not None else None

    def _set_meta(self, key: MetaKey, value: str) -> None:
        """Call inside a transaction."""
        self.db.execute(
            "INSERT INTO meta(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (_known(key), value),
        )

    def backfill_since(self) -> datetime | None:
        """The first run's cut-off, once fixed."""
        return self._meta_time("backfill_since")

    def fix_backfill_since(self, since: datetime) -> None:
        """Fix the first run's cut-off (a cut-off already fixed is kept)."""
        with self.transaction() as db:
            db.execute(
                "INSERT OR IGNORE INTO meta(key, value) VALUES ('backfill_since', ?)",
                (since.isoformat(),),
            )

    def clock_high(self) -> datetime | None:
        """The latest time this clock showed (daemon/clock.py)."""
        return self._meta_time("clock_high")

    def set_clock_high(self, when: datetime) -> None:
        with self.transaction():
            self._set_meta("clock_high", when.isoformat())

    def reset_times_after(self, now: datetime) -> None:
        """Times a clock that ran ahead recorded (the highest time seen, the
        digest anchor, the first run's cut-off) are brought back to `now`."""
        keys: tuple[MetaKey, ...] = ("clock_high", "digest_anchor", "backfill_since")
        with self.transaction() as db:
            for key in keys:
                row = db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
                if row and datetime.fromisoformat(row[0]) > now:
                    db.execute("UPDATE meta SET value = ? WHERE key = ?", (now.isoformat(), key))

    def digest_anchor(self) -> datetime | None:
        """When the last digest was handled: the schedule counts from it."""
        return self._meta_time("digest_anchor")

    def start_digest_schedule(self, now: datetime) -> None:
        """The first anchor: the schedule counts from `now` (never overwrites one)."""
        with self.transaction() as db:
            db.execute(
                "INSERT INTO meta(key, value) VALUES ('digest_anchor', ?)", (now.isoformat(),)
            )

    def digest_handled(self, now: datetime) -> None:
        """A digest was handled at `now` (mailed, or nothing to say): the
        schedule counts from `now`, and a pending retry is dropped. One
        transaction."""
        with self.transaction() as db:
            self._set_meta("digest_anchor", now.isoformat())
            db.execute("DELETE FROM meta WHERE key = 'digest_retry_at'")

    def digest_retry_at(self) -> datetime | None:
        """When a digest that was not delivered is tried again, if one was not."""
        return self._meta_time("digest_retry_at")

    def set_digest_retry(self, at: datetime) -> None:
        with self.transaction():
            self._set_meta("digest_retry_at", at.isoformat())

    def service_status(self) -> ServiceStatus:
        """What the service last reported (`debrief status`), in one read."""
        rows = dict(
            self.db.execute(
                "SELECT key, value FROM meta WHERE key IN "
                "('service_mode', 'service_pid', 'service_last_sync', 'service_last_error')"
            ).fetchall()
        )
        return ServiceStatus(
            mode=rows.get("service_mode"),
            pid=rows.get("service_pid"),
            last_sync=rows.get("service_last_sync"),
            last_error=rows.get("service_last_error"),
        )

    def set_service_status(
        self, *, mode: str, pid: str, last_sync: str, last_error: str | None = None
    ) -> None:
        """Report the service's state, in one transaction (an error is kept
        until the next one)."""
        with self.transaction():
            self._set_meta("service_mode", mode)
            self._set_meta("service_pid", pid)
            self._set_meta("service_last_sync", last_sync)
            if last_error is not None:
                self._set_meta("service_last_error", last_error)

    def service_stopped(self) -> None:
        """The service stops: its mode, if it ever reported one, is 'stopped'."""
        with self.transaction() as db:
            db.execute("UPDATE meta SET value = 'stopped' WHERE key = 'service_mode'")

    # -- messages ------------------------------------------------------------

    def seen(self, key: str) -> bool:
        return (
            self.db.execute("SELECT 1 FROM messages WHERE key = ?", (key,)).fetchone() is not None
        )

    def seen_of(self, keys: Sequence[str]) -> set[str]:
        """Which of `keys` are recorded: `seen()` for a batch, in one query
        per 500 keys."""
        out: set[str] = set()
        for i in range(0, len(keys), 500):
            chunk = keys[i : i + 500]
            marks = ",".join("?" * len(chunk))
            out.update(
                r[0]
                for r in self.db.execute(f"SELECT key FROM messages WHERE key IN ({marks})", chunk)
            )
        return out

    def record_message(
        self, key: str, folder: str, uid: int | None, category: str, problems: tuple[str, ...]
    ) -> None:
        self.db.execute(
            "INSERT OR IGNORE INTO messages(key, folder, uid, category, problems, seen_at) "
            "VALUES (?,?,?,?,?,?)",
            (key, folder, uid, category, "; ".join(problems), now_iso()),
        )

    # -- detections and drafts ---------------------------------------------

    def add_detection(
        self,
        *,
        message_key: str,
        company: str | None,
        position: str | None,
        stage: str,
        score: float,
        explanation: str,
        employer_domains: list[str],
        rejected_at: datetime,
    ) -> int:
        cur = self.db.execute(
            "INSERT INTO detections(message_key, company, position, stage, score, explanation, "
            "employer_domains, rejected_at, detected_at) VALUES (?,?,?,?,?,?,?,?,?)",
            (
                message_key,
                company,
                position,
                stage,
                score,
                explanation,
                json.dumps(employer_domains),
                now_iso(rejected_at),
                now_iso(),
            ),
        )
        detection_id = int(cur.lastrowid or 0)
        self.db.executemany(
            "INSERT OR IGNORE INTO detection_domains(domain, detection_id) VALUES (?, ?)",
            [(d, detection_id) for d in employer_domains],
        )
        self.event("detected", None, f"detection {detection_id} from {message_key}")
        return detection_id

    def detections(self) -> list[Detection]:
        """Every detection, the earliest rejection first."""
        return [
            Detection(
                r["id"],
                r["message_key"],
                r["company"],
                r["position"],
                r["stage"],
                r["score"],
                r["explanation"],
            )
            for r in self.db.execute("SELECT * FROM detections ORDER BY rejected_at")
        ]

    def rejected_at(self, detection_id: int) -> datetime | None:
        """When the rejection was sent (None: no such detection)."""
        row = self.db.execute(
            "SELECT rejected_at FROM detections WHERE id = ?", (detection_id,)
        ).fetchone()
        return datetime.fromisoformat(row[0]) if row is not None else None

    def contacts(self, detection_id: int) -> list[Contact]:
        """The people linked to a detection, by address."""
        return [
            Contact(r["address"], r["name"], r["evidence"])
            for r in self.db.execute(
                "SELECT * FROM contacts WHERE detection_id = ? ORDER BY address", (detection_id,)
            )
        ]

    def add_contact(self, detection_id: int, address: str, name: str, evidence: str) -> None:
        self.db.execute(
            "INSERT OR IGNORE INTO contacts(detection_id, address, name, evidence) "
            "VALUES (?,?,?,?)",
            (detection_id, address, name, evidence),
        )

    def already_followed(
        self, recipient: str, company: str | None, employer_domains: Sequence[str] = ()
    ) -> bool:
        """At most one follow-up per interviewer per employer, ever: an
        earlier draft to `recipient` for a rejection filed under the same
        company name (any case) or sharing an employer domain. Both, because
        two rejections of one application can name the company differently
        (the ATS mail, the recruiter's), and a later version of debrief may
        name it better than the one that made the first draft."""
        marks = ",".join("?" * len(employer_domains))
        row = self.db.execute(
            "SELECT 1 FROM drafts d JOIN detections t ON t.id = d.detection_id "
            "WHERE d.recipient = ? AND (lower(coalesce(t.company, '')) = lower(coalesce(?, '')) "
            f"OR t.id IN (SELECT detection_id FROM detection_domains WHERE domain IN ({marks})))",
            (recipient, company, *employer_domains),
        ).fetchone()
        return row is not None

    def add_draft(
        self,
        *,
        detection_id: int,
        recipient: str,
        recipient_name: str,
        subject: str,
        body: str,
        due_at: datetime,
        in_reply_to: str | None,
        references: list[str],
        message_id: str,
        token: str,
        language: str,
    ) -> int:
        t = now_iso()
        cur = self.db.execute(
            "INSERT INTO drafts(detection_id, recipient, recipient_name, subject, body, state, "
            "due_at, in_reply_to, refs, message_id, token, language, created_at, updated_at) "
            "VALUES (?,?,?,?,?,'pending',?,?,?,?,?,?,?,?)",
            (
                detection_id,
                recipient,
                recipient_name,
                subject,
                body,
                now_iso(due_at),
                in_reply_to,
                " ".join(references),
                message_id,
                token,
                language,
                t,
                t,
            ),
        )
        draft_id = int(cur.lastrowid or 0)
        self.event("drafted", draft_id, f"to {recipient}, due {now_iso(due_at)}")
        return draft_id

    def event(self, kind: str, draft_id: int | None, detail: str = "") -> None:
        self.db.execute(
            "INSERT INTO events(at, kind, draft_id, detail) VALUES (?,?,?,?)",
            (now_iso(), kind, draft_id, detail),
        )

    def apply(self, draft_id: int, event: str, detail: str = "", **changes: Any) -> str:
        """Move a draft through the state machine (inside a transaction)."""
        row = self.db.execute("SELECT state FROM drafts WHERE id = ?", (draft_id,)).fetchone()
        if row is None:
            raise StoreError(f"no draft {draft_id}")
        new_state = transition(row[0], event)
        sets = ["state = ?", "updated_at = ?"]
        values: list[Any] = [new_state, now_iso()]
        for column, value in changes.items():
            if column not in {"subject", "body", "due_at", "approved_hash", "reason"}:
                raise ValueError(f"cannot change {column}")
            sets.append(f"{column} = ?")
            values.append(now_iso(value) if isinstance(value, datetime) else value)
        self.db.execute(f"UPDATE drafts SET {', '.join(sets)} WHERE id = ?", (*values, draft_id))
        self.event(event, draft_id, detail or f"{row[0]} -> {new_state}")
        return new_state

    _DRAFT_SQL = (
        "SELECT d.*, t.company, t.position, t.message_key FROM drafts d "
        "JOIN detections t ON t.id = d.detection_id"
    )

    def drafts(self, states: tuple[str, ...] | None = None) -> list[Draft]:
        sql, args = self._DRAFT_SQL, ()
        if states:
            sql += f" WHERE d.state IN ({','.join('?' * len(states))})"
            args = states  # type: ignore[assignment]
        return [_draft(r) for r in self.db.execute(sql + " ORDER BY d.id", args)]

    def drafts_of(self, detection_id: int) -> list[Draft]:
        """A detection's drafts, by recipient."""
        sql = self._DRAFT_SQL + " WHERE d.detection_id = ? ORDER BY d.recipient"
        return [_draft(r) for r in self.db.execute(sql, (detection_id,))]

    def draft(self, draft_id: int) -> Draft | None:
        row = self.db.execute(self._DRAFT_SQL + " WHERE d.id = ?", (draft_id,)).fetchone()
        return _draft(row) if row else None

    def drafts_without_copy(self) -> list[int]:
        """Pending drafts never saved to the Drafts folder, oldest first."""
        return [
            r[0]
            for r in self.db.execute(
                "SELECT id FROM drafts WHERE state = 'pending' AND id NOT IN "
                "(SELECT draft_id FROM events WHERE kind = 'saved_to_drafts' "
                "AND draft_id IS NOT NULL) ORDER BY id"
            )
        ]

    def data_version(self) -> int:
        """Changes when another connection commits to the database (SQLite's
        PRAGMA data_version); this connection's own commits leave it alone."""
        return int(self.db.execute("PRAGMA data_version").fetchone()[0])

    def draft_keys(self) -> set[str]:
        """Every recipient, employer domain and Message-ID of any draft: what
        `open_drafts_for()` and `sent_draft_answered()` can match on. A value
        not in this set matches neither, whatever the drafts' states. A
        draft's keys never change once it is made (`apply()` cannot change
        them): only new drafts add keys."""
        return {
            r[0]
            for r in self.db.execute(
                "SELECT recipient FROM drafts UNION "
                "SELECT message_id FROM drafts WHERE message_id IS NOT NULL UNION "
                "SELECT x.domain FROM detection_domains x "
                "JOIN drafts d ON d.detection_id = x.detection_id"
            )
        }

    def sent_draft_answered(self, sender: str, refs: list[str]) -> Draft | None:
        """The first sent follow-up that a message from `sender` referring
        to `refs` answers (sent to that address, or in `refs`). Indexed: this
        runs for every incoming message."""
        marks = ",".join("?" * len(refs))
        row = self.db.execute(
            f"{self._DRAFT_SQL} WHERE d.state = 'sent' AND "
            f"(d.recipient = ? OR d.message_id IN ({marks})) ORDER BY d.id LIMIT 1",
            [sender, *refs],
        ).fetchone()
        return _draft(row) if row else None

    def open_drafts_for(self, domains: list[str], address: str | None) -> list[Draft]:
        """Drafts not yet sent whose recipient is `address` or whose employer
        has one of `domains`. One indexed query: this runs for every incoming
        message, whatever the number of drafts."""
        marks = ",".join("?" * len(domains))
        sql = (
            f"{self._DRAFT_SQL} WHERE d.id IN ("
            "SELECT id FROM drafts WHERE recipient = ? UNION "
            "SELECT r.id FROM detection_domains x JOIN drafts r ON r.detection_id = x.detection_id "
            f"WHERE x.domain IN ({marks})"
            ") AND d.state IN ('pending', 'approved', 'failed') ORDER BY d.id"
        )
        return [_draft(r) for r in self.db.execute(sql, [address, *domains])]

    # -- digests -------------------------------------------------------------

    def add_digest(
        self,
        *,
        token: str,
        message_id: str,
        subject: str,
        sent_at: datetime,
        expires_at: datetime,
        items: dict[int, str],
        text: str = "",
    ) -> int:
        last = self.db.execute("SELECT coalesce(max(id), 0) FROM events").fetchone()[0]
        cur = self.db.execute(
            "INSERT INTO digests(token, message_id, subject, sent_at, expires_at, last_event_id, "
            "text) VALUES (?,?,?,?,?,?,?)",
            (token, message_id, subject, now_iso(sent_at), now_iso(expires_at), last, text),
        )
        digest_id = int(cur.lastrowid or 0)
        for draft_id, h in items.items():
            self.db.execute("INSERT INTO digest_items VALUES (?,?,?)", (digest_id, draft_id, h))
        self.event("digest", None, f"digest {digest_id} with {len(items)} draft(s)")
        return digest_id

    def digest_text(self, digest_id: int) -> str:
        """The plain text a digest showed ("" for one sent before it was kept)."""
        row = self.db.execute("SELECT text FROM digests WHERE id = ?", (digest_id,)).fetchone()
        return str(row[0]) if row else ""

    def digest_refs(self) -> list[Any]:
        from daemon.replies import DigestRef

        return [
            DigestRef(
                r["id"],
                r["token"],
                r["message_id"],
                datetime.fromisoformat(r["expires_at"]),
                datetime.fromisoformat(r["used_at"]) if r["used_at"] else None,
            )
            for r in self.db.execute("SELECT * FROM digests")
        ]

    def digest_item_hash(self, digest_id: int, draft_id: int) -> str | None:
        row = self.db.execute(
            "SELECT hash FROM digest_items WHERE digest_id = ? AND draft_id = ?",
            (digest_id, draft_id),
        ).fetchone()
        return row[0] if row else None

    def digest_shown(self, digest_id: int) -> list[int]:
        """The drafts a digest showed, in its order."""
        return [
            int(r[0])
            for r in self.db.execute(
                "SELECT draft_id FROM digest_items WHERE digest_id = ? ORDER BY rowid",
                (digest_id,),
            )
        ]

    def set_digest_item_hash(self, digest_id: int, draft_id: int, content_hash: str) -> None:
        """The text an approval of this digest's item covers from now on
        (the user edited it in a reply to the digest). Inside a transaction."""
        self.db.execute(
            "UPDATE digest_items SET hash = ? WHERE digest_id = ? AND draft_id = ?",
            (content_hash, digest_id, draft_id),
        )

    def digest_answered(self, digest_id: int, now: datetime) -> None:
        """Note the first answer to a digest (later ones leave it). Inside a transaction."""
        self.db.execute(
            "UPDATE digests SET used_at = ? WHERE id = ? AND used_at IS NULL",
            (now.isoformat(), digest_id),
        )

    def last_digest_event(self) -> int:
        """The newest event the last digest reported (0 before any digest)."""
        row = self.db.execute(
            "SELECT last_event_id FROM digests ORDER BY id DESC LIMIT 1"
        ).fetchone()
        return int(row[0]) if row else 0

    def events_since(self, event_id: int) -> list[Happening]:
        return [
            Happening(r["id"], r["kind"], r["detail"] or "", r["recipient"], r["company"])
            for r in self.db.execute(
                "SELECT e.id, e.kind, e.detail, d.recipient, t.company FROM events e "
                "LEFT JOIN drafts d ON d.id = e.draft_id "
                "LEFT JOIN detections t ON t.id = d.detection_id "
                "WHERE e.id > ? ORDER BY e.id",
                (event_id,),
            )
        ]

    def drafts_made_since(self, since: datetime) -> int:
        return int(
            self.db.execute(
                "SELECT count(*) FROM drafts WHERE created_at >= ?", (now_iso(since),)
            ).fetchone()[0]
        )

    def last_draft_id(self) -> int:
        """The newest draft's id (0 without drafts): drafts made later have larger ids."""
        return int(self.db.execute("SELECT coalesce(max(id), 0) FROM drafts").fetchone()[0])

    def drafts_made_after(self, draft_id: int) -> int:
        return int(
            self.db.execute("SELECT count(*) FROM drafts WHERE id > ?", (draft_id,)).fetchone()[0]
        )

    def count_events(self, kind: str, since: datetime) -> int:
        """How many events of `kind` were recorded at or after `since`."""
        return int(
            self.db.execute(
                "SELECT count(*) FROM events WHERE kind = ? AND at >= ?", (kind, now_iso(since))
            ).fetchone()[0]
        )

    def send_tries(self, draft_id: int) -> int:
        """How often sending a draft was put off to try again ("retry" events)."""
        return int(
            self.db.execute(
                "SELECT count(*) FROM events WHERE draft_id = ? AND kind = 'retry'", (draft_id,)
            ).fetchone()[0]
        )

    def sends_since(self, since: datetime) -> int:
        return self.count_events("send", since)

    def evidence(self, detection_id: int, address: str) -> str:
        """What linked this person to the application ("calendar attendee (day)", ...)."""
        row = self.db.execute(
            "SELECT evidence FROM contacts WHERE detection_id = ? AND address = ?",
            (detection_id, address),
        ).fetchone()
        return str(row[0]) if row else ""

    def explanation(self, detection_id: int) -> str:
        row = self.db.execute(
            "SELECT explanation FROM detections WHERE id = ?", (detection_id,)
        ).fetchone()
        return str(row[0]) if row else ""

    def counts(self) -> dict[str, int]:
        return {
            r[0]: r[1] for r in self.db.execute("SELECT state, count(*) FROM drafts GROUP BY state")
        }


def _known(key: MetaKey) -> str:
    if key not in META_KEYS:
        raise ValueError(f"unknown meta key {key!r}")
    return key


def _trouble(r: sqlite3.Row) -> Trouble:
    return Trouble(
        folder=r["folder"],
        uidvalidity=r["uidvalidity"],
        uid=r["uid"],
        attempts=r["attempts"],
        reason=r["reason"],
        first_at=datetime.fromisoformat(r["first_at"]),
        last_at=datetime.fromisoformat(r["last_at"]),
        quarantined_at=(
            datetime.fromisoformat(r["quarantined_at"]) if r["quarantined_at"] else None
        ),
    )


def _draft(r: sqlite3.Row) -> Draft:
    return Draft(
        id=r["id"],
        detection_id=r["detection_id"],
        recipient=r["recipient"],
        recipient_name=r["recipient_name"],
        subject=r["subject"],
        body=r["body"],
        state=r["state"],
        due_at=datetime.fromisoformat(r["due_at"]),
        in_reply_to=r["in_reply_to"],
        references=tuple(r["refs"].split()),
        message_id=r["message_id"],
        token=r["token"],
        approved_hash=r["approved_hash"],
        reason=r["reason"],
        language=r["language"],
        company=r["company"],
        position=r["position"],
        rejection_key=r["message_key"],
    )


def _lock(fd: int, wait: float) -> None:
    """An exclusive flock on `fd`, tried for up to `wait` seconds; then
    BlockingIOError, as a non-blocking flock raises it."""
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise
            time.sleep(0.05)
