"""Refusals told as the end of the post or of the process (a role pulled, not
filled with anyone, a process closed for you or for every candidate, the post
given to someone named by a pronoun), separable and perfect verb forms, what
would have been ("we would have loved to have you"), titles in greetings
("Frau DI", "Ingegnera", "Eng.ª"), and non-job words that name what the mail
talks about, not what it refuses. All sentences written for these tests."""

from __future__ import annotations

import pytest

from tests.verdicts import is_rejection, verdict


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        # German: the separable verb in the first person, inverted
        (
            "Ihre Bewerbung als Disponentin",
            "Sehr geehrte Frau Alex,\n\nfür die Stelle als Disponentin sage ich Ihnen heute "
            "leider ab. Ihre Unterlagen waren sorgfältig, es fehlt aber die Erfahrung im "
            "Fernverkehr.\n\nFreundliche Grüße\nPetra Holm",
        ),
        # German: the focus in the perfect tense
        (
            "Ihre Bewerbung",
            "Liebe Alex,\n\nvielen Dank für Ihr Interesse. Wir haben uns nach vielen Gesprächen "
            "auf Bewerber*innen konzentriert, die schon ein Lager geleitet haben. Leider "
            "gehören Sie nicht dazu. Alles Gute für Ihre weitere Suche!",
        ),
        # German: the process is over for you; the test result does not reach
        (
            "Ergebnis des Online-Tests",
            "Guten Tag,\n\ndanke, dass Sie den Test gemacht haben. Leider reicht Ihr Ergebnis im "
            "Teil Logik knapp nicht für die nächste Stufe aus. Das Verfahren für die Stelle "
            "„Analystin Einkauf“ ist für Sie damit beendet.",
        ),
        # German: the post went to "her" (ihr), not to you (Ihnen)
        (
            "Teamleitung Versand",
            "Liebe Frau Alex,\n\neine Kollegin aus Bremen kennt unsere Kunden seit Jahren; ihr "
            "haben wir die Stelle gestern angeboten, und sie hat angenommen. Danke für das "
            "gute Gespräch.",
        ),
        (
            "Koordination",
            "Liebe Alex,\n\nwir haben nur eine halbe Stelle, und diese vergeben wir nach langem "
            "Abwägen an eine Person aus unserem Verein. Danke für Ihren Besuch bei uns.",
        ),
        # German: the process ends for every candidate; the post lapses
        (
            "Stand des Verfahrens",
            "Sehr geehrte Frau Alex,\n\ndie Geschäftsführung hat das Projekt gestoppt. Damit "
            "entfällt die ausgeschriebene Position, und das Auswahlverfahren endet für alle "
            "Bewerberinnen und Bewerber. Danke für das Gespräch im April.",
        ),
        # German: a client's reply forwarded fresh: not filled from outside
        (
            "Rückmeldung",
            "Liebe Alex,\n\nnach dem Interview hat sich die Lage geändert: ein Kollege aus dem "
            "Haus übernimmt die Aufgabe. Die Position wird also nicht extern besetzt.",
        ),
        # Dutch: not filled from outside; the procedure closed for all candidates
        (
            "Uw sollicitatie",
            "Beste Alex,\n\nDank voor het gesprek. Een collega uit Utrecht neemt de functie over. "
            "De vacature wordt daardoor niet extern ingevuld en de procedure is voor alle "
            "kandidaten afgesloten.",
        ),
        # English: a role pulled, not filled with anyone
        (
            "Quick update",
            "Hi Alex,\n\nI'm afraid the role's been pulled: the budget for the new depot moved to "
            "next year. Thanks for the interview last week.",
        ),
        (
            "The planner position",
            "Hi Alex,\n\nI wish I were writing with better news. Leadership froze hiring this "
            "morning, and we won't be filling the planner position with you or anyone else "
            "this year. You were on our shortlist after the interview.",
        ),
    ],
)
def test_a_closed_post_or_process_is_a_refusal(subject: str, body: str) -> None:
    assert is_rejection(subject, body), verdict(subject, body).explain()


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        # not yet filled: a wait, not a close
        (
            "Stand der Dinge",
            "Liebe Alex,\n\ndie Position wird noch nicht besetzt; wir melden uns nach den "
            "Sommerferien mit einem Termin.",
        ),
        # we'll fill it once the budget is there
        (
            "Your application",
            "Hi Alex,\n\nWe won't be filling the role until the budget is signed in March; your "
            "application stays open and we will be in touch about an interview.",
        ),
        # the candidate's own choice; a fit seen "not only" in skills; another time slot
        (
            "Votre candidature",
            "Bonjour Alex, merci pour l'entretien. Nous comprenons que vous avez fait un autre "
            "choix et vous souhaitons bonne chance.",
        ),
        (
            "Ihre Bewerbung",
            "Hallo Alex, danke für das Gespräch. Den Fit sehen wir nicht nur fachlich, sondern "
            "auch menschlich, und laden Sie zur zweiten Runde ein.",
        ),
        (
            "Sua candidatura",
            "Olá Alex, obrigada pela entrevista. Caso prefira, pode fazer outra escolha de "
            "horário para a segunda etapa.",
        ),
        # what would have been, alone, decides nothing: an offer that regrets its salary
        (
            "Our offer",
            "Hi Alex,\n\nWe would have loved to offer you a higher salary, but the band is fixed. "
            "We are happy to offer you the position of planner starting in May.",
        ),
    ],
)
def test_what_is_not_a_close(subject: str, body: str) -> None:
    assert not is_rejection(subject, body), verdict(subject, body).explain()


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        (
            "Ihre Bewerbung",
            "Sehr geehrte Frau DI Alex,\n\nwir haben uns entschieden, die Stelle mit einer "
            "anderen Bewerberin zu besetzen.",
        ),
        (
            "Esito della selezione",
            "Gentile Ingegnera Alex,\n\nla posizione è stata coperta internamente e la selezione "
            "esterna si è conclusa.",
        ),
        (
            "Processo de recrutamento",
            "Exma. Senhora Eng.ª Alex,\n\ninformamos que a vaga foi entretanto preenchida, pelo "
            "que não iremos dar seguimento à sua candidatura.",
        ),
    ],
)
def test_a_title_before_the_name_is_no_one_elses_greeting(subject: str, body: str) -> None:
    v = verdict(subject, body)
    assert v.rejection, v.explain()


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        (
            "Esito colloquio",
            "Caro Ingegnere,\n\ndopo il colloquio abbiamo scelto un altro candidato, con più "
            "anni in fonderia.",
        ),
        (
            "Processo seletivo",
            "Prezada Doutora,\n\ninformamos que a vaga foi preenchida por outra candidata.",
        ),
        (
            "Proceso de selección",
            "Estimado Ingeniero:\n\nhemos decidido no avanzar con su candidatura.",
        ),
    ],
)
def test_a_title_alone_as_the_greeting_is_no_one_elses_name(subject: str, body: str) -> None:
    v = verdict(subject, body)
    assert v.rejection, v.explain()


