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

Over ~400 lines: most of it is the cue lists, per language (seven of them),
as regular expressions; they are one vocabulary read by four small
functions, and splitting them by language would scatter what a cue means.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from daemon.matching import HONORIFICS, MONTHS, fold_transliterated, normalize, transliterated
from daemon.message import Address, Message
from daemon.rules.occurrences import sentences

# Cues that introduce the people who will lead the talk, per language; what
# follows, to the end of the sentence, names them.
_CUES = re.compile(
    r"(?:"
    # en
    r"you(?:'ll| will) (?:be )?(?:meet(?:ing)?|speak(?:ing)? (?:with|to)|interviewed by)|"
    r"you(?:'re| are) (?:meeting|speaking (?:with|to)|being interviewed by)|"
    r"(?:interview|conversation|call) will be (?:conducted|led|held) by|"
    # "a formal interview at 11:00 with Mrs Okonjo and Mr Halvorsen"
    r"(?:interview|conversation|call|meeting) "
    r"(?:(?:at|on|in|from) (?:the )?[\w:.]+ (?:[ap]m )?)?with|"
    r"(?:your )?interviewers? (?:will be|are|is)|"
    # a labelled line: "Interviewer: Mr. Suresh Iyer, Engineering Head (in CC)"
    r"(?:interviewers?|interview panel|panel members?|panellists|panelists)(?=:)|"
    # ... in other languages: "Ihre Gesprächspartner:innen:", "Vos interlocuteurs :"
    r"(?:gesprachspartner(?:in|innen)?|interlocut(?:eurs?|rices?|ori)|entrevistador(?:es|as)?|"
    r"gesprekspartners?)(?= ?:)|"
    r"(?:the|your) (?:interview |selection )?panel (?:will )?(?:consists? of|comprises?|includes?|"
    r"(?:will be|is) (?:made up|composed) of|will be|is|are)|"
    r"(?:the|your) (?:interview |selection |appointment )?(?:committee|board) (?:will )?"
    r"(?:consists? of|comprises?|includes?|(?:will be|is) (?:made up|composed) of|will be|is|are)|"
    r"(?:der )?(?:auswahl)?(?:kommission|gremium|jury) gehoren (?:\w+ )?an|"
    # ... or around the names: "Der Auswahlkommission gehören Herr Reindl und Frau Dr. Neumeier an"
    r"(?:der )?(?:auswahl)?(?:kommission|gremium|jury) gehoren(?= (?!\w+ an\b))|"
    # de
    r"das gesprach (?:fuhren|fuhrt|werden fuhren)|(?:ihre|deine) gesprachspartner(?:in|innen)? "
    r"(?:sind|ist|werden)|gesprachspartner(?:in|innen)? (?:sind|ist)|sie (?:sprechen|treffen) mit|"
    r"du (?:sprichst|triffst) mit|am gesprach nehmen (?:\w+ )?teil|"
    r"(?:teilnehmen|dabei sein|anwesend sein) (?:werden|wird)|"
    r"(?:auswahl)?(?:kommission|gremium|jury) (?:besteht|bestehen|setzt sich) (?:aus|zusammen aus)|"
    # fr
    r"vous (?:rencontrerez|echangerez avec|serez recue? par)|tu rencontreras|"
    r"l'entretien (?:sera|se fera) (?:mene|conduit|anime)e? (?:par|avec)|"
    r"vos interlocuteurs (?:seront|sont)|"
    r"(?:le )?(?:jury|comite de selection|comite) (?:sera |est )?(?:compose|constitue|forme) de|"
    # es
    r"te entrevistaran|le entrevistaran|hablaras con|hablara con|te reuniras con|"
    r"la entrevista (?:la )?(?:realizaran|haran|llevaran a cabo)|estaran presentes|"
    # "La entrevista será realizada por el siguiente comité:"
    r"(?:la )?entrevista sera (?:realizada|llevada a cabo|conducida|dirigida) por|"
    r"(?:el )?(?:tribunal|comite|panel|jurado) (?:estara|esta) (?:formado|compuesto|integrado) por|"
    # it and pt: "incontrerai Marco e Giulia", "ci saremo io e Valentina Riva"
    r"(?:incontrerai|incontrera|conoscerai|conoscera|parlerai con|parlera con)|"
    r"il colloquio sara (?:condotto|tenuto) da|(?:ci saremo|saranno presenti|sara presente)|"
    r"(?:voce )?(?:vai|ira) (?:conhecer|conversar com|falar com)|"
    r"a entrevista sera (?:conduzida|feita) (?:por|com)|(?:estarao presentes|estaremos)|"
    r"(?:o )?(?:juri|painel)(?: do procedimento| de selecao)? (?:e|sera) (?:composto|constituido|"
    r"formado) por|(?:la )?commissione (?:e|sara) (?:composta|formata) da|"
    # nl
    r"(?:je|u) spreekt (?:met|dan met)|het gesprek wordt gevoerd door|"
    r"(?:je|uw) gesprekspartners? (?:zijn|is)|aanwezig (?:zijn|zullen zijn)|"
    r"(?:het )?gesprek (?:is|wordt|zal zijn) met|"
    # "Naast Sanne schuift ook Ruben Smit aan"
    r"naast (?:[\w-]+ ){1,3}?(?:schuift|schuiven) (?:ook |eveneens )?|"
    # "Neben Herrn Wimmer wird auch Frau Bauer anwesend sein": the names
    # come between the cue and what it says of them
    r"neben(?= [^.!?]{2,200}\b(?:anwesend|dabei|teilnehmen|teil)\b)|"
    # "an interview with X", in each language
    r"(?:an?|the|your) (?:[\w-]+ ){0,3}(?:interview|conversation|call|chat)s? with|"
    # a rejection: "the hiring panel you met on 12 November, Hannah and Vikram"
    r"(?:panel|interviewers|people|team members) (?:that |whom? )?you (?:met|spoke (?:with|to))|"
    r"(?:ein|einem|das|ihr) (?:[\w-]+ ){0,3}"
    r"(?:gesprach|interview|vorstellungsgesprach|telefonat) mit|"
    r"(?:un|l'|votre) ?(?:[\w-]+ ){0,3}(?:entretien|echange|entrevue) avec|"
    r"(?:una|la|tu) (?:\w+ )?(?:entrevista|llamada|videollamada|reunion)(?: [^\s.!?]+){0,10}? con|"
    r"\b(?:uma|a|sua|pela|pelo|o|nosso|nossa) (?:\w+ )?"
    r"(?:entrevista|conversa|papo|bate-papo|reuniao|chamada|videochamada)"
    r"(?: [^\s.,;!?]+){0,6}? com|"
    r"\b(?:un|il|suo|tuo) (?:\w+ )?(?:colloquio|incontro|chiamata|videochiamata)"
    r"(?: [^\s.,;!?]+){0,6}? con|"
    r"(?:een|het|je|uw) (?:[\w-]+ ){0,3}(?:gesprek|interview|sollicitatiegesprek) met|"
    r"(?:de )?(?:jury|selectiecommissie|commissie) (?:bestaat|zal bestaan) uit|"
    # a day and time between the talk and its people, who are named with a
    # title: "een eerste gesprek op donderdag 20 februari om 10.00 uur met de
    # heer Rob Kok"
    r"(?:gesprek|interview|gesprach|entretien|call)(?:(?!\. )[^!?;]){0,60}? "
    r"(?:met|with|mit|avec)(?= (?:de heer|mevrouw|dhr|mw|mr|mrs|ms|dr|herrn|herr|frau|mme)\b)"
    r"):?\s+(?P<who>[^.!?]{2,240})",
)
# The writer among the panel: "... and me", "... und ich", "... et moi".
# (Coordinated only: "die ich in Kopie gesetzt habe" is the writer speaking.)
_SELF = re.compile(
    r"\b(?:(?:and|und|sowie|et|y|en) (?:me|myself|us|ich|mir|mich|uns|moi|moi-meme|nous|yo|"
    r"nosotros|nosotras|ik|mij|mijzelf|ons)"
    r"|(?:with|mit|avec|met) (?:me|us|mir|uns|moi|nous|mij|ons)|conmigo|con nosotr[oa]s"
    # Italian and Portuguese: "Incontrerà me e il Direttore", "com o Rui e comigo"
    r"|(?:me|io|eu) e|(?:e|ed) (?:io|eu)|con me|comigo|connosco|conosco"
    # a talk "with you and Rodrigo" that the writer sets up: the writer is the third
    r"|(?:com|con|with|avec|mit|met) (?:voce|you|vous|toi|te|ti|lei|usted|ihnen|dir|jou|u) "
    r"(?:e|y|and|et|und|en)"
    # "neben mir ist Tobias dabei", "naast mij zit Eva", "besides me, ..."
    r"|(?:neben|naast|besides|alongside) (?:mir|uns|mij|ons|me|us)"
    # "- ondergetekende, als HR-adviseur": the writer, as a letter names itself
    r"|ondergetekende|the undersigned|(?:le |la )?soussignee?|(?:der |die )?unterzeichnende|"
    r"(?:el |la )?abajo firmante|(?:il |la )?sottoscritt[oa]|(?:o |a )?abaixo assinad[oa])\b"
)
# The writer says they will not be in the talk: "I ... will not be on the
# call myself", "no estaré en la entrevista", "ich bin beim Gespräch nicht dabei".
_NOT_ME = re.compile(
    r"\bi (?:\S+ ){0,5}?(?:will not|won't|shall not|am not going to) (?:\S+ ){0,2}?"
    r"(?:be (?:on|in|at|part of|joining|present)|join|attend|sit in|take part)|"
    r"\bno (?:estare|voy a estar|participare|voy a participar) en (?:la|el) "
    r"(?:entrevista|reunion|llamada|videollamada)|"
    r"\b(?:eu )?nao (?:estarei|vou estar|participarei|vou participar) (?:presente )?(?:na|no|em) "
    r"(?:entrevista|reuniao|chamada|conversa)|"
    # "... e non sarò presente.", "no estaré presente", "não estarei presente"
    r"\b(?:non saro|no estare|nao estarei) presente\b|"
    r"\b(?:io )?non (?:saro|parteciper[oa]|potro essere) (?:presente )?(?:al|all'|alla) ?"
    r"(?:colloquio|incontro|chiamata)|"
    r"\bich (?:bin|werde) (?:\S+ ){0,3}?(?:beim|bei dem|am|im) (?:\S+ )?"
    r"(?:gesprach|interview|termin|call) (?:\S+ )?nicht (?:dabei|anwesend|teilnehmen|sein)|"
    r"\bje ne (?:serai|participerai|prendrai) pas (?:\S+ ){0,2}?"
    r"(?:presente?|a l'entretien|a l'echange|part)|"
    r"\bik (?:ben|zal) (?:\S+ )?(?:zelf )?niet (?:\S+ )?(?:bij|aanwezig bij) (?:het|dat) "
    r"(?:gesprek|interview)|"
    r"\b(?:en|maar) ben (?:ik )?zelf niet (?:\S+ )?(?:bij|aanwezig bij) (?:het|dat) "
    r"(?:gesprek|interview)|"
    # ... or was not in it: "I wasn't part of the interview myself"
    r"\b(?:and|but) (?:was not|wasn't|was never) (?:\S+ ){0,4}?myself\b|"
    r"\bi (?:was not|wasn't|was never|did not|didn't) (?:\S+ ){0,2}?"
    r"(?:in|on|at|part of|present|"
    r"sit in|join|attend)\b|"
    r"\bich (?:selbst )?(?:war|bin) (?:\S+ ){0,4}?nicht (?:\S+ )?(?:dabei|anwesend|beteiligt)\b|"
    r"\b(?:yo )?no (?:estuve|estaba|participe) en (?:la|el) (?:\w+ )?"
    r"(?:entrevista|reunion|llamada)|"
    r"\bje n'(?:etais|ai) pas (?:\S+ ){0,2}?(?:presente?|assiste|participe)\b|"
    r"\bik was (?:\S+ )?(?:zelf )?niet (?:\S+ )?(?:bij|aanwezig)\b|"
    r"\b(?:zelf )?zat ik (?:zelf )?niet in\b|\bik zat (?:zelf )?niet in\b|"
    r"\b(?:io )?non ero presente\b|\bnon ho potuto (?:partecipare|essere presente)\b|"
    r"\b(?:yo )?no estuve presente\b|\bnao pude estar presente\b|\bje n'etais pas present\w*\b|"
    # ... or that they only arrange it: "I only coordinate the scheduling"
    r"\bi (?:only|just|merely) (?:coordinate|schedule|arrange|organi[sz]e|handle|look after)\b|"
    r"\bich (?:koordiniere|organisiere|plane|kummere mich) (?:\S+ )?nur\b|"
    r"\bich (?:koordiniere|organisiere|plane) (?:\S+ ){0,2}nur\b|"
    r"\bje (?:m'occupe|coordonne|gere|organise) (?:uniquement|seulement|juste)\b|"
    r"\b(?:yo )?(?:solo|solamente|unicamente) (?:coordino|organizo|gestiono|agendo)\b|"
    r"\bik (?:coordineer|regel|plan|organiseer) (?:\S+ )?alleen\b|"
    # ... or that they answer for the ones who held it: "Duarte and Sofia
    # asked me to reply on behalf of both of them" (not "in the name of
    # both", "en nombre de los dos": that is the writer and a colleague)
    r"\b(?:asked|have asked|has asked) me to (?:reply|respond|write|get back)\b"
    r"(?:[^.!?]{0,40}?)\bon (?:their|his|her|both of their) behalf\b|"
    r"\bon behalf of (?:both of them|them both|the two of them)\b|"
    r"\bpediram-me (?:para )?que (?:lhe |te )?respond\w*|"
    r"\bpediu-me (?:para |que )(?:lhe |te )?respond\w*|"
    r"\bme (?:han pedido|pidieron|ha pedido|pidio) que (?:te |le )?respond\w*|"
    r"\bm'(?:ont|a) demande de vous repondre\b|\ben leur nom\b|"
    r"\bmi (?:hanno|ha) chiesto di (?:risponderle|risponderti|rispondere)\b|"
    r"\b(?:baten|bat|haben|hat) mich (?:gebeten,? )?(?:ihnen|dir) (?:\S+ ){0,3}?zu antworten\b|"
    r"\bim namen der beiden\b|\bnamens (?:hen beiden|hen) (?:te )?antwoord\w*"
)
# The writer speaks as someone who was in the talk: "meet Priya and me",
# "our conversation", "unser Gespräch", "das angenehme Gespräch", "notre
# échange", "nuestra entrevista", "ons gesprek", "nice meeting you". A
# recruiter who thanks "for taking part in the interviews" or "for the two
# talks" reports on them and says nothing of sitting in.
# The writer names themself in the talk: "meet Priya and me", "Paolo and I
# both enjoyed", "mit mir", "Mathieu et moi", "conmigo", "met mij".
_WITH_ME = (
    r"(?:meet(?:ing)?|met|speak(?:ing)?|spoke|talk(?:ing|ed)?|chat(?:ting|ted)?|"
    r"join(?:s|ing|ed)?|interview(?:s|ing|ed)?) (?:with |to )?(?:(?:\w+ ){1,3}?and )?(?:me|myself)|"
    # "your phone screen with me"
    r"(?:screen|screening|call|conversation) with me|"
    r"(?:entretien|entretiens|echange|echanges|appel|rendez-vous) (?:\w+ )?avec moi|"
    r"(?:took|take|walked|walk|talked|showed|led|brought) (?:\w+ ){1,3}?and (?:me|myself) "
    r"through|"
    r"(?:presenting|presented|pitching|pitched) (?:\w+ ){0,2}to (?:(?:\w+ ){1,3}?and )?(?:us|me)|"
    # "que conduziu comigo a entrevista", "qui a mené l'entretien avec moi"
    r"(?:conduziu|conduziram|realizou|fez|condujo|realizo|hizo|condotto|condusse|mene|menee|"
    r"gefuhrt|fuhrte|afgenomen|voerde) (?:\S+ ){0,3}?(?:comigo|conmigo|con me|avec moi|mit mir|"
    r"met mij)|"
    # "Felix und ich wollten uns bedanken", "Hugo Berthier et moi-même vous
    # remercions", "Marta y yo hablamos", "Eva en ik vonden": the writer and a
    # colleague as the subject of a verb in the first person plural (English
    # "... and I will" ends a clause as often: its verbs are listed below).
    r"(?<!du )(?<!vous )(?<!tu )(?<!jij )(?<!je )"
    r"\b\w+ (?:und ich \w+en|et moi(?:-meme)? (?:vous |nous |l'|les )?\w+ons|"
    r"y yo (?:te |le |lo |la |les )?\w+(?:amos|imos|emos)|en ik \w+en)\b|"
    r"\w+ (?:and|und|et|y|en) (?:i|ich|moi|yo|ik) (?:\w+ )?(?:both |beide |tous deux |"
    r"toutes deux |ambos |ambas |allebei |samen )?(?:enjoyed|liked|loved|were|appreciated|"
    r"agreed|felt|thought|met|spoke|talked|haben|hatten|waren|fanden|sind|avons|etions|"
    r"sommes|avions|disfrutamos|quedamos|valoramos|estuvimos|hablamos|conocimos|hebben|hadden|"
    # "Tomas and I have offered the role to someone else": the two who decided
    r"have|had|decided|discussed|agreed|"
    r"waren|vonden|zijn)|"
    r"(?:gesprach|gesprochen|telefonat|telefoniert|getroffen|treffen) (?:[\w.]+ ){0,4}?"
    r"mit (?:\w+ ){0,3}?(?:und )?mir|"
    r"(?:rencontr|echang|parl|discut)(?:e|er|ee|es|ees|ez)? avec (?:\w+ (?:\w+ )?et )?moi|"
    r"avec (?:\w+ )?(?:\w+ )?et moi(?:-meme)?|(?:con (?:\w+ ){1,2}y )?conmigo|"
    # "as duas conversas, a primeira comigo e a segunda com o Rafael"
    r"(?:conversas?|entrevistas?|reuni(?:ao|oes)|a primeira|a segunda|o primeiro|o segundo) "
    r"(?:\S+ )?comigo|"
    # (not "neem gerust contact met mij op": whom to ask, not who was there)
    r"(?<!contact )(?:met (?:\w+ (?:\w+ )?en )?|\w+ en )mij|"
    # "Zeit für Jan, Mehmet und mich"
    r"fur (?:\w+,? ){1,3}und mich|"
    # "the hours you gave Chloe and me", "the time you spent with Ana and me"
    r"(?:gave|giving|given|spent with|spending with) (?:\w+ ){1,2}and me|"
    # Portuguese and Italian: "eu e a Bianca gostamos", "o Rui e eu", "comigo",
    # "il colloquio con me e con Davide", "io e Marta", "Marta e io"
    r"\beu e (?:o |a )?\w+ \w+(?:mos)\b|\w+ e eu\b|"
    r"(?:conversa|entrevista|reuniao|chamada|videochamada|conversou|falou|esteve) "
    r"(?:\w+ ){0,2}comigo|"
    r"con me e (?:con )?\w+|con \w+ e (?:con )?me\b|\bio e \w+|\w+ e io\b|"
    # "thanks for your time with Annelie and me", "im Namen von Frau Huber und mir"
    r"time with (?:\w+ ){1,2}and me|"
    r"(?:namen von|mit|von) (?:frau |herrn |herr |dr )?\w+ (?:\w+ )?und mir|"
    # "Kwame and Ruth, who sat on the final panel with me"
    r"(?:sat|sitting|were|was) (?:on|in) (?:\w+ ){0,3}(?:panel|interviews?|calls?|rounds?) "
    r"(?:together )?with me|"
    # "nach unserem Telefoninterview", "since our phone screen", "after our
    # call": a phone talk is the writer's own
    r"(?:unser|unserem|unseres) (?:\w+ )?(?:telefonat|telefoninterview|telefongesprach)|"
    r"our (?:\w+ )?(?:phone screen|phone call|video call|screening call|phone interview)|"
    # "it was a pleasure taking your technical round", "I led your interview"
    r"(?:\bi|\bwe|pleasure|enjoyed|glad|happy) (?:\w+ ){0,2}(?:taking|took|conducting|"
    r"conducted|running|ran|leading|led) (?:your|the) (?:[\w-]+ ){0,2}(?:round|interview|"
    r"screen|screening|call|session)"
)
# ... or speaks of the talk as theirs: "our conversation", "unser Gespräch",
# "das angenehme Gespräch", "notre échange", "nuestra entrevista", "ons
# gesprek", "nice meeting you". Looser: HR also writes "suite à notre
# entretien" of a talk it did not sit in, so this alone only names the
# writer when nobody else is known. A recruiter who thanks "for taking part
# in the interviews" or "for the two talks" says nothing of sitting in.
_OURS = (
    # en
    r"(?:i|we) (?:\w+ )?(?:enjoyed|loved|liked|appreciated) (?:meeting|talking|speaking|chatting|"
    r"interviewing|getting to know|our|the (?:conversation|chat|call|discussion|interview))|"
    r"(?:nice|great|good|lovely|a pleasure|wonderful) (?:to meet|meeting|to talk|talking|"
    r"to speak|speaking|to chat|chatting)(?: with)? you|"
    r"our (?:[\w-]+ )?(?:conversation|call|chat|talk|meeting|discussion|session)s?|"
    # "one of my favourite conversations", "thanks for Thursday", "for presenting to us"
    r"my (?:favou?rite |best |most \w+ )?(?:conversations|chats|interviews|calls)|"
    r"(?:thanks|thank you) (?:\w+ )?for (?:monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday|yesterday|this morning|this afternoon|last night)\b|"
    # "since our phone screen", "after our interview on Monday" (not "our
    # interview process", which HR speaks of too)
    r"our (?:[\w-]+ )?(?:screen|screening|interview)(?! process| team| panel| stage| loop)|"
    # "I liked pairing with you on Friday", "the afternoon you gave us"
    r"(?:pairing|whiteboarding|coding|working through \w+) with you|"
    r"(?:time|hours|afternoon|morning|day|evening) you (?:gave|spent with|shared with) us|"
    r"(?:thanks|thank you) (?:\w+ ){0,2}for the (?:great|lovely|nice|good|fun|really good) "
    r"(?:chat|call|conversation|talk)|"
    r"(?:good|nice|great|lovely) getting to know you|"
    r"(?:when|since|after) we (?:last |first )?(?:spoke|met|talked)|"
    r"(?:thanks|thank you) (?:\w+ ){0,2}for coming (?:in|over|by|to see us|to (?:the|our) \w+)|"
    # "thank you for the two interviews with our team": the writer's team
    r"interviews? with our team|"
    # thanks for coming over: "gracias otra vez por venir el martes", "merci d'être
    # passée à l'atelier", "bedankt voor je komst", "grazie per essere passata"
    r"gracias (?:\w+ ){0,3}por (?:venir|pasarte|acercarte)|"
    r"merci (?:\w+ ){0,2}(?:d'etre|de t'etre|de vous etre) (?:passee?s?|venue?s?)|"
    r"(?:bedankt|dank (?:je|u)) (?:\w+ ){0,2}(?:voor (?:je|jouw|uw) komst|voor het langskomen|"
    r"dat (?:je|u) (?:even )?langs ?kwam)|"
    r"grazie (?:\w+ ){0,2}(?:per essere|di essere) (?:passat|venut)[oa]|"
    r"obrigad[oa] (?:\w+ ){0,2}por (?:ter vindo|ter passado|teres vindo)|"
    # thanks for a talk on a given day: "thanks for chatting last week",
    # "danke dir nochmal für das Gespräch am Donnerstag"
    r"(?:thanks|thank you) (?:\w+ ){0,2}for (?:chatting|talking|speaking|meeting) "
    r"(?:with me |with us |to me )?(?:last|this|on|yesterday|today|earlier)|"
    r"(?:thanks|thank you) (?:\w+ ){0,3}for (?:the|our) (?:\w+ )?(?:chat|call|conversation|talk) "
    r"(?:on|last|this|yesterday|today|earlier)|"
    r"(?:danke|dank) (?:\w+ ){0,3}fur (?:das|unser|unseren|den) (?:\w+ )?(?:gesprach|telefonat|"
    r"austausch|kennenlernen) (?:am|vom|gestern|heute|letzte)|"
    # a reply to the user's thanks for the talk: "Re: Thank you for the interview"
    r"^(?:re|aw|antw|sv|tr|rif|r|wg|fw): (?:\S+ ){0,3}(?:thank you|thanks|following up|follow-up|"
    r"follow up|danke|vielen dank|"
    r"herzlichen dank|merci|gracias|muchas gracias|bedankt|dank je|dank u) (?:\S+ ){0,4}"
    r"(?:interview|conversation|call|chat|meeting|gesprach|telefonat|entretien|echange|"
    r"entrevue|entrevista|conversacion|charla|gesprek)|"
    # a reply in the thread of a talk: "Re: coffee?", "Re: charla del martes",
    # "Re: papo de ontem", "Re: zin om eens langs te komen?"
    r"^(?:re|aw|antw|sv|rif|r): (?:\S+ ){0,2}(?:coffee|koffie|kaffee|cafe|caffe|charla|papo|"
    r"chiacchierata|colloquio|gesprek|gesprach|entretien|echange|entrevista|conversa|chat|"
    r"call|langs te komen|vorbeikommen|passer nous voir)\b|"
    # "thanks for taking my call", "it was lovely to chat"
    r"(?:taking|took) my call|"
    r"it was (?:\w+ )?(?:lovely|nice|great|good|a pleasure|wonderful) to (?:chat|talk|speak|meet)|"
    # "thank you for interviewing with us": the writer is among "us"
    r"(?:interview(?:ing|ed|s)?|meet(?:ing)?|met|speak(?:ing)?|spoke|talk(?:ing|ed)?|"
    r"chat(?:ting|ted)?) with us|"
    r"(?:gesprach|gesprache|interview|interviews|vorstellungsgesprach) (?:\w+ )?(?:mit|bei) uns|"
    r"(?:entretien|entretiens|echange|echanges) avec nous|"
    r"(?:entrevista|entrevistas|charla|conversacion) con nosotr[oa]s|"
    r"(?:gesprek|gesprekken|interview|sollicitatiegesprek) (?:\w+ )?(?:met|bij) ons|"
    r"(?:it|that) was (?:\w+ )?(?:a|an) (?:\w+ )?(?:great|good|lovely|nice|enjoyable|"
    r"interesting|pleasant) (?:conversation|chat|call|talk|discussion)|"
    # de
    r"(?:unser|unserem|unseren|unseres) (?:\w+ )?(?:\w*gesprach\w*|telefonat\w*|treffen|"
    r"austausch|kennenlernen)|"
    r"(?:fur|nach) (?:das|den|dem|die) (?:\w+ )?(?:nette|angenehme|offene|gute|"
    r"interessante|freundliche|spannende|konstruktive|sympathische|anregende)[ns]? "
    r"(?:und \w+ )?(?:\w+ )?(?:gesprach|gesprache|austausch|telefonat|kennenlernen)|"
    r"(?:war|waren) (?:\w+ )?(?:ein|eine) (?:\w+ )?(?:nettes|angenehmes|gutes|schones|"
    r"spannendes|interessantes|tolles) (?:gesprach|kennenlernen|telefonat)|"
    r"(?:sie|dich|euch) (?:personlich )?kennen(?:zu)?gelernt|(?:sie|dich|euch) kennenzulernen|"
    r"wir uns (?:\w+ )?(?:kennenlernen|kennen lernen) (?:konnten|durften)|"
    r"dass (?:du|sie|ihr) (?:\S+ ){0,6}?bei uns (?:\S+ ){0,4}?(?:warst|waren|wart|vorbeigekommen|"
    r"vorbeigeschaut|zu besuch)|"
    # fr
    r"(?:notre|nos) (?:\w+ )?(?:echange|echanges|entretien|entretiens|conversation|rencontre|"
    r"discussion|appel)|"
    r"(?:venue?s?|venir|passee?s?|passer) nous (?:rencontrer|voir)|"
    r"(?:venue?s?|venir) jusqu'a nous|"
    r"(?:passe|passons) (?:un|de) (?:\w+ )?(?:bon|agreable|excellent|beau|tres bon)s? moments? "
    r"(?:avec (?:vous|toi)|ensemble)|"
    r"(?:visite|visiter|visitez|rencontre|rencontrer) (?:\S+ ){0,3}avec nous|"
    r"(?:agreable|chouette|sympa|un plaisir|un vrai plaisir|interessant|enrichissant) "
    r"(?:de |d')(?:echanger|discuter|parler|vous rencontrer|te rencontrer)|"
    r"(?:ravie?|heureux|heureuse|content|contente) (?:de vous avoir|d'avoir|de t'avoir) "
    r"(?:rencontre|echange|parle)|plaisir (?:de|d'avoir) (?:vous |te )?(?:rencontrer|echanger|"
    r"rencontre|echange)|"
    # es
    r"(?:nuestra|nuestras|nuestro|nuestros) (?:\w+ )?(?:conversacion|charla|entrevista|"
    r"reunion|llamada|videollamada|encuentro)|"
    r"(?:un placer|un gusto|encantad[oa]|agradable|bonito|genial) (?:de )?(?:conocerte|conocerle|"
    r"conocerla|haberte|haberle|hablar)|"
    r"(?:pasamos|estuvimos) (?:\w+ )?(?:hablando|charlando|conversando)|"
    r"lo pasamos (?:\w+ )?(?:bien|genial|estupendamente)|"
    r"por venir a (?:vernos|conocernos|la|el|nuestra|nuestro)|"
    r"gracias (?:\w+ ){0,3}por (?:la|nuestra) (?:\w+ )?"
    r"(?:llamada|charla|conversacion|videollamada)|"
    # pt
    r"(?:a nossa|nossa|o nosso|nosso) (?:\w+ )?(?:conversa|entrevista|reuniao|chamada|"
    r"videochamada|bate-papo)|"
    r"(?:obrigad[oa]|agradeco|agradecemos) (?:\w+ ){0,2}pela (?:\w+ )?(?:conversa|entrevista|"
    r"reuniao|chamada|videochamada) (?:de|desta|dessa|do|da|na|no|com)\b|"
    r"(?:gostei|gostamos|adorei|foi um prazer|foi otimo|foi bom) (?:\w+ )?(?:de )?"
    r"(?:falar|conversar|conhecer) (?:consigo|contigo|com voce|te|-te|voce)|"
    # it
    r"(?:il nostro|nostro|la nostra|nostra) (?:\w+ )?(?:colloquio|colloqui|chiacchierata|"
    r"conversazione|incontro|call|videochiamata)|"
    r"(?:ci ha|mi ha) fatto (?:molto )?piacere (?:conoscerti|conoscerla|parlare con te|"
    r"parlare con lei|incontrarti|incontrarla)|"
    # nl
    r"ons (?:\w+ )?(?:\w*gesprek|\w*gesprekken|telefoongesprek|kennismakingsgesprek|kennismaking|"
    r"overleg)|"
    r"(?:leuk|fijn) (?:om )?(?:je|u) rond te leiden|"
    r"dat (?:je|u) (?:\S+ ){0,6}?naar (?:ons|de \w+|het \w+) (?:kwam|kwamen|kwam kijken)|"
    r"(?:leuk|fijn|prettig|goed) (?:om )?(?:je|jou|u|kennis) (?:te )?(?:hebben )?"
    r"(?:ontmoet|gesproken|spreken|ontmoeten|maken|gemaakt)|"
    r"voor het (?:\w+ )?(?:prettige|fijne|leuke|goede|open|plezierige|aangename) gesprek|"
    r"(?:was|waren) (?:\w+ )?(?:een|echt een) (?:\w+ )?(?:leuk|fijn|prettig|goed|plezierig|"
    r"aangenaam|mooi)e? (?:gesprek|kennismaking)|"
    # "Fijn gesprek vorige week!", "Great chat yesterday", "Schönes Gespräch gestern"
    r"(?:fijn|leuk|goed|prettig)e? (?:telefoon)?gesprek (?:vorige|afgelopen|gisteren|vandaag|van)|"
    r"(?:great|good|lovely|nice) (?:chat|call|talk|conversation) (?:last|yesterday|earlier|this)|"
    r"(?:schones|gutes|nettes|angenehmes) (?:gesprach|telefonat) (?:letzte|gestern|heute|am)"
)
_STRICT = re.compile(rf"\b(?:{_WITH_ME})\b")
_LOOSE = re.compile(rf"\b(?:{_OURS})\b")
# A title's full stop ends no sentence ("Herr Dr. Behrens").
_ABBREVIATION = re.compile(rf"\b({HONORIFICS})\.")
_WRITTEN_ADDRESS = re.compile(r"([\w.+-]+)@[\w-]+(?:\.[\w-]+)+")


