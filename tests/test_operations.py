"""Running it for real: sd_notify, signals, status, journald-friendly logs."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from daemon.cli import main
from daemon.devservers.dovecot import Dovecot, User
from tests.configs import write_config
from tests.mailboxes import seed

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def notify_socket(tmp_path: Path) -> Iterator[socket.socket]:
    s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    s.bind(str(tmp_path / "notify.sock"))
    s.settimeout(0.2)
    yield s
    s.close()


def drain(
    s: socket.socket, seconds: float, until: Callable[[list[str]], bool] | None = None
) -> list[str]:
    """What the service told systemd within `seconds`, or until `until` holds
    of it (a busy host may take several seconds over the first sync)."""
    out: list[str] = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and not (until and until(out)):
        try:
            out.extend(s.recv(4096).decode().split("\n"))
        except TimeoutError:
            continue
    return out


def reload_and_wait(proc: subprocess.Popen[str], s: socket.socket) -> None:
    """SIGHUP, then systemd's reload protocol: RELOADING=1 and, once the new
    settings are in use or refused, READY=1; the service still runs."""
    proc.send_signal(signal.SIGHUP)
    got = drain(s, 60, until=lambda got: "RELOADING=1" in got and "READY=1" in got)
    assert "RELOADING=1" in got and "READY=1" in got[got.index("RELOADING=1") :], got
    assert proc.poll() is None


def test_notify_ready_status_watchdog_stopping_and_sighup(
    dovecot: Dovecot,
    imap_user: User,
    tmp_path: Path,
    notify_socket: socket.socket,
    capsys: pytest.CaptureFixture[str],
) -> None:
    seed(dovecot, imap_user)
    cfg = write_config(tmp_path, dovecot, imap_user)
    env = {
        **os.environ,
        "NOTIFY_SOCKET": str(tmp_path / "notify.sock"),
        "WATCHDOG_USEC": "2000000",
        "JOURNAL_STREAM": "8:1234",
    }
    env.pop("WATCHDOG_PID", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "daemon", "-v", "run", "--config", str(cfg)],
        cwd=ROOT,
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        # (ready, a status line of the first sync, and two watchdog pings)
        got = drain(
            notify_socket,
            30,
            until=lambda got: (
                got.count("WATCHDOG=1") >= 2 and any("awaiting you" in line for line in got)
            ),
        )
        assert "READY=1" in got
        assert any(
            line.startswith("STATUS=") and "awaiting you" in line and "next digest" in line
            for line in got
        )
        assert got.count("WATCHDOG=1") >= 2
        # status while running
        capsys.readouterr()
        assert main(["status", "--json", "--config", str(cfg)]) == 0
        report = json.loads(capsys.readouterr().out)
        assert report["running"] is True and report["mode"] in ("idle", "polling")
        assert set(report["folders"]) == {"INBOX", "Sent"}
        assert report["drafts"]["pending"] >= 1
        # SIGHUP with a broken config keeps the old one and keeps running
        good = cfg.read_text()
        cfg.write_text(good + "\n[bogus]\n")
        reload_and_wait(proc, notify_socket)
        # ... and so does a broken rule file (the rules stay those running)
        cfg.write_text(good)
        managed = tmp_path / "rules.managed.toml"
        managed.write_text('[[rule]]\nid = "user.x"\nkind = "rejection"\nregex = ["(?:oops"]\n')
        reload_and_wait(proc, notify_socket)
        managed.unlink()
        reload_and_wait(proc, notify_socket)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0
        assert "STOPPING=1" in drain(notify_socket, 1)
        err = proc.stderr.read() if proc.stderr else ""
        assert "reload refused, keeping the running configuration" in err and "[bogus]" in err
        assert f'{managed}: [[rule]] "user.x" regex: invalid regular expression' in err
        assert "reloaded configuration" in err
        # journald: priority prefixes, no timestamps
        lines = [line for line in err.splitlines() if line.strip()]
        assert all(line.startswith("<") for line in lines), lines[:3]
        assert any(line.startswith("<3>") for line in lines)  # the refused reload
        assert not any(line[3:5].isdigit() and line[5] == ":" for line in lines)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    capsys.readouterr()
    assert main(["status", "--json", "--config", str(cfg)]) == 0
    assert json.loads(capsys.readouterr().out)["running"] is False


def test_config_error_under_journald_is_one_critical_line(tmp_path: Path) -> None:
    bad = tmp_path / "c.toml"
    bad.write_text('[identity]\naddresses = ["a@b.example"]\n[imap]\nhost = "h.example"\n')
    done = subprocess.run(
        [sys.executable, "-m", "daemon", "run", "--config", str(bad)],
        cwd=ROOT,
        env={**os.environ, "JOURNAL_STREAM": "8:1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 78
    assert done.stderr.strip().splitlines() == [f"<2>debrief: {bad}: [imap] username: is required"]
