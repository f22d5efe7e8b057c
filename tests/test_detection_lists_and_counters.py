"""Refusals by list ("you are not among them", not on the list of those who
passed, excluded from the next stages), roles cancelled outright, long job
titles with an ampersand; and the counter-signals that must not cancel a
decision (a hotel "property", a feedback call "offered", a meeting told as
past) or make a decision of an acknowledgement (people in general). All
sentences written for these tests."""

from __future__ import annotations

import pytest

from tests.verdicts import RS, is_rejection


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        # not among those chosen
        (
            "Re: Warehouse lead",
            "Hi Alex, we have picked our two finalists and I'm sorry to say you are not among them.",
        ),
        (
            "Shortlist",
            "Dear Alex, the panel has published its shortlist for the archivist post. Thank you for your application; your name does not "
            "appear on the list this time.",
        ),
        (
            "Competition 14/2025",
            "Dear Alex, following the written test you have been excluded from the remaining stages of the "
            "competition for the clerk post. Thank you for your application.",
        ),
        (
            "Ihre Bewerbung",
            "Hallo Alex, wir haben uns für zwei Personen entschieden. Leider sind Sie nicht darunter.",
        ),
        (
            "Auswahlverfahren Sachbearbeitung",
            "Guten Tag, Sie wurden von den weiteren Schritten des Auswahlverfahrens ausgeschlossen.",
        ),
        (
            "Je sollicitatie",
            "Hoi Alex, dank voor je sollicitatie. We hebben drie mensen gekozen en jij zit er deze keer niet bij.",
        ),
        (
            "Sollicitatie magazijn",
            "Beste Alex, je sollicitatie is bekeken. We nemen je brief niet mee naar de volgende selectieronde.",
        ),
        (
            "Sollicitatie gemeente",
            "Geachte heer Example, uw naam staat helaas niet op de lijst van kandidaten voor het tweede gesprek.",
        ),
        (
            "Proceso 22/2025",
            "Estimado Alex: no figura usted en la lista de aspirantes que superan la entrevista, por lo que "
            "queda excluido de las pruebas posteriores.",
        ),
        (
            "Procedimento concursal",
            "Caro Alex, o seu nome não consta da lista de candidatos aprovados na prova de conhecimentos.",
        ),
        (
            "Esito selezione",
            "Gentile Alex, la commissione non l'ha inserito nell'elenco degli ammessi alla prova orale.",
        ),
        (
            "Selezione magazzino",
            "Ciao Alex, grazie del colloquio: purtroppo non sei tra i finalisti per il ruolo.",
        ),
        (
            "Concours",
            "Monsieur, à l'issue des épreuves orales vous ne figurez pas sur la liste des candidats admis au concours.",
        ),
        (
            "Votre candidature",
            "Bonjour Alex, nous avons retenu deux profils et vous n'en faites hélas pas partie.",
        ),
        # the role itself goes
        (
            "The planner role",
            "Hi Alex, after the budget review the company decided not to go ahead with the planner role at all.",
        ),
        (
            "Vacancy 88",
            "Dear Alex, we are closing the vacancy without an appointment; thank you for interviewing with us.",
        ),
        (
            "Die Stelle",
            "Hallo Alex, die Stelle als Schichtleitung fällt nach der Umstrukturierung leider ersatzlos weg.",
        ),
        # a title with an ampersand between the negation and "position"
        (
            "Health & Safety Advisor",
            "Dear Alex, we're not able to offer you the Health & Safety Advisor position.",
        ),
        ("Re: kitchen job", "Thanks Alex, good chat, but it's not going to work out this time."),
        (
            "Buyer",
            "Hello Alex, we have decided to offer the buyer role to a candidate who already knows our supplier base.",
        ),
        # counter-signals that must not cancel the decision
        (
            "Front desk supervisor",
            "Hi Alex, we filled the front desk supervisor role internally: one of our night managers knows the "
            "property well.",
        ),
        (
            "Outcome",
            "Dear Alex, thank you for your application. You have not been selected for appointment. Our head of nursing would be happy to offer "
            "a short feedback call.",
        ),
        (
            "Support Lead",
            "Dear Alex, after your meeting with our director last week we decided to offer the role to another "
            "candidate.",
        ),
    ],
)
def test_refusals_by_list_cancellation_and_title(subject: str, body: str) -> None:
    assert is_rejection(subject, body)


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        # acknowledgements that say what happens to people in general
        (
            "Application received",
            "Dear Alex, thank you for applying. We regret that we cannot reply to applicants who are not "
            "shortlisted for interview.",
        ),
        (
            "Conferma candidatura",
            "Gentile Alex, abbiamo ricevuto la sua candidatura. Le candidature non selezionate restano in "
            "archivio per un anno.",
        ),
        (
            "Candidature reçue",
            "Bonjour, merci pour votre candidature. Nous ne pouvons pas répondre aux candidats qui ne sont pas "
            "retenus pour un entretien.",
        ),
        # a real flat
        (
            "Viewing",
            "Hi Alex, thanks for viewing the property on Saturday. Unfortunately the landlord has chosen "
            "another applicant.",
        ),
        # a reschedule is not "this time"
        ("Thursday", "Hi Alex, the Thursday slot is not going to work for me, could we do Friday?"),
        # the offer of a job still counts as an offer
        (
            "Good news",
            "Hi Alex, I'm delighted to offer you the warehouse supervisor role, the formal letter follows.",
        ),
    ],
)
def test_not_refusals(subject: str, body: str) -> None:
    assert not is_rejection(subject, body)


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        # a separable verb around a hyphenated noun
        (
            "Re: Teamleitung Lager",
            "Hi Alex, danke fürs Gespräch. Am Ende sagen wir dir für die Lager-Teamleitung-Stelle "
            "leider ab.",
        ),
        # an agency relays: the client fills the post with someone else
        (
            "Rückmeldung",
            "Liebe Frau Example, die Firma hat sich entschieden, die Stelle als Disponentin mit "
            "einer Kandidatin zu besetzen, die schon ein Lager geführt hat.",
        ),
        # the role closed, with an adverb in between, and the other applications with it
        (
            "Planner - update",
            "Hi Alex, we appointed an internal candidate. The planner role is therefore no longer "
            "open.",
        ),
        (
            "Planner - update",
            "Hi Alex, after an internal move we are closing the remaining applications, including "
            "yours.",
        ),
        # Dutch: verb first, "minder goed aan"
        (
            "Je sollicitatie",
            "Beste Alex, na afweging sluit jouw profiel minder goed aan dan dat van de kandidaten "
            "die we uitnodigen.",
        ),
        # Dutch, third person, a public selection board
        (
            "Selectieprocedure 12",
            "Geachte heer Example, de kandidaat behaalde voor het interview niet de vereiste "
            "minimumscore en wordt niet opgenomen in de wervingsreserve voor deze functie.",
        ),
    ],
)
def test_separable_verbs_third_persons_and_closures(subject: str, body: str) -> None:
    assert is_rejection(subject, body)


