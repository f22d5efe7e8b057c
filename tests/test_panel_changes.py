"""Who sat in the talk when the panel changed in words, when an assistant or
coordinator wrote the mail, and when an agency named its client's panel.
Histories written for these tests (Acme Robotics interviews Alex)."""

from __future__ import annotations

import pytest

from daemon.classify import message_hits
from daemon.history import LocalHistory
from daemon.message import Address, parse
from daemon.panel import named_interviewers, named_panel, writer_absent
from daemon.pipeline import judge
from tests.mail import build, ics
from tests.verdicts import ME, RS, day, extracted, interviewers

ACME = "acme-robotics.example"
ADA, BEN, CARA, DEV = (f"{n}@{ACME}" for n in ("ada.stone", "ben.ito", "cara.moss", "dev.rao"))
# Two colleagues copied on a rejection: which of them the text puts in the talk.
BEN_AND_CARA = f"Ben Ito <{BEN}>, Cara Moss <{CARA}>"
COORDINATOR = f"Pat Lowe <pat.lowe@{ACME}>"


def coordinator_rejection() -> bytes:
    return build(
        sender=COORDINATOR,
        subject="Your interview for the Controls Engineer role",
        body="Dear Alex,\nThank you for attending the interview. I am sorry to tell you that the "
        "panel has decided to appoint another candidate.\nPat Lowe\nRecruitment Coordinator",
        date=day(20),
    )


def written_panel_invitation() -> bytes:
    """The coordinator names the panel in the text, addresses written out."""
    return build(
        sender=COORDINATOR,
        subject="Invitation to interview - Controls Engineer",
        body="Dear Alex,\nI am pleased to invite you to interview on 12 February. The panel will "
        f"be:\n- Dr Ada Stone, Head of Controls ({ADA})\n- Ben Ito, Lead Engineer ({BEN})\n"
        f"- Cara Moss, HR Partner ({CARA})\nPat Lowe\nRecruitment Coordinator",
        date=day(5),
    )


@pytest.mark.parametrize(
    "change",
    [
        "Please note that Cara Moss is no longer available and will be replaced by Dev Rao.",
        "Bitte beachten Sie: Frau Moss ist leider verhindert, Herr Rao nimmt an ihrer Stelle teil.",
        "Mme Moss ne pourra pas être présente et sera remplacée par M. Rao.",
        "La Sra. Moss no podrá asistir; en su lugar estará el Sr. Rao.",
        "Mevrouw Moss kan helaas niet aanwezig zijn; de heer Rao neemt haar plaats in.",
        "La dott.ssa Moss non potrà partecipare e sarà sostituita dal dott. Rao.",
        "A Dra. Moss não poderá participar e será substituída pelo Dr. Rao.",
        "Dev Rao joins the panel in place of Cara Moss.",
    ],
)
def test_a_panel_member_taken_off_in_words_is_no_interviewer(change: str) -> None:
    update = build(
        sender=COORDINATOR,
        subject="Updated: interview - Controls Engineer",
        body=f"Dear Alex,\n{change}\nPat Lowe",
        date=day(9),
        ics=ics(organizer=f"pat.lowe@{ACME}", attendees=(ADA, BEN, DEV, "alex@example.org")),
    )
    found = interviewers(coordinator_rejection(), written_panel_invitation(), update)
    assert found == [ADA, BEN, DEV]


def test_without_the_change_the_whole_written_panel_counts() -> None:
    assert interviewers(coordinator_rejection(), written_panel_invitation()) == [ADA, BEN, CARA]


def test_a_personal_assistant_who_copies_the_panel_is_no_interviewer() -> None:
    pa = f"Lucy Ward <lucy.ward@{ACME}>"
    invitation = build(
        sender=pa,
        cc=f"Ada Stone <{ADA}>, Ben Ito <{BEN}>",
        subject="Interview day - Controls Engineer",
        body="Dear Alex,\nWe would like to invite you to an interview day on Thursday. It "
        "starts with a site tour, then a formal interview at 11:00 with "
        "Dr Stone and Mr Ito. I have copied them in.\nBest wishes,\nLucy Ward\nPA to the "
        "Managing Director",
        date=day(5),
    )
    reject = build(
        sender=pa,
        subject="Re: Interview day - Controls Engineer",
        body="Dear Alex,\nDr Stone has asked me to thank you for coming in. After much "
        "discussion the panel decided to appoint another candidate.\nLucy",
        date=day(20),
    )
    assert interviewers(reject, invitation) == [ADA, BEN]


def test_an_office_and_recruitment_coordinator_only_arranges() -> None:
    invitation = build(
        sender=COORDINATOR.replace("Pat Lowe", "Tess Vale").replace("pat.lowe", "tess.vale"),
        subject="Interview confirmation",
        body="Dear Alex,\nThis confirms your interview on Monday at 10:00. You will meet two "
        "members of the controls team, who will ask about commissioning.\nI will meet you "
        "in reception.\nTess\nOffice & Recruitment Coordinator",
        date=day(5),
    )
    reject = build(
        sender=f"Acme Robotics <no-reply@{ACME}>",
        subject="Your application with Acme Robotics",
        body="Dear Alex,\nThank you for attending an interview for the Controls Engineer role. "
        "We regret that we will not be proceeding with your application.",
        date=day(20),
    )
    assert interviewers(reject, invitation) == []


@pytest.mark.parametrize(
    "screening_body",
    [
        "Hi Alex, great speaking with you this morning about the Acme role. I'll send your "
        "profile over today.\nJo",
        "Hi Alex, I'm recruiting a controls engineer for a client. Could we have a 20-minute "
        "video call on Friday or Monday? Send me two slots.\nJo",
    ],
)
def test_an_agency_naming_its_clients_panel_still_held_its_own_call(screening_body: str) -> None:
    consultant = "Jo Park <jo.park@brightsearch.example>"
    screening = build(
        sender=consultant,
        subject="Controls engineer - intro call",
        body=screening_body,
        date=day(3),
    )
    invitation = build(
        sender=consultant,
        subject="Acme would like to meet you",
        body="Hi Alex, good news: Acme Robotics would like to invite you for an interview at "
        "the plant with Ada Stone (Head of Controls) and Ben Ito (Lead Engineer). Their "
        "assistant will send the calendar invitation.\nJo",
        date=day(5),
        ics=ics(organizer=f"pat.lowe@{ACME}", attendees=(ADA, BEN, "alex@example.org")),
    )
    reject = build(
        sender=consultant,
        subject="RE: Acme interview - feedback",
        body="Hi Alex, I'm afraid Acme have decided to offer the role to another candidate. "
        "Ada and Ben enjoyed meeting you.\nJo",
        date=day(20),
    )
    found = interviewers(reject, screening, invitation)
    assert "jo.park@brightsearch.example" in found
    assert ADA in found and BEN in found


@pytest.mark.parametrize(
    "address",
    [
        "secretariaat.zorglogistiek@x.example",
        "hr.finance@x.example",
        "segreteria.direzione@x.example",
    ],
)
def test_a_departments_mailbox_is_a_role_address(address: str) -> None:
    assert RS.senders.is_role(address)


def test_a_persons_dotted_address_is_no_role() -> None:
    assert not RS.senders.is_role("anna.post@x.example")


def alone(sender: str, body: str, cc: str | None = None) -> list[str]:
    """The interviewers of a rejection read with no history at all."""
    return interviewers(
        build(sender=sender, cc=cc, subject="Your application", body=body, date=day(20))
    )


@pytest.mark.parametrize(
    "body",
    [
        "Hi Alex,\nthanks for coming to the workshop on Tuesday. We have decided to go with "
        "another candidate who knows our machines.\nAda",
        "Hola Alex:\ngracias de nuevo por venir el jueves a la fábrica. Hemos decidido seguir "
        "con otra candidatura.\nAda",
        "Salut Alex,\nmerci encore d'être passé à l'atelier jeudi. On part sur un autre profil, "
        "désolée.\nAda",
        "Hoi Alex,\nbedankt voor je komst vorige week. We hebben gekozen voor een andere "
        "kandidaat.\nAda",
        "Ciao Alex,\ngrazie per essere passato in officina giovedì. Abbiamo scelto un altro "
        "candidato.\nAda",
        "Olá Alex,\nobrigada por ter vindo à oficina na quinta. Decidimos avançar com outro "
        "candidato.\nAda",
        "Dear Alex,\nthank you for the two interviews with our team. We are not able to offer "
        "you the Controls Engineer position.\nAda Stone\nHead of Controls",
    ],
)
def test_the_writer_who_thanks_for_the_visit_met_the_user(body: str) -> None:
    assert alone(f"Ada Stone <{ADA}>", body) == [ADA]


def test_a_phone_screen_with_me_and_a_meeting_with_a_copied_colleague() -> None:
    body = (
        "Dear Alex,\nFollowing your phone screen with me and your meeting with Ben Ito last "
        "week, we have decided to offer the role to a candidate who has used our control "
        "software before.\nAda Stone"
    )
    assert alone(f"Ada Stone <{ADA}>", body, cc=f"Ben Ito <{BEN}>") == [ADA, BEN]


def test_a_talent_acquisition_coordinator_is_not_the_interviewer() -> None:
    body = (
        "Dear Alex,\nThank you for attending the technical interview with our team last "
        "week. The committee has decided to proceed with other candidates.\nKind regards,\n"
        "Pat Lowe\nTalent Acquisition Coordinator"
    )
    verdict, extraction = judge(
        parse(build(sender=COORDINATOR, subject="Your application", body=body, date=day(20))),
        RS,
        ME,
        LocalHistory([]),
    )
    assert verdict.rejection and extraction is not None
    assert extraction.addresses == []


@pytest.mark.parametrize(
    "body",
    [
        "Hi Alex,\nthanks for presenting to Ben and me last week. We won't be progressing your "
        "application; the role goes to another finalist.\nAda",
        "Olá Alex,\nobrigada pela entrevista comigo e com o Eng. Ben Ito na terça. Decidimos não "
        "avançar com a sua candidatura.\nAda",
        "Hola Alex:\ngracias por la entrevista conmigo y con Ben Ito. Hemos decidido seguir con "
        "otra candidatura.\nAda",
        "Bonjour Alex,\nmerci pour l'entretien avec moi et avec Ben Ito mardi. Nous avons retenu "
        "une autre candidature.\nAda",
        "Hallo Alex,\ndanke für das Gespräch mit mir und Herrn Ito am Dienstag. Wir haben uns für "
        "eine andere Bewerberin entschieden.\nAda",
    ],
)
def test_the_rejection_names_the_colleague_who_was_in_the_talk(body: str) -> None:
    assert alone(f"Ada Stone <{ADA}>", body, cc=f"Ben Ito <{BEN}>") == [ADA, BEN]


def test_a_colleague_who_will_also_be_there_is_on_the_panel() -> None:
    beat = f"Beat Huber <beat.huber@{ACME}>"
    invitation = build(
        sender=beat,
        subject="Deine Bewerbung als Projektleiter",
        body="Hoi Alex\nDanke für deine Bewerbung. Wir würden dich gerne kennenlernen, am Montag "
        f"um 9 Uhr bei uns. Sandra Fehr ({CARA}) aus der Baukommission wäre auch dabei.\nBeat",
        date=day(5),
    )
    reject = build(
        sender=beat,
        subject="Rückmeldung Projektleiter",
        body="Hoi Alex\nWir haben die Stelle intern besetzt. Danke dir für deinen Besuch und das "
        "spannende Gespräch.\nBeat",
        date=day(20),
    )
    assert interviewers(reject, invitation) == [f"beat.huber@{ACME}", CARA]


