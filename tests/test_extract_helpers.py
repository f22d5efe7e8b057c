"""daemon/extract.py's pure helpers, one table each: a company's name cleaned
of a sender's trimmings, a company named after its domain, the position a
rejection is about, and the employer's domains (and an agency's) in a
rejection's headers.

No history is read here. The interviewer lookup over whole histories, and
the tables of domain_matches_company, company_written_as, company_name and
find_company, are in tests/test_extract.py.
"""

from __future__ import annotations

import pytest

from daemon import rules
from daemon.company import company_name, find_company
from daemon.extract import clean_company, company_from_domain, employer_domains, find_position
from daemon.message import parse
from daemon.ownership import letterhead
from tests.mail import build

SENDERS = rules.load([]).senders
ME = {"alex@example.org"}


@pytest.mark.parametrize(
    ("name", "company"),
    [
        ("Acme Robotics Recruiting", "Acme Robotics"),
        ("Kestrel Optics – Talent Acquisition", "Kestrel Optics"),
        ("Maison Lemaire | Recrutement", "Maison Lemaire"),
        ("Halewood Foods, People Team", "Halewood Foods"),
        ("Banco Andino Recursos Humanos", "Banco Andino"),
        ("Fernbrook via Greenhouse", "Fernbrook"),  # the ATS is not the employer
        ("Quintana Óptica (vía Empleanet)", "Quintana Óptica"),
        ("Brunnhof Gärtnerei (über Jobbörse)", "Brunnhof Gärtnerei"),
        # an agency writing for its client: the client is the employer
        (
            "Nordhaus Personal im Auftrag der Brenninger Medizintechnik GmbH",
            "Brenninger Medizintechnik GmbH",
        ),
        ("Hirewell for and on behalf of Orvane Labs", "Orvane Labs"),
        ("Tallis Bank", "Tallis Bank"),  # nothing to take off
        # the department before the employer
        ("Service RH – Université de Valmont", "Université de Valmont"),
        ("Recursos Humanos Salvaterra", "Salvaterra"),  # ... written straight before it
        ("Human Resources at Brightmoor", "Brightmoor"),
        ("Cortiçaria Lobo – Recrutamento", "Cortiçaria Lobo"),
        ("Vetreria Sala | Selezione", "Vetreria Sala"),
    ],
)
def test_clean_company(name: str, company: str) -> None:
    assert clean_company(name) == company


@pytest.mark.parametrize(
    ("domain", "company"),
    [
        ("acme-robotics.example", "Acme Robotics"),  # a hyphen parts the words
        ("orvane.com", "Orvane"),
        ("tulpdata.co.uk", "Tulpdata"),  # the registrable name, not the suffix
        ("jobs.brenninger-med.example", "Brenninger Med"),  # not the host that sent
        ("mail.heringfisch.example", "Heringfisch"),  # words run together stay together
    ],
)
def test_company_from_domain(domain: str, company: str) -> None:
    assert company_from_domain(domain) == company


@pytest.mark.parametrize(
    ("subject", "body", "position"),
    [
        # the subject first
        ("Your application for Senior Designer at Fernbrook", "Hello", "Senior Designer"),
        ("Re: Bewerbung als Data Engineer bei Kesselwerk", "Hallo", "Data Engineer"),
        ("Candidature pour Acheteur Junior", "Bonjour", "Acheteur Junior"),
        ("Senior Designer - next steps", "Hi", "Senior Designer"),
        ("Interview - Product Analyst", "Hi", "Product Analyst"),
        # then the text
        (
            "Update",
            "We have decided to move forward with other candidates for the Senior Designer role.",
            "Senior Designer",
        ),
        (
            "Update",
            "Thank you for your interest in the position of Data Scientist, which we have filled.",
            "Data Scientist",
        ),
        (
            "Votre candidature",
            "Votre candidature au poste de responsable logistique, mais nous ne donnerons pas suite.",
            "responsable logistique",
        ),
        (
            "Ihre Bewerbung",
            "vielen Dank für Ihre Bewerbung als Projektleiterin bei uns.",
            "Projektleiterin",
        ),
        (
            "Tu candidatura",
            "Gracias por tu interés en el puesto de analista de datos en Banco Andino.",
            "analista de datos",
        ),
        ("Hello", "Thanks for your time.", None),  # no position named
    ],
)
def test_find_position(subject: str, body: str, position: str | None) -> None:
    assert find_position(parse(build(subject=subject, body=body))) == position


