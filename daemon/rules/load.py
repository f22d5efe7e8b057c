"""Loading rule files: TOML tables checked and compiled into the rule model.

Every problem is a ConfigError naming the file, the rule (by id or position)
and the key: a service reloading a broken file keeps its old rules.
"""

from __future__ import annotations

import re
import sys
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from daemon.errors import ConfigError
from daemon.matching import normalize, required_literals
from daemon.rules.model import FIELDS, KINDS, SENDER_KEYS_ORDER, Clause, Rule, Senders
from daemon.rules.ruleset import RuleSet

RULE_KEYS = {
    "id",
    "kind",
    "weight",
    "field",
    "phrases",
    "regex",
    "all",
    "any",
    "not",
    "examples",
    "description",
    "enabled",
    "scope",
}
CLAUSE_KEYS = {"field", "phrases", "regex"}
SENDER_KEYS = {
    "automated_local_parts",
    "role_local_parts",
    "automated_domains",
    "consumer_domains",
    "tool_domains",
}
TOP_KEYS = {"rule", "senders", "settings", "disable"}


def _str_list(file: str, where: str, value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(file, where, "expected a list of non-empty strings")
    return tuple(value)


def _clause(file: str, where: str, data: Mapping[str, Any], default_field: str) -> Clause:
    fld = data.get("field", default_field)
    if not isinstance(fld, str) or not (fld in FIELDS or fld.startswith("header:")):
        raise ConfigError(
            file,
            f"{where} field",
            f'expected one of {", ".join(FIELDS)} or "header:<Name>", got {fld!r}',
        )
    phrases = tuple(
        normalize(p) for p in _str_list(file, f"{where} phrases", data.get("phrases", []))
    )
    patterns = []
    for rx in _str_list(file, f"{where} regex", data.get("regex", [])):
        try:
            patterns.append(re.compile(rx))
        except re.error as e:
            raise ConfigError(
                file, f"{where} regex", f"invalid regular expression {rx!r}: {e}"
            ) from None
        if re.fullmatch(rx, ""):
            raise ConfigError(
                file, f"{where} regex", f"{rx!r} matches an empty text: it would fire on any mail"
            )
    if not phrases and not patterns:
        raise ConfigError(file, where, "needs phrases or regex")
    needles = tuple(required_literals(p.pattern) for p in patterns)
    for p, n in zip(patterns, needles, strict=True):
        if n and all(_folded(lit) != lit for lit in n) and not _ignores_case(p.pattern):
            raise ConfigError(
                file,
                f"{where} regex",
                f"{p.pattern!r} can never match: mail is matched in lower case without "
                "accents, so write it that way",
            )
    prefilter = None
    if not fld.startswith("header:") and all(n is not None for n in needles):
        prefilter = frozenset(phrases).union(*(n for n in needles if n is not None))
    return Clause(fld, phrases, tuple(patterns), needles, prefilter)


def _folded(text: str) -> str:
    """Case and diacritics as matching sees them (spacing left alone)."""
    return "".join(
        c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c)
    )


def _ignores_case(pattern: str) -> bool:
    return re.compile(pattern).flags & re.IGNORECASE != 0


def _impossible(main: Clause, all_: tuple[Clause, ...], not_: tuple[Clause, ...]) -> str | None:
    """Why a rule's clauses can never fire together, or None."""
    for i, c in enumerate(not_):
        for other, name in [
            (main, "the rule's own words"),
            *((a, f"all[{j}]") for j, a in enumerate(all_)),
        ]:
            same_words = set(c.phrases) >= set(other.phrases) and {r.pattern for r in c.regex} >= {
                r.pattern for r in other.regex
            }
            if c.field == other.field and same_words:
                return f"not[{i}] excludes every match of {name}: the rule can never fire"
    return None