def test_swiss_thanks_with_merci_name_the_people_met() -> None:
    thanks = parse(
        build(
            sender="Alex <alex@example.org>",
            to=f"Beat Huber <beat.huber@{ACME}>",
            subject="Merci für den Austausch",
            body="Hoi Beat\nMerci für das gute Gespräch heute Morgen.\nAlex",
            date=day(12),
        )
    )
    assert "thanks" in {h.kind for h in message_hits(thanks, RS)}


def _hr_invitation(body: str) -> bytes:
    return build(
        sender=f"Wendy Mol <wendy.mol@{ACME}>",
        subject="Uitnodiging gesprek",
        body=body,
        date=day(5),
    )


def _thanks(cc: str, body: str) -> bytes:
    return build(
        sender="Alex <alex@example.org>",
        to=f"Ben Ito <{BEN}>",
        cc=cc,
        subject="Dank voor het gesprek",
        body=body,
        date=day(12),
    )


def _hr_rejection() -> bytes:
    return build(
        sender=f"Wendy Mol <wendy.mol@{ACME}>",
        subject="Uw sollicitatie",
        body="Geachte heer Example,\nOp 12 februari sprak u met ons. Er is besloten de procedure "
        "met een andere kandidaat voort te zetten.\nWendy Mol",
        date=day(20),
    )


def test_hr_copied_on_the_users_thanks_is_a_courtesy_copy() -> None:
    invitation = _hr_invitation(
        "Geachte heer Example,\nGraag nodigen wij u uit voor een eerste gesprek op donderdag "
        "12 februari om 10.00 uur met de heer Ben Ito, teamleider planning.\nWendy Mol\nHR"
    )
    thanks = _thanks(
        f"Wendy Mol <wendy.mol@{ACME}>, Ada Stone <{ADA}>",
        "Beste Ben,\nDank voor het gesprek van vanochtend. Fijn dat Ada onverwacht aanschoof.\nAlex",
    )
    assert interviewers(_hr_rejection(), invitation, thanks) == [ADA, BEN]


def test_a_recruiter_who_held_an_intro_call_is_no_courtesy_copy() -> None:
    recruiter = f"Hana Lee <hana.lee@{ACME}>"
    intro = build(
        sender=recruiter,
        subject="Controls Engineer",
        body="Hi Alex,\nI'm the recruiter for the controls team. I'd love to do a 30-minute intro "
        "call. Does Tuesday work?\nHana",
        date=day(2),
    )
    loop = build(
        sender=recruiter,
        subject="Invitation: onsite loop",
        body="Onsite loop with the team. Interviewers: Ben Ito.",
        date=day(6),
        ics=ics(organizer=f"hana.lee@{ACME}", attendees=(BEN, "alex@example.org")),
    )
    thanks = build(
        sender="Alex <alex@example.org>",
        to=f"Ben Ito <{BEN}>",
        cc=recruiter,
        subject="Thank you for today",
        body="Hi Ben,\nthank you for the interview today, I enjoyed the design session.\nAlex",
        date=day(12),
    )
    reject = build(
        sender=recruiter,
        subject="Following up on your onsite",
        body="Hi Alex,\nthank you for interviewing with us. We have decided to move forward with "
        "another candidate.\nHana",
        date=day(20),
    )
    assert interviewers(reject, intro, loop, thanks) == [BEN, f"hana.lee@{ACME}"]


@pytest.mark.parametrize(
    "change",
    [
        "Petite précision : Cara Moss, retenue par un séminaire, ne pourra pas être présente. "
        "Dev Rao la remplacera.",
        "Un pequeño cambio: Cara Moss estará fuera toda la semana, así que en su lugar te "
        "entrevistará Dev Rao.",
    ],
)
def test_a_change_of_panel_in_a_mail_of_its_own(change: str) -> None:
    # no thread, no calendar: a short note from the coordinator
    update = build(
        sender=COORDINATOR,
        subject="Un changement / Un cambio",
        body=f"Hola Alex,\n{change}\nPat",
        date=day(9),
    )
    found = interviewers(coordinator_rejection(), written_panel_invitation(), update)
    assert CARA not in found and ADA in found and BEN in found


def test_a_calendar_with_the_user_alone_for_a_talk_the_invitation_gave_to_others() -> None:
    hr = f"Vera Hub <vera.hub@{ACME}>"
    invitation = build(
        sender=hr,
        subject="Einladung zum Vorstellungsgespräch",
        body="Sehr geehrte Frau Example,\nwir laden Sie zu einem Vorstellungsgespräch am 12. "
        "Februar ein. Ihre Gesprächspartner sind Frau Stone und Herr Ito.\nMit freundlichen "
        "Grüßen\nVera Hub\nPersonalreferentin",
        date=day(5),
    )
    event = build(
        sender=hr,
        subject="Vorstellungsgespräch",
        body="Vorstellungsgespräch, 12. Februar, 10:00",
        date=day(5),
        ics=ics(
            organizer=f"vera.hub@{ACME}",
            attendees=("alex@example.org",),
            start="20260212T090000Z",
        ),
    )
    reminder = build(
        sender=hr,
        cc=f"Ada Stone <{ADA}>, Ben Ito <{BEN}>",
        subject="Erinnerung: Ihr Gespräch morgen",
        body="Sehr geehrte Frau Example,\nkurze Erinnerung an Ihr Gespräch morgen. Frau Stone und "
        "Herrn Ito habe ich in Kopie gesetzt.\nVera Hub",
        date=day(11),
    )
    reject = build(
        sender=hr,
        subject="Ihre Bewerbung",
        body="Sehr geehrte Frau Example,\nvielen Dank für das Gespräch. Wir haben uns für eine "
        "andere Bewerberin entschieden.\nVera Hub",
        date=day(20),
    )
    assert interviewers(reject, invitation, event, reminder) == [ADA, BEN]


def test_a_french_convocation_names_its_jury_and_personnel_is_a_shared_mailbox() -> None:
    hr = f"Service du personnel <personnel@{ACME}>"
    invitation = build(
        sender=f"Nina Perrin <nina.perrin@{ACME}>",
        cc=f"Ada Stone <{ADA}>, Ben Ito <{BEN}>",
        subject="Convocation à un entretien",
        body="Monsieur,\nVotre candidature a été retenue à l'issue de la présélection. Vous êtes "
        "convoqué à un entretien le jeudi 3 avril à 10h00. Le jury sera composé de Mme Stone et "
        "de M. Ito, tous deux en copie.\nNina Perrin\nAssistante recrutement",
        date=day(5),
    )
    reject = build(
        sender=hr,
        subject="Suite donnée à votre candidature",
        body="Monsieur,\nÀ l'issue des entretiens, le jury a retenu la candidature d'une autre "
        "personne. Votre candidature n'a donc pas été retenue.\nLe service du personnel",
        date=day(20),
    )
    assert RS.senders.is_role(f"personnel@{ACME}")
    assert interviewers(reject, invitation) == [ADA, BEN]


@pytest.mark.parametrize(
    "change",
    [
        "Quick update for Tuesday: Cara's been pulled onto a release, so Dev Rao will join "
        "instead.",
        "Eine kurze Änderung: Frau Moss ist an diesem Tag kurzfristig im OP eingeteilt. An ihrer "
        "Stelle nimmt Herr Rao teil.",
        # an incise between the modal and the verb
        "Apenas para informar que a Dra. Moss não poderá, afinal, estar presente. A entrevista "
        "decorrerá com o Dr. Rao.",
        "La dott.ssa Moss non potrà, purtroppo, partecipare: al suo posto ci sarà il dott. Rao.",
    ],
)
def test_more_ways_to_leave_a_panel(change: str) -> None:
    update = build(
        sender=COORDINATOR, subject="Re: interview", body=f"Hi Alex,\n{change}\nPat", date=day(9)
    )
    found = interviewers(coordinator_rejection(), written_panel_invitation(), update)
    assert CARA not in found and ADA in found and BEN in found


def test_a_labelled_interviewer_line_and_a_title_before_the_name() -> None:
    hr = f"Ramya Sen <ramya.sen@{ACME}>"
    invitation = build(
        sender=hr,
        cc=f"Ben Ito <{BEN}>",
        subject="Interview Schedule - Technical Round",
        body="Dear Alex,\nWe are pleased to inform you that your profile has been shortlisted for "
        "the Technical Round.\nDate: 29th April\nInterviewer: Mr. Ben Ito, Engineering Head (in "
        "CC)\nKindly confirm your availability.\nRamya Sen\nTalent Acquisition",
        date=day(5),
    )
    reject = build(
        sender=hr,
        subject="Status of your candidature",
        body="Dear Alex,\nThank you for attending the Technical Round. We regret to inform you "
        "that your candidature has not been shortlisted for the further rounds.\nRamya Sen",
        date=day(20),
    )
    assert interviewers(reject, invitation) == [BEN]


def test_the_writer_and_a_primaria_lead_the_talk() -> None:
    hr = f"Mag. Petra Kern <petra.kern@{ACME}>"
    invitation = build(
        sender=hr,
        cc=f"Prim. Dr. Ada Stone <{ADA}>",
        subject="Einladung zum Vorstellungsgespräch",
        body="Sehr geehrte Frau Example,\ngerne laden wir Sie zu einem Gespräch am Montag ein. "
        "Das Gespräch führen Frau Prim. Dr. Ada Stone und ich.\nMag. Petra Kern\nHuman Resources",
        date=day(5),
    )
    reject = build(
        sender=hr,
        subject="Ihre Bewerbung",
        body="Sehr geehrte Frau Example,\nwir bedanken uns für das angenehme Gespräch. Wir haben "
        "uns für eine andere Bewerberin entschieden.\nMag. Petra Kern",
        date=day(20),
    )
    assert interviewers(reject, invitation) == [ADA, f"petra.kern@{ACME}"]


def test_a_selection_board_named_inside_a_separable_verb() -> None:
    hr = f"Stefan Weiss <stefan.weiss@{ACME}>"
    invitation = build(
        sender=hr,
        cc=f"Ada Stone <{ADA}>, Ben Ito <{BEN}>",
        subject="Einladung zum Auswahlgespräch",
        body="Sehr geehrte Frau Example,\nwir laden Sie zu einem Auswahlgespräch am 11. Juni ein. "
        "Der Auswahlkommission gehören Frau Stone (Vorsitz) und Herr Ito an, die ich in Kopie "
        "setze.\nIm Auftrag\nStefan Weiss\nReferat Personal",
        date=day(5),
    )
    reject = build(
        sender=hr,
        subject="Abschluss des Auswahlverfahrens",
        body="Sehr geehrte Frau Example,\ndie Auswahlentscheidung ist zugunsten einer anderen "
        "Person gefallen. Ihre Bewerbung konnte daher nicht berücksichtigt werden.\nStefan Weiss",
        date=day(20),
    )
    assert interviewers(reject, invitation) == [ADA, BEN]


