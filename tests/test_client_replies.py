"""Approval replies as real mail clients send them: every command the user
typed is read, nothing else is, and an edit keeps the user's paragraphs.

Pure: each reply is built byte for byte by tests/clients.py to a digest from
compose_digest, then read the way the approval path reads it
(`parse(raw).new_text` through `parse_commands`, as Outbox.handle_reply does).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.policy import compat32
from zoneinfo import ZoneInfo

import pytest

from daemon.digest import compose_digest
from daemon.drafts import Draft
from daemon.message import parse
from daemon.mime import fast_tree
from daemon.plaintext import html_to_text, normalize_invisible, unflow
from daemon.replies import Command, DigestRef, authenticate, drop_digest_lines, parse_commands
from daemon.textparts import split_reply
from tests import clients
from tests.clients import CLIENTS
from tests.mail import tree_shape

ME = clients.ME
TOKEN = "Zq8v1XbM3kP0wR7tY2uN5a"
DIGEST_ID = "<digest-7f3a@example.org>"
SENT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _draft(draft_id: int, name: str, addr: str, body: str) -> Draft:
    return Draft(
        id=draft_id,
        detection_id=draft_id,
        recipient=addr,
        recipient_name=name,
        subject="Thank you - any feedback?",
        body=body,
        state="pending",
        due_at=datetime(2026, 3, 3, 9, 0, tzinfo=UTC),
        in_reply_to=f"<rej{draft_id}@fernbrook.example>",
        references=(f"<rej{draft_id}@fernbrook.example>",),
        message_id=f"<f{draft_id}@example.org>",
        token=f"draft-token-{draft_id}",
        approved_hash=None,
        reason="",
        language="en",
        company="Fernbrook",
        position="Platform Engineer",
        rejection_key=f"<rej{draft_id}@fernbrook.example>",
    )


def make_digest(*extra: Draft) -> EmailMessage:
    drafts = [
        _draft(
            3,
            "Mia Lind",
            "mia.lind@fernbrook.example",
            "Hi Mia,\n\nThank you for the interview last week. Could you share any feedback "
            "on my application?\n\nBest regards,\nAlex\n",
        ),
        _draft(
            4,
            "Omar Lee",
            "omar.lee@fernbrook.example",
            "Hi Omar,\n\nThanks for your time. Any feedback?\n\nAlex\n",
        ),
        *extra,
    ]
    return compose_digest(
        drafts,
        {d.detection_id: "en.rejection.other-candidate: 'another candidate'" for d in drafts},
        [],
        because={d.id: "interviewer (2026-02-20)" for d in drafts},
        token=TOKEN,
        from_addr=ME,
        to=ME,
        message_id=DIGEST_ID,
        now=SENT,
        tz=ZoneInfo("Europe/Berlin"),
    )


DIGEST = make_digest()

# The text of an edit: a greeting, a paragraph longer than any client's wrap
# width, a line starting with "From " (space-stuffed in format=flowed), and
# a closing of two lines with a single line break between them.
EDIT_BODY = (
    "Hi Omar,\n"
    "\n"
    "Thank you for taking the time to talk with me last week about the platform role; "
    "I enjoyed hearing how the team ships small changes every day and would value "
    "any feedback on my interview.\n"
    "\n"
    "From our talk I took away a lot about on-call work.\n"
    "\n"
    "Best regards,\n"
    "Alex\n"
)

SCENARIOS: dict[str, tuple[str, list[Command]]] = {
    "approve_one": ("approve 3", [Command("approve", (3,))]),
    "approve_several": ("approve 3 4", [Command("approve", (3, 4))]),
    "approve_all": ("approve all\n\nThanks!", [Command("approve", (), all=True)]),
    "skip": ("skip 4", [Command("skip", (4,))]),
    "snooze": ("snooze 3 3d", [Command("snooze", (3,), duration=timedelta(days=3))]),
    "several_commands": (
        "approve 3\nskip 4",
        [Command("approve", (3,)), Command("skip", (4,))],
    ),
    "edit": (
        f"edit 4\n{EDIT_BODY}end\napprove 4",
        [Command("edit", (4,), body=EDIT_BODY), Command("approve", (4,))],
    ),
    "zero_width_space": ("\u200bapprove 3", [Command("approve", (3,))]),
    "invisible_characters": (
        "\ufeffskip 4\n\u2060snooze\u00a03 2d\n\u200dapprove\u200c 3",
        [
            Command("skip", (4,)),
            Command("snooze", (3,), duration=timedelta(days=2)),
            Command("approve", (3,)),
        ],
    ),
    "no_commands": ("Thanks!", []),
}


def html_part(raw: bytes) -> str | None:
    msg = message_from_bytes(raw, policy=policy.default)
    assert isinstance(msg, EmailMessage)
    part = msg.get_body(("html",))
    return None if part is None else str(part.get_content())


@pytest.mark.parametrize("client", CLIENTS)
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_each_client_reply_yields_exactly_the_typed_commands(client: str, scenario: str) -> None:
    typed, expected = SCENARIOS[scenario]
    raw = CLIENTS[client](typed, DIGEST)
    msg = parse(raw)
    assert msg.problems == ()
    commands, refused = parse_commands(msg.new_text)
    assert refused == []
    assert commands == expected
    # The same with the digest's text given: nothing the user typed is
    # taken for a line of the digest.
    assert parse_commands(msg.new_text, DIGEST_TEXT) == (expected, [])


@pytest.mark.parametrize("client", [c for c in CLIENTS if "plain_only" not in c])
@pytest.mark.parametrize("scenario", ["edit", "several_commands", "invisible_characters"])
def test_the_html_part_alone_reads_the_same(client: str, scenario: str) -> None:
    """A client's HTML, turned into text as an HTML-only reply would be, gives
    the same commands and the same edit: a line per <div>/<p class=MsoNormal>/
    <br>, a blank line only where the user left one."""
    typed, expected = SCENARIOS[scenario]
    rich = html_part(CLIENTS[client](typed, DIGEST))
    assert rich is not None
    new = split_reply(html_to_text(rich)).new
    assert parse_commands(new) == (expected, [])


@pytest.mark.parametrize("client", CLIENTS)
def test_no_client_reply_reads_as_an_automatic_reply(client: str) -> None:
    """Outlook's `X-Auto-Response-Suppress: All` asks others not to answer
    automatically; the mail carrying it is the user's own reply."""
    msg = parse(CLIENTS[client]("approve 3", DIGEST))
    assert not msg.is_auto_reply
    if msg.in_reply_to is None:
        return  # threading without In-Reply-To is the outbox's to accept
    ref = DigestRef(1, TOKEN, DIGEST_ID, SENT + timedelta(days=7), None)
    assert authenticate(msg, [ref], [ME], SENT + timedelta(hours=2)) == (ref, "ok")