def _sub_clauses(
    file: str, where: str, value: object, default_field: str = "body"
) -> tuple[Clause, ...]:
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list):
        raise ConfigError(file, where, "expected a table or a list of tables")
    out = []
    for i, item in enumerate(value):
        if not isinstance(item, dict):
            raise ConfigError(file, f"{where}[{i}]", "expected a table")
        for key in item:
            if key not in CLAUSE_KEYS:
                raise ConfigError(file, f"{where}[{i}] {key}", "unknown key")
        out.append(_clause(file, f"{where}[{i}]", item, default_field))
    return tuple(out)


def parse_rule(file: str, index: int, data: Mapping[str, Any]) -> Rule | None:
    """One `[[rule]]` table -> Rule (None when `enabled = false`)."""
    rid = data.get("id")
    where = f"[[rule]] #{index + 1}" if not isinstance(rid, str) else f'[[rule]] "{rid}"'
    for key in data:
        if key not in RULE_KEYS:
            raise ConfigError(
                file, f"{where} {key}", f"unknown key (known: {', '.join(sorted(RULE_KEYS))})"
            )
    if not isinstance(rid, str) or not re.fullmatch(r"[A-Za-z0-9_.:-]+", rid):
        raise ConfigError(file, f"{where} id", "expected an id of letters, digits, . _ : -")
    kind = data.get("kind")
    if kind not in KINDS:
        raise ConfigError(
            file, f"{where} kind", f"expected one of {', '.join(KINDS)}, got {kind!r}"
        )
    weight = data.get("weight", 1.0)
    if isinstance(weight, bool) or not isinstance(weight, int | float) or not 0 < weight <= 100:
        raise ConfigError(file, f"{where} weight", f"expected a number 0-100, got {weight!r}")
    enabled = data.get("enabled", True)
    if not isinstance(enabled, bool):
        raise ConfigError(file, f"{where} enabled", "expected true or false")
    description = data.get("description", "")
    if not isinstance(description, str):
        raise ConfigError(file, f"{where} description", "expected a string")
    main = _clause(file, where, data, "body")
    scope = data.get("scope", "message")
    if scope not in ("message", "sentence"):
        raise ConfigError(
            file, f"{where} scope", f'expected "message" or "sentence", got {scope!r}'
        )
    if scope == "sentence" and main.field not in ("subject", "body", "text"):
        raise ConfigError(file, f"{where} scope", "sentences are read in subject, body or text")
    # A sentence-scoped rule reads every clause in the main clause's field.
    sub_field = main.field if scope == "sentence" else "body"
    all_ = _sub_clauses(file, f"{where} all", data.get("all", []), sub_field)
    any_ = _sub_clauses(file, f"{where} any", data.get("any", []), sub_field)
    not_ = _sub_clauses(file, f"{where} not", data.get("not", []), sub_field)
    if scope == "sentence":
        for c in (*all_, *any_, *not_):
            if c.field != main.field:
                raise ConfigError(
                    file,
                    f"{where} scope",
                    f'a sentence-scoped rule reads one field ("{main.field}"); '
                    f'a clause asks for "{c.field}"',
                )
    problem = _impossible(main, all_, not_)
    if problem:
        raise ConfigError(file, f"{where} not", problem)
    rule = Rule(
        id=rid,
        kind=kind,
        weight=float(weight),
        main=main,
        all=all_,
        any=any_,
        not_=not_,
        examples=_str_list(file, f"{where} examples", data.get("examples", [])),
        description=description,
        source=file,
        scope=scope,
    )
    return rule if enabled else None


@dataclass
class RuleFile:
    path: str
    rules: list[Rule]
    disabled: set[str]
    senders: Senders
    threshold: float | None