def _text(msg: Message, *, subject: bool = False) -> str:
    """The text the writer wrote (and the subject), normalised, German
    written without umlauts folded back."""
    text = f"{msg.subject}\n{msg.new_text}" if subject else msg.new_text
    return normalize(fold_transliterated(text) if transliterated(text) else text)


# The sign-off: a closing line, or the writer's name on a line of its own.
# A panel listed last ("- Ben Ito, Lead Engineer") would otherwise run on
# into "Kind regards, Pat Lowe".
_CLOSING_LINE = re.compile(
    r"^\W*(?:kind(?:est)? regards|best(?: wishes| regards)?|regards|many thanks|thanks(?: again)?|"
    r"cheers|yours (?:sincerely|faithfully|truly)|sincerely|warm(?:est)? regards|all the best|"
    r"(?:mit )?(?:freundlichen|freundliche|viele|beste|liebe|herzliche) "
    r"gr(?:u|ue|ü)(?:ss|ß)(?:en|e)|"
    r"gr(?:u|ue|ü)(?:ss|ß)e|(?:bien )?cordialement|bien a vous|bien à vous|salutations|"
    r"(?:un )?saludos?(?: cordiales)?|atentamente|(?:cordiali|distinti)? ?saluti|un saluto|"
    r"(?:met )?vriendelijke groet(?:en)?|groet(?:en|jes)?|atenciosamente|(?:os )?(?:melhores )?"
    r"cumprimentos|abraço|abraco)\W*$",
    re.IGNORECASE,
)


