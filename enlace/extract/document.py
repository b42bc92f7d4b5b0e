"""Tokenized view of a narrative, built once and shared by every finder."""

from __future__ import annotations

import re
from itertools import accumulate, compress
from operator import add, attrgetter, itemgetter

from enlace.extract import anchors
from enlace.extract.folding import fold
from enlace.extract.language import word_cues

TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# A word and the separator after it. Without "_" in the text, \w is [^\W_] and the
# simpler class is faster; possessive quantifiers never backtrack.
_TOKEN_AND_SEPARATOR = re.compile(r"([^\W_]++(?:['’][^\W_]++)*+)([\W_]*+)")
_WORD_AND_SEPARATOR = re.compile(r"(\w++(?:['’]\w++)*+)(\W*+)")
_SENTENCE_END = re.compile(r"[.!?:\n]")
_CASE_UNIT = 1 << 32


_POSITIONS: dict[int, tuple[int, ...]] = {}


def _positions(mask: int) -> tuple[int, ...]:
    """The positions of the bits set in a mask (cached: a few hundred masks occur)."""
    found = _POSITIONS.get(mask)
    if found is None:
        found = _POSITIONS[mask] = tuple(k for k in range(mask.bit_length()) if mask >> k & 1)
    return found


class Word:
    """What the finders know about a distinct word, computed once and shared by all its
    occurrences (Doc.tokens); where each occurrence is lies in Doc.offsets and Doc.ends."""

    __slots__ = (
        "case",
        "cues",
        "folded",
        "is_alpha",
        "is_cap",
        "is_lower",
        "is_upper",
        "mask",
        "positions",
        "text",
    )

    def __init__(self, text: str) -> None:
        self.text = text
        self.folded = fold(text)
        self.is_cap = text[:1].isupper()
        self.is_upper = len(text) > 1 and text.isupper()
        self.is_alpha = text.isalpha()
        self.is_lower = text.islower()
        # Anchor tests and word flags this word passes (anchors.py).
        self.mask = anchors.word_mask(text)
        # Positions of the indexed bits of the mask, for Doc._index.
        self.positions = _positions(self.mask & anchors.indexed_bits())
        # language.word_cues, summed per sentence by language detection.
        self.cues = word_cues(text)
        # Counts toward the case ratios, packed for one sum per document: words that
        # start with a letter, and of those the ones in capitals and in lower case.
        letter = text[:1].isalpha()
        self.case = (
            letter
            + (letter and self.is_upper) * _CASE_UNIT
            + (letter and self.is_lower) * _CASE_UNIT**2
        )

    def __repr__(self) -> str:
        return f"Word({self.text!r})"


# Distinct words seen so far; valid for the anchor registry in the state _WORDS_VERSION
# holds (its size and its indexed bits).
_WORDS: dict[str, Word] = {}
_WORDS_VERSION: list[tuple[int, int]] = [(0, 0)]
_MAX_CACHED = 200_000


def _lookup_words(words: tuple[str, ...]) -> list[Word]:
    """The Word of each token text, creating (and caching) the ones not seen before."""
    version = (anchors.registry_size(), anchors.indexed_bits())
    if _WORDS_VERSION[0] != version:
        _WORDS.clear()  # anchors registered since: masks need recomputing
        _WORDS_VERSION[0] = version
    known = list(map(_WORDS.get, words))
    if None not in known:
        return known  # type: ignore[return-value]  # no None: every word was cached
    missing = dict.fromkeys(w for w, word in zip(words, known, strict=True) if word is None)
    new = {w: Word(w) for w in missing}
    found = list(map(new.get, words, known))
    if len(_WORDS) + len(new) > _MAX_CACHED:
        _WORDS.clear()
    _WORDS.update(new)
    return found  # type: ignore[return-value]  # every word is in new or in _WORDS


# Separator -> (gap, whether the next token starts a sentence); separators repeat a lot.
_SEPARATORS: dict[str, tuple[str, bool]] = {}


def _separator(sep: str) -> tuple[str, bool]:
    info = (_gap(sep), bool(_SENTENCE_END.search(sep)))
    if len(sep) <= 8 and len(_SEPARATORS) < 10_000:
        _SEPARATORS[sep] = info
    return info


def _lookup_separators(seps: tuple[str, ...]) -> list[tuple[str, bool]]:
    known = list(map(_SEPARATORS.get, seps))
    if None not in known:
        return known  # type: ignore[return-value]  # no None: every separator was cached
    new = {sep: _separator(sep) for sep, info in zip(seps, known, strict=True) if info is None}
    return list(map(new.get, seps, known))  # type: ignore[arg-type]


def _gap(text: str) -> str:
    if not text or text.isspace():
        return " " if "\n" not in text else ""
    core = text.strip(" \t")
    if core in ("-", "–", "—", "/"):
        return "-"
    if core == ".":
        return "."
    if core in {"'", "’"}:
        return "'"
    if core in ('"', "“", "”", '" "'):
        return '"'
    return ""


