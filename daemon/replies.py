"""Approval replies to the digest: authentication and command parsing. Pure.

Invariants:
- Only text the user wrote counts: `Message.new_text` (quoted `>` lines,
  "On ... wrote:" blocks, Outlook header blocks and HTML blockquotes are cut
  by the parser), and then only lines that are whole commands, read as the
  user sees them (invisible characters an editor adds are ignored). Given the
  digest's own text, a line found in it verbatim is never a command, however
  the client quoted it (or failed to).
- A reply authenticates only if ALL hold: it answers a digest we sent
  (In-Reply-To/References, or else the token in its subject names one: a
  reply to a confirmation, Outlook's headers, a mailto: link), the subject
  carries that digest's token, the token
  is unexpired, From is one of the user's addresses, it is not an automatic
  reply, and (when configured) the topmost Authentication-Results of the
  user's own server shows dkim=pass or dmarc=pass.
- A digest may be answered many times (a typo corrected, a decision in two
  goes): replay protection belongs to the reply, whose Message-ID the store
  records once (a re-delivered copy is never read again), and each command
  is a state transition that applies at most once (approving an approved
  draft changes nothing).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from daemon.message import Message
from daemon.plaintext import normalize_invisible

TOKEN_RE = re.compile(r"\[debrief:([A-Za-z0-9_-]{22,64})\]")


@dataclass(frozen=True)
class Command:
    verb: str  # approve | skip | snooze | edit
    ids: tuple[int, ...]
    all: bool = False
    duration: timedelta | None = None
    body: str | None = None

    def describe(self) -> str:
        what = "all" if self.all else " ".join(map(str, self.ids))
        if self.verb == "snooze" and self.duration:
            return f"snooze {what} by {self.duration}"
        return f"{self.verb} {what}"


@dataclass(frozen=True)
class DigestRef:
    id: int
    token: str
    message_id: str
    expires_at: datetime
    used_at: datetime | None


_IDS = r"(\d+(?:\s*(?:,|\s|and)\s*\d+)*)"
_APPROVE = re.compile(rf"^(approve|skip)\s+(?:(all)|#?{_IDS})\s*[.!]?$", re.I)
_SNOOZE = re.compile(rf"^snooze\s+#?{_IDS}\s+(\d+)\s*(d|days?|h|hours?|w|weeks?)\s*[.!]?$", re.I)
_EDIT = re.compile(r"^edit\s+#?(\d+)\s*:?$", re.I)


def _ids(text: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", text))


def _seen(line: str) -> str:
    """A line as the user sees it: invisible characters gone, white space
    collapsed to single spaces, stripped."""
    return " ".join(normalize_invisible(line).split())


def digest_lines(digest_text: str) -> frozenset[str]:
    """The non-empty lines of a digest's plain text, as `_seen` compares them."""
    return frozenset(filter(None, map(_seen, digest_text.splitlines())))


def drop_digest_lines(lines: Iterable[str], digest_text: str) -> list[str]:
    """`lines` without those found verbatim (after white-space and
    invisible-character normalisation) among the lines of `digest_text`, the
    digest's plain text: whatever a client did to quote the digest, its
    lines are its, not the user's. Pure."""
    shown = digest_lines(digest_text)
    return [line for line in lines if _seen(line) not in shown]


def parse_commands(text: str, digest_text: str | None = None) -> tuple[list[Command], list[str]]:
    """Commands in the user's own text, plus lines that looked like commands but were not.

    A line is a command when, read as the user sees it (zero-width
    characters, BOM and word joiners dropped, no-break and other Unicode
    spaces made spaces), it is one whole command. With `digest_text` (the
    plain text of the digest answered), a command line found verbatim in the
    digest is ignored, neither applied nor reported: it is quoted digest that
    escaped the quote detection. The text of an `edit` is taken as typed
    (only no-break spaces, zero-width spaces and BOMs an editor inserted are
    made plain), lines shared with the digest included: the user may copy
    the draft and change a line.
    """
    shown = digest_lines(digest_text) if digest_text is not None else frozenset()
    commands: list[Command] = []
    refused: list[str] = []
    lines = text.replace("\r\n", "\n").split("\n")
    i = 0
    while i < len(lines):
        line = _seen(lines[i])
        i += 1
        if not line or line in shown:
            continue
        if m := _APPROVE.match(line):
            verb = m.group(1).lower()
            if m.group(2):
                commands.append(Command(verb, (), all=True))
            else:
                commands.append(Command(verb, _ids(m.group(3))))
        elif m := _SNOOZE.match(line):
            amount, unit = int(m.group(2)), m.group(3).lower()
            delta = (
                timedelta(hours=amount)
                if unit.startswith("h")
                else timedelta(days=amount * (7 if unit.startswith("w") else 1))
            )
            commands.append(Command("snooze", _ids(m.group(1)), duration=delta))
        elif m := _EDIT.match(line):
            body: list[str] = []
            while i < len(lines) and _seen(lines[i]).lower() != "end":
                body.append(_body_line(lines[i]))
                i += 1
            if i >= len(lines):
                refused.append(f"edit {m.group(1)}: no line 'end' after the new text")
                break
            i += 1  # the "end" line
            commands.append(
                Command("edit", (int(m.group(1)),), body="\n".join(body).strip("\n") + "\n")
            )
        elif re.match(r"^(approve|skip|snooze|edit)\b", line, re.I):
            refused.append(f"not understood: {line[:80]}")
    return commands, refused


