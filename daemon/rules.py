"""Rules as data: TOML rule files compiled into fast, pure matchers.

A rule file holds `[[rule]]` tables and, optionally, a `[senders]` table.

    [[rule]]
    id = "en.rejection.other-candidates"     # unique; a later file may replace it
    kind = "rejection"                       # which signal it feeds (see KINDS)
    weight = 6.0
    field = "body"                           # subject, body, text (both), from,
                                             # from_domain, from_name, header:<Name>
    phrases = ["decided to move forward with other candidates"]
    regex = ['\\bnot (?:be )?(?:moving|progressing) forward\\b']
    all = [{ field = "subject", phrases = ["application"] }]   # every one must match
    any = [{ ... }, { ... }]                                    # one must match
    not = [{ ... }]                                             # none may match
    examples = ["Sadly we decided to move forward with other candidates."]
    enabled = true

Matching contract: phrases ignore case, diacritics, apostrophe style and runs
of white space, and match on word boundaries. `body` is only the new text of a
message (never quoted history). Every match reports the words it fired on, so
each verdict can be explained.
"""

from __future__ import annotations

import functools
import re
import tomllib
import weakref
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fnmatch import translate
from pathlib import Path
from typing import Any

from daemon.errors import ConfigError
from daemon.matching import NeedleIndex, PhraseIndex, Regex, TextIndex, normalize, required_literals

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
    "thanks",  # the user's thank-you note after an interview (sent mail)
)
FIELDS = ("subject", "body", "text", "from", "from_domain", "from_name")
TEXT_FIELDS = ("subject", "body", "text")  # "text" is subject and body together
RULE_KEYS = {
    "id",
    "kind",
    "weight",
    "field",
    "phrases",
    "regex",
    "all",
    "any",
    "not",
    "examples",
    "description",
    "enabled",
}
CLAUSE_KEYS = {"field", "phrases", "regex"}
SENDER_KEYS = {
    "automated_local_parts",
    "role_local_parts",
    "automated_domains",
    "consumer_domains",
    "tool_domains",
}
TOP_KEYS = {"rule", "senders", "settings", "disable"}
# Rule hits memoised per message: a batch and the history it looks at need
# them again; a first run over a big mailbox must not keep them all.
MEMO_LIMIT = 2000  # rule hits kept: the history cache (1,000) plus a batch, with room


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


@dataclass
class RuleSet:
    rules: list[Rule]
    senders: Senders
    threshold: float
    sources: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._memo: dict[str, list[Hit]] = {}
        self._by_object: dict[int, tuple[weakref.ref[Any], list[Hit]]] = {}
        phrases: dict[str, set[str]] = {f: set() for f in FIELDS}
        needles: dict[str, set[str]] = {}
        # Which rules a phrase or regex literal can start: a message is only
        # checked against rules whose main clause has a trigger in it (and
        # the few whose clause cannot be prefiltered).
        self._by_phrase: dict[tuple[str, str], list[int]] = {}
        self._by_needle: dict[tuple[str, str], list[int]] = {}
        self._always: list[int] = []
        for i, r in enumerate(self.rules):
            for c in _clauses(r):
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
        # that must always run (no literal known). Keyed by id(): rebuilt
        # when a pickled rule set is loaded in another process.
        self._regex_plan: dict[int, tuple[dict[str, list[int]], list[int]]] = {}
        for r in self.rules:
            for c in _clauses(r):
                by_needle: dict[str, list[int]] = {}
                unfiltered: list[int] = []
                for j, n in enumerate(c.needles):
                    if n is None:
                        unfiltered.append(j)
                    for lit in n or ():
                        by_needle.setdefault(lit, []).append(j)
                self._regex_plan[id(c)] = (by_needle, unfiltered)

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

    def recall(self, obj: object) -> list[Hit] | None:
        """Hits remembered for this very object (`remember()`), or None."""
        found = self._by_object.get(id(obj))
        return found[1] if found is not None and found[0]() is obj else None

    def remember(self, obj: object, hits: list[Hit]) -> None:
        """Remember hits for an immutable object (a parsed message) by its
        identity: asked again for the same object, no key is worked out. A
        weak reference tells a live object from a later one given its id."""
        if len(self._by_object) >= MEMO_LIMIT:
            self._by_object.clear()
        self._by_object[id(obj)] = (weakref.ref(obj), hits)

    def __getstate__(self) -> dict[str, Any]:
        # Pickled for a worker process: the memos are this process's caches only.
        return {**self.__dict__, "_memo": {}, "_by_object": {}, "_regex_plan": {}}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._plan_regexes()

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
                words = [p for p in c.phrases if _contains_phrase(text, p)]
            else:
                text = normalized.get(c.field, "")
                here = found.get(c.field, frozenset())
                words = [p for p in c.phrases if p in here] if here else []
            counts = _COUNTS.get(kind)
            if counts is not None and words:
                words = [p for p in words if any(counts(text, i) for i in _phrase_starts(text, p))]
            by_needle, unfiltered = self._regex_plan[id(c)]
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


