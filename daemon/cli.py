"""Command line: `debrief <command> ...`; `main(argv) -> int` never raises."""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import signal
import sqlite3
import sys
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import tomli_w

from daemon import __version__, config, logs, message, rules, scan, secrets, sources, tuning
from daemon.drafts import InvalidTransition, content_hash
from daemon.errors import (
    EX_DATAERR,
    EX_OK,
    EX_SOFTWARE,
    EX_TEMPFAIL,
    EX_USAGE,
    ConfigError,
    DebriefError,
    UsageError,
)
from daemon.history import ChainHistory, HistorySource, LocalHistory
from daemon.message import Message
from daemon.outbox import Outbox, Sender, next_digest, smtp_sender
from daemon.service import Service
from daemon.store import Store

log = logging.getLogger("debrief")


def _config_path(args: argparse.Namespace) -> Path:
    return Path(args.config) if args.config else config.default_config_path()


def _load_config(args: argparse.Namespace, *, required: bool) -> config.Config | None:
    """--config / $DEBRIEF_CONFIG / default path; absent default is fine unless required."""
    explicit = bool(getattr(args, "config", None) or os.environ.get("DEBRIEF_CONFIG"))
    path = _config_path(args)
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


def _ruleset(cfg: config.Config | None) -> rules.RuleSet:
    if cfg is None:
        return rules.load([])
    r = cfg.rules
    return rules.load(
        r.paths, include_shipped=r.include_shipped, threshold=r.threshold, managed=r.managed_file
    )


def _me(args: argparse.Namespace, cfg: config.Config | None) -> list[str]:
    me = [a.lower() for a in getattr(args, "me", None) or []]
    if cfg is not None:
        me += list(cfg.identity.addresses)
    if not me:
        raise UsageError("say who you are: --me ADDRESS (or a config file with [identity])")
    return list(dict.fromkeys(me))


def _progress(n: int) -> None:
    if sys.stderr.isatty():
        sys.stderr.write(f"\r  {n} messages...")
        sys.stderr.flush()


def _messages(
    args: argparse.Namespace, cfg: config.Config | None, since: date | None = None
) -> tuple[list[tuple[str, Message]], HistorySource, list[Callable[[], None]]]:
    """Parse every SOURCE; return them, the history over them, and closers."""
    from daemon.imap import ImapMailbox
    from daemon.imaphistory import ImapHistory

    closers: list[Callable[[], None]] = []
    box: ImapMailbox | None = None

    def imap_reader(folder: str, day: date | None) -> Iterator[tuple[int, bytes]]:
        nonlocal box
        if cfg is None or cfg.imap is None:
            raise DebriefError(f"imap:{folder}: needs a config file with an [imap] table")
        if box is None:
            box = ImapMailbox.connect(
                cfg.imap,
                secrets.resolve(
                    cfg.imap.secret, file=cfg.source, table="imap", credential="imap-password"
                ),
            )
            closers.append(box.close)
        box.examine(folder)
        uids = box.uids_since(day) if day else box.uids_after(0)
        yield from box.fetch_slim(uids)

    parsed: list[tuple[str, Message]] = []
    local = LocalHistory()
    for spec in args.sources:
        for item in sources.read(spec, imap_reader, since):
            msg = message.parse(item.raw)
            parsed.append((item.origin, msg))
            local.add(msg)
            if len(parsed) % 500 == 0:
                _progress(len(parsed))
    history: HistorySource = local
    if box is not None and cfg is not None and cfg.imap is not None:
        history = ChainHistory(local, ImapHistory(box, [*cfg.imap.folders, cfg.imap.sent_folder]))
    return parsed, history, closers


def _since(text: str | None, now: datetime) -> date | None:
    if not text:
        return None
    m = re.fullmatch(r"(\d+)\s*d(?:ays?)?", text.strip())
    if not m:
        raise UsageError(f'--since: expected a number of days like "90d", got "{text}"')
    return (now - timedelta(days=int(m.group(1)))).date()


def cmd_scan(args: argparse.Namespace) -> int:
    cfg = _load_config(args, required=False)
    ruleset = _ruleset(cfg)
    me = _me(args, cfg)
    parsed, history, closers = _messages(args, cfg)
    try:
        for f in scan.describe(parsed, ruleset, me, history, _progress):
            if not (args.all or f.verdict.rejection):
                continue
            if args.json:
                print(f.json_line())
            else:
                print("\n".join(scan.table_lines(f)))
    finally:
        for close in closers:
            close()
    return EX_OK


