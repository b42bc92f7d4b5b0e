"""Tokenized view of a narrative, built once and shared by every finder."""

from __future__ import annotations

import re
from itertools import accumulate, compress
from operator import attrgetter

from enlace.extraction.engine.folding import fold
from enlace.extraction.engine.language import word_cues
from enlace.text import anchors

# Splitting on a captured token gives separator, token, separator, ... (no tuple per
# token as findall makes). Without "_" in the text, \w is [^\W_] and the simpler class
# is faster; possessive quantifiers never backtrack.
_SPLIT_TOKENS = re.compile(r"([^\W_]++(?:['’][^\W_]++)*+)")
_SPLIT_WORDS = re.compile(r"(\w++(?:['’]\w++)*+)")
_SENTENCE_END = re.compile(r"[.!?:\n]")
# Three counts of up to 2**21 - 1 packed in one int below 2**63: builtin sum adds such ints
# in a C long without allocating (documents of more tokens are counted apart).
_CASE_UNIT = 1 << 21
_MAX_PACKED = _CASE_UNIT - 1


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
        "case_letter",
        "case_lower",
        "case_upper",
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
        self.case_letter = int(letter)
        self.case_upper = int(letter and self.is_upper)
        self.case_lower = int(letter and self.is_lower)
        self.case = (
            self.case_letter
            + self.case_upper * _CASE_UNIT
            + self.case_lower * _CASE_UNIT * _CASE_UNIT
        )

    def __repr__(self) -> str:
        return f"Word({self.text!r})"


# Distinct words seen so far; valid for the anchor registry in the state _WORDS_VERSION
# holds (its size and its indexed bits).
_WORDS: dict[str, Word] = {}
_WORDS_VERSION: list[tuple[int, int]] = [(0, 0)]
_MAX_CACHED = 200_000


def _lookup_words(words: list[str]) -> list[Word]:
    """The Word of each token text, creating (and caching) the ones not seen before."""
    version = (anchors.registry_size(), anchors.indexed_bits())
    if _WORDS_VERSION[0] != version:
        _WORDS.clear()  # anchors registered since: masks need recomputing
        _WORDS_VERSION[0] = version
    try:
        # Nearly always every word is cached: no scan of the list for a None.
        return list(map(_WORDS.__getitem__, words))
    except KeyError:
        pass
    known = list(map(_WORDS.get, words))
    missing = dict.fromkeys(w for w, word in zip(words, known, strict=True) if word is None)
    new = {w: Word(w) for w in missing}
    found = list(map(new.get, words, known))
    if len(_WORDS) + len(new) > _MAX_CACHED:
        _WORDS.clear()
    _WORDS.update(new)
    return found  # type: ignore[return-value]  # every word is in new or in _WORDS


# Separator -> gap, and separator -> whether the next token starts a sentence;
# separators repeat a lot.
_GAPS: dict[str, str] = {}
_ENDS_SENTENCE: dict[str, bool] = {}


def _lookup_separators(seps: list[str]) -> tuple[list[str], list[bool]]:
    """The gap of each separator and whether it ends a sentence."""
    try:
        return list(map(_GAPS.__getitem__, seps)), list(map(_ENDS_SENTENCE.__getitem__, seps))
    except KeyError:
        pass
    gaps: list[str] = []
    ends: list[bool] = []
    for sep in seps:
        gap = _GAPS.get(sep)
        if gap is None:
            gap = _gap(sep)
            end = bool(_SENTENCE_END.search(sep))
            if len(sep) <= 8 and len(_GAPS) < 10_000:
                _GAPS[sep] = gap
                _ENDS_SENTENCE[sep] = end
        else:
            end = _ENDS_SENTENCE[sep]
        gaps.append(gap)
        ends.append(end)
    return gaps, ends


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
        positions = list(map(_POSITIONS_OF, self.tokens))
        # About 40% of the tokens have no indexed bit: skip them at C level.
        for i in compress(range(len(positions)), positions):
            for k in positions[i]:
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
        # idx ascends: windows that overlap or touch merge into one run of tokens, and
        # each run is copied once (no token repeats).
        out: list[int] = []
        masks = self.masks
        keep = first.__and__
        lo = hi = 0
        for i in idx:
            if i - before <= hi:
                hi = i + 1
                continue
            if hi:
                if first:
                    out.extend(compress(offsets[lo:hi], map(keep, masks[lo:hi])))
                else:
                    out.extend(offsets[lo:hi])
            lo = i - before
            hi = i + 1
        if hi:
            if first:
                out.extend(compress(offsets[lo:hi], map(keep, masks[lo:hi])))
            else:
                out.extend(offsets[lo:hi])
        return out


_MASK = attrgetter("mask")
_POSITIONS_OF = attrgetter("positions")
_CUES = attrgetter("cues")
_CASE = attrgetter("case")
_LETTER = attrgetter("case_letter")
_UPPER = attrgetter("case_upper")
_LOWER = attrgetter("case_lower")


def make_doc(text: str, lang: str) -> Doc:
    """Tokenize once: words, offsets, separators, sentence starts, case ratios.

    Every step is a C-level pass (split, map, accumulate) rather than a Python loop
    over the tokens: a narrative of 2 KB has about 370 of them.
    """
    parts = (_SPLIT_TOKENS if "_" in text else _SPLIT_WORDS).split(text)
    if len(parts) == 1:
        return Doc(text, lang, [], [], [], [], [])
    words = parts[1::2]
    tokens = _lookup_words(words)
    # parts alternate separator, word, separator...: where each part ends gives the
    # start (end of the separator before) and the end of every word.
    bounds = list(accumulate(map(len, parts)))
    offsets = bounds[0:-1:2]
    ends = bounds[1::2]
    gaps, ends_sentence = _lookup_separators(parts[2::2])
    gaps[-1] = ""
    sentence_start = [True, *ends_sentence]
    sentence_start.pop()
    if len(tokens) <= _MAX_PACKED:
        case = sum(map(_CASE, tokens))
        alpha = max(1, case & _MAX_PACKED)
        upper = (case >> 21) & _MAX_PACKED
        lower = case >> 42
    else:
        alpha = max(1, sum(map(_LETTER, tokens)))
        upper = sum(map(_UPPER, tokens))
        lower = sum(map(_LOWER, tokens))
    return Doc(
        text, lang, tokens, offsets, ends, gaps, sentence_start, upper / alpha, lower / alpha
    )
