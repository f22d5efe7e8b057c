"""What an occurrence of a rule's words means. Pure.

Invariants:
- Counter-signal kinds (NEGATABLE) count only occurrences not negated in the
  three words before them.
- Rejection rules count only occurrences their sentence does not make a
  condition ("if you do not hear from us ..., we will not ..."), a rule for
  candidates in general ("applicants who are not shortlisted will not be
  contacted"), or earlier history ("last autumn we had no opening").
- A sentence-scoped rule fires in one sentence where its main clause counts,
  every `all` clause (read as the main clause is) and one `any` clause match,
  and no `not` clause does.

Both evaluators (`reference.py`, `ruleset.py`) call these functions: they are
the meaning of the rule format, written once.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from daemon.matching import GREETINGS, MONTHS, normalize
from daemon.rules.model import Clause, Rule

# Counter-signals are read only when not negated: "we will not be moving
# forward with your application" is no invitation, "not invite you" no invite.
NEGATABLE = {"acknowledgement", "invitation", "scheduling", "offer", "assessment", "outreach"}
# A negation, or a decision against, up to three words before: "not able
# to invite you", "ne sommes pas en mesure de poursuivre", "uns gegen eine
# Einladung entschieden".
_NEGATION = re.compile(
    r"(?:\bnot|n't|\bnever|\bno longer|\bunable to|\bnicht|\bkein\w*|\bpas|\bni|\bno|\bniet|"
    r"\bgeen|\bsin|\bagainst|\bgegen|\bcontre|\ben contra de|"
    # Portuguese and Italian
    r"\bnao|\bnem|\bnenhum\w*|\bsem|\bnon|\bnessun\w*|\bsenza|"
    # "sehen wir davon ab, Sie ... einzuladen": abstaining from it
    r"\bdavon ab|\bverzichten darauf|\brefrain from)\b,?(?:\s+\S+){0,3}\s*$"
)


# A decision stated as a condition is no decision: "if you have not heard from
# us within two weeks, please assume we will not be moving forward". The
# words that open a condition, per language; "si" and "als" only before the
# words a condition goes on with (both have other meanings). A concession is
# no condition: "even if" / "auch wenn" / "même si" / "aun si"
# go on to state the decision.
_CONDITION = re.compile(
    # ("ook als" is left out: "je krijgt bericht, ook als je niet wordt
    # uitgenodigd" is a condition more often than a concession.)
    r"(?<!even )(?<!auch )(?<!selbst )(?<!zelfs )(?<!meme )(?<!aun )(?<!incluso )"
    r"\b(?:if|unless|in case|in the event|should (?:you|we|there)|provided that|"
    # a rule for whenever it happens: "we reply to everyone, including when we
    # decide not to move ahead"
    r"(?:including|even|also|only) when|whenever|"
    r"wenn|falls|sofern|es sei denn|sollten|solltest|sollte (?:sie|ich|es|man)|"
    # "as soon as": a decision still to come ("Sobald wir uns ... entschieden
    # haben, melden wir uns"). (Not English "once", nor the Romance forms:
    # they also tell the past, "once the panel had met, we chose ...".)
    r"sobald|zodra|"
    r"andernfalls|ansonsten|"
    r"au cas ou|a moins (?:que|d)|faute (?:de|d') ?(?:reponse|nouvelles|retour|realisation|"
    r"completion|finalisation|participation|reception|avoir|realiser|completer|"
    r"passer|renvoyer|retourner)|"
    r"sans (?:reponse|nouvelles|retour)|a defaut de|en l\'absence de|en ausencia de|"
    # (Portuguese "a falta de experiência" is a subject: "the lack of")
    r"a falta de (?:respuesta|noticias|contestacion|confirmacion|recibir|resposta|retorno)|"
    r"bei ausbleibender|bij uitblijven|in the absence of|"
    r"en caso de|a menos que|salvo que|de no (?:recibir|tener|realizar|completar|"
    r"presentar|enviar|contestar|responder)|"
    # Dutch "mocht(en)" only with its subject: folded German "möchten"
    # ("Wir möchten Ihnen mitteilen, dass ...") is the same letters.
    r"indien|tenzij|mocht (?:je|jij|u|uw|jouw|er|het|dit|dat|de|het|we|wij|ik)|"
    # Portuguese and Italian: "caso não receba retorno", "se você não tiver
    # notícias", "qualora non riceva", "se entro due settimane" ("se" alone
    # is also Portuguese "oneself": only before a condition's words)
    r"caso (?:voce|nao|o senhor|a senhora|seja|haja|tenha|receba|ate)|"
    # (not an enclitic "-se": "decidiu-se não prosseguir" is no "se não")
    r"(?<!-)se (?:voce|voces|nao|non|o senhor|a senhora|tiver|houver|ate|lei|tu|entro|dovesse|"
    r"dovessimo|dovessero)|a menos que|salvo se|na falta de|sem (?:resposta|retorno|noticias)|"
    r"qualora|a meno che|salvo che|in mancanza di|nel caso (?:in cui|che)|in assenza di|"
    r"senza (?:risposta|riscontro|notizie)|"
    r"mochten (?:wij|we|jullie|er|zij|ze|de)|"
    r"si (?:vous|tu|nous|on|no|usted|ustedes|te|le|la|dentro|en|pasad\w*|transcurrid\w*|"
    # "si votre candidature ne devait pas être retenue", "si su perfil no ..."
    r"votre|vos|ta|ton|tes|cette|ce|ces|notre|nos|su|sus|tus|el|los|las|nuestr[oa]s?|"
    r"despues|dans|d ici|aucune?)|"
    r"als (?:je|u|jij|wij|we|er|het|binnen|na|jullie))\b"
    # ... and when the occurrence itself is what "als"/"si" opens ("ook als
    # | je niet wordt uitgenodigd"): the sentence before it ends with the word.
    r"|(?<!even )(?<!auch )(?<!selbst )(?<!zelfs )(?<!meme )(?<!aun )(?<!incluso )"
    r"\b(?:als|si|if|wenn|falls|mocht)\s*$"
    # German and Dutch also open a condition with the verb: "Erhalten Sie bis
    # ... keine Nachricht, ..." / "Heb je binnen twee weken niets gehoord, dan ..."
    # (at the start of the sentence, or after a greeting's comma).
    r"|(?:^|,) ?(?:erhalten|erhaltst|bekommen|bekommst|horen|horst|haben|hast) (?:sie|du)\b"
    r"|(?:^|,) ?(?:heb|hebt|heeft|hoor|hoort|ontvang|ontvangt|krijg|krijgt) (?:je|u|jij)\b"
    # ... or a verb a statement never opens with ("Wird der Test nicht
    # bearbeitet, ..." / "Wordt de test niet gemaakt, ...").
    r"|^ ?(?:wird|werden|ist|sind|liegt|liegen|fehlt|fehlen|erfolgt|gibt es|"
    r"wordt|worden|komt|ontbreekt|ontbreken)\b"
    # "Otherwise, please take it that ...": the other branch of a condition,
    # opening the sentence ("we decided otherwise" is a decision).
    r"|^ ?(?:otherwise|en caso contrario|de lo contrario|de no ser asi|sinon|"
    r"dans le cas contraire|zo niet)\b"
    # "Sans réalisation des tests dans ce délai, ..." / "Sin respuesta, ..."
    # ("Sin embargo" is "however", "sans doute" "no doubt", "ohne Zweifel" too.)
    # ("Without it, we no longer have the budget": a fact already named.)
    r"|(?:^|,) ?(?:sans|sin|ohne|zonder|without) (?!embargo|doute|aucun doute|"
    r"zweifel|twijfel|doubt|"
    # a concession, not a condition: "Sans remettre en cause votre parcours, ..."
    r"remettre|vouloir|minimiser|prejuger|enlever|retirer|questioning|wanting|taking away|"
    r"restar|quitar|querer|schmalern|abwerten|afbreuk|que ello|que esto|que eso|"
    r"it\b|this\b|that\b|them\b|cela\b|ca\b|eso\b|esto\b|ello\b|es\b|das\b|dies\w*|dat\b|dit\b)\w+"
    # "Heb je niets gehoord? Dan ben je niet geselecteerd": the consequence
    r"|^ ?dan\b"
)
# A sentence ends at . ! ? ; : before a space, but not at the dot of a German
# or Dutch date ("bis zum 15. März"): after a one- or two-digit number, a dot
# ends the sentence unless a month follows.
_SENTENCE_END = re.compile(
    r"(?<!\b\d)(?<!\b\d\d)[.!?;:](?=\s|$)|(?<=\d)[!?;:](?=\s|$)"
    rf"|(?:(?<=\b\d)|(?<=\b\d\d))\.(?=\s|$)(?!\s(?:{MONTHS})\b)"
)


def phrase_starts(text: str, phrase: str) -> list[int]:
    return [m.start() for m in re.finditer(rf"(?<!\w){re.escape(phrase)}(?!\w)", text)]


def _affirmed(text: str, start: int) -> bool:
    """True when this occurrence has no negation in the 4 words before it,
    within its sentence ("... gaan niet door. Dit betekent geen afwijzing":
    the "niet" of the sentence before negates nothing here)."""
    window = text[max(0, start - 40) : start]
    ends = [m.end() for m in _SENTENCE_END.finditer(window)]
    return not _NEGATION.search(window[ends[-1] :] if ends else window)


def _sentence_before(text: str, start: int) -> str:
    """The words of the sentence holding `start` that come before it."""
    window = text[max(0, start - 300) : start]
    ends = [m.end() for m in _SENTENCE_END.finditer(window)]
    return window[ends[-1] :] if ends else window


# A decision told as earlier history is not this mail's: "In januari kon je
# kandidatuur helaas niet weerhouden worden. Intussen ..." (a new opening
# offered to a candidate once refused). Only a sentence that opens with a
# month or last year: "last week the panel decided" is news. ("I know that in
# March we did not ...", "Sé que en marzo no ...": the same history, recalled.)
_RECALLED = (
    r"(?:(?:i know|as you know|se|como (?:ya )?sabes|como (?:ya )?sabe|je sais|"
    r"comme (?:vous le savez|tu le sais)|ich weiss|wie (?:sie|du) (?:wissen|weisst)|ik weet|"
    r"zoals (?:je|u|jij) weet|eu sei|so|come sai|come sa),? (?:that |que |dass |dat |che )?)?"
)
# A greeting with no comma runs on into the first sentence ("Sehr geehrter
# Herr Gerber Im letzten Herbst ..." once the lines are joined).
_GREETING_LEAD = (
    rf"(?:(?:{'|'.join(sorted({normalize(g) for g in GREETINGS}))}) (?:[\w.-]+ ){{0,3}}?)?"
)
_EARLIER = re.compile(
    rf"(?:^|,) ?{_GREETING_LEAD}{_RECALLED}(?:back |earlier |already |bereits |al )?"
    rf"(?:in|im|en|au mois de|in de maand|al) "
    rf"(?:{MONTHS}|january|february|march|may|june|july|october|december)\b"
    # (also "eind vorig jaar", "end of last year")
    # (a dash opens a clause too: "Sie hatten sich beworben – damals hat es nicht gepasst")
    rf"|(?:^|,| [-\u2013\u2014]) ?{_GREETING_LEAD}"
    # (also after a concession: "Aunque el año pasado no pudimos seguir ...")
    r"(?:(?:aunque|although|though|obwohl|bien que|meme si|hoewel|ook al|anche se|sebbene|"
    r"embora|apesar de) )?"
    r"(?:(?:eind|einde|begin|end of|ende|anfang|fin|a fines del?) )?"
    r"(?:last year|vorig jaar|vorige jaar|letztes jahr|im letzten jahr|"
    r"l'an dernier|"
    r"l'annee derniere|el ano pasado|earlier this year|eerder dit jaar|anfang des jahres|"
    r"(?:no |o )?ano passado|l'anno scorso|lo scorso anno|"
    # a season gone: "Im letzten Herbst hatten wir leider keine passende Stelle"
    r"(?:im |in )?(?:letzten|vergangenen|vorigen) (?:herbst|winter|fruhjahr|fruhling|sommer)|"
    r"last (?:autumn|fall|winter|spring|summer)|(?:l'automne|l'hiver|l'ete) dernier|"
    r"le printemps dernier|(?:el )?(?:otono|invierno|verano) pasado|la primavera pasada|"
    r"(?:vorig|afgelopen) (?:najaar|voorjaar)|afgelopen (?:herfst|winter|zomer|lente)|"
    r"(?:l'autunno|l'inverno|l'estate) scors[oa]|la primavera scorsa|"
    r"(?:no )?(?:outono|inverno|verao) passado|na primavera passada|"
    # a year gone: "En 2024 tuvimos que rechazar su candidatura"
    r"(?:in|en|im|nel|em|in het jaar) (?:19|20)\d\d|"
    # some time ago: "twee jaar geleden moesten we je afwijzen"
    r"(?:een|twee|drie|vier|a|one|two|three|\d+) (?:jaar|maanden|years?|months?) (?:geleden|ago)|"
    r"vor (?:einem|einer|zwei|drei|\d+) (?:jahr|jahren|monaten)|"
    r"il y a (?:un|deux|trois|\d+) (?:ans?|mois)|hace (?:un|dos|tres|\d+) (?:anos?|meses)|"
    # "damals haben wir uns leider anders entschieden"
    r"damals|back then|at the time|a l'epoque|en aquel momento|en su momento|destijds|"
    r"all'epoca|na altura|na epoca)\b"
    # a recruiter taking an old thread up again: "Retomo este hilo porque en
    # diciembre nos quedamos con otra persona"
    r"|\b(?:retomo este hilo|picking (?:up )?this thread|pick this thread (?:back )?up|"
    r"reviens (?:vers vous )?sur ce fil|ik kom terug op deze (?:oude )?mail|riprendo questo filo|"
    r"retomo esta conversa|greife (?:ich )?diesen (?:alten )?faden)\b"
)


# A rule for candidates in general, as acknowledgements state it: "Candidates
# who are not shortlisted will be notified", "les candidats dont le dossier
# n'est pas retenu ne seront pas contactés": no decision on this one.
# (The sentence opens with them: "... go with candidates who have more
# experience" is this mail's decision.)
# Also when the group is what the sentence's verb reaches ("we cannot contact
# applicants who are not shortlisted"), and as a noun with its participle
# ("Le candidature non selezionate saranno conservate").
_GENERIC_GROUP = (
    r"(?:(?:all |any |those |the |les |los |las |i |le |os |as |die |de |alle |gli |aux |"
    r"a los |a las )?"
    r"(?:candidates|applicants|candidat(?:e)?s|bewerber|bewerbende|bewerbungen|candidat[oa]s|"
    r"kandidaten|sollicitanten|candidati|candidate|people|persons|personnes|personas|personen|"
    r"persone|pessoas|applications|candidatures|candidature|candidaturas|sollicitaties)"
    # one person taken as anyone: "every applicant who", "ogni candidato che"
    r"|(?:every|each|any|chaque|cada|ogni|qualsiasi|jede[nmr]?|elke|iedere?) "
    r"(?:applicant|candidate|person|candidat[oa]?|kandidaat|kandidat|bewerber(?:in)?|"
    r"sollicitant|personne|persona|pessoa))"
)
_GENERIC = re.compile(
    r"(?:^|, |\b(?:that|que|dass|dat|che|to|from|contact|notify|inform|answer|reply to|"
    r"respond to|aux|an|aan|ai|agli|aos) )\W*"
    rf"{_GENERIC_GROUP},? (?:who|whose|that|dont|qui|die|deren|que|cuyos?|cuyas?|wiens|wier|che|"
    r"il cui|i cui|cujos?|cujas?)\b"
    rf"|(?:^|, )\W*{_GENERIC_GROUP} $"
)
# A candidacy refused in the pluperfect passive is earlier history ("votre
# candidature n'avait pas été retenue en avril, mais ..."). Only the passive:
# "ya habíamos cubierto el puesto" (before your application came) is news.
_PLUPERFECT = re.compile(
    r"\b(?:n'avait|avait|n'avaient|avaient|habia|habian|tinha|tinham|era|erano) "
    r"(?:pas |no |nao |non )?(?:ete|sido|stat[aoie])\b"
    # ... or what the writer could not do then: "nous n'avions pas pu donner suite"
    r"|\b(?:n'avions|n'avais|n'aviez) pas pu\b|\bno (?:habiamos|habia) podido\b"
    r"|\bnon (?:avevamo|aveva) potuto\b|\bnao (?:tinhamos|tinha) podido\b"
)


def _stated(text: str, start: int) -> bool:
    """True when the sentence does not make this occurrence a condition, a
    rule for candidates in general, or tell it as earlier history."""
    before = _sentence_before(text, start)
    return (
        _CONDITION.search(before) is None
        and _EARLIER.search(before) is None
        and _GENERIC.search(before) is None
        and _PLUPERFECT.search(text, max(0, start - 12), start + 30) is None
    )


# Which occurrences of a rule's words count, by the rule's kind: counter-signals
# only when not negated, rejections only when not conditional. Other kinds:
# every occurrence.
COUNTS: dict[str, Callable[[str, int], bool]] = {
    **{kind: _affirmed for kind in NEGATABLE},
    "rejection": _stated,
}


def contains_phrase(text: str, phrase: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text) is not None


# ---------------------------------------------------------------------------
# Sentence scope


def _sentence_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in _SENTENCE_END.finditer(text))]


def sentences(text: str) -> list[str]:
    """`text` (normalised) cut where the sentence scope cuts it."""
    starts = _sentence_starts(text)
    return [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]


def _occurrences(
    clause: Clause, text: str, counts: Callable[[str, int], bool]
) -> list[tuple[int, str]]:
    """(start, word) of every occurrence of the clause's words that counts."""
    found = [(i, p) for p in clause.phrases for i in phrase_starts(text, p) if counts(text, i)]
    for rx in clause.regex:
        found += [(m.start(), m.group(0)) for m in rx.finditer(text) if counts(text, m.start())]
    return found


