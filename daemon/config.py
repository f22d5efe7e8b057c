"""Typed configuration: TOML in, frozen dataclasses out.

Contract:
- `load(path)` returns a `Config` or raises `ConfigError` whose message names
  the file, the table, the key and the problem, on one line.
- Unknown tables and keys are errors (a typo must never silently fall back to a
  default).
- Loading never runs password commands and never reads password files; it only
  records where a secret comes from (`SecretSource`). `daemon.passwords` resolves.

Over ~400 lines: the typed schema of every table (identity, IMAP, SMTP,
follow-up, digest, watch, state, rules, accounts) and which value check each
key uses, so one file says what a config may contain and what each error
names. What one value may be (a delay, a window, a time zone, ...) is
`daemon.configvalues`.
"""

from __future__ import annotations

import ipaddress
import logging
import os
import re
import stat
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, time
from pathlib import Path
from typing import Any, Literal, TypeVar, cast
from zoneinfo import ZoneInfo

from daemon.configvalues import Delay as Delay
from daemon.configvalues import (
    p_address,
    p_bool,
    p_choice,
    p_cron,
    p_date,
    p_delay,
    p_dnc_entry,
    p_float,
    p_int,
    p_list,
    p_str,
    p_timezone,
    p_window,
    shown,
)
from daemon.configvalues import parse_delay as parse_delay
from daemon.errors import ConfigError

log = logging.getLogger(__name__)

T = TypeVar("T")
TLSMode = Literal["implicit", "starttls", "none"]
AuthMode = Literal["login", "xoauth2"]


@dataclass(frozen=True)
class SecretSource:
    """Where a password comes from; `kind` is "none" when none is configured."""

    kind: Literal["none", "password", "file", "command"] = "none"
    value: str = ""

    def __repr__(self) -> str:
        shown = "********" if self.kind == "password" else self.value
        return f"SecretSource({self.kind!r}, {shown!r})"


@dataclass(frozen=True)
class Identity:
    name: str
    addresses: tuple[str, ...]
    timezone: str

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


@dataclass(frozen=True)
class Imap:
    host: str
    port: int
    tls: TLSMode
    username: str
    secret: SecretSource
    folders: tuple[str, ...]
    sent_folder: str
    drafts_folder: str | None
    ca_file: str | None
    auth: AuthMode
    timeout: int


@dataclass(frozen=True)
class Smtp:
    host: str
    port: int
    tls: TLSMode
    username: str | None
    secret: SecretSource
    from_address: str
    ca_file: str | None
    auth: AuthMode
    timeout: int
    save_sent: bool


@dataclass(frozen=True)
class Followup:
    delay: Delay
    send_window: tuple[time, time]
    weekdays_only: bool
    holidays: tuple[date, ...]
    include_application_stage: bool
    do_not_contact: tuple[str, ...]
    template: str | None
    save_to_drafts: bool
    max_per_hour: int
    max_per_day: int
    max_interviewers: int
    max_drafts_per_day: int
    max_drafts_per_run: int


@dataclass(frozen=True)
class Digest:
    schedule: str
    to: str
    send_empty: bool
    token_days: int
    authserv_id: str | None
    max_items: int


@dataclass(frozen=True)
class Watch:
    backfill_days: int
    poll_interval: int


@dataclass(frozen=True)
class State:
    path: str


@dataclass(frozen=True)
class Rules:
    paths: tuple[str, ...]
    include_shipped: bool
    threshold: float | None
    managed_file: str


@dataclass(frozen=True)
class Config:
    source: str
    identity: Identity
    imap: Imap | None
    smtp: Smtp | None
    followup: Followup
    digest: Digest
    watch: Watch
    state: State
    rules: Rules
    warnings: tuple[str, ...] = field(default=(), compare=False)
    account: str = "default"
    extra_accounts: tuple[Config, ...] = field(default=(), compare=False)

    def accounts(self) -> list[Config]:
        """Every account, each a full Config with its own IMAP, SMTP and state."""
        own = [self] if self.imap is not None or not self.extra_accounts else []
        return [*own, *self.extra_accounts]


# --------------------------------------------------------------------------
# Default locations