def _letter(msg: Message) -> str:
    """The writer's text up to the sign-off."""
    name = (msg.from_.name if msg.from_ else "").strip().casefold()
    lines = msg.new_text.splitlines()
    for i, line in enumerate(lines[1:], 1):
        bare = line.strip().casefold()
        if _CLOSING_LINE.match(bare) or (name and bare and bare == name):
            return "\n".join(lines[:i])
    return msg.new_text


def _before(text: str, at: int, limit: int, ends: str = ".!?;:") -> str:
    """The words before `at` in its sentence (cue text has no line breaks),
    at most `limit` characters."""
    start = max(text.rfind(c, 0, at) for c in ends)
    return text[max(start + 1, at - limit) : at]


def _after(text: str, at: int, limit: int, ends: str = ".!?;,") -> str:
    """The words after `at` up to the end of its clause, at most `limit`."""
    found = [i for i in (text.find(c, at) for c in ends) if i >= 0]
    return text[at : min(min(found, default=len(text)), at + limit)]


def written_addresses(text: str) -> list[str]:
    """The e-mail addresses a text writes out, lower-cased."""
    return [m.group(0).lower() for m in _WRITTEN_ADDRESS.finditer(text)]


def _cue_text(msg: Message) -> tuple[str, list[str]]:
    """The writer's text as the name cues read it, and the addresses written
    out in it: a title's full stop ends no sentence ("Herr Dr. Behrens"), nor
    does an address ("(alberto.campos@x.example)"), whose local part's words
    name the person and whose mark "@@n" keeps it (`written[n]`)."""
    written: list[str] = []

    def mark(m: re.Match[str]) -> str:
        written.append(m.group(0))
        return f"{m.group(1).replace('.', ' ')} @@{len(written) - 1}"

    # Addresses first: "m.lin@..." is no "M." title to drop the dot of.
    letter = _letter(msg)
    text = _WRITTEN_ADDRESS.sub(
        mark, normalize(fold_transliterated(letter) if transliterated(letter) else letter)
    )
    # Nor does an initial ("dhr. W. Kramer") or a dot inside a word ("Eng.º
    # Manuel", "1.º Vogal") end a sentence.
    text = re.sub(r"\.(?=[a-z])|(?<=\b[a-z])\.(?= [a-z])", "", text)
    # Nor the dot of a day before its month ("am 7. Mai mit Ihnen").
    text = re.sub(rf"(?:(?<=\b\d)|(?<=\b\d\d))\.(?= (?:{MONTHS})\b)", "", text)
    return _ABBREVIATION.sub(lambda m: m.group(1).replace(".", ""), text), written


# Who wants to meet the user, named before it: "Frau Miriam Koch, Teamleiterin
# BI, möchte Sie gern kennenlernen", "Dana Reyes would like to meet you".
_WANTS_TO_MEET = re.compile(
    r"\b(?:would like to|wants to|would love to|will) (?:meet|interview|speak (?:with|to)) you|"
    r"\b(?:mochte|mochten|will|wollen) (?:sie|dich) (?:\w+ ){0,2}?"
    r"(?:kennenlernen|sprechen|treffen)|"
    r"\bsouhaite(?:nt)? vous (?:rencontrer|recevoir|parler)|aimerai(?:t|ent) vous rencontrer|"
    r"\b(?:quiere|quieren|querria|le gustaria|te gustaria) "
    r"(?:conocerte|conocerle|entrevistarte|hablar contigo)|"
    r"\b(?:vorrebbe|vorrebbero|desidera|desiderano) "
    r"(?:conoscerti|conoscerla|incontrarti|incontrarla)|"
    r"\b(?:gostaria|gostariam|quer|querem) (?:de )?(?:te )?(?:conhecer|entrevistar|conversar)|"
    r"\b(?:wil|willen) (?:je|u) (?:graag )?(?:ontmoeten|spreken|leren kennen)|"
    # "Sanne zou graag kennis met je maken"
    r"\b(?:zou|zouden|wil|willen) (?:graag )?"
    r"(?:kennis met (?:je|u) maken|(?:je|u) (?:graag )?leren kennen)|"
    # "Sandra Fehr aus der Baukommission wäre auch dabei"
    r"\b(?:ware|waren|wird|werden) (?:auch |ebenfalls )?(?:mit )?dabei\b"
)
# ... "also" there: besides the writer, who is in the talk too.
_ALSO_THERE = re.compile(
    r"\b(?:ware|waren|wird|werden|is|are|will be) (?:auch|ebenfalls|also) "
    r"(?:mit )?(?:dabei|there|joining)\b|"
    # the writer, in the first person: "je serai également présent", "I'll be there too"
    r"\bje serai (?:egalement |aussi |moi-meme |bien sur )?(?:present|presente|de la partie|la)\b|"
    r"\bi(?:'ll| will) (?:also )?be (?:there|joining|in the room|on the call) (?:too|as well)\b|"
    r"\bi(?:'ll| will) also (?:be there|join)\b|"
    r"\bich bin (?:auch|ebenfalls) (?:mit )?dabei\b|"
    r"(?<!\bno )\b(?:yo )?(?:tambien )?(?<!\bno )estare (?:tambien )?presente\b|"
    r"(?<!\bnon )\b(?:io )?(?<!\bnon )saro (?:anche io |anch'io )?presente\b|"
    r"\bci saro anch(?:e io|'io)\b|"
    r"(?<!\bnao )\b(?:eu )?(?:tambem )?(?<!\bnao )estarei (?:tambem )?presente\b|"
    r"\bik (?:ben|zit|schuif) (?:er |zelf )?ook (?:bij|aan)\b"
)


def named_panel(msg: Message, known: Iterable[Address] = ()) -> frozenset[str] | None:
    """The addresses among this mail's participants, and the `known` people
    of the same application (a recruiter's invitation names a panel that is
    copied only on the calendar event), that its text names as the talk's
    panel (its writer too, when it says "... and me"), and the addresses it
    writes out for the panel; None when it names no one of them. A writer
    who says they will not be in the talk is never in it (the set may then
    be empty)."""
    text, written = _cue_text(msg)
    found = list(_CUES.finditer(text))
    spans = [m.group("who") for m in found]
    for m in _WANTS_TO_MEET.finditer(text):
        # the names come before it, in the same sentence
        spans.append(_before(text, m.start(), 160, ends=".!?;"))
    absent = _NOT_ME.search(text) is not None
    if not spans:
        return frozenset() if absent else None
    named = _named((*msg.participants, *known), spans, by_local=True)
    # "Das Gespräch führen Frau Dr. Yıldız (elif.yildiz@…) und …": the
    # panel's addresses, written out by the invitation's writer.
    named.update(written[int(i)] for span in spans for i in re.findall(r"@@(\d+)", span))
    if msg.from_ is not None and (
        any(_SELF.search(m.group(0)) for m in found) or _ALSO_THERE.search(text)
    ):
        named.add(msg.from_.addr)  # "Ihre Gesprächspartner sind Herr Leitner und ich"
    if absent:
        named.discard(msg.from_.addr if msg.from_ else "")
        return frozenset(named)
    return frozenset(named) or None


