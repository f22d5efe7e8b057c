"""Text matching primitives for rules: normalisation and multi-phrase search.

Pure functions and immutable indexes, built once per rule set.

Invariants:
- Every text a rule looks at, and every phrase, goes through `normalize()`
  first, so matching ignores case, diacritics, apostrophe style and runs of
  white space.
- `PhraseIndex.find(text)` returns exactly the phrases that occur in `text`
  on word boundaries (overlapping occurrences included): the same answer as
  testing every phrase with `(?<!\\w)phrase(?!\\w)`.
- `NeedleIndex.find(text)` returns exactly the needles that occur anywhere in
  `text` (plain substring test).
- Both scan the text once, in C: the phrases are compiled into one regular
  expression shaped as a trie, so the regex engine tests one character per
  trie level instead of trying every phrase at every position.
"""

from __future__ import annotations

import gc
import importlib
import re
import unicodedata
from collections.abc import Iterable
from typing import Any, TypeAlias

_WORD_CHAR = re.compile(r"\w")
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u20d0-\u20ff]")


# Forms of address and degrees written before a name, as a regex alternation
# (longest first where one starts another): greetings (ownership.py) and the
# people an invitation names (panel.py) read past them.
HONORIFICS = (
    r"mr|mrs|ms|miss|mx|dr\.in|dr|prof|herrn|herr|frau|monsieur|madame|mademoiselle|m|mme|"
    r"mlle|sr|sra|srta|señor|señora|don|doña|dña|dna|d|dhr|mevr|mw|heer|mevrouw|lic|licenciado|licenciada|"
    r"ing|dra|dott|dottssa|mag\.a|mmag|mag|drs|ir|mtro|mtra|dipl\.-ing|dipl|pharm|med|techn|"
    r"phil|jur|iur|rer\. nat|rer|nat|oec|vet|dent|habil|univ|eng|enga|arq|arch|avv|geom|ilmo|ilma|"
    r"prim|oa|exmo|exma"
)


# Month names and abbreviations, normalised (de, nl, fr, es, en): a dot after
# a day's number before one ends no sentence ("bis zum 15. März").
MONTHS = (
    "januar|februar|marz|april|mai|juni|juli|august|september|oktober|november|dezember|"
    "januari|februari|maart|mei|augustus|janvier|fevrier|mars|avril|juin|juillet|aout|"
    "septembre|octobre|novembre|decembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|"
    "septiembre|octubre|noviembre|diciembre|jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|oct|"
    "nov|dez|dec"
)


# Words that open a letter, as written. (Ownership reads them in the raw
# text, the rules' history check in the normalised one.)
GREETINGS = (
    "dear", "hi", "hello", "hey", "good morning", "good afternoon", "good evening", "greetings",
    "liebe", "lieber", "liebes", "hallo", "guten tag", "guten morgen", "sehr geehrte",
    "sehr geehrter", "moin", "servus", "bonjour", "bonsoir", "salut", "cher", "chère", "hola",
    "estimado", "estimada", "buenos días", "buenas tardes", "querido", "querida", "beste",
    "geachte", "hoi", "dag", "goedemiddag", "goedemorgen", "olá", "ola", "oi", "prezado",
    "prezada", "caro", "cara", "bom dia", "boa tarde", "boa noite", "gentile", "gentilissimo",
    "gentilissima", "egregio", "egregia", "buongiorno", "buonasera", "ciao", "salve",
)  # fmt: skip


# German inclusive forms ("Entwickler*in", "Bewerber:innen", "Kandidat_innen",
# "Berater/in"): read as the base noun, so that a rule's words and the words
# it skips ("\w+ ") see one word, as they do in "Entwickler".
_GENDER_SUFFIX = re.compile(r"(?<=[a-z])[*:_/\u00b7]in(?:nen)?\b")
# German neutral participle nouns, usual in Switzerland ("Kandidierende",
# "Bewerbende"): read as the plural the rules spell.
_PARTICIPLE_NOUN = re.compile(r"\b(?:kandidierende|bewerbende)[nr]?\b")
_PARTICIPLE_BASE = {"k": "kandidaten", "b": "bewerber"}
# French inclusive writing with the middle dot ("candidat·e·s", "retenu·e·s",
# "nombreux·ses", "chargé·e"): read as the masculine form the rules spell.
_POINT_MEDIAN = re.compile(
    r"(?<=[a-z])\u00b7(?:e\u00b7s|e|se\u00b7s|ses|se|ne\u00b7s|ne|fe\u00b7s|fe|r?ice\u00b7s|r?ice)\b"
)
# Spanish, Portuguese, Italian and French inclusive endings after a slash or in
# brackets ("técnica/o", "candidatos/as", "candidato(a)", "retenu(e)s"): read
# as the form before them, so a rule's word gap `(?:[\w-]+ )` spans the noun.
# Only a lone vowel ending is taken: "y/o", "e/ou", "km/h" keep their slash
# ("y/o" -> "y" would be harmless; "e/ou" must stay "e/ou").
_ROMANCE_ENDING = re.compile(r"(?<=[a-z])(?:(?:/[aoe]s?|\([aoe]s?\))(?![\w/])|\(e\)(?=s\b))")


