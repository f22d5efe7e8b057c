"""Digest, approval by reply and exactly-once sending, end to end.

Real Dovecot (IMAP) and real aiosmtpd (SMTP) servers; the service runs as
`debrief run --once`, in process or as a subprocess when it must be killed.
Most tests start from the `world` fixture (conftest.py): Mia Lind's
rejection read once, a draft to Mia and one to Omar Lee.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from daemon.cli import main
from daemon.devservers.smtpserver import SmtpServer
from daemon.faults import FAULT_EXIT
from tests import trust
from tests.mail import build
from tests.mailboxes import ME, ago
from tests.world import World, send_digest

ROOT = Path(__file__).resolve().parent.parent


def reply(
    w: World,
    subject: str,
    digest_id: str,
    body: str,
    *,
    sender: str = ME,
    headers: dict[str, str] | None = None,
    msgid: str | None = None,
) -> bytes:
    return build(
        sender=sender,
        to=ME,
        subject=f"Re: {subject}",
        in_reply_to=digest_id,
        body=body,
        headers=headers,
        msgid=msgid,
        date=datetime.now(UTC),
    )


def test_digest_content(world: World) -> None:
    _subject, _, token = send_digest(world)
    digest = world.digests()[-1].message
    assert digest["Auto-Submitted"] == "auto-generated"
    assert digest["To"] == ME  # the user, not a draft's recipient
    assert len(token) >= 22  # 128 bits, urlsafe base64
    text = digest.get_body(("plain",)).get_content()
    drafts = world.drafts()
    for d in drafts.values():
        assert f"=== {d['id']}: " in text and str(d["recipient"]) in text
        assert str(d["body"]).split("\n")[0] in text
    assert "en.rejection.other-candidate" in text  # why it is a rejection
    # why each recipient: what linked them to the application, and when
    because = [line for line in text.splitlines() if line.startswith("Because:  ")]
    assert len(because) == len(drafts)
    assert all(re.match(r"Because:  [a-zA-Z -]+ \(\d{4}-\d\d-\d\d\)", b) for b in because)
    assert "Because:  ?" not in text
    assert digest.get_body(("html",)) is not None
    # debrief's own digest, delivered to the INBOX, is never a rejection
    world.append(world.digests()[-1].data)
    assert world.run() == 0
    assert len(world.drafts()) == 2


def test_end_to_end_approve_by_reply_sends_exactly_once(world: World) -> None:
    subject, digest_id, _ = send_digest(world)
    mia = world.drafts()["mia.lind@fernbrook.example"]
    body = (
        f"approve {mia['id']}\n\nThanks!\n\nOn Mon, 2 Mar 2026, debrief wrote:\n"
        "> approve all\n> === 1: ...\n"
    )
    world.append(reply(world, subject, digest_id, body))
    assert world.run() == 0
    drafts = world.drafts()
    assert drafts["mia.lind@fernbrook.example"]["state"] == "sent"
    assert drafts["omar.lee@fernbrook.example"]["state"] == "pending"
    [sent] = world.followups()
    assert sent.rcpt_tos == ["mia.lind@fernbrook.example"]
    assert sent.message["In-Reply-To"] == "<rej1@fernbrook.example>"
    assert "<rej1@fernbrook.example>" in sent.message["References"]
    assert sent.message["X-Debrief-Draft"] == mia["token"]
    assert sent.message["Message-ID"] == mia["message_id"]
    confirmations = [m for m in world.smtp.messages if m.message["X-Debrief-Confirmation"]]
    assert len(confirmations) == 1
    assert f"approved {mia['id']}" in confirmations[0].message.get_content()
    c = world.imap()
    c.select_folder("Sent", readonly=True)
    assert c.search(["HEADER", "X-Debrief-Draft", str(mia["token"])])
    c.logout()
    for _ in range(2):
        assert world.run() == 0
    assert len(world.followups()) == 1


def _attack(world: World, case: str) -> None:
    subject, digest_id, token = send_digest(world)
    ids = " ".join(str(d["id"]) for d in world.drafts().values())
    if case == "forged_from":
        raw = reply(world, subject, digest_id, f"approve {ids}", sender="evil@attacker.example")
    elif case == "no_token":
        raw = reply(world, subject.split(" [debrief:")[0], digest_id, f"approve {ids}")
    elif case == "wrong_token":
        raw = reply(world, subject.replace(token, "A" * len(token)), digest_id, f"approve {ids}")
    elif case == "replay":
        # A captured reply of the user's, altered and delivered again under
        # its own Message-ID: a reply is read once, whatever it says then.
        world.append(reply(world, subject, digest_id, "snooze 999 1d", msgid="<first@example.org>"))
        assert world.run() == 0
        raw = reply(world, subject, digest_id, f"approve {ids}", msgid="<first@example.org>")
    elif case == "quoted_in_interviewer_reply":
        raw = reply(
            world,
            subject,
            digest_id,
            "Happy to help!\n\n> approve all\n",
            sender="mia.lind@fernbrook.example",
        )
    elif case == "quoted_only":
        raw = reply(
            world,
            subject,
            digest_id,
            f"Looks good.\n\nOn Mon, 2 Mar 2026, debrief wrote:\n> approve {ids}\n",
        )
    elif case == "out_of_office":
        raw = reply(
            world, subject, digest_id, f"approve {ids}", headers={"Auto-Submitted": "auto-replied"}
        )
    elif case == "new_mail_wrong_token":
        # A new mail (as a mailto: link makes) needs the digest's own token.
        raw = build(
            sender=ME, to=ME, subject=f"approve all [debrief:{'B' * 22}]", body="approve all"
        )
    elif case == "dkim_for_attackers_domain":
        # The user's server checks mail and records what it found: a DKIM pass
        # for the forger's own domain is not a pass for the user's address.
        world.write_config(digest={"authserv_id": "mx.example.org"})
        raw = reply(
            world,
            subject,
            digest_id,
            f"approve {ids}",
            headers={
                "Authentication-Results": "mx.example.org; dkim=pass header.d=attacker.example; "
                "dmarc=fail header.from=example.org"
            },
        )
    else:
        raise AssertionError(case)
    world.append(raw)
    assert world.run() == 0


ATTACKS = [
    "forged_from",
    "no_token",
    "wrong_token",
    "replay",
    "quoted_in_interviewer_reply",
    "quoted_only",
    "out_of_office",
    "new_mail_wrong_token",
    "dkim_for_attackers_domain",
]


@pytest.mark.parametrize("case", ATTACKS)
def test_approval_attacks_send_nothing(world: World, case: str) -> None:
    _attack(world, case)
    trust.add(runs=1, inputs_tried=1, unapproved_sends=len(world.followups()))
    assert world.followups() == []
    assert all(d["state"] == "pending" for d in world.drafts().values())
    db = sqlite3.connect(world.tmp / "state.sqlite3")
    refused = db.execute("SELECT count(*) FROM events WHERE kind = 'approval_refused'").fetchone()[
        0
    ]
    db.close()
    if case in (
        "forged_from",
        "no_token",
        "wrong_token",
        "quoted_in_interviewer_reply",
        "out_of_office",
        "dkim_for_attackers_domain",
    ):
        assert refused >= 1
        # ... and the next digest tells the user
        send_digest(world)
        assert "approval refused" in world.digests()[-1].message.get_body(("plain",)).get_content()


def test_a_digest_can_be_answered_again(world: World) -> None:
    """A first reply without commands ("Thanks!") and a second with one: the
    second approves (the first reply no longer burns the digest), and
    approving the same draft again in a third changes nothing."""
    subject, digest_id, _ = send_digest(world)
    mia = world.drafts()["mia.lind@fernbrook.example"]
    world.append(reply(world, subject, digest_id, "Thanks!", msgid="<thanks@example.org>"))
    assert world.run() == 0
    world.append(reply(world, subject, digest_id, f"approve {mia['id']}", msgid="<go@example.org>"))
    assert world.run() == 0
    assert world.drafts()["mia.lind@fernbrook.example"]["state"] in ("approved", "sent")
    world.append(
        reply(world, subject, digest_id, f"approve {mia['id']}", msgid="<go2@example.org>")
    )
    assert world.run() == 0
    assert world.run() == 0
    assert len(world.followups()) == 1  # sent once
    confirmations = [
        m.message.get_content() for m in world.smtp.messages if m.message["X-Debrief-Confirmation"]
    ]
    assert len(confirmations) == 3  # every reply answered
    assert "no commands found" in confirmations[0]
    assert f"approved {mia['id']}" in confirmations[1]
    assert "already" in confirmations[2]


def _confirmations(world: World) -> list[object]:
    return [m.message for m in world.smtp.messages if m.message["X-Debrief-Confirmation"]]


def test_a_new_mail_with_the_token_approves_without_in_reply_to(world: World) -> None:
    """Outlook keeps only Thread-Index; a mailto: link opens a new mail: the
    token in the subject, from the user's address, names the digest."""
    _subject, _, token = send_digest(world)
    mia = world.drafts()["mia.lind@fernbrook.example"]
    world.append(
        build(
            sender=ME,
            to=ME,
            subject=f"approve {mia['id']} [debrief:{token}]",
            body=f"approve {mia['id']}\n",
            headers={"Thread-Index": "AdtHk3l0cmVhZGluZGV4", "X-Auto-Response-Suppress": "All"},
            date=datetime.now(UTC),
        )
    )
    assert world.run() == 0
    assert world.drafts()["mia.lind@fernbrook.example"]["state"] == "sent"