def cmd_rules_test(args: argparse.Namespace) -> int:
    cfg = _load_config(args, required=False)
    ruleset = _ruleset(cfg)
    me = _me(args, cfg)
    since = _since(args.since, datetime.now(UTC))
    parsed, history, closers = _messages(args, cfg, since)
    if since is not None:
        parsed = [(o, m) for o, m in parsed if m.date is None or m.date.date() >= since]
    try:
        current = list(scan.describe(parsed, ruleset, me, history, _progress))
        if not args.compare:
            hits = [f for f in current if f.verdict.rejection]
            for f in hits:
                print("\n".join(scan.table_lines(f)))
            print(
                f"{len(hits)} rejection(s) in {len(current)} received message(s); "
                f"rules from: {', '.join(ruleset.sources)}"
            )
            return EX_OK
        other = rules.load(
            [*ruleset.sources, *rules.expand([args.compare])],
            include_shipped=False,
            threshold=ruleset.threshold,
        )
        changed = list(scan.describe(parsed, other, me, history))
        added, dropped = tuning.compare(current, changed)
        for f in added:
            print("+ " + "\n  ".join(scan.table_lines(f)))
        for f in dropped:
            print("- " + "\n  ".join(scan.table_lines(f)))
        print(
            f"with {args.compare}: {len(added)} added, {len(dropped)} dropped, "
            f"{sum(f.verdict.rejection for f in changed)} rejection(s) in total"
        )
        return EX_OK
    finally:
        for close in closers:
            close()


def _managed_path(args: argparse.Namespace) -> Path:
    cfg = _load_config(args, required=False)
    if cfg is not None:
        return Path(cfg.rules.managed_file)
    return _config_path(args).parent / "rules.managed.toml"


def _edit_managed(args: argparse.Namespace, edit: Callable[[dict[str, Any]], str]) -> int:
    path = _managed_path(args)
    doc = tuning.load_doc(path)
    try:
        said = edit(doc)
    except ValueError as e:
        raise DebriefError(str(e)) from None
    tuning.save(path, doc)
    print(f"{said} (written to {path})")
    return EX_OK


def cmd_rules_add_phrase(args: argparse.Namespace) -> int:
    return _edit_managed(
        args,
        lambda doc: (
            "added rule "
            + tuning.add_phrase(
                doc, args.phrases, kind=args.kind, weight=args.weight, field=args.field
            )
        ),
    )


def cmd_rules_ignore_sender(args: argparse.Namespace) -> int:
    return _edit_managed(args, lambda doc: "added rule " + tuning.ignore_sender(doc, args.sender))


def cmd_rules_disable(args: argparse.Namespace) -> int:
    ruleset = _ruleset(_load_config(args, required=False))
    if ruleset.by_id(args.rule_id) is None:
        raise DebriefError(f"no rule with id {args.rule_id!r} is loaded")

    def edit(doc: dict[str, Any]) -> str:
        tuning.disable(doc, args.rule_id)
        return f"disabled {args.rule_id}"

    return _edit_managed(args, edit)


def cmd_rules_check(args: argparse.Namespace) -> int:
    """Load every rule file and check each rule against its own examples."""
    ruleset = _ruleset(_load_config(args, required=False))
    failures = 0
    for rule in ruleset.rules:
        for example in rule.examples:
            fields = {
                "subject": example,
                "body": example,
                "from": example,
                "from_domain": example,
                "from_name": example,
            }
            if not any(h.rule == rule.id for h in ruleset.evaluate(fields)):
                failures += 1
                print(f"{rule.source}: {rule.id}: example does not match: {example!r}")
    print(
        f"{len(ruleset.rules)} rules from {len(ruleset.sources)} file(s); "
        f"{failures} example(s) failing; threshold {ruleset.threshold:g}"
    )
    return EX_DATAERR if failures else EX_OK


