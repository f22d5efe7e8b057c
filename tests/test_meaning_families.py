"""The decision families composed by meaning (rules/<lang>.toml, "decisions
composed by what they mean"): someone else got the job, no offer, the answer
is no, not the fit, the process ends, a portal status. Each family is tried
in sentences written for this file (not taken from any paradigm or corpus
set), with look-alikes that share its words and are no decision."""

from __future__ import annotations

import pytest

from tests.verdicts import in_frame

FRAMES = {
    "en": {
        "subject": "Your application: Operations Analyst",
        "opening": "Dear Alex, thank you for your application and for meeting us.",
        "closing": "Best regards,\nRuth Palmer",
    },
    "de": {
        "subject": "Ihre Bewerbung als Disponentin",
        "opening": "Hallo Alex, danke für Ihre Bewerbung und das nette Gespräch.",
        "closing": "Viele Grüße\nJana Roth",
    },
    "nl": {
        "subject": "Je sollicitatie als planner",
        "opening": "Beste Alex, dank je wel voor je sollicitatie en het gesprek van vorige week.",
        "closing": "Met vriendelijke groet,\nSanne Bakker",
    },
    "es": {
        "subject": "Tu candidatura: planificadora de transporte",
        "opening": "Hola Alex, gracias por tu candidatura y por la entrevista del martes.",
        "closing": "Un saludo,\nLucía Prieto",
    },
    "fr": {
        "subject": "Votre candidature : planificatrice transport",
        "opening": "Bonjour Alex, merci pour votre candidature et pour l'entretien de mardi.",
        "closing": "Bien cordialement,\nClaire Vidal",
    },
    "it": {
        "subject": "La sua candidatura: pianificatrice trasporti",
        "opening": "Gentile Alex, la ringraziamo per la candidatura e per il colloquio di martedì.",
        "closing": "Cordiali saluti,\nGiulia Conti",
    },
    "pt": {
        "subject": "A sua candidatura: planeadora de transportes",
        "opening": "Olá Alex, obrigada pela sua candidatura e pela entrevista de terça-feira.",
        "closing": "Cumprimentos,\nRita Sousa",
    },
}