def test_one_tap_the_html_digests_mailto_link_approves(world: World) -> None:
    """The HTML part shows each draft as a card with mailto: links; the mail a
    client builds from one (To, Subject and body from the URL, nothing else)
    approves that draft and nothing more."""
    from urllib.parse import parse_qs, unquote, urlsplit

    send_digest(world)
    digest = world.digests()[-1].message
    page = digest.get_body(("html",)).get_content()
    mia = world.drafts()["mia.lind@fernbrook.example"]
    assert "mia.lind@fernbrook.example" in page and "Because:" in page
    hrefs = re.findall(r'href="(mailto:[^"]+)"', page)
    (link,) = [h for h in hrefs if f"approve%20{mia['id']}%20" in h]
    url = urlsplit(link.replace("&amp;", "&"))
    query = parse_qs(url.query)
    assert unquote(url.path) == ME
    world.append(
        build(
            sender=ME,
            to=unquote(url.path),
            subject=query["subject"][0],
            body=query["body"][0],
            date=datetime.now(UTC),
        )
    )
    assert world.run() == 0
    drafts = world.drafts()
    assert drafts["mia.lind@fernbrook.example"]["state"] == "sent"
    assert drafts["omar.lee@fernbrook.example"]["state"] == "pending"
    assert len(world.followups()) == 1


