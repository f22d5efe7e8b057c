"""The test servers themselves: if these are wrong, every other test lies."""

from __future__ import annotations

import asyncio
import socket
import ssl
import subprocess
import time
from pathlib import Path
from typing import Any

import aiosmtplib
import pytest
from imapclient import IMAPClient

from daemon.devservers.dovecot import Dovecot, User
from daemon.devservers.net import ServerDidNotStart, free_port, wait_for_child
from daemon.devservers.pymapserver import Pymap
from daemon.devservers.smtpserver import STAGES, SmtpServer

MSG = (
    b"From: a@x.example\r\nTo: b@y.example\r\nSubject: hello\r\n"
    b"Message-ID: <h1@x.example>\r\n\r\nhi\r\n"
)


def login(dovecot: Dovecot, user: User, *, tls: bool = False) -> IMAPClient:
    if tls:
        ctx = ssl.create_default_context(cafile=str(dovecot.cert))
        client = IMAPClient(
            "127.0.0.1", port=dovecot.tls_port, ssl=True, ssl_context=ctx, timeout=5
        )
    else:
        client = IMAPClient("127.0.0.1", port=dovecot.port, ssl=False, timeout=5)
    client.login(user.name, user.password)
    return client


def test_dovecot_login_plain_and_tls_and_folders(dovecot: Dovecot, imap_user: User) -> None:
    for tls in (False, True):
        c = login(dovecot, imap_user, tls=tls)
        names = {f[2] for f in c.list_folders()}
        assert {"INBOX", "Sent", "Drafts"} <= names
        c.logout()


def test_dovecot_rejects_wrong_password(dovecot: Dovecot, imap_user: User) -> None:
    c = IMAPClient("127.0.0.1", port=dovecot.port, ssl=False, timeout=5)
    with pytest.raises(Exception, match=r"(?i)auth"):
        c.login(imap_user.name, "wrong")


def test_dovecot_tls_refuses_unknown_ca(dovecot: Dovecot) -> None:
    ctx = ssl.create_default_context()  # system CAs only: our cert is self-signed
    with pytest.raises(ssl.SSLCertVerificationError):
        IMAPClient("127.0.0.1", port=dovecot.tls_port, ssl=True, ssl_context=ctx, timeout=5)


def test_dovecot_append_and_fetch(dovecot: Dovecot, imap_user: User) -> None:
    c = login(dovecot, imap_user)
    for folder in ("INBOX", "Sent", "Drafts"):
        c.append(folder, MSG)
        info = c.select_folder(folder, readonly=True)
        assert info[b"EXISTS"] == 1
        uids = c.search("ALL")
        body = c.fetch(uids, ["BODY.PEEK[]"])[uids[0]][b"BODY[]"]
        assert body.replace(b"\r\n", b"\n") == MSG.replace(b"\r\n", b"\n")
    c.logout()


def test_dovecot_idle_push_within_3_seconds(dovecot: Dovecot, imap_user: User) -> None:
    watcher = login(dovecot, imap_user)
    watcher.select_folder("INBOX", readonly=True)
    watcher.idle()
    writer = login(dovecot, imap_user)
    start = time.monotonic()
    writer.append("INBOX", MSG)
    seen: list[Any] = []
    while time.monotonic() - start < 3 and not seen:
        seen = [r for r in watcher.idle_check(timeout=0.5) if r[1] == b"EXISTS"]
    elapsed = time.monotonic() - start
    watcher.idle_done()
    assert seen, "no EXISTS pushed during IDLE"
    assert elapsed < 3
    writer.logout()
    watcher.logout()


def test_dovecot_kick_closes_connection(dovecot: Dovecot, imap_user: User) -> None:
    c = login(dovecot, imap_user)
    c.select_folder("INBOX")
    dovecot.kick(imap_user)
    with pytest.raises(Exception):  # noqa: B017 - any connection error is the point
        for _ in range(20):
            c.noop()
            time.sleep(0.1)


# ---------------------------------------------------------------------------
# SMTP


async def _send(server: SmtpServer, **overrides: Any) -> aiosmtplib.SMTPResponse:
    kwargs: dict[str, Any] = {
        "hostname": "127.0.0.1",
        "port": server.port,
        "start_tls": True,
        "tls_context": server.ssl_client_context(),
        "username": "debrief",
        "password": "smtp-secret",
        "timeout": 5,
    }
    kwargs.update(overrides)
    result = await aiosmtplib.send(MSG, sender="a@x.example", recipients=["b@y.example"], **kwargs)
    return result[1] if isinstance(result, tuple) else result  # type: ignore[return-value]


def test_smtp_records_authenticated_message(smtp_server: SmtpServer) -> None:
    asyncio.run(_send(smtp_server))
    [received] = smtp_server.messages
    assert received.rcpt_tos == ["b@y.example"]
    assert received.authenticated_as == "debrief"
    assert received.message["Subject"] == "hello"
    assert received.acknowledged


def test_smtp_wrong_password_refused(smtp_server: SmtpServer) -> None:
    with pytest.raises(aiosmtplib.SMTPAuthenticationError):
        asyncio.run(_send(smtp_server, password="nope"))
    assert smtp_server.messages == []


