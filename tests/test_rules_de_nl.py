"""German and Dutch rule packs: table-driven verdicts on mails written for
these tests (ATS templates and personal notes, Sie/du and u/je forms), and
hard negatives that carry refusal words without being a job rejection.

Every mail here is new wording: none of it is taken from the rules'
examples, the corpora or any real mailbox.
"""

from __future__ import annotations

import pytest

from daemon import rules
from daemon.classify import classify
from daemon.drafts import language_of
from daemon.message import parse
from tests.mail import build

ME = ["alex@example.org"]
RS = rules.load([])


def verdict(subject: str, body: str, sender: str):  # type: ignore[no-untyped-def]
    return classify(parse(build(sender=sender, subject=subject, body=body)), RS, ME)


DE_SENDER = "Personalabteilung <karriere@kranich-logistik.example>"
NL_SENDER = "Team Werving <werken@bij-dijkgraaf.example>"

# --- German rejections --------------------------------------------------------

DE_REJECTIONS = [
    (
        "Ihre Bewerbung als Werkstudent Marketing (m/w/d)",
        "Sehr geehrte Frau Example,\n\nvielen Dank für Ihr Interesse an einer Tätigkeit bei uns. "
        "Wir haben Ihre Unterlagen mit Interesse gelesen.\nNach sorgfältiger Prüfung können wir "
        "Ihre Bewerbung im weiteren Verlauf jedoch nicht berücksichtigen.\nDiese Entscheidung ist "
        "keine Bewertung Ihrer Qualifikation.\n\nMit freundlichen Grüßen\nIhr Recruiting-Team",
    ),
    (
        "Unser Gespräch am Dienstag",
        "Hey Alex,\n\ndanke nochmal für das offene Gespräch am Dienstag!\nWir haben lange "
        "diskutiert und uns am Ende für eine andere Kandidatin entschieden, die schon mehr mit "
        "Kubernetes gearbeitet hat.\nIch drück dir die Daumen für die weitere Suche.\n\nLG Jonas",
    ),
    (
        "Ihre Bewerbung bei der Stadtwerke Nordheide GmbH",
        "Sehr geehrter Herr Example,\n\nnach Abschluss aller Vorstellungsgespräche haben wir uns "
        "für einen Mitbewerber entschieden.\nWir danken Ihnen für die Zeit, die Sie in den Prozess "
        "investiert haben, und wünschen Ihnen viel Erfolg.",
    ),
    (
        "Stelle besetzt – Buchhalter (m/w/d)",
        "Guten Tag,\n\nvielen Dank für Ihre Bewerbung.\nDie ausgeschriebene Position konnten wir "
        "zwischenzeitlich intern besetzen.\n\nFreundliche Grüße",
    ),
    (
        "Rückmeldung zu Ihrer Bewerbung",
        "Liebe Frau Example,\n\nleider müssen wir Ihnen nach dem zweiten Gespräch absagen. "
        "Das Team hat sich knapp für eine Person mit mehr Branchenerfahrung entschieden.\n"
        "Herzliche Grüße\nSabine Körner",
    ),
    (
        "Deine Bewerbung bei Fuchsbau Studios",
        "Hallo Alex,\n\nwir haben uns nach reiflicher Überlegung anders entschieden.\n"
        "Danke für deine Zeit und alles Gute für die weitere Suche!\n\nViele Grüße\nLea",
    ),
    (
        "Ihre Bewerbung – Referenz 2024-117",
        "Sehr geehrter Herr Example,\n\nwir danken Ihnen für Ihre Bewerbung.\nSie sind diesmal leider "
        "nicht in die engere Auswahl gekommen.\nFür Ihren weiteren beruflichen Weg wünschen wir "
        "Ihnen alles Gute.",
    ),
    (
        "Update zu deiner Bewerbung",
        "Hi Alex,\n\nleider hast du es nicht in die nächste Runde geschafft.\nDie Aufgabe war solide, "
        "aber andere Bewerbende waren beim Systemdesign stärker.\nBleib dran!",
    ),
    (
        "Ihre Bewerbung als Sachbearbeiterin Einkauf",
        "Sehr geehrte Frau Example,\n\nwir bedauern, Ihnen keine positive Rückmeldung geben zu können.\n"
        "Ihre Unterlagen werden nach Ablauf von sechs Monaten gelöscht.\n\nMit freundlichen Grüßen",
    ),
    (
        "Deine Bewerbung als Data Analyst (w/m/d)",
        "Hallo Alex,\n\nwir haben uns entschieden, den Prozess mit anderen Bewerber*innen "
        "fortzusetzen.\nWir wünschen dir viel Erfolg für deine Jobsuche.\n\nDein People-Team",
    ),
    (
        "Ihre Bewerbung als Projektleitung",
        "Guten Tag Frau Example,\n\nherzlichen Dank für die Gespräche.\nAndere Kandidat:innen haben "
        "letztlich besser zu unseren Anforderungen gepasst.\nWir wünschen Ihnen alles Gute.",
    ),
    (
        "Bewerbung Junior Controller",
        "Sehr geehrter Herr Example,\n\nIhr Profil passt leider nicht ganz zu dem, was wir für diese "
        "Rolle suchen.\nWir bedanken uns für Ihr Interesse.",
    ),
    (
        "Absage – Ihre Bewerbung bei Sonnenfeld Energie",
        "Sehr geehrte Bewerberin,\n\nvielen Dank für Ihre Bewerbung.\nLeider ist es diesmal eine "
        "Absage.\nWir wünschen Ihnen viel Erfolg.",
    ),
    (
        "Ergebnis Ihres Online-Tests",
        "Sehr geehrter Herr Example,\n\nvielen Dank, dass Sie den Online-Test absolviert haben.\n"
        "Ihr Ergebnis reicht leider nicht für die nächste Runde des Auswahlverfahrens.\n"
        "Wir wünschen Ihnen für Ihre Zukunft viel Erfolg.",
    ),
    (
        "Stelle Teamleitung Vertrieb",
        "Sehr geehrte Frau Example,\n\naufgrund interner Umstrukturierungen wird die Stelle nicht "
        "mehr besetzt.\nWir bedauern das sehr und danken Ihnen für Ihre Bewerbung.",
    ),
    (
        "Kurzes Update",
        "Hallo Herr Example,\n\nich habe heute Rückmeldung vom Kunden bekommen, leider keine guten "
        "Nachrichten: man hat sich für jemanden entschieden, der schon in der Branche gearbeitet hat.\n"
        "Ich melde mich, wenn ich etwas Passendes für Sie habe.\nBeste Grüße\nTim (Personalberatung)",
    ),
    (
        "Ihre Bewerbung (Job-ID 4471)",
        "Sehr geehrte Bewerberin, sehr geehrter Bewerber,\n\nnach eingehender Prüfung haben wir "
        "entschieden, Ihre Bewerbung nicht weiter zu verfolgen.\nDiese automatische Nachricht "
        "wurde über unser Bewerbermanagement versendet.",
    ),
    (
        "Deine Bewerbung bei Lichtwerk",
        "Hi Alex,\n\nvielen Dank für dein Interesse an Lichtwerk. Wir können dir leider kein Angebot "
        "machen.\nAlles Gute für dich!",
    ),
    (
        "Ihre Kandidatur als Leiter IT",
        "Sehr geehrter Herr Example,\n\nnach dem Gespräch mit der Geschäftsführung haben wir uns "
        "gegen Ihre Kandidatur entschieden.\nWir danken Ihnen für das entgegengebrachte Vertrauen.",
    ),
    (
        "Ihre Bewerbung als Lagerist",
        "Guten Tag,\n\nleider müssen wir Ihnen mitteilen, dass die Stelle mittlerweile anderweitig "
        "vergeben wurde.\nMit freundlichen Grüßen",
    ),
    (
        "Initiativbewerbung",
        "Sehr geehrte Frau Example,\n\nvielen Dank für Ihre Initiativbewerbung.\nAktuell haben wir "
        "leider keine passende Stelle für Ihr Profil.\nGerne nehmen wir Sie in unseren Talentpool "
        "auf.",
    ),
    (
        "Ihre Bewerbung als Referentin Öffentlichkeitsarbeit (m/w/d)",
        "Sehr geehrte Frau Example,\n\nnach Durchsicht aller Unterlagen sehen wir von einer Einladung "
        "zu einem Vorstellungsgespräch ab.\nFür Ihre weitere Stellensuche wünschen wir Ihnen viel "
        "Erfolg.\n\nMit freundlichen Grüßen\nPersonalabteilung",
    ),
    (
        "Ihre Bewerbung vom 3. Februar",
        "Sehr geehrter Herr Example,\n\nIhrer Bewerbung können wir in diesem Jahr nicht entsprechen, "
        "da wir uns für Kandidatinnen und Kandidaten mit Vertriebserfahrung entschieden haben.\n"
        "Mit freundlichen Grüßen",
    ),
    (
        "Stelle besetzt: Sachbearbeitung Lohn (m/w/d)",
        "Guten Tag,\n\nvielen Dank für Ihr Interesse.\nWir haben uns entschieden, die Stelle mit einer "
        "Kollegin aus unserem eigenen Team zu besetzen.\nMit freundlichen Grüßen",
    ),
    (
        "Bewerbung Praktikum Wintersemester",
        "Hallo Alex,\n\nleider sind alle Praktikumsplätze für dieses Semester schon vergeben.\nDu kannst "
        "dich gerne für das nächste Semester erneut bewerben.",
    ),
    (
        "Ihre Bewerbung bei Bergmann & Söhne",
        "Sehr geehrte Frau Example,\n\nunsere Wahl fiel am Ende auf eine andere Bewerberin.\n"
        "Wir wünschen Ihnen für die Zukunft alles Gute.",
    ),
]

