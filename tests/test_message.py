"""The message model: decoding, strict addresses, bounded parsing, quoted text."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from daemon.ics import parse_ics
from daemon.message import (
    MAX_PARTS,
    Address,
    _charset,
    _content_type,
    _parse_general,
    _simple_pairs,
    parse,
    parse_addresses,
)
from daemon.plaintext import html_to_text
from daemon.textparts import split_reply
from tests.mail import build, ics


def test_basic_fields_and_rfc2047() -> None:
    raw = (
        b"From: =?utf-8?q?Ay=C5=9Fe_Abara?= <Ayse.Abara@Alder.example>\r\n"
        b"To: me@example.org\r\nSubject: =?utf-8?b?UsO8Y2ttZWxkdW5n?=\r\n"
        b"Date: Mon, 04 Mar 2024 13:06:39 +0100\r\nMessage-ID: <a1@alder.example>\r\n"
        b"In-Reply-To: <p0@example.org>\r\nReferences: <p-1@x.example> <p0@example.org>\r\n"
        b"\r\nHallo\r\n"
    )
    m = parse(raw)
    assert m.from_ is not None
    assert (m.from_.name, m.from_.addr) == ("Ayşe Abara", "ayse.abara@alder.example")
    assert m.subject == "Rückmeldung"
    assert m.message_id == "<a1@alder.example>"
    assert m.in_reply_to == "<p0@example.org>"
    assert m.references == ("<p-1@x.example>", "<p0@example.org>")
    assert m.date is not None and m.date.utcoffset() is not None
    assert m.problems == ()


@pytest.mark.parametrize(
    "value",
    ["a@b@c", "x@y.example(<evil@z.example>", "alice@example.org)<bob@example.org>", "<@>"],
)
def test_ambiguous_addresses_yield_nothing(value: str) -> None:
    m = parse(f"From: {value}\r\nSubject: s\r\nMessage-ID: <x@y>\r\n\r\nbody\r\n".encode())
    assert m.from_ is None
    assert any("address" in p for p in m.problems)


_ADDRESS_CHARS = st.sampled_from(list("abcxyz.-_+@<> ,;:\"()\\[]'=?!é\t"))


@settings(max_examples=400, deadline=None)
@given(
    st.one_of(
        st.text(_ADDRESS_CHARS, max_size=40),
        st.lists(
            st.tuples(
                st.text(st.sampled_from(list("ab c.é'-")), max_size=8),
                st.from_regex(r"[a-z][a-z0-9.+-]{0,6}@[a-z]{1,5}\.[a-z]{2,3}", fullmatch=True),
            ),
            min_size=1,
            max_size=4,
        ).map(lambda items: ", ".join(f"{n} <{a}>" if n else a for n, a in items)),
    )
)
def test_simple_address_fast_path_agrees_with_the_general_parser(raw: str) -> None:
    """Where the regex fast path applies, it answers exactly as getaddresses + checks."""
    if _simple_pairs(raw) is None:
        return
    fast_problems: list[str] = []
    slow_problems: list[str] = []
    assert parse_addresses(raw, fast_problems, "To") == _parse_general(raw, slow_problems, "To")
    assert fast_problems == slow_problems


def test_simple_address_fast_path_takes_common_headers() -> None:
    assert _simple_pairs("Ana Ruiz <ana@x.example>, b@y.example") == [
        ("Ana Ruiz", "ana@x.example"),
        ("", "b@y.example"),
    ]
    for tricky in ['"A, B" <a@x.example>', "a@x.example (c)", "G: a@x.example;", "a@b@c"]:
        assert _simple_pairs(tricky) is None


@pytest.mark.parametrize(
    "value",
    [
        "text/plain",
        "text/plain; charset=utf-8",
        'TEXT/HTML; Charset="ISO-8859-1"',
        "text/plain;charset=windows-1252;format=flowed",
        "text/plain; format=flowed; charset = koi8-r",
        "text/plain; charset*=utf-8''%e2%82%ac",
        'text/plain; name="charset=x.txt"; charset=us-ascii',
        "texthtml; charset=utf-8",
        "text/plain; charset=",
    ],
)
def test_content_type_shortcuts_agree_with_the_stdlib(value: str) -> None:
    from email import message_from_string

    part = message_from_string(f"Content-Type: {value}\n\nx\n")
    assert _content_type(part)[0] == part.get_content_type()
    assert (_charset(part) or None) == (part.get_content_charset() or None)  # "" means none


def test_quoted_display_name_with_at_sign_is_fine() -> None:
    m = parse(b'From: "Jobs @ Acme" <jobs@acme.example>\r\nMessage-ID: <x@y>\r\n\r\nb\r\n')
    assert m.from_ is not None and m.from_.addr == "jobs@acme.example"


def test_missing_and_duplicate_message_id() -> None:
    raw = b"From: a@b.example\r\nSubject: no id\r\n\r\nbody\r\n"
    m1, m2 = parse(raw), parse(raw)
    assert m1.message_id is None
    assert m1.key == m2.key and m1.key.startswith("<sha256:")
    assert parse(raw + b"x").key != m1.key
    dup = parse(b"Message-ID: <a@x>\r\nMessage-ID: <b@x>\r\n\r\nb\r\n")
    assert dup.message_id == "<a@x>"
    assert "duplicated Message-ID header" in dup.problems


def test_crlf_nul_and_encoded_newlines_never_reach_header_values() -> None:
    raw = (
        b"From: a@b.example\r\nSubject: =?utf-8?q?hi=0D=0ABcc:_evil@x.example?=\r\n"
        b"X-Nul: a\x00b\r\nMessage-ID: <x@y>\r\n\r\nbody\r\n"
    )
    m = parse(raw)
    assert "\n" not in m.subject and "\r" not in m.subject
    assert m.subject == "hi Bcc: evil@x.example"
    assert all("\x00" not in v for vs in m.headers.values() for v in vs)
    assert m.problems


def test_undecodable_charset_is_reported_not_fatal() -> None:
    raw = (
        b"From: a@b.example\r\nMessage-ID: <x@y>\r\nContent-Type: text/plain; charset=x-klingon\r\n"
        b"\r\nWe regret\xff to inform you\r\n"
    )
    m = parse(raw)
    assert "regret" in m.text
    assert any("charset" in p for p in m.problems)


def test_huge_body_is_bounded() -> None:
    raw = b"From: a@b.example\r\nMessage-ID: <x@y>\r\n\r\n" + b"word " * 4_000_000  # 20 MB
    start = time.monotonic()
    m = parse(raw)
    assert time.monotonic() - start < 10
    assert m.size == len(raw)
    assert any("truncated" in p for p in m.problems)
    assert len(m.text) <= 200_000


def test_ten_thousand_parts_are_bounded() -> None:
    parts = b"".join(
        b"--b\r\nContent-Type: text/plain\r\n\r\npart %d\r\n" % i for i in range(10_000)
    )
    raw = (
        b"From: a@b.example\r\nMessage-ID: <x@y>\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n' + parts + b"--b--\r\n"
    )
    start = time.monotonic()
    m = parse(raw)
    assert time.monotonic() - start < 10
    assert any(str(MAX_PARTS) in p for p in m.problems)
    assert m.text.startswith("part 0")


def test_deep_nesting_and_missing_boundary() -> None:
    inner = b"Content-Type: text/plain\r\n\r\ndeep text\r\n"
    for i in range(40):
        inner = (
            b'Content-Type: multipart/mixed; boundary="b%d"\r\n\r\n--b%d\r\n' % (i, i)
            + inner
            + b"\r\n--b%d--\r\n" % i
        )
    m = parse(b"From: a@b.example\r\nMessage-ID: <x@y>\r\nMIME-Version: 1.0\r\n" + inner)
    assert any("deep" in p for p in m.problems)
    broken = parse(
        b"From: a@b.example\r\nMessage-ID: <x@y>\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="nope"\r\n\r\nno boundary here\r\n'
    )
    assert broken.key == "<x@y>"
    assert broken.problems


def test_garbage_never_raises() -> None:
    for raw in (b"", b"\x00\xff\xfe", b":::\r\n\r\n", b"From:\r\n" * 1000, bytes(range(256)) * 50):
        m = parse(raw)
        assert m.key


def test_html_only_body_becomes_text_and_blockquote_is_quoted() -> None:
    html = (
        "<html><head><style>p{x:1}</style></head><body><p>We&#x27;ve decided to move on.</p>"
        "<blockquote><p>Old text we said before</p></blockquote></body></html>"
    )
    text = html_to_text(html)
    assert "We've decided to move on." in text
    assert "> Old text" in text
    assert "x:1" not in text


def test_split_reply_separates_new_quoted_signature_forward() -> None:
    text = (
        "Thanks, see below.\n\n-- \nDana Reyes | Recruiter | Acme\n"
        "On Tue, 5 Mar 2024, Bob <b@x.example> wrote:\n> old rejection text\n"
    )
    parts = split_reply(text)
    assert parts.new == "Thanks, see below."
    assert "Acme" in parts.signature
    outlook = split_reply("New words.\nFrom: Dana\nSent: Monday\nTo: me\n\nold words")
    assert outlook.new == "New words." and "old words" in outlook.quoted
    fwd = split_reply(
        "FYI below.\n---------- Forwarded message ---------\nFrom: Dana <d@acme.example>\n"
        "Date: Mon, 04 Mar 2024 13:06:39 +0100\nSubject: Update\n\nWe decided otherwise.\n"
    )
    assert fwd.new == "FYI below."
    assert fwd.forwards[0].sender == "Dana <d@acme.example>"
    assert fwd.forwards[0].text == "We decided otherwise."
    wrapped = split_reply("Mine.\nOn Tue, 05 Mar 2024 17:53:36 -0500, Priya\nwrote:\n> x\n")
    assert wrapped.new == "Mine."


@pytest.mark.parametrize(
    "attribution",
    [
        "Le mar. 5 mars 2024, Anne a écrit :",
        "Am 05.03.2024 um 10:00 schrieb Jonas:",
        "El mar, 5 mar 2024, Ana escribió:",
        "Op 5 mrt 2024 schreef Piet:",
    ],
)
def test_attributions_in_other_languages(attribution: str) -> None:
    parts = split_reply(f"Nouveau.\n{attribution}\nAncien texte\n")
    assert parts.new == "Nouveau." and "Ancien" in parts.quoted


def test_calendar_attendees_roles_sequence_and_cancel() -> None:
    events, problems = parse_ics(
        ics(attendees=("a@acme.example", "b@acme.example"), sequence=2).replace(
            "ATTENDEE;CN=b", "ATTENDEE;CUTYPE=ROOM;CN=b"
        )
    )
    assert problems == []
    [e] = events
    assert e.sequence == 2 and e.method == "REQUEST" and not e.cancelled
    assert [p.address for p in e.attendees] == ["a@acme.example", "b@acme.example"]
    assert e.attendees[1].cutype == "ROOM"
    assert e.organizer is not None and e.organizer.address == "dana.reyes@acme-robotics.example"
    cancelled, _ = parse_ics(ics(method="CANCEL"))
    assert cancelled[0].cancelled


def test_calendar_parameters_may_quote_colons_and_semicolons() -> None:
    events, problems = parse_ics(
        "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:u:1\n"
        'ATTENDEE;CN="Doe: Jane; PhD";ROLE=CHAIR;PARTSTAT=ACCEPTED:mailto:Jane.Doe@x.example\n'
        "ATTENDEE;CN=Sam:MAILTO:sam@x.example\nattendee:mailto:kim@x.example\n"
        "END:VEVENT\nEND:VCALENDAR\n"
    )
    assert problems == []
    [e] = events
    assert e.uid == "u:1"
    assert [(p.name, p.address, p.role) for p in e.attendees] == [
        ("Doe: Jane; PhD", "jane.doe@x.example", "CHAIR"),
        ("Sam", "sam@x.example", "REQ-PARTICIPANT"),
        ("", "kim@x.example", "REQ-PARTICIPANT"),
    ]


def test_broken_calendar_is_reported() -> None:
    events, problems = parse_ics(
        "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSEQUENCE:x\nATTENDEE:mailto:a@b@c\n"
    )
    assert problems
    assert events == []
    raw = build(body="see invite", ics="BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:1\n")
    assert any("calendar" in p for p in parse(raw).problems)


def test_calendar_from_attachment_and_markers() -> None:
    raw = build(ics=ics(), headers={"Auto-Submitted": "auto-replied", "List-Id": "<jobs.x>"})
    m = parse(raw)
    assert len(m.events) == 1
    assert m.is_auto_reply and m.is_bulk
    # List-Unsubscribe alone is no mailing list (transactional mail carries it)
    assert not parse(build(headers={"List-Unsubscribe": "<mailto:u@x>"})).is_bulk
    generated = parse(build(headers={"Auto-Submitted": "auto-generated"}))
    assert not generated.is_auto_reply


def test_an_encoded_display_name_never_becomes_an_address() -> None:
    """Addresses are parsed before names are decoded: a name that decodes to
    the user's address is no sender, and a decoded name stays a name."""
    raw = (
        b"From: =?utf-8?q?x:alex@example.org?= <attacker@evil.example>\r\n"
        b"To: =?utf-8?q?Jos=C3=A9_P=C3=A9rez?= <alex@example.org>\r\n"
        b"Reply-To: =?utf-8?q?alex=40example.org?= <other@evil.example>\r\n"
        b"Subject: hi\r\nMessage-ID: <enc@x.example>\r\n\r\nbody\r\n"
    )
    m = parse(raw)
    assert m.from_ is None or m.from_.addr != "alex@example.org"
    assert m.to == (Address("José Pérez", "alex@example.org"),)
    assert m.reply_to == (Address("alex@example.org", "other@evil.example"),)


