"""Minimal stand-ins used only when ``enlace.extraction.engine`` cannot be imported."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

NICKNAMES: dict[str, tuple[str, ...]] = {
    "pepe": ("José",),
    "chuy": ("Jesús",),
    "paco": ("Francisco",),
    "pancho": ("Francisco",),
    "lupe": ("Guadalupe",),
    "nacho": ("Ignacio",),
    "lalo": ("Eduardo",),
    "memo": ("Guillermo",),
    "bob": ("Robert",),
    "bill": ("William",),
    "mike": ("Michael",),
    "joe": ("Joseph",),
}
ABBREVIATIONS: dict[str, str] = {"ma": "María", "ma.": "María", "fco": "Francisco"}


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True)
class _Parsed:
    given_names: tuple[str, ...]
    surname_1: str | None
    surname_2: str | None


def parse_person_name(raw: str) -> _Parsed:
    if "," in raw:
        before, _, after = raw.partition(",")
        surnames = before.split()
        return _Parsed(tuple(after.split()), *([*surnames, None, None])[:2])
    words = raw.split()
    if len(words) >= 4:
        return _Parsed(tuple(words[:-2]), words[-2], words[-1])
    if len(words) >= 2:
        return _Parsed(tuple(words[:-1]), words[-1], None)
    return _Parsed(tuple(words), None, None)
