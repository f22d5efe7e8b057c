"""Interviewer lookup: who a follow-up may go to, and the evidence for each.

Each case is a small history written for it (Acme Robotics interviews Alex)
and the interviewer set expected. The rule under test: a recipient must be
linked to *this* application by evidence, and Reply-To, Sender and addresses
read from a quoted or forwarded block are never evidence on their own.
"""

from __future__ import annotations

from email.utils import parseaddr

import pytest

from daemon.classify import message_hits
from daemon.message import parse
from tests.mail import build, ics
from tests.verdicts import RS, day, extracted

DANA = "Dana Reyes <dana.reyes@acme-robotics.example>"
INVITE_ID = "<invite-1@acme-robotics.example>"


def invitation(**kw: object) -> bytes:
    """Dana invites Alex to a panel with Lee (calendar attendees)."""
    return build(
        sender=DANA,
        subject="Interview for the Robotics Engineer role",
        body="Hi Alex, we'd love to invite you to a panel interview with Lee and me.",
        date=day(10),
        msgid=INVITE_ID,
        ics=ics(
            attendees=(
                "dana.reyes@acme-robotics.example",
                "lee.chen@acme-robotics.example",
                "alex@example.org",
            )
        ),
        **kw,  # type: ignore[arg-type]
    )


def rejection(**kw: object) -> bytes:
    args: dict[str, object] = {
        "sender": "Acme Robotics <no-reply@acme-robotics.example>",
        "subject": "Your application for Robotics Engineer at Acme Robotics",
        "body": "Hi Alex,\nThank you for interviewing with us. We have decided to move forward "
        "with other candidates.\nAcme Robotics Recruiting",
        "date": day(20),
    }
    args.update(kw)
    return build(**args)  # type: ignore[arg-type]


def client_panel_invitation(sender: str, subject: str, body: str) -> bytes:
    """An agency's invitation to the client's panel (Dana and Lee at Acme),
    with the calendar event the agency sends and does not attend."""
    return build(
        sender=sender,
        subject=subject,
        body=body,
        date=day(9),
        ics=ics(
            attendees=(
                "dana.reyes@acme-robotics.example",
                "lee.chen@acme-robotics.example",
                "alex@example.org",
            ),
            start="20260210T130000Z",
            organizer=parseaddr(sender)[1],
        ),
    )


def drafted_after_a_talk(sender: str, cc: str | None, subject: str, body: str) -> list[str]:
    """The interviewers of a rejection read alone (no history), which must
    show that a talk was held."""
    x = extracted(build(sender=sender, cc=cc, subject=subject, body=body, date=day(20)))
    assert x.stage == "interview"
    return sorted(x.addresses)


def staff_mail(n: int) -> bytes:
    """A job board's staff member writing about something else entirely."""
    return build(
        sender=f"Staff {n} <staff{n}@acme-robotics.example>",
        subject=f"Robotics meetup #{n}",
        body="Hi Alex, our community meetup is on Thursday, pizza included.",
        date=day(1 + n % 9),
    )


CASES = [
    (
        "calendar attendees of the interview",
        rejection(),
        [invitation()],
        ["dana.reyes@acme-robotics.example", "lee.chen@acme-robotics.example"],
    ),
    (
        "a third party in Reply-To is not an interviewer",
        rejection(headers={"Reply-To": "Mark Vance <mark@talentbridge.example>"}),
        [invitation()],
        ["dana.reyes@acme-robotics.example", "lee.chen@acme-robotics.example"],
    ),
    (
        "a third party in Sender is not an interviewer",
        rejection(
            sender=DANA,
            headers={"Sender": "Mark Vance <mark@talentbridge.example>"},
            in_reply_to=INVITE_ID,
        ),
        [invitation()],
        ["dana.reyes@acme-robotics.example", "lee.chen@acme-robotics.example"],
    ),
    (
        "an employer address inside a forwarded block of the body is not evidence",
        rejection(
            body="Hi Alex,\nThank you for interviewing with us. We have decided to move forward "
            "with other candidates.\n\n---------- Forwarded message ---------\n"
            "From: Eve Stone <eve.stone@acme-robotics.example>\nSubject: notes\n\nsee below\n"
        ),
        [invitation()],
        ["dana.reyes@acme-robotics.example", "lee.chen@acme-robotics.example"],
    ),
    (
        "staff of the same domain writing about other things are not interviewers",
        rejection(),
        [invitation(), *[staff_mail(n) for n in range(1, 30)]],
        ["dana.reyes@acme-robotics.example", "lee.chen@acme-robotics.example"],
    ),
    (
        "a human who wrote in the thread of the interview is one",
        rejection(),
        [
            invitation(),
            build(
                sender="Sam Ode <sam.ode@acme-robotics.example>",
                subject="Re: Interview for the Robotics Engineer role",
                body="Hi Alex, I'll join Dana and Lee on the panel too. See you then!",
                date=day(11),
                in_reply_to=INVITE_ID,
            ),
        ],
        [
            "dana.reyes@acme-robotics.example",
            "lee.chen@acme-robotics.example",
            "sam.ode@acme-robotics.example",
        ],
    ),
]


