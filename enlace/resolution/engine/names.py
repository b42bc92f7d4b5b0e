"""Person names reduced to comparable parts, whichever side of the border wrote them.

A Mexican file writes "José Luis García Hernández" (two given names, paternal and maternal
surnames); a US record writes "GARCIA, JOSE L" or puts the maternal surname in the middle
name; a hotline writes "Pepe García". Every form is folded to the same parts:

* ``given`` — the first given name, nicknames and abbreviations made formal (Pepe -> jose,
  Ma. -> maria);
* ``middle`` — the remaining given names or initials ("luis", "l");
* ``sur1`` / ``sur2`` — paternal and maternal surnames, particles dropped, hyphenated
  compounds split ("lopez-ramirez" -> lopez, ramirez).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

try:  # the extraction package supplies the shared folding, nickname list and name parser
    from enlace.extraction.engine import ABBREVIATIONS, NICKNAMES, fold, parse_person_name
except (ImportError, SyntaxError):  # pragma: no cover - fallback keeps the engine usable on its own
    from enlace.resolution.engine._fallback import (  # type: ignore[assignment]
        ABBREVIATIONS,
        NICKNAMES,
        fold,
        parse_person_name,
    )

PARTICLES = frozenset({"de", "del", "la", "las", "los", "y", "van", "von", "da", "di", "dos"})
# Given names that Mexican usage pairs with a second name, which carries the identity
# (CURP uses the second one; "María Guadalupe" is called Guadalupe).
_COMMON_FIRST = frozenset({"jose", "maria", "ma", "j", "m"})
_NON_LETTER = re.compile(r"[^a-z\s'-]+")
_SPACE = re.compile(r"[\s'-]+")


@dataclass(frozen=True)
class NameParts:
    given: str
    middle: str
    sur1: str
    sur2: str


def fold_text(text: str) -> str:
    """Accent and case folding (shared with the extraction package)."""
    return fold(text)


@lru_cache(maxsize=200_000)
def clean(text: str) -> str:
    """Folded letters, hyphens and spaces only: "  GARCÍA-López." -> "garcia-lopez"."""
    return " ".join(_NON_LETTER.sub(" ", fold(text)).split())


@lru_cache(maxsize=100_000)
def canonical_given(token: str) -> str:
    """The formal form of a folded given name: pepe -> jose, ma -> maria, fco -> francisco."""
    token = token.rstrip(".")
    if token in NICKNAMES:
        return clean(NICKNAMES[token][0]).split(" ")[0]
    if token in ABBREVIATIONS or token + "." in ABBREVIATIONS:
        return clean(ABBREVIATIONS.get(token, ABBREVIATIONS.get(token + ".", token)))
    return token


def _surnames(text: str) -> list[str]:
    return [w for w in _SPACE.split(clean(text)) if w and w not in PARTICLES]


def _given(text: str) -> list[str]:
    words = [w for w in clean(text).replace("-", " ").split() if w not in PARTICLES]
    return [canonical_given(w) for w in words]


@lru_cache(maxsize=200_000)
def split_full_name(full: str) -> tuple[str, str, str]:
    """Parse a written full name into (given names, surname_1, surname_2) strings."""
    parsed = parse_person_name(full)
    given = list(parsed.given_names)
    surnames = [s for s in (parsed.surname_1, parsed.surname_2) if s]
    # "Jose L Garcia": a lone initial parsed as a surname is a middle initial.
    while surnames and len(surnames[0].rstrip(".")) == 1 and len(surnames) > 1:
        given.append(surnames.pop(0))
    s1 = surnames[0] if surnames else ""
    s2 = " ".join(surnames[1:])
    return " ".join(given), s1, s2


def name_parts(given_names: str, surname_1: str, surname_2: str, full_name: str) -> NameParts:
    """Comparable parts from whichever name fields a record has."""
    if not (given_names or surname_1 or surname_2) and full_name:
        given_names, surname_1, surname_2 = split_full_name(full_name)
    given = _given(given_names)
    surnames = _surnames(surname_1) + _surnames(surname_2)
    if not given and len(surnames) > 1 and not surname_2:
        # A single field holding "Garcia Jose": keep it as written (family name first).
        given = [canonical_given(surnames.pop())]
    first = given[0] if given else ""
    middle = given[1:]
    # "José Luis" is called Luis and "Ma. Guadalupe" Guadalupe: keep both but compare on
    # the first; the second stays in ``middle`` where the partial level finds it.
    return NameParts(
        given=first,
        middle=" ".join(middle),
        sur1=surnames[0] if surnames else "",
        sur2=" ".join(surnames[1:]),
    )


def initials_key(parts: NameParts) -> str:
    """Initials of given name and surnames, used by CURP checks and blocking."""
    return (parts.given[:1] + parts.sur1[:1] + parts.sur2[:1]).upper()


def is_common_first(token: str) -> bool:
    return token in _COMMON_FIRST


def _faker_given(attr: str) -> set[str]:
    from importlib import import_module

    out: set[str] = set()
    for loc in ("es_MX", "es_ES", "es_CO", "en_US"):
        try:
            provider = import_module(f"faker.providers.person.{loc}").Provider
        except ImportError:  # pragma: no cover - Faker absent: no inference
            continue
        values = getattr(provider, attr, ())
        for name in values if isinstance(values, (list, tuple, dict)) else ():
            words = clean(str(name)).split()  # "María José": the first name decides
            if words and len(words[0]) > 1:
                out.add(words[0])
    return out


@lru_cache(maxsize=1)
def _sex_lexicon() -> dict[str, str]:
    male, female = _faker_given("first_names_male"), _faker_given("first_names_female")
    # A name on both lists (Guadalupe, Jesús María, Jean) says nothing about sex.
    out = dict.fromkeys(male - female, "m")
    out.update(dict.fromkeys(female - male, "f"))
    # As a first name these are unambiguous in Mexican usage, whatever the lists say.
    out.update({"jose": "m", "maria": "f", "juan": "m", "ana": "f"})
    return out


@lru_cache(maxsize=100_000)
def sex_of_given(given: str) -> str:
    """ "m" or "f" as the (canonical, folded) first given name implies, "" when unclear.

    Only the first given name counts: "José María" is a man and "María José" a woman.
    """
    return _sex_lexicon().get(given, "") if len(given) > 1 else ""
