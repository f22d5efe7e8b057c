"""Alex's world for sending tests: a mailbox on the real Dovecot, the real
SMTP server, a config for both, and debrief run as the user runs it.

The `world` fixture (conftest.py) is this world with Mia Lind's interview
and rejection in the inbox, read once: a draft to Mia and one to Omar Lee.
"""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from imapclient import IMAPClient

from daemon.cli import main
from daemon.devservers.dovecot import Dovecot, User
from daemon.devservers.smtpserver import SmtpServer
from tests.configs import ALEX, ANY_TIME, Table, far_hour, write_config

ROOT = Path(__file__).resolve().parent.parent
# A daily digest that never falls due while a test runs (in Alex's time zone).
DIGEST_HOUR = far_hour("Europe/Berlin")


class World:
    def __init__(self, dovecot: Dovecot, user: User, smtp: SmtpServer, tmp: Path) -> None:
        self.dovecot, self.user, self.smtp, self.tmp = dovecot, user, smtp, tmp
        self.cfg = tmp / "config.toml"
        self.write_config()

    def write_config(
        self,
        *,
        smtp: SmtpServer | None = None,
        smtp_timeout: int = 10,
        followup: Table | None = None,
        digest: Table | None = None,
    ) -> None:
        """The config afresh: follow-ups due at once and sent at any time
        (and the keys of `followup`), a daily digest (and the keys of
        `digest`), 30 days of backfill; sending through `smtp` (another
        server with the same certificate) instead of the world's own."""
        write_config(
            self.tmp,
            self.dovecot,
            self.user,
            smtp or self.smtp,
            me=ALEX,
            smtp_timeout=smtp_timeout,
            followup={**ANY_TIME, **(followup or {})},
            digest={"schedule": f"0 {DIGEST_HOUR} * * *", **(digest or {})},
            watch={"backfill_days": 30},
            state="state.sqlite3",
        )

    def imap(self) -> IMAPClient:
        c = IMAPClient("127.0.0.1", port=self.dovecot.port, ssl=False, timeout=10)
        c.login(self.user.name, self.user.password)
        return c

    def append(self, raw: bytes, folder: str = "INBOX") -> None:
        c = self.imap()
        c.append(folder, raw)
        c.logout()

    def run(self) -> int:
        """The service as a real subprocess, one pass (`debrief run --once`)."""
        done = subprocess.run(
            [sys.executable, "-m", "daemon", "run", "--once", "--config", str(self.cfg)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
        assert "Traceback" not in done.stderr, done.stderr
        return done.returncode

    def cli(self, *args: str) -> subprocess.CompletedProcess[str]:
        """`debrief ARGS --config CFG` as a subprocess (flags before the command)."""
        return subprocess.run(
            [sys.executable, "-m", "daemon", *args, "--config", str(self.cfg)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )

    def set_meta(self, key: str, when: datetime) -> None:
        """Move a schedule mark in the state (as if time had passed)."""
        db = sqlite3.connect(self.tmp / "state.sqlite3")
        db.execute("UPDATE meta SET value = ? WHERE key = ?", (when.isoformat(), key))
        db.commit()
        db.close()

    def meta(self, key: str) -> str | None:
        db = sqlite3.connect(self.tmp / "state.sqlite3")
        row = db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        db.close()
        return str(row[0]) if row else None

    def drafts(self) -> dict[str, dict[str, object]]:
        db = sqlite3.connect(self.tmp / "state.sqlite3")
        db.row_factory = sqlite3.Row
        rows = {r["recipient"]: dict(r) for r in db.execute("SELECT * FROM drafts")}
        db.close()
        return rows

    def followups(self) -> list[object]:
        return [m for m in self.smtp.messages if "X-Debrief-Draft" in m.message]

    def digests(self) -> list[object]:
        return [m for m in self.smtp.messages if m.message["X-Debrief-Digest"]]


def send_digest(w: World) -> tuple[str, str, str]:
    """`debrief digest --send-now`: the digest's subject, Message-ID and token."""
    assert main(["digest", "--send-now", "--config", str(w.cfg)]) == 0
    digest = w.digests()[-1].message
    token = re.search(r"\[debrief:([\w-]+)\]", digest["Subject"]).group(1)
    return str(digest["Subject"]), str(digest["Message-ID"]), token
