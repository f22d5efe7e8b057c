"""UID FETCH with a fast response parser (imapclient's, when it must).

imapclient reads FETCH responses with a lexer that walks every byte in Python;
on a first run over a big mailbox that was a quarter of the fetch worker's
time. `fetch()` sends the same command through the same imaplib connection
and parses the response with a few regular expressions instead.

Contract:
- `fetch(client, uids, items)` returns exactly what `client.fetch(uids,
  items)` returns (same keys, same values, the same `BodyData` for BODY and
  BODYSTRUCTURE, b"SEQ" included, unsolicited messages dropped), and raises
  the same errors (IMAPClientError for NO/BAD, IMAPClientAbortError for a
  broken connection). Tests compare both on Dovecot's real responses.
- `parse_fetch(data)` answers only for responses it fully understands; on
  anything unusual (INTERNALDATE and ENVELOPE, which imapclient converts; odd
  tokens; a quote glued to an atom; a literal marker not at the end of a line)
  it returns None and imapclient's own parser reads the same data.
- A command sent with a `reader` has its answer read by that first; it
  must answer as `parse_fetch` would, or None (then `parse_fetch` reads it).
  `slimfetch.read_meta` is one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError
from imapclient.response_parser import parse_fetch_response
from imapclient.response_types import BodyData

# One token: "(" ")" a quoted string, or an atom (which may hold [sections],
# spaces included, and is a {literal} marker when a literal follows); any
# other character is caught by the last group, so the tokens of `findall()`
# cover the whole line. The character classes are imapclient's: specials
# ( ) % " [, whitespace and control characters end an atom; an atom glued to a
# quote is refused (imapclient refuses it too). The atom group is atomic, so a
# refused atom is not retried shorter.
_WORD = rb'[^\x00-\x20\x7f()%"\[]'
_SECTION = rb"\[[^\]]*\]"
_ATOM = rb"(?>" + _WORD + rb"+(?:" + _SECTION + _WORD + rb"*)*|(?:" + _SECTION + _WORD + rb"*)+)"
_TOKENS = re.compile(
    rb'[ \t\r\n]*(?:(\()|(\))|("(?:[^"\\]|\\.)*")|(' + _ATOM + rb')(?!")|(.))', re.S
)
_ESCAPED = re.compile(rb'\\([\\"])')
Reader = Callable[[list[Any]], "dict[int, dict[bytes, Any]] | None"]
_CONVERTED = {b"INTERNALDATE", b"ENVELOPE"}  # imapclient turns these into objects


class _Unusual(Exception):
    """Something `parse_fetch` leaves to imapclient's parser."""


def fetch(
    client: IMAPClient, uids: Sequence[int], items: Sequence[str], reader: Reader | None = None
) -> dict[int, Any]:
    """`client.fetch(uids, items)` (UIDs), with the response parsed here.
    `reader`: a faster parser for its answer, which gives what `parse_fetch`
    would, or None to leave it to `parse_fetch`."""
    if not uids:
        return {}
    imap = client._imap  # imapclient's own imaplib connection, as its fetch() uses
    message_set = ",".join(str(u) for u in uids)
    tag = imap._command("UID", "FETCH", message_set, "(" + " ".join(items).upper() + ")")
    typ, data = imap._command_complete("FETCH", tag)
    if typ != "OK":
        detail = data[0].decode("utf-8", "replace") if data and data[0] else ""
        arrived = imap.untagged_responses.pop("FETCH", [])
        raise FetchRefused(f"fetch failed: {detail}", len(arrived))
    typ, data = imap._untagged_response(typ, data, "FETCH")
    parsed = reader(data) if reader is not None else None
    if parsed is None:
        parsed = parse_fetch(data)
    if parsed is None:
        parsed = parse_fetch_response(data, client.normalise_times, True)
    return {u: parsed[u] for u in uids if u in parsed}


