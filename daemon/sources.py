"""Message sources for `debrief scan` and `rules test`: mbox, Maildir, .eml, IMAP.

Each source yields `RawMessage(origin, raw)`; nothing here parses or judges.
IMAP sources are read-only (EXAMINE, BODY.PEEK).
"""

from __future__ import annotations

import mailbox
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from daemon.errors import EX_NOINPUT, DebriefError


@dataclass(frozen=True)
class RawMessage:
    origin: str
    raw: bytes


class SourceError(DebriefError):
    exit_status = EX_NOINPUT


ImapReader = Callable[[str, date | None], Iterator[tuple[int, bytes]]]


def read(
    spec: str, imap: ImapReader | None = None, since: date | None = None
) -> Iterator[RawMessage]:
    """Messages from one SOURCE argument."""
    if spec.startswith("imap:"):
        folder = spec[5:] or "INBOX"
        if imap is None:
            raise SourceError(f"{spec}: needs a config file with an [imap] table")
        for uid, raw in imap(folder, since):
            yield RawMessage(f"imap:{folder}/{uid}", raw)
        return
    path = Path(spec)
    if not path.exists():
        raise SourceError(f"{spec}: no such file or folder")
    if path.is_dir():
        if not all((path / d).is_dir() for d in ("cur", "new")):
            raise SourceError(f"{spec}: a folder, but not a Maildir (no cur/ and new/)")
        box = mailbox.Maildir(path, factory=None, create=False)
        for key in sorted(box.keys()):
            try:
                with box.get_file(key) as f:
                    yield RawMessage(f"{spec}/{key}", f.read())
            except OSError as e:
                raise SourceError(f"{spec}/{key}: cannot read: {e.strerror}") from None
        return
    try:
        with path.open("rb") as f:
            head = f.read(5)
    except OSError as e:
        raise SourceError(f"{spec}: cannot read: {e.strerror}") from None
    if head == b"From " and not spec.endswith(".eml"):
        box_m = mailbox.mbox(path, factory=None, create=False)
        for i, key in enumerate(box_m.keys()):
            yield RawMessage(f"{spec}#{i + 1}", box_m.get_bytes(key))
        return
    yield RawMessage(spec, path.read_bytes())