def _open_service(cfg: config.Config) -> tuple[config.Config, Store, Service]:
    from daemon import prefetch
    from daemon.imap import ImapMailbox

    if cfg.imap is None:
        raise ConfigError(cfg.source, "[imap]", "is required to run the service")
    imap_cfg = cfg.imap
    ruleset = _ruleset(cfg)
    secret = secrets.resolve(
        imap_cfg.secret, file=cfg.source, table="imap", credential="imap-password"
    )
    send = _smtp_sender(cfg)
    store = Store.open(cfg.state.path)
    outbox = Outbox(cfg, store, ruleset.senders, send) if send is not None else None

    service: Service

    def account() -> tuple[config.Imap, secrets.Secret | None]:
        # After a SIGHUP reload the service holds new settings: use them, and
        # ask the password command again (like mbsync's PassCmd).
        current = service.imap
        if current is imap_cfg:
            return imap_cfg, secret
        return current, secrets.resolve(
            current.secret, file=service.cfg.source, table="imap", credential="imap-password"
        )

    def connect() -> ImapMailbox:
        return ImapMailbox.connect(*account())

    try:
        service = Service(cfg, store, ruleset, connect, outbox, prefetch.Workers(account))
    except BaseException:
        store.close()  # release the lock: this process may go on (tests, several accounts)
        raise
    return cfg, store, service


def _smtp_sender(cfg: config.Config) -> Sender | None:
    """The SMTP send function, with its password resolved now (fail early)."""
    if cfg.smtp is None:
        return None
    smtp_secret = secrets.resolve(
        cfg.smtp.secret, file=cfg.source, table="smtp", credential="smtp-password"
    )
    return smtp_sender(cfg, smtp_secret)


def cmd_digest(args: argparse.Namespace) -> int:
    cfg = _load_config(args, required=True)
    assert cfg is not None
    send = _smtp_sender(cfg)
    if send is None:
        raise ConfigError(cfg.source, "[smtp]", "is required to mail the digest")
    if not args.send_now:
        raise UsageError("say --send-now to mail the digest now")
    with Store.open(cfg.state.path, service=False) as store:
        sent = Outbox(cfg, store, _ruleset(cfg).senders, send).send_digest(
            datetime.now(UTC), force=True
        )
    print("digest sent" if sent else "digest NOT sent (see the log)")
    return EX_OK if sent else EX_TEMPFAIL


def cmd_run(args: argparse.Namespace) -> int:
    """One service per account, kept apart: own connection, own state, own thread."""
    import threading

    top = _load_config(args, required=True)
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
                return new[0], _ruleset(new[0])

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


def _store_for_queue(args: argparse.Namespace) -> Store:
    cfg = _load_config(args, required=True)
    assert cfg is not None
    return Store.open(cfg.state.path, service=False)


def cmd_queue_list(args: argparse.Namespace) -> int:
    with _store_for_queue(args) as store:
        for d in store.drafts():
            if args.json:
                print(
                    json.dumps(
                        {
                            "id": d.id,
                            "state": d.state,
                            "to": d.recipient,
                            "company": d.company,
                            "position": d.position,
                            "rejection_message_id": d.rejection_key,
                            "due": d.due_at.isoformat(),
                            "subject": d.subject,
                        },
                        ensure_ascii=False,
                    )
                )
            else:
                print(
                    f"{d.id:>4}  {d.state:<9} {d.due_at:%Y-%m-%d %H:%M}  {d.recipient:<40} "
                    f"{d.company or '?'} / {d.position or '?'}"
                )
    return EX_OK


def cmd_queue_show(args: argparse.Namespace) -> int:
    with _store_for_queue(args) as store:
        d = store.draft(args.id)
        if d is None:
            raise UsageError(f"no draft {args.id}")
        print(f"Draft {d.id} ({d.state}), due {d.due_at.isoformat()}")
        print(
            f"To: {d.recipient_name} <{d.recipient}>" if d.recipient_name else f"To: {d.recipient}"
        )
        print(f"Subject: {d.subject}")
        if d.in_reply_to:
            print(f"In-Reply-To: {d.in_reply_to}")
        if d.reason:
            print(f"Reason: {d.reason}")
        print()
        print(d.body)
    return EX_OK