@pytest.mark.parametrize(
    ("reject", "history", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_interviewers(reject: bytes, history: list[bytes], expected: list[str]) -> None:
    x = extracted(reject, *history)
    assert x.stage == "interview"
    assert sorted(x.addresses) == expected


def test_each_interviewer_keeps_what_linked_them_and_when() -> None:
    x = extracted(rejection(), invitation())
    lee = next(i for i in x.interviewers if i.address.startswith("lee."))
    # the calendar, and the invitation that names "Lee and me" as the panel
    assert lee.evidence == (
        "calendar attendee (2026-02-20)",
        "named for the interview (2026-02-10)",
    )
    dana = next(i for i in x.interviewers if i.address.startswith("dana."))
    assert "wrote to you (2026-02-10)" in dana.evidence


def test_reply_to_is_kept_as_supporting_evidence_and_noted_when_alone() -> None:
    x = extracted(
        rejection(headers={"Reply-To": "Lee Chen <lee.chen@acme-robotics.example>"}),
        invitation(),
    )
    lee = next(i for i in x.interviewers if i.address.startswith("lee."))
    assert lee.evidence == (
        "calendar attendee (2026-02-20)",
        "named for the interview (2026-02-10)",
        "Reply-To (2026-02-20)",
    )
    alone = extracted(
        rejection(headers={"Reply-To": "Mark Vance <mark@talentbridge.example>"}), invitation()
    )
    assert any("mark@talentbridge.example: left out" in n for n in alone.notes)


def test_the_writer_of_the_rejection_alone_is_not_an_interviewer() -> None:
    """A CTO passing on the panel's decision never met the user; the panel did."""
    x = extracted(
        rejection(
            sender="Joan Blake <joan.blake@acme-robotics.example>",
            body="Hi Alex,\nThank you for interviewing with Lee and Dana. We have decided to move "
            "forward with other candidates.\nJoan, CTO",
            in_reply_to=INVITE_ID,
        ),
        invitation(),
    )
    assert "joan.blake@acme-robotics.example" not in x.addresses
    assert sorted(x.addresses) == [
        "dana.reyes@acme-robotics.example",
        "lee.chen@acme-robotics.example",
    ]


COORDINATOR = "Noa Park <noa.park@acme-robotics.example>"


def coordinated_invitation() -> bytes:
    """Noa (a coordinator) organises the calendar; Lee is the only attendee."""
    return build(
        sender=COORDINATOR,
        subject="Interview for the Robotics Engineer role",
        body="Hi Alex, here is the invitation for your interview with Lee.",
        date=day(10),
        msgid=INVITE_ID,
        ics=ics(
            organizer="noa.park@acme-robotics.example",
            attendees=("lee.chen@acme-robotics.example", "alex@example.org"),
        ),
    )


@pytest.mark.parametrize(
    ("note", "took_part"),
    [
        ("Hi Alex, thanks for the chat this morning! Lee will take it from here.", True),
        ("Hi Alex, Lee enjoyed your conversation and will be in touch.", False),
    ],
)
def test_a_coordinator_who_thanks_the_user_for_a_talk_took_part(note: str, took_part: bool) -> None:
    history = [
        coordinated_invitation(),
        build(
            sender=COORDINATOR,
            subject="Re: Interview",
            body=note,
            date=day(12),
            in_reply_to=INVITE_ID,
        ),
    ]
    x = extracted(rejection(), *history)
    assert ("noa.park@acme-robotics.example" in x.addresses) is took_part
    assert "lee.chen@acme-robotics.example" in x.addresses


def test_a_coordinator_the_user_thanked_took_part() -> None:
    thanks = build(
        sender="Alex Example <alex@example.org>",
        to=COORDINATOR,
        subject="Thank you",
        body="Hi Noa, thank you for taking the time to speak with me today.",
        date=day(12),
    )
    x = extracted(rejection(), coordinated_invitation(), thanks)
    assert "noa.park@acme-robotics.example" in x.addresses
    noa = next(i for i in x.interviewers if i.address.startswith("noa."))
    assert "thanked by you (2026-02-12)" in noa.evidence


@pytest.mark.parametrize(
    ("subject", "sender", "reply_to", "company"),
    [
        (
            "Tu proceso con Olivar Telecom (Analista BI)",
            "Gonzalo Pardo <gonzalo.pardo@olivartel.example>",
            "Puente Talento <candidatos@puente.example>",
            "Olivar Telecom",
        ),
        (
            "Ihre Bewerbung bei Kranich Logistik",
            "Jana Roth <jana.roth@kranich.example>",
            None,
            "Kranich Logistik",
        ),
        (
            "Je sollicitatie bij Zilverlijn",
            "Sanne Vos <sanne@zl-group.example>",
            None,
            "Zilverlijn",
        ),
    ],
)
def test_company_from_the_subject_in_other_languages(
    subject: str, sender: str, reply_to: str | None, company: str
) -> None:
    from daemon.extract import find_company

    headers = {"Reply-To": reply_to} if reply_to else None
    msg = parse(build(sender=sender, subject=subject, body="Hola Alex,\nGracias.", headers=headers))
    assert find_company(msg, RS.senders) == company


@pytest.mark.parametrize(
    "subject",
    [
        "Votre candidature – Infirmière diplômée en soins continus",
        "Your application: we are not hiring at the moment",
    ],
)
def test_a_lower_case_phrase_after_en_or_at_is_no_company(subject: str) -> None:
    """The company after "en"/"at" in a subject starts with a capital: "en
    soins continus" is a specialty, and "at the moment" no employer."""
    from daemon.extract import find_company

    msg = parse(build(sender="Lea Roth <lea.roth@alpenklinik.example>", subject=subject))
    assert find_company(msg, RS.senders) not in ("soins continus", "the moment")


@pytest.mark.parametrize(
    "subject",
    [
        "Tu candidatura para Analista de Logística y Stock",
        "Candidatura para Técnico de Mantenimiento Industrial",
        "Candidature en Responsable Qualité Fournisseurs",
    ],
)
def test_a_job_title_after_para_or_en_is_no_company(subject: str) -> None:
    """ "candidatura para Analista de ..." names the post: taking it for the
    employer sent the history lookup to another firm whose domain shares a
    word with the title ("logistica-...")."""
    from daemon.extract import find_company

    msg = parse(build(sender="Elena Sanz <elena.sanz@mueblesturia.example>", subject=subject))
    assert find_company(msg, RS.senders) == "Mueblesturia"


def test_a_dutch_and_does_not_make_a_company() -> None:
    from daemon.extract import find_company

    msg = parse(
        build(
            sender="Joost Verbeek <joost@tulpdata.example>",
            subject="Re: Sollicitatie",
            body="Hoi Alex,\nEva en Ruben hebben me bijgepraat.\n\nJoost Verbeek\nCTO, Tulpdata",
        )
    )
    assert find_company(msg, RS.senders) == "Tulpdata"


def test_an_ats_rejection_finds_the_interviewer_the_user_thanked() -> None:
    """The employer's only trace: the user's thank-you note to its domain."""
    ats = rejection(
        sender="Almendra Seguros <no-reply@candidatum.test>",
        subject="Actualización sobre tu candidatura en Almendra Seguros",
        body="Hola Alex,\nGracias por la entrevista. Hemos decidido continuar con otros "
        "candidatos cuyo perfil se ajusta mejor.\nEquipo de Selección",
    )
    thanks = build(
        sender="Alex Example <alex@example.org>",
        to="Lucía Benítez <lucia.benitez@almendra.example>",
        subject="Gracias",
        body="Hola Lucía, muchas gracias por la entrevista de esta mañana.",
        date=day(12),
    )
    x = extracted(ats, thanks)
    assert x.addresses == ["lucia.benitez@almendra.example"]
    assert x.employer_domains == ("almendra.example",)


@pytest.mark.parametrize(
    ("domain", "company", "matches"),
    [
        ("kermes-mutuelle.example", "Mutuelle Kermès", True),  # a distinctive word
        ("orvane.example", "Laboratoires Orvane", True),
        ("tulpdata.example", "Tulpdata B.V.", True),
        ("zl-group.example", "Zilverlijn Logistiek B.V.", False),  # nothing shared
        ("groupe-alpha.example", "Groupe Beta", False),  # only a generic word
        ("bank-x.example", "Bank Y", False),
    ],
)
def test_domain_matches_company(domain: str, company: str, matches: bool) -> None:
    from daemon.extract import domain_matches_company

    assert domain_matches_company(domain, company) is matches


def test_a_position_read_from_text_ends_before_the_verb() -> None:
    from daemon.extract import find_position

    msg = parse(
        build(
            subject="Votre candidature",
            body="Madame,\nVotre candidature au poste de chargée d'études statistiques a retenu "
            "toute notre attention, mais nous ne donnerons pas suite.",
        )
    )
    assert find_position(msg) == "chargée d'études statistiques"


def test_the_users_mail_about_the_interview_names_its_people() -> None:
    """No 'thank you for your time': the user writes of the interview itself."""
    note = build(
        sender="Alex Example <alex@example.org>",
        to="Ines Roca <ines.roca@acme-robotics.example>",
        subject="Notre entretien",
        body="Madame Roca,\nJe tenais à vous remercier pour l'entretien de ce matin avec M. Chen.",
        date=day(12),
    )
    x = extracted(rejection(), invitation(), note)
    assert "ines.roca@acme-robotics.example" in x.addresses


def test_with_nobody_else_known_the_rejections_writer_is_the_one_to_ask() -> None:
    """An interview arranged by phone leaves no mail: the writer of the
    rejection, who speaks of the talk they were in, is the one to ask."""
    x = extracted(
        rejection(
            sender="Sam Ode <sam.ode@acme-robotics.example>",
            body="Hi Alex,\nThanks again for our conversation on Tuesday. We have decided to "
            "move forward with other candidates.\nSam",
        )
    )
    assert x.addresses == ["sam.ode@acme-robotics.example"]
    assert x.interviewers[0].evidence == ("wrote the rejection",)


def test_a_recruiter_who_reports_the_panels_decision_is_no_interviewer() -> None:
    x = extracted(
        rejection(
            sender="Sam Ode <sam.ode@acme-robotics.example>",
            body="Hi Alex,\nThank you for taking part in the interviews. The panel has decided "
            "to move forward with other candidates.\nSam Ode, Talent Acquisition",
        )
    )
    assert x.stage == "interview" and x.addresses == []


def test_people_the_writer_met_the_user_with_are_asked_too() -> None:
    x = extracted(
        rejection(
            sender="Sam Ode <sam.ode@acme-robotics.example>",
            cc="Lena Voss <lena.voss@acme-robotics.example>, Tom Fry <tom.fry@acme-robotics.example>",
            body="Hi Alex,\nThank you for coming in to meet Lena and me last week. We have "
            "decided to move forward with other candidates.\nSam",
        )
    )
    assert x.addresses == ["lena.voss@acme-robotics.example", "sam.ode@acme-robotics.example"]


@pytest.mark.parametrize(
    ("text", "took_part"),
    [
        ("It was a pleasure to meet you on Monday.", True),
        ("Thanks for speaking with Priya and me.", True),
        ("Following our call last week, we have made a decision.", True),
        ("Thank you for taking part in the interviews.", False),
        ("Thanks for your patience since the final interview.", False),
        ("Vielen Dank für das nette und offene Gespräch am Montag.", True),
        ("Es war ein angenehmes Gespräch mit Ihnen.", True),
        ("Danke für Ihre Teilnahme an den Gesprächen.", False),
        ("Merci pour notre échange de jeudi.", True),
        ("C'était un plaisir d'échanger avec vous.", True),
        ("Merci d'avoir participé aux entretiens.", False),
        ("Gracias por nuestra conversación del viernes.", True),
        ("Fue un placer conocerte.", True),
        ("Gracias por participar en el proceso.", False),
        ("Dank voor ons gesprek van dinsdag.", True),
        ("Het was een fijn gesprek.", True),
        ("Dank voor je deelname aan de gesprekken.", False),
    ],
)
def test_the_writer_took_part_in_the_talk_when_they_say_so(text: str, took_part: bool) -> None:
    from daemon.panel import writer_took_part

    msg = parse(build(sender="Sam Ode <sam.ode@acme-robotics.example>", subject="x", body=text))
    assert (writer_took_part(msg) is not None) is took_part


def test_a_calendar_attendee_with_an_undeliverable_address_is_nobody() -> None:
    invite = build(
        sender=DANA,
        subject="Interview",
        body="Hi Alex, we'd love to invite you to a panel interview.",
        date=day(10),
        msgid=INVITE_ID,
        ics=ics(
            attendees=(
                "dana.reyes@acme-robotics.example",
                "bad\u202eone@acme-robotics.example",  # a bidi override: nobody
                "josé@acme-robotics.example",  # a real mailbox (RFC 6531)
                "alex@example.org",
            )
        ),
    )
    assert extracted(rejection(), invite).addresses == [
        "dana.reyes@acme-robotics.example",
        "josé@acme-robotics.example",
    ]


def test_the_clients_panel_in_an_agencys_calendar_invitation_are_interviewers() -> None:
    """An agency organises the interview with its client: the client's people,
    at a domain of their own, are the panel."""
    agency = "Mo Lind <mo.lind@staffbridge.example>"
    invite = build(
        sender=agency,
        subject="Interview with Kestrel Foods",
        body="Hi Alex, great news: Kestrel Foods would like to invite you to an interview.",
        date=day(10),
        msgid=INVITE_ID,
        ics=ics(
            organizer="mo.lind@staffbridge.example",
            attendees=(
                "ana.ruiz@kestrelfoods.example",
                "ben.cole@kestrelfoods.example",
                "alex@example.org",
            ),
        ),
    )
    reject = build(
        sender=agency,
        subject="Re: Interview with Kestrel Foods",
        body="Hi Alex, thanks for interviewing with Kestrel. I'm sorry: the client went with "
        "someone who has more retail experience.",
        date=day(20),
        in_reply_to=INVITE_ID,
    )
    # The agency's recruiter only organised it (a coordinator): not on the panel.
    assert sorted(extracted(reject, invite).addresses) == [
        "ana.ruiz@kestrelfoods.example",
        "ben.cole@kestrelfoods.example",
    ]


def test_an_ats_rejection_finds_a_company_known_by_its_initials() -> None:
    ats = rejection(
        sender="Northgate Valley Foods <no-reply@hireflow.test>",
        subject="Your application with Northgate Valley Foods",
        body="Dear Alex,\nThank you for interviewing with us. We have decided to offer the "
        "position to a candidate whose experience is closer to our needs.",
    )
    thanks = build(
        sender="Alex Example <alex@example.org>",
        to="Priti Shah <priti.shah@nvf-group.example>",
        subject="Thank you",
        body="Hi Priti, thank you for seeing me this morning.",
        date=day(12),
    )
    assert extracted(ats, thanks).addresses == ["priti.shah@nvf-group.example"]


def test_a_talk_arranged_in_a_short_mail_and_thanks_for_coming_in_make_an_interview() -> None:
    note = build(
        sender="Gus Hale <gus.hale@acme-robotics.example>",
        subject="Thursday",
        body="Alex, good to speak this morning. Thursday at 10 here: you'll meet me and Ivy.",
        cc="Ivy Moss <ivy.moss@acme-robotics.example>",
        date=day(10),
        msgid=INVITE_ID,
    )
    reject = build(
        sender="Gus Hale <gus.hale@acme-robotics.example>",
        subject="The ledger job",
        body="Hi Alex, thanks for coming in last week. We've filled the position with "
        "someone who has done it before.",
        date=day(20),
    )
    x = extracted(reject, note)
    assert x.stage == "interview"
    assert sorted(x.addresses) == [
        "gus.hale@acme-robotics.example",
        "ivy.moss@acme-robotics.example",
    ]


@pytest.mark.parametrize(
    ("sender", "subject", "company"),
    [
        (
            "Personalservice Süd im Auftrag der Leitner Pumpen GmbH <jobs@hr-sued.example>",
            "Ihre Bewerbung",
            "Leitner Pumpen GmbH",
        ),
        (
            "Position Entwicklungsingenieur Mechanik <noreply@jobs.brenninger-med.example>",
            "Ihre Bewerbung",
            "Brenninger Med",
        ),
    ],
)
def test_the_company_behind_an_agency_or_an_ats(sender: str, subject: str, company: str) -> None:
    from daemon.extract import find_company

    msg = parse(build(sender=sender, subject=subject, body="Guten Tag,\nleider nicht."))
    assert find_company(msg, RS.senders) == company


def test_an_ats_host_stands_for_its_organisations_domain() -> None:
    from daemon.history import organisation_domain

    assert organisation_domain("jobs.brenninger-med.example") == "brenninger-med.example"
    assert organisation_domain("mail.acme.co.uk") == "acme.co.uk"
    assert organisation_domain("acme.example") == "acme.example"


def test_a_written_invitation_and_a_later_decision_make_an_interview() -> None:
    """No calendar and no thanks: a short mail inviting Alex to a video call,
    and the same person's decision two weeks later."""
    invite = build(
        sender="Mira Holt <mira.holt@kestrel-freight.example>",
        subject="Your application: Logistics Planner",
        body="Hi Alex,\nwould you be free to meet us on Tuesday at 14:00? We would like to "
        "invite you to an interview with our planning lead and me.\nMira",
        date=day(2),
        msgid="<inv@kestrel-freight.example>",
    )
    decision = build(
        sender="Mira Holt <mira.holt@kestrel-freight.example>",
        subject="Logistics Planner",
        body="Hi Alex,\nI'm sorry to tell you that we have decided not to proceed with your "
        "application.\nMira",
        date=day(16),
    )
    x = extracted(decision, invite)
    assert x.stage == "interview"
    assert list(x.addresses) == ["mira.holt@kestrel-freight.example"]


def test_an_hr_service_writing_for_the_employer_leads_to_the_employers_people() -> None:
    """The rejection comes from an outsourced HR service's shared inbox "on
    behalf of" the employer, whose domain does not bear its name; an earlier
    mail from that domain is signed with it, and its manager invited Alex."""
    ack = build(
        sender="Brenner Ventile – Recruiting <recruiting@bvx-holding.example>",
        subject="Eingangsbestätigung Ihrer Bewerbung",
        body="Sehr geehrter Herr Example,\nwir bestätigen den Eingang Ihrer Bewerbung.",
        date=day(1),
    )
    invite = build(
        sender="Jonas Pfeil <jonas.pfeil@bvx-holding.example>",
        subject="Einladung zum Vorstellungsgespräch",
        body="Sehr geehrter Herr Example,\ngerne laden wir Sie zu einem Vorstellungsgespräch "
        "am Montag ein.\nJonas Pfeil, Brenner Ventile GmbH",
        date=day(3),
    )
    decision = build(
        sender="HR Partner Nord im Auftrag der Brenner Ventile GmbH <bewerbung@hrpartner-nord.example>",
        subject="Ihre Bewerbung bei der Brenner Ventile GmbH",
        body="Sehr geehrter Herr Example,\nim Auftrag der Brenner Ventile GmbH danken wir Ihnen "
        "für das Gespräch. Leider hat man sich für einen anderen Bewerber entschieden.",
        date=day(18),
    )
    x = extracted(decision, ack, invite)
    assert x.stage == "interview"
    assert list(x.addresses) == ["jonas.pfeil@bvx-holding.example"]


def test_a_shared_inbox_that_only_acknowledged_is_nobody_to_write_to() -> None:
    """The HR inbox sent the acknowledgement and the decision; the talk was
    arranged by phone. A shared mailbox stands in for people only when the
    user corresponded with it about the talks."""
    ack = build(
        sender="Talent Team <talent@quarry-labs.example>",
        subject="We received your application",
        body="Hi Alex,\nthanks for applying to Quarry Labs; we have received your application.",
        date=day(1),
    )
    decision = build(
        sender="Talent Team <talent@quarry-labs.example>",
        subject="Your application at Quarry Labs",
        body="Hi Alex,\nthank you for the interview last week. Unfortunately we have decided "
        "to move forward with other candidates.",
        date=day(18),
    )
    x = extracted(decision, ack)
    assert x.stage == "interview"
    assert list(x.addresses) == []


def _assistant_invite(body: str, cc: str) -> bytes:
    return build(
        sender="Rita Vogt <rita.vogt@hafenwerk.example>",
        subject="Einladung zum Vorstellungsgespräch",
        body=body,
        cc=cc,
        date=day(3),
        msgid="<inv@hafenwerk.example>",
    )


_HAFENWERK_DECISION = build(
    sender="Rita Vogt <rita.vogt@hafenwerk.example>",
    subject="AW: Einladung zum Vorstellungsgespräch",
    body="Sehr geehrter Herr Example,\nim Auftrag von Herrn Brandt melde ich mich zu Ihrem "
    "Gespräch. Leider hat man sich für eine andere Bewerberin entschieden.",
    date=day(20),
    in_reply_to="<inv@hafenwerk.example>",
)
_PANEL_CC = "Jan Brandt <jan.brandt@hafenwerk.example>, Ute Sommer <ute.sommer@hafenwerk.example>"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # An assistant's invitation that names the panel: she only arranged it
        # (the names may carry titles, and she may say she copied them in).
        (
            "Sehr geehrter Herr Example,\ngerne lade ich Sie zu einem Vorstellungsgespräch ein. "
            "Das Gespräch führen Herr Dr. Jan Brandt (Leitung) und Frau Ute Sommer, die ich in "
            "Kopie gesetzt habe.",
            ["jan.brandt@hafenwerk.example", "ute.sommer@hafenwerk.example"],
        ),
        # ... unless she names herself among them.
        (
            "Sehr geehrter Herr Example,\ngerne lade ich Sie zu einem Vorstellungsgespräch ein. "
            "Ihre Gesprächspartner sind Herr Brandt, Frau Sommer und ich.",
            [
                "jan.brandt@hafenwerk.example",
                "rita.vogt@hafenwerk.example",
                "ute.sommer@hafenwerk.example",
            ],
        ),
        # No names in the text: everyone on the invitation, as before.
        (
            "Sehr geehrter Herr Example,\ngerne lade ich Sie zu einem Vorstellungsgespräch ein.",
            [
                "jan.brandt@hafenwerk.example",
                "rita.vogt@hafenwerk.example",
                "ute.sommer@hafenwerk.example",
            ],
        ),
    ],
)
def test_an_invitation_that_names_the_panel_leaves_its_arranger_out(
    body: str, expected: list[str]
) -> None:
    x = extracted(_HAFENWERK_DECISION, _assistant_invite(body, _PANEL_CC))
    assert sorted(x.addresses) == expected


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("You'll be meeting Jan Brandt and Ute Sommer from the platform team.", {"jan", "ute"}),
        ("Vous rencontrerez Mme Sommer, notre directrice technique.", {"ute"}),
        ("Te entrevistarán Jan Brandt y Ute Sommer.", {"jan", "ute"}),
        ("Het gesprek wordt gevoerd door Jan Brandt en mij.", {"jan", "rita"}),
        ("Sie sprechen mit unserem Leiter, Herrn Brandt, und mir.", {"jan", "rita"}),
        ("Le jury sera composé de M. Jan Brandt et de Mme Ute Sommer.", {"jan", "ute"}),
        ("The interview panel will be made up of Jan Brandt and Ute Sommer.", {"jan", "ute"}),
        ("Die Kommission besteht aus Herrn Brandt und Frau Sommer.", {"jan", "ute"}),
        ("El tribunal estará formado por Jan Brandt y Ute Sommer.", {"jan", "ute"}),
        ("De selectiecommissie bestaat uit Jan Brandt en Ute Sommer.", {"jan", "ute"}),
        ("Te invitamos a una entrevista por Zoom con Ute Sommer, nuestra directora.", {"ute"}),
        ("We'd like to set up a video interview with Jan Brandt next week.", {"jan"}),
        ("Wir laden Sie zu einem Gespräch mit uns und Herrn Brandt ein.", {"jan", "rita"}),
        ("Your panel will be Jan Brandt and Ute Sommer, both copied here.", {"jan", "ute"}),
        # the writer says they will not be there: nobody named, but not them
        ("I coordinate the process and will not be on the call myself.", set()),
        ("Yo únicamente coordino las agendas y no estaré en la entrevista.", set()),
        ("Das Gespräch führen Frau Mag.a pharm. Sommer und ich.", {"ute", "rita"}),
        ("Wir freuen uns auf das Gespräch mit Ihnen.", None),
        ("Het gesprek is met Jan Brandt; ik plan alleen de afspraak.", {"jan"}),
        ("Neben Herrn Brandt wird auch Frau Sommer anwesend sein.", {"jan", "ute"}),
        ("I only coordinate the scheduling for the team.", set()),
        ("Je m'occupe uniquement de l'agenda des entretiens.", set()),
    ],
)
def test_named_panel(text: str, named: set[str] | None) -> None:
    from daemon.panel import named_panel

    msg = parse(_assistant_invite(text, _PANEL_CC))
    found = named_panel(msg)
    assert (None if found is None else {a.split(".")[0] for a in found}) == named