def test_a_replacement_beside_someone_keeps_that_someone() -> None:
    update = build(
        sender=COORDINATOR,
        subject="Changement",
        body="Bonjour Alex,\nMme Moss ne pourra pas être présente. M. Rao la remplacera aux côtés "
        "de M. Ito. L'entretien a lieu comme prévu et la salle reste la même.\nPat",
        date=day(9),
        ics=ics(organizer=f"pat.lowe@{ACME}", attendees=(ADA, BEN, DEV, "alex@example.org")),
    )
    found = interviewers(coordinator_rejection(), written_panel_invitation(), update)
    assert found == [ADA, BEN, DEV]


def _a_call_proposed_then_a_panel(proposal: str) -> list[str]:
    """Hana proposes a first call in her own words; Pat then books a panel
    with Ben; the decision comes from the ATS."""
    recruiter = f"Hana Lee <hana.lee@{ACME}>"
    intro_id = "<intro-1@acme-robotics.example>"
    intro = build(
        sender=recruiter, subject="Controls Engineer", body=proposal, date=day(2), msgid=intro_id
    )
    agreed = build(
        sender="Alex <alex@example.org>",
        to=recruiter,
        subject="Re: Controls Engineer",
        body="Hi Hana,\nThursday at 11 suits me. Thanks!\nAlex",
        date=day(2),
        in_reply_to=intro_id,
    )
    panel = build(
        sender=COORDINATOR,
        subject="Invitation: panel interview - Controls Engineer",
        body="Dear Alex,\nHana tells me your call went well, so here is the panel.\nPat Lowe",
        date=day(8),
        ics=ics(organizer=f"pat.lowe@{ACME}", attendees=(BEN, "alex@example.org")),
    )
    reject = build(
        sender="Acme Robotics (via Hirebase) <no-reply@hirebase.example>",
        subject="Your Acme Robotics application",
        body="Dear Alex,\nthank you for the effort you put into our interviews. After hearing from "
        "everyone you met, we have chosen to continue with another candidate.",
        date=day(20),
    )
    return interviewers(reject, intro, agreed, panel)


@pytest.mark.parametrize(
    "proposal",
    [
        "Hi Alex,\nI recruit for the controls group. I went through your CV and would like to "
        "set up a 20-minute call about the role.\nHana",
        "Hi Alex,\nthanks for applying. I'd like to book a 25-minute phone screen with you as a "
        "first step; just the two of us.\nHana",
        "Hola Alex:\nSoy Hana, de selección. Me gustaría hacerte una primera llamada de media "
        "hora para conocerte. ¿Te va bien el jueves?\nHana",
        "Olá Alex,\nsou a Hana, do recrutamento. Gostaria de marcar uma chamada curta contigo "
        "na quinta-feira.\nHana",
        "Bonjour Alex,\nje suis Hana, chargée de recrutement. J'aimerais vous proposer un appel "
        "de vingt minutes jeudi.\nHana",
        "Ciao Alex,\nsono Hana, delle risorse umane. Vorrei fissare una breve chiamata giovedì.\n"
        "Hana",
        "Hallo Alex,\nich bin Hana aus dem Recruiting. Ich würde gerne ein kurzes Telefonat mit "
        "Ihnen führen, passt Donnerstag?\nHana",
        "Hoi Alex,\nik ben Hana van recruitment. Ik wil graag een kennismakingsgesprek met je "
        "plannen, kan donderdag?\nHana",
    ],
)
def test_a_recruiter_who_proposes_a_first_call_held_it(proposal: str) -> None:
    assert _a_call_proposed_then_a_panel(proposal) == [BEN, f"hana.lee@{ACME}"]


@pytest.mark.parametrize(
    "proposal",
    [
        "Hola Alex:\nMe gustaría programar una llamada con la directora del área el jueves.\nHana",
        "Bonjour Alex,\nj'aimerais organiser un appel avec notre directeur technique.\nHana",
    ],
)
def test_a_call_proposed_with_someone_else_is_arranged_not_held(proposal: str) -> None:
    assert _a_call_proposed_then_a_panel(proposal) == [BEN]


def test_an_agency_that_names_its_client_only_in_the_subject() -> None:
    """The consultant's mail never names the client's domain; the client's
    own invitation, found by that name (its sender's address bears it), holds
    the panel."""
    consultant = "Jo Park | Brightsearch <jo.park@brightsearch.example>"
    screen = build(
        sender=consultant,
        subject="A controls role at a robotics maker - interested?",
        body="Hallo Alex,\nich betreue eine Position bei einem Mandanten. Hätten Sie Zeit für ein "
        "kurzes Telefonat mit mir?\nJo Park",
        date=day(2),
        msgid="<screen-1@brightsearch.example>",
    )
    agreed = build(
        sender="Alex <alex@example.org>",
        to=consultant,
        subject="Re: A controls role at a robotics maker - interested?",
        body="Hallo Herr Park,\nein Telefonat passt mir gut, gern Montag ab 16 Uhr.\nAlex",
        date=day(2),
        in_reply_to="<screen-1@brightsearch.example>",
    )
    invitation = build(
        sender=f"Ada Stone <{ADA}>",
        cc=f"Ben Ito <{BEN}>",
        subject="Gespräch Controls Engineer - Mittwoch",
        body="Guten Tag Alex,\nHerr Park hat uns Ihre Unterlagen geschickt. Anbei die Einladung "
        "zu unserem Gespräch; Herr Ito nimmt auch teil.\nDr. Ada Stone\nAcme Robotics GmbH",
        date=day(6),
        ics=ics(organizer=ADA, attendees=(ADA, BEN, "alex@example.org"), start="20260211T090000Z"),
    )
    reject = build(
        sender=consultant,
        subject="Rückmeldung Acme",
        body="Hallo Alex,\nleider hat sich Acme für einen anderen Kandidaten entschieden.\nJo Park",
        date=day(20),
    )
    found = interviewers(reject, screen, agreed, invitation)
    assert found == [ADA, BEN, "jo.park@brightsearch.example"]


def test_a_colleague_who_joined_and_is_thanked_in_french() -> None:
    """The user's thanks, copied to a guessed address of a colleague who
    joined unannounced and is named in it."""
    writer = f"Bastien Roy <bastien.roy@{ACME}>"
    invite = build(
        sender=writer,
        subject="Passage au bureau jeudi ?",
        body="Salut Alex,\non se voit jeudi matin au bureau pour un entretien ?\nBastien",
        date=day(3),
    )
    thanks = build(
        sender="Alex <alex@example.org>",
        to=writer,
        cc=f"Chloé <chloe@{ACME}>",
        subject="Merci pour ce matin !",
        body="Salut Bastien, salut Chloé,\nmerci pour ce beau moment ce matin ! Chloé, quelle "
        "bonne surprise que tu aies pu te joindre à nous.\nAlex",
        date=day(5),
    )
    reject = build(
        sender=writer,
        subject="Re: Merci pour ce matin !",
        body="Salut Alex,\non a finalement choisi une autre personne pour le poste. Désolé !\n"
        "Bastien",
        date=day(12),
    )
    assert interviewers(reject, invite, thanks) == [f"bastien.roy@{ACME}", f"chloe@{ACME}"]


@pytest.mark.parametrize(
    ("cc", "body", "expected"),
    [
        # "X and I" with the talk or a judgement in the sentence: X and the writer
        (
            None,
            "Salut Alex,\nJulie (julie.roy@acme-robotics.example) et moi avons beaucoup aimé "
            "notre rencontre de mardi. On a choisi une autre personne pour le poste.",
            ["julie.roy", "pat.lowe"],
        ),
        (
            "Diego Luna <diego.luna@acme-robotics.example>",
            "Hola Alex:\nDiego (en copia) y yo salimos muy contentos de la entrevista. Aun así, "
            "hemos decidido avanzar con otra persona.",
            ["diego.luna", "pat.lowe"],
        ),
        (
            "Pieter Smit <pieter.smit@acme-robotics.example>",
            "Hoi Alex,\nPieter, die ik in de cc heb gezet, en ik vonden je aanpak sterk. Toch "
            "kiezen we voor een andere kandidaat.",
            ["pat.lowe", "pieter.smit"],
        ),
        # a colleague copied who "sat in on" the interview, or "was on your panel"
        (
            "Ravi Kohli <ravi.kohli@acme-robotics.example>",
            "Hi Alex,\nRavi, who is copied and sat in on your interview with me, agrees: we have "
            "decided to offer the role to another candidate.",
            ["pat.lowe", "ravi.kohli"],
        ),
        (
            "Ravi Kohli <ravi.kohli@acme-robotics.example>",
            "Hi Alex,\nI've copied Ravi since he was on your panel. We have decided to move "
            "forward with another candidate.",
            ["ravi.kohli"],
        ),
        # the talk held with someone, told with a relative clause or a date in between
        (
            None,
            "Sehr geehrter Herr Example,\nwir danken Ihnen für das Gespräch, das Sie am 3. März "
            "mit Frau Lena Wolf (lena.wolf@acme-robotics.example) geführt haben. Leider haben "
            "wir uns für eine andere Kandidatin entschieden.",
            ["lena.wolf"],
        ),
        (
            None,
            "Beste Alex,\nDank voor het gesprek dat u op 4 maart voerde met Bram Kok "
            "(bram.kok@acme-robotics.example). Wij hebben gekozen voor een andere kandidaat.",
            ["bram.kok"],
        ),
        (
            "Hugo Roy <hugo.roy@acme-robotics.example>",
            "Bonjour Alex,\nmerci pour l'entrevue du 20 février avec Hugo, que je mets en copie. "
            "Nous ne poursuivrons pas avec votre candidature.",
            ["hugo.roy"],
        ),
        (
            None,
            "Bonjour Alex,\nmerci d'avoir pris le temps de rencontrer Julie Roy "
            "(julie.roy@acme-robotics.example). Votre candidature n'a pas été retenue.",
            ["julie.roy"],
        ),
    ],
)
def test_the_rejection_alone_names_who_sat_in_the_talk(
    cc: str | None, body: str, expected: list[str]
) -> None:
    reject = build(sender=COORDINATOR, cc=cc, subject="Controls Engineer", body=body, date=day(20))
    found = interviewers(reject)
    assert found == [f"{local}@{ACME}" for local in expected]


def test_a_recruitment_coordination_office_arranges() -> None:
    """A title that names the duty's office ("Coordenação de Recrutamento")
    marks a coordinator: the calendar's guests held the talk."""
    coordinator = f"Rita Alves <rita.alves@{ACME}>"
    booking = build(
        sender=coordinator,
        subject="Reagendamento da entrevista",
        body="Olá Alex,\ninfelizmente temos de mudar a entrevista para quinta-feira. Já enviámos "
        "o convite atualizado.\nRita Alves\nCoordenação de Recrutamento – Acme Robotics",
        date=day(8),
        ics=ics(
            organizer="agenda@bookings.test",
            attendees=(ADA, BEN, "alex@example.org"),
            start="20260212T090000Z",
        ),
    )
    reject = build(
        sender=coordinator,
        subject="Candidatura não selecionada",
        body="Olá Alex,\nagradecemos a entrevista. Optámos por seguir com outro candidato.\n"
        "Rita Alves\nCoordenação de Recrutamento – Acme Robotics",
        date=day(20),
    )
    assert interviewers(reject, booking) == [ADA, BEN]


