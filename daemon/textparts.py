"""New text vs. quoted history: what the writer wrote now, the forwards it
carries, and the signature. Pure functions over strings.

`split_reply()` is what keeps an old rejection, quoted under a newer message,
from being read as a new one: rules only ever see `Parts.new` (and a *fresh*
forward, decided by the caller). How a body part becomes plain text first is
`plaintext.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from daemon.plaintext import normalize_invisible


@dataclass(frozen=True)
class Forward:
    """A forwarded message found inline: its header lines and its text."""

    sender: str
    date: str
    subject: str
    text: str
    to: str = ""  # the To line, as written (may be empty)
    cc: str = ""  # the Cc line, as written (may be empty)


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
    cc = next((fields[k] for k in ("cc", "kopie", "copie", "copia", "cc.") if k in fields), "")
    inner = split_reply(body)
    return Forward(sender, date, subject, inner.new, to, cc)


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
