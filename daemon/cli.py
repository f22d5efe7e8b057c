"""Command line: `debrief <command> ...`; `main(argv) -> int` never raises."""

from __future__ import annotations

import argparse
import logging
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import tomli_w

from daemon import __version__, config, logs, message, rules, scan, secrets, sources, tuning
from daemon.errors import EX_DATAERR, EX_OK, EX_SOFTWARE, EX_USAGE, DebriefError, UsageError
from daemon.history import ChainHistory, HistorySource, LocalHistory
from daemon.message import Message

log = logging.getLogger("debrief")


def _config_path(args: argparse.Namespace) -> Path:
    return Path(args.config) if args.config else config.default_config_path()


def _load_config(args: argparse.Namespace, *, required: bool) -> config.Config | None:
    """--config / $DEBRIEF_CONFIG / default path; absent default is fine unless required."""
    explicit = bool(getattr(args, "config", None) or os.environ.get("DEBRIEF_CONFIG"))
    path = _config_path(args)
    if not explicit and not required and not path.exists():
        return None
    return config.load(path)


def _ruleset(cfg: config.Config | None) -> rules.RuleSet:
    if cfg is None:
        return rules.load([])
    r = cfg.rules
    return rules.load(
        r.paths, include_shipped=r.include_shipped, threshold=r.threshold, managed=r.managed_file
    )


def _me(args: argparse.Namespace, cfg: config.Config | None) -> list[str]:
    me = [a.lower() for a in getattr(args, "me", None) or []]
    if cfg is not None:
        me += list(cfg.identity.addresses)
    if not me:
        raise UsageError("say who you are: --me ADDRESS (or a config file with [identity])")
    return list(dict.fromkeys(me))


def _progress(n: int) -> None:
    if sys.stderr.isatty():
        sys.stderr.write(f"\r  {n} messages...")
        sys.stderr.flush()


