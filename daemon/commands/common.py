"""What every subcommand needs: the configuration (file, account), the rules, who you are."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from daemon import config, rules
from daemon.errors import UsageError


def config_path(args: argparse.Namespace) -> Path:
    return Path(args.config) if args.config else config.default_config_path()


def load_config(args: argparse.Namespace, *, required: bool) -> config.Config | None:
    """--config / $DEBRIEF_CONFIG / default path; absent default is fine unless required."""
    explicit = bool(getattr(args, "config", None) or os.environ.get("DEBRIEF_CONFIG"))
    path = config_path(args)
    if not explicit and not required and not path.exists():
        return None
    cfg = config.load(path)
    name = getattr(args, "account", None)
    if getattr(args, "all_accounts", False) and not name:
        return cfg
    accounts = cfg.accounts()
    if name:
        chosen = [a for a in accounts if a.account == name]
        if not chosen:
            known = ", ".join(a.account for a in accounts)
            raise UsageError(f'--account: no account "{name}" (known: {known})')
        return chosen[0]
    if len(accounts) > 1 and getattr(args, "needs_one_account", False):
        known = ", ".join(a.account for a in accounts)
        raise UsageError(f"several accounts are configured: say --account NAME ({known})")
    return accounts[0] if accounts else cfg


def ruleset_for(cfg: config.Config | None) -> rules.RuleSet:
    if cfg is None:
        return rules.load([])
    r = cfg.rules
    return rules.load(
        r.paths, include_shipped=r.include_shipped, threshold=r.threshold, managed=r.managed_file
    )


def names_for(cfg: config.Config | None) -> tuple[str, ...]:
    """The user's name from the config, when there is one."""
    return (cfg.identity.name,) if cfg is not None and cfg.identity.name else ()


def me_for(args: argparse.Namespace, cfg: config.Config | None) -> list[str]:
    me = [a.lower() for a in getattr(args, "me", None) or []]
    if cfg is not None:
        me += list(cfg.identity.addresses)
    if not me:
        raise UsageError("say who you are: --me ADDRESS (or a config file with [identity])")
    return list(dict.fromkeys(me))
