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
(tests/fixtures/personas), two held-out sets written apart from the rules
(tests/fixtures/heldout, tests/fixtures/heldout-personas: read their figures,
never their misses, or they stop measuring anything) and, when present,
../shared/corpus/realworld. The real-world set is evaluation only: it is read from
../shared, never copied here.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from daemon import rules  # noqa: E402
from daemon.quality import score_folder  # noqa: E402

SETS = {
    "dev (tests/fixtures/corpus)": ROOT / "tests" / "fixtures" / "corpus",
    "written (tests/fixtures/written)": ROOT / "tests" / "fixtures" / "written",
    "personas (tests/fixtures/personas)": ROOT / "tests" / "fixtures" / "personas",
    # Held out: the team reads only these figures, never the misses (no -v).
    "held out, spent (tests/fixtures/heldout: its misses were read once)": ROOT
    / "tests"
    / "fixtures"
    / "heldout",
    "held out, spent (tests/fixtures/heldout2: its misses were read once)": ROOT
    / "tests"
    / "fixtures"
    / "heldout2",
    "held out, spent (tests/fixtures/heldout3: its misses were read once)": ROOT
    / "tests"
    / "fixtures"
    / "heldout3",
    "held out (tests/fixtures/heldout4)": ROOT / "tests" / "fixtures" / "heldout4",
    "held-out personas, spent (tests/fixtures/heldout-personas)": ROOT
    / "tests"
    / "fixtures"
    / "heldout-personas",
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
