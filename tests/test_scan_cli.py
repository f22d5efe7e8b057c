"""`debrief scan` and `debrief rules ...` end to end: files, Maildir, real IMAP."""

from __future__ import annotations

import json
import mailbox
from pathlib import Path

import pytest

from daemon.cli import main
from daemon.devservers.dovecot import Dovecot, User
from daemon.errors import EX_CONFIG, EX_USAGE
from tests.configs import Identity, write_config
from tests.mailboxes import LABELS, PERSONA, PRIYA, client, seed

ME = PERSONA["addresses"]
KEYS = [
    "message_id",
    "rejection",
    "stage",
    "category",
    "score",
    "rules",
    "company",
    "position",
    "interviewers",
]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def me_args() -> list[str]:
    return [x for a in ME for x in ("--me", a)]


def lines(out: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


@pytest.fixture
def no_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DEBRIEF_CONFIG", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))


def test_scan_json_on_mbox(capsys: pytest.CaptureFixture[str], no_config: None) -> None:
    status, out, _ = run(
        capsys, "scan", *me_args(), "--json", str(PRIYA / "inbox.mbox"), str(PRIYA / "sent.mbox")
    )
    assert status == 0
    found = lines(out)
    expected = {k for k, v in LABELS.items() if str(v["category"]).startswith("rejection")}
    assert {f["message_id"] for f in found} == expected
    for f in found:
        assert list(f)[: len(KEYS)] == KEYS
        assert f["rejection"] is True and f["category"] == "rejection"
        label = LABELS[f["message_id"]]  # type: ignore[index]
        assert f["stage"] == (
            "interview" if label["category"] == "rejection_after_interview" else "application"
        )
        assert f["interviewers"] == sorted(label["interviewers"])
        assert all(a == a.lower() for a in f["interviewers"])  # type: ignore[attr-defined]


def test_scan_all_lists_every_received_message(
    capsys: pytest.CaptureFixture[str], no_config: None
) -> None:
    status, out, _ = run(
        capsys,
        "scan",
        *me_args(),
        "--all",
        "--json",
        str(PRIYA / "inbox.mbox"),
        str(PRIYA / "sent.mbox"),
    )
    assert status == 0
    found = lines(out)
    assert len(found) == len(LABELS)  # sent mail is history, never listed
    assert {f["category"] for f in found} >= {"rejection", "application_received", "other"}


def test_scan_table_explains(capsys: pytest.CaptureFixture[str], no_config: None) -> None:
    status, out, _ = run(capsys, "scan", *me_args(), str(PRIYA / "inbox.mbox"))
    assert status == 0
    assert "why: " in out and "interviewers:" in out and "stage: interview" in out


def _maildir(tmp_path: Path, raws: list[bytes]) -> Path:
    box = mailbox.Maildir(tmp_path / "md", create=True)
    for raw in raws:
        box.add(raw)
    return tmp_path / "md"


def test_scan_maildir_and_eml_match_mbox(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], no_config: None
) -> None:
    raws = [m.as_bytes() for m in mailbox.mbox(PRIYA / "inbox.mbox")]
    md = _maildir(tmp_path, raws)
    sent = tmp_path / "sent"
    sent_box = mailbox.Maildir(sent, create=True)
    for m in mailbox.mbox(PRIYA / "sent.mbox"):
        sent_box.add(m.as_bytes())
    _, out_md, _ = run(capsys, "scan", *me_args(), "--json", str(md), str(sent))
    _, out_mbox, _ = run(
        capsys, "scan", *me_args(), "--json", str(PRIYA / "inbox.mbox"), str(PRIYA / "sent.mbox")
    )
    strip = lambda out: sorted(  # noqa: E731
        json.dumps({k: v for k, v in f.items() if k != "origin"}) for f in lines(out)
    )
    assert strip(out_md) == strip(out_mbox)
    rejection = next(r for r in raws if b"decidido seguir adelante" in r or b"seguir adelante" in r)
    eml = tmp_path / "one.eml"
    eml.write_bytes(rejection)
    status, out, _ = run(capsys, "scan", *me_args(), "--json", str(eml))
    assert status == 0 and len(lines(out)) == 1


