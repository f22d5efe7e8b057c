"""Whose rejection is it? A rejection in the user's mailbox is not always theirs.

Pure: (Message, the user's addresses and names, sender lists) -> a reason
when the rejection belongs to someone else, or None.

Invariants:
- A forward from a personal (consumer-mail) address that is not the user's
  is a friend or relative passing on *their* mail: never the user's rejection.
  (An agency recruiter forwarding the employer's decision writes from the
  agency's own domain.) So is a forward of a mail that was sent to the
  forwarder, from another organisation, that never names the user.
- A greeting that names someone else (in the new text, or in a forwarded
  mail that never names the user) marks the mail as someone else's only
  when the user's names are known well enough to tell: from the config, from
  the display name the mail itself gives the user's address, or from an
  address whose local part is a name ("sam.rivera"). When in doubt the
  rejection stays the user's: a missed follow-up costs less than a lost
  rejection, and the greeting test only ever removes drafts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from daemon.matching import GREETINGS, HONORIFICS, normalize
from daemon.message import Message
from daemon.rules import Senders

_FORWARD_SUBJECT = re.compile(
    r"^\s*(?:(?:re|aw|sv|antw|r|rif)\s*:\s*)*(?:fwd?|fw|wg|tr|rv|enc|doorst|i)\s*:", re.IGNORECASE
)
# A greeting opening the text, then an optional title, then the name.
# Titles may pile up ("Frau Mag. pharm. Hofbauer", "Herrn Dipl.-Ing. Dr. Wolf"):
# Austrian and German academic degrees are written before the name.
# Portuguese and Italian titles ("Exmo. Senhor", "Sig.ra", "Dott.ssa") are
# known here only: a greeting must not take them for a name.
_TITLES_PT_IT = (
    r"exmo|exma|senhor|senhora|(?:sr|dr|eng|arq|prof)\.[aªº]|eng|dott\.ssa|dottoressa|dottore|"
    r"sig\.ra|sig\.na|signora|signore|signor|sig|ing\.|ingegnere|ingegnera|ingegner|avv|"
    r"prof\.ssa|gentilissim[oa]|"
    # the Austrian "DI" (Diplom-Ingenieur) only in capitals: "Frau Di Stefano" is a name
    r"(?-i:DI)"
)
_TITLE = rf"(?:{_TITLES_PT_IT}|{HONORIFICS})\.?[ \t]+"
_GREETING = re.compile(
    rf"^\W*(?:(?:{'|'.join(GREETINGS)})[ \t,]+"
    rf"(?:{_TITLE})*"
    # ... or a title alone, as a formal letter opens: "Madame Lefèvre,"
    rf"|(?:{_TITLE})+)"
    r"([^\W\d_][\w'’-]*)",
    re.IGNORECASE,
)
# Words a greeting uses that are no one's name.
_NOT_NAMES = frozenset(
    [
        # pronouns, when the first sentence runs on after the greeting
        # ("Guten Tag, Sie wurden ...", "Bonjour, vous avez ...")
        "sie",
        "du",
        "ihr",
        "you",
        "vous",
        "tu",
        "u",
        "je",
        "jij",
        "usted",
        "ustedes",
        "você",
        "voce",
        "lei",
        "we",
        "wir",
        "nous",
        "wij",
        "nosotros",
        "noi",
        # a title alone, as formal letters open ("Exmo. Senhor,", "Egregio Signore,")
        "senhor",
        "senhora",
        "senor",
        "senora",
        "signore",
        "signora",
        "monsieur",
        "madame",
        "sir",
        "madam",
        "mevrouw",
        "meneer",
        "applicant",
        "applicants",
        "candidate",
        "candidates",
        "candidat",
        "candidate",
        "candidats",
        "kandidat",
        "kandidatin",
        "kandidaten",
        "kandidaat",
        "bewerber",
        "bewerberin",
        "bewerbende",
        "interessent",
        "interessentin",
        "candidato",
        "candidata",
        "candidatos",
        "solicitante",
        "postulante",
        "aspirante",
        "sollicitant",
        "sollicitante",
        "sir",
        # lawyers and doctors address each other so ("Chère Consœur,")
        "consœur",
        "consoeur",
        "confrere",
        "confrère",
        "collegue",
        "collègue",
        "kollegin",
        "kollege",
        "colega",
        "collega",
        "maitre",
        "maître",
        "docteur",
        # a professional title alone ("Caro Ingegnere,", "Prezado Doutor,")
        "ingegnere",
        "ingegnera",
        "dottore",
        "dottoressa",
        "avvocato",
        "architetto",
        "professore",
        "professoressa",
        "doutor",
        "doutora",
        "engenheiro",
        "engenheira",
        "ingeniero",
        "ingeniera",
        "doctor",
        "doctora",
        "doktor",
        "ingenieur",
        "ingenieurin",
        "professor",
        "professora",
        "madam",
        "madame",
        "monsieur",
        "all",
        "team",
        "there",
        "everyone",
        "everybody",
        "friend",
        "friends",
        "colleague",
        "colleagues",
        "hiring",
        "talent",
        "user",
        "customer",
        "member",
        "members",
        "valued",
        "job",
        "seeker",
        "future",
        "professional",
        "damen",
        "herren",
        "mesdames",
        "messieurs",
        "senor",
        "senora",
        "candidati",
        "candidatos",
        "cliente",
        "utente",
        "pessoal",
        "todos",
        "tutti",
        "ragazzi",
        "senores",
        "heer",
        "mevrouw",
    ]
)


def user_names(msg: Message, me: Iterable[str], names: Iterable[str] = ()) -> set[str]:
    """Name words for the user: given names, local parts that read as names,
    and the display names this message gives the user's addresses when
    nothing else names the user or they agree with what does."""
    mine = {a.lower() for a in me}
    known: set[str] = set()  # from the config and from the addresses themselves
    for name in names:
        known.update(_words(name))
    for addr in mine:
        parts = [p for p in re.split(r"[._+-]", addr.partition("@")[0]) if p]
        if len(parts) >= 2 and all(p.isalpha() for p in parts):
            known.update(w for w in map(normalize, parts) if len(w) >= 2)
    words = set(known)
    for a in (*msg.to, *msg.cc):
        if a.addr in mine and a.name and "@" not in a.name:
            given = _words(a.name)
            # A mail sent to the wrong person gives the user's address that
            # person's name ("Mr Halvorsen" <ines.valkenburg@...>): a display
            # name counts only when nothing else names the user, or when it
            # agrees with what does.
            if not known or any(_same_person(w, known) for w in given):
                words.update(given)
    return words


def _words(name: str) -> set[str]:
    return {w for w in re.findall(r"[^\W\d_]+", normalize(name)) if len(w) >= 2}


def _opening(text: str) -> tuple[str, str]:
    """The first two non-empty lines of a text."""
    lines = [line for line in text.splitlines()[:12] if line.strip()]
    first, second, *_ = [*lines, "", ""]
    return first, second


def letterhead(text: str) -> str | None:
    """The company name an HTML mail's banner puts above the greeting ("Horta
    Fresc" over "Hola Alba:"): a short capitalised line with no sentence in
    it, directly followed by a greeting. None when the text opens otherwise."""
    first, second = _opening(text)
    head = first.strip()
    if (
        _GREETING.match(second[:120]) is None
        or _GREETING.match(head[:120]) is not None
        or not head[:1].isupper()
        or not 1 <= len(head.split()) <= 4
        or re.search(r"[.,:;!?@]|\d{3}", head)
        or re.fullmatch(rf"(?i)(?:(?:{_TITLE})\s*)+", head + " ")
    ):
        return None
    return head


def greeting_name(text: str) -> str | None:
    """The name the text's greeting names, folded, or None. The greeting is
    the first line, or the line under a letterhead."""
    first = _opening(text)[1 if letterhead(text) else 0]
    m = _GREETING.match(first[:120])
    # A name is capitalised ("Hola, agradecemos tu interés" greets nobody).
    if m is None or not m.group(1)[0].isupper():
        return None
    name = normalize(m.group(1)).strip("'’-")
    return None if name in _NOT_NAMES or len(name) < 2 else name


def _same_person(name: str, words: set[str]) -> bool:
    # "Sam" for Samantha, "Rob" for Robin: either may be short for the other.
    return any(w.startswith(name) or name.startswith(w) for w in words)


def someone_else(
    msg: Message,
    me: Iterable[str],
    senders: Senders,
    names: Iterable[str] = (),
    own_words: bool = False,
) -> str | None:
    """Why this mail's rejection is someone else's, or None when it may be the user's.

    `own_words`: the writer's own text (not what it forwards) states the
    decision ("the client won't be taking you to interview; his reply is
    attached"): then a forwarded mail sent to the writer is their evidence,
    not a friend's news."""
    mine = {a.lower() for a in me}
    sender = msg.from_
    forwarded = bool(msg.forwards) or _FORWARD_SUBJECT.match(msg.subject) is not None
    if (
        forwarded
        and sender is not None
        and sender.addr not in mine
        and senders.is_consumer(sender.domain)
    ):
        return f"forwarded from a personal address ({sender.addr}): their mail, not yours"
    words = user_names(msg, mine, names)
    if not words:
        return None
    name = greeting_name(msg.new_text)
    if name is not None and not _same_person(name, words):
        return f"addressed to {name.title()}, not to you"
    for fwd in () if own_words else msg.forwards:
        # A friend passing on a mail that was sent to them ("Pour : Léa
        # <lea@...>", and Léa forwards it); an agency recruiter's forward of
        # the employer's decision names the user in it, a reply that quotes
        # the user's own mail to its writer has the user as sender, and an
        # employer passing on an internal note forwards a colleague's mail.
        if (
            sender is not None
            and sender.addr not in mine
            and sender.addr in fwd.to.lower()
            and not any(a in f"{fwd.to} {fwd.sender}".lower() for a in mine)
            and f"@{sender.domain}" not in fwd.sender.lower()
            and not _mentions(fwd.text, words)
        ):
            return f"a forwarded mail that was sent to {sender.addr}, not to you"
        # An agency forwarding the employer's mail to its recruiter ("Hi Tim,
        # we won't proceed with Robin") names the user in it; a friend's does not.
        name = greeting_name(fwd.text)
        if name is not None and not _same_person(name, words) and not _mentions(fwd.text, words):
            return f"a forwarded mail addressed to {name.title()}, not to you"
    return None


def _mentions(text: str, words: set[str]) -> bool:
    found = set(re.findall(r"[^\W\d_]+", normalize(text)))
    return any(w in found for w in words if len(w) >= 3)
