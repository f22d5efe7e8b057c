"""The slim fetch's fast reader and its plan cache, against the general
parser: on Dovecot's real answers, on generated structures, and on answers
in an unexpected form (which it must leave to the general parser)."""

from __future__ import annotations

import mailbox
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from imapclient import IMAPClient
from imapclient.response_types import BodyData

from daemon import slimfetch
from daemon.devservers.dovecot import Dovecot, User
from daemon.imap import _META
from daemon.imapwire import parse_fetch, parse_structure
from daemon.slimfetch import Planned, planned, read_meta, shape, text_sections
from tests.mail import ODD_MESSAGES

CORPUS = Path(__file__).parent / "fixtures" / "corpus"
Data = list[Any]


def generally(data: Data) -> dict[int, dict[bytes, Any]] | None:
    """The general parser's answer, with the structure turned into its plan."""
    parsed = parse_fetch(data)
    if parsed is None:
        return None
    for fields in parsed.values():
        if isinstance(fields.get(b"BODYSTRUCTURE"), BodyData):
            fields[b"BODYSTRUCTURE"] = Planned(tuple(text_sections(fields[b"BODYSTRUCTURE"])))
    return parsed


def test_dovecot_answers_read_as_the_general_parser_reads_them(
    dovecot: Dovecot, imap_user: User
) -> None:
    c = IMAPClient("127.0.0.1", port=dovecot.port, ssl=False, timeout=30)
    c.login(imap_user.name, imap_user.password)
    try:
        for path in sorted(CORPUS.glob("*/*.mbox")):
            for m in mailbox.mbox(path):
                c.append("INBOX", m.as_bytes())
        for raw in ODD_MESSAGES:
            c.append("INBOX", raw)
        c.select_folder("INBOX", readonly=True)
        uids = c.search("ALL")
        slimfetch._plans.clear()
        answered = 0
        items = "(" + " ".join(_META) + ")"
        for uid in uids:
            typ, data = c._imap.uid("FETCH", str(uid), items)
            assert typ == "OK"
            fast = read_meta(data)
            if fast is not None:
                answered += 1
                assert fast == generally(data), data
        # Every message of the corpus has the expected form on Dovecot.
        assert answered >= len(uids) - len(ODD_MESSAGES) and answered > 300
        assert 1 < len(slimfetch._plans) < answered / 5  # a few shapes serve many messages
        # A whole batch at once: one answer for all of it.
        typ, data = c._imap.uid("FETCH", ",".join(map(str, uids[:-3])), items)
        fast = read_meta(data)
        assert fast is not None and fast == generally(data) and len(fast) == len(uids) - 3
    finally:
        c.logout()


# --- generated structures ----------------------------------------------------

TYPES = [
    ("text", "plain"),
    ("text", "html"),
    ("text", "calendar"),
    ("application", "ics"),
    ("application", "pdf"),
    ("image", "png"),
    ("TEXT", "PLAIN"),
]
NAMES = st.sampled_from(["cv.pdf", "invite.ics", "Invite.ICS", "a1.txt", "x 2.html"])