def test_a_recruiter_writing_on_behalf_of_its_client_names_the_company() -> None:
    from daemon.extract import find_company

    msg = parse(
        build(
            sender="Marta Gil <marta.gil@seleccion-norte.example>",
            subject="Proceso Analista de Datos",
            body="Hola Alex:\nA nombre de Cooperativa Olivar, te agradecemos tu participación. "
            "Han decidido continuar con otra persona.",
        )
    )
    assert find_company(msg, RS.senders) == "Cooperativa Olivar"


def test_thanks_for_a_phone_call_in_sent_mail_make_the_caller_an_interviewer() -> None:
    """Dutch, a call arranged by phone: only the user's thanks show it."""
    thanks = build(
        sender="Alex Example <alex@example.org>",
        to="Els Peeters <els.peeters@havenbedrijf-oost.example>",
        subject="Re: Kandidatuur beleidsmedewerker",
        body="Beste Els,\nNogmaals bedankt om me gisteren op te bellen; het telefoongesprek "
        "heeft de functie voor mij veel duidelijker gemaakt.\nGroeten, Alex",
        date=day(4),
    )
    decision = build(
        sender="Els Peeters <els.peeters@havenbedrijf-oost.example>",
        subject="Beleidsmedewerker",
        body="Dag Alex,\nJammer genoeg hebben we gekozen voor iemand die al bij een haven "
        "gewerkt heeft.\nGroetjes, Els",
        date=day(19),
    )
    x = extracted(decision, thanks)
    assert x.stage == "interview"
    assert list(x.addresses) == ["els.peeters@havenbedrijf-oost.example"]


def test_the_employers_thanks_for_a_meeting_make_an_interview() -> None:
    """A start-up's CTO: a coffee, then "great to meet", then the decision."""
    coffee = build(
        sender="Rory Dunn <rory@puffin-labs.example>",
        subject="Re: Backend role",
        body="Hi Alex,\nGreat to meet last week. Would you come in for a pairing afternoon?\nRory",
        date=day(5),
    )
    decision = build(
        sender="Rory Dunn <rory@puffin-labs.example>",
        subject="Following up",
        body="Hi Alex,\nWe've had a long think and I'm afraid we won't be taking things forward "
        "with you for now.\nRory",
        date=day(19),
    )
    x = extracted(decision, coffee)
    assert x.stage == "interview"
    assert list(x.addresses) == ["rory@puffin-labs.example"]


def test_someone_an_updated_invitation_takes_off_the_panel_is_no_interviewer() -> None:
    """Dana copies Lee and Sam on the plan; the calendar's update (same UID,
    higher SEQUENCE) swaps Sam for Kim: Sam never met Alex."""
    plan = build(
        sender=DANA,
        subject="Next step: panel interview",
        body="Hi Alex,\nthe next step is a panel with Lee and Sam, whom I've copied here.",
        cc="Lee Chen <lee.chen@acme-robotics.example>, Sam Ode <sam.ode@acme-robotics.example>",
        date=day(8),
        msgid="<plan@acme-robotics.example>",
    )
    first = build(
        sender=DANA,
        subject="Invitation: panel interview",
        body="Calendar invitation.",
        ics=ics(
            attendees=(
                "lee.chen@acme-robotics.example",
                "sam.ode@acme-robotics.example",
                "alex@example.org",
            )
        ),
        date=day(9),
    )
    update = build(
        sender=DANA,
        subject="Updated invitation: panel interview",
        body="Hi Alex,\nSam is off sick; Kim takes the seat. Time and place stay the same.",
        ics=ics(
            sequence=1,
            attendees=(
                "lee.chen@acme-robotics.example",
                "kim.park@acme-robotics.example",
                "alex@example.org",
            ),
        ),
        date=day(11),
    )
    x = extracted(rejection(in_reply_to="<plan@acme-robotics.example>"), plan, first, update)
    assert "sam.ode@acme-robotics.example" not in x.addresses
    assert {"lee.chen@acme-robotics.example", "kim.park@acme-robotics.example"} <= set(x.addresses)
    assert any("taken off the panel" in n for n in x.notes)


def test_the_organizer_of_a_talk_with_the_user_alone_took_part() -> None:
    """A screening call whose calendar lists only the guest: the organizer is
    the one the user met, not a coordinator."""
    screen = build(
        sender=DANA,
        subject="Intro call",
        body="Hi Alex, here is the invitation for our intro call.",
        date=day(10),
        msgid=INVITE_ID,
        ics=ics(organizer="dana.reyes@acme-robotics.example", attendees=("alex@example.org",)),
    )
    assert extracted(rejection(), screen).addresses == ["dana.reyes@acme-robotics.example"]