def _messages(
    args: argparse.Namespace, cfg: config.Config | None, since: date | None = None
) -> tuple[list[tuple[str, Message]], HistorySource, list[Callable[[], None]]]:
    """Parse every SOURCE; return them, the history over them, and closers."""
    from daemon.imap import ImapHistory, ImapMailbox

    closers: list[Callable[[], None]] = []
    box: ImapMailbox | None = None

    def imap_reader(folder: str, day: date | None) -> Iterator[tuple[int, bytes]]:
        nonlocal box
        if cfg is None or cfg.imap is None:
            raise DebriefError(f"imap:{folder}: needs a config file with an [imap] table")
        if box is None:
            box = ImapMailbox.connect(
                cfg.imap,
                secrets.resolve(
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
    cfg = _load_config(args, required=False)
    ruleset = _ruleset(cfg)
    me = _me(args, cfg)
    parsed, history, closers = _messages(args, cfg)
    try:
        for f in scan.describe(parsed, ruleset, me, history, _progress):
            if not (args.all or f.verdict.rejection):
                continue
            if args.json:
                print(f.json_line())
            else:
                print("\n".join(scan.table_lines(f)))
    finally:
        for close in closers:
            close()
    return EX_OK


def cmd_rules_test(args: argparse.Namespace) -> int:
    cfg = _load_config(args, required=False)
    ruleset = _ruleset(cfg)
    me = _me(args, cfg)
    since = _since(args.since, datetime.now(UTC))
    parsed, history, closers = _messages(args, cfg, since)
    if since is not None:
        parsed = [(o, m) for o, m in parsed if m.date is None or m.date.date() >= since]
    try:
        current = list(scan.describe(parsed, ruleset, me, history, _progress))
        if not args.compare:
            hits = [f for f in current if f.verdict.rejection]
            for f in hits:
                print("\n".join(scan.table_lines(f)))
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
        changed = list(scan.describe(parsed, other, me, history))
        added, dropped = tuning.compare(current, changed)
        for f in added:
            print("+ " + "\n  ".join(scan.table_lines(f)))
        for f in dropped:
            print("- " + "\n  ".join(scan.table_lines(f)))
        print(
            f"with {args.compare}: {len(added)} added, {len(dropped)} dropped, "
            f"{sum(f.verdict.rejection for f in changed)} rejection(s) in total"
        )
        return EX_OK
    finally:
        for close in closers:
            close()


def _managed_path(args: argparse.Namespace) -> Path:
    cfg = _load_config(args, required=False)
    if cfg is not None:
        return Path(cfg.rules.managed_file)
    return _config_path(args).parent / "rules.managed.toml"


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
    ruleset = _ruleset(_load_config(args, required=False))
    if ruleset.by_id(args.rule_id) is None:
        raise DebriefError(f"no rule with id {args.rule_id!r} is loaded")

    def edit(doc: dict[str, Any]) -> str:
        tuning.disable(doc, args.rule_id)
        return f"disabled {args.rule_id}"

    return _edit_managed(args, edit)


def cmd_rules_check(args: argparse.Namespace) -> int:
    """Load every rule file and check each rule against its own examples."""
    ruleset = _ruleset(_load_config(args, required=False))
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


def cmd_config_check(args: argparse.Namespace) -> int:
    cfg = config.load(_config_path(args))
    sys.stdout.write(f"# {cfg.source}: OK\n")
    sys.stdout.write(tomli_w.dumps(config.effective(cfg)))
    return EX_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="debrief",
        description="Follow up on job rejections, politely, and only with your approval.",
    )
    parser.add_argument("--version", action="version", version=f"debrief {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="more detail in logs")
    parser.add_argument("--debug", action="store_true", help="debug logging")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def with_config(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument(
            "--config",
            metavar="PATH",
            help="config file (default: $DEBRIEF_CONFIG or $XDG_CONFIG_HOME/debrief/config.toml)",
        )
        return p

    p_config = sub.add_parser("config", help="inspect the configuration")
    config_sub = p_config.add_subparsers(dest="config_command", metavar="ACTION")
    p_check = with_config(
        config_sub.add_parser("check", help="validate and print the effective configuration")
    )
    p_check.set_defaults(func=cmd_config_check)

    p_scan = with_config(
        sub.add_parser(
            "scan", help="find rejections and interviewers in mbox, Maildir, .eml or imap:FOLDER"
        )
    )
    p_scan.add_argument(
        "--me",
        action="append",
        metavar="ADDRESS",
        help="one of your addresses (repeatable; default: from config)",
    )
    p_scan.add_argument("--all", action="store_true", help="list every received message")
    p_scan.add_argument("--json", action="store_true", help="one JSON object per line")
    p_scan.add_argument("sources", nargs="+", metavar="SOURCE")
    p_scan.set_defaults(func=cmd_scan)

    p_rules = sub.add_parser("rules", help="test and tune detection rules")
    rules_sub = p_rules.add_subparsers(dest="rules_command", metavar="ACTION")
    p_rt = with_config(rules_sub.add_parser("test", help="what the rules match, and why"))
    p_rt.add_argument("--me", action="append", metavar="ADDRESS")
    p_rt.add_argument("--since", metavar="DAYS", help='only mail of the last N days, e.g. "90d"')
    p_rt.add_argument(
        "--compare",
        metavar="RULES_PATH",
        help="also load these rules and show what they add or drop",
    )
    p_rt.add_argument("sources", nargs="+", metavar="SOURCE")
    p_rt.set_defaults(func=cmd_rules_test)
    p_ap = with_config(rules_sub.add_parser("add-phrase", help="add a phrase rule"))
    p_ap.add_argument("--kind", default="rejection", choices=rules.KINDS)
    p_ap.add_argument("--weight", type=float, default=6.0)
    p_ap.add_argument("--field", default="body", choices=rules.FIELDS)
    p_ap.add_argument("phrases", nargs="+", metavar="PHRASE")
    p_ap.set_defaults(func=cmd_rules_add_phrase)
    p_is = with_config(
        rules_sub.add_parser(
            "ignore-sender", help="never treat mail from an address or domain as a rejection"
        )
    )
    p_is.add_argument("sender", metavar="ADDRESS_OR_DOMAIN")
    p_is.set_defaults(func=cmd_rules_ignore_sender)
    p_dis = with_config(rules_sub.add_parser("disable", help="turn a rule off by id"))
    p_dis.add_argument("rule_id", metavar="RULE_ID")
    p_dis.set_defaults(func=cmd_rules_disable)
    p_chk = with_config(rules_sub.add_parser("check", help="validate rules against examples"))
    p_chk.set_defaults(func=cmd_rules_check)

    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    level = logging.DEBUG if args.debug else logging.INFO if args.verbose else logging.WARNING
    logs.setup(level)
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help(sys.stderr)
        return EX_USAGE
    try:
        status: int = func(args)
        return status
    except DebriefError as e:
        log.critical("%s", e)
        return e.exit_status
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `debrief ... | head`: not an error worth a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EX_OK
    except Exception:  # the last line of defence: one line, plus the trace at debug
        log.critical("internal error (run with --debug for details)", exc_info=args.debug)
        return EX_SOFTWARE
