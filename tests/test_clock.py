"""Clock sanity: a wrong clock drafts, sends and schedules nothing.

Pure rules first (daemon/clock.py), then the service against the real
Dovecot, whose INTERNALDATE is the server's own clock.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from imapclient import IMAPClient

from daemon.cli import main
from daemon.clock import clock_problem, marks_ahead
from daemon.devservers.dovecot import Dovecot, User
from daemon.errors import EX_OK, EX_TEMPFAIL
from tests import trust
from tests.configs import ALEX, write_config
from tests.mailboxes import application

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("high", "server", "wrong"),
    [
        (None, None, False),  # nothing to compare with
        (NOW - timedelta(hours=1), NOW - timedelta(days=2), False),  # time moved on
        (NOW + timedelta(minutes=5), None, False),  # within the skew
        (None, NOW + timedelta(days=400), True),  # behind the server's delivery
        (NOW + timedelta(hours=3), None, True),  # stepped back: wait for it
        (NOW + timedelta(days=800), NOW - timedelta(days=1), False),  # the mark ran ahead
    ],
)
def test_clock_problem(high: datetime | None, server: datetime | None, wrong: bool) -> None:
    assert (clock_problem(NOW, high, server) is not None) == wrong


def test_marks_far_ahead_were_left_by_a_clock_running_ahead() -> None:
    assert marks_ahead(NOW, NOW + timedelta(days=800))
    assert not marks_ahead(NOW, NOW + timedelta(hours=3))
    assert not marks_ahead(NOW, None)


def _meta(cfg: Path, key: str) -> str | None:
    db = sqlite3.connect(cfg.parent / "state" / "debrief.sqlite3")
    row = db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    db.close()
    return None if row is None else str(row[0])


def _set_meta(cfg: Path, key: str, value: str) -> None:
    db = sqlite3.connect(cfg.parent / "state" / "debrief.sqlite3")
    db.execute("UPDATE meta SET value = ? WHERE key = ?", (value, key))
    db.commit()
    db.close()


def test_a_clock_behind_the_server_processes_nothing_until_right(
    dovecot: Dovecot,
    imap_user: User,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """This machine's clock two years behind the server that delivered the
    mail (Dovecot will not take an INTERNALDATE in its future, so the
    service's clock is moved back instead): nothing is recorded, drafted or
    scheduled, the log says why, and `run --once` exits 75 (try later)."""
    from daemon import service, sync

    class Behind(datetime):
        @classmethod
        def now(cls, tz: object = None) -> datetime:  # type: ignore[override]
            return datetime.now(UTC) - timedelta(days=2 * 365)

    monkeypatch.setattr(service, "datetime", Behind)
    monkeypatch.setattr(sync, "datetime", Behind)  # the sync reads the clock
    cfg = write_config(tmp_path, dovecot, imap_user, me=ALEX, watch={"backfill_days": 3650})
    c = IMAPClient("127.0.0.1", port=dovecot.port, ssl=False, timeout=10)
    c.login(imap_user.name, imap_user.password)
    for raw in application(1):
        c.append("INBOX", raw)
    c.logout()
    assert main(["run", "--once", "--config", str(cfg)]) == EX_TEMPFAIL
    err = capsys.readouterr().err
    assert "is behind the mail server" in err and "nothing is drafted" in err
    db = sqlite3.connect(tmp_path / "state" / "debrief.sqlite3")
    assert db.execute("SELECT count(*) FROM messages").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM drafts").fetchone()[0] == 0
    assert _meta(cfg, "backfill_since") is None  # nothing anchored
    db.close()
    trust.add(runs=1, hostile_mail_cases=1)


def test_a_clock_that_steps_back_waits_and_marks_left_far_ahead_are_reset(
    dovecot: Dovecot, imap_user: User, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cfg = write_config(tmp_path, dovecot, imap_user, me=ALEX, watch={"backfill_days": 3650})
    c = IMAPClient("127.0.0.1", port=dovecot.port, ssl=False, timeout=10)
    c.login(imap_user.name, imap_user.password)
    c.append("INBOX", application(1)[0])
    c.logout()
    assert main(["run", "--once", "--config", str(cfg)]) == EX_OK
    assert _meta(cfg, "clock_high") is not None
    # Recorded two hours ahead of now: the clock stepped back; it waits.
    _set_meta(cfg, "clock_high", (datetime.now(UTC) + timedelta(hours=2)).isoformat())
    assert main(["run", "--once", "--config", str(cfg)]) == EX_TEMPFAIL
    assert "went back" in capsys.readouterr().err
    # Recorded years ahead (by a clock that ran ahead), with a digest anchor
    # as far out: reset to now, loudly, and the service goes on.
    far = (datetime.now(UTC) + timedelta(days=3 * 365)).isoformat()
    _set_meta(cfg, "clock_high", far)
    _set_meta(cfg, "backfill_since", far)
    assert main(["run", "--once", "--config", str(cfg)]) == EX_OK
    assert "left by a clock that ran ahead" in capsys.readouterr().err
    for key in ("clock_high", "backfill_since"):
        value = _meta(cfg, key)
        assert value is not None and datetime.fromisoformat(value) <= datetime.now(UTC)
    trust.add(runs=3)
