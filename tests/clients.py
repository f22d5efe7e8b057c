"""Replies to a digest, byte for byte as real mail clients shape them.

Each builder takes the text the user typed (several lines: commands, an
`edit` block with its paragraphs) and the digest being answered (the
`EmailMessage` compose_digest returned, or its bytes), and returns the reply
as the client puts it on the wire: CRLF line endings, the client's MIME
structure, charsets and transfer encodings, its header set and order, its
attribution line and its way of quoting the digest (`>` lines, an Outlook
header block with the digest unquoted below it, `<blockquote>`s), and its way
of turning what the user typed into text/plain and text/html:

- Gmail (web): multipart/alternative, plain and HTML quoted-printable UTF-8;
  one `<div>` per line, `<div><br></div>` for an empty line; the plain
  attribution "On <date> at <time> <name> <addr> wrote:" wrapped before
  "wrote:" when long, the date with a narrow no-break space before AM/PM;
  `<div class="gmail_quote">` around a `<blockquote>` in HTML.
- Outlook desktop: Word's HTML (`<p class=MsoNormal>` per line, `<o:p>&nbsp;
  </o:p>` for an empty one), the localised "From: / Sent: / To: / Subject:"
  block (en, de, fr, it, es, nl, pt) with the digest NOT quoted under it; the
  Western-European charset when the text fits it; Thread-Index and
  Thread-Topic; `X-Auto-Response-Suppress: All`; optionally no In-Reply-To
  and References (Outlook threads by Thread-Index).
- Outlook on the web: `<div class="elementToProof">` per line, a style
  that takes the margins off `<p>`, `<hr>` + `<div id="divRplyFwdMsg">`; the
  plain part draws the `<hr>` as a line of underscores.
- Outlook HTML-only: Word's HTML alone (no text/plain part), base64.
- Apple Mail (older macOS): text/plain `format=flowed; delsp=yes`, wrapped at
  76 columns with the extra space delsp asks for; folded Content-Type
  parameters with tabs; `<blockquote type="cite">`; the attribution inside
  the quote. `flowed=False`: current Apple Mail (long lines, quoted-printable).
- iOS Mail: quoted-printable UTF-8, "Sent from my iPhone", the attribution
  quoted, a byte order mark at the start of the quoted text.
- Thunderbird: text/plain `format=flowed` (delsp=no), wrapped at 72 columns
  with a trailing space on every soft break, space-stuffing of lines that
  start with " ", ">" or "From "; HTML `<p>` per paragraph and
  `<blockquote type="cite">`; `html=False` sends the plain part alone.

`mailto()` builds the new mail each client composes from a `mailto:` link
(the HTML digest's buttons): To, Subject and body from the URL, nothing of
the digest, no In-Reply-To; the client's own MIME shape and signature.

A plain-text original (debrief's confirmations and answers) is quoted as
clients quote one: its lines, `<br>` between them in HTML.

The builders are deterministic: ids and boundaries derive from the input.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import quopri
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr, parsedate_to_datetime

ME_NAME = "Alex Example"
ME = "alex@example.org"  # the user, who answers the digest
CRLF = "\r\n"


@dataclass(frozen=True)
class Original:
    """What a client reads from the digest it answers."""

    subject: str
    message_id: str
    name: str  # debrief's display name
    addr: str  # debrief's address: the reply goes there
    me: str  # the user, who replies
    date: datetime
    text: str  # the plain part
    html_body: str  # what is inside the HTML part's <body>


def original(digest: EmailMessage | bytes, me: str = ME) -> Original:
    """The parts of `digest` a client uses to build its reply. The user's
    address is given (`me`), not read from the digest's To: a client knows
    its own account."""
    raw = digest if isinstance(digest, bytes) else digest.as_bytes()
    msg = message_from_bytes(raw, policy=policy.default)
    assert isinstance(msg, EmailMessage)
    plain = msg.get_body(("plain",))
    rich = msg.get_body(("html",))
    assert plain is not None
    text = plain.get_content().replace("\r\n", "\n")
    if rich is None:  # a plain-text mail (a confirmation): clients show it line by line
        page = "<br>\n".join(html.escape(line, quote=False) for line in text.split("\n"))
        page = f'<div dir="ltr">{page}</div>'
    else:
        page = rich.get_content()
    body = re.search(r"<body[^>]*>(.*)</body>", page, re.S | re.I)
    name, addr = parseaddr(str(msg["From"]))
    return Original(
        subject=str(msg["Subject"]).strip(),  # a folded Subject reads back with a space
        message_id=str(msg["Message-ID"]),
        name=name,
        addr=addr,
        me=me,
        date=parsedate_to_datetime(str(msg["Date"])),
        text=text,
        html_body=body.group(1) if body else page,
    )


# -- shared pieces -------------------------------------------------------------


def _seed(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()


def _lines(typed: str) -> list[str]:
    """The user's lines, as the editor holds them (no trailing blank lines)."""
    return typed.replace("\r\n", "\n").rstrip("\n").split("\n")