# --- Dutch rejections ---------------------------------------------------------

DE_REJECTIONS += [
    (  # a postponed budget (not a postponed appointment) closes the position
        "Ihre Bewerbung als Projektingenieur",
        "Sehr geehrter Herr Example,\n\nunsere Geschäftsführung hat entschieden, den Ausbau des "
        "Standorts auf nächstes Jahr zu verschieben. Die Stelle Projektingenieur Fördertechnik wird "
        "deshalb in diesem Jahr nicht mehr besetzt.\nWir bedauern das sehr.",
    ),
    (  # a colleague chosen
        "Rückmeldung zu Ihrer Bewerbung",
        "Hallo Herr Example,\n\nwir haben uns nach einigem Überlegen für eine Kollegin entschieden, "
        "die das Team schon aus einem Praktikum kennt.",
    ),
    (  # the process goes on with another candidate
        "Ihre Bewerbung",
        "Sehr geehrter Herr Example,\n\nwir haben uns entschieden, den Prozess mit einer Kandidatin fortzusetzen, die mehr Erfahrung mitbringt.\n\nBeste Grüße",
    ),
    (  # informal: not going on with you
        "kurzes Update",
        "Hi Alex,\n\nwir brauchen für die Rolle jemanden mit mehr Führungserfahrung. Deshalb machen wir an der Stelle nicht weiter mit dir.\n\nServus",
    ),
]