def test_a_reply_to_the_confirmation_works_and_nothing_answers_itself(world: World) -> None:
    subject, digest_id, _ = send_digest(world)
    drafts = world.drafts()
    mia, omar = drafts["mia.lind@fernbrook.example"], drafts["omar.lee@fernbrook.example"]
    world.append(reply(world, subject, digest_id, f"skip {omar['id']}", msgid="<r1@example.org>"))
    assert world.run() == 0
    (confirmation,) = _confirmations(world)
    assert "[debrief:" in str(confirmation["Subject"])  # type: ignore[index]
    # Gmail's Reply answers the newest mail of the thread: the confirmation.
    world.append(
        build(
            sender=ME,
            to=ME,
            subject=f"Re: {confirmation['Subject']}",  # type: ignore[index]
            in_reply_to=str(confirmation["Message-ID"]),  # type: ignore[index]
            body=f"approve {mia['id']}\n",
            date=datetime.now(UTC),
        )
    )
    assert world.run() == 0
    assert world.drafts()["mia.lind@fernbrook.example"]["state"] == "sent"
    # The digest and both confirmations arrive in the inbox too (they go to
    # the user): none of them is read as a reply, so nothing answers itself.
    before = len(_confirmations(world))
    for m in world.smtp.messages:
        if m.message["X-Debrief-Confirmation"] or m.message["X-Debrief-Digest"]:
            world.append(m.data)
    assert world.run() == 0 and world.run() == 0
    assert len(_confirmations(world)) == before == 2