class FetchRefused(IMAPClientError):  # type: ignore[misc]  # imaplib's error is untyped
    """The server answered a FETCH with NO (or BAD); `arrived`: how many
    message records it sent before (Dovecot's `no-after` sends the rest)."""

    def __init__(self, text: str, arrived: int) -> None:
        super().__init__(text)
        self.arrived = arrived


def parse_fetch(data: list[Any]) -> dict[int, dict[bytes, Any]] | None:
    """imapclient's `parse_fetch_response(data, uid_is_key=True)`, or None."""
    if data == [None]:
        return {}
    try:
        values = _values(data)
    except (_Unusual, ValueError, IndexError):
        return None
    out: dict[int, dict[bytes, Any]] = {}
    i = 0
    while i < len(values):
        seq, pairs = values[i], values[i + 1] if i + 1 < len(values) else None
        i += 2
        if not isinstance(seq, int) or not isinstance(pairs, tuple) or len(pairs) % 2:
            return None
        msg_id = seq
        fields: dict[bytes, Any] = {b"SEQ": seq}
        for k in range(0, len(pairs), 2):
            word, value = pairs[k], pairs[k + 1]
            if not isinstance(word, bytes):
                return None
            word = word.upper()
            if word == b"UID":
                if not isinstance(value, int):
                    return None
                msg_id = value
            elif word in _CONVERTED:
                return None
            elif word in (b"BODY", b"BODYSTRUCTURE"):
                if not isinstance(value, tuple) or not value:
                    return None
                fields[word] = BodyData.create(value)
            else:
                fields[word] = value
        out.setdefault(msg_id, {}).update(fields)
    return out


def parse_structure(text: bytes) -> BodyData | None:
    """A BODYSTRUCTURE's text (one parenthesised list), as `parse_fetch`
    gives it; None when it is not exactly one well-formed list."""
    try:
        values = _values([text])
    except (_Unusual, ValueError, IndexError):
        return None
    if len(values) != 1 or not isinstance(values[0], tuple) or not values[0]:
        return None
    return BodyData.create(values[0])


def _values(data: list[Any]) -> list[Any]:
    """The atoms of a response, nested in tuples, as imapclient's `atom()`
    makes them: NIL -> None, canonical numbers -> int, quoted and literal
    strings and other atoms -> bytes."""
    top: list[Any] = []
    stack: list[list[Any]] = [top]
    current = top
    for record in data:
        if isinstance(record, tuple):
            text, literal = record
            if not isinstance(text, bytes) or not isinstance(literal, bytes):
                raise _Unusual
        elif isinstance(record, bytes):
            text, literal = record, None
        else:
            raise _Unusual
        tokens = _TOKENS.findall(text)
        for opened, closed, quoted, atom, other in tokens:
            if atom:
                if atom == b"NIL":
                    current.append(None)
                elif atom.isdigit() and (atom[0] != 48 or len(atom) == 1):  # no leading 0
                    current.append(int(atom))
                elif atom[0] == 123:  # "{": a literal marker
                    current.append(_literal(atom, literal, tokens))
                else:
                    current.append(atom)
            elif quoted:
                body = quoted[1:-1]
                current.append(_ESCAPED.sub(rb"\1", body) if b"\\" in body else body)
            elif opened:
                current = []
                stack.append(current)
            elif closed:
                if len(stack) == 1:
                    raise _Unusual
                done = tuple(stack.pop())
                current = stack[-1]
                current.append(done)
            elif other.strip():
                raise _Unusual
        if literal is not None and not (current and current[-1] is literal):
            raise _Unusual  # the literal belongs to a marker that ends the line
    if len(stack) != 1:
        raise _Unusual
    return top


def _literal(token: bytes, literal: bytes | None, tokens: list[Any]) -> bytes:
    """The literal that a `{n}` marker announces; only the last token of its
    line may be one, and n must be the literal's length."""
    if literal is None or token[-1:] != b"}" or tokens[-1][3] is not token:
        raise _Unusual
    if int(token[1:-1]) != len(literal):
        raise _Unusual
    return literal
