"""RuleSet: the loaded rules, evaluated fast.

Gives exactly the hits `reference.evaluate` gives (tests/test_rules.py holds
them to it on every corpus message); what it adds is speed. One scan of
subject and body finds every phrase and regex literal (matching.TextIndex),
and only rules with a trigger in the text are evaluated.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from daemon.matching import NeedleIndex, PhraseIndex, TextIndex, normalize
from daemon.rules.model import (
    FIELDS,
    TEXT_FIELDS,
    Clause,
    Hit,
    Rule,
    Senders,
    clauses,
)
from daemon.rules.occurrences import COUNTS, contains_phrase, phrase_starts, sentence_words

# Rule hits memoised per message: a batch and the history it looks at need
# them again; a first run over a big mailbox must not keep them all.
MEMO_LIMIT = 2000  # rule hits kept: the history cache (1,000) plus a batch, with room


@dataclass
class RuleSet:
    rules: list[Rule]
    senders: Senders
    threshold: float
    sources: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._memo: dict[str, list[Hit]] = {}
        phrases: dict[str, set[str]] = {f: set() for f in FIELDS}
        needles: dict[str, set[str]] = {}
        # Which rules a phrase or regex literal can start: a message is only
        # checked against rules whose main clause has a trigger in it (and
        # the few whose clause cannot be prefiltered).
        self._by_phrase: dict[tuple[str, str], list[int]] = {}
        self._by_needle: dict[tuple[str, str], list[int]] = {}
        self._always: list[int] = []
        for i, r in enumerate(self.rules):
            for c in clauses(r):
                if c.field in phrases:
                    phrases[c.field].update(c.phrases)
                for n in c.needles:
                    needles.setdefault(c.field, set()).update(n or ())
            main = r.main
            if main.prefilter is None:
                self._always.append(i)
                continue
            for p in main.phrases:
                self._by_phrase.setdefault((main.field, p), []).append(i)
            for n in main.needles:
                for lit in n or ():
                    self._by_needle.setdefault((main.field, lit), []).append(i)
        # The sender fields' phrases, searched field by field (the text
        # fields' are found by the subject+body scan below).
        self._index = {f: PhraseIndex(p) for f, p in phrases.items() if f not in TEXT_FIELDS}
        self._phrases = {f: frozenset(p) for f, p in phrases.items()}
        self._needles = {f: frozenset(n) for f, n in needles.items()}
        # Subject and body are each searched once for the phrases (and regex
        # literals) of all three text fields; "text" adds what crosses the
        # join between them (see scan_text_fields).
        self._text_index = TextIndex(
            set().union(*(phrases[f] for f in TEXT_FIELDS)),
            set().union(*(needles.get(f, set()) for f in TEXT_FIELDS)),
        )
        self._plan_regexes()
        # Other fields' literals are searched field by field, when needed
        # (the text fields' were found by the scan above).
        self._needle_index = {f: NeedleIndex(n) for f, n in needles.items() if f not in TEXT_FIELDS}

    def _plan_regexes(self) -> None:
        # Per clause: which of its regexes each literal can start, and those
        # that must always run (no literal known). Keyed by the clause's
        # needles, of which the plan is made.
        self._regex_plan: dict[
            tuple[frozenset[str] | None, ...], tuple[dict[str, list[int]], list[int]]
        ] = {}
        for r in self.rules:
            for c in clauses(r):
                by_needle: dict[str, list[int]] = {}
                unfiltered: list[int] = []
                for j, n in enumerate(c.needles):
                    if n is None:
                        unfiltered.append(j)
                    for lit in n or ():
                        by_needle.setdefault(lit, []).append(j)
                self._regex_plan[c.needles] = (by_needle, unfiltered)

    def evaluate_cached(
        self, key: str, fields: Mapping[str, str], headers: Mapping[str, str] | None = None
    ) -> list[Hit]:
        """`evaluate()` memoised by a message key: the caller promises that one
        key always comes with the same fields (messages are immutable)."""
        hits = self._memo.get(key)
        if hits is None:
            if len(self._memo) >= MEMO_LIMIT:  # bounded: a long-running service keeps one
                self._memo.clear()
            hits = self._memo[key] = self.evaluate(fields, headers)
        return hits

    def keep(self, key: str, hits: list[Hit]) -> None:
        """Hits computed elsewhere (a fetch worker holding the same rules) for
        the fields of message key `key`, as `evaluate_cached` would keep them."""
        if len(self._memo) >= MEMO_LIMIT:
            self._memo.clear()
        self._memo[key] = hits

    def by_id(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)

    def scan_text_fields(
        self, subject: str, body: str
    ) -> tuple[dict[str, str], dict[str, frozenset[str]], dict[str, frozenset[str]]]:
        """-> (normalized texts, phrases found, regex literals present) for the
        subject, the body and "text" (both), from one scan of the joined text."""
        subject, body = normalize(subject), normalize(body)
        both = f"{subject} {body}" if subject and body else subject or body
        # Each word found is credited to the subject, the body, or (across
        # the joining space) to "text" alone, by where it lies.
        cut = len(subject) if subject else -1
        found, present = self._text_index.find_parts(both, cut)
        result = [
            {
                f: frozenset(words[k].intersection(vocabulary.get(f, ())))
                for k, f in enumerate(("subject", "body", "text"))
            }
            for words, vocabulary in ((found, self._phrases), (present, self._needles))
        ]
        normalized = {"subject": subject, "body": body, "text": both}
        return normalized, result[0], result[1]

    def evaluate(
        self, fields: Mapping[str, str], headers: Mapping[str, str] | None = None
    ) -> list[Hit]:
        """Fire every rule against already-extracted field texts (pure)."""
        normalized, found, present = self.scan_text_fields(
            fields.get("subject", ""), fields.get("body", "")
        )
        for fld in FIELDS:
            if fld not in normalized:
                normalized[fld] = normalize(fields.get(fld, ""))
                found[fld] = self._index[fld].find(normalized[fld])

        def needles_in(fld: str, text: str) -> frozenset[str]:
            if fld not in present:
                index = self._needle_index.get(fld)
                present[fld] = index.find(text) if index else frozenset()
            return present[fld]

        candidates = set(self._always)
        for fld, present_phrases in found.items():
            for p in present_phrases:
                candidates.update(self._by_phrase.get((fld, p), ()))
        for fld in self._needles:
            if fld in normalized:
                for n in needles_in(fld, normalized[fld]):
                    candidates.update(self._by_needle.get((fld, n), ()))

        def clause_words(c: Clause, kind: str = "") -> list[str]:
            if (
                c.prefilter is not None
                and c.prefilter.isdisjoint(found.get(c.field, ()))
                and c.prefilter.isdisjoint(needles_in(c.field, normalized.get(c.field, "")))
            ):
                return []  # no phrase and no required literal present: cannot fire
            if c.field.startswith("header:"):
                text = normalize((headers or {}).get(c.field[7:].lower(), ""))
                words = [p for p in c.phrases if contains_phrase(text, p)]
            else:
                text = normalized.get(c.field, "")
                here = found.get(c.field, frozenset())
                words = [p for p in c.phrases if p in here] if here else []
            counts = COUNTS.get(kind)
            if counts is not None and words:
                words = [p for p in words if any(counts(text, i) for i in phrase_starts(text, p))]
            by_needle, unfiltered = self._regex_plan[c.needles]
            todo = set(unfiltered)
            if by_needle:
                for n in needles_in(c.field, text).intersection(by_needle):
                    todo.update(by_needle[n])
            for j in sorted(todo):
                rx = c.regex[j]
                if counts is None:
                    m = rx.search(text)
                    if m:
                        words.append(m.group(0))
                    continue
                # The first occurrence that counts is the word it fires on.
                first = next((m for m in rx.finditer(text) if counts(text, m.start())), None)
                if first is not None:
                    words.append(first.group(0))
            return words

        hits: list[Hit] = []
        for i in sorted(candidates):
            rule = self.rules[i]
            words = clause_words(rule.main, rule.kind)
            if not words:
                continue
            if rule.scope == "sentence":
                # The message-wide check is necessary, so it filters; the
                # sentence-by-sentence reading is the model's own.
                if all(clause_words(c) for c in rule.all):
                    composed = sentence_words(rule, normalized.get(rule.main.field, ""))
                    if composed:
                        hits.append(
                            Hit(rule.id, rule.kind, rule.weight, rule.main.field, tuple(composed))
                        )
                continue
            extra: list[str] = []
            ok = True
            for c in rule.all:
                w = clause_words(c)
                if not w:
                    ok = False
                    break
                extra.extend(w)
            if ok and rule.any:
                any_words = [w for c in rule.any for w in clause_words(c)]
                ok = bool(any_words)
                extra.extend(any_words)
            if ok and any(clause_words(c) for c in rule.not_):
                ok = False
            if ok:
                hits.append(
                    Hit(
                        rule.id,
                        rule.kind,
                        rule.weight,
                        rule.main.field,
                        tuple(dict.fromkeys(words + extra)),
                    )
                )
        return hits
