"""The command line itself: common options in either place, examples in every --help."""

from __future__ import annotations

import argparse
import logging
import os
import shlex
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from daemon.cli import build_parser, main, parse_args
from daemon.errors import EX_CONFIG, EX_USAGE

ROOT = Path(__file__).resolve().parent.parent

# Every option that every command shares, with a value where it takes one.
COMMON = [["--config", "/x/config.toml"], ["--account", "work"], ["-v"], ["--verbose"], ["--debug"]]
# The namespace attributes that name the command chosen at each level.
LEVELS = ("command", "config_command", "queue_command", "rules_command")


def parsers(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    """Every parser, the top level's first, with the words that reach it."""
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from parsers(sub, (*path, name))


def is_leaf(parser: argparse.ArgumentParser) -> bool:
    return not any(isinstance(a, argparse._SubParsersAction) for a in parser._actions)


def examples(parser: argparse.ArgumentParser) -> list[list[str]]:
    """The example command lines of a parser's --help (comments and `VAR=...` dropped)."""
    text = parser.format_help()
    assert "\nexamples:\n" in text
    lines = text.split("\nexamples:\n", 1)[1].splitlines()
    found = []
    for line in lines:
        if not line.startswith("  "):
            break
        words = [w for w in shlex.split(line, comments=True) if "=" not in w or w.startswith("-")]
        found.append(words)
    return found


def chosen(args: argparse.Namespace) -> tuple[str, ...]:
    return tuple(getattr(args, level) for level in LEVELS if getattr(args, level, None))


ALL = list(parsers(build_parser()))
LEAVES = [(path, p) for path, p in ALL if path and is_leaf(p)]


def test_every_command_is_covered() -> None:
    names = {" ".join(path) for path, _ in LEAVES}
    assert {"config check", "scan", "run", "status", "demo", "digest"} <= names
    assert {f"queue {a}" for a in ("list", "show", "approve", "skip", "edit", "retry")} <= names
    assert {
        f"rules {a}" for a in ("test", "add-phrase", "ignore-sender", "disable", "check")
    } <= names


@pytest.mark.parametrize(("path", "parser"), ALL, ids=[" ".join(p) or "debrief" for p, _ in ALL])
def test_every_help_shows_examples_that_parse(
    path: tuple[str, ...], parser: argparse.ArgumentParser
) -> None:
    """`debrief ... --help` ends with examples of that very command, and each one parses."""
    found = examples(parser)
    assert found, f"no example in `debrief {' '.join(path)} --help`"
    for words in found:
        assert words[0] == "debrief", words
        args = parse_args(build_parser(), words[1:])
        assert chosen(args)[: len(path)] == path, words
        if is_leaf(parser):
            assert callable(args.func), words


@pytest.mark.parametrize(("path", "parser"), LEAVES, ids=[" ".join(p) for p, _ in LEAVES])
@pytest.mark.parametrize("option", COMMON, ids=[o[0] for o in COMMON])
def test_common_options_work_before_between_and_after_the_command(
    path: tuple[str, ...], parser: argparse.ArgumentParser, option: list[str]
) -> None:
    words = examples(parser)[0][1:]  # an example that parses, without "debrief"
    rest = words[len(path) :]
    assert words[: len(path)] == list(path)
    if path == ("demo",) and option[0] in ("--config", "--account"):
        # The demo makes its own configuration: refused in either place.
        for argv in ([*path, *rest, *option], [*option, *path, *rest]):
            with pytest.raises(SystemExit) as exc:
                parse_args(build_parser(), argv)
            assert exc.value.code == EX_USAGE
        return
    after = parse_args(build_parser(), [*path, *rest, *option])
    before = parse_args(build_parser(), [*option, *path, *rest])
    assert vars(before) == vars(after)
    if len(path) == 2:  # between the group and its action: `debrief queue --config X list`
        between = parse_args(build_parser(), [path[0], *option, path[1], *rest])
        assert vars(between) == vars(after)
    dest = "verbose" if option[0] == "-v" else option[0].lstrip("-")
    assert getattr(after, dest) == (option[1] if len(option) == 2 else True)
    plain = parse_args(build_parser(), [*path, *rest])
    assert (plain.config, plain.account, plain.verbose, plain.debug) == (None, None, False, False)


def test_given_in_both_places_the_one_after_the_command_wins() -> None:
    args = parse_args(
        build_parser(),
        ["--config", "a.toml", "--account", "home", "queue", "list", "--config", "b.toml"],
    )
    assert (args.config, args.account) == ("b.toml", "home")
    args = parse_args(
        build_parser(),
        ["--account", "a", "rules", "--account", "b", "check", "--account", "c"],
    )
    assert args.account == "c"
    args = parse_args(build_parser(), ["--account", "a", "rules", "--account", "b", "check"])
    assert args.account == "b"


@pytest.mark.parametrize("option", [["--config", "c.toml"], ["--account", "work"]])
def test_demo_refuses_config_options_clearly(
    option: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exc:
        main([*option, "demo"])
    assert exc.value.code == EX_USAGE
    assert f"{option[0]} does not apply to `debrief demo`" in capsys.readouterr().err


MINIMAL = '[identity]\naddresses = ["me@example.org"]\n'


@pytest.fixture
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


def test_config_before_the_command_is_used(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], restore_logging: None
) -> None:
    good = tmp_path / "config.toml"
    good.write_text(MINIMAL)
    good.chmod(0o600)
    missing = tmp_path / "missing.toml"
    assert main(["--config", str(good), "config", "check"]) == 0
    out = capsys.readouterr().out
    assert f"# {good}: OK" in out
    assert main(["config", "check", "--config", str(good)]) == 0
    assert capsys.readouterr().out == out
    assert main(["--config", str(missing), "config", "check"]) == EX_CONFIG
    assert str(missing) in capsys.readouterr().err
    # both places: the one after the command wins, whichever is the broken one
    assert main(["--config", str(missing), "config", "check", "--config", str(good)]) == 0
    assert main(["--config", str(good), "config", "check", "--config", str(missing)]) == EX_CONFIG


def test_account_before_the_command_is_used(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], restore_logging: None
) -> None:
    cfg = tmp_path / "config.toml"
    cfg.write_text(
        MINIMAL
        + "".join(
            f'[[account]]\nname = "{name}"\n[account.imap]\nhost = "imap.example.org"\n'
            f'username = "{name}"\npassword = "x"\n'
            f'[account.state]\npath = "{tmp_path}/{name}.sqlite3"\n'
            for name in ("home", "work")
        )
    )
    cfg.chmod(0o600)
    assert main(["--config", str(cfg), "queue", "list"]) == EX_USAGE  # which account?
    assert "--account NAME" in capsys.readouterr().err
    assert main(["--account", "ghost", "--config", str(cfg), "queue", "list"]) == EX_USAGE
    assert 'no account "ghost"' in capsys.readouterr().err
    before = main(["--account", "work", "--config", str(cfg), "queue", "list", "--json"])
    out_before = capsys.readouterr()
    after = main(["queue", "list", "--json", "--account", "work", "--config", str(cfg)])
    out_after = capsys.readouterr()
    assert before == after == 0, out_before.err
    assert out_before.out == out_after.out


