"""The digest email and the confirmation mail: composition only. Pure.

The digest lists every draft awaiting a decision (number = draft id, company
and position, recipient, what links the recipient to the application, planned
send time, the rules that detected the rejection, the full text) and
what happened since the last digest. Its subject carries the approval token
`[debrief:TOKEN]` (mail clients keep the subject on reply); its headers say
it is automatic mail from debrief, so debrief never reads it as a rejection.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from zoneinfo import ZoneInfo

from daemon import digesthtml
from daemon.display import visible
from daemon.drafts import Draft, one_line
from daemon.store import Happening

HOW_TO = """\
To decide, press Reply and write commands above the quoted text, one per line:
  approve 3        approve 1 4 5        approve all
  skip 2           snooze 2 3d
  edit 4           (then the new text, then a line: end)
Only your own lines count; nothing is sent without your approval.
"""

_EVENT_TEXT = {
    "delivered": "sent",
    "rejected": "failed (refused by the server)",
    "unknown": "in doubt (the connection broke during sending; not resent)",
    "cancel": "cancelled",
    "approval_refused": "approval refused",
    "found_in_sent": "confirmed sent (found in Sent)",
    "feedback": "REPLY to your follow-up",
    "flagged": "rejection flagged for you (look with `debrief scan`)",
    "quarantined": "a message could not be read and was set aside; it is read again "
    "automatically later, or at the next sync after `debrief queue retry` (`debrief status`):",
}
REPORTED = frozenset(_EVENT_TEXT)
MAX_EVENTS = 100  # lines of "since the last digest": a digest must always fit through SMTP


def _headers(
    msg: EmailMessage,
    kind: str,
    from_addr: str,
    to: str,
    subject: str,
    message_id: str,
    now: datetime,
) -> None:
    local, _, domain = from_addr.partition("@")
    msg["From"] = Address("debrief", local, domain)
    t_local, _, t_domain = to.partition("@")
    msg["To"] = Address("", t_local, t_domain)
    msg["Subject"] = one_line(subject, 300)
    msg["Date"] = format_datetime(now)
    msg["Message-ID"] = message_id
    msg["Auto-Submitted"] = "auto-generated"
    msg[f"X-Debrief-{kind}"] = "1"


def compose_digest(
    drafts: Sequence[Draft],
    explanations: dict[int, str],
    events: Sequence[Happening],
    *,
    more: int = 0,
    because: dict[int, str] | None = None,
    token: str,
    from_addr: str,
    to: str,
    message_id: str,
    now: datetime,
    tz: ZoneInfo,
) -> EmailMessage:
    n = len(drafts) + more
    waits = "follow-ups await" if n != 1 else "follow-up awaits"
    subject = f"debrief: {n} {waits} your decision [debrief:{token}]"
    lines = [HOW_TO, ""]
    if more:
        lines += [
            f"This digest shows {len(drafts)} of {n} drafts; `debrief queue list` shows all of "
            'them, and the next digest the rest. "approve all" approves the ones shown here.',
            "",
        ]
    for d in drafts:
        # Company, position, names, evidence and text all came from mail:
        # control, escape and bidi characters are shown escaped (display.py).
        recipient = f"{d.recipient_name} <{d.recipient}>" if d.recipient_name else d.recipient
        lines += [
            f"=== {d.id}: {visible(d.company or '?')} / {visible(d.position or '?')}"
            + ("  (IN DOUBT: may already have been sent)" if d.state == "in_doubt" else "")
            + ("  (FAILED earlier)" if d.state == "failed" else ""),
            f"To:       {visible(recipient)}",
            f"Planned:  {d.due_at.astimezone(tz):%a %d %b %Y %H:%M %Z}",
            f"Because:  {visible((because or {}).get(d.id) or '?')}",
            f"Why:      {visible(explanations.get(d.detection_id, '')[:400])}",
            f"Subject:  {visible(d.subject)}",
            "",
            *(f"    {line}" for line in visible(d.body.rstrip(), newlines=True).split("\n")),
            "",
        ]
    happened = [e for e in events if e.kind in REPORTED]
    news: list[str] = []
    for e in happened[:MAX_EVENTS]:
        who = f" {e.recipient} ({e.company or '?'})" if e.recipient else ""
        news.append(visible(f"{_EVENT_TEXT[e.kind]}:{who} {e.detail}".rstrip())[:500])
    if len(happened) > MAX_EVENTS:
        news.append(f"and {len(happened) - MAX_EVENTS} more (the log has every one)")
    if news:
        lines += ["--- Since the last digest ---", *(f"- {line}" for line in news)]
    text = "\n".join(lines).rstrip() + "\n"
    msg = EmailMessage(policy=SMTP)
    _headers(msg, "Digest", from_addr, to, subject, message_id, now)
    msg.set_content(text)
    msg.add_alternative(
        digesthtml.render(
            drafts,
            explanations,
            because or {},
            news,
            more=more,
            token=token,
            to=to,
            tz=tz,
            how_to=HOW_TO,
        ),
        subtype="html",
    )
    return msg


def compose_confirmation(
    understood: Sequence[str],
    refused: Sequence[str],
    *,
    digest_subject: str,
    from_addr: str,
    to: str,
    message_id: str,
    in_reply_to: str | None,
    now: datetime,
    after: Sequence[str] = (),
) -> EmailMessage:
    """The answer to a reply: what was done, what was refused and why, and
    (`after`) what to send instead."""
    lines = ["debrief read your reply.", ""]
    lines += ["Done:"] + [f"  - {u}" for u in understood] if understood else ["Nothing done."]
    if refused:
        lines += ["", "Refused:"] + [f"  - {r}" for r in refused]
    if after:
        lines += ["", *after]
    msg = EmailMessage(policy=SMTP)
    # The token stays in the subject: a reply to the confirmation (Gmail's
    # Reply answers the newest mail of a thread) reaches the same digest.
    tokens = re.findall(r"\[debrief:([A-Za-z0-9_-]{22,64})\]", digest_subject)
    base = re.sub(r"\s*\[debrief:[^\]]*\]", "", digest_subject)
    base = re.sub(r"^(?:(?:re|aw|sv|antw|r|rif|tr|wg)\s*:\s*)+", "", base, flags=re.I)
    base = re.sub(r"\s*\(confirmation\)\s*$", "", base)
    subject = f"Re: {base} (confirmation)" + (f" [debrief:{tokens[0]}]" if tokens else "")
    _headers(msg, "Confirmation", from_addr, to, subject, message_id, now)
    if in_reply_to:
        msg["In-Reply-To"] = one_line(in_reply_to)
    msg.set_content("\n".join(lines) + "\n")
    return msg