# A panel changed in words, with no calendar to compare: "Mark Penhale is no
# longer available and will be replaced by Jenna Collis", "Frau Berger ist
# verhindert", "à la place de M. Roux". The names stand before the first
# kind of cue (in its sentence) and after the second.
_OFF_AFTER_NAME = re.compile(
    r"\b(?:(?:is|are) no longer (?:available|able to|on the panel|joining)|"
    r"can(?:not|'t| no longer) (?:join|attend|make it|be there)|"
    r"(?:will|has|have) (?:be |been )?replaced by|"
    r"(?:is|has been) (?:off sick|unwell|taken ill|called away|unavailable)|"
    # "Priya's been pulled onto a release", "has been called away"
    r"(?:'s|has) been (?:pulled|called|taken) (?:onto|into|away|off)|"
    # away: "Marisa Quintana estará fuera toda la semana", "is travelling"
    r"(?:will be|is) (?:away|travelling|traveling|on leave|out of (?:the )?office)|"
    r"(?:estara|esta) (?:fuera|ausente|de viaje|de baja|de vacaciones)|"
    r"(?:sera|est) (?:absente?|en deplacement|en conge)|(?:sara|e) (?:assente|fuori sede|in ferie)|"
    r"(?:estara|esta) (?:fora|ausente|de ferias)|(?:is|zal) (?:afwezig|op reis|met verlof)|"
    r"(?:ist|wird) (?:[\w-]+ ){0,3}?(?:verreist|im urlaub|nicht im haus|abwesend)|"
    # "Frau Prim. Haider ist an diesem Tag kurzfristig im OP eingeteilt"
    r"ist (?:[\w-]+ ){0,7}?(?:eingeteilt|eingeplant|unabkommlich)\b|"
    r"won't be (?:joining|able to join|on the panel)|"
    r"has (?:had to )?(?:drop(?:ped)? out|pulled out)|"
    r"(?:ist|sind|kann|konnen) (?:[\w-]+ ){0,2}?(?:verhindert|erkrankt|nicht (?:mehr )?dabei|"
    r"nicht teilnehmen)|wird (?:[\w-]+ ){0,3}?durch (?:[\w-]+ ){1,4}?(?:ersetzt|vertreten)|"
    r"ne (?:pourra|peut|sera) (?:pas|plus) (?:etre )?"
    r"(?:presente?|disponible|participer|se joindre)|"
    r"sera remplacee? par|est (?:absente?|indisponible|souffrante?|empechee?)|"
    r"no (?:podra|puede)(?:, [\w ]{1,24},| \w+)? (?:asistir|estar|participar|acompanarnos)|"
    r"sera (?:sustituid|reemplazad)[oa] por|"
    r"kan (?:[\w-]+ ){0,2}?niet (?:aanwezig zijn|aansluiten|meedoen|erbij zijn)|"
    r"wordt vervangen door|is (?:ziek|verhinderd|afwezig)|"
    # (an incise may come between: "não poderá, afinal, estar presente")
    r"non (?:potra|puo)(?:, [\w ]{1,24},| \w+)? (?:partecipare|essere presente|esserci)|"
    r"sara sostituit[oa] da|"
    r"nao (?:podera|pode)(?:, [\w ]{1,24},| \w+)? (?:participar|estar presente|comparecer)|"
    r"sera substituid[oa] (?:por|pela|pelo))"
)
# (Not after a pronoun object, "Julien la remplacera aux côtés de Paul", where
# what follows is no name; "statt" only before a title: "findet ... statt".)
_OFF_BEFORE_NAME = re.compile(
    r"\b(?:replac(?:es|ing)|in place of|instead of|(?:stands?|standing|steps?|stepping) in for|"
    r"statt(?= (?:frau|herrn?|dr|prof)\b)|anstelle von|anstatt|in vertretung von|vertritt|"
    r"au lieu de|en remplacement de|a la place de|(?<!la )(?<!le )(?<!les )remplacera|"
    r"en lugar de|en sustitucion de|sustituye a|reemplaza a|in plaats van|"
    r"(?<!haar )(?<!hem )vervangt|al posto di|in sostituzione di|(?<!la )(?<!lo )sostituisce|"
    r"no lugar de|em substituicao de|(?<!a )(?<!o )substitui) "
)


def taken_off_panel(msg: Message, known: Iterable[Address] = ()) -> frozenset[str]:
    """The addresses among this mail's participants and the `known` people
    that its text says will no longer be in the talk (off sick, replaced)."""
    text, _ = _cue_text(msg)
    spans = []
    for m in _OFF_AFTER_NAME.finditer(text):
        # The clause before it: the name that opens it ("Hélène Roussel,
        # retenue par un séminaire, ne pourra pas ...") and the words just
        # before the verb ("..., Mark Penhale is no longer available").
        clause = _before(text, m.start(), 120).split(",")
        spans += [clause[0], clause[-1]]
    for m in _OFF_BEFORE_NAME.finditer(text):
        spans.append(_after(text, m.end(), 60))
    if not spans:
        return frozenset()
    return frozenset(_named((*msg.participants, *known), spans, by_local=True))


def named_in_text(msg: Message, people: Iterable[Address]) -> frozenset[str]:
    """Those of `people` whose name the writer's text uses ("Hoi Beat, hoi
    Sandra", "good that Lotte joined")."""
    return frozenset(_named(people, [_cue_text(msg)[0]], by_local=False))


# What a mail says of people named just before it: "Sofia Lindgren, who
# interviewed you, is copied", "Herr Lange und Frau Özdemir, mit denen Sie am
# 17. Oktober gesprochen haben", "Rodrigo Fuentes e Ignacio Parra, quienes te
# entrevistaron", "Claire, qui vous a reçue", "Anouk, met wie je sprak".
_INTERVIEWED_YOU = re.compile(
    r"\b(?:who (?:\w+ ){0,2}(?:interviewed you|met (?:with )?you|spoke (?:with|to) you|"
    r"(?:held|ran|led|did(?! not\b| never\b)|conducted|took) (?:\w+ ){0,3}"
    r"(?:call|interview|screen|round|conversation)s?|"
    r"led (?:\w+ ){0,3}interviews?|ran (?:\w+ ){0,3}interviews?|sat on (?:\w+ ){0,2}panel)|"
    # "Jordi, que estuvo conmigo en ambas entrevistas"
    r"que (?:estuvo|estuvieron|estaba) (?:conmigo |tambien )?en (?:la|las|ambas|los|el) "
    r"(?:\w+ )?(?:entrevistas?|reuni\w+|conversaci\w+)|"
    # "Marc-André, who's copied here and sat in on your interview with me"
    r"sat in (?:on )?(?:your|the|our) (?:[\w-]+ )?(?:interview|call|conversation|panel|session)s?|"
    # "Tobias, der mit mir im Gespräch saß"
    r"(?:der|die) (?:\S+ ){0,3}?(?:im|beim|in (?:ihrem|deinem|dem)) (?:\w+ )?(?:gesprach|interview)"
    r"(?: \w+)? (?:sass|sassen|dabei war|teilgenommen hat)|"
    # "I've copied Omar and Lena since they were both on your panel"
    r"(?:they|who|he|she) (?:were|was) (?:both |all |also )?(?:on|in|part of) (?:your|the) "
    r"(?:[\w-]+ )?(?:panel|interview|interviews|final round)\b|"
    r"whom you (?:met|spoke (?:with|to))|"
    r"mit (?:denen|dem|der) (?:sie|du) (?:\S+ ){0,5}?(?:gesprochen|getroffen|telefoniert) "
    r"(?:haben|hast|hatten|hattest)|"
    r"die (?:sie|dich) (?:\S+ ){0,3}?(?:interviewt|kennengelernt) (?:haben|hat)|"
    r"quien(?:es)? (?:te|le|la|lo) (?:\S+ )?(?:entrevist\w+|conoci\w+|atendi\w+)|"
    r"qui (?:vous|t') ?(?:a|ont|avait|avaient) (?:\S+ )?(?:recue?s?|rencontree?s?|interviewee?s?)|"
    r"avec qui (?:vous avez|tu as) (?:\S+ )?(?:echange|parle|discute|eu)|"
    r"met wie (?:je|u) (?:\S+ ){0,4}?(?:sprak|spraken|gesproken|gesprek had)|"
    # "Joost, die je in de tweede ronde sprak"
    r"die (?:je|u) (?:\S+ ){0,5}?(?:sprak|spraken|ontmoette|ontmoetten|interviewde|"
    r"interviewden)\b|"
    r"die (?:je|u) (?:\S+ ){0,2}?(?:heeft|hebben) (?:\S+ ){0,2}?"
    r"(?:gesproken|geinterviewd|ontvangen)|"
    r"die (?:\S+ ){0,4}?(?:het |een )?(?:interview|gesprek|gesprekken) met (?:je|jou|u) "
    r"(?:\S+ )?(?:hebben|heeft|voerden|voerde)(?: gevoerd)?|"
    # "die am 15. Januar das Gespräch mit Ihnen geführt hat", "che ti hanno incontrato",
    # "que o entrevistaram"
    r"(?:die|der) (?:\S+ ){0,4}?(?:das |ein )?(?:\w*gesprach|interview) mit (?:ihnen|dir) "
    r"(?:\S+ )?gefuhrt (?:hat|haben)|"
    r"che (?:ti|la|l'|vi) ?(?:hanno|ha) (?:incontrat|intervistat|conosciut)\w*|"
    # a note about the user, forwarded: "Rachel Ng and Tomasz Wolski met her on
    # Tuesday", "l'ont reçue en entretien", "com quem você conversou"
    r"(?:met|interviewed|spoke (?:with|to)|talked (?:with|to)) (?:her|him|them)\b|"
    r"l'(?:ont|a|avaient|avait) (?:\S+ )?(?:recue?|rencontree?|interviewee?)\b|"
    r"(?:la|lo|le) (?:entrevistaron|entrevisto|conocieron|conocio)\b|"
    r"l'(?:hanno|ha) (?:\S+ )?(?:incontrat|conosciut|intervistat)[oa]\b|"
    r"(?:a|o) (?:entrevistaram|entrevistou|conheceram|conheceu)\b|"
    r"(?:hebben|heeft) (?:haar|hem) (?:\S+ ){0,3}?(?:gesproken|ontmoet|geinterviewd)\b|"
    r"(?:com|con) quem (?:voce |o senhor |a senhora )?(?:conversou|falou|esteve|se reuniu)\b|"
    r"con quien(?:es)? (?:hablaste|conversaste|estuviste|te reuniste)\b|"
    r"con cui (?:ha|hai) (?:parlato|fatto il colloquio|avuto il colloquio)\b|"
    r"with whom you (?:spoke|met|talked)\b|"
    # the user as the subject: "que vous avez rencontrés ce jour-là", "che ha
    # conosciuto durante il secondo colloquio", "a quienes conociste", "que conheceu"
    r"que (?:vous|tu) (?:avez|as) (?:\S+ )?(?:rencontre|vu|interviewe)\w*|"
    r"che (?:ha|hai) (?:\S+ )?(?:conosciut|incontrat)\w*|"
    r"(?:a )?quien(?:es)? (?:conociste|conocio|viste)|que (?:conheceu|conheceste)\b|"
    r"que (?:o|a|te|voce) ?(?:entrevistou|entrevistaram|conheceu|conheceram))"
)


