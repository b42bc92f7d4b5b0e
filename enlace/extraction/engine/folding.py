"""Accent and case folding used for every match key."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Letters that do not decompose under NFKD but should fold to ASCII.
_EXTRA = str.maketrans(
    {"ß": "ss", "æ": "ae", "ø": "o", "đ": "d", "ł": "l", "ı": "i", "œ": "oe", "þ": "th"}
)


def _fold_once(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFKC", stripped.translate(_EXTRA).casefold())


@lru_cache(maxsize=65536)
def _fold_cached(text: str) -> str:
    # A few code points only settle after a second pass (casefold exposing new
    # decompositions); iterate to a fixed point so that fold is idempotent.
    out = _fold_once(text)
    for _ in range(3):
        again = _fold_once(out)
        if again == out:
            break
        out = again
    return out


def fold(text: str) -> str:
    """Lower-case, strip accents and compatibility forms: "José ÁLVAREZ" -> "jose alvarez".

    Idempotent: fold(fold(x)) == fold(x).
    """
    if text.isascii():
        return text.lower()
    if len(text) > 64:
        return _fold_cached.__wrapped__(text)
    return _fold_cached(text)
