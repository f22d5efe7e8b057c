"""Scanning: parse -> classify -> extract over a set of messages.

`describe()` is pure over its inputs (parsed messages, rules, history source)
and yields one `Finding` per received message; printing and I/O happen in the
CLI. The same function backs `debrief scan` and `debrief rules test`, so what
users tune is what the service runs.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from daemon.classify import Verdict, classify
from daemon.display import visible
from daemon.extract import Extraction, Plan, extract, has_job_context, plan
from daemon.history import HistorySource, Query, RecordingHistory
from daemon.message import Message
from daemon.rules import RuleSet


@dataclass(frozen=True)
class Finding:
    origin: str
    message: Message
    verdict: Verdict
    extraction: Extraction | None

    def to_json(self) -> dict[str, Any]:
        x = self.extraction
        out: dict[str, Any] = {
            "message_id": self.message.message_id or self.message.key,
            "rejection": self.verdict.rejection,
            "stage": x.stage if x else None,
            "category": self.verdict.category,
            "score": round(self.verdict.score, 2),
            "rules": self.verdict.rules,
            "company": x.company if x else None,
            "position": x.position if x else None,
            "interviewers": [a.lower() for a in x.addresses] if x else [],
        }
        if self.verdict.excluded:
            out["excluded"] = self.verdict.excluded
        if self.message.problems:
            out["problems"] = list(self.message.problems)
        out["origin"] = self.origin
        return out

    def json_line(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, sort_keys=False)


def judge(
    msg: Message,
    ruleset: RuleSet,
    me: Iterable[str],
    history: HistorySource,
    verdict: Verdict | None = None,
    first: Plan | None = None,
    names: Iterable[str] = (),
) -> tuple[Verdict, Extraction | None]:
    """Classify one received message and, for a rejection, extract from history.

    `verdict` is `classify(msg, ruleset, me)` and `first` is `plan(msg, me,
    ruleset)` when the caller has them already (both are pure); the steps
    that need history are always taken here."""
    mine = list(me)
    if verdict is None:
        verdict = classify(msg, ruleset, mine, names=names)
    if _may_need_context(verdict, ruleset) and has_job_context(msg, history, ruleset, mine):
        verdict = classify(msg, ruleset, mine, job_context=True, names=names)
    if not verdict.rejection:
        return verdict, None
    return verdict, extract(msg, verdict, history, mine, ruleset, first)


def foresee(
    msg: Message, ruleset: RuleSet, me: Iterable[str], verdict: Verdict
) -> tuple[list[Query], Plan | None]:
    """The history lookups `judge(msg, ..., verdict)` begins with, without
    any history, and the extraction plan of a rejection (for `judge`).

    A batching caller prefetches the answers to these together. They are
    the lookups judge makes before it has seen any answer; what it asks
    after (an ATS rejection's employer, learned from the first answer; the
    extraction of a message that the history shows to be a rejection) it
    asks for itself. Cheaper than a dry run of `judge`: no extraction."""
    needs_context = _may_need_context(verdict, ruleset)
    if not verdict.rejection and not needs_context:
        return [], None  # judge() asks nothing of the history (most mail)
    recorder = RecordingHistory()
    mine = list(me)
    if needs_context:
        has_job_context(msg, recorder, ruleset, mine)
    first = None
    if verdict.rejection:
        first = plan(msg, mine, ruleset)
        recorder.lookup(*first.query)
    return recorder.queries, first


def _may_need_context(verdict: Verdict, ruleset: RuleSet) -> bool:
    """Whether the history decides if this message is a rejection."""
    return verdict.needs_job_context and verdict.score >= ruleset.threshold


def describe(
    messages: Iterable[tuple[str, Message]],
    ruleset: RuleSet,
    me: Iterable[str],
    history: HistorySource,
    progress: Callable[[int], None] | None = None,
    names: Iterable[str] = (),
) -> Iterator[Finding]:
    """One Finding per message not sent by the user, in input order."""
    mine = {a.lower() for a in me}
    for n, (origin, msg) in enumerate(messages, start=1):
        if progress is not None and n % 200 == 0:
            progress(n)
        if msg.from_ is not None and msg.from_.addr in mine:
            continue
        verdict, extraction = judge(msg, ruleset, mine, history, names=names)
        yield Finding(origin, msg, verdict, extraction)


def table_lines(f: Finding) -> list[str]:
    """Readable lines for one finding (the non-JSON output)."""
    m, v, x = f.message, f.verdict, f.extraction
    sender = m.from_.addr if m.from_ else "?"
    date = m.date.strftime("%Y-%m-%d") if m.date else "????-??-??"
    head = f"{date}  {v.category:<22} {v.score:>5.1f}  {sender}  {m.subject[:70]}"
    lines = [head, f"    why: {v.explain()}"]
    if x is not None:
        who = ", ".join(x.addresses) or "(nobody suitable)"
        lines.append(
            f"    {x.company or '?'} / {x.position or '?'} / stage: {x.stage} / interviewers: {who}"
        )
        lines.extend(f"    note: {n}" for n in x.notes)
    if m.problems:
        lines.append(f"    problems: {'; '.join(m.problems)}")
    return [visible(line) for line in lines]  # every field came from mail
