"""Draft lifecycle, safety checks and rendering: pure unit tests."""

from __future__ import annotations

from email import message_from_string, policy

import pytest

from daemon import rules
from daemon.drafts import (
    LANGUAGES,
    STATES,
    TERMINAL,
    TRANSITIONS,
    InvalidTransition,
    content_hash,
    first_name,
    language_of,
    load_template,
    refusal,
    render,
    transition,
)
from daemon.message import is_mailbox

SENDERS = rules.load([]).senders
EVENTS = sorted({e for _, e in TRANSITIONS})


def test_transition_table_is_closed_over_states() -> None:
    for (state, _event), new in TRANSITIONS.items():
        assert state in STATES and new in STATES


# The draft state machine as the design states it, written out apart from
# daemon/drafts.py: each row is a state, each column an event, "-" refused.
#                 approve   skip     cancel     edit     snooze    send     delivered retry    rejected unknown  found_in_sent
_SPEC = """
pending          approved  skipped  cancelled  pending  pending   -        -         -        -        -        -
approved         -         skipped  cancelled  pending  approved  sending  -         -        -        -        -
sending          -         -        -          -        -         -        sent      approved failed   in_doubt -
sent             -         -        -          -        -         -        -         -        -        -        -
skipped          -         -        -          -        -         -        -         -        -        -        -
cancelled        -         -        -          -        -         -        -         -        -        -        -
failed           approved  skipped  cancelled  -        -         -        -         -        -        -        -
in_doubt         approved  skipped  cancelled  -        -         -        -         -        -        -        sent
"""
_COLUMNS = [
    "approve",
    "skip",
    "cancel",
    "edit",
    "snooze",
    "send",
    "delivered",
    "retry",
    "rejected",
    "unknown",
    "found_in_sent",
]


def test_every_state_and_event_does_what_the_design_says() -> None:
    """One table: for all 8 x 11 pairs, the next state or a refusal."""
    rows = [line.split() for line in _SPEC.strip().splitlines()]
    assert [r[0] for r in rows] == list(STATES) and set(_COLUMNS) == set(EVENTS)
    for state, *cells in rows:
        for event, expected in zip(_COLUMNS, cells, strict=True):
            if expected == "-":
                with pytest.raises(InvalidTransition):
                    transition(state, event)
            else:
                assert transition(state, event) == expected, (state, event)


def test_terminal_states_never_change() -> None:
    for state in TERMINAL:
        assert not [e for (s, e) in TRANSITIONS if s == state]


def test_only_approved_drafts_can_be_sent_and_in_doubt_needs_fresh_approval() -> None:
    senders = [s for (s, e) in TRANSITIONS if e == "send"]
    assert senders == ["approved"]
    assert {TRANSITIONS[("sending", e)] for e in ("delivered", "retry", "rejected", "unknown")} == {
        "sent",
        "approved",
        "failed",
        "in_doubt",
    }
    assert ("in_doubt", "send") not in TRANSITIONS
    assert transition("in_doubt", "approve") == "approved"
    assert transition("approved", "edit") == "pending"  # changed text loses its approval


@pytest.mark.parametrize(
    ("address", "why"),
    [
        ("me@example.org", "own"),
        ("no-reply@ats.example", "automated"),
        ("notifications@talent.example", "automated"),
        ("bounces+123@mail.example", "automated"),
        ("someone@greenhouse.io", "automated"),
        ("boss@blocked.example", "do-not-contact"),
        ("anyone@sub.avoid.example", "do-not-contact"),
    ],
)
def test_refusals(address: str, why: str) -> None:
    reason = refusal(
        address, ["Me@Example.org"], SENDERS, ["boss@blocked.example", "@avoid.example"]
    )
    assert reason is not None and why.split("-")[0] in reason.replace("own addresses", "own")


def test_person_is_not_refused() -> None:
    assert refusal("dana.reyes@acme.example", ["me@example.org"], SENDERS, []) is None


def test_content_hash_covers_recipient_subject_body() -> None:
    h = content_hash("a@b.example", "S", "Body")
    assert h == content_hash("A@B.example", "S", "Body")
    assert h != content_hash("c@b.example", "S", "Body")
    assert h != content_hash("a@b.example", "S2", "Body")
    assert h != content_hash("a@b.example", "S", "Body!")


