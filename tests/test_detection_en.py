"""English detection on mail written for these tests (never taken from a corpus),
and the sentence-level semantics every language pack relies on: conditions,
acknowledgements that open a refusal, and whose rejection it is."""

from __future__ import annotations

import pytest

from daemon import rules
from daemon.classify import Verdict, classify
from daemon.message import parse
from daemon.ownership import greeting_name, someone_else
from tests.mail import build

ME = ["alex@example.org"]
RS = rules.load([])


def verdict(
    body: str, subject: str = "Your application", names: tuple[str, ...] = (), **kw: str
) -> Verdict:
    return classify(parse(build(body=body, subject=subject, **kw)), RS, ME, names=names)


REJECTIONS = [
    # contractions and pronoun swaps
    (
        "Update",
        "Hi Alex,\nThanks for your patience. We've looked hard at your application and we won't be moving forward.\nAll the best, Dana",
    ),
    (
        "Your application",
        "Hello Alex,\nI'm sorry to say you haven't been selected for the Platform role this time.\nKind regards",
    ),
    (
        "Backend Engineer",
        "Alex,\nAfter the panel interview we decided we wouldn't progress your candidacy. It was close.\nPriya",
    ),
    (
        "Application update",
        "Thank you for applying. Another applicant has been chosen whose experience is closer to what the team needs.",
    ),
    (
        "Your candidacy",
        "Dear Alex,\nThe hiring manager chose to proceed with several other applicants for the next stage.\nRegards, Talent team",
    ),
    (
        "Re: Interview follow-up",
        "Hi Alex, thanks again for the chats on Tuesday. The team went with a candidate who has more payments experience, so we're not able to offer you the job.",
    ),
    # the role itself went away
    (
        "Data Analyst opening",
        "Hi Alex,\nthank you for your application. The role you applied for has since been cancelled after a budget review.\nBest, Recruiting",
    ),
    (
        "Your application to Nimbus",
        "We appreciate your interest. Sadly the position is no longer available and we will not be hiring for it this year.",
    ),
    (
        "Role update",
        "Dear Alex, we have filled this position internally. Thank you for the time you spent on your application.",
    ),
    # ATS status notices and passive refusals
    (
        "Application status changed",
        "Dear Alex Example,\nYour status for the position Support Engineer has changed.\nYour new status is: Not Selected.\nRecruiting Team",
    ),
    (
        "Requisition 4471",
        "Your application for requisition 4471 was reviewed. You were not selected to continue in the hiring process.",
    ),
    (
        "Your job application",
        "Thank you for your interest. At this time we are unable to offer you further consideration for the position.",
    ),
    # an acknowledgement that opens a refusal does not cancel it
    (
        "Thank you for applying",
        "Dear Alex,\nWe have received your application for the QA Lead role and read it with interest. After careful review we have decided to move forward with other candidates.\nBest wishes",
    ),
    # the subject says it; the body is mild
    (
        "Application unsuccessful - Web Developer",
        "Hi Alex,\nthank you for your application. Unfortunately we have decided otherwise this time.\nKind regards",
    ),
    # an offer extended to someone else; a reserve list left off
    (
        "Update on your application",
        "Hi Alex,\nThank you for the time you spent with Priya and the team. After a long debate we've decided to extend an offer to another candidate.\nBest, Sam",
    ),
    (
        "Outcome of selection procedure 2026/07",
        "Dear Mr Example,\nHaving weighed the test and interview results, the committee has decided not to include your name on the reserve list.\nHR Unit",
    ),
    (
        "Senior Engineer - outcome",
        "Hi Alex,\nPriya and I have talked it through, and we won't be offering you the Senior Engineer role this time.\nAll the best, Sam",
    ),
]

