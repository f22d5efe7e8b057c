"""Hostile mail never floods or blocks debrief (issue: hostile and broken
mail), against the real Dovecot and aiosmtpd, at the sizes that broke it:
a calendar invitation with 20,000 attendees, a rejection with 75,000 Cc,
five messages with 50 MB headers, a flood of rejections, a digest with more
drafts than fit. Each case ends with a real rejection after the hostile
mail: it must still be read and drafted.
"""

from __future__ import annotations

import re
import stat
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest

from daemon.cli import main
from daemon.devservers.dovecot import Dovecot, User
from daemon.devservers.smtpserver import SmtpServer
from tests import trust
from tests.mail import build, ics
from tests.mailboxes import ME, application
from tests.measure import run_measured
from tests.world import World

ATTENDEES = 20_000
CC = 75_000
BIG_HEADERS = 5
HEADER_MB = 50


def digest_text(w: World) -> tuple[str, int, str, str]:
    """Mail a digest now: its plain text, size in bytes, subject and Message-ID."""
    assert main(["digest", "--send-now", "--config", str(w.cfg)]) == 0
    digest = w.digests()[-1].message
    text = digest.get_body(("plain",)).get_content()
    return text, len(digest.as_bytes()), str(digest["Subject"]), str(digest["Message-ID"])


@pytest.fixture
def w(dovecot: Dovecot, imap_user: User, smtp_server: SmtpServer, tmp_path: Path) -> World:
    return World(dovecot, imap_user, smtp_server, tmp_path)


def test_an_invitation_with_20000_attendees_is_flagged_not_drafted(w: World) -> None:
    invite, rejection = application(1)
    crowd = tuple(f"staff{k}@company1.example" for k in range(ATTENDEES))
    invite = build(
        sender="Person Zero <person0@company1.example>",
        to=ME,
        subject="Interview for the Analyst role at Company1",
        body="All hands invited.",
        ics=ics(
            uid="evt@company1.example",
            organizer="person0@company1.example",
            attendees=("person0@company1.example", *crowd, ME),
        ),
        msgid="<invite1@company1.example>",
        date=datetime.now(UTC) - timedelta(days=7),
    )
    assert len(invite) > 1_000_000
    # A panel that fits in a calendar part but is larger than any interview.
    panel = tuple(f"member{k}@company3.example" for k in range(12))
    _, rejection3 = application(3)
    invite3 = build(
        sender="Person Zero <person0@company3.example>",
        to=ME,
        subject="Interview for the Analyst role at Company3",
        body="Hello,\n\nthe invitation for our interview is attached.\n",
        ics=ics(
            uid="evt@company3.example",
            organizer="person0@company3.example",
            attendees=("person0@company3.example", *panel, ME),
        ),
        msgid="<invite3@company3.example>",
        date=datetime.now(UTC) - timedelta(days=7),
    )
    for raw in (invite, rejection, invite3, rejection3, *application(2)):
        w.append(raw)
    assert w.run() == 0
    # The crowd made no drafts (a calendar part beyond debrief's bound is not
    # read: the invitation's own writer stays the evidence); the 12-person
    # panel is flagged instead of drafted; the application after them is.
    assert sorted(w.drafts()) == ["person0@company1.example", "person0@company2.example"]
    text, size, _, _ = digest_text(w)
    assert "rejection flagged for you" in text
    assert "13 possible interviewers, more than max_interviewers (8)" in text
    assert size < 50_000
    trust.add(hostile_mail_cases=2, runs=1)


def test_a_rejection_with_75000_cc_is_bounded_and_the_next_mail_flows(w: World) -> None:
    _, rejection = application(1)
    cc = ", ".join(f"c{k}@company1.example" for k in range(CC))
    flood = rejection.replace(b"\nSubject:", f"\nCc: {cc}\nSubject:".encode(), 1)
    assert flood.count(b"@company1.example") > CC
    for raw in (application(1)[0], flood, *application(2)):
        w.append(raw)
    start = time.monotonic()
    assert w.run() == 0
    took = time.monotonic() - start
    drafts = w.drafts()
    assert "person0@company2.example" in drafts
    assert not any(a.startswith("c") for a in drafts)  # no Cc'd address was drafted
    trust.add(hostile_mail_cases=1, runs=1)
    print(f"[hostile] a rejection with {CC} Cc: one pass {took:.1f} s")


