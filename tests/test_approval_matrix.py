"""Approving from a real mail client: the scenario matrix of issue #19.

Each row is a mail client's reply shape (tests/clients.py builds it byte for
byte) crossed with a scenario, run end to end: the mailbox of the `world`
fixture (Mia Lind's rejection; two drafts, to Mia and to Omar Lee) on a
real Dovecot, `debrief digest --send-now` and `debrief run --once` as the
user runs them, and a real aiosmtpd receiving everything debrief sends. A row
asserts what reached the SMTP server: which follow-ups went out (each
exactly once, with exactly the approved or edited text: the row ends with
one more pass that must send and answer nothing), the state of both drafts,
and every answer mail that reached the user (always the user's own address),
with its reason and, for a refusal, the lines to send instead. A refusal
debrief must not answer (mail that is not the user's, an automatic reply)
is reported in the next digest instead, and the row checks that digest.

Rows ("M" is Mia's draft, "O" Omar's; "answer" is debrief's mail to the user):

Normal replies, one per client shape
  gmail_approve_one_skip_one          Gmail              M sent; O skipped; answer lists both
  outlook_desktop_approve_all         Outlook desktop    M and O sent
  outlook_web_approve_two_numbers     Outlook web        "approve M O": both sent
  outlook_html_only_skip_and_approve  Outlook HTML-only  M sent; O skipped
  apple_flowed_approve_all_dot        Apple Mail flowed  "Approve all.": both sent
  apple_current_snooze_and_approve    Apple Mail         M sent; O snoozed three days
  ios_approve_one                     iOS Mail           M sent; O pending
  thunderbird_approve_m_and_o         Thunderbird        "approve M and O": both sent
  thunderbird_plain_skip_all          Thunderbird plain  nothing sent; both skipped

An edit (a long paragraph, a line starting "From ", umlauts), then approve
  outlook_html_only_edit              Outlook HTML-only  O sent as typed: paragraphs kept, not doubled
  apple_flowed_edit_delsp             Apple Mail flowed  O sent as typed: delsp=yes soft breaks joined
  thunderbird_flowed_edit             Thunderbird        O sent as typed: no 72-column hard wraps
  thunderbird_plain_edit              Thunderbird plain  the same, text/plain alone
  gmail_edit                          Gmail              O sent as typed
  outlook_desktop_edit_only           Outlook desktop    an edit alone sends nothing: O pending, new text

A second reply to the same digest
  gmail_typo_then_fixed               Gmail              "approve 9": refused, answered; then M sent
  outlook_desktop_two_goes            Outlook desktop    M in one reply, O in the next: both sent once
  apple_current_thanks_then_approve   Apple Mail         "Thanks!" consumes nothing; then M sent
  ios_approve_twice                   iOS Mail           the second "approve M" is a no-op: "already"
  thunderbird_skip_then_approve       Thunderbird        O skipped; approving it later: "already skipped"
  outlook_web_edit_then_approve       Outlook web        edit O, then "approve O" in a second reply: sent
  gmail_approve_all_after_one         Gmail              M sent, then "approve all": O sent, M not again
  gmail_same_reply_twice              Gmail              one reply delivered twice: read once

A reply to debrief's own answer (Gmail's Reply answers the newest mail)
  gmail_reply_to_confirmation         Gmail              answers the confirmation: M sent
  outlook_no_irt_reply_to_confirm     Outlook, no IRT    the same, threaded by Thread-Index only
  thunderbird_reply_to_no_commands    Thunderbird        answers "no commands found": both sent
  gmail_reply_to_refusal_answer       Gmail              plus-address refused, answered; reply to it: M

Outlook without In-Reply-To/References (Thread-Index only), token intact
  outlook_desktop_no_irt_approve      Outlook desktop    M sent
  outlook_desktop_it_no_irt_all       Outlook (it)       M and O sent
  outlook_web_no_irt_edit             Outlook web        O sent as edited
  outlook_html_only_no_irt_skip       Outlook HTML-only  M sent; O skipped
  outlook_no_irt_plus_address         Outlook desktop    alex+work@: refused, answered with the lines

X-Auto-Response-Suppress: All is not an automatic reply
  outlook_desktop_suppress_all        Outlook desktop    M sent
  outlook_web_suppress_all            Outlook web        M and O sent
  gmail_out_of_office_from_user       Gmail + OOF marks  refused, never answered; in the next digest

Refused, and the user told why with the lines to send instead
  gmail_plus_address                  Gmail              alex+phone@: nothing sent; answer, lines, CLI
  ios_plus_address_all                iOS Mail           "approve all" from a plus-address: "approve M O"
  apple_flowed_expired                Apple Mail flowed  expired token: nothing sent; answer, lines
  outlook_web_expired_edit            Outlook web        expired: the answer carries the edit block
  outlook_desktop_changed_draft       Outlook desktop    M changed since the digest: refused, answered
  thunderbird_changed_draft_all       Thunderbird        "approve all": O sent, changed M refused
  gmail_wrong_sender                  Gmail              eve@: nothing sent, no answer; next digest
  thunderbird_interviewer_replies     Thunderbird        Mia answers the digest: no answer; digest
  gmail_answers_rate_limited          Gmail              12 refused replies in a pass: 10 answers
  gmail_answers_never_answered        Gmail              answers in the inbox are never answered

Invisible characters at the start of (or inside) a command line
  gmail_zero_width_space              Gmail              U+200B before "approve M": M sent
  apple_current_bom                   Apple Mail         U+FEFF before each line: M sent, O skipped
  outlook_web_nbsp                    Outlook web        U+00A0 for spaces: both sent
  thunderbird_word_joiner             Thunderbird        U+2060, U+202F: O snoozed, M sent

The quoted digest (O's text holds "approve all" and "skip M") is never read
  outlook_desktop_it_quote            Outlook (it)       Da:/Inviato: block: M sent, O pending
  outlook_web_es_quote                Outlook web (es)   De:/Enviado el: block: the same
  outlook_html_only_pt_quote          Outlook HTML (pt)  De:/Enviado: block: the same
  outlook_desktop_nl_quote            Outlook (nl)       Van:/Verzonden: block: the same
  outlook_web_fr_quote                Outlook web (fr)   De :/Envoyé : block: the same
  outlook_html_only_de_quote          Outlook HTML (de)  Von:/Gesendet: block: the same
  unknown_client_pasted_digest        unknown client     digest pasted unquoted: the same

One tap: the mail a client composes from the HTML digest's mailto: link
  mailto_gmail_approve                Gmail              "Approve M": M sent, O pending
  mailto_ios_approve_all              iOS Mail           "Approve all shown": both sent
  mailto_outlook_desktop_skip         Outlook desktop    "Skip O": O skipped, M pending
  mailto_apple_snooze                 Apple Mail         "Snooze 3 days": O snoozed
  mailto_thunderbird_approve_all      Thunderbird        "Approve all shown": both sent

The rows share one SMTP server per module and a state file seeded once; each
row gets a fresh mailbox and a copy of that state.
"""