# A talk held, with whom: "your two interviews with Daniel Osei", "das
# Gespräch mit Frau Becker", "het gesprek met Anouk", "la entrevista con
# Marta"; not one offered ("I would have invited you to a talk with Koen").
_TALK_HELD_WITH = re.compile(
    r"(?<!invite you to )(?<!uitgenodigd voor )(?<!einladen zu )"
    r"\b(?:(?:your|the) (?:[\w-]+ ){0,3}(?:interview|conversation|call|chat|discussion|round|"
    r"session|meeting|screen)s? (?:(?:held|conducted|you had|for) (?:[\w-]+ ){0,8}?)?with|"
    # "also on behalf of Marco, for the interview", "on behalf of the interview panel, Ingrid
    # Vos and Stefan Marek", "la commissione, composta dal sottoscritto e dalla dott.ssa Pini"
    r"(?:anche|also|auch|aussi|tambien|tambem|ook) (?:a nome di|on behalf of|im namen von|"
    r"au nom de|en nombre de|em nome de|namens)(?=[^.!?]{0,160}\b(?:colloqui\w*|interview\w*|"
    r"gesprach\w*|entretien\w*|entrevista\w*|gesprek\w*|conversation\w*|incontr\w*|conversa\w*))|"
    r"on behalf of the (?:interview |selection )?(?:panel|committee|board),?|"
    # "En nombre de la comisión de selección: Dra. Carmen Navarro (...), ..."
    r"(?:en nombre de la|au nom du|im namen der|namens de|a nome della|em nome do) "
    r"(?:[\w-]+ )?(?:comision|tribunal|jury|\w*kommission|\w*commissie|commissione|juri)"
    r"(?: de seleccion| de selection| di selezione)?\s*:|"
    r"(?:commissione|jury|kommission|commissie|panel|comision|tribunal|juri),? (?:composta|"
    r"composto|composee?|bestehend|bestaande|composed|compuesta) (?:da|dal|dalla|de|du|aus|uit|"
    r"of|por)|"
    r"(?:panel|interviewers|people|team members) (?:that |whom? )?you (?:met|spoke (?:with|to))|"
    # "You met Daniel Brooks on Tuesday", "where you met with Fiona Grant"
    r"(?:^|, |where |when |as )you (?:met|met with|spoke with|spoke to|talked to|talked with|"
    r"interviewed with)|"
    r"(?:ihr|ihrem|ihres|dein|deinem|das|dem|unser|unserem) (?:[\w-]+ ){0,3}"
    r"(?:\w*gesprach|interview|telefonat)e? (?:[\w.]+ ){0,3}?mit|"
    # "das Vorstellungsgespräch, das Sie am 24. Februar per Video mit ... geführt haben"
    r"(?:\w*gesprach|interview|telefonat)e?,? (?:das|die|den) (?:sie|du) (?:[\w.]+ ){0,6}?mit|"
    # (Romance adjectives follow the noun: "l'entretien technique avec")
    r"(?:votre|ton|l'|notre|vos|nos) ?(?:[\w-]+ ){0,3}(?:entretiens?|echanges?|entrevues?)"
    r"(?: [\w-]+){0,4}? avec|"
    r"(?:tu|su|la|nuestra) (?:[\w-]+ ){0,3}(?:entrevista|llamada|videollamada|reunion)s?"
    r"(?: [\w-]+){0,4} con|"
    r"(?:het|je|uw|ons) (?:[\w-]+ ){0,3}\w*(?:gesprek|interview)(?:ken)?(?: [\w-]+){0,4}? met|"
    # "de tijd die je donderdag hebt doorgebracht met", "Je eerste gesprek voerde je met",
    # "Dinsdag heb je kennisgemaakt met"
    r"tijd die (?:je|u) (?:[\w-]+ ){0,3}?(?:hebt |heeft )?doorgebracht met|"
    r"\w*(?:gesprek|interview) (?:voerde|voerden|had|hadden) (?:je|u) (?:[\w-]+ ){0,5}?met|"
    r"\w*(?:gesprach|interview) (?:fuhrten|hatten|fuhrtest|hattest) (?:sie|du) "
    r"(?:[\w.-]+ ){0,5}?mit|"
    # "la entrevista celebrada el viernes 17 de mayo, de 10:00 a 11:30, en ..., con"
    r"(?:entrevista|entretien|colloquio|gesprach|interview|gesprek) (?:celebrada|realizada|"
    r"mantenida|qui s'est tenu|qui a eu lieu|svoltosi|tenutosi|che si e svolto|held|conducted|"
    r"that took place|realizada|realizado)[^.!?]{0,160}? (?:con|avec|mit|with|met|com)|"
    r"(?:kennisgemaakt|kennis gemaakt) met|"
    r"zeit,? die (?:sie|du) (?:[\w-]+ ){0,3}?mit|temps (?:que vous avez |que tu as )?passe avec|"
    r"tiempo que (?:pasaste|paso|dedicaste|dedico) con|tempo (?:trascorso|dedicato) con|"
    r"tempo che (?:hai|ha) (?:dedicato|trascorso) (?:al|alla|allo|a|con)|"
    r"tiempo que (?:dedicaste|dedico) (?:al|a la|a)|"
    r"tempo que (?:voce |o senhor |a senhora )?(?:passou|dedicou) com|"
    # "het gesprek dat u op 10 maart voerde met Femke Visser"
    r"(?:gesprek|gesprekken|interview) (?:dat|die) (?:u|je|jij) (?:[\w-]+ ){0,5}?met|"
    # "merci d'avoir rencontré Élodie Marchal", "thank you for meeting Rhea"
    r"(?:d'avoir|pour avoir) (?:pris le temps de )?(?:rencontre|rencontrer|echange avec|"
    r"echanger avec|parle avec|parler avec)|"
    r"(?:thank you|thanks) (?:\w+ ){0,2}for (?:meeting|speaking with|talking to|chatting with)|"
    # "thanks for presenting to Martin and me", "na entrevista comigo e com a Dr.ª Marta"
    r"(?:presenting|presented|pitching|pitched) (?:\w+ ){0,2}?to|"
    r"(?:thank you|thanks) (?:\w+ ){0,2}for (?:\w+ ){1,3}to (?:meet|speak with|talk to|chat with)|"
    # "thanks heaps for the time you gave Tom and me"
    r"(?:the )?time you (?:gave|spent with|took with)|"
    r"por (?:reunirte|hablar|conversar) con|"
    r"(?:a|sua|tua|nossa|pela|pelas|na|nas|da|das) (?:[\w-]+ ){0,3}"
    r"(?:entrevistas?|conversas?|reunioes|reuniao|videochamadas?|chamadas?)"
    r"(?: [\w-]+){0,4} com|"
    r"(?:il|i|al|ai|del|dei|nel|nei|tuo|suo|nostro) (?:[\w-]+ ){0,3}(?:colloquio|colloqui|incontro|"
    r"incontri)"
    r"(?: [\w-]+){0,4} con|"
    # "Ihre Gesprächspartner Frau Petra Hummel (...) und Herr ...": the people of the talk
    r"(?:ihre|deine|ihr|dein|your|vos|tes|je|uw|sus|tus|i suoi|i tuoi|os seus|os teus) "
    r"(?:gesprachspartner(?:in|innen)?|interviewers|interlocuteurs|interlocutrices|"
    r"gesprekspartners?|entrevistadores|entrevistadoras|interlocutori|selezionatori),?|"
    # the chair or a member of the panel that interviewed the user
    r"(?:chair|chairperson|member|members) of the (?:[\w-]+ )?(?:panel|committee),?|"
    r"(?:voorzitter|lid|leden) van de (?:\w*commissie|jury),?|"
    r"(?:vorsitzende|vorsitzender|mitglied|mitglieder) (?:der|des) (?:\w*kommission|"
    r"\w*gremiums|\w*ausschusses),?|"
    r"(?:president|presidente|membre|membres) du (?:jury|comite)(?: de selection)?,?|"
    r"(?:presidente|presidenta|miembro|miembros) del (?:tribunal|comite)(?: de seleccion)?,?)"
    r"\s+(?P<who>[^.!?]{2,240})"
)


# The writer copies the interviewers without naming them: "we have copied the
# two colleagues who met you", "I've cc'd the panel who interviewed you".
_COPIED_PANEL = re.compile(
    r"\b(?:copied|copying|cc'?d|cc'?ed|cc'?ing|included|including|added) (?:in )?"
    r"(?:the|both|my|our|all|your) (?:\w+ ){0,2}?(?:colleagues|people|interviewers|panel|"
    r"panellists|panelists|team members)(?: who| that)? (?:\w+ ){0,2}?(?:met|interviewed|"
    r"spoke (?:with|to)|talked (?:with|to)) you\b|"
    # "sono in copia i componenti della Commissione", "em cópia a vogal do júri",
    # "in Kopie die Mitglieder der Kommission", "en copie les membres du jury"
    r"\b(?:in copia|em copia|en copia|en copie|in kopie|in cc) (?:\S+ ){0,3}?(?:componenti|membri|"
    r"membros|vogais|vogal|miembros|vocales|membres|mitglieder|leden) (?:della|do|da|del|du|"
    r"der|van de) (?:commissione|juri|jury|tribunal|comite|kommission|commissie|selectiecommissie)"
)


# "Herr Krüger, der mit mir beide Gespräche mit Ihnen geführt hat": the one
# named before the relative clause, and the writer, held the talks.
_WITH_ME_AFTER_NAME = re.compile(
    r",? (?:der|die|who|qui|que|che|dat) (?:[\w-]+ ){0,3}?"
    r"(?:mit mir|with me|avec moi|conmigo|con me|comigo|met mij)\b(?=[^.!?]{0,80}?\b(?:"
    r"gesprach\w*|interview\w*|gefuhrt|entretien\w*|entrevist\w*|colloqui\w*|gesprek\w*|"
    r"talk\w*|call\w*|conversation\w*|rencontre\w*|incontr\w*|conversa\w*|mene|conduit|"
    r"condott\w*|conduziu|gevoerd|met you|spoke)\b)"
)
# The writer and someone named before "and I" judged the talk together:
# "Diego (en copia) y yo salimos de ambas conversaciones", "Pieter, die ik in
# de cc heb gezet, en ik vonden je aanpak sterk", "Marco e io, che ti abbiamo
# incontrata": "and I" followed, in its sentence, by the talk or a judgement.
_AND_I = re.compile(
    r"\b(?:and i|et moi|y yo|e io|und ich|en ik|e eu)\b(?=[^.!?]{0,160}?\b(?:"
    r"interview\w*|conversation\w*|chat|call|met you|meeting you|enjoyed|feedback|loved|liked|"
    r"session|review|"
    r"were (?:both |all )?impressed|found your|rencontre\w*|entrevue\w*|entretien\w*|echange\w*|"
    r"apprecie\w*|trouve\w*|conversaci\w+|entrevista\w*|reunion\w*|retroalimentacion|"
    r"colloqui\w*|incontrat\w*|piaciut\w*|chiacchierat\w*|gesprek\w*|vonden|gesproken|"
    r"gesprach\w*|kennengelernt|fanden|conversa\w*|conhece\w*|gostamos|entrevist\w+|"
    # "das Herr Gruber und ich mit Ihnen geführt haben", "dat Femke en ik met u mochten voeren"
    r"mit ihnen|mit dir|with you|met u|met je|avec vous|avec toi|con lei|con te|con usted|"
    r"contigo|com voce|consigo|gefuhrt|voeren|gevoerd)\b"
    # ... or in the next sentence: "Dermot and I wanted to write ourselves. We
    # genuinely enjoyed our conversation."
    r"|[^.!?]{0,160}[.!?] (?:we|i) (?:\w+ )?(?:enjoyed|loved|appreciated|liked) (?:our|the|your|"
    r"meeting|talking|speaking|getting))"
)