def _fold(name: str, value: str, indent: str = " ") -> str:
    """One header field, folded at spaces to keep lines near 78 columns
    (a value that comes folded already is kept as it is)."""
    if CRLF in value:
        return f"{name}: {value}"
    line, out = f"{name}: ", []
    for word in value.split(" "):
        if len(line) + len(word) > 77 and line.strip() and not line.endswith(": "):
            out.append(line.rstrip(" "))
            line = indent
        line += word + " "
    out.append(line.rstrip(" "))
    return CRLF.join(out)


def _head(fields: list[tuple[str, str]], indent: str = " ") -> str:
    return "".join(_fold(k, v, indent) + CRLF for k, v in fields)


def _qp(text: str, charset: str) -> str:
    """Quoted-printable with CRLF line ends (soft breaks at 76, '=20' for
    a trailing space, as every client's encoder does)."""
    data = text.replace("\r\n", "\n").encode(charset)
    return quopri.encodestring(data).decode("ascii").replace("\n", CRLF)


def _b64(text: str, charset: str) -> str:
    return base64.encodebytes(text.encode(charset)).decode("ascii").replace("\n", CRLF)


def _crlf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\n", CRLF)


def _part(fields: list[tuple[str, str]], body: str, indent: str = " ") -> str:
    return _head(fields, indent) + CRLF + body


def _multipart(boundary: str, parts: list[str], preamble: str = "") -> str:
    out = preamble
    for p in parts:
        out += f"--{boundary}{CRLF}{p}"
        if not p.endswith(CRLF):
            out += CRLF
    return out + f"--{boundary}--{CRLF}"


def _quote(text: str, prefix: str = "> ") -> str:
    """`text` quoted line by line; an empty line gets the bare marker."""
    return "\n".join(
        (prefix + line).rstrip() if line.strip() else prefix.rstrip()
        for line in text.rstrip("\n").split("\n")
    )


def _esc(line: str) -> str:
    """A typed line as an HTML editor stores it: markup escaped, and runs
    of spaces kept visible with no-break spaces."""
    text = html.escape(line, quote=False)
    text = re.sub(r"  ", " &nbsp;", text)
    return re.sub(r"^ ", "&nbsp;", text)


def _charset(text: str, preferred: str = "us-ascii") -> str:
    for cs in (preferred, "utf-8"):
        try:
            text.encode(cs)
        except UnicodeEncodeError:
            continue
        return cs
    return "utf-8"


def _twelve(d: datetime) -> str:
    return f"{(d.hour % 12) or 12}:{d:%M}"


def _ampm(d: datetime) -> str:
    return "AM" if d.hour < 12 else "PM"


def _reply_date(o: Original) -> datetime:
    return o.date + timedelta(hours=1, minutes=3)


# -- format=flowed (RFC 3676), as generators write it --------------------------


def _stuff(line: str) -> str:
    """Space-stuffing: a line that starts with a space, ">" or "From "."""
    return " " + line if line.startswith((" ", ">", "From ")) else line


def flow(text: str, width: int, *, delsp: bool) -> str:
    """Unquoted `text` as format=flowed lines of at most `width` columns.

    A long line is broken after a space, which stays at the end of the line
    (delsp=no); with delsp=yes one more space is added there, the one the
    reader deletes (Apple Mail's way: two spaces at every soft break)."""
    out: list[str] = []
    for line in text.split("\n"):
        line = _stuff(line.rstrip(" "))  # a hard line must not end in a space
        while len(line) > width:
            cut = line.rfind(" ", 0, width)
            if cut <= 0:
                break  # one long word: left long, as clients do
            head, line = line[: cut + 1], line[cut + 1 :]
            out.append(head + (" " if delsp else ""))
            line = _stuff(line)
        out.append(line)
    return "\n".join(out)


def _flowed_quote(text: str) -> str:
    """A non-flowed original quoted in a flowed reply: "> " (the space is
    stuffing), and trailing spaces trimmed so no quoted line reads as flowed."""
    return "\n".join(
        f"> {line.rstrip()}".rstrip() if line.strip() else ">"
        for line in text.rstrip("\n").split("\n")
    )


# -- Gmail ---------------------------------------------------------------------


def _gmail_attribution(o: Original) -> str:
    d = o.date
    when = f"{d:%a}, {d:%b} {d.day}, {d.year} at {_twelve(d)}\u202f{_ampm(d)}"
    return f"On {when} {o.name} <{o.addr}> wrote:"


