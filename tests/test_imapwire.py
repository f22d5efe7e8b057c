"""The fast FETCH parser against imapclient's own: on hand-made and generated
responses, and on what the real Dovecot sends for every message we fetch."""

from __future__ import annotations

import contextlib
import logging
import mailbox
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError
from imapclient.response_parser import parse_fetch_response

from daemon import imap as imap_module
from daemon.devservers.dovecot import Dovecot, User
from daemon.imap import INDEX_HEADERS, MAX_PART, ImapMailbox
from daemon.imapwire import fetch, parse_fetch
from daemon.message import parse
from daemon.prefetch import Account
from tests.configs import account, write_config
from tests.mail import ODD_MESSAGES
from tests.mailboxes import PRIYA, seed

CORPUS = Path(__file__).parent / "fixtures" / "corpus"

Data = list[Any]


def imapclient_reads(data: Data) -> Any:
    try:
        return dict(parse_fetch_response(data, True, True))
    except Exception as e:  # its refusal is an answer too
        return type(e)


def agrees(data: Data) -> bool:
    """parse_fetch answered, and with imapclient's answer."""
    ours = parse_fetch(data)
    assert ours is None or ours == imapclient_reads(data), data
    return ours is not None


BODYSTRUCTURE = (
    b'1 (UID 7 RFC822.SIZE 56810 BODYSTRUCTURE (("text" "plain" ("charset" "utf-8") NIL NIL '
    b'"7bit" 17 1 NIL NIL NIL NIL)("application" "pdf" NIL NIL NIL "base64" 56054 NIL '
    b'("attachment" ("filename" "cv.pdf")) NIL NIL) "mixed" ("boundary" "==x==") NIL NIL NIL) '
    b"BODY[HEADER] {21}"
)


@pytest.mark.parametrize(
    "data",
    [
        [(BODYSTRUCTURE, b"Subject: hi\r\nX: y\r\n\r\n"), b")"],
        [
            b'2 (UID 9 BODYSTRUCTURE ("text" "html" NIL NIL NIL "quoted-printable" 10 1 NIL NIL NIL))'
        ],
        # HEADER.FIELDS: a section with spaces and parentheses inside brackets.
        [(b"3 (UID 4 BODY[HEADER.FIELDS (FROM TO)] {9}", b"From: a\r\n"), b")"],
        # Several literals in one response; a partial fetch's <origin>.
        [
            (b"4 (UID 5 BODY[1.MIME] {3}", b"a\r\n"),
            (b" BODY[1]<0> {4}", b"b{}("),
            b")",
        ],
        # Escapes inside quoted strings, an empty string, NIL, zero.
        [b'5 (UID 6 X ("a\\"b" "c\\\\d" "e\\qf" "" NIL 0 00 007))'],
        # Two responses for one message (an unsolicited one merges in).
        [b"6 (UID 8 RFC822.SIZE 10)", b"6 (UID 8 X 1)"],
        [None],
    ],
)
def test_answers_like_imapclient(data: Data) -> None:
    assert agrees(data)


@pytest.mark.parametrize(
    "data",
    [
        [b'1 (UID 2 INTERNALDATE "01-Jan-2026 10:00:00 +0000")'],  # converted by imapclient
        [b'1 (UID 2 X abc"def")'],  # a quote glued to an atom: imapclient refuses it
        [b"1 (UID 2 X a%b)"],  # a special that is not a token
        [b"1 (UID 2 X (a b)"],  # unclosed
        [b"1 (UID 2 X a))"],  # closed twice
        [b"01 (UID 2 X 1)"],  # a message number imapclient reads with int()
        [(b"1 (UID 2 X {3} Y", b"abc"), b")"],  # the literal marker does not end the line
        [(b"1 (UID 2 X {4}", b"abc"), b")"],  # wrong literal length
        [b"1 (UID 2 X)"],  # uneven pairs
        [b'1 (UID 2 X "unclosed)'],
    ],
)
def test_leaves_the_unusual_to_imapclient(data: Data) -> None:
    assert not agrees(data)


# --- generated responses -----------------------------------------------------