# The writer was in the talk with the people named after: "na entrevista
# comigo e com a Dr.ª Marta", "the call with me and Ravi"; "la entrevista
# que conduje junto con Ana", "das Gespräch, das ich zusammen mit Herrn Ott
# geführt habe".
_TALK = (
    r"(?:interview|conversation|call|chat|meeting|gesprach|telefonat|entretien|echange|entrevue|"
    r"entrevista|conversaci|conversa|reuni|llamada|colloqui|incontr|gesprek|sollicitatiegesprek|"
    r"papo|bate-papo|chamada|videochamada|videollamada|chiamata|videocall|chiacchierat)"
)
# Thanks for the talk in someone's name: "desidero ringraziarLa, anche a nome
# del Dott. Ferrari, per il colloquio", "Au nom d'Aurélie Lambert et en mon
# nom propre, ... pour l'entretien". The one named was in the talk; so was
# the writer who thanks in their own name too (`mine`). (Read in a sentence
# that thanks for the talk, cut as the rules' sentence scope cuts it.)
_IN_NAME_OF = re.compile(
    r"(?P<also>\b(?:anche|also|auch|ook|tambien|tambem|aussi|egalement) )?"
    r"\b(?:a nome (?:del|della|dell'|di|dei|delle)|on behalf of|im namen (?:von|des|der)|namens|"
    r"en nombre de(?:l)?|em nome d[oa]s?|au nom (?:de|d'|du|des)) ?"
    r"(?P<who>[^.!?,;]{2,80}?)"
    r"(?P<mine> et (?:en mon nom(?: propre| personnel)?|au mien|de moi-meme)| and (?:myself|me)| "
    r"and my own| und (?:mir|meinem)| "
    r"en (?:mij|mijzelf)| e (?:mio|a nome mio|in nome mio)| y (?:el mio|mio)| e (?:o meu|meu))?"
    r"(?=[,;]| (?:per|for|fur|voor|por|pela|pelo|pour|para|je tiens|ich|i|we|wir)\b)"
)
_WITH_ME_AND = re.compile(
    # (Portuguese "connosco e com o Eng. X" too; not "with us and": English
    # and German HR letters say it of the company, not of the writer)
    r"\b(?:with me|mit mir|avec moi|conmigo|comigo|con me|met mij|connosco|conosco) "
    r"(?:and|und|et|y|e|en)"
    r"(?: with| mit| avec| con| com| met)?\s+(?P<who>[^.!?]{2,200})|"
    rf"\b{_TALK}\w*[^.!?]{{0,120}}?\b(?:juntamente|together|zusammen|gemeinsam|insieme|junto|"
    r"samen|conjointement|en compagnie) (?:com|with|mit|a|ad|al|a la|con|met|avec|du|de la|de|d')"
    r"\s*(?P<also>[^.!?]{2,200})"
)
# A panel listed after its label: "your panel consisted of: - Sarah Okafor
# (...) - James Whitfield (...)", "Der Auswahlkommission gehörten an:",
# "la commissione era composta da", "le jury était composé de".
_PANEL_LIST = re.compile(
    r"\b(?:panel|committee|board|kommission|auswahlkommission|commissie|jury|commissione|"
    r"tribunal|comite|juri)\w*,? (?:consisted of|comprised|was made up of|included|were|"
    r"gehorten an|gehorte an|bestand aus|bestond uit|was samengesteld uit|etait compose de|"
    r"se composait de|era composta da|era formado por|estaba formado por|era constituido por)"
    r"\s*:?\s+(?P<who>[^.!?]{2,500})|"
    # "de benoemingsadviescommissie die op 21 februari met u sprak, bestaande uit ..."
    r"\b\w*(?:commissie|kommission|committee|panel|jury|commission|commissione|comision|tribunal|"
    r"comite|juri)\b"
    r"[^.!?]{0,100}?,? (?:bestaande uit|bestehend aus|composed of|consisting of|composta da|"
    r"compuesta por|composee de|compose de|composto por|constituido por|constituida por|"
    r"integrada por|formada por|formado por|presidida por|presieduta da|presidee? par|"
    r"presidido por|"
    r"(?:constituido|constituida|composto|composta|formado|formada) pel[ao]s?)"
    # ("composta dal Dott. X", "composée de : - Dr ...")
    r"\w*\s*:?\s+(?P<list>[^.!?]{2,500})"
)
# "Les échanges avec M. Nicolas Perrenoud et moi-même": the talk, with someone
# and the writer.
_WITH_X_AND_ME = re.compile(
    rf"\b{_TALK}\w* (?:[^.!?]{{0,40}}? )?(?:avec|with|mit|met|con|com) (?P<who>[^.!?]{{2,120}}?) "
    r"(?:et moi(?:-meme)?|and me|and myself|und mir|en mij|e me|y conmigo|e comigo|e con me)\b"
)
# "we both enjoyed our conversation": the writer and the one other person
# copied held it together.
# (Not "you both": "we found you both strong", "jullie allebei", "vous tous
# les deux"; nor "both finalists".)
_WE_BOTH = re.compile(
    r"\b(?:we both|both of us|the two of us|wir beide|wij beiden|"
    r"(?<!jullie )(?<!jou )(?<!u )allebei|nous deux|"
    r"(?<!vous )(?:tous (?:les )?deux|toutes (?:les )?deux)|"
    r"(?<!ustedes )(?<!vosotros )(?:ambos|los dos|las dos)|(?<!voi )(?:entrambi|tutti e due)|"
    r"(?<!voces )(?:nos dois|os dois|as duas))\b"
    r"(?! (?:[\w-]+ )?(?:candidat\w*|finalist\w*|profil\w*|kandida\w*|bewerber\w*))"
)
# "a quick note from me and Sam", "Paul joined us for the second half":
# the writer and the one named were in the talk.
_ME_AND = re.compile(
    r"\b(?:me and|moi et|yo y|io e|eu e|ik en|ich und) (?P<who>[^.!?,;]{2,40})"
    rf"(?=[^.!?]{{0,120}}\b{_TALK})"
)
_JOINED = re.compile(
    r"(?P<who>\b[\w'-]+(?: [\w'-]+)?) (?:(?:also )?(?:joined|sat in with) (?:us|me|the "
    r"(?:call|interview|conversation|meeting|chat))\b|(?:schoof|schoven) (?:[\w-]+ ){0,5}?aan\b|"
    r"(?:kam|stiess) (?:[\w-]+ ){0,4}?dazu\b|nous a rejointe?s?\b|se unio\b|si e unit[oa]\b|"
    r"juntou-se\b)"
)
# Someone who took over the talk from another: "Arjun stepped in at short
# notice", "Frau Ott ist kurzfristig eingesprungen", "Luc l'a remplacée".
_STEPPED_IN = re.compile(
    # (not "took over" or "a pris le relais": said of whoever got the job too)
    r"(?P<who>\b[\w'-]+(?: [\w'-]+)?) (?:(?:kindly |kurzfristig |gladly )?(?:stepped in|stood in|"
    r"filled in for)\b|(?:ist|sind) (?:[\w-]+ ){0,3}?eingesprungen\b|"
    r"sprang (?:[\w-]+ ){0,3}?ein\b|(?:is|zijn) (?:[\w-]+ ){0,3}?ingevallen\b|"
    r"viel (?:[\w-]+ ){0,3}?in\b|(?:l'a|les a) remplace\w*|"
    r"(?:l'ha|la ha|lo ha|l'aveva) sostituit\w*|(?:la|lo|le) sustituy\w*|(?:a|o) substituiu\b)"
)
# ... or named after, in the Romance word order: "en su lugar lo/la atendió el
# Dr. Felipe Ospina", "à sa place, c'est M. Roux qui vous a reçue".
_IN_PLACE = re.compile(
    r"\b(?:en su lugar|en lugar de \w+|no (?:seu )?lugar (?:dela|dele)|al suo posto|a sa place|"
    r"in (?:her|his) place),? (?:c'est )?(?:[\w/]+ ){0,2}?(?:atendio|entrevisto|recibio|"
    r"entrevistou|recebeu|atendeu|ha (?:ricevut|incontrat|intervistat)\w*|vous a recue?|"
    r"interviewed you|met you|took the interview)\s+(?P<who>[^.!?]{2,120})"
)
# The writer passes on someone's thanks for the talk: "Dr Faulk has asked
# me to thank you for your interview", "Herr Ott hat mich gebeten, Ihnen für
# das Gespräch zu danken": the one who asks was in it.
_ASKED_TO_THANK = re.compile(
    r"(?P<who>[^.!?;]{2,80}?) (?:has |had |have )?"
    r"(?:asked me to (?:thank you|pass on (?:\w+ )?thanks)|"
    r"(?:hat|hatte) mich gebeten,? (?:ihnen|dir) (?:[\w-]+ ){0,6}?zu danken|"
    r"m'a (?:demande|charge|prie)e? de (?:vous|te) remercier|"
    r"me (?:ha|pidio|pide) (?:pedido |encargado )?(?:que )?(?:te|le|os) "
    r"(?:agradezca|de las gracias|transmita)|"
    r"mi ha (?:chiesto|pregato) di ringraziar\w*|"
    r"(?:heeft|had) (?:me|mij) gevraagd (?:je|jou|u) (?:[\w-]+ ){0,4}?te (?:bedanken|danken)|"
    r"pedi(?:u|ram)-me (?:para |que )?(?:lhe |te )?agradec\w*|"
    r"me pedi(?:u|ram) (?:para |que )?(?:lhe |te )?agradec\w*)"
)
_NEGATED = re.compile(r"\b(?:not|n't|never|nicht|nie|pas|jamais|no|nunca|non|mai|niet|nooit|nao)\b")
# Someone else thanks the user for the talk, in the third person: "Dr.
# Hartung bedankt sich herzlich für das Gespräch", "Maître Saint-Clair vous
# remercie pour votre entretien", "El Arq. Mora le agradece la entrevista".
_THIRD_THANKS = re.compile(
    r"(?P<who>[^.!?;,]{2,60}?) (?:thanks you|is grateful|sends (?:\w+ )?thanks|"
    r"bedankt sich|dankt (?:ihnen|dir)|vous remercie|te remercie|"
    r"(?:le|te|les) agradece|(?:la|ti|vi) ringrazia|(?:dankt|bedankt) (?:u|je|jou)|"
    r"agradece-(?:lhe|te)|(?:lhe|te) agradece)\b"
)
# Two rounds and their people: "die beiden Gesprächsrunden, zunächst mit
# Nils Oberle und anschließend mit Nils und Petra Haas", "le premier avec
# Karim, le second avec Karim et Élodie Fontaine".
_ROUNDS = re.compile(
    rf"\b{_TALK}\w*[^.!?]{{0,80}}?\b(?:first|zunachst|zuerst|erst|eerst|d'abord|le premier|"
    r"la premiere|primero|la primera|el primero|prima|il primo|primeiro|a primeira|o primeiro),? "
    r"(?:with|mit|met|avec|con|com)\s+(?P<who>[^.!?]{2,240})"
)
# A talk planned with someone, not held with them: "il colloquio era stato
# fissato con la Prof.ssa Gentile", "the interview was meant to be with".
_PLANNED = re.compile(
    r"\b(?:fissat[oa]|previst[oa]|doveva|dovevano|was (?:meant|supposed|scheduled|due)|"
    r"were (?:meant|supposed|due)|sollte|war (?:geplant|vorgesehen)|stond gepland|zou|"
    r"estaba previst[oa]|iba a|devait|etait prevue?|estava previst[oa]|ia ser)\b"
)
# The writer led it with someone: "l'ho quindi condotto io insieme al Prof.
# Marino", "I ran it together with Ben", "je l'ai mené avec Mme Roux".
_LED_IT_WITH = re.compile(
    r"\b(?:(?:l'|lo |la )?ho (?:\w+ )?(?:condott[oa]|tenut[oa]|fatt[oa]) io|"
    r"i (?:\w+ )?(?:ran|led|conducted|held|did) it|je l'ai (?:\w+ )?(?:mene|conduit|fait)|"
    r"lo (?:\w+ )?(?:lleve|hice|conduje|realice)(?: yo)?|(?:a|o) conduzi|"
    r"(?:heb|hebben) (?:het|hem) (?:\w+ )?(?:gevoerd|geleid|afgenomen))"
    r"[^.!?]{0,30}? (?:(?:insieme|assieme|together|ensemble|junto|juntamente|samen|zusammen) )?"
    r"(?:with|con|al|alla|allo|avec|com|met|mit)\s+(?P<who>[^.!?]{2,120})"
)
# The talk's people after a past passive, a "who attended", or what the user
# did with them: "A dinâmica foi conduzida pela Mariana Lobo e pelo Felipe
# Duarte", "quem assistiu foram o Prof. Lopes e a Sandra Mello", "you did the
# technical test with Letícia", "conversou em inglês com o James Hall".
_HELD_BY = re.compile(
    rf"\b(?:{_TALK}|dinamica|session|sessao|sesion|sessione|sitzung|sessie|workshop|assessment|"
    r"aula|prova|prueba|test|teste|case)\w* (?:[\w-]+ ){0,3}?(?:foi|was|were|wurde|wurden|fue|"
    r"a ete|ont ete|e stato|e stata|sono stati|werd|werden) (?:[\w-]+ )?(?:conduzid[oa]s?|"
    r"realizad[oa]s?|conducted|led|run|held|chaired|gefuhrt|geleitet|conducid[oa]s?|"
    r"dirigid[oa]s?|menee?s?|conduite?s?|animee?s?|condott[oa]|condotti|tenut[oa]|gevoerd|"
    r"geleid|afgenomen) (?:by|por|pela|pelo|von|par|da|dal|dalla|dai|door)"
    r"\s+(?P<who>[^.!?]{2,240})|"
    r"\b(?:quem (?:assistiu|participou|avaliou|conduziu|esteve)|who (?:attended|sat in|took part|"
    r"was there|were there)|quien(?:es)? (?:asisti\w+|particip\w+|estuv\w+)) "
    r"(?:(?:foram|foi|was|were|fueron|fue) )?\s*(?P<also>[^.!?]{2,240})|"
    r"\b(?:fez|fizeste|fizeram|did|took|sat|hiciste|realizaste|hai (?:fatto|svolto)|"
    r"heb je (?:gedaan|gemaakt)|hast (?:[\w-]+ )?gemacht) (?:o|a|the|your|el|la|tu|il|lo|den|das|"
    r"het|de|je) (?:[\w-]+ )?(?:teste|test|prueba|prova|case|caso|exercicio|exercise|oefening|"
    r"aufgabe|assessment)\w*(?: [\w-]+){0,2}? (?:com|with|con|mit|met|avec)"
    r"\s+(?P<with>[^.!?]{2,160})|"
    r"\b(?:conversou|falou|se reuniu|conversaste|hablaste|te reuniste|"
    r"hai parlato|hai incontrato) (?:[\w-]+ ){0,3}?(?:com|con)\s+(?P<talked>[^.!?]{2,160})"
)
# "In the end it was just Kofi and me": the writer and the one named.
_JUST_US = re.compile(
    r"\b(?:it was|it ended up|c'etait|c'etaient|fue|fuimos|eravamo|era|war(?:en)? es|waren wir|"
    r"het waren|het was|fomos|foram) (?:just |only |finally |in the end |seulement |juste |"
    r"solamente |solo |nur |alleen |apenas |so )?(?P<who>[^.!?,;]{2,40}?) "
    r"(?:and me|and i|et moi|y yo|e io|e eu|en ik|und ich)(?= ?[.,;!?]|$| who| que| che| die)"
)
# A talk "with her/him" after a name: the name before, in its sentence.
# ("mit Ihnen" and "con Lei", the polite "you", too: the one named before
# them in the sentence is the talk's person; not "el", Spanish for "the".)
_PRONOUN = re.compile(
    r"(?:her|him|them|ihr|ihm|ihnen|elle|lui|eux|ella|ellos|lei|loro|haar|hem|hen|"
    r"ela|ele|eles)\b"
)


# Dutch and German put the verb last: "waar u mevrouw De Graaf (...) en meneer
# Jansen (...) heeft gesproken".
_WHERE_YOU = re.compile(
    r"\b(?:waar|toen|wo|als) (?:u|je|sie|du) (?P<who>[^.!?]{2,240}?) (?:heeft|hebt|haben|hast) "
    r"(?:gesproken|ontmoet|getroffen|kennengelernt|gesprochen)\b"
)


_FIRST_PERSON = re.compile(
    r"\b(?:i|ich|je|j'ai|yo|io|eu|ik|we|wir|nous|noi|wij|nosotros|conduzi|conduje|realice|"
    r"realizei|mantuvimos|tivemos|abbiamo|hebben|haben)\b"
)


# The writer speaks of the talk as their own: "nach unserem zweiten Gespräch
# mit Herrn Ahlers", "il colloquio con l'Ing. Esposito e con me", "the
# interview that I conducted", "a entrevista que conduzi".
_WRITER_IN_TALK = re.compile(
    rf"\b(?:unser|unserem|unseres|unsere|our|notre|nos|nuestra|nuestro|nuestras|nuestros|nossa|"
    rf"nosso|nossas|nostro|nostra|nostri|ons|onze) (?:[\w-]+ ){{0,2}}{_TALK}\w* "
    r"(?:[\w-]+ ){0,3}?(?:mit|with|avec|con|com|met)\b|"
    rf"\b{_TALK}\w*[^.!?]{{0,160}}?\b(?:and me|and myself|und mir|et moi|y conmigo|"
    r"e comigo|e con me|en mij|en met mij)\b|"
    rf"\b{_TALK}\w*,? (?:que|that|which|die|das|den|che|dat|qu') (?:[\w-]+ ){{0,3}}?"
    r"(?:conduzi|realizei|conduje|realice|le hice|te hice|mantuvimos|tuvimos|hicimos|"
    r"nous avons eu ensemble|tuvimos juntos|abbiamo avuto insieme|tivemos juntos|"
    r"i (?:held|conducted|led|ran)|ho (?:condotto|tenuto)|"
    r"ik (?:voerde|leidde)|j'ai (?:mene|conduit)|ich (?:[\w-]+ ){0,6}(?:gefuhrt|geleitet) habe)\b|"
    # "our screening call", "nuestra llamada de preselección": the writer held that one
    r"\b(?:our|nuestra|nuestro|notre|nostra|nostro|nossa|nosso|unser\w*|ons|onze) "
    r"(?:first |initial |premier |primera |primeira |prima |erste[sn]? |eerste )?"
    r"(?:phone |telephone |screening |intro |introductory |preliminary |telefonische |telefonisch |"
    r"telefonica |telephonique |telefonico )?(?:screening call|phone screen|phone call|intro call|"
    r"entretien de qualification|entretien telephonique|"
    r"llamada de preseleccion|llamada telefonica|appel telephonique|echange telephonique|"
    r"appel de preselection|appel de qualification|call conoscitiva|chiamata di screening|"
    r"chiamata conoscitiva|telefonata conoscitiva|chamada telefonica|telefoninterview|"
    r"kennismakingsgesprek|telefonisch gesprek|telefonische kennismaking|"
    r"\w*telefonat|entretien telephonique)\b|"
    # "I enjoyed hearing about your pre-sales work", "es hat mich gefreut, Sie kennenzulernen"
    r"\b(?:thank you|thanks) (?:\w+ ){0,3}?for (?:taking the time to )?(?:speak|speaking|talk|"
    r"talking|chat|chatting|meet|meeting)(?: with| to)? me\b|"
    r"\bi (?:really |truly |very much )?(?:enjoyed|loved) (?:meeting|talking|speaking|chatting|"
    r"hearing|our|getting to know|walking through|going through|discussing|seeing|learning about|"
    r"your (?:questions|presentation|demo|case study|walkthrough|answers|examples|pitch))\b|"
    r"\b(?:hat mich|habe mich) (?:sehr |wirklich )?gefreut,? (?:sie|dich) kennen ?zu ?lernen\b|"
    r"\bj'ai (?:beaucoup |vraiment )?(?:apprecie|aime) (?:notre|nos) "
    r"(?:echange|entretien|conversation)|"
    r"\b(?:fue|ha sido) un (?:placer|gusto) (?:conocerte|conocerle|conocerla|hablar contigo)\b|"
    r"\b(?:me gusto|disfrute) (?:mucho )?(?:conocerte|conocerla|conocerlo|hablar contigo|"
    r"nuestra conversacion)|"
    r"\bik vond (?:ons gesprek|het gesprek) (?:erg |heel |echt )?(?:leuk|prettig)|"
    # "You were a pleasure to interview", "you asked good questions at the
    # cross-dock": the writer was there to see it
    r"\byou were (?:a (?:real |genuine |great )?pleasure|great|lovely|fun) to (?:interview|meet)\b|"
    r"\b(?:a (?:real |genuine |great )?pleasure|great|lovely) to interview you\b|"
    r"\byou asked (?:[\w-]+ ){0,2}questions\b|"
    # "your answer ... was one of the strongest we heard"
    r"\b(?:strongest|best|clearest|sharpest) (?:\w+ ){0,2}?(?:we|i) (?:heard|saw|have heard|"
    r"have seen|got)\b|"
    # "after our two meetings", "dopo i nostri due incontri", "depois do nosso primeiro papo"
    r"\b(?:dopo|after|nach|apres|tras|despues de|depois d[eo]s?|na) "
    r"(?:i |il |los |las |os |as |de |o |a |el )?"
    r"(?:nostr[oi]|our|unser(?:em|en)|nos|notre|nuestr[oa]s?|noss[oa]s?|onze|ons) (?:\w+ )?"
    r"(?:incontr[oi]|colloqui[o]?|meetings?|conversations?|calls?|chats?|interviews?|gesprachen?|"
    r"treffen|entretiens?|echanges?|entrevistas?|reunion(?:es)?|conversas?|reunioes|reuniao|"
    r"gesprek(?:ken)?|papo|bate-papo)\b"
)