def _duration(d: timedelta) -> str:
    hours = int(d.total_seconds() // 3600)
    if hours and hours % (24 * 7) == 0:
        return f"{hours // (24 * 7)}w"
    return f"{hours // 24}d" if hours % 24 == 0 else f"{hours}h"


def instead(commands: Iterable[Command], shown: Sequence[int]) -> tuple[list[str], list[str]]:
    """What to send instead of a refused reply's `commands`: (the lines for a
    reply to the latest digest, the `debrief queue` command lines).

    Numbers are spelled out: "all" meant `shown`, the drafts of the digest
    the reply answered, and would mean others in the next one. An edit gives
    its block (`edit N`, the text as typed, `end`) and `debrief queue edit N`;
    a snooze has no command line. Pure."""
    lines: list[str] = []
    cli: list[str] = []
    for c in commands:
        ids = " ".join(map(str, shown if c.all else c.ids))
        if not ids:
            continue
        if c.verb in ("approve", "skip"):
            lines.append(f"{c.verb} {ids}")
            cli.append(f"debrief queue {c.verb} {ids}")
        elif c.verb == "snooze" and c.duration:
            lines.append(f"snooze {ids} {_duration(c.duration)}")
        elif c.verb == "edit" and c.body is not None:
            lines += [f"edit {ids}", *c.body.rstrip("\n").split("\n"), "end"]
            cli.append(f"debrief queue edit {ids}")
    return lines, cli


# Editor artefacts in the text of an edit: no-break spaces typed as spaces,
# zero-width spaces and BOMs nobody typed. Joiners stay (emoji, scripts).
_BODY_ARTEFACTS = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u200b": None, "\ufeff": None})


def _body_line(line: str) -> str:
    return line.translate(_BODY_ARTEFACTS).rstrip()


_RESULT = re.compile(r"^\s*(dkim|dmarc)\s*=\s*pass\b(.*)$", re.I | re.S)
_PROPERTY = re.compile(r"\bheader\.(d|i|from)\s*=\s*@?([\w.-]+)", re.I)


def _auth_results_pass(msg: Message, authserv_id: str, domains: set[str]) -> bool:
    """The topmost Authentication-Results added by our own server must show a
    DKIM or DMARC pass *for one of the user's own domains* (RFC 8601
    header.d / header.i / header.from): a pass for the sender's domain of an
    attacker's mail proves nothing about the user."""
    for value in msg.headers.get("authentication-results", ()):
        server = value.split(";", 1)[0].strip().lower()
        if server != authserv_id.lower():
            continue  # a header a sender could have injected further down
        for result in value.split(";")[1:]:
            m = _RESULT.match(result)
            if m and any(d.lower() in domains for _, d in _PROPERTY.findall(m.group(2))):
                return True
        return False
    return False


def answered(msg: Message, digests: Iterable[DigestRef]) -> DigestRef | None:
    """The digest `msg` answers, trusted or not: the first of its
    In-Reply-To and References that is one, or else the digest whose token
    its subject carries (Outlook keeps only Thread-Index; a mailto: link
    opens a new mail; a reply to a confirmation keeps the token)."""
    digests = list(digests)
    by_id = {d.message_id: d for d in digests}
    for ref in (msg.in_reply_to, *msg.references):
        if ref in by_id:
            return by_id[ref]
    in_subject = set(TOKEN_RE.findall(msg.subject))
    return next((d for d in digests if d.token in in_subject), None)


def authenticate(
    msg: Message,
    digests: Iterable[DigestRef],
    me: Iterable[str],
    now: datetime,
    authserv_id: str | None = None,
) -> tuple[DigestRef | None, str]:
    """(the digest this reply approves, "ok") or (None, why it is refused)."""
    digest = answered(msg, digests)
    if digest is None:
        return None, "not a reply to a digest"
    sender = msg.from_.addr if msg.from_ else ""
    if sender not in {a.lower() for a in me}:
        return None, f"from {sender or 'an unreadable address'}, not from you"
    if (
        msg.is_auto_reply
        or (msg.auto_submitted and msg.auto_submitted != "no")
        # Vacation programs mark their answers bulk or junk; a person's reply
        # never carries Precedence.
        or msg.precedence in ("bulk", "junk", "list", "auto_reply")
    ):
        return None, "an automatic reply"
    tokens = TOKEN_RE.findall(msg.subject)
    if not tokens:
        return None, "the digest token is missing from the subject"
    if digest.token not in tokens:
        return None, "the token does not match the digest it answers"
    if now > digest.expires_at:
        return None, "the digest token has expired"
    domains = {a.lower().rpartition("@")[2] for a in me}
    if authserv_id and not _auth_results_pass(msg, authserv_id, domains):
        return None, f"no DKIM/DMARC pass for your domain from {authserv_id}"
    return digest, "ok"