ATOM_CHARS = st.sampled_from(list(b"AZaz09.-_<>]{}\\*+!#&'"))
# An atom that starts with "{" but is no literal marker ends the fast path on
# purpose; "ordinary" responses have none, and the fast path must answer all.
FIRST_CHARS = st.sampled_from(list(b"AZaz09.-_<>]}\\*+!#&'"))
QUOTED_CHARS = st.sampled_from(list(b'ab \\"()[]{}%\t'))


@st.composite
def atom(draw: Any, ordinary: bool = False) -> bytes:
    kind = draw(st.sampled_from(["atom", "quoted", "nil", "number", "tuple", "section"]))
    if kind == "atom":
        first = draw(FIRST_CHARS if ordinary else ATOM_CHARS)
        return bytes([first, *draw(st.lists(ATOM_CHARS, max_size=5))])
    if kind == "quoted":
        body = bytes(draw(st.lists(QUOTED_CHARS, max_size=8)))
        return b'"' + body.replace(b"\\", b"\\\\").replace(b'"', b'\\"') + b'"'
    if kind == "nil":
        return b"NIL"
    if kind == "number":
        return str(draw(st.integers(0, 10**12))).encode()
    if kind == "section":
        return b"BODY[" + bytes(draw(st.lists(QUOTED_CHARS, max_size=6))).replace(b"]", b"") + b"]"
    items = draw(st.lists(atom(ordinary), max_size=4))
    return b"(" + b" ".join(items) + b")"


@st.composite
def response(draw: Any, ordinary: bool = False) -> Data:
    """A FETCH response as imaplib hands it over, literals split off."""
    data: Data = []
    for seq in draw(st.lists(st.integers(1, 50), min_size=1, max_size=3)):
        pairs = []
        for _ in range(draw(st.integers(0, 3))):
            pairs.append(b"X" + bytes(draw(st.lists(st.sampled_from(list(b"AB.")), max_size=3))))
            pairs.append(draw(atom(ordinary)))
        head = b"%d (UID %d" % (seq, draw(st.integers(1, 99))) + b"".join(b" " + p for p in pairs)
        if draw(st.booleans()):
            literal = bytes(draw(st.lists(st.integers(0, 255), max_size=20)))
            data.append((head + b" BODY[TEXT] {%d}" % len(literal), literal))
            data.append(b")")
        else:
            data.append(head + b")")
    return data


@settings(max_examples=400, deadline=None)
@given(response())
def test_generated_responses_agree(data: Data) -> None:
    agrees(data)


@settings(max_examples=300, deadline=None)
@given(response(ordinary=True))
def test_ordinary_generated_responses_are_all_answered(data: Data) -> None:
    """The fast path must actually be taken (a parser that always gave up
    would pass the test above): on every response without a brace-led atom."""
    assert agrees(data)


# --- the real server -----------------------------------------------------------


def test_dovecot_responses_read_like_imapclient(dovecot: Dovecot, imap_user: User) -> None:
    c = IMAPClient("127.0.0.1", port=dovecot.port, ssl=False, timeout=30)
    c.login(imap_user.name, imap_user.password)
    try:
        for m in mailbox.mbox(PRIYA / "inbox.mbox"):
            c.append("INBOX", m.as_bytes())
        for raw in ODD_MESSAGES:
            c.append("INBOX", raw)
        c.select_folder("INBOX", readonly=True)
        uids = c.search("ALL")
        item_sets = [
            ["BODYSTRUCTURE", "RFC822.SIZE", "BODY.PEEK[HEADER]"],
            [f"BODY.PEEK[HEADER.FIELDS ({' '.join(INDEX_HEADERS)})]"],
            ["BODY.PEEK[1.MIME]", f"BODY.PEEK[1]<0.{MAX_PART}>", f"BODY.PEEK[TEXT]<0.{MAX_PART}>"],
            # The bounded forms the slim fetch asks for (imap.MAX_HEADER).
            ["BODYSTRUCTURE", "BODY.PEEK[HEADER]<0.65536>", "BODY.PEEK[1.MIME]<0.65536>"],
        ]
        for items in item_sets:
            assert fetch(c, uids, items) == c.fetch(uids, items)
        # The fast path reads Dovecot's responses itself, literals included.
        imap = c._imap
        typ, data = imap.uid("FETCH", ",".join(map(str, uids)), "(" + " ".join(item_sets[0]) + ")")
        assert typ == "OK"
        assert parse_fetch(data) is not None
        assert any(isinstance(r, tuple) and b"BODYSTRUCTURE" in r[0] for r in data)
        # Unknown UIDs are left out; a bad item is the server's error, as with imapclient.
        assert fetch(c, [max(uids) + 100], ["RFC822.SIZE"]) == {}
        with pytest.raises(IMAPClientError):
            fetch(c, uids[:1], ["NO.SUCH.ITEM"])
        with pytest.raises(IMAPClientError):
            c.fetch(uids[:1], ["NO.SUCH.ITEM"])
    finally:
        c.logout()