@pytest.mark.parametrize(
    "date", [b"Fri, 31 Dec 9999 23:59:59 -1200", b"Mon, 01 Jan 1900 00:00:00 +0000"]
)
def test_an_implausible_date_is_no_date(date: bytes) -> None:
    m = parse(b"Date: " + date + b"\r\nMessage-ID: <d@x.example>\r\nSubject: x\r\n\r\nbody\r\n")
    assert m.date is None
    assert any("Date" in p for p in m.problems)


def test_a_codec_that_is_no_text_encoding_still_reads_the_body() -> None:
    raw = (
        b"Message-ID: <i@x.example>\r\nSubject: x\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: text/plain; charset="idna"\r\n\r\nWe have decided not to proceed.\r\n'
    )
    m = parse(raw)
    assert "decided not to proceed" in m.new_text
    assert any("charset" in p for p in m.problems)


@pytest.mark.parametrize("tzid", ["A" * 256, "../../etc/passwd", "Not/AZone", "Europe/Berlin\x00"])
def test_a_calendar_tzid_the_zone_database_refuses_is_utc(tzid: str) -> None:
    cal = ics().replace("DTSTART:20260220T150000Z", f"DTSTART;TZID={tzid}:20260220T150000")
    m = parse(build(body="We have decided to move forward with other candidates.", ics=cal))
    assert not any("unparseable" in p for p in m.problems)
    assert len(m.events) == 1 and m.events[0].start is not None
    assert "decided to move forward" in m.new_text