@pytest.mark.parametrize(
    "address",
    [
        "ne-pas-repondre@recrutement.example",
        "no-responder@empleo.example",
        "nao-responder@vagas.example",
        "non-rispondere@lavoro.example",
        "niet-beantwoorden@werk.example",
    ],
)
def test_do_not_reply_in_other_languages_is_a_machine(address: str) -> None:
    assert RS.senders.is_automated(address)


@pytest.mark.parametrize("address", ["interviews@x.example", "selecties@x.example"])
def test_interview_and_selection_mailboxes_are_roles(address: str) -> None:
    assert RS.senders.is_role(address)


@pytest.mark.parametrize(
    ("subject", "body", "rejection"),
    [
        # a fact already named is no condition
        (
            "Site engineer - role cancelled",
            "Hi Alex, the client pulled the funding for the bridge project. Without it, we cannot "
            "afford the hire, so the role has been cancelled.",
            True,
        ),
        # the decision only in the subject, a soft body
        (
            "Harbour Labs: we won't be progressing your application",
            "Hey Alex, thanks for your interest in the research team. We'll hold on to your "
            "details in case something suitable comes up.",
            True,
        ),
        (
            "Warehouse lead application - not shortlisted",
            "Dear Alex, we have finished reviewing applications for the role. We'll keep an eye "
            "out for roles that suit your background.",
            True,
        ),
        (
            "Re: the analyst role",
            "Alex, we offered it to a colleague from finance. Sorry it isn't you this time.",
            True,
        ),
        # Italian: someone else, assigned elsewhere, not taken into consideration
        (
            "Due parole",
            "Ciao Alex, grazie ancora per il colloquio. Alla fine abbiamo scelto una collega che "
            "conosce già il nostro gestionale: per questo posto non se ne fa nulla.",
            True,
        ),
        (
            "Esito selezione",
            "Gentile Alex, la posizione di magazziniere è stata assegnata ad altra persona "
            "candidata. La Sua candidatura non verrà presa in considerazione.",
            True,
        ),
        # Dutch separable "voordragen"
        (
            "Besluit procedure",
            "Geachte heer Example, de commissie draagt u niet voor voor de tweede ronde van de "
            "sollicitatieprocedure.",
            True,
        ),
        # a refusal told as last autumn's, under a greeting with no comma
        (
            "AW: Ihre Bewerbung als Planer",
            "Sehr geehrter Herr Example\n\nIm letzten Herbst hatten wir leider keine passende "
            "Stelle für Sie. Nun gibt es eine neue Position, und ich habe an Ihr Dossier gedacht.",
            False,
        ),
        (
            "Re: your application",
            "Dear Alex\n\nLast autumn we had no suitable vacancy for you, but a new planner "
            "position has just opened. Would you like to talk?",
            False,
        ),
        # a condition on an action still stands
        (
            "Online test",
            "Dear Alex, without completing the test by Friday we will not be able to progress "
            "your application.",
            False,
        ),
    ],
)
def test_facts_subjects_and_seasons(subject: str, body: str, rejection: bool) -> None:
    assert is_rejection(subject, body) is rejection