from __future__ import annotations

import functools
import re
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from daemon.cli import main
from daemon.devservers.dovecot import Dovecot
from daemon.devservers.smtpserver import SmtpServer
from tests import clients, trust
from tests.clients import CLIENTS
from tests.mail import build
from tests.mailboxes import ME, MIA, OMAR, fernbrook
from tests.world import World, send_digest

# Client shapes: those of tests/clients.py, and a few more variants.
SHAPES: dict[str, Callable[..., bytes]] = {
    **CLIENTS,
    "outlook_desktop_it_no_in_reply_to": functools.partial(
        clients.outlook_desktop, lang="it", threaded=False
    ),
    "outlook_web_no_in_reply_to": functools.partial(clients.outlook_web, threaded=False),
    "outlook_html_only_no_in_reply_to": functools.partial(
        clients.outlook_html_only, threaded=False
    ),
    "outlook_web_suppress": functools.partial(clients.outlook_web, suppress=True),
    "outlook_html_only_pt": functools.partial(clients.outlook_html_only, lang="pt"),
}

# The text of an edit: a paragraph longer than any client's wrap width, a
# line starting with "From " (space-stuffed in format=flowed), a closing of
# two lines with a single break, and letters outside ASCII.
EDIT = (
    "Hi Omar,\n"
    "\n"
    "Thank you for the conversation about the design system last week. I learned a great "
    "deal about how your team reviews work in small steps, and I would be grateful for any "
    "feedback you can share about my portfolio review and the whiteboard exercise.\n"
    "\n"
    "From my side: I am still very interested in Fernbrook.\n"
    "\n"
    "Viele Grüße, best regards,\n"
    "Alex\n"
)
# Omar's text in the quoting rows: lines that are whole commands.
TRAP = "Hi Omar,\n\napprove all\nskip {mia}\n\nAlex\n"


# -- the world each row runs in --------------------------------------------------------


@pytest.fixture(scope="module")
def smtp(tls_cert: tuple[Path, Path]) -> Iterator[SmtpServer]:
    server = SmtpServer(tls_cert, tls="starttls", users={"debrief": "smtp-secret"})
    server.start()
    try:
        yield server
    finally:
        server.stop()


@dataclass(frozen=True)
class Seed:
    mails: list[bytes]
    state: Path


@pytest.fixture(scope="module")
def seed(dovecot: Dovecot, smtp: SmtpServer, tmp_path_factory: pytest.TempPathFactory) -> Seed:
    """The `world` fixture's mailbox, read once: Mia's invitation (Omar
    copied) and her rejection; the state then holds a draft to each."""
    tmp = tmp_path_factory.mktemp("seed")
    w = World(dovecot, dovecot.add_user(), smtp, tmp)
    mails = fernbrook()
    for m in mails:
        w.append(m)
    assert w.run() == 0
    assert set(w.drafts()) == {MIA, OMAR}
    return Seed(mails, tmp / "state.sqlite3")