NL_REJECTIONS = [
    (
        "Uw sollicitatie naar de functie Controller",
        "Geachte heer Example,\n\nHartelijk dank voor uw sollicitatie. Wij hebben uw brief en cv "
        "zorgvuldig bekeken.\nHelaas moeten wij u mededelen dat wij u niet uitnodigen voor een "
        "gesprek.\n\nMet vriendelijke groet,\nAfdeling HR",
    ),
    (
        "Je sollicitatie bij Koffiebrander Zuid",
        "Hoi Alex,\n\nBedankt voor je sollicitatie en het leuke gesprek.\nWe hebben gekozen voor een "
        "kandidaat met meer ervaring in de horeca.\nVeel succes met je verdere zoektocht!\n\nGroet, Bram",
    ),
    (
        "Terugkoppeling sollicitatie",
        "Beste Alex,\n\nNa een zorgvuldige afweging is er gekozen voor een andere kandidaat.\n"
        "We willen je bedanken voor je interesse in onze organisatie.",
    ),
    (
        "Update over je sollicitatie",
        "Hallo Alex,\n\nJe gaat helaas niet door naar de tweede ronde.\nWe wensen je veel succes "
        "in je verdere loopbaan.",
    ),
    (
        "Vacature Projectleider ingevuld",
        "Beste kandidaat,\n\nBedankt voor je reactie op onze vacature.\nInmiddels hebben we de "
        "vacature ingevuld.\n\nMet vriendelijke groet",
    ),
    (
        "Je sollicitatie bij Fietsfabriek Noord",
        "Beste Alex,\n\nWij hebben besloten geen vervolg te geven aan je sollicitatie.\nWe danken je "
        "voor de moeite die je hebt genomen.",
    ),
    (
        "Status van je sollicitatie",
        "Hallo,\n\nJe sollicitatie voor Kassamedewerker is afgewezen door de werkgever.\n"
        "Bekijk andere vacatures in de app.",
    ),
    (
        "Jouw sollicitatie bij Groeihuis",
        "Hoi Alex,\n\nWe hebben je profiel goed bekeken, maar we denken dat je op dit moment niet "
        "de juiste match bent voor dit team.\nDank je wel voor je interesse!",
    ),
    (
        "Uw sollicitatie - vacaturenummer 2231",
        "Geachte mevrouw Example,\n\nUw profiel sluit onvoldoende aan bij de eisen van deze functie.\n"
        "Wij wensen u succes bij het vinden van een passende baan.",
    ),
    (
        "Ons gesprek van vrijdag",
        "Hoi Alex,\n\nNa ons gesprek van vrijdag hebben we er lang over nagedacht, maar we hebben "
        "uiteindelijk anders besloten.\nIk had je graag beter nieuws gebracht.\n\nGroet, Mark",
    ),
    (
        "Sollicitatie Teamleider Klantenservice",
        "Beste Alex,\n\nDe selectiecommissie heeft de voorkeur gegeven aan een kandidaat die al "
        "ervaring heeft als teamleider.\nBedankt voor je tijd en inzet tijdens de procedure.",
    ),
    (
        "Je sollicitatie als UX-designer",
        "Hi Alex,\n\nWe zijn uiteindelijk met een andere kandidaat in zee gegaan.\nVeel succes "
        "met je zoektocht!",
    ),
    (
        "Sollicitatie Medewerker Planning",
        "Beste Alex,\n\nHelaas hebben we de functie aan iemand anders gegeven.\nWe houden je "
        "gegevens graag nog een jaar aan.",
    ),
    (
        "Je sollicitatie bij Havenbedrijf West",
        "Beste Alex,\n\nWe nemen je sollicitatie niet mee in de verdere procedure.\nBedankt voor "
        "je interesse.",
    ),
    (
        "Sollicitatieprocedure Data-analist",
        "Hoi Alex,\n\nHierbij willen we de sollicitatieprocedure met jou beëindigen.\nWe vonden "
        "het fijn je te leren kennen.",
    ),
    (
        "Uitslag assessment",
        "Beste Alex,\n\nJe score op de capaciteitentest ligt helaas onder de norm die we voor "
        "deze functie hanteren.\nDaarom gaan we niet verder met je sollicitatie.",
    ),
    (
        "Vacature Operationeel Manager",
        "Beste sollicitant,\n\nDoor een reorganisatie is de functie helaas komen te vervallen.\n"
        "Wij danken je voor je interesse.",
    ),
    (
        "Open sollicitatie",
        "Beste Alex,\n\nBedankt voor je open sollicitatie.\nOp dit moment hebben we geen passende "
        "functie voor je. We bewaren je cv graag in onze talentpool.",
    ),
    (
        "Uw kandidatuur voor de functie van boekhouder",
        "Geachte heer Example,\n\nWij moeten u helaas meedelen dat uw kandidatuur niet weerhouden "
        "werd.\nMet vriendelijke groeten,\nDienst Personeel",
    ),
    (
        "Je sollicitatie als heftruckchauffeur",
        "Beste Alex,\n\nJe voldoet helaas niet aan de eisen voor deze functie.\nSucces met "
        "solliciteren!",
    ),
    (
        "Afwijzing",
        "Beste Alex,\n\nBedankt voor je interesse in de baan bij ons.\nHelaas hebben we op dit "
        "moment geen plek voor je.",
    ),
    (
        "Uw sollicitatie als beleidsmedewerker",
        "Geachte heer Example,\n\nNa bestudering van uw brief zien wij geen aanleiding om u uit te "
        "nodigen voor een gesprek.\nWij danken u voor uw belangstelling voor onze organisatie.",
    ),
    (
        "Je sollicitatie bij Bakkerij Korrel",
        "Hoi Alex,\n\nWe hebben ervoor gekozen om door te gaan met een kandidaat die al in een "
        "bakkerij heeft gewerkt.\nHeel veel succes!",
    ),
    (
        "Vacature Magazijnmedewerker vervuld",
        "Beste Alex,\n\nBedankt voor je reactie.\nWe hebben de vacature inmiddels kunnen invullen.\n"
        "Groet, het team",
    ),
    (
        "Uw open sollicitatie",
        "Geachte heer Example,\n\nMomenteel zijn er geen vacatures die aansluiten bij uw profiel.\n"
        "Wij bewaren uw gegevens zes maanden.",
    ),
    (
        "Uw sollicitatie",
        "Geachte mevrouw Example,\n\nU bent helaas niet geselecteerd voor de volgende fase van de "
        "procedure.\nWij danken u voor uw belangstelling.",
    ),
    (  # the committee invites others
        "Uw sollicitatie",
        "Beste Alex,\n\nDe selectiecommissie heeft beslist andere kandidaten uit te nodigen voor een gesprek.\n\nMet vriendelijke groeten",
    ),
    (  # the role cut in the budget
        "RE: Vacature even on hold",
        "Hoi Alex,\n\nDe begroting is rond en helaas is de functie daarin geschrapt. We stellen de vacature dus niet meer open.\n\nGroet",
    ),
    (  # nobody hired for now
        "Terugkoppeling",
        "Hoi Alex,\n\nBedankt voor het gesprek over de functie. We hebben besloten om voorlopig niemand in vaste dienst te nemen. Voor jou geen vaste plek bij ons dus.\n\nGroet",
    ),
]

