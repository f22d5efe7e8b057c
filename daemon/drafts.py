"""Follow-up drafts: the state machine, safety checks and text rendering. Pure.

Invariants:
- Draft states change only through `TRANSITIONS`; anything else raises
  `InvalidTransition`. Terminal states (sent, skipped, cancelled) never change.
- Only `approved` can become `sending`; only `sending` can become `sent`,
  `in_doubt` or `failed`. An `in_doubt` draft is never sent again without a
  fresh approval (in_doubt -> approved is an explicit user decision).
- A recipient is refused when it is the user, an automated/role address, or
  on the do-not-contact list; every value placed in a header is one line.
- `content_hash()` covers exactly the recipient, subject and body the user was
  shown, so an approval of changed text can be refused.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from importlib import resources
from string import Template

from daemon.message import is_mailbox
from daemon.rules import Senders

STATES = ("pending", "approved", "sending", "sent", "skipped", "cancelled", "failed", "in_doubt")
TERMINAL = frozenset({"sent", "skipped", "cancelled"})

# (state, event) -> new state
TRANSITIONS: dict[tuple[str, str], str] = {
    ("pending", "approve"): "approved",
    ("pending", "skip"): "skipped",
    ("pending", "cancel"): "cancelled",
    ("pending", "edit"): "pending",
    ("pending", "snooze"): "pending",
    ("approved", "send"): "sending",
    ("approved", "skip"): "skipped",
    ("approved", "cancel"): "cancelled",
    ("approved", "edit"): "pending",  # changed text needs a fresh approval
    ("approved", "snooze"): "approved",
    ("sending", "delivered"): "sent",
    ("sending", "retry"): "approved",  # 4xx or connection error before DATA
    ("sending", "rejected"): "failed",  # 5xx
    ("sending", "unknown"): "in_doubt",  # crash or drop after DATA
    ("in_doubt", "found_in_sent"): "sent",
    ("in_doubt", "approve"): "approved",
    ("in_doubt", "skip"): "skipped",
    ("in_doubt", "cancel"): "cancelled",
    ("failed", "approve"): "approved",
    ("failed", "skip"): "skipped",
    ("failed", "cancel"): "cancelled",
}


@dataclass(frozen=True)
class Draft:
    """A follow-up draft as the store holds it, with its rejection's company,
    position and message key: what the state machine above moves."""

    id: int
    detection_id: int
    recipient: str
    recipient_name: str
    subject: str
    body: str
    state: str
    due_at: datetime
    in_reply_to: str | None
    references: tuple[str, ...]
    message_id: str
    token: str
    approved_hash: str | None
    reason: str
    language: str
    company: str | None
    position: str | None
    rejection_key: str


class InvalidTransition(ValueError):
    pass


def transition(state: str, event: str) -> str:
    """The next state, or InvalidTransition (nothing else changes state)."""
    try:
        return TRANSITIONS[(state, event)]
    except KeyError:
        raise InvalidTransition(f"a {state} draft cannot {event}") from None


def refusal(
    address: str, me: Iterable[str], senders: Senders, do_not_contact: Iterable[str]
) -> str | None:
    """Why this address must never get a follow-up, or None. Asked when a
    draft is made and again before any SMTP command, so one bad address
    fails its own draft with the reason and never stops the others."""
    addr = address.lower()
    if not is_mailbox(addr, utf8=True):
        # A calendar attendee "x\x01y@..." or "a b@...": nobody to write to.
        # A non-ASCII mailbox ("josé@...") is real; whether the server can
        # take it (SMTPUTF8) only the send can tell, before MAIL FROM.
        return "not a mailbox address (RFC 5321/6531)"
    if addr in {a.lower() for a in me}:
        return "one of your own addresses"
    if senders.is_automated(addr):
        return "an automated address"
    domain = addr.rsplit("@", 1)[-1]
    for entry in do_not_contact:
        if entry == addr or (
            entry.startswith("@") and (domain == entry[1:] or domain.endswith("." + entry[1:]))
        ):
            return f"on your do-not-contact list ({entry})"
    return None


def one_line(value: str, limit: int = 200) -> str:
    """Header-safe: no CR, LF or other control characters (CVE-2024-6923 class).

    Values here are already decoded text, so a literal "=?" is never an
    encoded-word; it is broken up because the stdlib header classes would
    decode it again and could write the control characters it hides (found
    by tests/test_fuzz.py with the display name "=??Q?=0D0").
    """
    text = " ".join(re.sub(r"[\x00-\x1f\x7f]", " ", value).split())[:limit]
    return text.replace("=?", "= ?")


def content_hash(recipient: str, subject: str, body: str) -> str:
    h = hashlib.sha256()
    for part in (recipient.lower(), subject, body):
        h.update(part.encode())
        h.update(b"\x00")
    return h.hexdigest()


LANGUAGES = ("en", "de", "fr", "es", "nl", "pt", "it")


def language_of(rule_ids: Iterable[str]) -> str:
    """The language of the rejection: the pack whose rejection rules fired most."""
    counts: dict[str, int] = {}
    for rid in rule_ids:
        lang, _, kind = rid.partition(".")
        if kind.startswith("rejection") and lang in LANGUAGES:
            counts[lang] = counts.get(lang, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else "en"


def load_template(language: str, override: str | None = None) -> str:
    if override is not None:
        return override
    return _shipped(language if language in LANGUAGES else "en")


@functools.cache
def _shipped(language: str) -> str:
    # Part of the installed package: read once, not once per draft.
    return resources.files("daemon").joinpath("templates", f"{language}.txt").read_text("utf-8")


@dataclass(frozen=True)
class Rendered:
    subject: str
    body: str


def first_name(name: str, address: str) -> str:
    """A first name from a display name, else from a first.last address."""
    cleaned = re.sub(r"\(.*?\)|\".*?\"", "", name).strip()
    if cleaned and "@" not in cleaned:
        if "," in cleaned:  # "Last, First"
            cleaned = cleaned.split(",", 1)[1].strip()
        return cleaned.split()[0]
    local = address.split("@", 1)[0]
    part = re.split(r"[._-]", local)[0]
    return part.capitalize() if len(part) > 1 else "there"


def render(template: str, values: dict[str, str]) -> Rendered:
    """Fill a template whose first line is "Subject: ..."; unknown $names stay."""
    safe = {k: one_line(v) for k, v in values.items()}
    text = Template(template).safe_substitute(safe)
    first, _, rest = text.partition("\n")
    if first.lower().startswith("subject:"):
        subject = one_line(first.split(":", 1)[1])
        body = rest.lstrip("\n")
    else:
        subject = one_line(f"Thank you - {safe.get('position', '')}".strip(" -"))
        body = text
    return Rendered(subject, body.rstrip() + "\n")
