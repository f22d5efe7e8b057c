"""`debrief run`, `debrief digest` and `debrief status`: the service and its state."""

from __future__ import annotations

import argparse
import json
import logging
import signal
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from daemon import __version__, config, passwords, rules
from daemon.commands.common import load_config, ruleset_for
from daemon.display import visible
from daemon.errors import EX_OK, EX_SOFTWARE, EX_TEMPFAIL, ConfigError, UsageError
from daemon.outbox import Outbox, Sender, next_digest, smtp_sender
from daemon.service import Service
from daemon.store import Store

log = logging.getLogger("debrief")


def _open_service(cfg: config.Config) -> tuple[config.Config, Store, Service]:
    from daemon import prefetch
    from daemon.imap import ImapMailbox

    if cfg.imap is None:
        raise ConfigError(cfg.source, "[imap]", "is required to run the service")
    imap_cfg = cfg.imap
    workers = prefetch.Workers(lambda: account())  # account() is defined below
    ruleset = ruleset_for(cfg)
    secret = passwords.resolve(
        imap_cfg.secret, file=cfg.source, table="imap", credential="imap-password"
    )
    send = _smtp_sender(cfg)
    store = Store.open(cfg.state.path)
    outbox = Outbox(cfg, store, ruleset.senders, send) if send is not None else None

    service: Service

    def account() -> tuple[config.Imap, passwords.Secret | None]:
        # After a SIGHUP reload the service holds new settings: use them, and
        # ask the password command again (like mbsync's PassCmd).
        current = service.imap
        if current is imap_cfg:
            return imap_cfg, secret
        return current, passwords.resolve(
            current.secret, file=service.cfg.source, table="imap", credential="imap-password"
        )

    def connect() -> ImapMailbox:
        return ImapMailbox.connect(*account())

    try:
        service = Service(cfg, store, ruleset, connect, outbox, workers)
    except BaseException:
        store.close()  # release the lock: this process may go on (tests, several accounts)
        raise
    return cfg, store, service


def _smtp_sender(cfg: config.Config) -> Sender | None:
    """The SMTP send function, with its password resolved now (fail early)."""
    if cfg.smtp is None:
        return None
    smtp_secret = passwords.resolve(
        cfg.smtp.secret, file=cfg.source, table="smtp", credential="smtp-password"
    )
    return smtp_sender(cfg, smtp_secret)


def cmd_digest(args: argparse.Namespace) -> int:
    cfg = load_config(args, required=True)
    assert cfg is not None
    send = _smtp_sender(cfg)
    if send is None:
        raise ConfigError(cfg.source, "[smtp]", "is required to mail the digest")
    if not args.send_now:
        raise UsageError("say --send-now to mail the digest now")
    with Store.open(cfg.state.path, service=False) as store:
        sent = Outbox(cfg, store, ruleset_for(cfg).senders, send).send_digest(
            datetime.now(UTC), force=True
        )
    print("digest sent" if sent else "digest NOT sent (see the log)")
    return EX_OK if sent else EX_TEMPFAIL