def test_a_refused_reply_from_the_user_is_answered_at_once(world: World) -> None:
    subject, digest_id, _ = send_digest(world)
    db = sqlite3.connect(world.tmp / "state.sqlite3")
    db.execute(
        "UPDATE digests SET expires_at = ?", ((datetime.now(UTC) - timedelta(days=1)).isoformat(),)
    )
    db.commit()
    db.close()
    world.append(reply(world, subject, digest_id, "approve all", msgid="<late@example.org>"))
    # ... one from a plus-address of the user's: refused, and answered too
    world.append(
        reply(
            world,
            subject,
            digest_id,
            "approve all",
            sender="alex+phone@example.org",
            msgid="<plus@example.org>",
        )
    )
    # ... and one from someone else, which gets no answer at all
    world.append(
        reply(
            world, subject, digest_id, "approve all", sender="eve@attacker.example", msgid="<eve@x>"
        )
    )
    assert world.run() == 0
    answers = [a.get_content() for a in _confirmations(world)]  # type: ignore[attr-defined]
    assert len(answers) == 2
    assert "your reply was not applied: the digest token has expired" in answers[0]
    assert "debrief queue approve" in answers[0]
    assert "alex+phone@example.org, not from you" in answers[1]
    rcpts = [m.rcpt_tos for m in world.smtp.messages if m.message["X-Debrief-Confirmation"]]
    assert rcpts == [[ME], [ME]]  # answers go to the user's own address only
    assert world.followups() == []


def test_a_reply_that_pastes_the_digest_unquoted_approves_nothing(world: World) -> None:
    """A client that quotes the digest in a way no rule recognises (or a user
    who pastes it): a line the digest itself showed is never a command, even
    one that reads as a command (here a draft's text holds "approve all")."""
    mia = world.drafts()["mia.lind@fernbrook.example"]
    body = world.tmp / "b.txt"
    body.write_text("Hi Mia,\n\napprove all\n\nAlex\n")
    assert (
        main(
            ["queue", "edit", str(mia["id"]), "--body-file", str(body), "--config", str(world.cfg)]
        )
        == 0
    )
    subject, digest_id, _ = send_digest(world)
    text = world.digests()[-1].message.get_body(("plain",)).get_content()
    world.append(reply(world, subject, digest_id, "Hello,\n" + text, msgid="<paste@example.org>"))
    assert world.run() == 0
    assert all(d["state"] == "pending" for d in world.drafts().values())
    (answer,) = _confirmations(world)
    assert "no commands found" in answer.get_content()  # type: ignore[attr-defined]


def test_changed_draft_approval_is_refused(world: World) -> None:
    subject, digest_id, _ = send_digest(world)
    mia = world.drafts()["mia.lind@fernbrook.example"]
    body = world.tmp / "b.txt"
    body.write_text("A different text.\n")
    assert (
        main(
            ["queue", "edit", str(mia["id"]), "--body-file", str(body), "--config", str(world.cfg)]
        )
        == 0
    )
    world.append(reply(world, subject, digest_id, f"approve {mia['id']}"))
    assert world.run() == 0
    assert world.drafts()["mia.lind@fernbrook.example"]["state"] == "pending"
    assert world.followups() == []


