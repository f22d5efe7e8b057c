"""Counters for the trust suite; conftest prints them once at the end of a run."""

from __future__ import annotations

COUNTS: dict[str, int] = {
    "runs": 0,
    "faults injected": 0,
    "inputs tried": 0,
    "duplicates": 0,
    "losses": 0,
    "unapproved sends": 0,
    "crashes": 0,
    "hostile mail cases": 0,
}


def add(**kw: int) -> None:
    for key, value in kw.items():
        COUNTS[key.replace("_", " ")] += value
