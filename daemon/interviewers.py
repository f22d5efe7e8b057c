"""Who interviewed the user: the employer's domains, the history of this
application and the evidence that links each person to it. Pure.

Invariants (checked by tests over the labelled corpus):
- An interviewer is never one of the user's addresses, never an automated
  address (no-reply, notifications, ATS, scheduling or video tools), never at a
  consumer mail domain, and always at one of the employer's domains (its own,
  the agency that handled the application, or the client that agency names).
- A calendar organizer who never attends (a coordinator) is not an interviewer,
  even if they sent the rejection, unless the user thanked them for a talk or
  they wrote of a talk they had with the user. Attendees dropped by a later
  SEQUENCE of the same event are not interviewers; nor is a writer who says
  they were not in the talk.
- A role mailbox (jobs@, careers@, ...) is used only when no named person of
  that employer exists anywhere in the history, and then only one (or when a
  small employer's shared mailbox writes of the talk it held).
- Reply-To, Sender, a forwarded block's addresses, the user's own mail to
  someone and the rejection alone are support for other evidence, never
  evidence on their own; a rejection that names its recipients as the
  interviewers ("Sofia, who interviewed you, is copied") is, and so is a
  forwarded note or invitation that names them so ("X and Y met her",
  "Entrevistadores: ..."), for people at the rejection writer's organisation
  or at the note writer's when this application's mail links it (ten at most).
- A mail from a shared mailbox signed with one person's own address at the
  same organisation is that person's.

(Over 400 lines: `find_interviewers` reads every kind of evidence in one
pass so that each person's evidence list is complete and ordered; splitting
it would spread one decision over several places.)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from email.utils import getaddresses

from daemon.bounces import bounced
from daemon.classify import Verdict, message_hits
from daemon.company import (
    _GENERIC_NAME_WORDS,
    _LEGAL,
    _domain_ok,
    _is_person,
    domain_matches_company,
)
from daemon.history import organisation_domain, registrable_label
from daemon.ics import Event
from daemon.matching import normalize
from daemon.message import Address, Message, is_mailbox
from daemon.panel import (
    named_in_text,
    named_interviewers,
    named_panel,
    speaks_of_own_talk,
    taken_off_panel,
    writer_absent,
    writer_arranges,
    writer_chairs,
    writer_role,
    writer_took_part,
    written_addresses,
)
from daemon.rules import RuleSet, Senders
from daemon.textparts import Forward


@dataclass(frozen=True)
class Interviewer:
    address: str
    name: str
    evidence: tuple[str, ...]
    # The last conversation with this person, for threading a follow-up.
    last_message_id: str | None = None
    last_references: tuple[str, ...] = ()
    last_subject: str = ""


# ---------------------------------------------------------------------------
# History and interviewers


def employer_domains(
    msg: Message, company: str | None, me: set[str], senders: Senders
) -> tuple[list[str], list[str]]:
    """(primary, agency) domains: primary match the company name or are the
    rejection's human sender's; agency ones belong to a human in between."""
    primary: list[str] = []
    agency: list[str] = []
    people = [a for a in (msg.from_, msg.sender, *msg.reply_to) if a and a.addr not in me]
    for fwd in msg.forwards:
        m = re.search(r"[\w.+-]+@[\w.-]+\.\w+", fwd.sender)
        if m:
            people.append(Address("", m.group(0).lower()))
    for a in people:
        if not _domain_ok(a.domain, senders):
            continue
        if domain_matches_company(a.domain, company):
            primary.append(a.domain)
        elif _is_person(a.addr, senders) or senders.is_role(a.addr):
            agency.append(a.domain)
    if not primary and agency and not company:
        primary, agency = agency[:1], agency[1:]
    elif not primary and len(set(agency)) == 1 and not any(f.sender for f in msg.forwards):
        # A person writing from their employer's domain whose name we did not match.
        primary, agency = agency, []
    # The organisation's domain, not the host that sent: its people write
    # from brenninger-med.example, its ATS from jobs.brenninger-med.example.
    primary = [organisation_domain(d) for d in primary]
    agency = [organisation_domain(d) for d in agency]
    return list(dict.fromkeys(primary)), [d for d in dict.fromkeys(agency) if d not in primary]


# Words every rejection says: no client's name ("interview" is no part of
# interviewexpert.example's claim to be the employer).
_PROCESS_WORDS = frozenset(
    [
        "application",
        "applications",
        "candidate",
        "candidates",
        "candidacy",
        "interview",
        "interviews",
        "position",
        "thank",
        "thanks",
        "recruitment",
        "recruiting",
        "talent",
        "career",
        "careers",
        "hiring",
        "people",
        "team",
        "feedback",
        "process",
        "update",
        "decision",
        "solicitud",
        "candidatura",
        "candidature",
        "bewerbung",
        "bewerbungen",
        "sollicitatie",
        "entretien",
        "entretiens",
        "entrevista",
        "entrevistas",
        "gesprach",
        "gesprek",
        "vacature",
        "vacante",
        "poste",
        "stelle",
        "puesto",
        "functie",
    ]
)


def client_domains(
    rejection: Message,
    related: Iterable[Message],
    known: Sequence[str],
    mine: set[str],
    senders: Senders,
) -> list[str]:
    """Domains of the related history (its people and calendar guests) whose
    name the rejection says: an agency writes "Assurances Boréal a choisi",
    and the history has people at assurances-boreal.example. Only a
    distinctive word of 4+ letters of the domain's name counts, and never a
    word of the `known` (the sender's) domains' names."""
    said = _words_said(rejection, known)
    found: list[str] = []
    for m in related:
        people = [a.addr for a in (m.from_, *m.to, *m.cc) if a]
        people += [p.address for e in m.events for p in e.attendees]
        people += [e.organizer.address for e in m.events if e.organizer]
        for addr in people:
            domain = organisation_domain(addr.rpartition("@")[2])
            if addr in mine or _in_domains(addr, known) or not _domain_ok(domain, senders):
                continue
            if senders.is_automated(addr):
                continue
            if _word_names_domain(said, domain):
                found.append(domain)
    return list(dict.fromkeys(found))


# A writer who relays a client's decision: names the client, or signs as an
# agency ("Senior Consultant", "Personalberatung", "werving & selectie").
_CLIENT = re.compile(
    r"\b(?:client|clients|klant|opdrachtgever|kunde|kunden|mandant|auftraggeber|cliente|clientes|"
    r"committente|senior consultant|recruitment consultant|headhunter|personalberat\w*|"
    r"werving (?:en|&) selectie|cabinet de recrutement|agencia de (?:seleccion|reclutamiento)|"
    r"societa di selezione)\b"
)


def _words_said(rejection: Message, known: Sequence[str]) -> set[str]:
    """The words of a rejection that may name an organisation: not those of
    the sender's own domains ("Solene Studio" at solene-studio.example says
    nothing of solene-studio.com), nor words of the process."""
    said = set(re.findall(r"[a-z0-9]+", normalize(f"{rejection.subject}\n{rejection.new_text}")))
    own = "".join(registrable_label(d).replace("-", "") for d in known)
    return {w for w in said if w not in own and w not in _PROCESS_WORDS}


def _word_names_domain(said: set[str], domain: str) -> bool:
    """Do the words said name this domain's organisation: "assurances-boreal"
    (Boréal), or "grupoalcora" (Grupo Alcora) where the word starts or ends
    the run-together name ("policy" says nothing of atlanticopolicylab)?"""
    label = registrable_label(domain)
    words = set(label.split("-")) - _GENERIC_NAME_WORDS - _LEGAL
    compact = label.replace("-", "")
    return any(len(w) >= 4 and w in said for w in words) or any(
        len(w) >= 5
        and w not in _GENERIC_NAME_WORDS
        and (compact.startswith(w) or compact.endswith(w))
        for w in said
    )


def _in_domains(addr: str, domains: Iterable[str]) -> bool:
    d = addr.rsplit("@", 1)[-1]
    return any(d == x or d.endswith("." + x) for x in domains)


def select_related(
    rejection: Message,
    company: str | None,
    primary: Sequence[str],
    agency: Sequence[str],
    history: Iterable[Message],
) -> list[Message]:
    """History messages about this application, up to the rejection."""
    cutoff = rejection.date + timedelta(minutes=5) if rejection.date else None
    items = [
        m
        for m in history
        if m.key != rejection.key and (cutoff is None or m.date is None or m.date <= cutoff)
    ]
    company_norm = normalize(company) if company and len(company) >= 3 else None
    thread_ids = {rejection.key, *rejection.references}
    if rejection.in_reply_to:
        thread_ids.add(rejection.in_reply_to)
    related: dict[str, Message] = {}
    unlinked: list[Message] = []
    for m in items:  # what a message says on its own is decided once
        addrs = (
            [a.addr for a in m.participants]
            + [p.address for e in m.events for p in e.attendees]
            + [e.organizer.address for e in m.events if e.organizer]
        )
        at_primary = any(_in_domains(a, primary) for a in addrs)
        names = normalize(" ".join([m.subject] + [a.name for a in m.participants]))
        mentions = company_norm is not None and company_norm in names
        at_agency = any(_in_domains(a, agency) for a in addrs) and (
            mentions or (company_norm is not None and company_norm in normalize(m.new_text))
        )
        if at_primary or mentions or at_agency:
            related[m.key] = m
        else:
            unlinked.append(m)
    for m in related.values():
        thread_ids.add(m.key)
        thread_ids.update(m.references)
    changed = True
    while changed:  # thread closure: a reply links its ancestors and vice versa
        changed = False
        rest: list[Message] = []
        for m in unlinked:
            if (
                m.key in thread_ids
                or not thread_ids.isdisjoint(m.references)
                or m.in_reply_to in thread_ids
            ):
                related[m.key] = m
                thread_ids.add(m.key)
                thread_ids.update(m.references)
                changed = True
            else:
                rest.append(m)
        unlinked = rest
    return sorted(related.values(), key=lambda m: (m.date is None, m.date))


def _latest_events(messages: Iterable[Message]) -> list[Event]:
    latest: dict[str, Event] = {}
    for m in messages:
        for e in m.events:
            key = e.uid or f"{m.key}:{e.summary}"
            if key not in latest or e.sequence >= latest[key].sequence:
                latest[key] = e
    return list(latest.values())


def _taken_off(messages: Iterable[Message]) -> set[str]:
    """Attendees an updated invitation (same UID, higher SEQUENCE) no longer
    lists: taken off the panel before the talk ("Anna is off sick, Oliver
    takes her place")."""
    versions: dict[str, list[Event]] = {}
    for m in messages:
        for e in m.events:
            if e.uid:
                versions.setdefault(e.uid, []).append(e)
    dropped: set[str] = set()
    for events in versions.values():
        latest = max(events, key=lambda e: e.sequence)
        kept = {p.address for p in latest.attendees}
        for e in events:
            if e.sequence < latest.sequence:
                dropped |= {p.address for p in e.attendees} - kept
    return dropped


# Kinds of rule hits that make a message part of an interview process.
_INTERVIEW_KINDS = frozenset({"interview", "invitation", "scheduling", "thanks"})


def _day(m: Message) -> str:
    return f" ({m.date:%Y-%m-%d})" if m.date else ""


def _speaks_of_interview(m: Message, me: set[str], ruleset: RuleSet) -> bool:
    if m.events or (m.from_ is not None and m.from_.addr in me):
        return True  # a calendar event, or the user's own mail
    if m.is_auto_reply or m.is_bulk:
        return False
    return any(h.kind in _INTERVIEW_KINDS for h in message_hits(m, ruleset))


def linked_to_application(
    rejection: Message, related: Sequence[Message], me: set[str], ruleset: RuleSet
) -> set[str]:
    """Keys of the messages that can make someone an interviewer: the
    rejection's own thread, the interview process (invitations, scheduling,
    calendar events, mail speaking of an interview) and every thread the user
    wrote in. Other mail of the same domain (a job board's staff, another
    application at the same employer's newsletter) is no evidence."""
    seeds = [rejection, *(m for m in related if _speaks_of_interview(m, me, ruleset))]
    ids: set[str] = set()
    for m in seeds:
        ids.update(_thread_ids(m))
    linked = {m.key for m in seeds}
    changed = True
    while changed:  # a reply links its thread and the thread links the reply
        changed = False
        for m in related:
            if m.key in linked:
                continue
            if m.key in ids or not ids.isdisjoint(m.references) or m.in_reply_to in ids:
                linked.add(m.key)
                ids.update(_thread_ids(m))
                changed = True
    return linked


def find_interviewers(
    rejection: Message,
    related: Sequence[Message],
    primary: Sequence[str],
    agency: Sequence[str],
    me: set[str],
    ruleset: RuleSet,
    verdict: Verdict,
) -> tuple[list[Interviewer], bool, list[str]]:
    """-> (interviewers, interview evidence in history, notes).

    Each interviewer keeps the evidence that links them to this application
    (what, and the day of the message). Reply-To, Sender and addresses read
    from a forwarded block's text are never evidence on their own: anyone can
    write them into a mail."""
    senders = ruleset.senders
    domains = [*primary, *agency]
    notes: list[str] = []
    evidence: dict[str, list[str]] = {}
    weak: dict[str, list[str]] = {}  # evidence that only supports other evidence
    names: dict[str, str] = {}
    organizers: set[str] = set()
    attendees: set[str] = set()
    roles: list[str] = []
    took_part: set[str] = set()  # thanked by the user, or thanked the user for a talk
    planned: set[str] = set()  # named as the panel by an invitation (it may change)
    courtesy: set[str] = set()  # copied on the user's thanks, not named in it
    solo_events: dict[str, list[datetime | None]] = {}  # organizer -> starts, the user alone
    panel_named_on: dict[str, list[datetime]] = {}  # writer -> days they named a panel
    arrangers: set[str] = set()  # wrote an invitation that names others as the panel
    absent: set[str] = set()  # said "I won't be in the talk", or listed as NON-PARTICIPANT
    inviters: set[str] = set()  # wrote an invitation to a talk of this application
    penned_by: dict[str, list[Message]] = {}  # earlier mail, by who wrote it
    interview_seen = verdict.interview_evidence
    linked = linked_to_application(rejection, related, me, ruleset)

    # A shared mailbox stands in for the people only when the user really
    # corresponded with it about the talks: wrote to it, or had an invitation
    # or a calendar event from it (not just an acknowledgement and the
    # rejection from an outsourced HR service's inbox).
    corresponded = True

    def consider(a: Address | None, why: str, strong: bool = True, client: bool = False) -> None:
        # `client`: an attendee of an interview the employer or agency
        # organised may work for its client, at a domain of its own.
        if a is None or a.addr in me or not (client or _in_domains(a.addr, domains)):
            return
        if not is_mailbox(a.addr, utf8=True):
            return  # a calendar's "x\x01y@..." or "a b@...": nobody to write to
        if senders.is_automated(a.addr) or not _domain_ok(a.domain, senders):
            return
        if senders.is_role(a.addr):
            if strong and corresponded:
                roles.append(a.addr)
            return
        (evidence if strong else weak).setdefault(a.addr, []).append(why)
        if a.name and not names.get(a.addr):
            names[a.addr] = a.name

    events = _latest_events([*related, rejection])
    # The people of this application an invitation may name as its panel.
    people = [p for e in events for p in (*e.attendees, *([e.organizer] if e.organizer else []))]
    known = [
        *(Address(p.name, p.address) for p in people),
        *(a for m in related if m.key in linked for a in (m.from_, *m.to, *m.cc) if a),
        # ... and the rejection's own writer and copies: an invitation names
        # "Pau and Marta", who write the decision later.
        *(a for a in (rejection.from_, *rejection.to, *rejection.cc) if a and a.addr not in me),
        # The writer of a client's note an agency forwards: an earlier
        # invitation may name them as the panel ("your talk with Ms Koch").
        *_forward_senders(rejection),
    ]
    for e in events:
        if e.organizer:
            organizers.add(e.organizer.address)
        if e.cancelled:
            continue
        if rejection.date is None or e.start is None or e.start <= rejection.date:
            interview_seen = True
        when = f" ({e.start:%Y-%m-%d})" if e.start else ""
        for p in e.attendees:
            if p.role == "NON-PARTICIPANT":
                # Listed for information only: an agency's consultant who
                # sends the client's invitation without sitting in.
                absent.add(p.address)
                continue
            if p.cutype not in ("INDIVIDUAL", ""):
                continue
            if p.partstat == "DECLINED":
                continue
            attendees.add(p.address)
            by_us = e.organizer is not None and _in_domains(e.organizer.address, domains)
            consider(Address(p.name, p.address), f"calendar attendee{when}", client=by_us)
        others = {p.address for p in e.attendees} - me
        if e.organizer is not None and not others - {e.organizer.address}:
            # A talk between the organizer and the user alone (a screening
            # call): calendars often list only the guest, and the organizer
            # is the one they meet, unless their invitation named others as
            # the panel (see below).
            solo_events.setdefault(e.organizer.address, []).append(e.start)
            consider(Address(e.organizer.name, e.organizer.address), f"calendar organizer{when}")

    # An agency that passes on its client's calendar invitation, neither its
    # organizer nor on its guest list, arranged that talk ("in allegato
    # l'invito che mi hanno mandato"); a screening call of its own shows
    # elsewhere (its own invitation, thanks for the call).
    for m in related:
        if m.from_ is None or m.from_.addr in me:
            continue
        for e in m.events:
            listed = {p.address for p in e.attendees} | (
                {e.organizer.address} if e.organizer else set()
            )
            if (
                e.organizer is not None
                and m.from_.addr not in listed
                and _org(e.organizer.address) != organisation_domain(m.from_.domain)
            ):
                arrangers.add(m.from_.addr)

    for m in [*related, rejection]:
        sent_by_me = bool(m.from_ and m.from_.addr in me)
        if sent_by_me:
            # The user's thanks for a talk, or their mail about the interview
            # they had ("merci pour l'entretien de ce matin"), names its people.
            if any(h.kind in ("thanks", "interview") for h in message_hits(m, ruleset)):
                interview_seen = True
                # A colleague of those thanked, copied in and not named in
                # the text, may be a courtesy copy (an agency's consultant,
                # at a domain of their own, is not that colleague).
                named = named_in_text(m, m.cc) if m.cc else frozenset()
                thanked_domains = {a.domain for a in m.to}
                for a in (*m.to, *m.cc):
                    consider(a, f"thanked by you{_day(m)}")
                    if a in m.to or a.addr in named or a.domain not in thanked_domains:
                        took_part.add(a.addr)
                    else:
                        courtesy.add(a.addr)
            else:
                for a in (*m.to, *m.cc):
                    if senders.is_role(a.addr) and _in_domains(a.addr, domains):
                        roles.append(a.addr)
                    else:
                        # The user wrote to them about it: support for other
                        # evidence ("Pablo y yo" in the rejection), never alone.
                        consider(a, f"you wrote to them{_day(m)}", strong=False)
            continue
        if m.is_auto_reply or m.is_bulk:
            continue
        kinds = {h.kind for h in message_hits(m, ruleset)}
        interview_seen = interview_seen or "interview" in kinds
        if m is not rejection and m.from_ is not None and m.key in linked and writer_absent(m):
            # "Eu não estarei na entrevista": an agency's consultant or an
            # assistant who set the talk up, even when copied on the thanks
            # (see coordinators below).
            absent.add(m.from_.addr)
        if m is not rejection and kinds & {"invitation", "scheduling"} and m.key in linked:
            # An invitation to a talk of this application (or a reminder of
            # it), and a decision after it: the talk was held (a cancelled one
            # is rescheduled or ends the process, and says so).
            interview_seen = True
            if m.from_ is not None:
                inviters.add(m.from_.addr)
            panel = named_panel(m, known)
            if panel is not None:
                for addr in sorted(panel):
                    consider(Address("", addr), f"named for the interview{_day(m)}")
                # It names who leads the talk: they take part; its writer,
                # unless named, only arranged it (an assistant's invitation).
                planned.update(panel)
                # (An agency's recruiter who names the client's panel, at a
                # domain of its own, held a screening call of their own.)
                if (
                    m.from_ is not None
                    and m.from_.addr not in panel
                    and (
                        "invitation" in kinds
                        or m.from_.domain in {p.partition("@")[2] for p in panel}
                    )
                ):
                    arrangers.add(m.from_.addr)
                    if m.date is not None:
                        panel_named_on.setdefault(m.from_.addr, []).append(m.date)
        # Who wrote it: an assistant sends in the name of the one they work
        # for (From: the manager, Sender: the assistant).
        penned = m.sender if m.sender and m.from_ and m.sender.addr != m.from_.addr else m.from_
        if penned is not None:
            if m is not rejection:
                penned_by.setdefault(penned.addr, []).append(m)
            if writer_arranges(m):
                # "Recruiting Coordinator" under the name: arranged the talks.
                arrangers.add(penned.addr)
        if m is not rejection and "thanks" in kinds and m.from_ is not None:
            # "Thanks for the chat this morning" in the first person: the
            # writer was in that talk ("Daniel enjoyed your conversation",
            # a coordinator's report of someone else's, is no thanks).
            took_part.add(m.from_.addr)
            interview_seen = True  # a talk was held: they thank for it
            consider(m.from_, f"spoke with you{_day(m)}")
        # The rejection alone links nobody when others are known: its writer
        # may never have met the user (a CTO passing on the panel's
        # decision). Earlier mail of the process does.
        strong = m.key in linked and m is not rejection
        corresponded = bool(kinds & _INTERVIEW_KINDS) or bool(m.events)
        consider(m.from_, f"wrote to you{_day(m)}", strong)
        corresponded = True
        # Copied on an invitation the employer or agency sent: the panel,
        # possibly the agency's client at a domain of its own.
        invited = (
            "invitation" in kinds and m.from_ is not None and _in_domains(m.from_.addr, domains)
        )
        for a in m.cc:
            consider(a, f"in Cc{_day(m)}", strong, client=strong and invited)
        for a in m.reply_to:
            consider(a, f"Reply-To{_day(m)}", False)
        if m.sender and m.sender != m.from_:
            consider(m.sender, f"Sender{_day(m)}", False)
    relays = False  # the rejection relays a client's note whose writer met the user
    # Domains the application's earlier mail shows (its people, its
    # calendar): read only when the rejection forwards something.
    history_domains = (
        {a.domain for m in related for a in (m.from_, *m.to, *m.cc) if a is not None}
        | {p.address.rpartition("@")[2] for p in people}
        if rejection.forwards
        else set()
    )
    for fwd in rejection.forwards:
        who = _forward_sender(fwd)
        if who is not None and rejection.from_ is not None:
            # A forwarded block is text anyone can type: it names people only
            # at the rejection writer's organisation, or at its own writer's
            # when that is this application's employer or client (a domain the
            # earlier mail shows, or one the rejection's words name).
            inner = _as_message(rejection, fwd, who)
            home = organisation_domain(who.domain)
            writers = organisation_domain(rejection.from_.domain)
            from_client = (
                home == writers
                or who.domain in history_domains
                or _names_domain(f"{rejection.subject}\n{rejection.new_text}", who.domain)
            )
            vouched = {writers, home} if from_client else {writers}
            # A forwarded invitation that names the panel ("Entrevistadores:
            # Marta Puig (...) y Jordi Ferrer (...)"): they lead the talk;
            # its writer, not among them, arranged it.
            panel = named_panel(inner, known)
            if panel and who.addr not in panel:
                arrangers.add(who.addr)
                for addr in [a for a in sorted(panel) if _org(a) in vouched][:10]:
                    planned.add(addr)
                    consider(Address("", addr), f"named in a forwarded invitation{_day(rejection)}")
            # A forwarded note of the decision that names who met the user
            # ("Rachel Ng (...) and Tomasz Wolski (...) met her on Tuesday");
            # not the one it was written to, who is told of the talk.
            addressed = {a.addr for a in inner.to}
            found = sorted(named_interviewers(inner) - addressed - me)
            for addr in [a for a in found if _org(a) in vouched][:10]:
                took_part.add(addr)
                interview_seen = True
                consider(
                    Address("", addr),
                    f"named in the decision forwarded to you{_day(rejection)}",
                    client=True,
                )
        if who is not None:
            # An agency relaying its client's decision, written by someone
            # who speaks of the talk they had with the user ("I enjoyed the
            # interview"), at a domain the application's earlier mail shows
            # or of the company the agency's own words name ("le retour de
            # Kanal Payments"): the client's interviewer. An address in a
            # forwarded block is otherwise no evidence.
            relayed = (
                rejection.from_ is not None
                and who.domain != rejection.from_.domain
                and _in_domains(who.addr, domains)
                and (
                    who.domain in history_domains
                    or _names_domain(f"{rejection.subject}\n{rejection.new_text}", who.domain)
                )
                and speaks_of_own_talk(fwd.text)
            )
            if relayed:
                took_part.add(who.addr)
                interview_seen = relays = True
                # "Moira and I both enjoyed the final interview": a colleague
                # the client's note names and copied, at the client's domain.
                for colleague in _named_copies(fwd, who):
                    took_part.add(colleague.addr)
                    consider(colleague, f"named in the decision forwarded to you{_day(rejection)}")
            consider(
                who,
                f"wrote the decision forwarded to you, of a talk with you{_day(rejection)}"
                if relayed
                else f"forwarded{_day(rejection)}",
                relayed,
            )

    # The rejection names who interviewed the user among its recipients
    # ("your interviews with Daniel Osei (cc'd)", "Sofia, who interviewed you").
    named = named_interviewers(rejection)
    # An agency names its client's interviewers and the client ("your
    # interviews with Orion Labs ... Sofia Ruiz (sofia.ruiz@orionlabs...)"):
    # their domain is the one the rejection names. (Only a writer who speaks
    # of a client: "the client", "mijn opdrachtgever"; read only when someone
    # is named.)
    for_client = bool(named) and _CLIENT.search(normalize(rejection.new_text)) is not None
    words_said = _words_said(rejection, domains) if for_client else set()
    for addr in sorted(named):
        client = for_client and _word_names_domain(
            words_said, organisation_domain(addr.rpartition("@")[2])
        )
        consider(Address("", addr), f"named as your interviewer{_day(rejection)}", client=client)
        took_part.add(addr)
        interview_seen = True

    writer = rejection.from_
    signed = _signed_by(rejection, senders) if writer is not None else None
    if signed is not None:
        # Sent from a shared mailbox and signed by a person with their own
        # address ("busquedas@" ... "Federico Paz | federico.paz@..."): the
        # person wrote it.
        writer = signed
        consider(signed, f"wrote to you from a shared mailbox{_day(rejection)}", False)
    # The rejection's writer may say they were in the talk ("Álvaro and I
    # enjoyed the interview"): then they took part, whoever organised it.
    in_talk = writer_took_part(rejection, strict=True, known=known) if writer is not None else None
    in_talk = _signer_for_mailbox(in_talk, rejection, signed)
    if (
        writer is not None
        and not in_talk
        and _is_person(writer.addr, senders)
        and writer_chairs(rejection)
    ):
        # "Voorzitter selectiecommissie" under the decision: they sat on it.
        in_talk = frozenset({writer.addr})
    if in_talk:
        # "the conversation with Eva and me": a talk was held, with them.
        took_part.update(in_talk)
        interview_seen = True
    met = writer_took_part(rejection, known=known) if writer is not None else None
    met = _signer_for_mailbox(met, rejection, signed) or in_talk
    if met:
        # "our conversation", "ons gesprek": the writer speaks of a talk they
        # were in, so one was held, whoever else took part.
        interview_seen = True
    panel_domains = {a.rpartition("@")[2] for a in attendees - me}
    # The calendar lists who sat in the talks: whoever of the same
    # organisation wrote an invitation and is on none of them (a recruiter's
    # "the team would like to interview you", then a scheduling tool's
    # booking) arranged them. (An agency's recruiter, at a domain of its own,
    # held a screening call of their own.)
    arrangers |= {
        a for a in inviters - attendees - organizers if a.rpartition("@")[2] in panel_domains
    }
    # Taken off the panel: by an updated invitation, or in words (of the
    # people known, and those an invitation wrote out: "Mark Penhale (m.p@…)").
    # Being named on the panel before that does not keep them on it.
    candidates = [*known, *(Address("", a) for a in evidence)]
    # (A note on the panel may be a mail of its own, in no thread; it comes
    # from a person, after the panel was known.)
    panel_known = min(
        (
            m.date
            for m in related
            if m.date is not None and (m.events or (m.from_ and m.from_.addr in inviters))
        ),
        default=None,
    )
    off = _taken_off([*related, rejection]) | {
        a
        for m in related
        if m.from_ is not None
        and m.from_.addr not in me
        and not (m.is_bulk or m.is_auto_reply or senders.is_automated(m.from_.addr))
        and (panel_known is None or m.date is None or m.date >= panel_known)
        for a in taken_off_panel(m, candidates)
    }
    # Someone who would be left out as a coordinator, or as taken off a
    # panel, but whose own earlier mail speaks of a talk they held with the
    # user ("a first call with me", "je vous appelle jeudi", "great chat
    # yesterday"; not its subject: "Re: Entretien lundi" is a coordinator's
    # scheduling thread as often) took part, whatever else they arranged.
    # Read only for them: most writers are neither.
    for addr in ((organizers - attendees - planned) | (arrangers - planned) | off) - took_part:
        if any(_talked(m, m.key in linked) for m in penned_by.get(addr, ())):
            took_part.add(addr)
    # An organizer alone with the user held that talk (a screening call),
    # unless it is the one their earlier invitation named others to lead.
    took_part |= {
        addr
        for addr, starts in solo_events.items()
        if not all(
            s is not None and any(day <= s for day in panel_named_on.get(addr, ())) for s in starts
        )
    }
    # Copied on the user's thanks without being named in it: a courtesy copy
    # to whoever arranged the talk, else someone who sat in it.
    took_part |= courtesy - arrangers - (organizers - attendees)
    coordinators = (organizers - attendees - took_part - planned) | (
        arrangers - took_part - planned
    )
    if writer is not None and writer_absent(rejection):
        # "Yo no estuve en la entrevista": a recruiter passing on the panel's decision.
        coordinators.add(writer.addr)
    # (unless they held a talk of their own: an agency's screening call)
    coordinators |= {
        addr
        for addr in absent
        if not any(
            _talked(m, m.key in linked) for m in penned_by.get(addr, ()) if not writer_absent(m)
        )
    }
    taken_off = off - took_part
    # A guessed address the mail system said does not exist ("550 5.1.1
    # User unknown" to the user's thanks): the person has another one.
    gone = frozenset().union(*(bounced(m) for m in related))
    chosen: list[Interviewer] = []
    for addr, why in evidence.items():
        if addr in gone:
            notes.append(f"{addr}: left out (mail to it bounced: no such mailbox)")
            continue
        if addr in coordinators:
            notes.append(f"{addr}: left out (arranged interviews but never took part)")
            continue
        if addr in taken_off:
            notes.append(f"{addr}: left out (taken off the panel before the talk)")
            continue
        why = why + weak.get(addr, [])
        chosen.append(Interviewer(addr, names.get(addr, ""), tuple(dict.fromkeys(why))))
    if (
        # After an interview, only a writer who speaks of the talk; with no
        # interview (an opt-in application-stage follow-up) the writer is
        # the contact.
        (met or not interview_seen)
        and not chosen
        and writer is not None
        and writer.addr in weak
        and writer.addr not in coordinators
        and "wrote to you" in " ".join(weak[writer.addr])
    ):
        # Nobody else is known (an interview arranged by phone) and the
        # writer speaks of a talk they were in ("meet Priya and me"): they,
        # and whoever those words name among the mail's recipients, are the
        # ones to ask. A recruiter reporting the panel's decision is no
        # interviewer.
        for addr in sorted(met or {writer.addr}):
            if addr == writer.addr or addr in weak or addr in evidence:
                said = "wrote the rejection" if addr == writer.addr else "named in the rejection"
                chosen.append(Interviewer(addr, names.get(addr, ""), (said,)))
        notes.append(f"{writer.addr}: the rejection's writer, as nobody else is known")
    elif in_talk and chosen:
        # Others are known, and the writer puts themself in the talk by name
        # ("thanks for meeting Marta and me"): they, and the recipients those
        # words name, took part too.
        have = {i.address for i in chosen}
        for addr in sorted(in_talk - have):
            if addr in weak and addr not in taken_off:
                said = "wrote the rejection" if writer and addr == writer.addr else "named"
                told = (f"{said}: in the talk", *weak[addr])
                chosen.append(Interviewer(addr, names.get(addr, ""), tuple(dict.fromkeys(told))))
    if (
        relays
        and met
        and writer is not None
        and writer.addr in weak
        and writer.addr not in coordinators
        and writer.addr not in {i.address for i in chosen}
    ):
        # An agency recruiter relaying the client's decision who speaks of
        # their own talk with the user ("after our phone screen"): they
        # interviewed the user too.
        told = ("wrote the rejection: of a talk with you", *weak[writer.addr])
        chosen.append(
            Interviewer(writer.addr, names.get(writer.addr, ""), tuple(dict.fromkeys(told)))
        )
    if (
        not chosen
        and met
        and interview_seen
        and writer is not None
        and senders.is_role(writer.addr)
        and _in_domains(writer.addr, domains)
        and _domain_ok(writer.domain, senders)
    ):
        # A small employer's shared mailbox writes of the talk it held
        # ("thanks for coming in to chat with us"): nobody else to ask.
        roles.append(writer.addr)
    picked = {i.address for i in chosen}
    for addr in sorted(weak.keys() - evidence.keys() - picked):
        # Reply-To, Sender, a quoted block, the rejection alone: no evidence
        # on their own.
        notes.append(f"{addr}: left out (only {', '.join(dict.fromkeys(weak[addr]))})")
    # A public competition's office is administration, never the talk's
    # people: no shared mailbox to stand in for them.
    roles = [r for r in roles if r.partition("@")[0] not in _COMPETITION_OFFICES]
    # Nor when the rejection names a person of the employer among its
    # recipients ("Helen Marsh from HR is copied"): a person, not the
    # mailbox, is who the mail points to, and not one who held the talk.
    # (Also one the text writes out: "our new colleague, Wanda Lie (wanda@...)".)
    spelled = written_addresses(rejection.new_text)
    if any(
        _in_domains(a, domains) and not senders.is_role(a) and a not in me
        for a in (*(x.addr for x in (*rejection.to, *rejection.cc)), *spelled)
    ):
        roles = []
    if not chosen and roles:
        role = roles[-1]
        chosen.append(Interviewer(role, "", ("shared mailbox; no named person found",)))
        notes.append(f"{role}: shared mailbox used, no named person found")
    latest = _latest_by_address([*related, rejection])
    chosen = [_with_thread(i, latest.get(i.address)) for i in chosen]
    chosen.sort(key=lambda i: i.address)
    return chosen, interview_seen, notes


_COMPETITION_OFFICES = frozenset(
    {
        "concursos",
        "concurso",
        "concorsi",
        "concorso",
        "candidates",
        "candidate-services",
        "appointments",
        "recruitment-board",
        "oposiciones",
        "convocatorias",
    }
)


def _talked(msg: Message, linked: bool) -> bool:
    """Does this earlier mail's writer hold a talk of their own with the
    user: set one up ("je vous appelle jeudi"), or, in mail of this
    application, speak of one ("great chat yesterday")?"""
    said = writer_role(msg, talk=linked)
    return said.calls or said.talked


def _names_domain(text: str, domain: str) -> bool:
    """Does the text name the company of this domain, as a capitalised word
    that starts the domain's name ("Orbis" for orbisfin.example, "Kanal"
    for kanalpayments)?"""
    label = registrable_label(domain).replace("-", "")
    words = re.findall(r"\b[A-ZÀ-Ý][\w&-]{3,}", text)
    return any(label.startswith(normalize(w).replace("-", "")) for w in words)


def _forward_sender(fwd: Forward) -> Address | None:
    """The sender of a forwarded mail, as its From line writes it."""
    found = re.search(r"([^<]*)<?([\w.+-]+@[\w.-]+\.\w+)>?", fwd.sender)
    if found is None:
        return None
    return Address(found.group(1).strip().strip('"'), found.group(2).lower())


def _named_copies(fwd: Forward, writer: Address) -> list[Address]:
    """Those copied on a forwarded note, at its writer's domain, whom the
    note names together with its writer ("Moira and I both enjoyed the
    interview", "A Larissa e eu gostamos"); not one named otherwise ("after
    talking it over with Marc", "Olivier will close the vacancy")."""
    text = normalize(fwd.text)
    found = []
    # (a handful at most: a hostile Cc line of thousands costs no more)
    for name, addr in getaddresses([fwd.cc])[:20]:
        a = Address(name, addr.lower())
        first = normalize(name).split()[:1]
        if a.domain != writer.domain or a.addr == writer.addr or not first:
            continue
        n = re.escape(first[0])
        with_me = (
            rf"\b(?:(?:a|o|la|el|de|der|die) )?{n}(?: [a-z-]+)? "
            r"(?:and i|and me|und ich|et moi|e eu|y yo|en ik|e io|ed io)\b|"
            rf"\b(?:i and|ich und|moi et|eu e|yo y|ik en|io e) {n}\b"
        )
        if re.search(with_me, text):
            found.append(a)
    return found


def _org(addr: str) -> str:
    """The organisation's domain of an address."""
    return organisation_domain(addr.rpartition("@")[2])


def _signed_by(msg: Message, senders: Senders) -> Address | None:
    """The one person's address written in the closing lines of a mail sent
    from a shared mailbox of the same organisation; None otherwise."""
    if msg.from_ is None or not senders.is_role(msg.from_.addr):
        return None
    home = organisation_domain(msg.from_.domain)
    lines = [ln for ln in f"{msg.new_text}\n{msg.signature}".splitlines() if ln.strip()][-6:]
    found = {
        a.lower()
        for ln in lines
        # a signature's line ("Federico Paz | federico.paz@..."), not a sentence
        if len(ln.split()) <= 12 and not ln.rstrip().endswith((".", ":", ";"))
        for a in written_addresses(ln)
        if _org(a) == home
    }
    people = [a for a in found if _is_person(a, senders) and is_mailbox(a, utf8=True)]
    return Address("", people[0]) if len(people) == 1 else None


def _signer_for_mailbox(
    found: frozenset[str] | None, msg: Message, signed: Address | None
) -> frozenset[str] | None:
    """The people a mail's words put in the talk, its signer for the shared
    mailbox it was sent from (the words are the signer's)."""
    if not found or signed is None or msg.from_ is None:
        return found
    return frozenset(signed.addr if a == msg.from_.addr else a for a in found)


def _as_message(outer: Message, fwd: Forward, sender: Address) -> Message:
    """A forwarded mail as a message of its own: its writer, its To and Cc
    lines (a handful at most) and its text."""
    to = [Address(n, a.lower()) for n, a in getaddresses([fwd.to])[:20] if "@" in a]
    cc = [Address(n, a.lower()) for n, a in getaddresses([fwd.cc])[:20] if "@" in a]
    return replace(
        outer,
        from_=sender,
        sender=None,
        reply_to=(),
        to=tuple(to),
        cc=tuple(cc),
        new_text=fwd.text,
        signature="",
        forwards=(),
        events=(),
    )


def _forward_senders(msg: Message) -> list[Address]:
    """The named senders of the mails a message forwards ("Miriam Koch
    <miriam.koch@...>")."""
    return [a for a in map(_forward_sender, msg.forwards) if a is not None and a.name]


def _latest_by_address(messages: Sequence[Message]) -> dict[str, Message]:
    """For each address, the latest message it sent, received or was copied
    on (one pass: linear in participants, however many a hostile mail has)."""
    latest: dict[str, Message] = {}
    for m in messages:
        if not m.message_id:
            continue
        for a in m.participants:
            seen = latest.get(a.addr)
            if seen is None or (m.date and seen.date and m.date >= seen.date):
                latest[a.addr] = m
    return latest


def _with_thread(person: Interviewer, latest: Message | None) -> Interviewer:
    """Attach the latest message with this person, for threading a follow-up."""
    if latest is None:
        return person
    return Interviewer(
        person.address,
        person.name,
        person.evidence,
        latest.message_id,
        tuple([*latest.references, latest.message_id or ""][-20:]),
        latest.subject,
    )


def _thread_ids(msg: Message) -> list[str]:
    return [msg.key, *msg.references, *([msg.in_reply_to] if msg.in_reply_to else [])]