@pytest.mark.parametrize("client", CLIENTS)
def test_the_fast_mime_reader_agrees_on_every_client_shape(client: str) -> None:
    raw = CLIENTS[client](SCENARIOS["edit"][0], DIGEST)
    tree = fast_tree(raw)
    if tree is not None:
        assert tree_shape(tree) == tree_shape(message_from_bytes(raw, policy=compat32))


def test_outlook_reply_marks_are_what_outlook_sends() -> None:
    raw = clients.outlook_desktop("approve 3", DIGEST, threaded=False)
    msg = parse(raw)
    assert msg.header("x-auto-response-suppress") == "All"
    assert msg.header("thread-index")
    assert msg.in_reply_to is None and msg.references == ()
    assert f"[debrief:{TOKEN}]" in msg.subject


@pytest.mark.parametrize(
    ("headers", "automatic"),
    [
        ({"Auto-Submitted": "auto-replied"}, True),
        ({"X-Autoreply": "yes"}, True),
        ({"X-Autorespond": "Out of office"}, True),
        ({"Precedence": "auto_reply"}, True),
        ({"X-Auto-Response-Suppress": "All"}, False),
        ({"X-Auto-Response-Suppress": "DR, OOF, AutoReply"}, False),
    ],
)
def test_auto_reply_markers(headers: dict[str, str], automatic: bool) -> None:
    from tests.mail import build

    assert parse(build(headers=headers)).is_auto_reply is automatic