def normalize(text: str) -> str:
    """Lower case, no diacritics, straight apostrophes, single spaces, and
    inclusive nouns as their base noun ("entwickler*in" -> "entwickler",
    "kandidierende" -> "kandidaten",
    "candidat·e·s" -> "candidats", "tecnica/o" -> "tecnica")."""
    if not text.isascii():
        text = text.replace("’", "'").replace("‘", "'").replace("ß", "ss")
        text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    text = " ".join(text.lower().split())
    # "Customs & Compliance Coordinator": a title's ampersand would end the
    # rules' word gaps `(?:[\w-]+ ){0,n}` mid-title.
    if " & " in text:
        text = text.replace(" & ", " ")
    # (Most text has no such form: a substring test spares the regex.)
    if "*in" in text or ":in" in text or "_in" in text or "/in" in text or "\u00b7in" in text:
        text = _GENDER_SUFFIX.sub("", text)
    if "ierende" in text or "rbende" in text:
        text = _PARTICIPLE_NOUN.sub(lambda m: _PARTICIPLE_BASE[m.group(0)[0]], text)
    if "\u00b7" in text:
        text = _POINT_MEDIAN.sub(lambda m: "s" if m.group(0).endswith("\u00b7s") else "", text)
    if "/" in text or "(" in text:
        text = _ROMANCE_ENDING.sub("", text)
    return text


# German written without umlauts ("fuer", "koennen", "Gruessen": old systems,
# foreign keyboards): rules and cues spell words as normalize() leaves them
# ("fur", "konnen"), so such text is folded back. Two distinct marker words
# make it German; Dutch "moeten" / "goed" never carry them.
_TRANSLITERATED = re.compile(
    r"\b(?:fuer|ueber|koennen|koennten|muessen|muessten|moechten|moechte|gruessen|gruesse|"
    r"waere|waeren|haetten|haette|naechste\w*|pruefung|zunaechst|bezueglich|moeglich\w*)\b",
    re.IGNORECASE,
)
_DIGRAPH = re.compile(r"(?<![aeqAEQ])([aouAOU])[eE]")


def transliterated(text: str) -> bool:
    """Is this German written with ae/oe/ue for umlauts?"""
    return text.isascii() and len({m.lower() for m in _TRANSLITERATED.findall(text)}) >= 2


def fold_transliterated(text: str) -> str:
    """ "Gespraechen" -> "Gesprachen", as normalize() leaves "Gesprächen"."""
    return _DIGRAPH.sub(r"\1", text)


