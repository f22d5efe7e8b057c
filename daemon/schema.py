"""The state database's schema, as the migrations that build it.

Schema versions live in `PRAGMA user_version`; `MIGRATIONS[i]` takes version
i to i+1, and `migrate()` runs it inside the transaction the store opened for
it (`Store._prepare()`), so a crash leaves a database at one version or the
next.
"""

from __future__ import annotations

import sqlite3
from typing import Literal, get_args

MIGRATIONS: list[str] = [
    # 0 -> 1: the initial schema
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE checkpoints (
        folder TEXT PRIMARY KEY,
        uidvalidity INTEGER NOT NULL,
        last_uid INTEGER NOT NULL,
        synced_at TEXT NOT NULL
    );
    CREATE TABLE messages (
        key TEXT PRIMARY KEY,
        folder TEXT NOT NULL,
        uid INTEGER,
        category TEXT NOT NULL,
        problems TEXT NOT NULL DEFAULT '',
        seen_at TEXT NOT NULL
    );
    CREATE TABLE detections (
        id INTEGER PRIMARY KEY,
        message_key TEXT NOT NULL UNIQUE REFERENCES messages(key),
        company TEXT,
        position TEXT,
        stage TEXT NOT NULL,
        score REAL NOT NULL,
        explanation TEXT NOT NULL,
        employer_domains TEXT NOT NULL,
        rejected_at TEXT NOT NULL,
        detected_at TEXT NOT NULL
    );
    CREATE TABLE contacts (
        detection_id INTEGER NOT NULL REFERENCES detections(id),
        address TEXT NOT NULL,
        name TEXT NOT NULL,
        evidence TEXT NOT NULL,
        PRIMARY KEY (detection_id, address)
    );
    CREATE TABLE drafts (
        id INTEGER PRIMARY KEY,
        detection_id INTEGER NOT NULL REFERENCES detections(id),
        recipient TEXT NOT NULL,
        recipient_name TEXT NOT NULL,
        subject TEXT NOT NULL,
        body TEXT NOT NULL,
        state TEXT NOT NULL,
        due_at TEXT NOT NULL,
        in_reply_to TEXT,
        refs TEXT NOT NULL DEFAULT '',
        message_id TEXT NOT NULL UNIQUE,
        token TEXT NOT NULL UNIQUE,
        approved_hash TEXT,
        reason TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (detection_id, recipient)
    );
    CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        kind TEXT NOT NULL,
        draft_id INTEGER REFERENCES drafts(id),
        detail TEXT NOT NULL DEFAULT ''
    );
    """,
    # 1 -> 2: the language a draft was written in, and faster event queries
    """
    ALTER TABLE drafts ADD COLUMN language TEXT NOT NULL DEFAULT 'en';
    CREATE INDEX events_by_draft ON events(draft_id);
    CREATE INDEX drafts_by_state ON drafts(state, due_at);
    """,
    # 2 -> 3: digests and what each one showed
    """
    CREATE TABLE digests (
        id INTEGER PRIMARY KEY,
        token TEXT NOT NULL UNIQUE,
        message_id TEXT NOT NULL UNIQUE,
        subject TEXT NOT NULL,
        sent_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        used_at TEXT,
        last_event_id INTEGER NOT NULL
    );
    CREATE TABLE digest_items (
        digest_id INTEGER NOT NULL REFERENCES digests(id),
        draft_id INTEGER NOT NULL REFERENCES drafts(id),
        hash TEXT NOT NULL,
        PRIMARY KEY (digest_id, draft_id)
    );
    """,
    # 3 -> 4: the employer domains of a detection as rows, so the open drafts
    # an incoming message concerns are found by index (this runs for every
    # message, and a first run over a big mailbox leaves thousands of drafts)
    """
    CREATE TABLE detection_domains (
        domain TEXT NOT NULL,
        detection_id INTEGER NOT NULL REFERENCES detections(id),
        PRIMARY KEY (domain, detection_id)
    ) WITHOUT ROWID;
    INSERT OR IGNORE INTO detection_domains(domain, detection_id)
        SELECT j.value, t.id FROM detections t, json_each(t.employer_domains) j;
    CREATE INDEX drafts_by_recipient ON drafts(recipient);
    """,
    # 4 -> 5: messages that could not be read (sync.py's quarantine): a
    # row is a message to read again alone; one with quarantined_at is set
    # aside until the user asks for a retry. `reading` is the chunk of UIDs
    # a sync is reading now: a crash, a kill or a dropped connection leaves
    # it behind, and the next sync counts an attempt against each of them.
    """
    CREATE TABLE troubles (
        folder TEXT NOT NULL,
        uidvalidity INTEGER NOT NULL,
        uid INTEGER NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        reason TEXT NOT NULL DEFAULT '',
        first_at TEXT NOT NULL,
        last_at TEXT NOT NULL,
        quarantined_at TEXT,
        PRIMARY KEY (folder, uidvalidity, uid)
    );
    CREATE TABLE reading (
        folder TEXT PRIMARY KEY,
        uidvalidity INTEGER NOT NULL,
        uids TEXT NOT NULL
    );
    """,
    # 5 -> 6: the plain text each digest showed, so that a reply's lines found
    # in it verbatim are never taken for the user's commands (replies.py)
    """
    ALTER TABLE digests ADD COLUMN text TEXT NOT NULL DEFAULT '';
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)

# The keys of the `meta` table: the store reads and writes these and refuses
# any other (values are ISO 8601 times, or text for the service_* keys).
MetaKey = Literal[
    "backfill_since",  # the first run's cut-off, fixed once (older mail is only recorded)
    "clock_high",  # the latest time this clock showed (daemon/clock.py)
    "digest_anchor",  # when the last digest was handled: the schedule counts from it
    "digest_retry_at",  # when a digest that was not delivered is tried again
    "service_mode",  # what the running service does now, for `debrief status`
    "service_pid",
    "service_last_sync",
    "service_last_error",
]
META_KEYS: frozenset[str] = frozenset(get_args(MetaKey))


def migrate(db: sqlite3.Connection, version: int) -> None:
    """Take the schema from `version` to `version + 1` (inside a transaction)."""
    for statement in _statements(MIGRATIONS[version]):
        db.execute(statement)
    db.execute(f"PRAGMA user_version={version + 1}")


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]
