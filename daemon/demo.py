"""`debrief demo`: the real service against local servers, narrated.

Starts Dovecot and an aiosmtpd server on loopback, fills a demo mailbox with a
believable job search (three months of Priya's mail, from the labelled
corpus), then runs the same commands a user would: `debrief run --once`,
`debrief digest --send-now`, an approval reply, `debrief run --once` again.
Nothing leaves this machine; everything is stopped and removed at the end.
"""

from __future__ import annotations

import json
import logging
import mailbox
import secrets
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid
from importlib import resources
from pathlib import Path

from daemon.errors import EX_OK, EX_UNAVAILABLE

Say = Callable[[str], None]


def _mbox(name: str) -> list[bytes]:
    with resources.as_file(resources.files("daemon").joinpath("demodata", name)) as path:
        return [m.as_bytes() for m in mailbox.mbox(path)]


def _config(
    root: Path,
    imap_port: int,
    cert: Path,
    user: str,
    password: str,
    smtp_port: int,
    me: dict[str, object],
) -> Path:
    cfg = root / "config.toml"
    cfg.write_text(
        f'[identity]\nname = "{me["name"]}"\naddresses = {json.dumps(me["addresses"])}\n'
        f'timezone = "{me["timezone"]}"\n'
        f'[imap]\nhost = "127.0.0.1"\nport = {imap_port}\ntls = "starttls"\nca_file = "{cert}"\n'
        f'username = "{user}"\npassword = "{password}"\nsent_folder = "Sent"\n'
        f'[smtp]\nhost = "127.0.0.1"\nport = {smtp_port}\ntls = "starttls"\nca_file = "{cert}"\n'
        f'username = "demo"\npassword = "{password}"\n'
        '[followup]\ndelay = "2 business days"\nsend_window = "00:00-23:59"\n'
        "weekdays_only = false\n"
        # The demo mailbox is from 2024: look back far enough to see it.
        "[watch]\nbackfill_days = 3650\n"
        f'[state]\npath = "{root}/state.sqlite3"\n'
    )
    cfg.chmod(0o600)
    return cfg


