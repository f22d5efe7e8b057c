"""The IMAP adapter: a small, read-only interface over imapclient.

Contract:
- TLS is always verified (system CAs, or `ca_file`). `tls = "starttls"`
  refuses a server that does not offer STARTTLS *before* any credential is
  sent; there is no plaintext fallback. `tls = "none"` exists only for
  loopback servers (the config layer enforces that).
- Folders are opened with EXAMINE and messages read with BODY.PEEK, so the
  user's mail is never changed (no \\Seen flags, nothing moved).
- `fetch_slim()` downloads headers and only the text and calendar parts of
  each message (never attachments), in batches, so memory stays bounded.
- Credentials never appear in exceptions or logs.

Over ~400 lines: the adapter's whole contract (TLS and login, read-only
folders, searches, slim and full fetches with their bounds and errors) is
kept in one file, so the guarantees above can be checked in one place.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import ssl
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from imapclient import IMAPClient
from imapclient.exceptions import (
    CapabilityError,
    IMAPClientAbortError,
    IMAPClientError,
    LoginError,
)

from daemon.config import Imap
from daemon.errors import EX_TEMPFAIL, AuthError, DebriefError
from daemon.imapwire import FetchRefused, fetch
from daemon.passwords import Secret
from daemon.slimfetch import read_meta, text_sections
from daemon.tls import tls_context

log = logging.getLogger(__name__)

BATCH = 100
# What the history index keeps (`history.IndexEntry`): no date, no body.
INDEX_HEADERS = (
    *("FROM", "TO", "CC", "SENDER", "REPLY-TO", "SUBJECT"),
    *("MESSAGE-ID", "IN-REPLY-TO", "REFERENCES"),
)
MAX_PART = 512 * 1024  # bytes of one text part we are willing to download
# Bytes of one message's header: real headers (long Received chains, DKIM,
# ARC) stay well under 64 KiB; a hostile one of 50 MB is cut here.
MAX_HEADER = 256 * 1024
TRUNCATED_MARK = b"X-Debrief-Header-Truncated"


class ImapError(DebriefError):
    """Connection or protocol trouble; worth retrying later."""

    exit_status = EX_TEMPFAIL


@dataclass(frozen=True)
class FolderState:
    name: str
    uidvalidity: int
    uidnext: int
    exists: int


class ImapMailbox:
    """One authenticated, read-only IMAP connection."""

    def __init__(self, client: IMAPClient, cfg: Imap) -> None:
        self.client = client
        self.cfg = cfg
        self.folder: str | None = None
        self.speculate = True  # ask for part 1 with the structure (until refused)

    # -- connecting --------------------------------------------------------

    @classmethod
    def connect(cls, cfg: Imap, secret: Secret | None) -> ImapMailbox:
        where = f"{cfg.host}:{cfg.port}"
        try:
            if cfg.tls == "implicit":
                client = IMAPClient(
                    cfg.host,
                    port=cfg.port,
                    ssl=True,
                    ssl_context=tls_context(cfg.ca_file),
                    timeout=cfg.timeout,
                )
            else:
                client = IMAPClient(cfg.host, port=cfg.port, ssl=False, timeout=cfg.timeout)
                if cfg.tls == "starttls":
                    if b"STARTTLS" not in client.capabilities():
                        client.shutdown()
                        raise ImapError(
                            f"{where}: server does not offer STARTTLS; "
                            "refusing to log in without TLS"
                        )
                    client.starttls(tls_context(cfg.ca_file))
        except ssl.SSLCertVerificationError as e:
            raise ImapError(
                f"{where}: TLS certificate not trusted ({e.verify_message}); "
                "set [imap] ca_file for a private CA"
            ) from None
        except CapabilityError:
            raise ImapError(
                f"{where}: server does not offer STARTTLS; refusing to log in without TLS"
            ) from None
        except (OSError, IMAPClientError) as e:
            raise ImapError(f"{where}: cannot connect: {describe_error(e)}") from None
        # imapclient sets imaplib's protocol trace to its most verbose level
        # and routes it to a logger: every response, message bodies included,
        # is formatted with repr() whether or not anything logs it (two thirds
        # of a big fetch's CPU), and at --debug it would put people's mail
        # into the journal. Commands are still logged by imapclient itself.
        client._imap.debug = 0
        mailbox = cls(client, cfg)
        mailbox._login(secret)
        return mailbox

    def _login(self, secret: Secret | None) -> None:
        cfg = self.cfg
        if secret is None:
            self.close()
            raise AuthError(
                f"{cfg.host}: no password configured for {cfg.username} "
                "(set [imap] password_command, password_file or password)"
            )
        try:
            if cfg.auth == "xoauth2":
                self.client.oauth2_login(cfg.username, secret.reveal())
            else:
                self.client.login(cfg.username, secret.reveal())
        except LoginError:
            self.close()
            raise AuthError(f"{cfg.host}: login refused for {cfg.username}") from None
        except (OSError, IMAPClientError) as e:
            self.close()
            raise ImapError(f"{cfg.host}: login failed: {describe_error(e)}") from None

    def close(self) -> None:
        try:
            self.client.logout()
        except Exception:  # closing a broken connection must not raise
            with contextlib.suppress(Exception):
                self.client.shutdown()

    # -- reading -----------------------------------------------------------

    def examine(self, folder: str) -> FolderState:
        info = self.client.select_folder(folder, readonly=True)
        self.folder = folder
        return FolderState(
            folder,
            int(info.get(b"UIDVALIDITY", 0) or 0),
            int(info.get(b"UIDNEXT", 0) or 0),
            int(info.get(b"EXISTS", 0) or 0),
        )

    def newest_arrival(self, folder: str) -> datetime | None:
        """When the server delivered the folder's newest message (its
        INTERNALDATE, the server's own clock), in UTC; None for an empty
        folder or a server that will not say."""
        state = self.examine(folder)
        if state.exists == 0:
            return None
        try:
            # `UID *` is the message with the highest UID: one short answer.
            top = [int(u) for u in self.client.search(["UID", "*"])]
            data = self.client.fetch([max(top)], ["INTERNALDATE"]) if top else {}
        except IMAPClientAbortError:
            raise
        except IMAPClientError:
            return None
        dates = [d.get(b"INTERNALDATE") for d in data.values()]
        found = [d for d in dates if isinstance(d, datetime)]
        if not found:
            return None
        # imapclient gives local naive times (normalise_times): make them UTC.
        return max(d if d.tzinfo else d.astimezone() for d in found).astimezone(UTC)

    def uids_after(self, last_uid: int) -> list[int]:
        # `UID n:*` always includes the highest UID even when it is below n.
        found = self.client.search(["UID", f"{last_uid + 1}:*"])
        return sorted(int(u) for u in found if int(u) > last_uid)

    def uids_since(self, day: date) -> list[int]:
        return sorted(int(u) for u in self.client.search(["SINCE", day]))

    def search_any(
        self, criteria: Sequence[list[str]], per_search: int = 60, prefix: Sequence[str] = ()
    ) -> list[int]:
        """UIDs matching `prefix` (if any) and any of `criteria`, in as few
        round trips as is safe.

        `OR` chains are split so a command line stays far below servers'
        line-length and nesting limits.
        """
        found: set[int] = set()
        unique = list({tuple(c): c for c in criteria}.values())
        pending = [unique[i : i + per_search] for i in range(0, len(unique), per_search)]
        while pending:
            part = pending.pop()
            combined: list[str] = list(prefix)  # [prefix] OR c1 OR c2 c3 ...
            for c in part[:-1]:
                combined += ["OR", *c]
            combined += part[-1]
            uids = self._search(combined)
            if uids is not None:
                found.update(uids)
            elif len(part) > 1:
                # Refused (too long, or one key the server dislikes, such as
                # a UTF-8 company name): halve, so only the bad key is lost.
                pending += [part[: len(part) // 2], part[len(part) // 2 :]]
            else:
                log.debug("SEARCH %s refused by the server; skipped", part[0][0])
        return sorted(found)

    def _search(self, criteria: list[str]) -> list[int] | None:
        """UIDs, or None when the server refuses the command (NO/BAD).

        A broken connection is not a refusal: it raises, so the caller's
        batch is redone rather than judged on a history that is missing."""
        charset = None if all(c.isascii() for c in criteria) else "UTF-8"
        try:
            return [int(u) for u in self.client.search(criteria, charset=charset)]
        except IMAPClientAbortError:
            raise
        except IMAPClientError as e:
            log.debug("SEARCH %s refused: %s", criteria[0], describe_error(e))
            return None

    def fetch_slim(self, uids: Iterable[int], batch: int = BATCH) -> Iterator[tuple[int, bytes]]:
        """(uid, bytes) with headers and text/calendar parts only, in batches:
        a message rebuilt from its header and those parts (one part alone
        stands in for the whole body; several go in a multipart/mixed), which
        `parse()` reads as it reads the whole message, but for the MIME
        headers of the message itself. The caller may use this connection
        between messages."""
        for chunk in self.fetch_slim_batches(list(uids), batch):
            yield from chunk

    def fetch_slim_batches(
        self, uids: Sequence[int], batch: int = BATCH
    ) -> Iterator[list[tuple[int, bytes]]]:
        """What `fetch_slim` gives, a batch at a time. The caller may use this
        connection between batches."""
        for start in range(0, len(uids), batch):
            chunk = list(uids[start : start + batch])
            try:
                meta = self._meta(chunk)
            except IMAPClientAbortError:
                raise
            except IMAPClientError as e:
                if not self.speculate or (isinstance(e, FetchRefused) and e.arrived):
                    # Refused though some messages came: not the part 1
                    # asked for with the structure, but a message.
                    raise
                # A server that will not give part 1 with the structure
                # (or of a single-part message) is asked as it used to be.
                log.info("%s: part 1 with the structure refused: %s", self.cfg.host, e)
                self.speculate = False
                meta = self._meta(chunk)
            plans: dict[int, list[str]] = {}
            bodies: dict[int, dict[bytes, Any]] = {}
            groups: dict[tuple[str, ...], list[int]] = {}
            for uid in chunk:
                if not meta.get(uid):
                    continue
                plan = plans[uid] = text_sections(meta[uid].get(b"BODYSTRUCTURE"))
                # Part 1 came with the structure: the one text part of
                # most mail (or its plain text, before its HTML twin).
                bodies[uid], rest = _speculated(meta[uid], plan)
                if rest:
                    groups.setdefault(tuple(rest), []).append(uid)
            for sections, group in groups.items():
                for uid, data in fetch(self.client, group, _part_items(sections)).items():
                    bodies[uid].update(data)
            yield [
                (uid, _assemble(bounded(meta[uid].get(b"BODY[HEADER]<0>")), plan, bodies[uid]))
                for uid, plan in plans.items()
            ]

    def _meta(self, chunk: list[int]) -> dict[int, Any]:
        """The structure and header of each message (and part 1, speculating)."""
        if self.speculate:
            return fetch(self.client, chunk, _META, reader=read_meta)
        return fetch(self.client, chunk, _META_PLAIN)

    def fetch_headers(self, uids: Iterable[int], batch: int = 500) -> Iterator[tuple[int, bytes]]:
        """(uid, the headers history lookups need), in batches: no bodies. The
        caller may use this connection between batches."""
        pending = list(uids)
        items = [f"BODY.PEEK[HEADER.FIELDS ({' '.join(INDEX_HEADERS)})]<0.{MAX_HEADER}>"]
        for start in range(0, len(pending), batch):
            got = fetch(self.client, pending[start : start + batch], items)
            for uid, data in got.items():
                for key, value in data.items():
                    if key.startswith(b"BODY[HEADER") and isinstance(value, bytes):
                        yield int(uid), bounded(value)

    def uids_all(self) -> list[int]:
        return sorted(int(u) for u in self.client.search(["ALL"]))

    def fetch_full(self, uids: Sequence[int]) -> dict[int, bytes]:
        """Whole messages (for benchmarks and small sets)."""
        out = self.client.fetch(list(uids), ["BODY.PEEK[]"])
        return {int(u): bytes(d[b"BODY[]"]) for u, d in out.items()}


# Part 1 is asked for with the structure, up to SPECULATE bytes: for most
# mail it is the text (or its plain text part, which makes the HTML one
# unnecessary), so one command per batch is enough.
SPECULATE = 64 * 1024
_META_PLAIN = ["BODYSTRUCTURE", f"BODY.PEEK[HEADER]<0.{MAX_HEADER}>"]
# A part's MIME header is bounded too: for a single-part message, Dovecot
# answers 1.MIME with the whole message header.
_META = [*_META_PLAIN, f"BODY.PEEK[1.MIME]<0.{MAX_HEADER}>", f"BODY.PEEK[1]<0.{SPECULATE}>"]


def _speculated(meta: dict[bytes, Any], plan: list[str]) -> tuple[dict[bytes, Any], list[str]]:
    """What of `plan` the structure's FETCH brought (part 1, when it came
    whole), keyed as the part FETCH would give it; and the sections still to
    fetch."""
    got: dict[bytes, Any] = {}
    body = meta.get(b"BODY[1]<0>")
    # Shorter than asked for: the whole part (a partial FETCH stops at its end).
    if isinstance(body, bytes) and len(body) < SPECULATE and plan and plan[0] in ("1", "TEXT"):
        if plan[0] == "TEXT":  # a single-part message: its part 1 is its body
            got[b"BODY[TEXT]<0>"] = body
        elif isinstance(meta.get(b"BODY[1.MIME]<0>"), bytes):
            got[b"BODY[1.MIME]<0>"] = meta[b"BODY[1.MIME]<0>"]
            got[b"BODY[1]<0>"] = body
    return got, plan[1:] if got else plan


def _part_items(sections: Sequence[str]) -> list[str]:
    items = []
    for s in sections:
        if s == "TEXT":
            items.append(f"BODY.PEEK[TEXT]<0.{MAX_PART}>")
        else:
            items += [f"BODY.PEEK[{s}.MIME]<0.{MAX_HEADER}>", f"BODY.PEEK[{s}]<0.{MAX_PART}>"]
    return items


def bounded(header: Any) -> bytes:
    """A header fetched up to MAX_HEADER bytes, ended by a blank line: one
    cut at the bound loses its last, partial line (and a mark says so, which
    parse() reports as the message's problem)."""
    data = bytes(header or b"")
    if len(data) >= MAX_HEADER:
        data = data[: data.rfind(b"\r\n") + 2] + TRUNCATED_MARK + b": yes\r\n"
    return data.rstrip(b"\r\n") + b"\r\n\r\n" if data.strip() else b""


def describe_error(e: BaseException) -> str:
    if isinstance(e, socket.timeout | TimeoutError):
        return "timed out"
    text = str(e) or type(e).__name__
    return text[:200]


def _assemble(header: bytes, sections: list[str], data: dict[bytes, Any]) -> bytes:
    """Rebuild a parseable message from the header and the fetched parts."""
    if sections == ["TEXT"]:
        body = b""
        for k, v in data.items():
            if k.startswith(b"BODY[TEXT]"):
                body = bytes(v or b"")
        return header + body
    if not sections:
        lines = [ln for ln in header.split(b"\r\n") if ln]
        return b"\r\n".join(lines) + b"\r\n\r\n"
    if len(sections) == 1:
        # One part (most mail: its text): the message is rebuilt as that
        # part alone, its MIME header lines in place of the message's own,
        # which parse() reads as it would read the part inside a multipart,
        # one level less to build and split. The message's disposition goes
        # too: it would be taken for the part's.
        mime, body = _part(sections[0], data)
        kept = _kept(header, (*_MIME_FIELDS, b"content-disposition"))
        lines = [*kept, b"MIME-Version: 1.0", *([mime] if mime else [])]
        return b"\r\n".join(lines) + b"\r\n\r\n" + body
    boundary = b"debrief-slim-boundary-8d3c"
    out = [
        *_kept(header, _MIME_FIELDS),
        b"MIME-Version: 1.0",
        b'Content-Type: multipart/mixed; boundary="' + boundary + b'"',
        b"",
    ]
    for s in sections:
        mime, body = _part(s, data)
        out += [b"--" + boundary, mime + b"\r\n", body]
    out += [b"--" + boundary + b"--", b""]
    return b"\r\n".join(out)


_MIME_FIELDS = (b"content-type", b"content-transfer-encoding", b"mime-version")


def _kept(header: bytes, dropped: tuple[bytes, ...]) -> list[bytes]:
    """The header's lines (continuations included) but the `dropped` fields."""
    kept = []
    skip = False
    for line in header.rstrip(b"\r\n").split(b"\r\n"):
        if line[:1] in (b" ", b"\t"):
            if not skip:
                kept.append(line)
            continue
        name = line.split(b":", 1)[0].strip().lower()
        skip = name in dropped
        if not skip:
            kept.append(line)
    return kept


def _part(section: str, data: dict[bytes, Any]) -> tuple[bytes, bytes]:
    """(MIME header lines without the blank line ending them, body) of a section."""
    mime = body = b""
    for k, v in data.items():
        key = k.decode("ascii", "replace")
        if key.startswith(f"BODY[{section}.MIME]"):
            mime = bytes(v or b"")
            if len(mime) >= MAX_HEADER:  # cut at the bound: its partial last line goes
                mime = mime[: mime.rfind(b"\r\n")]
        elif key.startswith(f"BODY[{section}]"):
            body = bytes(v or b"")
    return mime.rstrip(b"\r\n"), body