def test_an_hr_inviter_to_a_hearing_before_a_board_only_arranged_it() -> None:
    """HR invites the user to a hearing "before the commission"; the chair
    writes the decision, naming a member: they two, not HR."""
    hr = f"Mag. Sandra Roth <sandra.roth@{ACME}>"
    invitation = build(
        sender=hr,
        subject="Einladung zum Hearing",
        body="Sehr geehrte Frau Example!\nWir laden Sie herzlich zu einem Hearing vor der "
        "Hearingkommission ein. Termin: 9. Februar, 13:30 Uhr.\nMag. Sandra Roth\n"
        "Personalabteilung",
        date=day(3),
    )
    reject = build(
        sender=f"Mag. Ada Stone <{ADA}>",
        cc=f"Mag. Ben Ito <{BEN}>",
        subject="Ergebnis des Auswahlverfahrens",
        body="Sehr geehrte Frau Example!\nAls Vorsitzende der Auswahlkommission, der außer mir "
        "Herr Mag. Ben Ito angehörte, teile ich Ihnen mit, dass wir uns für eine andere "
        "Bewerberin entschieden haben.\nMit freundlichen Grüßen\nMag. Ada Stone\n"
        "Vorsitzende der Hearingkommission",
        date=day(20),
    )
    assert interviewers(reject, invitation) == [ADA, BEN]


def test_a_department_line_in_the_signature_is_no_company_to_look_up() -> None:
    """ "Director, Policy & Regulatory Affairs" over the association's name:
    mail of a policy lab elsewhere in the mailbox is no history of this
    application."""
    elsewhere = build(
        sender="Rui Lopes <rui.lopes@atlanticopolicylab.example>",
        subject="Policy & Regulatory Affairs roundtable",
        body="Hi Alex,\nwe'd like to invite you to an interview for our podcast on policy and "
        "regulatory affairs. Could we have a short call with me on Friday?\nRui",
        date=day(10),
    )
    invitation = build(
        sender=f"Dana Reyes <dana.reyes@{ACME}>",
        subject="Invitation: panel interview",
        body="Hi Alex,\nplease find the invitation for your panel interview.\nDana",
        date=day(5),
        ics=ics(attendees=(ADA, BEN, "alex@example.org"), start="20260211T090000Z"),
    )
    reject = build(
        sender=f"Dana Reyes <dana.reyes@{ACME}>",
        cc=f"Ada Stone <{ADA}>, Ben Ito <{BEN}>",
        subject="Policy Analyst – closing of the recruitment",
        body="Dear Alex,\nthank you for the interview. We have decided to offer the role to "
        "another candidate.\n\nDana Reyes\nDirector, Policy & Regulatory Affairs\nAcme Robotics",
        date=day(20),
    )
    assert interviewers(reject, invitation, elsewhere) == [ADA, BEN]


_MORE_WAYS_TO_NAME_THE_PANEL = [
    # "also on behalf of" a copied colleague, thanking for the interview
    (
        "Paola Riva <paola.riva@acme-robotics.example>",
        "Gentile Alex,\nLa ringrazio, anche a nome di Paola, per il colloquio di martedì. "
        "Abbiamo deciso di proseguire con un'altra candidata.",
        ["paola.riva"],
    ),
    # on behalf of the panel, named
    (
        "Ada Stone <ada.stone@acme-robotics.example>, Ben Ito <ben.ito@acme-robotics.example>",
        "Dear Alex,\nI am writing on behalf of the interview panel, Ada Stone and Ben Ito (both "
        "in copy). We will not be offering you the position.",
        ["ada.stone", "ben.ito"],
    ),
    # a board "composed of" the writer and a colleague
    (
        "Laura Pini <laura.pini@acme-robotics.example>",
        "Gentile dott.ssa Example,\nla commissione, composta dal sottoscritto e dalla dott.ssa "
        "Laura Pini, ha svolto il colloquio. La candidata non risulta idonea.",
        ["laura.pini"],
    ),
    # an interview "for the role on <date> with" someone whose address is written out
    (
        None,
        "Dear Alex,\nthank you for taking part in the interview for the analyst position on 3 "
        "March with Ben Ito (ben.ito@acme-robotics.example). The role has been filled "
        "internally.",
        ["ben.ito"],
    ),
    # someone who was with the writer in the interviews, named before the cue
    (
        None,
        "Hola Alex:\nMarc (marc.vila@acme-robotics.example), que estuvo conmigo en las dos "
        "entrevistas, y yo lo hemos hablado mucho. Hemos optado por otro perfil.",
        ["marc.vila", "pat.lowe"],
    ),
    # "bei dem auch X dabei war": X, and the writer
    (
        None,
        "Hallo Alex,\nnach unserem Gespräch am Dienstag, bei dem auch Vera "
        "(vera.gross@acme-robotics.example) dabei war, haben wir uns für eine andere "
        "Kandidatin entschieden.",
        ["pat.lowe", "vera.gross"],
    ),
    # "a primeira comigo e a segunda com o Rafael"
    (
        None,
        "Olá Alex,\nobrigada pelas duas conversas, a primeira comigo e a segunda com o Rui "
        "(rui.melo@acme-robotics.example). Vamos encerrar o processo sem contratar ninguém.",
        ["pat.lowe", "rui.melo"],
    ),
    # "X and I" with the talk in the next sentence
    (
        "Dermot Byrne <dermot.byrne@acme-robotics.example>",
        "Dear Alex,\nDermot and I wanted to write to you ourselves. We really enjoyed our "
        "conversation on Friday. We have offered the post to another candidate.",
        ["dermot.byrne", "pat.lowe"],
    ),
    # "X und ich ... mit Ihnen geführt", across a date's dot ("am 7. Mai")
    (
        "Ben Ito <ben.ito@acme-robotics.example>",
        "Sehr geehrte Frau DI Example,\nwir kommen auf das Gespräch zurück, das Herr DI Ito und "
        "ich am 7. Mai mit Ihnen geführt haben. Wir haben uns für eine andere Bewerberin "
        "entschieden.",
        ["ben.ito", "pat.lowe"],
    ),
    (
        None,
        "Beste Alex,\nDank voor het gesprek dat mijn collega Cara Moss "
        "(cara.moss@acme-robotics.example) en ik op 9 mei met u voerden. We hebben voor een "
        "andere kandidaat gekozen.",
        ["cara.moss", "pat.lowe"],
    ),
    # "unserem Gespräch mit Herrn X": the writer's own talk
    (
        "Dev Rao <dev.rao@acme-robotics.example>",
        "Sehr geehrte Frau Example,\nnach unserem zweiten Gespräch mit Herrn Rao möchte ich "
        "Ihnen die Entscheidung nicht länger schuldig bleiben: die Stelle wird nicht besetzt, "
        "das Verfahren endet für alle Bewerberinnen und Bewerber.",
        ["dev.rao", "pat.lowe"],
    ),
    # "il colloquio del 5 maggio con l'Ing. X e con me"
    (
        "Ada Stone <ada.stone@acme-robotics.example>",
        "Gentile Alex,\nla ringraziamo per il colloquio del 5 maggio con l'Ing. Stone e con me. "
        "Abbiamo deciso di proseguire con un altro profilo.",
        ["ada.stone", "pat.lowe"],
    ),
    # "a entrevista que conduzi, juntamente com a Eng.ª X"
    (
        None,
        "Exma. Senhora Alex,\nagradecemos a sua participação na entrevista que conduzi no dia 2 "
        "de junho, juntamente com a Eng.ª Cara Moss (cara.moss@acme-robotics.example). A vaga "
        "foi entretanto preenchida.",
        ["cara.moss", "pat.lowe"],
    ),
    # "Ihre Gesprächspartner Frau X (...) und Herr Y (...)": HR names the people of the talk
    (
        None,
        "Sehr geehrte Frau Example,\ndanke für das Vorstellungsgespräch in Kempten. Wir werden "
        "Ihre Bewerbung nicht weiterverfolgen. Für Rückfragen stehen Ihnen Ihre "
        "Gesprächspartner Frau Ada Stone (ada.stone@acme-robotics.example) und Herr Ben Ito "
        "(ben.ito@acme-robotics.example) gern zur Verfügung.",
        ["ada.stone", "ben.ito"],
    ),
    # a committee listed after "composée de :" / "composta dal", words between
    (
        None,
        "Madame,\nnous faisons suite à votre entretien du 4 mars avec la commission de "
        "recrutement, composée de :\n- Dr Ada Stone (ada.stone@acme-robotics.example) ;\n"
        "- M. Ben Ito (ben.ito@acme-robotics.example).\nLa commission a retenu un autre "
        "candidat.",
        ["ada.stone", "ben.ito"],
    ),
    (
        None,
        "Gentile Alex,\nla Commissione, riunitasi il 14 maggio e composta dal Dott. Ben Ito "
        "(ben.ito@acme-robotics.example) e dalla Dott.ssa Cara Moss "
        "(cara.moss@acme-robotics.example), all'esito del colloquio non l'ha inserita nella "
        "graduatoria degli idonei.",
        ["ben.ito", "cara.moss"],
    ),
    # "les échanges avec M. X et moi-même": X and the writer
    (
        None,
        "Chère Madame,\nles échanges avec M. Dev Rao (dev.rao@acme-robotics.example) et "
        "moi-même ont été riches. Nous avons décidé de confier le poste à une autre personne.",
        ["dev.rao", "pat.lowe"],
    ),
]


@pytest.mark.parametrize(("cc", "body", "expected"), _MORE_WAYS_TO_NAME_THE_PANEL)
def test_more_ways_the_rejection_names_the_panel(
    cc: str | None, body: str, expected: list[str]
) -> None:
    reject = build(sender=COORDINATOR, cc=cc, subject="Controls Engineer", body=body, date=day(20))
    assert interviewers(reject) == [f"{local}@{ACME}" for local in expected]


@pytest.mark.parametrize(
    "panel_line",
    [
        "Ihre Gesprächspartner:innen:",
        "La entrevista será realizada por el siguiente comité:",
        "Vos interlocuteurs :",
    ],
)
def test_a_department_mailbox_invites_and_the_text_names_the_panel(panel_line: str) -> None:
    """HR writes from a shared mailbox and lists the panel with addresses;
    the panel, not the mailbox, are the ones to ask."""
    hr = f"Personalabteilung <personal@{ACME}>"
    invitation = build(
        sender=hr,
        subject="Einladung zum Hearing",
        body=f"Guten Tag,\nwir laden Sie zu einem Hearing am 10. Februar ein.\n\n{panel_line}\n\n"
        f"Mag. Ada Stone, Geschäftsführerin ({ADA})\nDI Ben Ito, Vertrieb ({BEN})\n\n"
        "Personalabteilung",
        date=day(3),
    )
    reject = build(
        sender=hr,
        subject="Ihre Bewerbung",
        body="Sehr geehrte Frau Example,\nvielen Dank für Ihre Präsentation im Hearing. Die "
        "Position wird intern nachbesetzt, das Verfahren ist abgeschlossen.\nPersonalabteilung",
        date=day(20),
    )
    assert interviewers(reject, invitation) == [ADA, BEN]


