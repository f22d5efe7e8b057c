"""Value checks of the configuration: each takes a raw TOML value and returns
the typed value, or raises ValueError with the "expected ..., got ..." text
that `daemon.config` turns into a file/table/key error.

Pure: no I/O, no environment. `daemon.config` holds the schema (which table
has which keys, and which check each key uses); this module holds what one
value may be.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time
from typing import Literal, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

T = TypeVar("T")


@dataclass(frozen=True)
class Delay:
    """A follow-up delay: `amount` of `unit` after the rejection."""

    amount: int
    unit: Literal["business_days", "days", "hours", "minutes"]


def shown(value: object) -> str:
    """A raw value as an error message shows it: "a table", "a list", a quoted string."""
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return repr(value)


def p_str(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"expected a non-empty string, got {shown(value)}")
    if any(c in value for c in "\r\n\x00"):
        raise ValueError("must not contain line breaks or NUL characters")
    return value


def p_bool(value: object) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"expected true or false, got {shown(value)}")
    return value


def p_int(lo: int, hi: int) -> Callable[[object], int]:
    def parse(value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
            raise ValueError(f"expected an integer {lo}-{hi}, got {shown(value)}")
        return value

    return parse


def p_float(lo: float, hi: float) -> Callable[[object], float]:
    def parse(value: object) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float) or not lo <= value <= hi:
            raise ValueError(f"expected a number {lo:g}-{hi:g}, got {shown(value)}")
        return float(value)

    return parse


def p_choice(*choices: str) -> Callable[[object], str]:
    def parse(value: object) -> str:
        if value not in choices:
            listed = ", ".join(f'"{c}"' for c in choices)
            raise ValueError(f"expected one of {listed}, got {shown(value)}")
        assert isinstance(value, str)
        return value

    return parse


def p_list(item: Callable[[object], T], *, nonempty: bool = False) -> Callable[[object], list[T]]:
    def parse(value: object) -> list[T]:
        if not isinstance(value, list):
            raise ValueError(f"expected a list, got {shown(value)}")
        if nonempty and not value:
            raise ValueError("expected a non-empty list")
        out = []
        for i, v in enumerate(value):
            try:
                out.append(item(v))
            except ValueError as e:
                raise ValueError(f"item {i + 1}: {e}") from None
        return out

    return parse


_ADDRESS = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$"
)


def p_address(value: object) -> str:
    if not isinstance(value, str) or not _ADDRESS.match(value.strip()):
        raise ValueError(f"expected an email address like name@example.org, got {shown(value)}")
    return value.strip().lower()


def p_dnc_entry(value: object) -> str:
    """A do-not-contact entry: an address, or a whole domain (`@x.example` or `x.example`)."""
    if isinstance(value, str) and re.match(r"^@?[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$", value):
        return "@" + value.lstrip("@").lower()
    return p_address(value)


def p_timezone(value: object) -> str:
    s = p_str(value)
    try:
        ZoneInfo(s)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f'unknown time zone "{s}" (expected an IANA name like "Europe/Berlin")'
        ) from None
    return s


_DELAY = re.compile(
    r"^\s*(\d+)\s*(business\s+days?|working\s+days?|days?|hours?|h|minutes?|min|m)?\s*$", re.I
)


def parse_delay(text: str) -> Delay:
    """Parse "2 business days", "36 hours", "90 minutes", "3 days" or "0"."""
    m = _DELAY.match(text)
    if not m or (m.group(2) is None and m.group(1) != "0"):
        raise ValueError(
            f'expected a delay like "2 business days", "36 hours" or "0", got "{text}"'
        )
    amount = int(m.group(1))
    unit_text = (m.group(2) or "hours").lower()
    unit: Literal["business_days", "days", "hours", "minutes"]
    if unit_text.startswith(("business", "working")):
        unit = "business_days"
    elif unit_text.startswith("day"):
        unit = "days"
    elif unit_text.startswith("h"):
        unit = "hours"
    else:
        unit = "minutes"
    if amount > 365 * 24 * 60:
        raise ValueError(f'delay "{text}" is too long')
    return Delay(amount, unit)


def p_delay(value: object) -> Delay:
    if isinstance(value, int) and not isinstance(value, bool) and value == 0:
        return Delay(0, "hours")
    if not isinstance(value, str):
        raise ValueError(f'expected a delay like "2 business days", got {shown(value)}')
    return parse_delay(value)


def p_window(value: object) -> tuple[time, time]:
    s = p_str(value)
    m = re.match(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$", s)
    try:
        if not m:
            raise ValueError
        start = time(int(m.group(1)), int(m.group(2)))
        end = time(int(m.group(3)), int(m.group(4))) if m.group(3) != "24" else time.max
    except ValueError:
        raise ValueError(f'expected a window like "09:00-17:00", got "{s}"') from None
    if not start < end:
        raise ValueError(f'the window "{s}" must end after it starts')
    return (start, end)


def p_date(value: object) -> date:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"expected a date like 2026-12-25, got {shown(value)}")


def p_cron(value: object) -> str:
    s = p_str(value)
    from apscheduler.triggers.cron import CronTrigger

    try:
        CronTrigger.from_crontab(s, timezone="UTC")
    except ValueError as e:
        raise ValueError(f'invalid cron expression "{s}": {e}') from None
    return s


# --------------------------------------------------------------------------
# Table reader: tracks which keys were read so the rest can be reported.