def gmail(typed: str, digest: EmailMessage | bytes, *, me: str = ME) -> bytes:
    """A reply from Gmail on the web (default Reply, rich text)."""
    o = original(digest, me)
    lines = _lines(typed)
    seed = _seed("gmail", typed, o.message_id)
    boundary = "000000000000" + seed[:16]
    attribution = _gmail_attribution(o)
    if len(attribution) > 76:  # Gmail's plain part wraps it before "wrote:"
        cut = attribution.rfind(" ", 0, 76)
        attribution = attribution[:cut] + "\n" + attribution[cut + 1 :]
    plain = "\n".join(lines) + "\n\n" + attribution + "\n" + _quote(o.text) + "\n"
    # Gmail's editor: the first line directly in the ltr div, each next line
    # a <div>, an empty line <div><br></div>.
    first, *rest = lines
    user = _esc(first) or "<br>"
    user += "".join(f"<div>{_esc(line)}</div>" if line else "<div><br></div>" for line in rest)
    attr_html = html.escape(_gmail_attribution(o), quote=False).replace(
        html.escape(o.addr), f'<a href="mailto:{o.addr}">{o.addr}</a>'
    )
    rich = (
        f'<div dir="ltr">{user}</div><br><div class="gmail_quote gmail_quote_container">'
        f'<div dir="ltr" class="gmail_attr">{attr_html}<br></div>'
        '<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;'
        f'border-left:1px solid rgb(204,204,204);padding-left:1ex">{o.html_body}</blockquote>'
        "</div>\n"
    )
    head = _head(
        [
            ("MIME-Version", "1.0"),
            ("References", o.message_id),
            ("In-Reply-To", o.message_id),
            ("From", f"{ME_NAME} <{o.me}>"),
            ("Date", format_datetime(_reply_date(o))),
            ("Message-ID", f"<CAE{seed[16:40]}+{seed[40:52]}@mail.gmail.com>"),
            ("Subject", f"Re: {o.subject}"),
            ("To", f"{o.name} <{o.addr}>"),
            ("Content-Type", f'multipart/alternative; boundary="{boundary}"'),
        ]
    )
    parts = [
        _part(
            [
                ("Content-Type", 'text/plain; charset="UTF-8"'),
                ("Content-Transfer-Encoding", "quoted-printable"),
            ],
            _qp(plain, "utf-8"),
        ),
        _part(
            [
                ("Content-Type", 'text/html; charset="UTF-8"'),
                ("Content-Transfer-Encoding", "quoted-printable"),
            ],
            _qp(rich, "utf-8"),
        ),
    ]
    return (head + CRLF + _multipart(boundary, parts)).encode("ascii")


# -- Outlook -------------------------------------------------------------------

# Labels of the header block Outlook writes above the quoted mail, the
# reply prefix of the subject, and the words of its date, per language.
_OUTLOOK = {
    "en": (("From:", "Sent:", "To:", "Subject:"), "RE: "),
    "de": (("Von:", "Gesendet:", "An:", "Betreff:"), "AW: "),
    "fr": (("De :", "Envoyé :", "À :", "Objet :"), "RE : "),
    "it": (("Da:", "Inviato:", "A:", "Oggetto:"), "R: "),
    "es": (("De:", "Enviado el:", "Para:", "Asunto:"), "RE: "),
    "nl": (("Van:", "Verzonden:", "Aan:", "Onderwerp:"), "RE: "),
    "pt": (("De:", "Enviado:", "Para:", "Assunto:"), "RE: "),
}
_DAYS = {
    "en": "Monday Tuesday Wednesday Thursday Friday Saturday Sunday",
    "de": "Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag",
    "fr": "lundi mardi mercredi jeudi vendredi samedi dimanche",
    "it": "lunedì martedì mercoledì giovedì venerdì sabato domenica",
    "es": "lunes martes miércoles jueves viernes sábado domingo",
    "nl": "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag",
    "pt": "segunda-feira terça-feira quarta-feira quinta-feira sexta-feira sábado domingo",
}
_MONTHS = {
    "en": "January February March April May June July August September October November December",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre "
    "dicembre",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre "
    "diciembre",
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
    "pt": "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro "
    "dezembro",
}


def _outlook_date(d: datetime, lang: str) -> str:
    day = _DAYS[lang].split()[d.weekday()]
    month = _MONTHS[lang].split()[d.month - 1]
    if lang == "en":
        return f"{day}, {month} {d.day}, {d.year} {_twelve(d)} {_ampm(d)}"
    if lang == "de":
        return f"{day}, {d.day}. {month} {d.year} {d:%H:%M}"
    if lang in ("es", "pt"):
        return f"{day}, {d.day} de {month} de {d.year} {d:%H:%M}"
    return f"{day} {d.day} {month} {d.year} {d:%H:%M}"


def _outlook_block(o: Original, lang: str) -> list[tuple[str, str]]:
    """The header block: (label, value) as Outlook writes them."""
    labels, _ = _OUTLOOK[lang]
    return list(
        zip(
            labels,
            (
                f"{o.name} <{o.addr}>",
                _outlook_date(o.date, lang),
                f"{ME_NAME} <{o.me}>",
                o.subject,
            ),
            strict=True,
        )
    )


_WORD_HEAD = """\
<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" \
xmlns:w="urn:schemas-microsoft-com:office:word" xmlns:m="http://schemas.microsoft.com/office/2004/12/omml" \
xmlns="http://www.w3.org/TR/REC-html40">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<meta name="Generator" content="Microsoft Word 15 (filtered medium)">
<style><!--
/* Font Definitions */
@font-face
\t{{font-family:"Cambria Math";
\tpanose-1:2 4 5 3 5 4 6 3 2 4;}}
@font-face
\t{{font-family:Calibri;
\tpanose-1:2 15 5 2 2 2 4 3 2 4;}}
/* Style Definitions */
p.MsoNormal, li.MsoNormal, div.MsoNormal
\t{{margin:0cm;
\tfont-size:11.0pt;
\tfont-family:"Calibri",sans-serif;
\tmso-ligatures:standardcontextual;
\tmso-fareast-language:EN-US;}}
pre
\t{{mso-style-priority:99;
\tmso-style-link:"HTML Preformatted Char";
\tmargin:0cm;
\tfont-size:10.0pt;
\tfont-family:"Courier New";}}
span.EmailStyle19
\t{{mso-style-type:personal-reply;
\tfont-family:"Calibri",sans-serif;
\tcolor:windowtext;}}
.MsoChpDefault
\t{{mso-style-type:export-only;
\tfont-size:10.0pt;
\tmso-ligatures:none;}}
@page WordSection1
\t{{size:612.0pt 792.0pt;
\tmargin:72.0pt 72.0pt 72.0pt 72.0pt;}}
div.WordSection1
\t{{page:WordSection1;}}
--></style><!--[if gte mso 9]><xml>
<o:shapedefaults v:ext="edit" spidmax="1026" />
</xml><![endif]--><!--[if gte mso 9]><xml>
<o:shapelayout v:ext="edit">
<o:idmap v:ext="edit" data="1" />
</o:shapelayout></xml><![endif]-->
</head>
<body lang="{lang}" link="#0563C1" vlink="#954F72" style="word-wrap:break-word">
<div class="WordSection1">
"""


