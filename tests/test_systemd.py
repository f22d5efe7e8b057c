"""The shipped units pass `systemd-analyze verify` and keep their promises."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from daemon.config import default_config_path

ROOT = Path(__file__).resolve().parent.parent
UNITS = ROOT / "systemd"
DEBRIEF = shutil.which("debrief") or str(ROOT / ".venv" / "bin" / "debrief")


def analyze() -> str:
    found = shutil.which("systemd-analyze")
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("systemd-analyze is missing (Debian package systemd)")
        pytest.skip("systemd-analyze is missing")
    return found


def _verify(tmp_path: Path, unit: str, name: str, user: bool) -> subprocess.CompletedProcess[str]:
    text = (UNITS / unit).read_text()
    text = text.replace("%h/.local/share/debrief/venv/bin/debrief", DEBRIEF)
    text = text.replace("/opt/debrief/venv/bin/debrief", DEBRIEF)
    path = tmp_path / name
    path.write_text(text)
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700, exist_ok=True)
    cmd = [analyze(), *(["--user"] if user else []), "verify", str(path)]
    return subprocess.run(
        cmd,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "XDG_RUNTIME_DIR": str(runtime)},
    )


def test_user_unit_verifies(tmp_path: Path) -> None:
    done = _verify(tmp_path, "debrief.service", "debrief.service", user=True)
    assert done.returncode == 0, done.stderr


def test_system_template_verifies(tmp_path: Path) -> None:
    done = _verify(tmp_path, "debrief@.service", "debrief@alice.service", user=False)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("unit", ["debrief.service", "debrief@.service"])
def test_units_keep_the_contract(unit: str) -> None:
    text = (UNITS / unit).read_text()
    for line in (
        "Type=notify",
        "WatchdogSec=",
        "Restart=on-failure",
        "RestartPreventExitStatus=65 77 78",
        "NoNewPrivileges=yes",
        "ProtectSystem=strict",
        "PrivateTmp=yes",
        "UMask=0077",
        "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6",
        "SystemCallFilter=@system-service",
        "StateDirectory=debrief",
        "ConfigurationDirectory=debrief",
        "ExecReload=/bin/kill -HUP $MAINPID",
    ):
        assert line in text, line
    assert "LoadCredential=imap-password:" in text
    # The journal is the service's log: its INFO lines (decisions, heartbeat)
    # must reach it, and the default level keeps only warnings.
    [start] = [line for line in text.splitlines() if line.startswith("ExecStart=")]
    assert start.endswith(" --verbose run"), start


def test_configuration_directory_is_the_default_config_place() -> None:
    env = {"CONFIGURATION_DIRECTORY": "/etc/debrief/alice", "XDG_CONFIG_HOME": "/x"}
    assert default_config_path(env) == Path("/etc/debrief/alice/config.toml")
