"""Aggregate first reading of a paradigm folder (decision sentences and
look-alikes per language, tests/paradigms format) that nobody has read yet:
how many decisions debrief misses and how many look-alikes it takes for
decisions. Prints counts only, never a sentence.

    python benchmarks/paradigms.py [FOLDER]   (default tests/fixtures/paradigms-round4)
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.verdicts import in_frame  # noqa: E402


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else ROOT / "tests" / "fixtures" / "paradigms-round4"
    missed = decisions = alarms = looks = 0
    for path in sorted(folder.glob("*.toml")):
        with path.open("rb") as f:
            doc = tomllib.load(f)

        m = sum(not in_frame(doc, s).rejection for s in doc["decisions"])
        a = sum(in_frame(doc, s).rejection for s in doc["not_decisions"])
        print(
            f"{path.stem}: missed {m}/{len(doc['decisions'])}, "
            f"false alarms {a}/{len(doc['not_decisions'])}"
        )
        missed, decisions = missed + m, decisions + len(doc["decisions"])
        alarms, looks = alarms + a, looks + len(doc["not_decisions"])
    if decisions:
        print(
            f"all: missed {missed}/{decisions} ({missed / decisions:.0%}), "
            f"false alarms {alarms}/{looks} ({alarms / max(looks, 1):.0%})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