# --- hard negatives -------------------------------------------------------------

DE_NEGATIVES = [
    (  # acknowledgement whose refusal is a condition
        "Eingangsbestätigung Ihrer Bewerbung",
        "Sehr geehrte Frau Example,\n\nwir haben Ihre Bewerbung erhalten.\nSollten Sie innerhalb "
        "von vier Wochen nichts von uns hören, ist die Stelle bereits anderweitig vergeben.",
    ),
    (  # the same with an ordinal date, whose dot looks like a sentence end
        "Ihre Bewerbung ist eingegangen",
        "Guten Tag,\n\nvielen Dank für Ihre Bewerbung.\nSollten Sie bis zum 15. März nichts von uns "
        "hören, haben wir uns für andere Bewerber*innen entschieden.",
    ),
    (  # verb-first condition, no "wenn"
        "Danke für deine Bewerbung",
        "Hi Alex,\n\ndeine Bewerbung ist bei uns eingegangen.\nErhältst du bis Ende des Monats keine "
        "Nachricht, können wir dich leider nicht berücksichtigen.",
    ),
    (
        "Einladung zum Vorstellungsgespräch",
        "Sehr geehrter Herr Example,\n\nwir freuen uns, Sie zu einem Vorstellungsgespräch einzuladen.\n"
        "Bitte nennen Sie uns zwei Terminvorschläge.",
    ),
    (
        "Terminverschiebung",
        "Hallo Frau Example,\n\nleider müssen wir unseren Termin am Donnerstag verschieben.\nPasst "
        "Ihnen Freitag um 10 Uhr?\nViele Grüße",
    ),
    (
        "Absage Termin Vorstellungsgespräch",
        "Sehr geehrter Herr Example,\n\nleider müssen wir das Gespräch morgen absagen, da unser "
        "Abteilungsleiter erkrankt ist.\nWir melden uns mit einem neuen Vorschlag.",
    ),
    (
        "Zusage: Ihre Bewerbung als Data Engineer",
        "Sehr geehrte Frau Example,\n\nwir freuen uns sehr, Ihnen eine Zusage für die Stelle geben "
        "zu können!\nDen Arbeitsvertrag senden wir Ihnen diese Woche zu.",
    ),
    (
        "Rücknahme Ihrer Bewerbung",
        "Sehr geehrte Frau Example,\n\nwir haben Ihre Bewerbung wie gewünscht zurückgezogen.\nSchade, "
        "wir wünschen Ihnen für Ihre Zukunft alles Gute.",
    ),
    (
        "Ihre Bewerbung für die Wohnung in der Gartenstraße",
        "Guten Tag,\n\nleider müssen wir Ihnen mitteilen, dass die Wohnung bereits vergeben ist.\n"
        "Wir haben uns für andere Mietinteressenten entschieden.",
    ),
    (
        "Ihr Kreditantrag",
        "Sehr geehrter Herr Example,\n\nleider können wir Ihren Kreditantrag nicht bewilligen.\n"
        "Diese Entscheidung beruht auf unserer internen Prüfung.",
    ),
    (
        "Ihre Bewerbung um das Deutschlandstipendium",
        "Liebe Frau Example,\n\nleider konnte Ihre Bewerbung um das Stipendium in diesem Jahr nicht "
        "berücksichtigt werden.\nWir wünschen Ihnen viel Erfolg im Studium.",
    ),
    (
        "Ihr Antrag auf Zulassung",
        "Sehr geehrte Bewerberin,\n\nleider können wir Ihnen keinen Studienplatz im "
        "Masterstudiengang Informatik anbieten.\nDie Zulassung erfolgt nach Notendurchschnitt.",
    ),
    (
        "Ihr Förderantrag 2025-88",
        "Sehr geehrte Damen und Herren,\n\nIhr Förderantrag konnte leider nicht bewilligt werden, "
        "da die Mittel ausgeschöpft sind.",
    ),
    (
        "Ihr Vortrag auf der Konferenz",
        "Hallo Alex,\n\nvielen Dank für deine Einreichung. Leider konnte das Programmkomitee deinen "
        "Vortrag nicht ins Programm aufnehmen.\nWir hoffen, dich trotzdem als Gast zu sehen.",
    ),
    (
        "Ihr Fachartikel",
        "Sehr geehrter Herr Example,\n\nnach dem Peer Review können wir Ihr Manuskript leider nicht "
        "zur Veröffentlichung annehmen.",
    ),
    (  # position on hold, no decision
        "Ihre Bewerbung als Produktmanager",
        "Sehr geehrte Frau Example,\n\ndie Besetzung der Stelle ist vorerst pausiert.\nWir melden "
        "uns, sobald es weitergeht.\nVielen Dank für Ihre Geduld.",
    ),
    (  # assessment whose refusal is an "otherwise"
        "Einladung zum Online-Assessment",
        "Sehr geehrter Herr Example,\n\nbitte absolvieren Sie das Online-Assessment bis Freitag; "
        "andernfalls können wir Ihre Bewerbung leider nicht weiter berücksichtigen.",
    ),
    (  # volunteering is not a job
        "Deine Bewerbung als Lesepatin",
        "Liebe Alex,\n\ndanke für dein Interesse an unserem Ehrenamt.\nFür diese Runde haben wir uns "
        "leider für andere Bewerber*innen entschieden.",
    ),
    (  # the candidate withdrew; the position is named
        "Rücknahme Ihrer Bewerbung",
        "Sehr geehrter Herr Example,\n\nIhre Bewerbung für die Stelle als Controller (m/w/d) wurde "
        "wie gewünscht zurückgezogen.\nDie Stelle ist inzwischen ohnehin besetzt.",
    ),
    (  # consent request after a process, no decision in it
        "Dürfen wir Ihre Daten behalten?",
        "Guten Tag,\n\nSie haben sich im letzten Jahr bei uns beworben.\nDürfen wir Ihr Profil weiterhin "
        "in unserem Talentpool speichern? Leider brauchen wir dafür Ihre Zustimmung.",
    ),
    (  # a delay, told with regret
        "Ihre Bewerbung als Controller",
        "Guten Tag,\n\nleider müssen wir Ihnen mitteilen, dass sich die Bearbeitung Ihrer Bewerbung um "
        "zwei Wochen verzögert.\nVielen Dank für Ihre Geduld.",
    ),
    (  # the position is still open
        "Ihre Bewerbung als Lagerist",
        "Hallo Alex,\n\ndie Stelle ist noch nicht besetzt, wir sichten weiterhin Bewerbungen und melden "
        "uns bis Monatsende.",
    ),
    (  # status update: still talking to others
        "Zwischenstand zu Ihrer Bewerbung",
        "Sehr geehrte Frau Example,\n\nwir führen derzeit noch Gespräche mit weiteren Kandidaten und "
        "melden uns Ende nächster Woche bei Ihnen.",
    ),
]