def cmd_run(args: argparse.Namespace) -> int:
    """One service per account, kept apart: own connection, own state, own thread."""
    import threading

    top = load_config(args, required=True)
    assert top is not None
    configs = [top] if args.account else top.accounts()
    if not configs:
        raise ConfigError(top.source, "[imap]", "is required to run the service")
    opened: list[tuple[config.Config, Store, Service]] = []
    try:
        for cfg in configs:
            opened.append(_open_service(cfg))
        if args.once:
            for cfg, store, service in opened:
                n = service.run_once()
                log.info(
                    "account %s: processed %d message(s); drafts: %s",
                    cfg.account,
                    n,
                    store.counts(),
                )
            return EX_OK

        def stop(signum: int, frame: object) -> None:
            log.info("signal %d: finishing the current step and stopping", signum)
            for _, _, service in opened:
                service.stop.set()
                service.wake.set()

        def reload(signum: int, frame: object) -> None:
            log.info("SIGHUP: reloading configuration and rules")
            for _, _, service in opened:
                service.reload_requested.set()

        def reloader(name: str) -> Callable[[], tuple[config.Config, rules.RuleSet]]:
            def fresh() -> tuple[config.Config, rules.RuleSet]:
                new = [a for a in config.load(top.source).accounts() if a.account == name]
                if not new:
                    raise UsageError(f'account "{name}" is no longer in the configuration')
                return new[0], ruleset_for(new[0])

            return fresh

        for cfg, _, service in opened:
            service.reloader = reloader(cfg.account)
        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGHUP, reload)
        failures: list[BaseException] = []

        def serve(cfg: config.Config, service: Service) -> None:
            log.info(
                "debrief %s: account %s watching %s as %s",
                __version__,
                cfg.account,
                ", ".join(service.folders),
                cfg.imap.username if cfg.imap else "?",
            )
            try:
                service.run_forever()
            except BaseException as e:  # one account's failure must not hide the others'
                log.critical("account %s stopped: %s", cfg.account, e)
                failures.append(e)

        if len(opened) == 1:
            cfg, _, service = opened[0]
            service.run_forever()
            return EX_OK
        threads = [
            threading.Thread(target=serve, args=(c, s), name=c.account, daemon=True)
            for c, _, s in opened
        ]
        for t in threads:
            t.start()
        while any(t.is_alive() for t in threads):
            for t in threads:
                t.join(timeout=0.5)
        if failures:
            worst = max((getattr(e, "exit_status", EX_SOFTWARE) for e in failures), default=0)
            return int(worst)
        return EX_OK
    finally:
        for _, store, _ in opened:
            store.close()


def cmd_status(args: argparse.Namespace) -> int:
    """Whether the service runs, what it last did, and what is next."""
    import fcntl

    cfg = load_config(args, required=True)
    assert cfg is not None
    path = Path(cfg.state.path)
    running = False
    if Path(str(path) + ".lock").exists():
        with open(str(path) + ".lock", "a+") as f:
            try:
                fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                fcntl.flock(f.fileno(), fcntl.LOCK_UN)
            except BlockingIOError:
                running = True
    report: dict[str, Any] = {"running": running, "state": str(path)}
    if path.exists():
        with Store.open(path, service=False) as store:
            service = store.service_status()
            report["mode"] = (
                ("never ran" if service.mode is None else service.mode) if running else "stopped"
            )
            report["folders"] = {
                c.folder: {"last_sync": c.synced_at, "last_uid": c.last_uid}
                for c in store.checkpoints()
            }
            report["drafts"] = store.counts()
            due = [d.due_at for d in store.drafts(("approved",))]
            report["next_send"] = min(due).isoformat() if due else None
            nxt = next_digest(store, cfg, datetime.now(UTC))
            report["next_digest"] = nxt.isoformat() if nxt else None
            report["last_error"] = service.last_error
            report["quarantined"] = [
                {
                    "folder": t.folder,
                    "uid": t.uid,
                    "attempts": t.attempts,
                    "reason": t.reason,
                    "since": t.quarantined_at.isoformat() if t.quarantined_at else None,
                }
                for t in store.quarantined()
            ]
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
    else:
        print(
            f"service:     {'running' if running else 'not running'}"
            f" ({report.get('mode', 'no state yet')})"
        )
        for folder, info in report.get("folders", {}).items():
            print(f"folder:      {folder}: last sync {info['last_sync']}")
        print(f"drafts:      {report.get('drafts', {})}")
        print(f"next send:   {report.get('next_send') or '-'}")
        print(f"next digest: {report.get('next_digest') or '-'}")
        print(f"last error:  {report.get('last_error') or '-'}")
        aside = report.get("quarantined", [])
        print(f"quarantined: {len(aside)} message(s) that could not be read")
        for q in aside:
            print(
                f"  {visible(q['folder'])} uid {q['uid']}: {visible(q['reason'])} "
                f"({q['attempts']} attempts; since {q['since']})"
            )
        if aside:
            print("  `debrief queue retry` reads them again")
    return EX_OK