@dataclass
class Case:
    """One row's world: its own mailbox and state, the module's SMTP server."""

    w: World
    runs: int = 0
    inputs: int = 0
    digest_raw: bytes = b""
    subject: str = ""
    digest_id: str = ""
    text: dict[str, str] = field(default_factory=dict)  # each draft's text as seeded

    def __post_init__(self) -> None:
        drafts = self.w.drafts()
        self.mia, self.omar = int(drafts[MIA]["id"]), int(drafts[OMAR]["id"])  # type: ignore[call-overload]
        self.text = {r: str(d["body"]) for r, d in drafts.items()}

    # what the user does
    def digest(self) -> bytes:
        self.subject, self.digest_id, _ = send_digest(self.w)
        self.digest_raw = self.w.digests()[-1].data  # type: ignore[attr-defined]
        return self.digest_raw

    def reply(
        self, shape: str, typed: str, *, to: bytes | None = None, me: str = ME, n: int = 0
    ) -> bytes:
        """`shape`'s reply to the digest (or to the mail `to`), delivered."""
        raw = SHAPES[shape](typed, to or self.digest_raw, me=me)
        if n:  # another reply with the same text: the client gives it its own id
            raw = re.sub(rb"(?im)^(message-id:\s*<)", rb"\g<1>%d." % n, raw, count=1)
        self.deliver(raw)
        return raw

    def one_reply(self, shape: str, typed: str) -> None:
        """The common row: a digest, one reply from `shape`, one pass."""
        self.digest()
        self.reply(shape, typed)
        self.run()

    def deliver(self, raw: bytes) -> None:
        self.w.append(raw)
        self.inputs += 1

    def run(self) -> None:
        assert self.w.run() == 0
        self.runs += 1

    def edit_draft(self, recipient: str, body: str) -> None:
        """`debrief queue edit N --body-file F`, as the user runs it."""
        draft_id = self.mia if recipient == MIA else self.omar
        path = self.w.tmp / f"edit-{draft_id}.txt"
        path.write_text(body)
        argv = ["queue", "edit", str(draft_id), "--body-file", str(path), "--config"]
        assert main([*argv, str(self.w.cfg)]) == 0

    def expire_digests(self) -> None:
        db = sqlite3.connect(self.w.tmp / "state.sqlite3")
        db.execute(
            "UPDATE digests SET expires_at = ?",
            ((datetime.now(UTC) - timedelta(days=1)).isoformat(),),
        )
        db.commit()
        db.close()

    def link(self, label: str) -> str:
        """The href of the HTML digest's button `label`."""
        page = self.w.digests()[-1].message.get_body(("html",)).get_content()  # type: ignore[attr-defined]
        for href, text in re.findall(r'<a href="(mailto:[^"]+)"[^>]*>([^<]+)</a>', page):
            if text == label:
                return str(href)
        raise AssertionError(f"no button {label!r}")

    # what reached the SMTP server
    def followups(self) -> list[tuple[str, EmailMessage]]:
        """(recipient, message) of each follow-up received, in order."""
        out = []
        for m in self.w.followups():
            (rcpt,) = m.rcpt_tos  # type: ignore[attr-defined]
            out.append((str(rcpt), m.message))  # type: ignore[attr-defined]
        return out

    def answers(self) -> list[str]:
        """debrief's answers to replies, in order: each only to the user."""
        mails = [m for m in self.w.smtp.messages if m.message["X-Debrief-Confirmation"]]
        assert all(m.rcpt_tos == [ME] for m in mails)
        return [str(m.message.get_content()).replace("\r\n", "\n") for m in mails]

    def answer_mails(self) -> list[bytes]:
        return [m.data for m in self.w.smtp.messages if m.message["X-Debrief-Confirmation"]]

    def next_digest_text(self) -> str:
        self.digest()
        return str(self.w.digests()[-1].message.get_body(("plain",)).get_content())  # type: ignore[attr-defined]

    def states(self) -> dict[str, str]:
        return {r: str(d["state"]) for r, d in self.w.drafts().items()}


@pytest.fixture
def case(dovecot: Dovecot, smtp: SmtpServer, seed: Seed, tmp_path: Path) -> Case:
    smtp.reset()
    w = World(dovecot, dovecot.add_user(), smtp, tmp_path)
    for m in seed.mails:
        w.append(m)
    src, dst = sqlite3.connect(seed.state), sqlite3.connect(tmp_path / "state.sqlite3")
    src.backup(dst)
    src.close()
    dst.close()
    (tmp_path / "state.sqlite3").chmod(0o600)
    return Case(w)


@dataclass(frozen=True)
class Expect:
    """A row's outcome. `sent`: recipient -> the exact text that went out
    (None: the draft's text as drafted). `answers`: per answer mail to the
    user, in order, what it must say."""

    sent: dict[str, str | None]
    states: dict[str, str]
    answers: list[tuple[str, ...]]