def test_an_invitation_names_the_panel_who_write_the_decision_later() -> None:
    """The talent partner's invitation names two people by name only; they
    write and copy the rejection themselves. The invitation's writer only
    arranged the talk."""
    invite = build(
        sender=f"Noor Haddad <noor.haddad@{ACME}>",
        subject="Entrevista - Ingeniera de Control",
        body="Hola Alex:\nSoy Noor, del equipo de talento. Nos encantaría conocerte. La entrevista "
        "sería con Ada Stone, nuestra directora técnica, y con Ben Ito, jefe de equipo.\n"
        "¿Te va bien el martes?\nNoor",
        date=day(5),
    )
    rejection = build(
        sender=f"Ada Stone <{ADA}>",
        cc=f"Ben Ito <{BEN}>",
        subject="Sobre el puesto de Ingeniera de Control",
        body="Hola Alex:\nGracias por la charla que tuvimos Ben y yo contigo. Al final nos hemos "
        "decidido por otra persona para el puesto.\nUn abrazo,\nAda",
        date=day(20),
    )
    assert interviewers(rejection, invite) == [ADA, BEN]


def test_an_invitation_writer_who_sits_in_says_so_beside_the_other() -> None:
    """ "neben mir ist Ben dabei": the writer is in the talk too."""
    invite = build(
        sender=f"Cara Moss <{CARA}>",
        subject="Kennenlernen - Controls Engineer",
        body="Hallo Alex,\nwir würden dich gern zu einem ersten Videogespräch einladen. Das "
        "Gespräch dauert etwa 45 Minuten; neben mir ist Ben Ito aus dem Team dabei.\nCara",
        date=day(5),
    )
    rejection = build(
        sender=f"Cara Moss <{CARA}>",
        cc=f"Ben Ito <{BEN}>",
        subject="Deine Bewerbung als Controls Engineer",
        body="Hallo Alex,\ndanke für das Gespräch. Ben, der mit mir im Gespräch saß, ist in Kopie. "
        "Am Ende sagen wir dir für diese Stelle leider ab.\nCara",
        date=day(20),
    )
    assert interviewers(rejection, invite) == [BEN, CARA]


def test_a_reminder_that_names_the_panel_makes_its_writer_an_arranger() -> None:
    """A recruiter's reminder ("you're meeting Ada and Ben on Thursday") names
    the panel as an invitation does; the decision comes from one of them with
    the other and the recruiter copied."""
    reminder = build(
        sender=f"Cara Moss <{CARA}>",
        subject="Reminder: Thursday at our plant",
        body="Hi Alex,\nJust a reminder that you're meeting Ada Stone and Ben Ito at our plant "
        "this Thursday at 10:00. Please bring a photo ID for the visitor badge.\nCara",
        date=day(5),
    )
    rejection = build(
        sender=f"Ada Stone <{ADA}>",
        cc=BEN_AND_CARA,
        subject="Controls Engineer",
        body="Hi Alex,\nWe won't be making you an offer. Ben and I went back and forth on it, "
        "and you asked good questions at the test rig.\nAda",
        date=day(20),
    )
    assert interviewers(rejection, reminder) == [ADA, BEN]


def test_a_writer_who_found_you_a_pleasure_to_interview_took_part() -> None:
    rejection = build(
        sender=f"Dev Rao <{DEV}>",
        subject="Controls Engineer - we've gone with another candidate",
        body="Hi Alex,\nYou were a pleasure to interview, and I'm sorry to say we've gone with "
        "another candidate who has run a commissioning team before.\nDev",
        date=day(20),
    )
    assert interviewers(rejection) == [DEV]


def test_a_dutch_assistant_who_set_up_the_talk_and_is_copied_is_no_interviewer() -> None:
    """The assistant's invitation names the panel ("Ada zou graag kennis met je
    maken. Naast Ada schuift ook Ben aan"); the decision, copied to the
    assistant, says the two finalists were "jullie allebei" (you both), which
    is no "we both"."""
    invite = build(
        sender=f"Cara Moss <{CARA}>",
        subject="Uitnodiging kennismaking - Controls Engineer",
        body="Hoi Alex,\nDank je voor je sollicitatie! Ada Stone, onze teamlead, zou graag kennis "
        "met je maken. Naast Ada schuift ook Ben Ito aan, een van de engineers.\nGroet,\nCara",
        date=day(5),
    )
    rejection = build(
        sender=f"Ada Stone <{ADA}>",
        cc=f"Cara Moss <{CARA}>",
        subject="Terugkoppeling Controls Engineer",
        body=f"Hoi Alex,\nBedankt voor het gesprek met Ben ({BEN}) en mij. We hebben de rol "
        "aangeboden aan een andere finalist; inhoudelijk vonden we jullie allebei sterk. Cara zet "
        "ik in de cc voor je dossier.\nAda",
        date=day(20),
    )
    assert interviewers(rejection, invite) == [ADA, BEN]


@pytest.mark.parametrize(
    "words",
    [
        "Ada Stone and Ben Ito asked me to reply on their behalf, as they are travelling.",
        "A Ada Stone e o Ben Ito pediram-me que lhe respondesse, porque estão em viagem.",
        "Ada Stone y Ben Ito me han pedido que te responda, ya que están de viaje.",
    ],
)
def test_a_writer_who_answers_for_the_interviewers_is_none_of_them(words: str) -> None:
    rejection = build(
        sender=COORDINATOR,
        subject="Re: Thank you for yesterday's interview",
        body=f"Dear Alex,\n{words} We won't be making you an offer for the Controls Engineer "
        "role.\nPat Lowe",
        date=day(20),
    )
    assert interviewers(rejection) == []


def test_an_hr_assistant_who_reports_the_panels_view_is_no_interviewer() -> None:
    moved = build(
        sender=f"Noor Haddad <noor.haddad@{ACME}>",
        subject="Report de votre entretien",
        body="Bonjour Alex,\nJe dois décaler votre entretien de mercredi : je vous propose lundi "
        "à 10h, toujours en visioconférence.\nNoor Haddad\nAssistante RH\nAcme Robotics",
        date=day(5),
    )
    rejection = build(
        sender=f"Noor Haddad <noor.haddad@{ACME}>",
        subject="Votre candidature",
        body="Bonjour Alex,\nM. Stone et M. Ito ont apprécié votre entretien. Toutefois, le poste "
        "a été pourvu et nous ne sommes pas en mesure de poursuivre avec vous.\nNoor Haddad\n"
        "Assistante RH\nAcme Robotics",
        date=day(20),
    )
    assert interviewers(rejection, moved) == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Liebe Alex,\nwir haben uns für eine andere Person entschieden. Herr Ito, der mit mir "
            "beide Gespräche mit Ihnen geführt hat, steht in Kopie.\nAda Stone",
            [ADA, BEN],
        ),
        (
            "Ciao Alex,\nti scrivo dopo i nostri due incontri: alla fine abbiamo deciso di "
            "proseguire con un altro profilo.\nAda",
            [ADA],
        ),
        (
            "Hi Alex,\nwe've decided to pass for now. You asked great questions, especially about "
            "the returns flow.\nAda",
            [ADA],
        ),
    ],
)
def test_a_writer_who_speaks_of_the_talks_they_held_is_an_interviewer(
    body: str, expected: list[str]
) -> None:
    rejection = build(
        sender=f"Ada Stone <{ADA}>",
        cc=f"Ben Ito <{BEN}>",
        subject="Controls Engineer",
        body=body,
        date=day(20),
    )
    assert interviewers(rejection) == expected


@pytest.mark.parametrize(
    "words",
    [
        "Since our first screening call in March you have been one of my strongest candidates.",
        "Je garde un excellent souvenir de notre premier entretien de qualification en visio.",
    ],
)
def test_a_recruiter_who_held_the_first_call_is_an_interviewer(words: str) -> None:
    rejection = build(
        sender=f"Cara Moss <{CARA}>",
        cc=f"Ada Stone <{ADA}>",
        subject="Controls Engineer",
        body=f"Hi Alex,\nWe have decided to go with another candidate. Ada Stone, who interviewed "
        f"you, said it was close. {words}\nCara",
        date=day(20),
    )
    assert interviewers(rejection) == [ADA, CARA]


def _agency_process(
    first_body: str, invitation_body: str, copied: bool = True, observer: bool = False
) -> list[str]:
    """An agency consultant's first mail, their invitation to the client's
    panel, the user's thanks to the panel (copying the consultant unless not
    `copied`), and the consultant's news of the decision: the interviewers
    found. `observer`: the consultant is on the calendar as NON-PARTICIPANT."""
    consultant = "Rosa Marin <rosa.marin@bridgehire.example>"
    first = build(sender=consultant, subject="Planner role at Acme", body=first_body, date=day(2))
    invitation = build(
        sender=consultant,
        subject="Interview at Acme",
        body=invitation_body,
        date=day(5),
        ics=ics(
            organizer=f"pat.lowe@{ACME}",
            attendees=(ADA, BEN, "alex@example.org"),
            observers=("rosa.marin@bridgehire.example",) if observer else (),
        ),
    )
    thanks = build(
        sender="Alex <alex@example.org>",
        to=f"Ada Stone <{ADA}>",
        cc=consultant if copied else None,
        subject="Thank you for today",
        body="Dear Ada,\nThank you and Ben for the interview this afternoon.\nAlex",
        date=day(9),
    )
    news = build(
        sender=consultant,
        subject="Acme - feedback",
        body="Hi Alex, I'm afraid Acme have chosen another finalist. They liked your "
        "questions.\nRosa",
        date=day(20),
    )
    return interviewers(news, first, invitation, thanks)


def test_an_agency_consultant_who_is_not_in_the_interview_is_no_interviewer() -> None:
    found = _agency_process(
        "Hi Alex, I'm helping Acme hire a planner. We only make the introduction: the client "
        "runs every interview. Shall I send them your CV?\nRosa",
        "Hi Alex, Acme would like to meet you on Tuesday with Ada Stone and Ben Ito. I won't be "
        "in the interview myself, but let me know how it went.\nRosa",
    )
    assert found == [ADA, BEN]


@pytest.mark.parametrize(
    "first_body",
    [
        "Hi Alex, I'm helping Acme hire a planner. Does Thursday at 5 work for a quick call "
        "before I send your CV?\nRosa",
        "Hallo Alex, ich suche für Acme eine Planerin. Passt Ihnen ein Telefoninterview am "
        "Donnerstag um 17 Uhr?\nRosa",
    ],
)
def test_an_agency_consultant_absent_from_the_interview_held_their_own_call(
    first_body: str,
) -> None:
    found = _agency_process(
        first_body,
        "Hi Alex, Acme would like to meet you on Tuesday with Ada Stone and Ben Ito. I won't be "
        "in the interview myself, but let me know how it went.\nRosa",
    )
    assert found == sorted([ADA, BEN, "rosa.marin@bridgehire.example"])


@pytest.mark.parametrize(
    "body",
    [
        "Olá Alex, a entrevista é na terça às 15h. Eu não estarei na entrevista, mas ligo depois.",
        "Gentile Alex, il colloquio è martedì alle 15. Io non sarò presente al colloquio.",
        "Hola Alex, la entrevista es el martes. Yo no estaré en la entrevista.",
    ],
)
def test_a_writer_who_will_not_be_in_the_talk_says_so(body: str) -> None:
    assert writer_absent(parse(build(sender=COORDINATOR, subject="Entrevista", body=body)))


