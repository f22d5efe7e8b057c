"""Store queries that run for every incoming message."""

from __future__ import annotations

import fcntl
import os
import stat
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from daemon.store import LOCK_WAIT, Checkpoint, Contact, ServiceStatus, Store, StoreLocked


def _detection(store: Store, key: str, domains: list[str], company: str = "Acme") -> int:
    store.record_message(key, "INBOX", 1, "rejection", ())
    return store.add_detection(
        message_key=key,
        company=company,
        position=None,
        stage="interview",
        score=7.0,
        explanation="test",
        employer_domains=domains,
        rejected_at=datetime(2026, 3, 2, tzinfo=UTC),
    )


def _draft(store: Store, detection_id: int, recipient: str) -> int:
    return store.add_draft(
        detection_id=detection_id,
        recipient=recipient,
        recipient_name="",
        subject="s",
        body="b",
        due_at=datetime(2026, 3, 5, tzinfo=UTC),
        in_reply_to=None,
        references=[],
        message_id=f"<{recipient}@debrief.invalid>",
        token=recipient,
        language="en",
    )


def test_open_drafts_for_matches_recipient_or_whole_employer_domain(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "s.sqlite3", service=False)
    with store.transaction():
        acme = _detection(store, "<r1@acme.example>", ["acme.example", "talentloop.example"])
        other = _detection(store, "<r2@beta.example>", ["beta.example"])
        a = _draft(store, acme, "dana@acme.example")
        b = _draft(store, other, "kim@beta.example")
        done = _draft(store, other, "lee@beta.example")
        store.apply(done, "cancel", "test", reason="test")

    def ids(domains: list[str], address: str | None) -> list[int]:
        return [d.id for d in store.open_drafts_for(domains, address)]

    assert ids(["acme.example"], None) == [a]
    assert ids(["talentloop.example"], "x@y.example") == [a]
    assert ids([], "kim@beta.example") == [b]
    assert ids(["beta.example"], "dana@acme.example") == [a, b]  # closed drafts never
    assert ids(["me.example", "acme", "example"], None) == []  # whole domains only
    assert ids([], None) == []


def test_one_follow_up_per_interviewer_per_employer_however_the_company_is_named(
    tmp_path: Path,
) -> None:
    store = Store.open(tmp_path / "s.sqlite3", service=False)
    with store.transaction():
        first = _detection(store, "<r1@acme.example>", ["acme.example"], company="Acme")
        _draft(store, first, "dana@acme.example")

    def followed(company: str | None, domains: list[str]) -> bool:
        return store.already_followed("dana@acme.example", company, domains)

    assert followed("Acme", [])
    assert followed("ACME", ["elsewhere.example"])  # the name in any case
    # The ATS mail names it "Acme Robotics GmbH", the recruiter's "Acme":
    # one employer all the same, by its domain.
    assert followed("Acme Robotics GmbH", ["acme.example"])
    assert not followed("Beta", ["beta.example"])  # another employer: may follow up
    assert not store.already_followed("kim@acme.example", "Acme", ["acme.example"])


def test_sent_draft_answered_by_its_recipient_or_its_thread(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "s.sqlite3", service=False)
    with store.transaction():
        acme = _detection(store, "<r1@acme.example>", ["acme.example"])
        sent = _draft(store, acme, "dana@acme.example")
        _draft(store, acme, "kim@acme.example")  # pending: never "answered"
        for event in ("approve", "send", "delivered"):
            store.apply(sent, event, "test")

    def answered(sender: str, refs: list[str]) -> int | None:
        d = store.sent_draft_answered(sender, refs)
        return d.id if d else None

    assert answered("dana@acme.example", []) == sent
    assert answered("hr@acme.example", ["<x@y>", "<dana@acme.example@debrief.invalid>"]) == sent
    assert answered("kim@acme.example", ["<kim@acme.example@debrief.invalid>"]) is None  # not sent
    assert answered("hr@acme.example", []) is None


def test_seen_of_answers_like_seen_for_a_batch(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "s.sqlite3", service=False)
    recorded = [f"<{i}@x.example>" for i in range(0, 1200, 2)]
    with store.transaction():
        for key in recorded:
            store.record_message(key, "INBOX", 1, "other", ())
    asked = [f"<{i}@x.example>" for i in range(1200)]  # more than one query's worth
    assert store.seen_of(asked) == {k for k in asked if store.seen(k)} == set(recorded)
    assert store.seen_of([]) == set()