def quoted(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


@st.composite
def leaf(draw: Any) -> str:
    kind, sub = draw(st.sampled_from(TYPES))
    params: list[str] = []
    if draw(st.booleans()):
        params += ["charset", draw(st.sampled_from(["utf-8", "iso-8859-1", "us-ascii"]))]
    if draw(st.booleans()):
        params += [draw(st.sampled_from(["name", "NAME", "format"])), draw(NAMES)]
    fields = [quoted(kind), quoted(sub)]
    fields.append("(" + " ".join(map(quoted, params)) + ")" if params else "NIL")
    fields += ["NIL", "NIL", quoted(draw(st.sampled_from(["7bit", "base64"])))]
    fields.append(str(draw(st.sampled_from([0, 1, 17, 56054, 10**9]))))
    if kind.lower() == "text":
        fields.append(str(draw(st.integers(0, 3000))))
    fields.append("NIL")  # md5
    disposition = draw(st.sampled_from([None, "attachment", "inline", "ATTACHMENT"]))
    if disposition is None:
        fields.append("NIL")
    else:
        extra = draw(st.sampled_from(["NIL", f'("filename" {quoted("cv.pdf")})']))
        fields.append(f"({quoted(disposition)} {extra})")
    fields += ["NIL", "NIL"]
    return "(" + " ".join(fields) + ")"


@st.composite
def structure(draw: Any, depth: int = 0) -> str:
    if depth >= 3 or draw(st.integers(0, 2)) == 0:
        return draw(leaf())
    parts = draw(st.lists(structure(depth + 1), min_size=1, max_size=4))
    sub = draw(st.sampled_from(["mixed", "alternative", "related"]))
    boundary = draw(st.text("ab=_-0123456789", min_size=1, max_size=20))
    return "(" + "".join(parts) + f' {quoted(sub)} ("boundary" {quoted(boundary)}) NIL NIL NIL)'


def renumbered(text: str, draw: Any) -> str:
    """The same structure with other non-zero sizes and other boundaries."""
    import re

    text = re.sub(
        r'("boundary" )"[^"]*"',
        lambda m: m.group(1) + quoted(draw(st.text("xyz9", max_size=9))),
        text,
    )
    return re.sub(r"\b[1-9][0-9]*\b", lambda m: str(draw(st.integers(1, 10**6))), text)


@settings(max_examples=300, deadline=None)
@given(structure(), st.data())
def test_one_shape_one_plan(text: str, data: st.DataObject) -> None:
    """Structures that differ only where a shape does not look have the same
    plan; and the cache gives what working the plan out gives."""
    other = renumbered(text, data.draw)
    a, b = parse_structure(text.encode()), parse_structure(other.encode())
    assert a is not None and b is not None
    assert shape(text.encode()) == shape(other.encode())
    assert text_sections(a) == text_sections(b)
    slimfetch._plans.clear()
    assert planned(text.encode()) == Planned(tuple(text_sections(a)))
    assert planned(other.encode()) == Planned(tuple(text_sections(b)))  # from the cache


def one_number_changed(text: str, draw: Any) -> str:
    """One size or line count made zero, or a zero made one."""
    import re

    found = list(re.finditer(r"(?<![\w.-])[0-9]+(?![\w.-])", text))
    if not found:
        return text
    m = draw(st.sampled_from(found))
    return text[: m.start()] + ("1" if m.group() == "0" else "0") + text[m.end() :]


@settings(max_examples=400, deadline=None)
@given(structure(), structure(), st.data())
def test_a_shape_tells_plans_apart(one: str, two: str, data: st.DataObject) -> None:
    """Different plans never share a shape (so the cache cannot mix them up):
    two structures, and one with a number turned to or from zero."""
    for other in (two, one_number_changed(one, data.draw)):
        a, b = parse_structure(one.encode()), parse_structure(other.encode())
        assert a is not None and b is not None
        if text_sections(a) != text_sections(b):
            assert shape(one.encode()) != shape(other.encode())


def test_an_empty_plain_part_changes_the_plan_and_the_shape() -> None:
    def alternative(size: int) -> bytes:
        return (
            b'(("text" "plain" NIL NIL NIL "7bit" %d 1 NIL NIL NIL NIL)'
            b'("text" "html" NIL NIL NIL "7bit" 9 1 NIL NIL NIL NIL) "alternative" '
            b'("boundary" "x") NIL NIL NIL)' % size
        )

    empty, full = parse_structure(alternative(0)), parse_structure(alternative(17))
    assert empty is not None and full is not None
    # parse() falls back on the HTML part when the plain one is empty.
    assert (text_sections(empty), text_sections(full)) == (["1", "2"], ["1"])
    assert shape(alternative(0)) != shape(alternative(17)) == shape(alternative(4))


# --- answers in another form ------------------------------------------------

STRUCTURE = (
    b'(("text" "plain" ("charset" "utf-8") NIL NIL "7bit" 5 1 NIL NIL NIL NIL)'
    b'("application" "pdf" NIL NIL NIL "base64" 9 NIL ("attachment" ("filename" "cv.pdf")) '
    b'NIL NIL) "mixed" ("boundary" "b1") NIL NIL NIL)'
)
HEADER = b"Subject: hi\r\n\r\n"


def answer(uid: int = 7, seq: int = 1, structure: bytes = STRUCTURE) -> Data:
    return [
        (
            b"%d (UID %d BODYSTRUCTURE %s BODY[HEADER]<0> {%d}"
            % (seq, uid, structure, len(HEADER)),
            HEADER,
        ),
        (b" BODY[1.MIME]<0> {4}", b"X\r\n\r"),
        (b" BODY[1]<0> {5}", b"hello"),
        b")",
    ]


def test_the_expected_form_is_read_fast() -> None:
    data = answer() + answer(uid=9, seq=2)
    fast = read_meta(data)
    assert fast is not None and fast == generally(data)
    assert fast[7][b"BODYSTRUCTURE"] == Planned(("1",))


def test_any_other_form_is_left_to_the_general_parser() -> None:
    first, mime, part, close = answer()
    other_forms: list[Data] = [
        [(first[0].replace(b"UID 7 BODYSTRUCTURE", b"BODYSTRUCTURE"), first[1]), mime, part, close],
        [(first[0], first[1] + b"x"), mime, part, close],  # literal longer than announced
        [first, (b" BODY[1.MIME]<0> NIL", b""), part, close],
        [first, mime, part],  # cut short
        [first, mime, part, b" FLAGS (\\Seen))"],
        [first, mime, part, close, b"3 (UID 8 FLAGS (\\Seen))"],  # an unsolicited update
        answer() + answer(),  # one UID twice
        answer(uid=7, seq=1).copy() + answer(uid=8, structure=b'("text" "plain"'),
        [(first[0].replace(b"UID 7", b"UID 07"), first[1]), mime, part, close],
        [(first[0] + b" ", first[1]), mime, part, close],
        [None],
    ]
    for data in other_forms:
        assert read_meta(data) is None, data