def test_the_client_copied_on_an_agencys_invitation_interviewed() -> None:
    invite = build(
        sender="Mo Lind <mo.lind@staffbridge.example>",
        cc="Ana Ruiz <ana.ruiz@acme-robotics.example>",
        subject="Introduction",
        body="Hi Alex, as agreed I am putting you in touch with Ana (copied). "
        "We'd love to invite you to an interview with her on Monday.",
        date=day(10),
        msgid=INVITE_ID,
    )
    decision = build(
        sender="Mo Lind <mo.lind@staffbridge.example>",
        subject="Re: Introduction",
        in_reply_to=INVITE_ID,
        body="Hi Alex, thanks for meeting Ana. I spoke with her this morning: they have decided "
        "to move forward with another candidate.",
        date=day(20),
    )
    assert "ana.ruiz@acme-robotics.example" in extracted(decision, invite).addresses


@pytest.mark.parametrize(
    "note",
    [
        "Thanks for having me for the trial shift on Saturday!",
        "Danke für das Probearbeiten am Dienstag.",
        "Merci pour cette matinée d'essai au laboratoire.",
        "Gracias por el día de prueba en la cocina.",
        "Bedankt voor de proefdag van gisteren.",
    ],
)
def test_a_trial_shift_the_user_thanks_for_is_a_talk(note: str) -> None:
    thanks = build(
        sender="Alex Example <alex@example.org>",
        to="Dana Reyes <dana.reyes@acme-robotics.example>",
        subject="Thank you",
        body=note,
        date=day(12),
    )
    x = extracted(rejection(), thanks)
    assert x.stage == "interview" and x.addresses == ["dana.reyes@acme-robotics.example"]


# A recruiter invites the user to a talk with two people she does not copy;
# they appear only on the scheduling tool's calendar event. She arranged the
# talk; her own rejection later does not make her an interviewer.
_SCHEDULER = "Slots <invites@slotpicker.test>"


@pytest.mark.parametrize(
    "invite_body",
    [
        "Hi Alex,\nI'm the recruiter for this search. The team would like to invite you to a "
        "50-minute video interview with Ines Duarte (Head of Data) and Ravi Menon (Staff "
        "Engineer). Please pick a slot with the link below.\nBest, Wendy",
        "Hola Alex:\nLe convocamos a una entrevista el martes. Le entrevistarán D. Ravi Menon, "
        "jefe de datos (ravi.menon@lumacore.example), y Dña. Ines Duarte "
        "(ines.duarte@lumacore.example).\nUn saludo, Wendy",
    ],
)
def test_a_recruiter_whose_invitation_names_an_uncopied_panel_is_left_out(
    invite_body: str,
) -> None:
    invite = build(
        sender="Wendy Park <wendy.park@lumacore.example>",
        subject="Lumacore: next step",
        body=invite_body,
        date=day(5),
        msgid="<next@lumacore.example>",
    )
    event = build(
        sender=_SCHEDULER,
        subject="Invitation: Interview with Lumacore",
        body="You have a new booking.",
        date=day(6),
        ics=ics(
            uid="slot-9@slotpicker.test",
            organizer="invites@slotpicker.test",
            attendees=(
                "ines.duarte@lumacore.example",
                "ravi.menon@lumacore.example",
                "alex@example.org",
            ),
        ),
    )
    decision = build(
        sender="Wendy Park <wendy.park@lumacore.example>",
        subject="Update on your Lumacore application",
        body="Hi Alex,\nthanks for your patience while the team wrapped up. I'm sorry to say we "
        "won't be moving forward with your application. I know Ines and Ravi enjoyed the "
        "conversation.\nBest, Wendy",
        date=day(20),
    )
    x = extracted(decision, invite, event)
    assert sorted(x.addresses) == ["ines.duarte@lumacore.example", "ravi.menon@lumacore.example"]


def test_careers_mailboxes_in_other_languages_are_shared_mailboxes() -> None:
    senders = RS.senders
    for local in (
        "carrieres",
        "carreras",
        "ressources-humaines",
        "personeel",
        "rh-montreal",
        "treball",  # Catalan
        "lavora-con-noi",  # Italian
        "trabalhe-conosco",  # Portuguese
        "concursos",  # a public competition's office
        "candidates",
    ):
        assert senders.is_role(f"{local}@lumacore.example"), local
    assert not senders.is_role("carrie.reyes@lumacore.example")


def test_a_panel_written_out_with_addresses_in_the_invitation_is_the_panel() -> None:
    invite = build(
        sender="Petra Lang <petra.lang@lernwerk.example>",
        subject="Einladung",
        body="Sehr geehrter Herr Example,\nwir freuen uns, Sie zu einem Vorstellungsgespräch am "
        "Dienstag, 4. März, um 11 Uhr in unser Büro einzuladen. Das Gespräch führen Herr Dr. "
        "Timo Brandl (timo.brandl@lernwerk.example) und Frau Jana Wirth "
        "(jana.wirth@lernwerk.example).\nMit freundlichen Grüßen\nPetra Lang",
        date=day(3),
    )
    decision = build(
        sender="Petra Lang <petra.lang@lernwerk.example>",
        subject="Ihre Bewerbung",
        body="Sehr geehrter Herr Example,\nwir danken Ihnen für Ihren Besuch. Leider haben wir "
        "uns für eine andere Bewerberin entschieden.\nMit freundlichen Grüßen\nPetra Lang",
        date=day(20),
    )
    x = extracted(decision, invite)
    assert x.stage == "interview"
    assert sorted(x.addresses) == ["jana.wirth@lernwerk.example", "timo.brandl@lernwerk.example"]
    assert any("named for the interview" in e for i in x.interviewers for e in i.evidence)


@pytest.mark.parametrize(
    "sent_body",
    [
        "Hi Noor,\nthanks for ringing me this morning. Here are the portfolio links.\nAlex",
        "Hi Noor,\nhere are the two links I mentioned during our call.\nAlex",
    ],
)
def test_the_users_mail_about_a_phone_call_names_who_called(sent_body: str) -> None:
    sent = build(
        sender="Alex Example <alex@example.org>",
        to="Noor Haddad <noor.haddad@brightline.example>",
        subject="Links",
        body=sent_body,
        date=day(8),
    )
    decision = build(
        sender="Brightline Talent <talent@brightline.example>",
        subject="Your application",
        body="Dear Alex,\nthank you for taking the time to speak with us. We regret that we will "
        "not be progressing your application.\nThe Talent Team",
        date=day(20),
    )
    x = extracted(decision, sent)
    assert list(x.addresses) == ["noor.haddad@brightline.example"]


def _agency_history(client_word: str) -> tuple[bytes, ...]:
    intro = build(
        sender="Tom Okafor <tom.okafor@hirebridge.example>",
        subject="Next step with our client",
        body="Hi Alex,\nmy client would like to meet you. You'll be meeting Sara Lind, their "
        "optics lead (copied here), who will send you an invitation herself.\nTom",
        cc="Sara Lind <sara.lind@kestrel-optics.example>",
        date=day(4),
        msgid="<intro@hirebridge.example>",
    )
    event = build(
        sender="Sara Lind <sara.lind@kestrel-optics.example>",
        subject="Interview: optics engineer",
        body="Hi Alex, here is the invitation for Thursday.\nSara",
        date=day(6),
        ics=ics(
            uid="k-1@kestrel-optics.example",
            organizer="sara.lind@kestrel-optics.example",
            attendees=("alex@example.org",),
        ),
    )
    decision = build(
        sender="Tom Okafor <tom.okafor@hirebridge.example>",
        subject="Feedback",
        body=f"Hi Alex,\n{client_word} has decided to go ahead with another candidate for the "
        "role. Sorry to bring bad news.\nTom",
        date=day(20),
    )
    return decision, intro, event


def test_an_agency_rejection_that_names_its_client_reaches_the_clients_interviewer() -> None:
    decision, *history = _agency_history("Kestrel")
    x = extracted(decision, *history)
    assert list(x.addresses) == ["sara.lind@kestrel-optics.example"]
    assert "kestrel-optics.example" in x.employer_domains
    # her own calendar invitation is part of the history read
    assert "calendar organizer (2026-02-20)" in x.interviewers[0].evidence


def test_a_domain_the_rejection_does_not_name_is_no_client() -> None:
    from daemon.extract import client_domains

    decision, *history = _agency_history("The company")
    found = client_domains(
        parse(decision),
        [parse(h) for h in history],
        ["hirebridge.example"],
        {"alex@example.org"},
        RS.senders,
    )
    assert found == []


@pytest.mark.parametrize(
    ("sender", "cc", "body", "expected"),
    [
        # the writer names themself and a copied colleague in the talks
        (
            "Maya Holt <maya.holt@quillon.example>",
            "Ben Ortiz <ben.ortiz@quillon.example>",
            "Dear Alex,\nthank you for your time over the three interviews with Ben and me. "
            "The search has been cancelled, and we are closing the process with everyone.",
            ["ben.ortiz@quillon.example", "maya.holt@quillon.example"],
        ),
        # a recruiter's screening call, in the first person
        (
            "Maya Holt <maya.holt@quillon.example>",
            None,
            "Hi Alex,\nthanks again for taking my call on Monday - it was lovely to chat. We have "
            "agreed not to move you forward to the next round.",
            ["maya.holt@quillon.example"],
        ),
        # "Ben and I have offered the role to someone else": the two who decided
        (
            "Maya Holt <maya.holt@quillon.example>",
            "Ben Ortiz <ben.ortiz@quillon.example>",
            "Dear Alex,\nyou interviewed really well. After a long discussion, Ben and I have "
            "offered the role to another candidate.",
            ["ben.ortiz@quillon.example", "maya.holt@quillon.example"],
        ),
        (
            "Inés Vidal <ines.vidal@quillon.example>",
            None,
            "Hola Alex:\ngracias de nuevo por la llamada del lunes; fue muy agradable conocerte. "
            "No vamos a continuar con tu proceso para la siguiente fase.",
            ["ines.vidal@quillon.example"],
        ),
        (
            "Chloé Marin <chloe.marin@quillon.example>",
            "Paul Roy <paul.roy@quillon.example>",
            "Bonjour Alex,\nPaul et moi avions beaucoup apprécié nos deux entretiens avec vous. "
            "Le poste est malheureusement supprimé et nous clôturons donc le processus pour "
            "l'ensemble des candidats.",
            ["chloe.marin@quillon.example", "paul.roy@quillon.example"],
        ),
    ],
)
def test_a_lone_rejection_names_who_was_in_the_talk(
    sender: str, cc: str | None, body: str, expected: list[str]
) -> None:
    assert drafted_after_a_talk(sender, cc, "Your application", body) == expected