def test_draft_keys_hold_everything_the_per_message_queries_match_on(tmp_path: Path) -> None:
    """The service skips both per-message queries for mail none of whose
    values is a draft key: so whatever one query matches on is a key."""
    store = Store.open(tmp_path / "s.sqlite3", service=False)
    with store.transaction():
        acme = _detection(store, "<r1@acme.example>", ["acme.example", "talentloop.example"])
        bare = _detection(store, "<r2@beta.example>", ["beta.example"])  # no draft: no keys
        sent = _draft(store, acme, "dana@acme.example")
        _draft(store, acme, "kim@acme.example")
        for event in ("approve", "send", "delivered"):
            store.apply(sent, event, "test")
    keys = store.draft_keys()
    assert "beta.example" not in keys
    probes = {
        "dana@acme.example",
        "kim@acme.example",
        "acme.example",
        "talentloop.example",
        "beta.example",
        "<dana@acme.example@debrief.invalid>",
        "<kim@acme.example@debrief.invalid>",
        "hr@acme.example",
        "<x@y>",
    }
    for v in probes:
        matched = bool(store.open_drafts_for([v], v)) or store.sent_draft_answered(v, [v])
        assert not matched or v in keys, v
    assert (
        bare and {"dana@acme.example", "acme.example", "<kim@acme.example@debrief.invalid>"} <= keys
    )


def test_mail_concerning_no_draft_is_not_looked_up(tmp_path: Path) -> None:
    """Inside a batch, a message whose sender, domain and references are no
    draft's costs no draft query; one from an interviewer still cancels."""
    from daemon import config, rules
    from daemon.message import parse
    from daemon.policy import FollowUps
    from tests.mail import build

    cfg_path = tmp_path / "c.toml"
    cfg_path.write_text('[identity]\naddresses = ["me@home.example"]\n')
    store = Store.open(tmp_path / "s.sqlite3", service=False)
    with store.transaction():
        draft = _draft(
            store, _detection(store, "<r@acme.example>", ["acme.example"]), "dana@acme.example"
        )
    followups = FollowUps(config.load(cfg_path), store, rules.load([]).senders)
    later = datetime(2026, 3, 9, 10, tzinfo=UTC)
    stranger = parse(build(sender="Pat <pat@elsewhere.example>", date=later, msgid="<1@e.example>"))
    dana = parse(build(sender="Dana <dana@acme.example>", date=later, msgid="<2@acme.example>"))
    statements: list[str] = []
    with store.transaction(), followups.batch():
        store.db.set_trace_callback(statements.append)
        followups.feedback(stranger)
        followups.cancellations(stranger, own=False)
        assert statements == []
        followups.cancellations(dana, own=False)
        store.db.set_trace_callback(None)
    got = store.draft(draft)
    assert statements and got is not None and got.state == "cancelled"
    # The keys are kept between batches; a draft made through another
    # connection (the data version changes) is seen by the next batch.
    other = Store.open(tmp_path / "s.sqlite3", service=False)
    with other.transaction():
        theirs = _draft(other, _detection(other, "<r@e.example>", []), "pat@elsewhere.example")
    with store.transaction(), followups.batch():
        followups.cancellations(stranger, own=False)
    got = store.draft(theirs)
    assert got is not None and got.state == "cancelled"


def test_now_iso_is_the_current_second_in_utc() -> None:
    from daemon.store import now_iso

    before = datetime.now(UTC).replace(microsecond=0)
    stamp = datetime.fromisoformat(now_iso())
    after = datetime.now(UTC)
    assert before <= stamp <= after and stamp.tzinfo is not None
    assert now_iso(datetime(2026, 3, 2, 10, 0, 5, 999, tzinfo=UTC)) == "2026-03-02T10:00:05+00:00"


def test_a_service_waits_out_a_momentary_lock_probe_but_not_a_running_service(
    tmp_path: Path,
) -> None:
    """`debrief status` holds the lock for an instant to see whether a
    service runs; a service starting then waits for it. A lock that stays
    held (another service) is still refused, after the short wait."""
    path = tmp_path / "state.sqlite3"
    probe = os.open(str(path) + ".lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)
        threading.Timer(0.3, fcntl.flock, (probe, fcntl.LOCK_UN)).start()
        with Store.open(path):
            pass
        fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)  # held for good now
        start = time.monotonic()
        with pytest.raises(StoreLocked, match="another debrief is already using this state"):
            Store.open(path)
        assert LOCK_WAIT <= time.monotonic() - start < LOCK_WAIT + 1
    finally:
        os.close(probe)


