"""`debrief queue ...`: list, show, approve, skip and edit follow-up drafts."""

from __future__ import annotations

import argparse
import json
import logging
import os
from pathlib import Path

from daemon.commands.common import load_config
from daemon.display import visible
from daemon.drafts import InvalidTransition, content_hash
from daemon.errors import EX_DATAERR, EX_OK, UsageError
from daemon.store import Store

log = logging.getLogger("debrief")


def _store_for_queue(args: argparse.Namespace) -> Store:
    cfg = load_config(args, required=True)
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
                    f"{d.id:>4}  {d.state:<9} {d.due_at:%Y-%m-%d %H:%M}  "
                    f"{visible(d.recipient):<40} "
                    + visible(f"{d.company or '?'} / {d.position or '?'}")
                )
    return EX_OK


def cmd_queue_show(args: argparse.Namespace) -> int:
    with _store_for_queue(args) as store:
        d = store.draft(args.id)
        if d is None:
            raise UsageError(f"no draft {args.id}")
        # Everything shown came from mail at some point: escapes shown, not run.
        print(f"Draft {d.id} ({d.state}), due {d.due_at.isoformat()}")
        to = f"{d.recipient_name} <{d.recipient}>" if d.recipient_name else d.recipient
        print(f"To: {visible(to)}")
        print(f"Subject: {visible(d.subject)}")
        if d.in_reply_to:
            print(f"In-Reply-To: {visible(d.in_reply_to)}")
        if d.reason:
            print(f"Reason: {visible(d.reason)}")
        print()
        print(visible(d.body, newlines=True))
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


def cmd_queue_retry(args: argparse.Namespace) -> int:
    """Quarantined messages (all, or one folder's, or one UID) are read again,
    alone, at the service's next sync; a running service picks them up."""
    if args.uid is not None and args.folder is None:
        raise UsageError("--uid needs --folder (a UID names a message only within its folder)")
    with _store_for_queue(args) as store:
        n = store.retry_quarantined(args.folder, args.uid)
    print(f"{n} quarantined message(s) will be read again at the next sync")
    return EX_OK