def test_edit_then_approve_in_one_reply_sends_the_new_text(world: World) -> None:
    subject, digest_id, _ = send_digest(world)
    omar = world.drafts()["omar.lee@fernbrook.example"]
    text = f"edit {omar['id']}\nHi Omar, thanks for the chat. Any feedback?\nend\napprove {omar['id']}\n"
    world.append(reply(world, subject, digest_id, text))
    assert world.run() == 0
    [sent] = world.followups()
    assert "Any feedback?" in sent.message.get_content()


# --- SMTP faults: each ends in its documented state ------------------------------


def approve_mia(w: World) -> None:
    mia = w.drafts()["mia.lind@fernbrook.example"]
    assert main(["queue", "approve", str(mia["id"]), "--config", str(w.cfg)]) == 0


@pytest.mark.parametrize(
    ("fault", "state", "received"),
    [
        (("fail", "mail", "421 4.3.2 busy"), "approved", 0),
        (("fail", "rcpt", "451 4.3.0 later"), "approved", 0),
        (("fail", "data_cmd", "452 4.3.1 full"), "approved", 0),
        (("fail", "data", "451 4.3.0 try later"), "approved", 0),
        (("fail", "rcpt", "550 5.1.1 no such user"), "failed", 0),
        (("fail", "data", "554 5.7.1 spam"), "failed", 0),
        (("drop",), "in_doubt", 1),
        (("stall", "data", 8.0), "in_doubt", 1),
    ],
)
def test_smtp_faults_end_in_documented_state(
    world: World, fault: tuple[object, ...], state: str, received: int
) -> None:
    world.write_config(smtp_timeout=5)
    approve_mia(world)
    if fault[0] == "fail":
        world.smtp.fail(fault[1], fault[2], times=5)  # type: ignore[arg-type]
    elif fault[0] == "drop":
        world.smtp.drop_after_data()
    else:
        world.smtp.stall(fault[1], fault[2])  # type: ignore[arg-type]
    assert world.run() == 0
    assert world.drafts()["mia.lind@fernbrook.example"]["state"] == state
    assert len([m for m in world.smtp.messages if "X-Debrief-Draft" in m.message]) == received
    world.smtp.clear_faults()
    assert world.run() == 0  # a second pass never resends an in-doubt or failed draft
    after = world.drafts()["mia.lind@fernbrook.example"]["state"]
    if state == "approved":
        assert after == "approved"  # waiting for its backoff
    else:
        assert after == state
        assert len(world.followups()) == received


def test_server_without_starttls_gets_nothing(world: World, tls_cert: tuple[Path, Path]) -> None:
    bare = SmtpServer(tls_cert, tls="starttls", starttls=False)
    bare.start()
    try:
        world.write_config(smtp=bare)
        approve_mia(world)
        assert world.run() == 0
        assert bare.messages == [] and "auth" not in bare.state.events
        assert world.drafts()["mia.lind@fernbrook.example"]["state"] == "approved"
    finally:
        bare.stop()


# --- SIGKILL at each step of the send protocol ------------------------------------


@pytest.mark.parametrize(
    ("point", "final", "copies"),
    [
        ("after_sending_commit", "in_doubt", 0),
        ("after_smtp", "in_doubt", 1),
        ("before_sent_commit", "sent", 1),
    ],
)
def test_kill_during_send_never_sends_twice(
    world: World, point: str, final: str, copies: int
) -> None:
    approve_mia(world)
    env = {**os.environ, "DEBRIEF_FAULT": point}
    cmd = [sys.executable, "-m", "daemon", "run", "--once", "--config", str(world.cfg)]
    died = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert died.returncode == FAULT_EXIT, died.stderr
    assert world.drafts()["mia.lind@fernbrook.example"]["state"] == "sending"
    for _ in range(2):
        again = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
        assert again.returncode == 0, again.stderr
    assert world.drafts()["mia.lind@fernbrook.example"]["state"] == final
    assert len(world.followups()) == copies
    db = sqlite3.connect(world.tmp / "state.sqlite3")
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()
    # An in-doubt draft is shown for a fresh decision, never resent on its own.
    if final == "in_doubt":
        assert main(["digest", "--send-now", "--config", str(world.cfg)]) == 0
        assert "IN DOUBT" in world.digests()[-1].message.get_body(("plain",)).get_content()


