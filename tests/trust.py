"""Counters for the trust suite, and the lines of figures tests report (chaos
cycles, load, quality): conftest prints them once at the end of a run, summed
over the test workers when the suite runs in several (pytest-xdist)."""

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


LINES: list[str] = []


def report(*lines: str) -> None:
    """Figures to show at the end of the run ("[load] 5000 messages ...")."""
    LINES.extend(lines)
