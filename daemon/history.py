"""History lookup: the earlier mail with an employer, behind one small interface.

`HistorySource.lookup()` returns a *superset* of the messages that may belong
to an application (same domains, same company name, same thread); the pure
extraction code decides precisely. Two implementations: `LocalHistory` (parsed
messages in memory, from mbox/Maildir/.eml sources) and `daemon.imaphistory.ImapHistory`
(server-side SEARCH on the watched folders and the Sent folder).

Over ~400 lines by a little: the interface, its local implementations and the
`MessageIndex` they share (by domain, company words and thread) stay
together; the index keeps a lookup proportional to its answers on a
100,000-message first run.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from daemon.matching import normalize
from daemon.message import (
    MAX_BYTES,
    MSGID,
    Address,
    Message,
    clean,
    content_key,
    header_addresses,
    header_text,
    parse,
)


class HistorySource(Protocol):
    def lookup(
        self, domains: Sequence[str], company: str | None, message_ids: Sequence[str]
    ) -> list[Message]:
        """Messages at those domains, naming that company, or in that thread."""


def _domains_of(m: Message) -> set[str]:
    out = {a.domain for a in m.participants}
    for e in m.events:
        out.update(p.address.rsplit("@", 1)[-1] for p in e.attendees)
        if e.organizer:
            out.add(e.organizer.address.rsplit("@", 1)[-1])
    return out


BLOCK = 1024  # index entries whose names are searched as one string


@dataclass(frozen=True, slots=True)
class IndexEntry:
    """What `MessageIndex` keeps of one message: no bodies, no dates."""

    domains: tuple[str, ...]  # every participant's domain and its parents
    ids: tuple[str, ...]  # its key, references and in-reply-to
    thread: tuple[str, ...]  # its key and references
    names: str  # subject and participant names, normalised

    def __reduce__(self) -> tuple[type[IndexEntry], tuple[Any, ...]]:
        # Sent from the index worker by the thousand: a plain constructor call
        # unpickles several times faster than dataclass's slots __setstate__.
        return IndexEntry, (self.domains, self.ids, self.thread, self.names)


def index_entry(m: Message) -> IndexEntry:
    """The index entry of a message (pure; a worker process computes it)."""
    return _entry(_domains_of(m), m.key, m.references, m.in_reply_to, m.subject, m.participants)


def _entry(
    domains: set[str],
    key: str,
    references: tuple[str, ...],
    in_reply_to: str | None,
    subject: str,
    participants: Sequence[Address],
) -> IndexEntry:
    ids = {key, *references, *([in_reply_to] if in_reply_to else [])}
    return IndexEntry(
        tuple(sorted({parent for d in domains for parent in _parents(d)})),
        tuple(sorted(ids)),
        (key, *references),
        # The domains' own names too: an employer reached only through its
        # people's addresses ("lucia@almendra.example") is found by its name.
        normalize(
            " ".join(
                [
                    subject,
                    *(a.name for a in participants),
                    *dict.fromkeys(registrable_label(a.domain) for a in participants if a.domain),
                ]
            )
        ),
    )


_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "ac", "gov", "edu"})


def organisation_domain(domain: str) -> str:
    """ "brenninger-med.example" of "jobs.brenninger-med.example"; three labels
    under a second-level public suffix ("acme.co.uk")."""
    labels = domain.lower().split(".")
    keep = 3 if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


def registrable_label(domain: str) -> str:
    """The name part of a domain: "almendra" of "mail.almendra.co.uk"."""
    return organisation_domain(domain).split(".")[0]


_FIELD_LINE = re.compile(r"([!-9;-~]+):[ \t]*(.*)")


def header_entry(raw: bytes) -> IndexEntry:
    """`index_entry(parse(raw))` for a block of headers, as the history index
    fetches them, without the rest of `parse()` (MIME, bodies, dates).

    Read here when the block is plain: ASCII, CRLF line ends, no NUL, every
    line a header or its continuation, nothing after the blank line. Values
    are then decoded and cleaned by the functions `parse()` uses, from the
    same (name, value) pairs compat32 would hand it. Anything else goes
    through `parse()`. Tested to give the same entry either way.
    """
    fields = _plain_fields(raw)
    if fields is None:
        return index_entry(parse(raw))

    def text(name: str) -> list[str]:  # as parse() keeps a header's values
        return [header_text(v, [], name) for v in fields.get(name, ())]

    def first(name: str) -> str:
        values = text(name)
        return values[0] if values else ""

    def raw_first(name: str) -> str:  # as parse()'s raw_header()
        values = fields.get(name)
        return clean(values[0]) if values else ""

    def one(name: str) -> Address | None:  # as parse(): the raw value, names decoded after
        values = fields.get(name)
        found = header_addresses(values[0], [], name) if values else ()
        return found[0] if found else None

    def every(name: str) -> list[Address]:
        return [a for v in fields.get(name, ()) for a in header_addresses(v, [], name)]

    message_id = MSGID.search(raw_first("message-id"))
    in_reply_to = MSGID.search(raw_first("in-reply-to"))
    participants = [a for a in (one("from"), one("sender")) if a]
    participants += [*every("reply-to"), *every("to"), *every("cc")]
    return _entry(
        {a.domain for a in participants},
        message_id.group(0) if message_id else content_key(raw),
        tuple(MSGID.findall(raw_first("references")))[:100],
        in_reply_to.group(0) if in_reply_to else None,
        first("subject"),
        participants,
    )


def _plain_fields(raw: bytes) -> dict[str, list[str]] | None:
    """Lower-case name -> values as compat32 keeps them (leading blanks
    stripped, continuation lines joined with their CRLF), for a plain block;
    else None."""
    end = raw.find(b"\r\n\r\n")
    if len(raw) > MAX_BYTES or end <= 0 or raw[end:].strip(b"\r\n"):
        return None  # no header block, or a body after it
    try:
        text = raw[:end].decode("ascii")
    except UnicodeDecodeError:
        return None
    if (
        "\x00" in text
        or text.count("\r") != text.count("\n")
        or text.count("\r\n") != text.count("\r")
    ):
        return None  # a NUL (parse() records it), or a lone CR or LF
    lines = text.split("\r\n")
    if len(lines) > 500:
        return None
    pairs: list[list[str]] = []
    for line in lines:
        if line[:1] in (" ", "\t") and pairs:
            pairs[-1][1] += "\r\n" + line
            continue
        m = _FIELD_LINE.fullmatch(line)
        if m is None:
            return None
        pairs.append([m.group(1).lower(), m.group(2)])
    fields: dict[str, list[str]] = {}
    for name, value in pairs:
        fields.setdefault(name, []).append(value)
    return fields


def _parents(domain: str) -> list[str]:
    labels = domain.split(".")
    return [".".join(labels[i:]) for i in range(len(labels) - 1)]


class MessageIndex:
    """Where messages are, by domain, thread id and names; no bodies kept.

    Entries are numbered in the order they are added. The lookup contract is
    `HistorySource.lookup()`'s: a superset of what extraction can accept.
    """

    def __init__(self) -> None:
        self._by_domain: dict[str, list[int]] = {}
        self._by_id: dict[str, list[int]] = {}
        self._threads: list[tuple[str, ...]] = []  # (key, *references) per entry
        # Subject and participant names of every entry, joined by newlines
        # (normalised text has none) in blocks of BLOCK entries, so a
        # company-name lookup is a few substring searches in C. A full block
        # is joined once; only the last, growing one is joined again after
        # additions (a first run adds entries between lookups all along).
        self._names: list[str] = []
        # (names joined, entry offsets, which trigrams occur): a lookup reads
        # only the blocks holding every trigram of the name.
        self._blocks: list[tuple[bytes, list[int], bytes]] = []
        self._tail: tuple[int, bytes, list[int]] = (0, b"", [0])  # (entries, joined, offsets)
        # Per name looked up: how many full blocks were searched for it, and
        # the entries found there. Full blocks never change, so a name looked
        # up again (each rejection of a company asks for it) is searched for
        # only in the blocks filled since, and in the tail.
        self._named: dict[bytes, tuple[int, frozenset[int]]] = {}
        self._named_size = 0  # entries held by `_named` in all (memory stays bounded)

    def __len__(self) -> int:
        return len(self._threads)

    def add(self, m: Message | IndexEntry) -> int:
        """Index a message (or its entry, made elsewhere); returns its number."""
        e = m if isinstance(m, IndexEntry) else index_entry(m)
        i = len(self._threads)
        for d in e.domains:
            self._by_domain.setdefault(d, []).append(i)
        for mid in e.ids:
            self._by_id.setdefault(mid, []).append(i)
        self._threads.append(e.thread)
        self._names.append(e.names)
        return i

    def positions(
        self, domains: Sequence[str], company: str | None, message_ids: Sequence[str]
    ) -> list[int]:
        """Entries at those domains, naming that company, or in that thread."""
        hits: set[int] = set()
        for d in domains:
            hits.update(self._by_domain.get(d, ()))
        ids = list(message_ids)
        seen_ids: set[str] = set()
        while ids:  # thread closure over the index
            mid = ids.pop()
            if mid in seen_ids:
                continue
            seen_ids.add(mid)
            for i in self._by_id.get(mid, ()):
                if i not in hits:
                    hits.add(i)
                    ids.extend(self._threads[i])
        if company and len(company) >= 3:
            hits.update(self._naming(normalize(company)))
        return sorted(hits)

    def _blocks_with(self, target: bytes, start: int = 0) -> list[int]:
        """The full blocks from `start` on that may hold `target` (every one
        that does)."""
        wanted = [_slot(t) for t in _trigrams(target)]
        return [
            k
            for k in range(start, len(self._blocks))
            if all(self._blocks[k][2][s >> 3] >> (s & 7) & 1 for s in wanted)
        ]

    def _naming(self, needle: str) -> set[int]:
        while (len(self._blocks) + 1) * BLOCK <= len(self._names):
            first = len(self._blocks) * BLOCK
            blob, starts = _joined(self._names[first : first + BLOCK])
            self._blocks.append((blob, starts, _trigram_bits(blob)))
        tail_from = len(self._blocks) * BLOCK
        if self._tail[0] != len(self._names) - tail_from:
            self._tail = (len(self._names) - tail_from, *_joined(self._names[tail_from:]))
        target = needle.encode()
        searched, in_full = self._named.get(target, (0, frozenset()))
        if searched < len(self._blocks):
            more = set(in_full)
            for k in self._blocks_with(target, searched):
                _find(target, k * BLOCK, *self._blocks[k][:2], more)
            if len(self._named) >= NAMES_KEPT or self._named_size >= NAMED_ENTRIES_KEPT:
                self._named.clear()
                self._named_size = 0
            self._named_size += len(more) - len(self._named.get(target, (0, ()))[1])
            in_full = frozenset(more)
            self._named[target] = (len(self._blocks), in_full)
        found = set(in_full)
        _find(target, tail_from, *self._tail[1:], found)
        return found


NAMES_KEPT = 4096  # names whose full-block answers are kept...
NAMED_ENTRIES_KEPT = 200_000  # ...and the entries they hold in all (a few MB)


def _find(target: bytes, base: int, blob: bytes, starts: list[int], found: set[int]) -> None:
    """Add to `found` the entries (numbered from `base`) of a joined block
    whose names contain `target`."""
    at = blob.find(target)
    while at >= 0:
        i = bisect.bisect_right(starts, at) - 1
        found.add(base + i)
        at = blob.find(target, starts[i + 1])  # next entry


TRIGRAM_BITS = 1 << 16  # a block's trigram bitmap: 8 KB per BLOCK entries


def _slot(trigram: tuple[int, int, int]) -> int:
    a, b, c = trigram
    return ((a * 0x9E3779B1) ^ (b * 0x85EBCA77) ^ (c * 0xC2B2AE3D)) % TRIGRAM_BITS


def _trigram_bits(blob: bytes) -> bytes:
    """A bitmap with the slot of every three-byte sequence in `blob` set. A
    name occurs in the block only if every one of its trigrams does: a block
    whose bitmap lacks one is skipped (never a block that holds the name;
    now and then one that does not, which the search then reads for nothing)."""
    bits = bytearray(TRIGRAM_BITS // 8)
    for t in _trigrams(blob):
        s = _slot(t)
        bits[s >> 3] |= 1 << (s & 7)
    return bytes(bits)


def _trigrams(data: bytes) -> set[tuple[int, int, int]]:
    return set(zip(data, data[1:], data[2:], strict=False))


def _joined(names: list[str]) -> tuple[bytes, list[int]]:
    """Names joined by newlines, in UTF-8, and where each one starts (plus the
    end). Bytes, not str: one accented name would make a str block four
    bytes a character, and every search over it slower; a UTF-8 needle
    matches UTF-8 text exactly where the str would match."""
    encoded = [n.encode() for n in names]
    return b"\n".join(encoded) + b"\n", list(
        itertools.accumulate((len(n) + 1 for n in encoded), initial=0)
    )


class LocalHistory:
    """All messages in memory, indexed by domain, thread ids and names."""

    def __init__(self, messages: Iterable[Message] = ()) -> None:
        self.messages: list[Message] = []
        self.index = MessageIndex()
        for m in messages:
            self.add(m)

    def add(self, m: Message) -> None:
        self.index.add(m)
        self.messages.append(m)

    def lookup(
        self, domains: Sequence[str], company: str | None, message_ids: Sequence[str]
    ) -> list[Message]:
        return [self.messages[i] for i in self.index.positions(domains, company, message_ids)]


Query = tuple[tuple[str, ...], str | None, tuple[str, ...]]


class RecordingHistory:
    """A HistorySource that knows nothing and notes every question asked.

    Running the pure pipeline against it tells a batching caller which
    lookups a message will need, so they can be answered together.
    """

    def __init__(self) -> None:
        self.queries: list[Query] = []

    def lookup(
        self, domains: Sequence[str], company: str | None, message_ids: Sequence[str]
    ) -> list[Message]:
        self.queries.append((tuple(domains), company, tuple(message_ids)))
        return []


class ChainHistory:
    """Several sources as one; duplicates (same key) are dropped."""

    def __init__(self, *sources: HistorySource) -> None:
        self.sources = sources

    def lookup(
        self, domains: Sequence[str], company: str | None, message_ids: Sequence[str]
    ) -> list[Message]:
        out: dict[str, Message] = {}
        for s in self.sources:
            for m in s.lookup(domains, company, message_ids):
                out.setdefault(m.key, m)
        return list(out.values())