@pytest.mark.parametrize(
    ("sender", "cc", "subject", "body", "expected"),
    [
        # the writer and a colleague named in the same breath, in each language
        (
            "Jorn Visser <jorn.visser@kadeplan.example>",
            "Ilse Bos <ilse.bos@kadeplan.example>",
            "Je sollicitatie",
            "Beste Alex,\nbedankt voor je komst en voor het gesprek met Ilse en mij. Helaas hebben "
            "we besloten de procedure voor alle kandidaten stop te zetten.",
            ["ilse.bos@kadeplan.example", "jorn.visser@kadeplan.example"],
        ),
        (
            "Tina Brandl <tina@kadeplan.example>",
            "Uwe Roth <uwe.roth@kadeplan.example>",
            "Danke für deinen Besuch",
            "Hallo Alex,\ndanke, dass du dir Zeit für Uwe und mich genommen hast. Wir haben uns "
            "am Ende für jemanden mit Lagererfahrung entschieden.",
            ["tina@kadeplan.example", "uwe.roth@kadeplan.example"],
        ),
        (
            "Sven Kramer <sven.kramer@kadeplan.example>",
            "Lea Voss <lea.voss@kadeplan.example>",
            "Unser Gespräch",
            "Sehr geehrter Herr Example,\nvielen Dank für das offene Gespräch am Dienstag mit "
            "Frau Voss und mir. Wir haben uns für eine interne Kandidatin entschieden.",
            ["lea.voss@kadeplan.example", "sven.kramer@kadeplan.example"],
        ),
        # a reply to the user's thanks for the talk: the writer was in it
        (
            "Rolf Maier <r.maier@kadeplan.example>",
            None,
            "AW: Vielen Dank für das Gespräch",
            "Guten Tag Herr Example,\nleider haben wir uns nach der zweiten Runde für eine "
            "interne Lösung entschieden.",
            ["r.maier@kadeplan.example"],
        ),
        # a small employer's shared mailbox that held the talk
        (
            "Kadeplan <jobs@kadeplan.example>",
            None,
            "Thanks for visiting",
            "Hi Alex,\nthanks for coming in to chat with us on Friday. We've decided to go with "
            "someone who has run a bakery before.\nThe Kadeplan team",
            ["jobs@kadeplan.example"],
        ),
        (
            "Atelier Kadeplan <recrutement@kadeplan.example>",
            None,
            "Votre visite",
            "Bonjour Alex,\nmerci d'être venu nous rencontrer à l'atelier mardi. Nous avons "
            "finalement choisi une autre candidate.\nL'équipe",
            ["recrutement@kadeplan.example"],
        ),
    ],
)
def test_who_was_in_the_talk_from_the_rejection_alone(
    sender: str, cc: str | None, subject: str, body: str, expected: list[str]
) -> None:
    assert drafted_after_a_talk(sender, cc, subject, body) == expected


def test_a_shared_mailbox_that_only_reports_a_decision_is_no_interviewer() -> None:
    x = extracted(
        build(
            sender="Kadeplan <jobs@kadeplan.example>",
            subject="Your application",
            body="Hi Alex,\nthank you for interviewing last week. We have decided to move "
            "forward with other candidates.\nKadeplan Recruiting",
            date=day(20),
        )
    )
    assert x.stage == "interview"
    assert list(x.addresses) == []


def test_a_domain_sharing_the_senders_own_name_is_no_client() -> None:
    from daemon.extract import client_domains

    decision = build(
        sender="Ola Berg <ola.berg@solberg-design.example>",
        subject="Solberg Design – your application",
        body="Hi Alex,\nSolberg has decided to go ahead with another candidate.",
        date=day(20),
    )
    other = build(
        sender="Per Lund <per.lund@solberg-shipping.example>",
        subject="Shipping news",
        body="Hi Alex, our newsletter.",
        date=day(3),
    )
    found = client_domains(
        parse(decision),
        [parse(other)],
        ["solberg-design.example"],
        {"alex@example.org"},
        RS.senders,
    )
    assert found == []


@pytest.mark.parametrize(
    ("sender", "cc", "body", "expected"),
    [
        # an ATS mail that says who interviewed, copied
        (
            "Tidewell Careers <no-reply@orla-ats.test>",
            "Rhea Malik <rhea.malik@tidewell.example>",
            "Hi Alex,\nthank you for interviewing with Tidewell. The team has decided not to move "
            "forward with your candidacy. Rhea Malik, who interviewed you, is copied and sends "
            "her thanks.",
            ["rhea.malik@tidewell.example"],
        ),
        # a recruiter who was not there writes for the panel
        (
            "Lena Ward <lena.ward@tidewell.example>",
            "Rhea Malik <rhea.malik@tidewell.example>, Tom Eze <tom.eze@tidewell.example>",
            "Dear Alex,\nI'm writing on behalf of the panel you met on Tuesday, Rhea Malik and "
            "Tom Eze, who are copied. I wasn't part of the interview myself. They have decided "
            "not to offer you the role.",
            ["rhea.malik@tidewell.example", "tom.eze@tidewell.example"],
        ),
        (
            "Lena Ward <lena.ward@tidewell.example>",
            "Tom Eze <tom.eze@tidewell.example>",
            "Dear Alex,\nfollowing your two interviews with Tom Eze (cc'd), I am sorry to say "
            "the role has been closed.",
            ["tom.eze@tidewell.example"],
        ),
        (
            "Personal <personal@tidewell.example>",
            "Jonas Reiter <jonas.reiter@tidewell.example>",
            "Sehr geehrter Herr Example,\nHerr Reiter, mit dem Sie am 3. März gesprochen haben, "
            "hat mich gebeten, Ihnen abzusagen: wir haben uns für eine andere Bewerberin "
            "entschieden.",
            ["jonas.reiter@tidewell.example"],
        ),
        (
            "Selección <seleccion@tidewell.example>",
            "Pilar Soto <pilar.soto@tidewell.example>",
            "Hola Alex:\nte escribo de parte de Pilar Soto, quien te entrevistó el lunes. Optaron "
            "por seguir con otra persona.",
            ["pilar.soto@tidewell.example"],
        ),
        # a talk offered, not held, names nobody
        (
            "Koen Smit <koen.smit@tidewell.example>",
            "Ruud Bos <ruud.bos@tidewell.example>",
            "Beste Alex,\nna ons telefoongesprek had ik je graag uitgenodigd voor een gesprek met "
            "Ruud. Inmiddels is de vacature intern ingevuld.",
            ["koen.smit@tidewell.example"],
        ),
    ],
)
def test_the_rejection_names_who_interviewed_among_its_recipients(
    sender: str, cc: str, body: str, expected: list[str]
) -> None:
    assert drafted_after_a_talk(sender, cc, "Your application", body) == expected


def test_and_i_ending_a_clause_is_no_writer_in_the_talk() -> None:
    from daemon.panel import writer_took_part

    msg = parse(
        build(
            sender="Lena Ward <lena.ward@tidewell.example>",
            body="If you would like feedback, please let me know and I will arrange a call.",
        )
    )
    assert writer_took_part(msg, strict=True) is None


def test_a_writer_who_says_they_were_not_in_the_interview_is_left_out() -> None:
    earlier = build(
        sender="Carla Ruiz <carla.ruiz@tidewell.example>",
        subject="Entrevista",
        body="Hola Alex:\nte confirmo la entrevista del martes con Pilar Soto.",
        date=day(5),
    )
    decision = build(
        sender="Carla Ruiz <carla.ruiz@tidewell.example>",
        cc="Pilar Soto <pilar.soto@tidewell.example>",
        subject="Resultado",
        body="Hola Alex:\nte escribo de parte de Pilar Soto, quien te entrevistó. Yo no estuve "
        "en la entrevista. Sin embargo, optaron por otra persona.",
        date=day(20),
    )
    x = extracted(decision, earlier)
    assert list(x.addresses) == ["pilar.soto@tidewell.example"]


@pytest.mark.parametrize(
    ("sender", "cc", "subject", "body", "expected"),
    [
        (
            "Atelier Dumas <recrutement@dumas-cuir.example>",
            None,
            "Merci pour votre visite",
            "Bonjour Alex,\nmerci d'être passé à l'atelier pour l'entretien. Nous avons passé un "
            "bon moment avec vous. Nous avons finalement choisi une personne du quartier.",
            ["recrutement@dumas-cuir.example"],
        ),
        (
            "Recrutement Dumas <no-reply@dumas-cuir.example>",
            "Inès Roy <ines.roy@dumas-cuir.example>",
            "Votre candidature",
            "Bonjour Alex,\nmerci d'avoir rencontré Inès Roy, en copie, lors de l'entretien du "
            "4 mars. Le poste a été pourvu.",
            ["ines.roy@dumas-cuir.example"],
        ),
        (
            "Tostadora Luz <empleo@tostadora-luz.example>",
            None,
            "Gracias por venir",
            "Hola Alex:\ngracias por venir al tostadero el martes; lo pasamos muy bien hablando "
            "contigo. Al final nos hemos decantado por otra persona.",
            ["empleo@tostadora-luz.example"],
        ),
        # German written without umlauts, in the writer's own talk
        (
            "Markus Wendt <m.wendt@kontorwerk.example>",
            None,
            "Stelle Disposition",
            "Hallo Herr Example,\nnach unseren zwei Gespraechen moechte ich Ihnen persoenlich "
            "schreiben: die Stelle wurde leider gestrichen. Das tut mir leid, ich haette Sie "
            "gerne im Team gehabt.\nViele Gruesse\nMarkus Wendt",
            ["m.wendt@kontorwerk.example"],
        ),
    ],
)
def test_more_talks_from_the_rejection_alone(
    sender: str, cc: str | None, subject: str, body: str, expected: list[str]
) -> None:
    assert drafted_after_a_talk(sender, cc, subject, body) == expected


