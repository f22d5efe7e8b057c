"""Detection quality on labelled mail: precision, recall, per language,
interviewer sets and drafts to wrong people.

A labelled folder holds `inbox.mbox` and `labels.json` (keyed by Message-ID;
see daemon/quality.py for the label shapes), optionally `sent.mbox` (the
user's own mail, read as history) and `persona.json` ({"addresses": [...]}).
A folder of such folders is scored as one set. Without persona.json the user
is the most common To address of the inbox (or --me).

    python benchmarks/quality.py                 # every set this checkout knows
    python benchmarks/quality.py FOLDER [-v]     # one set; -v lists each error

The default sets: the dev corpus copy (tests/fixtures/corpus), the mails the
team wrote (tests/fixtures/written), the hand-written personas
(tests/fixtures/personas) and, when present, ../shared/corpus/realworld and
../shared/corpus/dev. The real-world set is evaluation only: it is read from
../shared, never copied here.
"""

from __future__ import annotations

import argparse
import json
import mailbox
import sys
from collections import Counter
from email.utils import getaddresses
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from daemon import rules  # noqa: E402
from daemon.history import LocalHistory  # noqa: E402
from daemon.message import Message, parse  # noqa: E402
from daemon.quality import Score, score  # noqa: E402
from daemon.scan import describe  # noqa: E402

SETS = {
    "dev (tests/fixtures/corpus)": ROOT / "tests" / "fixtures" / "corpus",
    "written (tests/fixtures/written)": ROOT / "tests" / "fixtures" / "written",
    "personas (tests/fixtures/personas)": ROOT / "tests" / "fixtures" / "personas",
    "realworld (../shared, evaluation only)": ROOT.parent / "shared" / "corpus" / "realworld",
}


def mailboxes(folder: Path) -> list[Path]:
    """The labelled mailboxes in a folder: itself, or its subfolders."""
    if (folder / "labels.json").exists():
        return [folder]
    return sorted(p for p in folder.iterdir() if (p / "labels.json").exists())


def _read(path: Path) -> list[Message]:
    if not path.exists():
        return []
    return [parse(m.as_bytes()) for m in mailbox.mbox(path)]


def _me(folder: Path, inbox: list[Message], given: list[str]) -> list[str]:
    if given:
        return given
    persona = folder / "persona.json"
    if persona.exists():
        return [a.lower() for a in json.loads(persona.read_text())["addresses"]]
    to = Counter(
        a.lower() for m in inbox for _, a in getaddresses(m.headers.get("to", [])) if "@" in a
    )
    return [to.most_common(1)[0][0]] if to else []


def score_set(folder: Path, ruleset: rules.RuleSet, me: list[str]) -> Score:
    result = Score()
    for box in mailboxes(folder):
        inbox, sent = _read(box / "inbox.mbox"), _read(box / "sent.mbox")
        labels = json.loads((box / "labels.json").read_text())
        history = LocalHistory([*inbox, *sent])
        mine = _me(box, inbox, me)
        found = describe(
            [(f"{box.name}#{i}", m) for i, m in enumerate(inbox, 1)], ruleset, mine, history
        )
        score(found, labels, f"{box.name}: ", into=result)
    return result


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
        result = score_set(folder, ruleset, [a.lower() for a in args.me])
        print(f"== {name}")
        for line in result.lines():
            print(f"   {line}")
        if args.verbose:
            for line in result.misses + [f"wrong recipient: {w}" for w in result.wrong_recipients]:
                print(f"   - {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