def test_a_consultant_on_the_calendar_as_non_participant_is_no_interviewer() -> None:
    consultant = "Rosa Marin <rosa.marin@bridgehire.example>"
    invitation = build(
        sender=consultant,
        subject="Entretien chez Acme",
        body="Bonjour Alex, Acme souhaite vous rencontrer mardi. Vos interlocuteurs : Ada Stone "
        "et Ben Ito. L'invitation est jointe.\nRosa",
        date=day(5),
        ics=ics(
            organizer="rosa.marin@bridgehire.example",
            attendees=(ADA, BEN, "alex@example.org"),
            observers=("rosa.marin@bridgehire.example",),
        ),
    )
    thanks = build(
        sender="Alex <alex@example.org>",
        to=f"Ada Stone <{ADA}>",
        cc=consultant,
        subject="Merci pour l'entretien",
        body="Madame Stone,\nmerci à vous et à Ben Ito pour l'entretien de ce matin.\nAlex",
        date=day(9),
    )
    news = build(
        sender=consultant,
        subject="Retour Acme",
        body="Bonjour Alex, Acme a retenu un autre profil pour le poste. Désolée.\nRosa",
        date=day(20),
    )
    assert interviewers(news, invitation, thanks) == [ADA, BEN]


@pytest.mark.parametrize(
    ("first_body", "invitation_body"),
    [
        (
            "Bonjour Alex, je vous propose un entretien téléphonique lundi à 18h avant de "
            "présenter votre candidature.\nRosa",
            "Bonjour Alex, Acme souhaite vous rencontrer mardi. Vos interlocuteurs : Ada Stone "
            "et Ben Ito.\nRosa",
        ),
        (
            "Bonjour Alex, seriez-vous disponible pour un premier échange en visio cette "
            "semaine ?\nRosa",
            "Bonjour Alex, Acme souhaite vous rencontrer mardi. Vos interlocuteurs : Ada Stone "
            "et Ben Ito.\nRosa",
        ),
        (
            "Bonjour Alex, j'accompagne Acme dans ce recrutement. Puis-je transmettre votre "
            "CV ?\nRosa",
            "Bonjour Alex, Acme souhaite vous rencontrer mardi. Vos interlocuteurs : Ada Stone "
            "et Ben Ito. Je serai également présente.\nRosa",
        ),
    ],
)
def test_an_agency_consultant_who_held_a_call_or_sat_in_is_an_interviewer(
    first_body: str, invitation_body: str
) -> None:
    found = _agency_process(first_body, invitation_body, copied=False)
    assert found == sorted([ADA, BEN, "rosa.marin@bridgehire.example"])


@pytest.mark.parametrize(
    "body",
    [
        "Gentile Alex, la invitiamo a un colloquio giovedì alle 10. Incontrerà me e il nostro "
        "direttore, Ben Ito.\nDana Reyes\nUfficio Personale",
        "Olá Alex, gostaríamos de o convidar para uma entrevista com o nosso diretor, Ben Ito, "
        "e comigo, na quinta-feira às 10h.\nDana Reyes\nRecursos Humanos",
    ],
)
def test_an_hr_writer_who_names_themself_in_the_panel_took_part(body: str) -> None:
    invitation = build(subject="Colloquio / Entrevista", body=body, date=day(3))
    thanks = build(
        sender="Alex <alex@example.org>",
        to=f"Ben Ito <{BEN}>",
        subject="Grazie / Obrigado",
        body="Gentile Ben, grazie per il colloquio di ieri.\nAlex",
        date=day(9),
    )
    reject = build(
        subject="Esito / Decisão",
        body="Gentile Alex, la posizione è stata ricoperta internamente. Non siamo quindi in grado "
        "di dare seguito alla sua candidatura.\nDana Reyes",
        date=day(20),
    )
    assert interviewers(reject, invitation, thanks) == sorted(
        [BEN, "dana.reyes@acme-robotics.example"]
    )


def test_a_consultant_who_asked_to_call_on_a_day_held_that_call() -> None:
    found = _agency_process(
        "Hoi Alex, ik zoek voor Acme een planner. Zullen we donderdag even bellen?\nRosa",
        "Hoi Alex, je gesprek bij Acme staat op dinsdag. Je spreekt met Ada Stone en Ben Ito.\n"
        "Rosa",
        observer=True,
    )
    assert found == sorted([ADA, BEN, "rosa.marin@bridgehire.example"])


@pytest.mark.parametrize(
    ("body", "panel"),
    [
        # the writer sets up a talk "with you and Ben": the writer is in it
        (
            "Oi Alex! Queremos marcar uma conversa com você e o Ben Ito, nosso gerente, na "
            "terça às 10h.",
            {BEN, "dana.reyes@acme-robotics.example"},
        ),
        # "I only organise it and will not be there" keeps the writer out
        (
            "Gentile Alex, la invitiamo a un colloquio tecnico con Ben Ito e Ada Stone. Io curo "
            "solo l'organizzazione e non sarò presente.",
            {ADA, BEN},
        ),
    ],
)
def test_an_invitation_names_its_panel(body: str, panel: set[str]) -> None:
    msg = parse(build(subject="Entrevista / Colloquio", body=body, cc=f"Ben Ito <{BEN}>"))
    known = [Address("Ada Stone", ADA), Address("Ben Ito", BEN)]
    assert named_panel(msg, known) == panel


def test_talk_inside_the_company_names_no_panel() -> None:
    msg = parse(
        build(
            subject="Retorno",
            body="Oi Alex, depois de muita conversa aqui dentro, decidimos seguir com outro "
            "perfil, de alguém que já trabalhou com o Ben Ito.",
        )
    )
    assert named_panel(msg, [Address("Ben Ito", BEN)]) is None


def test_a_panel_change_in_portuguese_is_scheduling() -> None:
    msg = parse(
        build(
            subject="RE: convite para entrevista",
            body="Cara Alex, a Dra. Ada Stone não poderá, afinal, estar presente na entrevista "
            "de quarta-feira. A entrevista decorrerá com o Dr. Ben Ito e comigo.",
        )
    )
    assert "scheduling" in {h.kind for h in message_hits(msg, RS)}


@pytest.mark.parametrize(
    ("body", "found"),
    [
        # thanks for the talk in a colleague's name: the colleague was in it,
        # and the writer who thanks in their own name too
        (
            "Gentile Alex, La ringrazio, anche a nome dell'Ing. Ben Ito, per il colloquio di "
            "martedì. Purtroppo abbiamo scelto un altro candidato.",
            {BEN},
        ),
        (
            "Chère Alex, au nom de Ben Ito et en mon nom propre, je vous remercie pour "
            "l'entretien de mardi. Nous avons retenu une autre candidature.",
            {BEN, "dana.reyes@acme-robotics.example"},
        ),
        (
            "Oi Alex, queria agradecer pelo papo com o Ben e comigo. Optamos por seguir com "
            "outra pessoa.",
            {BEN, "dana.reyes@acme-robotics.example"},
        ),
        (
            "Beste Alex, bedankt voor het gesprek dat je vorige week met Ben en mij had. We "
            "hebben een andere kandidaat gekozen.",
            {BEN, "dana.reyes@acme-robotics.example"},
        ),
        (
            "Ciao Alex, grazie per la chiacchierata di giovedì con Ben e me. Alla fine abbiamo "
            "scelto un altro profilo.",
            {BEN, "dana.reyes@acme-robotics.example"},
        ),
        (
            "Olá Alex, obrigada pela entrevista connosco e com o Eng. Ben Ito. Escolhemos outra "
            "pessoa para a vaga.",
            {BEN, "dana.reyes@acme-robotics.example"},
        ),
        # in a colleague's name, for something else than a talk: no one
        (
            "Gentile Alex, Le scrivo a nome di Ben Ito, che segue la selezione: abbiamo scelto "
            "un altro candidato.",
            set(),
        ),
    ],
)
def test_a_rejection_names_who_was_in_the_talk(body: str, found: set[str]) -> None:
    msg = parse(build(subject="Esito", body=body, cc=f"Ben Ito <{BEN}>"))
    assert named_interviewers(msg) == found


@pytest.mark.parametrize(
    "note",
    [
        "Bonjour Rosa,\nmerci pour la présentation. Nous avons apprécié son calme, son sens du "
        "détail, lors de la mise en situation. Nous avons toutefois choisi une autre candidate.\n"
        "Ada Stone",
        "Hallo Rosa,\nBen Ito und ich hatten zwei gute Gespräche mit ihr. Wir haben uns dennoch "
        "für eine andere Bewerberin entschieden.\nAda Stone",
        "Hola Rosa:\nen la entrevista demostró mucho oficio. Aun así hemos elegido a otra "
        "candidata.\nAda Stone",
        "Hoi Rosa,\nBen en ik hebben twee fijne gesprekken met haar gevoerd. Toch kiezen we voor "
        "een andere kandidaat.\nAda Stone",
    ],
)
def test_a_clients_note_of_the_talk_in_the_third_person_names_its_writer(note: str) -> None:
    reject = _relayed(
        "TR: Candidature Alex – Acme Robotics",
        "Bonjour Alex, je vous transfère le retour d'Acme Robotics : ils ne poursuivent pas avec "
        "vous.\nRosa",
        "Date: Mon, 2 Mar 2026 18:00:00 +0100\nSubject: Candidature Alex\n",
        note,
    )
    assert ADA in interviewers(reject)


def _relayed(subject: str, news: str, headers: str, note: str) -> bytes:
    """The agency's news (Rosa Marin) with Ada Stone's note to Rosa forwarded
    below it: From and To are set, `headers` adds the note's others."""
    return build(
        sender="Rosa Marin <rosa.marin@bridgehire.example>",
        subject=subject,
        body=f"{news}\n\n---------- Forwarded message ---------\nFrom: Ada Stone <{ADA}>\n"
        f"{headers}To: Rosa Marin <rosa.marin@bridgehire.example>\n\n{note}",
        date=day(20),
    )


@pytest.mark.parametrize(
    ("note", "ben_too"),
    [
        ("Hi Rosa,\nBen and I both enjoyed the interview with Alex. In the end we offered the "
         "role to another candidate.\nAda Stone", True),
        ("Hi Rosa,\nI enjoyed the interview with Alex. After talking it over with Ben, we "
         "offered the role to another candidate; Ben will close the vacancy.\nAda Stone", False),
    ],
)  # fmt: skip
def test_a_colleague_copied_on_a_forwarded_note_is_in_only_when_named_with_its_writer(
    note: str, ben_too: bool
) -> None:
    reject = _relayed(
        "Fwd: Acme Robotics - your interview",
        "Hi Alex, Acme Robotics have chosen another candidate, I'm sorry. Their note is below.\n"
        "Rosa",
        f"Date: Mon, 16 Feb 2026 18:00:00 +0100\nSubject: Alex\nCc: Ben Ito <{BEN}>\n",
        note,
    )
    found = interviewers(reject)
    assert ADA in found
    assert (BEN in found) is ben_too