# Someone was "also" in the writer's talk: "nach unserem Gespräch, bei dem
# auch Verena (...) dabei war" names them, and puts the writer in it too.
_ALSO_IN_IT = re.compile(
    r"\b(?:gesprach|interview|termin|hearing)\w*(?: [\w-]+){0,3},? (?:bei|an) (?:dem|der) "
    r"(?:auch|ebenfalls)\s+(?P<who>[^.!?]{2,160})"
)


def named_interviewers(msg: Message) -> frozenset[str]:
    """The mail's recipients (To, Cc) and the addresses it writes out that its
    own text names as the people who interviewed the user: "following your
    interviews with Daniel Osei (cc'd)", "Sofia Lindgren, who interviewed
    you, is copied", "het gesprek met Anouk de Wit (in cc)"; and its writer
    when they name someone as in the talk with them ("Diego y yo salimos de
    la entrevista"). Read in the text the writer wrote."""
    text, written = _cue_text(msg)
    spans = []
    for m in _TALK_HELD_WITH.finditer(text):
        # "after your conversation with her": the one named before, in its sentence
        if _PLANNED.search(text, m.start(), m.start("who")):
            continue  # planned with them, held with someone else
        pronoun = _PRONOUN.match(m.group("who"))
        spans.append(_before(text, m.start(), 160) if pronoun else m.group("who"))
    spans += [m.group("who") for m in (*_STEPPED_IN.finditer(text), *_IN_PLACE.finditer(text))]
    spans += [m.group("who") for m in _ROUNDS.finditer(text)]
    spans += [
        m.group("who") or m.group("also") or m.group("with") or m.group("talked")
        for m in _HELD_BY.finditer(text)
    ]
    with_me = [_before(text, m.start(), 160) for m in _AND_I.finditer(text)]
    with_me += [m.group("who") for m in _ALSO_IN_IT.finditer(text)]
    with_me += [_before(text, m.start(), 60) for m in _WITH_ME_AFTER_NAME.finditer(text)]
    with_me += [m.group("who") for m in (*_JUST_US.finditer(text), *_LED_IT_WITH.finditer(text))]
    for m in _WITH_ME_AND.finditer(text):
        # "with me and X": the writer too; "together with X" after a talk
        # names X, and the writer only when they speak of it in the first
        # person ("das ich zusammen mit Frau X geführt habe"; not "che l'ha
        # incontrata insieme al Dott. X").
        before = text[m.start() : m.start("also")] if m.group("also") else ""
        mine = m.group("who") or _FIRST_PERSON.search(before)
        (with_me if mine else spans).append(m.group("who") or m.group("also"))
    with_me += [
        m.group("who")
        for m in (*_ME_AND.finditer(text), *_JOINED.finditer(text), *_WITH_X_AND_ME.finditer(text))
    ]
    spans += [m.group("who") or m.group("list") for m in _PANEL_LIST.finditer(text)]
    spans += [m.group("who") for m in _WHERE_YOU.finditer(text)]
    # Sentences of the talk: someone's thanks passed on, or thanks in their name.
    for sentence in sentences(text):
        if not re.search(rf"\b{_TALK}", sentence):
            continue
        # (not one who "did not join the interviews" and passes on thanks)
        spans += [
            m.group("who")
            for m in (*_ASKED_TO_THANK.finditer(sentence), *_THIRD_THANKS.finditer(sentence))
            if not _NEGATED.search(m.group("who"))
        ]
        if not _THANKS.search(sentence):
            continue
        for m in _IN_NAME_OF.finditer(sentence):
            # (thanks "also" in X's name need not mean the writer sat in:
            # a coordinator thanks for a talk they arranged)
            (with_me if m.group("mine") else spans).append(m.group("who"))
    in_talk = _WRITER_IN_TALK.search(text) is not None
    for m in _INTERVIEWED_YOU.finditer(text):
        # the names come before it, in the same sentence
        spans.append(_before(text, m.start(), 160))
    spans += with_me
    if not spans and not in_talk and not _COPIED_PANEL.search(text):
        return frozenset()
    # Addresses the writer spells out are people of the mail too ("Thabo,
    # who ran your technical interview ... at thabo.nkosi@...").
    spelled = [Address("", a.lower()) for a in written]
    named = _named((*msg.to, *msg.cc, *spelled), spans, by_local=True)
    if _COPIED_PANEL.search(text):
        # "We have copied the two colleagues who met you": everyone in Cc.
        named.update(a.addr for a in msg.cc)
    if in_talk and len(msg.cc) == 1 and _WE_BOTH.search(text):
        # "We both enjoyed our conversation with you", one colleague copied.
        named.add(msg.cc[0].addr)
    # "your HR discussion with Ms. Lakshmi Narayanan (lakshmi.n@...)": the
    # interviewer's address, written out by the writer.
    named.update(written[int(i)] for span in spans for i in re.findall(r"@@(\d+)", span))
    if msg.from_ is not None and (
        in_talk
        or any(
            _named((*msg.to, *msg.cc, *spelled), [s], by_local=True) or "@@" in s for s in with_me
        )
    ):
        # "... and I": the writer sat in that talk with them.
        named.add(msg.from_.addr)
    return frozenset(named)


_THANKS = re.compile(
    r"\b(?:thank|thanks|danke|dank|bedank|merci|remercier|remercie|remercions|gracias|agradec\w*|"
    r"obrigad[oa]|ringrazi\w*|grazie)"
)


def writer_absent(msg: Message) -> bool:
    """Does the writer say they were (or will be) no part of the talk: "I
    wasn't part of the interview myself", "yo no estuve en la entrevista",
    "I only coordinate the scheduling"?"""
    return _NOT_ME.search(_text(msg, subject=True)) is not None


# The writer's job is arranging the talks: "I coordinate interviews for the
# data team", or a coordinator's title under their name ("Recruiting
# Coordinator", "Recruiting-Koordination", "coordinatrice recrutement").
_ARRANGES = re.compile(
    r"\bi(?: am|'m)? (?:the )?(?:coordinat\w*|schedul\w*) (?:\w+ ){0,2}?"
    r"(?:interviews|calls|the process)\b|"
    r"\bich koordiniere (?:\w+ ){0,2}?(?:gesprache|interviews|termine)\b|"
    # "Soy la asistente de Sergio Navarro", "I'm Dr Lee's assistant"
    r"\b(?:i(?: am|'m) (?:[\w-]+'s )?(?:the )?(?:personal |executive )?(?:assistant|secretary)\b|"
    r"soy (?:el |la )?(?:asistente|secretari[oa])(?: personal)? de|"
    r"sou (?:o |a )?(?:assistente|secretari[oa]) (?:de|do|da)|"
    r"je suis (?:l'|le |la )?(?:assistante?|secretaire) (?:de|du)|"
    r"sono (?:l'|la |il )?(?:assistente|segretari[oa]) (?:di|del|della)|"
    r"ik ben (?:de )?(?:assistente?|secretaresse|secretaris) van|"
    r"ich bin (?:die |der )?(?:assistent(?:in)?|sekretar(?:in)?) (?:von|des|der))|"
    r"\bje coordonne (?:\w+ ){0,2}?(?:entretiens|rendez-vous)\b|"
    r"\b(?:yo )?coordino (?:\w+ ){0,2}?(?:entrevistas|procesos)\b|"
    r"\bik (?:coordineer|plan) (?:\w+ ){0,2}?(?:gesprekken|interviews|afspraken)\b|"
    # the talk is "before" a board the writer does not sit on: "zu einem Hearing
    # vor der Hearingkommission", "to an interview before the selection panel"
    r"\b(?:hearing|gesprach|interview|entretien|entrevista|colloquio|gesprek) (?:[\w-]+ ){0,2}?"
    r"(?:vor (?:der|dem) \w*(?:kommission|gremium|jury)|"
    r"before (?:the|our) (?:[\w-]+ )?(?:panel|board|committee)|devant (?:le|notre) jury|"
    r"ante (?:el|la) (?:tribunal|comision)|davanti alla "
    r"commissione|voor de \w*commissie|perante o juri)\b"
)
_ARRANGER_TITLE = re.compile(
    # ("Office & Recruitment Coordinator": one more duty may lead the title)
    r"(?:^|[-|,/]\s?|\u2013\s?)\W*(?:[\w-]+ (?:and |und |et |y |e |en )?)?(?:(?:senior |junior )?"
    r"(?:recruiting|recruitment|talent|acquisition|interview|hiring|hr|people|"
    r"campus|candidate) (?:co-?ordinator|scheduler|scheduling)|co-?ordinator,? (?:recruiting|"
    r"recruitment|talent|interviews?|hr)|interview scheduling|executive assistant|"
    r"(?:recruiting|recruitment|personal|hr)[- ]?koordination|(?:recruiting|personal|hr)?"
    r"[- ]?koordinator(?:in)?|assistenz der geschaftsfuhrung|teamassistenz|"
    r"coordinat(?:rice|eur) (?:du |des |de )?(?:recrutement|rh|entretiens)|"
    r"coordinador(?:a|/a)? de (?:seleccion|reclutamiento|rrhh|talento|entrevistas)|"
    r"coordinat(?:ore|rice) (?:delle |del )?(?:selezione|colloqui|recruiting)|"
    r"coordenador(?:a)? de (?:recrutamento|selecao|rh)|"
    # the office's name for the duty: "Coordenação de Recrutamento"
    r"coordenacao de (?:recrutamento|selecao)|coordinacion de (?:seleccion|reclutamiento)|"
    r"coordination (?:du |des )?(?:recrutement|entretiens)|coordinamento (?:selezione|recruiting)|"
    r"(?:recruitment|werving)[- ]?co[o]?rdinator|"
    # an assistant or secretary writing for the one who interviews
    r"(?:executive|personal|management) assistant|assistant to the|pa to (?:the )?\w+|"
    # an HR or recruitment assistant: "Assistante RH", "Recruitment Assistent"
    r"(?:hr|recruitment|recruiting|talent|people) assistent?(?:in)?|assistante? (?:rh|ressources "
    r"humaines|recrutement)|hr-assistent(?:in)?|assistente (?:hr|risorse umane|rh|de recursos "
    r"humanos)|asistente de (?:rrhh|recursos humanos|seleccion)|"
    r"office manager|"
    r"segreteria di direzione|segretaria di direzione|assistente di direzione|"
    r"assistante? de direction|secretaire de direction|secretaria de direccion|"
    r"asistente de direccion|directiesecretaresse|directieassistente?|managementassistente?|"
    r"secretaria da direcao|assistente de direcao)\b"
)