DE_NEGATIVES += [
    (  # a postponed interview, with regret: no decision
        "Unser Gespräch am Donnerstag",
        "Hallo Herr Example,\n\nleider müssen wir unser Gespräch am Donnerstag verschieben, da "
        "Frau Adler erkrankt ist. Passt Ihnen der kommende Montag?",
    ),
    (  # a Kita place
        "Ihr Antrag auf einen Betreuungsplatz",
        "Sehr geehrter Herr Example,\n\nleider können wir Ihnen in unserer Kita zum August keinen "
        "Platz anbieten. Ihr Kind bleibt auf der Warteliste.",
    ),
    (  # a paused procedure, explicitly no rejection
        "Ihr Bewerbungsverfahren",
        "Hallo Alex,\n\ndas Auswahlverfahren ruht wegen eines Einstellungsstopps bis Januar. Das ist ausdrücklich keine Absage.\n\nViele Grüße",
    ),
    (  # the reader asked not to decline a calendar request: a reschedule
        "Gespräch am Donnerstag",
        "Hallo Alex,\n\nbitte lehnen Sie die Kalenderanfrage nicht ab, wir verschieben das "
        "Gespräch nur um eine Stunde. Die neue Einladung kommt gleich.\n\nViele Grüße\nJana",
    ),
]