@pytest.mark.parametrize(
    ("option", "level"),
    [("-v", logging.INFO), ("--verbose", logging.INFO), ("--debug", logging.DEBUG)],
)
def test_verbosity_before_or_after_the_command(
    option: str,
    level: int,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    restore_logging: None,
) -> None:
    cfg = tmp_path / "config.toml"
    cfg.write_text(MINIMAL)
    cfg.chmod(0o600)
    for argv in (
        [option, "config", "check", "--config", str(cfg)],
        ["config", "check", "--config", str(cfg), option],
    ):
        logging.getLogger().setLevel(logging.CRITICAL)
        assert main(argv) == 0
        assert logging.getLogger().level == level, argv
    assert main(["config", "check", "--config", str(cfg)]) == 0
    assert logging.getLogger().level == logging.WARNING


def test_the_installed_command_takes_options_before_the_command(tmp_path: Path) -> None:
    """`python -m daemon` (the `debrief` script's code) as a user types it."""
    missing = tmp_path / "missing.toml"
    env = {k: v for k, v in os.environ.items() if k != "DEBRIEF_CONFIG"}

    def run(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "daemon", *argv],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )

    before = run("--config", str(missing), "status")
    after = run("status", "--config", str(missing))
    assert before.returncode == after.returncode == EX_CONFIG
    assert str(missing) in before.stderr
    assert before.stderr.split(" ", 1)[1] == after.stderr.split(" ", 1)[1]  # less the time
    assert "examples:" in run("status", "--help").stdout
