"""When a follow-up is due: pure scheduling maths (pass `now` in, no clock).

Invariants:
- `due_time()` never returns a time before the rejection, and always returns
  a time inside the send window, on an allowed day, in the user's time zone.
- Business days skip Saturdays, Sundays and configured holidays (dateutil's
  rrule counts them); "N days" and "N hours" are calendar/clock time.
- Results are timezone-aware; across DST changes wall-clock window bounds are
  kept (09:00 stays 09:00), which is what a person expects.
"""

from __future__ import annotations

import functools
from collections.abc import Collection
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil.rrule import DAILY, FR, MO, TH, TU, WE, rrule, rruleset

from daemon.config import Delay

MAX_DAYS_AHEAD = 400  # a window that can never be met must not loop forever


def _allowed(day: date, weekdays_only: bool, holidays: Collection[date]) -> bool:
    if weekdays_only and day.weekday() >= 5:
        return False
    return day not in holidays


def _at(day: date, t: time, tz: ZoneInfo) -> datetime:
    # Wall-clock time on that day; zoneinfo resolves gaps/folds deterministically.
    return datetime.combine(day, t, tzinfo=tz)


def into_window(
    moment: datetime,
    window: tuple[time, time],
    tz: ZoneInfo,
    *,
    weekdays_only: bool = True,
    holidays: Collection[date] = (),
) -> datetime:
    """The earliest time >= `moment` inside the send window on an allowed day."""
    start, end = window
    local = moment.astimezone(tz)
    day = local.date()
    for _ in range(MAX_DAYS_AHEAD):
        if _allowed(day, weekdays_only, holidays):
            opens, closes = _at(day, start, tz), _at(day, end, tz)
            if local < opens:
                return opens
            if local < closes:
                return local
        day += timedelta(days=1)
        local = _at(day, time(0, 0), tz)
    raise ValueError("no allowed sending day within a year: check [followup] holidays")


def add_business_days(local: datetime, n: int, holidays: Collection[date]) -> datetime:
    """`local` moved forward by n working days (Mon-Fri, not holidays), same wall time."""
    if n <= 0:
        return local
    target = _business_day(local.date(), n, frozenset(holidays))
    return datetime.combine(target, local.timetz().replace(tzinfo=None), tzinfo=local.tzinfo)


@functools.lru_cache(maxsize=256)
def _business_day(start: date, n: int, holidays: frozenset[date]) -> date:
    """The n-th working day after `start`. Pure: a first run schedules many
    follow-ups from the same few dates, and a rule set over a long holiday
    list is slow to build."""
    rules = rruleset()
    rules.rrule(
        rrule(
            DAILY,
            byweekday=(MO, TU, WE, TH, FR),
            dtstart=datetime.combine(start + timedelta(days=1), time(0, 0)),
            count=n + len(holidays) + 1,
        )
    )
    for h in holidays:
        rules.exdate(datetime.combine(h, time(0, 0)))
    return list(rules)[n - 1].date()


def due_time(
    rejected_at: datetime,
    delay: Delay,
    window: tuple[time, time],
    tz: ZoneInfo,
    *,
    weekdays_only: bool = True,
    holidays: Collection[date] = (),
) -> datetime:
    """Rejection time + delay, moved into the next send window."""
    local = rejected_at.astimezone(tz)
    if delay.unit == "business_days":
        target = add_business_days(local, delay.amount, holidays)
    elif delay.unit == "days":
        target = datetime.combine(
            local.date() + timedelta(days=delay.amount),
            local.timetz().replace(tzinfo=None),
            tzinfo=tz,
        )
    elif delay.unit == "hours":
        target = local + timedelta(hours=delay.amount)
    else:
        target = local + timedelta(minutes=delay.amount)
    return into_window(target, window, tz, weekdays_only=weekdays_only, holidays=holidays)
