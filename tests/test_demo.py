"""`debrief demo`, the README's first command, as a user runs it."""

from __future__ import annotations

import glob
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_demo_runs_narrates_and_leaves_nothing(dovecot: object) -> None:
    before = set(glob.glob("/tmp/debrief-demo-*"))
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "daemon", "demo"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    for expected in (
        "Rejection:",
        "why:",
        "interviewer:",
        "draft ",
        "debrief: ",
        "approve 1 2",
        "Confirmation mailed to you",
        "SENT to ",
        "follow-ups received by the SMTP server in total: 2",
    ):
        assert expected in out
    assert time.monotonic() - start < 120
    assert set(glob.glob("/tmp/debrief-demo-*")) == before
    leftover = subprocess.run(["pgrep", "-f", "debrief-demo-"], capture_output=True, text=True)
    assert leftover.stdout.strip() == ""