def counts_for(kind: str) -> Callable[[str, int], bool]:
    """Which occurrences of a rule's words count, for a rule of this kind."""
    return COUNTS.get(kind, _always)


def _always(text: str, start: int) -> bool:
    return True


def sentence_words(rule: Rule, text: str) -> list[str]:
    """The words a sentence-scoped rule fires on in `text`: those of the first
    sentence where its main clause has words that count, every `all` clause
    and one `any` clause match, and no `not` clause does. Empty: no such
    sentence. (Both evaluators call this: it is the meaning of the scope.)"""
    starts = _sentence_starts(text)

    def by_sentence(c: Clause, counts: Callable[[str, int], bool]) -> dict[int, list[str]]:
        out: dict[int, list[str]] = {}
        for i, word in sorted(_occurrences(c, text, counts)):
            out.setdefault(bisect.bisect_right(starts, i) - 1, []).append(word)
        return out

    main = by_sentence(rule.main, counts_for(rule.kind))
    if not main:
        return []
    # A decision's parts are each read where they stand: "we cannot reply to
    # applicants who are not shortlisted" has its selection verb in a rule
    # for people in general, so the sentence decides nothing.
    # (Read only in the sentences where the main clause counts.)
    stated = counts_for(rule.kind)

    def in_main_and_stated(t: str, i: int) -> bool:
        return bisect.bisect_right(starts, i) - 1 in main and stated(t, i)

    part_counts = in_main_and_stated if rule.kind == "rejection" else _always
    required = [by_sentence(c, part_counts) for c in rule.all]
    either = [by_sentence(c, _always) for c in rule.any]
    excluded = [by_sentence(c, _always) for c in rule.not_]
    for k in sorted(main):
        if not all(k in r for r in required):
            continue
        if either and not any(k in e for e in either):
            continue
        if any(k in x for x in excluded):
            continue
        words = (
            main[k]
            + [w for r in required for w in r[k]]
            + [w for e in either for w in e.get(k, [])]
        )
        return list(dict.fromkeys(words))
    return []
