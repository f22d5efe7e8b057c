"""Refusals told as a next step not taken (no interviews will be booked,
others move on, the role went to an insider), a choice told with an
auxiliary verb ("acabámos por escolher"), an assessment named as the job
context; and what is not a decision: a close that is negated, a rule for
every applicant, a 2nd-person "still" that is not "not yet". All sentences
written for these tests."""

from __future__ import annotations

import pytest

from tests.verdicts import is_rejection, verdict


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        # no interviews will be booked after a test
        (
            "Your coding exercise",
            "Hi Alex,\n\nThanks for the exercise. The reviewers liked the structure, but the "
            "error handling was thinner than we need, so we will not be arranging interviews.",
        ),
        (
            "Take-home review",
            "Hi Alex,\nwe went through your take-home and we aren't going to schedule a next "
            "round. Thank you for the time you put in.",
        ),
        # others move on, in the passive future
        (
            "Application update",
            "Dear Alex,\n\nWe have looked at your candidacy again after the call. Other "
            "applicants will be taken forward to the assessment day.",
        ),
        (
            "Update on the analyst role",
            "Hello Alex,\nthank you for your time. Other candidates have been shortlisted for "
            "the final stage.",
        ),
        # the role went inside
        (
            "Operations Lead",
            "Hi Alex,\n\nA colleague from the warehouse team put her name forward and we have "
            "promoted her into the role, so the external search is closed. It was a pleasure "
            "to talk to you.",
        ),
        # Portuguese: a choice told with an auxiliary verb, and 'tu ainda ...' is not 'not yet'
        (
            "Re: a conversa de terça",
            "Olá Alex,\n\nAcabámos por contratar alguém com mais anos de armazém; tu ainda estás "
            "no início deste percurso, e a decisão custou. Gostei da entrevista.",
        ),
        (
            "A tua candidatura",
            "Olá Alex,\nDecidimos escolher uma pessoa que já trabalhou connosco. Obrigado pela "
            "conversa.",
        ),
        # Spanish: an assessment is the job context of a short refusal
        (
            "Tu prueba técnica",
            "Hola Alex,\n\nHemos mirado la prueba con calma. Buscábamos otra manera de "
            "plantear el problema, así que no vamos a seguir contigo. ¡Suerte!",
        ),
    ],
)
def test_refusals_told_as_the_next_step_not_taken(subject: str, body: str) -> None:
    assert is_rejection(subject, body), verdict(subject, body).explain()


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        # a booking that failed is not a decision
        (
            "Re: Tuesday",
            "Hi Alex,\nunfortunately we are not able to schedule the interview on Tuesday after "
            "all. Would Wednesday morning suit you?",
        ),
        # a rule for every applicant, in an acknowledgement
        (
            "We have your application",
            "Hi Alex,\n\nYour application has arrived. We read each one; because of the "
            "numbers we cannot write to every applicant who is not selected for a call.",
        ),
        (
            "Candidatura ricevuta",
            "Gentile Alex,\nabbiamo ricevuto la sua candidatura. Ogni candidato che non viene "
            "selezionato riceverà comunque una risposta entro trenta giorni.",
        ),
        (
            "Candidature reçue",
            "Bonjour Alex,\nnous avons bien reçu votre candidature. Chaque candidat qui n'est "
            "pas retenu reçoit un message de notre part.",
        ),
        # a close that is negated: the process stays open through a pause
        (
            "Entrevista pospuesta",
            "Hola Alex,\n\nLa empresa ha parado las contrataciones hasta mayo. No cerramos el "
            "proceso: tu candidatura sigue activa y te escribo cuando tengamos fecha.",
        ),
        # an invitation that mentions other invitees
        (
            "Final round",
            "Hi Alex,\nwe'd like to invite you to the final round on Friday; other candidates "
            "are also being invited that week.",
        ),
    ],
)
def test_not_decisions(subject: str, body: str) -> None:
    assert not is_rejection(subject, body), verdict(subject, body).explain()