def trie_pattern(words: Iterable[str]) -> str:
    """A regex source matching any of `words`, longest first at a position.

    Equivalent to `w1|w2|...` sorted longest first, but shaped as a trie
    ("re(?:ject|gret)") so shared prefixes are tested once.
    """
    trie: dict[str, Any] = {}
    for w in set(words):
        if not w:
            continue
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True  # a word ends here

    def render(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + render(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        # Greedy optional tail: the longest word wins, and the regex engine
        # backtracks to a shorter one when a longer one cannot complete.
        return f"(?:{body})?" if "" in node else body

    return render(trie)


class _TrieIndex:
    """Which of many strings occur in a text, found in one scan."""

    def __init__(self, words: Iterable[str], *, whole_words: bool) -> None:
        self.words = frozenset(w for w in words if w)
        # The scan reports the longest string starting at each position; the
        # shorter ones it begins with occur there too (for whole words: when
        # the longer one goes on past a word boundary, as "not moving" does
        # in "not moving forward").
        self.prefixes: dict[str, tuple[str, ...]] = {
            w: tuple(
                w[:k]
                for k in range(1, len(w))
                if w[:k] in self.words and not (whole_words and _WORD_CHAR.match(w[k]))
            )
            for w in self.words
        }

    def find(self, text: str) -> frozenset[str]:
        raise NotImplementedError


class PhraseIndex(_TrieIndex):
    """All phrases of one field, found on word boundaries in one scan."""

    def __init__(self, phrases: Iterable[str]) -> None:
        super().__init__(phrases, whole_words=True)
        # The lookahead makes every word start a candidate (overlaps).
        self.pattern = (
            re.compile(rf"(?<!\w)(?=({trie_pattern(self.words)})(?!\w))") if self.words else None
        )

    def find(self, text: str) -> frozenset[str]:
        if self.pattern is None or not text:
            return frozenset()
        out: set[str] = set()
        for w in self.pattern.findall(text):
            if w not in out:
                out.add(w)
                out.update(self.prefixes[w])
        return frozenset(out)


class NeedleIndex(_TrieIndex):
    """Which of many literal strings occur anywhere in a text, in one scan."""

    def __init__(self, needles: Iterable[str]) -> None:
        super().__init__(needles, whole_words=False)
        # Searched from one character past each match, so overlapping needles
        # are all found. No lookahead, unlike PhraseIndex: a pattern that
        # opens with its literals lets the regex engine skip to the
        # characters a needle can start with, instead of trying every
        # position (a quarter less time on typical mail).
        self.pattern = re.compile(trie_pattern(self.words)) if self.words else None

    def find(self, text: str) -> frozenset[str]:
        if self.pattern is None or not text:
            return frozenset()
        out: set[str] = set()
        search, prefixes = self.pattern.search, self.prefixes
        m = search(text)
        while m is not None:
            w = m.group()
            if w not in out:
                out.add(w)
                out.update(prefixes[w])
            m = search(text, m.start() + 1)
        return frozenset(out)


_BIG_PATTERN = 50_000  # characters of trie pattern worth a full collection after compiling


class TextIndex:
    """Phrases (on word boundaries) and literals (anywhere) of one text,
    found together in one scan.

    One trie holds both. At each place a word of it starts, the scan gets
    the longest; every other word starting there is a prefix of that one
    (`_within`). A literal is found wherever it occurs; a phrase where the
    text has a word boundary on both sides of it, as `PhraseIndex` finds it.
    """

    def __init__(self, phrases: Iterable[str], needles: Iterable[str]) -> None:
        self.phrases = frozenset(p for p in phrases if p)
        self.needles = frozenset(n for n in needles if n)
        # The trie is built at the first search, not here: a rule set is
        # loaded at every start (and built again in every fetch worker), and
        # the service of a long first run leaves the matching to the workers.
        self._trie: tuple[dict[str, tuple[str, ...]], re.Pattern[str] | None] | None = None

    def _built(self) -> tuple[dict[str, tuple[str, ...]], re.Pattern[str] | None]:
        if self._trie is None:
            words = self.phrases | self.needles
            within = {
                w: tuple(w[:k] for k in range(1, len(w) + 1) if w[:k] in words) for w in words
            }
            pattern = trie_pattern(words) if words else ""
            self._trie = within, re.compile(pattern) if pattern else None
            if len(pattern) > _BIG_PATTERN:
                # The regex parser leaves its tree of a big pattern (some 14 MB
                # for the shipped rules) as cycles only a full collection
                # frees; freed now, every process that matches stays that much
                # smaller. (Not for small indexes: a full collection costs.)
                gc.collect()
        return self._trie

    def find(self, text: str) -> tuple[frozenset[str], frozenset[str]]:
        """-> (phrases found, literals found)."""
        phrases, needles = self.find_parts(text, len(text))
        return frozenset(phrases[2]), frozenset(needles[2])

    def find_parts(self, text: str, cut: int) -> tuple[list[set[str]], list[set[str]]]:
        """One scan of `text` = head + " " + tail (head = text[:cut]; no
        tail when cut == len(text); no head when cut == -1) -> (phrases,
        literals), each [in head, in tail, in text]: what `find()` gives for
        head, for tail and for text. A word in the head ends at the space
        (a boundary, as the end of the head alone is); one in the tail starts
        after it; one across the space is the whole text's only.
        """
        phrases: list[set[str]] = [set(), set(), set()]
        needles: list[set[str]] = [set(), set(), set()]
        within, pattern = self._built()
        if pattern is None or not text:
            return phrases, needles
        search, word = pattern.search, _WORD_CHAR.match
        is_phrase, is_needle, end = self.phrases, self.needles, len(text)
        m = search(text)
        while m is not None:
            at = m.start()
            bounded = at == 0 or word(text, at - 1) is None
            for w in within[m.group()]:
                after = at + len(w)
                part = 0 if after <= cut else 1 if at > cut else 2
                if w in is_needle:
                    needles[part].add(w)
                if bounded and w in is_phrase and (after == end or word(text, after) is None):
                    phrases[part].add(w)
            m = search(text, at + 1)
        for found in (phrases, needles):
            found[2].update(found[0], found[1])
        return phrases, needles


# A rule's regex: the stdlib's compiled pattern.
Regex: TypeAlias = re.Pattern[str]


MAX_SPELLINGS = 64  # strings a part of a pattern is expanded to, at most


def _stdlib_regex_parser() -> tuple[Any, Any] | None:
    """The stdlib's own regex parser and its constants (`re._parser`,
    `re._constants`: internal, read only), or None where this Python has
    them under other names or shapes. The literal prefilter falls back to
    the plain path then: same matches, slower (benchmarks/ablation.py: it
    buys about 4x in detection)."""
    try:
        parser: Any = importlib.import_module("re._parser")
        constants: Any = importlib.import_module("re._constants")
        items = parser.parse(r"\bab?")  # the shapes this module reads
        if items.data[0] != (constants.AT, constants.AT_BOUNDARY):
            return None
        if items.data[1] != (constants.LITERAL, ord("a")):
            return None
        if items.data[2][0] is not constants.MAX_REPEAT or parser.parse("ab").getwidth()[0] != 2:
            return None
        for name in ("ASSERT", "ASSERT_NOT", "SUBPATTERN", "BRANCH", "MIN_REPEAT"):
            getattr(constants, name)
        return parser, constants
    except (ImportError, AttributeError, IndexError, TypeError, ValueError):
        return None


STDLIB_PARSER = _stdlib_regex_parser()


def required_literals(pattern: str) -> frozenset[str] | None:
    """Strings one of which every match of `pattern` must contain, or None.

    Adjacent parts that match a few known strings each are multiplied out:
    "(?:found|saw) your (?:cv|resume)" needs one of "found your cv", "found
    your resume", "saw your cv", "saw your resume", which are rarer in mail
    than " your " alone (fewer texts are searched with the regex for nothing).
    """
    # The stdlib's own regex parser (internal, read only): exact, and no new
    # code; without it every text is searched with the regex (no prefilter).
    if STDLIB_PARSER is None:
        return None
    P, C = STDLIB_PARSER
    zero_width = (C.AT, C.ASSERT, C.ASSERT_NOT)

    def spellings(op: Any, av: Any) -> frozenset[str] | None:
        """Every string this one item can match, when they are few."""
        if op is C.LITERAL:
            return frozenset([chr(av)])
        if op in zero_width:
            return frozenset([""])
        if op is C.SUBPATTERN and not av[1] and not av[2]:  # no inline flags
            return sequence_spellings(av[-1])
        if op is C.BRANCH:
            parts = [sequence_spellings(b) for b in av[1]]
            if all(p is not None for p in parts):
                out = frozenset().union(*parts)  # type: ignore[arg-type]
                return out if len(out) <= MAX_SPELLINGS else None
        if op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] == 0 and av[1] == 1:
            inner = sequence_spellings(av[2])  # optional: it, or nothing
            return inner | {""} if inner is not None else None
        return None

    def sequence_spellings(items: Any) -> frozenset[str] | None:
        out = frozenset([""])
        for op, av in items:
            part = spellings(op, av)
            if part is None or len(out) * len(part) > MAX_SPELLINGS:
                return None
            out = frozenset(a + b for a in out for b in part)
        return out

    def strength(found: frozenset[str]) -> int:
        # White space and two-letter words are in nearly every text: the
        # rarest-looking set is the one whose weakest literal is longest once
        # its spaces are ignored.
        return min(len(x.strip()) for x in found)

    def of_seq(items: Any) -> frozenset[str] | None:
        best: frozenset[str] | None = None

        def offer(found: frozenset[str] | None) -> None:
            nonlocal best
            if found and "" not in found and (best is None or strength(found) > strength(best)):
                best = found

        # Runs of adjacent items with few spellings, multiplied out: a match
        # contains one of a run's products (the items match adjacent text).
        run = frozenset([""])
        for op, av in [*list(items), (None, None)]:
            part = spellings(op, av) if op is not None else None
            if part is not None and len(run) * len(part) <= MAX_SPELLINGS:
                run = frozenset(a + b for a in run for b in part)
                continue
            if min(map(len, run)) >= 3:  # as long as a literal run had to be
                offer(run)
            run = part if part is not None else frozenset([""])
            if op is C.SUBPATTERN:
                offer(of_seq(av[-1]))
            elif op is C.BRANCH:
                parts = [of_seq(b) for b in av[1]]
                if all(parts):
                    offer(frozenset().union(*parts))  # type: ignore[arg-type]
            elif op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] >= 1:
                offer(of_seq(av[2]))
        return best

    try:
        return of_seq(P.parse(pattern))
    except Exception:  # an unusual pattern simply gets no prefilter
        return None
