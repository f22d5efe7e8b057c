"""A body part as plain text: HTML rendered as readable lines, format=flowed
joined, invisible characters dropped. Pure functions over strings.

What the writer wrote now, apart from quotes and forwards, is `textparts.py`.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Elements that end the line before and after them (CSS display: block and
# the like). A line is only ended when it holds something: block boundaries
# never make empty lines, only <br> does (as browsers render it).
_BLOCK = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "center",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "tfoot",
        "thead",
        "tr",
        "ul",
    }
)
# Blocks a browser sets apart with a vertical margin: a blank line.
_GAP = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl"})
_SKIP = frozenset({"script", "style", "head", "title", "template"})
_VOID = frozenset({"br", "hr", "img", "meta", "link", "input", "wbr", "col", "area", "base"})
# HTML's own white space collapses; a no-break space (U+00A0) does not: it is
# what makes Outlook's empty paragraph (<o:p>&nbsp;</o:p>) a blank line.
_COLLAPSIBLE = re.compile(r"[ \t\n\r\f]+")
_NO_MARGIN = re.compile(r"margin(?:-bottom)?\s*:\s*0(?:[a-z%]*)?\s*(?:;|$)", re.IGNORECASE)
# A style sheet rule that takes the margins off every <p> (Outlook on the
# web: "P {margin-top:0;margin-bottom:0;}"). The rule body is bounded so a
# hostile sheet of unclosed rules cannot make the search quadratic.
_P_RULE_NO_MARGIN = re.compile(r"(?:^|[\s,}])p\s*\{[^}]{0,300}?margin-bottom\s*:\s*0", re.I)


class _TextExtractor(HTMLParser):
    """Text laid out as a browser shows it, one output line per rendered line.

    Outlook, Gmail and Apple Mail write one element per line the user typed
    (`<div>`, `<p class=MsoNormal>`) and an empty line as `<div><br></div>`
    or `<p><o:p>&nbsp;</o:p></p>`; a paragraph `<p>` with its default margin
    is set apart by a blank line. So each line break, and each blank line,
    in the output is one the user saw."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[tuple[int, str]] = []  # (quote depth, text)
        self.cur: list[str] = []
        self.cur_depth = 0
        self.has_content = False  # the current line holds text (or a <br> is due)
        self.gap = False  # a blank line is due before the next content
        self.skip = 0
        self.quote = 0
        self.pre = 0
        self.pre_start = False  # HTML drops a newline right after <pre>
        self.p_gap = True  # <p> margins, unless the mail's style removes them
        self.margins: list[tuple[str, bool]] = []  # open margin blocks: has a margin?
        self.style: list[str] = []

    def _start_content(self) -> None:
        if self.has_content:
            return
        if self.gap and self.lines and self.lines[-1][1]:
            self.lines.append((self.quote, ""))
        self.gap = False
        self.has_content = True
        self.cur_depth = self.quote

    def _end_line(self, force: bool = False) -> None:
        """End the current line; an empty one only when `force` (<br>)."""
        if force:
            self._start_content()
        if self.has_content:
            self.lines.append((self.cur_depth, "".join(self.cur).strip(" ")))
        self.cur = []
        self.has_content = False

    def _open(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """A block starts: end the line; a blank line first if it has a margin."""
        self._end_line()
        if tag not in _GAP:
            return
        if tag == "p" and self.margins and self.margins[-1][0] == "p":
            self.margins.pop()  # a <p> closes an open <p> (HTML's implicit </p>)
        values = dict(attrs)
        margin = tag != "p" or (
            self.p_gap
            and "msonormal" not in (values.get("class") or "").lower()
            and not _NO_MARGIN.search(values.get("style") or "")
        )
        if len(self.margins) < 1000:  # bounded: a hostile page may never close
            self.margins.append((tag, margin))
        if margin and self.lines:
            self.gap = True

    def _close(self, tag: str) -> None:
        """A block ends: end the line; a blank line next if it had a margin."""
        self._end_line()
        if tag not in _GAP:
            return
        margin = True
        for k in range(len(self.margins) - 1, -1, -1):
            if self.margins[k][0] == tag:
                margin = self.margins[k][1]
                del self.margins[k:]
                break
        if margin and self.lines:
            self.gap = True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self.skip = 0  # a <head> left open ends here
        if tag in _SKIP:
            self.skip += 1
        elif self.skip:
            return
        elif tag == "br":
            self._end_line(force=True)
        elif tag in ("td", "th"):
            if self.has_content:
                self.cur.append(" ")
        elif tag in _BLOCK:
            self._open(tag, attrs)
            if tag == "blockquote":
                self.quote += 1
            elif tag == "pre":
                self.pre += 1
                self.pre_start = True

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # <br/>: one line break, not a start and an end.
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            if tag == "style" and self.style:
                if _P_RULE_NO_MARGIN.search("".join(self.style)):
                    self.p_gap = False
                self.style = []
            self.skip = max(0, self.skip - 1)
        elif self.skip or tag in _VOID:
            return
        elif tag in _BLOCK:
            if tag == "blockquote":
                self._end_line()
                self.quote = max(0, self.quote - 1)
            elif tag == "pre":
                self.pre = max(0, self.pre - 1)
            self._close(tag)

    def handle_data(self, data: str) -> None:
        if self.skip:
            if self.lasttag == "style":
                self.style.append(data)
            return
        if self.pre:
            data = data.replace("\r\n", "\n").replace("\r", "\n")
            if self.pre_start and data.startswith("\n"):
                data = data[1:]
            self.pre_start = False
            first, *rest = data.split("\n")
            if first:
                self._start_content()
                self.cur.append(first)
            for piece in rest:
                self._end_line(force=True)
                if piece:
                    self._start_content()
                    self.cur.append(piece)
            return
        text = _COLLAPSIBLE.sub(" ", data)
        if not self.has_content:
            text = text.lstrip(" ")  # collapsible space at a line's start is not shown
            if not text:
                return
            self._start_content()
        self.cur.append(text)

    def text(self) -> str:
        self._end_line()
        out = []
        for depth, line in self.lines:
            # A no-break space reads as a space once the text is plain.
            line = line.replace("\xa0", " ").rstrip()
            out.append(("> " * depth + line).rstrip())
        return "\n".join(out).strip("\n")


def html_to_text(html: str) -> str:
    """Readable text, a line for each line a browser would show: `<div>`,
    `<br>` and `<p>` as mail clients write them (see _TextExtractor), `<pre>`
    kept as it is, `<blockquote>` content `>`-quoted."""
    parser = _TextExtractor()
    try:
        parser.feed(html)
        parser.close()
        return parser.text()
    except Exception:  # html.parser is lenient; this is only a last resort
        return re.sub(r"<[^>]*>", " ", html)


_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200d\u2060-\u2064\ufeff]")
_ODD_SPACE = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")


