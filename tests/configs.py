"""The config files tests run debrief with: one writer, `write_config`.

A test states only what its config has of its own: who the user is, the
servers it reads and sends through, and any table or key it needs; the
rest is written the same for every test (see `write_config`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from daemon import config, passwords
from daemon.devservers.dovecot import Dovecot, User
from daemon.devservers.smtpserver import SmtpServer
from tests.mailboxes import ME, PERSONA

Table = Mapping[str, object]


@dataclass(frozen=True)
class Identity:
    """The [identity] table; a name or time zone left None is not written."""

    addresses: tuple[str, ...]
    name: str | None = None
    timezone: str | None = None


PRIYA_RAMAN = Identity(tuple(PERSONA["addresses"]), PERSONA["name"], PERSONA["timezone"])
ALEX = Identity((ME,), "Alex Example", "Europe/Berlin")

# All the years of the corpus, and a poll every 10 seconds.
WATCH: Table = {"backfill_days": 3650, "poll_interval": 10}
# Follow-ups due at once, sent at any hour of any day.
ANY_TIME: Table = {"delay": "0", "send_window": "00:00-24:00", "weekdays_only": False}


def far_hour(tz: str) -> int:
    """An hour of the day half a day from now in `tz`: a daily digest at that
    hour never falls due while a test runs (the time of day a test suite runs
    at must not matter)."""
    return (datetime.now(ZoneInfo(tz)).hour + 12) % 24


def write_config(
    folder: Path,
    dovecot: Dovecot,
    user: User,
    smtp: SmtpServer | None = None,
    *,
    me: Identity = PRIYA_RAMAN,
    password: str | None = None,
    imap: Table | None = None,
    smtp_timeout: int | None = 10,
    watch: Table = WATCH,
    state: str | None = "state/debrief.sqlite3",
    name: str = "config",
    **tables: Table,
) -> Path:
    """Write `folder`/`name`.toml (mode 0600) and return its path.

    [identity] is `me`. [imap] reads `user`'s mailbox on `dovecot` (STARTTLS
    with the server's certificate, the user's password or `password`,
    timeout = 10) and has the keys of `imap` too. With `smtp`, [smtp] sends
    through it as "debrief" (STARTTLS, timeout = `smtp_timeout`). [watch] is
    `watch`. Each of `tables` is written as given, in order ([followup],
    [digest], [rules], ...). [state] path is `folder`/`state`.

    A key given as None is left out, and so is an empty table: debrief's
    default applies (`imap={"timeout": None}`, `watch={}`, `state=None`).
    """
    toml: dict[str, Table] = {
        "identity": {"name": me.name, "addresses": list(me.addresses), "timezone": me.timezone},
        "imap": {
            "host": "127.0.0.1",
            "port": dovecot.port,
            "tls": "starttls",
            "ca_file": str(dovecot.cert),
            "username": user.name,
            "password": password or user.password,
            "timeout": 10,
            **(imap or {}),
        },
    }
    if smtp is not None:
        toml["smtp"] = {
            "host": "127.0.0.1",
            "port": smtp.port,
            "tls": "starttls",
            "ca_file": str(smtp.cert_file),
            "username": "debrief",
            "password": "smtp-secret",
            "timeout": smtp_timeout,
        }
    toml["watch"] = watch
    toml.update(tables)
    if state is not None:
        toml["state"] = {"path": f"{folder}/{state}"}
    path = folder / f"{name}.toml"
    path.write_text(
        "".join(
            f"[{table}]\n"
            + "".join(f"{key} = {_value(v)}\n" for key, v in keys.items() if v is not None)
            for table, keys in toml.items()
            if keys
        )
    )
    path.chmod(0o600)
    return path


def _value(v: object) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, list | tuple):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    return json.dumps(str(v))


def account(cfg_path: Path) -> tuple[config.Imap, passwords.Secret | None]:
    """The IMAP account a config names, and its password, as the service
    resolves them."""
    cfg = config.load(cfg_path)
    assert cfg.imap is not None
    return cfg.imap, passwords.resolve(
        cfg.imap.secret, file=cfg.source, table="imap", credential="x"
    )
