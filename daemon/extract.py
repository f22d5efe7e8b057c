"""Who interviewed the user, for which company and position: pure extraction.

Input: the rejection, its verdict, the related history (already fetched by a
`daemon.history` source), the user's addresses and the sender lists. Output:
an `Extraction` value. No I/O, no clock.

Invariants (checked by tests over the labelled corpus):
- An interviewer is never one of the user's addresses, never an automated
  address (no-reply, notifications, ATS, scheduling or video tools), never at a
  consumer mail domain, and always at one of the employer's domains (its own,
  or the agency that handled the application).
- A calendar organizer who never attends (a coordinator) is not an interviewer,
  even if they sent the rejection, unless the user thanked them for a talk or
  they wrote of a talk they had with the user. Attendees dropped by a later SEQUENCE of the
  same event are not interviewers.
- A role mailbox (jobs@, careers@, ...) is used only when no named person of
  that employer exists anywhere in the history, and then only one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import timedelta

from daemon.classify import Verdict, message_hits
from daemon.history import HistorySource, Query, organisation_domain, registrable_label
from daemon.ics import Event
from daemon.matching import HONORIFICS, normalize
from daemon.message import Address, Message, is_mailbox
from daemon.panel import named_interviewers, named_panel, writer_absent, writer_took_part
from daemon.rules import RuleSet, Senders


@dataclass(frozen=True)
class Interviewer:
    address: str
    name: str
    evidence: tuple[str, ...]
    # The last conversation with this person, for threading a follow-up.
    last_message_id: str | None = None
    last_references: tuple[str, ...] = ()
    last_subject: str = ""


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


# ---------------------------------------------------------------------------
# Company and position

_ORG_SUFFIX = re.compile(
    r"\s*(?:[-|–,:]\s*)?\b(?:recruiting|recruitment|careers?|talent(?: acquisition)?|"
    r"hiring(?: team)?|"
    r"hr|jobs?|people(?: team)?|people ops|team|notifications?|no-?reply|talents|"
    r"recrutement|rh|karriere|personalabteilung|bewerbermanagement|personalwesen|"
    r"human resources|recursos humanos|ressources humaines|people & culture|"
    r"reclutamiento|empleo|seleccion|werving)\b.*$",
    re.IGNORECASE,
)
_VIA = re.compile(r"\s+\(?(?:via|through|by|on behalf of)\s+.*$", re.IGNORECASE)
# "Agency im Auftrag der Client GmbH": the client is the employer.
_FOR_CLIENT = re.compile(
    r"^.*?\s(?:im auftrag (?:der|des|von)|for and on behalf of|pour le compte de|en nombre de|"
    r"namens|in opdracht van)\s+",
    re.IGNORECASE,
)
# A "company" that is a job title or a word for the process is none.
_NOT_A_COMPANY = re.compile(
    r"\b(?:position|stelle|bewerbung|application|candidature|candidatura|sollicitatie|vacature|"
    r"vacancy|job-id|ref\.?|ingenieur|engineer|manager|analyst)\b",
    re.IGNORECASE,
)
_LEGAL = {
    "gmbh",
    "ag",
    "inc",
    "ltd",
    "llc",
    "sa",
    "sas",
    "sarl",
    "bv",
    "nv",
    "plc",
    "co",
    "se",
    "kg",
}
_SUBJECT_COMPANY = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"\b(?:application|candidacy|interviews?)\s+(?:to|at|with)\s+(?P<c>[^:|\-–(]+?)\s*$",
        r"\bupdate from\s+(?P<c>[^:|\-–(]+?)\s*$",
        r"^(?P<c>[^:]+?):\s+(?:an update|update|decision)\b",
        r"\bat\s+(?P<c>(?-i:[A-Z])[^:|\-–(]+?)\s*$",
        # German takes an article before a firm's legal name ("bei der X GmbH").
        r"\b(?:chez|bei(?: der| dem| den)?|en)\s+(?P<c>(?-i:[A-ZÀ-Ý])[^:|\-–(]+?)\s*$",
        r"\b(?:proceso|candidatura|solicitud|postulaci[oó]n|candidature|Bewerbung|sollicitatie)\s+"
        r"(?:con|en|para|chez|aupr[eè]s de|bei(?: der| dem| den)?|bij)\s+"
        r"(?P<c>(?-i:[A-ZÀ-Ý])[^:|\-–(]+?)\s*(?:\(.*)?$",
    )
]
# A subject that names whose feedback this is ("Feedback Pfeiffer Pharma",
# "Retour de Calanque Pharma", "Ostara Health – feedback"): an agency passing
# on its client's decision names the employer there, whoever writes.
_SUBJECT_CLIENT = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^(?:(?:fw|fwd|tr|wg|re|aw|rv|antw)\s*:\s*)*(?:feedback|retour|terugkoppeling|"
        r"r[üu]ckmeldung|retroalimentaci[oó]n|respuesta|novedades|outcome|news)"
        r"(?:\s+(?:del\s+)?proceso)?(?:\s+(?:from|de la|des|du|de|d'|van|von|vom|der|del|of|aus))?"
        r"\s*(?P<c>(?-i:[A-ZÀ-Ý])[^:|\-–(]+?)\s*(?:[-–:]\s.*)?$",
        # "Your Cobalt Ledger application", "Update on your application – Alpine Hotels"
        r"^(?:(?:re|fw|fwd)\s*:\s*)*your (?P<c>(?-i:[A-ZÀ-Ý])[^:|\-–(]+?) application\b",
        r"^(?!(?:re|fw|fwd|aw|wg|tr|rv|sv|antw)\s*:)(?P<c>(?-i:[A-ZÀ-Ý])[^:|\-–(]+?):\s+"
        r"your application\b",
        r"^(?:(?:fw|fwd|tr|wg|re|aw)\s*:\s*)*(?P<c>(?-i:[A-ZÀ-Ý])[^:|]+?)\s*[-–]\s*"
        r"(?:feedback|retour|r[üu]ckmeldung|terugkoppeling|retroalimentaci[oó]n|respuesta|"
        r"response|antwort|antwoord|reponse)\s*$",
    )
]
_NAME = r"[A-ZÀ-Ý][\w&'-]*(?: (?:& )?[A-ZÀ-Ý][\w&'-]*){0,3}"
_BODY_COMPANY = [
    re.compile(p)
    for p in (
        rf"\binterest in (?:career opportunities at |joining |working at )?(?P<c>{_NAME})",
        rf"\b(?:heard back from|applying to|applied to|application to|role at|position at|"
        rf"opening at) (?P<c>{_NAME})",
        # A recruiter or HR service writing for its client names it.
        rf"\b(?i:im Auftrag (?:der|des)|(?:for and )?on behalf of|pour le compte de|"
        rf"[ae]n? nombre de|namens|in opdracht van) (?P<c>{_NAME})",
        # Spanish "en" only after words that take an employer ("en" is "and" in Dutch).
        rf"\b(?:Interesse an der|chez|(?:trabajar|puesto|vacante|candidatura|solicitud|"
        rf"proceso|interés) en) (?P<c>{_NAME})",
    )
]
_POSITION = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"\b(?:for|as|to) the (?:position|role) of (?P<p>[^.,;\n]{3,80})",
        r"\bfor the (?P<p>[^.,;\n]{3,80}?) (?:role|position|opening)\b",
        r"\b(?:position|role) (?:of|as) (?P<p>[^.,;\n]{3,80})",
        r"\bau poste de (?P<p>[^.,;\n]{3,80})",
        # German "als" only after a noun for the job ("als" is "as"/"if" in Dutch).
        r"\b(?:Stelle|Position|Bewerbung|Tätigkeit) als (?P<p>[^.,;\n]{3,80}?)(?: bei| und|\.|,|$)",
        r"\b(?:puesto de|para) (?P<p>[^.,;\n]{3,80}?) en\b",
    )
]
_SUBJECT_POSITION = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"\b(?:application|candidature|candidatura|Bewerbung)(?: for| als| pour| para| -|:)\s+"
        r"(?P<p>[^|:]{3,80}?)(?:\s+(?:at|bei|chez|en)\s+.*)?$",
        r"^(?:re:\s*)?(?P<p>[^:|]{3,80}?)\s*"
        r"(?:[-–:]\s*(?:update|next steps|an update|decision))\s*$",
        r"^(?:re:\s*)?(?:thank you|interview|entrevista)\s*[-–:]\s*(?P<p>.{3,80})$",
    )
]


def clean_company(name: str) -> str:
    name = _FOR_CLIENT.sub("", name)
    name = _VIA.sub("", name)
    name = _ORG_SUFFIX.sub("", name).strip(" -|,:")
    return name


def _looks_like_person(addr: Address) -> bool:
    """Display name that is the person behind the local part ("Ayşe Abara" / ayse.abara)."""
    if not addr.name:
        return False
    tokens = [t for t in re.split(r"[^a-z]+", normalize(addr.name)) if t]
    local = normalize(addr.local)
    return len(tokens) >= 1 and any(len(t) >= 3 and t in local for t in tokens)


def _distinctive_words(company: str | None) -> list[str]:
    """Words that can stand for the company in a domain: its first word of 4+
    letters, and its initials when it has three words or more."""
    tokens = [t for t in _name_tokens(company) if t.isalpha()] if company else []
    out = [tokens[0]] if tokens and len(tokens[0]) >= 4 else []
    if len(tokens) >= 3:
        out.append("".join(t[0] for t in tokens))
    return out


def _company_domains(
    messages: Iterable[Message],
    company: str | None,
    mine: set[str],
    senders: Senders,
    beyond: frozenset[str] = frozenset(),
) -> list[str]:
    """Domains in these messages (people and calendar attendees) that are the
    company's. A domain in `beyond` (the rejection's sender's: an ATS, an HR
    service) counts only by its own name, never because a sender there signs
    with the company's."""
    found = []
    words = {t for t in _name_tokens(company or "") if len(t) >= 4} - _GENERIC_NAME_WORDS
    for m in messages:
        addresses = [(a.addr, a.name) for a in m.participants]
        addresses += [(p.address, "") for e in m.events for p in e.attendees]
        for addr, name in addresses:
            domain = addr.rpartition("@")[2]
            if addr in mine or not _domain_ok(domain, senders):
                continue
            # The domain bears the company's name, or a sender there signs
            # with it ("Leitner Pumpen – Bewerbermanagement" at lpx-group).
            named = bool(words) and domain not in beyond and words <= set(_name_tokens(name))
            if domain_matches_company(domain, company) or named:
                found.append(domain)
    return list(dict.fromkeys(found))


