"""LocalHistory: indexed lookups answer exactly as a scan of every message would."""

from __future__ import annotations

import json
import mailbox
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from daemon import history as history_module
from daemon.history import LocalHistory, _plain_fields, header_entry, index_entry
from daemon.imap import INDEX_HEADERS
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


def test_company_lookup_is_a_substring_match_on_subject_names_and_domain_names() -> None:
    other = {"sender": "Pat Lee <pat@clinic.example>", "to": "Alex <alex@example.org>"}
    msgs = [
        parse(build(subject="Your AcmeCorp application", msgid="<1@x.example>", **other)),
        parse(build(subject="ACME interview", msgid="<2@x.example>", **other)),
        parse(build(subject="Acne treatment", msgid="<3@x.example>", **other)),
        parse(
            build(subject="hello", sender="Acmé Recruiting <r@y.example>", msgid="<4@x.example>")
        ),
        parse(
            build(
                subject="hi",
                sender="Pat Lee <pat@clinic.example>",
                to="Jo Kim <jo@mail.acme.co.uk>",
                msgid="<5@x.example>",
            )
        ),
    ]
    found = {m.key for m in LocalHistory(msgs).lookup([], "Acme", [])}
    assert found == {"<1@x.example>", "<2@x.example>", "<4@x.example>", "<5@x.example>"}
    assert LocalHistory(msgs).lookup([], "zz", []) == []  # too short to mean anything


