"""The message model: raw bytes in, an immutable `Message` value out.

Invariants:
- `parse()` never raises. Anything odd (bad charset, broken MIME, ambiguous
  addresses, CR/LF or NUL in headers, oversize input) is recorded in
  `Message.problems` and parsing carries on with what is safe.
- Every header value in the model is a single line with no control characters,
  so it can be re-used in a new header without enabling injection.
- Addresses are lower-cased `local@domain` strings that passed a strict check;
  a header whose parse is ambiguous (CVE-2023-27043 style) yields no address.
- Attachments are never decoded, except calendar data (text/calendar parts
  and .ics attachments).
- Parsing is bounded: at most `MAX_BYTES` of input, `MAX_PARTS` MIME parts
  walked, `MAX_TEXT` characters of body text kept.

Over ~400 lines: the model and the one parser that upholds these invariants
(addresses, headers, parts, bounds) are kept together; the text of a part is
`plaintext.py`, quotes and forwards `textparts.py`, MIME walking `mime.py`.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import message_from_bytes
from email.header import decode_header, make_header
from email.message import Message as _StdMessage
from email.policy import compat32
from email.utils import getaddresses, parsedate_to_datetime

from daemon.ics import Event, parse_ics
from daemon.mime import content_type, fast_tree
from daemon.plaintext import html_to_text, unflow
from daemon.textparts import Forward, split_reply

MAX_BYTES = 8 * 1024 * 1024
MAX_PARTS = 300
MAX_DEPTH = 12
MAX_TEXT = 200_000
MAX_HEADER = 4000
MIN_YEAR, MAX_YEAR = 1980, 2200  # a Date outside is no date


@dataclass(frozen=True)
class Address:
    name: str
    addr: str

    @property
    def domain(self) -> str:
        return self.addr.rsplit("@", 1)[1]

    @property
    def local(self) -> str:
        return self.addr.rsplit("@", 1)[0]


@dataclass(frozen=True)
class Message:
    key: str  # Message-ID, or "<sha256:...@debrief>" when missing
    message_id: str | None
    subject: str
    from_: Address | None
    sender: Address | None
    reply_to: tuple[Address, ...]
    to: tuple[Address, ...]
    cc: tuple[Address, ...]
    return_path: str | None
    date: datetime | None
    in_reply_to: str | None
    references: tuple[str, ...]
    headers: dict[str, tuple[str, ...]] = field(compare=False)
    text: str = ""
    new_text: str = ""
    quoted_text: str = ""
    signature: str = ""
    forwards: tuple[Forward, ...] = ()
    events: tuple[Event, ...] = ()
    auto_submitted: str = ""
    precedence: str = ""
    is_list: bool = False
    problems: tuple[str, ...] = ()
    size: int = 0

    def header(self, name: str) -> str:
        values = self.headers.get(name.lower(), ())
        return values[0] if values else ""

    @functools.cached_property
    def is_auto_reply(self) -> bool:
        """An out-of-office or other automatic *reply*: Auto-Submitted:
        auto-replied (RFC 3834), Precedence: auto_reply, or X-Autoreply /
        X-Autorespond (unless Auto-Submitted says auto-generated). Not
        X-Auto-Response-Suppress: Outlook sets it on the user's own replies to
        ask *others* not to answer automatically. (Asked of every message
        several times: worked out once. The message is immutable; the cached
        value is not a field, so not compared.)"""
        if self.auto_submitted.startswith("auto-replied") or self.precedence == "auto_reply":
            return True
        if _AUTO_REPLY_HEADERS.isdisjoint(self.headers):
            return False  # most mail: no need for the generator below
        return (
            any(self.header(h) for h in _AUTO_REPLY_HEADERS)
            and "auto-generated" not in self.auto_submitted
        )

    @property
    def is_bulk(self) -> bool:
        return self.is_list or self.precedence in ("bulk", "list", "junk")

    @property
    def participants(self) -> tuple[Address, ...]:
        out = [a for a in (self.from_, self.sender) if a]
        return (*out, *self.reply_to, *self.to, *self.cc)


_AUTO_REPLY_HEADERS = frozenset(("x-autoreply", "x-autorespond"))
_CTRL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]+")
_ADDR = re.compile(
    r"^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$"
)
MSGID = re.compile(r"<[^<>\s]{1,500}>")


def is_mailbox(address: str, *, utf8: bool = False) -> bool:
    """An address SMTP can deliver to: a dot-atom local part (RFC 5321), a
    domain of letters, digits and hyphens, at most 254 octets; no control
    characters, no spaces, no quoting. With `utf8`, non-ASCII letters are
    allowed in the local part and the domain may be internationalised
    (RFC 6531/6532): such a mailbox needs a server that offers SMTPUTF8,
    which only the send can tell (`needs_smtputf8`)."""
    if address.isascii() or not utf8:
        return len(address) <= 254 and _ADDR.match(address.lower()) is not None
    if len(address.encode()) > 254 or address.count("@") != 1:
        return False
    local, domain = address.split("@")
    if any(not _utf8_atext(ch) for ch in local.replace(".", "a")):
        return False
    if not local or local.startswith(".") or local.endswith(".") or ".." in local:
        return False
    try:
        ascii_domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        return False
    return _ADDR.match(f"x@{ascii_domain.lower()}") is not None


def needs_smtputf8(address: str) -> bool:
    return not address.isascii()


def _utf8_atext(ch: str) -> bool:
    if ch.isascii():
        return _ADDR.match(f"{ch.lower()}@x.example") is not None
    # Letters, marks and digits of any script; never format characters
    # (bidi overrides, zero-width), spaces or symbols that only look alike.
    return unicodedata.category(ch)[0] in "LMN"


def clean(value: str, problems: list[str] | None = None, what: str = "") -> str:
    """One line, no control characters, bounded length."""
    if value.isprintable() and "  " not in value:
        # The usual case: only plain spaces are white space in a printable
        # string, so stripping is all the normalisation left to do.
        return value.strip()[:MAX_HEADER]
    if _CTRL.search(value.replace("\t", " ")):
        if problems is not None and ("\n" not in value.strip("\r\n") or "\x00" in value):
            problems.append(f"control characters in {what or 'a header'}")
        value = _CTRL.sub(" ", value.replace("\t", " "))
    value = " ".join(value.split())
    return value[:MAX_HEADER]


def _decode_words(text: str) -> str | None:
    """RFC 2047 decoding, or None when it fails."""
    try:
        return str(make_header(decode_header(text)))
    except Exception:
        return None


def decode(raw: object, problems: list[str], what: str) -> str:
    """Decode an RFC 2047 header value; falls back to the raw text."""
    if raw is None:
        return ""
    text = str(raw)
    if "=?" in text:
        decoded = _decode_words(text)
        if decoded is None:
            problems.append(f"undecodable encoded-word in {what}")
        else:
            text = decoded
    # Encoded newlines (CVE-2024-6923) become real ones above; clean() drops them.
    return clean(text, problems, what)


def header_text(value: str, problems: list[str], what: str) -> str:
    """A header value as `parse()` keeps it: `decode()`, with the usual plain
    value settled without a call into it (every header of every message)."""
    if "=?" not in value and value.isprintable() and "  " not in value:
        return value.strip()[:MAX_HEADER]  # what decode() would leave, as clean() does
    return decode(value, problems, what)


# The shapes nearly all real headers take: a comma-separated list of
# `local@domain` or `Display Name <local@domain>`, with no quotes, comments,
# escapes, groups or routes. Nothing in them can be read two ways, so a regex
# settles them exactly and the general parser is kept for everything else.
_ATOMS = r"[^\s\"()<>@,;:\\\[\]]+"
_SIMPLE_ITEM = re.compile(
    rf"\s*(?:([^\"()<>@,;:\\\[\]]*?)\s*<({_ATOMS}@{_ATOMS})>|({_ATOMS}@{_ATOMS}))\s*"
)
_NOT_SIMPLE = re.compile(r'["()\\;:\[\]]')


def _simple_pairs(raw: str) -> list[tuple[str, str]] | None:
    """(name, address) pairs of a header in the simple shape, else None."""
    if _NOT_SIMPLE.search(raw):
        return None
    out: list[tuple[str, str]] = []
    for item in raw.split(","):
        if not item.strip():
            continue
        m = _SIMPLE_ITEM.fullmatch(item)
        if m is None:
            return None
        out.append((m.group(1) or "", m.group(2) or m.group(3)))
    return out


def parse_addresses(raw: str, problems: list[str], what: str) -> tuple[Address, ...]:
    """Strictly parse an address header; ambiguous input gives no addresses."""
    if not raw.strip():
        return ()
    return _parse_any(raw, problems, what)


def _parse_any(raw: str, problems: list[str], what: str) -> tuple[Address, ...]:
    simple = _simple_pairs(raw)
    if simple is not None:
        out = []
        for name, addr in simple:
            addr = addr.lower()
            if not _ADDR.match(addr):
                problems.append(f"invalid address in {what}")
                return ()
            out.append(Address(clean(name), addr))
        return tuple(out)
    return _parse_general(raw, problems, what)


def _parse_general(raw: str, problems: list[str], what: str) -> tuple[Address, ...]:
    """Any address header, through the stdlib parser plus ambiguity checks."""
    pairs = getaddresses([raw])
    out: list[Address] = []
    for name, addr in pairs:
        addr = addr.strip().lower()
        if not addr and not name:
            continue
        if not _ADDR.match(addr):
            problems.append(f"invalid address in {what}")
            return ()
        out.append(Address(clean(name), addr))
    # CVE-2023-27043 class: the parser may have picked one of several
    # addresses hidden in comments or broken quoting. Every "@" outside
    # quoted display names must belong to an address we accepted.
    unquoted = re.sub(r'"(?:[^"\\]|\\.)*"', "", raw)
    if unquoted.count("@") != len(out) or not _balanced(unquoted):
        problems.append(f"ambiguous address in {what}")
        return ()
    return tuple(out)


def _balanced(text: str) -> bool:
    """Parentheses and angle brackets open before they close and all close."""
    depth = {"(": 0, "<": 0}
    closing = {")": "(", ">": "<"}
    for ch in text:
        if ch in depth:
            depth[ch] += 1
        elif ch in closing:
            depth[closing[ch]] -= 1
            if depth[closing[ch]] < 0:
                return False
    return all(v == 0 for v in depth.values())


def header_addresses(raw: str, problems: list[str], what: str) -> tuple[Address, ...]:
    """The addresses of one raw (undecoded) header value.

    Addresses are parsed before anything is decoded, and only display names
    are decoded after: an encoded word that decodes to an address
    ("=?utf-8?q?x:you@your.domain?= <attacker@evil.example>") stays a name,
    never becomes the sender."""
    found = parse_addresses(clean(raw), problems, what)
    if not any("=?" in a.name for a in found):
        return found
    return tuple(Address(decode(a.name, problems, what), a.addr) for a in found)


_CHARSET = re.compile(r';\s*charset\s*=\s*"?([^";\s]+)', re.IGNORECASE)
# RFC 3676 parameters of a text/plain part (values may be quoted, any case).
_FLOWED = re.compile(r';\s*format\s*=\s*"?flowed\b', re.IGNORECASE)
_DELSP = re.compile(r';\s*delsp\s*=\s*"?yes\b', re.IGNORECASE)


def _content_type(part: _StdMessage) -> tuple[str, str]:
    """(lower-case type/subtype, raw Content-Type value), as the stdlib decides
    the type (`get_content_type`), without its general parameter parser."""
    raw = part.get("Content-Type")
    if raw is None:
        return part.get_default_type(), ""
    return content_type(str(raw)), str(raw)


def _charset(part: _StdMessage) -> str | None:
    raw = str(part.get("Content-Type", ""))
    if "*" in raw:  # RFC 2231 parameters: the stdlib's parser knows them
        return part.get_content_charset()
    found = _CHARSET.search(raw)
    return found.group(1).lower() if found else None


def _payload_text(part: _StdMessage, problems: list[str]) -> str:
    try:
        payload = part.get_payload(decode=True)
    except Exception:
        problems.append("undecodable body part")
        return ""
    if not isinstance(payload, bytes):
        return ""
    payload = payload[: MAX_TEXT * 4]
    charset = _charset(part) or "utf-8"
    try:
        return payload.decode(charset, errors="replace")
    except (LookupError, UnicodeError, ValueError, TypeError):
        # Unknown, or a codec that is no text encoding ("idna", "rot13"...):
        # the body is still read, as UTF-8 or Latin-1.
        problems.append(f"unusable charset {clean(charset)[:40]!r}")
        try:
            return payload.decode("utf-8")
        except UnicodeDecodeError:
            return payload.decode("latin-1")


def _walk(
    msg: _StdMessage, problems: list[str]
) -> tuple[str, str, list[Event], list[tuple[_StdMessage, int]]]:
    """Iterative, bounded MIME walk -> (plain, html, events, attached messages)."""
    plain = html = ""
    events: list[Event] = []
    attached: list[tuple[_StdMessage, int]] = []
    stack: list[tuple[_StdMessage, int]] = [(msg, 0)]
    seen = 0
    while stack:
        part, depth = stack.pop()
        seen += 1
        if seen > MAX_PARTS:
            problems.append(f"more than {MAX_PARTS} MIME parts; the rest ignored")
            break
        ctype, raw_type = _content_type(part)
        if part.is_multipart():
            if depth >= MAX_DEPTH:
                problems.append("MIME nesting too deep; inner parts ignored")
                continue
            payload = part.get_payload()
            if isinstance(payload, list):
                if ctype == "message/rfc822":
                    attached.extend((s, depth + 1) for s in payload if isinstance(s, _StdMessage))
                    continue
                stack.extend(
                    (p, depth + 1) for p in reversed(payload) if isinstance(p, _StdMessage)
                )
            continue
        # Cheap raw-header checks first: parameter parsing (get_filename) is
        # the slowest step of the walk and most parts do not need it.
        disposition = str(part.get("Content-Disposition", "")).lower()
        named = "name" in disposition or "name" in raw_type.lower()
        filename = (part.get_filename() or "").lower() if named else ""
        if ctype == "text/calendar" or filename.endswith(".ics") or ctype == "application/ics":
            found, cal_problems = parse_ics(_payload_text(part, problems))
            events.extend(found)
            problems.extend(cal_problems)
        elif disposition.startswith("attachment") or filename:
            continue
        elif ctype == "text/plain" and not plain:
            plain = _payload_text(part, problems)
            if _FLOWED.search(raw_type):
                # Soft-wrapped lines joined: an `edit` keeps the user's
                # paragraphs, not the client's 72-column wrap.
                plain = unflow(plain, delsp=_DELSP.search(raw_type) is not None)
        elif ctype == "text/html" and not html:
            html = _payload_text(part, problems)
    for d in msg.defects[:5]:
        problems.append(f"MIME defect: {type(d).__name__}")
    return plain, html, events, attached


def content_key(raw: bytes) -> str:
    """A stable key for mail without a usable Message-ID."""
    return f"<sha256:{hashlib.sha256(raw).hexdigest()[:40]}@debrief.invalid>"


# The mark imap.py adds to a header it cut at its size bound.
TRUNCATED_HEADER = "x-debrief-header-truncated"


def parse(raw: bytes) -> Message:
    """Parse raw RFC 5322 bytes. Never raises."""
    problems: list[str] = []
    try:
        return _parse(raw, problems)
    except Exception as e:  # the contract: a broken message is a value, not a crash
        problems.append(f"unparseable message ({type(e).__name__})")
        return Message(
            key=content_key(raw),
            message_id=None,
            subject="",
            from_=None,
            sender=None,
            reply_to=(),
            to=(),
            cc=(),
            return_path=None,
            date=None,
            in_reply_to=None,
            references=(),
            headers={},
            problems=tuple(problems),
            size=len(raw),
        )


def _parse(raw: bytes, problems: list[str]) -> Message:
    size = len(raw)
    if size > MAX_BYTES:
        problems.append(f"message of {size} bytes truncated to {MAX_BYTES}")
        raw = raw[:MAX_BYTES]
    if b"\x00" in raw:
        problems.append("NUL bytes in message")
        raw = raw.replace(b"\x00", b"")
    fast = fast_tree(raw)
    std = fast or message_from_bytes(raw, policy=compat32)

    # One pass over the headers: the stdlib's get() scans the list every time.
    # (The fast reader only answers for ASCII headers, which compat32 hands
    # out unchanged: its raw items are its items.)
    raw_values: dict[str, list[str]] = {}
    headers: dict[str, list[str]] = {}
    for name, value in (list(fast.raw_items()) if fast else std.items())[:500]:
        name, value = str(name), str(value)
        key = (name if fast else clean(name)).lower()  # fast: names are printable ASCII
        raw_values.setdefault(key, []).append(value)
        headers.setdefault(key, []).append(header_text(value, problems, name))
    if TRUNCATED_HEADER in raw_values:  # the fetch stopped at its bound (imap.py)
        problems.append("header longer than debrief reads; its end was not read")

    def first(name: str) -> str:
        values = headers.get(name)
        return values[0] if values else ""

    def raw_header(name: str) -> str:
        values = raw_values.get(name.lower())
        return clean(values[0]) if values else ""

    def first_address(name: str, what: str) -> Address | None:
        values = raw_values.get(name)
        found = header_addresses(values[0], problems, what) if values else ()
        return found[0] if found else None

    def addresses(name: str) -> tuple[Address, ...]:
        out: list[Address] = []
        for v in raw_values.get(name.lower(), []):
            out.extend(header_addresses(v, problems, name))
        return tuple(out)

    msgid_match = MSGID.search(raw_header("Message-ID"))
    message_id = msgid_match.group(0) if msgid_match else None
    if message_id is None:
        problems.append("missing or malformed Message-ID")
    if len(raw_values.get("message-id", [])) > 1:
        problems.append("duplicated Message-ID header")

    date = None
    date_raw = raw_header("Date")
    if date_raw:
        try:
            date = parsedate_to_datetime(date_raw)
            if date.tzinfo is None:
                date = date.replace(tzinfo=UTC)
        except (TypeError, ValueError, IndexError, OverflowError):
            problems.append("unparseable Date")
        if date is not None and not MIN_YEAR <= date.year <= MAX_YEAR:
            # Year 9999 overflows every sum with a delay; year 1 is as false.
            problems.append(f"implausible Date ({date.year})")
            date = None

    plain, html, events, attached = _walk(std, problems)
    text = plain or (html_to_text(html) if html else "")
    if len(text) > MAX_TEXT:
        problems.append("body text truncated")
        text = text[:MAX_TEXT]
    parts = split_reply(text)
    forwards = list(parts.forwards)
    for sub, _depth in attached[:5]:
        sub_plain, sub_html, sub_events, _ = _walk(sub, problems)
        sub_text = sub_plain or (html_to_text(sub_html) if sub_html else "")
        forwards.append(
            Forward(
                sender=decode(sub.get("From"), problems, "From"),
                date=decode(sub.get("Date"), problems, "Date"),
                subject=decode(sub.get("Subject"), problems, "Subject"),
                text=split_reply(sub_text[:MAX_TEXT]).new,
                to=decode(sub.get("To"), problems, "To"),
                cc=decode(sub.get("Cc"), problems, "Cc"),
            )
        )
        events.extend(sub_events)

    in_reply_to = MSGID.search(raw_header("In-Reply-To"))
    refs = tuple(MSGID.findall(raw_header("References")))[:100]
    return_path = raw_header("Return-Path") or None
    return Message(
        key=message_id or content_key(raw),
        message_id=message_id,
        subject=first("subject"),
        from_=first_address("from", "From"),
        sender=first_address("sender", "Sender"),
        reply_to=addresses("Reply-To"),
        to=addresses("To"),
        cc=addresses("Cc"),
        return_path=return_path,
        date=date,
        in_reply_to=in_reply_to.group(0) if in_reply_to else None,
        references=refs,
        headers={k: tuple(v) for k, v in headers.items()},
        text=text,
        # One string when nothing was quoted: pickled once to the service.
        new_text=text if parts.new == text else parts.new,
        quoted_text=parts.quoted,
        signature=parts.signature,
        forwards=tuple(forwards),
        # A text/calendar part and its .ics twin describe the same event.
        events=tuple({(e.uid, e.sequence, e.method, e.attendees): e for e in events}.values()),
        auto_submitted=raw_header("Auto-Submitted").lower(),
        precedence=raw_header("Precedence").lower(),
        # List-Unsubscribe alone is no list: ATS notices carry it too.
        is_list=any(raw_header(h) for h in ("List-Id", "List-Post")),
        problems=tuple(dict.fromkeys(problems)),
        size=size,
    )
