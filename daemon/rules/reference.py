"""The plain evaluator: rules applied exactly as the rule format reads.

For every rule: the main clause must have words that count, every `all`
clause must match, one `any` clause must match (when there are any), and no
`not` clause may match; a sentence-scoped rule asks this of one sentence.
A clause's words are its phrases found on word boundaries and the first
match of each regex, in the order the rule lists them. This is the meaning
of a rule set; `RuleSet.evaluate` must give the same hits, faster
(tests/test_rules.py compares them). Pure and slow.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping

from daemon.matching import normalize
from daemon.rules.model import FIELDS, Clause, Hit, Rule
from daemon.rules.occurrences import counts_for, phrase_starts, sentence_words


def field_texts(fields: Mapping[str, str]) -> dict[str, str]:
    """The normalised text of every field; "text" is the subject, a space, the body."""
    texts = {f: normalize(fields.get(f, "")) for f in FIELDS}
    subject, body = texts["subject"], texts["body"]
    texts["text"] = f"{subject} {body}" if subject and body else subject or body
    return texts


@functools.cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)  # more patterns than re's own cache holds


def clause_words(
    clause: Clause, texts: Mapping[str, str], headers: Mapping[str, str], kind: str = ""
) -> list[str]:
    """The words a clause fires on: only occurrences that count for `kind`."""
    if clause.field.startswith("header:"):
        text = normalize(headers.get(clause.field[7:].lower(), ""))
    else:
        text = texts.get(clause.field, "")
    counts = counts_for(kind)
    words = [p for p in clause.phrases if any(counts(text, i) for i in phrase_starts(text, p))]
    for rx in clause.regex:
        first = next(
            (m for m in _compiled(rx.pattern).finditer(text) if counts(text, m.start())), None
        )
        if first is not None:
            words.append(first.group(0))
    return words


def evaluate(
    rules: Iterable[Rule], fields: Mapping[str, str], headers: Mapping[str, str] | None = None
) -> list[Hit]:
    """The hits of `rules` on the given field texts and first header values."""
    texts, heads = field_texts(fields), headers or {}
    hits: list[Hit] = []
    for rule in rules:
        if rule.scope == "sentence":
            found = sentence_words(rule, texts.get(rule.main.field, ""))
            if found:
                hits.append(Hit(rule.id, rule.kind, rule.weight, rule.main.field, tuple(found)))
            continue
        words = clause_words(rule.main, texts, heads, rule.kind)
        if not words:
            continue
        required = [clause_words(c, texts, heads) for c in rule.all]
        if not all(required):
            continue
        either = [w for c in rule.any for w in clause_words(c, texts, heads)]
        if rule.any and not either:
            continue
        if any(clause_words(c, texts, heads) for c in rule.not_):
            continue
        found = words + [w for ws in required for w in ws] + either
        hits.append(
            Hit(rule.id, rule.kind, rule.weight, rule.main.field, tuple(dict.fromkeys(found)))
        )
    return hits