def test_malformed_mail_is_reported_and_scan_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], no_config: None
) -> None:
    good = (
        b"From: Dana <dana@acme.example>\r\nSubject: Your application\r\nMessage-ID: <g@x>\r\n\r\n"
        b"Thank you for applying. We will not be moving forward with your application.\r\n"
    )
    bad = [
        b"From: a@b@c\r\nSubject: We decided\r\n\r\nWe will not be moving forward with your application.\r\n",
        b"From: x@y.example(<evil@z.example>\r\nMessage-ID: <e@x>\r\n\r\nhello\x00world\r\n",
        b"\x00\x01\x02 not mail at all",
        b"From: a@b.example\r\nMessage-ID: <p@x>\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n'
        + b"--b\r\nContent-Type: text/plain; charset=bogus-8\r\n\r\n\xff\xfe\r\n"
        * 2000,
        b"From: a@b.example\r\nMessage-ID: <c@x>\r\nContent-Type: text/calendar\r\n\r\nBEGIN:VEVENT\r\nATTENDEE:\r\n",
    ]
    md = _maildir(tmp_path, [*bad, good])
    status, out, _ = run(capsys, "scan", "--me", "me@example.org", "--all", "--json", str(md))
    assert status == 0
    found = lines(out)
    assert len(found) == len(bad) + 1
    assert sum(1 for f in found if f.get("problems")) >= 4
    assert any(f["message_id"] == "<g@x>" and f["rejection"] for f in found)
    # The rejection from an unparseable sender is still detected, with nobody to write to.
    broken = next(f for f in found if f["rejection"] and f["message_id"] != "<g@x>")
    assert broken["interviewers"] == []


def test_scan_needs_identity(capsys: pytest.CaptureFixture[str], no_config: None) -> None:
    status, _, err = run(capsys, "scan", str(PRIYA / "inbox.mbox"))
    assert status == EX_USAGE
    assert "--me" in err


def test_scan_missing_source(capsys: pytest.CaptureFixture[str], no_config: None) -> None:
    status, _, err = run(capsys, "scan", "--me", "a@b.example", "/nonexistent.mbox")
    assert status != 0 and "no such file" in err


# ---------------------------------------------------------------------------
# IMAP, read-only, against the real Dovecot


def _imap_config(tmp_path: Path, dovecot: Dovecot, user: User) -> Path:
    """Priya's addresses alone (no name, no time zone), her mailbox over IMAP
    with its Sent folder and the default timeout, the managed rules in
    tmp_path; no state."""
    return write_config(
        tmp_path,
        dovecot,
        user,
        me=Identity(tuple(ME)),
        imap={"timeout": None, "sent_folder": "Sent"},
        watch={},
        state=None,
        rules={"managed_file": f"{tmp_path}/managed.toml"},
    )


