"""A small, bounded iCalendar (RFC 5545) reader for meeting invitations.

Pure: text in, `Event` values out. Only what debrief needs is read: METHOD,
UID, SEQUENCE, DTSTART, STATUS, ORGANIZER and ATTENDEE (address, name, role,
participation status, user type). Broken input never raises; it yields fewer
events and a problem string.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

MAX_ICS_CHARS = 256 * 1024
MAX_PEOPLE = 200


@dataclass(frozen=True)
class Person:
    address: str
    name: str
    role: str  # CHAIR, REQ-PARTICIPANT, OPT-PARTICIPANT, NON-PARTICIPANT; ORGANIZER
    partstat: str
    cutype: str  # INDIVIDUAL, ROOM, RESOURCE, GROUP, ...


@dataclass(frozen=True)
class Event:
    method: str  # REQUEST, CANCEL, PUBLISH, REPLY, ...
    uid: str
    sequence: int
    start: datetime | None
    status: str
    summary: str
    organizer: Person | None
    attendees: tuple[Person, ...]

    @property
    def cancelled(self) -> bool:
        return self.method == "CANCEL" or self.status == "CANCELLED"


_NAME = re.compile(r"[A-Za-z0-9-]+")
_READ = frozenset(
    {"BEGIN", "END", "METHOD", "ATTENDEE", "ORGANIZER", "DTSTART", "UID", "SEQUENCE", "STATUS"}
    | {"SUMMARY"}
)
_PARAM = re.compile(r';([A-Za-z-]+)=("[^"]*"|[^;:]*)')


def _unfold(text: str) -> list[str]:
    lines: list[str] = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if raw[:1] in (" ", "\t") and lines:
            lines[-1] += raw[1:]
        else:
            lines.append(raw)
    return lines


def _split(line: str) -> tuple[str, dict[str, str], str]:
    """'ATTENDEE;CN="A, B";ROLE=CHAIR:mailto:x' -> (name, params, value)."""
    head_end = line.find(":")
    quote = line.find('"')
    if head_end < 0:
        head_end = len(line)
    if 0 <= quote < head_end:  # a quoted parameter may hold ":" (rare: walk it)
        head_end = len(line)
        in_quote = False
        for i in range(quote, len(line)):
            ch = line[i]
            if ch == '"':
                in_quote = not in_quote
            elif ch == ":" and not in_quote:
                head_end = i
                break
    head, value = line[:head_end], line[head_end + 1 :]
    name, semicolon, rest = head.partition(";")
    params = {k.upper(): v.strip('"') for k, v in _PARAM.findall(";" + rest)} if semicolon else {}
    return name.upper(), params, value


def _person(params: dict[str, str], value: str, default_role: str) -> Person | None:
    addr = value.strip()
    if addr.lower().startswith("mailto:"):
        addr = addr[7:]
    addr = addr.strip().lower()
    if "@" not in addr or any(c in addr for c in " <>,;\"'"):
        return None
    return Person(
        address=addr,
        name=params.get("CN", "").strip(),
        role=params.get("ROLE", default_role).upper(),
        partstat=params.get("PARTSTAT", "NEEDS-ACTION").upper(),
        cutype=params.get("CUTYPE", "INDIVIDUAL").upper(),
    )


def _datetime(params: dict[str, str], value: str) -> datetime | None:
    value = value.strip()
    for fmt in ("%Y%m%dT%H%M%SZ", "%Y%m%dT%H%M%S", "%Y%m%d"):
        try:
            dt = datetime.strptime(value, fmt)
        except ValueError:
            continue
        if fmt.endswith("Z"):
            return dt.replace(tzinfo=UTC)
        zone = _zone(params.get("TZID", ""))
        return dt.replace(tzinfo=zone or UTC)
    return None


@functools.lru_cache(maxsize=256)
def _zone(tzid: str) -> ZoneInfo | None:
    """The zone a TZID names, or None: a TZID comes from a stranger's mail, so
    anything the zone database refuses (unknown, a path, 256 characters that
    make the file system fail) is no zone, never an error."""
    if not tzid or len(tzid) > 64 or not tzid.isprintable():
        return None
    try:
        return ZoneInfo(tzid)
    except Exception:  # ZoneInfoNotFoundError, ValueError, OSError, ...
        return None


def parse_ics(text: str) -> tuple[list[Event], list[str]]:
    """Events found in `text`, plus problems noticed. Never raises."""
    problems: list[str] = []
    if len(text) > MAX_ICS_CHARS:
        problems.append("calendar data truncated")
        text = text[:MAX_ICS_CHARS]
    events: list[Event] = []
    method = ""
    current: dict[str, object] | None = None
    depth = 0
    for line in _unfold(text):
        head = _NAME.match(line)
        if head is None or head.group(0).upper() not in _READ:
            continue  # DESCRIPTION, DTEND, time zones...: never looked at
        name, params, value = _split(line)
        if name == "BEGIN":
            if value.upper() == "VEVENT":
                current = {"attendees": []}
            depth += 1
        elif name == "END":
            depth -= 1
            if value.upper() == "VEVENT" and current is not None:
                try:
                    seq = int(str(current.get("SEQUENCE", "0")).strip() or 0)
                except ValueError:
                    seq = 0
                    problems.append("calendar: bad SEQUENCE")
                attendees = current["attendees"]
                assert isinstance(attendees, list)
                events.append(
                    Event(
                        method=method,
                        uid=str(current.get("UID", "")),
                        sequence=seq,
                        start=current.get("DTSTART"),  # type: ignore[arg-type]
                        status=str(current.get("STATUS", "")).upper(),
                        summary=str(current.get("SUMMARY", "")),
                        organizer=current.get("ORGANIZER"),  # type: ignore[arg-type]
                        attendees=tuple(attendees),
                    )
                )
                current = None
        elif name == "METHOD" and current is None:
            method = value.strip().upper()
        elif current is not None:
            if name == "ATTENDEE":
                attendees = current["attendees"]
                assert isinstance(attendees, list)
                person = _person(params, value, "REQ-PARTICIPANT")
                if person and len(attendees) < MAX_PEOPLE:
                    attendees.append(person)
            elif name == "ORGANIZER":
                current["ORGANIZER"] = _person(params, value, "ORGANIZER")
            elif name == "DTSTART":
                current["DTSTART"] = _datetime(params, value)
            elif name in ("UID", "SEQUENCE", "STATUS", "SUMMARY"):
                current[name] = value
    if depth != 0:
        problems.append("calendar: unbalanced BEGIN/END")
    if current is not None:
        problems.append("calendar: unterminated VEVENT")
    # Apply METHOD seen after the events (some generators put it last).
    if method:
        events = [e if e.method else _with_method(e, method) for e in events]
    return events, problems


def _with_method(event: Event, method: str) -> Event:
    return Event(
        method,
        event.uid,
        event.sequence,
        event.start,
        event.status,
        event.summary,
        event.organizer,
        event.attendees,
    )
