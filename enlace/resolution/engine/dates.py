"""Dates of birth in any common written form, and approximate ages from tips.

A value becomes a :class:`Birth`: the day when known, and always a window of birth years
(one year for a full date, wider for "age~31" or "about 30"), so that a tip's age can be
compared with a record's date of birth.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

try:
    from enlace.extraction.engine import parse_date
except (ImportError, SyntaxError):  # pragma: no cover - the written-month forms then go unparsed
    parse_date = None  # type: ignore[assignment]

_ISO = re.compile(r"^(\d{4})[-/.]?(\d{1,2})[-/.]?(\d{1,2})(?:[T ].*)?$")
_NUMERIC = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})$")
_AGE = re.compile(
    r"^(?:(?:age|edad|aged)\s*)?(~|≈|about|approx\.?|aprox\.?|approximately|aproximadamente|"
    r"around|unos|cerca de|ca\.?)?\s*[:=]?\s*(\d{1,3})\s*(?:\+|years?|yrs?|y/?o|a[ñn]os)?"
    r"(?:\s*(?:old|de edad))?$"
)
_DMY_COUNTRIES = frozenset({"MX", "GT", "HN", "SV", "NI", "CR", "PA", "CO", "ES", "AR", "CL", "PE"})


@dataclass(frozen=True)
class Birth:
    year: int = 0  # 0 when only an age is known
    month: int = 0
    day: int = 0
    year_lo: int = 0  # window of plausible birth years; 0 when nothing is known
    year_hi: int = 0
    from_age: bool = False
    age_year: int = 0  # for an age N: the reference year minus N (born then or a year before)

    @property
    def known(self) -> bool:
        return self.year_lo > 0


NO_BIRTH = Birth()


def _valid(y: int, m: int, d: int) -> Birth | None:
    try:
        dt.date(y, m, d)
    except ValueError:
        return None
    return Birth(y, m, d, y, y)


def _century(yy: int, reference_year: int) -> int:
    year = 1900 + yy
    return year + 100 if year + 100 <= reference_year else year


@lru_cache(maxsize=300_000)
def parse_birth(  # noqa: PLR0911 - one return per recognised form reads best
    raw: str, reference_year: int, day_first: bool = False
) -> Birth:
    """Parse a date of birth or an approximate age.

    ``day_first`` decides ambiguous numeric dates (03/04/1990) for sources that write
    day/month (Mexico); unambiguous ones (25/04 or 04/25) are read either way, and the
    comparison also tolerates a day/month swap.
    """
    text = raw.strip().lower()
    if not text:
        return NO_BIRTH
    if m := _ISO.match(text):
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
        return _valid(y, mo, d) or NO_BIRTH
    if m := _NUMERIC.match(text):
        a, b, y = int(m[1]), int(m[2]), int(m[3])
        if len(m[3]) == 2:
            y = _century(y, reference_year)
        if a > 12 or (day_first and b <= 12):
            a, b = b, a
        return _valid(y, a, b) or _valid(y, b, a) or NO_BIRTH
    if m := _AGE.match(text):
        age = int(m[2])
        if not 0 < age < 120:
            return NO_BIRTH
        # Someone aged N was born N or N+1 years ago; a tip's age is an estimate too, so
        # the window is widened by one year (two for "about").
        slack = 3 if m[1] else 2
        born = reference_year - age
        return Birth(0, 0, 0, born - slack, born + slack - 1, True, born)
    if parse_date is not None:
        value = parse_date(raw)
        if value is not None and value.precision == "day" and not value.relative:
            return Birth(
                value.start.year,
                value.start.month,
                value.start.day,
                value.start.year,
                value.start.year,
            )
        if value is not None and value.precision in ("year", "month") and not value.relative:
            return Birth(0, 0, 0, value.start.year, value.end.year)
    return NO_BIRTH


def day_first_for(country: str) -> bool:
    return country.strip().upper()[:2] in _DMY_COUNTRIES