def _word_html(lines: list[str], o: Original, lang: str, charset: str) -> str:
    """The HTML Outlook for Windows (Word) writes for a reply."""
    out = _WORD_HEAD.format(charset=charset, lang={"en": "EN-US"}.get(lang, lang.upper()))
    for line in lines:
        if line.strip():
            out += f'<p class="MsoNormal">{_esc(line)}<o:p></o:p></p>\n'
        else:
            out += '<p class="MsoNormal"><o:p>&nbsp;</o:p></p>\n'
    out += '<p class="MsoNormal"><o:p>&nbsp;</o:p></p>\n'
    out += '<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm">\n'
    block = "<br>\n".join(
        f"<b>{html.escape(label)}</b> {html.escape(value, quote=False)}"
        for label, value in _outlook_block(o, lang)
    )
    out += f'<p class="MsoNormal">{block}<o:p></o:p></p>\n</div>\n'
    out += '<p class="MsoNormal"><o:p>&nbsp;</o:p></p>\n'
    out += f"<div>\n{o.html_body}\n</div>\n</div>\n</body>\n</html>\n"
    return out


_OWA_STYLE = (
    'style="font-family: Aptos, Aptos_EmbeddedFont, Aptos_MSFontService, Calibri, Helvetica, '
    'sans-serif; font-size: 12pt; color: rgb(0, 0, 0);"'
)


def _owa_html(lines: list[str], o: Original, lang: str, charset: str) -> str:
    """The HTML Outlook on the web (and the new Outlook for Windows) writes."""
    out = (
        "<html>\n<head>\n"
        f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">\n'
        '<style type="text/css" style="display:none;"> P {margin-top:0;margin-bottom:0;} </style>\n'
        '</head>\n<body dir="ltr">\n'
    )
    for line in lines:
        out += f'<div class="elementToProof" {_OWA_STYLE}>\n{_esc(line) or "<br>"}</div>\n'
    out += (
        '<div id="appendonsend"></div>\n<hr style="display:inline-block;width:98%" tabindex="-1">\n'
    )
    block = "<br>\n".join(
        f"<b>{html.escape(label)}</b> {html.escape(value, quote=False)}"
        for label, value in _outlook_block(o, lang)
    )
    out += (
        '<div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif" style="font-size:11pt" '
        f'color="#000000">{block}</font>\n<div>&nbsp;</div>\n</div>\n'
        f"<div>{o.html_body}</div>\n</body>\n</html>\n"
    )
    return out


def _outlook(
    typed: str,
    digest: EmailMessage | bytes,
    *,
    kind: str,
    lang: str,
    threaded: bool,
    suppress: bool,
    me: str,
) -> bytes:
    o = original(digest, me)
    lines = _lines(typed)
    _, prefix = _OUTLOOK[lang]
    seed = _seed("outlook", kind, lang, typed, o.message_id)
    host = f"AM9PR0{int(seed[:2], 16) % 9 + 1}MB{int(seed[2:6], 16) % 9000 + 1000}"
    boundary = f"_000_{host}{seed[6:14].upper()}{host}eurp_"
    block = "\n".join(f"{label} {value}" for label, value in _outlook_block(o, lang))
    rule = "________________________________\n" if kind == "web" else ""
    plain = "\n".join(lines) + "\n\n" + rule + block + "\n\n" + o.text
    # Outlook writes the user's locale's charset when the text fits in it.
    charset = _charset(plain + typed, "us-ascii" if lang == "en" else "iso-8859-1")
    make = _owa_html if kind == "web" else _word_html
    rich = make(lines, o, lang, charset)
    # Thread-Index: 22 bytes (a FILETIME and a GUID), base64.
    thread_index = base64.b64encode(bytes.fromhex("01" + seed[14:56])).decode()
    fields = [
        ("From", f"{ME_NAME} <{o.me}>"),
        ("To", f"{o.name} <{o.addr}>"),
        ("Subject", prefix + o.subject),
        ("Thread-Topic", o.subject),
        ("Thread-Index", thread_index),
        ("Date", format_datetime(_reply_date(o))),
        ("Message-ID", f"<{host}{seed[20:40].upper()}@{host}.eurprd03.prod.outlook.com>"),
    ]
    if threaded:
        fields += [("References", o.message_id), ("In-Reply-To", o.message_id)]
    fields += [
        ("Accept-Language", "en-US" if lang == "en" else f"{lang}-{lang.upper()}, en-US"),
        ("Content-Language", "en-US" if lang == "en" else f"{lang}-{lang.upper()}"),
        ("X-MS-Has-Attach", ""),
        ("X-MS-TNEF-Correlator", ""),
    ]
    if suppress:
        fields.append(("X-Auto-Response-Suppress", "All"))
    if kind == "html_only":
        fields += [
            ("Content-Type", f'text/html; charset="{charset}"'),
            ("Content-Transfer-Encoding", "base64"),
            ("MIME-Version", "1.0"),
        ]
        return (_head(fields) + CRLF + _b64(_crlf(rich), charset)).encode("ascii")
    fields += [
        ("Content-Type", f'multipart/alternative; boundary="{boundary}"'),
        ("MIME-Version", "1.0"),
    ]
    parts = [
        _part(
            [
                ("Content-Type", f'text/plain; charset="{charset}"'),
                ("Content-Transfer-Encoding", "quoted-printable"),
            ],
            _qp(plain, charset),
        ),
        _part(
            [
                ("Content-Type", f'text/html; charset="{charset}"'),
                ("Content-Transfer-Encoding", "quoted-printable"),
            ],
            _qp(rich, charset),
        ),
    ]
    return (_head(fields) + CRLF + _multipart(boundary, parts)).encode("ascii")