ROWS: dict[str, Callable[[Case], Expect]] = {}


def row(fn: Callable[[Case], Expect]) -> Callable[[Case], Expect]:
    ROWS[fn.__name__] = fn
    return fn


# -- normal replies ---------------------------------------------------------------------


@row
def gmail_approve_one_skip_one(c: Case) -> Expect:
    c.one_reply("gmail", f"approve {c.mia}\nskip {c.omar}\n\nThanks!")
    return Expect(
        {MIA: None},
        {MIA: "sent", OMAR: "skipped"},
        [(f"approved {c.mia} ({MIA}", f"skipped {c.omar}")],
    )


@row
def outlook_desktop_approve_all(c: Case) -> Expect:
    c.one_reply("outlook_desktop", "approve all")
    return Expect(
        {MIA: None, OMAR: None},
        {MIA: "sent", OMAR: "sent"},
        [(f"approved {c.mia}", f"approved {c.omar}")],
    )


@row
def outlook_web_approve_two_numbers(c: Case) -> Expect:
    c.one_reply("outlook_web", f"approve {c.mia} {c.omar}")
    return Expect({MIA: None, OMAR: None}, {MIA: "sent", OMAR: "sent"}, [("approved",)])


@row
def outlook_html_only_skip_and_approve(c: Case) -> Expect:
    c.one_reply("outlook_html_only", f"skip {c.omar}\napprove {c.mia}")
    return Expect(
        {MIA: None}, {MIA: "sent", OMAR: "skipped"}, [(f"skipped {c.omar}", f"approved {c.mia}")]
    )


@row
def apple_flowed_approve_all_dot(c: Case) -> Expect:
    c.one_reply("apple_mail_flowed", "Approve all.\n\nThank you!")
    return Expect({MIA: None, OMAR: None}, {MIA: "sent", OMAR: "sent"}, [("approved",)])


@row
def apple_current_snooze_and_approve(c: Case) -> Expect:
    before = datetime.now(UTC)
    c.one_reply("apple_mail_current", f"snooze {c.omar} 3d\napprove {c.mia}")
    due = datetime.fromisoformat(str(c.w.drafts()[OMAR]["due_at"]))
    assert due >= before + timedelta(days=3)
    return Expect(
        {MIA: None},
        {MIA: "sent", OMAR: "pending"},
        [(f"snoozed {c.omar} until", f"approved {c.mia}")],
    )


@row
def ios_approve_one(c: Case) -> Expect:
    c.one_reply("ios_mail", f"approve {c.mia}")
    return Expect({MIA: None}, {MIA: "sent", OMAR: "pending"}, [(f"approved {c.mia}",)])


@row
def thunderbird_approve_m_and_o(c: Case) -> Expect:
    c.one_reply("thunderbird", f"approve {c.mia} and {c.omar}")
    return Expect({MIA: None, OMAR: None}, {MIA: "sent", OMAR: "sent"}, [("approved",)])


@row
def thunderbird_plain_skip_all(c: Case) -> Expect:
    c.one_reply("thunderbird_plain_only", "skip all")
    return Expect(
        {}, {MIA: "skipped", OMAR: "skipped"}, [(f"skipped {c.mia}", f"skipped {c.omar}")]
    )


# -- edits ------------------------------------------------------------------------------


def _edit_row(shape: str) -> Callable[[Case], Expect]:
    def go(c: Case) -> Expect:
        c.one_reply(shape, f"edit {c.omar}\n{EDIT}end\napprove {c.omar}")
        return Expect(
            {OMAR: EDIT},
            {MIA: "pending", OMAR: "sent"},
            [(f"edited {c.omar}", f"approved {c.omar}")],
        )

    return go


ROWS["outlook_html_only_edit"] = _edit_row("outlook_html_only")
ROWS["apple_flowed_edit_delsp"] = _edit_row("apple_mail_flowed")
ROWS["thunderbird_flowed_edit"] = _edit_row("thunderbird")
ROWS["thunderbird_plain_edit"] = _edit_row("thunderbird_plain_only")
ROWS["gmail_edit"] = _edit_row("gmail")


@row
def outlook_desktop_edit_only(c: Case) -> Expect:
    c.one_reply("outlook_desktop", f"edit {c.omar}\n{EDIT}end")
    assert c.w.drafts()[OMAR]["body"] == EDIT
    return Expect(
        {}, {MIA: "pending", OMAR: "pending"}, [(f"edited {c.omar} (approve it to send",)]
    )


# -- a second reply to the same digest --------------------------------------------------


@row
def gmail_typo_then_fixed(c: Case) -> Expect:
    c.digest()
    c.reply("gmail", "approve 9")
    c.run()
    assert c.followups() == []
    c.reply("gmail", f"approve {c.mia}")
    c.run()
    return Expect(
        {MIA: None},
        {MIA: "sent", OMAR: "pending"},
        [("Nothing done", "9: not a number in that digest"), (f"approved {c.mia}",)],
    )