NOT_REJECTIONS = [
    # the refusal is a condition, not a decision
    (
        "Application received",
        "Dear Alex,\nThanks for applying to the Support Engineer position. If you haven't heard from us within three weeks, please assume we won't be moving forward with your application.\nRecruiting",
    ),
    (
        "We got your application",
        "Hello Alex, your application has arrived. Should we not be in touch by the end of the month, you were not selected this time.",
    ),
    (
        "Interview scheduling",
        "Hi Alex, unless we hear back from you by Friday we will not be able to keep the Thursday interview slot. Let me know your availability.",
    ),
    # counter-signals that carry rejection words
    (
        "Your interview",
        "Hi Alex, unfortunately I need to reschedule our interview on Monday. Would Wednesday work?",
    ),
    (
        "Offer",
        "Dear Alex, we are delighted to offer you the role. Unfortunately the start date has to move to May.",
    ),
    (
        "Next steps",
        "Hi Alex, good news: we'd like to invite you to a final interview with the team. Please share your availability.",
    ),
    # refusals of things that are not jobs
    (
        "Your admission decision",
        "Dear Alex, we regret to inform you that your application to the Master's programme was not successful. Admissions Office",
    ),
    (
        "Rental application - Flat 3",
        "Hi Alex, thanks for applying for the flat. Unfortunately the landlord decided to go with another applicant.",
    ),
    (
        "Loan application",
        "Dear Alex, after careful consideration we are unable to approve your loan application at this time.",
    ),
    (
        "Grant decision",
        "We regret that your grant application was not selected for funding in this round.",
    ),
    (
        "Your talk proposal",
        "Thank you for submitting your proposal. Unfortunately we were not able to accept your talk this year.",
    ),
    (  # a paused search, explicitly no rejection
        "Update on the Data Analyst search",
        "Hi Alex,\nOur hiring process has been put on hold until the budget is approved. This is not a rejection; I will be in touch in January.\nBest, Sam",
    ),
]


@pytest.mark.parametrize(("subject", "body"), REJECTIONS)
def test_rejections_written_for_these_tests(subject: str, body: str) -> None:
    v = verdict(body, subject)
    assert v.rejection, v.explain()


@pytest.mark.parametrize(("subject", "body"), NOT_REJECTIONS)
def test_hard_negatives_written_for_these_tests(subject: str, body: str) -> None:
    v = verdict(body, subject)
    assert not v.rejection, v.explain()


def test_a_condition_only_cancels_the_refusal_inside_it() -> None:
    body = (
        "If you have any questions, let us know. We have decided not to move forward "
        "with your application."
    )
    assert verdict(body).rejection
    conditional = "If we cannot find a date, we will not move forward with your application."
    assert not verdict(conditional).rejection


def test_acknowledgement_still_counts_against_weak_evidence() -> None:
    """Only a decision outweighs an acknowledgement: "unfortunately" does not."""
    v = verdict("We have received your application. Unfortunately our office is closed on Monday.")
    assert not v.rejection
    assert v.category == "application_received"


# --- whose rejection ---------------------------------------------------------

FRIEND_FORWARD = (
    "can you believe this?? after three rounds\n\n"
    "---------- Forwarded message ---------\n"
    "From: Talent Team <talent@lumen.example>\n"
    "Date: Mon, 2 Mar 2026 09:00:00 +0000\n"
    "Subject: Your application\n\n"
    "Dear Martina,\n"
    "Thank you for interviewing with us. We have decided to move forward with other candidates.\n"
)


def test_a_friends_forward_from_a_personal_address_is_not_the_users() -> None:
    v = verdict(FRIEND_FORWARD, "Fwd: Your application", sender="Martina K <martina.k@gmail.com>")
    assert not v.rejection
    assert v.excluded and "personal address" in v.excluded


def test_a_forward_from_a_work_address_greeting_someone_else_is_not_the_users() -> None:
    v = verdict(FRIEND_FORWARD, "Fwd: Your application", sender="Martina K <mk@bigcorp.example>")
    assert not v.rejection
    assert v.excluded and "Martina" in v.excluded


def test_an_agency_forward_that_names_the_user_stays_theirs() -> None:
    body = (
        "Hi Alex, sorry, not the news we hoped for - see below.\n\n"
        "---------- Forwarded message ---------\n"
        "From: Hiring <hiring@client.example>\n"
        "Subject: Candidate update\n\n"
        "Hi Tom,\n"
        "Thanks for introducing Alex. We have decided not to move forward with the candidacy.\n"
    )
    v = verdict(body, "Fwd: Candidate update", sender="Tom Baker <tom@agency.example>")
    assert v.rejection, v.explain()


def test_a_greeting_naming_someone_else_is_not_the_users() -> None:
    body = "Dear Martina,\nUnfortunately we have decided to move forward with other candidates."
    v = verdict(body)
    assert not v.rejection and v.excluded and "Martina" in v.excluded
    # the config's name is the user's own, so "Dear Martina" is theirs then
    assert verdict(body, names=("Martina Alex Example",)).rejection


