"""The quality bar over the labelled corpus (tests/fixtures/corpus, a copy of shared/corpus/dev).

Prints its figures. Fails below: rejection precision 0.98, recall 0.95,
interviewer sets exactly right for 90 % of after-interview rejections, and any
unsafe address (own, automated, or not an interviewer of that application).
"""

from __future__ import annotations

import json
import mailbox
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from daemon import rules
from daemon.classify import classify
from daemon.history import LocalHistory, Query
from daemon.matching import normalize
from daemon.message import Message, parse
from daemon.pipeline import describe, foresee, judge
from daemon.quality import score_folder
from tests import trust

CORPUS = Path(__file__).parent / "fixtures" / "corpus"
PERSONAS = sorted(p.name for p in CORPUS.iterdir() if (p / "labels.json").exists())
RULES_DIR = Path(__file__).resolve().parent.parent / "rules"


@dataclass
class Persona:
    name: str
    me: list[str]
    inbox: list[Message]
    sent: list[Message]
    labels: dict[str, dict[str, object]]


def load(name: str) -> Persona:
    d = CORPUS / name
    info = json.loads((d / "persona.json").read_text())
    inbox = [parse(m.as_bytes()) for m in mailbox.mbox(d / "inbox.mbox")]
    sent = [parse(m.as_bytes()) for m in mailbox.mbox(d / "sent.mbox")]
    labels = json.loads((d / "labels.json").read_text())
    return Persona(name, info["addresses"], inbox, sent, labels)


@pytest.fixture(scope="module")
def personas() -> list[Persona]:
    return [load(p) for p in PERSONAS]


def test_corpus_fixture_is_complete() -> None:
    assert PERSONAS == ["camille", "jonas", "priya"]


def test_quality_bar(personas: list[Persona]) -> None:
    ruleset = rules.load([])
    senders = ruleset.senders
    tp = fp = fn = 0
    exact = after = 0
    unsafe: list[str] = []
    misses: list[str] = []
    for p in personas:
        history = LocalHistory([*p.inbox, *p.sent])
        for f in describe([("", m) for m in p.inbox], ruleset, p.me, history):
            label = p.labels[f.message.message_id or ""]
            truth = str(label["category"]).startswith("rejection")
            if f.verdict.rejection and truth:
                tp += 1
            elif f.verdict.rejection:
                fp += 1
                misses.append(f"FP {p.name} {f.message.subject}: {f.verdict.explain()}")
            elif truth:
                fn += 1
                misses.append(f"FN {p.name} {f.message.subject}: {f.verdict.explain()}")
            got = sorted(f.extraction.addresses) if f.extraction else []
            expected = sorted(label["interviewers"])  # type: ignore[arg-type]
            if label["category"] == "rejection_after_interview":
                after += 1
                if got == expected:
                    exact += 1
                else:
                    misses.append(f"IV {p.name} {label['company']}: got {got}, expected {expected}")
            for addr in got:
                if addr in p.me or senders.is_automated(addr) or addr not in expected:
                    unsafe.append(f"{p.name}: {addr} for {label['company']}")
    precision = tp / max(1, tp + fp)
    recall = tp / max(1, tp + fn)
    interviewers = exact / max(1, after)
    trust.report(
        f"[quality] rejections: precision {precision:.3f} recall {recall:.3f} "
        f"(tp {tp}, fp {fp}, fn {fn}); interviewer sets exact {exact}/{after} "
        f"({interviewers:.1%}); unsafe addresses {len(unsafe)}",
        *(f"[quality]   {line}" for line in misses),
    )
    assert not unsafe, unsafe
    assert precision >= 0.98
    assert recall >= 0.95
    assert interviewers >= 0.90


def test_stage_follows_history(personas: list[Persona]) -> None:
    ruleset = rules.load([])
    wrong = []
    for p in personas:
        history = LocalHistory([*p.inbox, *p.sent])
        for f in describe([("", m) for m in p.inbox], ruleset, p.me, history):
            label = p.labels[f.message.message_id or ""]["category"]
            if f.extraction and str(label).startswith("rejection"):
                expected = "interview" if label == "rejection_after_interview" else "application"
                if f.extraction.stage != expected:
                    wrong.append(f.message.subject)
    assert len(wrong) <= 2, wrong