@row
def outlook_desktop_two_goes(c: Case) -> Expect:
    c.digest()
    c.reply("outlook_desktop", f"approve {c.mia}")
    c.run()
    assert [rcpt for rcpt, _ in c.followups()] == [MIA]
    c.reply("outlook_desktop", f"approve {c.omar}")
    c.run()
    return Expect(
        {MIA: None, OMAR: None},
        {MIA: "sent", OMAR: "sent"},
        [(f"approved {c.mia}",), (f"approved {c.omar}",)],
    )


@row
def apple_current_thanks_then_approve(c: Case) -> Expect:
    c.digest()
    c.reply("apple_mail_current", "Thanks!")
    c.run()
    c.reply("apple_mail_current", f"approve {c.mia}")
    c.run()
    return Expect(
        {MIA: None},
        {MIA: "sent", OMAR: "pending"},
        [("no commands found",), (f"approved {c.mia}",)],
    )


@row
def ios_approve_twice(c: Case) -> Expect:
    c.digest()
    c.reply("ios_mail", f"approve {c.mia}")
    c.run()
    c.reply("ios_mail", f"approve {c.mia}", n=2)
    c.run()
    return Expect(
        {MIA: None},
        {MIA: "sent", OMAR: "pending"},
        [(f"approved {c.mia}",), (f"{c.mia}: already sent",)],
    )


@row
def thunderbird_skip_then_approve(c: Case) -> Expect:
    c.digest()
    c.reply("thunderbird", f"skip {c.omar}")
    c.run()
    c.reply("thunderbird", f"approve {c.omar}")
    c.run()
    return Expect(
        {},
        {MIA: "pending", OMAR: "skipped"},
        [(f"skipped {c.omar}",), (f"{c.omar}: already skipped",)],
    )


@row
def outlook_web_edit_then_approve(c: Case) -> Expect:
    c.digest()
    c.reply("outlook_web", f"edit {c.omar}\n{EDIT}end")
    c.run()
    assert c.followups() == []
    c.reply("outlook_web", f"approve {c.omar}")
    c.run()
    return Expect(
        {OMAR: EDIT},
        {MIA: "pending", OMAR: "sent"},
        [(f"edited {c.omar}",), (f"approved {c.omar}",)],
    )


@row
def gmail_approve_all_after_one(c: Case) -> Expect:
    c.digest()
    c.reply("gmail", f"approve {c.mia}")
    c.run()
    c.reply("gmail", "approve all")
    c.run()
    return Expect(
        {MIA: None, OMAR: None},
        {MIA: "sent", OMAR: "sent"},
        [(f"approved {c.mia}",), (f"approved {c.omar}", f"{c.mia}: already sent")],
    )


@row
def gmail_same_reply_twice(c: Case) -> Expect:
    c.digest()
    raw = c.reply("gmail", "approve all")
    c.deliver(raw)  # the same mail again (a filter's copy, a re-delivery)
    c.run()
    c.deliver(raw)
    c.run()
    return Expect({MIA: None, OMAR: None}, {MIA: "sent", OMAR: "sent"}, [("approved",)])


# -- a reply to debrief's own answer ----------------------------------------------------


def _reply_to_answer(first: str, then: str) -> Callable[[Case], Expect]:
    def go(c: Case) -> Expect:
        c.digest()
        c.reply(first, f"skip {c.omar}")
        c.run()
        (answer,) = c.answer_mails()
        c.reply(then, f"approve {c.mia}", to=answer)
        c.run()
        return Expect(
            {MIA: None},
            {MIA: "sent", OMAR: "skipped"},
            [(f"skipped {c.omar}",), (f"approved {c.mia}",)],
        )

    return go


ROWS["gmail_reply_to_confirmation"] = _reply_to_answer("gmail", "gmail")
ROWS["outlook_no_irt_reply_to_confirm"] = _reply_to_answer(
    "outlook_desktop", "outlook_desktop_no_in_reply_to"
)


@row
def thunderbird_reply_to_no_commands(c: Case) -> Expect:
    c.digest()
    c.reply("thunderbird", "Thank you, I will decide tomorrow.")
    c.run()
    (answer,) = c.answer_mails()
    c.reply("thunderbird", "approve all", to=answer)
    c.run()
    return Expect(
        {MIA: None, OMAR: None},
        {MIA: "sent", OMAR: "sent"},
        [("no commands found",), (f"approved {c.mia}", f"approved {c.omar}")],
    )


@row
def gmail_reply_to_refusal_answer(c: Case) -> Expect:
    c.digest()
    c.reply("gmail", f"approve {c.mia}", me="alex+phone@example.org")
    c.run()
    assert c.followups() == []
    (answer,) = c.answer_mails()
    c.reply("gmail", f"approve {c.mia}", to=answer)
    c.run()
    return Expect(
        {MIA: None},
        {MIA: "sent", OMAR: "pending"},
        [("alex+phone@example.org, not from you",), (f"approved {c.mia}",)],
    )