DECISIONS = [
    ("en", "In the end the directors settled on a different finalist for the analyst post."),
    ("en", "The selection board approved the appointment of an internal applicant last week."),
    ("en", "We've now given the fixed-term role to another person from the shortlist."),
    ("en", "Honestly it was close, but the other finalist came out ahead."),
    ("en", "Having reviewed the feedback, there will be no offer for you on this occasion."),
    ("en", "I'm sorry to say we won't be making you an offer."),
    ("en", "I'll be brief: the answer is no, and I'm sorry."),
    ("en", "It was a tough call and it went the other way."),
    ("en", "Having slept on it, the team feels you're not quite the right fit for this role."),
    ("en", "The promotion panel decided to fill the vacancy internally."),
    ("en", "The longlist has been cut to six names, and your name isn't on it."),
    ("en", "We'll be releasing you from the recruitment process with our thanks."),
    (
        "de",
        "Die Geschäftsführung hat sich nach langem Abwägen für einen anderen Bewerber entschieden.",
    ),
    ("de", "Den Zuschlag hat am Ende eine interne Kollegin bekommen."),
    ("de", "Die Teamleitung besetzen wir mit jemand anderem, der schon länger im Haus ist."),
    ("de", "Ein Angebot können wir Ihnen nach der zweiten Runde leider nicht machen."),
    ("de", "Wir schließen Ihre Bewerbung deshalb ohne Zusage ab."),
    ("de", "Von der Fachabteilung kam ein klares Nein zu einer Einstellung."),
    ("de", "Kurz und ehrlich: diesmal wird's leider nix."),
    ("de", "Für Sie endet das Auswahlverfahren leider an dieser Stelle."),
    ("de", "Zum Assessment laden wir vier Personen ein, zu denen Sie leider nicht gehören."),
    ("de", "Die Rolle haben wir inzwischen intern gefüllt."),
    ("en", "We had two people to choose between for the seat and went with the other one."),
    ("nl", "Na het tweede gesprek is de keuze gevallen op een andere kandidaat."),
    ("nl", "De gemeenteraad heeft de benoeming van een interne collega goedgekeurd."),
    ("nl", "Het team gaat voor iemand die al een magazijn heeft geleid."),
    ("nl", "Onze voorkeur gaat uit naar een kandidaat met een rijbewijs C."),
    ("nl", "We doen je na overleg met het team geen aanbod."),
    ("nl", "Voor deze functie sluiten we je sollicitatie graag netjes af, maar zonder aanbod."),
    ("nl", "Het spijt me, maar het wordt een nee."),
    ("nl", "Het scheelde weinig, maar je bent buiten de boot gevallen."),
    ("nl", "In het portaal staat de status van je aanmelding nu op 'Afgewezen'."),
    ("nl", "Wij hebben besloten niet in te gaan op uw kandidatuur."),
    ("es", "Lamentablemente no vamos a poder hacerte una oferta esta vez."),
    ("es", "Tras valorarlo, la respuesta es no, y prefiero decírtelo yo."),
    ("es", "Con esto se cierra tu candidatura para la vacante de planificación."),
    ("es", "En el portal, tu candidatura figura ya con el estado «Descartada»."),
    ("es", "La plaza se la hemos ofrecido a otra candidata con más años de almacén."),
    ("fr", "Nous ne vous ferons malheureusement pas d'offre pour ce poste."),
    ("fr", "Je préfère être directe : c'est non pour cette fois."),
    ("fr", "C'est finalement une autre personne qui a été retenue pour le poste."),
    ("fr", "Le statut de votre dossier est passé à « Refusé »."),
    ("it", "Purtroppo non potremo farle un'offerta per questa posizione."),
    ("it", "Mi spiace dirtelo, ma la risposta è no."),
    ("it", "Per questa posizione non procederemo oltre con la sua candidatura."),
    ("it", "L'azienda ha scelto un'altra candidata con più esperienza di magazzino."),
    ("pt", "Infelizmente não vamos poder fazer-lhe uma proposta."),
    ("pt", "Lamento, mas a resposta é não."),
    ("pt", "A empresa acabou por escolher outro candidato com mais anos de armazém."),
    ("pt", "Para si, o processo termina aqui."),
    (
        "it",
        "Dopo il colloquio con il direttore, non procederemo con il suo inserimento in azienda.",
    ),
    (
        "es",
        "Buscamos a alguien con experiencia en frío, por lo que no la incluiremos en la fase final.",
    ),
    ("es", "Tu perfil es bueno, pero no vamos a llamarte para la entrevista."),
    ("es", "Por falta de presupuesto, el proceso queda, en consecuencia, cerrado para todos."),
    ("fr", "Faute de budget, la procédure en cours est close et aucun jury ne sera réuni."),
    (
        "en",
        "A colleague asked for a transfer, and we've decided to fill the role with this internal candidate.",
    ),
    ("pt", "Depois de ponderar, optámos por preencher o lugar de chefe de armazém internamente."),
    ("en", "Once the panel had met on Friday, we chose another candidate for the role."),
    # the decision said of the reader, actively or of their fit
    ("en", "Having talked it over, we're declining your application for the analyst post."),
    ("en", "The directors didn't think you were quite ready for a lead role."),
    ("en", "We have decided to keep searching for someone with customs experience."),
    ("en", "We felt other applicants matched the brief more closely."),
    ("en", "Your background, though impressive, isn't what the client is looking for."),
    ("en", "Sorry Alex, you weren't chosen for this one."),
    ("en", "Sadly it didn't work out on this occasion."),
    ("de", "Wir lehnen Ihre Bewerbung nach reiflicher Überlegung leider ab."),
    ("de", "Für die Teamleitung kommst du leider nicht in Frage."),
    ("de", "Ihre Kenntnisse in SAP reichen für diese Stelle leider nicht aus."),
    ("de", "Wir haben uns daher entschieden, die Suche fortzusetzen."),
    ("de", "Anbei erhalten Sie Ihre Bewerbungsunterlagen zurück."),
    ("de", "Am Ende fiel die Wahl auf eine erfahrenere Bewerberin."),
    ("fr", "Je préfère être franche : nous avons choisi de ne pas embaucher cette année."),
    ("es", "Al final nos quedamos con una chica que ya conocía el programa de reservas."),
    ("en", "After the budget review the requisition was withdrawn, so there is no role to fill."),
    ("en", "I'm afraid we won't be hiring for this role after all."),
    ("en", "Rather than keep you waiting, I'm closing out your application today."),
    ("it", "Per il calo degli ordini la posizione non sarà pertanto ricoperta quest'anno."),
    ("it", "Con rammarico siamo costretti a chiudere la selezione."),
    ("nl", "Na lang overleg hebben we beslist een andere kandidaat te weerhouden."),
    ("es", "Al final la plaza se cubrirá de forma interna con una compañera de compras."),
    ("it", "Il ruolo sarà ricoperto da una collega interna del reparto acquisti."),
    ("pt", "A vaga vai ser ocupada por uma colega da nossa equipe de compras."),
    ("nl", "We zetten de procedure voort met een andere kandidaat uit de regio."),
    # the post will not be filled at all
    ("en", "The restructuring means this analyst post won't be filled at all."),
    ("en", "Hiring is on hold indefinitely and the role will not be filled this year."),
    ("fr", "La direction a gelé les embauches : ce poste ne sera finalement pas pourvu."),
    ("es", "Por la reorganización, la plaza no se cubrirá este año."),
    ("it", "Per motivi di bilancio la posizione non sarà più coperta."),
    ("nl", "Door de reorganisatie wordt de functie helemaal niet meer ingevuld."),
    ("pt", "Com a reestruturação, decidimos não preencher a vaga de planeamento."),
    # one chosen person, told as "the choice fell on", "we took someone who"
    ("en", "After a long debate the choice fell on an applicant who already knew our tools."),
    (
        "de",
        "Nach langer Diskussion ist die Wahl auf einen Bewerber gefallen, der schon bei uns war.",
    ),
    ("fr", "On a pris quelqu'un qui parle aussi néerlandais, c'était décisif."),
    (
        "fr",
        "Super échange avec toi, franchement, mais on a pris quelqu'un qui connaît déjà le logiciel.",
    ),
    ("pt", "O lugar vai ser assumido por uma colega interna da equipa de compras."),
    # someone else chosen, described by what they have more of (session 20)
    ("en", "We've settled on offering the post to the applicant with longer audit experience."),
    ("en", "In the end we went with an engineer whose background is in rail signalling."),
    ("en", "The other finalists had more fleet experience, and we are moving forward with one."),
    ("de", "Wir stellen am Ende die Bewerberin mit mehr Erfahrung im Zollwesen ein."),
    ("de", "Der Fachbereich schlägt der Geschäftsleitung einen anderen Kandidaten vor."),
    ("de", "Wir haben uns für Bewerbende entschieden, die bereits ein Lager geleitet haben."),
    ("it", "Il cliente ha deciso di coprire il ruolo con una persona interna."),
    # not the fit, not among those taken on, refrained from pursuing (session 20)
    ("en", "We don't believe it's the right fit for a role with this much travel."),
    ("en", "Your application wasn't among those shortlisted for the panel stage."),
    ("de", "Leider sehen wir davon ab, Ihre Bewerbung weiter zu berücksichtigen."),
    ("nl", "Met 48 punten is je score onvoldoende om door te gaan naar het assessment."),
    ("nl", "Je deelname aan de procedure stopt hier."),
    ("it", "Purtroppo non procederemo con il colloquio tecnico."),
    ("it", "Alla fine abbiamo scelto una tecnica con la patente per i carrelli elevatori."),
    ("it", "Abbiamo deciso di inserire una candidata che ha già lavorato in magazzino."),
    ("it", "Ho affidato il ruolo a una persona che conosce già i nostri fornitori."),
    ("nl", "Ik heb net met de klant gebeld: helaas gaan ze niet verder."),
    # decided to keep looking (session 20)
    ("en", "We talked it over at length, but we're going to keep searching for now."),
    ("nl", "We hebben er lang over nagedacht, maar we blijven voor deze functie nog zoeken."),
    ("nl", "We hebben ervoor gekozen om de zoektocht voort te zetten."),
    ("fr", "Nous avons finalement choisi de poursuivre nos recherches."),
    ("es", "Al final hemos optado por seguir buscando."),
    ("it", "Abbiamo preferito continuare a cercare."),
    ("pt", "Resolvemos prosseguir com a busca por mais algumas semanas."),
]

