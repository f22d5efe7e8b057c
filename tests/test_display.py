"""What reaches a terminal or the digest from mail: escapes shown, never run."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from daemon.digest import compose_digest
from daemon.display import visible
from daemon.drafts import Draft


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Data Engineer", "Data Engineer"),
        ("Eng\x1b[2K\x1b[1Aineer", "Eng\\x1b[2K\\x1b[1Aineer"),  # erase line, cursor up
        ("evil\u202egnp.exe", "evil<U+202E>gnp.exe"),  # right-to-left override
        ("a\u200bb\ufeffc", "a<U+200B>b<U+FEFF>c"),  # zero-width space, BOM
        ("bell\x07 and del\x7f and c1\x9b", "bell\\x07 and del\\x7f and c1\\x9b"),
        ("two\nlines", "two\\x0alines"),
        ("tab\there", "tab here"),
        ("Zoë, Ñandú, 東京", "Zoë, Ñandú, 東京"),  # letters of any script stay
    ],
)
def test_visible(text: str, shown: str) -> None:
    assert visible(text) == shown


def test_visible_keeps_newlines_in_bodies_when_asked() -> None:
    assert visible("Hi\r\nthere\x1b[31m", newlines=True) == "Hi\nthere\\x1b[31m"


def test_the_digest_shows_what_mail_hid() -> None:
    d = Draft(
        id=7,
        detection_id=1,
        recipient="dana@acme.example",
        recipient_name="Dana\x1b[2K Reyes",
        subject="Thank you - Eng\u202eineer",
        body="Hi Dana,\n\x1b[1Athanks\n",
        state="pending",
        due_at=datetime(2026, 3, 2, 9, tzinfo=UTC),
        in_reply_to=None,
        references=(),
        message_id="<m@x>",
        token="t",
        approved_hash=None,
        reason="",
        language="en",
        company="Acme\u202e",
        position="Eng\x1b]0;title\x07ineer",
        rejection_key="<r@x>",
    )
    msg = compose_digest(
        [d],
        {1: "en.rejection.other-candidate +6"},
        [],
        because={7: "calendar attendee (2026-02-20)\x1b[2K"},
        token="T" * 22,
        from_addr="debrief@example.org",
        to="alex@example.org",
        message_id="<dg@example.org>",
        now=datetime(2026, 3, 1, tzinfo=UTC),
        tz=ZoneInfo("Europe/Berlin"),
    )
    text = msg.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "\x1b" not in text and "\u202e" not in text and "\x07" not in text
    assert "Dana\\x1b[2K Reyes" in text and "Acme<U+202E>" in text
    assert "Eng\\x1b]0;title\\x07ineer" in text and "\\x1b[1Athanks" in text
    # The HTML part shows the same, escaped twice over: no control characters
    # and no markup from mail.
    page = msg.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert "\x1b" not in page and "\u202e" not in page and "\x07" not in page
    assert "Acme&lt;U+202E&gt;" in page and "Dana\\x1b[2K Reyes" in page


def test_the_html_digest_escapes_markup_from_mail() -> None:
    from daemon.digesthtml import command_link, render

    d = Draft(
        id=3,
        detection_id=1,
        recipient="x@acme.example",
        recipient_name='"><script>alert(1)</script>',
        subject="<b>hi</b>",
        body="<img src=x onerror=alert(1)>\n",
        state="pending",
        due_at=datetime(2026, 3, 2, 9, tzinfo=UTC),
        in_reply_to=None,
        references=(),
        message_id="<m@x>",
        token="t",
        approved_hash=None,
        reason="",
        language="en",
        company="A&B <Corp>",
        position=None,
        rejection_key="<r@x>",
    )
    page = render(
        [d],
        {},
        {},
        [],
        more=0,
        token="T" * 22,
        to="alex@example.org",
        tz=ZoneInfo("UTC"),
        how_to="reply",
    )
    assert "<script>" not in page and "<img" not in page and "<b>hi" not in page
    assert "A&amp;B &lt;Corp&gt;" in page
    link = command_link("alex@example.org", "T" * 22, "approve 3")
    assert link == (
        "mailto:alex@example.org?subject=approve%203%20%5Bdebrief%3ATTTTTTTTTTTTTTTTTTTTTT%5D"
        "&body=approve%203%0A"
    )