# -- Outlook without In-Reply-To and References -----------------------------------------


@row
def outlook_desktop_no_irt_approve(c: Case) -> Expect:
    c.digest()
    raw = c.reply("outlook_desktop_no_in_reply_to", f"approve {c.mia}")
    assert b"In-Reply-To" not in raw and b"References" not in raw and b"Thread-Index" in raw
    c.run()
    return Expect({MIA: None}, {MIA: "sent", OMAR: "pending"}, [(f"approved {c.mia}",)])


@row
def outlook_desktop_it_no_irt_all(c: Case) -> Expect:
    c.one_reply("outlook_desktop_it_no_in_reply_to", "approve all\n\nGrazie")
    return Expect({MIA: None, OMAR: None}, {MIA: "sent", OMAR: "sent"}, [("approved",)])


@row
def outlook_web_no_irt_edit(c: Case) -> Expect:
    c.one_reply("outlook_web_no_in_reply_to", f"edit {c.omar}\n{EDIT}end\napprove {c.omar}")
    return Expect({OMAR: EDIT}, {MIA: "pending", OMAR: "sent"}, [(f"approved {c.omar}",)])


@row
def outlook_html_only_no_irt_skip(c: Case) -> Expect:
    c.one_reply("outlook_html_only_no_in_reply_to", f"skip {c.omar}\napprove {c.mia}")
    return Expect({MIA: None}, {MIA: "sent", OMAR: "skipped"}, [(f"approved {c.mia}",)])


@row
def outlook_no_irt_plus_address(c: Case) -> Expect:
    c.digest()
    c.reply("outlook_desktop_no_in_reply_to", f"approve {c.mia}", me="alex+work@example.org")
    c.run()
    return Expect(
        {},
        {MIA: "pending", OMAR: "pending"},
        [
            (
                "alex+work@example.org, not from you",
                f"\napprove {c.mia}\n",
                f"debrief queue approve {c.mia}",
            )
        ],
    )


# -- X-Auto-Response-Suppress -----------------------------------------------------------


@row
def outlook_desktop_suppress_all(c: Case) -> Expect:
    c.digest()
    raw = c.reply("outlook_desktop", f"approve {c.mia}")
    assert b"X-Auto-Response-Suppress: All" in raw
    c.run()
    return Expect({MIA: None}, {MIA: "sent", OMAR: "pending"}, [(f"approved {c.mia}",)])


@row
def outlook_web_suppress_all(c: Case) -> Expect:
    c.digest()
    raw = c.reply("outlook_web_suppress", "approve all")
    assert b"X-Auto-Response-Suppress: All" in raw
    c.run()
    return Expect({MIA: None, OMAR: None}, {MIA: "sent", OMAR: "sent"}, [("approved",)])


@row
def gmail_out_of_office_from_user(c: Case) -> Expect:
    c.digest()
    raw = SHAPES["gmail"]("I am away until Monday.\napprove all", c.digest_raw)
    marks = b"MIME-Version: 1.0\r\nAuto-Submitted: auto-replied\r\nX-Autoreply: yes\r\n"
    c.deliver(raw.replace(b"MIME-Version: 1.0\r\n", marks, 1))
    c.run()
    text = c.next_digest_text()
    assert "approval refused" in text and "an automatic reply" in text
    return Expect({}, {MIA: "pending", OMAR: "pending"}, [])


# -- refused, and answered --------------------------------------------------------------


@row
def gmail_plus_address(c: Case) -> Expect:
    c.digest()
    c.reply("gmail", f"approve {c.mia}", me="alex+phone@example.org")
    c.run()
    return Expect(
        {},
        {MIA: "pending", OMAR: "pending"},
        [
            (
                "your reply was not applied",
                "alex+phone@example.org, not from you",
                f"\napprove {c.mia}\n",
                f"debrief queue approve {c.mia}",
            )
        ],
    )


@row
def ios_plus_address_all(c: Case) -> Expect:
    c.digest()
    c.reply("ios_mail", "approve all", me="alex+phone@example.org")
    c.run()
    return Expect(
        {},
        {MIA: "pending", OMAR: "pending"},
        [
            (
                "alex+phone@example.org, not from you",
                f"\napprove {c.mia} {c.omar}\n",
                f"debrief queue approve {c.mia} {c.omar}",
            )
        ],
    )


@row
def apple_flowed_expired(c: Case) -> Expect:
    c.digest()
    c.expire_digests()
    c.reply("apple_mail_flowed", f"approve {c.mia}\nskip {c.omar}")
    c.run()
    return Expect(
        {},
        {MIA: "pending", OMAR: "pending"},
        [
            (
                "the digest token has expired",
                f"\napprove {c.mia}\nskip {c.omar}\n",
                f"debrief queue approve {c.mia}",
                f"debrief queue skip {c.omar}",
                "debrief digest --send-now",
            )
        ],
    )