@pytest.mark.parametrize(
    ("subject", "body", "rejection"),
    [
        (
            "Re: the backend role",
            "Alex, thanks for Friday. We're going to hold off - we need someone in our time zone for the role.",
            True,
        ),
        (
            "re: backend role",
            "hey alex, thx for the chat about the role. we can't hire outside the US yet, so gonna pass. good luck!",
            True,
        ),
        (
            "Re: data role",
            "alex, we talked it over and were gonna pass for now on the role. enjoyed the chat tho",
            True,
        ),
        (
            "Update on Job 77",
            "Hi Alex, about your application: we paused external hiring for the quarter, so this "
            "requisition has been closed.",
            True,
        ),
        (
            "Application status: Not selected - Data Engineer",
            "Thank you for your application for Data Engineer. We invite you to visit our careers site "
            "regularly for new openings.",
            True,
        ),
        (
            "Re: Kurzer Call",
            "Hi Alex, danke für das Gespräch. Wir besetzen die Stelle aber jetzt mit jemandem, der "
            "schon Erfahrung mit SAP hat. Tut mir leid, dass es diesmal nicht geklappt hat!",
            True,
        ),
        (
            "Re: Studio",
            "Salut Alex, merci pour l'appel. On part sur quelqu'un basé à Lyon pour le poste, désolé !",
            True,
        ),
        (
            "Terugkoppeling",
            "Hoi Alex, ik heb de terugkoppeling over de vacature binnen en helaas is het geen ja.",
            True,
        ),
        ("Rückmeldung", "Hallo Alex, zur Stelle: leider ist es diesmal kein Ja.", True),
        (
            "Votre candidature",
            "Bonjour Alex, pour le poste, ce n'est malheureusement pas un oui.",
            True,
        ),
        (
            "La tua candidatura",
            "Ciao Alex, anche se la tua esperienza è interessante, abbiamo deciso di procedere con "
            "altri candidati per il ruolo.",
            True,
        ),
        # a grant round is no job
        (
            "Fund round: outcome",
            "Dear Alex, thank you for applying. We were able to fund 12 projects, and your "
            "application was not selected for funding in this round.",
            False,
        ),
        # a pause on scheduling is no decision
        (
            "Interview",
            "Hi Alex, we're going to hold off on scheduling the interview until next week.",
            False,
        ),
    ],
)
def test_informal_nos_closed_requisitions_and_grants(
    subject: str, body: str, rejection: bool
) -> None:
    assert is_rejection(subject, body) is rejection