@contextlib.contextmanager
def _priya_inbox(
    dovecot: Dovecot, imap_user: User, tmp_path: Path
) -> Iterator[tuple[ImapMailbox, list[int], Account]]:
    """Priya's mailbox on the real Dovecot: a connection with INBOX open, its
    UIDs, and the account to connect again."""
    seed(dovecot, imap_user)
    imap, secret = account(write_config(tmp_path, dovecot, imap_user))
    box = ImapMailbox.connect(imap, secret)
    try:
        box.examine("INBOX")
        yield box, box.uids_after(0), (imap, secret)
    finally:
        box.close()


def test_batches_are_what_fetch_slim_gives(
    dovecot: Dovecot, imap_user: User, tmp_path: Path
) -> None:
    with _priya_inbox(dovecot, imap_user, tmp_path) as (box, uids, _):
        assert len(uids) > 50
        expected = list(box.fetch_slim(uids))
        batches = box.fetch_slim_batches(uids, 7)
        got = list(next(batches))
        for batch in batches:
            assert len(batch) <= 7
            got += batch
        assert got == expected
        # Stopped after one batch, the connection is left in step.
        batches = box.fetch_slim_batches(uids, 7)
        assert next(batches) == expected[:7]
        batches.close()
        assert box.uids_after(0) == uids
        assert list(box.fetch_slim(uids[:3])) == expected[:3]


