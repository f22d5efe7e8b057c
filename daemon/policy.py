"""What a handled message does to the follow-up queue, through the store.

The policy half of the service: a rejection becomes a detection and one
draft per interviewer (never to the user, an automated sender, a
do-not-contact address or domain, nor anyone already followed up about that
company), due `delay` business days later inside the send window; mail from
the employer after the rejection, or from the user to them first, cancels
the open drafts with the reason recorded; a reply to a sent follow-up is
recorded as feedback. Every method runs inside the caller's transaction.
"""

from __future__ import annotations

import contextlib
import logging
import secrets
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta
from email.utils import make_msgid
from pathlib import Path

from imapclient.exceptions import IMAPClientError

from daemon.classify import Verdict
from daemon.compose import compose
from daemon.config import Config
from daemon.drafts import content_hash, first_name, language_of, load_template, refusal, render
from daemon.errors import ConfigError
from daemon.extract import Extraction
from daemon.imap import ImapMailbox
from daemon.message import Message
from daemon.rules import Senders
from daemon.store import Store
from daemon.timing import due_time

log = logging.getLogger("debrief.service")


def read_template(cfg: Config) -> str | None:
    """The user's template, read once at start (and on reload): a missing file
    is a configuration error, never a rejection lost while drafting."""
    if not cfg.followup.template:
        return None
    path = Path(cfg.followup.template).expanduser()
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(cfg.source, "[followup] template", f"cannot read {path}: {e}") from None


