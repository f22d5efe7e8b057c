"""Crash consistency: the real service killed at random and at every named step.

Each cycle runs `debrief run --once` (and `debrief digest --send-now`) as
subprocesses against a real Dovecot and aiosmtpd, SIGKILLs them at random
moments and at every fault point of `daemon.faults`, restarts until a run
completes, and then compares with an uninterrupted run over the same mailbox.
It ends by printing its counts; duplicates, losses, unapproved sends and
crashes must all be 0.

CI runs a reduced form; `make chaos` (CHAOS_CYCLES, CHAOS_KILLS) runs longer.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from daemon.devservers.dovecot import Dovecot, User
from daemon.devservers.smtpserver import SmtpServer
from daemon.faults import FAULT_EXIT, POINTS
from tests import trust
from tests.configs import ANY_TIME, far_hour, write_config
from tests.mail import build
from tests.mailboxes import PERSONA, client, seed
from tests.measure import run_measured

ROOT = Path(__file__).resolve().parent.parent
CYCLES = int(os.environ.get("CHAOS_CYCLES", "1"))
KILLS = int(os.environ.get("CHAOS_KILLS", "8"))
NO_CAPS = {
    "max_per_hour": 1000,
    "max_per_day": 1000,
    "max_drafts_per_day": 1000,
    "max_drafts_per_run": 1000,
}


@dataclass
class Counts:
    runs: int = 0
    faults: int = 0
    duplicates: int = 0
    losses: int = 0
    unapproved_sends: int = 0
    crashes: int = 0
    notes: list[str] = field(default_factory=list)


def config(tmp: Path, d: Dovecot, u: User, smtp: SmtpServer, name: str) -> Path:
    """tmp/`name`.toml, its state in tmp/`name`.sqlite3: Priya's mailbox,
    follow-ups due at once and sent at any time, no cap in the way, and a
    daily digest that never falls due on its own."""
    return write_config(
        tmp,
        d,
        u,
        smtp,
        followup={**ANY_TIME, **NO_CAPS},
        digest={"schedule": f"0 {far_hour(PERSONA['timezone'])} * * *"},
        watch={"backfill_days": 3650},
        state=f"{name}.sqlite3",
        name=name,
    )


def cmd(cfg: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "daemon", *args, "--config", str(cfg)]


def until_done(
    argv: list[str],
    rng: random.Random,
    counts: Counts,
    kills: int,
    env_faults: tuple[str, ...] = (),
) -> None:
    """Kill `argv` at random moments and at named faults, then let it finish."""
    for point in env_faults:
        counts.runs += 1
        done = subprocess.run(
            argv,
            cwd=ROOT,
            env={**os.environ, "DEBRIEF_FAULT": point},
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode == FAULT_EXIT:
            counts.faults += 1
        elif done.returncode != 0 or "Traceback" in done.stderr:
            counts.crashes += 1
            counts.notes.append(f"{point}: exit {done.returncode}: {done.stderr[-300:]}")
    for _ in range(kills):
        counts.runs += 1
        proc = subprocess.Popen(
            argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(rng.uniform(0.2, 1.6))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            counts.faults += 1
        proc.wait()
    counts.runs += 1
    done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0 or "Traceback" in done.stderr:
        counts.crashes += 1
        counts.notes.append(f"final run: exit {done.returncode}: {done.stderr[-300:]}")


def after_retry_delay(argv: list[str], db_path: Path, counts: Counts) -> None:
    """Kills that keep landing while one message is read set it aside (to the
    service they look like a message that kills it); it is read again after
    its retry delay. As if that delay had passed, run once more: then nothing
    may be missing."""
    db = sqlite3.connect(db_path)
    with db:
        aside = db.execute(
            "UPDATE troubles SET quarantined_at = '2000-01-01T00:00:00+00:00' "
            "WHERE quarantined_at IS NOT NULL"
        ).rowcount
    db.close()
    if aside:
        counts.notes.append(
            f"{aside} message(s) set aside by the kills, read again after the delay"
        )
        counts.runs += 1
        done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, check=False)
        if done.returncode != 0 or "Traceback" in done.stderr:
            counts.crashes += 1
            counts.notes.append(
                f"run after the delay: exit {done.returncode}: {done.stderr[-300:]}"
            )


def snapshot(db_path: Path) -> tuple[set[str], set[tuple[str, str, str]]]:
    db = sqlite3.connect(db_path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    detections = {r[0] for r in db.execute("SELECT message_key FROM detections")}
    drafts = {
        (r[0], r[1], r[2])
        for r in db.execute(
            "SELECT t.message_key, d.recipient, d.state FROM drafts d "
            "JOIN detections t ON t.id = d.detection_id"
        )
    }
    db.close()
    return detections, drafts


def cycle(
    dovecot: Dovecot, smtp: SmtpServer, tmp: Path, rng: random.Random, counts: Counts
) -> None:
    user = dovecot.add_user()
    seed(dovecot, user)
    reference = config(tmp, dovecot, user, smtp, "reference")
    chaotic = config(tmp, dovecot, user, smtp, "chaos")
    # The uninterrupted run, on its own state file, over the same mailbox.
    assert subprocess.run(cmd(reference, "run", "--once"), cwd=ROOT, check=False).returncode == 0
    ref_detections, ref_drafts = snapshot(tmp / "reference.sqlite3")

    # Detect and draft, under fire.
    until_done(
        cmd(chaotic, "run", "--once"), rng, counts, KILLS, ("mid_batch", "after_batch_commit")
    )
    after_retry_delay(cmd(chaotic, "run", "--once"), tmp / "chaos.sqlite3", counts)
    detections, drafts = snapshot(tmp / "chaos.sqlite3")
    counts.losses += len(ref_detections - detections) + len(ref_drafts - drafts)
    counts.duplicates += len(detections - ref_detections) + len(drafts - ref_drafts)

    # Digest, then an approval of everything, then sending, under fire.
    smtp.reset()
    until_done(cmd(chaotic, "digest", "--send-now"), rng, counts, 2, ("after_digest_recorded",))
    digest = [m.message for m in smtp.messages if m.message["X-Debrief-Digest"]][-1]
    c = client(dovecot, user)
    c.append(
        "INBOX",
        build(
            sender=PERSONA["addresses"][0],
            to=PERSONA["addresses"][0],
            subject=f"Re: {digest['Subject']}",
            in_reply_to=digest["Message-ID"],
            body="approve all\n",
        ),
    )
    c.logout()
    until_done(
        cmd(chaotic, "run", "--once"),
        rng,
        counts,
        KILLS,
        ("after_sending_commit", "after_smtp", "before_sent_commit"),
    )
    after_retry_delay(cmd(chaotic, "run", "--once"), tmp / "chaos.sqlite3", counts)
    db = sqlite3.connect(tmp / "chaos.sqlite3")
    approved = {
        r[0]
        for r in db.execute(
            "SELECT d.token FROM drafts d JOIN events e ON e.draft_id = d.id WHERE e.kind = 'approve'"
        )
    }
    states = dict(db.execute("SELECT token, state FROM drafts").fetchall())
    db.close()
    sent: dict[str, int] = {}
    for m in smtp.messages:
        token = m.message["X-Debrief-Draft"]
        if token:
            sent[str(token)] = sent.get(str(token), 0) + 1
    counts.duplicates += sum(n - 1 for n in sent.values() if n > 1)
    counts.unapproved_sends += sum(1 for t in sent if t not in approved)
    # Every approved draft ends sent, or parked in doubt; none silently lost.
    counts.losses += sum(1 for t in approved if states.get(t) not in ("sent", "in_doubt"))


@pytest.mark.parametrize("n", range(CYCLES))
def test_chaos(
    dovecot: Dovecot,
    smtp_server: SmtpServer,
    tmp_path: Path,
    n: int,
) -> None:
    counts = Counts()
    cycle(dovecot, smtp_server, tmp_path, random.Random(1000 + n), counts)
    trust.add(
        runs=counts.runs,
        faults_injected=counts.faults,
        duplicates=counts.duplicates,
        losses=counts.losses,
        unapproved_sends=counts.unapproved_sends,
        crashes=counts.crashes,
    )
    trust.report(
        f"[chaos] cycle {n}: runs {counts.runs}, faults injected {counts.faults} "
        f"(named points {len(POINTS)}), duplicates {counts.duplicates}, "
        f"losses {counts.losses}, unapproved sends {counts.unapproved_sends}, "
        f"crashes {counts.crashes}",
        *(f"[chaos]   {note}" for note in counts.notes),
    )
    assert (counts.duplicates, counts.losses, counts.unapproved_sends, counts.crashes) == (
        0,
        0,
        0,
        0,
    )


LOAD_MESSAGES = int(os.environ.get("LOAD_MESSAGES", "5000"))
LOAD_REJECTIONS = int(os.environ.get("LOAD_REJECTIONS", "200"))


def test_backlog_processed_once_bounded_and_in_one_digest(
    dovecot: Dovecot,
    smtp_server: SmtpServer,
    tmp_path: Path,
) -> None:
    smtp = smtp_server  # the shared fixture: STARTTLS + AUTH, recording
    user = dovecot.add_user()
    c = client(dovecot, user)
    every = LOAD_MESSAGES // LOAD_REJECTIONS
    for i in range(LOAD_MESSAGES):
        if i % every == 0 and i // every < LOAD_REJECTIONS:
            n = i // every
            raw = build(
                sender=f"Sam Ode{n} <sam.ode{n}@employer{n}.example>",
                to=PERSONA["addresses"][0],
                msgid=f"<load-rej{n}@employer{n}.example>",
                subject="Your interview",
                body="Thank you for speaking with me last week. We have decided to move "
                "forward with other candidates for this role.",
            )
        else:
            raw = build(
                sender=f"News {i} <news@letters{i % 50}.example>",
                to=PERSONA["addresses"][0],
                msgid=f"<load{i}@letters.example>",
                subject=f"Issue {i}",
                body="This week in data: pipelines. " * 20,
            )
        c.append("INBOX", raw)
    c.logout()
    cfg = config(tmp_path, dovecot, user, smtp, "load")
    start = time.monotonic()
    # The service's own peak RSS, and the largest of its fetch workers'.
    run, peak_mb, worker_mb = run_measured("--verbose", "run", "--once", "--config", str(cfg))
    assert run.returncode == 0, run.stderr
    assert "fetch worker" in run.stderr  # a backlog this long is fetched by workers
    took = time.monotonic() - start
    assert subprocess.run(cmd(cfg, "run", "--once"), cwd=ROOT, check=False).returncode == 0
    db = sqlite3.connect(tmp_path / "load.sqlite3")
    messages = db.execute("SELECT count(*) FROM messages").fetchone()[0]
    detections = db.execute("SELECT count(*) FROM detections").fetchone()[0]
    drafts = db.execute("SELECT count(*) FROM drafts").fetchone()[0]
    db.close()
    assert (messages, detections, drafts) == (LOAD_MESSAGES, LOAD_REJECTIONS, LOAD_REJECTIONS)
    assert subprocess.run(cmd(cfg, "digest", "--send-now"), cwd=ROOT, check=False).returncode == 0
    digests = [m.message for m in smtp.messages if m.message["X-Debrief-Digest"]]
    assert len(digests) == 1
    text = digests[0].get_body(("plain",)).get_content()
    # Bounded (max_items, default 25): the rest are counted, never dropped.
    assert text.count("\n=== ") == 25
    assert f"This digest shows 25 of {LOAD_REJECTIONS} drafts" in text
    assert len(digests[0].as_bytes()) < 250_000  # far below any SMTP size limit
    # The service and its two workers, RSS. Each process holds the rules (loaded
    # and indexed: 19.9 MB at the start of session 17, 24.5 MB after its
    # paradigm work added some 200 patterns; session 18's decision families,
    # some 35 sentence-scoped rules, added about 2 MB of Python objects and
    # 5 MB RSS per process: 92 + 2 x 81 -> 98 + 2 x 86 MB), so this sanity
    # bound grew with them, from 250 and 265: the memory target itself is
    # benchmarks/service.py's.
    assert peak_mb + 2 * worker_mb < 285
    trust.add(runs=2, inputs_tried=LOAD_MESSAGES)
    trust.report(
        f"[load] {LOAD_MESSAGES} messages, {LOAD_REJECTIONS} rejections: "
        f"{took:.0f} s, peak RSS {peak_mb:.0f} MB (+ workers {worker_mb:.0f} MB each at "
        f"most), one digest for {drafts} drafts ({len(digests[0].as_bytes()) // 1024} KiB)"
    )


def test_disk_full_during_commit_leaves_no_half_state_and_retry_works(
    dovecot: Dovecot, smtp_server: SmtpServer, tmp_path: Path
) -> None:
    smtp = smtp_server  # the shared fixture: STARTTLS + AUTH, recording
    user = dovecot.add_user()
    seed(dovecot, user)
    cfg = config(tmp_path, dovecot, user, smtp, "full")
    ref = config(tmp_path, dovecot, user, smtp, "ref")
    assert subprocess.run(cmd(ref, "run", "--once"), cwd=ROOT, check=False).returncode == 0
    # The store exists (schema created); the disk then fills up during processing.
    assert subprocess.run(cmd(cfg, "queue", "list"), cwd=ROOT, check=False).returncode == 0
    failed = subprocess.run(
        cmd(cfg, "run", "--once"),
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "DEBRIEF_FAULT": "disk_full"},
    )
    assert failed.returncode == 75, failed.stderr
    assert "database or disk is full" in failed.stderr
    assert "Traceback" not in failed.stderr
    detections, drafts = snapshot(tmp_path / "full.sqlite3")
    assert (detections, drafts) == (set(), set())  # nothing half-written
    assert subprocess.run(cmd(cfg, "run", "--once"), cwd=ROOT, check=False).returncode == 0
    assert snapshot(tmp_path / "full.sqlite3") == snapshot(tmp_path / "ref.sqlite3")


def test_a_database_damaged_under_the_running_service_stops_it_with_exit_65(
    dovecot: Dovecot, smtp_server: SmtpServer, tmp_path: Path
) -> None:
    """Damage found while the service runs (the store answers "malformed") is
    bad data, not a bug: one critical line and 65, which systemd's
    RestartPreventExitStatus keeps from restarting on it again and again."""
    user = dovecot.add_user()
    seed(dovecot, user)
    cfg = config(tmp_path, dovecot, user, smtp_server, "damaged")
    assert subprocess.run(cmd(cfg, "queue", "list"), cwd=ROOT, check=False).returncode == 0
    proc = _serve(cfg, DEBRIEF_FAULT="db_corrupt")
    try:
        assert proc.wait(timeout=60) == 65
    finally:
        if proc.poll() is None:
            proc.kill()
    err = proc.stderr.read() if proc.stderr else ""
    assert "state database is damaged" in err and "malformed" in err
    assert "Traceback" not in err and "internal error" not in err
    trust.add(runs=1, faults_injected=1)


def test_a_disk_full_at_the_batch_commit_quarantines_nothing(
    dovecot: Dovecot, smtp_server: SmtpServer, tmp_path: Path
) -> None:
    """The disk fills exactly when a batch commits, pass after pass: not the
    messages' fault, so no failed attempt counts against them (three would
    quarantine a whole batch of good mail)."""
    user = dovecot.add_user()
    seed(dovecot, user)
    ref = config(tmp_path, dovecot, user, smtp_server, "ref")
    assert subprocess.run(cmd(ref, "run", "--once"), cwd=ROOT, check=False).returncode == 0
    cfg = config(tmp_path, dovecot, user, smtp_server, "full")
    env = {**os.environ, "DEBRIEF_FAULT": "batch_disk_full"}
    for _ in range(4):
        failed = subprocess.run(
            cmd(cfg, "run", "--once"), cwd=ROOT, env=env, capture_output=True, text=True
        )
        assert failed.returncode == 75, failed.stderr
    assert _rows(tmp_path / "full.sqlite3", "SELECT * FROM troubles") == []
    assert subprocess.run(cmd(cfg, "run", "--once"), cwd=ROOT, check=False).returncode == 0
    assert snapshot(tmp_path / "full.sqlite3") == snapshot(tmp_path / "ref.sqlite3")
    trust.add(runs=5, faults_injected=4)


# --- network and storage faults at precise moments -------------------------------


def _serve(cfg: Path, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        cmd(cfg, "run"),
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait(predicate: object, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return True
        time.sleep(0.2)
    return False


def _rows(db_path: Path, sql: str) -> list[tuple[object, ...]]:
    try:
        db = sqlite3.connect(db_path, timeout=5)
        try:
            return list(db.execute(sql))
        finally:
            db.close()
    except sqlite3.Error:
        return []


def test_imap_restart_during_fetch_and_a_storage_outage_in_the_service(
    dovecot: Dovecot, smtp_server: SmtpServer, tmp_path: Path
) -> None:
    smtp = smtp_server  # the shared fixture: STARTTLS + AUTH, recording
    user = dovecot.add_user()
    seed(dovecot, user)
    ref = config(tmp_path, dovecot, user, smtp, "ref")
    assert subprocess.run(cmd(ref, "run", "--once"), cwd=ROOT, check=False).returncode == 0
    expected = snapshot(tmp_path / "ref.sqlite3")

    # 1. Dovecot restarts while debrief holds a fetched, unprocessed batch.
    live = config(tmp_path, dovecot, user, smtp, "live")
    mark = tmp_path / "paused"
    proc = _serve(
        live,
        DEBRIEF_PAUSE="after_fetch",
        DEBRIEF_PAUSE_MARK=str(mark),
        DEBRIEF_PAUSE_SECONDS="3",
    )
    try:
        assert _wait(mark.exists, 30)
        dovecot.restart()
        assert _wait(
            lambda: (
                len(_rows(tmp_path / "live.sqlite3", "SELECT 1 FROM drafts")) == len(expected[1])
            ),
            60,
        )
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=15)
    assert snapshot(tmp_path / "live.sqlite3") == expected
    trust.add(runs=1, faults_injected=1)

    # 2. The disk is full for a while: the service stays up, writes nothing, then recovers.
    full = config(tmp_path, dovecot, user, smtp, "full")
    assert subprocess.run(cmd(full, "queue", "list"), cwd=ROOT, check=False).returncode == 0
    flag = tmp_path / "disk-is-full"
    flag.write_text("1")
    proc = _serve(full, DEBRIEF_FAULT="disk_full", DEBRIEF_FAULT_WHILE=str(flag))
    try:
        time.sleep(4)
        assert proc.poll() is None, "the service died on a full disk"
        assert _rows(tmp_path / "full.sqlite3", "SELECT 1 FROM detections") == []
        flag.unlink()
        assert _wait(
            lambda: (
                len(_rows(tmp_path / "full.sqlite3", "SELECT 1 FROM drafts")) == len(expected[1])
            ),
            60,
        )
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=15)
        err = proc.stderr.read() if proc.stderr else ""
    assert "database or disk is full" in err and "retrying" in err
    assert snapshot(tmp_path / "full.sqlite3") == expected
    trust.add(runs=1, faults_injected=1)


def test_imap_restart_during_the_sent_append_still_sends_once(
    dovecot: Dovecot, smtp_server: SmtpServer, tmp_path: Path
) -> None:
    smtp = smtp_server  # the shared fixture: STARTTLS + AUTH, recording
    user = dovecot.add_user()
    seed(dovecot, user)
    cfg = config(tmp_path, dovecot, user, smtp, "append")
    assert subprocess.run(cmd(cfg, "run", "--once"), cwd=ROOT, check=False).returncode == 0
    draft_id = _rows(
        tmp_path / "append.sqlite3", "SELECT id FROM drafts WHERE state = 'pending' LIMIT 1"
    )[0][0]
    assert (
        subprocess.run(
            cmd(cfg, "queue", "approve", str(draft_id)), cwd=ROOT, check=False
        ).returncode
        == 0
    )
    mark = tmp_path / "paused"
    proc = subprocess.Popen(
        cmd(cfg, "run", "--once"),
        cwd=ROOT,
        env={
            **os.environ,
            "DEBRIEF_PAUSE": "before_sent_append",
            "DEBRIEF_PAUSE_MARK": str(mark),
            "DEBRIEF_PAUSE_SECONDS": "3",
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert _wait(mark.exists, 30)
    dovecot.restart()
    proc.wait(timeout=60)
    state = _rows(tmp_path / "append.sqlite3", f"SELECT state FROM drafts WHERE id = {draft_id}")[
        0
    ][0]
    assert state == "sent"
    assert sum(1 for m in smtp.messages if m.message["X-Debrief-Draft"]) == 1
    assert subprocess.run(cmd(cfg, "run", "--once"), cwd=ROOT, check=False).returncode == 0
    assert sum(1 for m in smtp.messages if m.message["X-Debrief-Draft"]) == 1
    trust.add(runs=3, faults_injected=1)