def test_capital_di_only_is_a_title() -> None:
    # "Di" before a surname is part of the name (Di Stefano): someone else.
    v = verdict(
        "Ihre Bewerbung",
        "Sehr geehrte Frau Di Stefano,\n\nwir haben uns entschieden, die Stelle mit einer "
        "anderen Bewerberin zu besetzen.",
    )
    assert not v.rejection and "Di" in (v.excluded or ""), v.explain()


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        # the order in the relative clause is project work, the refusal names the role
        (
            "Kurzes Update",
            "Hallo Alex,\n\nwir haben uns entschieden, die Rolle mit jemandem zu besetzen, der "
            "schon Anlagen von der Bestellung bis zur Abnahme betreut hat. Danke für das "
            "Gespräch!",
        ),
        # a grant call is the reason the post froze, not what was refused
        (
            "Actualización sobre la vacante",
            "Hola Alex:\n\nLa dirección ha congelado el puesto hasta que se resuelva la "
            "convocatoria de ayudas del proyecto. El proceso de selección queda cerrado sin "
            "cubrir la vacante. Gracias por la entrevista.",
        ),
    ],
)
def test_a_non_job_word_the_refusal_does_not_name(subject: str, body: str) -> None:
    assert is_rejection(subject, body), verdict(subject, body).explain()


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        # the subject names the course: the refusal is of a place on it
        (
            "Tu solicitud",
            "Hola Alex:\n\nLamentamos decirte que no has sido admitida en el curso de "
            "logística. Las plazas se han asignado a otros candidatos, y el puesto de "
            "coordinación no cambia.",
        ),
        # the refusing sentence names the flat
        (
            "Your viewing",
            "Hi Alex,\n\nThanks for viewing the flat on Tuesday. The landlord has decided to let "
            "the flat to another applicant, and the position of the flat near your job is "
            "something we know mattered to you.",
        ),
    ],
)
def test_a_non_job_refusal_stays_one(subject: str, body: str) -> None:
    assert not is_rejection(subject, body), verdict(subject, body).explain()


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        # the outcome as a status at the end of the subject, the text behind a login
        (
            "Application update - Ward Pharmacist (REF-77): unsuccessful",
            "Dear Alex\n\nThere is news on your application. Sign in to your candidate account "
            "to read it.\n\nThis is an automated message.",
        ),
        (
            "Lab Technician (REF-12) - unsuccessful application",
            "Dear Alex,\nfollowing your interview on 3 May, the Institute's letter is attached.\n",
        ),
        # Belgian and French public selection letters
        (
            "Sélection comparative – résultat",
            "Madame,\n\nConcerne : votre candidature au poste d'attachée. À l'issue de la "
            "présélection, vous n'avez pas été admise à l'épreuve suivante.\n\nLe Service "
            "Sélections",
        ),
        (
            "Décision du jury",
            "Madame,\n\nAprès délibération, votre candidature n'a pas été classée en ordre utile "
            "pour la désignation au poste.",
        ),
        # a search closed for good; a procedure stopped for every candidate
        (
            "Posizione Analista – chiusura",
            "Gentile Alex,\nla posizione è stata prima sospesa e ora, dopo la riorganizzazione, "
            "definitivamente chiusa. Non saranno quindi organizzati colloqui.",
        ),
        (
            "Selectieprocedure",
            "Beste Alex,\nna de fusie hebben we moeten besluiten de selectieprocedure voor alle "
            "kandidaten te stoppen. Dank voor het gesprek.",
        ),
    ],
)
def test_a_status_or_a_public_letter_is_a_refusal(subject: str, body: str) -> None:
    assert is_rejection(subject, body), verdict(subject, body).explain()


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        (
            "Épreuve orale du 12 juin – changement de salle",
            "Madame,\nnous sommes au regret de vous informer d'un changement de salle pour "
            "votre entretien : malheureusement la salle B est en travaux.",
        ),
        (
            "Programma di mentoring: esito",
            "Ciao Alex,\npurtroppo non sei stata selezionata per il programma di mentoring di "
            "quest'anno: i posti erano solo dodici.",
        ),
    ],
)
def test_a_room_change_or_a_mentoring_place_is_no_refusal(subject: str, body: str) -> None:
    assert not is_rejection(subject, body), verdict(subject, body).explain()