def _name_tokens(company: str) -> list[str]:
    return [t for t in re.split(r"[^a-z0-9]+", normalize(company)) if t and t not in _LEGAL]


# Words many company names share: never enough to tie a domain to a name.
_GENERIC_NAME_WORDS = frozenset(
    [
        "group",
        "groupe",
        "gruppe",
        "holding",
        "holdings",
        "international",
        "global",
        "services",
        "service",
        "solutions",
        "consulting",
        "conseil",
        "partners",
        "systems",
        "technologies",
        "technology",
        "tech",
        "digital",
        "labs",
        "lab",
        "studio",
        "studios",
        "company",
        "companies",
        "mutuelle",
        "bank",
        "banque",
        "banco",
        "sociedad",
        "stichting",
        "stiftung",
        "verein",
        "association",
        "fondation",
        "fundacion",
        "foundation",
        "institut",
        "institute",
    ]
)


def domain_matches_company(domain: str, company: str | None) -> bool:
    """Is this domain the company's? Its name starts the domain's name
    ("Orvane Labs" / orvane.example), the domain's name starts the company's
    ("zlg" no: too short; "tulpdata" / Tulpdata B.V.), or a distinctive word of
    the name is part of the domain's ("Mutuelle Kermès" / kermes-mutuelle)."""
    if not company:
        return False
    label = registrable_label(domain).replace("-", "")
    tokens = _name_tokens(company)
    if not tokens:
        return False
    compact = "".join(tokens)
    first = next((t for t in tokens if t not in _GENERIC_NAME_WORDS), "")
    initials = "".join(t[0] for t in tokens if t.isalpha())
    return (
        (len(first) >= 3 and label.startswith(first))
        # "Halewood Foods Group" / hfg-plc.example
        or (len(initials) >= 3 and label.startswith(initials))
        or (compact.startswith(label) and len(label) >= 4)
        or any(len(t) >= 5 and t not in _GENERIC_NAME_WORDS and t in label for t in tokens)
    )


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


