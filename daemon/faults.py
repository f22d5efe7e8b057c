"""Named crash points for the crash-consistency tests.

`faultpoint("x")` kills the process on the spot (no cleanup, like SIGKILL)
when the environment variable DEBRIEF_FAULT is "x". It costs one dictionary
lookup otherwise. Every point sits between two durable steps, so the tests can
prove a restart does the right thing from each of them.
"""

from __future__ import annotations

import os
import time

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
    """True when DEBRIEF_FAULT asks for an injected error (e.g. "disk_full").

    With DEBRIEF_FAULT_WHILE=PATH the fault lasts only while PATH exists, so a
    test can end it without restarting the process.
    """
    if os.environ.get("DEBRIEF_FAULT") != name:
        return False
    while_path = os.environ.get("DEBRIEF_FAULT_WHILE")
    return while_path is None or os.path.exists(while_path)


def pause(name: str) -> None:
    """Hold here once (DEBRIEF_PAUSE=name) so a test can break the network meanwhile.

    Creates DEBRIEF_PAUSE_MARK when the pause starts; lasts DEBRIEF_PAUSE_SECONDS.
    """
    if os.environ.get("DEBRIEF_PAUSE") != name:
        return
    mark = os.environ.get("DEBRIEF_PAUSE_MARK", "")
    if not mark or os.path.exists(mark):
        return
    with open(mark, "w") as f:
        f.write(str(os.getpid()))
    time.sleep(float(os.environ.get("DEBRIEF_PAUSE_SECONDS", "3")))


def faultpoint(name: str) -> None:
    if os.environ.get("DEBRIEF_FAULT") == name:
        os._exit(FAULT_EXIT)