def outlook_desktop(
    typed: str,
    digest: EmailMessage | bytes,
    *,
    lang: str = "en",
    threaded: bool = True,
    suppress: bool = True,
    me: str = ME,
) -> bytes:
    """A reply from Outlook for Windows (Word editor, HTML + plain)."""
    return _outlook(
        typed, digest, kind="desktop", lang=lang, threaded=threaded, suppress=suppress, me=me
    )


def outlook_web(
    typed: str,
    digest: EmailMessage | bytes,
    *,
    lang: str = "en",
    threaded: bool = True,
    suppress: bool = False,
    me: str = ME,
) -> bytes:
    """A reply from Outlook on the web / the new Outlook (HTML + plain)."""
    return _outlook(
        typed, digest, kind="web", lang=lang, threaded=threaded, suppress=suppress, me=me
    )


def outlook_html_only(
    typed: str,
    digest: EmailMessage | bytes,
    *,
    lang: str = "en",
    threaded: bool = True,
    suppress: bool = True,
    me: str = ME,
) -> bytes:
    """A reply from Outlook that carries its HTML alone (no text/plain part)."""
    return _outlook(
        typed, digest, kind="html_only", lang=lang, threaded=threaded, suppress=suppress, me=me
    )


# -- Apple ---------------------------------------------------------------------


def _apple_attribution(o: Original) -> str:
    d = o.date
    return f"On {d:%b} {d.day}, {d.year}, at {_twelve(d)} {_ampm(d)}, {o.name} <{o.addr}> wrote:"


def _uuid(seed: str) -> str:
    s = seed.upper()
    return f"{s[:8]}-{s[8:12]}-{s[12:16]}-{s[16:20]}-{s[20:32]}"


def apple_mail(
    typed: str, digest: EmailMessage | bytes, *, flowed: bool = True, me: str = ME
) -> bytes:
    """A reply from Apple Mail on macOS. `flowed`: the releases that wrote
    format=flowed; delsp=yes at 76 columns; otherwise one long line per
    paragraph, quoted-printable."""
    o = original(digest, me)
    lines = _lines(typed)
    seed = _seed("apple", str(flowed), typed, o.message_id)
    boundary = f"Apple-Mail=_{_uuid(seed)}"
    quoted = _apple_attribution(o) + "\n\n" + o.text
    user = "\n".join(lines)
    if flowed:
        plain = flow(user, 76, delsp=True) + "\n\n" + _flowed_quote(quoted) + "\n"
    else:
        plain = user + "\n\n" + _quote(quoted) + "\n"
    charset = _charset(plain)
    plain_type = f"text/plain;\r\n\tcharset={charset}"
    if flowed:
        plain_type += ";\r\n\tdelsp=yes;\r\n\tformat=flowed"
    long_lines = any(len(line) > 76 for line in plain.split("\n"))
    if charset == "us-ascii" and not long_lines:
        plain_cte, plain_body = "7bit", _crlf(plain)
    else:
        plain_cte, plain_body = "quoted-printable", _qp(plain, charset)
    # Apple's editor: the first line straight in <body>, each next in a
    # <div>, an empty line <div><br></div>.
    first, *rest = lines
    user_html = _esc(first) + "".join(
        f"<div>{_esc(line)}</div>" if line else "<div><br></div>" for line in rest
    )
    attribution = html.escape(_apple_attribution(o), quote=False)
    rich = (
        f'<html><head><meta http-equiv="content-type" content="text/html; charset={charset}">'
        '</head><body style="overflow-wrap: break-word; -webkit-nbsp-mode: space; '
        f'line-break: after-white-space;">{user_html}<div><br></div><div><br>'
        f'<blockquote type="cite"><div>{attribution}</div>'
        f'<br class="Apple-interchange-newline"><div><div>{o.html_body}</div></div>'
        "</blockquote></div><br></body></html>"
    )
    head = _head(
        [
            ("Content-Type", f'multipart/alternative;\r\n\tboundary="{boundary}"'),
            ("Mime-Version", "1.0 (Mac OS X Mail 16.0 \\(3774.600.62\\))"),
            ("Subject", f"Re: {o.subject}"),
            ("From", f"{ME_NAME} <{o.me}>"),
            ("In-Reply-To", o.message_id),
            ("Date", format_datetime(_reply_date(o))),
            ("Content-Transfer-Encoding", "7bit"),
            ("Message-Id", f"<{_uuid(seed[32:])}@example.org>"),
            ("References", o.message_id),
            ("To", f"{o.name} <{o.addr}>"),
            ("X-Mailer", "Apple Mail (2.3774.600.62)"),
        ],
        indent="\t",
    )
    parts = [
        f"Content-Transfer-Encoding: {plain_cte}{CRLF}Content-Type: {plain_type}{CRLF}{CRLF}"
        + plain_body,
        f"Content-Transfer-Encoding: quoted-printable{CRLF}"
        f"Content-Type: text/html;\r\n\tcharset={charset}{CRLF}{CRLF}" + _qp(rich, charset),
    ]
    return (head + CRLF + _multipart(boundary, parts)).encode("ascii")