class FollowUps:
    """Detections, drafts, cancellations and feedback for handled messages."""

    def __init__(self, cfg: Config, store: Store, senders: Senders) -> None:
        self.store = store
        self.to_save: list[int] = []  # drafts to APPEND to the Drafts folder after commit
        # What any draft could be matched on (store.draft_keys()) as of a data
        # version, kept up to date with the drafts made here, and read again
        # when another connection has changed the database: most mail
        # concerns no draft, and is then not looked up twice in the store.
        # Used inside batches only (outside, every message is looked up).
        self._known: tuple[int, set[str]] | None = None
        self._in_batch = False
        self.run_began_after = store.last_draft_id()
        self.configure(cfg, senders)

    def begin_run(self) -> None:
        """A new pass over new mail starts: `max_drafts_per_run` counts the
        drafts made from here (by id: timestamps are whole seconds)."""
        self.run_began_after = self.store.last_draft_id()

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Messages handled together inside one transaction (BEGIN IMMEDIATE:
        no other process changes the drafts meanwhile)."""
        version = self.store.data_version()
        if self._known is None or self._known[0] != version:
            self._known = (version, self.store.draft_keys())
        self._in_batch = True
        try:
            yield
        finally:
            self._in_batch = False

    def _may_concern(self, values: Iterable[str | None]) -> bool:
        """False only when no draft can match any of `values`."""
        if not self._in_batch or self._known is None:
            return True
        keys = self._known[1]
        return any(v in keys for v in values if v)

    def configure(self, cfg: Config, senders: Senders) -> None:
        """Take new settings (start, reload); a template that cannot be read
        raises ConfigError and changes nothing."""
        template = read_template(cfg)
        self.cfg, self.senders, self.template = cfg, senders, template
        self.me = [a.lower() for a in cfg.identity.addresses]
        # Copies not made before a crash (or that failed) are made now: the
        # store, not this list, knows which drafts have one.
        self.to_save = self.store.drafts_without_copy() if cfg.followup.save_to_drafts else []

    def _flag(self, detail: str) -> None:
        """A detection recorded without drafts: logged, and told in the digest."""
        log.warning("%s", detail)
        self.store.event("flagged", None, detail)

    def detected(self, msg: Message, verdict: Verdict, x: Extraction) -> None:
        """Record a rejection and draft one follow-up per interviewer."""
        explanation, score, rules = verdict.explain(), verdict.score, verdict.rules
        rejected_at = msg.date or datetime.now(UTC)
        detection_id = self.store.add_detection(
            message_key=msg.key,
            company=x.company,
            position=x.position,
            stage=x.stage,
            score=score,
            explanation=explanation,
            employer_domains=list(x.employer_domains),
            rejected_at=rejected_at,
        )
        log.info(
            "detected rejection %d: %s / %s (stage %s, score %.1f, %d interviewer(s))",
            detection_id,
            x.company or "?",
            x.position or "?",
            x.stage,
            score,
            len(x.interviewers),
        )
        follow = x.stage == "interview" or self.cfg.followup.include_application_stage
        if not follow:
            return
        f = self.cfg.followup
        tz = self.cfg.identity.tz
        due = due_time(
            rejected_at,
            f.delay,
            f.send_window,
            tz,
            weekdays_only=f.weekdays_only,
            holidays=f.holidays,
        )
        language = language_of(rules)
        template = load_template(language, self.template)
        sender_domain = self.from_address().split("@")[1]
        people = x.interviewers if x.stage == "interview" else x.contacts
        if len(people) > f.max_interviewers:
            # Bounded in effect: a mail naming a whole company (20,000 calendar
            # attendees) records one line, not 20,000 contacts and drafts.
            self._flag(
                f"detection {detection_id} ({x.company or '?'}): {len(people)} possible "
                f"interviewers, more than max_interviewers ({f.max_interviewers}); no drafts"
            )
            return
        # Bounded in effect: a flood of forged rejections cannot fill the
        # queue; the detection stays recorded and the user is told.
        for cap, limit, made, span in (
            (
                "max_drafts_per_day",
                f.max_drafts_per_day,
                self.store.drafts_made_since(datetime.now(UTC) - timedelta(days=1)),
                "in the last 24 hours",
            ),
            (
                "max_drafts_per_run",
                f.max_drafts_per_run,
                self.store.drafts_made_after(self.run_began_after),
                "in this pass",
            ),
        ):
            if made + len(people) > limit:
                self._flag(
                    f"detection {detection_id} ({x.company or '?'}): {len(people)} draft(s) "
                    f"would pass {cap} ({limit}; {made} made {span}); no drafts"
                )
                return
        for person in people:
            self.store.add_contact(
                detection_id, person.address, person.name, ", ".join(person.evidence)
            )
            why_not = refusal(
                person.address, self.me, self.senders, self.cfg.followup.do_not_contact
            )
            if why_not:
                log.info("no draft to %s: %s", person.address, why_not)
                self.store.event("refused", None, f"{person.address}: {why_not}")
                continue
            if self.store.already_followed(person.address, x.company, x.employer_domains):
                self.store.event("refused", None, f"{person.address}: already followed up")
                continue
            rendered = render(
                template,
                {
                    "first_name": first_name(person.name, person.address),
                    "their_name": person.name or person.address,
                    "company": x.company or "your company",
                    "position": x.position or "the role",
                    "my_name": self.cfg.identity.name or self.me[0],
                },
            )
            subject = rendered.subject
            if person.last_subject:
                base = person.last_subject
                subject = base if base.lower().startswith("re:") else f"Re: {base}"
            draft_message_id = make_msgid(domain=sender_domain)
            draft_id = self.store.add_draft(
                detection_id=detection_id,
                recipient=person.address,
                recipient_name=person.name,
                subject=subject,
                body=rendered.body,
                due_at=due,
                in_reply_to=person.last_message_id,
                references=list(person.last_references),
                message_id=draft_message_id,
                token=secrets.token_hex(16),
                language=language,
            )
            if self._known is not None:  # keys never leave the cache stale
                self._known[1].update((person.address, draft_message_id, *x.employer_domains))
            if self.cfg.followup.save_to_drafts:
                self.to_save.append(draft_id)
            log.info(
                "drafted %d to %s, due %s (hash %s)",
                draft_id,
                person.address,
                due.isoformat(timespec="minutes"),
                content_hash(person.address, subject, rendered.body)[:12],
            )

    def feedback(self, msg: Message) -> None:
        """Record replies to sent follow-ups: the feedback the user hoped for."""
        if msg.from_ is None or msg.is_auto_reply or msg.is_bulk:
            return
        refs = [r for r in {msg.in_reply_to, *msg.references} if r]
        if not self._may_concern([msg.from_.addr, *refs]):
            return
        d = self.store.sent_draft_answered(msg.from_.addr, refs)
        if d is not None:
            self.store.event("feedback", d.id, f"reply: {msg.subject[:120]}")
            log.info("feedback: %s replied to follow-up %d", msg.from_.addr, d.id)

    def save_drafts(self, box: ImapMailbox) -> None:
        """APPEND new drafts to the Drafts folder (opt-in; the only write we make)."""
        assert self.cfg.imap is not None
        folder = self.cfg.imap.drafts_folder
        while self.to_save:
            draft_id = self.to_save.pop(0)
            draft = self.store.draft(draft_id)
            if draft is None or folder is None:
                continue
            msg = compose(draft, self.cfg.identity.name, self.from_address(), datetime.now(UTC))
            try:
                box.client.append(folder, msg.as_bytes(), flags=(b"\\Draft",))
            except IMAPClientError as e:
                log.warning("draft %d: could not save to %s: %s", draft_id, folder, e)
                continue
            with self.store.transaction():
                self.store.event("saved_to_drafts", draft_id, folder)

    def from_address(self) -> str:
        return self.cfg.smtp.from_address if self.cfg.smtp else self.me[0]

    def cancellations(self, msg: Message, own: bool) -> None:
        """Cancel open drafts when the employer writes again or the user writes first.

        Only mail dated after the rejection counts: earlier thank-you notes
        and scheduling replies are the history, not a reason to cancel.
        """
        if msg.date is None:
            return

        def after_rejection(detection_id: int) -> bool:
            rejected_at = self.store.rejected_at(detection_id)
            return rejected_at is not None and msg.date is not None and msg.date > rejected_at

        targets: list[tuple[str, list[str], str]]
        if own:
            targets = [(a.addr, [], f"you wrote to {a.addr} first") for a in (*msg.to, *msg.cc)]
        elif msg.from_ is None or msg.is_auto_reply or msg.is_bulk:
            return
        else:
            sender = msg.from_.addr
            targets = [(sender, [msg.from_.domain], f"{sender} wrote to you after the rejection")]
        for address, domains, reason in targets:
            if not self._may_concern([address, *domains]):
                continue
            for d in self.store.open_drafts_for(domains, address):
                if after_rejection(d.detection_id):
                    self.store.apply(d.id, "cancel", reason, reason=reason)
                    log.info("cancelled draft %d: %s", d.id, reason)
