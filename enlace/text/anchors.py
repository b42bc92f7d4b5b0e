"""Cheap anchors: the few token positions where a costly pattern can start.

Running a large alternation with ``finditer`` tries it at every character of a narrative.
Instead each finder registers, once at import, a word test that every match of its pattern
must contain (a digit, a month name, a keyword). A document gives each distinct word a bit
mask once (cached across documents), the finder takes the tokens whose bit is set, widens
them by the few words a match may reach back, and runs ``Pattern.match`` only there.
``scan`` keeps ``finditer``'s semantics (leftmost, non-overlapping) as long as the
positions include every place a match can start.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

_TESTS: list[Callable[[str], bool]] = []
_MASKS: dict[str, int] = {}
_MAX_CACHED = 200_000
# Bits whose tokens a document lists (see Doc.hits); the others are word flags that the
# finders test on a token (Word.mask) or use to filter start positions.
_INDEXED = [0]


def word_test(test: Callable[[str], bool], *, index: bool = True) -> int:
    """Register a test on a token's text; returns its bit. ``index=False`` for a flag
    that is only tested on tokens, never asked for with Doc.hits."""
    _TESTS.append(test)
    _MASKS.clear()  # masks computed before now lack the new bit
    bit = 1 << (len(_TESTS) - 1)
    if index:
        _INDEXED[0] |= bit
    return bit


_BY_PATTERN: dict[tuple[str, int], int] = {}


def word_pattern(pattern: str, flags: int = re.IGNORECASE, *, index: bool = True) -> int:
    """Register a whole-token pattern (case-insensitive unless told otherwise); the same
    pattern registered twice shares one bit."""
    bit = _BY_PATTERN.get((pattern, flags))
    if bit is None:
        rx = re.compile(pattern, flags)
        test = rx.fullmatch
        bit = _BY_PATTERN[(pattern, flags)] = word_test(
            lambda word: test(word) is not None, index=index
        )
    elif index:
        _INDEXED[0] |= bit
    return bit


def indexed_bits() -> int:
    return _INDEXED[0]


def registry_size() -> int:
    return len(_TESTS)


def word_mask(word: str) -> int:
    mask = _MASKS.get(word)
    if mask is None:
        mask = 0
        for k, test in enumerate(_TESTS):
            if test(word):
                mask |= 1 << k
        if len(_MASKS) >= _MAX_CACHED:
            _MASKS.clear()
        _MASKS[word] = mask
    return mask


def char_positions(text: str, chars: str) -> list[int]:
    """Positions of any of ``chars`` (a few rare characters such as "$" or "@")."""
    out: list[int] = []
    for ch in chars:
        pos = text.find(ch)
        while pos >= 0:
            out.append(pos)
            pos = text.find(ch, pos + 1)
    if len(chars) > 1:
        out.sort()
    return out


def scan(rx: re.Pattern[str], text: str, starts: Iterable[int]) -> Iterator[re.Match[str]]:
    """``rx.finditer(text)`` restricted to matches beginning at ``starts`` (ascending)."""
    last = -1
    match = rx.match
    for pos in starts:
        if pos < last:
            continue
        m = match(text, pos)
        if m is not None and m.end() > pos:
            last = m.end()
            yield m


class CaselessPattern:
    """A case-insensitive pattern in two forms: as written (IGNORECASE), and for text
    already in lower case without IGNORECASE. Matching lower-cased text compares
    characters directly instead of lower-casing both sides of every comparison, which
    makes large alternations two to four times cheaper; ``scan_caseless`` picks the form.
    """

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.ignorecase = re.compile(pattern, flags | re.IGNORECASE)
        self.lower = re.compile(lower_pattern(pattern), flags & ~re.IGNORECASE)
        self.pattern = pattern


_KEEP_ESCAPES = frozenset("dDsSwWbBAZnrtfv")


def lower_pattern(pattern: str) -> str:
    """Lower-case the literal characters of a regex (inside and outside classes), keeping
    escapes and group syntax; refuses what it cannot convert (case-sensitive groups,
    escaped code points)."""
    out: list[str] = []
    i = 0
    n = len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            nxt = pattern[i + 1]
            if nxt.isalnum() and nxt not in _KEEP_ESCAPES:
                raise ValueError(f"cannot lower-case the escape \\{nxt} in {pattern!r}")
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if pattern.startswith("(?P", i):
            end = pattern.index(">", i) if pattern.startswith("(?P<", i) else i + 3
            out.append(pattern[i : end + 1])
            i = end + 1
            continue
        if pattern.startswith("(?-i", i):
            raise ValueError(f"a case-sensitive group cannot be lower-cased: {pattern!r}")
        out.append(c.lower())
        i += 1
    return "".join(out)


def scan_caseless(
    rx: CaselessPattern, text: str, lowered: str | None, starts: Iterable[int]
) -> Iterator[re.Match[str]]:
    """``scan`` with the cheaper form when the lower-cased text has the same offsets
    (``lowered`` is None otherwise). Matches then hold lower-cased text: take spans
    from them, and the text from the original."""
    if lowered is None:
        return scan(rx.ignorecase, text, starts)
    return scan(rx.lower, lowered, starts)


def trie_pattern(words: Iterable[str]) -> str:
    """A regex alternation of literal words factored by common prefixes.

    ``(?:one|once|ten|twenty)`` makes the engine compare every word at every attempt;
    the factored form ``(?:once?|t(?:en|wenty))`` fails after a character or two. Longer
    words are tried before their prefixes, as in a longest-first alternation.
    """
    trie: _Trie = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie)


_Trie = dict[str, "_Trie"]


def _trie_regex(node: _Trie) -> str:
    ends = "" in node
    keys = sorted(ch for ch in node if ch)
    branches = [re.escape(ch) + _trie_regex(node[ch]) for ch in keys]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if not ends:
        return body
    if len(branches) == 1 and body == re.escape(keys[0]):
        return body + "?"  # a single optional character
    return "(?:" + body + ")?"