# The writer sets up a phone call of their own with the user, before any
# decision: "je vous appelle jeudi à 17h30", "I'll give you a call on Monday".
# (In a rejection the same words promise a debrief, not a talk held.)
_CALLS_YOU = re.compile(
    r"\b(?:i(?:'ll| will| can| could) (?:give you a )?(?:call|ring|phone) you|"
    r"je (?:vous|t') ?(?:appelle|appellerai|telephone|telephonerai)|"
    r"ich rufe (?:sie|dich) (?:\w+ ){0,4}an|"
    r"(?:ti|la) (?:chiamo|chiamero|telefono)|ik bel (?:je|jou|u)|(?:te|le) (?:llamo|llamare)|"
    r"(?:eu )?(?:te |lhe )?(?:ligo|ligarei) (?:para )?(?:voce|si|te)|"
    # ... or proposes one: "Zullen we even bellen?", "shall we have a quick call?"
    r"zullen we (?:\S+ ){0,3}?(?:even |kort )?bellen|"
    r"shall we (?:have a |do a )?(?:quick |short )?(?:call|chat)|"
    # "Could we have a 30-minute video call this Friday?", "can we set up a quick chat"
    r"(?:could|can|shall) we (?:have|do|set up|schedule|book) an? (?:[\w-]+ ){0,2}?(?:call|chat)|"
    r"(?:i'd|i would|and would) (?:also )?(?:love|like|be happy|be glad) to "
    r"(?:do|have|set up|schedule|arrange|book) an? "
    r"(?:[\w-]+ ){0,2}?(?:call|chat|screen|screening)|"
    # ... in other languages: "me gustaría hacerte una primera llamada", unless
    # it is with someone else ("... una llamada con la directora")
    r"(?:(?:me gustaria|quisiera) (?:hacerte|hacerle|tener|agendar|programar|organizar)|"
    r"gostaria de (?:marcar|ter|fazer|agendar)|"
    r"(?:j'aimerais|je souhaiterais|je voudrais) (?:vous |t')?"
    r"(?:proposer|organiser|planifier|avoir)|"
    r"vorrei (?:fissare|organizzare|fare|avere|proporti|proporle)|"
    r"ich (?:wurde|mochte) (?:gerne? )?(?:mit (?:ihnen|dir) )?(?:ein|einen)|"
    r"ik (?:zou|wil) (?:graag )?(?:met (?:je|jou|u) )?(?:een|even een)) "
    r"(?:(?:contigo|consigo|con te|con lei) )?(?:una?|un|uma|ein|einen|een)? ?(?:[\w-]+ ){0,2}?"
    r"(?:llamada|videollamada|charla|chamada|videochamada|ligacao|conversa|appel|echange "
    r"telephonique|chiamata|telefonata|videochiamata|chiacchierata|telefonat|videocall|call|"
    r"belafspraak|telefoongesprek|videogesprek|kennismakingsgesprek)"
    r"(?! (?:[\w-]+ )?(?:con|with|avec|mit|met|com|amb) "
    r"(?!(?:me|mij|mir|moi|you|ihnen|dir|je|jou|u|te|lei|vous|toi|voce)\b))|"
    r"kunnen we (?:\S+ ){0,3}?(?:even |kort )?bellen|konnen wir (?:\S+ ){0,3}?telefonieren|"
    r"sollen wir (?:\S+ ){0,3}?telefonieren|on s'appelle|"
    r"(?:ci sentiamo|possiamo sentirci) al telefono|"
    r"(?:hablamos|podemos hablar) por telefono|"
    r"(?:falamos|podemos (?:falar|conversar)) por telefone|"
    r"(?:zeit|gelegenheit) fur ein (?:\w+ )?(?:telefonat|kennenlerngesprach|erstgesprach)|"
    # "20 minutes for a call with me", "ein kurzes Telefonat mit mir"
    r"(?:call|chat|phone call|video call|conversation|catch-up) with me|"
    r"(?:telefonat|gesprach|call|austausch) mit mir|(?:echange|appel|entretien) (?:\w+ )?avec moi|"
    r"(?:llamada|charla|conversacion|videollamada) conmigo|(?:conversa|ligacao|call) comigo|"
    r"(?:chiamata|chiacchierata|telefonata|call) con me|(?:gesprek|gesprekje|belletje) met mij|"
    # ... or asks the user over to their own office: "kom je donderdag langs?"
    r"kom (?:je|u) (?:\S+ ){0,6}?langs|come (?:by|over to|in to) (?:our|my) office|"
    r"kommen sie (?:\S+ ){0,6}?(?:bei uns|bei mir|in unserem buro) vorbei|"
    r"passez (?:nous voir|me voir|a l'agence|au cabinet)|pasate por (?:la|nuestra) oficina|"
    r"passa(?:re)? (?:a trovarmi|in agenzia|in ufficio da me))\b"
)


# ... or asks whether a time suits them for one, not with someone else:
# "Passt Ihnen ein Telefoninterview am Donnerstag?", "does Thursday work for
# a quick call?", "¿te viene bien una llamada el lunes?"
_PROPOSES_CALL = re.compile(
    r"\b(?:(?:works?|suits? you) for an? (?:[\w-]+ ){0,2}?"
    r"(?:call|chat|phone interview|phone screen|screen)|"
    r"(?:how about|would|does|is) an? (?:quick |short |brief )?"
    r"(?:phone interview|phone screen|screening call|intro call)|"
    r"passt (?:es )?(?:ihnen|dir) (?:ein|eine) (?:[\w-]+ )?"
    r"(?:telefon\w*|call|videocall|kennenlerngesprach|erstgesprach)|"
    r"(?:seriez-vous|etes-vous|es-tu|serais-tu) disponible (?:\S+ ){0,4}?pour (?:un|une) "
    r"(?:[\w-]+ )?"
    r"(?:appel|echange|entretien telephonique|visio)|"
    r"je (?:vous|te) propose (?:un|une) (?:[\w-]+ )?"
    r"(?:appel|echange|entretien telephonique|visio|point telephonique)|"
    r"(?:te|le) (?:va|viene) bien (?:una|un) (?:[\w-]+ )?"
    r"(?:llamada|entrevista telefonica|videollamada)|"
    r"(?:da-lhe jeito|da-te jeito) (?:uma|um) (?:[\w-]+ )?(?:chamada|entrevista telefonica)|"
    r"(?:le|ti) (?:andrebbe|va) bene (?:una|un) (?:[\w-]+ )?"
    r"(?:chiamata|telefonata|colloquio telefonico)|"
    r"(?:schikt|past) (?:het |je |u )?(?:een) (?:[\w-]+ )?"
    r"(?:telefoongesprek|belafspraak|telefonisch interview))\b"
    r"(?! (?:[\w-]+ ){0,4}?(?:with|mit|avec|con|com|met) (?!(?:me|mir|moi|mij|mim)\b))"
)


@dataclass(frozen=True)
class WriterRole:
    """What an earlier mail of the application says of its writer's own talk
    with the user: `talked`: they speak of one ("a first call with me",
    "great chat yesterday"); `calls`: they set one up ("je vous appelle
    jeudi"). Read in the text the writer wrote, not the subject."""

    talked: bool
    calls: bool


def writer_role(msg: Message, *, talk: bool = True) -> WriterRole:
    """`WriterRole` of one earlier mail: the text is normalised once and
    each cue list searched in it (`talked` as `writer_took_part` answers,
    without the names; `calls` is read in mail before the decision only: a
    rejection's "I'll call you" promises a debrief). `talk=False`: the
    caller has no use for `talked` (False then), the costlier to read."""
    text = _text(msg)
    talked = (
        talk
        and (_STRICT.search(text) is not None or _LOOSE.search(text) is not None)
        and _NOT_ME.search(text) is None
    )
    calls = _CALLS_YOU.search(text) is not None or _PROPOSES_CALL.search(text) is not None
    return WriterRole(talked, calls)


# The writer chairs the board that held the interview ("Voorzitter
# selectiecommissie", "Presidente do Júri", "Chair of the selection panel").
_CHAIR_TITLE = re.compile(
    r"\b(?:voorzitter (?:van de )?(?:\w*commissie|jury)|presidente (?:do|da|del|della|de la) "
    r"(?:juri|jurado|commissione|tribunal|comissao|comision)|president(?:e)? du jury|"
    r"chair(?:person)? of the (?:selection |interview |appointment )?(?:panel|committee|board)|"
    r"vorsitzende(?:r)? der \w*kommission)\b"
)


def writer_chairs(msg: Message) -> bool:
    """Does the writer sign as the chair of the board that held the talk?"""
    lines = f"{msg.new_text}\n{msg.signature or ''}".splitlines()
    closing = [normalize(ln) for ln in [ln for ln in lines if ln.strip()][-4:]]
    # a title line under the name, not a sentence naming the chair
    return any(_CHAIR_TITLE.search(ln) and len(ln.split()) <= 6 for ln in closing)


def writer_arranges(msg: Message) -> bool:
    """Does the writer say that arranging the talks is their job ("I
    coordinate interviews for the team"), or sign with a coordinator's
    title? Such a writer took part only where a mail says so ("with me")."""
    return _arranges(msg, _text(msg))


def _arranges(msg: Message, text: str) -> bool:
    if _ARRANGES.search(text):
        return True
    lines = f"{msg.new_text}\n{msg.signature or ''}".splitlines()
    closing = [normalize(ln) for ln in [ln for ln in lines if ln.strip()][-6:]]
    return any(_ARRANGER_TITLE.search(ln) for ln in closing)


# A client's note to an agency speaks of the candidate in the third person:
# "I met Alex last week", "ich habe Frau X im Zweitgespräch erlebt", "j'ai
# rencontré Alex", "ik heb Alex vorige week gesproken".
_MET_THEM = re.compile(
    r"\b(?:i|we) (?:have |had )?(?:\w+ )?(?:met|interviewed|spoke (?:with|to)|talked (?:with|to)) "
    r"(?!you\b)\w+|"
    r"\b(?:ich|wir) (?:habe|haben|hatte|hatten) (?:\S+ ){1,8}?"
    r"(?:kennengelernt|gesprochen|interviewt|erlebt|getroffen)\b|"
    r"\b(?:j'ai|nous avons) (?:\S+ )?(?:rencontre|recu|interviewe|echange avec|vu)\b|"
    r"\b(?:ik|wij|we) (?:heb|hebben|had|hadden) (?:\S+ ){1,5}?"
    r"(?:gesproken|ontmoet|leren kennen|geinterviewd)\b|"
    r"\b(?:conoci|entreviste|hable con|he conocido|he entrevistado|hemos conocido|"
    r"hemos entrevistado|conocimos|entrevistamos)\b|"
    r"\b(?:ho|abbiamo) (?:\S+ )?(?:conosciuto|incontrato|intervistato|sentito)\b|"
    r"\b(?:conheci|entrevistei|conhecemos|entrevistamos)\b|"
    # a client's note to the agency, of the candidate in the third person:
    # "Florian Maier und ich hatten zwei sehr gute Gespräche mit ihr", "nous
    # avons apprécié sa rigueur lors de la mise en situation", "en la
    # entrevista demostró ..."
    r"\b(?:ich|wir) (?:hatte|hatten|fuhrten|haben) (?:\S+ ){0,4}?"
    r"(?:gesprach|gesprache|interviews?) mit (?:ihr|ihm)\b|"
    r"\b(?:nous avons|j'ai) (?:beaucoup |vraiment )?apprecie (?:[\w',-]+ ){0,10}?"
    r"(?:lors de|pendant|durant) (?:l'entretien|la mise en situation|nos echanges|l'echange|"
    r"le cas pratique|les entretiens)\b|"
    r"\b(?:we|i) (?:really |very much )?(?:liked|enjoyed|appreciated|were impressed by) "
    r"(?:[\w',-]+ ){0,10}?(?:in|during) (?:the|our|both) (?:interviews?|conversations?|case study|"
    r"presentation)\b|"
    r"\b(?:in|during) the interviews? (?:she|he|they) (?:showed|demonstrated|impressed)\b|"
    r"\ben la entrevista (?:\S+ )?(?:demostro|mostro|nos (?:gusto|encanto|convencio|impresiono))\b|"
    r"\b(?:nel|durante il) colloquio (?:ha )?(?:dimostrato|mostrato|ci ha)\b|"
    r"\bna entrevista (?:\S+ )?(?:demonstrou|mostrou|nos (?:impressionou|convenceu))\b|"
    r"\bin het gesprek (?:liet|toonde) (?:ze|hij)\b|"
    r"\b(?:ik|wij|we) (?:hebben|heb|hadden|had) (?:\S+ ){0,4}?(?:gesprek|gesprekken) "
    r"met (?:haar|hem) (?:gevoerd|gehad)\b"
)


def speaks_of_own_talk(text: str) -> bool:
    """Does a text (a forwarded note) speak as someone who was in the talk
    ("I enjoyed the interview", "our conversation", "I met Alex")?"""
    folded = normalize(fold_transliterated(text) if transliterated(text) else text)
    return any(rx.search(folded) for rx in (_STRICT, _LOOSE, _MET_THEM))


def writer_took_part(
    msg: Message, *, strict: bool = False, known: Iterable[Address] = (), subject: bool = True
) -> frozenset[str] | None:
    """Does the writer speak of a talk they were in ("our conversation",
    "meet Priya and me", "unser Gespräch")? None when not; otherwise the
    writer's address and those of the mail's other participants (and of the
    `known` people of the application) the same words name ("Priya").
    `strict`: only words that put the writer in the talk by name ("Paolo and
    I", "with me"), not "our conversation". Read in the text the writer
    wrote and, unless `subject` is False, the subject ("Re: coffee?")."""
    if writer_absent(msg):
        return None  # "I wasn't part of the interview myself"
    text = _text(msg, subject=subject)
    # Each kind searched on its own: "für das angenehme Gespräch ... mit
    # Frau Becker und mir" holds both, overlapping.
    found = [m.group(0) for m in _STRICT.finditer(text)]
    if not strict:
        found += [m.group(0) for m in _LOOSE.finditer(text)]
    if not found or msg.from_ is None:
        return None
    named = _named((*msg.to, *msg.cc, *known), found, by_local=False)
    return frozenset({msg.from_.addr} | named)


# Name particles many people share ("Jan van Dijk", "Anna van Leeuwen"):
# no evidence that a span names this one.
_PARTICLES = frozenset(
    {
        "van",
        "der",
        "den",
        "von",
        "del",
        "los",
        "las",
        "des",
        "dos",
        "das",
        "ter",
        "ten",
        "zum",
        "zur",
    }
)


def _named(addresses: Iterable[Address], spans: Iterable[str], *, by_local: bool) -> set[str]:
    """The addresses whose display name (or, `by_local`, a nameless one's
    local part: "claus.behrens") shares a word of 3+ letters with `spans`."""
    words = set(re.findall(r"[a-z]{3,}", " ".join(spans))) - _PARTICLES
    named = set()
    for a in addresses:
        tokens = set(re.findall(r"[a-z]{3,}", normalize(a.name or "")))
        if not tokens and by_local:
            tokens = set(re.findall(r"[a-z]{3,}", normalize(a.local)))
        if tokens & words:
            named.add(a.addr)
    return named
