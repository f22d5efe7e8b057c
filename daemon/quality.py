"""Scoring detection against labels: precision, recall, interviewer sets.

Pure: findings (what `pipeline.describe` said of each message) and labels in,
a `Score` out. `benchmarks/quality.py` and `debrief rules test --labels` print
it, so what the team measures and what a user measures are the same numbers.
`score_folder` reads a labelled folder from disk (the only I/O here).

Labels are keyed by Message-ID. A label may be
- `true` / `false`: is this one of the user's job rejections;
- a table with `rejection` (bool) and optionally `lang`, `stage`, `interviewers`;
- a table with `category` (the corpus format): a rejection when the category
  starts with "rejection"; `interviewers` as above.
Interviewer sets are scored only where a label lists them (a rejection after
an interview); every drafted address outside a labelled set is a wrong
recipient, and so is every address drafted for a message that is not a
rejection of the user's.
"""

from __future__ import annotations

import json
import mailbox
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from email.utils import getaddresses
from pathlib import Path
from typing import Any

from daemon.history import LocalHistory
from daemon.matching import normalize
from daemon.message import Message, parse
from daemon.pipeline import Finding, describe
from daemon.rules import RuleSet


@dataclass(frozen=True)
class Label:
    rejection: bool
    lang: str
    interviewers: tuple[str, ...] | None  # None: not labelled
    company: str = ""  # "": not labelled


def read_label(value: Any) -> Label:
    """One label in any of the accepted shapes; ValueError when none fits."""
    if isinstance(value, bool):
        return Label(value, "", None)
    if not isinstance(value, Mapping):
        raise ValueError(f"expected true, false or a table, got {value!r}")
    if isinstance(value.get("rejection"), bool):
        rejection = bool(value["rejection"])
    elif isinstance(value.get("category"), str):
        rejection = str(value["category"]).startswith("rejection")
    else:
        raise ValueError('a label table needs "rejection" (true/false) or "category"')
    people = value.get("interviewers")
    interviewers = None
    category = value.get("category")
    if isinstance(people, list) and (people or category == "rejection_after_interview"):
        interviewers = tuple(sorted(str(p).lower() for p in people))
    lang = value.get("lang")
    company = value.get("company")
    return Label(
        rejection,
        lang if isinstance(lang, str) else "",
        interviewers,
        company if isinstance(company, str) else "",
    )


def same_company(found: str | None, labelled: str) -> bool:
    """Does the name debrief found stand for the labelled company? A word of
    4+ letters of one is a word of the other ("Fernbrook" / "Fernbrook Labs
    GmbH"), the same letters without spaces ("Helixocean" / "Helix Ocean"),
    or its initials ("SMDS" / "Scottish Marine Data Service"); accents and
    case folded."""
    if not found:
        return False
    words = [re.findall(r"[a-z0-9]+", normalize(n)) for n in (found, labelled)]
    long = [{w for w in ws if len(w) >= 4} for ws in words]
    compact = ["".join(ws) for ws in words]
    initials = "".join(w[0] for w in words[1] if w not in {"de", "del", "of", "the", "la", "du"})
    return (
        bool(long[0] & long[1])
        or compact[0] == compact[1]
        or (len(compact[0]) >= 5 and compact[1].startswith(compact[0]))
        or (2 <= len(compact[0]) <= 6 and compact[0] == initials)
    )


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def rejections(self) -> int:
        return self.tp + self.fn