def _company_candidates(msg: Message, presentable: bool = False) -> Iterator[str]:
    """Company names a message suggests, best first; made as they are asked
    for (the first good one ends the search, usually from the subject).
    `presentable`: as a follow-up should name it (see `company_name`)."""
    for rx in _SUBJECT_COMPANY:
        m = rx.search(msg.subject)
        if m:
            yield clean_company(m.group("c"))
    text = msg.new_text + "\n" + "\n".join(f.text for f in msg.forwards)
    for rx in _BODY_COMPANY:
        m = rx.search(text)
        if m:
            yield clean_company(m.group("c"))
    for a in (msg.from_, msg.sender, *msg.reply_to):
        if a and a.name and not _looks_like_person(a):
            if presentable and _signed_by(msg, a.name):
                continue
            yield clean_company(a.name)
    sig = msg.signature or "\n".join(text.strip().split("\n")[-3:])
    for line in sig.split("\n")[:4]:
        parts = [p.strip() for p in re.split(r"\s[|,]\s|,\s", line) if p.strip()]
        # "Quellwerk Software GmbH, Leipzig": the part with a legal form, not the city
        legal = [p for p in parts if _LEGAL & set(re.findall(r"[a-z]+", normalize(p)))]
        last = legal[0] if legal and presentable else parts[-1] if parts else ""
        if (
            len(parts) >= 2
            and not re.search(r"\d{3}", last)
            and last[:1].isupper()
            and len(last.split()) <= 5
        ):
            yield clean_company(last)