def test_scan_imap_is_read_only_and_matches_local(
    dovecot: Dovecot, imap_user: User, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed(dovecot, imap_user)
    c = client(dovecot, imap_user)
    cfg = _imap_config(tmp_path, dovecot, imap_user)
    status, out, err = run(
        capsys, "scan", "--config", str(cfg), "--json", "imap:INBOX", "imap:Sent"
    )
    assert status == 0, err
    got = {f["message_id"]: f["interviewers"] for f in lines(out)}
    expected = {
        k: v["interviewers"]
        for k, v in LABELS.items()
        if str(v["category"]).startswith("rejection")
    }
    assert got == expected
    c.select_folder("INBOX", readonly=True)
    flags = c.get_flags(c.search("ALL"))
    assert all(b"\\Seen" not in f for f in flags.values()), "scan marked mail as read"
    c.logout()


def test_scan_imap_wrong_password_is_one_line(
    dovecot: Dovecot, imap_user: User, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cfg = _imap_config(tmp_path, dovecot, imap_user)
    cfg.write_text(cfg.read_text().replace(imap_user.password, "wrong-password-123"))
    status, out, err = run(capsys, "scan", "--config", str(cfg), "--json", "imap:INBOX")
    assert status == 77
    assert "login refused" in err and "wrong-password-123" not in err + out


def test_scan_imap_untrusted_certificate_refused(
    dovecot: Dovecot, imap_user: User, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cfg = _imap_config(tmp_path, dovecot, imap_user)
    cfg.write_text(cfg.read_text().replace(f'ca_file = "{dovecot.cert}"\n', ""))
    status, _, err = run(capsys, "scan", "--config", str(cfg), "--json", "imap:INBOX")
    assert status == 75
    assert "certificate not trusted" in err


# ---------------------------------------------------------------------------
# Tuning


def _config(tmp_path: Path) -> Path:
    cfg = tmp_path / "config.toml"
    cfg.write_text(
        "# my comments stay\n"
        f'[identity]\naddresses = {json.dumps(ME)}\n[rules]\nmanaged_file = "{tmp_path}/managed.toml"\n'
    )
    return cfg


def test_rules_test_and_compare(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cfg = _config(tmp_path)
    sources = [str(PRIYA / "inbox.mbox"), str(PRIYA / "sent.mbox")]
    status, out, _ = run(capsys, "rules", "test", "--config", str(cfg), *sources)
    assert status == 0
    total = sum(1 for v in LABELS.values() if str(v["category"]).startswith("rejection"))
    assert f"{total} rejection(s)" in out
    change = tmp_path / "change.toml"
    change.write_text('[disable]\nids = ["en.rejection.not-proceeding"]\n')
    status, out, _ = run(
        capsys, "rules", "test", "--config", str(cfg), "--compare", str(change), *sources
    )
    assert status == 0
    assert "- " in out and "dropped" in out
    assert "0 dropped" not in out
    status, out, _ = run(capsys, "rules", "test", "--config", str(cfg), "--since", "30d", *sources)
    assert status == 0 and "0 rejection(s) in 0 received" in out  # the corpus is from 2024


def test_rules_edits_go_to_managed_file_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cfg = _config(tmp_path)
    before = cfg.read_text()
    managed = tmp_path / "managed.toml"
    assert (
        run(
            capsys,
            "rules",
            "add-phrase",
            "--config",
            str(cfg),
            "we shall not pursue your candidacy",
        )[0]
        == 0
    )
    assert run(capsys, "rules", "ignore-sender", "--config", str(cfg), "@bank.example")[0] == 0
    assert run(capsys, "rules", "disable", "--config", str(cfg), "en.offer")[0] == 0
    assert cfg.read_text() == before
    text = managed.read_text()
    assert "we shall not pursue your candidacy" in text and "bank.example" in text
    assert 'ids = [\n    "en.offer",\n]' in text or '"en.offer"' in text
    status, out, _ = run(capsys, "rules", "check", "--config", str(cfg))
    assert status == 0, out
    from daemon import config, rules

    c = config.load(cfg)
    rs = rules.load(c.rules.paths, managed=c.rules.managed_file)
    assert rs.by_id("en.offer") is None
    assert any(r.id.startswith("user.rejection.") for r in rs.rules)
    assert any(h.kind == "non_job" for h in rs.evaluate({"from_domain": "bank.example"}))
    status, _, err = run(capsys, "rules", "disable", "--config", str(cfg), "no.such.rule")
    assert status != 0 and "no rule with id" in err


def test_broken_user_rule_file_exits_78(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "mine.toml"
    bad.write_text('[[rule]]\nid = "x"\nkind = "rejection"\nphrases = ["a"]\nwieght = 3\n')
    cfg = tmp_path / "config.toml"
    cfg.write_text(f'[identity]\naddresses = ["a@b.example"]\n[rules]\npaths = ["{bad}"]\n')
    status, _, err = run(capsys, "rules", "check", "--config", str(cfg))
    assert status == EX_CONFIG
    assert f'{bad}: [[rule]] "x" wieght: unknown key' in err


def test_rules_test_with_labels_scores_the_users_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], no_config: None
) -> None:
    """A user's own labels: figures, each miss with its reasons, and a user rule
    that fixes a miss is measured, not guessed."""
    sources = [str(PRIYA / "inbox.mbox"), str(PRIYA / "sent.mbox")]
    labels = dict(LABELS)
    # Say one acknowledgement is a rejection: the rules now miss it.
    ack = next(k for k, v in LABELS.items() if v["category"] == "application_received")
    labels[ack] = {"rejection": True, "lang": "en"}
    file = tmp_path / "labels.json"
    file.write_text(json.dumps(labels))
    status, out, _ = run(capsys, "rules", "test", *me_args(), "--labels", str(file), *sources)
    total = sum(1 for v in LABELS.values() if str(v["category"]).startswith("rejection"))
    assert status == 0
    assert f"({total} found, 0 wrong, 1 missed)" in out
    assert f"missed: {ack}" in out
    assert "interviewer sets exact" in out and "drafts to wrong people 0" in out

    file.write_text(json.dumps({ack: 3}))
    status, _, err = run(capsys, "rules", "test", *me_args(), "--labels", str(file), *sources)
    assert status == EX_USAGE and f"label {ack}: expected true, false or a table" in err


@pytest.mark.parametrize(
    ("rule", "where", "problem"),
    [
        ('phrases = ["a"]\nfeild = "body"', "feild", "unknown key"),
        ("regex = ['(?:not']", "regex", "invalid regular expression"),
        ("regex = ['(?:x)?']", "regex", "matches an empty text"),
        ("regex = ['\\bUnfortunately']", "regex", "can never match"),
        (
            "regex = ['we regret']\nnot = [{ regex = ['we regret'] }]",
            "not",
            "the rule can never fire",
        ),
        (
            'phrases = ["sorry"]\nall = [{ phrases = ["offer"] }]\nnot = [{ phrases = ["offer", "x"] }]',
            "not",
            "not[0] excludes every match of all[0]",
        ),
    ],
)
def test_a_broken_rule_fails_rules_check_and_config_check_naming_file_rule_and_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], rule: str, where: str, problem: str
) -> None:
    bad = tmp_path / "mine.toml"
    bad.write_text(f'[[rule]]\nid = "mine.x"\nkind = "rejection"\n{rule}\n')
    cfg = tmp_path / "config.toml"
    cfg.write_text(f'[identity]\naddresses = ["a@b.example"]\n[rules]\npaths = ["{bad}"]\n')
    for command in (["rules", "check"], ["config", "check"]):
        status, _, err = run(capsys, *command, "--config", str(cfg))
        assert status == EX_CONFIG, command
        assert f'{bad}: [[rule]] "mine.x" {where}' in err and problem in err, err
