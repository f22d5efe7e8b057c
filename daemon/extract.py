"""Who interviewed the user, for which company and position: pure extraction.

Input: the rejection, its verdict, the related history (already fetched by a
`daemon.history` source), the user's addresses and the sender lists. Output:
an `Extraction` value. No I/O, no clock. The company and position are read by
`daemon.company`, the interviewers found by `daemon.interviewers` (their
invariants are stated there); this module runs the steps in order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from daemon.classify import Verdict, message_hits
from daemon.company import (
    _company_domains,
    _distinctive_words,
    _domain_ok,
    clean_company,
    company_from_domain,
    company_name,
    company_written_as,
    domain_matches_company,
    find_company,
    find_position,
)
from daemon.history import HistorySource, Query
from daemon.interviewers import (
    Interviewer,
    _thread_ids,
    client_domains,
    employer_domains,
    find_interviewers,
    linked_to_application,
    select_related,
)
from daemon.matching import normalize
from daemon.message import Message
from daemon.rules import RuleSet

__all__ = [
    "Extraction",
    "Interviewer",
    "Plan",
    "clean_company",
    "client_domains",
    "company_from_domain",
    "company_name",
    "company_written_as",
    "domain_matches_company",
    "employer_domains",
    "extract",
    "find_company",
    "find_interviewers",
    "find_position",
    "has_job_context",
    "linked_to_application",
    "plan",
    "select_related",
]


@dataclass(frozen=True)
class Extraction:
    company: str | None
    position: str | None
    stage: str  # "interview" | "application"
    employer_domains: tuple[str, ...]
    interviewers: tuple[Interviewer, ...]
    related: tuple[str, ...] = ()
    # At the application stage nobody interviewed the user; the people who
    # wrote about the application are kept here for users who opt in.
    contacts: tuple[Interviewer, ...] = ()
    notes: tuple[str, ...] = field(default=())

    @property
    def addresses(self) -> list[str]:
        return [i.address for i in self.interviewers]


@dataclass(frozen=True)
class Plan:
    """What extraction knows of a rejection before it reads any history: the
    company it names, the employer's domains and its thread; and so the first
    history lookup extraction makes (`query`)."""

    company: str | None
    primary: tuple[str, ...]
    agency: tuple[str, ...]
    thread: tuple[str, ...]

    @property
    def query(self) -> Query:
        return (*self.primary, *self.agency), self.company, self.thread


def plan(rejection: Message, me: Iterable[str], ruleset: RuleSet) -> Plan:
    """The history-free first step of `extract()` (pure)."""
    company = find_company(rejection, ruleset.senders)
    primary, agency = employer_domains(rejection, company, {a.lower() for a in me}, ruleset.senders)
    return Plan(company, tuple(primary), tuple(agency), tuple(_thread_ids(rejection)))


def has_job_context(
    msg: Message, history: HistorySource, ruleset: RuleSet, me: Iterable[str]
) -> bool:
    """Does the history show that this message belongs to a job application?

    True when another message in the same thread, or from the same
    (non-consumer) domain, speaks of a job.
    """
    domains = []
    if msg.from_ and _domain_ok(msg.from_.domain, ruleset.senders):
        domains.append(msg.from_.domain)
    for m in history.lookup(domains, None, _thread_ids(msg)):
        if m.key == msg.key:
            continue
        if any(h.kind == "job" for h in message_hits(m, ruleset)):
            return True
    return False


def extract(
    rejection: Message,
    verdict: Verdict,
    history: HistorySource,
    me: Iterable[str],
    ruleset: RuleSet,
    first: Plan | None = None,
) -> Extraction:
    """Company, position, stage and interviewers for one rejection.

    Pure apart from `history` lookups, which only read. `first` is
    `plan(rejection, me, ruleset)` when the caller has it already.
    """
    mine = {a.lower() for a in me}
    senders = ruleset.senders
    first = first or plan(rejection, mine, ruleset)
    company, thread = first.company, list(first.thread)
    primary, agency = list(first.primary), list(first.agency)
    candidates = history.lookup([*primary, *agency], company, thread)
    related = select_related(rejection, company, primary, agency, candidates)
    if not primary or (
        company and not any(domain_matches_company(d, company) for d in [*primary, *agency])
    ):
        # An ATS rejection, or one an outsourced HR service sent for the
        # employer it names: learn the employer's domain from the related
        # history (its people, and the attendees of its calendar events).
        beyond = frozenset(a.domain for a in (rejection.from_, rejection.sender) if a)
        seen = _company_domains([rejection, *related], company, mine, senders, beyond)
        for word in _distinctive_words(company) if not seen else ():
            # Nothing in the history names the company: its people may still
            # have written, or been written to (a thank-you note in Sent), from
            # a domain that bears its name or its initials (hfg-plc).
            seen = _company_domains(history.lookup([], word, []), company, mine, senders, beyond)
            if seen:
                break
        if seen:
            primary = list(dict.fromkeys([*primary, *seen]))
            candidates = history.lookup([*primary, *agency], company, thread)
            related = select_related(rejection, company, primary, agency, candidates)
    # An agency's rejection names its client ("Vireo hat sich entschieden"):
    # the client's people in this history may have interviewed the user.
    # When it names the client in a way the key does not ("Rückmeldung
    # Hansewerft" from Lotsen Personal), the client's own mail (its
    # invitation, signed with its name) is looked up by that name too.
    client = company_name(rejection, senders)
    named = (
        history.lookup([], client, [])
        if client
        and company
        and normalize(client) != normalize(company)
        and not any(domain_matches_company(d, client) for d in [*primary, *agency])
        else []
    )
    clients = client_domains(rejection, [*related, *named], [*primary, *agency], mine, senders)
    if clients:
        # The client's own mail (its interviewer's invitation) does not name
        # the agency: everything at its domain up to the rejection is read.
        candidates = history.lookup([*primary, *agency, *clients], company, thread)
        related = select_related(rejection, company, [*primary, *clients], agency, candidates)
        agency = [*agency, *clients]
    interviewers, interviewed, notes = find_interviewers(
        rejection, related, primary, agency, mine, ruleset, verdict
    )
    stage = "interview" if interviewed else "application"
    contacts: list[Interviewer] = []
    if stage == "application":
        contacts = [
            i
            for i in interviewers
            if any(e.startswith(("wrote to you", "wrote the rejection")) for e in i.evidence)
        ]
        interviewers, notes = [], [*notes, "no interview found: no follow-up recipients"]
    return Extraction(
        company=client or company,
        position=find_position(rejection)
        or next((p for m in reversed(related) if (p := find_position(m))), None),
        stage=stage,
        employer_domains=(*primary, *agency),
        interviewers=tuple(interviewers),
        related=tuple(m.key for m in related),
        contacts=tuple(contacts),
        notes=tuple(notes),
    )