def _clauses(rule: Rule) -> Iterable[Clause]:
    yield rule.main
    yield from rule.all
    yield from rule.any
    yield from rule.not_


# Counter-signals are read only when not negated: "we will not be moving
# forward with your application" is no invitation, "not invite you" no invite.
NEGATABLE = {"acknowledgement", "invitation", "scheduling", "offer", "assessment", "outreach"}
_NEGATION = re.compile(
    r"(?:\bnot|n't|\bnever|\bno longer|\bunable to|\bnicht|\bkein\w*|\bpas|\bni|\bno|\bniet|"
    r"\bgeen|\bsin)\b(?:\s+\S+){0,2}\s*$"
)


# A decision stated as a condition is no decision: "if you have not heard from
# us within two weeks, please assume we will not be moving forward". The
# words that open a condition, per language; "si" and "als" only before the
# words a condition goes on with (both have other meanings).
_CONDITION = re.compile(
    r"\b(?:if|unless|in case|in the event|should (?:you|we|there)|provided that|"
    r"wenn|falls|sofern|es sei denn|sollten|solltest|sollte (?:sie|ich|es|man)|"
    r"au cas ou|a moins (?:que|d)|faute de (?:reponse|nouvelles|retour)|"
    r"sans (?:reponse|nouvelles|retour)|"
    r"en caso de|a menos que|salvo que|de no (?:recibir|tener)|"
    r"indien|tenzij|mocht|mochten|"
    r"si (?:vous|tu|nous|on|no|usted|ustedes|te|le|la|dentro|en|pasad\w*|transcurrid\w*|"
    r"despues|dans|d ici|aucune?)|"
    r"als (?:je|u|jij|wij|we|er|binnen|na|jullie))\b"
)
_SENTENCE_END = re.compile(r"[.!?;:](?=\s|$)")


def _phrase_starts(text: str, phrase: str) -> list[int]:
    return [m.start() for m in re.finditer(rf"(?<!\w){re.escape(phrase)}(?!\w)", text)]


def _affirmed(text: str, start: int) -> bool:
    """True when this occurrence has no negation in the 3 words before it."""
    return not _NEGATION.search(text[max(0, start - 40) : start])


def _sentence_before(text: str, start: int) -> str:
    """The words of the sentence holding `start` that come before it."""
    window = text[max(0, start - 300) : start]
    ends = [m.end() for m in _SENTENCE_END.finditer(window)]
    return window[ends[-1] :] if ends else window


def _stated(text: str, start: int) -> bool:
    """True when the sentence does not make this occurrence a condition."""
    return _CONDITION.search(_sentence_before(text, start)) is None


# Which occurrences of a rule's words count, by the rule's kind: counter-signals
# only when not negated, rejections only when not conditional. Other kinds:
# every occurrence.
_COUNTS = {
    **{kind: _affirmed for kind in NEGATABLE},
    "rejection": _stated,
}


def _contains_phrase(text: str, phrase: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text) is not None


# ---------------------------------------------------------------------------
# Loading