@pytest.mark.parametrize(
    "greeting",
    [
        "Dear Alex,",
        "Hi Al,",
        "Hello Alexandra,",
        "Dear Mr. Example,",
        "Dear Applicant,",
        "Hi,",
        "Hola, agradecemos tu interés",
        "Dear Hiring Team member,",
        "",
    ],
)
def test_greetings_that_keep_the_rejection_the_users(greeting: str) -> None:
    body = f"{greeting}\nUnfortunately we have decided to move forward with other candidates."
    assert verdict(body).rejection, greeting


def test_without_a_known_name_the_greeting_decides_nothing() -> None:
    """An opaque address and no display name: nothing to compare a greeting with."""
    msg = parse(
        build(
            to="jd2931@example.org",
            body="Dear John,\nWe won't be moving forward with your application.",
        )
    )
    assert someone_else(msg, ["jd2931@example.org"], RS.senders) is None
    assert classify(msg, RS, ["jd2931@example.org"]).rejection


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Dear Ms. Rivera,", "rivera"),
        ("Sehr geehrte Frau Müller,", "muller"),
        ("Hola Tomás:", "tomas"),
        ("Beste Joost,", "joost"),
        ("Bonjour Mme Durand,", "durand"),
        # how lawyers and doctors address a colleague: no one's name
        ("Chère Consœur,", None),
        ("Cher Confrère,", None),
        # Austrian and German degrees stand before the name, often several.
        ("Sehr geehrte Frau Mag. Brunner,", "brunner"),
        ("Sehr geehrte Frau Mag. pharm. Brunner,", "brunner"),
        ("Sehr geehrte Frau Mag.a Brunner,", "brunner"),
        ("Sehr geehrter Herr Dipl.-Ing. Dr. Wolf,", "wolf"),
        ("Sehr geehrte Frau Dr.in Leitgeb,", "leitgeb"),
        ("Thanks for applying", None),
        ("Dear Candidate,", None),
        # the greeting under an HTML mail's banner
        ("Fernhill Dental\nDear Ms. Rivera,", "rivera"),
        # a title alone is no banner: the next line is no greeting
        ("Madame,\nMme Durand m'a demandé de vous écrire.", None),
    ],
)
def test_greeting_name(line: str, name: str | None) -> None:
    assert greeting_name(line + "\nbody") == name


@pytest.mark.parametrize(
    ("body", "rejection"),
    [
        # a date's dot does not end the sentence that opened a condition
        (
            "Sollten Sie bis zum 15. März nichts von uns hören, haben wir uns für andere "
            "Bewerber entschieden.",
            False,
        ),
        # a condition opened by the verb (German, Dutch)
        (
            "Erhalten Sie bis Ende Mai keine Nachricht, konnten wir Ihre Bewerbung nicht "
            "berücksichtigen.",
            False,
        ),
        (
            "Heb je binnen twee weken niets gehoord, dan gaan we niet verder met je sollicitatie.",
            False,
        ),
        # a concession is no condition: the decision stands
        (
            "Even if your portfolio was strong, we decided to move forward with other candidates.",
            True,
        ),
        (
            "Auch wenn Ihr Profil überzeugt, haben wir uns für eine andere Bewerberin entschieden.",
            True,
        ),
    ],
)
def test_conditions_and_concessions(body: str, rejection: bool) -> None:
    assert verdict(f"Hallo Alex,\n{body}", "Ihre Bewerbung").rejection is rejection


def test_a_decision_outweighs_the_exercise_it_mentions() -> None:
    """A refusal after a take-home names the exercise; an assessment invitation
    that threatens a refusal states it as a condition."""
    after = (
        "Hi Alex,\nThank you for taking the time to complete the coding exercise. "
        "We have decided not to invite you to the next round."
    )
    assert verdict(after).rejection
    invitation = (
        "Guten Tag,\nbitte schließen Sie den Online-Test innerhalb von fünf Tagen ab. "
        "Wird der Test nicht fristgerecht bearbeitet, können wir Ihre Bewerbung leider "
        "nicht weiter berücksichtigen."
    )
    assert not verdict(invitation, "Einladung zum Online-Test").rejection
