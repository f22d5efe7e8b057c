"""Quarantine, never block: a message the server cannot send is set aside
after a few attempts, and the mail after it flows (real Dovecot).

Dovecot answers a FETCH it cannot serve (here: a message file it may not
read) by dropping the connection (its default, `imap_fetch_failure =
disconnect-immediately`) or with NO after the rest (`no-after`); both are
tested. Each `run --once` is one pass, as cron or a restart would make it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from imapclient import IMAPClient

from daemon.cli import main
from daemon.devservers.dovecot import Dovecot, User, dovecot_binary
from daemon.devservers.smtpserver import SmtpServer
from daemon.errors import EX_OK, EX_TEMPFAIL
from daemon.store import Store, Trouble
from daemon.sync import reading_plan, retry_delay, retry_due
from tests.configs import ALEX, write_config
from tests.mail import build, ics
from tests.mailboxes import ME
from tests.trust import add

DANA = "dana.reyes@acme-robotics.example"
INVITE = build(
    subject="Interview for the Robotics Engineer role",
    body="Hi Alex,\n\nplease find the invitation for our video interview attached.\n\nDana",
    ics=ics(attendees=(DANA, ME)),
    msgid="<invite@acme-robotics.example>",
)
POISON = build(sender="Bulk <news@letters.example>", subject="POISON news", body="weekly news")
REJECTION = build(
    subject="Your application for Robotics Engineer",
    body=(
        "Hi Alex,\n\nthank you for taking the time to interview with us last week. After "
        "careful consideration we have decided not to move forward with your application "
        "for the Robotics Engineer role.\n\nBest wishes,\nDana Reyes"
    ),
    msgid="<rejection@acme-robotics.example>",
    date=None,
)


def seed(dovecot: Dovecot, user: User) -> Path:
    """The invitation, the poison message and the rejection, in that UID
    order; returns the poison's file, made unreadable to Dovecot."""
    c = IMAPClient("127.0.0.1", port=dovecot.port, ssl=False, timeout=10)
    c.login(user.name, user.password)
    for raw in (INVITE, POISON, REJECTION):
        c.append("INBOX", raw)
    c.logout()
    maildir = dovecot.maildir(user)
    (poison,) = [
        f for f in (*maildir.glob("new/*"), *maildir.glob("cur/*")) if b"POISON" in f.read_bytes()
    ]
    os.chmod(poison, 0)
    return poison


def readable(poison: Path) -> None:
    """The poison file, readable again (its name may have moved to cur/)."""
    for f in poison.parent.parent.glob(f"*/{poison.name.split(':')[0]}*"):
        os.chmod(f, 0o600)
        os.chown(f, 65534, 65534)


