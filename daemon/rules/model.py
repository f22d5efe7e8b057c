"""The rule model: what a rule is (its kinds, fields, clauses and senders).

Values only (no I/O). What an occurrence of a rule's words means (negation,
conditions, the sentence scope) is `occurrences.py`; `reference.py` evaluates
rules exactly as written there; `ruleset.py` gives the same answers faster;
`load.py` reads rule files.

Invariant: a phrase or regex fires where it occurs on word boundaries of the
normalised text (lower case, no diacritics, straight apostrophes, single
spaces).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from fnmatch import translate

from daemon.matching import Regex

KINDS = (
    "rejection",  # a decision not to proceed with the candidate
    "job",  # the message is about a job application (required for a rejection)
    "interview",  # evidence that an interview took place
    "acknowledgement",  # application received
    "invitation",  # invited to an interview / next round
    "scheduling",  # logistics of an interview
    "offer",
    "assessment",
    "outreach",
    "non_job",  # refusal of something that is not a job (loan, flat, talk, ...)
    "someone_else",  # the writer tells their own rejection ("they turned me down")
    "thanks",  # the user's thank-you note after an interview (sent mail)
)
FIELDS = ("subject", "body", "text", "from", "from_domain", "from_name")
TEXT_FIELDS = ("subject", "body", "text")  # "text" is subject and body together


@dataclass(frozen=True)
class Clause:
    field: str
    phrases: tuple[str, ...]
    regex: tuple[Regex, ...]
    # For each regex: literals of which at least one must occur in any match
    # (None: unknown). A cheap `in` test skips most regex searches.
    needles: tuple[frozenset[str] | None, ...] = ()
    # Phrases plus all regex needles; None when some regex has no needles.
    prefilter: frozenset[str] | None = None


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    weight: float
    main: Clause
    all: tuple[Clause, ...]
    any: tuple[Clause, ...]
    not_: tuple[Clause, ...]
    examples: tuple[str, ...]
    description: str
    source: str
    # "message": each clause may match anywhere in its field. "sentence": the
    # main, all, any and not clauses are read in one sentence of the main
    # clause's field at a time (a negation, a verb and its object together).
    scope: str = "message"


@dataclass(frozen=True)
class Hit:
    """A fired rule and the words it fired on."""

    rule: str
    kind: str
    weight: float
    field: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class Senders:
    automated_local_parts: tuple[str, ...] = ()
    role_local_parts: tuple[str, ...] = ()
    automated_domains: tuple[str, ...] = ()
    consumer_domains: tuple[str, ...] = ()
    tool_domains: tuple[str, ...] = ()

    def is_automated(self, address: str) -> bool:
        local, _, domain = address.lower().partition("@")
        local = local.split("+", 1)[0]
        return self._local_matches(local, self.automated_local_parts) or self._domain_in(
            domain, self.machine_domains
        )

    @property
    def machine_domains(self) -> frozenset[str]:
        return _frozen(self.automated_domains + self.tool_domains)

    @staticmethod
    def _local_matches(local: str, patterns: tuple[str, ...]) -> bool:
        return _local_cache(local, patterns)

    def is_role(self, address: str) -> bool:
        local = address.lower().partition("@")[0].split("+", 1)[0]
        return self._local_matches(local, self.role_local_parts)

    def is_machine_domain(self, domain: str) -> bool:
        """An ATS, scheduling, assessment, video or job-board platform."""
        return self._domain_in(domain, self.machine_domains)

    def is_consumer(self, domain: str) -> bool:
        return self._domain_in(domain, _frozen(self.consumer_domains))

    @staticmethod
    def _domain_in(domain: str, patterns: Iterable[str]) -> bool:
        labels = domain.lower().split(".")
        suffixes = {".".join(labels[i:]) for i in range(len(labels))}
        if isinstance(patterns, frozenset):
            return not suffixes.isdisjoint(patterns)
        return not suffixes.isdisjoint(set(patterns))

    def merged(self, other: Senders) -> Senders:
        return Senders(
            *(tuple(dict.fromkeys(getattr(self, f) + getattr(other, f))) for f in SENDER_KEYS_ORDER)
        )


@functools.lru_cache(maxsize=64)
def _frozen(items: tuple[str, ...]) -> frozenset[str]:
    return frozenset(items)


@functools.lru_cache(maxsize=65536)
def _local_cache(local: str, patterns: tuple[str, ...]) -> bool:
    return _any_glob(patterns).match(local) is not None


@functools.lru_cache(maxsize=64)
def _any_glob(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """One regex for "fnmatchcase() with any of the patterns": one match call
    instead of one per pattern for every new address."""
    return re.compile("|".join(f"(?:{translate(p)})" for p in patterns) or "(?!)")


SENDER_KEYS_ORDER = (
    "automated_local_parts",
    "role_local_parts",
    "automated_domains",
    "consumer_domains",
    "tool_domains",
)


def clauses(rule: Rule) -> Iterable[Clause]:
    yield rule.main
    yield from rule.all
    yield from rule.any
    yield from rule.not_
