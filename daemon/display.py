"""Text from mail as a terminal or the digest may show it.

Pure. Mail is written by strangers: a position, a display name or a
calendar CN can carry terminal escapes, other control characters or bidi
overrides that would erase or reorder what the user reads (an escape
sequence once blanked the recipient line of `queue show`). Every such
character is shown visibly escaped instead; nothing is dropped silently.
"""

from __future__ import annotations

import re

# C0 and C1 controls (tab and, where allowed, newline apart), zero-width and
# directional marks, bidi embeddings, overrides and isolates, word joiners, BOM.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
_UNSAFE_OR_NEWLINE = re.compile(_UNSAFE.pattern[:-1] + "\n]")


def _escaped(m: re.Match[str]) -> str:
    c = m.group(0)
    return f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"<U+{ord(c):04X}>"


def visible(text: str, *, newlines: bool = False) -> str:
    """`text` with every control, escape and bidi character shown escaped
    ("\\x1b", "<U+202E>"); tabs become spaces; newlines kept when asked."""
    text = text.replace("\t", " ")
    if newlines:
        text = text.replace("\r\n", "\n")
    return (_UNSAFE if newlines else _UNSAFE_OR_NEWLINE).sub(_escaped, text)
