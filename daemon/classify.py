"""Classification of one message: is it a job rejection, and if not, what is it?

Pure: (Message, RuleSet, the user's addresses) -> Verdict. No I/O, no clock.

Invariants:
- Mail from the user, debrief's own mail, automatic replies and bulk/list mail
  are never rejections, whatever their text says; the verdict names the reason.
  Nor is someone else's rejection: a friend's forward, a mail greeting another
  person (ownership.py).
- Rules see only text the sender wrote now: the new text, plus a forwarded
  message when it was forwarded fresh (within `FRESH_FORWARD`), never quoted
  history.
- A subject that states a decision as a sentence counts as that decision
  (the rejection rules that decide alone, read on it as on a body), unless
  it is a reply's or a forward's; nothing else in a subject is read as body.
- score = sum(rejection weights) - sum(counter-signal weights); a rejection
  needs score >= threshold and something that makes it about a job: a job
  word, a talk held (interview or thanks evidence), or the history's context.
- An acknowledgement ("we have received your application"), an offer of a
  quick call, or any counter-signal too weak to decide alone (weight under
  the threshold) does not count against a decision: one rejection rule that
  reaches the threshold alone. Refusals often open by acknowledging the
  application; the acknowledgement that is no decision ("if you don't hear
  from us, assume ...") states its refusal as a condition, which rejection
  rules never count (rules/occurrences.py).
- A refusal of something that is no job (a flat, a grant, a talk) names that
  thing in the subject or in the refusing sentence. A non-job word elsewhere
  does not count against a decision whose own sentence names the job ("we
  filled the role with someone who has run projects from the order to
  acceptance"): it is what the mail talks about, not what it refuses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from email.utils import parsedate_to_datetime

from daemon.matching import fold_transliterated, normalize, transliterated
from daemon.message import Message
from daemon.ownership import someone_else
from daemon.rules import Hit, RuleSet, sentences

FRESH_FORWARD = timedelta(days=10)
COUNTERS = {
    "acknowledgement": "application_received",
    "invitation": "interview_invitation",
    "scheduling": "interview_scheduling",
    "offer": "offer",
    "assessment": "assessment",
    "outreach": "outreach",
    "non_job": "other",
    "someone_else": "other",
}
# Counter-signals a decision outweighs (see the invariants): refusals often
# acknowledge the application, or offer a short call for feedback.
OUTWEIGHED = {"acknowledgement", "outreach"}
CATEGORIES = (
    "rejection",
    "application_received",
    "interview_invitation",
    "interview_scheduling",
    "offer",
    "assessment",
    "outreach",
    "job_alert",
    "auto_reply",
    "own",
    "other",
)
MIN_CATEGORY_SCORE = 3.0


@dataclass(frozen=True)
class Verdict:
    category: str
    rejection: bool
    score: float
    hits: tuple[Hit, ...]
    interview_evidence: bool
    excluded: str | None = None

    @property
    def needs_job_context(self) -> bool:
        """Would be a rejection if the history shows a job application."""
        return (
            not self.rejection
            and self.excluded is None
            and self.category == "other"
            and self.score > 0
            and not any(h.kind == "job" for h in self.hits)
            and not any(h.kind == "non_job" for h in self.hits)
        )

    @property
    def rules(self) -> list[str]:
        return [h.rule for h in self.hits]

    def explain(self) -> str:
        """One line: the rules that fired, their weights and words."""
        if self.excluded:
            return f"excluded: {self.excluded}"
        parts = []
        for h in self.hits:
            sign = "-" if h.kind in COUNTERS else "+"
            words = ", ".join(f'"{w}"' for w in h.words[:3])
            parts.append(f"{h.rule} {sign}{h.weight:g} ({words})")
        return "; ".join(parts) or "no rule fired"


def rule_fields(msg: Message) -> dict[str, str]:
    """The texts rules look at, from a parsed message."""
    body = [msg.new_text]
    for fwd in msg.forwards:
        if _fresh(msg, fwd.date):
            body.append(fwd.text)
    sender = msg.from_
    text, subject = "\n".join(body), msg.subject
    if transliterated(text):
        text, subject = fold_transliterated(text), fold_transliterated(subject)
    return {
        "subject": subject,
        "body": text,
        "from": sender.addr if sender else "",
        "from_domain": sender.domain if sender else "",
        "from_name": sender.name if sender else "",
    }


# A reply's or a forward's subject is the earlier mail's, not this one's news.
_REPLY_SUBJECT = re.compile(
    r"^\s*(?:re|aw|antw|wg|fw|fwd|tr|rv|r|sv|vs|rif|ref)\s*(?:\[\d+\])?\s*:", re.I
)


def subject_decisions(msg: Message, ruleset: RuleSet, hits: Iterable[Hit]) -> list[Hit]:
    """Decisions the subject states as a sentence ("Research Analyst - we
    have offered the position to another candidate", "hemos cerrado el
    proceso con otra candidata"): the rejection rules that decide alone,
    read on the subject as they read a body, for rules not already fired.
    Only decisions: the counter-signals a subject names ("Your interview
    with Acme - update") say nothing of what the body decides. Not in a
    reply's or a forward's subject."""
    if not msg.subject or _REPLY_SUBJECT.match(msg.subject):
        return []
    fired = {h.rule for h in hits}
    subject = msg.subject
    if transliterated(subject):
        subject = fold_transliterated(subject)
    return [
        Hit(h.rule, h.kind, h.weight, "subject", h.words)
        for h in ruleset.evaluate({"subject": "", "body": subject})
        if h.kind == "rejection" and h.weight >= ruleset.threshold and h.rule not in fired
    ]


def _non_job_incidental(msg: Message, ruleset: RuleSet) -> bool:
    """True when some sentence refuses the post itself (a decision whose
    words name the role, the position, the vacancy; no non-job word in that
    sentence) and the subject names no non-job thing: then the mail's
    non-job words are not what it refuses."""

    def hits(subject: str, body: str) -> list[Hit]:
        return ruleset.evaluate({"subject": subject, "body": body})

    fields = rule_fields(msg)
    # (The subject read as a body too: some non-job rules read only bodies.)
    if any(h.kind == "non_job" for h in hits(fields["subject"], fields["subject"])):
        return False
    for sentence in sentences(normalize(fields["body"])):
        if not _POSITION.search(sentence):
            continue
        found = hits("", sentence)
        names_the_post = any(
            h.kind == "rejection"
            and h.weight >= ruleset.threshold
            and any(_POSITION.search(w) for w in h.words)
            for h in found
        )
        if names_the_post and not any(h.kind == "non_job" for h in found):
            return True
    return False


# The post itself, in the languages the rules know: what a course, a flat or
# a grant is not ("candidate", "application" and "place" are said of those too).
_POSITION = re.compile(
    r"\b(?:role|position|job|post|vacancy|opening|stelle|rolle|vakanz|vacature|functie|rol|"
    r"baan|poste|emploi|puesto|vacante|posizione|ruolo|vaga|cargo|funcao)\b"
)


def message_hits(msg: Message, ruleset: RuleSet) -> list[Hit]:
    """The rules that fire on a message, computed once per message and rule set.

    Classification and the history checks of extraction share this view.
    """
    return ruleset.evaluate_cached(*_hits_key(msg))


def fresh_hits(msg: Message, ruleset: RuleSet) -> list[Hit]:
    """`message_hits` without remembering them: for a fetch worker, which sees
    each message once (its memo would only hold memory)."""
    return ruleset.evaluate(*_rule_inputs(msg))


def seed_hits(msg: Message, ruleset: RuleSet, hits: list[Hit]) -> None:
    """Record rule hits computed elsewhere (a fetch worker process holding the
    same rules) so `message_hits` need not compute them again."""
    ruleset.keep(_hits_key(msg)[0], hits)


def _rule_inputs(msg: Message) -> tuple[dict[str, str], dict[str, str]]:
    """The field texts and first header values rules are evaluated on."""
    return rule_fields(msg), {k: v[0] for k, v in msg.headers.items() if v}


def _hits_key(msg: Message) -> tuple[str, dict[str, str], dict[str, str]]:
    fields, headers = _rule_inputs(msg)
    # Keyed by content too: two different messages may share a Message-ID.
    return f"{msg.key}:{hash((*fields.values(), *headers.items()))}", fields, headers


def _fresh(msg: Message, date_text: str) -> bool:
    if msg.date is None or not date_text:
        return True
    try:
        inner = parsedate_to_datetime(date_text)
    except (TypeError, ValueError, IndexError):
        return True
    if inner.tzinfo is None:
        return True
    return abs(msg.date - inner) <= FRESH_FORWARD


_DEBRIEF_HEADER = re.compile("x-debrief").match  # debrief's own mail carries X-Debrief-*


def _exclusion(msg: Message, me: set[str]) -> tuple[str, str] | None:
    if msg.from_ and msg.from_.addr in me:
        return "own", "sent by you"
    if any(map(_DEBRIEF_HEADER, msg.headers)):
        return "own", "debrief's own mail"
    if msg.is_auto_reply:
        return (
            "auto_reply",
            f"automatic reply (Auto-Submitted: {msg.auto_submitted or 'x-autoreply'})",
        )
    if msg.is_bulk:
        return "job_alert", "bulk or mailing-list mail (List-*/Precedence)"
    return None


def _own_words(msg: Message, ruleset: RuleSet) -> bool:
    """Do the writer's own words (the new text, not the subject or what it
    forwards) make a rejection on their own?"""
    fields = {**rule_fields(msg), "subject": "", "body": msg.new_text}
    score = sum(
        h.weight if h.kind == "rejection" else -h.weight if h.kind in COUNTERS else 0.0
        for h in ruleset.evaluate(fields)
    )
    return score >= ruleset.threshold


def classify(
    msg: Message,
    ruleset: RuleSet,
    me: Iterable[str],
    *,
    job_context: bool = False,
    names: Iterable[str] = (),
) -> Verdict:
    """Classify one message. Pure and total.

    `job_context` says the caller knows, from history, that this message
    belongs to a job application (a reply in such a thread, or from an
    employer the user applied to); it stands in for a job word in the text.
    `names` are the user's names (config), which tell a rejection greeting
    someone else from the user's own (ownership.py).
    """
    mine = {a.lower() for a in me}
    excluded = _exclusion(msg, mine)
    hits = message_hits(msg, ruleset)
    hits = [*hits, *subject_decisions(msg, ruleset, hits)]
    by_kind: dict[str, float] = {}
    for h in hits:
        by_kind[h.kind] = by_kind.get(h.kind, 0.0) + h.weight
    decided = any(h.kind == "rejection" and h.weight >= ruleset.threshold for h in hits)
    outweighed = set(OUTWEIGHED)
    if decided and "non_job" in by_kind and _non_job_incidental(msg, ruleset):
        outweighed.add("non_job")
    counter = sum(
        h.weight
        for h in hits
        if h.kind in COUNTERS
        and not (decided and (h.kind in outweighed or h.weight < ruleset.threshold))
    )
    score = by_kind.get("rejection", 0.0) - counter
    interview = by_kind.get("interview", 0.0) > 0
    if excluded:
        category, reason = excluded
        if category == "job_alert" and by_kind.get("job", 0.0) == 0:
            category = "other"
        return Verdict(category, False, score, tuple(hits), interview, reason)
    # A talk held (interview evidence, or thanks for one) is job context too:
    # "thanks for coming in for the chat; we went with someone else" names no
    # job word.
    about_a_job = (
        job_context or any(by_kind.get(k, 0.0) > 0 for k in ("job", "thanks")) or interview
    )
    if score >= ruleset.threshold and about_a_job:
        elsewhere = someone_else(
            msg,
            mine,
            ruleset.senders,
            names,
            own_words=bool(msg.forwards) and _own_words(msg, ruleset),
        )
        if elsewhere is not None:
            return Verdict("other", False, score, tuple(hits), interview, elsewhere)
        return Verdict("rejection", True, score, tuple(hits), interview)
    best = max(((w, k) for k, w in by_kind.items() if k in COUNTERS), default=(0.0, ""))
    category = COUNTERS[best[1]] if best[0] >= MIN_CATEGORY_SCORE else "other"
    return Verdict(category, False, score, tuple(hits), interview)
