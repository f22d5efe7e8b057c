"""Rules engine and classification: pure, fast unit tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from daemon import rules
from daemon.classify import classify
from daemon.errors import ConfigError
from daemon.message import parse
from tests.mail import build

ME = ["alex@example.org"]
RS = rules.load([])


def verdict(body: str, subject: str = "Your application", **kw: object):  # type: ignore[no-untyped-def]
    return classify(parse(build(body=body, subject=subject, **kw)), RS, ME)  # type: ignore[arg-type]


# --- every shipped rule has a test with wording of its own -------------------


@pytest.mark.parametrize("rule", RS.rules, ids=lambda r: r.id)
def test_every_shipped_rule_fires_on_its_examples(rule: rules.Rule) -> None:
    assert rule.examples, f"{rule.id} has no examples"
    for example in rule.examples:
        fields = dict.fromkeys(rules.FIELDS, example)
        fired = {h.rule for h in RS.evaluate(fields)}
        assert rule.id in fired, f"{rule.id} does not fire on {example!r}"


# --- matching semantics ------------------------------------------------------


def _ruleset(tmp_path: Path, text: str) -> rules.RuleSet:
    f = tmp_path / "r.toml"
    f.write_text(text)
    return rules.load([f], include_shipped=False)


def test_phrases_ignore_case_space_diacritics_and_respect_word_boundaries(tmp_path: Path) -> None:
    rs = _ruleset(
        tmp_path, '[[rule]]\nid = "t"\nkind = "rejection"\nphrases = ["Décidé  de ne pas"]\n'
    )
    assert rs.evaluate({"body": "Nous avons DECIDE\n de   ne pas poursuivre"})
    assert not rs.evaluate({"body": "undecide de ne pass"})
    assert rs.evaluate({"body": "x"}) == []


def test_overlapping_phrases_all_fire(tmp_path: Path) -> None:
    rs = _ruleset(
        tmp_path,
        '[[rule]]\nid = "a"\nkind = "rejection"\nphrases = ["not moving forward"]\n'
        '[[rule]]\nid = "b"\nkind = "rejection"\nphrases = ["not moving"]\n'
        '[[rule]]\nid = "c"\nkind = "rejection"\nphrases = ["moving forward with"]\n',
    )
    fired = {h.rule for h in rs.evaluate({"body": "we are not moving forward with you"})}
    assert fired == {"a", "b", "c"}


def test_all_any_not_composition(tmp_path: Path) -> None:
    rs = _ruleset(
        tmp_path,
        '[[rule]]\nid = "t"\nkind = "rejection"\nphrases = ["decision"]\n'
        'all = [{ field = "subject", phrases = ["application"] }]\n'
        'any = [{ phrases = ["sorry"] }, { regex = ["regret\\\\w*"] }]\n'
        'not = [{ phrases = ["congratulations"] }]\n',
    )
    base = {"subject": "Your application", "body": "our decision, we regret it"}
    [hit] = rs.evaluate(base)
    assert "regret" in hit.words
    assert not rs.evaluate({**base, "subject": "Newsletter"})
    assert not rs.evaluate({**base, "body": "our decision, nothing else"})
    assert not rs.evaluate({**base, "body": "our decision, sorry, congratulations"})


def test_header_field(tmp_path: Path) -> None:
    rs = _ruleset(
        tmp_path,
        '[[rule]]\nid = "h"\nkind = "job"\nfield = "header:X-Mailer"\nphrases = ["recruitbot"]\n',
    )
    assert rs.evaluate({}, {"x-mailer": "RecruitBot 2.0"})
    assert not rs.evaluate({}, {"x-mailer": "Thunderbird"})


def test_regex_on_other_fields_is_prefiltered_by_its_own_literals(tmp_path: Path) -> None:
    # The text fields' regex literals are found by the subject+body scan; a
    # sender field's are searched in that field (and only there).
    rs = _ruleset(
        tmp_path,
        '[[rule]]\nid = "d"\nkind = "job"\nfield = "from_domain"\n'
        'regex = ["(?:greenhouse|lever)-mail\\\\.example"]\n'
        '[[rule]]\nid = "n"\nkind = "job"\nfield = "from_name"\nregex = ["talent team"]\n',
    )
    fired = {h.rule for h in rs.evaluate({"from_domain": "lever-mail.example"})}
    assert fired == {"d"}
    assert {h.rule for h in rs.evaluate({"from_name": "ACME Talent Team"})} == {"n"}
    body = "lever-mail.example wrote: from the talent team"
    assert not rs.evaluate({"body": body, "from_domain": "acme.example"})


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            '[[rule]]\nid = "x"\nkind = "rejection"\nphrases = ["a"]\ncolour = 1\n',
            '[[rule]] "x" colour: unknown key',
        ),
        (
            '[[rule]]\nid = "x"\nkind = "sadness"\nphrases = ["a"]\n',
            '[[rule]] "x" kind: expected one of',
        ),
        ('[[rule]]\nid = "x"\nkind = "rejection"\n', '[[rule]] "x": needs phrases or regex'),
        (
            '[[rule]]\nid = "x"\nkind = "rejection"\nregex = ["("]\n',
            '[[rule]] "x" regex: invalid regular expression',
        ),
        (
            '[[rule]]\nid = "x"\nkind = "rejection"\nweight = -1\nphrases = ["a"]\n',
            "weight: expected a number",
        ),
        (
            '[[rule]]\nid = "x"\nkind = "rejection"\nfield = "bodyy"\nphrases = ["a"]\n',
            "field: expected one of",
        ),
        ("[ruless]\n", "[ruless]: unknown table"),
        ("[senders]\nnoreply = []\n", "[senders] noreply: unknown key"),
        (
            '[[rule]]\nid = "x"\nkind = "rejection"\nphrases = ["a"]\nall = [{ feld = "body" }]\n',
            "all[0] feld: unknown key",
        ),
        ("[[rule\n", "TOML syntax error"),
        # one file defining a rule twice would drop the first silently
        (
            '[[rule]]\nid = "x"\nkind = "rejection"\nphrases = ["a"]\n'
            '[[rule]]\nid = "x"\nkind = "rejection"\nphrases = ["b"]\n',
            "[[rule]] #2 id: 'x' is defined twice",
        ),
    ],
)
def test_bad_rule_files_name_file_and_key(tmp_path: Path, text: str, problem: str) -> None:
    f = tmp_path / "mine.toml"
    f.write_text(text)
    with pytest.raises(ConfigError) as info:
        rules.load([f], include_shipped=False)
    assert str(info.value).startswith(f"{f}: ")
    assert problem in str(info.value)


def test_later_file_replaces_and_disables(tmp_path: Path) -> None:
    f = tmp_path / "user.toml"
    f.write_text(
        '[[rule]]\nid = "en.rejection.regret"\nkind = "rejection"\nweight = 0.5\nphrases = ["zzz"]\n'
        '[disable]\nids = ["en.offer"]\n'
    )
    rs = rules.load([f])
    rule = rs.by_id("en.rejection.regret")
    assert rule is not None and rule.weight == 0.5 and rule.source == str(f)
    assert rs.by_id("en.offer") is None
    assert rs.by_id("en.rejection.other-candidate") is not None


# --- classification ----------------------------------------------------------

REJECTIONS = [
    (
        "Thanks for interviewing with us. We have decided to move forward with other candidates.",
        "en",
    ),
    (
        "Nach reiflicher Überlegung haben wir uns für einen anderen Bewerber entschieden. "
        "Ihre Bewerbung können wir leider nicht berücksichtigen.",
        "de",
    ),
    (
        "Merci pour votre candidature. Nous avons décidé de ne pas poursuivre avec votre profil.",
        "fr",
    ),
    (
        "Gracias por tu candidatura. Hemos decidido no avanzar con tu candidatura para el puesto.",
        "es",
    ),
    (
        "Bedankt voor je sollicitatie. Helaas hebben we besloten verder te gaan met een andere kandidaat.",
        "nl",
    ),
    ("I'm afraid the position has now been filled. Thank you for applying.", "en"),
]


@pytest.mark.parametrize(("body", "lang"), REJECTIONS)
def test_rejections_in_five_languages(body: str, lang: str) -> None:
    v = verdict(body)
    assert v.rejection, f"{lang}: {v.explain()}"
    assert v.category == "rejection"
    assert "+" in v.explain()


NOT_REJECTIONS = [
    ("Unfortunately I need to reschedule our interview to Thursday.", "interview_scheduling"),
    ("Unfortunately, we regret to say the weather was bad.", None),
    (
        "We have received your application. If you do not hear from us within 3 weeks, "
        "please assume your application was not successful.",
        "application_received",
    ),
    (
        "We'd love to invite you to a first interview. Please share your availability.",
        "interview_invitation",
    ),
    (
        "Unfortunately the start date moved, but we are thrilled to offer you the position! "
        "Your offer letter is attached.",
        "offer",
    ),
    ("Thank you for applying for apartment 4B. The owner has selected another applicant.", "other"),
    ("We regret that we are unable to offer you a fellowship this cycle.", "other"),
    (
        "Thanks for the pull request, but we decided not to merge it. We will not be moving forward "
        "with this change.",
        "other",
    ),
    ("Unfortunately, we were not able to accept your proposal for a talk this year.", "other"),
]


@pytest.mark.parametrize(("body", "category"), NOT_REJECTIONS)
def test_hard_negatives(body: str, category: str | None) -> None:
    v = verdict(body, subject="Hello")
    assert not v.rejection, v.explain()
    if category:
        assert v.category == category, v.explain()


def test_generic_word_alone_is_never_enough() -> None:
    for body in ("Unfortunately.", "We regret to inform you.", "I'm sorry, unfortunately not."):
        assert not verdict(body, subject="Your application for Data Engineer").rejection


def test_quoted_old_rejection_is_not_new() -> None:
    body = (
        "Hi! A new role opened that fits you - fancy a chat?\n\n"
        "On Mon, 4 Mar 2024, Dana wrote:\n"
        "> We have decided to move forward with other candidates for the position.\n"
    )
    v = verdict(body, subject="Re: Your application")
    assert not v.rejection


def test_forwarded_old_rejection_is_not_new_but_fresh_forward_is() -> None:
    def fwd(date: str) -> str:
        return (
            "See below.\n---------- Forwarded message ---------\nFrom: Dana <d@acme.example>\n"
            f"Date: {date}\nSubject: Your application\n\n"
            "We have decided to move forward with other candidates for the role.\n"
        )

    old = verdict(fwd("Mon, 04 Mar 2024 13:06:39 +0100"))  # message dated 2026-03-02
    fresh = verdict(fwd("Sun, 01 Mar 2026 13:06:39 +0100"))
    assert not old.rejection
    assert fresh.rejection


@pytest.mark.parametrize(
    ("headers", "excluded_as"),
    [
        ({"Auto-Submitted": "auto-replied"}, "auto_reply"),
        ({"X-Autoreply": "yes"}, "auto_reply"),
        ({"Precedence": "auto_reply"}, "auto_reply"),
        ({"List-Unsubscribe": "<mailto:u@x.example>", "Precedence": "bulk"}, "job_alert"),
        ({"X-Debrief-Digest": "1"}, "own"),
    ],
)
def test_excluded_mail_never_a_rejection(headers: dict[str, str], excluded_as: str) -> None:
    body = "We have decided to move forward with other candidates for the position."
    v = verdict(body, headers=headers)
    assert not v.rejection and v.category == excluded_as and v.excluded


def test_a_request_not_to_auto_reply_is_no_auto_reply() -> None:
    """Outlook and many ATS send X-Auto-Response-Suppress to *ask* others not
    to answer automatically; it does not mark the mail as an automatic one."""
    body = "We have decided to move forward with other candidates for the position."
    assert verdict(body, headers={"X-Auto-Response-Suppress": "All"}).rejection


def test_own_sent_mail_is_never_a_rejection() -> None:
    v = verdict("We have decided to move forward with other candidates.", sender="alex@example.org")
    assert not v.rejection and v.category == "own"


def test_autoreply_header_on_auto_generated_mail_is_no_auto_reply() -> None:
    # An ATS's auto-generated mail may carry X-Autoreply too: not an out-of-office.
    v = verdict(
        "We have decided to move forward with other candidates for the position.",
        headers={"X-Autoreply": "yes", "Auto-Submitted": "auto-generated"},
    )
    assert v.category != "auto_reply"


def test_ats_auto_generated_rejection_still_counts() -> None:
    v = verdict(
        "Thank you for applying. We will not be moving forward with your application.",
        sender="Acme Careers <no-reply@ats.example>",
        headers={"Auto-Submitted": "auto-generated"},
    )
    assert v.rejection


_SHIPPED = rules.load([])


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list("abnorepl-y+*.[]?\n_1")), max_size=14))
def test_one_glob_regex_answers_as_fnmatch_per_pattern(local: str) -> None:
    from fnmatch import fnmatchcase

    from daemon.rules.model import _any_glob

    senders = _SHIPPED.senders
    for patterns in (senders.automated_local_parts, senders.role_local_parts, ("[ab]*", "x?")):
        expected = any(fnmatchcase(local, p) for p in patterns)
        assert (_any_glob(patterns).match(local) is not None) == expected


def test_a_rule_set_built_from_the_same_rules_fires_exactly_as_the_original() -> None:
    """The fetch worker process gets the rules pickled and builds its own
    rule set from them; a pickled rule set fires the same too."""
    import mailbox
    import pickle

    from daemon.classify import fresh_hits

    original = rules.load([])
    # The subject+body trie is built at the first search (a service whose
    # workers match never pays for it).
    assert original._text_index._trie is None
    data = pickle.loads(pickle.dumps((original.rules, original.senders, original.threshold)))
    rebuilt = rules.RuleSet(*data)
    corpus = Path(__file__).parent / "fixtures" / "corpus"
    messages = [parse(m.as_bytes()) for f in corpus.glob("*/*.mbox") for m in mailbox.mbox(f)]
    fired = [fresh_hits(m, original) for m in messages]
    assert original._text_index._trie is not None
    copy = pickle.loads(pickle.dumps(original))
    for other in (rebuilt, copy):
        assert [fresh_hits(m, other) for m in messages] == fired
    assert sum(map(len, fired)) > len(messages)  # rules really fire on the corpus


@pytest.mark.parametrize(
    ("address", "automated"),
    [
        ("noreply@acme.example", True),
        ("careers-noreply@acme.example", True),
        # Prefixed as big employers and platforms do: still machines.
        ("r000.careers-noreply@acme.example", True),
        ("acme.jobs.no-reply@acme.example", True),
        ("hr_donotreply@acme.example", True),
        ("hr.do_not_reply@acme.example", True),
        ("team.no.reply@acme.example", True),
        # People whose names merely contain the letters.
        ("noreen.plyer@acme.example", False),
        ("dana.reply@acme.example", False),
        ("daniel.abara@acme.example", False),
    ],
)
def test_do_not_reply_anywhere_in_the_local_part_is_a_machine(
    address: str, automated: bool
) -> None:
    assert _SHIPPED.senders.is_automated(address) is automated


def test_seeded_hits_are_found_by_content_never_by_message_id_alone() -> None:
    """Seeded hits (from a fetch worker) are found for that message's content;
    another message with the same Message-ID is evaluated for itself."""
    from daemon.classify import message_hits, seed_hits
    from daemon.message import parse
    from tests.mail import build

    ruleset = rules.load([])
    raw = build(
        subject="Your application",
        body="We regret to inform you that we will not proceed.",
        msgid="<same@x.example>",
    )
    msg = parse(raw)
    marker: list[rules.Hit] = [rules.Hit("marker", "rejection", 1.0, "body", ("x",))]
    seed_hits(msg, ruleset, marker)
    assert message_hits(msg, ruleset) is marker
    assert message_hits(parse(raw), ruleset) is marker  # the same content
    other = parse(build(subject="Lunch", body="See you at noon.", msgid="<same@x.example>"))
    assert other.key == msg.key
    assert message_hits(other, ruleset) != marker


# --- the fast evaluator means what the plain one says --------------------------

FIXTURES = Path(__file__).parent / "fixtures"


def _fixture_messages() -> list[bytes]:
    """Every fifth message of every fixture mailbox: thousands of real
    shapes, at a fifth of the plain evaluator's (slow) cost (CI time: the
    fixtures grow with each held-out set; 13,400 messages in session 18)."""
    import mailbox

    return [
        m.as_bytes()
        for box in sorted(FIXTURES.glob("**/*.mbox"))
        for i, m in enumerate(mailbox.mbox(box, create=False))
        if i % 5 == 0
    ]


def test_ruleset_gives_the_reference_evaluators_hits_on_fixture_messages() -> None:
    from daemon.classify import _rule_inputs
    from daemon.rules import reference

    raws = _fixture_messages()
    assert len(raws) > 500
    fired = 0
    for raw in raws:
        fields, headers = _rule_inputs(parse(raw))
        fast = RS.evaluate(fields, headers)
        assert fast == reference.evaluate(RS.rules, fields, headers), fields["subject"]
        fired += len(fast)
    assert fired > 1000  # the comparison saw rules fire, not only empty lists


_VOCAB = sorted(
    {w for r in RS.rules for ex in r.examples for w in ex.lower().split()}
    | {"if", "not", "unless", "we", "you", ".", ",", "won't", "never"}
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(_VOCAB), max_size=40),
    st.lists(st.sampled_from(_VOCAB), max_size=8),
)
def test_ruleset_agrees_with_the_reference_on_mixed_rule_words(
    body: list[str], subject: list[str]
) -> None:
    from daemon.rules import reference

    fields = {"subject": " ".join(subject), "body": " ".join(body), "from_domain": "x.example"}
    assert RS.evaluate(fields) == reference.evaluate(RS.rules, fields)


# --- sentence scope -------------------------------------------------------------

_COMPOSED = """
[[rule]]
id = "t.composed"
kind = "rejection"
weight = 6
scope = "sentence"
regex = ['\\bnot\\b']
all = [{ regex = ['\\bselected\\b'] }, { phrases = ["your application"] }]
not = [{ phrases = ["yet"] }]
"""


@pytest.mark.parametrize(
    ("body", "fires"),
    [
        ("Your application was, after much thought, not selected.", True),
        ("Sadly your application was not selected. We wish you well.", True),
        # the parts in different sentences
        ("Your application is with us. Some people were not selected.", False),
        # a word the rule excludes, in that sentence
        ("Your application has not been selected yet.", False),
        # ... but only in that sentence
        ("Nothing yet on the other role. Your application was not selected.", True),
        # a condition
        ("If you hear nothing, your application was not selected.", False),
    ],
)
def test_a_sentence_scoped_rule_reads_one_sentence_at_a_time(
    tmp_path: Path, body: str, fires: bool
) -> None:
    from daemon.rules import reference

    rs = _ruleset(tmp_path, _COMPOSED)
    assert bool(rs.evaluate({"body": body})) is fires
    assert rs.evaluate({"body": body}) == reference.evaluate(rs.rules, {"body": body})


def test_a_sentence_scoped_rule_reads_one_field(tmp_path: Path) -> None:
    bad = _COMPOSED.replace(
        '{ phrases = ["your application"] }', '{ field = "subject", phrases = ["x"] }'
    )
    with pytest.raises(ConfigError, match="reads one field"):
        _ruleset(tmp_path, bad)
    with pytest.raises(ConfigError, match='expected "message" or "sentence"'):
        _ruleset(tmp_path, _COMPOSED.replace('scope = "sentence"', 'scope = "paragraph"'))
