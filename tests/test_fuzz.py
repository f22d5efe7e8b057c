"""Fuzzing parse -> classify -> extract -> draft rendering: nothing escapes.

Hypothesis generates hostile headers and bodies; every stage must return a
value (never raise), stay fast, and every mail we compose must re-parse with
exactly the headers we meant (no header injection, CVE-2024-6923 class).
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from email import message_from_bytes, policy

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from daemon import rules
from daemon.classify import classify
from daemon.compose import compose
from daemon.drafts import Draft, load_template, render
from daemon.extract import extract
from daemon.history import LocalHistory
from daemon.message import parse
from tests import trust

RS = rules.load([])
ME = ["me@example.org"]
NASTY = st.sampled_from(
    [
        "a@b@c",
        "x@y.example(<evil@z.example>",
        "=?utf-8?q?a=0D=0ABcc:_x@evil.example?=",
        "\x00",
        "\r\n",
        "\n\t",
        "=?bogus?b?!!!?=",
        "<>",
        '"quoted, name" <q@x.example>',
        "é" * 300,
        "A" * 5000,
        ";;;",
        "BEGIN:VCALENDAR\nBEGIN:VEVENT\nATTENDEE:mailto:a@b@c",
    ]
)
TEXT = st.one_of(st.text(max_size=300), NASTY)


# The rules compile and index themselves on first use: once, here, so that
# no example's time bound pays for it.
_WARM = parse(b"Subject: warm-up\r\n\r\nHello")
extract(_WARM, classify(_WARM, RS, ME), LocalHistory([_WARM]), ME, RS)


def header_line(name: str, value: str) -> bytes:
    return name.encode() + b": " + value.encode("utf-8", "surrogatepass") + b"\r\n"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.sampled_from(
                [
                    "From",
                    "To",
                    "Cc",
                    "Subject",
                    "Reply-To",
                    "Sender",
                    "Message-ID",
                    "In-Reply-To",
                    "References",
                    "Date",
                    "Content-Type",
                    "Auto-Submitted",
                    "X-Other",
                ]
            ),
            TEXT,
        ),
        max_size=12,
    ),
    st.one_of(st.binary(max_size=2000), TEXT.map(lambda t: t.encode("utf-8", "surrogatepass"))),
)
def test_pipeline_never_raises_and_stays_fast(headers: list[tuple[str, str]], body: bytes) -> None:
    raw = b"".join(header_line(k, v) for k, v in headers) + b"\r\n" + body
    trust.add(inputs_tried=1)
    # CPU time, not wall time: a bound on pathological input (a regex that
    # backtracks), which a busy host must not trip (the rules' lazy set-up
    # is done before the first example, below).
    start = time.process_time()
    msg = parse(raw)
    verdict = classify(msg, RS, ME)
    x = extract(msg, verdict, LocalHistory([msg]), ME, RS)
    rendered = render(
        load_template("en"),
        {
            "first_name": msg.from_.name if msg.from_ else "",
            "company": x.company or "",
            "position": x.position or msg.subject,
            "my_name": msg.subject,
            "their_name": "",
        },
    )
    assert time.process_time() - start < 2.0
    assert "\n" not in rendered.subject and "\r" not in rendered.subject


@settings(max_examples=150, deadline=None)
@given(subject=TEXT, name=TEXT, body=st.text(max_size=500), ref=TEXT)
def test_composed_mail_reparses_with_exactly_the_intended_headers(
    subject: str, name: str, body: str, ref: str
) -> None:
    from daemon.drafts import one_line

    trust.add(inputs_tried=1)
    d = Draft(
        1,
        1,
        "dana@acme.example",
        name,
        one_line(subject, 300),
        body or "x\n",
        "approved",
        datetime(2026, 3, 2, tzinfo=UTC),
        "<a@acme.example>",
        (ref, "<a@acme.example>"),
        "<m1@example.org>",
        "tok",
        None,
        "",
        "en",
        None,
        None,
        "<r@x>",
    )
    raw = compose(d, name, "me@example.org", datetime(2026, 3, 3, tzinfo=UTC)).as_bytes()
    back = message_from_bytes(raw, policy=policy.default)
    names = [k.lower() for k in back]
    assert sorted(set(names)) == sorted(
        {
            "from",
            "to",
            "subject",
            "date",
            "message-id",
            "in-reply-to",
            "references",
            "x-debrief-draft",
            "content-type",
            "content-transfer-encoding",
            "mime-version",
        }
    )
    assert len(names) == len(set(names))  # nothing smuggled in twice
    assert back["To"].addresses[0].addr_spec == "dana@acme.example"
    assert back["X-Debrief-Draft"] == "tok"