def default_config_path(env: Mapping[str, str] | None = None) -> Path:
    """`$DEBRIEF_CONFIG`, systemd's `$CONFIGURATION_DIRECTORY`, else
    `$XDG_CONFIG_HOME/debrief/config.toml`."""
    env = os.environ if env is None else env
    if env.get("DEBRIEF_CONFIG"):
        return Path(env["DEBRIEF_CONFIG"])
    if env.get("CONFIGURATION_DIRECTORY"):
        return Path(env["CONFIGURATION_DIRECTORY"].split(":")[0]) / "config.toml"
    base = env.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "debrief" / "config.toml"


def default_state_path(env: Mapping[str, str] | None = None) -> Path:
    """systemd's `$STATE_DIRECTORY`, else `$XDG_STATE_HOME/debrief/state.sqlite3`."""
    env = os.environ if env is None else env
    if env.get("STATE_DIRECTORY"):
        return Path(env["STATE_DIRECTORY"].split(":")[0]) / "state.sqlite3"
    base = env.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "debrief" / "state.sqlite3"


def is_loopback(host: str) -> bool:
    """True for `localhost` and loopback IP literals; names are not resolved."""
    if host.lower() in ("localhost", "localhost.localdomain", "ip6-localhost"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class _Table:
    def __init__(self, file: str, name: str, data: object) -> None:
        self.file = file
        self.name = name
        if not isinstance(data, dict):
            raise ConfigError(file, f"[{name}]", f"expected a table, got {shown(data)}")
        self.data: dict[str, Any] = data
        self.read: set[str] = set()

    def error(self, key: str, problem: str) -> ConfigError:
        return ConfigError(self.file, f"[{self.name}] {key}", problem)

    def has(self, key: str) -> bool:
        return key in self.data

    def opt(self, key: str, parse: Callable[[object], T]) -> T | None:
        """The parsed value, or None when the key is absent."""
        self.read.add(key)
        if key not in self.data:
            return None
        try:
            return parse(self.data[key])
        except ValueError as e:
            raise self.error(key, str(e)) from None

    def get(self, key: str, parse: Callable[[object], T], default: T) -> T:
        value = self.opt(key, parse)
        return default if value is None else value

    def need(self, key: str, parse: Callable[[object], T]) -> T:
        value = self.opt(key, parse)
        if value is None:
            raise self.error(key, "is required")
        return value

    def finish(self) -> None:
        for key in self.data:
            if key not in self.read:
                known = ", ".join(sorted(self.read))
                raise self.error(key, f"unknown key (known keys: {known})")


def _secret(t: _Table) -> SecretSource:
    given = [k for k in ("password", "password_file", "password_command") if t.has(k)]
    if len(given) > 1:
        raise t.error(
            given[1],
            f"set only one of password, password_file, password_command (also set: {given[0]})",
        )
    password = t.get("password", p_str, "")
    pfile = t.get("password_file", p_str, "")
    pcmd = t.get("password_command", p_str, "")
    if password:
        return SecretSource("password", password)
    if pfile:
        return SecretSource("file", os.path.expanduser(pfile))
    if pcmd:
        return SecretSource("command", pcmd)
    return SecretSource()


def _check_tls(t: _Table, host: str, tls: str) -> None:
    if tls == "none" and not is_loopback(host):
        raise t.error("tls", f'"none" is only allowed towards a loopback host, not "{host}"')


_TLS = p_choice("implicit", "starttls", "none")
_AUTH = p_choice("login", "xoauth2")


def _imap(t: _Table) -> Imap:
    host = t.need("host", p_str)
    tls = t.get("tls", _TLS, "implicit")
    _check_tls(t, host, tls)
    imap = Imap(
        host=host,
        port=t.get("port", p_int(1, 65535), 993 if tls == "implicit" else 143),
        tls=cast(TLSMode, tls),
        username=t.need("username", p_str),
        secret=_secret(t),
        folders=tuple(t.get("folders", p_list(p_str, nonempty=True), ["INBOX"])),
        sent_folder=t.get("sent_folder", p_str, "Sent"),
        drafts_folder=t.opt("drafts_folder", p_str),
        ca_file=t.opt("ca_file", p_str),
        auth=cast(AuthMode, t.get("auth", _AUTH, "login")),
        timeout=t.get("timeout", p_int(5, 3600), 60),
    )
    t.finish()
    return imap


def _smtp(t: _Table, identity: Identity) -> Smtp:
    host = t.need("host", p_str)
    tls = t.get("tls", _TLS, "implicit")
    _check_tls(t, host, tls)
    default_port = {"implicit": 465, "starttls": 587, "none": 25}[tls]
    username = t.opt("username", p_str)
    secret = _secret(t)
    if secret.kind != "none" and username is None:
        raise t.error("username", "is required when a password is configured")
    if username is None and not is_loopback(host):
        raise t.error("username", f'is required for the non-loopback server "{host}"')
    smtp = Smtp(
        host=host,
        port=t.get("port", p_int(1, 65535), default_port),
        tls=cast(TLSMode, tls),
        username=username,
        secret=secret,
        from_address=t.get("from", p_address, identity.addresses[0]),
        ca_file=t.opt("ca_file", p_str),
        auth=cast(AuthMode, t.get("auth", _AUTH, "login")),
        timeout=t.get("timeout", p_int(5, 3600), 60),
        save_sent=t.get("save_sent", p_bool, True),
    )
    t.finish()
    return smtp


TABLES = ("identity", "imap", "smtp", "followup", "digest", "watch", "state", "rules", "account")
ACCOUNT_KEYS = ("name", "identity", "imap", "smtp", "state")


def parse(data: Mapping[str, Any], file: str, *, config_dir: Path | None = None) -> Config:
    """Validate an already-decoded TOML document. Pure apart from reading `os.environ`."""
    for name in data:
        if name not in TABLES:
            raise ConfigError(
                file, f"[{name}]", f"unknown table (known tables: {', '.join(TABLES)})"
            )

    def table(name: str) -> _Table:
        return _Table(file, name, data.get(name, {}))

    t = table("identity")
    identity = Identity(
        name=t.get("name", p_str, ""),
        addresses=tuple(t.need("addresses", p_list(p_address, nonempty=True))),
        timezone=t.get("timezone", p_timezone, "UTC"),
    )
    t.finish()

    imap = _imap(table("imap")) if "imap" in data else None
    smtp = _smtp(table("smtp"), identity) if "smtp" in data else None

    t = table("followup")
    followup = Followup(
        delay=t.get("delay", p_delay, Delay(2, "business_days")),
        send_window=t.get("send_window", p_window, (time(9, 0), time(17, 0))),
        weekdays_only=t.get("weekdays_only", p_bool, True),
        holidays=tuple(t.get("holidays", p_list(p_date), [])),
        include_application_stage=t.get("include_application_stage", p_bool, False),
        do_not_contact=tuple(t.get("do_not_contact", p_list(p_dnc_entry), [])),
        template=t.opt("template", p_str),
        save_to_drafts=t.get("save_to_drafts", p_bool, False),
        max_per_hour=t.get("max_per_hour", p_int(1, 1000), 10),
        max_per_day=t.get("max_per_day", p_int(1, 10000), 30),
        max_interviewers=t.get("max_interviewers", p_int(1, 100), 8),
        max_drafts_per_day=t.get("max_drafts_per_day", p_int(1, 100000), 100),
        max_drafts_per_run=t.get("max_drafts_per_run", p_int(1, 100000), 50),
    )
    t.finish()

    t = table("digest")
    digest = Digest(
        schedule=t.get("schedule", p_cron, "0 8 * * *"),
        to=t.get("to", p_address, identity.addresses[0]),
        send_empty=t.get("send_empty", p_bool, False),
        token_days=t.get("token_days", p_int(1, 90), 7),
        authserv_id=t.opt("authserv_id", p_str),
        max_items=t.get("max_items", p_int(1, 1000), 25),
    )
    t.finish()

    t = table("watch")
    watch = Watch(
        backfill_days=t.get("backfill_days", p_int(0, 3650), 30),
        poll_interval=t.get("poll_interval", p_int(10, 86400), 300),
    )
    t.finish()

    t = table("state")
    state = State(path=os.path.expanduser(t.get("path", p_str, str(default_state_path()))))
    t.finish()

    base = config_dir or Path(file).resolve().parent
    t = table("rules")
    rules = Rules(
        paths=tuple(os.path.expanduser(p) for p in t.get("paths", p_list(p_str), list[str]())),
        include_shipped=t.get("include_shipped", p_bool, True),
        threshold=t.opt("threshold", p_float(0.0, 1000.0)),
        managed_file=os.path.expanduser(
            t.get("managed_file", p_str, str(base / "rules.managed.toml"))
        ),
    )
    t.finish()

    if imap and imap.drafts_folder is None and followup.save_to_drafts:
        raise ConfigError(file, "[followup] save_to_drafts", "needs [imap] drafts_folder")

    main = Config(file, identity, imap, smtp, followup, digest, watch, state, rules)
    accounts = _accounts(data.get("account", []), file, main)
    return replace(main, extra_accounts=tuple(accounts))


def _accounts(raw: object, file: str, base: Config) -> list[Config]:
    """`[[account]]` tables: each its own IMAP/SMTP pair, identity and state."""
    if not isinstance(raw, list):
        raise ConfigError(file, "[[account]]", "expected an array of tables ([[account]])")
    out: list[Config] = []
    names = {"default"} if base.imap is not None else set()
    paths = {os.path.realpath(base.state.path): "default"} if base.imap is not None else {}
    for i, item in enumerate(raw):
        if not isinstance(item, dict):
            raise ConfigError(file, f"[[account]] #{i + 1}", "expected a table")
        name = item.get("name")
        where = f'[[account]] "{name}"' if isinstance(name, str) else f"[[account]] #{i + 1}"
        if not isinstance(name, str) or not re.fullmatch(r"[A-Za-z0-9_.-]{1,40}", name):
            raise ConfigError(
                file, f"{where} name", "expected a short name (letters, digits, . _ -)"
            )
        if name in names:
            raise ConfigError(file, f"{where} name", "is used by another account")
        names.add(name)
        for key in item:
            if key not in ACCOUNT_KEYS:
                raise ConfigError(
                    file, f"{where} {key}", f"unknown key (known keys: {', '.join(ACCOUNT_KEYS)})"
                )
        if "imap" not in item:
            raise ConfigError(file, f"{where} imap", "is required")
        ident = base.identity
        if "identity" in item:
            t = _Table(file, f"account.{name}.identity", item["identity"])
            ident = Identity(
                name=t.get("name", p_str, base.identity.name),
                addresses=tuple(
                    t.get(
                        "addresses", p_list(p_address, nonempty=True), list(base.identity.addresses)
                    )
                ),
                timezone=t.get("timezone", p_timezone, base.identity.timezone),
            )
            t.finish()
        imap = _imap(_Table(file, f"account.{name}.imap", item["imap"]))
        smtp = (
            _smtp(_Table(file, f"account.{name}.smtp", item["smtp"]), ident)
            if "smtp" in item
            else None
        )
        t = _Table(file, f"account.{name}.state", item.get("state", {}))
        default = default_state_path().parent / f"{name}.sqlite3"
        state = State(path=os.path.expanduser(t.get("path", p_str, str(default))))
        t.finish()
        real = os.path.realpath(state.path)
        if real in paths:
            raise ConfigError(
                file,
                f"{where} state path",
                f'the same state file as account "{paths[real]}" ({state.path})',
            )
        paths[real] = name
        digest = replace(base.digest, to=ident.addresses[0]) if "identity" in item else base.digest
        out.append(
            replace(
                base, identity=ident, imap=imap, smtp=smtp, state=state, digest=digest, account=name
            )
        )
    return out


def load(path: str | os.PathLike[str]) -> Config:
    """Read, decode and validate a config file. Raises `ConfigError`."""
    p = Path(path)
    name = str(path)
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise ConfigError(name, "", "no such file (create one from config.example.toml)") from None
    except IsADirectoryError:
        raise ConfigError(name, "", "is a directory, not a config file") from None
    except OSError as e:
        raise ConfigError(name, "", f"cannot read: {e.strerror}") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(name, "", "is not valid UTF-8") from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(name, "", f"TOML syntax error: {e}") from None
    config = parse(data, name, config_dir=p.resolve().parent)
    warnings: list[str] = []
    uses_plain = any(
        s is not None and s.secret.kind == "password"
        for c in config.accounts()
        for s in (c.imap, c.smtp)
    )
    if uses_plain:
        mode = p.stat().st_mode
        if mode & (stat.S_IRGRP | stat.S_IROTH):
            warnings.append(
                f"{name}: contains a plain password but is readable by others "
                f"(mode {stat.S_IMODE(mode):04o}); run: chmod 600 {name}"
            )
    for w in warnings:
        log.warning("%s", w)
    return replace(config, warnings=tuple(warnings))


def effective(config: Config) -> dict[str, Any]:
    """The effective configuration as a TOML-ready dict, with secrets masked."""

    def secret(s: SecretSource) -> dict[str, str]:
        if s.kind == "password":
            return {"password": "********"}
        if s.kind == "file":
            return {"password_file": s.value}
        if s.kind == "command":
            return {"password_command": s.value}
        return {}

    out: dict[str, Any] = {
        "identity": {
            "name": config.identity.name,
            "addresses": list(config.identity.addresses),
            "timezone": config.identity.timezone,
        }
    }
    if config.imap:
        i = config.imap
        out["imap"] = {
            "host": i.host,
            "port": i.port,
            "tls": i.tls,
            "username": i.username,
            **secret(i.secret),
            "auth": i.auth,
            "folders": list(i.folders),
            "sent_folder": i.sent_folder,
            "timeout": i.timeout,
            **({"drafts_folder": i.drafts_folder} if i.drafts_folder else {}),
            **({"ca_file": i.ca_file} if i.ca_file else {}),
        }
    if config.smtp:
        s = config.smtp
        out["smtp"] = {
            "host": s.host,
            "port": s.port,
            "tls": s.tls,
            **({"username": s.username} if s.username else {}),
            **secret(s.secret),
            "auth": s.auth,
            "from": s.from_address,
            "timeout": s.timeout,
            "save_sent": s.save_sent,
            **({"ca_file": s.ca_file} if s.ca_file else {}),
        }
    f = config.followup
    d = f.delay
    out["followup"] = {
        "delay": f"{d.amount} {d.unit.replace('_', ' ')}",
        "send_window": f"{f.send_window[0]:%H:%M}-{f.send_window[1]:%H:%M}",
        "weekdays_only": f.weekdays_only,
        "holidays": [h.isoformat() for h in f.holidays],
        "include_application_stage": f.include_application_stage,
        "do_not_contact": list(f.do_not_contact),
        "save_to_drafts": f.save_to_drafts,
        "max_per_hour": f.max_per_hour,
        "max_per_day": f.max_per_day,
        "max_interviewers": f.max_interviewers,
        "max_drafts_per_day": f.max_drafts_per_day,
        "max_drafts_per_run": f.max_drafts_per_run,
        **({"template": f.template} if f.template else {}),
    }
    out["digest"] = {
        "schedule": config.digest.schedule,
        "to": config.digest.to,
        "send_empty": config.digest.send_empty,
        "token_days": config.digest.token_days,
        "max_items": config.digest.max_items,
        **({"authserv_id": config.digest.authserv_id} if config.digest.authserv_id else {}),
    }
    out["watch"] = {
        "backfill_days": config.watch.backfill_days,
        "poll_interval": config.watch.poll_interval,
    }
    out["state"] = {"path": config.state.path}
    r = config.rules
    out["rules"] = {
        "paths": list(r.paths),
        "include_shipped": r.include_shipped,
        "managed_file": r.managed_file,
        **({"threshold": r.threshold} if r.threshold is not None else {}),
    }
    if config.extra_accounts:
        out["account"] = []
        for a in config.extra_accounts:
            own = effective(replace(a, extra_accounts=()))
            entry: dict[str, Any] = {"name": a.account}
            entry.update({k: own[k] for k in ("identity", "imap", "smtp", "state") if k in own})
            out["account"].append(entry)
    return out