def ios_mail(typed: str, digest: EmailMessage | bytes, *, me: str = ME) -> bytes:
    """A reply from Mail on iPhone."""
    o = original(digest, me)
    lines = _lines(typed)
    seed = _seed("ios", typed, o.message_id)
    boundary = f"Apple-Mail-{_uuid(seed)}"
    attribution = _apple_attribution(o)
    # iOS quotes its attribution too, and starts the quoted text with a BOM.
    quoted = attribution + "\n\n\ufeff" + o.text
    plain = "\n".join(lines) + "\n\nSent from my iPhone\n\n" + _quote(quoted) + "\n"
    user_html = "".join(
        f'<div dir="ltr">{_esc(line)}</div>' if line else '<div dir="ltr"><br></div>'
        for line in lines
    )
    rich = (
        '<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"></head>'
        f'<body dir="auto">{user_html}<div dir="ltr"><br></div>'
        '<div dir="ltr">Sent from my iPhone</div><div dir="ltr"><br>'
        f'<blockquote type="cite">{html.escape(attribution, quote=False)}<br><br></blockquote>'
        f'</div><blockquote type="cite"><div dir="ltr">\ufeff{o.html_body}</div></blockquote>'
        "</body></html>"
    )
    head = _head(
        [
            ("Content-Type", f"multipart/alternative; boundary={boundary}"),
            ("Content-Transfer-Encoding", "7bit"),
            ("From", f"{ME_NAME} <{o.me}>"),
            ("Mime-Version", "1.0 (1.0)"),
            ("Subject", f"Re: {o.subject}"),
            ("Date", format_datetime(_reply_date(o))),
            ("Message-Id", f"<{_uuid(seed[32:])}@example.org>"),
            ("References", o.message_id),
            ("In-Reply-To", o.message_id),
            ("To", f"{o.name} <{o.addr}>"),
            ("X-Mailer", "iPhone Mail (21D61)"),
        ]
    )
    parts = [
        _part(
            [
                ("Content-Type", "text/plain; charset=utf-8"),
                ("Content-Transfer-Encoding", "quoted-printable"),
            ],
            _qp(plain, "utf-8"),
        ),
        _part(
            [
                ("Content-Type", "text/html; charset=utf-8"),
                ("Content-Transfer-Encoding", "quoted-printable"),
            ],
            _qp(rich, "utf-8"),
        ),
    ]
    return (head + CRLF + _multipart(boundary, parts)).encode("ascii")


# -- Thunderbird ---------------------------------------------------------------


