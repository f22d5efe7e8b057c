"""Regression floors on the held-out sets already read ("spent"): whatever a
change to the rules or the interviewer lookup does, these must hold. A spent
set's figures overstate what new mail gets (its misses were read once); they
are kept here so a later change cannot quietly lose what was learned. The
honest figures (first readings) are in benchmarks/README.md.

Floors, per set: no draft to anyone who did not interview the user,
precision >= 0.97, recall >= 0.95 (the unread heldout4 and the written set:
0.94; the latest set read: 0.90), interviewer sets exactly right >= 85 %
(the latest: 80 %; standalone sets read in sessions 14 and 15: 75 %; the
personas set read last in session 15: 65 %).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from daemon import rules
from daemon.quality import score_folder

FIXTURES = Path(__file__).parent / "fixtures"
SPENT = [
    "personas",
    "heldout",
    "heldout2",
    "heldout3",
    "heldout5",
    "heldout6",
    "heldout7",
    "heldout8",
    "heldout12",
    "heldout15",
    "heldout-personas21",
    "heldout-personas22",
    "heldout-personas23",
    "heldout-personas24",
    "heldout-personas26",
    "heldout-personas27",
    "heldout-personas28",
    "heldout-personas29",
    *(f"heldout-personas{n}" for n in ("", *range(2, 15), 16, 17, 18)),
]
UNREAD = ["heldout4", "written"]  # recall floor 0.94
# Read once, late in sessions 13 and 16, with misses left that no rule should
# chase (freelance pitches answered in passing, a hire postponed "for now"):
# recall floor 0.90.
RECENT = ["heldout-personas15", "heldout-personas19", "heldout-personas25"]
# Sets whose labels list only the people a message itself names, where the
# corpus convention also counts a recruiter who held a call of their own
# (heldout10: two such recruiters; heldout9: a shared mailbox that held the
# talk). Those drafts count as "wrong" by the set's convention, not ours.
CONVENTION = {"heldout9": 1, "heldout10": 2}
# Standalone mailboxes read in session 14 whose interviewers are often known
# only from a forwarded client note or a board's letter: interviewer floor 75 %.
STANDALONE = ["heldout11", "heldout13", "heldout14"]
# Read in sessions 15-19 with interviewer cases left to learn from (an
# organizer listed as a guest only in the invitation's text, a panel named by
# a date and time before "met"; standalone rejections whose writer or panel
# is named only in ways not yet read): interviewer floor 65 %.
LATEST = [
    "heldout-personas20",
    "heldout16",
    "heldout17",
    "heldout18",
    "heldout20",
    "heldout19",
    "heldout21",
    "heldout22",
    "heldout23",
]
RS = rules.load([])


@pytest.mark.parametrize("name", SPENT + UNREAD + RECENT + list(CONVENTION) + STANDALONE + LATEST)
def test_a_labelled_set_keeps_its_floor(name: str) -> None:
    score = score_folder(FIXTURES / name, RS)
    total = score.total
    assert len(score.wrong_recipients) <= CONVENTION.get(name, 0), score.wrong_recipients
    assert total.precision >= 0.97, (total.precision, score.misses)
    floor = 0.94 if name in UNREAD else 0.90 if name in RECENT else 0.95
    assert total.recall >= floor, (total.recall, score.misses)
    if score.interviewer_sets:
        exact = score.interviewer_exact / score.interviewer_sets
        floor = (
            0.80
            if name in RECENT
            else 0.75
            if name in STANDALONE
            else 0.65
            if name in LATEST
            else 0.85
        )
        assert exact >= floor, (exact, score.misses)