class Doc:
    """Tokens, the separators between them, sentence starts and anchor hits."""

    def __init__(
        self,
        text: str,
        lang: str,
        tokens: list[Word],
        offsets: list[int],
        ends: list[int],
        gaps: list[str],
        sentence_start: list[bool],
        upper_ratio: float = 0.0,
        lower_ratio: float = 0.0,
    ) -> None:
        self.text = text
        self.lang = lang
        # The word at each position (shared Word objects), where it starts and ends.
        self.tokens = tokens
        self.offsets = offsets
        self.ends = ends
        # Separator to the next token: " " (space), "-" (hyphen/dash), "." (abbreviation
        # dot), "'" or '"' (quotes), or "" when something else breaks the phrase.
        self.gaps = gaps
        self.sentence_start = sentence_start
        self.upper_ratio = upper_ratio
        self.lower_ratio = lower_ratio
        self.claimed: list[tuple[int, int]] = []
        self.masks: list[int] = list(map(_MASK, tokens))
        # Per anchor bit position, the tokens that have it (built on first use).
        self._lists: list[list[int]] | None = None
        self._hits: dict[int, list[int]] = {}
        self._lowered: str | None = None

    def lowered(self) -> str | None:
        """The text in lower case when that keeps every offset (nearly always), for
        anchors.scan_caseless; None when lower-casing changes its length."""
        if self._lowered is None:
            low = self.text.lower()
            self._lowered = low if len(low) == len(self.text) else ""
        return self._lowered or None

    def cues(self) -> list[int]:
        """language.word_cues of each token."""
        return list(map(_CUES, self.tokens))

    def span(self, i: int, j: int) -> str:
        """The text of tokens i to j (exclusive) with what lies between them."""
        return self.text[self.offsets[i] : self.ends[j - 1]]

    def claim(self, start: int, end: int) -> None:
        self.claimed.append((start, end))

    def is_claimed(self, start: int, end: int) -> bool:
        for s, e in self.claimed:  # noqa: SIM110 - no generator per call on a hot path
            if s < end and start < e:
                return True
        return False

    def hits(self, bits: int) -> list[int]:
        """Indices of the tokens whose word passes any of the anchor tests in ``bits``."""
        if self._lists is None:
            self._lists = self._index()
        indexed = anchors.indexed_bits()
        if bits & indexed and not bits & (bits - 1):
            return self._lists[bits.bit_length() - 1]  # a single anchor test
        found = self._hits.get(bits)
        if found is None:
            if bits & ~indexed:
                # A word flag registered with index=False: look at every token.
                found = [i for i, mask in enumerate(self.masks) if mask & bits]
            else:
                parts = [self._lists[k] for k in _positions(bits)]
                found = sorted({i for lst in parts for i in lst})
            self._hits[bits] = found
        return found

    def _index(self) -> list[list[int]]:
        """Per anchor bit position, the tokens that have it (in order). Each Word lists its
        indexed bit positions once: a token costs a step of the loop and a list append per
        position (positions index a list, cheaper than looking large ints up in a dict)."""
        lists: list[list[int]] = [[] for _ in range(anchors.registry_size())]
        append = [lst.append for lst in lists]
        for i, positions in enumerate(map(_POSITIONS_OF, self.tokens)):
            for k in positions:
                append[k](i)
        return lists

    def starts(self, bits: int, before: int = 0, first: int = 0) -> list[int]:
        """Start offsets of anchor tokens and of up to ``before`` tokens preceding each;
        with ``first``, only tokens that pass one of those tests (the words a match can
        begin with) are kept."""
        idx = self.hits(bits)
        offsets = self.offsets
        if before == 0 and not first:
            return list(map(offsets.__getitem__, idx))
        # idx ascends: each window starts after the last one ended, so no token repeats.
        out: list[int] = []
        done = 0
        masks = self.masks
        keep = first.__and__
        for i in idx:
            lo = max(done, i - before)
            if first:
                out.extend(compress(offsets[lo : i + 1], map(keep, masks[lo : i + 1])))
            else:
                out.extend(offsets[lo : i + 1])
            done = i + 1
        return out


_MASK = attrgetter("mask")
_POSITIONS_OF = attrgetter("positions")
_CUES = attrgetter("cues")
_CASE = attrgetter("case")
_GAP = itemgetter(0)
_STARTS_SENTENCE = itemgetter(1)


def make_doc(text: str, lang: str) -> Doc:
    """Tokenize once: words, offsets, separators, sentence starts, case ratios.

    Every step is a C-level pass (findall, map, accumulate) rather than a Python loop
    over the tokens: a narrative of 2 KB has about 370 of them.
    """
    first = TOKEN.search(text)
    if first is None:
        return Doc(text, lang, [], [], [], [], [])
    pos = first.start()
    rx = _TOKEN_AND_SEPARATOR if "_" in text else _WORD_AND_SEPARATOR
    words, seps = zip(*rx.findall(text, pos), strict=True)
    tokens = _lookup_words(words)
    lengths = list(map(len, words))
    # A token starts where the previous one started plus its length and its separator's.
    offsets = list(accumulate(map(add, lengths, map(len, seps)), initial=pos))
    offsets.pop()
    ends = list(map(add, offsets, lengths))
    separators = _lookup_separators(seps)
    gaps = list(map(_GAP, separators))
    gaps[-1] = ""
    sentence_start = [True, *map(_STARTS_SENTENCE, separators)]
    sentence_start.pop()
    case = sum(map(_CASE, tokens))
    alpha = max(1, case % _CASE_UNIT)
    upper = (case // _CASE_UNIT) % _CASE_UNIT
    lower = case // _CASE_UNIT**2
    return Doc(
        text, lang, tokens, offsets, ends, gaps, sentence_start, upper / alpha, lower / alpha
    )