def test_send_window_and_caps_hold_sending(world: World) -> None:
    world.write_config(followup={"max_per_hour": 1})
    for d in world.drafts().values():
        assert main(["queue", "approve", str(d["id"]), "--config", str(world.cfg)]) == 0
    assert world.run() == 0
    assert len(world.followups()) == 1  # the cap
    now = datetime.now(ZoneInfo("Europe/Berlin"))
    closed = f"{(now + timedelta(hours=2)).hour:02d}:00-{(now + timedelta(hours=2)).hour:02d}:30"
    if (now + timedelta(hours=2)).hour > now.hour:
        world.write_config(followup={"send_window": closed})
        assert world.run() == 0
        assert len(world.followups()) == 1  # outside the window: waits


def test_feedback_reply_is_reported_in_next_digest(world: World) -> None:
    approve_mia(world)
    assert world.run() == 0
    [sent] = world.followups()
    world.append(
        build(
            sender="Mia Lind <mia.lind@fernbrook.example>",
            to=ME,
            subject="Re: feedback",
            in_reply_to=str(sent.message["Message-ID"]),
            body="Happy to share: more system design depth would have helped.",
            date=datetime.now(UTC),
        )
    )
    assert world.run() == 0
    assert len(world.followups()) == 1
    send_digest(world)
    text = world.digests()[-1].message.get_body(("plain",)).get_content()
    assert "REPLY to your follow-up" in text and "mia.lind@fernbrook.example" in text


def test_missed_digest_runs_once_at_start_and_empty_digest_is_skipped(world: World) -> None:
    world.set_meta("digest_anchor", ago(days=3))
    assert world.run() == 0
    assert len(world.digests()) == 1  # three missed daily runs coalesce into one
    assert world.run() == 0
    assert len(world.digests()) == 1
    for d in world.drafts().values():
        assert main(["queue", "skip", str(d["id"]), "--config", str(world.cfg)]) == 0
    world.set_meta("digest_anchor", ago(days=2))
    db = sqlite3.connect(world.tmp / "state.sqlite3")
    db.execute("UPDATE digests SET last_event_id = (SELECT max(id) FROM events)")
    db.commit()
    db.close()
    assert world.run() == 0
    assert len(world.digests()) == 1  # nothing to say: no digest


def test_passwords_never_appear_in_logs_digests_or_errors(world: World) -> None:
    imap_pw, smtp_pw = world.user.password, "smtp-secret"
    approve_mia(world)
    runs = []
    for flags in (["--debug"], ["-v"], []):
        runs.append(world.cli(*flags, "run", "--once"))
    send_digest(world)
    broken = world.cfg.read_text().replace(
        f'password = "{imap_pw}"', f'password = "{imap_pw}"\nport_typo = 1'
    )
    world.cfg.write_text(broken)
    runs.append(world.cli("--debug", "run", "--once"))
    assert runs[-1].returncode == 78
    texts = [r.stdout + r.stderr for r in runs]
    texts += [m.data.decode("utf-8", "replace") for m in world.smtp.messages]
    texts += [(world.tmp / "state.sqlite3").read_bytes().decode("latin-1")]
    for text in texts:
        assert imap_pw not in text
        assert smtp_pw not in text


