"""Digest, approval replies and sending: the exactly-once protocol.

Sending protocol (each arrow is a committed store transaction):
  approved --send--> sending   (Message-ID and X-Debrief-Draft token already stored)
  SMTP transaction on a fresh connection
  final 250 -> copy APPENDed to Sent (when save_sent) --delivered--> sent
  4xx / error before DATA --retry--> approved (due again after a backoff)
  5xx --rejected--> failed
  connection lost after DATA --unknown--> in_doubt
At start, a draft still `sending` was interrupted: it becomes in_doubt, and an
in_doubt draft whose token is found in the Sent folder becomes sent. Anything
else in_doubt waits for the user's fresh decision; it is never resent on its own.
The Sent copy is appended only after the final 250, so finding it proves delivery.

Over ~400 lines: the protocol above, the digest that asks and the replies
that answer are kept in one file, so every transition of a draft towards a
send can be read together.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import make_msgid

from apscheduler.triggers.cron import CronTrigger
from imapclient.exceptions import IMAPClientError

from daemon.compose import TOKEN_HEADER, compose
from daemon.config import Config
from daemon.digest import REPORTED, compose_confirmation, compose_digest
from daemon.drafts import InvalidTransition, content_hash, refusal
from daemon.faults import faultpoint, pause
from daemon.imap import ImapMailbox
from daemon.message import Message
from daemon.passwords import Secret
from daemon.replies import TOKEN_RE, Command, answered, authenticate, instead, parse_commands
from daemon.rules import Senders
from daemon.smtp import Outcome, Result
from daemon.store import Store
from daemon.timing import into_window

log = logging.getLogger("debrief.outbox")

AWAITING = ("pending", "in_doubt", "failed")
DIGEST_RETRY = timedelta(minutes=30)  # after a digest that was not delivered
Sender = Callable[[EmailMessage, str, list[str]], Result]


class Outbox:
    def __init__(self, cfg: Config, store: Store, senders: Senders, send: Sender) -> None:
        self.cfg = cfg
        self.store = store
        self.senders = senders
        self.send = send
        self.me = [a.lower() for a in cfg.identity.addresses]
        self.confirmations: list[EmailMessage] = []

    @property
    def from_address(self) -> str:
        return self.cfg.smtp.from_address if self.cfg.smtp else self.me[0]

    # -- reconcile -----------------------------------------------------------

    def reconcile(self, box: ImapMailbox | None) -> None:
        """Settle drafts left `sending` by a crash; confirm in_doubt ones found in Sent."""
        for d in self.store.drafts(("sending",)):
            with self.store.transaction():
                self.store.apply(
                    d.id, "unknown", "interrupted while sending", reason="interrupted while sending"
                )
            log.warning("draft %d was being sent when debrief stopped: in doubt", d.id)
        if box is None:
            return
        doubtful = self.store.drafts(("in_doubt",))
        if not doubtful:
            return
        try:
            box.examine(self.cfg.imap.sent_folder if self.cfg.imap else "Sent")
        except IMAPClientError as e:
            log.warning("cannot open the Sent folder to check in-doubt drafts: %s", e)
            return
        for d in doubtful:
            if self._in_sent(box, d.token):
                with self.store.transaction():
                    self.store.apply(d.id, "found_in_sent", "a copy with its token is in Sent")
                log.info("draft %d confirmed sent (found in Sent)", d.id)

    @staticmethod
    def _in_sent(box: ImapMailbox, token: str) -> bool:
        # SEARCH HEADER is a server-specific substring match: confirm exactly.
        uids = box._search(["HEADER", TOKEN_HEADER, token])
        if not uids:
            return False
        for data in box.client.fetch(uids, [f"BODY.PEEK[HEADER.FIELDS ({TOKEN_HEADER})]"]).values():
            for key, value in data.items():
                header = key.startswith(b"BODY[HEADER") and isinstance(value, bytes)
                if header and value.split(b":", 1)[-1].strip() == token.encode():
                    return True
        return False

    # -- sending -------------------------------------------------------------

    def send_due(self, box: ImapMailbox | None, now: datetime) -> int:
        """Send approved drafts whose time has come, inside the send window."""
        f = self.cfg.followup
        tz = self.cfg.identity.tz
        if (
            into_window(now, f.send_window, tz, weekdays_only=f.weekdays_only, holidays=f.holidays)
            != now
        ):
            return 0
        sent = 0
        for d in self.store.drafts(("approved",)):
            if d.due_at > now:
                continue
            if (
                self.store.sends_since(now - timedelta(hours=1)) >= f.max_per_hour
                or self.store.sends_since(now - timedelta(days=1)) >= f.max_per_day
            ):
                log.info("send cap reached; draft %d waits", d.id)
                break
            if d.approved_hash != content_hash(d.recipient, d.subject, d.body):
                with self.store.transaction():
                    self.store.apply(
                        d.id,
                        "edit",
                        "text changed after approval; approve again",
                        approved_hash=None,
                    )
                continue
            why_not = refusal(d.recipient, self.me, self.senders, f.do_not_contact)
            if why_not:
                with self.store.transaction():
                    self.store.apply(d.id, "cancel", why_not, reason=why_not)
                continue
            self._send_one(d.id, box, now)
            sent += 1
        return sent

    def _send_one(self, draft_id: int, box: ImapMailbox | None, now: datetime) -> None:
        with self.store.transaction():
            self.store.apply(draft_id, "send", "sending")
        faultpoint("after_sending_commit")
        d = self.store.draft(draft_id)
        assert d is not None
        msg = compose(d, self.cfg.identity.name, self.from_address, now)
        result = self.send(msg, self.from_address, [d.recipient])
        faultpoint("after_smtp")
        if (
            result.outcome is Outcome.DELIVERED
            and box is not None
            and self.cfg.smtp
            and self.cfg.smtp.save_sent
            and self.cfg.imap
        ):
            pause("before_sent_append")
            try:
                box.client.append(self.cfg.imap.sent_folder, msg.as_bytes(), flags=(b"\\Seen",))
            except Exception as e:  # delivered is delivered: a lost copy must not undo that
                log.warning("draft %d sent, but the copy for Sent failed: %s", draft_id, e)
        faultpoint("before_sent_commit")
        with self.store.transaction():
            if result.outcome is Outcome.DELIVERED:
                self.store.apply(draft_id, "delivered", result.detail)
                log.info("sent draft %d to %s", draft_id, d.recipient)
            elif result.outcome is Outcome.RETRY:
                tries = self.store.send_tries(draft_id)
                later = now + min(timedelta(minutes=2**tries), timedelta(hours=6))
                self.store.apply(
                    draft_id, "retry", result.detail, due_at=later, reason=result.detail
                )
                log.warning(
                    "draft %d not sent (%s); retry at %s",
                    draft_id,
                    result.detail,
                    later.isoformat(timespec="minutes"),
                )
            elif result.outcome is Outcome.REJECTED:
                self.store.apply(draft_id, "rejected", result.detail, reason=result.detail)
                log.error("draft %d refused by the server: %s", draft_id, result.detail)
            else:
                self.store.apply(draft_id, "unknown", result.detail, reason=result.detail)
                log.error(
                    "draft %d: delivery unknown (%s); parked for your decision",
                    draft_id,
                    result.detail,
                )

    # -- digest --------------------------------------------------------------

    def next_digest(self, now: datetime) -> datetime | None:
        return next_digest(self.store, self.cfg, now)

    def digest_due(self, now: datetime) -> bool:
        """Was a scheduled digest missed since the last one? (at most one, coalesced)"""
        anchor = self.store.digest_anchor()
        if anchor is None:
            self.store.start_digest_schedule(now)
            return False
        retry = self.store.digest_retry_at()
        if retry is not None and retry <= now:
            return True  # the last one was not delivered
        trigger = CronTrigger.from_crontab(self.cfg.digest.schedule, timezone=self.cfg.identity.tz)
        nxt = trigger.get_next_fire_time(None, anchor)
        return nxt is not None and nxt <= now

    def send_digest(self, now: datetime, *, force: bool = False) -> bool:
        """Mail the digest if there is something to say (or `force`/send_empty)."""
        drafts = self.store.drafts(AWAITING)
        events = self.store.events_since(self.store.last_digest_event())
        news = [e for e in events if e.kind in REPORTED]
        self.store.digest_handled(now)
        if not drafts and not news and not (force or self.cfg.digest.send_empty):
            log.info("no digest: nothing to say")
            return False
        token = secrets.token_urlsafe(16)  # 128 bits
        message_id = make_msgid(domain=self.from_address.split("@")[1])
        # Bounded, so a digest always fits through SMTP: the first max_items
        # drafts in full, the rest counted (`debrief queue list` shows them
        # all; they come again in the next digest).
        hidden = len(drafts) - self.cfg.digest.max_items
        drafts = drafts[: self.cfg.digest.max_items]
        msg = compose_digest(
            drafts,
            {d.detection_id: self.store.explanation(d.detection_id) for d in drafts},
            news,
            more=max(0, hidden),
            because={d.id: self.store.evidence(d.detection_id, d.recipient) for d in drafts},
            token=token,
            from_addr=self.from_address,
            to=self.cfg.digest.to,
            message_id=message_id,
            now=now,
            tz=self.cfg.identity.tz,
        )
        # Record first: a reply can only be trusted for a digest we know we sent.
        with self.store.transaction():
            self.store.add_digest(
                token=token,
                message_id=message_id,
                subject=str(msg["Subject"]),
                sent_at=now,
                expires_at=now + timedelta(days=self.cfg.digest.token_days),
                items={d.id: content_hash(d.recipient, d.subject, d.body) for d in drafts},
                text=_plain(msg),
            )
        faultpoint("after_digest_recorded")
        result = self.send(msg, self.from_address, [self.cfg.digest.to])
        if result.outcome is not Outcome.DELIVERED:
            # Not left to the next scheduled time (maybe tomorrow): a digest
            # is tried again after DIGEST_RETRY. A duplicate digest, should
            # this one have arrived after all, is harmless: follow-ups are
            # what must never go twice, and each has its own state.
            retry_at = now + DIGEST_RETRY
            self.store.set_digest_retry(retry_at)
            log.error(
                "digest not delivered: %s; trying again at %s",
                result.detail,
                retry_at.isoformat(timespec="minutes"),
            )
            return False
        log.info("digest sent with %d draft(s)", len(drafts))
        return True

    # -- replies -------------------------------------------------------------

    def handle_reply(self, msg: Message, now: datetime) -> bool:
        """Process a reply to a digest (inside the caller's transaction).

        Returns False when the message does not answer any digest.
        """
        if any(h.startswith("x-debrief-") for h in msg.headers):
            return False  # debrief's own mail (a digest, a confirmation): never answered
        refs = self.store.digest_refs()
        ids = {r.message_id for r in refs}
        tokens = {r.token for r in refs}
        in_thread = msg.in_reply_to in ids or bool(ids.intersection(msg.references))
        if not in_thread and not tokens.intersection(TOKEN_RE.findall(msg.subject)):
            return False
        digest, why = authenticate(msg, refs, self.me, now, self.cfg.digest.authserv_id)
        if digest is None:
            self.store.event("approval_refused", None, f"reply {msg.key}: {why}")
            log.warning("approval reply %s refused: %s", msg.key, why)
            self._answer_refusal(msg, why, now)
            return True
        # The first answer is noted (for the record); it burns nothing.
        self.store.digest_answered(digest.id, now)
        # Lines the digest itself showed are never the user's commands, however
        # a client quoted (or failed to quote) it.
        commands, refused = parse_commands(msg.new_text, self.store.digest_text(digest.id) or None)
        understood: list[str] = []
        changed: list[int] = []
        shown = self.store.digest_shown(digest.id)
        for c in commands:
            for draft_id in shown if c.all else c.ids:
                ok, note = self._apply(digest.id, draft_id, c, now)
                (understood if ok else refused).append(note)
                if note.endswith(CHANGED):
                    changed.append(draft_id)
                log.info("reply to digest %d: %s%s", digest.id, "" if ok else "refused: ", note)
        if not commands and not refused:
            refused.append("no commands found in your reply")
        after: list[str] = []
        if changed:
            # What to do instead: read the new text, then approve it.
            numbers = " ".join(map(str, dict.fromkeys(changed)))
            after = [
                "To approve the new text, read it first, then approve it:",
                "",
                *(f"  debrief queue show {i}" for i in dict.fromkeys(changed)),
                f"  debrief queue approve {numbers}",
                "",
                f"or reply 'approve {numbers}' to the next digest, which shows it",
                "(`debrief digest --send-now` mails one now).",
            ]
        self._confirm(msg, understood, refused, now, after)
        return True

    def _confirm(
        self,
        msg: Message,
        understood: list[str],
        refused: list[str],
        now: datetime,
        after: list[str] | None = None,
    ) -> None:
        """Queue the answer to a reply: to the digest's own address, always."""
        self.confirmations.append(
            compose_confirmation(
                understood,
                refused,
                digest_subject=msg.subject,
                from_addr=self.from_address,
                to=self.cfg.digest.to,
                message_id=make_msgid(domain=self.from_address.split("@")[1]),
                in_reply_to=msg.message_id,
                now=now,
                after=after or (),
            )
        )

    def _answer_refusal(self, msg: Message, why: str, now: datetime) -> None:
        """Tell the user why their reply did nothing, by mail, at once (not
        in the next digest only). Never to an address that is not the user's,
        never to an automatic reply (no loops), and at most ANSWERS_PER_HOUR."""
        sender = msg.from_.addr if msg.from_ else ""
        local, _, domain = sender.partition("@")
        # A plus-address of the user's ("alex+phone@...") is refused as a
        # sender, but it is the user: tell them (the answer goes to the
        # digest's own address, never to the sender).
        base = f"{local.split('+', 1)[0]}@{domain}"
        if (sender not in self.me and base not in self.me) or why == "an automatic reply":
            return
        if (
            self.store.count_events("refusal_answered", now - timedelta(hours=1))
            >= ANSWERS_PER_HOUR
        ):
            return
        self.store.event("refusal_answered", None, f"reply {msg.key}")
        # The lines to send instead: what the reply asked, spelled out (its
        # own lines only; those of the digest it quoted are not its).
        digest = answered(msg, self.store.digest_refs())
        lines: list[str] = []
        cli: list[str] = []
        if digest is not None:
            commands, _ = parse_commands(msg.new_text, self.store.digest_text(digest.id) or None)
            lines, cli = instead(commands, self.store.digest_shown(digest.id))
        refused = [f"your reply was not applied: {why}"]
        after: list[str] = []
        if lines:
            after = [
                f"To do what it asked, reply to the latest digest from {self.me[0]} with",
                "these lines (`debrief digest --send-now` mails a fresh digest):",
                "",
                *lines,
            ]
            if cli:
                after += ["", "or run:", "", *(f"  {line}" for line in cli)]
            after += ["", "If you did not send that reply, ignore this mail: nothing was done."]
        else:
            refused.append(REFUSAL_HELP)
        self._confirm(msg, [], refused, now, after)

    def _apply(self, digest_id: int, draft_id: int, c: Command, now: datetime) -> tuple[bool, str]:
        d = self.store.draft(draft_id)
        shown = self.store.digest_item_hash(digest_id, draft_id)
        if d is None or shown is None:
            return False, f"{draft_id}: not a number in that digest"
        try:
            if c.verb == "approve":
                current = content_hash(d.recipient, d.subject, d.body)
                if current != shown:
                    return False, f"{draft_id}: {CHANGED}"
                self.store.apply(draft_id, "approve", "approved by reply", approved_hash=current)
                return True, f"approved {draft_id} ({d.recipient}, {d.company or '?'})"
            if c.verb == "skip":
                self.store.apply(draft_id, "skip", "skipped by reply")
                return True, f"skipped {draft_id}"
            if c.verb == "snooze" and c.duration:
                due = max(d.due_at, now) + c.duration
                self.store.apply(draft_id, "snooze", f"snoozed to {due.isoformat()}", due_at=due)
                return True, f"snoozed {draft_id} until {due:%Y-%m-%d %H:%M} UTC"
            if c.verb == "edit" and c.body is not None:
                self.store.apply(
                    draft_id, "edit", "edited by reply", body=c.body, approved_hash=None
                )
                # The user wrote this text in a reply to this digest: an
                # "approve" in this reply or a later one covers it (and only
                # it: a text changed again afterwards is refused).
                self.store.set_digest_item_hash(
                    digest_id, draft_id, content_hash(d.recipient, d.subject, c.body)
                )
                return True, f"edited {draft_id} (approve it to send the new text)"
        except InvalidTransition:
            return False, f"{draft_id}: already {d.state}"
        return False, f"{draft_id}: not understood"

    def flush_confirmations(self) -> None:
        while self.confirmations:
            msg = self.confirmations.pop(0)
            result = self.send(msg, self.from_address, [self.cfg.digest.to])
            if result.outcome is not Outcome.DELIVERED:
                log.warning("confirmation not delivered: %s", result.detail)


def _plain(msg: EmailMessage) -> str:
    body = msg.get_body(("plain",))
    return str(body.get_content()) if body is not None else ""


CHANGED = "changed since the digest; it will be shown again"
ANSWERS_PER_HOUR = 10  # refusals answered by mail, at most (a loop cannot flood)
REFUSAL_HELP = (
    "reply to the latest digest from the address it was sent to, or run "
    "`debrief queue approve N` on the command line; `debrief digest --send-now` mails a fresh one"
)


def next_digest(store: Store, cfg: Config, now: datetime) -> datetime | None:
    """When the next digest falls due: the retry of one that was not
    delivered, or the next scheduled time after the last one handled."""
    anchor = store.digest_anchor()
    trigger = CronTrigger.from_crontab(cfg.digest.schedule, timezone=cfg.identity.tz)
    nxt: datetime | None = trigger.get_next_fire_time(None, anchor if anchor is not None else now)
    retry_at = store.digest_retry_at()
    if retry_at is not None:
        return min(retry_at, nxt) if nxt is not None else retry_at
    return nxt


def smtp_sender(cfg: Config, secret: Secret | None) -> Sender:
    from daemon import smtp

    def send(msg: EmailMessage, sender: str, recipients: list[str]) -> Result:
        if cfg.smtp is None:
            return Result(Outcome.RETRY, "no [smtp] table in the configuration")
        return smtp.send(cfg.smtp, secret, msg, sender, recipients)

    return send


def utcnow() -> datetime:
    return datetime.now(UTC)