def _str_list(file: str, where: str, value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(file, where, "expected a list of non-empty strings")
    return tuple(value)


def _clause(file: str, where: str, data: Mapping[str, Any], default_field: str) -> Clause:
    fld = data.get("field", default_field)
    if not isinstance(fld, str) or not (fld in FIELDS or fld.startswith("header:")):
        raise ConfigError(
            file,
            f"{where} field",
            f'expected one of {", ".join(FIELDS)} or "header:<Name>", got {fld!r}',
        )
    phrases = tuple(
        normalize(p) for p in _str_list(file, f"{where} phrases", data.get("phrases", []))
    )
    patterns = []
    for rx in _str_list(file, f"{where} regex", data.get("regex", [])):
        try:
            patterns.append(Regex(rx))
        except re.error as e:
            raise ConfigError(
                file, f"{where} regex", f"invalid regular expression {rx!r}: {e}"
            ) from None
    if not phrases and not patterns:
        raise ConfigError(file, where, "needs phrases or regex")
    needles = tuple(required_literals(p.pattern) for p in patterns)
    prefilter = None
    if not fld.startswith("header:") and all(n is not None for n in needles):
        prefilter = frozenset(phrases).union(*(n for n in needles if n is not None))
    return Clause(fld, phrases, tuple(patterns), needles, prefilter)


def _sub_clauses(file: str, where: str, value: object) -> tuple[Clause, ...]:
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list):
        raise ConfigError(file, where, "expected a table or a list of tables")
    out = []
    for i, item in enumerate(value):
        if not isinstance(item, dict):
            raise ConfigError(file, f"{where}[{i}]", "expected a table")
        for key in item:
            if key not in CLAUSE_KEYS:
                raise ConfigError(file, f"{where}[{i}] {key}", "unknown key")
        out.append(_clause(file, f"{where}[{i}]", item, "body"))
    return tuple(out)


def parse_rule(file: str, index: int, data: Mapping[str, Any]) -> Rule | None:
    """One `[[rule]]` table -> Rule (None when `enabled = false`)."""
    rid = data.get("id")
    where = f"[[rule]] #{index + 1}" if not isinstance(rid, str) else f'[[rule]] "{rid}"'
    for key in data:
        if key not in RULE_KEYS:
            raise ConfigError(
                file, f"{where} {key}", f"unknown key (known: {', '.join(sorted(RULE_KEYS))})"
            )
    if not isinstance(rid, str) or not re.fullmatch(r"[A-Za-z0-9_.:-]+", rid):
        raise ConfigError(file, f"{where} id", "expected an id of letters, digits, . _ : -")
    kind = data.get("kind")
    if kind not in KINDS:
        raise ConfigError(
            file, f"{where} kind", f"expected one of {', '.join(KINDS)}, got {kind!r}"
        )
    weight = data.get("weight", 1.0)
    if isinstance(weight, bool) or not isinstance(weight, int | float) or not 0 < weight <= 100:
        raise ConfigError(file, f"{where} weight", f"expected a number 0-100, got {weight!r}")
    enabled = data.get("enabled", True)
    if not isinstance(enabled, bool):
        raise ConfigError(file, f"{where} enabled", "expected true or false")
    description = data.get("description", "")
    if not isinstance(description, str):
        raise ConfigError(file, f"{where} description", "expected a string")
    main = _clause(file, where, data, "body")
    rule = Rule(
        id=rid,
        kind=kind,
        weight=float(weight),
        main=main,
        all=_sub_clauses(file, f"{where} all", data.get("all", [])),
        any=_sub_clauses(file, f"{where} any", data.get("any", [])),
        not_=_sub_clauses(file, f"{where} not", data.get("not", [])),
        examples=_str_list(file, f"{where} examples", data.get("examples", [])),
        description=description,
        source=file,
    )
    return rule if enabled else None


@dataclass
class RuleFile:
    path: str
    rules: list[Rule]
    disabled: set[str]
    senders: Senders
    threshold: float | None


