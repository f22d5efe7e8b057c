"""Outbox.handle_reply on a real store, without servers: what a reply does
across replies to one digest, and what an answer tells the user to send
instead. (End to end, with every client: tests/test_approval_matrix.py.)"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path

import pytest

from daemon import config
from daemon.drafts import content_hash
from daemon.message import parse
from daemon.outbox import Outbox
from daemon.replies import Command, answered, instead
from daemon.rules import Senders
from daemon.smtp import Outcome, Result
from daemon.store import Store
from tests.mail import build

ME = "me@example.org"
TOKEN = "T" * 22
DIGEST_ID = "<digest-1@example.org>"
NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
NEW_TEXT = "Hi Dana,\n\nA text of my own.\n\nAlex\n"


class World:
    def __init__(self, tmp: Path) -> None:
        path = tmp / "config.toml"
        path.write_text(f'[identity]\naddresses = ["{ME}"]\n')
        path.chmod(0o600)
        self.store = Store.open(tmp / "s.sqlite3", service=False)
        self.outbox = Outbox(config.load(path), self.store, Senders(), self._send)
        with self.store.transaction():
            self.store.record_message("<rej@acme.example>", "INBOX", 1, "rejection", ())
            detection = self.store.add_detection(
                message_key="<rej@acme.example>",
                company="Acme",
                position=None,
                stage="interview",
                score=7.0,
                explanation="test",
                employer_domains=["acme.example"],
                rejected_at=NOW - timedelta(days=1),
            )
            self.ids = [
                self.store.add_draft(
                    detection_id=detection,
                    recipient=f"{name}@acme.example",
                    recipient_name="",
                    subject="Thank you",
                    body=f"Hi {name},\n\nAny feedback?\n",
                    due_at=NOW,
                    in_reply_to=None,
                    references=[],
                    message_id=f"<{name}@example.org>",
                    token=name,
                    language="en",
                )
                for name in ("dana", "kim")
            ]
            self.store.add_digest(
                token=TOKEN,
                message_id=DIGEST_ID,
                subject=f"debrief: 2 follow-ups [debrief:{TOKEN}]",
                sent_at=NOW,
                expires_at=NOW + timedelta(days=7),
                items={
                    d.id: content_hash(d.recipient, d.subject, d.body)
                    for d in (self.store.draft(i) for i in self.ids)
                    if d is not None
                },
                text="",
            )
        self.n = 0

    @staticmethod
    def _send(msg: EmailMessage, sender: str, rcpts: list[str]) -> Result:
        return Result(Outcome.DELIVERED, "250 ok")

    def reply(self, body: str, *, sender: str = ME, when: datetime = NOW) -> str:
        """`body` as a reply to the digest; the answer debrief mails back."""
        self.n += 1
        raw = build(
            sender=sender,
            to=ME,
            subject=f"Re: debrief: 2 follow-ups [debrief:{TOKEN}]",
            in_reply_to=DIGEST_ID,
            msgid=f"<reply{self.n}@example.org>",
            body=body,
            date=when,
        )
        with self.store.transaction():
            assert self.outbox.handle_reply(parse(raw), when)
        answer = self.outbox.confirmations.pop()
        assert self.outbox.confirmations == []
        return str(answer.get_content()).replace("\r\n", "\n")

    def state(self, draft_id: int) -> str:
        d = self.store.draft(draft_id)
        assert d is not None
        return d.state


def test_an_edit_by_reply_is_approved_by_a_later_reply(tmp_path: Path) -> None:
    """The answer to an edit says "approve it to send the new text": a second
    reply to the same digest that does so approves the text the user wrote."""
    w = World(tmp_path)
    dana, kim = w.ids
    assert f"edited {dana} (approve it" in w.reply(f"edit {dana}\n{NEW_TEXT}end")
    assert w.state(dana) == "pending"
    assert f"approved {dana}" in w.reply(f"approve {dana}")
    d = w.store.draft(dana)
    assert d is not None and d.state == "approved" and d.body == NEW_TEXT
    assert d.approved_hash == content_hash(d.recipient, d.subject, NEW_TEXT)
    assert w.state(kim) == "pending"


def test_a_text_changed_after_the_edit_by_reply_is_still_refused(tmp_path: Path) -> None:
    w = World(tmp_path)
    dana, _ = w.ids
    w.reply(f"edit {dana}\n{NEW_TEXT}end")
    with w.store.transaction():  # `debrief queue edit` in between
        w.store.apply(dana, "edit", "edited from the command line", body="Other.\n")
    answer = w.reply(f"approve {dana}")
    assert f"{dana}: changed since the digest" in answer
    assert f"debrief queue show {dana}" in answer and f"debrief queue approve {dana}" in answer
    assert w.state(dana) == "pending"


def test_a_refused_reply_is_answered_with_the_lines_to_send_instead(tmp_path: Path) -> None:
    w = World(tmp_path)
    dana, kim = w.ids
    answer = w.reply(
        f"approve all\nsnooze {kim} 2w\nedit {dana}\n{NEW_TEXT}end",
        sender="me+phone@example.org",
    )
    assert "your reply was not applied: from me+phone@example.org, not from you" in answer
    assert f"reply to the latest digest from {ME}" in answer
    assert f"\napprove {dana} {kim}\nsnooze {kim} 2w\nedit {dana}\n{NEW_TEXT}end\n" in answer
    assert f"  debrief queue approve {dana} {kim}\n  debrief queue edit {dana}\n" in answer
    assert [w.state(i) for i in w.ids] == ["pending", "pending"]
    # Nothing to send instead: the general help.
    assert "`debrief queue approve N`" in w.reply("Thanks!", sender="me+phone@example.org")


def test_an_expired_token_is_answered_with_the_lines_too(tmp_path: Path) -> None:
    w = World(tmp_path)
    dana, _ = w.ids
    answer = w.reply(f"skip {dana}", when=NOW + timedelta(days=8))
    assert "the digest token has expired" in answer
    assert f"\nskip {dana}\n" in answer and f"debrief queue skip {dana}" in answer


@pytest.mark.parametrize(
    ("command", "lines", "cli"),
    [
        (Command("approve", (), all=True), ["approve 3 4"], ["debrief queue approve 3 4"]),
        (Command("skip", (4,)), ["skip 4"], ["debrief queue skip 4"]),
        (Command("snooze", (3,), duration=timedelta(days=3)), ["snooze 3 3d"], []),
        (Command("snooze", (3,), duration=timedelta(hours=5)), ["snooze 3 5h"], []),
        (Command("snooze", (3,), duration=timedelta(weeks=2)), ["snooze 3 2w"], []),
        (
            Command("edit", (4,), body="Hi,\n\nText.\n"),
            ["edit 4", "Hi,", "", "Text.", "end"],
            ["debrief queue edit 4"],
        ),
    ],
)
def test_instead_spells_out_what_a_refused_reply_asked(
    command: Command, lines: list[str], cli: list[str]
) -> None:
    assert instead([command], [3, 4]) == (lines, cli)


def test_answered_names_the_digest_by_thread_or_by_token() -> None:
    from daemon.replies import DigestRef

    ref = DigestRef(1, TOKEN, DIGEST_ID, NOW + timedelta(days=7), None)

    def msg(subject: str, in_reply_to: str | None) -> object:
        return parse(build(sender=ME, subject=subject, in_reply_to=in_reply_to))

    assert answered(msg("Re: x", DIGEST_ID), [ref]) is ref  # type: ignore[arg-type]
    assert answered(msg(f"approve 3 [debrief:{TOKEN}]", None), [ref]) is ref  # type: ignore[arg-type]
    assert answered(msg("Re: x", "<other@example.org>"), [ref]) is None  # type: ignore[arg-type]