@pytest.mark.parametrize("stage", [s for s in STAGES if s != "ehlo"])
@pytest.mark.parametrize("code", ["451 4.3.0 try again later", "554 5.7.1 refused"])
def test_smtp_reply_fault_at_each_stage(smtp_server: SmtpServer, stage: str, code: str) -> None:
    # aiosmtplib tries each AUTH mechanism in turn, so an auth fault must persist.
    smtp_server.fail(stage, code, times=5 if stage == "auth" else 1)  # type: ignore[arg-type]
    if stage == "rcpt":
        with pytest.raises(aiosmtplib.SMTPRecipientsRefused) as refused:
            asyncio.run(_send(smtp_server))
        assert [r.code for r in refused.value.recipients] == [int(code[:3])]
    else:
        with pytest.raises(aiosmtplib.SMTPResponseException) as info:
            asyncio.run(_send(smtp_server))
        assert info.value.code == int(code[:3])
    assert smtp_server.fired[0] == f"{stage}:reply"
    assert smtp_server.messages == []


@pytest.mark.parametrize("code", ["421 4.3.2 shutting down", "554 5.3.0 no service"])
def test_smtp_reply_fault_at_ehlo(smtp_server: SmtpServer, code: str) -> None:
    # aiosmtplib falls back from EHLO to HELO; fail both so the fault is visible.
    smtp_server.fail("ehlo", code, times=5)
    with pytest.raises(aiosmtplib.SMTPException):
        asyncio.run(_send(smtp_server))
    assert "ehlo:reply" in smtp_server.fired
    assert smtp_server.messages == []


def test_smtp_drop_after_data_before_final_reply(smtp_server: SmtpServer) -> None:
    smtp_server.drop_after_data()
    with pytest.raises(aiosmtplib.SMTPServerDisconnected):
        asyncio.run(_send(smtp_server))
    # The server got the message: the sender cannot know. This is the in-doubt case.
    [received] = smtp_server.messages
    assert not received.acknowledged


def test_smtp_stall_trips_client_timeout(smtp_server: SmtpServer) -> None:
    smtp_server.stall("mail", 3.0)
    start = time.monotonic()
    with pytest.raises(aiosmtplib.SMTPTimeoutError):
        asyncio.run(_send(smtp_server, timeout=0.5))
    assert time.monotonic() - start < 2.5
    assert smtp_server.messages == []


def test_smtp_without_starttls_refuses_required_tls(tls_cert: tuple[Path, Path]) -> None:
    server = SmtpServer(tls_cert, tls="starttls", starttls=False)
    server.start()
    try:
        with pytest.raises(aiosmtplib.SMTPException, match=r"(?i)starttls"):
            asyncio.run(_send(server, username=None, password=None))
        assert server.messages == []
    finally:
        server.stop()


def test_smtp_implicit_tls(tls_cert: tuple[Path, Path]) -> None:
    server = SmtpServer(tls_cert, tls="implicit", users={"debrief": "smtp-secret"})
    server.start()
    try:
        asyncio.run(_send(server, start_tls=False, use_tls=True))
        assert len(server.messages) == 1
    finally:
        server.stop()


# --- starting the servers ---------------------------------------------------------


def squat(port: int) -> socket.socket:
    """Hold a port bound (not listening), as an outgoing connection's local
    port would: a server that binds it afterwards fails."""
    s = socket.socket()
    s.bind(("127.0.0.1", port))
    return s


def pymap_login(server: Pymap) -> IMAPClient:
    """pymap's one user, logged in over STARTTLS (pymap has no plaintext login)."""
    c = IMAPClient("127.0.0.1", port=server.port, ssl=False, timeout=5)
    c.starttls(ssl.create_default_context(cafile=str(server.cert)))
    c.login(server.user.name, server.user.password)
    return c


@pytest.mark.parametrize("kind", ["dovecot", "pymap"])
def test_first_start_moves_to_a_fresh_port_when_its_port_was_taken(kind: str) -> None:
    server: Dovecot | Pymap = Dovecot() if kind == "dovecot" else Pymap()
    taken = server.port
    squatter = squat(taken)
    try:
        server.start()
        assert server.port != taken
        if isinstance(server, Dovecot):
            c = login(server, server.add_user())
            assert c.select_folder("INBOX")
        else:
            c = pymap_login(server)
        c.logout()
    finally:
        if isinstance(server, Dovecot):
            server.cleanup()
        else:
            server.stop()
        squatter.close()


def test_a_server_that_exits_at_start_is_reported_with_its_log(tmp_path: Path) -> None:
    log = tmp_path / "server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(["sh", "-c", "echo 'bind: Address in use' >&2; exit 3"], stderr=out)
    with pytest.raises(ServerDidNotStart, match=r"status 3\n  bind: Address in use"):
        wait_for_child(proc, [free_port()], log, timeout=10)


def test_a_server_that_never_listens_is_stopped_and_reported(tmp_path: Path) -> None:
    log = tmp_path / "server.log"
    log.write_text("starting\n")
    proc = subprocess.Popen(["sleep", "30"])
    with pytest.raises(ServerDidNotStart, match=r"not listening .* after 0.3 s\n  starting"):
        wait_for_child(proc, [free_port()], log, timeout=0.3)
    assert proc.poll() is not None  # stopped, not left behind


def test_pymap_takes_a_password_that_starts_with_a_dash() -> None:
    """secrets.token_urlsafe() begins with "-" one time in 64; the demo's pymap
    once refused to start on such a password."""
    server = Pymap()
    server.user = User("demo", "-x" + server.user.password)
    try:
        server.start()
        pymap_login(server).logout()
    finally:
        server.stop()
