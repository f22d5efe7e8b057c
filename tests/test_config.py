"""Config loading: every bad input names file, table, key and problem; exit 78."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from daemon import config
from daemon.cli import main
from daemon.config import ConfigError, Delay, parse_delay
from daemon.errors import EX_CONFIG, SecretError
from daemon.passwords import Secret, resolve

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "config.example.toml"

MINIMAL = """\
[identity]
addresses = ["me@example.org"]
"""


def write(tmp_path: Path, text: str, name: str = "config.toml") -> Path:
    path = tmp_path / name
    path.write_text(text)
    path.chmod(0o600)
    return path


def check(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(["config", "check", "--config", str(path)])
    out, err = capsys.readouterr()
    return status, out, err


def test_example_config_is_valid(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = check(EXAMPLE, capsys)
    assert status == 0, err
    assert '[imap]\nhost = "imap.example.org"' in out
    assert "pass show" in out  # the command is shown, never run


def test_example_documents_every_key() -> None:
    """Every key the schema reads appears in config.example.toml (maybe commented)."""
    text = EXAMPLE.read_text()
    cfg = config.load(EXAMPLE)
    for table, keys in config.effective(cfg).items():
        assert f"[{table}]" in text
        for key in keys:
            assert f"\n{key} =" in text or f"\n# {key} =" in text, f"[{table}] {key}"
    for key in ("password", "password_file", "drafts_folder", "ca_file", "template", "threshold"):
        assert f"{key} =" in text


def test_example_with_unknown_table_exits_78(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, EXAMPLE.read_text() + "\n[surprise]\nx = 1\n")
    status, _, err = check(path, capsys)
    assert status == EX_CONFIG
    assert f"{path}: [surprise]: unknown table" in err


def test_defaults(tmp_path: Path) -> None:
    cfg = config.load(write(tmp_path, MINIMAL))
    assert cfg.identity.timezone == "UTC"
    assert cfg.followup.delay == Delay(2, "business_days")
    assert cfg.digest.to == "me@example.org"
    assert cfg.imap is None and cfg.smtp is None
    assert cfg.watch.poll_interval == 300


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            MINIMAL + '[imap]\nhost = "h.example"\nusername = "u"\nport = "abc"\n',
            '[imap] port: expected an integer 1-65535, got "abc"',
        ),
        (
            MINIMAL + '[imap]\nhost = "h.example"\nusername = "u"\nport = 70000\n',
            "[imap] port: expected an integer 1-65535, got 70000",
        ),
        (
            MINIMAL + '[imap]\nhost = "h.example"\nusername = "u"\nprot = 993\n',
            "[imap] prot: unknown key",
        ),
        (
            MINIMAL + '[followup]\nweekdays_only = "yes"\n',
            '[followup] weekdays_only: expected true or false, got "yes"',
        ),
        (
            '[identity]\naddresses = ["me@example.org"]\ntimezone = "Mars/Olympus"\n',
            '[identity] timezone: unknown time zone "Mars/Olympus"',
        ),
        ('[identity]\nname = "x"\n', "[identity] addresses: is required"),
        (
            '[identity]\naddresses = ["not an address"]\n',
            "[identity] addresses: item 1: expected an email address",
        ),
        (
            MINIMAL + '[imap]\nhost = "imap.example.org"\nusername = "u"\ntls = "none"\n',
            '[imap] tls: "none" is only allowed towards a loopback host, not "imap.example.org"',
        ),
        (
            MINIMAL + '[smtp]\nhost = "smtp.example.org"\nusername = "u"\ntls = "none"\n',
            '[smtp] tls: "none" is only allowed towards a loopback host',
        ),
        (
            MINIMAL + '[imap]\nhost = "h.example"\nusername = "u"\ntls = "ssl"\n',
            '[imap] tls: expected one of "implicit", "starttls", "none", got "ssl"',
        ),
        (MINIMAL + '[followup]\ndelay = "soon"\n', "[followup] delay: expected a delay like"),
        (
            MINIMAL + '[followup]\nsend_window = "17:00-09:00"\n',
            '[followup] send_window: the window "17:00-09:00" must end after it starts',
        ),
        (
            MINIMAL + '[digest]\nschedule = "every morning"\n',
            '[digest] schedule: invalid cron expression "every morning"',
        ),
        (
            MINIMAL + '[imap]\nhost = "h.example"\nusername = "u"\npassword = "a"\n'
            'password_command = "b"\n',
            "[imap] password_command: set only one of",
        ),
        (MINIMAL + '[imap]\nusername = "u"\n', "[imap] host: is required"),
        (MINIMAL + "imap = 3\n", "[identity] imap: unknown key"),
        (
            MINIMAL + '[smtp]\nhost = "smtp.example.org"\n',
            '[smtp] username: is required for the non-loopback server "smtp.example.org"',
        ),
    ],
)
def test_bad_values_name_file_table_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, expected: str
) -> None:
    path = write(tmp_path, text)
    status, out, err = check(path, capsys)
    assert status == EX_CONFIG
    assert f"{path}: {expected}" in err
    assert out == ""
    assert len([line for line in err.splitlines() if line.strip()]) == 1


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = check(tmp_path / "nope.toml", capsys)
    assert status == EX_CONFIG
    assert "nope.toml: no such file" in err


def test_unreadable_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, MINIMAL)
    path.chmod(0)
    if os.geteuid() == 0:  # root reads any file: make the read fail as it would for a user

        def refuse(self: Path) -> bytes:
            raise PermissionError(13, "Permission denied", str(self))

        monkeypatch.setattr(Path, "read_bytes", refuse)
    status, _, err = check(path, capsys)
    assert status == EX_CONFIG
    assert "cannot read: Permission denied" in err


def test_unreadable_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Works as root too: a directory is never readable as a file.
    status, _, err = check(tmp_path, capsys)
    assert status == EX_CONFIG
    assert "is a directory" in err


def test_toml_syntax_error_has_line_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, MINIMAL + "[imap\nhost = 1\n")
    status, _, err = check(path, capsys)
    assert status == EX_CONFIG
    assert f"{path}: TOML syntax error:" in err
    assert "line 3" in err and "column" in err


def test_plain_password_in_readable_file_warns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(
        tmp_path,
        MINIMAL + '[imap]\nhost = "h.example"\nusername = "u"\npassword = "hunter2-secret"\n',
    )
    path.chmod(0o644)
    status, out, err = check(path, capsys)
    assert status == 0
    assert "readable by others" in err and "chmod 600" in err
    assert "hunter2-secret" not in out + err
    assert 'password = "********"' in out
    path.chmod(0o600)
    assert config.load(path).warnings == ()


def test_env_and_xdg_default_paths(tmp_path: Path) -> None:
    env = {"XDG_CONFIG_HOME": str(tmp_path)}
    assert config.default_config_path(env) == tmp_path / "debrief" / "config.toml"
    env["DEBRIEF_CONFIG"] = "/x/y.toml"
    assert config.default_config_path(env) == Path("/x/y.toml")
    assert config.default_state_path({"STATE_DIRECTORY": "/var/lib/debrief"}) == Path(
        "/var/lib/debrief/state.sqlite3"
    )
    assert config.default_state_path({"XDG_STATE_HOME": "/s"}) == Path("/s/debrief/state.sqlite3")


def test_debrief_config_env_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, MINIMAL)
    monkeypatch.setenv("DEBRIEF_CONFIG", str(path))
    assert main(["config", "check"]) == 0
    assert f"# {path}: OK" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("text", "delay"),
    [
        ("2 business days", Delay(2, "business_days")),
        ("1 working day", Delay(1, "business_days")),
        ("36 hours", Delay(36, "hours")),
        ("90 minutes", Delay(90, "minutes")),
        ("3 days", Delay(3, "days")),
        ("0", Delay(0, "hours")),
    ],
)
def test_parse_delay(text: str, delay: Delay) -> None:
    assert parse_delay(text) == delay


def test_loopback_allows_tls_none(tmp_path: Path) -> None:
    cfg = config.load(
        write(
            tmp_path,
            MINIMAL + '[imap]\nhost = "127.0.0.1"\nusername = "u"\ntls = "none"\n'
            '[smtp]\nhost = "localhost"\ntls = "none"\n',
        )
    )
    assert cfg.imap is not None and cfg.imap.port == 143
    assert cfg.smtp is not None and cfg.smtp.port == 25 and cfg.smtp.username is None


# ---------------------------------------------------------------------------
# Secrets


def test_secret_never_prints() -> None:
    s = Secret("hunter2")
    assert "hunter2" not in f"{s} {s!r} {s!s} {[s]}"
    assert s.reveal() == "hunter2"


def test_password_command_and_file(tmp_path: Path) -> None:
    source = config.SecretSource("command", "printf 'tok3n\\nsecond line'")
    secret = resolve(source, file="c.toml", table="imap", credential="imap-password")
    assert secret is not None and secret.reveal() == "tok3n"
    pfile = tmp_path / "pw"
    pfile.write_text("filepw\n")
    secret = resolve(
        config.SecretSource("file", str(pfile)), file="c", table="imap", credential="imap-password"
    )
    assert secret is not None and secret.reveal() == "filepw"


def test_failing_password_command_names_key_not_output() -> None:
    source = config.SecretSource("command", "echo leaked-secret >&2; echo partial; exit 3")
    with pytest.raises(SecretError) as info:
        resolve(source, file="c.toml", table="smtp", credential="smtp-password")
    assert str(info.value) == "c.toml: [smtp] password_command: exited with status 3"
    assert info.value.exit_status == EX_CONFIG


def test_systemd_credential_used_when_nothing_configured(tmp_path: Path) -> None:
    (tmp_path / "imap-password").write_text("from-credential\n")
    env = {"CREDENTIALS_DIRECTORY": str(tmp_path)}
    secret = resolve(
        config.SecretSource(), file="c", table="imap", credential="imap-password", env=env
    )
    assert secret is not None and secret.reveal() == "from-credential"
    assert (
        resolve(config.SecretSource(), file="c", table="imap", credential="imap-password", env={})
        is None
    )


def test_config_check_never_runs_password_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    marker = tmp_path / "ran"
    path = write(
        tmp_path,
        MINIMAL
        + f'[imap]\nhost = "h.example"\nusername = "u"\npassword_command = "touch {marker}"\n',
    )
    status, _, _ = check(path, capsys)
    assert status == 0
    assert not marker.exists()


def test_python_dash_m_daemon_runs(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "daemon", "config", "check", "--config", str(tmp_path / "x.toml")],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert done.returncode == EX_CONFIG
    assert "x.toml: no such file" in done.stderr


def test_config_error_is_one_line() -> None:
    e = ConfigError("f.toml", "[imap] port", "bad")
    assert str(e) == "f.toml: [imap] port: bad"