def thunderbird(
    typed: str, digest: EmailMessage | bytes, *, html_part: bool = True, me: str = ME
) -> bytes:
    """A reply from Thunderbird (paragraph mode). `html_part=False`: the
    plain part alone, as Thunderbird sends text without formatting."""
    o = original(digest, me)
    lines = _lines(typed)
    seed = _seed("thunderbird", str(html_part), typed, o.message_id)
    boundary = "------------" + base64.b64encode(bytes.fromhex(seed[:36])).decode()[:24]
    boundary = boundary.replace("+", "A").replace("/", "B")
    d = o.date
    attribution = f"On {d.month}/{d.day}/{d:%y} {_twelve(d)} {_ampm(d)}, {o.name} wrote:"
    plain = (
        flow("\n".join(lines), 72, delsp=False)
        + "\n\n"
        + attribution
        + "\n"
        + _flowed_quote(o.text)
        + "\n"
    )
    charset = "UTF-8"
    cte = "7bit" if plain.isascii() else "8bit"
    plain_fields = [
        ("Content-Type", f"text/plain; charset={charset}; format=flowed"),
        ("Content-Transfer-Encoding", cte),
    ]
    fields = [
        ("Message-ID", f"<{_uuid(seed[32:]).lower()}@example.org>"),
        ("Date", format_datetime(_reply_date(o))),
        ("MIME-Version", "1.0"),
        ("User-Agent", "Mozilla Thunderbird"),
        ("Subject", f"Re: {o.subject}"),
        ("Content-Language", "en-US"),
        ("To", f"{o.name} <{o.addr}>"),
        ("References", o.message_id),
        ("From", f"{ME_NAME} <{o.me}>"),
        ("In-Reply-To", o.message_id),
    ]
    if not html_part:
        return (_head(fields + plain_fields) + CRLF + _crlf(plain)).encode("utf-8")
    # Paragraph mode: Enter starts a <p>, a single line break inside a
    # paragraph is a <br>; blank lines in the text are paragraph gaps.
    paragraphs = re.split(r"\n\s*\n", "\n".join(lines).strip("\n"))
    body = "".join(
        "    <p>" + "<br>\n    ".join(_esc(line) for line in p.split("\n")) + "</p>\n"
        for p in paragraphs
    )
    rich = (
        "<!DOCTYPE html>\n<html>\n  <head>\n"
        '    <meta http-equiv="Content-Type" content="text/html; charset=UTF-8">\n'
        "  </head>\n  <body>\n"
        f"{body}"
        f'    <div class="moz-cite-prefix">{html.escape(attribution, quote=False)}<br>\n'
        "    </div>\n"
        f'    <blockquote type="cite" cite="mid:{o.message_id.strip("<>")}">\n'
        f"{o.html_body}\n"
        "    </blockquote>\n  </body>\n</html>\n"
    )
    fields.append(("Content-Type", f'multipart/alternative;\r\n boundary="{boundary}"'))
    parts = [
        _part(plain_fields, _crlf(plain)),
        _part(
            [
                ("Content-Type", f"text/html; charset={charset}"),
                ("Content-Transfer-Encoding", "7bit" if rich.isascii() else "8bit"),
            ],
            _crlf(rich),
        ),
    ]
    preamble = "This is a multi-part message in MIME format." + CRLF
    return (_head(fields) + CRLF + _multipart(boundary, parts, preamble)).encode("utf-8")


# -- a new mail from a mailto: link ----------------------------------------------