def _signed_by(msg: Message, name: str) -> bool:
    """Is this display name the writer's own, as the mail signs it ("Sarah
    Kim" over "Sarah Kim" or "Sarah" at the end; "Mag. Verena Steiner")? An
    ATS sends in the name of a person: no company."""
    if re.match(rf"(?i)\s*(?:{HONORIFICS})\.?\s", name):
        return True
    # "Katrin Albers (über Bewerbungsportal)": the name before the note
    tokens = re.findall(r"[a-z]+", normalize(re.sub(r"\(.*?\)", "", name)))
    if not 1 <= len(tokens) <= 3:
        return False
    closing = f"{msg.new_text.strip()}\n{msg.signature or ''}".strip().split("\n")
    tail = [re.findall(r"[a-z]+", normalize(ln)) for ln in closing[-10:]]
    # signed with the whole name, or the first name alone ("Mo")
    return any(words in (tokens, tokens[:1]) for words in tail if words)


def company_from_domain(domain: str) -> str:
    return " ".join(w.capitalize() for w in registrable_label(domain).split("-"))


# Small words inside company names that domains drop ("Lácteos del Bajío" at
# lacteosbajio.example, "Mercadito Verde" at mercaditoverde.example).
_NAME_PARTICLES = {
    "de",
    "del",
    "la",
    "le",
    "les",
    "des",
    "du",
    "van",
    "der",
    "von",
    "y",
    "et",
    "and",
    "und",
    "en",
    "&",
    "of",
    "the",
    "los",
    "las",
    "di",
    "da",
}
_NAME_WORD = (
    r"(?:[A-ZÀ-ÖØ-Þ][\w'’.&-]*|(?:de|del|la|le|les|des|du|van|der|von|y|et|and|und|en|of|the|"
    r"los|las|di|da)\b|&)"
)
_NAME_RUN = re.compile(rf"{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,5}}")


