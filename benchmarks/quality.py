"""Detection quality on labelled mail: precision, recall, per language,
interviewer sets and drafts to wrong people.

A labelled folder holds `inbox.mbox` and `labels.json` (keyed by Message-ID;
see daemon/quality.py for the label shapes and the folder layout). A folder
of such folders is scored as one set. Without persona.json the user is the
most common To address of the inbox (or --me).

    python benchmarks/quality.py                 # every set this checkout knows
    python benchmarks/quality.py FOLDER [-v]     # one set; -v lists each error

The default sets: the dev corpus copy (tests/fixtures/corpus), the mails the
team wrote (tests/fixtures/written), the hand-written personas
(tests/fixtures/personas), the held-out sets written apart from the rules
(tests/fixtures/heldout*: read their figures, never their misses, or they
stop measuring anything) and, when present, ../shared/corpus/realworld. The
real-world set is evaluation only: it is read from ../shared, never copied here.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from daemon import rules  # noqa: E402
from daemon.quality import score_folder  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
# Held-out sets are written apart from the rules and read for their figures
# only; a "spent" one had its misses read once, to learn from, and no longer
# measures how debrief does on mail nobody has seen.
SETS = {
    "dev (tests/fixtures/corpus)": FIXTURES / "corpus",
    "written (tests/fixtures/written)": FIXTURES / "written",
    "personas (tests/fixtures/personas)": FIXTURES / "personas",
    "held out, spent (heldout)": FIXTURES / "heldout",
    "held out, spent (heldout2)": FIXTURES / "heldout2",
    "held out, spent (heldout3)": FIXTURES / "heldout3",
    "held out (heldout4)": FIXTURES / "heldout4",
    "held out, spent (heldout5)": FIXTURES / "heldout5",
    "held out, spent (heldout6)": FIXTURES / "heldout6",
    "held out, spent (heldout7)": FIXTURES / "heldout7",
    "held out, spent (heldout8)": FIXTURES / "heldout8",
    "held out, spent (heldout9)": FIXTURES / "heldout9",
    "held out, spent (heldout10)": FIXTURES / "heldout10",
    "held out, spent (heldout11)": FIXTURES / "heldout11",
    "held out, spent (heldout12)": FIXTURES / "heldout12",
    "held out, spent (heldout13)": FIXTURES / "heldout13",
    "held out, spent (heldout14)": FIXTURES / "heldout14",
    "held out, spent (heldout15)": FIXTURES / "heldout15",
    "held out, spent (heldout16)": FIXTURES / "heldout16",
    "held out, spent (heldout17)": FIXTURES / "heldout17",
    "held out, spent (heldout18)": FIXTURES / "heldout18",
    "held out, spent (heldout19)": FIXTURES / "heldout19",
    "held out, spent (heldout20)": FIXTURES / "heldout20",
    "held out, spent (heldout21)": FIXTURES / "heldout21",
    "held out, spent (heldout22)": FIXTURES / "heldout22",
    "held out, spent (heldout23)": FIXTURES / "heldout23",
    "held-out personas, spent (heldout-personas)": FIXTURES / "heldout-personas",
    "held-out personas, spent (heldout-personas2)": FIXTURES / "heldout-personas2",
    "held-out personas, spent (heldout-personas3)": FIXTURES / "heldout-personas3",
    "held-out personas, spent (heldout-personas4)": FIXTURES / "heldout-personas4",
    "held-out personas, spent (heldout-personas5)": FIXTURES / "heldout-personas5",
    "held-out personas, spent (heldout-personas6)": FIXTURES / "heldout-personas6",
    "held-out personas, spent (heldout-personas7)": FIXTURES / "heldout-personas7",
    "held-out personas, spent (heldout-personas8)": FIXTURES / "heldout-personas8",
    "held-out personas, spent (heldout-personas9)": FIXTURES / "heldout-personas9",
    "held-out personas, spent (heldout-personas10)": FIXTURES / "heldout-personas10",
    "held-out personas, spent (heldout-personas11)": FIXTURES / "heldout-personas11",
    "held-out personas, spent (heldout-personas12)": FIXTURES / "heldout-personas12",
    "held-out personas, spent (heldout-personas13)": FIXTURES / "heldout-personas13",
    "held-out personas, spent (heldout-personas14)": FIXTURES / "heldout-personas14",
    "held-out personas, spent (heldout-personas15)": FIXTURES / "heldout-personas15",
    "held-out personas, spent (heldout-personas16)": FIXTURES / "heldout-personas16",
    "held-out personas, spent (heldout-personas17)": FIXTURES / "heldout-personas17",
    "held-out personas, spent (heldout-personas18)": FIXTURES / "heldout-personas18",
    "held-out personas, spent (heldout-personas19)": FIXTURES / "heldout-personas19",
    "held-out personas, spent (heldout-personas20)": FIXTURES / "heldout-personas20",
    "held-out personas, spent (heldout-personas21)": FIXTURES / "heldout-personas21",
    "held-out personas, spent (heldout-personas22)": FIXTURES / "heldout-personas22",
    "held-out personas, spent (heldout-personas23)": FIXTURES / "heldout-personas23",
    "held-out personas, spent (heldout-personas24)": FIXTURES / "heldout-personas24",
    "held-out personas, spent (heldout-personas25)": FIXTURES / "heldout-personas25",
    "held-out personas, spent (heldout-personas26)": FIXTURES / "heldout-personas26",
    "held-out personas, spent (heldout-personas27)": FIXTURES / "heldout-personas27",
    "held-out personas, spent (heldout-personas28)": FIXTURES / "heldout-personas28",
    "held-out personas, spent (heldout-personas29)": FIXTURES / "heldout-personas29",
    "realworld (../shared, evaluation only)": ROOT.parent / "shared" / "corpus" / "realworld",
}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folders", nargs="*", type=Path)
    ap.add_argument("--me", action="append", default=[], help="the user's address")
    ap.add_argument("--rules", action="append", default=[], help="extra rule files")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every error")
    args = ap.parse_args(argv)
    ruleset = rules.load(args.rules)
    chosen = {str(f): f for f in args.folders} or {k: v for k, v in SETS.items() if v.exists()}
    for name, folder in chosen.items():
        result = score_folder(folder, ruleset, args.me)
        print(f"== {name}")
        for line in result.lines():
            print(f"   {line}")
        if args.verbose:
            for line in result.misses + [f"wrong recipient: {w}" for w in result.wrong_recipients]:
                print(f"   - {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
