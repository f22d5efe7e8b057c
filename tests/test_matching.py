"""Multi-phrase search: the one-scan indexes answer exactly as naive searches do."""

from __future__ import annotations

import mailbox
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from daemon import rules
from daemon.classify import rule_fields
from daemon.matching import (
    NeedleIndex,
    PhraseIndex,
    TextIndex,
    normalize,
    required_literals,
    trie_pattern,
)
from daemon.message import parse
from daemon.rules import TEXT_FIELDS

CORPUS = Path(__file__).parent / "fixtures" / "corpus"

# A small alphabet makes shared prefixes, overlaps and boundaries common.
_WORDS = st.text(st.sampled_from(list("abc -'_")), min_size=1, max_size=7).map(normalize)
_TEXT = st.text(st.sampled_from(list("abc -',._")), max_size=60)
_RULES = rules.load([])
_VOCABULARY = sorted(
    {w for f in TEXT_FIELDS for w in _RULES._phrases[f] | _RULES._needles.get(f, frozenset())}
)
# Texts made of rule words and their pieces, so matches (and matches across
# the subject/body junction) are common.
_RULE_TEXT = st.lists(
    st.one_of(
        st.sampled_from(_VOCABULARY),
        st.sampled_from(_VOCABULARY).map(lambda w: w[: len(w) // 2]),
        st.sampled_from(["", " ", ".", "x", "Über", "  \n"]),
    ),
    max_size=8,
).map(" ".join)


def _naive_phrases(phrases: set[str], text: str) -> set[str]:
    return {p for p in phrases if p and re.search(rf"(?<!\w){re.escape(p)}(?!\w)", text)}


@settings(max_examples=400, deadline=None)
@given(st.sets(_WORDS, max_size=12), _TEXT)
def test_phrase_index_finds_what_a_search_per_phrase_finds(phrases: set[str], text: str) -> None:
    assert PhraseIndex(phrases).find(text) == _naive_phrases(phrases, text)


@settings(max_examples=400, deadline=None)
@given(st.sets(_WORDS, max_size=12), _TEXT)
def test_needle_index_finds_every_substring(needles: set[str], text: str) -> None:
    assert NeedleIndex(needles).find(text) == {n for n in needles if n and n in text}


@settings(max_examples=500, deadline=None)
@given(st.sets(_WORDS, max_size=10), st.sets(_WORDS, max_size=10), _TEXT)
def test_text_index_finds_phrases_and_needles_as_separate_searches_do(
    phrases: set[str], needles: set[str], text: str
) -> None:
    # Drawn from one small alphabet, a word is often both, or a prefix of another.
    assert TextIndex(phrases, needles).find(text) == (
        _naive_phrases(phrases, text),
        {n for n in needles if n and n in text},
    )


@settings(max_examples=400, deadline=None)
@given(st.sets(_WORDS, max_size=10), st.sets(_WORDS, max_size=10), _TEXT, _TEXT)
def test_text_index_credits_head_tail_and_whole_as_their_own_scans_do(
    phrases: set[str], needles: set[str], head: str, tail: str
) -> None:
    index = TextIndex(phrases, needles)
    head, tail = normalize(head), normalize(tail)  # as rules hand them over: no edge spaces
    joined = f"{head} {tail}" if head and tail else head or tail
    found, present = index.find_parts(joined, len(head) if head else -1)
    for k, text in enumerate((head, tail, joined)):
        assert (found[k], present[k]) == index.find(text), k


@settings(max_examples=300, deadline=None)
@given(st.sets(_WORDS, min_size=1, max_size=12), _TEXT)
def test_trie_pattern_is_a_longest_first_alternation(words: set[str], text: str) -> None:
    words = {w for w in words if w}
    if not words:
        return
    plain = "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))
    assert [m.group(0) for m in re.finditer(trie_pattern(words), text)] == [
        m.group(0) for m in re.finditer(plain, text)
    ]


def test_shared_prefixes_are_tested_once() -> None:
    pattern = trie_pattern(["reject", "regret", "re"])
    assert pattern == "re(?:(?:gret|ject))?"  # the shared "re" once, the ending optional
    assert [re.fullmatch(pattern, w) is not None for w in ("re", "reject", "regret", "rej")] == [
        True,
        True,
        True,
        False,
    ]
    assert trie_pattern(["ab", "ac"]).count("a") == 1


_PER_FIELD = {
    f: (PhraseIndex(_RULES._phrases[f]), NeedleIndex(_RULES._needles.get(f, ())))
    for f in TEXT_FIELDS
}


def _check_scan(subject: str, body: str) -> None:
    normalized, found, present = _RULES.scan_text_fields(subject, body)
    assert normalized["text"] == normalize(subject + "\n" + body)
    for f, (phrases, needles) in _PER_FIELD.items():
        assert found[f] == phrases.find(normalized[f]), f
        assert present[f] == needles.find(normalized[f]), f


@settings(max_examples=400, deadline=None)
@given(_RULE_TEXT, _RULE_TEXT)
def test_one_scan_credits_subject_body_and_text_exactly(subject: str, body: str) -> None:
    """Searching subject+body once gives each field what its own search would."""
    _check_scan(subject, body)


def test_one_scan_matches_per_field_search_on_the_corpus() -> None:
    for path in sorted(CORPUS.glob("*/*.mbox")):
        for raw in mailbox.mbox(path):
            fields = rule_fields(parse(raw.as_bytes()))
            _check_scan(fields["subject"], fields["body"])


def test_rules_only_run_where_a_trigger_occurs() -> None:
    """Skipping rules without a trigger in the text changes no verdict (whole dev corpus)."""
    rs = rules.load([])
    everything = rules.RuleSet(rs.rules, rs.senders, rs.threshold)
    everything._always = list(range(len(rs.rules)))  # no trigger index: every rule runs
    fired = 0
    for path in sorted(CORPUS.glob("*/*.mbox")):
        for raw in mailbox.mbox(path):
            m = parse(raw.as_bytes())
            fields = rule_fields(m)
            hits = rs.evaluate(fields)
            assert hits == everything.evaluate(fields), m.key
            fired += len(hits)
    assert fired > 100


_RULE_PATTERNS = sorted(
    {x.pattern for r in _RULES.rules for c in rules.clauses(r) for x in c.regex}
)
# Texts where the words of rule regexes occur glued to other words as often as
# on word boundaries ("xnot moving", "_found your").
_REGEX_TEXT = st.lists(
    st.one_of(
        st.sampled_from(_VOCABULARY),
        st.sampled_from(["", " ", "x", "_", "é", "-", "'", "not", "you", "your"]),
    ),
    max_size=10,
).map(lambda words: "".join(w + (" " if i % 3 else "") for i, w in enumerate(words)))


@settings(max_examples=600, deadline=None)
@given(st.sampled_from(_RULE_PATTERNS), st.data())
def test_a_rule_regex_never_matches_without_one_of_its_literals(
    pattern: str, data: st.DataObject
) -> None:
    """The prefilter's contract: where the regex matches, a required literal
    occurs. Texts are drawn from the regex itself (and from rule words)."""
    literals = required_literals(pattern)
    if literals is None:
        return  # no prefilter: the regex always runs (see the next test for main clauses)
    text = data.draw(st.one_of(st.from_regex(pattern), _REGEX_TEXT))
    if re.search(pattern, text):
        assert any(x in text for x in literals), (pattern, text)


def test_required_literals_multiply_out_adjacent_choices() -> None:
    assert required_literals(r"\b(?:found|saw) your (?:cv|resume)\b") == {
        "found your cv",
        "found your resume",
        "saw your cv",
        "saw your resume",
    }
    # An optional part: with it or without; a zero-width assertion adds nothing.
    assert required_literals(r"moving (?:forward )?with\b") == {
        "moving forward with",
        "moving with",
    }
    # A part with many spellings ends the run: the stronger side is kept.
    assert required_literals(r"thank you \w+ for (?:your|the) interview") == {
        " for your interview",
        " for the interview",
    }
    many = "|".join(f"w{i:02d}" for i in range(40))
    assert required_literals(rf"(?:{many}) (?:{many}) applicant") is not None
    assert required_literals(r"\w+") is None
    assert required_literals(r"(?:ab)?c") is None  # nothing of three letters is certain


def test_every_rules_main_clause_can_be_prefiltered() -> None:
    """A main clause with no literal runs on every message; its all/any/not
    clauses only run once it matched, so they may have none."""
    unfiltered = [
        (r.id, x.pattern)
        for r in _RULES.rules
        for x in r.main.regex
        if required_literals(x.pattern) is None
    ]
    assert unfiltered == []


def test_the_stdlib_regex_parser_is_in_use_here() -> None:
    # The literal prefilter reads re._parser; on this Python it must be
    # active (else detection is ~4x slower, silently).
    from daemon import matching

    assert matching.STDLIB_PARSER is not None
    assert matching.required_literals(r"\bdecided (?:not|never) to") is not None


def test_without_the_stdlib_regex_internals_rules_load_and_match_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from daemon import matching, rules
    from daemon.classify import classify
    from daemon.message import parse
    from tests.mail import build

    msg = parse(
        build(
            subject="Your application",
            body="Hi Alex, after careful thought we have decided to move forward with other "
            "candidates. We wish you the best in your search.",
        )
    )
    fast = classify(msg, rules.load([]), ["alex@example.org"])
    monkeypatch.setattr(matching, "STDLIB_PARSER", None)
    assert matching.required_literals(r"\bdecided (?:not|never) to") is None
    plain = classify(msg, rules.load([]), ["alex@example.org"])
    assert plain.rejection and fast.rejection
    assert [(h.rule, h.words) for h in plain.hits] == [(h.rule, h.words) for h in fast.hits]


@pytest.mark.parametrize(
    ("text", "normal"),
    [
        ("Softwareentwickler*in Backend", "softwareentwickler backend"),
        ("Bewerber:innen und Kandidat_innen", "bewerber und kandidat"),
        ("Berater/in, Ärzt·innen", "berater, arzt"),
        # a colon before a word that only starts with "in" is left alone
        ("Ort: in Berlin, Login:intern", "ort: in berlin, login:intern"),
        # Romance endings after a slash or in brackets
        ("El puesto de técnica/o ya ha sido cubierto", "el puesto de tecnica ya ha sido cubierto"),
        ("candidatos/as seleccionados/as, candidato(a)", "candidatos seleccionados, candidato"),
        ("Vous n'avez pas été retenu(e)s", "vous n'avez pas ete retenus"),
        # ... but not "e/ou", units, or a path
        ("CV e/ou carta, 30 km/h, site.example/a/b", "cv e/ou carta, 30 km/h, site.example/a/b"),
    ],
)
def test_inclusive_nouns_read_as_the_base_noun(text: str, normal: str) -> None:
    assert normalize(text) == normal