def run_demo(say: Say = print, keep: bool = False) -> int:
    from daemon.devservers.dovecot import Dovecot, dovecot_binary

    if dovecot_binary() is None:
        say(
            "debrief demo needs Dovecot to play the IMAP server: apt-get install dovecot-imapd\n"
            "(bash scripts/demo installs it for you when run as root)."
        )
        return EX_UNAVAILABLE
    try:
        from daemon.devservers.smtpserver import SmtpServer
    except ImportError:
        say("debrief demo needs aiosmtpd for its SMTP server: pip install 'debrief[demo]'")
        return EX_UNAVAILABLE
    from imapclient import IMAPClient

    from daemon.cli import main

    started = time.monotonic()
    root = Path(tempfile.mkdtemp(prefix="debrief-demo-"))
    root.chmod(0o755)  # Dovecot's unprivileged processes live below it
    dovecot = Dovecot(root / "dovecot")
    password = secrets.token_urlsafe(12)
    dovecot.start()
    smtp = SmtpServer((dovecot.cert, dovecot.key), tls="starttls", users={"demo": password})
    smtp.start()
    logging.getLogger().setLevel(logging.WARNING)
    try:
        with resources.as_file(resources.files("daemon").joinpath("demodata", "persona.json")) as p:
            me = json.loads(p.read_text())
        say(
            f"1. Local servers: Dovecot IMAP on 127.0.0.1:{dovecot.port}, "
            f"SMTP on 127.0.0.1:{smtp.port} (STARTTLS, verified certificate)."
        )
        user = dovecot.add_user()
        client = IMAPClient("127.0.0.1", port=dovecot.port, ssl=False, timeout=30)
        client.login(user.name, user.password)
        inbox, sent = _mbox("inbox.mbox"), _mbox("sent.mbox")
        for raw in inbox:
            client.append("INBOX", raw)
        for raw in sent:
            client.append("Sent", raw)
        say(
            f"   Filled {me['name']}'s mailbox: {len(inbox)} received, {len(sent)} sent "
            "(applications, interviews, calendar invitations, rejections, newsletters...)."
        )
        cfg = _config(root, dovecot.port, dovecot.cert, user.name, user.password, smtp.port, me)
        # The IMAP password is the user's own; the SMTP one is the demo server's.
        cfg.write_text(
            cfg.read_text().replace(
                f'username = "demo"\npassword = "{user.password}"',
                f'username = "demo"\npassword = "{password}"',
            )
        )

        say("\n2. debrief run --once  (the real service, one pass over the mailbox)")
        assert main(["run", "--once", "--config", str(cfg)]) == EX_OK
        db = sqlite3.connect(root / "state.sqlite3")
        db.row_factory = sqlite3.Row
        for det in db.execute("SELECT * FROM detections ORDER BY rejected_at"):
            say(
                f"\n   Rejection: {det['company'] or '?'} / {det['position'] or '?'} "
                f"(stage: {det['stage']}, score {det['score']:.1f})"
            )
            say(f"     why: {det['explanation'][:160]}...")
            for c in db.execute("SELECT * FROM contacts WHERE detection_id = ?", (det["id"],)):
                say(f"     interviewer: {c['address']}  ({c['evidence']})")
            for d in db.execute("SELECT * FROM drafts WHERE detection_id = ?", (det["id"],)):
                say(
                    f"     draft {d['id']} to {d['recipient']}: {d['state']}, due {d['due_at']}"
                    + (f" ({d['reason']})" if d["reason"] else "")
                )
        pending = [
            r["id"] for r in db.execute("SELECT id FROM drafts WHERE state = 'pending' ORDER BY id")
        ]

        say("\n3. debrief digest --send-now  (the digest mailed to you)")
        assert main(["digest", "--send-now", "--config", str(cfg)]) == EX_OK
        digest = next(m.message for m in reversed(smtp.messages) if m.message["X-Debrief-Digest"])
        body = digest.get_body(("plain",))
        text = body.get_content() if body is not None else ""
        say(f"   Subject: {digest['Subject']}")
        for line in text.splitlines()[:22]:
            say(f"   | {line}")
        say("   | ...")

        chosen = pending[:2]
        say(
            f"\n4. You press Reply and type 'approve {' '.join(map(str, chosen))}' above the quote."
        )
        approval = EmailMessage(policy=SMTP)
        approval["From"] = me["addresses"][0]
        approval["To"] = me["addresses"][0]
        approval["Subject"] = f"Re: {digest['Subject']}"
        approval["In-Reply-To"] = digest["Message-ID"]
        approval["References"] = digest["Message-ID"]
        approval["Message-ID"] = make_msgid(domain="demo.invalid")
        approval["Date"] = format_datetime(datetime.now(UTC))
        quoted = "\n".join(f"> {line}" for line in text.splitlines()[:5])
        approval.set_content(
            f"approve {' '.join(map(str, chosen))}\n\nOn today, debrief wrote:\n{quoted}\n"
        )
        client.append("INBOX", approval.as_bytes())
        client.logout()

        say("\n5. debrief run --once  (reads your reply, sends what you approved)")
        assert main(["run", "--once", "--config", str(cfg)]) == EX_OK
        for m in smtp.messages:
            msg = m.message
            if msg["X-Debrief-Confirmation"]:
                say("   Confirmation mailed to you:")
                for line in msg.get_content().strip().splitlines():
                    say(f"   | {line}")
        for m in smtp.messages:
            if m.message["X-Debrief-Draft"]:
                say(
                    f'   SENT to {", ".join(m.rcpt_tos)}: "{m.message["Subject"]}" '
                    f"(In-Reply-To {m.message['In-Reply-To']})"
                )
        states = dict(db.execute("SELECT state, count(*) FROM drafts GROUP BY state").fetchall())
        say(f"   Drafts now: {states}. A second run sends nothing again:")
        assert main(["run", "--once", "--config", str(cfg)]) == EX_OK
        followups = sum(1 for m in smtp.messages if m.message["X-Debrief-Draft"])
        say(f"   follow-ups received by the SMTP server in total: {followups}")
        db.close()
        say(
            f"\nDone in {time.monotonic() - started:.0f} s. Everything went to servers on "
            "127.0.0.1 only; both are stopped now."
        )
        if keep:
            say(f"State, config and mail kept in {root}")
        return EX_OK
    finally:
        smtp.stop()
        dovecot.stop()
        if not keep:
            shutil.rmtree(root, ignore_errors=True)