@pytest.mark.parametrize(
    ("sender", "cc", "subject", "body", "expected"),
    [
        # the writer speaks of the talk as theirs, and nothing else says one was held
        (
            "Rosa Lindqvist <rosa.lindqvist@fernmoor.example>",
            None,
            "Support Engineer",
            "Hi Alex,\nsince our phone screen the team has met four more people, and we are "
            "appointing another candidate who already knows our ticketing tool.\nRosa",
            ["rosa.lindqvist@fernmoor.example"],
        ),
        (
            "Ines Baptiste <ines@pebblestack.example>",
            None,
            "hey",
            "Alex, I liked pairing with you on Thursday a lot. Still, for this hire we're going to take on "
            "someone who has shipped a billing system before.\nines",
            ["ines@pebblestack.example"],
        ),
        (
            "Koen Aerts <koen.aerts@dijkwerk.example>",
            None,
            "Uw kandidatuur",
            "Beste Alex,\nik heb ons gesprek van dinsdag als heel prettig ervaren. Toch hebben "
            "we de functie aan een andere kandidaat gegeven.\nKoen",
            ["koen.aerts@dijkwerk.example"],
        ),
        # the writer and a colleague named as the ones the user gave their time to
        (
            "Tom Hale <tom.hale@orchardline.example>",
            "Mira Sol <mira.sol@orchardline.example>",
            "Planner role",
            "Hi Alex,\nthank you for the morning you gave Mira and me last week. We have "
            "offered the role to another candidate.\nTom",
            ["mira.sol@orchardline.example", "tom.hale@orchardline.example"],
        ),
        # the writer ran the round
        (
            "Devika Rao <devika.rao@tarangsoft.example>",
            None,
            "Analytics Engineer",
            "Hi Alex,\nit was a pleasure taking your coding round on Monday. We have decided "
            "to go ahead with another profile for this opening.\nDevika",
            ["devika.rao@tarangsoft.example"],
        ),
        # thanks for a talk on a given day, in the first person
        (
            "Jana <jana@kleinwerk.example>",
            None,
            "Stelle Datenanalyse",
            "Hi Alex,\ndanke dir für das Gespräch am Dienstag. Wir haben uns für jemanden "
            "entschieden, der schon mit Zählerdaten gearbeitet hat.\nJana",
            ["jana@kleinwerk.example"],
        ),
        # an ATS writes; the interviewer is named with the address written out
        (
            "Careers <no-reply@ats.example>",
            None,
            "Your application at Sarkar Systems",
            "Dear Alex,\nbased on your technical rounds and your HR discussion with our "
            "manager Ms. Ritu Sarkar (ritu.sarkar@sarkarsystems.example), we are not in a "
            "position to offer you this role.\nSarkar Systems",
            ["ritu.sarkar@sarkarsystems.example"],
        ),
        # the writer sat on the panel with the colleagues they name and copy
        (
            "Olga Brandt <olga.brandt@quaywise.example>",
            "Piet Smit <piet.smit@quaywise.example>",
            "Controller role",
            "Dear Alex,\nwe will not be offering you the Controller role. Piet, who sat on "
            "the panel with me, is copied.\nOlga",
            ["olga.brandt@quaywise.example", "piet.smit@quaywise.example"],
        ),
        # the writer's own phone interview, a colleague's technical talk
        (
            "Ute Kahl <ute.kahl@lagerfeld-log.example>",
            "Tim Sauer <tim.sauer@lagerfeld-log.example>",
            "Ihre Bewerbung",
            "Sehr geehrter Herr Example,\nnach unserem Telefoninterview und dem Fachgespräch "
            "mit Herrn Sauer, den ich in Kopie setze, müssen wir Ihnen leider absagen: die "
            "Stelle wird nicht besetzt.\nUte Kahl",
            ["tim.sauer@lagerfeld-log.example", "ute.kahl@lagerfeld-log.example"],
        ),
        # thanks for going out of one's way to meet a named colleague (copied)
        (
            "Lena Ford <lena.ford@gridhaven.example>",
            "Omar Reid <omar.reid@gridhaven.example>",
            "Planner",
            "Hi Alex,\nthanks for getting up early to meet Omar last week. The team has "
            "decided to go with someone who knows the region. Omar is copied.\nLena",
            ["omar.reid@gridhaven.example"],
        ),
        # Portuguese and Italian: the writer's own talk, a colleague with them
        (
            "Rita Sousa <rita.sousa@marealta.example>",
            None,
            "A sua candidatura",
            "Olá Alex,\nobrigada pela conversa de terça-feira. Decidimos avançar com outra "
            "pessoa para a função. Gostei muito de falar consigo.\nRita",
            ["rita.sousa@marealta.example"],
        ),
        (
            "Paola Greco <paola.greco@navigli-dati.example>",
            "Marco Riva <marco.riva@navigli-dati.example>",
            "Esito del colloquio",
            "Gentile Alex,\ngrazie per il colloquio di giovedì con me e con Marco, in copia. "
            "Abbiamo deciso di proseguire con un altro profilo.\nPaola",
            ["marco.riva@navigli-dati.example", "paola.greco@navigli-dati.example"],
        ),
        (
            "Kofi Asante <kofi.asante@redmarsh.example>",
            "Ama Boateng <ama.boateng@redmarsh.example>",
            "Our decision",
            "Hi Alex,\nthanks for your time with Ama and me on Tuesday. We've decided to go "
            "with another candidate for the role.\nKofi",
            ["ama.boateng@redmarsh.example", "kofi.asante@redmarsh.example"],
        ),
        (
            "Talent <talent@orbiswave.example>",
            None,
            "Analytics Engineer",
            "Hi Alex,\nwe have filled the vacancy internally. Tariq, who ran your technical "
            "interview, is happy to share notes: write to tariq.aziz@orbiswave.example.\nOrbis",
            ["tariq.aziz@orbiswave.example"],
        ),
        (
            "Rory <rory@saltmarsh-data.example>",
            None,
            "Tuesday",
            "Hi Alex,\nthanks for coming in on Tuesday. We're going with another candidate "
            "for the role. Best of luck.\nRory",
            ["rory@saltmarsh-data.example"],
        ),
        (
            "RR. HH. <rrhh@levante-datos.example>",
            None,
            "Cierre del proceso",
            "Hola Alex:\nla vacante se ha cubierto con una persona del equipo. Tras la "
            "entrevista técnica con Nuria Gil (nuria.gil@levante-datos.example), llegaste a la "
            "última fase; gracias.\nRR. HH.",
            ["nuria.gil@levante-datos.example"],
        ),
        (
            "Dr. Jens Vogt <jens.vogt@talwerk.example>",
            "Petra Lang <petra.lang@talwerk.example>",
            "Entscheidung",
            "Sehr geehrter Herr Example,\nim Namen von Frau Lang und mir danke für das "
            "Fachgespräch. Leider haben wir uns gegen eine weitere Berücksichtigung "
            "entschieden.\nJens Vogt",
            ["jens.vogt@talwerk.example", "petra.lang@talwerk.example"],
        ),
        (
            "Una Byrne <una.byrne@quaylight.example>",
            None,
            "Re: Following up - Data Analyst interview",
            "Hi Alex,\nsorry for the slow reply. We're going ahead with another applicant "
            "whose background is closer to pricing.\nUna",
            ["una.byrne@quaylight.example"],
        ),
    ],
)
def test_talks_the_writer_speaks_of_as_theirs(
    sender: str, cc: str | None, subject: str, body: str, expected: list[str]
) -> None:
    assert drafted_after_a_talk(sender, cc, subject, body) == expected


def test_a_recruiter_who_is_on_no_calendar_of_the_talks_only_arranged_them() -> None:
    # Kim asks Alex to book a slot with "two engineers"; a booking tool sends
    # the event with Lee and Noor; Kim writes the rejection ("thank you for
    # interviewing with us"). Kim arranged the talk and sat in none.
    kim = "Kim Park <kim.park@acme-robotics.example>"
    invite = build(
        sender=kim,
        subject="Technical interview",
        body="Hi Alex, the platform team would like to interview you: an hour with two "
        "engineers. Please pick a slot with the link below.",
        date=day(10),
        msgid="<kim-invite@acme-robotics.example>",
    )
    booking = build(
        sender="Slotbook <bookings@slotbook.example>",
        subject="Confirmed: Technical interview with Acme Robotics",
        body="Your meeting is confirmed.",
        date=day(11),
        ics=ics(
            organizer="bookings@slotbook.example",
            attendees=(
                "lee.chen@acme-robotics.example",
                "noor.haddad@acme-robotics.example",
                "alex@example.org",
            ),
        ),
    )
    reject = rejection(
        sender=kim,
        body="Hello Alex,\nthank you for interviewing with us. The panel wanted more depth on "
        "networking, so we will not be moving ahead with your application.\nKim",
    )
    x = extracted(reject, invite, booking)
    assert sorted(x.addresses) == [
        "lee.chen@acme-robotics.example",
        "noor.haddad@acme-robotics.example",
    ]


def test_a_colleague_the_writer_names_is_known_from_the_users_own_mail() -> None:
    # The user confirmed the meeting with Nora and Paco (copied); Nora's
    # rejection says "Paco y yo": both were there, though Paco never wrote.
    sent = build(
        sender="Alex Example <alex@example.org>",
        to="Nora Vidal <nora@taller-vidal.example>",
        cc="Paco Gil <paco@taller-vidal.example>",
        subject="Quedamos el jueves",
        body="Hola Nora:\nperfecto, el jueves a las 17:00 en el taller, contigo y con Paco.\nAlex",
        date=day(3),
    )
    decision = build(
        sender="Nora Vidal <nora@taller-vidal.example>",
        subject="Hola Alex",
        body="Hola Alex:\nqué gusto charlar contigo el jueves. Paco y yo lo hemos pensado mucho y "
        "al final nos quedamos con alguien que puede venir los sábados.\nNora",
        date=day(12),
    )
    x = extracted(decision, sent)
    assert sorted(x.addresses) == ["nora@taller-vidal.example", "paco@taller-vidal.example"]


@pytest.mark.parametrize(
    ("domain", "text", "written"),
    [
        ("bancoandino.example", "Saludos,\nEquipo de Talento\nBanco Andino", "Banco Andino"),
        ("mail.heringfisch.example", "Mit freundlichen Grüßen\nHering & Fisch", "Hering & Fisch"),
        ("moellerbau.example", "Viele Grüße\nMöller Bau GmbH\nHamburg", "Möller Bau GmbH"),
        ("tatlantico.example", "Atentamente,\nTransportes Atlántico", "Transportes Atlántico"),
        (
            "werkenbij-dekroon.example",
            "Met vriendelijke groet,\nDe Kroon Bakkerij",
            "De Kroon",
        ),
        ("pastadelsol.example", "Un saludo, Pasta del Sol", "Pasta del Sol"),
        ("solvhavn.example", "Best regards, Sølvhavn Analytics", "Sølvhavn"),
        ("nordwind.example", "Thanks for applying.", None),
    ],
)
def test_a_company_as_the_mail_writes_the_domains_name(
    domain: str, text: str, written: str | None
) -> None:
    from daemon.extract import company_written_as

    assert company_written_as(domain, text) == written


@pytest.mark.parametrize(
    ("sender", "subject", "body", "name"),
    [
        # an agency's subject names the client whose decision it passes on
        (
            "Ola Berg <ola.berg@fjordsearch.example>",
            "Feedback Kestrel Optics",
            "Hi Alex,\nKestrel have decided not to proceed.\nOla",
            "Kestrel Optics",
        ),
        (
            "Ola Berg <ola.berg@fjordsearch.example>",
            "Retour de Maison Lemaire – poste d'acheteur",
            "Bonjour Alex,\nle client a retenu une autre candidature.\nOla",
            "Maison Lemaire",
        ),
        (
            "Ola Berg <ola.berg@fjordsearch.example>",
            "Tallis Bank – feedback",
            "Hi Alex,\nthey went with another candidate.\nOla",
            "Tallis Bank",
        ),
        # an ATS writing in a recruiter's name: not the company
        (
            "Dana Holm <no-reply@hireplatform.test>",
            "Your Quorra Labs application",
            "Hi Alex,\nwe will not move forward.\nDana Holm\nTalent Partner",
            "Quorra Labs",
        ),
        # the firm in the signature, not its city
        (
            "Bewerbermanagement <no-reply@kesselwerk.example>",
            "Ihre Bewerbung",
            "Guten Tag,\nleider haben wir uns anders entschieden.\n\n-- \nKesselwerk Anlagenbau GmbH, "
            "Leipzig",
            "Kesselwerk Anlagenbau GmbH",
        ),
        # a signature line names a title or a city, the text the firm
        (
            "Rhys Mort <rhys.mort@wattle-rail.example>",
            "Planner role",
            "Hi Alex,\nthe Wattle Rail team went with someone local.\nRhys Mort | Senior "
            "Talent Advisor",
            "Wattle Rail",
        ),
        (
            "Ana Lobo <ana.lobo@pinhal-dados.example>",
            "Vaga de analista",
            "Olá Alex, infelizmente não seguiremos com a sua candidatura.\nAna Lobo\n"
            "Pinhal Dados, Porto",
            "Pinhal Dados",
        ),
        # "an update from me" names nobody's company
        (
            "Jo Park <jo.park@fernbrook-health.example>",
            "Analyst role - an update from me",
            "Hi Alex,\nwe will not be moving forward.\nJo Park\nFernbrook Health",
            "Fernbrook Health",
        ),
    ],
)
def test_the_company_a_follow_up_names(sender: str, subject: str, body: str, name: str) -> None:
    from daemon.extract import company_name

    msg = parse(build(sender=sender, subject=subject, body=body))
    assert company_name(msg, RS.senders) == name


def test_a_domain_named_after_a_process_word_is_no_client() -> None:
    from daemon.extract import client_domains

    decision = build(
        sender="Ola Berg <ola.berg@fjordsearch.example>",
        subject="Feedback",
        body="Hi Alex,\nafter your interview the client decided not to proceed with your application.",
        date=day(20),
    )
    tool = build(
        sender="Sam Lee <sam.lee@interviewexpert.example>",
        subject="Your interview recording",
        body="Hi Alex, your recording is ready.",
        date=day(5),
    )
    found = client_domains(
        parse(decision), [parse(tool)], ["fjordsearch.example"], {"alex@example.org"}, RS.senders
    )
    assert found == []