NOT_DECISIONS = [
    # session 20: the same words, no decision
    (
        "en",
        "We've paused hiring for the role; your application is still active and nothing has been decided.",
    ),
    ("nl", "Maar we gaan eerst nog verder zoeken naar een datum voor het tweede gesprek."),
    ("de", "Wir schlagen Ihnen einen anderen Termin für das Gespräch vor."),
    ("de", "Bitte sehen Sie von weiteren Anrufen ab, wir melden uns."),
    ("nl", "We zoeken nog verder naar een datum die voor iedereen past."),
    ("fr", "Si le créneau ne vous convient pas, nous poursuivrons nos recherches d'une date."),
    ("es", "Seguimos buscando una fecha que encaje con tu agenda."),
    ("it", "Se non le va bene, continueremo a cercare un orario adatto."),
    ("pt", "Vamos continuar a procurar um horário que funcione para si."),
    ("en", "We don't think the call needs more than half an hour."),
    ("it", "Abbiamo scelto una data con il responsabile per il secondo colloquio."),
    ("nl", "Ze gaan niet verder dan de eerste ronde voordat jij erbij bent."),
    ("en", "We're still interviewing other candidates and will be in touch next week."),
    ("en", "You and another finalist have been invited to the last round."),
    ("en", "The other candidate withdrew, so we'd like to offer you the role."),
    ("en", "If another applicant is chosen, we will let you know by Friday."),
    ("en", "There's no offer deadline to worry about, take your time."),
    ("en", "No offer has been made yet; we'll decide by Friday."),
    ("en", "We can't meet your salary, but we'd like to offer you the role at a lower band."),
    ("en", "This is not a fit check, just a friendly chat about the team."),
    ("en", "It's no fun waiting, I know: the panel meets on Tuesday and we'll call you after."),
    ("de", "Alle anderen Bewerberinnen erhalten nach dem Verfahren eine schriftliche Nachricht."),
    (
        "de",
        "Das hat nichts mit Ihrer Eignung zu tun: die zweite Runde verschiebt sich um eine Woche.",
    ),
    ("de", "Sobald wir uns für eine andere Person oder für Sie entschieden haben, melden wir uns."),
    ("de", "Ein Angebot schicken wir Ihnen gern nächste Woche zu, wir freuen uns sehr."),
    ("de", "Der Videocall hat leider nicht geklappt, können wir ihn auf Freitag legen?"),
    ("de", "Das Verfahren endet im Mai; danach melden wir uns bei allen Bewerbern."),
    ("de", "Leider können wir dir diesmal keinen Platz als Mentee im Programm anbieten."),
    ("nl", "Ik heb de kamer aan iemand anders gegeven, sorry, mijn huisgenoot vertrekt al eerder."),
    ("nl", "Als je in het portaal de status 'afgewezen' ziet, bel ons dan even."),
    ("nl", "We bieden je graag een contract aan, maar zonder auto van de zaak."),
    ("nl", "Tussen jou en een andere kandidaat kiezen we volgende week."),
    (
        "en",
        "Thanks for viewing the two-room flat at Kade 4; the owner has accepted another applicant.",
    ),
    ("fr", "Nous vous avons sélectionnée, comme deux autres candidates, pour la dernière étape."),
    ("it", "L'abbiamo selezionata insieme ad altri due candidati per la fase finale."),
    ("pt", "Selecionámo-la, juntamente com outros dois candidatos, para a fase final."),
    ("es", "Te hemos seleccionado, junto a otros dos candidatos, para la última fase."),
    (
        "en",
        "Thanks for referring Marta: after her interview the team decided not to offer Marta the role.",
    ),
    (
        "en",
        "The client turned down every shortlist so far because candidates could not speak German for the role.",
    ),
    ("es", "El proceso queda en suspenso, no cerrado, hasta que haya presupuesto."),
    ("fr", "Le recrutement est suspendu pour un mois ; la procédure reste ouverte."),
    # the words of a decision about a slot, a link, a condition
    ("en", "Thursday's slot didn't work out for Ruth, so could we try Friday at ten?"),
    ("en", "If it doesn't work out with the panel's dates, we'll move the interview online."),
    ("en", "We haven't decided to keep looking: you are still our first choice."),
    ("de", "Wir sagen Ihnen den Termin am Montag ab und schlagen gleich einen neuen vor."),
    (
        "de",
        "Wir mussten Ihnen im Frühjahr damals leider absagen; jetzt ist eine neue Stelle frei.",
    ),
    ("de", "Bitte schicken Sie uns den Vertrag unterschrieben zurück."),
    ("de", "Die Zeit hat leider nicht gereicht, wir sprechen nächste Woche weiter."),
    ("fr", "Nous avons décidé de ne pas recruter avant d'avoir vu tous les dossiers."),
    # a race's start places drawn by lot; an offer that regrets one perk
    (
        "de",
        "Bei der Vergabe der Startplätze für den Stadtlauf konnten wir dich leider nicht "
        "berücksichtigen.",
    ),
    (
        "en",
        "Unfortunately your race entry for the city marathon has not been successful this year.",
    ),
    (
        "pt",
        "A diretoria aprovou sua contratação. Infelizmente não conseguimos oferecer a você o "
        "bônus de entrada.",
    ),
    # not filled *yet*, or not before a date: the post is still open
    ("en", "The role hasn't been filled yet; we'll decide after the last interviews."),
    ("en", "The position will not be filled until the new director starts in May."),
    ("fr", "Le poste ne sera pas pourvu avant la rentrée, nous reviendrons vers vous."),
    ("es", "La vacante todavía no se ha cubierto; seguimos con entrevistas."),
    ("it", "La posizione non verrà coperta prima di settembre."),
    ("nl", "De vacature wordt voorlopig niet ingevuld; we houden je op de hoogte."),
    ("pt", "A vaga ainda não será preenchida este mês; ficamos em contacto."),
    ("fr", "Nous avons pris contact avec d'autres candidats pour compléter le panel."),
    # an academic programme's ranking, a grant competition: no job
    ("it", "Con 58 punti non è tra gli ammessi al Master di secondo livello in Logistica."),
    ("pt", "Lamentamos: no concurso de bolsas deste ano, a sua candidatura não foi selecionada."),
    ("es", "La plaza de jefa de equipo no se cubrirá, pero nos gustaría ofrecerte otro puesto."),
    (
        "nl",
        "De seniorfunctie wordt niet ingevuld; we willen je graag een andere functie aanbieden.",
    ),
]


@pytest.mark.parametrize(("lang", "sentence"), DECISIONS)
def test_a_decision_in_any_wording_is_read(lang: str, sentence: str) -> None:
    v = in_frame(FRAMES[lang], sentence)
    assert v.rejection, v.explain()


@pytest.mark.parametrize(("lang", "sentence"), NOT_DECISIONS)
def test_a_look_alike_is_no_decision(lang: str, sentence: str) -> None:
    v = in_frame(FRAMES[lang], sentence)
    assert not v.rejection, v.explain()
