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
]

NOT_DECISIONS = [
    ("en", "We're still interviewing other candidates and will be in touch next week."),
    ("en", "You and another finalist have been invited to the last round."),
    ("en", "The other candidate withdrew, so we'd like to offer you the role."),
    ("en", "If another applicant is chosen, we will let you know by Friday."),
    ("en", "There's no offer deadline to worry about, take your time."),
    ("en", "No offer has been made yet; we'll decide by Friday."),
    ("en", "We can't meet your salary, but we'd like to offer you the role at a lower band."),
    ("en", "This is not a fit check, just a friendly chat about the team."),
    ("en", "It's no fun waiting, I know: the panel meets on Tuesday and we'll call you after."),
]


@pytest.mark.parametrize(("lang", "sentence"), DECISIONS)
def test_a_decision_in_any_wording_is_read(lang: str, sentence: str) -> None:
    v = in_frame(FRAMES[lang], sentence)
    assert v.rejection, v.explain()


@pytest.mark.parametrize(("lang", "sentence"), NOT_DECISIONS)
def test_a_look_alike_is_no_decision(lang: str, sentence: str) -> None:
    v = in_frame(FRAMES[lang], sentence)
    assert not v.rejection, v.explain()
