"""The fast MIME reader agrees with the stdlib's feed parser wherever it answers."""

from __future__ import annotations

import mailbox
from email import message_from_bytes
from email.message import Message
from email.policy import compat32
from pathlib import Path
from typing import Any, cast

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from daemon.message import parse
from daemon.mime import fast_tree
from tests.mail import build, tree_shape

CORPUS = Path(__file__).parent / "fixtures" / "corpus"


def stdlib(raw: bytes) -> Message:
    return message_from_bytes(raw, policy=compat32)


def corpus_messages() -> list[bytes]:
    return [m.as_bytes() for f in sorted(CORPUS.glob("*/*.mbox")) for m in mailbox.mbox(f)]


def test_corpus_trees_agree_and_nearly_all_take_the_fast_path() -> None:
    raws = corpus_messages()
    fast = 0
    for raw in raws:
        tree = fast_tree(raw)
        if tree is None:
            continue
        fast += 1
        assert tree_shape(tree) == tree_shape(stdlib(raw))
    assert fast >= 0.95 * len(raws), (fast, len(raws))


def test_parse_gives_the_same_message_either_way(monkeypatch: Any) -> None:
    raws = corpus_messages()
    quick = [parse(r) for r in raws]
    monkeypatch.setattr("daemon.message.fast_tree", lambda raw: None)
    slow = [parse(r) for r in raws]
    assert quick == slow
    assert [q.headers for q in quick] == [s.headers for s in slow]


# Generated trees: line endings, folding, boundary-line variants, preambles and
# epilogues, nesting, 8-bit bodies, base64 and quoted-printable leaves.
EOL = st.sampled_from(["\r\n", "\n"])
BOUNDARY = st.sampled_from(["b1", "=_x'y(z)+_,./:=?", "abc def", "b1--", "b", "=_0", "q", "Z"])
LEAF_CT = st.sampled_from(
    [
        None,
        "text/plain",
        'text/plain; charset="utf-8"',
        "text/html; charset=iso-8859-1",
        "text/calendar; method=REQUEST",
        'application/pdf; name="cv.pdf"',
        "TEXT/Plain;charset=us-ascii",
        "message/rfc822",
        "bogus",
    ]
)
NEAR_BOUNDARIES = ["x--q0", "x--q1--", "a --=_b0", "--q0x", "--q1--x"]  # see wellformed()
BODY_LINE = st.one_of(
    st.sampled_from(
        ["", "Hello there", "--b1", "--b1--", "--b1 ", "x--b1", "=C3=A9", "  ", *NEAR_BOUNDARIES]
    ),
    st.text(st.characters(min_codepoint=32, max_codepoint=0x2FF), max_size=30),
)


@st.composite
def header_block(draw: Any, ctype: str | None, eol: str) -> str:
    lines = []
    for name in draw(st.lists(st.sampled_from(["Subject", "X-A", "Content-Disposition"]))):
        value = draw(st.sampled_from(["v", "", " folded", "a\tb"] * 5 + ["é"]))
        fold = draw(st.sampled_from(["", eol + " more", eol + "\tmore"]))
        lines.append(f"{name}:{draw(st.sampled_from(['', ' ', '  ']))}{value}{fold}{eol}")
    if ctype is not None:
        lines.insert(draw(st.integers(0, len(lines))), f"Content-Type: {ctype}{eol}")
    if draw(st.integers(0, 3)) == 0:
        cte = draw(st.sampled_from(["base64", "quoted-printable", "8bit"]))
        lines.append(f"Content-Transfer-Encoding: {cte}{eol}")
    return "".join(lines)


@st.composite
def mime(draw: Any, depth: int = 0) -> str:
    eol = draw(EOL)
    if depth < 2 and draw(st.booleans()):
        boundary = draw(BOUNDARY) + str(depth)
        quoted = " " in boundary or draw(st.booleans())
        subtype = draw(st.sampled_from(["mixed", "alternative", "related"] * 3 + ["digest"]))
        ctype = f"multipart/{subtype}; " + (
            f'boundary="{boundary}"' if quoted else f"boundary={boundary}"
        )
        # Mostly well-formed (so the fast path is exercised), sometimes odd.
        parts = draw(
            st.lists(mime(depth + 1), min_size=int(draw(st.integers(0, 5)) > 0), max_size=3)
        )
        tail = draw(st.sampled_from(["", "", "", " ", "\t", "--"]))
        body = draw(st.sampled_from(["", "", "preamble" + eol]))
        for p in parts:
            body += f"--{boundary}{draw(st.sampled_from(['', '', ' ']))}{eol}{p}{eol}"
        if draw(st.integers(0, 9)):
            body += f"--{boundary}--{tail}{draw(st.sampled_from([eol, eol, '']))}"
            body += draw(st.sampled_from(["", "", "epilogue" + eol, f"--{boundary}{eol}"]))
        return f"{draw(header_block(ctype, eol))}{eol}{body}"
    lines = draw(st.lists(BODY_LINE, max_size=4))
    separator = draw(st.sampled_from([eol] * 12 + ["", "no header line" + eol]))
    return f"{draw(header_block(draw(LEAF_CT), eol))}{separator}{eol.join(lines)}"


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mime(), st.sampled_from([""] * 8 + ["From x\n", "Bad line\n", "X-\udcff: y\n", "A: b\rc\n"]))
def test_generated_trees_agree_with_the_stdlib(text: str, prefix: str) -> None:
    raw = (prefix + text).encode("utf-8", "surrogateescape")
    tree = fast_tree(raw)
    if tree is not None:
        assert tree_shape(tree) == tree_shape(stdlib(raw))


