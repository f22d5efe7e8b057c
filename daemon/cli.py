"""Command line: `debrief <command> ...`; `main(argv) -> int` never raises."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import tomli_w

from daemon import __version__, config, logs
from daemon.errors import EX_OK, EX_SOFTWARE, EX_USAGE, DebriefError

log = logging.getLogger("debrief")


def _config_path(args: argparse.Namespace) -> Path:
    return Path(args.config) if args.config else config.default_config_path()


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