def _letters(word: str) -> str:
    """A word as a domain spells it: "Sølvberg" -> "solvberg", "Möller" -> "moller"."""
    w = normalize(word.translate(_DOMAIN_SPELLING))
    return re.sub(r"[^a-z0-9]", "", w)


_DOMAIN_SPELLING = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "Æ": "Ae",
        "å": "a",
        "Å": "A",
        "ł": "l",
        "Ł": "L",
        "œ": "oe",
        "Œ": "Oe",
        "ß": "ss",
    }
)
# Parts of a domain's name that are no part of the company's ("werkenbij-",
# "-karriere", "mail-").
_DOMAIN_EXTRAS = {
    "werkenbij",
    "werken",
    "jobs",
    "job",
    "careers",
    "career",
    "karriere",
    "mail",
    "recruiting",
    "empleo",
    "emploi",
    "bewerbung",
    "talent",
    "hr",
    "rh",
    "rrhh",
}


def company_written_as(domain: str, text: str) -> str | None:
    """How the text writes the company the domain names: "Banco Meridiano"
    for bancomeridiano.example, "Möller Fracht GmbH" for moellerfracht,
    "Pasta del Sol" for pastadelsol, "Transportes Mediterráneo" for
    tmediterraneo (initials, then words), in capitalised words (small
    particles allowed between them). None when the text never writes it."""
    parts = [p for p in registrable_label(domain).split("-") if p not in _DOMAIN_EXTRAS]
    spelled = "".join(parts)
    # German domains spell umlauts "ue": "brueckenwerk" is "Brückenwerk".
    labels = {spelled, re.sub(r"(?<=[a-z])([aou])e", r"\1", spelled)}
    if len(spelled) < 3:
        return None
    for run in _NAME_RUN.finditer(text):
        words = run.group(0).split()
        for start in range(len(words)):
            found = _spelled_from(words, start, labels)
            if found:
                return found
    return None


def _spelled_from(words: list[str], start: int, labels: set[str]) -> str | None:
    """The name starting at words[start] that a domain label spells (see
    `company_written_as`), with a legal form that follows it."""
    for keep_particles in (False, True):
        if not keep_particles and words[start].lower() in _NAME_PARTICLES:
            continue
        # (position in `words`, word) of the name's words
        names = [
            (n, w)
            for n, w in enumerate(words[start:], start)
            if keep_particles or w.lower() not in _NAME_PARTICLES
        ]
        for j in range(1, len(names) + 1):
            for k in range(j + 1):  # initials of the first k, then spelled out
                letters = "".join(_letters(w)[:1] for _, w in names[:k])
                letters += "".join(_letters(w) for _, w in names[k:j])
                if letters in labels and (k < j or j >= 2):
                    end = names[j - 1][0] + 1
                    name = " ".join(words[start:end])
                    tail = words[end : end + 1]
                    if tail and normalize(tail[0]).strip(".") in _LEGAL:
                        name += " " + tail[0]
                    return name.strip(" ,.")
    return None


def company_name(msg: Message, senders: Senders) -> str | None:
    """The employer as a follow-up and the digest should name it: the client
    an agency's subject names ("Feedback Pfeiffer Pharma"), never the display
    name of the person an ATS writes for ("Sarah Kim"), the firm in a
    signature rather than its city. `find_company` stays the key that finds
    the employer's domains and history (what the interviewer lookup was
    measured with)."""
    for rx in _SUBJECT_CLIENT:
        m = rx.search(msg.subject)
        if m and not _NOT_A_COMPANY.search(m.group("c")):
            return clean_company(m.group("c"))
    return find_company(msg, senders, presentable=True)


