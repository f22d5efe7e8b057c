"""What the pure core says about mail written in a test: one place for the
helpers the detection and interviewer tests share (the built-in rules, the
user's address, a verdict on a subject and body, an extraction from a
rejection and its history)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

from daemon import rules
from daemon.classify import Verdict, classify
from daemon.extract import Extraction
from daemon.history import LocalHistory
from daemon.message import parse
from daemon.pipeline import judge
from tests.mail import build

ME = ["alex@example.org"]
RS = rules.load([])


def day(d: int) -> datetime:
    """10:00 UTC on day `d` of February 2026: test histories are dated by day."""
    return datetime(2026, 2, d, 10, 0, tzinfo=UTC)


def verdict(subject: str, body: str) -> Verdict:
    return classify(parse(build(subject=subject, body=body)), RS, ME)


def in_frame(doc: Mapping[str, str], sentence: str) -> Verdict:
    """The verdict on one paradigm sentence (tests/paradigms format) placed
    between its file's opening and closing, under its subject."""
    return verdict(doc["subject"], f"{doc['opening']} {sentence}\n\n{doc['closing']}")


def is_rejection(subject: str, body: str) -> bool:
    return verdict(subject, body).rejection


def extracted(reject: bytes, *history: bytes) -> Extraction:
    """The extraction of a mail that must be read as a rejection, with the
    given mails as its history."""
    v, extraction = judge(parse(reject), RS, ME, LocalHistory([parse(h) for h in history]))
    assert v.rejection, v.explain()
    assert extraction is not None
    return extraction


def panel_recipients(case: Mapping[str, object]) -> list[str] | None:
    """The follow-up recipients debrief picks for one panel case
    (tests/panels format: a whole rejection with its sender, Cc, subject and
    body, read with no history). None: not read as a rejection; [] when it
    finds no interview or nobody to write to."""
    cc = case.get("cc") or []
    assert isinstance(cc, list)
    raw = build(
        sender=str(case["sender"]),
        cc=", ".join(str(c) for c in cc) or None,
        subject=str(case["subject"]),
        body=str(case["body"]),
        date=day(20),
    )
    verdict, extraction = judge(parse(raw), RS, ME, LocalHistory([]))
    if not verdict.rejection or extraction is None:
        return None
    return sorted(extraction.addresses) if extraction.stage == "interview" else []


def interviewers(reject: bytes, *history: bytes) -> list[str]:
    """The follow-up recipients of a rejection that must come after an interview."""
    x = extracted(reject, *history)
    assert x.stage == "interview", x.notes
    return sorted(x.addresses)
