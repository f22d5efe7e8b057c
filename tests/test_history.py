"""LocalHistory: indexed lookups answer exactly as a scan of every message would."""

from __future__ import annotations

import json
import mailbox
from pathlib import Path

from daemon.history import LocalHistory
from daemon.matching import normalize
from daemon.message import Message, parse
from tests.mail import build

CORPUS = Path(__file__).parent / "fixtures" / "corpus"


def _scan(messages: list[Message], company: str) -> set[str]:
    needle = normalize(company)
    return {
        m.key
        for m in messages
        if needle in normalize(" ".join([m.subject, *(a.name for a in m.participants)]))
    }


def test_company_lookup_is_a_substring_match_on_subject_and_names() -> None:
    msgs = [
        parse(build(subject="Your AcmeCorp application", msgid="<1@x.example>")),
        parse(build(subject="ACME interview", msgid="<2@x.example>")),
        parse(build(subject="Acne treatment", msgid="<3@x.example>")),
        parse(
            build(subject="hello", sender="Acmé Recruiting <r@y.example>", msgid="<4@x.example>")
        ),
    ]
    found = {m.key for m in LocalHistory(msgs).lookup([], "Acme", [])}
    assert found == {"<1@x.example>", "<2@x.example>", "<4@x.example>"}
    assert LocalHistory(msgs).lookup([], "zz", []) == []  # too short to mean anything


def test_company_lookup_agrees_with_a_full_scan_on_the_corpus() -> None:
    messages = [
        parse(m.as_bytes()) for path in sorted(CORPUS.glob("*/*.mbox")) for m in mailbox.mbox(path)
    ]
    history = LocalHistory(messages)
    companies = {
        str(v["company"])
        for labels in CORPUS.glob("*/labels.json")
        for v in json.loads(labels.read_text()).values()
        if v.get("company")
    }
    assert len(companies) > 10
    for company in sorted(companies):
        assert {m.key for m in history.lookup([], company, [])} == _scan(messages, company)
        history.add(parse(build(subject=f"{company} again", msgid=f"<{len(messages)}@x>")))
        messages.append(history.messages[-1])  # the index follows additions
