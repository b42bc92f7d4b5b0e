"""CURP, the Mexican population registry key, read for what it says about its holder.

A CURP such as ``GAHJ850312HTLRRS09`` encodes: first letter and first inner vowel of the
paternal surname (GA), first letter of the maternal surname (H, X when none), first letter
of the given name (J; the second name when the first is José or María), date of birth
(850312), sex (H/M), state of birth (TL) and inner consonants. So a CURP on one record can
confirm or contradict the name, date of birth and sex written on another.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from enlace.resolution.engine.names import NameParts, is_common_first

CURP_RE = re.compile(
    r"^[A-Z][AEIOUX][A-Z]{2}(\d{6})([HMX])[A-Z]{2}[B-DF-HJ-NP-TV-Z]{3}([0-9A-Z])\d$"
)
_VOWELS = "AEIOU"


@dataclass(frozen=True)
class CurpFacts:
    prefix: str  # the four name letters
    year: int
    month: int
    day: int
    sex: str  # "m" / "f" / ""


def read_curp(raw: str) -> CurpFacts | None:
    """The facts a well-formed CURP encodes, or None when it is not a CURP."""
    text = re.sub(r"[^A-Z0-9]", "", raw.upper())
    m = CURP_RE.match(text)
    if not m:
        return None
    yymmdd, sex, century = m[1], m[2], m[3]
    yy, mm, dd = int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:])
    year = (2000 if century.isalpha() else 1900) + yy
    return CurpFacts(text[:4], year, mm, dd, {"H": "m", "M": "f"}.get(sex, ""))


def _first_inner_vowel(word: str) -> str:
    for ch in word[1:]:
        if ch in _VOWELS:
            return ch
    return "X"


def expected_prefix(parts: NameParts) -> str:
    """The four letters a CURP would carry for this name ("" when the name is too thin)."""
    if not parts.given or not parts.sur1:
        return ""
    sur1 = parts.sur1.upper().replace("Ñ", "X")
    given = parts.given
    middle = parts.middle.split()
    if is_common_first(given) and middle and len(middle[0]) > 1:
        given = middle[0]
    sur2 = parts.sur2.upper()[:1] if parts.sur2 else "?"  # unknown, not necessarily X
    return sur1[0] + _first_inner_vowel(sur1) + sur2 + given.upper()[0]


def prefix_agreement(curp_prefix: str, name_prefix: str) -> int:
    """How many of the CURP's four name letters the other record's name reproduces."""
    if not curp_prefix or not name_prefix:
        return -1
    return sum(1 for a, b in zip(curp_prefix, name_prefix, strict=True) if b in (a, "?"))