@pytest.mark.parametrize(
    "body",
    [
        "Alex - enjoyed Tuesday. We're going with someone who has run a warehouse team "
        "before. Best of luck.",
        "Hi Alex,\nreally liked yesterday's chat. In the end we hired someone with more years "
        "in cold-chain logistics.",
    ],
)
def test_a_talk_named_by_its_day_was_held(body: str) -> None:
    v = verdict("the role", body)
    assert v.rejection and v.interview_evidence, v.explain()


def test_an_evening_named_by_its_day_is_no_talk() -> None:
    v = verdict(
        "the role",
        "Hi Alex,\nhope you enjoyed Thursday evening at the meetup. We "
        "have decided to go with someone who lives closer to the office.",
    )
    assert v.rejection and not v.interview_evidence, v.explain()


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        # the decision only in the subject, the body soft
        (
            "Planner role at Ostwind – we won't be moving ahead",
            "Hi Alex,\n\nThanks for the hours you gave us across three conversations. I realise "
            "this is not the news you were hoping for. If a short call to go over the feedback "
            "would help, just say.\n\nAll the best with the search,\nKim",
        ),
        (
            "Poste de coordinatrice : nous ne donnerons pas suite",
            "Bonjour Alex,\n\nMerci pour votre venue jeudi et pour la qualité de nos échanges. "
            "Nous vous souhaitons une belle suite.\n\nCordialement,\nNadia",
        ),
        (
            "Geen vervolg voor de functie van planner",
            "Hoi Alex,\n\nDank je voor het gesprek van vorige week. We wensen je veel succes "
            "met de verdere zoektocht.\n\nGroet,\nSanne",
        ),
        # an insider chosen, told with a pronoun
        (
            "Update on the planner role",
            "Hi Alex,\nsince your interview a colleague from our depot applied for the role, "
            "and we've decided to go with him. I'm sorry it isn't the outcome you wanted to hear.",
        ),
        # a French board's choice, and a refusal with an incise between commas
        (
            "Votre candidature",
            "Madame,\nAprès délibération, la commission a fixé son choix sur une autre candidate.",
        ),
        (
            "Votre candidature",
            "Madame,\nVotre candidature n'a, à ce stade de la procédure, pas été retenue.",
        ),
        # Dutch: the role given to someone else, a separable verb around "niet aan jou"
        (
            "Re: bedankt!",
            "Hoi Alex,\n\nUiteindelijk gunnen we de opdracht niet aan jou, maar aan een "
            "collega die de klant al kent. Dank voor je komst!",
        ),
    ],
)
def test_soft_bodies_and_told_choices(subject: str, body: str) -> None:
    assert is_rejection(subject, body), verdict(subject, body).explain()


