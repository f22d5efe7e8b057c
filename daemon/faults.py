"""Named crash points for the crash-consistency tests.

`faultpoint("x")` kills the process on the spot (no cleanup, like SIGKILL)
when the environment variable DEBRIEF_FAULT is "x". It costs one dictionary
lookup otherwise. Every point sits between two durable steps, so the tests can
prove a restart does the right thing from each of them.
"""

from __future__ import annotations

import os

FAULT_EXIT = 86
POINTS = (
    "mid_batch",  # inside a batch transaction: nothing of it may survive
    "after_batch_commit",  # detections/drafts/replies committed, drafts-folder copies not yet
    "after_digest_recorded",  # digest and its token stored, not yet mailed
    "after_sending_commit",  # draft is `sending`, no SMTP yet
    "after_smtp",  # SMTP finished, nothing recorded
    "before_sent_commit",  # Sent copy appended, state not yet `sent`
)


def injected(name: str) -> bool:
    """True when DEBRIEF_FAULT asks for an injected error (e.g. "disk_full")."""
    return os.environ.get("DEBRIEF_FAULT") == name


def faultpoint(name: str) -> None:
    if os.environ.get("DEBRIEF_FAULT") == name:
        os._exit(FAULT_EXIT)
