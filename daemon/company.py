"""The employer and the position a mail names: pure.

Two names: `find_company` is the key that finds the employer's domains and
history (what the interviewer lookup is measured with); `company_name` is
the name a follow-up and the digest say (the client an agency's subject
names, never the display name of the person an ATS writes for, the firm in a
signature rather than its city, the domain's name as the mail writes it).

(Over 400 lines: most of it is the per-language subject, body and signature
patterns and the lists of generic and legal words; the code is small.)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from daemon.history import organisation_domain, registrable_label
from daemon.matching import HONORIFICS, normalize
from daemon.message import Address, Message
from daemon.ownership import letterhead
from daemon.rules import Senders


def _is_person(addr: str, senders: Senders) -> bool:
    return not senders.is_automated(addr) and not senders.is_role(addr)


def _domain_ok(domain: str, senders: Senders) -> bool:
    return not senders.is_consumer(domain) and not senders.is_machine_domain(domain)


# ---------------------------------------------------------------------------
# Company and position

_ORG_SUFFIX = re.compile(
    r"\s*(?:[-|–,:]\s*)?\b(?:recruiting|recruitment|careers?|talent(?: acquisition)?|"
    r"hiring(?: team)?|"
    r"hr|jobs?|people(?: team)?|people ops|team|notifications?|no-?reply|talents|"
    r"recrutement|rh|karriere|personalabteilung|bewerbermanagement|personalwesen|"
    r"human resources|recursos humanos|ressources humaines|people & culture|"
    r"reclutamiento|empleo|seleccion|werving|recrutamento|reclutamento|selezione|"
    r"risorse umane|personeelszaken|rekrutierung)\b.*$",
    re.IGNORECASE,
)
_VIA = re.compile(
    r"\s+\(?(?:via|vía|über|through|by|on behalf of|tramite|através de|par)\s+.*$", re.IGNORECASE
)
# "Agency im Auftrag der Client GmbH": the client is the employer.
_FOR_CLIENT = re.compile(
    r"^.*?\s(?:im auftrag (?:der|des|von)|for and on behalf of|pour le compte de|en nombre de|"
    r"namens|in opdracht van)\s+",
    re.IGNORECASE,
)
# A "company" that is a job title or a word for the process is none.
# (Job titles too: "Tu candidatura para Analista de Logística" names the post.)
_NOT_A_COMPANY = re.compile(
    r"\b(?:position|stelle|bewerbung|application|candidature|candidatura|sollicitatie|vacature|"
    r"vacancy|job-id|ref\.?|ingenieur|engineer|manager|analyst|analista|analist|responsable|"
    r"responsabile|respons[aá]vel|ingenier[oa]|ingegnere|engenheir[oa]|t[eé]cnic[oa]|technicien|"
    r"coordinador[a]?|coordinatore|coordenador[a]?|planificador[a]?|pianificat(?:ore|rice)|"
    r"especialista|specialista|specialist|asistente|assistente|enfermer[oa]|infermier[ea]|"
    r"desarrollador[a]?|sviluppatore|desenvolvedor[a]?|sachbearbeiter(?:in)?|referent(?:in)?|"
    r"medewerker|adviseur|beleidsmedewerker)\b|"
    # a person addressed by title: "Rückmeldung Frau Saar", "Candidature de Mme Roux"
    r"^(?:frau|herr|herrn|mr|mrs|ms|mme|mlle|sra|srta|dott|dott\.ssa|dhr|mevr|mw)\.? [a-zà-ý]",
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
    "lda",
    "sl",
    "srl",
    "spa",
    "bvba",
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


# "Service RH – Université de Valmont": the department before the employer.
_DEPARTMENT_FIRST = re.compile(
    r"^(?:service|departement|département|dienst|abteilung|afdeling|ufficio|servicio|departamento|"
    r"people team|hr team)\s+(?:rh|du personnel|des ressources humaines|recrutement|personal|hr|"
    r"risorse umane|recursos humanos|selecci[oó]n|personeelszaken|p&o)\s*[-–|,:]\s*"
    # ... or written straight before it: "Recursos Humanos Valverde"
    r"|^(?:recursos humanos|human resources|ressources humaines|risorse umane|rh|hr)\s+"
    r"(?:de |del |da |do |di |of |at )?(?=(?-i:[A-ZÀ-Ý]))",
    re.IGNORECASE,
)


def clean_company(name: str) -> str:
    name = _DEPARTMENT_FIRST.sub("", name)
    name = _FOR_CLIENT.sub("", name)
    name = _VIA.sub("", name)
    name = _ORG_SUFFIX.sub("", name).strip(" -|,:")
    return name


def _looks_like_person(addr: Address) -> bool:
    """Display name that is the person behind the local part ("Ayşe Abara" / ayse.abara)."""
    if not addr.name:
        return False
    # (the name without its department: "Ferragens do Douro – Recrutamento"
    # at recrutamento@ is no person)
    tokens = [t for t in re.split(r"[^a-z]+", normalize(clean_company(addr.name))) if t]
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
        # An address the writer spells out ("our manager Ms. Rao (rao@...)"),
        # counted only where its domain bears the company's name.
        addresses += [(a.lower(), "") for a in _WRITTEN.findall(m.new_text)]
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


_WRITTEN = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


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
    head = letterhead(msg.new_text)
    if head:
        yield clean_company(head)
    for a in (msg.from_, msg.sender, *msg.reply_to):
        if a and a.name and not _looks_like_person(a):
            if presentable and _signed_by(msg, a.name):
                continue
            yield clean_company(a.name)
    yield from _signature_candidates(msg, presentable)


def _signature_candidates(msg: Message, presentable: bool = False) -> Iterator[str]:
    """The company a signature line may name ("Quellwerk Software GmbH,
    Leipzig"): a guess, after everything the subject and text say."""
    text = msg.new_text + "\n" + "\n".join(f.text for f in msg.forwards)
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
            # a sentence's last clause ("If a role opens, I'll reach out.")
            # is no firm, "Acme Ltd." is
            and not re.search(r"(?:^|\s)[a-z]\S*[.!?]$", last)
            and "'" not in last
        ):
            yield clean_company(last)


