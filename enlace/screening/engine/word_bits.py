"""Word masks: which of the word starts that rules require a word, or a text, has."""

from __future__ import annotations

from collections.abc import Iterable

from enlace.screening.engine.regex_anatomy import DIGIT, WHOLE


class WordBits:
    """A bit per literal word start that some rule requires; a word's mask sets the bits of
    the options it satisfies, a text's mask those of all its words."""

    def __init__(self, options: Iterable[str]) -> None:
        self.bits: dict[str, int] = {}
        for option in options:
            self.bits.setdefault(option, 1 << len(self.bits))
        self._whole = {o[: -len(WHOLE)]: b for o, b in self.bits.items() if o.endswith(WHOLE)}
        self._prefix = {o: b for o, b in self.bits.items() if o != DIGIT and not o.endswith(WHOLE)}
        self._lengths = tuple(sorted({len(o) for o in self._prefix}))
        self._digit = self.bits.get(DIGIT, 0)

    def mask(self, options: Iterable[str]) -> int:
        out = 0
        for option in options:
            out |= self.bits[option]
        return out

    def of_word(self, word: str) -> int:
        out = self._whole.get(word, 0)
        size = len(word)
        for length in self._lengths:
            if length > size:
                break
            out |= self._prefix.get(word[:length], 0)
        if self._digit and word[:1].isdigit():
            out |= self._digit
        return out