@row
def outlook_web_expired_edit(c: Case) -> Expect:
    c.digest()
    c.expire_digests()
    c.reply("outlook_web", f"edit {c.omar}\n{EDIT}end\napprove {c.omar}")
    c.run()
    return Expect(
        {},
        {MIA: "pending", OMAR: "pending"},
        [
            (
                "the digest token has expired",
                f"\nedit {c.omar}\n{EDIT}end\napprove {c.omar}\n",
                f"debrief queue edit {c.omar}",
            )
        ],
    )


@row
def outlook_desktop_changed_draft(c: Case) -> Expect:
    c.digest()
    c.edit_draft(MIA, "Hi Mia,\n\nA text changed after the digest.\n\nAlex\n")
    c.reply("outlook_desktop", f"approve {c.mia}")
    c.run()
    return Expect(
        {},
        {MIA: "pending", OMAR: "pending"},
        [
            (
                "Nothing done",
                f"{c.mia}: changed since the digest",
                f"debrief queue show {c.mia}",
                f"debrief queue approve {c.mia}",
            )
        ],
    )


@row
def thunderbird_changed_draft_all(c: Case) -> Expect:
    c.digest()
    c.edit_draft(MIA, "Hi Mia,\n\nA text changed after the digest.\n\nAlex\n")
    c.reply("thunderbird", "approve all")
    c.run()
    return Expect(
        {OMAR: None},
        {MIA: "pending", OMAR: "sent"},
        [
            (
                f"approved {c.omar}",
                f"{c.mia}: changed since the digest",
                f"debrief queue show {c.mia}",
            )
        ],
    )


def _not_the_user(shape: str, sender: str) -> Callable[[Case], Expect]:
    def go(c: Case) -> Expect:
        c.digest()
        c.reply(shape, "approve all", me=sender)
        c.run()
        text = c.next_digest_text()
        assert "approval refused" in text and f"{sender}, not from you" in text
        return Expect({}, {MIA: "pending", OMAR: "pending"}, [])

    return go


ROWS["gmail_wrong_sender"] = _not_the_user("gmail", "eve@attacker.example")
ROWS["thunderbird_interviewer_replies"] = _not_the_user("thunderbird", MIA)


@row
def gmail_answers_rate_limited(c: Case) -> Expect:
    c.digest()
    for n in range(1, 13):
        c.reply("gmail", f"approve {c.mia}", me="alex+phone@example.org", n=n)
    c.run()
    assert len(c.answers()) == 10
    return Expect(
        {}, {MIA: "pending", OMAR: "pending"}, [("alex+phone@example.org, not from you",)] * 10
    )


@row
def gmail_answers_never_answered(c: Case) -> Expect:
    c.digest()
    c.reply("gmail", f"skip {c.omar}")
    c.reply("gmail", f"approve {c.mia}", me="alex+phone@example.org")
    c.run()
    for raw in c.answer_mails():  # the answers reach the user's inbox, as they do
        c.deliver(raw)
    c.deliver(c.digest_raw)
    c.run()
    return Expect(
        {},
        {MIA: "pending", OMAR: "skipped"},
        [(f"skipped {c.omar}",), ("alex+phone@example.org, not from you",)],
    )


# -- invisible characters ---------------------------------------------------------------


@row
def gmail_zero_width_space(c: Case) -> Expect:
    c.one_reply("gmail", f"\u200bapprove {c.mia}")
    return Expect({MIA: None}, {MIA: "sent", OMAR: "pending"}, [(f"approved {c.mia}",)])


@row
def apple_current_bom(c: Case) -> Expect:
    c.one_reply("apple_mail_current", f"\ufeffapprove {c.mia}\n\ufeffskip {c.omar}")
    return Expect({MIA: None}, {MIA: "sent", OMAR: "skipped"}, [(f"approved {c.mia}",)])


@row
def outlook_web_nbsp(c: Case) -> Expect:
    c.one_reply("outlook_web", f"approve\u00a0{c.mia}\n\u00a0approve {c.omar}\u00a0")
    return Expect({MIA: None, OMAR: None}, {MIA: "sent", OMAR: "sent"}, [("approved",)])


@row
def thunderbird_word_joiner(c: Case) -> Expect:
    c.one_reply("thunderbird", f"\u2060snooze\u202f{c.omar} 2d\napprove\u200c {c.mia}")
    return Expect(
        {MIA: None},
        {MIA: "sent", OMAR: "pending"},
        [(f"snoozed {c.omar}", f"approved {c.mia}")],
    )


# -- the quoted digest is never read -------------------------------------------------------


def _quote_row(shape: str) -> Callable[[Case], Expect]:
    def go(c: Case) -> Expect:
        c.edit_draft(OMAR, TRAP.format(mia=c.mia))
        c.digest()
        text = c.w.digests()[-1].message.get_body(("plain",)).get_content()  # type: ignore[attr-defined]
        assert "\n    approve all\r\n" in text and f"\n    skip {c.mia}\r\n" in text
        c.reply(shape, f"approve {c.mia}")
        c.run()
        return Expect({MIA: None}, {MIA: "sent", OMAR: "pending"}, [(f"approved {c.mia}",)])

    return go