def quarantined(cfg: Path, capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    """What `debrief status --json` lists as quarantined."""
    capsys.readouterr()
    assert main(["status", "--json", "--config", str(cfg)]) == EX_OK
    out: list[dict[str, Any]] = json.loads(capsys.readouterr().out)["quarantined"]
    return out


def later(cfg: Path, hours: float) -> None:
    """As if `hours` had passed since every quarantine began."""
    with Store.open(Path(cfg.parent / "state" / "debrief.sqlite3"), service=False) as store:
        for t in store.quarantined():
            assert t.quarantined_at is not None
            with store.transaction() as db:
                db.execute(
                    "UPDATE troubles SET quarantined_at = ? WHERE uid = ?",
                    ((t.quarantined_at - timedelta(hours=hours)).isoformat(), t.uid),
                )


def drafts_to(cfg: Path) -> list[str]:
    with Store.open(Path(cfg.parent / "state" / "debrief.sqlite3"), service=False) as store:
        return [d.recipient for d in store.drafts()]


@pytest.fixture(scope="module")
def no_after() -> Iterator[Dovecot]:
    """A Dovecot that answers NO to what it cannot fetch, and sends the rest."""
    if dovecot_binary() is None:
        pytest.skip("dovecot is not installed")
    server = Dovecot(extra_conf="imap_fetch_failure = no-after\n")
    server.start()
    try:
        yield server
    finally:
        server.cleanup()


def test_a_message_that_drops_the_connection_is_quarantined_and_later_mail_flows(
    dovecot: Dovecot,
    imap_user: User,
    smtp_server: SmtpServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    add(hostile_mail_cases=1)
    cfg = write_config(
        tmp_path,
        dovecot,
        imap_user,
        smtp_server,
        me=ALEX,
        smtp_timeout=None,
        watch={"backfill_days": 3650},
    )
    poison = seed(dovecot, imap_user)
    codes = []
    for _ in range(6):
        code = main(["run", "--once", "--config", str(cfg)])
        codes.append(code)
        if code == EX_OK:
            break
    # Each pass that dies on it counts an attempt (the first with the whole
    # batch); the third failure sets it aside, and that pass goes on.
    assert codes == [EX_TEMPFAIL, EX_TEMPFAIL, EX_TEMPFAIL, EX_OK]
    err = capsys.readouterr().err
    assert "folder INBOX, uid 2: quarantined after 3 failed attempts" in err
    assert drafts_to(cfg) == [DANA]  # the rejection after it was read and drafted
    (q,) = quarantined(cfg, capsys)
    assert (q["folder"], q["uid"], q["attempts"]) == ("INBOX", 2, 3)
    assert "died reading it" in q["reason"]
    assert main(["status", "--config", str(cfg)]) == EX_OK
    assert "INBOX uid 2: the connection or the service died reading it" in capsys.readouterr().out

    # The digest tells the user, with the way to read it again.
    assert main(["digest", "--send-now", "--config", str(cfg)]) == EX_OK
    (digest,) = [m for m in smtp_server.messages if m.message["X-Debrief-Digest"]]
    text = digest.message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "a message could not be read and was set aside" in text
    assert "INBOX uid 2, after 3 attempts" in text and "debrief queue retry" in text

    # Set aside: later passes skip it and succeed.
    assert main(["run", "--once", "--config", str(cfg)]) == EX_OK
    # An hour on, it is read again by itself (a quarantine is never forever:
    # the reads may have failed through no fault of the message). Still
    # unreadable: that pass fails, the next sets it aside for 4 hours, and
    # the user is not told a second time.
    later(cfg, 0.9)
    assert main(["run", "--once", "--config", str(cfg)]) == EX_OK  # not yet
    later(cfg, 0.2)
    assert main(["run", "--once", "--config", str(cfg)]) == EX_TEMPFAIL
    assert main(["run", "--once", "--config", str(cfg)]) == EX_OK
    assert "uid 2: quarantined after 4 failed attempts" in capsys.readouterr().err
    (q,) = quarantined(cfg, capsys)
    assert q["attempts"] == 4
    later(cfg, 3.9)
    assert main(["run", "--once", "--config", str(cfg)]) == EX_OK  # 4 hours, not 1
    with Store.open(tmp_path / "state" / "debrief.sqlite3", service=False) as store:
        kinds = [r[0] for r in store.db.execute("SELECT kind FROM events")]
        assert kinds.count("quarantined") == 1
    # Retried once readable, it is read and recorded like any message.
    readable(poison)
    assert main(["queue", "retry", "--folder", "INBOX", "--uid", "2", "--config", str(cfg)]) == 0
    assert "1 quarantined message(s)" in capsys.readouterr().out
    assert main(["run", "--once", "--config", str(cfg)]) == EX_OK
    assert quarantined(cfg, capsys) == []
    with Store.open(tmp_path / "state" / "debrief.sqlite3", service=False) as store:
        (n,) = store.db.execute("SELECT count(*) FROM messages WHERE folder='INBOX'").fetchone()
        assert n == 3
        assert store.troubles("INBOX", store.checkpoint("INBOX")[0]) == {}  # type: ignore[index]
    assert drafts_to(cfg) == [DANA]  # nothing drafted twice


def test_a_message_the_server_refuses_with_no_is_quarantined_in_one_pass(
    no_after: Dovecot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add(hostile_mail_cases=1)
    user = no_after.add_user()
    cfg = write_config(tmp_path, no_after, user, me=ALEX, watch={"backfill_days": 3650})
    seed(no_after, user)
    # The batch is refused: each message is read alone, the refused one
    # counts an attempt, and the mail after it is read in the same pass.
    assert main(["run", "--once", "--config", str(cfg)]) == EX_OK
    err = capsys.readouterr().err
    assert "uids 1-3: the server refused to send it" in err
    assert "uids 2-2: the server refused to send it" in err
    assert drafts_to(cfg) == [DANA]
    assert main(["run", "--once", "--config", str(cfg)]) == EX_OK
    assert quarantined(cfg, capsys) == []
    assert main(["run", "--once", "--config", str(cfg)]) == EX_OK
    assert "uid 2: quarantined after 3 failed attempts" in capsys.readouterr().err
    (q,) = quarantined(cfg, capsys)
    assert (q["uid"], q["attempts"]) == (2, 3)
    assert "refused to send it" in q["reason"]


def test_a_quarantine_is_retried_later_and_less_often_while_it_keeps_failing() -> None:
    assert [retry_delay(n) for n in (3, 4, 5, 6, 7)] == [
        timedelta(hours=1),
        timedelta(hours=4),
        timedelta(hours=16),
        timedelta(days=1),
        timedelta(days=1),
    ]
    at = datetime(2026, 3, 2, 9, tzinfo=UTC)

    def trouble(attempts: int, quarantined: datetime | None) -> Trouble:
        return Trouble("INBOX", 1, 7, attempts, "died", at, at, quarantined)

    assert retry_due(trouble(1, None), at)  # in trouble, not set aside: read alone now
    assert not retry_due(trouble(3, at), at + timedelta(minutes=59))
    assert retry_due(trouble(3, at), at + timedelta(hours=1))
    assert not retry_due(trouble(4, at), at + timedelta(hours=3))
    assert retry_due(trouble(9, at), at + timedelta(days=1))


def test_reading_plan_reads_troubled_messages_alone() -> None:
    assert reading_plan([1, 2, 3, 4, 5], set(), 2) == [[1, 2], [3, 4], [5]]
    assert reading_plan([1, 2, 3, 4, 5], {3}, 2) == [[1, 2], [3], [4, 5]]
    assert reading_plan([1, 2, 3], {1, 3}, 10) == [[1], [2], [3]]
    assert reading_plan([], {7}, 10) == []


def test_the_running_service_sets_a_poison_message_aside_and_drafts_the_next(
    dovecot: Dovecot, imap_user: User, tmp_path: Path
) -> None:
    """`debrief run` (the service, as systemd runs it): a message that drops
    the connection every time it is fetched costs three reconnects, then is
    set aside, and the rejection after it is drafted well within the two
    minutes the shipped WatchdogSec allows."""
    import subprocess
    import sys
    import time

    cfg = write_config(tmp_path, dovecot, imap_user, me=ALEX, watch={"backfill_days": 3650})
    seed(dovecot, imap_user)
    start = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, "-m", "daemon", "run", "--config", str(cfg)],
        cwd=Path(__file__).resolve().parent.parent,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        while time.monotonic() - start < 120 and not drafts_to(cfg):
            assert proc.poll() is None, "the service died on the poison message"
            time.sleep(0.5)
        took = time.monotonic() - start
        assert drafts_to(cfg) == [DANA], "the mail after the poison message was not drafted"
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=30)
    assert proc.returncode == 0
    assert "folder INBOX, uid 2: quarantined after 3 failed attempts" in err
    add(hostile_mail_cases=1)
    print(f"[hostile] a message that drops the connection: next mail drafted after {took:.0f} s")


def test_a_rejection_read_late_is_answered_as_if_read_in_order(
    dovecot: Dovecot, imap_user: User, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The rejection cannot be read (set aside), while Dana's later mail is
    read at once. When the rejection is read again, its draft to Dana is
    cancelled as it would have been in order: she wrote after it."""
    cfg = write_config(tmp_path, dovecot, imap_user, me=ALEX, watch={"backfill_days": 3650})
    c = IMAPClient("127.0.0.1", port=dovecot.port, ssl=False, timeout=10)
    c.login(imap_user.name, imap_user.password)
    c.append("INBOX", INVITE)
    c.append(
        "INBOX", REJECTION.replace(b"Robotics Engineer role.", b"Robotics Engineer role. POISON")
    )
    c.append(
        "INBOX",
        build(
            sender="Dana Reyes <dana.reyes@acme-robotics.example>",
            subject="A thought",
            body="Hi Alex, one more thing: we may open a junior role in spring. Dana",
            msgid="<later@acme-robotics.example>",
            date=datetime(2026, 3, 4, 9, 0, tzinfo=UTC),
        ),
    )
    c.logout()
    maildir = dovecot.maildir(imap_user)
    (poison,) = [
        f for f in (*maildir.glob("new/*"), *maildir.glob("cur/*")) if b"POISON" in f.read_bytes()
    ]
    os.chmod(poison, 0)
    for _ in range(6):
        if main(["run", "--once", "--config", str(cfg)]) == EX_OK and quarantined(cfg, capsys):
            break
    assert [q["uid"] for q in quarantined(cfg, capsys)] == [2]
    assert drafts_to(cfg) == []  # the rejection is not read yet; Dana's mail is
    readable(poison)
    later(cfg, 2)
    assert main(["run", "--once", "--config", str(cfg)]) == EX_OK
    with Store.open(tmp_path / "state" / "debrief.sqlite3", service=False) as store:
        (draft,) = store.drafts()
        assert (draft.recipient, draft.state) == (DANA, "cancelled")