def test_a_dutch_offer_with_a_long_title_and_a_regret_is_an_offer() -> None:
    v = verdict(
        "Aanbod: Teamleider Planning",
        "Hoi Alex,\n\nNa de gesprekken van vorige week bieden we je met plezier de functie van "
        "Teamleider Planning bij Dijkhuis Transport aan!\n\nHelaas kunnen we geen auto van de "
        "zaak aanbieden, zoals je vroeg, maar we vergoeden je reiskosten.",
    )
    assert not v.rejection and v.category == "offer", v.explain()


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        # not among those that go further; not considered for what follows
        (
            "Votre candidature",
            "Bonjour Alex,\nNous avons reçu beaucoup de dossiers. Le vôtre ne fait "
            "malheureusement pas partie de ceux qui passeront à l'étape des entrevues.",
        ),
        (
            "Affichage 2025-07",
            "Madame,\nNous devons vous aviser que votre candidature ne sera pas considérée pour "
            "la suite du processus de sélection.",
        ),
    ],
)
def test_french_refusals_by_what_comes_next(subject: str, body: str) -> None:
    assert is_rejection(subject, body), verdict(subject, body).explain()


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        # a rule for whenever it happens, in an acknowledgement
        (
            "Thanks for applying",
            "Hello Alex,\nwe have your application. We answer every applicant, even when we "
            "decide not to move ahead, so expect a note within three weeks.",
        ),
        # a design prize is no job
        (
            "Resultado de la convocatoria",
            "Estimada Alex:\nel jurado de los Premios Nacionales de Diseño ha terminado su "
            "trabajo. Lamentamos comunicarle que su proyecto no ha resultado seleccionado.",
        ),
    ],
)
def test_more_things_that_are_no_decision(subject: str, body: str) -> None:
    assert not is_rejection(subject, body), verdict(subject, body).explain()


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        # the role to the other one, told with a pronoun; filled from inside
        (
            "Analyst role – feedback",
            "Hi Alex,\nthank you for your interview. It came down to you and one other "
            "candidate, and we have given the role to her because of her audit background.",
        ),
        (
            "Planner role – update",
            "Hi Alex,\na colleague from our Leeds office applied for the position last week, and "
            "we've decided to fill it internally.",
        ),
        (
            "Accountant – outcome",
            "Hi Alex,\nthanks for coming in. We have decided to appoint one of our current staff, "
            "who has been doing the job on an interim basis.",
        ),
        # Italian: a relayed "procediamo con un altro profilo"; the subject's "non proseguita"
        (
            "Riscontro sul colloquio",
            "Buongiorno Alex,\nil cliente mi scrive che il colloquio è andato bene, ma procediamo "
            "con un altro profilo, più vicino al loro settore.",
        ),
        (
            "Selezione Project Engineer – candidatura non proseguita",
            "Ciao Alex,\ngrazie ancora per il colloquio e per il tempo che ci hai dedicato. Ti "
            "auguro il meglio.",
        ),
        # Spanish: a clitic doubled object; a public list that does not include you
        (
            "Re: ¡Gracias!",
            "Hola Alex:\nal final la vacante la cubrimos con una persona que ya conocía el "
            "proyecto. Gracias por la entrevista.",
        ),
        (
            "Resolución provisional",
            "Estimada aspirante:\nTras la entrevista ha obtenido 58 puntos; al haber una sola "
            "plaza, no queda incluida en la propuesta de contratación.",
        ),
        # Portuguese: going ahead with someone else first
        (
            "A nossa conversa",
            "Olá Alex,\nobrigada pela entrevista. Vamos avançar com alguém com mais anos de "
            "consultoria, que possa começar já.",
        ),
    ],
)
def test_choices_told_with_pronouns_clitics_and_lists(subject: str, body: str) -> None:
    assert is_rejection(subject, body), verdict(subject, body).explain()


