"""A real SMTP server (aiosmtpd) on loopback that records mail and injects faults.

`SmtpServer` runs aiosmtpd's `Controller` in a background thread. It speaks
STARTTLS (or implicit TLS) with a self-signed certificate and AUTH PLAIN/LOGIN
against a user table. Faults are armed from the test thread and fire on the
next matching SMTP stage:

- `fail(stage, "451 4.3.0 try later")`: reply with that line instead;
- `stall(stage, seconds)`: sleep before handling the command;
- `drop_after_data()`: accept the message body, then close the connection
  before the final reply (the message *is* recorded: the case where the
  sender cannot know whether it was delivered);
- `SmtpServer(starttls=False)` never offers STARTTLS;
- `SmtpServer(smtputf8=True)` offers SMTPUTF8 (RFC 6531).

Stages: "ehlo", "auth", "mail", "rcpt", "data_cmd" (the DATA command),
"data" (after the message body, before the final reply).
"""

from __future__ import annotations

import asyncio
import logging
import ssl
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any, Literal

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session

from daemon.devservers.net import free_port, wait_for_port

Stage = Literal["ehlo", "auth", "mail", "rcpt", "data_cmd", "data"]
STAGES: tuple[Stage, ...] = ("ehlo", "auth", "mail", "rcpt", "data_cmd", "data")


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes
    acknowledged: bool
    authenticated_as: object

    @property
    def message(self) -> EmailMessage:
        msg = message_from_bytes(self.data, policy=policy.default)
        assert isinstance(msg, EmailMessage)
        return msg


@dataclass
class _Fault:
    stage: Stage
    kind: Literal["reply", "stall", "drop"]
    reply: str = ""
    seconds: float = 0.0
    times: int = 1


@dataclass
class _State:
    lock: threading.Lock = field(default_factory=threading.Lock)
    faults: list[_Fault] = field(default_factory=list)
    messages: list[Received] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    fired: list[str] = field(default_factory=list)

    def take(self, stage: Stage) -> _Fault | None:
        with self.lock:
            for f in self.faults:
                if f.stage == stage:
                    f.times -= 1
                    if f.times <= 0:
                        self.faults.remove(f)
                    self.fired.append(f"{stage}:{f.kind}")
                    return f
        return None


