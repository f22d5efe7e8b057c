"""Rule tuning: edits to the machine-managed rules file, and rule comparisons.

The user's hand-written config and rule files are never rewritten; every
change goes to `[rules] managed_file` (TOML written with tomli-w, atomically).
The edit functions are pure over dicts; `save()`/`load_doc()` do the I/O.
"""

from __future__ import annotations

import os
import re
import tempfile
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import tomli_w

from daemon.errors import ConfigError
from daemon.pipeline import Finding
from daemon.rules import FIELDS, KINDS, parse_file

HEADER = "# Managed by `debrief rules ...`: edit with care, or use the commands.\n"


def load_doc(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(str(path), "", f"TOML syntax error: {e}") from None


def save(path: Path, doc: dict[str, Any]) -> None:
    """Validate, then replace the file atomically."""
    parse_file(str(path), doc)  # never write something we would refuse to load
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".rules-", suffix=".toml")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(HEADER.encode())
            tomli_w.dump(doc, f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "x"


def add_phrase(
    doc: dict[str, Any], phrases: list[str], *, kind: str, weight: float, field: str
) -> str:
    """Add a user rule firing on `phrases`; returns its id."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r} (known: {', '.join(KINDS)})")
    if field not in FIELDS:
        raise ValueError(f"unknown field {field!r} (known: {', '.join(FIELDS)})")
    rules = doc.setdefault("rule", [])
    base = f"user.{kind}.{_slug(phrases[0])}"
    rid, n = base, 2
    while any(r.get("id") == rid for r in rules):
        rid, n = f"{base}-{n}", n + 1
    rules.append(
        {
            "id": rid,
            "kind": kind,
            "weight": weight,
            "field": field,
            "phrases": phrases,
            "examples": phrases[:1],
            "description": "added with debrief rules add-phrase",
        }
    )
    return rid


def ignore_sender(doc: dict[str, Any], sender: str) -> str:
    """Never treat mail from this address or domain as a rejection."""
    sender = sender.strip().lower()
    is_domain = "@" not in sender or sender.startswith("@")
    value = sender.lstrip("@")
    rid = f"user.ignore.{_slug(value)}"
    rules = doc.setdefault("rule", [])
    if not any(r.get("id") == rid for r in rules):
        rules.append(
            {
                "id": rid,
                "kind": "non_job",
                "weight": 100.0,
                "field": "from_domain" if is_domain else "from",
                "phrases": [value],
                "description": f"ignore-sender {sender}",
            }
        )
    return rid


def disable(doc: dict[str, Any], rule_id: str) -> None:
    ids = doc.setdefault("disable", {}).setdefault("ids", [])
    if rule_id not in ids:
        ids.append(rule_id)


def compare(
    before: Iterable[Finding], after: Iterable[Finding]
) -> tuple[list[Finding], list[Finding]]:
    """(added, dropped) rejections between two runs over the same messages."""
    old = {f.message.key: f for f in before if f.verdict.rejection}
    new = {f.message.key: f for f in after if f.verdict.rejection}
    added = [f for k, f in new.items() if k not in old]
    dropped = [f for k, f in old.items() if k not in new]
    return added, dropped