def test_an_agency_that_passes_on_its_clients_invitation_only_arranged_it() -> None:
    # The consultant forwards the client's calendar (organised by Acme, the
    # consultant not on it) and says nothing of a talk of their own; the
    # user's "thanks, have a good day" to them thanks for no talk.
    consultant = "Rosa Marin <rosa.marin@bridgehire.example>"
    offer = build(
        sender=consultant,
        subject="Planner role at Acme",
        body="Buongiorno Alex, seguo la selezione di Acme. Le interessa? Acme gestisce i colloqui "
        "direttamente.\nRosa",
        date=day(2),
    )
    reply = build(
        sender="Alex <alex@example.org>",
        to=consultant,
        subject="R: Planner role at Acme",
        body="Buongiorno Rosa, sì, mi interessa. Grazie e buona giornata.\nAlex",
        date=day(3),
    )
    invitation = build(
        sender=consultant,
        subject="I: colloquio Acme",
        body="Buongiorno Alex, Acme vorrebbe incontrarla martedì: trova in allegato il loro "
        "invito.\nRosa",
        date=day(5),
        ics=ics(organizer=f"pat.lowe@{ACME}", attendees=(ADA, BEN, "alex@example.org")),
    )
    news = build(
        sender=consultant,
        subject="Acme - esito",
        body="Buongiorno Alex, le giro l'esito: Acme ha scelto un altro candidato.\nRosa",
        date=day(20),
    )
    assert interviewers(news, offer, reply, invitation) == [ADA, BEN]


@pytest.mark.parametrize(
    "intro",
    [
        "Hello Alex, I'm Ada Stone's assistant. I can confirm your interview on Tuesday at 11.",
        "Hola Alex, soy la asistente de Ada Stone. Te confirmo la entrevista del martes a las 11.",
        "Olá Alex, sou a assistente da Ada Stone. Confirmo a entrevista de terça às 11h.",
        "Bonjour Alex, je suis l'assistante de Ada Stone. Je vous confirme l'entretien de mardi.",
        "Buongiorno Alex, sono l'assistente di Ada Stone. Le confermo il colloquio di martedì.",
        "Hallo Alex, ik ben de assistente van Ada Stone. Ik bevestig het gesprek van dinsdag.",
        "Hallo Alex, ich bin die Assistentin von Ada Stone. Ich bestätige das Gespräch am Dienstag.",
    ],
)
def test_an_assistant_who_says_so_only_arranged_the_talk(intro: str) -> None:
    confirmation = build(
        sender=f"Nina Park <nina.park@{ACME}>", subject="Interview", body=intro, date=day(5)
    )
    invitation = build(
        sender=f"Ada Stone <{ADA}>",
        subject="Interview",
        body="Looking forward to Tuesday.\nAda",
        date=day(4),
        ics=ics(organizer=ADA, attendees=(ADA, "alex@example.org"), start="20260210T100000Z"),
    )
    news = build(
        sender=f"HR <hr.team@{ACME}>",
        subject="Your application",
        body="Dear Alex, we have chosen another candidate for the planner role.\nAcme HR",
        date=day(20),
    )
    assert interviewers(news, invitation, confirmation) == [ADA]


@pytest.mark.parametrize(
    ("wish", "thanks"),
    [
        ("Grazie e buona giornata.", "Grazie per la bella chiacchierata di stamattina."),
        ("Muchas gracias y buenas tardes.", "Gracias por la charla de esta mañana."),
        ("Obrigado e boa tarde.", "Obrigado pela boa conversa de ontem."),
        ("Bedankt en fijne middag.", "Bedankt voor het fijne gesprek."),
        ("Danke und einen schönen Nachmittag.", "Danke für das gute Gespräch."),
    ],
)
def test_a_wish_for_the_day_is_no_thanks_for_a_talk(wish: str, thanks: str) -> None:
    def kinds(body: str) -> set[str]:
        msg = parse(build(sender="Alex <alex@example.org>", subject="Re: CV", body=body))
        return {h.kind for h in message_hits(msg, RS)}

    assert "thanks" not in kinds(f"Sì, va bene. {wish}")
    assert "thanks" in kinds(thanks)


@pytest.mark.parametrize(
    "body",
    [
        "Hi Alex,\nCara was due to run your case interview but fell ill, so Ben stepped in at the "
        "last minute. We have chosen another candidate.\nAda",
        "Hallo Alex,\nFrau Moss war krank, Herr Ito ist kurzfristig eingesprungen. Wir haben uns "
        "für eine andere Bewerberin entschieden.\nAda",
    ],
)
def test_the_one_who_stepped_in_for_the_talk_held_it(body: str) -> None:
    hr = f"HR <hr.desk@{ACME}>"
    assert alone(hr, body, cc=BEN_AND_CARA) == [BEN]


@pytest.mark.parametrize(
    "body",
    [
        "Dear Alex,\nI write for Ben Ito, who is away. Mr Ito has asked me to thank you for the "
        "interview and to tell you that the post went to another applicant.\nNina Park, PA",
        "Bonjour Alex,\nM. Ito m'a demandé de vous remercier pour l'entretien ; nous avons "
        "retenu une autre candidature.\nNina Park, assistante",
    ],
)
def test_the_one_who_asks_the_writer_to_thank_for_the_talk_held_it(body: str) -> None:
    assert alone(f"Nina Park <nina.park@{ACME}>", body, cc=f"Ben Ito <{BEN}>") == [BEN]


def test_one_who_did_not_join_the_interviews_and_sends_thanks_is_no_interviewer() -> None:
    body = (
        "Dear Alex,\nThank you for your interview. Our director, Ben Ito, who did not join the "
        "interviews, asked me to pass on his thanks. We have chosen another applicant.\nNina Park"
    )
    rejection = build(
        sender=f"Nina Park <nina.park@{ACME}>",
        cc=f"Ben Ito <{BEN}>",
        subject="Your application",
        body=body,
        date=day(20),
    )
    assert BEN not in extracted(rejection).addresses


def test_it_was_just_the_one_named_and_the_writer() -> None:
    body = (
        "Hi Alex,\nThanks for coming in. Cara couldn't make it after all, so it was just Ben and "
        "me. We've gone with a candidate who has run a bigger team.\nAda"
    )
    found = alone(f"Ada Stone <{ADA}>", body, cc=BEN_AND_CARA)
    assert found == [ADA, BEN]


def test_a_talk_with_her_is_with_the_one_named_before() -> None:
    body = (
        "Hi Alex,\nI've heard back from Acme. Ada Stone (ada.stone@acme-robotics.example) liked "
        "your examples, but after your interview with her she felt they need more depth in "
        "planning. They have chosen another finalist.\nRosa"
    )
    assert alone("Rosa Marin <rosa.marin@bridgehire.example>", body) == [ADA]


def test_the_writer_who_enjoyed_walking_through_your_work_met_you() -> None:
    body = (
        "Hi Alex,\nThanks again for the time on Tuesday; I really enjoyed walking through your "
        "dashboards. I've decided to go with another candidate.\nAda"
    )
    assert alone(f"Ada Stone <{ADA}>", body) == [ADA]


@pytest.mark.parametrize(
    "body",
    [
        "Dear Alex,\nMr Ito thanks you for the interview last week; the post has gone to another "
        "applicant.\nNina Park",
        "Hallo Alex,\nHerr Ito bedankt sich herzlich für das Gespräch. Die Stelle geht leider an "
        "eine andere Bewerberin.\nNina Park",
        "Bonjour Alex,\nM. Ito vous remercie pour l'entretien de mardi. Il a retenu une autre "
        "candidature.\nNina Park",
        "Hola Alex:\nEl Sr. Ito le agradece la entrevista del martes. Ha elegido a otra "
        "candidata.\nNina Park",
        "Gentile Alex,\nil Dott. Ito la ringrazia per il colloquio. Ha scelto un altro "
        "candidato.\nNina Park",
        "Beste Alex,\nDhr. Ito dankt u voor het gesprek. Hij heeft gekozen voor een andere "
        "kandidaat.\nNina Park",
        "Olá Alex,\nO Eng. Ito agradece-lhe a entrevista. Escolheu outro candidato.\nNina Park",
    ],
)
def test_someone_who_thanks_for_the_talk_in_the_third_person_held_it(body: str) -> None:
    assert alone(f"Nina Park <nina.park@{ACME}>", body, cc=f"Ben Ito <{BEN}>") == [BEN]


@pytest.mark.parametrize(
    "body",
    [
        "Dear Alex,\nThank you for both interviews, first with Ben and then with Ben and Cara. "
        "Our CEO, Dev Rao, who is copied, decided to hire another candidate.\nNina",
        "Hallo Alex,\ndanke für die zwei Gesprächsrunden, zuerst mit Ben, dann mit Ben und Cara. "
        "Unser Geschäftsführer Dev Rao (in Kopie) hat sich für eine andere Bewerberin "
        "entschieden.\nNina",
        "Beste Alex,\nDank voor de gesprekken, eerst met Ben en daarna met Ben en Cara. Onze "
        "directeur Dev Rao (in cc) koos voor een andere kandidaat.\nNina",
    ],
)
def test_two_rounds_name_their_people_and_not_the_one_who_decided(body: str) -> None:
    cc = f"Ben Ito <{BEN}>, Cara Moss <{CARA}>, Dev Rao <{DEV}>"
    assert alone(f"Nina Park <nina.park@{ACME}>", body, cc=cc) == [BEN, CARA]


@pytest.mark.parametrize(
    "body",
    [
        "Gentile Alex,\nil colloquio era stato fissato con la Dott.ssa Cara Moss, che poi non ha "
        "potuto; l'ho quindi condotto io insieme al Dott. Ben Ito. Abbiamo scelto un altro "
        "candidato.\nAda Stone",
        "Dear Alex,\nYour interview was meant to be with Cara Moss, who was called away, so I ran "
        "it together with Ben Ito. We have chosen another candidate.\nAda Stone",
    ],
)
def test_the_talk_planned_with_one_and_held_by_the_writer_with_another(body: str) -> None:
    cc = BEN_AND_CARA
    assert alone(f"Ada Stone <{ADA}>", body, cc=cc) == [ADA, BEN]


def test_who_led_your_interview_at_the_depot_is_no_scheduling() -> None:
    body = (
        "Hello Alex,\nBen, who led your interview at the depot, asked me to let you know the "
        "outcome. Unfortunately we won't be offering you the planner position.\nNina Park"
    )
    assert alone(f"Nina Park <nina.park@{ACME}>", body, cc=f"Ben Ito <{BEN}>") == [BEN]


@pytest.mark.parametrize(
    "body",
    [
        "Olá Alex,\nA sessão de grupo foi conduzida pelo Ben Ito e pela Cara Moss. Infelizmente "
        "não foi selecionado para a fase final.\nEquipa de Recrutamento",
        "Dear Alex,\nThe case session was led by Ben Ito and Cara Moss. Unfortunately you have "
        "not been selected for the final stage.\nRecruiting Team",
        "Olá Alex,\nQuem assistiu à sua aula foram o Ben Ito e a Cara Moss. A sua candidatura "
        "não seguirá no processo.\nRH",
        "Oi Alex,\nVocê fez o teste técnico com o Ben e conversou depois com a Cara Moss. "
        "Decidimos não seguir adiante.\nRH",
        "Olá Alex,\nO Ben e a Cara, em cópia, pediram-me para lhe agradecer as entrevistas. "
        "Escolhemos outra pessoa.\nRH",
        "Olá Alex,\nEscrevo a propósito da videochamada que teve com o Ben Ito e com a Cara "
        "Moss. Decidiram avançar com outra candidatura.\nRH",
    ],
)
def test_the_talks_people_after_a_passive_or_what_you_did_with_them(body: str) -> None:
    cc = BEN_AND_CARA
    assert alone(f"RH <recrutamento@{ACME}>", body, cc=cc) == [BEN, CARA]