def test_debug_logging_never_holds_mail_contents(
    dovecot: Dovecot, imap_user: User, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """At --debug the protocol is logged, the mail is not (imapclient's default
    would log every response, bodies included)."""
    c = IMAPClient("127.0.0.1", port=dovecot.port, ssl=False, timeout=30)
    c.login(imap_user.name, imap_user.password)
    c.append(
        "INBOX",
        b"From: a@x.example\r\nSubject: Private 5c1e\r\n\r\nMy bank PIN is 7f3a9.\r\n",
    )
    c.logout()
    imap, secret = account(write_config(tmp_path, dovecot, imap_user))
    caplog.set_level(logging.DEBUG)
    box = ImapMailbox.connect(imap, secret)
    try:
        box.examine("INBOX")
        [(_, raw)] = list(box.fetch_slim(box.uids_after(0)))
        assert b"7f3a9" in raw
    finally:
        box.close()
    assert "UID SEARCH" in caplog.text  # the protocol is logged
    assert "7f3a9" not in caplog.text and "5c1e" not in caplog.text


def _shapes() -> list[bytes]:
    """Mail shapes the slim fetch must read as the whole message reads."""
    from email.message import EmailMessage

    from tests.mail import build, ics

    out = [
        build(subject="plain", body="Only text.\n"),
        build(subject="alternative", body="The text part.\n", html="<p>The html part.</p>"),
        build(subject="html only", body="x", html="<p>Only <b>html</b> here.</p>"),
        build(subject="invite", body="See the invite.\n", ics=ics()),
    ]
    empty_text = build(subject="empty text part", body="x", html="<p>The html is all.</p>")
    emptied = empty_text.replace(b"7bit\n\nx\n\n--", b"7bit\n\n--", 1)
    assert emptied != empty_text
    out.append(emptied)
    mixed = EmailMessage()
    mixed["From"], mixed["To"], mixed["Subject"] = "a@x.example", "b@y.example", "mixed"
    mixed["Message-ID"] = "<mixed@x.example>"
    mixed.set_content("Text of a mixed message.\n")
    mixed.add_alternative("<p>Html of a mixed message.</p>", subtype="html")
    mixed.add_attachment(b"%PDF" + bytes(range(256)) * 40, "application", "pdf", filename="cv.pdf")
    out.append(mixed.as_bytes())
    single_html = EmailMessage()
    single_html["From"], single_html["Subject"] = "c@z.example", "single html"
    single_html["Message-ID"] = "<single@z.example>"
    single_html.set_content("<p>Just html, one part.</p>", subtype="html")
    out.append(single_html.as_bytes())
    # One text part, read alone (rebuilt as that part): its charset and
    # transfer encoding must come along, and the message's own disposition
    # (odd on a multipart, harmless there) must not be taken for the part's.
    latin = EmailMessage()
    latin["From"], latin["Subject"] = "d@w.example", "latin text, pdf"
    latin["Message-ID"] = "<latin@w.example>"
    text = "Señora, lamentamos informarle: no seguimos adelante.\n"
    latin.set_content(text, charset="latin-1", cte="quoted-printable")
    latin.add_attachment(b"%PDF-1.4 x", "application", "pdf", filename="cv.pdf")
    latin["Content-Disposition"] = "attachment"  # on the multipart itself
    raw = latin.as_bytes()
    assert b"quoted-printable" in raw.lower() and b"iso-8859-1" in raw.lower()
    assert raw.index(b"Content-Disposition: attachment") < raw.index(b"Content-Type: text")
    out.append(raw)
    return out


def test_slim_messages_read_as_the_whole_messages_do(
    dovecot: Dovecot, imap_user: User, tmp_path: Path
) -> None:
    """What rules and extraction read of a message is the same whether it was
    fetched slim (headers and text parts) or whole: every corpus message and
    the usual MIME shapes."""
    c = IMAPClient("127.0.0.1", port=dovecot.port, ssl=False, timeout=30)
    c.login(imap_user.name, imap_user.password)
    for path in sorted(CORPUS.glob("*/*.mbox")):
        for m in mailbox.mbox(path):
            c.append("INBOX", m.as_bytes())
    for raw in _shapes():
        c.append("INBOX", raw)
    c.logout()
    imap, secret = account(write_config(tmp_path, dovecot, imap_user))
    box = ImapMailbox.connect(imap, secret)
    sent: list[tuple[list[int], list[str]]] = []
    original = imap_module.fetch

    def send(client: Any, uids: list[int], items: list[str], reader: Any = None) -> Any:
        sent.append((list(uids), list(items)))
        return original(client, uids, items, reader)

    try:
        box.examine("INBOX")
        uids = box.uids_after(0)
        slim = dict(box.fetch_slim(uids))
        whole = box.fetch_full(uids)
        # A plain message and a text + HTML one: their text comes with the
        # structure (the HTML is never read), one command for both.
        imap_module.fetch = send
        try:
            assert len(list(box.fetch_slim(uids[-8:-6]))) == 2
        finally:
            imap_module.fetch = original
    finally:
        box.close()
    assert len(sent) == 1, sent
    assert len(slim) == len(whole) == len(uids) > 300
    fields = ("key", "subject", "from_", "to", "cc", "date", "references", "in_reply_to")
    for uid in uids:
        a, b = parse(slim[uid]), parse(whole[uid])
        for name in (*fields, "text", "new_text", "quoted_text", "signature", "events"):
            assert getattr(a, name) == getattr(b, name), (name, b.subject)


def test_a_server_refusing_part_1_with_the_structure_is_asked_the_old_way(
    dovecot: Dovecot, imap_user: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Part 1 is asked for with the structure; a server that refuses that
    command gets the structure alone, then the parts, and gives the same."""
    with _priya_inbox(dovecot, imap_user, tmp_path) as (box, uids, (imap, secret)):
        expected = list(box.fetch_slim(uids))
        assert box.speculate
    refused = [*imap_module._META_PLAIN, "BODY.PEEK[1.NO-SUCH-PART]"]
    monkeypatch.setattr(imap_module, "_META", refused)
    again = ImapMailbox.connect(imap, secret)
    try:
        again.examine("INBOX")
        assert list(again.fetch_slim(uids, batch=40)) == expected
        assert not again.speculate
        assert again.uids_after(0) == uids  # the connection is in step
    finally:
        again.close()