for _name, _shape in [
    ("outlook_desktop_it_quote", "outlook_desktop_it"),
    ("outlook_web_es_quote", "outlook_web_es"),
    ("outlook_html_only_pt_quote", "outlook_html_only_pt"),
    ("outlook_desktop_nl_quote", "outlook_desktop_nl"),
    ("outlook_web_fr_quote", "outlook_web_fr"),
    ("outlook_html_only_de_quote", "outlook_html_only_de"),
]:
    ROWS[_name] = _quote_row(_shape)


@row
def unknown_client_pasted_digest(c: Case) -> Expect:
    c.edit_draft(OMAR, TRAP.format(mia=c.mia))
    c.digest()
    text = c.w.digests()[-1].message.get_body(("plain",)).get_content()  # type: ignore[attr-defined]
    c.deliver(
        build(
            sender=ME,
            to=ME,
            subject=f"Re: {c.subject}",
            in_reply_to=c.digest_id,
            body=f"approve {c.mia}\n\n-------- Původní zpráva --------\n{text}",
            date=datetime.now(UTC),
        )
    )
    c.run()
    return Expect({MIA: None}, {MIA: "sent", OMAR: "pending"}, [(f"approved {c.mia}",)])


# -- one tap: mailto: links ---------------------------------------------------------------


def _mailto_row(shape: str, label: Callable[[Case], str]) -> Callable[[Case], None]:
    def go(c: Case) -> None:
        c.digest()
        link = c.link(label(c))
        url = urlsplit(link.replace("&amp;", "&"))
        assert unquote(url.path) == ME and "[debrief:" in parse_qs(url.query)["subject"][0]
        c.deliver(clients.mailto(link, shape))
        c.run()

    return go


@row
def mailto_gmail_approve(c: Case) -> Expect:
    _mailto_row("gmail", lambda c: f"Approve {c.mia}")(c)
    return Expect({MIA: None}, {MIA: "sent", OMAR: "pending"}, [(f"approved {c.mia}",)])


@row
def mailto_ios_approve_all(c: Case) -> Expect:
    _mailto_row("ios_mail", lambda c: "Approve all shown")(c)
    return Expect({MIA: None, OMAR: None}, {MIA: "sent", OMAR: "sent"}, [("approved",)])


@row
def mailto_outlook_desktop_skip(c: Case) -> Expect:
    _mailto_row("outlook_desktop", lambda c: f"Skip {c.omar}")(c)
    return Expect({}, {MIA: "pending", OMAR: "skipped"}, [(f"skipped {c.omar}",)])


@row
def mailto_apple_snooze(c: Case) -> Expect:
    c.digest()
    page = c.w.digests()[-1].message.get_body(("html",)).get_content()  # type: ignore[attr-defined]
    links = re.findall(r'<a href="(mailto:[^"]+)"[^>]*>Snooze 3 days</a>', page)
    (link,) = [h for h in links if f"snooze%20{c.omar}%20" in h]
    c.deliver(clients.mailto(link, "apple_mail"))
    c.run()
    return Expect({}, {MIA: "pending", OMAR: "pending"}, [(f"snoozed {c.omar} until",)])


@row
def mailto_thunderbird_approve_all(c: Case) -> Expect:
    _mailto_row("thunderbird", lambda c: "Approve all shown")(c)
    return Expect({MIA: None, OMAR: None}, {MIA: "sent", OMAR: "sent"}, [("approved",)])


# -- the matrix -----------------------------------------------------------------------------


def test_the_table_lists_every_row() -> None:
    listed = re.findall(r"^  ([a-z_]+) ", __doc__ or "", re.M)
    assert listed == list(ROWS)
    assert len(ROWS) == 61


@pytest.mark.parametrize("name", list(ROWS))
def test_row(case: Case, name: str) -> None:
    expect = ROWS[name](case)
    sent = case.followups()
    trust.add(
        runs=case.runs + 1,
        inputs_tried=case.inputs,
        unapproved_sends=len([rcpt for rcpt, _ in sent if rcpt not in expect.sent]),
    )
    assert sorted(rcpt for rcpt, _ in sent) == sorted(expect.sent)  # each exactly once
    for rcpt, m in sent:
        want = expect.sent[rcpt]
        body = str(m.get_content()).replace("\r\n", "\n")
        assert body == (case.text[rcpt] if want is None else want)
    assert case.states() == expect.states
    answers = case.answers()
    assert len(answers) == len(expect.answers), answers
    for text, musts in zip(answers, expect.answers, strict=True):
        for must in musts:
            assert must in text, (must, text)
    # One more pass sends and answers nothing more.
    before = len(case.w.smtp.messages)
    assert case.w.run() == 0
    assert len(case.w.smtp.messages) == before
