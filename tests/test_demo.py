"""`debrief demo`, the README's first command, as a user runs it."""

from __future__ import annotations

import glob
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("imap", ["dovecot", "pymap"])
def test_demo_runs_narrates_and_leaves_nothing(dovecot: object, imap: str) -> None:
    """With Dovecot when installed; with pure-Python pymap (the demo extra) otherwise."""
    before = set(glob.glob("/tmp/debrief-demo-*"))
    start = time.monotonic()
    env = {**os.environ, "DEBRIEF_DEMO_IMAP": imap}
    done = subprocess.run(
        [sys.executable, "-m", "daemon", "demo"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    assert ("pymap (pure Python)" in out) == (imap == "pymap")
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
    leftover = subprocess.run(
        ["pgrep", "-f", "debrief-demo-"], capture_output=True, text=True, check=False
    )
    assert leftover.stdout.strip() == ""