def test_state_is_private_to_its_owner(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """A new state is created 0600 in a 0700 directory; a pre-existing wider
    directory or file is narrowed at start, with a warning."""
    fresh = tmp_path / "fresh" / "state.sqlite3"
    with Store.open(fresh):
        pass
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o600
    assert stat.S_IMODE(fresh.parent.stat().st_mode) == 0o700
    for f in fresh.parent.iterdir():
        assert stat.S_IMODE(f.stat().st_mode) & 0o077 == 0, f

    wide = tmp_path / "wide"
    wide.mkdir(mode=0o755)
    wide.chmod(0o755)
    db = wide / "state.sqlite3"
    with Store.open(db):
        pass
    db.chmod(0o644)
    with caplog.at_level("WARNING", logger="debrief"), Store.open(db):
        pass
    assert stat.S_IMODE(wide.stat().st_mode) == 0o700
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    assert "readable by others (mode 0644)" in caplog.text


def test_a_shared_state_directory_is_warned_about_not_changed(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A directory other software uses too (a mail server's, say) keeps its
    mode; the state files in it are still made private."""
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o755)
    (shared / "dovecot.conf").write_text("x")
    with caplog.at_level("WARNING", logger="debrief"), Store.open(shared / "state.sqlite3"):
        pass
    assert stat.S_IMODE(shared.stat().st_mode) == 0o755
    assert stat.S_IMODE((shared / "state.sqlite3").stat().st_mode) == 0o600
    assert "is shared and readable by others" in caplog.text


def test_marks_between_runs_have_typed_methods_and_no_other_key(tmp_path: Path) -> None:
    """The meta table's marks: the digest schedule and its retry, the first
    run's cut-off (fixed once), the service's report; a key the schema does
    not name is refused."""
    t = datetime(2026, 3, 2, 9, tzinfo=UTC)
    with Store.open(tmp_path / "s.sqlite3", service=False) as store:
        assert store.digest_anchor() is None and store.digest_retry_at() is None
        store.start_digest_schedule(t)
        store.set_digest_retry(t + timedelta(minutes=30))
        assert store.digest_anchor() == t
        assert store.digest_retry_at() == t + timedelta(minutes=30)
        store.digest_handled(t + timedelta(hours=1))
        assert store.digest_anchor() == t + timedelta(hours=1)
        assert store.digest_retry_at() is None

        store.fix_backfill_since(t)
        store.fix_backfill_since(t + timedelta(days=1))
        assert store.backfill_since() == t
        store.set_clock_high(t + timedelta(days=900))
        store.reset_times_after(t + timedelta(hours=2))
        assert store.clock_high() == t + timedelta(hours=2)
        assert store.backfill_since() == t and store.digest_anchor() == t + timedelta(hours=1)

        store.service_stopped()  # never reported: nothing to mark stopped
        assert store.service_status() == ServiceStatus(None, None, None, None)
        store.set_service_status(mode="idle", pid="7", last_sync="never", last_error="x")
        store.set_service_status(mode="polling", pid="7", last_sync="2026-03-02T09:00:00+00:00")
        assert store.service_status() == ServiceStatus(
            "polling", "7", "2026-03-02T09:00:00+00:00", "x"
        )
        store.service_stopped()
        assert store.service_status().mode == "stopped"

        with pytest.raises(ValueError, match="unknown meta key 'nope'"):
            store._meta("nope")  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="unknown meta key"), store.transaction():
            store._set_meta("service_moods", "idle")  # type: ignore[arg-type]


def test_the_queries_other_modules_ask_have_methods(tmp_path: Path) -> None:
    """What outbox.py, policy.py, `debrief status` and the demo read and
    write through the store: checkpoints, detections with their contacts
    and drafts, a draft's send retries, and what a digest showed."""
    t = datetime(2026, 3, 2, 9, tzinfo=UTC)
    with Store.open(tmp_path / "s.sqlite3", service=False) as store:
        with store.transaction():
            store.set_checkpoint("Sent", 7, 40)
            store.set_checkpoint("INBOX", 3, 12)
            acme = _detection(store, "<r@acme.example>", ["acme.example"])
            store.add_contact(acme, "kim@acme.example", "Kim", "calendar attendee")
            store.add_contact(acme, "dana@acme.example", "Dana", "wrote to you")
            kim = _draft(store, acme, "kim@acme.example")
            dana = _draft(store, acme, "dana@acme.example")
        assert [(c.folder, c.uidvalidity, c.last_uid) for c in store.checkpoints()] == [
            ("INBOX", 3, 12),
            ("Sent", 7, 40),
        ]
        assert all(isinstance(c, Checkpoint) and c.synced_at for c in store.checkpoints())
        (det,) = store.detections()
        assert (det.id, det.message_key, det.company, det.stage) == (
            acme,
            "<r@acme.example>",
            "Acme",
            "interview",
        )
        assert store.rejected_at(acme) == datetime(2026, 3, 2, tzinfo=UTC)
        assert store.rejected_at(acme + 1) is None
        assert store.contacts(acme) == [
            Contact("dana@acme.example", "Dana", "wrote to you"),
            Contact("kim@acme.example", "Kim", "calendar attendee"),
        ]
        assert [d.id for d in store.drafts_of(acme)] == [dana, kim]

        with store.transaction():
            store.apply(kim, "approve", "test", approved_hash="h")
            for _ in range(2):
                store.apply(kim, "send", "test")
                store.apply(kim, "retry", "test", due_at=t)
        assert store.send_tries(kim) == 2 and store.send_tries(dana) == 0

        with store.transaction():
            digest = store.add_digest(
                token="tok",
                message_id="<d@debrief.invalid>",
                subject="s",
                sent_at=t,
                expires_at=t + timedelta(days=7),
                items={dana: "hash-dana", kim: "hash-kim"},
            )
            store.digest_answered(digest, t + timedelta(hours=1))
            store.digest_answered(digest, t + timedelta(hours=2))  # the first answer stays
            store.set_digest_item_hash(digest, kim, "hash-edited")
        assert store.digest_shown(digest) == [dana, kim]
        assert store.digest_item_hash(digest, kim) == "hash-edited"
        assert store.digest_item_hash(digest, dana) == "hash-dana"
        (ref,) = store.digest_refs()
        assert ref.used_at == t + timedelta(hours=1)