NL_NEGATIVES = [
    (  # acknowledgement whose refusal is a condition
        "Ontvangstbevestiging sollicitatie",
        "Beste Alex,\n\nWe hebben je sollicitatie ontvangen.\nAls je binnen drie weken niets van ons "
        "hebt gehoord, dan hebben we helaas voor een andere kandidaat gekozen.",
    ),
    (  # verb-first condition
        "Bedankt voor je sollicitatie",
        "Hoi Alex,\n\nBedankt voor je sollicitatie!\nHeb je na twee weken niets gehoord, dan ben je "
        "helaas niet geselecteerd.",
    ),
    (
        "Uitnodiging kennismakingsgesprek",
        "Beste Alex,\n\nWe nodigen je graag uit voor een eerste kennismakingsgesprek.\nKun je je "
        "beschikbaarheid doorgeven?",
    ),
    (
        "Tweede ronde",
        "Hoi Alex,\n\nGoed nieuws: je gaat door naar de tweede ronde!\nWe sturen je snel een "
        "uitnodiging.",
    ),
    (
        "Gesprek verzetten",
        "Beste Alex,\n\nHelaas moeten we ons gesprek van dinsdag verzetten.\nSchikt donderdag om "
        "14:00 uur?",
    ),
    (
        "Aanbod functie Data-analist",
        "Beste Alex,\n\nGefeliciteerd! Wij bieden je graag de functie van data-analist aan.\nIn de "
        "bijlage vind je het contractvoorstel.",
    ),
    (
        "Je sollicitatie is ingetrokken",
        "Hoi Alex,\n\nJe sollicitatie is zoals gevraagd ingetrokken.\nJammer, maar we wensen je veel "
        "succes.",
    ),
    (
        "Uw reactie op de huurwoning",
        "Geachte heer Example,\n\nHelaas is de woning toegewezen aan een andere kandidaat.\nWij "
        "danken u voor uw interesse.",
    ),
    (
        "Uw aanvraag persoonlijke lening",
        "Geachte mevrouw Example,\n\nUw aanvraag voor een persoonlijke lening is afgewezen.\nU kunt "
        "binnen zes weken bezwaar maken.",
    ),
    (
        "Aanvraag studiebeurs",
        "Beste Alex,\n\nHelaas komt je aanvraag voor de studiebeurs dit jaar niet in aanmerking.",
    ),
    (
        "Je aanmelding voor de masteropleiding",
        "Beste Alex,\n\nJe aanmelding voor de masteropleiding Data Science is beoordeeld.\nHelaas "
        "ben je niet toegelaten.",
    ),
    (
        "Besluit subsidieaanvraag",
        "Geachte heer Example,\n\nUw subsidieaanvraag is helaas afgewezen omdat het budget is "
        "uitgeput.",
    ),
    (
        "Je presentatievoorstel",
        "Hoi Alex,\n\nJe voorstel voor een presentatie op het congres is helaas niet geselecteerd.\n"
        "Hopelijk zien we je als bezoeker!",
    ),
    (  # position on hold, no decision
        "Vacature Marketeer",
        "Beste Alex,\n\nDe vacature staat tijdelijk on hold.\nWe laten je weten wanneer de "
        "procedure weer verdergaat.",
    ),
    (  # the candidate withdrew; the position is named
        "Je sollicitatie is ingetrokken",
        "Hoi Alex,\n\nJe sollicitatie voor de functie van data-analist is op jouw verzoek "
        "ingetrokken.\nSucces met je nieuwe baan!",
    ),
    (  # volunteering is not a job
        "Je aanmelding als vrijwilliger",
        "Beste Alex,\n\nBedankt voor je aanmelding als vrijwilliger bij het festival.\nHelaas hebben "
        "we al genoeg mensen en kunnen we je geen plek aanbieden.",
    ),
    (  # a course, not a job
        "Je aanmelding voor de leergang Projectmanagement",
        "Beste Alex,\n\nDe leergang is volgeboekt. Helaas kunnen we je geen plek aanbieden in deze "
        "ronde.",
    ),
    (  # consent request after a process, no decision in it
        "Mogen we je gegevens bewaren?",
        "Hoi Alex,\n\nJe hebt vorig jaar bij ons gesolliciteerd.\nMogen we je cv nog een jaar in onze "
        "talentpool houden? Helaas mag dat alleen met je toestemming.",
    ),
    (  # a delay, told with regret
        "Je sollicitatie bij Dijkgraaf",
        "Beste Alex,\n\nHelaas moeten we je laten weten dat de procedure wat langer duurt dan gepland.\n"
        "We zijn nog niet verder met de selectie en hebben nog geen besluit genomen.",
    ),
    (  # status update: still talking to others
        "Stand van zaken sollicitatie",
        "Beste Alex,\n\nWe voeren nog gesprekken met andere kandidaten en laten je volgende week "
        "weten hoe het verder gaat.",
    ),
    (  # assessment whose refusal is a condition
        "Online test",
        "Hoi Alex,\n\nWil je de online capaciteitentest voor vrijdag maken?\nAls je de test niet "
        "maakt, kunnen we je sollicitatie helaas niet verder in behandeling nemen.",
    ),
    (  # an acknowledgement saying you will hear back, also if not invited
        "Je sollicitatie is ontvangen",
        "Beste Alex,\n\nJe sollicitatie is goed ontvangen. Je krijgt altijd bericht van ons, ook als je niet wordt uitgenodigd.\n\nMet vriendelijke groet",
    ),
    (  # a hiring freeze, explicitly no rejection, after a sentence with "niet"
        "Stand van zaken",
        "Beste Alex,\n\nDoor een vacaturestop gaan de tweede gesprekken voorlopig niet door. Dit betekent nadrukkelijk geen afwijzing; ik neem contact op zodra het kan.\n\nGroet",
    ),
]