@pytest.mark.parametrize("precedence", ["bulk", "junk", "list", "auto_reply"])
def test_a_reply_marked_as_bulk_or_automatic_approves_nothing(precedence: str) -> None:
    raw = clients.gmail("approve 3", DIGEST).replace(
        b"MIME-Version: 1.0\r\n", f"MIME-Version: 1.0\r\nPrecedence: {precedence}\r\n".encode()
    )
    ref = DigestRef(1, TOKEN, DIGEST_ID, SENT + timedelta(days=7), None)
    assert authenticate(parse(raw), [ref], [ME], SENT + timedelta(hours=2)) == (
        None,
        "an automatic reply",
    )


# -- format=flowed (RFC 3676) ---------------------------------------------------


def test_unflow_joins_soft_breaks_and_removes_stuffing() -> None:
    flowed = (
        "First paragraph that goes on \r\n"
        "and on.\r\n"
        "\r\n"
        " From the start of a line.\r\n"
        "  Indented by one space.\r\n"
        "> quoted that \r\n"
        "> continues\r\n"
        ">> deeper \r\n"
        "> shallower again\r\n"
        "-- \r\n"
        "Signature"
    )
    assert unflow(flowed) == (
        "First paragraph that goes on and on.\n"
        "\n"
        "From the start of a line.\n"
        " Indented by one space.\n"
        "> quoted that continues\n"
        # a flowed line followed by another depth is a hard break (4.5)
        "> > deeper \n"
        "> shallower again\n"
        "-- \n"
        "Signature"
    )


def test_unflow_with_delsp_deletes_the_space_of_each_soft_break() -> None:
    assert unflow("Apple wraps  \r\nwith two spaces.\r\n", delsp=True) == (
        "Apple wraps with two spaces.\n"
    )
    assert unflow("unbroken\u3000 \r\nCJK\r\n", delsp=True) == "unbroken\u3000CJK\n"
    assert unflow("Apple wraps  \r\nwith two spaces.\r\n", delsp=False) == (
        "Apple wraps  with two spaces.\n"
    )


def test_a_flowed_part_is_decoded_only_when_it_says_so() -> None:
    body = "approve 3 \r\nand more\r\n"
    fixed = parse(b"Message-ID: <a@b>\r\nContent-Type: text/plain\r\n\r\n" + body.encode())
    assert fixed.text == body  # not flowed: kept as it came
    flowed = parse(
        b"Message-ID: <a@b>\r\nContent-Type: text/plain;\r\n\tcharset=us-ascii;\r\n"
        b'\tformat="Flowed"\r\n\r\n' + body.encode()
    )
    assert flowed.text == "approve 3 and more\n"


# -- HTML to text -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ("<div>one</div><div>two</div>", "one\ntwo"),
        ("<div>one</div><div><br></div><div>two</div>", "one\n\ntwo"),
        (
            '<div dir="ltr">one<div>two</div><div><br></div><div>three</div></div>',
            "one\ntwo\n\nthree",
        ),
        ("one<br>two<br/>three<br><br>four", "one\ntwo\nthree\n\nfour"),
        ("<div>one<br></div><div>two</div>", "one\ntwo"),
        (
            '<p class="MsoNormal">one<o:p></o:p></p><p class="MsoNormal"><o:p>&nbsp;</o:p></p>'
            '<p class="MsoNormal">two</p>',
            "one\n\ntwo",
        ),
        ("<p>one</p><p>two</p>", "one\n\ntwo"),
        ("<style>P {margin-top:0;margin-bottom:0;}</style><p>one</p><p>two</p>", "one\ntwo"),
        ("<p>one<br>\n two</p>\n<p>three</p>", "one\ntwo\n\nthree"),
        ("<pre>a  b\n\nc</pre>", "a  b\n\nc"),
        ("<div>x</div><blockquote><div>q1</div><div>q2</div></blockquote>", "x\n> q1\n> q2"),
        ("<table><tr><td>a</td><td>b</td></tr></table>", "a b"),
        ("<html><head><title>t</title><body>text", "text"),
    ],
)
def test_html_to_text_keeps_lines_as_displayed(markup: str, text: str) -> None:
    assert html_to_text(markup) == text


