"""Addresses a delivery failure report says do not exist.

Pure: Message -> frozenset of addresses. A user who guessed an interviewer's
address ("j.vidal@..." for Jérôme Vidal) and got "550 5.1.1 User unknown"
back must never get a follow-up drafted to it: it would bounce again, and
the person they met is someone else's address.

Invariants:
- Only a report from a mail system counts (mailer-daemon, postmaster, or a
  multipart/report delivery status): a person who writes "your mail to X
  bounced" names nobody here.
- Only permanent failures that say the mailbox does not exist: a full
  mailbox or a delay ("4.2.2", "will retry") is no proof that the address is
  wrong.
- An address counts only on a line that says so, in the report's own text
  (not in the returned message it quotes).
"""

from __future__ import annotations

import re

from daemon.message import Message

_SYSTEM_SENDER = re.compile(r"^(?:mailer-daemon|postmaster|mail-daemon|mailerdaemon)@", re.I)
_REPORT_SUBJECT = re.compile(
    r"undeliver|undelivered|delivery status notification \(failure\)|delivery failure|"
    r"mail delivery (?:failed|subsystem)|returned mail|failure notice|"
    r"unzustellbar|nicht zustellbar|non remis|non distribu|onbestelbaar|"
    r"no se (?:puede|pudo) entregar|no entregado|non recapitat|nao entregue|não entregue",
    re.I,
)
# A permanent "no such mailbox": enhanced status 5.1.x, or the words (a bare
# 550 is also a refusal as spam, 5.7.1, which says nothing of the address).
_NO_SUCH_MAILBOX = re.compile(
    r"\b5\.1\.\d+\b|user unknown|(?:address|recipient|mailbox) (?:couldn't|could not|can't|cannot) "
    r"be found|unknown user|no such (?:user|mailbox|recipient)|"
    r"(?:mailbox|address|recipient) (?:not found|unknown|does not exist|unavailable)|"
    r"does not exist|doesn't exist|address rejected|invalid recipient|"
    r"unbekannt|existiert nicht|inconnu|n'existe pas|onbekend|bestaat niet|"
    r"no existe|desconocido|inesistente|non esiste|inexistente|nao existe|não existe",
    re.I,
)
_TEMPORARY = re.compile(r"\b4\.\d\.\d\b|\b4[25]\d\b|will (?:retry|be retried)|delayed", re.I)
_ADDRESS = re.compile(r"<?([\w.+'-]+@[\w-]+(?:\.[\w-]+)+)>?")
_FINAL_RECIPIENT = re.compile(r"^final-recipient:\s*rfc822;\s*<?([^>\s]+)>?\s*$", re.I | re.M)
_ACTION_FAILED = re.compile(r"^action:\s*failed\b", re.I | re.M)


def is_failure_report(msg: Message) -> bool:
    """Is this a mail system's report that a message could not be delivered?"""
    sender = msg.from_.addr if msg.from_ else ""
    report = "report-type=delivery-status" in msg.header("content-type").lower()
    return report or (
        bool(_SYSTEM_SENDER.match(sender)) and bool(_REPORT_SUBJECT.search(msg.subject))
    )


def bounced(msg: Message) -> frozenset[str]:
    """The addresses this failure report says do not exist (lower case);
    empty for any other message."""
    if not is_failure_report(msg):
        return frozenset()
    found: set[str] = set()
    text = msg.new_text or msg.text
    if _ACTION_FAILED.search(text):
        found.update(a.lower() for a in _FINAL_RECIPIENT.findall(text))
    for line in text.splitlines():
        if _NO_SUCH_MAILBOX.search(line) and not _TEMPORARY.search(line):
            found.update(a.lower() for a in _ADDRESS.findall(line))
    own = {msg.from_.addr.lower()} if msg.from_ else set()
    return frozenset(found - own - {a.addr.lower() for a in msg.to})
