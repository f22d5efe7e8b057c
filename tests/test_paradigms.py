"""Each language's ways of saying no, sentence by sentence: the decision verbs
and nouns of the language across tenses, word orders, persons and objects
(tests/paradigms/<lang>.toml, a second round with the long tail in
tests/paradigms/round2/ and a third, held out until it was read, in
tests/paradigms/round3/, written by people who did not look at the rules), each placed alone between a neutral opening and closing.
A decision sentence must make the mail a rejection; a look-alike (a wait, an
invitation, a condition, an offer, a withdrawal) must not.

`known_misses` in a file lists, word for word, the sentences the rules do not
read yet; the test fails when one of them starts to pass too, so the list
only shrinks and always says what is left.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from tests.verdicts import in_frame

FOLDER = Path(__file__).parent / "paradigms"
FILES = sorted(FOLDER.rglob("*.toml"))


def _load(path: Path) -> dict[str, Any]:
    with path.open("rb") as f:
        return tomllib.load(f)


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(FOLDER)) for p in FILES])
def test_each_decision_sentence_is_a_rejection(path: Path) -> None:
    doc = _load(path)
    known = set(doc.get("known_misses", []))
    missed = [s for s in doc["decisions"] if not in_frame(doc, s).rejection]
    assert set(missed) - known == set(), [
        (s, in_frame(doc, s).explain()) for s in missed if s not in known
    ]
    assert known - set(missed) == set(), "now read; drop from known_misses"


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(FOLDER)) for p in FILES])
def test_no_look_alike_is_a_rejection(path: Path) -> None:
    doc = _load(path)
    known = set(doc.get("known_false_alarms", []))
    wrong = [s for s in doc["not_decisions"] if in_frame(doc, s).rejection]
    assert set(wrong) - known == set(), [
        (s, in_frame(doc, s).explain()) for s in wrong if s not in known
    ]
    assert known - set(wrong) == set(), "now right; drop from known_false_alarms"


def test_every_language_with_rules_has_a_paradigm() -> None:
    shipped = {p.stem for p in (Path(__file__).parents[1] / "rules").glob("*.toml")}
    assert shipped - {"00-senders"} <= {p.stem for p in FILES}
