"""Who an invitation says will lead the talk. Pure.

"Das Gespräch führen Herr Dr. Behrens und Frau Albers", "you'll be meeting
Priya and Tom", "vous rencontrerez Mme Roux": an invitation often names the
panel in its text. The people it names, matched to the addresses the mail
went to, took part; its writer, when not among them, only arranged the talk
(an assistant, a recruiting coordinator) and is no interviewer.

Invariants:
- Only the text the writer wrote is read (`Message.new_text`), sentence by
  sentence after a cue; a name counts when a token of 3+ letters of a
  participant's display name (or of the local part, "claus.behrens") is in
  that span.
- No cue, or a cue that names no participant: None (nothing is known).
"""

from __future__ import annotations

import re

from daemon.matching import HONORIFICS, normalize
from daemon.message import Message

# Cues that introduce the people who will lead the talk, per language; what
# follows, to the end of the sentence, names them.
_CUES = re.compile(
    r"(?:"
    # en
    r"you(?:'ll| will) (?:be )?(?:meet(?:ing)?|speak(?:ing)? (?:with|to)|interviewed by)|"
    r"(?:interview|conversation|call) will be (?:conducted|led|held) by|"
    r"(?:your )?interviewers? (?:will be|are|is)|"
    r"(?:the|your) (?:interview |selection )?panel (?:will )?(?:consists? of|comprises?|includes?|"
    r"(?:will be|is) (?:made up|composed) of|will be|is|are)|"
    # de
    r"das gesprach (?:fuhren|fuhrt|werden fuhren)|(?:ihre|deine) gesprachspartner(?:in|innen)? "
    r"(?:sind|ist|werden)|gesprachspartner(?:in|innen)? (?:sind|ist)|sie (?:sprechen|treffen) mit|"
    r"du (?:sprichst|triffst) mit|am gesprach nehmen (?:\w+ )?teil|"
    r"(?:auswahl)?(?:kommission|gremium|jury) (?:besteht|bestehen|setzt sich) (?:aus|zusammen aus)|"
    # fr
    r"vous (?:rencontrerez|echangerez avec|serez recue? par)|tu rencontreras|"
    r"l'entretien (?:sera|se fera) (?:mene|conduit|anime)e? (?:par|avec)|"
    r"vos interlocuteurs (?:seront|sont)|"
    r"(?:le )?(?:jury|comite de selection|comite) (?:sera |est )?(?:compose|constitue|forme) de|"
    # es
    r"te entrevistaran|le entrevistaran|hablaras con|hablara con|te reuniras con|"
    r"la entrevista (?:la )?(?:realizaran|haran|llevaran a cabo)|estaran presentes|"
    r"(?:el )?(?:tribunal|comite|panel|jurado) (?:estara|esta) (?:formado|compuesto|integrado) por|"
    # nl
    r"(?:je|u) spreekt (?:met|dan met)|het gesprek wordt gevoerd door|"
    r"(?:je|uw) gesprekspartners? (?:zijn|is)|aanwezig (?:zijn|zullen zijn)|"
    # "an interview with X", in each language
    r"(?:an?|the|your) (?:\w+ )?(?:interview|conversation|call|chat) with|"
    r"(?:ein|einem|das|ihr) (?:\w+ )?(?:gesprach|interview|vorstellungsgesprach|telefonat) mit|"
    r"(?:un|l'|votre) ?(?:\w+ )?(?:entretien|echange|entrevue) avec|"
    r"(?:una|la|tu) (?:\w+ )?(?:entrevista|llamada|videollamada|reunion)(?: \w+){0,3} con|"
    r"(?:een|het|je|uw) (?:\w+ )?(?:gesprek|interview|sollicitatiegesprek) met|"
    r"(?:de )?(?:jury|selectiecommissie|commissie) (?:bestaat|zal bestaan) uit"
    r")\s+(?P<who>[^.!?]{2,240})",
)
# The writer among the panel: "... and me", "... und ich", "... et moi".
# (Coordinated only: "die ich in Kopie gesetzt habe" is the writer speaking.)
_SELF = re.compile(
    r"\b(?:(?:and|und|sowie|et|y|en) (?:me|myself|us|ich|mir|mich|uns|moi|moi-meme|nous|yo|"
    r"nosotros|nosotras|ik|mij|mijzelf|ons)"
    r"|(?:with|mit|avec|met) (?:me|us|mir|uns|moi|nous|mij|ons)|conmigo|con nosotr[oa]s)\b"
)
# The writer says they will not be in the talk: "I ... will not be on the
# call myself", "no estaré en la entrevista", "ich bin beim Gespräch nicht dabei".
_NOT_ME = re.compile(
    r"\bi (?:\S+ ){0,5}?(?:will not|won't|shall not|am not going to) (?:\S+ ){0,2}?"
    r"(?:be (?:on|in|at|part of|joining|present)|join|attend|sit in|take part)|"
    r"\bno (?:estare|voy a estar|participare|voy a participar) en (?:la|el) "
    r"(?:entrevista|reunion|llamada|videollamada)|"
    r"\bich (?:bin|werde) (?:\S+ ){0,3}?(?:beim|bei dem|am|im) (?:\S+ )?"
    r"(?:gesprach|interview|termin|call) (?:\S+ )?nicht (?:dabei|anwesend|teilnehmen|sein)|"
    r"\bje ne (?:serai|participerai|prendrai) pas (?:\S+ ){0,2}?"
    r"(?:presente?|a l'entretien|a l'echange|part)|"
    r"\bik (?:ben|zal) (?:\S+ )?(?:zelf )?niet (?:\S+ )?(?:bij|aanwezig bij) (?:het|dat) "
    r"(?:gesprek|interview)"
)
# A title's full stop ends no sentence ("Herr Dr. Behrens").
_ABBREVIATION = re.compile(rf"\b({HONORIFICS})\.")


def named_panel(msg: Message) -> frozenset[str] | None:
    """The addresses among this mail's participants that its text names as
    the talk's panel (its writer too, when it says "... and me"); None when
    it names no one it was sent to. A writer who says they will not be in
    the talk is never in it (the set may then be empty)."""
    text = _ABBREVIATION.sub(lambda m: m.group(1).replace(".", ""), normalize(msg.new_text))
    found = list(_CUES.finditer(text))
    spans = [m.group("who") for m in found]
    absent = _NOT_ME.search(text) is not None
    if not spans:
        return frozenset() if absent else None
    words = set(re.findall(r"[a-z]{3,}", " ".join(spans)))
    named = set()
    if msg.from_ is not None and any(_SELF.search(m.group(0)) for m in found):
        named.add(msg.from_.addr)  # "Ihre Gesprächspartner sind Herr Leitner und ich"
    for a in msg.participants:
        tokens = set(re.findall(r"[a-z]{3,}", normalize(a.name or ""))) or set(
            re.findall(r"[a-z]{3,}", normalize(a.local))
        )
        if tokens & words:
            named.add(a.addr)
    if absent:
        named.discard(msg.from_.addr if msg.from_ else "")
        return frozenset(named)
    return frozenset(named) or None