def test_after_our_first_chat_the_writer_was_in_it() -> None:
    body = (
        "Oi Alex,\nDepois do nosso primeiro papo você fez o teste técnico com o Ben. Decidimos "
        "não seguir adiante.\nAda"
    )
    assert alone(f"Ada Stone <{ADA}>", body, cc=f"Ben Ito <{BEN}>") == [ADA, BEN]


def test_a_forwarded_invitation_names_the_panel_and_not_the_agency_that_sent_it() -> None:
    body = (
        "Hola Alex:\nBen y yo hemos hablado mucho de tu candidatura y hemos decidido no seguir "
        "adelante. Te reenvío la convocatoria para que tengas los datos de Ben.\nAda Stone\n\n"
        "---------- Mensaje reenviado ----------\n"
        "De: Rosa Marin <rosa.marin@bridgehire.example>\n"
        "Fecha: Fri, 6 Feb 2026 11:05:00 +0100\n"
        "Asunto: Convocatoria entrevista Acme\n"
        "Para: Alex <alex@example.org>\n\n"
        f"Hola Alex:\nTe convoco a una entrevista el lunes 9.\nEntrevistadores: Ada Stone ({ADA}) "
        f"y Ben Ito ({BEN}).\nUn saludo,\nRosa Marin\n"
    )
    earlier = build(
        sender="Rosa Marin <rosa.marin@bridgehire.example>",
        subject="Cambio de fecha: entrevista Acme",
        body="Hola Alex:\ntengo que cambiar la fecha de tu entrevista con Acme al martes 10. "
        "¿Te va bien?\nRosa",
        date=day(8),
    )
    rejection = build(
        sender=f"Ada Stone <{ADA}>", subject="Tu candidatura", body=body, date=day(20)
    )
    assert interviewers(rejection, earlier) == [ADA, BEN]


def test_a_mail_from_a_shared_mailbox_signed_with_a_persons_address_is_theirs() -> None:
    body = (
        "Hola Alex,\ngracias de nuevo por la charla del jueves, la disfruté mucho. Te escribo "
        "para contarte que la vacante no se va a cubrir este año.\nUn abrazo,\nAda Stone\n"
        f"Gerente de Operaciones | {ADA} | +34 600 000 000"
    )
    assert alone(f"Búsquedas Acme <busquedas@{ACME}>", body) == [ADA]


def test_an_address_in_a_shared_mailboxs_sentence_is_no_signature() -> None:
    body = (
        "Beste Alex,\nBedankt voor je gesprek met ons panel. De functie is ingevuld; onze nieuwe "
        f"collega, Ben Ito ({BEN}), begint in mei. We gaan daarom niet verder met je "
        "sollicitatie.\nPeople Operations"
    )
    rejection = build(
        sender=f"People Operations <people@{ACME}>",
        subject="Je sollicitatie",
        body=body,
        date=day(20),
    )
    assert BEN not in extracted(rejection).addresses


def test_one_whom_you_spoke_to_in_a_round_in_dutch_simple_past() -> None:
    body = (
        "Hoi Alex,\nBen, die je in de tweede ronde sprak, zet ik in de cc. We hebben gekozen "
        "voor een andere kandidaat.\nNina"
    )
    assert alone(f"Nina Park <nina.park@{ACME}>", body, cc=f"Ben Ito <{BEN}>") == [BEN]


@pytest.mark.parametrize(
    "body",
    [
        "Bonjour Alex,\nJe mets en copie M. Ben Ito et Mme Cara Moss, que vous avez rencontrés "
        "mardi. Votre candidature n'a pas été retenue.\nService du personnel",
        "Gentile Alex,\nmetto in copia Ben Ito e Cara Moss, che ha conosciuto durante il "
        "colloquio. Abbiamo scelto un altro candidato.\nUfficio personale",
        "Hola Alex:\nCopio a Ben Ito y a Cara Moss, a quienes conociste en la entrevista. Hemos "
        "elegido a otra candidata.\nRRHH",
    ],
)
def test_the_people_the_user_met_as_the_object_of_a_relative_clause(body: str) -> None:
    cc = BEN_AND_CARA
    assert alone(f"Nina Park <nina.park@{ACME}>", body, cc=cc) == [BEN, CARA]


def test_a_writer_who_heard_the_answers_was_in_the_round() -> None:
    body = (
        "Hi Alex,\nI've copied Ben Ito, whom you met in the technical round. Your answer on data "
        "lineage was one of the strongest we heard, but we have chosen another candidate.\nAda"
    )
    assert alone(f"Ada Stone <{ADA}>", body, cc=f"Ben Ito <{BEN}>") == [ADA, BEN]


def _relayed_note(note: str, to: str = "Rosa Marin <rosa.marin@bridgehire.example>") -> list[str]:
    body = (
        "Hi Alex,\nI'm afraid it's not good news from Acme; their note is below.\nRosa\n\n"
        "---------- Forwarded message ---------\n"
        "From: Nina Park <nina.park@acme-robotics.example>\n"
        "Date: Thu, 19 Feb 2026 17:00:00 +0000\n"
        "Subject: Candidate feedback\n"
        f"To: {to}\n\n{note}\n"
    )
    news = build(
        sender="Rosa Marin <rosa.marin@bridgehire.example>",
        subject="Acme - feedback",
        body=body,
        date=day(20),
    )
    return interviewers(news)


@pytest.mark.parametrize(
    "note",
    [
        f"Hi Rosa,\nBen Ito ({BEN}) and Cara Moss ({CARA}) met her on Tuesday. They have decided "
        "not to take her forward for the planner role.\nNina",
        f"Bonjour Rosa,\nBen Ito ({BEN}) et Cara Moss ({CARA}) l'ont reçue en entretien mardi. "
        "Nous ne poursuivrons pas avec elle.\nNina",
    ],
)
def test_a_forwarded_client_note_names_who_met_the_user(note: str) -> None:
    assert _relayed_note(note) == [BEN, CARA]


def test_the_colleague_a_forwarded_note_is_written_to_was_not_in_the_talk() -> None:
    note = (
        f"Hallo Nina,\nFrau Moss ({CARA}) und ich haben uns nach dem Gespräch mit Alex lange "
        "beraten und nehmen eine andere Bewerberin. Bitte gib Alex eine freundliche Absage.\nBen"
    )
    found = _relayed_note(note, to=f"Nina Park <nina.park@{ACME}>")
    assert f"nina.park@{ACME}" not in found
    assert CARA in found


def test_an_agency_copies_the_client_people_the_user_spoke_with() -> None:
    body = (
        "Oi Alex,\nTrago o retorno da Acme e coloquei em cópia o Ben Ito e a Cara Moss, com quem "
        "você conversou no dia 16. O cliente decidiu seguir com outro candidato.\nRosa"
    )
    found = alone(
        "Rosa Marin <rosa.marin@bridgehire.example>",
        body,
        cc=BEN_AND_CARA,
    )
    assert BEN in found and CARA in found


@pytest.mark.parametrize(
    "note",
    [
        "Hi Ada,\nEve Blake (eve.blake@elsewhere.example) and Oscar Lind "
        "(oscar@third.example) met her on Tuesday.\nMallory\n",
        "Hi Alex,\nInterviewers: Eve Blake (eve.blake@elsewhere.example) and Oscar Lind "
        "(oscar@third.example).\nMallory\n",
    ],
)
def test_a_typed_forwarded_block_from_an_unlinked_domain_names_nobody(note: str) -> None:
    # Anyone can type a "forwarded message" into a body: a note or an
    # invitation from a domain this application never showed, naming people
    # there or at yet another, is no evidence that they met the user.
    body = (
        "Hi Alex,\nThank you for interviewing with us. We have chosen another candidate for the "
        "planner role.\nAda Stone\n\n"
        "---------- Forwarded message ---------\n"
        "From: Mallory <mallory@elsewhere.example>\n"
        "Date: Thu, 19 Feb 2026 17:00:00 +0000\n"
        "Subject: notes\n"
        "To: Ada Stone <ada.stone@acme-robotics.example>\n\n" + note
    )
    rejection = build(
        sender=f"Ada Stone <{ADA}>", subject="Your application", body=body, date=day(20)
    )
    found = extracted(rejection).addresses
    assert not {"eve.blake@elsewhere.example", "oscar@third.example"} & set(found)


def test_whom_to_contact_with_questions_is_not_in_the_talk() -> None:
    body = (
        "Geachte Alex,\nNaar aanleiding van uw gesprek met mevrouw Cara Moss "
        f"({CARA}) nemen wij u niet verder mee in de procedure. Heeft u vragen, neem dan gerust "
        "contact met mij op.\nNina Park, HR"
    )
    assert alone(f"Nina Park <nina.park@{ACME}>", body) == [CARA]


@pytest.mark.parametrize(
    "body",
    [
        "Estimado Alex:\nLa entrevista iba a estar a cargo de la Dra. Cara Moss; sin embargo, en "
        "su lugar lo/la atendió el Dr. Ben Ito. No continuará en el proceso.\nGestión Humana",
        "Bonjour Alex,\nMme Moss était absente ; à sa place, c'est M. Ben Ito qui vous a reçue. "
        "Votre candidature n'a pas été retenue.\nRH",
    ],
)
def test_the_one_who_met_the_user_in_anothers_place_named_after(body: str) -> None:
    cc = BEN_AND_CARA
    assert alone(f"Nina Park <nina.park@{ACME}>", body, cc=cc) == [BEN]


def test_a_talk_with_el_doctor_names_him_not_the_words_before() -> None:
    body = (
        "Hola Alex:\nLa directora Cara Moss me pidió escribirte. Tras tu entrevista con el Dr. "
        "Ben Ito, hemos elegido a otra candidata.\nNina"
    )
    cc = BEN_AND_CARA
    assert alone(f"Nina Park <nina.park@{ACME}>", body, cc=cc) == [BEN]


def test_it_was_and_i_mid_sentence_is_no_pair_in_the_talk() -> None:
    body = (
        "Hi Alex,\nThank you for the interview with Ben Ito. It was Cara's call in the end and I "
        "agree with it: we have chosen another candidate.\nNina"
    )
    cc = BEN_AND_CARA
    assert alone(f"Nina Park <nina.park@{ACME}>", body, cc=cc) == [BEN]


def test_who_took_over_the_role_is_the_hire_not_an_interviewer() -> None:
    body = (
        "Hi Alex,\nThank you for your interview with Ben Ito. The post was filled internally: "
        "Cara Moss took over the planning team last week.\nNina"
    )
    cc = BEN_AND_CARA
    assert alone(f"Nina Park <nina.park@{ACME}>", body, cc=cc) == [BEN]
