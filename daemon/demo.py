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
import os
import secrets
import shutil
import ssl
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
    smtp_password: str,
    me: dict[str, object],
) -> Path:
    cfg = root / "config.toml"
    cfg.write_text(
        f'[identity]\nname = "{me["name"]}"\naddresses = {json.dumps(me["addresses"])}\n'
        f'timezone = "{me["timezone"]}"\n'
        f'[imap]\nhost = "127.0.0.1"\nport = {imap_port}\ntls = "starttls"\nca_file = "{cert}"\n'
        f'username = "{user}"\npassword = "{password}"\nsent_folder = "Sent"\n'
        f'[smtp]\nhost = "127.0.0.1"\nport = {smtp_port}\ntls = "starttls"\nca_file = "{cert}"\n'
        f'username = "demo"\npassword = "{smtp_password}"\n'
        '[followup]\ndelay = "2 business days"\nsend_window = "00:00-24:00"\n'
        "weekdays_only = false\n"
        # The demo mailbox is from 2024: look back far enough to see it.
        "[watch]\nbackfill_days = 3650\n"
        f'[state]\npath = "{root}/state/state.sqlite3"\n'
    )
    cfg.chmod(0o600)
    return cfg


class DemoStepFailed(Exception):
    pass


def run_demo(say: Say = print, keep: bool = False) -> int:
    from daemon.devservers.dovecot import Dovecot, dovecot_binary
    from daemon.devservers.net import ServerDidNotStart
    from daemon.devservers.pymapserver import Pymap, pymap_binary

    use_pymap = os.environ.get("DEBRIEF_DEMO_IMAP") == "pymap" or dovecot_binary() is None
    if use_pymap and pymap_binary() is None:
        say(
            "debrief demo needs an IMAP server to play with: Dovecot (apt-get install "
            "dovecot-imapd) or pymap (pip install 'debrief-mail[demo]'); bash scripts/demo sets "
            "them up for you."
        )
        return EX_UNAVAILABLE
    try:
        from daemon.devservers.smtpserver import SmtpServer
    except ImportError:
        say("debrief demo needs aiosmtpd for its SMTP server: pip install 'debrief-mail[demo]'")
        return EX_UNAVAILABLE
    from imapclient import IMAPClient

    from daemon.cli import main
    from daemon.store import Store

    started = time.monotonic()
    root = Path(tempfile.mkdtemp(prefix="debrief-demo-"))
    root.chmod(0o755)  # Dovecot's unprivileged processes live below it
    dovecot: Dovecot | Pymap = Pymap(root / "pymap") if use_pymap else Dovecot(root / "dovecot")
    password = secrets.token_urlsafe(12)
    smtp: SmtpServer | None = None
    logging.getLogger().setLevel(logging.WARNING)
    try:
        try:
            dovecot.start()
            server = SmtpServer(
                (dovecot.cert, dovecot.key), tls="starttls", users={"demo": password}
            )
            server.start()
            smtp = server
        except (ServerDidNotStart, OSError) as e:
            say(f"debrief demo could not start its local servers: {e}")
            return EX_UNAVAILABLE
        with resources.as_file(resources.files("daemon").joinpath("demodata", "persona.json")) as p:
            me = json.loads(p.read_text())
        say(
            f"1. Local servers: {'pymap (pure Python)' if use_pymap else 'Dovecot'} IMAP on "
            f"127.0.0.1:{dovecot.port}, "
            f"SMTP on 127.0.0.1:{smtp.port} (STARTTLS, verified certificate)."
        )
        user = dovecot.add_user()
        client = IMAPClient("127.0.0.1", port=dovecot.port, ssl=False, timeout=30)
        client.starttls(ssl.create_default_context(cafile=str(dovecot.cert)))
        client.login(user.name, user.password)
        if not client.folder_exists("Sent"):
            client.create_folder("Sent")
        inbox, sent = _mbox("inbox.mbox"), _mbox("sent.mbox")
        for raw in inbox:
            client.append("INBOX", raw)
        for raw in sent:
            client.append("Sent", raw)
        say(
            f"   Filled {me['name']}'s mailbox: {len(inbox)} received, {len(sent)} sent "
            "(applications, interviews, calendar invitations, rejections, newsletters...)."
        )
        cfg = _config(
            root, dovecot.port, dovecot.cert, user.name, user.password, smtp.port, password, me
        )

        def step(*argv: str) -> None:
            status = main([*argv, "--config", str(cfg)])
            if status != EX_OK:
                raise DemoStepFailed(f"debrief {' '.join(argv)} exited {status}", status)

        say("\n2. debrief run --once  (the real service, one pass over the mailbox)")
        step("run", "--once")
        state = root / "state" / "state.sqlite3"
        with Store.open(state, service=False) as store:  # read only, beside no service
            for det in store.detections():
                say(
                    f"\n   Rejection: {det.company or '?'} / {det.position or '?'} "
                    f"(stage: {det.stage}, score {det.score:.1f})"
                )
                say(f"     why: {det.explanation[:160]}...")
                for c in store.contacts(det.id):
                    say(f"     interviewer: {c.address}  ({c.evidence})")
                for d in store.drafts_of(det.id):
                    say(
                        f"     draft {d.id} to {d.recipient}: {d.state}, "
                        f"due {d.due_at.isoformat()}" + (f" ({d.reason})" if d.reason else "")
                    )
            pending = [d.id for d in store.drafts(("pending",))]

        say("\n3. debrief digest --send-now  (the digest mailed to you)")
        step("digest", "--send-now")
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
        step("run", "--once")
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
        with Store.open(state, service=False) as store:
            states = store.counts()
        say(f"   Drafts now: {states}. A second run sends nothing again:")
        step("run", "--once")
        followups = sum(1 for m in smtp.messages if m.message["X-Debrief-Draft"])
        say(f"   follow-ups received by the SMTP server in total: {followups}")
        say(
            f"\nDone in {time.monotonic() - started:.0f} s. Everything went to servers on "
            "127.0.0.1 only; both are stopped now."
        )
        if keep:
            say(f"State, config and mail kept in {root}")
        return EX_OK
    except DemoStepFailed as e:
        say(f"\nThe demo stopped: {e.args[0]} (see the message above).")
        return int(e.args[1])
    finally:
        if smtp is not None:
            smtp.stop()
        dovecot.stop()
        if not keep:
            shutil.rmtree(root, ignore_errors=True)