def _queue_apply(args: argparse.Namespace, event: str) -> int:
    status = EX_OK
    with _store_for_queue(args) as store:
        for draft_id in args.ids:
            d = store.draft(draft_id)
            if d is None:
                log.error("no draft %d", draft_id)
                status = EX_DATAERR
                continue
            try:
                with store.transaction():
                    changes = {}
                    if event == "approve":
                        changes["approved_hash"] = content_hash(d.recipient, d.subject, d.body)
                    new = store.apply(draft_id, event, f"{event} from the command line", **changes)
            except InvalidTransition as e:
                log.error("draft %d: %s", draft_id, e)
                status = EX_DATAERR
                continue
            log.info("draft %d: %s from the command line -> %s", draft_id, event, new)
            print(f"draft {draft_id}: {new}")
    return status


def cmd_queue_approve(args: argparse.Namespace) -> int:
    return _queue_apply(args, "approve")


def cmd_queue_skip(args: argparse.Namespace) -> int:
    return _queue_apply(args, "skip")


def cmd_queue_edit(args: argparse.Namespace) -> int:
    with _store_for_queue(args) as store:
        d = store.draft(args.id)
        if d is None:
            raise UsageError(f"no draft {args.id}")
        if args.body_file:
            body = Path(args.body_file).read_text(encoding="utf-8")
        else:
            import subprocess
            import tempfile

            editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
            with tempfile.NamedTemporaryFile("w+", suffix=".txt", delete=False) as f:
                f.write(d.body)
            subprocess.run([*editor.split(), f.name], check=False)
            body = Path(f.name).read_text(encoding="utf-8")
            Path(f.name).unlink()
        if body.strip() == d.body.strip():
            print("unchanged")
            return EX_OK
        try:
            with store.transaction():
                new = store.apply(
                    d.id,
                    "edit",
                    "edited from the command line",
                    body=body.rstrip() + "\n",
                    approved_hash=None,
                )
        except InvalidTransition as e:
            raise UsageError(f"draft {d.id}: {e}") from None
        print(f"draft {d.id}: {new} (approve it again to send)")
    return EX_OK


