"""Accent and case folding that remembers where each folded character came from.

Patterns run over folded text ("Años" -> "anos"); evidence must point into the text the
person wrote, so every folded offset maps back to an original one.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

# Typographic punctuation that tips copied from phones are full of.
_PUNCT = {
    "\u2018": "'",
    "\u2019": "'",
    "\u02bc": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2013": "-",
    "\u2014": "-",
    "\u00bf": " ",
    "\u00a1": " ",
    "\u00a0": " ",
}


@lru_cache(maxsize=4096)
def fold_char(char: str) -> str:
    """One character folded: lower case, no accents; may be empty or longer than one."""
    if char in _PUNCT:
        return _PUNCT[char]
    decomposed = unicodedata.normalize("NFKD", char.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True)
class FoldedText:
    """``folded[i]`` came from ``original[origin(i)]``."""

    original: str
    folded: str
    # Original index of each folded character; None when folding kept every length.
    index_map: tuple[int, ...] | None = None

    def origin(self, index: int) -> int:
        if self.index_map is None:
            return index
        if index >= len(self.index_map):
            return len(self.original)
        return self.index_map[index]

    def folded_index(self, original_index: int) -> int:
        """First folded position that came from ``original_index`` or later."""
        if self.index_map is None:
            return original_index
        return bisect_left(self.index_map, original_index)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) for a folded span."""
        if self.index_map is None:
            return start, end
        begin = self.origin(start)
        if end <= start:
            return begin, begin
        return begin, self.origin(end - 1) + 1


def fold_text(text: str) -> FoldedText:
    if text.isascii():
        return FoldedText(text, text.lower())
    table: dict[str, str | int | None] = {c: fold_char(c) for c in set(text) if not c.isascii()}
    if all(isinstance(v, str) and len(v) == 1 for v in table.values()):
        # One character in, one out: offsets are unchanged.
        if all(isinstance(v, str) and v.isascii() for v in table.values()):
            # No replacement is itself replaced, so a few replace calls (fast, in C) do
            # what a translation table does character by character.
            replaced = text
            for char, value in table.items():
                replaced = replaced.replace(char, str(value))
            return FoldedText(text, replaced.lower())
        return FoldedText(text, text.translate(str.maketrans(table)).lower())
    pieces: list[str] = []
    index_map: list[int] = []
    for index, char in enumerate(text):
        folded = table.get(char)
        piece = folded if isinstance(folded, str) else char.lower()
        pieces.append(piece)
        index_map.extend([index] * len(piece))
    return FoldedText(text, "".join(pieces), tuple(index_map))