def test_every_language_with_rejection_rules_has_a_template() -> None:
    packs = {r.id.split(".")[0] for r in rules.load([]).rules if r.kind == "rejection"}
    assert packs == set(LANGUAGES)
    for lang in packs:
        assert language_of([f"{lang}.rejection.x"]) == lang
        assert load_template(lang) != load_template("en") or lang == "en"


@pytest.mark.parametrize("language", LANGUAGES)
def test_templates_render_every_variable_and_ask_for_feedback(language: str) -> None:
    out = render(
        load_template(language),
        {
            "first_name": "Dana",
            "their_name": "Dana Reyes",
            "company": "Acme",
            "position": "Data Engineer",
            "my_name": "Alex Example",
        },
    )
    assert "$" not in out.subject + out.body
    assert "Dana" in out.body and "Acme" in out.body and "Alex Example" in out.body
    assert "Data Engineer" in out.subject
    assert "?" in out.body  # it asks


def test_header_injection_is_impossible_through_values() -> None:
    out = render(
        "Subject: About $position\n\nHi $first_name",
        {"position": "Engineer\r\nBcc: evil@x.example", "first_name": "A\nB"},
    )
    assert "\n" not in out.subject and "\r" not in out.subject
    msg = message_from_string(f"Subject: {out.subject}\n\n{out.body}", policy=policy.default)
    assert msg["Bcc"] is None


def test_language_and_names() -> None:
    assert language_of(["de.rejection.decision", "en.job.words", "de.rejection.soft"]) == "de"
    assert language_of(["en.job.words"]) == "en"
    assert first_name("Ayşe Abara", "ayse.abara@x.example") == "Ayşe"
    assert first_name("Reyes, Dana", "d@x.example") == "Dana"
    assert first_name("", "jonas.weber@x.example") == "Jonas"
    assert first_name("", "x@x.example") == "there"


def test_compose_threads_and_carries_token() -> None:
    from datetime import UTC, datetime

    from daemon.compose import compose
    from daemon.drafts import Draft

    d = Draft(
        1,
        1,
        "dana@acme.example",
        "Dana\r\nBcc: x@evil.example",
        "Re: Interview\nBcc: y@evil",
        "Hello\n",
        "pending",
        datetime(2026, 3, 2, tzinfo=UTC),
        "<a@acme.example>",
        ("<z@acme.example>", "<a@acme.example>"),
        "<m1@example.org>",
        "tok123",
        None,
        "",
        "en",
        "Acme",
        "Engineer",
        "<r@acme.example>",
    )
    raw = compose(d, "Alex", "alex@example.org", datetime(2026, 3, 3, tzinfo=UTC)).as_bytes()
    msg = message_from_string(raw.decode(), policy=policy.default)
    assert msg["Bcc"] is None
    assert msg["In-Reply-To"] == "<a@acme.example>"
    assert msg["References"] == "<z@acme.example> <a@acme.example>"
    assert msg["X-Debrief-Draft"] == "tok123"
    assert msg["Message-ID"] == "<m1@example.org>"
    assert msg["To"].addresses[0].addr_spec == "dana@acme.example"