@st.composite
def wellformed(draw: Any, depth: int = 0) -> str:
    """Trees the fast reader must take: ASCII headers, every boundary closed."""
    eol = draw(EOL)
    head = "".join(
        f"{name}: {value}{eol}"
        for name, value in draw(
            st.lists(st.tuples(st.sampled_from(["Subject", "X-A"]), st.sampled_from(["v", "a b"])))
        )
    )
    if depth < 3 and draw(st.booleans()):
        boundary = draw(st.sampled_from(["=_b", "q", "x'y(z)+_,./:=?"])) + str(depth)
        parts = draw(st.lists(wellformed(depth + 1), min_size=1, max_size=3))
        body = draw(st.sampled_from(["", "preamble" + eol]))
        body += "".join(f"--{boundary}{eol}{p}{eol}" for p in parts)
        body += f"--{boundary}--{draw(st.sampled_from(['', ' ']))}{eol}"
        body += draw(st.sampled_from(["", "epilogue" + eol]))
        sub = draw(st.sampled_from(["mixed", "alternative", "related"]))
        return f'{head}Content-Type: multipart/{sub}; boundary="{boundary}"{eol}{eol}{body}'
    ctype = draw(st.sampled_from(["text/plain", "text/html; charset=utf-8", "application/pdf"]))
    lines = draw(st.lists(BODY_LINE, max_size=4))
    return f"{head}Content-Type: {ctype}{eol}{eol}{eol.join(lines)}"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(wellformed())
def test_wellformed_trees_take_the_fast_path_and_agree(text: str) -> None:
    raw = text.encode("utf-8", "surrogateescape")
    tree = fast_tree(raw)
    assert tree is not None
    assert tree_shape(tree) == tree_shape(stdlib(raw))


def test_common_shapes_take_the_fast_path() -> None:
    assert fast_tree(build(body="hello")) is not None
    multi = (
        b"Content-Type: multipart/alternative; boundary=q\r\n\r\n"
        b"--q\r\nContent-Type: text/plain\r\n\r\nhi\r\n"
        b"--q\r\nContent-Type: text/html\r\n\r\n<p>hi</p>\r\n--q--\r\n"
    )
    tree = fast_tree(multi)
    assert tree is not None and tree_shape(tree) == tree_shape(stdlib(multi))
    parts = cast(list[Message], tree.get_payload())
    assert [p.get_payload() for p in parts] == ["hi", "<p>hi</p>"]
    # The word "boundary" inside the boundary value (as in the service's
    # reassembled slim messages) is no second boundary parameter.
    named = multi.replace(b"boundary=q", b'boundary="slim-boundary-q"').replace(
        b"--q", b"--slim-boundary-q"
    )
    tree = fast_tree(named)
    assert tree is not None and tree_shape(tree) == tree_shape(stdlib(named))


def test_unusual_shapes_go_to_the_stdlib() -> None:
    assert fast_tree(b"From someone Mon Jan 1\nSubject: x\n\nbody") is None  # mbox line
    assert fast_tree(b"Subject: x\rTo: y\r\n\r\nbody") is None  # lone CR
    assert fast_tree(b"Subject: caf\xc3\xa9\r\n\r\nbody") is None  # 8-bit header
    assert fast_tree(b"Subject: x\r\nnot a header\r\n\r\nbody") is None
    no_close = b"Content-Type: multipart/mixed; boundary=q\n\n--q\n\nhi\n"
    assert fast_tree(no_close) is None
    forward = b"Content-Type: message/rfc822\n\nSubject: inner\n\nhi\n"
    assert fast_tree(forward) is None
    two = b"Content-Type: multipart/mixed; boundary=q; Boundary=r\n\n--q\n\nhi\n--q--\n"
    assert fast_tree(two) is None