def test_fifty_megabyte_headers_are_cut_and_memory_stays_bounded(w: World) -> None:
    for i in range(BIG_HEADERS):
        junk = b"".join(b"X-Junk-%d: %s\r\n" % (k, b"x" * 990) for k in range(HEADER_MB * 1024))
        raw = build(subject=f"huge {i}", msgid=f"<huge{i}@evil.example>", body="hi")
        w.append(junk + raw)
    for raw in application(2):
        w.append(raw)
    run, peak_mb, _ = run_measured("run", "--once", "--config", str(w.cfg))
    assert run.returncode == 0, run.stderr
    assert peak_mb < 200, peak_mb  # was 869 MB with the whole headers fetched
    assert list(w.drafts()) == ["person0@company2.example"]
    trust.add(hostile_mail_cases=1, runs=1)
    print(
        f"[hostile] {BIG_HEADERS} messages with {HEADER_MB} MB headers: peak RSS {peak_mb:.0f} MB"
    )


def test_a_flood_of_rejections_stops_at_the_daily_draft_cap(w: World) -> None:
    w.write_config(followup={"max_drafts_per_day": 3})
    for n in range(1, 4):
        for raw in application(n, interviewers=2):
            w.append(raw)
    assert w.run() == 0
    # The first rejection's two drafts fit; the next two would pass the cap.
    assert sorted(w.drafts()) == ["person0@company1.example", "person1@company1.example"]
    text, _, _, _ = digest_text(w)
    assert text.count("would pass max_drafts_per_day (3") == 2
    trust.add(hostile_mail_cases=1, runs=1)


def test_a_digest_shows_at_most_max_items_and_approve_all_means_those(w: World) -> None:
    w.write_config(digest={"max_items": 2})
    for n in range(1, 6):
        for raw in application(n):
            w.append(raw)
    assert w.run() == 0
    assert len(w.drafts()) == 5
    text, _, subject, message_id = digest_text(w)
    assert text.count("\n=== ") == 2
    assert "This digest shows 2 of 5 drafts; `debrief queue list` shows all" in text
    shown = {int(i) for i in re.findall(r"^=== (\d+):", text, re.M)}
    w.append(
        build(
            sender=ME,
            to=ME,
            subject=f"Re: {subject}",
            in_reply_to=message_id,
            body="approve all\n",
            date=datetime.now(UTC),
        )
    )
    assert w.run() == 0
    approved = {int(d["id"]) for d in w.drafts().values() if d["state"] in ("approved", "sent")}
    assert approved == shown
    # The next digest shows the rest.
    text, _, _, _ = digest_text(w)
    assert text.count("\n=== ") == 2 and "shows 2 of 3 drafts" in text
    trust.add(hostile_mail_cases=1, runs=2)


def test_the_per_run_draft_cap_bounds_one_pass_and_the_next_pass_starts_afresh(w: World) -> None:
    w.write_config(followup={"max_drafts_per_run": 3})
    for n in range(1, 4):
        for raw in application(n, interviewers=2):
            w.append(raw)
    assert w.run() == 0
    assert sorted(w.drafts()) == ["person0@company1.example", "person1@company1.example"]
    for raw in application(4, interviewers=2):
        w.append(raw)
    assert w.run() == 0  # a new pass: its own three
    assert len(w.drafts()) == 4 and "person0@company4.example" in w.drafts()
    text, _, _, _ = digest_text(w)
    assert text.count("would pass max_drafts_per_run (3; 2 made in this pass)") == 2
    trust.add(hostile_mail_cases=1, runs=2)


def test_a_non_ascii_attendee_is_sent_only_where_the_server_offers_smtputf8(
    w: World, tls_cert: tuple[Path, Path]
) -> None:
    """A calendar attendee "josé@..." is a real mailbox (RFC 6531). Towards a
    server without SMTPUTF8 its draft fails with that reason before MAIL and
    the other approved drafts go out; where SMTPUTF8 is offered it is sent,
    written in UTF-8, to exactly that mailbox."""
    people = ("person0@company7.example", "josé.núñez@company7.example")
    for raw in application(7, also=people[1:]):
        w.append(raw)
    assert w.run() == 0
    assert set(w.drafts()) == set(people)
    for d in w.drafts().values():
        assert main(["queue", "approve", str(d["id"]), "--config", str(w.cfg)]) == 0
    assert w.run() == 0
    drafts = w.drafts()
    assert drafts[people[0]]["state"] == "sent"
    assert drafts[people[1]]["state"] == "failed"
    assert "SMTPUTF8" in str(drafts[people[1]]["reason"])
    assert [m.rcpt_tos for m in w.followups()] == [[people[0]]]
    # The same mailbox, approved again from a fresh draft, through a server
    # that offers SMTPUTF8.
    utf8 = SmtpServer(tls_cert, tls="starttls", users={"debrief": "smtp-secret"}, smtputf8=True)
    utf8.start()
    try:
        w.write_config(smtp=utf8)
        for raw in application(8, also=("zoë@company8.example",)):
            w.append(raw)
        assert w.run() == 0
        zoe = w.drafts()["zoë@company8.example"]
        assert main(["queue", "approve", str(zoe["id"]), "--config", str(w.cfg)]) == 0
        assert w.run() == 0
        assert w.drafts()["zoë@company8.example"]["state"] == "sent"
        [got] = [m for m in utf8.messages if "X-Debrief-Draft" in m.message]
        assert got.rcpt_tos == ["zoë@company8.example"]
        # RFC 6532: the header carries the mailbox as UTF-8, not as an
        # encoded-word (which would name no mailbox at all).
        headers = got.data.replace(b"\r\n", b"\n").split(b"\n\n")[0].decode("utf-8")
        assert re.search(r"^To: .*<zoë@company8\.example>$", headers, re.M), headers
    finally:
        utf8.stop()
    trust.add(hostile_mail_cases=1, runs=5)


