"""Building test messages by hand (bytes, exactly as a server would store them),
and reading back the shape of a parsed one."""

from __future__ import annotations

from datetime import UTC, datetime
from email.message import EmailMessage, Message
from email.utils import format_datetime, make_msgid
from typing import Any, cast


def build(
    *,
    sender: str = "Dana Reyes <dana.reyes@acme-robotics.example>",
    to: str = "Alex Example <alex@example.org>",
    subject: str = "Your application",
    body: str = "Hello",
    date: datetime | None = None,
    msgid: str | None = None,
    headers: dict[str, str] | None = None,
    html: str | None = None,
    ics: str | None = None,
    in_reply_to: str | None = None,
    cc: str | None = None,
) -> bytes:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    if cc:
        msg["Cc"] = cc
    msg["Subject"] = subject
    msg["Date"] = format_datetime(date or datetime(2026, 3, 2, 10, 0, tzinfo=UTC))
    msg["Message-ID"] = msgid or make_msgid(domain="test.example")
    if in_reply_to:
        msg["In-Reply-To"] = in_reply_to
        msg["References"] = in_reply_to
    for k, v in (headers or {}).items():
        msg[k] = v
    msg.set_content(body)
    if html is not None:
        msg.add_alternative(html, subtype="html")
    if ics is not None:
        msg.add_attachment(ics.encode(), maintype="text", subtype="calendar", filename="invite.ics")
    return msg.as_bytes()


def ics(
    *,
    uid: str = "evt-1@acme-robotics.example",
    sequence: int = 0,
    organizer: str = "dana.reyes@acme-robotics.example",
    attendees: tuple[str, ...] = ("dana.reyes@acme-robotics.example", "alex@example.org"),
    method: str = "REQUEST",
    start: str = "20260220T150000Z",
    observers: tuple[str, ...] = (),
) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//test//EN",
        f"METHOD:{method}",
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"SEQUENCE:{sequence}",
        f"DTSTART:{start}",
        "SUMMARY:Interview",
        f"ORGANIZER;CN=Organizer:mailto:{organizer}",
    ]
    for a in attendees:
        lines.append(
            f"ATTENDEE;CN={a.split('@')[0]};ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED:mailto:{a}"
        )
    for a in observers:  # listed for information, not in the talk
        lines.append(
            f"ATTENDEE;CN={a.split('@')[0]};ROLE=NON-PARTICIPANT;PARTSTAT=ACCEPTED:mailto:{a}"
        )
    lines += ["END:VEVENT", "END:VCALENDAR", ""]
    return "\r\n".join(lines)


# Messages whose FETCH answers are unusual on the real server: a file name
# with quotes and a backslash, one with 8-bit text (Dovecot sends it as a
# literal), a message/rfc822 part, and an empty body.
ODD_MESSAGES = [
    b"From: a@x.example\r\nSubject: q\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; "
    b'boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nhi\r\n--b\r\nContent-Type: '
    b'application/pdf; name="a \\"q\\" \\\\ b.pdf"\r\nContent-Disposition: attachment; '
    b'filename="a \\"q\\" \\\\ b.pdf"\r\n\r\nxx\r\n--b--\r\n',
    b"From: a@x.example\r\nSubject: q\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; "
    b'boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain; name="r\xc3\xa9sum\xc3\xa9\r\n x"'
    b"\r\n\r\nhi\r\n--b\r\nContent-Type: message/rfc822\r\n\r\nSubject: inner\r\n\r\nbody\r\n"
    b"--b--\r\n",
    b"From: a@x.example\r\nSubject: empty\r\n\r\n",
]


def tree_shape(m: Message) -> list[Any]:
    """Everything daemon/message.py reads from a MIME tree: headers, content
    type, defects and the body (a multipart's parts, each shaped the same)."""
    payload = m.get_payload()
    # A multipart's payload is a list of messages (the stubs allow strings too).
    body = [tree_shape(cast(Message, p)) for p in payload] if isinstance(payload, list) else payload
    return [list(m.raw_items()), m.get_content_type(), [type(d) for d in m.defects], body]