@pytest.mark.parametrize(("subject", "body"), DE_REJECTIONS, ids=lambda x: x[:40])
def test_german_rejections_are_found_by_german_rules(subject: str, body: str) -> None:
    v = verdict(subject, body, DE_SENDER)
    assert v.rejection, v.explain()
    assert language_of(v.rules) == "de", v.explain()


@pytest.mark.parametrize(("subject", "body"), NL_REJECTIONS, ids=lambda x: x[:40])
def test_dutch_rejections_are_found_by_dutch_rules(subject: str, body: str) -> None:
    v = verdict(subject, body, NL_SENDER)
    assert v.rejection, v.explain()
    assert language_of(v.rules) == "nl", v.explain()


@pytest.mark.parametrize(("subject", "body"), DE_NEGATIVES, ids=lambda x: x[:40])
def test_german_hard_negatives_are_not_rejections(subject: str, body: str) -> None:
    v = verdict(subject, body, DE_SENDER)
    assert not v.rejection, v.explain()


@pytest.mark.parametrize(("subject", "body"), NL_NEGATIVES, ids=lambda x: x[:40])
def test_dutch_hard_negatives_are_not_rejections(subject: str, body: str) -> None:
    v = verdict(subject, body, NL_SENDER)
    assert not v.rejection, v.explain()


