"""Delivery failure reports (daemon/bounces.py): a guessed address that
bounced as unknown is never an interviewer. Reports written for these tests
in the shapes mail systems send (Postfix, a DSN, Exchange in German)."""

from __future__ import annotations

import pytest

from daemon.bounces import bounced
from daemon.message import parse
from tests.mail import build
from tests.verdicts import day, interviewers

ACME = "acme-robotics.example"
GUESS = f"a.stone@{ACME}"


def _report(sender: str, subject: str, body: str, headers: dict[str, str] | None = None) -> bytes:
    return build(sender=sender, subject=subject, body=body, date=day(9), headers=headers)


POSTFIX = _report(
    "MAILER-DAEMON@mx.acme-robotics.example (Mail Delivery System)",
    "Undelivered Mail Returned to Sender",
    "This is the mail system at host mx.acme-robotics.example.\n\nI'm sorry to have to "
    "inform you that your message could not be delivered.\n\n"
    f"<{GUESS}>: host mx.acme-robotics.example said: 550 5.1.1 <{GUESS}>: Recipient "
    "address rejected: User unknown in local recipient table\n",
)


@pytest.mark.parametrize(
    "raw",
    [
        POSTFIX,
        _report(
            "Mail Delivery Subsystem <mailer-daemon@mail.example.org>",
            "Delivery Status Notification (Failure)",
            f"Your message wasn't delivered to {GUESS} because the address couldn't be found, "
            "or is unable to receive mail.\n",
        ),
        _report(
            "postmaster@example.org",
            "Unzustellbar: Danke für das Gespräch",
            f"Die Nachricht konnte an folgende Empfänger nicht zugestellt werden:\n{GUESS}\n"
            f"Remote-Server hat '550 5.1.10 RESOLVER.ADR.RecipientNotFound' für {GUESS} "
            "zurückgegeben.\n",
        ),
    ],
)
def test_a_report_that_the_mailbox_does_not_exist_names_it(raw: bytes) -> None:
    assert bounced(parse(raw)) == {GUESS}


@pytest.mark.parametrize(
    "raw",
    [
        # a delay, not a failure
        _report(
            "mailer-daemon@mail.example.org",
            "Delivery delayed: Danke",
            f"Delivery to {GUESS} has been delayed: 4.2.2 mailbox full. We will retry.\n",
        ),
        # refused as spam: nothing said of the address
        _report(
            "mailer-daemon@mail.example.org",
            "Undeliverable: Thank you",
            f"{GUESS}: 550 5.7.1 Message rejected as spam by content filter\n",
        ),
        # a person who says the mail bounced is no mail system
        _report(
            f"Ben Ito <ben.ito@{ACME}>",
            "Re: Thank you",
            f"Hi Alex, Ada told me your note bounced: {GUESS} user unknown. "
            f"She is ada.stone@{ACME}.\n",
        ),
    ],
)
def test_no_proof_that_an_address_is_wrong(raw: bytes) -> None:
    assert bounced(parse(raw)) == frozenset()


def test_a_guessed_address_that_bounced_gets_no_follow_up() -> None:
    invitation = build(
        sender=f"Ben Ito <ben.ito@{ACME}>",
        subject="Interview on Tuesday",
        body="Hi Alex, you'll meet Ada Stone and me on Tuesday at 10.\nBen",
        date=day(3),
    )
    thanks = build(
        sender="Alex <alex@example.org>",
        to=f"Ada Stone <{GUESS}>",
        cc=f"Ben Ito <ben.ito@{ACME}>",
        subject="Thank you for today",
        body="Dear Ada, dear Ben,\nthank you for the interview this morning.\nAlex",
        date=day(8),
    )
    reject = build(
        sender=f"Ben Ito <ben.ito@{ACME}>",
        subject="Your application",
        body="Hi Alex, thank you for meeting Ada and me. We have decided to offer the role to "
        "another candidate.\nBen",
        date=day(20),
    )
    assert GUESS in interviewers(reject, invitation, thanks)
    assert GUESS not in interviewers(reject, invitation, thanks, POSTFIX)
    assert f"ben.ito@{ACME}" in interviewers(reject, invitation, thanks, POSTFIX)
