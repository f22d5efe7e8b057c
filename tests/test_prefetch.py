"""The fetch worker process against the real Dovecot: same bytes, clean failures."""

from __future__ import annotations

import dataclasses
import os
import signal
import threading
import time
from contextlib import closing
from pathlib import Path

import pytest

from daemon import config, passwords, rules
from daemon.classify import message_hits
from daemon.devservers.dovecot import Dovecot, User
from daemon.imap import ImapError, ImapMailbox
from daemon.imaphistory import ImapHistory
from daemon.message import parse
from daemon.prefetch import Workers
from tests.configs import account, write_config
from tests.mailboxes import seed

RULES = rules.load([])


@dataclasses.dataclass
class Inbox:
    imap: config.Imap
    secret: passwords.Secret | None
    uidvalidity: int
    uids: list[int]

    def workers(self) -> Workers:
        return Workers(lambda: (self.imap, self.secret))


@pytest.fixture
def inbox(dovecot: Dovecot, imap_user: User, tmp_path: Path) -> Inbox:
    """Priya's mailbox on the real Dovecot, and what a caller knows of its INBOX."""
    seed(dovecot, imap_user)
    imap, secret = account(write_config(tmp_path, dovecot, imap_user))
    box = ImapMailbox.connect(imap, secret)
    try:
        state = box.examine("INBOX")
        return Inbox(imap, secret, state.uidvalidity, box.uids_after(0))
    finally:
        box.close()


def test_index_worker_reads_what_the_history_would_read_itself(
    dovecot: Dovecot, imap_user: User, tmp_path: Path
) -> None:
    seed(dovecot, imap_user)
    imap, secret = account(write_config(tmp_path, dovecot, imap_user))
    folders = ["INBOX", "Sent", "No such folder"]
    box = ImapMailbox.connect(imap, secret)
    try:
        here = list(ImapHistory(box, folders)._read_headers())
    finally:
        box.close()
    with closing(Workers(lambda: (imap, secret)).headers(folders, 10**6)) as worker:
        chunks = list(worker)
    merged: dict[str, list[object]] = {}
    for folder, chunk, whole in chunks:
        merged.setdefault(folder, []).extend(chunk)
        assert whole
    assert merged == {folder: chunk for folder, chunk, _ in here}
    assert sum(map(len, merged.values())) > 100
    # The limit counts across folders, newest first; the folder it cuts short
    # is not read whole, and the next one is not read at all.
    with closing(Workers(lambda: (imap, secret)).headers(folders, 30)) as worker:
        limited = list(worker)
    assert [(f, [u for u, _ in c], whole) for f, c, whole in limited] == [
        ("INBOX", [u for u, _ in here[0][1][-30:]], False)
    ]


def test_worker_batches_are_exactly_what_fetch_slim_returns(inbox: Inbox) -> None:
    """The same batches in the same order."""
    box = ImapMailbox.connect(inbox.imap, inbox.secret)
    try:
        box.examine("INBOX")
        uids = inbox.uids
        expected = [list(box.fetch_slim(uids[i : i + 40])) for i in range(0, len(uids), 40)]
    finally:
        box.close()
    assert len(expected) >= 3  # several batches, the last one short
    ruleset = rules.load([])
    with closing(inbox.workers().slim("INBOX", inbox.uidvalidity, uids, 40, ruleset)) as feed:
        got = list(feed)
    # Each message as parse() makes it from fetch_slim's bytes, with the hits
    # the caller's rule set gives it.
    assert [[(u, m) for u, m, _ in b] for b in got] == [
        [(u, parse(raw)) for u, raw in b] for b in expected
    ]
    assert [h for b in got for _, m, h in b] == [
        message_hits(m, ruleset) for b in got for _, m, _ in b
    ]
    assert any(h for b in got for _, _, h in b)