def find_company(msg: Message, senders: Senders, *, presentable: bool = False) -> str | None:
    """Best-effort employer name: display name, subject, body, signature, domain.

    When a person writes from their employer's domain, a name that matches
    that domain wins over the first one found (which may be an agency in
    Reply-To, or a word the patterns took for a name)."""
    sender = msg.from_
    own_domain = (
        sender.domain
        if sender and not senders.is_automated(sender.addr) and _domain_ok(sender.domain, senders)
        else None
    )
    first = None
    for c in _company_candidates(msg, presentable):
        if not c or len(c) < 2 or re.fullmatch(r"(?i)the|we|our|your|us", c):
            continue
        if _NOT_A_COMPANY.search(c):
            continue
        if own_domain is None or domain_matches_company(own_domain, c):
            return c
        first = first or c
    if first:
        return first
    if sender is not None and _domain_ok(sender.domain, senders):
        # Even a no-reply at the employer's own host names the employer; as
        # the mail writes it when it does ("Banco Meridiano"), else from the
        # domain ("Bancomeridiano").
        domain = organisation_domain(sender.domain)
        text = f"{msg.subject}\n{msg.new_text}\n{msg.signature or ''}"
        return company_written_as(domain, text) or company_from_domain(domain)
    return None


# Where a position read from running text ends: the verb or clause after it
# ("au poste de chargé d'études a retenu notre attention").
_POSITION_END = re.compile(
    r"\s+(?:a|ont|est|sont|n'a|qui|que|dont|has|have|had|was|were|is|will|and we|but|mais|"
    r"hat|haben|wurde|ist|ha|han|fue|es|heeft|is|werd)\s.*$",
    re.IGNORECASE,
)


def find_position(msg: Message) -> str | None:
    subject = re.sub(r"^(?:(?:re|fwd?|aw|tr|wg)\s*:\s*)+", "", msg.subject, flags=re.IGNORECASE)
    for rx in _SUBJECT_POSITION:
        m = rx.search(subject)
        if m:
            return m.group("p").strip(" -–:")
    for rx in _POSITION:
        m = rx.search(msg.new_text)
        if m:
            return _POSITION_END.sub("", m.group("p")).strip()
    return None


# ---------------------------------------------------------------------------
# History and interviewers


def _is_person(addr: str, senders: Senders) -> bool:
    return not senders.is_automated(addr) and not senders.is_role(addr)