def test_smtp_xoauth2_with_token_from_password_command(tls_cert: tuple[Path, Path]) -> None:
    from email.message import EmailMessage

    from daemon.config import SecretSource, Smtp
    from daemon.passwords import resolve
    from daemon.smtp import Outcome, send

    server = SmtpServer(tls_cert, tls="starttls", oauth_tokens={"alex@example.org": "ya29.tok"})
    server.start()
    try:
        source = SecretSource("command", "echo ya29.tok")
        cfg = Smtp(
            host="127.0.0.1",
            port=server.port,
            tls="starttls",
            username=ME,
            secret=source,
            from_address=ME,
            ca_file=str(tls_cert[0]),
            auth="xoauth2",
            timeout=10,
            save_sent=False,
        )
        token = resolve(source, file="c", table="smtp", credential="smtp-password")
        msg = EmailMessage()
        msg["From"], msg["To"], msg["Subject"] = ME, "dana@acme.example", "hi"
        msg.set_content("hi")
        assert send(cfg, token, msg, ME, ["dana@acme.example"]).outcome is Outcome.DELIVERED
        assert server.messages[0].authenticated_as == ME
        from daemon.passwords import Secret

        bad = send(cfg, Secret("expired"), msg, ME, ["dana@acme.example"])
        assert bad.outcome is Outcome.RETRY and "auth" in bad.detail
        assert len(server.messages) == 1
    finally:
        server.stop()


def test_tls_wrong_host_name_is_refused(tmp_path: Path) -> None:
    from email.message import EmailMessage

    from daemon.config import SecretSource, Smtp
    from daemon.devservers.net import self_signed_cert
    from daemon.smtp import Outcome, send

    other = tmp_path / "other"
    other.mkdir()
    # A valid certificate, but for another host name than the one we connect to.
    cert = self_signed_cert(other, cn="mail.other.example", names="DNS:mail.other.example")
    cert_file, _ = cert
    server = SmtpServer(cert, tls="starttls", users={"debrief": "smtp-secret"})
    server.start()
    try:
        cfg = Smtp(
            host="127.0.0.1",
            port=server.port,
            tls="starttls",
            username="debrief",
            secret=SecretSource(),
            from_address=ME,
            ca_file=str(cert_file),
            auth="login",
            timeout=10,
            save_sent=False,
        )
        from daemon.passwords import Secret

        msg = EmailMessage()
        msg["From"], msg["To"], msg["Subject"] = ME, "dana@acme.example", "hi"
        msg.set_content("hi")
        result = send(cfg, Secret("smtp-secret"), msg, ME, ["dana@acme.example"])
        assert result.outcome is Outcome.RETRY
        assert "certificate" in result.detail.lower() or "hostname" in result.detail.lower()
        assert server.messages == [] and "auth" not in server.state.events
    finally:
        server.stop()


def test_undelivered_digest_is_tried_again_soon_not_at_the_next_schedule(world: World) -> None:
    world.set_meta("digest_anchor", ago(days=2))  # a scheduled digest is due
    world.smtp.fail("rcpt", "451 4.3.0 later", times=3)
    assert world.run() == 0
    assert world.digests() == []
    world.smtp.clear_faults()
    assert world.run() == 0
    assert world.digests() == []  # the retry waits its 30 minutes, no storm
    retry_at = datetime.fromisoformat(world.meta("digest_retry_at") or "")
    assert timedelta(minutes=20) < retry_at - datetime.now(UTC) <= timedelta(minutes=30)
    status = world.cli("status", "--json")
    assert status.returncode == 0, status.stderr
    due = datetime.fromisoformat(json.loads(status.stdout)["next_digest"])
    assert due == retry_at  # the schedule is half a day away
    anchor = world.meta("digest_anchor") or ""
    world.set_meta("digest_anchor", datetime.now(UTC) - timedelta(hours=20))
    status = world.cli("status", "--json")
    scheduled = datetime.fromisoformat(json.loads(status.stdout)["next_digest"])
    assert scheduled < retry_at  # unless the next scheduled digest comes first
    world.set_meta("digest_anchor", datetime.fromisoformat(anchor))
    world.set_meta("digest_retry_at", ago(minutes=1))
    assert world.run() == 0
    assert len(world.digests()) == 1  # not at the next scheduled time: now
    assert world.run() == 0
    assert len(world.digests()) == 1