def test_a_coordinator_who_signs_as_one_arranged_the_talk_and_is_no_interviewer() -> None:
    # Mo schedules the talk with the hiring manager and signs with a
    # coordinator's title; the hiring manager answers with the decision.
    invite = build(
        sender="Mo Farah <mo.farah@acme-robotics.example>",
        subject="Interview for the Robotics Engineer role",
        body="Hi Alex,\n\nKit, our hiring manager, would like to meet you on Tuesday at 3pm "
        "by video. Does that work?\n\nBest,\nMo Farah\nRecruiting Coordinator",
        date=day(10),
    )
    decision = build(
        sender="Mo Farah <mo.farah@acme-robotics.example>",
        subject="Your Robotics Engineer application",
        body="Hi Alex,\n\nThanks again for your time on Tuesday. Kit has decided not to move "
        "forward with your application.\n\nMo",
        date=day(20),
    )
    x = extracted(decision, invite)
    assert "mo.farah@acme-robotics.example" not in x.addresses


def test_a_coordinator_title_does_not_outweigh_being_in_the_talk() -> None:
    invite = build(
        sender="Mo Farah <mo.farah@acme-robotics.example>",
        subject="Interview for the Robotics Engineer role",
        body="Hi Alex,\n\nI'd like to set up a first call with me on Tuesday at 3pm.\n\n"
        "Mo Farah\nTalent Coordinator",
        date=day(10),
    )
    decision = build(
        sender="Mo Farah <mo.farah@acme-robotics.example>",
        subject="Your Robotics Engineer application",
        body="Hi Alex,\n\nThanks for speaking with me on Tuesday. We've decided not to move "
        "forward with your application.\n\nMo",
        date=day(20),
    )
    assert extracted(decision, invite).addresses == ["mo.farah@acme-robotics.example"]


def test_the_writer_who_thanks_for_joining_a_colleague_and_them_took_part() -> None:
    decision = build(
        sender="Laila Noor <laila.noor@acme-robotics.example>",
        subject="Robotics Engineer",
        body="Dear Alex,\n\nThank you for joining Ben and me for the panel last week. We have "
        "decided to offer the role to another candidate.\n\nLaila Noor\nEngineering Manager",
        date=day(20),
    )
    assert extracted(decision).addresses == ["laila.noor@acme-robotics.example"]


def test_a_clients_interviewer_whose_note_an_agency_forwards_is_an_interviewer() -> None:
    relay = build(
        sender="Tess Grey <tess@brightside-staffing.example>",
        subject="Fwd: Acme feedback",
        body="Hi Alex,\n\nAcme came back to me after your interview; their note is below. "
        "Not what we hoped for, sorry.\n\nTess\n\n"
        "---------- Forwarded message ---------\n"
        "From: Lee Chen <lee.chen@acme-robotics.example>\n"
        "Date: Thu, 19 Feb 2026 at 16:00\nSubject: Alex\n"
        "To: Tess Grey <tess@brightside-staffing.example>\n\n"
        "Hi Tess,\n\nI enjoyed the interview with Alex, but we have decided to go with "
        "another candidate for the role.\n\nLee\n",
        date=day(20),
    )
    assert "lee.chen@acme-robotics.example" in extracted(relay).addresses


def test_a_forwarded_note_that_speaks_of_no_talk_is_no_evidence() -> None:
    relay = build(
        sender="Tess Grey <tess@brightside-staffing.example>",
        subject="Fwd: Acme feedback",
        body="Hi Alex,\n\nAcme's answer is below, sorry.\n\nTess\n\n"
        "---------- Forwarded message ---------\n"
        "From: Pat Roe <pat.roe@acme-robotics.example>\n"
        "Date: Thu, 19 Feb 2026 at 16:00\nSubject: Alex\n"
        "To: Tess Grey <tess@brightside-staffing.example>\n\n"
        "Hi Tess,\n\nThanks for sending Alex over; we have decided to go with another "
        "candidate for the role.\n\nPat\n",
        date=day(20),
    )
    assert "pat.roe@acme-robotics.example" not in extracted(relay).addresses


def _alone(
    sender: str, body: str, cc: str | None = None, subject: str = "Analyst role"
) -> list[str]:
    """The interviewers of a rejection read with no history."""
    return extracted(
        build(sender=sender, cc=cc, subject=subject, body=body, date=day(20))
    ).addresses


WRITER = "Rita Moss <rita.moss@acme-robotics.example>"
OMAR = "Omar Bell <omar.bell@acme-robotics.example>"


@pytest.mark.parametrize(
    ("body", "cc", "expected"),
    [
        # the writer thanks for a day, or was the audience, or a favourite talk
        (
            "Alex - thanks for Tuesday. We've decided to go with someone who has shipped "
            "this stack before.\nRita",
            None,
            ["rita.moss@acme-robotics.example"],
        ),
        (
            "Hi Alex, you were one of my favourite conversations of the search, but we hired "
            "someone with more fintech behind them for the role.\nRita",
            None,
            ["rita.moss@acme-robotics.example"],
        ),
        (
            "Dear Alex, further to your interview with Mr Bell and myself on Monday, the role "
            "has been offered to another candidate.\nRita Moss",
            None,
            ["rita.moss@acme-robotics.example"],
        ),
        # the writer and a colleague in Cc, as the writer tells it
        (
            "Hi Alex, thanks for the clear way you took Omar and me through the pricing case. "
            "We have offered the role to another candidate. Omar is copied.\nRita",
            OMAR,
            ["omar.bell@acme-robotics.example", "rita.moss@acme-robotics.example"],
        ),
        (
            "Dear Alex, thank you for presenting to us on the 3rd. We will not be offering you "
            "the role. Omar, who ran your first screening call, is copied.\nRita Moss",
            OMAR,
            ["omar.bell@acme-robotics.example", "rita.moss@acme-robotics.example"],
        ),
    ],
)
def test_the_rejection_tells_who_was_in_the_talk(
    body: str, cc: str | None, expected: list[str]
) -> None:
    assert _alone(WRITER, body, cc) == expected


def test_colleagues_copied_as_the_ones_who_met_the_user_are_interviewers() -> None:
    body = (
        "Dear Alex,\n\nThe analyst position you interviewed for has been filled. We have "
        "copied the two colleagues who met you, in case you have questions.\n\nAcme Talent"
    )
    got = _alone("Acme Talent <talent@acme-robotics.example>", body, f"{OMAR}, {WRITER}")
    assert got == ["omar.bell@acme-robotics.example", "rita.moss@acme-robotics.example"]


def test_the_chair_of_the_committee_named_with_an_address_is_an_interviewer() -> None:
    body = (
        "Geachte heer Example,\n\nWij danken u voor uw komst naar het gesprek met de "
        "selectiecommissie. Na afweging gaan wij verder met een andere kandidaat.\n\n"
        "Voor een toelichting kunt u terecht bij de voorzitter van de selectiecommissie, "
        "mevrouw Rita Moss (rita.moss@acme-robotics.example).\n\nAfdeling HR"
    )
    got = _alone("HR Acme <werken@acme-robotics.example>", body, subject="Uw sollicitatie")
    assert got == ["rita.moss@acme-robotics.example"]


def test_an_agency_recruiter_who_screened_the_user_and_the_clients_interviewer() -> None:
    relay = build(
        sender="Gino Sala <gino@talentiponte.example>",
        subject="I: Riscontro Acme",
        body="Ciao Alex,\n\nti giro il riscontro di Acme. Dopo la nostra chiacchierata "
        "telefonica ero ottimista; mi spiace.\n\nGino\n\n"
        "-------- Messaggio inoltrato --------\n"
        "Da: Rita Moss <rita.moss@acme-robotics.example>\nData: 19/02/2026 17:30\n"
        "A: Gino Sala <gino@talentiponte.example>\nOggetto: Candidato Alex\n\n"
        "Ciao Gino,\n\nabbiamo incontrato Alex martedì: bravo, ma abbiamo scelto un altro "
        "candidato per il ruolo.\n\nRita\n",
        date=day(20),
    )
    assert extracted(relay).addresses == [
        "gino@talentiponte.example",
        "rita.moss@acme-robotics.example",
    ]


def test_an_agency_consultant_who_phoned_the_user_and_the_clients_panel() -> None:
    hello = build(
        sender="Noé Blanc <noe.blanc@cabinet-alto.example>",
        subject="Poste de planificateur chez Acme",
        body="Bonjour Alex,\n\nParfait, je vous appelle jeudi à 18h pour faire le point avant de "
        "vous présenter au client.\n\nNoé",
        date=day(2),
    )
    invite = client_panel_invitation(
        "Noé Blanc <noe.blanc@cabinet-alto.example>",
        "Entretien Acme",
        "Bonjour Alex,\n\nAcme souhaite vous rencontrer : vous verrez Dana Reyes et Lee Chen "
        "mardi à 14h. L'invitation est jointe.\n\nNoé",
    )
    decision = build(
        sender="Noé Blanc <noe.blanc@cabinet-alto.example>",
        subject="Acme - décision",
        body="Bonjour Alex,\n\nAcme a retenu une autre candidate pour le poste. Je suis déçu "
        "pour vous.\n\nNoé",
        date=day(20),
    )
    assert extracted(decision, hello, invite).addresses == [
        "dana.reyes@acme-robotics.example",
        "lee.chen@acme-robotics.example",
        "noe.blanc@cabinet-alto.example",
    ]


def test_the_users_confirmation_of_a_coming_interview_thanks_nobody() -> None:
    invite = build(
        sender="Dana Reyes <dana.reyes@acme-robotics.example>",
        headers={"Sender": "Pia Neri <pia.neri@acme-robotics.example>"},
        subject="Colloquio - Responsabile tecnico",
        body="Gentile Alex,\n\nla dott.ssa Reyes desidera incontrarLa per un colloquio lunedì 9 "
        "alle 15:00.\n\nPia Neri - Segreteria di Direzione",
        date=day(2),
    )
    reply = build(
        sender="Alex Example <alex@example.org>",
        to="Pia Neri <pia.neri@acme-robotics.example>, Dana Reyes <dana.reyes@acme-robotics.example>",
        subject="Re: Colloquio - Responsabile tecnico",
        body="Gentile Sig.ra Neri,\n\nconfermo con piacere il colloquio di lunedì alle 15:00.\n\n"
        "Alex",
        date=day(3),
    )
    decision = build(
        sender="Dana Reyes <dana.reyes@acme-robotics.example>",
        subject="Posizione Responsabile tecnico",
        body="Gentile Alex,\n\ndesidero ringraziarLa per il colloquio del 9. La posizione è stata "
        "coperta internamente.\n\nDana Reyes",
        date=day(20),
    )
    assert extracted(decision, invite, reply).addresses == ["dana.reyes@acme-robotics.example"]


def test_an_agency_recruiter_who_speaks_of_their_own_talk_before_the_clients_panel() -> None:
    hello = build(
        sender="Wim Dekker <wim@werving-west.example>",
        subject="Analist bij Acme",
        body="Hoi Alex,\n\nVoor Acme zoek ik een analist. Zullen we even bellen?\n\nWim",
        date=day(2),
    )
    invite = client_panel_invitation(
        "Wim Dekker <wim@werving-west.example>",
        "Gesprek bij Acme",
        "Hoi Alex,\n\nFijn gesprek vorige week! Acme wil je spreken: je zit aan tafel met "
        "Dana Reyes en Lee Chen.\n\nWim",
    )
    decision = build(
        sender="Wim Dekker <wim@werving-west.example>",
        subject="Acme - terugkoppeling",
        body="Hoi Alex,\n\nAcme kiest voor iemand die hun systemen al kent. Balen!\n\nWim",
        date=day(20),
    )
    assert extracted(decision, hello, invite).addresses == [
        "dana.reyes@acme-robotics.example",
        "lee.chen@acme-robotics.example",
        "wim@werving-west.example",
    ]