def test_a_spanish_offer_to_hire_is_still_an_offer() -> None:
    v = verdict(
        "Propuesta de contratación",
        "Hola Alex:\nnos alegra enviarte la propuesta de contratación para el puesto de "
        "ingeniera de proyectos. Revisa las condiciones y dinos algo antes del viernes.",
    )
    assert not v.rejection and v.category == "offer", v.explain()


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        # boards and public bodies: reserve lists, rankings, a process ended unfilled
        (
            "Outcome of the selection procedure",
            "Dear Ms Example,\nthe Selection Board thanks the candidate for the interview. It has "
            "decided not to include her name on the reserve list for this vacancy.",
        ),
        (
            "Resultaat selectieprocedure",
            "Geachte mevrouw,\nde commissie heeft beslist u niet op te nemen in de "
            "wervingsreserve voor deze functie.",
        ),
        (
            "Résultat de l'épreuve orale",
            "Madame,\nla note attribuée étant sous le seuil, votre nom n'a pas été inscrit dans la "
            "réserve de recrutement de la sélection.",
        ),
        (
            "Ergebnis des Auswahlverfahrens",
            "Sehr geehrte Frau Example!\nSie wurden an die fünfte Stelle gereiht und sind somit "
            "nicht in den Besetzungsvorschlag der Kommission aufgenommen worden.",
        ),
        (
            "Information zu Ihrer Bewerbung",
            "Sehr geehrte Frau Example,\nder Vorstand hat alle Neueinstellungen ausgesetzt. Das "
            "Auswahlverfahren wird daher ohne Stellenbesetzung beendet.",
        ),
        (
            "Poste de chargée de mission",
            "Madame,\nsuite à notre entretien, le bureau a gelé les recrutements : la procédure de "
            "recrutement est interrompue sans qu'aucune nomination n'intervienne.",
        ),
        # choices told indirectly
        (
            "Ihre Bewerbung",
            "Sehr geehrte Frau Example,\nvielen Dank für Ihre Bewerbung. Wir sind mit Personen ins "
            "Gespräch gegangen, die bereits Erfahrung im Verbandswesen mitbringen.",
        ),
        (
            "Suite à notre entretien",
            "Chère Alex,\nle choix a été serré. Il s'est finalement porté sur un profil qui "
            "connaît déjà nos partenaires.",
        ),
        (
            "Application – Events Officer",
            "Dear Madam,\nyour application has been reviewed. It has not been possible to retain "
            "it for the next stage, the committee having given preference to profiles with more "
            "experience.",
        ),
        (
            "Niet weerhouden – medewerker communicatie",
            "Beste Alex,\nbedankt voor je tijd dinsdag en voor je komst naar Gent. Veel succes "
            "verder.",
        ),
        (
            "Re: Ihre Initiativbewerbung",
            "Sehr geehrte Frau Example,\nderzeit ist bei uns keine Stelle zu besetzen, die Ihrem "
            "Profil entspricht. Ein Angebot können wir Ihnen daher nicht machen.",
        ),
    ],
)
def test_boards_lists_and_indirect_choices(subject: str, body: str) -> None:
    assert is_rejection(subject, body), verdict(subject, body).explain()


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        # a proposal made in an interview, and the employer's own programme, are no non-job
        (
            "Re: communicatieverantwoordelijke – feedback",
            "Dag Alex,\nde klant gaat niet met jou verder. Ze vond je voorstel voor de nieuwsbrief "
            "wel erg sterk, maar de andere kandidaat kent de sector beter.",
        ),
        (
            "Projektleitung – unsere Entscheidung",
            "Liebe Frau Example,\ndanke für das Gespräch. Unsere Wahl fiel auf eine Kandidatin, die "
            "unser Förderprogramm schon aus einer Partnerstadt kennt.",
        ),
    ],
)
def test_job_words_that_sound_like_other_things(subject: str, body: str) -> None:
    assert is_rejection(subject, body), verdict(subject, body).explain()


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        (
            "Data Analyst search – we have offered the role to another candidate",
            "Hi Alex,\nthank you for coming in on Tuesday; the team enjoyed it. Warm regards.",
        ),
        (
            "Analista de datos: hemos cerrado el proceso con otra candidata",
            "Hola Alex:\ngracias por tu tiempo y por la entrevista. Un abrazo.",
        ),
        (
            "Data-Analyst:in – wir haben uns für eine andere Kandidatin entschieden",
            "Hallo Alex,\nvielen Dank für das Gespräch und Ihre Zeit. Viele Grüße",
        ),
    ],
)
def test_a_decision_stated_in_the_subject(subject: str, body: str) -> None:
    assert is_rejection(subject, body), verdict(subject, body).explain()


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        # a reply keeps the earlier mail's subject: not this mail's news
        (
            "Re: we have offered the role to another candidate",
            "Hi Alex,\nthanks for your note. Would you like to talk about our other opening?",
        ),
        # a softener in the subject is no decision
        ("Unfortunately, a new time for your interview", "Hi Alex,\ncould we move it to Friday?"),
    ],
)
def test_a_subject_that_is_no_decision(subject: str, body: str) -> None:
    assert not is_rejection(subject, body), verdict(subject, body).explain()


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        (
            "Your application",
            "Hi Alex,\nthank you for applying. We have decided that other candidates are a closer "
            "match for the role at this stage.",
        ),
        (
            "Analyst role",
            "Hi Alex,\nwe've finished our interviews and the position is going to a candidate "
            "whose background fits our current projects a little more closely.",
        ),
        (
            "Following up",
            "Hi Alex,\nthanks for your patience. It came down to two finalists, and we've asked the "
            "other candidate to join the team.",
        ),
        (
            "FW: feedback",
            "Hi Alex,\nthe client liked your interview, but they are going to extend the contract "
            "of the analyst they already have instead.",
        ),
    ],
)
def test_others_chosen_in_plain_english(subject: str, body: str) -> None:
    assert is_rejection(subject, body), verdict(subject, body).explain()


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        # a recruiter taking an old thread up again, or an earlier refusal dated "last year"
        (
            "Re: Analyst process",
            "Hola Alex:\nretomo este hilo porque en marzo nos quedamos con otra persona, pero ahora "
            "abrimos una posición nueva. ¿Hablamos esta semana?",
        ),
        (
            "RE: Sollicitatie",
            "Dag Alex,\neind vorig jaar kwam je niet in aanmerking voor onze functie, maar nu "
            "openen we een nieuwe rol. Zin in een koffie?",
        ),
        # a German offer with "leider" about working from home
        (
            "Angebot: Projektleitung",
            "Liebe Frau Example,\nwir bieten Ihnen hiermit die Position als Projektleiterin in "
            "Graz an. Leider können wir Ihnen im ersten Jahr kein Homeoffice anbieten.",
        ),
        # a volunteer post offered elsewhere
        (
            "Tu solicitud",
            "Hola Alex:\ngracias por ofrecerte como voluntaria. Esos puestos se han asignado a "
            "personas de ediciones anteriores.\nEquipo de Voluntariado",
        ),
    ],
)
def test_old_threads_offers_and_volunteering_are_no_decision(subject: str, body: str) -> None:
    assert not is_rejection(subject, body), verdict(subject, body).explain()


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        (
            "Re: Gracias",
            "Hola Alex:\nperdona la tardanza. Al final se queda mi primo con el puesto; es una "
            "decisión de familia.",
        ),
        (
            "Re: Danke",
            "Hallo Alex,\ndie Stelle geht an eine Kollegin aus Linz. Bei uns geht's für dich "
            "diesmal nicht weiter.",
        ),
        (
            "Ihre Bewerbung",
            "Sehr geehrte Frau Example,\nletztlich hat eine Bewerberin das Rennen gemacht, die das "
            "Gebiet schon kennt.",
        ),
        (
            "Proceso de selección",
            "Hola Alex:\nla dirección ha apostado por un perfil con experiencia en aperturas. "
            "Gracias por la entrevista.",
        ),
        (
            "Application update",
            "Dear Alex,\nthank you for meeting the team. We won't be able to offer it to you: the "
            "successful candidate has several years of field experience.",
        ),
        (
            "Application update",
            "Dear Alex,\nthe requisition has now been closed, and the selection process will not "
            "be continued.",
        ),
        (
            "Resultaat selectieprocedure",
            "Geachte mevrouw,\nbijgevolg werd u niet in de wervingsreserve opgenomen.",
        ),
        (
            "RE: kennismaking",
            "Hoi Alex,\nna ons gesprek hebben we alles nog eens bekeken, en we zien voorlopig af "
            "van een eigen office manager.",
        ),
        (
            "Research Analyst",
            "Dear Alex,\nthank you for coming to campus. Your talk on missing data was one of the "
            "best we heard. We have offered the position to another candidate.",
        ),
    ],
)
def test_more_ways_others_get_the_job(subject: str, body: str) -> None:
    assert is_rejection(subject, body), verdict(subject, body).explain()


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        ("Entretien chez Acme", "Bonjour Alex, Acme souhaite vous rencontrer mardi à 10h."),
        ("Gespräch bei Acme", "Hallo Alex, Acme möchte Sie gerne am Dienstag kennenlernen."),
        ("Entrevista en Acme", "Hola Alex, a Acme le gustaría conocerte el martes a las diez."),
        ("Entrevista na Acme", "Olá Alex, a Acme gostaria de o conhecer na terça-feira."),
        ("Gesprek bij Acme", "Hoi Alex, Acme wil graag dinsdag kennis met je maken."),
    ],
)
def test_someone_who_would_like_to_meet_the_reader_invites(subject: str, body: str) -> None:
    v = verdict(subject, body)
    assert "invitation" in {h.kind for h in v.hits}, v.explain()