@dataclass
class Score:
    total: Counts = field(default_factory=Counts)
    by_lang: dict[str, Counts] = field(default_factory=dict)
    interviewer_sets: int = 0  # labelled sets scored
    interviewer_exact: int = 0
    companies: int = 0  # rejections found whose label names the company
    companies_right: int = 0
    wrong_recipients: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)  # one line per error
    unlabelled: int = 0

    def add(self, finding: Finding, label: Label, where: str = "") -> None:
        """Count one finding against its label."""
        got = finding.verdict.rejection
        counts = self.by_lang.setdefault(label.lang or "-", Counts())
        subject = finding.message.subject[:70]
        prefix = f"{where}{finding.message.message_id or finding.origin}"
        for c in (self.total, counts):
            c.tp += got and label.rejection
            c.fp += got and not label.rejection
            c.fn += label.rejection and not got
        if got != label.rejection:
            kind = "false positive" if got else "missed"
            self.misses.append(f"{kind}: {prefix} {subject!r}: {finding.verdict.explain()}")
        drafted = (
            sorted(a.lower() for a in finding.extraction.addresses) if finding.extraction else []
        )
        if got and label.rejection and label.company:
            found = finding.extraction.company if finding.extraction else None
            self.companies += 1
            if same_company(found, label.company):
                self.companies_right += 1
            else:
                self.misses.append(
                    f"company: {prefix} {subject!r}: got {found!r}, expected {label.company!r}"
                )
        if label.interviewers is not None and label.rejection:
            self.interviewer_sets += 1
            if tuple(drafted) == label.interviewers:
                self.interviewer_exact += 1
            else:
                self.misses.append(
                    f"interviewers: {prefix} {subject!r}: got {drafted}, "
                    f"expected {list(label.interviewers)}"
                )
        allowed = set(label.interviewers or ()) if label.rejection else set()
        if label.interviewers is not None or not label.rejection:
            for addr in drafted:
                if addr not in allowed:
                    self.wrong_recipients.append(f"{prefix}: {addr}")

    def lines(self) -> list[str]:
        """The figures, one line each (no misses)."""
        t = self.total
        out = [
            f"precision {t.precision:.3f}  recall {t.recall:.3f}  "
            f"({t.tp} found, {t.fp} wrong, {t.fn} missed)"
        ]
        for lang, c in sorted(self.by_lang.items()):
            if len(self.by_lang) > 1:
                out.append(
                    f"  {lang:<3} precision {c.precision:.3f}  recall {c.recall:.3f}  "
                    f"({c.tp}/{c.rejections} found, {c.fp} wrong)"
                )
        if self.interviewer_sets:
            out.append(
                f"interviewer sets exact {self.interviewer_exact}/{self.interviewer_sets} "
                f"({self.interviewer_exact / self.interviewer_sets:.0%})"
            )
        if self.companies:
            out.append(
                f"company named right {self.companies_right}/{self.companies} "
                f"({self.companies_right / self.companies:.0%})"
            )
        out.append(f"drafts to wrong people {len(self.wrong_recipients)}")
        if self.unlabelled:
            out.append(f"{self.unlabelled} message(s) without a label were not scored")
        return out


def score(
    findings: Iterable[Finding],
    labels: Mapping[str, Any],
    where: str = "",
    into: Score | None = None,
) -> Score:
    """Score findings against labels keyed by Message-ID (see the module doc)."""
    result = into if into is not None else Score()
    for f in findings:
        raw = labels.get(f.message.message_id or "")
        if raw is None:
            result.unlabelled += 1
            continue
        result.add(f, read_label(raw), where)
    return result


# ---------------------------------------------------------------------------
# Labelled folders on disk


def mailboxes(folder: Path) -> list[Path]:
    """The labelled mailboxes in a folder: itself, or its subfolders.

    A labelled mailbox holds `inbox.mbox` and `labels.json`, optionally
    `sent.mbox` (the user's own mail, read as history) and `persona.json`
    ({"addresses": [...]})."""
    if (folder / "labels.json").exists():
        return [folder]
    return sorted(p for p in folder.iterdir() if (p / "labels.json").exists())


def _read(path: Path) -> list[Message]:
    if not path.exists():
        return []
    return [parse(m.as_bytes()) for m in mailbox.mbox(path, create=False)]


def _me(folder: Path, inbox: list[Message], given: list[str]) -> list[str]:
    """The user: given, else persona.json, else the inbox's most common To."""
    if given:
        return given
    persona = folder / "persona.json"
    if persona.exists():
        return [a.lower() for a in json.loads(persona.read_text())["addresses"]]
    to = Counter(
        a.lower() for m in inbox for _, a in getaddresses(m.headers.get("to", [])) if "@" in a
    )
    return [to.most_common(1)[0][0]] if to else []


def score_folder(folder: Path, ruleset: RuleSet, me: Iterable[str] = ()) -> Score:
    """Score every labelled mailbox in `folder` as one set."""
    result = Score()
    for box in mailboxes(folder):
        inbox, sent = _read(box / "inbox.mbox"), _read(box / "sent.mbox")
        labels = json.loads((box / "labels.json").read_text())
        history = LocalHistory([*inbox, *sent])
        mine = _me(box, inbox, [a.lower() for a in me])
        found = describe(
            [(f"{box.name}#{i}", m) for i, m in enumerate(inbox, 1)], ruleset, mine, history
        )
        score(found, labels, f"{box.name}: ", into=result)
    return result