def test_an_italian_visit_with_the_writer_and_a_colleague_named() -> None:
    invite = build(
        sender="Dana Reyes <dana.reyes@acme-robotics.example>",
        cc="Lee Chen <lee.chen@acme-robotics.example>",
        subject="Colloquio R&D",
        body="Ciao Alex,\n\nti andrebbe di venire a trovarci martedì alle 11? Ci saremo io e Lee "
        "Chen, che segue il laboratorio.\n\nDana",
        date=day(2),
    )
    thanks = build(
        sender="Alex Example <alex@example.org>",
        to="Dana Reyes <dana.reyes@acme-robotics.example>, Lee Chen <lee.chen@acme-robotics.example>",
        subject="Grazie",
        body="Ciao Dana, ciao Lee,\n\ngrazie per la mattinata e per il giro del laboratorio.\n\nAlex",
        date=day(10),
    )
    decision = build(
        sender="Dana Reyes <dana.reyes@acme-robotics.example>",
        subject="Aggiornamento posizione R&D",
        body="Ciao Alex,\n\nla posizione è stata cancellata dal budget. Chiudiamo quindi la "
        "selezione senza assunzioni. Mi spiace.\n\nDana",
        date=day(20),
    )
    x = extracted(decision, invite, thanks)
    assert x.stage == "interview"
    assert x.addresses == ["dana.reyes@acme-robotics.example", "lee.chen@acme-robotics.example"]


@pytest.mark.parametrize(
    "body",
    [
        "Grazie per la mattinata di ieri, è stato bello conoscere il team.",
        "Gracias por la mañana de ayer en la oficina.",
        "Bedankt voor de ochtend en de rondleiding.",
        "Danke für den Vormittag bei Ihnen im Team.",
        "Obrigado pela manhã de ontem no escritório.",
    ],
)
def test_thanks_for_a_morning_spent_with_them_is_thanks_for_a_talk(body: str) -> None:
    msg = parse(build(sender="Alex Example <alex@example.org>", subject="Grazie", body=body))
    assert "thanks" in {h.kind for h in message_hits(msg, RS)}


@pytest.mark.parametrize(
    "hello",
    [
        "Hi Alex, have you got 20 minutes on Thursday for a call with me about an Acme role?",
        "Grüezi Herr Example, hätten Sie diese Woche Zeit für ein kurzes Telefonat zur Stelle "
        "bei Acme?",
        "Olá Alex! Podemos conversar por telefone esta semana sobre a vaga na Acme?",
        "Hola Alex, ¿te va bien una llamada conmigo el jueves para hablar del puesto en Acme?",
    ],
)
def test_a_recruiter_who_set_up_a_call_with_the_user_took_part(hello: str) -> None:
    first = build(
        sender="Gil Ross <gil@northwind-talent.example>",
        subject="A role at Acme",
        body=hello,
        date=day(2),
    )
    invite = client_panel_invitation(
        "Gil Ross <gil@northwind-talent.example>",
        "Interview with Acme",
        "Hi Alex, Acme would like to meet you: Dana Reyes and Lee Chen, invitation attached.",
    )
    decision = build(
        sender="Gil Ross <gil@northwind-talent.example>",
        subject="Acme - feedback",
        body="Hi Alex, I'm afraid Acme have gone with another candidate for the role.\nGil",
        date=day(20),
    )
    assert extracted(decision, first, invite).addresses == [
        "dana.reyes@acme-robotics.example",
        "gil@northwind-talent.example",
        "lee.chen@acme-robotics.example",
    ]


def test_a_selection_committee_named_with_addresses_in_the_invitation() -> None:
    invite = build(
        sender="Helen Price <h.price@acme-robotics.example>",
        subject="Invitation to interview: Data Officer (ref. 118)",
        body="Dear Alex,\n\nI am pleased to invite you to interview for the post.\n\n"
        "The selection committee will be:\n  Professor Dana Reyes (d.reyes@acme-robotics.example)\n"
        "  Dr Mei Lin, Data Manager (m.lin@acme-robotics.example)\n\nPlease confirm to me. "
        "I administer the committee and will not be on the panel.\n\nHelen Price\nHR Officer",
        date=day(2),
    )
    decision = build(
        sender="Helen Price <h.price@acme-robotics.example>",
        subject="Data Officer (ref. 118) - outcome",
        body="Dear Alex,\n\nThank you for attending interview for the above post. I regret to "
        "inform you that you have not been successful on this occasion.\n\nHelen Price",
        date=day(20),
    )
    assert extracted(decision, invite).addresses == [
        "d.reyes@acme-robotics.example",
        "m.lin@acme-robotics.example",  # "m." is no title here: the address stays whole
    ]


def test_a_one_line_no_in_the_thread_of_a_coffee_is_from_who_had_the_coffee() -> None:
    decision = build(
        sender="Sam Whit <sam@brightfold.example>",
        subject="Re: coffee?",
        body="hey Alex, gonna pass on this one for the role, timing's not right. good luck!",
        date=day(20),
    )
    assert extracted(decision).addresses == ["sam@brightfold.example"]


@pytest.mark.parametrize(
    ("body", "cc", "expected"),
    [
        (
            "Gentile dott. Example, la Commissione non l'ha collocata in posizione utile nella "
            "graduatoria per la posizione. Per conoscenza sono in copia i componenti della "
            "Commissione.\n\nL'Ufficio Concorsi",
            "Dana Reyes <dana.reyes@acme-robotics.example>, Lee Chen <lee.chen@acme-robotics.example>",
            ["dana.reyes@acme-robotics.example", "lee.chen@acme-robotics.example"],
        ),
        (
            "Exmo. Senhor, na sequência da entrevista, informo que não ficou em posição de ser "
            "recrutado para o posto de trabalho. Segue em cópia a vogal do júri, Dra. Lee Chen, que "
            "conduziu comigo a entrevista.\n\nDana Reyes\nPresidente do Júri",
            "Lee Chen <lee.chen@acme-robotics.example>",
            ["dana.reyes@acme-robotics.example", "lee.chen@acme-robotics.example"],
        ),
    ],
)
def test_a_public_selection_board_copies_its_members(
    body: str, cc: str, expected: list[str]
) -> None:
    assert _alone(DANA, body, cc, subject="Selezione pubblica - esito") == expected


def test_the_client_an_agency_named_as_wanting_to_meet_the_user_wrote_the_forwarded_no() -> None:
    invite = build(
        sender="Fritz Berg <fritz@hanse-talent.example>",
        subject="Termin bei Acme",
        body="Hallo Alex,\n\nwie nach unserem Telefonat besprochen, habe ich Sie bei Acme "
        "vorgestellt. Frau Mia Koch, Teamleiterin, möchte Sie gern kennenlernen: Dienstag, "
        "15:30 Uhr, per Video.\n\nFritz Berg",
        date=day(2),
    )
    relay = build(
        sender="Fritz Berg <fritz@hanse-talent.example>",
        subject="WG: Rückmeldung Acme",
        body="Hallo Alex,\n\nanbei die Rückmeldung von Frau Koch. Schade!\n\nFritz\n\n"
        "-----Ursprüngliche Nachricht-----\n"
        "Von: Mia Koch <mia.koch@acme-robotics.example>\n"
        "Gesendet: Donnerstag, 19. Februar 2026 17:10\n"
        "An: Fritz Berg <fritz@hanse-talent.example>\nBetreff: Kandidat\n\n"
        "Hallo Herr Berg,\ndanke für die Vorstellung von Alex Example. Wir haben uns für einen "
        "anderen Kandidaten entschieden.\nMia Koch\n",
        date=day(20),
    )
    assert extracted(relay, invite).addresses == [
        "fritz@hanse-talent.example",
        "mia.koch@acme-robotics.example",
    ]


def test_the_chair_who_signs_the_boards_decision_sat_on_it() -> None:
    body = (
        "Geachte heer Example,\n\nNamens de selectiecommissie dank ik u voor uw deelname aan het "
        "gesprek. U slaagt niet voor deze selectie.\n\nHoogachtend,\nDana Reyes\n"
        "Voorzitter selectiecommissie"
    )
    assert _alone(DANA, body, subject="Selectieprocedure - resultaat") == [
        "dana.reyes@acme-robotics.example"
    ]


def test_a_chair_named_in_a_sentence_is_not_the_writer() -> None:
    body = (
        "Geachte heer Example,\n\nNa afloop van de gesprekken heeft de commissie besloten een andere "
        "kandidaat voor te dragen. U kunt een toelichting vragen bij de voorzitter van de "
        "commissie, de heer Kuipers.\n\nTeam Werving en Selectie"
    )
    got = _alone("Werving <ws@acme-robotics.example>", body, subject="Uitslag selectieprocedure")
    assert "ws@acme-robotics.example" not in got


@pytest.mark.parametrize(
    ("invitation", "expected"),
    [
        (
            "Dear Ms Example,\n\nyou are invited to attend for interview on Thursday at 11:30.\n\n"
            "The interview board will consist of:\n  Ms Dana Reyes, Chair "
            "(dana.reyes@acme-robotics.example)\n  Dr Lee Chen (lee.chen@acme-robotics.example)\n",
            ["dana.reyes@acme-robotics.example", "lee.chen@acme-robotics.example"],
        ),
        # initials and titles with a dot end no sentence; "ondergetekende" is the writer
        (
            "Geachte heer Example,\n\nDe selectiecommissie nodigt u uit voor een gesprek.\n\n"
            "De commissie bestaat uit:\n- mw. D. Reyes (dana.reyes@acme-robotics.example)\n"
            "- dhr. L. Chen (lee.chen@acme-robotics.example)\n- ondergetekende, als HR-adviseur\n",
            [
                "dana.reyes@acme-robotics.example",
                "lee.chen@acme-robotics.example",
                "pia.neri@acme-robotics.example",
            ],
        ),
    ],
)
def test_a_board_named_in_the_invitation(invitation: str, expected: list[str]) -> None:
    invite = build(
        sender="Pia Neri <pia.neri@acme-robotics.example>",
        subject="Invitation: Data Officer (2025-04)",
        body=invitation,
        date=day(2),
    )
    decision = build(
        sender="Pia Neri <pia.neri@acme-robotics.example>",
        subject="Data Officer (2025-04): result",
        body="Dear Alex,\n\nfollowing interview, you have not attained the qualifying standard "
        "required for this post.\n\nPia Neri",
        date=day(20),
    )
    assert extracted(decision, invite).addresses == expected


def test_a_public_competitions_office_never_stands_in_for_the_board() -> None:
    body = (
        "Estimado Sr. Example: le comunicamos que, tras la entrevista, no ha sido seleccionado "
        "en el concurso para el puesto.\n\nOficina de Concursos"
    )
    got = _alone("Concursos <concursos@acme-robotics.example>", body, subject="Concurso 12/2025")
    assert got == []


def test_a_forwarded_block_from_a_domain_foreign_to_the_application_is_no_evidence() -> None:
    relay = build(
        sender="Tess Grey <tess@brightside-staffing.example>",
        subject="Fwd: Acme feedback",
        body="Hi Alex,\n\nAcme came back to me after your interview; their note is below.\n\nTess\n\n"
        "---------- Forwarded message ---------\n"
        "From: Max Payne <max@unrelated-shop.example>\n"
        "Date: Thu, 19 Feb 2026 at 16:00\nSubject: Alex\n"
        "To: Tess Grey <tess@brightside-staffing.example>\n\n"
        "Hi Tess,\n\nI enjoyed the interview with Alex, but Acme have decided to go with "
        "another candidate for the role.\n\nMax\n",
        date=day(20),
    )
    assert "max@unrelated-shop.example" not in extracted(relay).addresses
