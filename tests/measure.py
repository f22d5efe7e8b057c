"""Running debrief in a child process and reading its peak memory."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# VmHWM is the child's own peak since its exec. ru_maxrss would report the
# test process's peak instead: a child spawned by vfork inherits it. The
# largest of the child's own children (fetch workers) is ru_maxrss of
# RUSAGE_CHILDREN, measured in the child, where only they count.
_PROBE = (
    "import re, resource, sys\nfrom daemon.cli import main\n"
    "rc = main(sys.argv[1:])\n"
    "hwm = re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1)\n"
    "print('MAXRSS', hwm, "
    "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
    "sys.exit(rc)\n"
)


def run_measured(*argv: str) -> tuple[subprocess.CompletedProcess[str], float, float]:
    """`debrief ARGV` in a child: (the finished process, its own peak MB,
    the largest peak of its children in MB)."""
    run = subprocess.run(
        [sys.executable, "-c", _PROBE, *argv], cwd=ROOT, capture_output=True, text=True, check=False
    )
    if "MAXRSS" not in run.stderr:
        return run, 0.0, 0.0  # it failed first: the caller's check of its status says so
    own_kb, children_kb = run.stderr.split("MAXRSS")[-1].split()[:2]
    return run, int(own_kb) / 1024, int(children_kb) / 1024
