"""Due times: business days, send windows, weekends, holidays, DST."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from daemon.config import Delay
from daemon.timing import due_time, into_window

BERLIN = ZoneInfo("Europe/Berlin")
WINDOW = (time(9, 0), time(17, 0))


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=BERLIN)  # type: ignore[misc]


def test_two_business_days_from_thursday_lands_monday_morning_in_window() -> None:
    # Thursday 2026-03-05 18:30 -> +2 business days = Monday 18:30 -> after window -> Tuesday 09:00
    due = due_time(local(2026, 3, 5, 18, 30), Delay(2, "business_days"), WINDOW, BERLIN)
    assert due == local(2026, 3, 10, 9, 0)
    due = due_time(local(2026, 3, 5, 11, 0), Delay(2, "business_days"), WINDOW, BERLIN)
    assert due == local(2026, 3, 9, 11, 0)  # Monday 11:00


def test_holidays_are_skipped_both_in_counting_and_in_window() -> None:
    holidays = {date(2026, 3, 9)}
    due = due_time(
        local(2026, 3, 5, 11, 0), Delay(2, "business_days"), WINDOW, BERLIN, holidays=holidays
    )
    assert due == local(2026, 3, 10, 11, 0)
    due = into_window(local(2026, 3, 9, 10, 0), WINDOW, BERLIN, holidays=holidays)
    assert due == local(2026, 3, 10, 9, 0)


def test_hours_minutes_days_and_zero() -> None:
    at = local(2026, 3, 6, 10, 0)  # Friday
    assert due_time(at, Delay(36, "hours"), WINDOW, BERLIN) == local(2026, 3, 9, 9, 0)
    assert due_time(at, Delay(90, "minutes"), WINDOW, BERLIN) == local(2026, 3, 6, 11, 30)
    assert due_time(at, Delay(1, "days"), WINDOW, BERLIN) == local(2026, 3, 9, 9, 0)
    assert due_time(at, Delay(0, "hours"), WINDOW, BERLIN) == at
    weekend_ok = due_time(at, Delay(1, "days"), WINDOW, BERLIN, weekdays_only=False)
    assert weekend_ok == local(2026, 3, 7, 10, 0)


def test_dst_keeps_wall_clock_window() -> None:
    # Europe/Berlin springs forward on 2026-03-29 (Sunday).
    due = due_time(local(2026, 3, 27, 16, 59), Delay(1, "business_days"), WINDOW, BERLIN)
    assert due == local(2026, 3, 30, 16, 59)
    assert due.utcoffset() == timedelta(hours=2)


def test_rejection_in_utc_is_read_in_user_zone() -> None:
    ny = ZoneInfo("America/New_York")
    rejected = datetime(2026, 3, 6, 23, 30, tzinfo=UTC)  # Friday 18:30 in New York
    due = due_time(rejected, Delay(0, "hours"), WINDOW, ny)
    assert due == datetime(2026, 3, 9, 9, 0, tzinfo=ny)


@settings(max_examples=300, deadline=None)
@given(
    st.datetimes(
        min_value=datetime(2020, 1, 1), max_value=datetime(2035, 1, 1), timezones=st.just(UTC)
    ),
    st.integers(0, 10),
    st.sampled_from(["business_days", "days", "hours", "minutes"]),
    st.sampled_from(["Europe/Berlin", "America/New_York", "Asia/Kolkata", "Pacific/Auckland"]),
    st.booleans(),
)
def test_due_time_invariants(
    rejected: datetime, amount: int, unit: str, zone: str, weekdays_only: bool
) -> None:
    tz = ZoneInfo(zone)
    due = due_time(
        rejected,
        Delay(amount, unit),
        WINDOW,
        tz,  # type: ignore[arg-type]
        weekdays_only=weekdays_only,
    )
    assert due >= rejected
    wall = due.astimezone(tz)
    assert time(9, 0) <= wall.time().replace(fold=0) < time(17, 0)
    if weekdays_only:
        assert wall.weekday() < 5


def test_impossible_window_is_an_error() -> None:
    everything = {date(2026, 1, 1) + timedelta(days=i) for i in range(500)}
    with pytest.raises(ValueError, match="holidays"):
        into_window(local(2026, 1, 1, 10, 0), WINDOW, BERLIN, holidays=everything)
