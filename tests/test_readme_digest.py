"""The README's picture of the HTML digest is the real digest, drawn in text.

`picture()` composes a one-draft digest with the real code (compose_digest,
the shipped English template) and draws its HTML part as a mail client
shows it: a box per card, the draft's text in its shaded box wrapped as a
browser wraps it, each link a button `[ label ]`. The README must hold that
drawing (down to the end of the card) verbatim; `python -m
tests.test_readme_digest` prints it.
"""

from __future__ import annotations

import html
import re
import textwrap
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from zoneinfo import ZoneInfo

from daemon.digest import compose_digest
from daemon.drafts import Draft, load_template, render

ROOT = Path(__file__).resolve().parent.parent
WIDTH = 74
TOKEN = "Zq8v1XbM3kP0wR7tY2uN5a"


@dataclass
class Node:
    tag: str
    style: str
    children: list[Node | str] = field(default_factory=list)


_VOID = {"meta", "br", "hr", "img", "input", "link"}
_BR = "\x00"  # a <br>, among the text
_BLOCK = {"html", "body", "div", "p", "h1", "h2", "h3", "ul", "li", "pre"}


class _Tree(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("root", "")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.stack[-1].children.append(_BR)
            return
        if tag in _VOID:
            return
        node = Node(tag, dict(attrs).get("style") or "")
        self.stack[-1].children.append(node)
        self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def _text(node: Node | str) -> str:
    if isinstance(node, str):
        return node
    return "".join("\n" if c == _BR else _text(c) for c in node.children)


def _box(lines: list[str], width: int) -> list[str]:
    inner = width - 4
    return [
        "┌" + "─" * (width - 2) + "┐",
        *(f"│ {line:<{inner}} │" for line in lines),
        "└" + "─" * (width - 2) + "┘",
    ]


def _draw(node: Node, width: int) -> list[str]:
    """The lines `node` shows as, at most `width` columns."""
    if node.tag in ("head", "style", "title", "script"):
        return []
    boxed = "border:1px" in node.style or "background:#f6f8fa" in node.style
    inner = width - 4 if boxed else width
    lines: list[str] = []
    if "pre-wrap" in node.style or node.tag == "pre":
        for line in _text(node).split("\n"):
            lines += textwrap.wrap(line, inner) or [""]
    else:
        run = ""

        def flush() -> None:
            nonlocal run
            if run.strip():
                lines.extend(textwrap.wrap(" ".join(run.split()), inner))
            run = ""

        for child in node.children:
            if isinstance(child, str):
                if child == _BR:
                    flush()
                else:
                    run += child
            elif child.tag == "a":
                run += f" [ {' '.join(_text(child).split())} ] "
            elif child.tag in _BLOCK:
                flush()
                drawn = _draw(child, inner)
                if child.tag in ("h2", "h3", "p") or "border:1px" in child.style:
                    drawn = [*drawn, ""]
                lines += drawn
            else:
                run += _text(child)
        flush()
    while lines and not lines[-1]:
        lines.pop()
    return _box(lines, width) if boxed else lines


def draw(page: str, width: int = WIDTH) -> str:
    """An HTML mail as a client shows it, in text, with the subject above."""
    tree = _Tree()
    tree.feed(page)
    body = next((n for n in _walk(tree.root) if n.tag == "body"), tree.root)
    return "\n".join(line.rstrip() for line in _draw(body, width))


def _walk(node: Node) -> list[Node]:
    out = [node]
    for c in node.children:
        if isinstance(c, Node):
            out += _walk(c)
    return out


def example() -> tuple[str, str]:
    """(subject, HTML part) of a one-draft digest, as debrief composes it."""
    text = render(
        load_template("en"),
        {
            "first_name": "Mia",
            "their_name": "Mia Lind",
            "company": "Fernbrook",
            "position": "Senior Designer",
            "my_name": "Alex Example",
        },
    )
    draft = Draft(
        id=1,
        detection_id=1,
        recipient="mia.lind@fernbrook.example",
        recipient_name="Mia Lind",
        subject="Re: Interview for Senior Designer",
        body=text.body,
        state="pending",
        due_at=datetime(2026, 3, 11, 8, 0, tzinfo=UTC),
        in_reply_to="<rej1@fernbrook.example>",
        references=("<rej1@fernbrook.example>",),
        message_id="<f1@example.org>",
        token="draft-token-1",
        approved_hash=None,
        reason="",
        language="en",
        company="Fernbrook",
        position="Senior Designer",
        rejection_key="<rej1@fernbrook.example>",
    )
    msg = compose_digest(
        [draft],
        {
            1: 'en.rejection.other-candidate +6 ("decided to move forward with other '
            'candidates"); en.interview.held +2 ("thank you for interview")'
        },
        [],
        because={1: "wrote to you (2026-03-03), calendar attendee (2026-03-05)"},
        token=TOKEN,
        from_addr="alex@example.org",
        to="alex@example.org",
        message_id="<digest-1@example.org>",
        now=datetime(2026, 3, 10, 7, 0, tzinfo=UTC),
        tz=ZoneInfo("Europe/Berlin"),
    )
    part = msg.get_body(("html",))
    assert part is not None
    return str(msg["Subject"]), str(part.get_content())


def picture() -> str:
    """The subject and the page down to the end of its card (the lines on
    how to reply follow in the real page)."""
    subject, page = example()
    lines = draw(page).split("\n")
    end = max(i for i, line in enumerate(lines) if line.startswith("└"))
    return "\n".join([f"Subject: {subject}", "", *lines[: end + 1]])


def test_the_readme_shows_the_real_html_digest() -> None:
    readme = (ROOT / "README.md").read_text()
    shown = "\n".join(f"  {line}".rstrip() for line in picture().split("\n"))
    assert f"  ```\n{shown}\n  ```\n" in readme, "regenerate: python -m tests.test_readme_digest"


def test_the_picture_shows_every_part_of_a_card() -> None:
    text = picture()
    _, page = example()
    for part in ("To: Mia Lind", "Because: wrote to you", "Planned: Wed 11 Mar 2026 09:00 CET"):
        assert part in text
    assert "[ Approve 1 ]" in text and "[ Approve all shown ]" in text
    assert "Hi Mia," in text and "Best regards," in text
    # every button of the page is drawn, and every draft line is in a box
    labels = [html.unescape(t) for t in re.findall(r"<a [^>]*>([^<]+)</a>", page)]
    assert all(f"[ {label} ]" in text for label in labels)
    assert all(len(line) <= WIDTH for line in text.split("\n")[2:])


if __name__ == "__main__":
    print("\n".join(f"  {line}".rstrip() for line in picture().split("\n")))