@pytest.mark.parametrize("block", [1024, 7])
def test_company_lookup_agrees_with_a_full_scan_on_the_corpus(
    block: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whether the names fit one block or are spread over many, growing ones."""
    monkeypatch.setattr(history_module, "BLOCK", block)
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


def test_the_history_cache_stays_bounded_on_a_long_run_without_lookups() -> None:
    """A first run remembers every message it reads; with no rejection (no
    lookup) for a long while, memory must still stay bounded, keeping the
    most recent messages."""
    from typing import cast

    from daemon import imaphistory
    from daemon.imap import ImapMailbox

    history = imaphistory.ImapHistory(cast(ImapMailbox, None), ["INBOX"])
    limit = imaphistory.CACHE_LIMIT
    msg = parse(b"From: a@b.example\r\nSubject: s\r\n\r\nx\r\n")
    for uid in range(1, 2 * limit + 2):
        history.remember("INBOX", uid, msg)
        assert len(history._cache) <= limit
    assert ("INBOX", 2 * limit + 1) in history._cache
    assert ("INBOX", 1) not in history._cache
    assert len(history._seen) == 2 * limit + 1  # the index (no bodies) keeps them all


def test_company_lookup_finds_names_after_wide_characters(monkeypatch: pytest.MonkeyPatch) -> None:
    """Names are searched as UTF-8: an entry's place must be found right after
    entries whose characters take several bytes."""
    monkeypatch.setattr(history_module, "BLOCK", 3)
    subjects = ["東京 — 面接のご案内", "Київ: співбесіда", "Tokyo 東京 Labs offer", "東京 Labs"]
    msgs = [parse(build(subject=s, msgid=f"<{i}@x.example>")) for i, s in enumerate(subjects)]
    history = LocalHistory(msgs)
    for company in ("東京 Labs", "Labs", "співбесіда", "面接のご案内"):
        assert {m.key for m in history.lookup([], company, [])} == _scan(msgs, company), company


# --- index entries read straight from headers ------------------------------------

INDEXED = {h.lower() for h in INDEX_HEADERS}


def header_block(raw: bytes) -> bytes:
    """What the index worker gets for a message: its INDEX_HEADERS fields as
    the server returns BODY[HEADER.FIELDS (...)] (folding kept, blank line
    after), plus the CRLF `fetch_headers` adds."""
    head = raw.replace(b"\r\n", b"\n").split(b"\n\n", 1)[0].split(b"\n")
    fields: list[list[bytes]] = []
    for line in head:
        if line[:1] in (b" ", b"\t") and fields:
            fields[-1].append(line)
        else:
            fields.append([line])
    kept = [f for f in fields if f[0].split(b":", 1)[0].strip().lower().decode() in INDEXED]
    return b"".join(b"\r\n".join(f) + b"\r\n" for f in kept) + b"\r\n\r\n"


def test_header_entries_are_index_entries_of_the_parsed_headers() -> None:
    blocks = [
        header_block(m.as_bytes())
        for path in sorted(CORPUS.glob("*/*.mbox"))
        for m in mailbox.mbox(path)
    ]
    assert len(blocks) > 300
    for block in blocks:
        assert header_entry(block) == index_entry(parse(block)), block
    # The short way must actually be taken on ordinary mail.
    plain = sum(_plain_fields(b) is not None for b in blocks)
    assert plain > 0.9 * len(blocks), (plain, len(blocks))


HEADER_TEXT = st.lists(
    st.sampled_from([*'ab Zé@.<>,;:"()\\[]=?_\t-', "=?utf-8?q?caf=C3=A9?=", "  ", "\x00"]),
    max_size=30,
).map("".join)


@st.composite
def header_blocks(draw: st.DrawFn) -> bytes:
    lines = []
    for _ in range(draw(st.integers(0, 8))):
        name = draw(st.sampled_from([*INDEX_HEADERS, "message-id", "X-Other", "From "]))
        value = draw(HEADER_TEXT)
        if draw(st.booleans()):
            value += "\r\n " + draw(HEADER_TEXT)  # folded
        lines.append(f"{name}: {value}")
    ending = draw(st.sampled_from(["\r\n\r\n", "\r\n\r\n\r\n", "\r\n", "\n\n", "\r\n\r\nbody\r\n"]))
    return ("\r\n".join(lines) + ending).encode("utf-8", "surrogateescape")


@settings(max_examples=400, deadline=None)
@given(header_blocks())
def test_header_entries_agree_on_generated_headers(block: bytes) -> None:
    assert header_entry(block) == index_entry(parse(block))


def test_index_entries_survive_pickling() -> None:
    """They cross from the index worker pickled, with their own __reduce__."""
    import pickle

    from daemon.history import IndexEntry

    entry = IndexEntry(("jobs.example", "example"), ("<a@b>", "<c@d>"), ("<a@b>",), "ada x")
    again = pickle.loads(pickle.dumps([entry, entry], pickle.HIGHEST_PROTOCOL))
    assert again == [entry, entry] and isinstance(again[0], IndexEntry)


def test_company_lookup_reads_only_blocks_that_may_name_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each full block keeps a bitmap of its trigrams: a name is looked for
    only in blocks holding all of its trigrams, and never missed."""
    monkeypatch.setattr(history_module, "BLOCK", 4)
    subjects = [f"Interview at Firm{i:03d} Labs" for i in range(40)] + ["Offer from Zyxwen Ltd"]
    msgs = [parse(build(subject=s, msgid=f"<{i}@x.example>")) for i, s in enumerate(subjects)]
    history = LocalHistory(msgs)
    history.lookup([], "Firm000", [])  # builds the blocks
    index = history.index
    assert len(index._blocks) == 10
    assert index._blocks_with(b"zyxwen ltd") == []  # in the tail, not in a full block
    assert index._blocks_with(b"firm017 labs") == [4]
    assert index._blocks_with(b"interview at") == list(range(10))
    assert index._blocks_with(b"ab") == list(range(10))  # no trigram: every block
    for company in ("Zyxwen", "Firm017 Labs", "firm0", "Labs", "Nowhere Inc"):
        assert {m.key for m in history.lookup([], company, [])} == _scan(msgs, company), company


def test_a_name_looked_up_again_is_searched_for_only_where_entries_were_added(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Full blocks never change: their answer for a name is kept, and later
    lookups of it read only the blocks filled since and the tail, while
    entries keep being added between lookups; answers stay exact."""
    monkeypatch.setattr(history_module, "BLOCK", 4)
    read: list[tuple[bytes, int]] = []
    real_find = history_module._find

    def find(target: bytes, base: int, *rest: Any) -> None:
        read.append((target, base))
        real_find(target, base, *rest)

    monkeypatch.setattr(history_module, "_find", find)
    subjects = [f"Interview at Firm{i % 3} Labs" for i in range(30)]
    msgs = [parse(build(subject=s, msgid=f"<{i}@x.example>")) for i, s in enumerate(subjects)]
    history = LocalHistory()
    for n, msg in enumerate(msgs, start=1):
        history.add(msg)
        read.clear()
        for company in ("Firm1 Labs", "Firm1 Labs", "Nowhere"):
            found = {m.key for m in history.lookup([], company, [])}
            assert found == _scan(msgs[:n], company), (n, company)
        full = n // 4
        # The first lookup of "Firm1 Labs" reads the block filled by this
        # message, if one was; the second reads only the tail.
        firm_reads = [b for t, b in read if t == b"firm1 labs" and b < full * 4]
        assert firm_reads == ([(full - 1) * 4] if n % 4 == 0 else []), (n, read)
    index = history.index
    assert index._named_size == sum(len(found) for _, found in index._named.values()) > 0
    # What the memo holds is bounded: over the budget it starts again, and
    # answers stay exact.
    monkeypatch.setattr(history_module, "NAMED_ENTRIES_KEPT", 5)
    for company in ("Firm0 Labs", "Firm2 Labs", "Interview", "Firm1"):
        assert {m.key for m in history.lookup([], company, [])} == _scan(msgs, company)
        assert index._named_size < 5 + 30 and len(index._named) <= 2


def test_server_search_leaves_out_what_the_run_has_seen_as_it_grows() -> None:
    from typing import cast

    from daemon.imap import ImapMailbox
    from daemon.imaphistory import ImapHistory

    history = ImapHistory(cast(ImapMailbox, None), ["INBOX"])
    assert history._not_seen("INBOX") == []
    history._seen_uids["INBOX"] = {1, 2, 3, 7}
    assert history._not_seen("INBOX") == ["NOT", "UID", "1:3,7"]
    assert history._not_seen("INBOX") is history._not_seen("INBOX")  # made once
    history._seen_uids["INBOX"].add(8)
    assert history._not_seen("INBOX") == ["NOT", "UID", "1:3,7:8"]
