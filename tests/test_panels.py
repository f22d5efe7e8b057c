"""Who interviewed the user, read from a rejection alone: each case in
tests/panels/<lang>.toml (written for these tests by people who did not look
at the code) is a whole rejection with its sender and Cc, and the people the
mail shows held or sat in the talk (or none: a recruiter who only scheduled,
an HR contact for questions, the person hired, a director who signed off).

These are floors, not a target: per language, how many cases get exactly
the right people, and at most how many would draft to someone who did not
interview the user (the target is none). Raise a floor when the lookup
learns; never lower one to let a change pass.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from tests.verdicts import panel_recipients

FOLDER = Path(__file__).parent / "panels"
# language: (exact sets at least, cases with a wrong person at most)
FLOORS = {
    "de": (30, 0),
    "en": (37, 1),
    "nl": (36, 0),
    "fr": (31, 0),
    "es": (27, 0),
    "it": (30, 0),
    "pt": (22, 0),
}


@pytest.mark.parametrize("lang", sorted(FLOORS))
def test_the_rejection_alone_names_its_interviewers(lang: str) -> None:
    with (FOLDER / f"{lang}.toml").open("rb") as f:
        cases = tomllib.load(f)["case"]
    exact = wrong = 0
    for case in cases:
        want = sorted(a.lower() for a in case["interviewers"])
        got = panel_recipients(case)
        exact += got == want
        wrong += bool(set(got or []) - set(want))
    floor, ceiling = FLOORS[lang]
    assert exact >= floor, f"{lang}: {exact}/{len(cases)} exact (floor {floor})"
    assert wrong <= ceiling, f"{lang}: {wrong} with someone who did not interview the user"


def test_every_case_names_only_addresses_it_holds() -> None:
    for path in sorted(FOLDER.glob("*.toml")):
        with path.open("rb") as f:
            for case in tomllib.load(f)["case"]:
                text = " ".join([case["sender"], *case.get("cc", []), case["body"]]).lower()
                assert all(a.lower() in text for a in case["interviewers"]), (path, case["note"])