def parse_file(path: str, data: Mapping[str, Any]) -> RuleFile:
    for key in data:
        if key not in TOP_KEYS:
            raise ConfigError(
                path, f"[{key}]", f"unknown table (known: {', '.join(sorted(TOP_KEYS))})"
            )
    raw_rules = data.get("rule", [])
    if not isinstance(raw_rules, list):
        raise ConfigError(path, "[[rule]]", "expected an array of tables")
    rules: list[Rule] = []
    disabled: set[str] = set()
    for i, r in enumerate(raw_rules):
        if not isinstance(r, dict):
            raise ConfigError(path, f"[[rule]] #{i + 1}", "expected a table")
        rule = parse_rule(path, i, r)
        if rule is None:
            disabled.add(str(r.get("id")))
        else:
            rules.append(rule)
    disabled.update(
        _str_list(path, "[disable] ids", data.get("disable", {}).get("ids", []))
        if isinstance(data.get("disable"), dict)
        else ()
    )
    if isinstance(data.get("disable"), dict):
        for key in data["disable"]:
            if key != "ids":
                raise ConfigError(path, f"[disable] {key}", "unknown key (known: ids)")
    senders_data = data.get("senders", {})
    if not isinstance(senders_data, dict):
        raise ConfigError(path, "[senders]", "expected a table")
    for key in senders_data:
        if key not in SENDER_KEYS:
            raise ConfigError(
                path, f"[senders] {key}", f"unknown key (known: {', '.join(sorted(SENDER_KEYS))})"
            )
    senders = Senders(
        **{
            k: tuple(s.lower() for s in _str_list(path, f"[senders] {k}", senders_data.get(k, [])))
            for k in SENDER_KEYS_ORDER
        }
    )
    threshold = None
    settings = data.get("settings", {})
    if not isinstance(settings, dict):
        raise ConfigError(path, "[settings]", "expected a table")
    for key in settings:
        if key != "threshold":
            raise ConfigError(path, f"[settings] {key}", "unknown key (known: threshold)")
    if "threshold" in settings:
        t = settings["threshold"]
        if isinstance(t, bool) or not isinstance(t, int | float) or t <= 0:
            raise ConfigError(
                path, "[settings] threshold", f"expected a positive number, got {t!r}"
            )
        threshold = float(t)
    return RuleFile(path, rules, disabled, senders, threshold)


def read_file(path: Path) -> RuleFile:
    name = str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(name, "", "no such rule file") from None
    except OSError as e:
        raise ConfigError(name, "", f"cannot read: {e.strerror}") from None
    except UnicodeDecodeError:
        raise ConfigError(name, "", "is not valid UTF-8") from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(name, "", f"TOML syntax error: {e}") from None
    return parse_file(name, data)


def expand(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given; folders as their *.toml files in name order."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(p.glob("*.toml")))
        else:
            out.append(p)
    return out


DEFAULT_THRESHOLD = 5.0


def shipped_rules_dir() -> Path:
    """`rules/` of a source checkout, else `<prefix>/share/debrief/rules`."""
    import sys

    here = Path(__file__).resolve().parent.parent / "rules"
    if here.is_dir():
        return here
    return Path(sys.prefix) / "share" / "debrief" / "rules"


def load(
    paths: Iterable[str | Path],
    *,
    include_shipped: bool = True,
    threshold: float | None = None,
    managed: str | Path | None = None,
) -> RuleSet:
    """Load rule files in order; a later rule with the same id replaces an earlier one."""
    files = expand(([shipped_rules_dir()] if include_shipped else []) + list(paths))
    if managed is not None and Path(managed).exists():
        files.append(Path(managed))
    by_id: dict[str, Rule] = {}
    disabled: set[str] = set()
    senders = Senders()
    file_threshold: float | None = None
    for f in files:
        rf = read_file(f)
        for r in rf.rules:
            by_id[r.id] = r
            disabled.discard(r.id)
        disabled |= rf.disabled
        senders = senders.merged(rf.senders)
        file_threshold = rf.threshold if rf.threshold is not None else file_threshold
    rules = [r for rid, r in by_id.items() if rid not in disabled]
    chosen = threshold if threshold is not None else file_threshold or DEFAULT_THRESHOLD
    return RuleSet(rules, senders, chosen, [str(f) for f in files])
