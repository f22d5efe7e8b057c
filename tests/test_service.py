"""`debrief run` against the real Dovecot: drafts, checkpoints, faults, store safety."""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from daemon import config, passwords
from daemon.cli import main
from daemon.devservers.dovecot import Dovecot, User
from daemon.imap import ImapMailbox
from daemon.schema import MIGRATIONS, SCHEMA_VERSION
from daemon.store import Store
from tests.configs import write_config
from tests.mail import build
from tests.mailboxes import LABELS, PERSONA, client, seed

ROOT = Path(__file__).resolve().parent.parent


def queue(cfg: Path, capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    capsys.readouterr()
    assert main(["queue", "list", "--json", "--config", str(cfg)]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def expected_recipients() -> set[str]:
    return {
        a
        for v in LABELS.values()
        if v["category"] == "rejection_after_interview"
        for a in v["interviewers"]
    }


def connect(cfg_path: Path) -> ImapMailbox:
    """An ImapMailbox on the account a test config names."""
    cfg = config.load(cfg_path)
    assert cfg.imap is not None
    secret = passwords.resolve(cfg.imap.secret, file=cfg.source, table="imap", credential="x")
    return ImapMailbox.connect(cfg.imap, secret)


@pytest.fixture
def seeded(dovecot: Dovecot, imap_user: User, tmp_path: Path) -> Path:
    seed(dovecot, imap_user)
    return write_config(tmp_path, dovecot, imap_user)


@pytest.mark.parametrize(
    ("index_from", "parallel_from"),
    [(10**9, 10**9), (0, 10**9), (0, 0)],
    ids=["server-search", "header-index", "fetch-worker"],
)
def test_run_once_drafts_one_per_interviewer_and_is_idempotent(
    seeded: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    index_from: int,
    parallel_from: int,
) -> None:
    """The same drafts whether history comes from SEARCH or from the header index
    a long first run builds, and whether a worker process fetches."""
    from daemon import sync

    monkeypatch.setattr(sync, "INDEX_FROM", index_from)
    monkeypatch.setattr(sync, "PARALLEL_FROM", parallel_from)
    capsys.readouterr()
    assert main(["--verbose", "run", "--once", "--config", str(seeded)]) == 0
    err = capsys.readouterr().err
    indexed = re.search(r"history index: (\d+) message", err)
    assert (indexed is not None and int(indexed.group(1)) > 50) == (index_from == 0)
    assert ("fetch worker" in err) == (parallel_from == 0)
    drafts = queue(seeded, capsys)
    assert {d["to"] for d in drafts} == expected_recipients()
    assert len(drafts) == len(expected_recipients())
    for d in drafts:
        assert set(d) == {
            "id",
            "state",
            "to",
            "company",
            "position",
            "rejection_message_id",
            "due",
            "subject",
        }
        assert d["rejection_message_id"] in LABELS
        assert "+" in str(d["due"]) or str(d["due"]).endswith("+00:00")
    # The outreach that came back after the Tandem rejection cancels that draft.
    states = {d["to"]: d["state"] for d in drafts}
    assert states["jakobk@tandemfreight.test"] == "cancelled"
    assert list(states.values()).count("pending") == len(states) - 1
    assert main(["run", "--once", "--config", str(seeded)]) == 0
    assert queue(seeded, capsys) == drafts


def test_new_mail_processed_exactly_once_and_threaded(
    seeded: Path, dovecot: Dovecot, imap_user: User, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["run", "--once", "--config", str(seeded)]) == 0
    before = queue(seeded, capsys)
    c = client(dovecot, imap_user)
    invite = build(
        sender="Mia Lind <mia.lind@fernbrook.example>",
        to=PERSONA["addresses"][0],
        subject="Interview for Senior Designer",
        msgid="<inv1@fernbrook.example>",
        body="Thanks for speaking with me today! Would you like to schedule the panel?",
        cc="Omar Lee <omar.lee@fernbrook.example>",
    )
    rejection = build(
        sender="Mia Lind <mia.lind@fernbrook.example>",
        to=PERSONA["addresses"][0],
        subject="Re: Interview for Senior Designer",
        msgid="<rej1@fernbrook.example>",
        in_reply_to="<inv1@fernbrook.example>",
        body="Thank you for interviewing with us. We have decided to move forward "
        "with other candidates for the Senior Designer role.",
    )
    c.append("INBOX", invite)
    c.append("INBOX", rejection)
    c.logout()
    for _ in range(2):
        assert main(["run", "--once", "--config", str(seeded)]) == 0
    after = queue(seeded, capsys)
    new = [d for d in after if d not in before]
    assert sorted(d["to"] for d in new) == [
        "mia.lind@fernbrook.example",
        "omar.lee@fernbrook.example",
    ]
    assert all(d["rejection_message_id"] == "<rej1@fernbrook.example>" for d in new)
    capsys.readouterr()
    mia = next(d for d in new if d["to"] == "mia.lind@fernbrook.example")
    assert main(["queue", "show", str(mia["id"]), "--config", str(seeded)]) == 0
    shown = capsys.readouterr().out
    assert "In-Reply-To: <rej1@fernbrook.example>" in shown
    assert "Hi Mia," in shown and "keep me in mind" in shown


def test_a_message_id_shared_in_one_batch_judges_the_first_message_on_its_own(
    seeded: Path, dovecot: Dovecot, imap_user: User, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two different messages with one Message-ID: the first is handled (the
    second is a duplicate by key), and it is judged on its own text."""
    assert main(["run", "--once", "--config", str(seeded)]) == 0
    before = queue(seeded, capsys)
    c = client(dovecot, imap_user)
    common = dict(sender="Mia Lind <mia.lind@fernbrook.example>", to=PERSONA["addresses"][0])
    c.append(
        "INBOX",
        build(
            **common,
            subject="Interview for Senior Designer",
            msgid="<inv2@fernbrook.example>",
            body="Thanks for speaking with me today! Would you like to schedule the panel?",
        ),
    )
    for body in (
        "Thank you for interviewing with us. We have decided to move forward "
        "with other candidates for the Senior Designer role.",
        "Our newsletter: ten tips for a tidy desk.",
    ):
        c.append(
            "INBOX",
            build(**common, subject="Senior Designer", msgid="<same@fernbrook.example>", body=body),
        )
    c.logout()
    assert main(["run", "--once", "--config", str(seeded)]) == 0
    new = [d for d in queue(seeded, capsys) if d not in before]
    assert [d["rejection_message_id"] for d in new] == ["<same@fernbrook.example>"]


def test_uidvalidity_change_rescans_without_duplicates(
    seeded: Path, dovecot: Dovecot, imap_user: User, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["run", "--once", "--config", str(seeded)]) == 0
    before = queue(seeded, capsys)
    dovecot.doveadm("mailbox", "update", "-u", imap_user.name, "--uid-validity", "4242", "INBOX")
    assert main(["run", "--once", "--config", str(seeded)]) == 0
    assert queue(seeded, capsys) == before
    store = Store.open(Path(str(seeded.parent / "state" / "debrief.sqlite3")))
    try:
        assert store.checkpoint("INBOX")[0] == 4242  # type: ignore[index]
    finally:
        store.close()


def test_malformed_messages_never_stop_the_service(
    seeded: Path, dovecot: Dovecot, imap_user: User, capsys: pytest.CaptureFixture[str]
) -> None:
    c = client(dovecot, imap_user)
    for raw in (
        b"From: a@b@c\r\n\r\n\x00\x01",
        b"garbage without headers",
        b"From: x@y.example(<evil@z.example>\r\nSubject: =?bogus?q?x?=\r\n\r\nhi",
    ):
        c.append("INBOX", raw)
    c.logout()
    assert main(["run", "--once", "--config", str(seeded)]) == 0
    db = sqlite3.connect(seeded.parent / "state" / "debrief.sqlite3")
    problems = db.execute("SELECT count(*) FROM messages WHERE problems != ''").fetchone()[0]
    assert problems >= 3
    assert len(queue(seeded, capsys)) == len(expected_recipients())


def test_wrong_password_is_one_line_and_exit_77(
    dovecot: Dovecot, imap_user: User, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cfg = write_config(tmp_path, dovecot, imap_user, password="not-the-password-77")
    assert main(["run", "--once", "--config", str(cfg)]) == 77
    err = capsys.readouterr().err
    assert "login refused" in err and "not-the-password-77" not in err
    assert len(err.strip().splitlines()) == 1


def test_second_instance_refuses_to_start(seeded: Path, capsys: pytest.CaptureFixture[str]) -> None:
    held = Store.open(seeded.parent / "state" / "debrief.sqlite3")
    try:
        assert main(["run", "--once", "--config", str(seeded)]) == 75
        assert "another debrief is already using this state" in capsys.readouterr().err
    finally:
        held.close()


def test_corrupt_database_refused_and_untouched(
    seeded: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = seeded.parent / "state" / "debrief.sqlite3"
    path.parent.mkdir(parents=True, exist_ok=True)
    junk = b"SQLite format 3\x00" + os.urandom(8000)
    path.write_bytes(junk)
    assert main(["run", "--once", "--config", str(seeded)]) == 65
    assert "left untouched" in capsys.readouterr().err
    assert path.read_bytes() == junk


def test_older_schema_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    db = sqlite3.connect(path)
    db.executescript(MIGRATIONS[0])
    db.execute("PRAGMA user_version=1")
    db.execute("INSERT INTO messages VALUES ('<k@x>', 'INBOX', 1, 'other', '', 'now')")
    db.commit()
    db.close()
    with Store.open(path) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert store.seen("<k@x>")
        cols = [r[1] for r in store.db.execute("PRAGMA table_info(drafts)")]
        assert "language" in cols


def test_detection_domains_are_filled_in_by_the_migration(tmp_path: Path) -> None:
    """Version 3 kept employer domains only as JSON; version 4 indexes them,
    and open drafts of older detections are still found by domain."""
    path = tmp_path / "v3.sqlite3"
    db = sqlite3.connect(path)
    for script in MIGRATIONS[:3]:
        db.executescript(script)
    db.execute("PRAGMA user_version=3")
    db.execute("INSERT INTO messages VALUES ('<r@acme.example>', 'INBOX', 1, 'x', '', 'now')")
    db.execute(
        "INSERT INTO detections VALUES (7, '<r@acme.example>', 'Acme', 'Dev', 'interview', 9, "
        "'', '[\"acme.example\", \"ats.example\"]', '2026-03-02T10:00:00+00:00', 'now')"
    )
    db.execute(
        "INSERT INTO drafts(id, detection_id, recipient, recipient_name, subject, body, state, "
        "due_at, message_id, token, created_at, updated_at) VALUES (3, 7, 'dana@acme.example', "
        "'Dana', 's', 'b', 'pending', '2026-03-05T09:00:00+00:00', '<m@x>', 't', 'now', 'now')"
    )
    db.commit()
    db.close()
    with Store.open(path) as store:
        assert [d.id for d in store.open_drafts_for(["ats.example"], None)] == [3]
        assert [d.id for d in store.open_drafts_for(["other.example"], "dana@acme.example")] == [3]
        assert store.open_drafts_for(["other.example"], None) == []


# ---------------------------------------------------------------------------
# The long-running service as a real subprocess


def start_service(cfg: Path, verbose: bool = True) -> subprocess.Popen[str]:
    """`debrief run` in a subprocess, its log on a pipe."""
    return subprocess.Popen(
        [sys.executable, "-m", "daemon", *(["-v"] if verbose else []), "run", "--config", str(cfg)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.fixture
def service(seeded: Path) -> Iterator[subprocess.Popen[str]]:
    proc = start_service(seeded)
    yield proc
    if proc.poll() is None:
        proc.kill()
        proc.wait()


def wait_for(predicate: object, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return True
        time.sleep(0.2)
    return False


def drafts_to(seeded: Path, address: str) -> int:
    path = seeded.parent / "state" / "debrief.sqlite3"
    if not path.exists():
        return 0
    db = sqlite3.connect(path, timeout=5)
    try:
        return int(
            db.execute("SELECT count(*) FROM drafts WHERE recipient = ?", (address,)).fetchone()[0]
        )
    except sqlite3.OperationalError:
        return 0
    finally:
        db.close()


def append_rejection(dovecot: Dovecot, user: User, n: int, folder: str = "INBOX") -> str:
    who = f"pat.{n}@kestrel{n}.example"
    c = client(dovecot, user)
    c.append(
        folder,
        build(
            sender=f"Pat Doe <{who}>",
            to=PERSONA["addresses"][0],
            msgid=f"<r{n}@kestrel{n}.example>",
            subject="Your interview",
            body="Thank you for interviewing with us. Unfortunately we "
            "have decided to move forward with other candidates for this role.",
        ),
    )
    c.logout()
    return who


def test_idle_push_kick_reconnect_and_sigterm(
    service: subprocess.Popen[str], seeded: Path, dovecot: Dovecot, imap_user: User
) -> None:
    assert wait_for(lambda: drafts_to(seeded, "ingrid.sato@copperleaf.test") == 1, 30)
    time.sleep(1.0)  # let it enter IDLE
    who = append_rejection(dovecot, imap_user, 1)
    start = time.monotonic()
    assert wait_for(lambda: drafts_to(seeded, who) == 1, 8), "IDLE did not pick up new mail"
    assert time.monotonic() - start < 8
    assert dovecot.kick(imap_user)  # the server drops the connection during IDLE
    time.sleep(0.5)
    who2 = append_rejection(dovecot, imap_user, 2)
    assert wait_for(lambda: drafts_to(seeded, who2) == 1, 30), "no reconnect after kick"
    assert drafts_to(seeded, who) == 1
    start = time.monotonic()
    service.send_signal(signal.SIGTERM)
    assert service.wait(timeout=10) == 0
    assert time.monotonic() - start < 10
    assert service.stderr is not None
    log = service.stderr.read()
    # The first wake-up from IDLE logs the heartbeat (then one every 10 minutes).
    [beat, *_] = [line for line in log.splitlines() if "heartbeat:" in line]
    assert "idle" in beat and "last sync" in beat and "pending" in beat
    assert imap_user.password not in log


def test_every_watched_folder_has_its_idle(seeded: Path, dovecot: Dovecot, imap_user: User) -> None:
    """Mail in the second watched folder is processed within seconds though
    the poll comes only every 10 minutes: that folder has an IDLE connection
    of its own, and has it again after the server drops every connection."""
    c = client(dovecot, imap_user)
    c.create_folder("Jobs")
    c.logout()
    write_config(
        seeded.parent,
        dovecot,
        imap_user,
        imap={"folders": ["INBOX", "Jobs"]},
        watch={"backfill_days": 3650, "poll_interval": 600},
    )
    proc = start_service(seeded)
    try:
        assert wait_for(lambda: drafts_to(seeded, "ingrid.sato@copperleaf.test") == 1, 30)
        time.sleep(1.5)  # both connections enter IDLE
        who = append_rejection(dovecot, imap_user, 11, folder="Jobs")
        assert wait_for(lambda: drafts_to(seeded, who) == 1, 10), "no IDLE on the second folder"
        assert dovecot.kick(imap_user)
        time.sleep(5)  # the service reconnects, syncs, and IDLEs on both folders again
        who2 = append_rejection(dovecot, imap_user, 12, folder="Jobs")
        if not wait_for(lambda: drafts_to(seeded, who2) == 1, 10):
            proc.terminate()  # its log tells why
            assert proc.stderr is not None
            raise AssertionError("no IDLE there after a kick:\n" + proc.stderr.read()[-4000:])
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=15) == 0
        assert proc.stderr is not None
        log = proc.stderr.read()
        assert "folder Jobs: new mail" in log and imap_user.password not in log
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def drop_connections(dovecot: Dovecot) -> int:
    """SIGKILL the server's IMAP processes: their connections end with no BYE."""
    assert dovecot._proc is not None
    master = dovecot._proc.pid
    killed = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        name, rest = stat[stat.index("(") + 1 : stat.rindex(")")], stat[stat.rindex(")") + 2 :]
        if name == "imap" and int(rest.split()[1]) == master:
            with contextlib.suppress(ProcessLookupError):
                os.kill(int(entry.name), signal.SIGKILL)
                killed += 1
    return killed


def test_a_folder_watch_reconnects_and_reports_new_mail(
    seeded: Path, dovecot: Dovecot, imap_user: User
) -> None:
    """The watch of one folder alone: IDLE there, new mail reported, its own
    reconnect after the server drops it, and close() ends it promptly."""
    import threading

    from daemon.watch import FolderWatch

    c = client(dovecot, imap_user)
    c.create_folder("Jobs")
    c.logout()
    arrived = threading.Event()
    watch = FolderWatch(lambda: connect(seeded), "Jobs", arrived, idle_max=600).start()
    try:
        assert watch.idling.wait(10)
        assert arrived.is_set()  # (re)connected: mail may have come in meanwhile
        arrived.clear()
        append_rejection(dovecot, imap_user, 21, folder="INBOX")  # another folder: no news
        time.sleep(1.5)
        assert not arrived.is_set()
        append_rejection(dovecot, imap_user, 22, folder="Jobs")
        assert arrived.wait(5)
        arrived.clear()
        assert dovecot.kick(imap_user)
        assert wait_for(lambda: not watch.idling.is_set(), 5)
        assert watch.idling.wait(10), "the watch did not reconnect"
        arrived.clear()
        time.sleep(0.5)
        append_rejection(dovecot, imap_user, 23, folder="Jobs")
        assert arrived.wait(5)
        arrived.clear()
        # A connection that ends with no BYE (the server process killed, a
        # network drop): imapclient's idle_check then returns nothing at
        # once, again and again; the watch must see the end and reconnect.
        assert watch.idling.wait(10)
        assert drop_connections(dovecot) > 0
        assert wait_for(lambda: not watch.idling.is_set(), 5), "IDLE on a dead connection"
        assert watch.idling.wait(10), "the watch did not reconnect after the drop"
        arrived.clear()
        time.sleep(0.5)
        append_rejection(dovecot, imap_user, 24, folder="Jobs")
        assert arrived.wait(5)
    finally:
        start = time.monotonic()
        watch.close()
    assert time.monotonic() - start < 3
    assert not watch._thread.is_alive()


def test_queue_approve_skip_edit(
    seeded: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["run", "--once", "--config", str(seeded)]) == 0
    drafts = queue(seeded, capsys)
    pending = [d["id"] for d in drafts if d["state"] == "pending"]
    cancelled = next(d["id"] for d in drafts if d["state"] == "cancelled")
    a, b, c = (str(i) for i in pending[:3])
    assert main(["queue", "approve", a, b, "--config", str(seeded)]) == 0
    assert main(["queue", "skip", c, "--config", str(seeded)]) == 0
    assert main(["queue", "approve", str(cancelled), "--config", str(seeded)]) == 65
    assert "cannot approve" in capsys.readouterr().err
    states = {str(d["id"]): d["state"] for d in queue(seeded, capsys)}
    assert (states[a], states[b], states[c]) == ("approved", "approved", "skipped")
    body = tmp_path / "body.txt"
    body.write_text("Hi, a shorter note.\n")
    assert main(["queue", "edit", a, "--body-file", str(body), "--config", str(seeded)]) == 0
    states = {str(d["id"]): d["state"] for d in queue(seeded, capsys)}
    assert states[a] == "pending"  # edited text needs a fresh approval
    with Store.open(seeded.parent / "state" / "debrief.sqlite3") as store:
        edited = store.draft(int(a))
        assert edited is not None and edited.body == "Hi, a shorter note.\n"
        assert edited.approved_hash is None
        kinds = [
            r[0]
            for r in store.db.execute(
                "SELECT kind FROM events WHERE draft_id = ? ORDER BY id", (int(a),)
            )
        ]
        assert kinds == ["drafted", "approve", "edit"]


def test_do_not_contact_and_application_stage(
    dovecot: Dovecot, imap_user: User, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed(dovecot, imap_user)
    cfg = write_config(
        tmp_path,
        dovecot,
        imap_user,
        followup={"do_not_contact": ["@copperleaf.test"], "include_application_stage": True},
    )
    assert main(["run", "--once", "--config", str(cfg)]) == 0
    to = {d["to"] for d in queue(cfg, capsys)}
    assert not any(a.endswith("@copperleaf.test") for a in to)
    assert "ivan.sondergaard@meridian-staffing.example" in to
    # Application-stage rejections written by a person now get a draft too.
    assert {"jose.grant@lumenash.example", "lena.mbeki@brightline-ins.example"} <= to
    assert not any("donotreply" in a or "no-reply" in a for a in to)


def test_save_to_drafts_appends_composed_drafts_only_there(
    dovecot: Dovecot, imap_user: User, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed(dovecot, imap_user)
    cfg = write_config(
        tmp_path,
        dovecot,
        imap_user,
        imap={"drafts_folder": "Drafts"},
        followup={"save_to_drafts": True},
    )
    assert main(["run", "--once", "--config", str(cfg)]) == 0
    drafts = queue(cfg, capsys)
    c = client(dovecot, imap_user)
    c.select_folder("Drafts", readonly=True)
    uids = c.search("ALL")
    assert len(uids) == len(drafts)
    fetched = c.fetch(uids, ["FLAGS", "BODY.PEEK[HEADER]"])
    tokens = set()
    for data in fetched.values():
        assert b"\\Draft" in data[b"FLAGS"]
        header = data[b"BODY[HEADER]"].decode()
        assert "X-Debrief-Draft: " in header
        tokens.add(header.split("X-Debrief-Draft: ")[1].split()[0])
    assert len(tokens) == len(drafts)
    c.select_folder("INBOX", readonly=True)
    assert all(b"\\Seen" not in f for f in c.get_flags(c.search("ALL")).values())
    c.logout()


def test_server_restart_and_kick_storm_lose_nothing_and_duplicate_nothing(
    service: subprocess.Popen[str], seeded: Path, dovecot: Dovecot, imap_user: User
) -> None:
    assert wait_for(lambda: drafts_to(seeded, "ingrid.sato@copperleaf.test") == 1, 30)
    dovecot.restart()  # the server goes away and comes back on the same port
    who = append_rejection(dovecot, imap_user, 10)  # arrives while debrief reconnects
    assert wait_for(lambda: drafts_to(seeded, who) == 1, 40), "mail during restart was lost"
    # A burst of mail while the server keeps dropping the connection (IDLE and FETCH).
    c = client(dovecot, imap_user)
    for n in range(60):
        c.append(
            "INBOX",
            build(
                sender=f"Someone {n} <s{n}@news{n}.example>",
                to=PERSONA["addresses"][0],
                subject=f"Hello {n}",
                msgid=f"<burst{n}@x.example>",
                body="Just saying hi.",
            ),
        )
    c.logout()
    whos = []
    for n in range(20, 24):
        whos.append(append_rejection(dovecot, imap_user, n))
        dovecot.kick(imap_user)
        time.sleep(0.3)
    assert wait_for(lambda: all(drafts_to(seeded, w) == 1 for w in whos), 60)
    db = sqlite3.connect(seeded.parent / "state" / "debrief.sqlite3", timeout=5)
    burst = db.execute("SELECT count(*) FROM messages WHERE key LIKE '<burst%'").fetchone()[0]
    dup = db.execute("SELECT count(*) - count(DISTINCT message_key) FROM detections").fetchone()[0]
    db.close()
    assert burst == 60 and dup == 0
    service.send_signal(signal.SIGTERM)
    assert service.wait(timeout=10) == 0


def test_imap_without_starttls_is_refused_before_any_credential(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.fakeimap import NoStarttlsServer

    server = NoStarttlsServer()
    try:
        cfg = tmp_path / "config.toml"
        cfg.write_text(
            f'[identity]\naddresses = ["me@example.org"]\n[imap]\nhost = "127.0.0.1"\n'
            f'port = {server.port}\ntls = "starttls"\nusername = "me"\n'
            f'password = "secret-never-sent"\n[state]\npath = "{tmp_path}/s.sqlite3"\n'
        )
        cfg.chmod(0o600)
        assert main(["run", "--once", "--config", str(cfg)]) == 75
        assert "does not offer STARTTLS" in capsys.readouterr().err
        assert not any(
            "LOGIN" in line.upper() or "AUTHENTICATE" in line.upper() for line in server.received
        ), server.received
        assert not any("secret-never-sent" in line for line in server.received)
    finally:
        server.close()


def test_failing_password_command_under_run_is_one_line_78(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cfg = tmp_path / "config.toml"
    cfg.write_text(
        '[identity]\naddresses = ["me@example.org"]\n[imap]\nhost = "imap.example.org"\n'
        'username = "me"\npassword_command = "exit 4"\n'
        f'[state]\npath = "{tmp_path}/s.sqlite3"\n'
    )
    assert main(["run", "--once", "--config", str(cfg)]) == 78
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "[imap] password_command: exited with status 4" in err[0]


def test_two_accounts_kept_apart(
    dovecot: Dovecot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = dovecot.add_user(), dovecot.add_user()
    seed(dovecot, a)
    c = client(dovecot, b)
    c.append(
        "INBOX",
        build(
            sender="Pat Doe <pat@kestrel.example>",
            to="second@example.org",
            subject="Your interview",
            msgid="<acct-b@kestrel.example>",
            body="Thank you for interviewing with us. We have decided to move "
            "forward with other candidates for this role.",
        ),
    )
    c.logout()

    def account(name: str, user: User, extra: str = "") -> str:
        return (
            f'[[account]]\nname = "{name}"\n{extra}'
            f'[account.imap]\nhost = "127.0.0.1"\nport = {dovecot.port}\ntls = "starttls"\n'
            f'ca_file = "{dovecot.cert}"\nusername = "{user.name}"\n'
            f'password = "{user.password}"\n'
            f'[account.state]\npath = "{tmp_path}/{name}.sqlite3"\n'
        )

    cfg = tmp_path / "config.toml"
    cfg.write_text(
        f'[identity]\nname = "Priya Raman"\naddresses = {json.dumps(PERSONA["addresses"])}\n'
        "[watch]\nbackfill_days = 3650\n"
        + account("personal", a)
        + account("second", b, '[account.identity]\naddresses = ["second@example.org"]\n')
    )
    cfg.chmod(0o600)
    assert main(["config", "check", "--config", str(cfg)]) == 0
    assert '[[account]]\nname = "second"' in capsys.readouterr().out
    assert main(["run", "--once", "--config", str(cfg)]) == 0
    assert main(["queue", "list", "--json", "--config", str(cfg)]) == EX_USAGE_CODE
    capsys.readouterr()
    assert main(["queue", "list", "--json", "--account", "second", "--config", str(cfg)]) == 0
    second = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [d["to"] for d in second] == ["pat@kestrel.example"]
    assert main(["queue", "list", "--json", "--account", "personal", "--config", str(cfg)]) == 0
    personal = {json.loads(x)["to"] for x in capsys.readouterr().out.splitlines()}
    assert personal == expected_recipients()
    # two accounts on one state file: refused before anything starts
    cfg.write_text(
        cfg.read_text().replace(f"{tmp_path}/second.sqlite3", f"{tmp_path}/personal.sqlite3")
    )
    assert main(["run", "--once", "--config", str(cfg)]) == 78
    assert 'the same state file as account "personal"' in capsys.readouterr().err


EX_USAGE_CODE = 64


def test_started_without_its_credential_is_one_line_77(
    dovecot: Dovecot,
    imap_user: User,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    creds = tmp_path / "creds"
    creds.mkdir()  # LoadCredential= pointed at a file that was not there
    monkeypatch.setenv("CREDENTIALS_DIRECTORY", str(creds))
    cfg = write_config(tmp_path, dovecot, imap_user)
    cfg.write_text(cfg.read_text().replace(f'password = "{imap_user.password}"\n', ""))
    assert main(["run", "--once", "--config", str(cfg)]) == 77
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "no password configured" in err[0]
    (creds / "imap-password").write_text(imap_user.password + "\n")
    assert main(["run", "--once", "--config", str(cfg)]) == 0


def test_half_open_connection_is_noticed_within_poll_interval(
    seeded: Path, dovecot: Dovecot, imap_user: User
) -> None:
    from tests.fakeimap import FreezableProxy

    proxy = FreezableProxy(dovecot.port)
    text = seeded.read_text().replace(f"port = {dovecot.port}", f"port = {proxy.port}")
    seeded.write_text(text.replace("timeout = 10", "timeout = 5"))
    proc = start_service(seeded, verbose=False)
    try:
        assert wait_for(lambda: drafts_to(seeded, "ingrid.sato@copperleaf.test") == 1, 30)
        time.sleep(1)
        proxy.freeze()  # the connection goes silent, nothing is closed
        start = time.monotonic()
        who = append_rejection(dovecot, imap_user, 77)
        # poll_interval (10 s) + socket timeout (5 s) + reconnect backoff
        assert wait_for(lambda: drafts_to(seeded, who) == 1, 30), "half-open link never noticed"
        assert time.monotonic() - start < 30
        assert proxy.connections >= 2
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=15)
        proxy.close()


def test_user_template_is_used_and_a_missing_one_is_a_config_error(
    dovecot: Dovecot, imap_user: User, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed(dovecot, imap_user)
    tpl = tmp_path / "mine.txt"
    cfg = write_config(tmp_path, dovecot, imap_user, followup={"template": str(tpl)})
    assert main(["run", "--once", "--config", str(cfg)]) == 78
    assert "[followup] template: cannot read" in capsys.readouterr().err
    tpl.write_text(
        "Subject: Hello $first_name\nDear $their_name, about $position at $company.\n-- $my_name\n"
    )
    assert main(["run", "--once", "--config", str(cfg)]) == 0
    capsys.readouterr()
    assert main(["queue", "show", "3", "--config", str(cfg)]) == 0
    shown = capsys.readouterr().out
    assert "Dear Chloé Ågesen, about Senior UX Designer at " in shown and "-- Priya Raman" in shown


def test_imap_xoauth2_login_uses_the_token_from_password_command(tmp_path: Path) -> None:
    from daemon import config as config_mod
    from daemon.errors import AuthError
    from daemon.imap import ImapMailbox
    from daemon.passwords import Secret, resolve
    from tests.fakeimap import XOAuth2Server

    server = XOAuth2Server("alex@gmail.example", "ya29.token")
    try:
        cfg_path = tmp_path / "c.toml"
        cfg_path.write_text(
            '[identity]\naddresses = ["alex@gmail.example"]\n[imap]\nhost = "127.0.0.1"\n'
            f'port = {server.port}\ntls = "none"\nusername = "alex@gmail.example"\n'
            'auth = "xoauth2"\npassword_command = "echo ya29.token"\n'
        )
        imap = config_mod.load(cfg_path).imap
        assert imap is not None
        token = resolve(imap.secret, file="c", table="imap", credential="imap-password")
        box = ImapMailbox.connect(imap, token)
        box.close()
        assert any(
            line.split(" ", 1)[1].startswith("AUTHENTICATE XOAUTH2") for line in server.received
        )
        with pytest.raises(AuthError, match="login refused"):
            ImapMailbox.connect(imap, Secret("expired"))
    finally:
        server.close()


def test_history_index_filled_exactly_still_spares_the_server(
    seeded: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A mailbox that fills the history index to its limit exactly is read
    whole: lookups never search the server (they did once, every batch, which
    made a first run over 100,000 messages three times slower). One message
    fewer of room, and the folder cut short is searched again."""
    from daemon import imaphistory, rules
    from daemon.classify import classify
    from daemon.imaphistory import ImapHistory
    from daemon.message import parse
    from daemon.pipeline import foresee

    box = connect(seeded)
    try:
        sizes = {}
        for folder in ("INBOX", "Sent"):
            box.examine(folder)
            sizes[folder] = len(box.uids_all())
        box.examine("INBOX")
        inbox = [parse(raw) for _, raw in box.fetch_slim(box.uids_after(0))]
        ruleset = rules.load([])
        me = PERSONA["addresses"]
        queries = [q for m in inbox for q in foresee(m, ruleset, me, classify(m, ruleset, me))[0]]
        assert queries and sizes["Sent"] > 0
        searched = {}
        for room in (sum(sizes.values()), sum(sizes.values()) - 1):
            monkeypatch.setattr(imaphistory, "SEEN_LIMIT", room)
            history = ImapHistory(box, ["INBOX", "Sent"])
            assert history.index_folders() == room
            history.prefetch(queries)
            searched[room] = history.searches
    finally:
        box.close()
    assert searched == {sum(sizes.values()): 0, sum(sizes.values()) - 1: 1}


def test_batched_history_prefetch_gives_the_same_extractions_with_few_searches(
    seeded: Path,
) -> None:
    """One SEARCH per folder for a whole batch answers what one SEARCH per lookup did."""
    from daemon import rules
    from daemon.classify import classify
    from daemon.imaphistory import ImapHistory
    from daemon.message import parse
    from daemon.pipeline import foresee, judge

    box = connect(seeded)
    try:
        box.examine("INBOX")
        fetched = [(uid, parse(raw)) for uid, raw in box.fetch_slim(box.uids_after(0))]
        inbox = [m for _, m in fetched]
        ruleset = rules.load([])
        me = PERSONA["addresses"]
        one_by_one = ImapHistory(box, ["INBOX", "Sent"])
        expected = [judge(m, ruleset, me, one_by_one) for m in inbox]
        queries = [q for m in inbox for q in foresee(m, ruleset, me, classify(m, ruleset, me))[0]]
        batched = ImapHistory(box, ["INBOX", "Sent"])
        batched.prefetch(queries)
        got = [judge(m, ruleset, me, batched) for m in inbox]
        # As the service runs it: what it has read is answered from its own
        # index, and the server is only asked about the other messages.
        indexed = ImapHistory(box, ["INBOX", "Sent"])
        for uid, m in fetched:
            indexed.remember("INBOX", uid, m)
        indexed.prefetch(queries)
        from_index = [judge(m, ruleset, me, indexed) for m in inbox]
        unbatched_index = ImapHistory(box, ["INBOX", "Sent"])
        for uid, m in fetched:
            unbatched_index.remember("INBOX", uid, m)
        from_index_one_by_one = [judge(m, ruleset, me, unbatched_index) for m in inbox]
        # A long first run indexes every folder's headers first, then what it
        # reads in full (calendar attendees too): the server is then never
        # searched, only asked for the candidates' text.
        complete = ImapHistory(box, ["INBOX", "Sent"])
        assert complete.index_folders() == len(inbox) + len(box.uids_all())
        for uid, m in fetched:
            complete.remember("INBOX", uid, m)
        from_complete = [judge(m, ruleset, me, complete) for m in inbox]
        assert complete.searches == 0
    finally:
        box.close()
    assert from_index == from_index_one_by_one
    assert from_complete == from_index
    # The local index also sees calendar attendees (a scheduling tool's
    # invitation naming the panel), which a server SEARCH on From/To/Cc
    # cannot: it finds at least as much, and the same people.
    for (v1, x1), (v2, x2) in zip(from_index, expected, strict=True):
        assert v1 == v2
        assert (x1 is None) == (x2 is None)
        if x1 is not None and x2 is not None:
            assert set(x1.related) >= set(x2.related)
            assert x1.addresses == x2.addresses
    rejections = [x for v, x in expected if v.rejection]
    assert len(rejections) >= 5 and any(x and x.interviewers for x in rejections)
    assert got == expected
    assert one_by_one.searches >= 2 * len(rejections)
    # One OR'd SEARCH per folder, plus the few lookups a dry run cannot foresee
    # (an ATS rejection's employer domain is learnt from the history itself;
    # a message the history shows to be a rejection).
    print(f"searches: one by one {one_by_one.searches}, batched {batched.searches}")
    assert batched.searches < one_by_one.searches / 3


def test_history_lookup_keeps_the_newest_candidates_per_folder(
    seeded: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A domain with thousands of messages must not make a lookup fetch them all."""
    from daemon import imaphistory

    box = connect(seeded)
    try:
        box.examine("INBOX")
        everything = imaphistory.ImapHistory(box, ["INBOX"]).lookup(["gmail.com"], None, [])
        monkeypatch.setattr(imaphistory, "HISTORY_LIMIT", 3)
        newest = imaphistory.ImapHistory(box, ["INBOX"]).lookup(["gmail.com"], None, [])
    finally:
        box.close()
    assert len(everything) > 3
    assert [m.key for m in newest] == [m.key for m in everything[-3:]]


def test_a_refused_search_key_loses_only_itself(seeded: Path) -> None:

    box = connect(seeded)
    try:
        box.examine("INBOX")
        good = [["FROM", "gmail.com"], ["SUBJECT", "interview"], ["TO", "gmail.com"]]
        expected = box.search_any(good)
        assert expected
        bad = ["X-NOT-A-SEARCH-KEY", "1"]
        assert box.search_any([good[0], bad, good[1], good[2]], per_search=4) == expected
        assert box.search_any([bad]) == []
    finally:
        box.close()


@pytest.mark.parametrize("parallel_from", [0, 10**9], ids=["fetch-worker", "in-process"])
def test_connections_dropped_mid_run_lose_and_repeat_nothing(
    seeded: Path,
    dovecot: Dovecot,
    imap_user: User,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    parallel_from: int,
) -> None:
    """The server drops every connection (a fetch worker's and the service's)
    while the first batch waits to be judged: that run fails with one clear,
    retryable error (it used to end in "internal error", and history would
    skip a folder it could not open as if it did not exist); the next run
    ends with exactly the drafts of an undisturbed run."""
    import threading

    from daemon import sync

    monkeypatch.setattr(sync, "PARALLEL_FROM", parallel_from)
    monkeypatch.setattr(sync, "BATCH", 40)  # several batches from the small corpus
    mark = tmp_path / "paused"
    monkeypatch.setenv("DEBRIEF_PAUSE", "after_fetch")
    monkeypatch.setenv("DEBRIEF_PAUSE_MARK", str(mark))
    monkeypatch.setenv("DEBRIEF_PAUSE_SECONDS", "2")

    def kick_when_paused() -> None:
        deadline = time.monotonic() + 30
        while not mark.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        dovecot.kick(imap_user)

    kicker = threading.Thread(target=kick_when_paused)
    kicker.start()
    capsys.readouterr()
    status = main(["run", "--once", "--config", str(seeded)])
    kicker.join()
    assert mark.exists()
    assert status == 75  # EX_TEMPFAIL: systemd or cron simply runs it again
    err = capsys.readouterr().err
    assert "Traceback" not in err and "internal error" not in err
    assert "cannot open folder" not in err
    monkeypatch.delenv("DEBRIEF_PAUSE")
    assert main(["run", "--once", "--config", str(seeded)]) == 0
    drafts = queue(seeded, capsys)
    assert sorted(d["to"] for d in drafts) == sorted(expected_recipients())


def test_drafts_copies_not_made_are_made_at_the_next_start_and_only_once(
    dovecot: Dovecot, imap_user: User, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A copy that could not be saved (here: no such folder yet; or a crash
    after the commit) is saved by the next run, and never twice."""
    seed(dovecot, imap_user)
    cfg = write_config(
        tmp_path,
        dovecot,
        imap_user,
        imap={"drafts_folder": "Later"},
        followup={"save_to_drafts": True},
    )
    assert main(["run", "--once", "--config", str(cfg)]) == 0
    # Copies are for drafts still awaiting a decision.
    pending = [d for d in queue(cfg, capsys) if d["state"] == "pending"]
    assert pending
    c = client(dovecot, imap_user)
    assert not c.folder_exists("Later")
    c.create_folder("Later")
    for _ in range(2):
        assert main(["run", "--once", "--config", str(cfg)]) == 0
        c.select_folder("Later", readonly=True)
        assert len(c.search("ALL")) == len(pending)
    c.logout()
