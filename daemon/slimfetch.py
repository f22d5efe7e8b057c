"""Which parts of a message the slim fetch downloads, and a fast reader for
the answer to its first command (structure, header, part 1).

On a first run over a big mailbox, tokenising every BODYSTRUCTURE (some 50
atoms a message, one Python step each) and walking it was a sixth of a
fetch worker's time, though most mail comes in a handful of shapes. So the
plan (`text_sections`) is kept per *shape*: the structure's text with its
boundary values blanked and every number reduced to zero or one. Messages of
a known shape are read with a few regular expressions and a dictionary
lookup; the rest, and any answer not exactly in the expected form, go
through the general parser (`imapwire`).

Invariants:
- `read_meta(data)` returns exactly what `imapwire.parse_fetch(data)` returns
  for the same data, except that BODYSTRUCTURE holds the `Planned` sections
  `text_sections()` gives for that structure; or None (then the caller parses
  the data the general way). Tested against the general parser.
- Two structures of one shape have one plan: the plan reads only type and
  subtype names, dispositions, parameter names, whether a name ends in
  ".ics", and whether a part's size is zero, none of which a shape changes
  (numbers keep zero apart from the rest; letters and the structure stay).
- The cache is bounded (`SHAPES_KEPT`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from daemon.imapwire import parse_structure

TEXT_TYPES = {("text", "plain"), ("text", "html"), ("text", "calendar"), ("application", "ics")}
SHAPES_KEPT = 4096

# The first record of one message's answer, as Dovecot (and most servers)
# send it: the sequence number, UID, the structure, and the header literal.
# The structure is everything up to the last " BODY[HEADER]<0> {n}" on the
# line, which ends it: a quoted string inside cannot move that end. (The
# header is asked for up to a bound, so it comes as a partial section.)
_FIRST = re.compile(rb"(\d+) \(UID (\d+) BODYSTRUCTURE (\(.*\)) BODY\[HEADER\]<0> \{(\d+)\}", re.S)
_MIME = re.compile(rb" BODY\[1\.MIME\]<0> \{(\d+)\}")
_PART = re.compile(rb" BODY\[1\]<0> \{(\d+)\}")
_BOUNDARY = re.compile(rb'("boundary" )"(?:[^"\\]|\\.)*"', re.I)
_NONZERO = re.compile(rb"[1-9][0-9]*")


@dataclass(frozen=True)
class Planned:
    """The sections to fetch for a message, worked out from its structure."""

    sections: tuple[str, ...]


_plans: dict[bytes, Planned] = {}


def shape(structure: bytes) -> bytes:
    """The key two structures with the same plan share (see the invariants)."""
    return _NONZERO.sub(b"1", _BOUNDARY.sub(rb'\1""', structure))


def planned(structure: bytes) -> Planned | None:
    """The plan for a BODYSTRUCTURE's text, from the cache or worked out;
    None when the text is not one well-formed structure."""
    key = shape(structure)
    found = _plans.get(key)
    if found is None:
        parsed = parse_structure(structure)
        if parsed is None:
            return None
        if len(_plans) >= SHAPES_KEPT:
            _plans.clear()
        found = _plans[key] = Planned(tuple(text_sections(parsed)))
    return found


def read_meta(data: list[Any]) -> dict[int, dict[bytes, Any]] | None:
    """The answer to (BODYSTRUCTURE BODY.PEEK[HEADER]<0.h> BODY.PEEK[1.MIME]<0.h>
    BODY.PEEK[1]<0.n>) when every message in it has exactly the expected
    form; None otherwise."""
    out: dict[int, dict[bytes, Any]] = {}
    i, n = 0, len(data)
    while i < n:
        if i + 3 >= n:
            return None
        first, mime, part, close = data[i : i + 4]
        i += 4
        if not (
            isinstance(first, tuple)
            and isinstance(mime, tuple)
            and isinstance(part, tuple)
            and close == b")"
        ):
            return None
        m = _FIRST.fullmatch(first[0])
        if m is None or int(m.group(4)) != len(first[1]):
            return None
        mm = _MIME.fullmatch(mime[0])
        if mm is None or int(mm.group(1)) != len(mime[1]):
            return None
        mp = _PART.fullmatch(part[0])
        if mp is None or int(mp.group(1)) != len(part[1]):
            return None
        seq, uid = m.group(1, 2)
        if seq[:1] == b"0" or uid[:1] == b"0":
            return None  # not a canonical number: the general parser decides
        plan = planned(m.group(3))
        if plan is None or int(uid) in out:
            return None
        out[int(uid)] = {
            b"SEQ": int(seq),
            b"BODYSTRUCTURE": plan,
            b"BODY[HEADER]<0>": first[1],
            b"BODY[1.MIME]<0>": mime[1],
            b"BODY[1]<0>": part[1],
        }
    return out


def text_sections(bs: Any) -> list[str]:
    """IMAP section numbers of the text/html/calendar parts worth fetching."""
    if bs is None:
        return []
    if isinstance(bs, Planned):
        return list(bs.sections)
    if not (isinstance(bs[0], list)):
        # Single-part message: its body is the TEXT section.
        ctype = (_lower(bs[0]), _lower(bs[1]))
        return ["TEXT"] if ctype in TEXT_TYPES else []
    out: list[str] = []
    html: set[str] = set()
    plain = False  # a text/plain part parse() will read: HTML is then never read

    def walk(node: Any, prefix: str) -> None:
        nonlocal plain
        if len(out) >= 8:
            return
        if isinstance(node[0], list):
            for i, child in enumerate(node[0], start=1):
                walk(child, f"{prefix}{i}." if prefix else f"{i}.")
            return
        section = prefix.rstrip(".")
        ctype = (_lower(node[0]), _lower(node[1]))
        disposition = ""
        filename = False
        try:
            if len(node) > 8 and isinstance(node[8], tuple) and node[8]:
                disposition = _lower(node[8][0])
                extra = node[8][1] if len(node[8]) > 1 and isinstance(node[8][1], tuple) else ()
                filename = any("name" in _lower(k) for k in extra[::2])
        except (IndexError, TypeError):
            pass
        params = node[2] if len(node) > 2 and isinstance(node[2], tuple) else ()
        name = ""
        for k, v in zip(params[::2], params[1::2], strict=False):
            if _lower(k) == "name":
                name = _lower(v)
        calendar = ctype in {("text", "calendar"), ("application", "ics")} or name.endswith(".ics")
        if calendar or (ctype in TEXT_TYPES and disposition != "attachment"):
            out.append(section)
            if ctype == ("text", "html"):
                html.add(section)
        size = node[6] if len(node) > 6 and isinstance(node[6], int) else 0
        if (
            ctype == ("text", "plain")
            and disposition in ("", "inline")
            and not filename
            and not any("name" in _lower(x) for x in params)  # parse() skips named parts
            and size > 0
        ):
            plain = True  # what parse() takes for the text (it falls back on HTML)

    walk(bs, "")
    return [s for s in out if s not in html] if plain else out


def _lower(x: Any) -> str:
    return x.decode("ascii", "replace").lower() if isinstance(x, bytes) else str(x or "").lower()
