"""The SMTP adapter: one fresh, TLS-protected connection per message.

Contract:
- TLS is required: implicit TLS (`use_tls=True`) or STARTTLS with
  `start_tls=True`, so a server that hides STARTTLS fails the send before any
  credential is sent; `tls = "none"` only towards loopback (config enforces).
  Certificates are verified (system CAs or `ca_file`).
- The whole exchange runs under one overall timeout (aiosmtplib's own is per
  socket operation).
- `send()` never raises for delivery problems; it returns an `Outcome`:
  DELIVERED (final 250), RETRY (refused or failed before the message could
  have been accepted: 4xx, connection or TLS trouble, timeouts before DATA),
  REJECTED (a 5xx to MAIL, RCPT or the message), UNKNOWN (the connection broke
  after the message body was sent and before the final reply: it may or may
  not have been delivered; never resend blindly).
- A non-ASCII address (RFC 6531) is sent only where the server offers
  SMTPUTF8; otherwise the send is REJECTED with that reason right after EHLO,
  before AUTH or MAIL.
"""

from __future__ import annotations

import asyncio
import enum
import logging
import ssl
from dataclasses import dataclass
from email.message import EmailMessage

import aiosmtplib

from daemon.config import Smtp
from daemon.message import needs_smtputf8
from daemon.passwords import Secret
from daemon.tls import tls_context

log = logging.getLogger(__name__)


class Outcome(enum.Enum):
    DELIVERED = "delivered"
    RETRY = "retry"
    REJECTED = "rejected"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Result:
    outcome: Outcome
    detail: str


async def _send(
    cfg: Smtp,
    secret: Secret | None,
    msg: EmailMessage,
    sender: str,
    recipients: list[str],
    progress: dict[str, str],
) -> Result:
    kwargs: dict[str, object] = {
        "hostname": cfg.host,
        "port": cfg.port,
        "timeout": cfg.timeout,
        "tls_context": tls_context(cfg.ca_file),
        "validate_certs": True,
    }
    if cfg.tls == "implicit":
        kwargs["use_tls"] = True
    elif cfg.tls == "starttls":
        kwargs["start_tls"] = True
    else:
        kwargs["start_tls"] = False
    client = aiosmtplib.SMTP(**kwargs)  # type: ignore[arg-type]
    stage = "connect"
    utf8 = any(needs_smtputf8(a) for a in (sender, *recipients))
    try:
        await client.connect()
        if utf8 and not client.esmtp_extensions:
            await client.ehlo()  # after STARTTLS, aiosmtplib greets again only when needed
        if utf8 and not client.supports_extension("smtputf8"):
            # Decided on the EHLO answer, before any credential or MAIL: a
            # non-ASCII mailbox cannot be written in a plain transaction, and
            # an encoded local part would reach someone else or no one.
            return Result(
                Outcome.REJECTED,
                "the server does not offer SMTPUTF8, which a non-ASCII address needs",
            )
        if cfg.username and secret is not None:
            stage = progress["stage"] = "auth"
            if cfg.auth == "xoauth2":
                await client.auth_xoauth2(cfg.username, secret.reveal())
            else:
                await client.login(cfg.username, secret.reveal())
        stage = progress["stage"] = "mail"
        if utf8:
            await client.mail(sender, options=["SMTPUTF8"], encoding="utf-8")
        else:
            await client.mail(sender)
        stage = progress["stage"] = "rcpt"
        for r in recipients:
            await client.rcpt(r, encoding="utf-8" if utf8 else "ascii")
        stage = progress["stage"] = "data"
        response = await client.data(msg.as_bytes())
        return Result(Outcome.DELIVERED, f"{response.code} {response.message}"[:200])
    except aiosmtplib.SMTPResponseException as e:
        detail = f"{stage}: {e.code} {e.message}"[:200]
        if 400 <= e.code < 500:
            return Result(Outcome.RETRY, detail)
        if stage == "auth" or stage == "connect":
            return Result(Outcome.RETRY, detail)  # our configuration, not the message
        return Result(Outcome.REJECTED, detail)
    except (
        aiosmtplib.SMTPServerDisconnected,
        aiosmtplib.SMTPTimeoutError,
        TimeoutError,
        OSError,
        ssl.SSLError,
    ) as e:
        detail = f"{stage}: {type(e).__name__}: {e}"[:200]
        return Result(Outcome.UNKNOWN if stage == "data" else Outcome.RETRY, detail)
    except aiosmtplib.SMTPException as e:  # e.g. STARTTLS not offered
        return Result(Outcome.RETRY, f"{stage}: {e}"[:200])
    finally:
        if client.is_connected:
            try:
                await asyncio.wait_for(client.quit(), timeout=5)
            except Exception:
                client.close()


def send(
    cfg: Smtp, secret: Secret | None, msg: EmailMessage, sender: str, recipients: list[str]
) -> Result:
    """Send one message on a fresh connection, within `cfg.timeout` overall."""

    progress = {"stage": "connect"}

    async def bounded() -> Result:
        try:
            async with asyncio.timeout(cfg.timeout):
                return await _send(cfg, secret, msg, sender, recipients, progress)
        except TimeoutError:
            stage = progress["stage"]
            outcome = Outcome.UNKNOWN if stage == "data" else Outcome.RETRY
            return Result(outcome, f"{stage}: no answer within {cfg.timeout} s")

    return asyncio.run(bounded())