def _domain_ok(domain: str, senders: Senders) -> bool:
    return not senders.is_consumer(domain) and not senders.is_machine_domain(domain)


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
    said = set(re.findall(r"[a-z0-9]+", normalize(f"{rejection.subject}\n{rejection.new_text}")))
    # Words of the sender's own domains name the sender, not a client:
    # "Solene Studio" at solene-studio.example says nothing of solene-studio.com.
    own = "".join(registrable_label(d).replace("-", "") for d in known)
    said = {w for w in said if w not in own}
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
            label = registrable_label(domain)
            words = set(label.split("-")) - _GENERIC_NAME_WORDS - _LEGAL
            compact = label.replace("-", "")
            # "assurances-boreal" (Boréal), or "grupoalcora" (Grupo Alcora)
            if any(len(w) >= 4 and w in said for w in words) or any(
                len(w) >= 5 and w not in _GENERIC_NAME_WORDS and w in compact for w in said
            ):
                found.append(domain)
    return list(dict.fromkeys(found))


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
    arrangers: set[str] = set()  # wrote an invitation that names others as the panel
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
            if p.cutype not in ("INDIVIDUAL", "") or p.role == "NON-PARTICIPANT":
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
            # is the one they meet; nobody else could be.
            took_part.add(e.organizer.address)
            consider(Address(e.organizer.name, e.organizer.address), f"calendar organizer{when}")

    for m in [*related, rejection]:
        sent_by_me = bool(m.from_ and m.from_.addr in me)
        if sent_by_me:
            # The user's thanks for a talk, or their mail about the interview
            # they had ("merci pour l'entretien de ce matin"), names its people.
            if any(h.kind in ("thanks", "interview") for h in message_hits(m, ruleset)):
                interview_seen = True
                for a in (*m.to, *m.cc):
                    consider(a, f"thanked by you{_day(m)}")
                    took_part.add(a.addr)
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
        if m is not rejection and "invitation" in kinds and m.key in linked:
            # An invitation to a talk of this application, and a decision
            # after it: the talk was held (a cancelled one is rescheduled or
            # ends the process, and says so).
            interview_seen = True
            panel = named_panel(m, known)
            if panel is not None:
                for addr in sorted(panel):
                    consider(Address("", addr), f"named for the interview{_day(m)}")
                # It names who leads the talk: they took part; its writer,
                # unless named, only arranged it (an assistant's invitation).
                took_part.update(panel)
                if m.from_ is not None and m.from_.addr not in panel:
                    arrangers.add(m.from_.addr)
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
    for fwd in rejection.forwards:
        found = re.search(r"([^<]*)<?([\w.+-]+@[\w.-]+\.\w+)>?", fwd.sender)
        if found:
            consider(
                Address(found.group(1).strip().strip('"'), found.group(2).lower()),
                f"forwarded{_day(rejection)}",
                False,
            )

    # The rejection names who interviewed the user among its recipients
    # ("your interviews with Daniel Osei (cc'd)", "Sofia, who interviewed you").
    for addr in sorted(named_interviewers(rejection)):
        consider(Address("", addr), f"named as your interviewer{_day(rejection)}")
        took_part.add(addr)
        interview_seen = True

    writer = rejection.from_
    # The rejection's writer may say they were in the talk ("Álvaro and I
    # enjoyed the interview"): then they took part, whoever organised it.
    in_talk = writer_took_part(rejection, strict=True, known=known) if writer is not None else None
    if in_talk:
        # "the conversation with Eva and me": a talk was held, with them.
        took_part.update(in_talk)
        interview_seen = True
    met = writer_took_part(rejection, known=known) if writer is not None else None
    coordinators = (organizers - attendees - took_part) | (arrangers - took_part)
    if writer is not None and writer_absent(rejection):
        # "Yo no estuve en la entrevista": a recruiter passing on the panel's decision.
        coordinators.add(writer.addr)
    taken_off = _taken_off([*related, rejection]) - took_part
    chosen: list[Interviewer] = []
    for addr, why in evidence.items():
        if addr in coordinators:
            notes.append(f"{addr}: left out (arranged interviews but never took part)")
            continue
        if addr in taken_off:
            notes.append(f"{addr}: left out (taken off the panel by an updated invitation)")
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
    if not chosen and roles:
        role = roles[-1]
        chosen.append(Interviewer(role, "", ("shared mailbox; no named person found",)))
        notes.append(f"{role}: shared mailbox used, no named person found")
    latest = _latest_by_address([*related, rejection])
    chosen = [_with_thread(i, latest.get(i.address)) for i in chosen]
    chosen.sort(key=lambda i: i.address)
    return chosen, interview_seen, notes


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
    clients = client_domains(rejection, related, [*primary, *agency], mine, senders)
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
        company=company_name(rejection, senders) or company,
        position=find_position(rejection)
        or next((p for m in reversed(related) if (p := find_position(m))), None),
        stage=stage,
        employer_domains=(*primary, *agency),
        interviewers=tuple(interviewers),
        related=tuple(m.key for m in related),
        contacts=tuple(contacts),
        notes=tuple(notes),
    )