@pytest.mark.parametrize(
    ("sender", "reply_to", "company", "primary", "agency"),
    [
        # a person, or a no-reply, at the employer's own domain
        (
            "Dana Reyes <dana.reyes@acme-robotics.example>",
            None,
            "Acme Robotics",
            ["acme-robotics.example"],
            [],
        ),
        (
            "Acme Robotics <no-reply@acme-robotics.example>",
            None,
            "Acme Robotics",
            ["acme-robotics.example"],
            [],
        ),
        # the organisation's domain, not the host that sent
        (
            "Lena Vogt <lena.vogt@jobs.brenninger-med.example>",
            None,
            "Brenninger Medizintechnik",
            ["brenninger-med.example"],
            [],
        ),
        # a recruiter alone: the only domain there is, whatever the company
        (
            "Ola Berg <ola.berg@fjordsearch.example>",
            None,
            "Kestrel Optics",
            ["fjordsearch.example"],
            [],
        ),
        ("Ola Berg <ola.berg@fjordsearch.example>", None, None, ["fjordsearch.example"], []),
        # a recruiter answered at the employer: the employer's, and the agency's
        (
            "Ola Berg <ola.berg@fjordsearch.example>",
            "Mia Lind <mia@kestrel-optics.example>",
            "Kestrel Optics",
            ["kestrel-optics.example"],
            ["fjordsearch.example"],
        ),
        # two domains, neither the company's: no employer, two agencies
        (
            "Ola Berg <ola.berg@fjordsearch.example>",
            "Mia Lind <mia@other.example>",
            "Kestrel Optics",
            [],
            ["fjordsearch.example", "other.example"],
        ),
        # never a consumer mailbox, an ATS's domain, or the user's own
        ("Dana <dana.reyes77@gmail.com>", None, "Acme Robotics", [], []),
        ("Acme Robotics <no-reply@greenhouse.io>", None, "Acme Robotics", [], []),
        ("Alex Example <alex@example.org>", None, "Acme Robotics", [], []),
    ],
)
def test_employer_domains(
    sender: str, reply_to: str | None, company: str | None, primary: list[str], agency: list[str]
) -> None:
    headers = {"Reply-To": reply_to} if reply_to else None
    msg = parse(build(sender=sender, headers=headers))
    assert employer_domains(msg, company, ME, SENDERS) == (primary, agency)


@pytest.mark.parametrize(
    ("body", "company"),
    [
        # an HTML banner above the greeting names the employer, not the job
        # board that sent it in the name of its recruiter
        ("Marlowe Bakeries\n\nHi Alex,\n\nThank you for your interest.", "Marlowe Bakeries"),
        ("Vinyes del Ter\n\nHola Alex:\n\nGracias por tu interés.", "Vinyes del Ter"),
        # a formal opening is no banner, nor is a sentence
        ("Madame,\n\nMme Roux m'a chargée de vous écrire.", None),
        ("Thanks for applying.\nHi Alex, we got it.", None),
    ],
)
def test_a_letterhead_names_the_company(body: str, company: str | None) -> None:
    msg = parse(
        build(
            sender='"Jo Park (via Jobboard)" <no-reply@jobboard.example>',
            subject="Update",
            body=body,
        )
    )
    assert letterhead(msg.new_text) == company
    if company:
        assert find_company(msg, SENDERS) == company


@pytest.mark.parametrize(
    ("sender", "body", "company"),
    [
        # a sentence's last clause in the closing lines is no firm
        (
            "Daan Smit <daan.smit@kanaalzicht.example>",
            "Hi Alex,\n\nWe went with another candidate for the role.\nYour work was strong. "
            "If a role opens up, I'll reach out.\n\nDaan",
            "Kanaalzicht",
        ),
        # ... a legal form's full stop is
        (
            "Sanne Vos <sanne.vos@zl-group.example>",
            "Hi Alex,\n\nWe went with another candidate.\n\nSanne Vos\n"
            "Talent Partner | Zilverlijn Logistiek B.V.",
            "Zilverlijn Logistiek B.V.",
        ),
        # the person an assistant writes for is no company
        (
            "Hanneke Jansen <hanneke.jansen@zorgdata-utrecht.example>",
            "Beste Alex,\n\nWe kiezen voor een andere kandidaat.\n\nMet vriendelijke groet,\n"
            "namens Hanneke Jansen,\nWendy Post",
            "Zorgdata Utrecht",
        ),
        # a department's mailbox with the firm's name is no person (recrutamento@)
        (
            "Tecelagem Ribeira – Recrutamento <recrutamento@tecelagem-ribeira.example>",
            "Cara Alex,\n\nNão vamos avançar com a sua candidatura.\n\nTecelagem Ribeira, Lda.",
            "Tecelagem Ribeira",
        ),
        # a person an ATS writes for, signing with the firm after a bar
        (
            "Rui Moura via Hirepath <no-reply@hirepath.example>",
            "Caro Alex,\n\nEscolhemos outro perfil.\n\nRui Moura | Olaria Fontes",
            "Olaria Fontes",
        ),
        # ... but a firm an ATS writes for, named in a sentence too, is the firm
        (
            "Groenhof Tuinbouw via Hirepath <no-reply@hirepath.example>",
            "Beste Alex,\n\nWe kiezen voor een andere kandidaat. Dank voor je interesse in "
            "Groenhof Tuinbouw.\n\nMet vriendelijke groet,\nGroenhof Tuinbouw",
            "Groenhof Tuinbouw",
        ),
    ],
)
def test_the_company_a_follow_up_names(sender: str, body: str, company: str) -> None:
    msg = parse(build(sender=sender, subject="Your application", body=body))
    assert company_name(msg, SENDERS) == company
