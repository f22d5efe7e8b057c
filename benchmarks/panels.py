"""Aggregate first reading of a panel folder (whole rejections with the
people each shows the user met, tests/panels format) that nobody has read
yet: per language, how many cases get exactly the right recipients, how
many would draft to someone who did not interview the user, and how many
are not read as rejections at all. Prints counts only, never a case.

    python benchmarks/panels.py [FOLDER]   (default tests/fixtures/panels-round2)
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.verdicts import panel_recipients  # noqa: E402


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else ROOT / "tests" / "fixtures" / "panels-round2"
    totals = [0, 0, 0, 0]  # cases, exact, with a wrong person, not read as rejections
    for path in sorted(folder.glob("*.toml")):
        with path.open("rb") as f:
            cases = tomllib.load(f)["case"]
        exact = wrong = unread = 0
        for case in cases:
            want = sorted(a.lower() for a in case["interviewers"])
            got = panel_recipients(case)
            unread += got is None
            exact += got == want
            wrong += bool(set(got or []) - set(want))
        print(
            f"{path.stem}: exact {exact}/{len(cases)}, with a wrong person {wrong}, "
            f"not read as a rejection {unread}"
        )
        for i, n in enumerate((len(cases), exact, wrong, unread)):
            totals[i] += n
    cases, exact, wrong, unread = totals
    if cases:
        print(
            f"all: exact {exact}/{cases} ({exact / cases:.0%}), with a wrong person {wrong}, "
            f"not read as a rejection {unread}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
