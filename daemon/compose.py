"""Composing outgoing mail from a stored draft. Pure.

Every header value passes `one_line()`: no CR/LF can reach a header, whatever
the incoming mail contained (CVE-2024-6923 class). The `X-Debrief-Draft`
token and the Message-ID are the ones recorded in the store before any send
attempt, so a copy can later be found in the Sent folder.
"""

from __future__ import annotations

from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP, SMTPUTF8
from email.utils import format_datetime

from daemon.drafts import Draft, one_line

TOKEN_HEADER = "X-Debrief-Draft"


def compose(draft: Draft, from_name: str, from_address: str, now: datetime) -> EmailMessage:
    # A non-ASCII mailbox is written as UTF-8 (RFC 6532): the SMTP policy
    # would encode its local part as an encoded-word, which is no address.
    # Such a message is only ever sent with SMTPUTF8 (smtp.py).
    utf8 = not (draft.recipient.isascii() and from_address.isascii())
    msg = EmailMessage(policy=SMTPUTF8 if utf8 else SMTP)
    local, _, domain = from_address.partition("@")
    msg["From"] = Address(one_line(from_name), local, domain)
    r_local, _, r_domain = draft.recipient.partition("@")
    msg["To"] = Address(one_line(draft.recipient_name), r_local, r_domain)
    msg["Subject"] = one_line(draft.subject, 300)
    msg["Date"] = format_datetime(now)
    msg["Message-ID"] = one_line(draft.message_id)
    if draft.in_reply_to:
        msg["In-Reply-To"] = one_line(draft.in_reply_to)
        refs = [r for r in draft.references if r.startswith("<") and r.endswith(">")]
        msg["References"] = one_line(" ".join(refs[-20:]), 4000)
    msg[TOKEN_HEADER] = draft.token
    msg.set_content(draft.body)
    return msg
