"""History lookup: the earlier mail with an employer, behind one small interface.

`HistorySource.lookup()` returns a *superset* of the messages that may belong
to an application (same domains, same company name, same thread); the pure
extraction code decides precisely. Two implementations: `LocalHistory` (parsed
messages in memory, from mbox/Maildir/.eml sources) and `daemon.imap.ImapHistory`
(server-side SEARCH on the watched folders and the Sent folder).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from daemon.matching import normalize
from daemon.message import Message


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


def _parents(domain: str) -> list[str]:
    labels = domain.split(".")
    return [".".join(labels[i:]) for i in range(len(labels) - 1)]


TRIGRAM_INDEX_FROM = 2000  # messages


class LocalHistory:
    """All messages in memory, indexed by domain and thread ids."""

    def __init__(self, messages: Iterable[Message] = ()) -> None:
        self.messages: list[Message] = []
        self._by_domain: dict[str, list[int]] = {}
        self._by_id: dict[str, list[int]] = {}
        self._names: list[str] = []
        # trigram -> messages whose subject or participant names contain it:
        # a company-name (substring) lookup checks only the messages holding
        # the needle's rarest trigram instead of scanning every message.
        # Built on the first company lookup, and only for large histories
        # (a scan of a few hundred names is cheaper than indexing them).
        self._by_trigram: dict[str, list[int]] | None = None
        for m in messages:
            self.add(m)

    def add(self, m: Message) -> None:
        i = len(self.messages)
        self.messages.append(m)
        for d in _domains_of(m):
            for parent in _parents(d):
                self._by_domain.setdefault(parent, []).append(i)
        for mid in {m.key, *m.references, *([m.in_reply_to] if m.in_reply_to else [])}:
            self._by_id.setdefault(mid, []).append(i)
        names = normalize(" ".join([m.subject, *(a.name for a in m.participants)]))
        self._names.append(names)
        if self._by_trigram is not None:
            self._index_names(i)

    def _index_names(self, i: int) -> None:
        assert self._by_trigram is not None
        names = self._names[i]
        for gram in {names[j : j + 3] for j in range(len(names) - 2)}:
            self._by_trigram.setdefault(gram, []).append(i)

    def lookup(
        self, domains: Sequence[str], company: str | None, message_ids: Sequence[str]
    ) -> list[Message]:
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
                    m = self.messages[i]
                    ids.extend([m.key, *m.references])
        if company and len(company) >= 3:
            needle = normalize(company)
            grams = {needle[j : j + 3] for j in range(len(needle) - 2)}
            if self._by_trigram is None and len(self._names) > TRIGRAM_INDEX_FROM:
                self._by_trigram = {}
                for i in range(len(self._names)):
                    self._index_names(i)
            candidates: Iterable[int] = range(len(self._names))
            if self._by_trigram is not None and grams:
                postings = [self._by_trigram.get(g, []) for g in grams]
                candidates = postings[min(range(len(postings)), key=lambda k: len(postings[k]))]
            hits.update(i for i in candidates if needle in self._names[i])
        return [self.messages[i] for i in sorted(hits)]


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