def mailto(link: str, client: str, *, me: str = ME, date: datetime | None = None) -> bytes:
    """The mail `client` composes from the `mailto:` URL `link` (RFC 6068), as
    it is sent after one press of Send: To, Subject and body from the URL,
    the client's signature where it adds one by default, no In-Reply-To.
    `client`: gmail, outlook_desktop, outlook_web, apple_mail, ios_mail,
    thunderbird."""
    from urllib.parse import parse_qs, unquote, urlsplit

    url = urlsplit(html.unescape(link))
    assert url.scheme == "mailto"
    query = parse_qs(url.query)
    to, subject = unquote(url.path), query["subject"][0]
    lines = _lines(query.get("body", [""])[0])
    when = format_datetime(date or datetime.now().astimezone())
    seed = _seed("mailto", client, link, me)
    if client == "gmail":
        boundary = "000000000000" + seed[:16]
        rich = '<div dir="ltr">' + "<br>".join(_esc(line) for line in lines) + "<br></div>\n"
        head = _head(
            [
                ("MIME-Version", "1.0"),
                ("From", f"{ME_NAME} <{me}>"),
                ("Date", when),
                ("Message-ID", f"<CAE{seed[16:40]}+{seed[40:52]}@mail.gmail.com>"),
                ("Subject", subject),
                ("To", to),
                ("Content-Type", f'multipart/alternative; boundary="{boundary}"'),
            ]
        )
        parts = [
            _part([("Content-Type", 'text/plain; charset="UTF-8"')], _crlf("\n".join(lines))),
            _part([("Content-Type", 'text/html; charset="UTF-8"')], _crlf(rich)),
        ]
        return (head + CRLF + _multipart(boundary, parts)).encode("ascii")
    if client in ("outlook_desktop", "outlook_web"):
        host = f"AM9PR0{int(seed[:2], 16) % 9 + 1}MB{int(seed[2:6], 16) % 9000 + 1000}"
        boundary = f"_000_{host}{seed[6:14].upper()}{host}eurp_"
        plain = "\n".join(lines) + "\n"
        if client == "outlook_desktop":
            rich = _WORD_HEAD.format(charset="us-ascii", lang="EN-US") + "".join(
                f'<p class="MsoNormal">{_esc(line)}<o:p></o:p></p>\n'
                if line.strip()
                else '<p class="MsoNormal"><o:p>&nbsp;</o:p></p>\n'
                for line in lines
            )
            rich += "</div>\n</body>\n</html>\n"
        else:
            rich = (
                '<html>\n<head>\n<meta http-equiv="Content-Type" content="text/html; '
                'charset=us-ascii">\n</head>\n<body dir="ltr">\n'
                + "".join(
                    f'<div class="elementToProof" {_OWA_STYLE}>\n{_esc(line) or "<br>"}</div>\n'
                    for line in lines
                )
                + "</body>\n</html>\n"
            )
        fields = [
            ("From", f"{ME_NAME} <{me}>"),
            ("To", to),
            ("Subject", subject),
            ("Thread-Topic", subject),
            ("Thread-Index", base64.b64encode(bytes.fromhex("01" + seed[14:56])).decode()),
            ("Date", when),
            ("Message-ID", f"<{host}{seed[20:40].upper()}@{host}.eurprd03.prod.outlook.com>"),
            ("Accept-Language", "en-US"),
            ("Content-Language", "en-US"),
            ("X-MS-Has-Attach", ""),
            ("X-MS-TNEF-Correlator", ""),
        ]
        if client == "outlook_desktop":
            fields.append(("X-Auto-Response-Suppress", "All"))
        fields += [
            ("Content-Type", f'multipart/alternative; boundary="{boundary}"'),
            ("MIME-Version", "1.0"),
        ]
        parts = [
            _part(
                [
                    ("Content-Type", 'text/plain; charset="us-ascii"'),
                    ("Content-Transfer-Encoding", "quoted-printable"),
                ],
                _qp(plain, "us-ascii"),
            ),
            _part(
                [
                    ("Content-Type", 'text/html; charset="us-ascii"'),
                    ("Content-Transfer-Encoding", "quoted-printable"),
                ],
                _qp(rich, "us-ascii"),
            ),
        ]
        return (_head(fields) + CRLF + _multipart(boundary, parts)).encode("ascii")
    if client == "apple_mail":
        head = _head(
            [
                ("From", f"{ME_NAME} <{me}>"),
                ("Content-Type", "text/plain;\r\n\tcharset=us-ascii"),
                ("Content-Transfer-Encoding", "7bit"),
                ("Mime-Version", "1.0 (Mac OS X Mail 16.0 \\(3774.600.62\\))"),
                ("Subject", subject),
                ("Message-Id", f"<{_uuid(seed[32:])}@example.org>"),
                ("Date", when),
                ("To", to),
                ("X-Mailer", "Apple Mail (2.3774.600.62)"),
            ],
            indent="\t",
        )
        return (head + CRLF + _crlf("\n".join(lines) + "\n")).encode("ascii")
    if client == "ios_mail":
        boundary = f"Apple-Mail-{_uuid(seed)}"
        plain = "\n".join(lines) + "\n\nSent from my iPhone\n"
        rich = (
            '<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8">'
            '</head><body dir="auto">'
            + "".join(f'<div dir="ltr">{_esc(line) or "<br>"}</div>' for line in lines)
            + '<div dir="ltr"><br></div><div dir="ltr">Sent from my iPhone</div></body></html>'
        )
        head = _head(
            [
                ("Content-Type", f"multipart/alternative; boundary={boundary}"),
                ("Content-Transfer-Encoding", "7bit"),
                ("From", f"{ME_NAME} <{me}>"),
                ("Mime-Version", "1.0 (1.0)"),
                ("Subject", subject),
                ("Date", when),
                ("Message-Id", f"<{_uuid(seed[32:])}@example.org>"),
                ("To", to),
                ("X-Mailer", "iPhone Mail (21D61)"),
            ]
        )
        parts = [
            _part(
                [
                    ("Content-Type", "text/plain; charset=us-ascii"),
                    ("Content-Transfer-Encoding", "7bit"),
                ],
                _crlf(plain),
            ),
            _part(
                [
                    ("Content-Type", "text/html; charset=utf-8"),
                    ("Content-Transfer-Encoding", "quoted-printable"),
                ],
                _qp(rich, "utf-8"),
            ),
        ]
        return (head + CRLF + _multipart(boundary, parts)).encode("ascii")
    if client == "thunderbird":
        fields = [
            ("Message-ID", f"<{_uuid(seed[32:]).lower()}@example.org>"),
            ("Date", when),
            ("MIME-Version", "1.0"),
            ("User-Agent", "Mozilla Thunderbird"),
            ("Content-Language", "en-US"),
            ("To", to),
            ("From", f"{ME_NAME} <{me}>"),
            ("Subject", subject),
            ("Content-Type", "text/plain; charset=UTF-8; format=flowed"),
            ("Content-Transfer-Encoding", "7bit"),
        ]
        plain = flow("\n".join(lines), 72, delsp=False) + "\n"
        return (_head(fields) + CRLF + _crlf(plain)).encode("utf-8")
    raise ValueError(f"no mailto: composer for {client}")


# Every reply shape the tests approve with: the builders above, and their
# variants (Outlook without In-Reply-To and in five more languages, Apple
# Mail before and after format=flowed, Thunderbird without its HTML part).
Builder = Callable[[str, EmailMessage], bytes]
CLIENTS: dict[str, Builder] = {
    "gmail": gmail,
    "outlook_desktop": outlook_desktop,
    "outlook_desktop_no_in_reply_to": functools.partial(outlook_desktop, threaded=False),
    "outlook_web": outlook_web,
    "outlook_html_only": outlook_html_only,
    "apple_mail_flowed": apple_mail,
    "apple_mail_current": functools.partial(apple_mail, flowed=False),
    "ios_mail": ios_mail,
    "thunderbird": thunderbird,
    "thunderbird_plain_only": functools.partial(thunderbird, html_part=False),
}
for _lang in ("de", "fr", "it", "es", "nl"):
    CLIENTS[f"outlook_desktop_{_lang}"] = functools.partial(outlook_desktop, lang=_lang)
    CLIENTS[f"outlook_web_{_lang}"] = functools.partial(outlook_web, lang=_lang)
    CLIENTS[f"outlook_html_only_{_lang}"] = functools.partial(outlook_html_only, lang=_lang)