@pytest.mark.parametrize(
    ("subject", "body", "rejection"),
    [
        # French inclusive writing with the middle dot
        (
            "Accusé de réception",
            "Bonjour, nous accusons réception de votre candidature. Les candidat·e·s dont le "
            "dossier n'aura pas été retenu en seront informé·e·s par courriel.",
            False,
        ),
        (
            "Suite de votre candidature",
            "Bonjour Alex, parmi les nombreux·ses candidat·e·s rencontré·e·s, votre candidature "
            "n'est pas retenue pour ce poste au Centre de Congrès.",
            True,
        ),
        (
            "Retour",
            "Bonjour Alex, nous poursuivons toutefois avec un autre profil pour le poste.",
            True,
        ),
        (
            "Résultats d'admissibilité",
            "Madame, Monsieur, vous n'avez pas été déclaré admissible au concours et n'êtes donc pas "
            "autorisé à vous présenter aux épreuves orales. Votre espace candidat reste ouvert.",
            True,
        ),
        # earlier history: back then, the pluperfect of "could not"
        (
            "AW: neue Stelle",
            "Sie hatten sich im Frühjahr beworben; damals haben wir uns leider anders entschieden. "
            "Nun ist eine neue Stelle frei.",
            False,
        ),
        (
            "RE: nouvelle opportunité",
            "Bonjour Alex, vous aviez candidaté chez nous et nous n'avions pas pu donner suite. Nous "
            "ouvrons aujourd'hui un nouveau poste.",
            False,
        ),
        # German and Dutch separable verbs for an internal appointment
        (
            "Ihre Bewerbung",
            "Sehr geehrte Frau Example, wir besetzen die Stelle daher intern nach und führen das "
            "externe Verfahren nicht fort.",
            True,
        ),
        (
            "Productieleider",
            "Dag Alex, we vullen de functie dus intern in en stoppen de externe procedure.",
            True,
        ),
        # Spanish: someone else kept; a board's proposal for another person is no offer
        (
            "Re: Gracias por la charla",
            "Hola Alex: al final nos quedamos con una compañera que ya conoce el programa. Gracias "
            "por tu candidatura.",
            True,
        ),
        (
            "Notificación de resolución",
            "Estimado Sr. Example: la Comisión ha elevado propuesta de contratación a favor de la "
            "persona aspirante con mayor puntuación. Su candidatura no ha resultado seleccionada.",
            True,
        ),
        # English: progressed with others, application closed, the subject alone
        (
            "Events Manager - application status",
            "Hi Alex, the role is being progressed with candidates whose experience is closer to "
            "the requirements, and your application has been closed.",
            True,
        ),
        (
            "Update: Analyst - we won't be moving forward",
            "Hi Alex, thanks for all the time you gave us. Wishing you every success with the next "
            "step in your career.",
            True,
        ),
        # a Dutch selection test mentioning "abstract redeneren" is no conference abstract
        (
            "Resultaat screening",
            "Beste kandidaat, je behaalde voor abstract redeneren niet de vereiste minimumscore. "
            "Je bent bijgevolg niet geslaagd voor deze selectie.",
            True,
        ),
    ],
)
def test_inclusive_dots_history_and_boards(subject: str, body: str, rejection: bool) -> None:
    assert is_rejection(subject, body) is rejection


@pytest.mark.parametrize(
    ("subject", "body", "rejection"),
    [
        (
            "Danke für Ihre Bewerbung",
            "Guten Tag, Ihre Bewerbung ist angekommen. Bewerber:innen, deren Profil nicht zu den "
            "Anforderungen passt, bekommen ebenfalls eine Nachricht von uns.",
            False,
        ),
        (
            "Update on your application",
            "Hi Alex, we've read your application for the analyst role and chosen to continue with "
            "applicants whose experience matches the brief more closely.",
            True,
        ),
        (
            "Vacancy withdrawn",
            "Dear Applicant, the vacancy has been reviewed. No appointment will be made and all "
            "applications, including yours, are now closed.",
            True,
        ),
        (
            "Auswahlverfahren",
            "Sehr geehrte Frau Mag. Example, die Funktion wird mit der erstgereihten Person besetzt; "
            "eine Aufnahme der Bewerberin ist daher nicht möglich.",
            True,
        ),
        (
            "Re: Kennenlernen",
            "Hallo Alex, danke fürs Vorbeikommen. Damit fällt die Stelle für dich leider weg, wir "
            "nehmen jemanden aus dem Team.",
            True,
        ),
        (
            "Deputy Manager role",
            "Hi Alex, about the role you applied for: a unit lead put herself forward and we've "
            "appointed her, so we won't be inviting external applicants in.",
            True,
        ),
        (
            "Re: Due chiacchiere?",
            "Ciao Alex, grazie per la chiacchierata. Per questo ruolo abbiamo scelto di andare "
            "avanti con una persona che parla già tedesco.",
            True,
        ),
        (
            "Lab Coordinator",
            "Dear Alex, following the interviews, the position has been offered to, and accepted "
            "by, another applicant.",
            True,
        ),
        # a pause that keeps the application open
        (
            "An update on hiring",
            "We have paused hiring for all office roles until June. Your application for the "
            "coordinator role is not being closed; we'll pick it up as soon as hiring resumes.",
            False,
        ),
    ],
)
def test_boards_pauses_and_appointments(subject: str, body: str, rejection: bool) -> None:
    assert is_rejection(subject, body) is rejection