def _raw(*headers: str, body: str) -> bytes:
    return ("\r\n".join(headers) + "\r\n\r\n" + body.replace("\n", "\r\n")).encode()


def test_mail_that_fooled_or_crashed_debrief_is_read_safely_end_to_end(w: World) -> None:
    """The review's smaller attacks, as mail in a real Dovecot: a forged
    "you" in an encoded display name, a calendar whose TZID the zone database
    refuses, a part in charset=idna, a year-9999 date, escape and bidi
    characters in a subject and a calendar name. Every rejection among them
    is still read; nothing forged counts as the user; nothing hostile reaches
    a terminal; `scan` and `queue` exit 0; the state file is 0600."""
    for raw in application(1, interviewers=2):
        w.append(raw)
    assert w.run() == 0
    assert len(w.drafts()) == 2
    now = format_datetime(datetime.now(UTC))
    # "You wrote to them first" would cancel both drafts, were this the user.
    w.append(
        _raw(
            f"From: =?utf-8?q?x:{ME}?= <attacker@evil.example>",
            "To: person0@company1.example, person1@company1.example",
            "Subject: Re: Interview for the Analyst role at Company1",
            f"Date: {now}",
            "Message-ID: <forged-me@evil.example>",
            body="Never mind.\n",
        )
    )
    cal = ics(
        uid="evt@company2.example",
        organizer="person0@company2.example",
        attendees=("person0@company2.example", "person1@company2.example", ME),
    )
    cal = cal.replace("DTSTART:20260220T150000Z", f"DTSTART;TZID={'A' * 300}:20260220T150000")
    cal = cal.replace("CN=person1", "CN=Evil\x1b[2K\u202eName")
    invite = build(
        sender="Person Zero <person0@company2.example>",
        to=ME,
        subject="Interview for the Analyst role at Company2",
        body="Hello,\n\nthe invitation for our interview is attached.\n",
        ics=cal,
        msgid="<invite2@company2.example>",
        date=datetime.now(UTC) - timedelta(days=6),
    )
    w.append(invite)
    refusal = (
        "thank you for interviewing with us. After careful consideration we have decided "
        "not to move forward with your application."
    )
    w.append(
        _raw(
            "From: Person Zero <person0@company2.example>",
            f"To: {ME}",
            "Subject: Your application for the \x1b]0;pwned\x07\u202eAnalyst role",
            "Date: Fri, 31 Dec 9999 23:59:59 -1200",
            "Message-ID: <rejection2@company2.example>",
            "MIME-Version: 1.0",
            'Content-Type: text/plain; charset="idna"',
            body=f"Hello,\n\n{refusal}\n\nKind regards\n",
        )
    )
    assert w.run() == 0
    drafts = w.drafts()
    assert {d["state"] for r, d in drafts.items() if "company1" in r} == {"pending"}
    assert {"person0@company2.example", "person1@company2.example"} <= set(drafts)
    for args in (("queue", "list"), *(("queue", "show", str(d["id"])) for d in drafts.values())):
        shown = w.cli(*args)
        assert shown.returncode == 0, shown.stderr
        assert "\x1b" not in shown.stdout and "\u202e" not in shown.stdout
    scan = w.cli("scan", "imap:INBOX")
    assert scan.returncode == 0, scan.stderr
    assert scan.stdout.count("  rejection  ") == 2
    assert "implausible Date (9999)" in scan.stdout and "charset 'idna'" in scan.stdout
    assert "\x1b" not in scan.stdout and "\u202e" not in scan.stdout
    text, _, _, _ = digest_text(w)
    assert "\x1b" not in text and "\u202e" not in text
    state = w.tmp / "state.sqlite3"
    assert stat.S_IMODE(state.stat().st_mode) == 0o600
    trust.add(hostile_mail_cases=1, runs=2)
