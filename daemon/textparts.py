"""Body text helpers: HTML to readable text, and new text vs. quoted history.

Pure functions over strings. `split_reply()` is what keeps an old rejection,
quoted under a newer message, from being read as a new one: rules only ever
see `Parts.new` (and a *fresh* forward, decided by the caller).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

_BLOCK = {
    "p",
    "div",
    "br",
    "tr",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "blockquote",
    "hr",
    "section",
    "article",
    "header",
    "footer",
    "pre",
}
_SKIP = {"script", "style", "head", "title"}


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip = 0
        self.quote = 0
        self.at_line_start = True

    def _newline(self) -> None:
        self.out.append("\n")
        self.at_line_start = True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip += 1
        elif tag == "blockquote":
            self._newline()
            self.quote += 1
        elif tag in _BLOCK:
            self._newline()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag == "blockquote":
            self.quote = max(0, self.quote - 1)
            self._newline()
        elif tag in _BLOCK:
            self._newline()

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        text = re.sub(r"\s+", " ", data)
        if not text.strip():
            if not self.at_line_start:
                self.out.append(" ")
            return
        if self.at_line_start:
            text = text.lstrip()
            if self.quote:
                self.out.append("> " * self.quote)
        self.out.append(text)
        self.at_line_start = False


def html_to_text(html: str) -> str:
    """Readable text; `<blockquote>` content comes out `>`-quoted."""
    parser = _TextExtractor()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # html.parser is lenient; this is only a last resort
        return re.sub(r"<[^>]*>", " ", html)
    text = "".join(parser.out)
    lines = [line.rstrip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


@dataclass(frozen=True)
class Forward:
    """A forwarded message found inline: its header lines and its text."""

    sender: str
    date: str
    subject: str
    text: str


@dataclass(frozen=True)
class Parts:
    new: str
    quoted: str
    signature: str
    forwards: tuple[Forward, ...]


_ATTRIBUTION = re.compile(
    r"^\s*(?:"
    r"On\b.{0,300}\bwrote:|"
    r"Le\b.{0,300}\ba écrit\s*:|"
    r"Am\b.{0,300}\bschrieb\b.{0,200}:|"
    r"El\b.{0,300}\bescribió\s*:|"
    r"Op\b.{0,300}\bschreef\b.{0,200}:|"
    r"-{2,}\s*(?:Original Message|Ursprüngliche Nachricht|Message d'origine|"
    r"Mensaje original|Oorspronkelijk bericht)\s*-{2,}"
    r")\s*$",
    re.IGNORECASE,
)
_FORWARD = re.compile(
    r"^\s*(?:-{2,}\s*(?:Forwarded message|Weitergeleitete Nachricht|Message transféré|"
    r"Mensaje reenviado|Doorgestuurd bericht|Original-Nachricht)\s*-{2,}|"
    r"Begin forwarded message:|Début du message réexpédié\s*:|Anfang der weitergeleiteten "
    r"Nachricht:)\s*$",
    re.IGNORECASE,
)
_OUTLOOK_FROM = re.compile(r"^\s*(?:From|Von|De|Van)\s*:\s*\S", re.IGNORECASE)
_OUTLOOK_NEXT = re.compile(
    r"^\s*(?:Sent|Date|Gesendet|Datum|Envoyé|Enviado|Fecha|Verzonden|To|An|À|Para|Aan)\s*:",
    re.IGNORECASE,
)
_HEADER_LINE = re.compile(r"^\s*([A-Za-zÀ-ÿ-]+)\s*:\s*(.*)$")


def _parse_forward(lines: list[str]) -> Forward:
    fields: dict[str, str] = {}
    i = 0
    while i < len(lines) and i < 12:
        m = _HEADER_LINE.match(lines[i])
        if not lines[i].strip():
            if fields:
                i += 1
                break
            i += 1
            continue
        if not m:
            break
        fields[m.group(1).lower()] = m.group(2).strip()
        i += 1
    body = "\n".join(lines[i:])
    sender = fields.get("from") or fields.get("von") or fields.get("de") or fields.get("van", "")
    date = (
        fields.get("date") or fields.get("datum") or fields.get("fecha") or fields.get("sent", "")
    )
    subject = (
        fields.get("subject")
        or fields.get("betreff")
        or fields.get("objet")
        or fields.get("asunto")
        or fields.get("onderwerp", "")
    )
    inner = split_reply(body)
    return Forward(sender, date, subject, inner.new)


def split_reply(text: str) -> Parts:
    """Separate what the author wrote now from quotes, forwards and signature.

    Rules: `>` lines are quoted; an attribution line ("On ... wrote:", in the
    supported languages, also wrapped over two lines) or an Outlook header
    block starts quoted history that runs to the end; a forward marker starts
    a forwarded message (kept apart, never quoted); a "-- " line starts the
    signature.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    new: list[str] = []
    quoted: list[str] = []
    signature: list[str] = []
    forwards: list[Forward] = []
    i = 0
    in_sig = False
    while i < len(lines):
        line = lines[i]
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        # Forward markers, attributions and Outlook blocks all contain a ":"
        # or a "-" on this line or the next: other lines skip those regexes.
        marked = ":" in line or "-" in line or ":" in nxt or "-" in nxt
        if line.lstrip().startswith(">"):
            quoted.append(line)
        elif marked and _FORWARD.match(line):
            forwards.append(_parse_forward(lines[i + 1 :]))
            break
        elif marked and (
            _ATTRIBUTION.match(line)
            or (
                line.strip() and nxt.strip() and _ATTRIBUTION.match(f"{line.strip()} {nxt.strip()}")
            )
            or (_OUTLOOK_FROM.match(line) and _OUTLOOK_NEXT.match(nxt))
        ):
            quoted.extend(lines[i:])
            break
        elif line.rstrip() in ("--", "-- ") or line.strip() == "__":
            in_sig = True
        elif in_sig:
            signature.append(line)
        else:
            new.append(line)
        i += 1
    return Parts(
        new="\n".join(new).strip(),
        quoted="\n".join(quoted).strip(),
        signature="\n".join(signature).strip(),
        forwards=tuple(forwards),
    )
