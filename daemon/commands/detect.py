"""`debrief scan` and `debrief rules ...`: what the rules match, and tuning them."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from daemon import config, message, passwords, pipeline, quality, rules, sources, tuning
from daemon.commands.common import config_path, load_config, me_for, names_for, ruleset_for
from daemon.errors import EX_DATAERR, EX_OK, DebriefError, UsageError
from daemon.history import ChainHistory, HistorySource, LocalHistory
from daemon.message import Message


def _progress(n: int) -> None:
    if sys.stderr.isatty():
        sys.stderr.write(f"\r  {n} messages...")
        sys.stderr.flush()


def _messages(
    args: argparse.Namespace, cfg: config.Config | None, since: date | None = None
) -> tuple[list[tuple[str, Message]], HistorySource, list[Callable[[], None]]]:
    """Parse every SOURCE; return them, the history over them, and closers."""
    from daemon.imap import ImapMailbox
    from daemon.imaphistory import ImapHistory

    closers: list[Callable[[], None]] = []
    box: ImapMailbox | None = None

    def imap_reader(folder: str, day: date | None) -> Iterator[tuple[int, bytes]]:
        nonlocal box
        if cfg is None or cfg.imap is None:
            raise DebriefError(f"imap:{folder}: needs a config file with an [imap] table")
        if box is None:
            box = ImapMailbox.connect(
                cfg.imap,
                passwords.resolve(
                    cfg.imap.secret, file=cfg.source, table="imap", credential="imap-password"
                ),
            )
            closers.append(box.close)
        box.examine(folder)
        uids = box.uids_since(day) if day else box.uids_after(0)
        yield from box.fetch_slim(uids)

    parsed: list[tuple[str, Message]] = []
    local = LocalHistory()
    for spec in args.sources:
        for item in sources.read(spec, imap_reader, since):
            msg = message.parse(item.raw)
            parsed.append((item.origin, msg))
            local.add(msg)
            if len(parsed) % 500 == 0:
                _progress(len(parsed))
    history: HistorySource = local
    if box is not None and cfg is not None and cfg.imap is not None:
        history = ChainHistory(local, ImapHistory(box, [*cfg.imap.folders, cfg.imap.sent_folder]))
    return parsed, history, closers


def _since(text: str | None, now: datetime) -> date | None:
    if not text:
        return None
    m = re.fullmatch(r"(\d+)\s*d(?:ays?)?", text.strip())
    if not m:
        raise UsageError(f'--since: expected a number of days like "90d", got "{text}"')
    return (now - timedelta(days=int(m.group(1)))).date()


def cmd_scan(args: argparse.Namespace) -> int:
    cfg = load_config(args, required=False)
    ruleset = ruleset_for(cfg)
    me = me_for(args, cfg)
    parsed, history, closers = _messages(args, cfg)
    try:
        for f in pipeline.describe(parsed, ruleset, me, history, _progress, names_for(cfg)):
            if not (args.all or f.verdict.rejection):
                continue
            if args.json:
                print(f.json_line())
            else:
                print("\n".join(pipeline.table_lines(f)))
    finally:
        for close in closers:
            close()
    return EX_OK


def cmd_rules_test(args: argparse.Namespace) -> int:
    cfg = load_config(args, required=False)
    ruleset = ruleset_for(cfg)
    me = me_for(args, cfg)
    since = _since(args.since, datetime.now(UTC))
    parsed, history, closers = _messages(args, cfg, since)
    if since is not None:
        parsed = [(o, m) for o, m in parsed if m.date is None or m.date.date() >= since]
    labels = _labels(args.labels) if args.labels else None
    try:
        current = list(pipeline.describe(parsed, ruleset, me, history, _progress, names_for(cfg)))
        if labels is not None:
            result = quality.score(current, labels)
            for line in result.misses + [f"wrong recipient: {w}" for w in result.wrong_recipients]:
                print(line)
            print("\n".join(result.lines()))
            print(f"rules from: {', '.join(ruleset.sources)}")
            return EX_OK
        if not args.compare:
            hits = [f for f in current if f.verdict.rejection]
            for f in hits:
                print("\n".join(pipeline.table_lines(f)))
            print(
                f"{len(hits)} rejection(s) in {len(current)} received message(s); "
                f"rules from: {', '.join(ruleset.sources)}"
            )
            return EX_OK
        other = rules.load(
            [*ruleset.sources, *rules.expand([args.compare])],
            include_shipped=False,
            threshold=ruleset.threshold,
        )
        changed = list(pipeline.describe(parsed, other, me, history, names=names_for(cfg)))
        added, dropped = tuning.compare(current, changed)
        for f in added:
            print("+ " + "\n  ".join(pipeline.table_lines(f)))
        for f in dropped:
            print("- " + "\n  ".join(pipeline.table_lines(f)))
        print(
            f"with {args.compare}: {len(added)} added, {len(dropped)} dropped, "
            f"{sum(f.verdict.rejection for f in changed)} rejection(s) in total"
        )
        return EX_OK
    finally:
        for close in closers:
            close()


def _labels(path: str) -> dict[str, Any]:
    """Labels by Message-ID (daemon/quality.py): every one checked before any scan."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as e:
        raise UsageError(f"--labels {path}: cannot read: {e.strerror}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise UsageError(f"--labels {path}: not valid JSON: {e}") from None
    if not isinstance(data, dict):
        raise UsageError(f"--labels {path}: expected an object keyed by Message-ID")
    for key, value in data.items():
        try:
            quality.read_label(value)
        except ValueError as e:
            raise UsageError(f"--labels {path}: label {key}: {e}") from None
    return data


def _managed_path(args: argparse.Namespace) -> Path:
    cfg = load_config(args, required=False)
    if cfg is not None:
        return Path(cfg.rules.managed_file)
    return config_path(args).parent / "rules.managed.toml"


def _edit_managed(args: argparse.Namespace, edit: Callable[[dict[str, Any]], str]) -> int:
    path = _managed_path(args)
    doc = tuning.load_doc(path)
    try:
        said = edit(doc)
    except ValueError as e:
        raise DebriefError(str(e)) from None
    tuning.save(path, doc)
    print(f"{said} (written to {path})")
    return EX_OK


def cmd_rules_add_phrase(args: argparse.Namespace) -> int:
    return _edit_managed(
        args,
        lambda doc: (
            "added rule "
            + tuning.add_phrase(
                doc, args.phrases, kind=args.kind, weight=args.weight, field=args.field
            )
        ),
    )


def cmd_rules_ignore_sender(args: argparse.Namespace) -> int:
    return _edit_managed(args, lambda doc: "added rule " + tuning.ignore_sender(doc, args.sender))


def cmd_rules_disable(args: argparse.Namespace) -> int:
    ruleset = ruleset_for(load_config(args, required=False))
    if ruleset.by_id(args.rule_id) is None:
        raise DebriefError(f"no rule with id {args.rule_id!r} is loaded")

    def edit(doc: dict[str, Any]) -> str:
        tuning.disable(doc, args.rule_id)
        return f"disabled {args.rule_id}"

    return _edit_managed(args, edit)


def cmd_rules_check(args: argparse.Namespace) -> int:
    """Load every rule file and check each rule against its own examples."""
    ruleset = ruleset_for(load_config(args, required=False))
    failures = 0
    for rule in ruleset.rules:
        for example in rule.examples:
            fields = {
                "subject": example,
                "body": example,
                "from": example,
                "from_domain": example,
                "from_name": example,
            }
            if not any(h.rule == rule.id for h in ruleset.evaluate(fields)):
                failures += 1
                print(f"{rule.source}: {rule.id}: example does not match: {example!r}")
    print(
        f"{len(ruleset.rules)} rules from {len(ruleset.sources)} file(s); "
        f"{failures} example(s) failing; threshold {ruleset.threshold:g}"
    )
    return EX_DATAERR if failures else EX_OK
