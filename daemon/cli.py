"""Command line: `debrief <command> ...`; `main(argv) -> int` never raises.

This module parses and dispatches; the commands live in `daemon.commands`.

Over ~400 lines: it is the argument parser of every command, with the
examples each `--help` shows, in one place, so the whole command line can be
read (and kept consistent) at once.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

import tomli_w

from daemon import __version__, config, logs, rules, store
from daemon.commands.common import config_path, ruleset_for
from daemon.commands.detect import (
    cmd_rules_add_phrase,
    cmd_rules_check,
    cmd_rules_disable,
    cmd_rules_ignore_sender,
    cmd_rules_test,
    cmd_scan,
)
from daemon.commands.queue import (
    cmd_queue_approve,
    cmd_queue_edit,
    cmd_queue_list,
    cmd_queue_retry,
    cmd_queue_show,
    cmd_queue_skip,
)
from daemon.commands.running import cmd_digest, cmd_run, cmd_status
from daemon.errors import EX_DATAERR, EX_OK, EX_SOFTWARE, EX_TEMPFAIL, EX_USAGE, DebriefError

log = logging.getLogger("debrief")


def cmd_demo(args: argparse.Namespace) -> int:
    from daemon.demo import run_demo

    def say(line: str) -> None:
        print(line, flush=True)

    return run_demo(say, keep=args.keep)


def cmd_config_check(args: argparse.Namespace) -> int:
    cfg = config.load(config_path(args))
    ruleset = ruleset_for(cfg)  # a broken rule file is a broken configuration
    sys.stdout.write(f"# {cfg.source}: OK ({len(ruleset.rules)} rules)\n")
    sys.stdout.write(tomli_w.dumps(config.effective(cfg)))
    return EX_OK


COMMON_OPTIONS = (
    "--config, --account, -v/--verbose and --debug may stand before the command or\n"
    "after it: `debrief --config X status` is `debrief status --config X`. Given in\n"
    "both places, the one after the command wins."
)
# The common options' values when given nowhere (their parsers' defaults are SUPPRESS).
_COMMON_DEFAULTS: dict[str, object] = {
    "config": None,
    "account": None,
    "verbose": False,
    "debug": False,
}


def _examples(*lines: str) -> str:
    return "examples:\n" + "\n".join(f"  {line}" for line in lines)


def _common_options(p: argparse.ArgumentParser, *, title: str, config_options: bool) -> None:
    """--config/--account (unless the command reads no config), -v/--verbose, --debug.

    Every level of the parser has them with default=SUPPRESS: a level where an
    option is not given leaves the value alone, so `debrief --config X status`
    and `debrief status --config X` both work and, given in both places, the
    innermost (after the command) wins. `parse_args` fills in the defaults.
    """
    group = p.add_argument_group(title)
    if config_options:
        group.add_argument(
            "--config",
            metavar="PATH",
            default=argparse.SUPPRESS,
            help="config file (default: $DEBRIEF_CONFIG or $XDG_CONFIG_HOME/debrief/config.toml)",
        )
        group.add_argument(
            "--account",
            metavar="NAME",
            default=argparse.SUPPRESS,
            help="one [[account]] of the config (default: all for run, else the only one)",
        )
    group.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        default=argparse.SUPPRESS,
        help="more detail in logs",
    )
    group.add_argument(
        "--debug", action="store_true", default=argparse.SUPPRESS, help="debug logging"
    )


def _command(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    text: str,
    examples: Sequence[str],
    *,
    config_options: bool = True,
) -> argparse.ArgumentParser:
    """A subcommand (or a group of them) with its common options and examples in --help."""
    p = sub.add_parser(
        name,
        help=text,
        description=text[:1].upper() + text[1:] + ".",
        epilog=_examples(*examples),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _common_options(
        p,
        title="common options (also accepted before the command)",
        config_options=config_options,
    )
    p.set_defaults(config_options=config_options)
    return p


class _Parser(argparse.ArgumentParser):
    """argparse, exiting with EX_USAGE (64) on a usage error as the README's
    exit-status table says (argparse's own is 2)."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EX_USAGE, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = _Parser(
        prog="debrief",
        description="Follow up on job rejections, politely, and only with your approval.\n\n"
        + COMMON_OPTIONS,
        epilog=_examples(
            "debrief demo                              # a one-minute tour on local servers",
            "debrief config check",
            "debrief --config ~/mail/debrief.toml status",
            "debrief scan --me you@example.org inbox.mbox sent.mbox",
            "debrief -v run --once",
        )
        + "\n\nEvery command has --help, with examples: debrief queue approve --help",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"debrief {__version__}")
    _common_options(
        parser,
        title="common options (also accepted after the command, where they win)",
        config_options=True,
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p_config = _command(
        sub,
        "config",
        "inspect the configuration",
        ["debrief config check", "debrief --config ./config.toml config check"],
    )
    config_sub = p_config.add_subparsers(dest="config_command", metavar="ACTION")
    p_check = _command(
        config_sub,
        "check",
        "validate and print the effective configuration",
        [
            "debrief config check",
            "debrief config check --config ./config.toml",
            "DEBRIEF_CONFIG=./config.toml debrief config check",
        ],
    )
    p_check.set_defaults(func=cmd_config_check)

    p_scan = _command(
        sub,
        "scan",
        "find rejections and interviewers in mbox, Maildir, .eml or imap:FOLDER",
        [
            "debrief scan --me you@example.org --me you.alt@example.org inbox.mbox sent.mbox",
            "debrief scan --json Maildir/ message.eml      # your addresses from the config",
            "debrief scan --config config.toml --json imap:INBOX imap:Sent",
        ],
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

    p_run = _command(
        sub,
        "run",
        "the service: watch IMAP and queue drafts",
        [
            "debrief run --once          # one pass: new mail, due sends, a missed digest",
            "debrief --verbose run       # the service, as the systemd unit starts it",
            "debrief run --account work",
        ],
    )
    p_run.add_argument(
        "--once", action="store_true", help="process what is there, then exit (for cron and tests)"
    )
    p_run.set_defaults(func=cmd_run, all_accounts=True)

    p_queue = _command(
        sub,
        "queue",
        "list, inspect and approve follow-up drafts",
        ["debrief queue list", "debrief queue show 3", "debrief queue approve 3 4"],
    )
    queue_sub = p_queue.add_subparsers(dest="queue_command", metavar="ACTION")
    p_ql = _command(
        queue_sub, "list", "every draft", ["debrief queue list", "debrief queue list --json"]
    )
    p_ql.add_argument("--json", action="store_true")
    p_ql.set_defaults(func=cmd_queue_list, needs_one_account=True)
    p_qs = _command(
        queue_sub,
        "show",
        "one draft in full",
        ["debrief queue show 3", "debrief --account work queue show 3"],
    )
    p_qs.add_argument("id", type=int)
    p_qs.set_defaults(func=cmd_queue_show, needs_one_account=True)
    for name, func, text, example in (
        ("approve", cmd_queue_approve, "approve drafts for sending", "debrief queue approve 3 4"),
        ("skip", cmd_queue_skip, "never send these drafts", "debrief queue skip 5"),
    ):
        p = _command(queue_sub, name, text, [example])
        p.add_argument("ids", type=int, nargs="+", metavar="ID")
        p.set_defaults(func=func, needs_one_account=True)
    p_qe = _command(
        queue_sub,
        "edit",
        "change a draft's text ($EDITOR); an edited draft needs approval again",
        ["debrief queue edit 3", "debrief queue edit 3 --body-file new-text.txt"],
    )
    p_qe.add_argument("id", type=int)
    p_qe.add_argument("--body-file", metavar="FILE", help="take the new body from a file")
    p_qe.set_defaults(func=cmd_queue_edit, needs_one_account=True)
    p_qr = _command(
        queue_sub,
        "retry",
        "read quarantined messages again (see `status`)",
        ["debrief queue retry", "debrief queue retry --folder INBOX --uid 4711"],
    )
    p_qr.add_argument("--folder", help="only this folder's")
    p_qr.add_argument("--uid", type=int, help="only this message (with --folder)")
    p_qr.set_defaults(func=cmd_queue_retry, needs_one_account=True)

    p_st = _command(
        sub,
        "status",
        "is the service running, and what next",
        ["debrief status", "debrief --config ~/mail/debrief.toml status --json"],
    )
    p_st.add_argument("--json", action="store_true")
    p_st.set_defaults(func=cmd_status, needs_one_account=True)

    p_demo = _command(
        sub,
        "demo",
        "a one-minute demo against local servers it starts (it makes its own config)",
        ["debrief demo", "debrief demo --keep      # keep its state, config and mail"],
        config_options=False,
    )
    p_demo.add_argument("--keep", action="store_true", help="keep the demo's files")
    p_demo.set_defaults(func=cmd_demo)

    p_dig = _command(
        sub,
        "digest",
        "mail the digest of drafts to decide on",
        ["debrief digest --send-now"],
    )
    p_dig.add_argument("--send-now", action="store_true", help="mail it now")
    p_dig.set_defaults(func=cmd_digest, needs_one_account=True)

    p_rules = _command(
        sub,
        "rules",
        "test and tune detection rules",
        [
            "debrief rules check",
            "debrief rules test inbox.mbox sent.mbox",
            'debrief rules add-phrase "we will not pursue your candidacy"',
        ],
    )
    rules_sub = p_rules.add_subparsers(dest="rules_command", metavar="ACTION")
    p_rt = _command(
        rules_sub,
        "test",
        "what the rules match, and why",
        [
            "debrief rules test inbox.mbox sent.mbox",
            "debrief rules test --compare my-rules.toml inbox.mbox",
            "debrief rules test --labels labels.json inbox.mbox sent.mbox",
            "debrief rules test --since 90d imap:INBOX imap:Sent",
        ],
    )
    p_rt.add_argument("--me", action="append", metavar="ADDRESS")
    p_rt.add_argument("--since", metavar="DAYS", help='only mail of the last N days, e.g. "90d"')
    p_rt.add_argument(
        "--compare",
        metavar="RULES_PATH",
        help="also load these rules and show what they add or drop",
    )
    p_rt.add_argument(
        "--labels",
        metavar="FILE",
        help="a JSON file of labels by Message-ID: print precision, recall and every miss",
    )
    p_rt.add_argument("sources", nargs="+", metavar="SOURCE")
    p_rt.set_defaults(func=cmd_rules_test)
    p_ap = _command(
        rules_sub,
        "add-phrase",
        "add a phrase rule (to the machine-managed rules file)",
        [
            'debrief rules add-phrase "we will not pursue your candidacy"',
            'debrief rules add-phrase --kind acknowledgement "we have received your application"',
        ],
    )
    p_ap.add_argument("--kind", default="rejection", choices=rules.KINDS)
    p_ap.add_argument("--weight", type=float, default=6.0)
    p_ap.add_argument("--field", default="body", choices=rules.FIELDS)
    p_ap.add_argument("phrases", nargs="+", metavar="PHRASE")
    p_ap.set_defaults(func=cmd_rules_add_phrase)
    p_is = _command(
        rules_sub,
        "ignore-sender",
        "never treat mail from an address or domain as a rejection",
        [
            "debrief rules ignore-sender @bank.example",
            "debrief rules ignore-sender news@shop.example",
        ],
    )
    p_is.add_argument("sender", metavar="ADDRESS_OR_DOMAIN")
    p_is.set_defaults(func=cmd_rules_ignore_sender)
    p_dis = _command(
        rules_sub,
        "disable",
        "turn a rule off by id",
        ["debrief rules disable en.rejection.consolation"],
    )
    p_dis.add_argument("rule_id", metavar="RULE_ID")
    p_dis.set_defaults(func=cmd_rules_disable)
    p_chk = _command(
        rules_sub,
        "check",
        "validate rules against examples",
        ["debrief rules check", "debrief --config ./config.toml rules check"],
    )
    p_chk.set_defaults(func=cmd_rules_check)

    return parser


def parse_args(
    parser: argparse.ArgumentParser, argv: Sequence[str] | None = None
) -> argparse.Namespace:
    """`parser.parse_args`, plus the common options' defaults; exits 64 on a usage error."""
    args = parser.parse_args(argv)
    for key, value in _COMMON_DEFAULTS.items():
        if not hasattr(args, key):
            setattr(args, key, value)
    if not getattr(args, "config_options", True):
        for option in ("config", "account"):
            if getattr(args, option) is not None:
                parser.error(
                    f"--{option} does not apply to `debrief {args.command}` "
                    "(it makes its own configuration)"
                )
    return args


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parse_args(parser, argv)
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
    except store.DatabaseUnavailable as e:
        log.critical("state database: %s (nothing was half-written; try again)", e)
        return EX_TEMPFAIL
    except store.DatabaseDamaged as e:
        # Damaged under a running service (a disk fault, a copy made while it
        # wrote): bad data, not a bug; restarting on it would not help.
        log.critical(
            "state database is damaged: %s; debrief stops: keep the file and restore a backup",
            e,
        )
        return EX_DATAERR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `debrief ... | head`: not an error worth a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EX_OK
    except Exception:  # the last line of defence: one line, plus the trace at debug
        log.critical("internal error (run with --debug for details)", exc_info=args.debug)
        return EX_SOFTWARE