def parse_file(path: str, data: Mapping[str, Any]) -> RuleFile:
    for key in data:
        if key not in TOP_KEYS:
            raise ConfigError(
                path, f"[{key}]", f"unknown table (known: {', '.join(sorted(TOP_KEYS))})"
            )
    raw_rules = data.get("rule", [])
    if not isinstance(raw_rules, list):
        raise ConfigError(path, "[[rule]]", "expected an array of tables")
    rules: list[Rule] = []
    disabled: set[str] = set()
    for i, r in enumerate(raw_rules):
        if not isinstance(r, dict):
            raise ConfigError(path, f"[[rule]] #{i + 1}", "expected a table")
        rule = parse_rule(path, i, r)
        if rule is None:
            disabled.add(str(r.get("id")))
        else:
            # A later file may replace a rule by its id; one file saying it
            # twice is a slip that would silently drop the first.
            if any(prior.id == rule.id for prior in rules):
                raise ConfigError(path, f"[[rule]] #{i + 1} id", f"{rule.id!r} is defined twice")
            rules.append(rule)
    disabled.update(
        _str_list(path, "[disable] ids", data.get("disable", {}).get("ids", []))
        if isinstance(data.get("disable"), dict)
        else ()
    )
    if isinstance(data.get("disable"), dict):
        for key in data["disable"]:
            if key != "ids":
                raise ConfigError(path, f"[disable] {key}", "unknown key (known: ids)")
    senders_data = data.get("senders", {})
    if not isinstance(senders_data, dict):
        raise ConfigError(path, "[senders]", "expected a table")
    for key in senders_data:
        if key not in SENDER_KEYS:
            raise ConfigError(
                path, f"[senders] {key}", f"unknown key (known: {', '.join(sorted(SENDER_KEYS))})"
            )
    senders = Senders(
        **{
            k: tuple(s.lower() for s in _str_list(path, f"[senders] {k}", senders_data.get(k, [])))
            for k in SENDER_KEYS_ORDER
        }
    )
    threshold = None
    settings = data.get("settings", {})
    if not isinstance(settings, dict):
        raise ConfigError(path, "[settings]", "expected a table")
    for key in settings:
        if key != "threshold":
            raise ConfigError(path, f"[settings] {key}", "unknown key (known: threshold)")
    if "threshold" in settings:
        t = settings["threshold"]
        if isinstance(t, bool) or not isinstance(t, int | float) or t <= 0:
            raise ConfigError(
                path, "[settings] threshold", f"expected a positive number, got {t!r}"
            )
        threshold = float(t)
    return RuleFile(path, rules, disabled, senders, threshold)


def read_file(path: Path) -> RuleFile:
    name = str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(name, "", "no such rule file") from None
    except OSError as e:
        raise ConfigError(name, "", f"cannot read: {e.strerror}") from None
    except UnicodeDecodeError:
        raise ConfigError(name, "", "is not valid UTF-8") from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(name, "", f"TOML syntax error: {e}") from None
    return parse_file(name, data)


def expand(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given; folders as their *.toml files in name order."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(p.glob("*.toml")))
        else:
            out.append(p)
    return out


DEFAULT_THRESHOLD = 5.0


def shipped_rules_dir() -> Path:
    """`rules/` of a source checkout, else `<prefix>/share/debrief/rules`."""
    here = Path(__file__).resolve().parent.parent.parent / "rules"
    if here.is_dir():
        return here
    return Path(sys.prefix) / "share" / "debrief" / "rules"


def load(
    paths: Iterable[str | Path],
    *,
    include_shipped: bool = True,
    threshold: float | None = None,
    managed: str | Path | None = None,
) -> RuleSet:
    """Load rule files in order; a later rule with the same id replaces an earlier one."""
    files = expand(([shipped_rules_dir()] if include_shipped else []) + list(paths))
    if managed is not None and Path(managed).exists():
        files.append(Path(managed))
    by_id: dict[str, Rule] = {}
    disabled: set[str] = set()
    senders = Senders()
    file_threshold: float | None = None
    for f in files:
        rf = read_file(f)
        for r in rf.rules:
            by_id[r.id] = r
            disabled.discard(r.id)
        disabled |= rf.disabled
        senders = senders.merged(rf.senders)
        file_threshold = rf.threshold if rf.threshold is not None else file_threshold
    rules = [r for rid, r in by_id.items() if rid not in disabled]
    chosen = threshold if threshold is not None else file_threshold or DEFAULT_THRESHOLD
    return RuleSet(rules, senders, chosen, [str(f) for f in files])