def test_worker_items_survive_the_child_being_stopped_and_continued(inbox: Inbox) -> None:
    """SIGSTOP/SIGCONT while the child writes frames bigger than the pipe's
    buffer (a profiler, a debugger, a suspended terminal job do this): every
    frame arrives whole and in order. Frames written through a BufferedWriter
    came out interleaved here."""
    uids = inbox.uids
    with closing(
        Workers(lambda: (inbox.imap, inbox.secret)).slim(
            "INBOX", inbox.uidvalidity, uids, 40, RULES
        )
    ) as feed:
        expected = [[(u, m) for u, m, _ in b] for b in feed]
    for _ in range(8):
        feed = inbox.workers().slim("INBOX", inbox.uidvalidity, uids, 40, RULES)
        stop = threading.Event()

        def storm(pid: int = feed._proc.pid, stop: threading.Event = stop) -> None:
            while not stop.is_set():
                try:
                    os.kill(pid, signal.SIGSTOP)
                    time.sleep(0.0005)
                    os.kill(pid, signal.SIGCONT)
                except ProcessLookupError:
                    return
                time.sleep(0.001)

        stormer = threading.Thread(target=storm)
        stormer.start()
        try:
            with closing(feed):
                got = [[(u, m) for u, m, _ in b] for b in feed]
        finally:
            stop.set()
            stormer.join()
        assert got == expected


def test_worker_refuses_a_changed_uidvalidity(inbox: Inbox) -> None:
    feed = inbox.workers().slim("INBOX", inbox.uidvalidity + 1, inbox.uids, 40, RULES)
    with pytest.raises(ImapError, match="UIDVALIDITY changed"), closing(feed):
        list(feed)


def test_worker_login_failure_is_one_clear_error_without_the_password(
    dovecot: Dovecot, imap_user: User, tmp_path: Path
) -> None:
    imap, _ = account(write_config(tmp_path, dovecot, imap_user))
    wrong = passwords.Secret("not-the-password-9f2c")
    feed = Workers(lambda: (imap, wrong)).slim("INBOX", 1, [1, 2, 3], 2, RULES)
    with pytest.raises(ImapError) as caught, closing(feed):
        list(feed)
    assert "not-the-password-9f2c" not in str(caught.value)
    assert "INBOX" in str(caught.value)


def test_worker_connection_failure_ends_the_feed() -> None:
    cfg = _unreachable()
    feed = Workers(lambda: (cfg, passwords.Secret("x"))).slim("INBOX", 1, [1], 1, RULES)
    with pytest.raises(ImapError, match="cannot connect"), closing(feed):
        list(feed)


def _fetch_slim(inbox: Inbox, uids: list[int]) -> list[tuple[int, bytes]]:
    box = ImapMailbox.connect(inbox.imap, inbox.secret)
    try:
        box.examine("INBOX")
        return list(box.fetch_slim(uids))
    finally:
        box.close()


def test_stopping_early_reaps_the_worker(inbox: Inbox) -> None:
    # One message a batch: more than the queue and the pipe's buffer hold.
    feed = inbox.workers().slim("INBOX", inbox.uidvalidity, inbox.uids, 1, RULES)
    first = next(iter(feed))
    assert len(first) == 1
    time.sleep(1)  # the child runs ahead, then blocks: the caller stopped reading
    child = feed._proc
    assert child.poll() is None
    feed.close()
    assert child.poll() is not None  # ended and reaped
    with pytest.raises(ProcessLookupError):
        os.kill(child.pid, 0)
    feed.close()  # idempotent


def test_worker_gets_the_password_on_stdin_only(inbox: Inbox, tmp_path: Path) -> None:
    """Never on its command line or in its environment (both readable through
    /proc), and it inherits none of the caller's files (the state lock)."""
    password = inbox.secret.reveal() if inbox.secret else ""
    assert password
    lock = tmp_path / "state.lock"
    fd = os.open(lock, os.O_CREAT | os.O_RDWR)
    os.set_inheritable(fd, True)  # even a descriptor marked inheritable stays here
    try:
        feed = inbox.workers().slim("INBOX", inbox.uidvalidity, inbox.uids, 10, RULES)
        with closing(feed):
            next(iter(feed))
            pid = feed._proc.pid
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
            environ = Path(f"/proc/{pid}/environ").read_bytes()
            files = [os.readlink(f"/proc/{pid}/fd/{n}") for n in os.listdir(f"/proc/{pid}/fd")]
    finally:
        os.close(fd)
    assert password.encode() not in cmdline + environ
    assert b"daemon.prefetch" in cmdline
    assert str(lock) not in files


def _unreachable() -> config.Imap:
    return config.Imap(
        host="127.0.0.1",
        port=1,  # nothing listens on port 1
        tls="none",
        username="u",
        secret=config.SecretSource(),
        folders=("INBOX",),
        sent_folder="Sent",
        drafts_folder=None,
        ca_file=None,
        auth="login",
        timeout=2,
    )