def _signed_by(msg: Message, name: str) -> bool:
    """Is this display name the writer's own, as the mail signs it ("Sarah
    Kim" over "Sarah Kim" or "Sarah" at the end; "Mag. Verena Steiner")? An
    ATS sends in the name of a person: no company."""
    if re.match(rf"(?i)\s*(?:{HONORIFICS})\.?\s", name):
        return True
    # "Katrin Albers (über Bewerbungsportal)": the name before the note
    # ("James O'Connor via Helix Careers": the name before the tool)
    tokens = re.findall(r"[a-z]+", normalize(_VIA.sub("", re.sub(r"\(.*?\)", "", name))))
    if not 1 <= len(tokens) <= 3:
        return False
    closing = f"{msg.new_text.strip()}\n{msg.signature or ''}".strip().split("\n")
    # (a signature line may go on after the name: "Sofia Antunes | Valverde")
    tail = [re.findall(r"[a-z]+", normalize(ln.split(" | ")[0])) for ln in closing[-10:]]
    # A name the text also writes in a sentence ("your interest in Flevo Fresh
    # Distributie") is the firm's, signing as itself.
    said = " ".join(re.findall(r"[a-z]+", normalize("\n".join(closing))))
    if len(tokens) > 1 and said.count(" ".join(tokens)) > 1:
        return False
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
    # A person the mail names with their address is no company to name in
    # a follow-up ("namens Hanneke Jansen"). (As the key that finds the
    # history, the name still serves: the lookup was measured with it.)
    people = {
        normalize(a.name)
        for a in (msg.from_, msg.sender, *msg.reply_to, *msg.to, *msg.cc)
        if a is not None and _is_person(a.addr, senders) and _looks_like_person(a)
    }
    for c in _company_candidates(msg, presentable):
        if not c or len(c) < 2 or re.fullmatch(r"(?i)the|we|our|your|us|me|you|him|her|them", c):
            continue
        if presentable and normalize(c) in people:
            continue
        if _NOT_A_COMPANY.search(c):
            continue
        if own_domain is None or domain_matches_company(own_domain, c):
            return c
        first = first or c
    if first and own_domain is not None and first in set(_signature_candidates(msg, presentable)):
        # Only a signature line named something, and it does not match the
        # writer's own domain: the name the mail writes that domain as
        # ("Saltbush Energy" at saltbush-energy) beats that guess ("Senior
        # Talent Advisor", a city). (A client the text names stays first.)
        written = company_written_as(organisation_domain(own_domain), _all_text(msg))
        if written:
            return written
    if first:
        return first
    if sender is not None and _domain_ok(sender.domain, senders):
        # Even a no-reply at the employer's own host names the employer; as
        # the mail writes it when it does ("Banco Meridiano"), else from the
        # domain ("Bancomeridiano").
        domain = organisation_domain(sender.domain)
        return company_written_as(domain, _all_text(msg)) or company_from_domain(domain)
    return None


def _all_text(msg: Message) -> str:
    return f"{msg.subject}\n{msg.new_text}\n{msg.signature or ''}"


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