class Asked(LocalHistory):
    """A history that notes every lookup made of it."""

    def __init__(self, messages: list[Message]) -> None:
        super().__init__(messages)
        self.asked: list[Query] = []

    def lookup(
        self, domains: Sequence[str], company: str | None, message_ids: Sequence[str]
    ) -> list[Message]:
        self.asked.append((tuple(domains), company, tuple(message_ids)))
        return super().lookup(domains, company, message_ids)


def test_foreseen_lookups_are_those_judging_begins_with(personas: list[Persona]) -> None:
    """What the service prefetches for a batch: `foresee()` names the lookups
    `judge()` makes before it has any answer, and judging with its plan gives
    the same result as judging without."""
    ruleset = rules.load([])
    foreseen = rejections = 0
    for p in personas:
        for m in p.inbox:
            verdict = classify(m, ruleset, p.me)
            queries, first = foresee(m, ruleset, p.me, verdict)
            history = Asked([*p.inbox, *p.sent])
            with_plan = judge(m, ruleset, p.me, history, verdict, first)
            assert history.asked[: len(queries)] == queries, m.subject
            assert (first is not None) == verdict.rejection
            assert with_plan == judge(m, ruleset, p.me, Asked([*p.inbox, *p.sent]))
            foreseen += len(queries)
            rejections += with_plan[0].rejection
    assert rejections >= 20 and foreseen >= rejections


def _corpus_names(personas: list[Persona]) -> set[str]:
    names: set[str] = set()
    for p in personas:
        for label in p.labels.values():
            if label.get("company"):
                names.add(normalize(str(label["company"])))
        for m in [*p.inbox, *p.sent]:
            for a in m.participants:
                label_part = a.domain.split(".")[-2] if "." in a.domain else a.domain
                if len(label_part) >= 5:
                    names.add(label_part)
                if a.name and len(a.name.split()) >= 2 and not a.name.isupper():
                    names.add(normalize(a.name))
    # Real consumer mail providers are fine to list (rules/00-senders.toml).
    generic = {"gmail", "fastmail", "posteo", "example", "google", "outlook", "mailbox"}
    return {n for n in names if n not in generic}


def test_no_rule_names_a_corpus_company_person_or_domain(personas: list[Persona]) -> None:
    """Rules must stay general: they are measured on mail nobody here has seen."""
    text = "\n".join(
        normalize(re.sub(r"(?m)^\s*#.*$", "", f.read_text())) for f in RULES_DIR.glob("*.toml")
    )
    found = sorted(n for n in _corpus_names(personas) if re.search(rf"\b{re.escape(n)}\b", text))
    assert found == []


@pytest.mark.parametrize(
    ("folder", "interviewer_sets"),
    [("written", None), ("personas", 0.85)],
)
def test_quality_on_mail_the_team_wrote(folder: str, interviewer_sets: float | None) -> None:
    """The issue's bar, on the sets written for the tests (tests/fixtures/written:
    five languages; tests/fixtures/personas: two mailboxes with hard interviewer
    cases): precision 0.97, recall 0.90, 0.85 in each language with five
    rejections or more, no draft to anyone who did not interview the user."""
    s = score_folder(CORPUS.parent / folder, rules.load([]))
    trust.report(f"[quality] {folder}: " + "; ".join(s.lines()))
    assert s.total.precision >= 0.97, s.misses
    assert s.total.recall >= 0.90, s.misses
    for lang, counts in s.by_lang.items():
        if counts.rejections >= 5:
            assert counts.recall >= 0.85, (lang, s.misses)
    assert s.wrong_recipients == []
    if interviewer_sets is not None:
        assert s.interviewer_exact >= interviewer_sets * s.interviewer_sets, s.misses


@pytest.mark.parametrize(
    ("found", "labelled", "same"),
    [
        ("Fernbrook", "Fernbrook Labs GmbH", True),
        ("Helixocean", "Helix Ocean Ltd", True),
        ("SMDS", "Scottish Marine Data Service", True),
        ("Lumen", "Lumen Subtítulos", True),  # a shared word of 4+ letters is enough
        ("Lum", "Lumen Subtítulos", False),
        ("Talentbridge", "Conseil Public Partners", False),
        (None, "Fernbrook", False),
    ],
)
def test_a_company_is_named_right_by_words_letters_or_initials(
    found: str | None, labelled: str, same: bool
) -> None:
    from daemon.quality import same_company

    assert same_company(found, labelled) is same
