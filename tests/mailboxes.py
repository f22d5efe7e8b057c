"""Mailboxes on the real Dovecot, and the mail tests put in them.

- Priya's mailbox: the corpus in tests/fixtures/corpus/priya, her inbox and
  her sent mail (`seed`); PERSONA (her name, addresses, time zone) and LABELS
  (what each message is, and whom a follow-up to each rejection goes to).
- Alex's applications (ME, the user of hand-written mail): `application(n)`,
  an invitation and the rejection after it from company n; `fernbrook()`,
  Mia Lind's interview (Omar Lee copied) and her rejection two hours ago.
"""

from __future__ import annotations

import json
import mailbox
from datetime import UTC, datetime, timedelta
from pathlib import Path

from imapclient import IMAPClient

from daemon.devservers.dovecot import Dovecot, User
from tests.mail import build, ics

PRIYA = Path(__file__).parent / "fixtures" / "corpus" / "priya"
PERSONA = json.loads((PRIYA / "persona.json").read_text())
LABELS = json.loads((PRIYA / "labels.json").read_text())

ME = "alex@example.org"
MIA = "mia.lind@fernbrook.example"
OMAR = "omar.lee@fernbrook.example"


def client(dovecot: Dovecot, user: User) -> IMAPClient:
    """A plain IMAP login to `user`'s mailbox (no TLS: the test's own side)."""
    c = IMAPClient("127.0.0.1", port=dovecot.port, ssl=False, timeout=10)
    c.login(user.name, user.password)
    return c


def seed(dovecot: Dovecot, user: User) -> None:
    """Priya's inbox and sent mail, into `user`'s INBOX and Sent."""
    c = client(dovecot, user)
    for folder, name in (("INBOX", "inbox.mbox"), ("Sent", "sent.mbox")):
        for m in mailbox.mbox(PRIYA / name):
            c.append(folder, m.as_bytes())
    c.logout()


def ago(**kw: int) -> datetime:
    """That long before now (`ago(hours=2)`)."""
    return datetime.now(UTC) - timedelta(**kw)


def application(
    n: int, *, interviewers: int = 1, when: datetime | None = None, also: tuple[str, ...] = ()
) -> list[bytes]:
    """An interview invitation (calendar attendees) and the rejection after
    it, from company n: `interviewers` people (and `also`) to draft to."""
    domain = f"company{n}.example"
    people = [f"person{k}@{domain}" for k in range(interviewers)] + list(also)
    when = when or datetime.now(UTC) - timedelta(days=2)
    return [
        build(
            sender=f"Person Zero <{people[0]}>",
            to=ME,
            subject=f"Interview for the Analyst role at Company{n}",
            body="Hello,\n\nthe invitation for our interview is attached.\n",
            ics=ics(uid=f"evt@{domain}", organizer=people[0], attendees=(*people, ME)),
            msgid=f"<invite{n}@{domain}>",
            date=when - timedelta(days=5),
        ),
        build(
            sender=f"Person Zero <{people[0]}>",
            to=ME,
            subject="Your application for the Analyst role",
            body=(
                "Hello,\n\nthank you for interviewing with us. After careful consideration "
                "we have decided not to move forward with your application for the Analyst "
                "role.\n\nKind regards"
            ),
            msgid=f"<rejection{n}@{domain}>",
            date=when,
        ),
    ]


def fernbrook() -> list[bytes]:
    """Mia Lind's mail three days ago (Omar Lee copied: 'Thanks for speaking
    with me today!') and her rejection of Alex two hours ago: a follow-up to
    each of them is drafted."""
    return [
        build(
            sender=f"Mia Lind <{MIA}>",
            to=ME,
            subject="Interview for Senior Designer",
            msgid="<inv1@fernbrook.example>",
            date=ago(days=3),
            cc=f"Omar Lee <{OMAR}>",
            body="Thanks for speaking with me today! Let's schedule the panel.",
        ),
        build(
            sender=f"Mia Lind <{MIA}>",
            to=ME,
            subject="Re: Interview for Senior Designer",
            msgid="<rej1@fernbrook.example>",
            in_reply_to="<inv1@fernbrook.example>",
            date=ago(hours=2),
            body="Thank you for interviewing with us. We have decided to move forward "
            "with other candidates for the Senior Designer role.",
        ),
    ]
