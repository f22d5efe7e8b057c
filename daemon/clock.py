"""Is this machine's clock sane? Pure.

debrief anchors its first-run cut-off, follow-up due times and the digest
schedule on the wall clock. A clock far behind would draft old rejections
as if new and due; one that ran far ahead leaves marks in the store (the
highest time seen, the first-run cut-off, the digest anchor) that would
push everything out once it is corrected.

The arbiter is the mail server: the newest message's INTERNALDATE is the
server's own time of delivery, so a clock behind it is wrong. The highest
time debrief recorded is the other reference: a clock a little behind it
(up to a day: a step back, a wrong time zone) waits until it catches up.

Invariants:
- `clock_problem` is None (sane) or says what is wrong; when it is not None
  the caller drafts, sends and anchors nothing.
- Marks more than a day ahead of a clock that agrees with the server were
  left by a clock that ran ahead (`marks_ahead`): the caller resets them,
  loudly, rather than wait for years.
"""

from __future__ import annotations

from datetime import datetime, timedelta

SKEW = timedelta(minutes=10)  # clocks and servers disagree a little
STEP_BACK = timedelta(days=1)  # beyond this, the old mark was the wrong one


def clock_problem(
    now: datetime, high_water: datetime | None, server_newest: datetime | None
) -> str | None:
    """Why `now` cannot be trusted, or None."""
    if server_newest is not None and now < server_newest - SKEW:
        return (
            f"this machine's clock ({now:%Y-%m-%d %H:%M} UTC) is behind the mail server, "
            f"which delivered mail at {server_newest:%Y-%m-%d %H:%M} UTC"
        )
    if high_water is not None and high_water - SKEW > now >= high_water - STEP_BACK:
        return (
            f"this machine's clock ({now:%Y-%m-%d %H:%M} UTC) went back: debrief already "
            f"recorded {high_water:%Y-%m-%d %H:%M} UTC; waiting until it catches up"
        )
    return None


def marks_ahead(now: datetime, mark: datetime | None) -> bool:
    """A recorded time more than a day ahead of a clock the server agrees
    with: left by a clock that ran ahead."""
    return mark is not None and mark - now > STEP_BACK