def test_reply_commands_and_authentication() -> None:
    from datetime import UTC, datetime, timedelta

    from daemon.message import parse
    from daemon.replies import DigestRef, authenticate, parse_commands

    cmds, refused = parse_commands(
        "approve 3\nApprove 1, 4 and 5\napprove all\nskip 2\nsnooze 2 3d\nedit 4\nNew text\nend\n"
        "approve banana\nThanks!\n"
    )
    assert [c.describe() for c in cmds] == [
        "approve 3",
        "approve 1 4 5",
        "approve all",
        "skip 2",
        "snooze 2 by 3 days, 0:00:00",
        "edit 4",
    ]
    assert cmds[-1].body == "New text\n"
    assert refused == ["not understood: approve banana"]
    now = datetime(2026, 3, 2, tzinfo=UTC)
    ref = DigestRef(1, "T" * 22, "<d1@example.org>", now + timedelta(days=7), None)

    def msg(**headers: str) -> object:
        base = {
            "From": "me@example.org",
            "Subject": f"Re: x [debrief:{'T' * 22}]",
            "In-Reply-To": "<d1@example.org>",
            "Message-ID": "<r@example.org>",
        }
        base.update(headers)
        raw = "".join(f"{k}: {v}\r\n" for k, v in base.items() if v) + "\r\napprove 1\r\n"
        return parse(raw.encode())

    assert authenticate(msg(), [ref], ["me@example.org"], now)[1] == "ok"  # type: ignore[arg-type]
    checks = {
        "not from you": msg(From="x@evil.example"),
        "missing": msg(Subject="Re: x"),
        # neither In-Reply-To nor the token of a digest we sent
        "not a reply": msg(**{"In-Reply-To": "", "Subject": f"Re: x [debrief:{'U' * 22}]"}),
        "automatic": msg(**{"Auto-Submitted": "auto-replied"}),
    }
    for why, m in checks.items():
        digest, reason = authenticate(m, [ref], ["me@example.org"], now)  # type: ignore[arg-type]
        assert digest is None and why in reason
    expired = authenticate(msg(), [ref], ["me@example.org"], now + timedelta(days=8))  # type: ignore[arg-type]
    assert "expired" in expired[1]
    # A digest answered before can be answered again (replay protection is
    # the reply's own Message-ID, recorded once by the service) ...
    used = DigestRef(1, "T" * 22, "<d1@example.org>", now + timedelta(days=7), now)
    assert authenticate(msg(), [used], ["me@example.org"], now)[1] == "ok"  # type: ignore[arg-type]
    # ... and the token alone names the digest when In-Reply-To is missing.
    assert authenticate(msg(**{"In-Reply-To": ""}), [ref], ["me@example.org"], now)[1] == "ok"  # type: ignore[arg-type]
    # Authentication-Results: only the user's own server counts, and it must pass.
    ok = msg(**{"Authentication-Results": "mx.example.org; dkim=pass header.d=example.org"})
    forged = msg(**{"Authentication-Results": "evil.example; dkim=pass"})
    failed = msg(**{"Authentication-Results": "mx.example.org; dkim=fail; dmarc=fail"})
    assert authenticate(ok, [ref], ["me@example.org"], now, "mx.example.org")[1] == "ok"  # type: ignore[arg-type]
    assert authenticate(forged, [ref], ["me@example.org"], now, "mx.example.org")[0] is None  # type: ignore[arg-type]
    assert authenticate(failed, [ref], ["me@example.org"], now, "mx.example.org")[0] is None  # type: ignore[arg-type]
    # ... and the pass must be for the user's own domain, not the mail's
    # actual signer's (an attacker's DKIM pass for evil.example proves nothing).
    theirs = msg(
        **{"Authentication-Results": "mx.example.org; dkim=pass header.d=evil.example; dmarc=fail"}
    )
    assert authenticate(theirs, [ref], ["me@example.org"], now, "mx.example.org")[0] is None  # type: ignore[arg-type]
    dmarc = msg(
        **{
            "Authentication-Results": "mx.example.org; dkim=none; dmarc=pass header.from=example.org"
        }
    )
    assert authenticate(dmarc, [ref], ["me@example.org"], now, "mx.example.org")[1] == "ok"  # type: ignore[arg-type]
    bare = msg(**{"Authentication-Results": "mx.example.org; dkim=pass"})
    assert authenticate(bare, [ref], ["me@example.org"], now, "mx.example.org")[0] is None  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "address",
    [
        "bad\x01x@acme.example",
        "a b@acme.example",
        "x@acme",
        "@acme.example",
        "jos\u202eé@acme.example",  # a bidi override hidden in a local part
        "zero\u200bwidth@acme.example",
        "josé@acme..example",
        "josé@@acme.example",
        ".josé@acme.example",
    ],
)
def test_a_mailbox_smtp_cannot_take_is_refused_before_any_draft_or_send(address: str) -> None:
    assert refusal(address, [], SENDERS, []) == "not a mailbox address (RFC 5321/6531)"
    assert refusal("dana.reyes@acme.example", [], SENDERS, []) is None


@pytest.mark.parametrize(
    "address",
    ["josé@acme.example", "zoë.ng@acme.example", "dana@bücher.example", "李@acme.example"],
)
def test_a_non_ascii_mailbox_is_a_real_address_sent_only_with_smtputf8(address: str) -> None:
    # Whether the server takes it is decided at the send (smtp.py, tested
    # against aiosmtpd with and without SMTPUTF8 in test_hostile.py).
    assert refusal(address, [], SENDERS, []) is None
    assert is_mailbox(address, utf8=True) and not is_mailbox(address)