def test_a_mail_passed_on_under_a_pointer_is_a_forward_not_quoted_history() -> None:
    text = (
        "Hoi Alex,\n\nHelaas geen goed nieuws; hieronder lees je wat Joost mij schreef.\n\nSanne\n\n"
        "Van: Joost Bakker <joost@klant.example>\nVerzonden: donderdag 13 maart 2025 17:42\n"
        "Aan: Sanne <sanne@bureau.example>\nOnderwerp: Kandidaat Alex\n\n"
        "> Hoi Sanne,\n>\n> We gaan niet verder met haar.\n>\n> Joost\n"
    )
    parts = split_reply(text)
    assert parts.quoted == ""
    assert parts.forwards[0].sender.startswith("Joost Bakker")
    assert "niet verder" in parts.forwards[0].text
    # "-----Ursprüngliche Nachricht-----" under "anbei die Rückmeldung"
    german = (
        "Hallo Alex,\n\nanbei die Rückmeldung von Frau Koch.\n\nFelix\n\n"
        "-----Ursprüngliche Nachricht-----\nVon: Mia Koch <mia@kunde.example>\n"
        "Gesendet: Donnerstag, 20. März 2025 17:10\nAn: Felix <felix@agentur.example>\n"
        "Betreff: Kandidat\n\nHallo Herr Brandt,\nwir haben uns anders entschieden.\n"
    )
    parts = split_reply(german)
    assert parts.forwards and "anders entschieden" in parts.forwards[0].text


def test_the_same_block_under_a_plain_reply_is_quoted_history() -> None:
    text = (
        "Hi Alex,\n\nThursday works, see you then.\n\nSam\n\n"
        "From: Alex <alex@example.org>\nSent: Monday, 3 March 2025 10:00\n"
        "To: Sam <sam@acme.example>\nSubject: Interview\n\nCould we do Thursday?\n"
    )
    parts = split_reply(text)
    assert not parts.forwards
    assert "Could we do Thursday?" in parts.quoted