@pytest.mark.parametrize(
    "noun",
    [
        "Bewerber*innen",
        "Bewerber:innen",
        "BewerberInnen",
        "Bewerber_innen",
        "Bewerber/-innen",
        "Kandidat*innen",
        "Kandidat:innen",
        "Bewerbenden",
    ],
)
def test_every_inclusive_form_of_the_candidate_noun_is_read(noun: str) -> None:
    v = verdict(
        "Ihre Bewerbung",
        f"Guten Tag,\n\nwir haben uns entschieden, mit anderen {noun} weiterzumachen.\nAlles Gute!",
        DE_SENDER,
    )
    assert v.rejection and "de.rejection.other-candidate" in v.rules, v.explain()


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        ("Absage: Ihre Bewerbung als Einkäufer", True),
        ("Ablehnung Ihrer Bewerbung", True),
        ("Absage Termin Vorstellungsgespräch", False),
        ("Absage des Kennenlerngesprächs am Montag", False),
    ],
)
def test_german_subject_alone_decides_only_when_it_refuses_the_candidate(
    subject: str, expected: bool
) -> None:
    v = verdict(
        subject, "Guten Tag,\n\nleider keine guten Neuigkeiten zu Ihrer Bewerbung.", DE_SENDER
    )
    assert ("de.rejection.subject" in v.rules) is expected, v.explain()


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        ("Afwijzing sollicitatie Monteur", True),
        ("Vacature Teamleider vervuld", True),
        ("Afwijzing afspraak cursus", False),
        ("Je sollicitatie bij Dijkgraaf", False),
    ],
)
def test_dutch_subject_alone_decides_only_when_it_refuses_the_candidate(
    subject: str, expected: bool
) -> None:
    v = verdict(
        subject, "Beste Alex,\n\nHelaas, dit keer niet. Bedankt voor je sollicitatie.", NL_SENDER
    )
    assert ("nl.rejection.subject" in v.rules) is expected, v.explain()