# -- invisible characters -----------------------------------------------------------


def test_invisible_characters_are_normalised() -> None:
    assert normalize_invisible("\u200b\ufeffapprove\u00a03\u2060\u200c") == "approve 3"
    assert normalize_invisible("snooze\u202f2\u20073d") == "snooze 2 3d"
    assert parse_commands("\u200b> approve 3") == ([], [])  # quoted stays quoted


# -- Outlook header blocks in more languages ----------------------------------------


@pytest.mark.parametrize(
    "block",
    [
        "Da: debrief <alex@example.org>\nInviato: lunedì 2 marzo 2026 10:00\nA: Alex\nOggetto: x",
        "De: debrief <alex@example.org>\nEnviado el: lunes, 2 de marzo de 2026 10:00\nPara: Alex",
        "Van: debrief <alex@example.org>\nVerzonden: maandag 2 maart 2026 10:00\nAan: Alex",
        "De: debrief <alex@example.org>\nEnviado: segunda-feira, 2 de março de 2026 10:00",
        "Od: debrief <alex@example.org>\nWysłane: poniedziałek, 2 marca 2026 10:00\nDo: Alex",
        "Från: debrief <alex@example.org>\nSkickat: den 2 mars 2026 10:00\nTill: Alex",
    ],
)
def test_outlook_header_blocks_in_more_languages_start_the_quote(block: str) -> None:
    parts = split_reply(f"approve 3\n\n{block}\n\napprove all\n")
    assert parts.new == "approve 3"
    assert "approve all" in parts.quoted


def test_an_underscore_rule_before_an_outlook_block_is_quoted_too() -> None:
    parts = split_reply(
        "approve 3\n\n________________________________\nFrom: d <a@b.example>\n"
        "Sent: Monday, March 2, 2026 10:00\nTo: a\n\nold"
    )
    assert parts.new == "approve 3"


def test_a_from_line_of_the_users_own_is_no_header_block() -> None:
    text = "From: the recruiter, as I understood\nit was a close call.\nSent: nothing yet"
    assert split_reply(text).new == text


# -- lines of the digest itself -------------------------------------------------------

DIGEST_TEXT = DIGEST.get_body(("plain",)).get_content()  # type: ignore[union-attr]


def test_lines_found_verbatim_in_the_digest_are_dropped() -> None:
    lines = ["approve 3", "  approve 3        approve 1 4 5        approve all", "skip 2"]
    kept = drop_digest_lines(lines, DIGEST_TEXT)
    assert kept == ["approve 3", "skip 2"]
    # whitespace does not matter: collapsed, stripped, invisible characters gone
    assert drop_digest_lines(["approve\u00a03 approve 1 4 5\tapprove all "], DIGEST_TEXT) == []


def test_an_unrecognised_quote_never_turns_the_digest_into_commands() -> None:
    """A draft whose text holds a line that is a whole command, quoted by a
    client whose quoting the parser does not know: with the digest's text
    given, its lines are never commands; the user's own lines still are."""
    sneaky = _draft(
        5, "Kim Roe", "kim.roe@fernbrook.example", "Hi Kim,\n\napprove all\nskip 3\n\nAlex\n"
    )
    digest = make_digest(sneaky)
    text = digest.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    # A client that pastes the original under a line the parser cannot know.
    new = split_reply(f"approve 4\n\n##- Original -##\n{text}").new
    assert Command("approve", (), all=True) in parse_commands(new)[0]  # the danger
    assert parse_commands(new, text) == ([Command("approve", (4,))], [])


def test_an_edit_body_may_repeat_lines_of_the_digest() -> None:
    """The user copies the draft's text into an edit and changes one line:
    lines it shares with the digest are kept."""
    typed = "edit 4\nHi Omar,\n\nThanks for your time. Could we talk again?\n\nAlex\nend"
    assert parse_commands(typed, DIGEST_TEXT) == (
        [
            Command(
                "edit",
                (4,),
                body="Hi Omar,\n\nThanks for your time. Could we talk again?\n\nAlex\n",
            )
        ],
        [],
    )