def cmd_status(args: argparse.Namespace) -> int:
    """Whether the service runs, what it last did, and what is next."""
    import fcntl

    cfg = _load_config(args, required=True)
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
            meta = dict(store.db.execute("SELECT key, value FROM meta").fetchall())
            report["mode"] = meta.get("service_mode", "never ran") if running else "stopped"
            report["folders"] = {
                r["folder"]: {"last_sync": r["synced_at"], "last_uid": r["last_uid"]}
                for r in store.db.execute("SELECT * FROM checkpoints ORDER BY folder")
            }
            report["drafts"] = store.counts()
            due = [d.due_at for d in store.drafts(("approved",))]
            report["next_send"] = min(due).isoformat() if due else None
            nxt = next_digest(store, cfg, datetime.now(UTC))
            report["next_digest"] = nxt.isoformat() if nxt else None
            report["last_error"] = meta.get("service_last_error")
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
    return EX_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from daemon.demo import run_demo

    def say(line: str) -> None:
        print(line, flush=True)

    return run_demo(say, keep=args.keep)


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
        p.add_argument(
            "--account",
            metavar="NAME",
            help="one [[account]] of the config (default: all for run, else the only one)",
        )
        return p

    p_config = sub.add_parser("config", help="inspect the configuration")
    config_sub = p_config.add_subparsers(dest="config_command", metavar="ACTION")
    p_check = with_config(
        config_sub.add_parser("check", help="validate and print the effective configuration")
    )
    p_check.set_defaults(func=cmd_config_check)

    p_scan = with_config(
        sub.add_parser(
            "scan", help="find rejections and interviewers in mbox, Maildir, .eml or imap:FOLDER"
        )
    )
    p_scan.add_argument(
        "--me",
        action="append",
        metavar="ADDRESS",
        help="one of your addresses (repeatable; default: from config)",
    )
    p_scan.add_argument("--all", action="store_true", help="list every received message")
    p_scan.add_argument("--json", action="store_true", help="one JSON object per line")
    p_scan.add_argument("sources", nargs="+", metavar="SOURCE")
    p_scan.set_defaults(func=cmd_scan)

    p_run = with_config(sub.add_parser("run", help="the service: watch IMAP and queue drafts"))
    p_run.add_argument(
        "--once", action="store_true", help="process what is there, then exit (for cron and tests)"
    )
    p_run.set_defaults(func=cmd_run, all_accounts=True)

    p_queue = sub.add_parser("queue", help="list, inspect and approve follow-up drafts")
    queue_sub = p_queue.add_subparsers(dest="queue_command", metavar="ACTION")
    p_ql = with_config(queue_sub.add_parser("list", help="every draft"))
    p_ql.add_argument("--json", action="store_true")
    p_ql.set_defaults(func=cmd_queue_list, needs_one_account=True)
    p_qs = with_config(queue_sub.add_parser("show", help="one draft in full"))
    p_qs.add_argument("id", type=int)
    p_qs.set_defaults(func=cmd_queue_show, needs_one_account=True)
    for name, func, text in (
        ("approve", cmd_queue_approve, "approve drafts for sending"),
        ("skip", cmd_queue_skip, "never send these drafts"),
    ):
        p = with_config(queue_sub.add_parser(name, help=text))
        p.add_argument("ids", type=int, nargs="+", metavar="ID")
        p.set_defaults(func=func, needs_one_account=True)
    p_qe = with_config(queue_sub.add_parser("edit", help="change a draft's text ($EDITOR)"))
    p_qe.add_argument("id", type=int)
    p_qe.add_argument("--body-file", metavar="FILE", help="take the new body from a file")
    p_qe.set_defaults(func=cmd_queue_edit, needs_one_account=True)

    p_st = with_config(sub.add_parser("status", help="is the service running, and what next"))
    p_st.add_argument("--json", action="store_true")
    p_st.set_defaults(func=cmd_status, needs_one_account=True)

    p_demo = sub.add_parser("demo", help="a one-minute demo against local servers it starts")
    p_demo.add_argument("--keep", action="store_true", help="keep the demo's files")
    p_demo.set_defaults(func=cmd_demo)

    p_dig = with_config(sub.add_parser("digest", help="mail the digest of drafts to decide on"))
    p_dig.add_argument("--send-now", action="store_true", help="mail it now")
    p_dig.set_defaults(func=cmd_digest, needs_one_account=True)

    p_rules = sub.add_parser("rules", help="test and tune detection rules")
    rules_sub = p_rules.add_subparsers(dest="rules_command", metavar="ACTION")
    p_rt = with_config(rules_sub.add_parser("test", help="what the rules match, and why"))
    p_rt.add_argument("--me", action="append", metavar="ADDRESS")
    p_rt.add_argument("--since", metavar="DAYS", help='only mail of the last N days, e.g. "90d"')
    p_rt.add_argument(
        "--compare",
        metavar="RULES_PATH",
        help="also load these rules and show what they add or drop",
    )
    p_rt.add_argument("sources", nargs="+", metavar="SOURCE")
    p_rt.set_defaults(func=cmd_rules_test)
    p_ap = with_config(rules_sub.add_parser("add-phrase", help="add a phrase rule"))
    p_ap.add_argument("--kind", default="rejection", choices=rules.KINDS)
    p_ap.add_argument("--weight", type=float, default=6.0)
    p_ap.add_argument("--field", default="body", choices=rules.FIELDS)
    p_ap.add_argument("phrases", nargs="+", metavar="PHRASE")
    p_ap.set_defaults(func=cmd_rules_add_phrase)
    p_is = with_config(
        rules_sub.add_parser(
            "ignore-sender", help="never treat mail from an address or domain as a rejection"
        )
    )
    p_is.add_argument("sender", metavar="ADDRESS_OR_DOMAIN")
    p_is.set_defaults(func=cmd_rules_ignore_sender)
    p_dis = with_config(rules_sub.add_parser("disable", help="turn a rule off by id"))
    p_dis.add_argument("rule_id", metavar="RULE_ID")
    p_dis.set_defaults(func=cmd_rules_disable)
    p_chk = with_config(rules_sub.add_parser("check", help="validate rules against examples"))
    p_chk.set_defaults(func=cmd_rules_check)

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
    except sqlite3.OperationalError as e:
        log.critical("state database: %s (nothing was half-written; try again)", e)
        return EX_TEMPFAIL
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `debrief ... | head`: not an error worth a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EX_OK
    except Exception:  # the last line of defence: one line, plus the trace at debug
        log.critical("internal error (run with --debug for details)", exc_info=args.debug)
        return EX_SOFTWARE