class _FaultySMTP(SMTP):
    """aiosmtpd's SMTP engine with a fault check in front of each stage."""

    def __init__(self, *args: Any, state: _State, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._debrief_state = state

    def _abort(self) -> None:
        transport = self.transport
        if isinstance(transport, asyncio.Transport):
            transport.abort()

    async def _fault(self, stage: Stage) -> bool:
        """Apply an armed fault; True when the command must not be handled."""
        self._debrief_state.events.append(stage)
        fault = self._debrief_state.take(stage)
        if fault is None:
            return False
        if fault.kind == "stall":
            await asyncio.sleep(fault.seconds)
            return False
        if fault.kind == "drop":
            self._abort()
            return True
        await self.push(fault.reply)
        return True

    async def smtp_EHLO(self, arg: str) -> None:
        if not await self._fault("ehlo"):
            await super().smtp_EHLO(arg)

    async def smtp_AUTH(self, arg: str) -> None:
        if not await self._fault("auth"):
            await super().smtp_AUTH(arg)

    async def smtp_MAIL(self, arg: str) -> None:
        if not await self._fault("mail"):
            await super().smtp_MAIL(arg)

    async def smtp_RCPT(self, arg: str) -> None:
        if not await self._fault("rcpt"):
            await super().smtp_RCPT(arg)

    async def smtp_DATA(self, arg: str) -> None:
        if not await self._fault("data_cmd"):
            await super().smtp_DATA(arg)


def _as_bytes(content: bytes | str) -> bytes:
    return content.encode("utf-8", "surrogateescape") if isinstance(content, str) else content


class _Handler:
    def __init__(self, state: _State, oauth_tokens: dict[str, str] | None = None) -> None:
        self.state = state
        self.oauth_tokens = dict(oauth_tokens or {})

    async def auth_XOAUTH2(self, server: SMTP, args: list[str]) -> AuthResult:
        """XOAUTH2 (Gmail, Microsoft 365): base64 of "user=U^Aauth=Bearer T^A^A"."""
        import base64

        try:
            fields = base64.b64decode(args[1]).decode().split("\x01")
            user = fields[0].removeprefix("user=")
            token = fields[1].removeprefix("auth=Bearer ")
        except (IndexError, ValueError):
            return AuthResult(success=False, handled=False)
        if self.oauth_tokens.get(user) == token:
            return AuthResult(success=True, auth_data=user)
        return AuthResult(success=False, handled=False)

    async def handle_DATA(self, server: _FaultySMTP, session: Session, envelope: Envelope) -> str:
        self.state.events.append("data")
        fault = self.state.take("data")
        who = session.auth_data if session.authenticated else None
        received = Received(
            mail_from=envelope.mail_from or "",
            rcpt_tos=list(envelope.rcpt_tos),
            data=_as_bytes(envelope.original_content or envelope.content or b""),
            acknowledged=fault is None or fault.kind == "stall",
            authenticated_as=who,
        )
        if fault is not None and fault.kind == "stall":
            await asyncio.sleep(fault.seconds)
        if fault is not None and fault.kind == "drop":
            with self.state.lock:
                self.state.messages.append(received)
            server._abort()
            return "421 4.4.2 connection dropped by the test harness"
        if fault is not None and fault.kind == "reply":
            return fault.reply
        with self.state.lock:
            self.state.messages.append(received)
        return "250 2.0.0 OK: queued"


class _Controller(Controller):
    def __init__(self, *args: Any, smtp_factory: Callable[[], SMTP], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._smtp_factory = smtp_factory

    def factory(self) -> SMTP:
        return self._smtp_factory()


class SmtpServer:
    """A recording, fault-injecting SMTP server; `start()` / `stop()`."""

    def __init__(
        self,
        cert: tuple[Path, Path],
        *,
        tls: Literal["starttls", "implicit", "none"] = "starttls",
        starttls: bool = True,
        users: dict[str, str] | None = None,
        oauth_tokens: dict[str, str] | None = None,
        smtputf8: bool = False,
    ) -> None:
        self.cert_file, self.key_file = cert
        self.tls = tls
        self.users = dict(users or {})
        self.port = free_port()
        self.state = _State()
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(str(self.cert_file), str(self.key_file))
        self._ssl = ctx
        offer_starttls = tls == "starttls" and starttls
        handler = _Handler(self.state, oauth_tokens)

        def make() -> SMTP:
            return _FaultySMTP(
                handler,
                state=self.state,
                hostname="smtp.test.example",
                tls_context=ctx if offer_starttls else None,
                require_starttls=offer_starttls,
                authenticator=self._authenticate,
                # Under implicit TLS aiosmtpd does not see the TLS layer, so
                # its AUTH-after-STARTTLS check only applies to STARTTLS.
                auth_require_tls=tls == "starttls",
                auth_required=bool(self.users or oauth_tokens),
                enable_SMTPUTF8=smtputf8,
                timeout=30,
            )

        self._controller = _Controller(
            handler,
            hostname="127.0.0.1",
            port=self.port,
            ssl_context=ctx if tls == "implicit" else None,
            smtp_factory=make,
            # aiosmtpd's default (5 s) is short for a loaded CI machine.
            ready_timeout=15,
        )

    def _authenticate(
        self, server: SMTP, session: Session, envelope: Envelope, mechanism: str, auth_data: Any
    ) -> AuthResult:
        if isinstance(auth_data, LoginPassword):
            user = auth_data.login.decode()
            if self.users.get(user) == auth_data.password.decode():
                return AuthResult(success=True, auth_data=user)
        return AuthResult(success=False, handled=False)

    # -- lifecycle ---------------------------------------------------------

    def start(self) -> None:
        # aiosmtpd logs a deprecation warning per session; not ours to fix.
        logging.getLogger("mail.log").setLevel(logging.ERROR)
        # Controller.start() probes with its own client, which cannot pass an
        # implicit-TLS handshake or forced STARTTLS cleanly; we wait on the port.
        self._controller.start()
        wait_for_port(self.port)

    def stop(self) -> None:
        self._controller.stop()

    # -- faults ------------------------------------------------------------

    def fail(self, stage: Stage, reply: str, times: int = 1) -> None:
        with self.state.lock:
            self.state.faults.append(_Fault(stage, "reply", reply=reply, times=times))

    def stall(self, stage: Stage, seconds: float, times: int = 1) -> None:
        with self.state.lock:
            self.state.faults.append(_Fault(stage, "stall", seconds=seconds, times=times))

    def drop_after_data(self, times: int = 1) -> None:
        with self.state.lock:
            self.state.faults.append(_Fault("data", "drop", times=times))

    def clear_faults(self) -> None:
        with self.state.lock:
            self.state.faults.clear()

    # -- what arrived --------------------------------------------------------

    @property
    def messages(self) -> list[Received]:
        with self.state.lock:
            return list(self.state.messages)

    @property
    def fired(self) -> list[str]:
        with self.state.lock:
            return list(self.state.fired)

    def ssl_client_context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=str(self.cert_file))

    def reset(self) -> None:
        with self.state.lock:
            self.state.messages.clear()
            self.state.faults.clear()
            self.state.fired.clear()
            self.state.events.clear()


def parse(data: bytes) -> EmailMessage:
    msg = message_from_bytes(data, policy=policy.default)
    assert isinstance(msg, EmailMessage)
    return msg
