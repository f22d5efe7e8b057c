"""Command line: `debrief <command> ...`; `main(argv) -> int` never raises.

This module parses and dispatches; the commands live in `daemon.commands`.
"""

from __future__ import annotations

import argparse
import logging
import os
import sqlite3
import sys
from collections.abc import Sequence

import tomli_w

from daemon import __version__, config, logs, rules
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
        p.add_argument(
            "--account",
            metavar="NAME",
            help="one [[account]] of the config (default: all for run, else the only one)",
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

    p_run = with_config(sub.add_parser("run", help="the service: watch IMAP and queue drafts"))
    p_run.add_argument(
        "--once", action="store_true", help="process what is there, then exit (for cron and tests)"
    )
    p_run.set_defaults(func=cmd_run, all_accounts=True)

    p_queue = sub.add_parser("queue", help="list, inspect and approve follow-up drafts")
    queue_sub = p_queue.add_subparsers(dest="queue_command", metavar="ACTION")
    p_ql = with_config(queue_sub.add_parser("list", help="every draft"))
    p_ql.add_argument("--json", action="store_true")
    p_ql.set_defaults(func=cmd_queue_list, needs_one_account=True)
    p_qs = with_config(queue_sub.add_parser("show", help="one draft in full"))
    p_qs.add_argument("id", type=int)
    p_qs.set_defaults(func=cmd_queue_show, needs_one_account=True)
    for name, func, text in (
        ("approve", cmd_queue_approve, "approve drafts for sending"),
        ("skip", cmd_queue_skip, "never send these drafts"),
    ):
        p = with_config(queue_sub.add_parser(name, help=text))
        p.add_argument("ids", type=int, nargs="+", metavar="ID")
        p.set_defaults(func=func, needs_one_account=True)
    p_qe = with_config(queue_sub.add_parser("edit", help="change a draft's text ($EDITOR)"))
    p_qe.add_argument("id", type=int)
    p_qe.add_argument("--body-file", metavar="FILE", help="take the new body from a file")
    p_qe.set_defaults(func=cmd_queue_edit, needs_one_account=True)
    p_qr = with_config(
        queue_sub.add_parser("retry", help="read quarantined messages again (see `status`)")
    )
    p_qr.add_argument("--folder", help="only this folder's")
    p_qr.add_argument("--uid", type=int, help="only this message (with --folder)")
    p_qr.set_defaults(func=cmd_queue_retry, needs_one_account=True)

    p_st = with_config(sub.add_parser("status", help="is the service running, and what next"))
    p_st.add_argument("--json", action="store_true")
    p_st.set_defaults(func=cmd_status, needs_one_account=True)

    p_demo = sub.add_parser("demo", help="a one-minute demo against local servers it starts")
    p_demo.add_argument("--keep", action="store_true", help="keep the demo's files")
    p_demo.set_defaults(func=cmd_demo)

    p_dig = with_config(sub.add_parser("digest", help="mail the digest of drafts to decide on"))
    p_dig.add_argument("--send-now", action="store_true", help="mail it now")
    p_dig.set_defaults(func=cmd_digest, needs_one_account=True)

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
    p_rt.add_argument(
        "--labels",
        metavar="FILE",
        help="a JSON file of labels by Message-ID: print precision, recall and every miss",
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
    except sqlite3.OperationalError as e:
        log.critical("state database: %s (nothing was half-written; try again)", e)
        return EX_TEMPFAIL
    except sqlite3.DatabaseError as e:
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
