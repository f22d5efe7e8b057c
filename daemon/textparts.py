"""Body text helpers: HTML to readable text, and new text vs. quoted history.

Pure functions over strings. `split_reply()` is what keeps an old rejection,
quoted under a newer message, from being read as a new one: rules only ever
see `Parts.new` (and a *fresh* forward, decided by the caller).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Forward:
    """A forwarded message found inline: its header lines and its text."""

    sender: str
    date: str
    subject: str
    text: str
    to: str = ""  # the To line, as written (may be empty)


@dataclass(frozen=True)
class Parts:
    new: str
    quoted: str
    signature: str
    forwards: tuple[Forward, ...]


# "-----Original Message-----", in the languages with rules.
_ORIGINAL_MARKER = (
    r"-{2,}\s*(?:Original Message|Ursprüngliche Nachricht|Message d'origine|"
    r"Mensaje original|Oorspronkelijk bericht|Mensagem original|Messaggio originale)\s*-{2,}"
)
_ATTRIBUTION = re.compile(
    r"^\s*(?:"
    r"On\b.{0,300}\bwrote:|"
    r"Le\b.{0,300}\ba écrit\s*:|"
    r"Am\b.{0,300}\bschrieb\b.{0,200}:|"
    r"El\b.{0,300}\bescribió\s*:|"
    r"Op\b.{0,300}\bschreef\b.{0,200}:|"
    r"Em\b.{0,300}\bescreveu\s*:|"
    r"Il\b.{0,300}\bha scritto\s*:|"
    rf"{_ORIGINAL_MARKER}"
    r")\s*$",
    re.IGNORECASE,
)
_FORWARD = re.compile(
    r"^\s*(?:-{2,}\s*(?:Forwarded message|Weitergeleitete Nachricht|Message transféré|"
    r"Mensaje reenviado|Doorgestuurd bericht|Original-Nachricht|Mensagem encaminhada|"
    r"Messaggio inoltrato)\s*-{2,}|"
    r"Begin forwarded message:|Début du message réexpédié\s*:|Anfang der weitergeleiteten "
    r"Nachricht:)\s*$",
    re.IGNORECASE,
)
# The header block Outlook writes above the mail it quotes (and forwards):
# "From:" then "Sent:" (or "To:"), in the languages Outlook is used in. A
# block it writes in a language not listed is still known by its shape: a
# From line that holds an address, then a field that holds a date or a time.
_OUTLOOK_FROM = re.compile(
    r"^\s*(?:From|Von|De|Van|Da|Od|Från|Fra|Lähettäjä|Feladó|От|Kimden)\s*:\s*\S",
    re.IGNORECASE,
)
_OUTLOOK_NEXT = re.compile(
    r"^\s*(?:Sent|Date|Gesendet|Datum|Envoyé|Enviado(?:\s+el|\s+em)?|Enviada\s+em|Fecha|"
    r"Verzonden|Inviato|Data|Wysłane|Odesláno|Skickat|Sendt|Lähetetty|Elküldve|"
    r"Отправлено|Gönderildi|Tarih|To|An|À|Para|Aan)\s*:",
    re.IGNORECASE,
)
# The writer points the reader at what follows: "see below", "hieronder lees
# je", "unten finden Sie", "ci-dessous", "a continuación", "qui sotto", "abaixo".
_POINTS_BELOW = re.compile(
    r"(?i)\b(?:below|underneath|hieronder|onderstaand\w*|unten|nachfolgend\w*|untenstehend\w*|"
    r"ci-dessous|ci-apres|abajo|a continuaci[oó]n|debajo|qui sotto|di seguito|sotto|abaixo|"
    r"a seguir|anbei)\b"
)
# The marker a client writes above the mail it passes on when forwarding by
# "reply" ("-----Ursprüngliche Nachricht-----").
_ORIGINAL_MESSAGE = re.compile(rf"^\s*{_ORIGINAL_MARKER}\s*$", re.IGNORECASE)
_DATED_FIELD = re.compile(r"^\s*\w[\w .-]{0,24}:\s*\S.*(?:\b\d{1,2}:\d\d\b|\b(?:19|20)\d\d\b)")
_RULE = re.compile(r"^\s*_{10,}\s*$")  # Outlook's <hr> in a plain part
_HEADER_LINE = re.compile(r"^\s*([A-Za-zÀ-ÿ-]+)\s*:\s*(.*)$")


def _field(fields: dict[str, str], *names: str) -> str:
    return next((fields[n] for n in names if fields.get(n)), "")


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
    # The field names mail clients write, in the languages with rules.
    sender = _field(fields, "from", "von", "de", "van", "da")
    date = _field(
        fields,
        "date",
        "datum",
        "fecha",
        "data",
        "sent",
        "gesendet",
        "envoyé",
        "enviado",
        "inviato",
        "verzonden",
    )
    subject = _field(
        fields,
        "subject",
        "betreff",
        "objet",
        "asunto",
        "sujet",
        "onderwerp",
        "oggetto",
        "assunto",
    )
    to = next(
        (
            fields[k]
            for k in ("to", "an", "à", "a", "pour", "para", "aan", "destinataire")
            if k in fields
        ),
        "",
    )
    inner = split_reply(body)
    return Forward(sender, date, subject, inner.new, to)


def split_reply(text: str) -> Parts:
    """Separate what the author wrote now from quotes, forwards and signature.

    Rules: `>` lines are quoted; an attribution line ("On ... wrote:", in the
    supported languages, also wrapped over two lines) or an Outlook header
    block (with the line of underscores Outlook draws above it) starts quoted
    history that runs to the end; a forward marker starts a forwarded message
    (kept apart, never quoted); a "-- " line starts the signature. Characters
    an editor adds unseen (a zero-width space or BOM before a ">") do not
    hide a line's structure.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    # Structure is read from the lines as the user sees them; the lines are
    # kept as they are.
    seen = [normalize_invisible(line) for line in lines]
    new: list[str] = []
    quoted: list[str] = []
    signature: list[str] = []
    forwards: list[Forward] = []
    i = 0
    in_sig = False
    while i < len(lines):
        line = seen[i]
        nxt = seen[i + 1] if i + 1 < len(lines) else ""
        # Forward markers, attributions and Outlook blocks all contain a ":"
        # or a "-" on this line or the next: other lines skip those regexes.
        marked = ":" in line or "-" in line or ":" in nxt or "-" in nxt
        if line.lstrip().startswith(">"):
            quoted.append(lines[i])
        elif marked and _FORWARD.match(line):
            forwards.append(_parse_forward(lines[i + 1 :]))
            break
        elif (
            marked
            and (
                (_OUTLOOK_FROM.match(line) and _OUTLOOK_NEXT.match(nxt))
                or (_ORIGINAL_MESSAGE.match(line) and _OUTLOOK_FROM.match(nxt))
            )
            and _POINTS_BELOW.search(" ".join(new[-12:]))
        ):
            # An Outlook header block under "read below what Joost wrote
            # me" is a mail passed on (a forward without a marker line), not
            # the quoted history of a reply; its text may come quoted.
            start = i + 1 if _ORIGINAL_MESSAGE.match(line) else i
            rest = [re.sub(r"^\s*> ?", "", ln) for ln in lines[start:]]
            forwards.append(_parse_forward(rest))
            break
        elif marked and (
            _ATTRIBUTION.match(line)
            or (
                line.strip() and nxt.strip() and _ATTRIBUTION.match(f"{line.strip()} {nxt.strip()}")
            )
            or (
                _OUTLOOK_FROM.match(line)
                and (_OUTLOOK_NEXT.match(nxt) or ("@" in line and _DATED_FIELD.match(nxt)))
            )
        ):
            while new and not new[-1].strip():
                new.pop()
            if new and _RULE.match(new[-1]):
                quoted.append(new.pop())
            quoted.extend(lines[i:])
            break
        elif line.rstrip() in ("--", "-- ") or line.strip() == "__":
            in_sig = True
        elif in_sig:
            signature.append(lines[i])
        else:
            new.append(lines[i])
        i += 1
    return Parts(
        new="\n".join(new).strip(),
        quoted="\n".join(quoted).strip(),
        signature="\n".join(signature).strip(),
        forwards=tuple(forwards),
    )
