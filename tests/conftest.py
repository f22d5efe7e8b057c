"""Shared fixtures: a real Dovecot and a real aiosmtpd server, both on loopback."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from daemon.devservers.dovecot import Dovecot, User, dovecot_binary
from daemon.devservers.net import self_signed_cert
from daemon.devservers.smtpserver import SmtpServer
from tests.mailboxes import MIA, OMAR, fernbrook
from tests.world import World

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def tls_cert() -> Iterator[tuple[Path, Path]]:
    with tempfile.TemporaryDirectory(prefix="debrief-cert-") as d:
        yield self_signed_cert(Path(d))


@pytest.fixture(scope="session")
def dovecot() -> Iterator[Dovecot]:
    """One Dovecot for the whole session; tests isolate themselves by user."""
    if dovecot_binary() is None:
        message = "dovecot is not installed (apt-get install dovecot-imapd)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)  # CI must never pass by skipping the real server
        pytest.skip(message)
    server = Dovecot()
    server.start()
    try:
        yield server
    finally:
        server.cleanup()


@pytest.fixture
def imap_user(dovecot: Dovecot) -> User:
    """A fresh mailbox (INBOX, Sent, Drafts) on the shared Dovecot."""
    return dovecot.add_user()


@pytest.fixture
def smtp_server(tls_cert: tuple[Path, Path]) -> Iterator[SmtpServer]:
    """STARTTLS + AUTH (user "debrief", password "smtp-secret")."""
    server = SmtpServer(tls_cert, tls="starttls", users={"debrief": "smtp-secret"})
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def world(dovecot: Dovecot, imap_user: User, smtp_server: SmtpServer, tmp_path: Path) -> World:
    """Alex's world (tests/world.py) after one pass over Mia Lind's interview
    and rejection (tests/mailboxes.py fernbrook): a draft to Mia, one to Omar."""
    w = World(dovecot, imap_user, smtp_server, tmp_path)
    for raw in fernbrook():
        w.append(raw)
    assert w.run() == 0
    assert set(w.drafts()) == {MIA, OMAR}
    return w


def pytest_sessionfinish(session: pytest.Session) -> None:
    """In a test worker (pytest-xdist): hand the trust counts and reported
    figures to the controller, which prints them (see below)."""
    from tests.trust import COUNTS, LINES

    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:
        workeroutput["trust"] = dict(COUNTS)
        workeroutput["report"] = list(LINES)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: object) -> None:
    """A worker finished: add its counts and figures to this process's."""
    from tests.trust import COUNTS, LINES

    output = getattr(node, "workeroutput", {})
    for key, value in output.get("trust", {}).items():
        COUNTS[key] = COUNTS.get(key, 0) + value
    LINES.extend(output.get("report", []))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The figures tests reported (chaos cycles, load, quality), then one line
    of trust-suite counts (chaos, fuzz, load, attacks), after every run."""
    from tests.trust import COUNTS, LINES

    for line in LINES:  # each test's lines together, in the order they came
        terminalreporter.write_line(line)
    if any(COUNTS.values()):
        line = ", ".join(f"{k} {v}" for k, v in COUNTS.items())
        terminalreporter.write_line(f"[trust] {line}")