def normalize_invisible(text: str) -> str:
    """`text` with characters a reader cannot see removed (zero-width space,
    joiner and non-joiner, word joiner, byte order mark, soft hyphen) and
    the Unicode spaces (no-break, narrow, em, ...) made plain spaces.

    Mail editors put them where the user typed nothing: a zero-width space
    or BOM at the start of a line, a no-break space for a typed space. For
    command lines only: in prose ZWJ and ZWNJ can carry meaning."""
    if text.isascii():
        return text
    return _ODD_SPACE.sub(" ", _INVISIBLE.sub("", text))


def unflow(text: str, delsp: bool = False) -> str:
    """Decode RFC 3676 format=flowed text into the lines its writer typed.

    Per line: the leading ">"s are its quote depth; one space after them (or
    at the start of an unquoted line) is space-stuffing and goes; a line that
    then ends in a space is "flowed" (soft-wrapped) and joins the next one,
    unless it is the signature separator "-- " or the next line has another
    quote depth (RFC 3676 4.5: then it simply ends). With `delsp` (DelSp=yes)
    the space at a soft break was added by the writer and is removed.
    Quoted lines come out as "> " per depth level, as split_reply reads them.
    """
    out: list[str] = []
    joined: list[str] = []  # pieces of the line being joined
    depth_of_joined = 0

    def emit(depth: int, line: str) -> None:
        out.append(("> " * depth + line) if line else ">" * depth)

    for raw in text.replace("\r\n", "\n").split("\n"):
        stripped = raw.lstrip(">")
        depth = len(raw) - len(stripped)
        line = stripped[1:] if stripped.startswith(" ") else stripped
        if joined and depth != depth_of_joined:
            emit(depth_of_joined, "".join(joined))
            joined = []
        flowed = line.endswith(" ") and line != "-- "
        if flowed and delsp:
            line = line[:-1]
        joined.append(line)
        depth_of_joined = depth
        if not flowed:
            emit(depth, "".join(joined))
            joined = []
    if joined:
        emit(depth_of_joined, "".join(joined))
    return "\n".join(out)
