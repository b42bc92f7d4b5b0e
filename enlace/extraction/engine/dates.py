"""Dates: absolute, numeric (d/m or m/d by language and country), ranges and relative days."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from enlace.extraction.engine.document import Doc
from enlace.extraction.engine.folding import fold
from enlace.extraction.engine.model import DateValue, Entity
from enlace.extraction.engine.numbers import words_to_number
from enlace.text import anchors

MONTHS: dict[str, int] = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
    "enero": 1,
    "febrero": 2,
    "marzo": 3,
    "abril": 4,
    "mayo": 5,
    "junio": 6,
    "julio": 7,
    "agosto": 8,
    "septiembre": 9,
    "setiembre": 9,
    "octubre": 10,
    "noviembre": 11,
    "diciembre": 12,
    "ene": 1,
    "abr": 4,
    "ago": 8,
    "dic": 12,
}
WEEKDAYS: dict[str, int] = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
    "lunes": 0,
    "martes": 1,
    "miercoles": 2,
    "jueves": 3,
    "viernes": 4,
    "sabado": 5,
    "domingo": 6,
}
_MONTH_ABBREVIATIONS = [
    *("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"),
    *("ene", "abr", "ago", "dic"),
]
_MONTH_NAMES = [m for m in MONTHS if m not in _MONTH_ABBREVIATIONS]
_MONTH_FULL = (
    rf"(?:{anchors.trie_pattern(_MONTH_NAMES)}|{anchors.trie_pattern(_MONTH_ABBREVIATIONS)}\.?)"
)
_WD = anchors.trie_pattern([*WEEKDAYS, "miércoles", "sábado"])
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th|º|°)?"
_YEAR = r"(?:19\d\d|20\d\d)"
_REL_UNITS = r"(?:days?|weeks?|months?|years?|d[ií]as|semanas?|mes(?:es)?|a[ñn]os?)"
DATE = anchors.CaselessPattern(
    rf"\b{_YEAR}-[01]\d-[0-3]\d\b"
    rf"|\b\d{{1,2}}[/.-]\d{{1,2}}[/.-](?:{_YEAR}|\d\d)\b"
    # Day and month without a year only after a word that makes them a date ("on 11/14").
    r"|(?:(?<=\bon )|(?<=\bel )|(?<=since )|(?<=desde )|(?<=\bfrom )|(?<=\bdel )|(?<=until )"
    r"|(?<=hasta ))\d{1,2}/\d{1,2}\b(?![/.-]\d|\s+(?:de|del|of|partes?)\b)"
    rf"|(?:\b(?:del|from|between|entre(?:\s+el)?)\s+)?\b{_DAY}\s*(?:-|al|a|to|y|and|–)\s*{_DAY}\s+(?:de\s+)?{_MONTH_FULL}(?:,?\s+(?:de\s+|del\s+)?{_YEAR})?\b"
    rf"|\b{_MONTH_FULL}\s+{_DAY}\s*(?:-|–|to|through|and)\s*{_DAY}(?:,?\s+{_YEAR})?\b"
    rf"|\b{_DAY}\s+(?:de\s+)?{_MONTH_FULL}(?:,?\s+(?:de\s+|del\s+)?{_YEAR})?\b"
    rf"|\b{_MONTH_FULL}\s+{_DAY}(?:,?\s+{_YEAR})?\b(?!\s*(?:years|años|:))"
    rf"|\b{_MONTH_FULL}(?:\s+(?:de\s+|del\s+|of\s+)?|,?\s*){_YEAR}\b"
    rf"|\b(?:last|this past|past|next|this|el pasado|este|el próximo|el proximo|pasado)\s+{_WD}\b"
    rf"|\b{_WD}\s+(?:pasado|antepasado|próximo|proximo|que viene)\b"
    rf"|\b(?:on|el|este|this)\s+{_WD}(?:\s+(?:pasado|antepasado|próximo|proximo|que viene))?\b"
    r"|\b(?:yesterday|today|tonight|last night|this morning|ayer|hoy|anoche|antier|anteayer|antenoche"  # noqa: E501
    r"|esta mañana|hoy en la mañana|el día de hoy)\b"
    r"|\b(?:last|this past|past)\s+(?:week|month|year|weekend)\b"
    r"|\b(?:la semana|el mes|el año|el fin de semana|el fin)\s+pasad[oa]\b"
    rf"|\b(?:hace\s+(?:\d{{1,2}}|un|una|dos|tres|cuatro|cinco|seis|unos|unas|como)\s*(?:\w+\s+)?{_REL_UNITS})"
    rf"|\b(?:\d{{1,2}}|a|an|one|two|three|four|five|six|a few|a couple of)\s+{_REL_UNITS}\s+ago\b"
    rf"|\b(?:in|en|since|desde)\s+{_YEAR}\b"
    # A month alone after "since", "desde"… ("sin paga desde diciembre").
    r"|(?:(?<=desde )|(?<=since )|(?<=hasta )|(?<=until )|(?<=\ben )|(?<=\bin ))"
    rf"{_MONTH_FULL}\b(?!\s*\d)"
    # A bare weekday ("pick her up Friday", "desde el sábado") is the latest one.
    rf"|\b{_WD}\b"
)
# Every match holds a day or year number, a month or weekday name or one of the relative
# words (the anchor) and starts at most four words before it ("el fin de semana pasado").
# Other numbers (phone groups, house numbers, amounts) are no anchor.
_DATE_NUMBER = r"\d{1,2}(?:st|nd|rd|th|º|°)?|(?:19|20)\d\d|[^\W\d]+\d{4}"
_MONTH_WORDS = anchors.trie_pattern([*_MONTH_NAMES, *_MONTH_ABBREVIATIONS])
_CORE = anchors.word_pattern(
    rf"{_DATE_NUMBER}|{_MONTH_WORDS}|{_WD}|yesterday|today|tonight|night|morning|ayer"
    r"|hoy|anoche|antier|anteayer|antenoche|mañana|week|month|year|weekend|semana|mes|año|fin"
    rf"|pasad[oa]|hace|ago|{_REL_UNITS}"
)
_FIRST = anchors.word_pattern(
    rf"{_DATE_NUMBER}|{_MONTH_WORDS}|{_WD}|del|from|between|entre|last|this|past|next|el"
    r"|este|pasado|on|yesterday|today|tonight|ayer|hoy|anoche|antier|anteayer|antenoche|esta|la"
    r"|hace|a|an|one|two|three|four|five|six|in|en|since|desde",
    index=False,
)
_LEAD = re.compile(
    r"(?:del|from|between|entre(?:\s+el)?|on|el|in|en|since|desde)\s+", re.IGNORECASE
)
_DURATION_BEFORE = re.compile(r"(?:\bdesde|\bfor|\bdurante|\bpor)\s+(?:the\s+)?$", re.IGNORECASE)
_BARE_ABBREV = re.compile(r"(?:may|mar|jan|ago|dic|sept?)\.?")
_DMY_COUNTRIES = frozenset(
    {
        "MX",
        "GT",
        "HN",
        "SV",
        "NI",
        "CR",
        "PA",
        "CO",
        "ES",
        "AR",
        "CL",
        "PE",
        "VE",
        "EC",
        "CU",
        "DO",
        "GB",
    }
)


def _year(y: str | None, ref: dt.date, month: int, day: int = 1) -> int:
    if y is None:
        # A month and day without a year in a report means the latest past occurrence.
        year = ref.year
        try:
            if dt.date(year, month, min(day, calendar.monthrange(year, month)[1])) > ref:
                year -= 1
        except ValueError:
            pass
        return year
    n = int(y)
    return n + 2000 if n < 100 and n <= (ref.year % 100) + 1 else (n + 1900 if n < 100 else n)


def _safe(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


_DAYS_BACK = {
    "today": 0,
    "hoy": 0,
    "tonight": 0,
    "this morning": 0,
    "esta manana": 0,
    "hoy en la manana": 0,
    "el dia de hoy": 0,
    "yesterday": 1,
    "ayer": 1,
    "last night": 1,
    "anoche": 1,
    "antier": 2,
    "anteayer": 2,
    "antenoche": 2,
}
_NEXT = re.compile(r"next|proximo|que viene")
_PAST = re.compile(r"last|past|pasad")
_WEEK = re.compile(r"week|semana")
_WEEKEND = re.compile(r"weekend|fin")
_MONTH = re.compile(r"month|mes")
_YEAR_WORD = re.compile(r"year|ano")
_AGO = re.compile(
    r"(?:hace\s+)?(\w+(?:\s\w+)?)\s+(days?|weeks?|months?|years?|dias|semanas?|mes(?:es)?|anos?)"
)
_UNIT_DAYS = (("day", 1), ("dia", 1), ("week", 7), ("semana", 7), ("month", 30), ("mes", 30))


def _day(d: dt.date) -> DateValue:
    return DateValue(d, d, "day", relative=True)


def _weekday(low: str, ref: dt.date) -> DateValue | None:
    wd = next((WEEKDAYS[w] for w in low.split() if w in WEEKDAYS), None)
    if wd is None:
        return None
    if _NEXT.search(low):
        return _day(ref + dt.timedelta(days=(wd - ref.weekday()) % 7 or 7))
    back = (ref.weekday() - wd) % 7
    if _PAST.search(low) or back:
        back = back or 7  # a bare weekday is the latest past one
    if "antepasado" in low:
        back += 7
    return _day(ref - dt.timedelta(days=back))


def _ago(low: str, ref: dt.date) -> DateValue | None:
    m = _AGO.search(low)
    if not m or ("ago" not in low and "hace" not in low):
        return None
    qty = m.group(1)
    for filler, value in (("unos", ""), ("unas", ""), ("como", ""), ("a few", "3")):
        qty = qty.replace(filler, value)
    qty = qty.replace("a couple of", "2").strip()
    n = (words_to_number(qty) if qty else 1) or 1
    unit = m.group(2)
    days = n * next((d for prefix, d in _UNIT_DAYS if unit.startswith(prefix)), 365)
    d = ref - dt.timedelta(days=days)
    return DateValue(d, d, "day" if days < 60 else "month", relative=True)


def _period(low: str, ref: dt.date) -> DateValue | None:
    """ "last week", "el fin de semana", "el mes pasado", "last year"."""
    past = bool(_PAST.search(low))
    if _WEEK.search(low) and past:
        start = ref - dt.timedelta(days=ref.weekday() + 7)
        return DateValue(start, start + dt.timedelta(days=6), "range", relative=True)
    if _WEEKEND.search(low):
        sat = ref - dt.timedelta(days=(ref.weekday() - 5) % 7 or 7)
        return DateValue(sat, sat + dt.timedelta(days=1), "range", relative=True)
    if _MONTH.search(low) and past:
        end = ref.replace(day=1) - dt.timedelta(days=1)
        return DateValue(end.replace(day=1), end, "month", relative=True)
    if _YEAR_WORD.search(low) and past and "ago" not in low and "hace" not in low:
        y = ref.year - 1
        return DateValue(dt.date(y, 1, 1), dt.date(y, 12, 31), "year", relative=True)
    return None


def _relative(low: str, ref: dt.date) -> DateValue | None:
    if low in _DAYS_BACK:
        return _day(ref - dt.timedelta(days=_DAYS_BACK[low]))
    return _weekday(low, ref) or _period(low, ref) or _ago(low, ref)


_LEAD_WORD = re.compile(r"^(?:el|on|del|from|between|entre(?: el)?)\s+")
_ORDINAL = re.compile(r"(\d)(?:st|nd|rd|th|º|°)")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_NUMERIC = re.compile(r"(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2,4}))?")
_DAY_RANGE = re.compile(
    r"(\d{1,2})\s*(?:-|al|a|to|y|and|–)\s*(?:el\s+)?(\d{1,2})\s+(?:de\s+)?(\w+)\.?"
    r"(?:,?\s+(?:de\s+|del\s+)?(\d{4}))?"
)
_MONTH_RANGE = re.compile(
    r"(\w+)\.?\s+(\d{1,2})\s*(?:-|–|to|through|and)\s*(\d{1,2})(?:,?\s+(\d{4}))?"
)
_DAY_MONTH = re.compile(r"(\d{1,2})\s+(?:de\s+)?(\w+)\.?(?:,?\s+(?:de\s+|del\s+)?(\d{4}))?")
_MONTH_DAY = re.compile(r"(\w+)\.?\s+(\d{1,2})(?:,?\s+(\d{4}))?")
_MONTH_YEAR = re.compile(r"(\w+)\.?(?:\s+(?:de|del|of))?,?\s*(\d{4})")
_YEAR_ONLY = re.compile(r"\d{4}")


def _numeric(
    m: re.Match[str], lang: str | None, country: str | None, ref: dt.date
) -> DateValue | None:
    if m.re is _ISO:
        d = _safe(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return DateValue(d, d, "day") if d else None
    a, b = int(m.group(1)), int(m.group(2))
    day_first = lang == "es" or (country or "").upper() in _DMY_COUNTRIES
    if a > 12:
        day_first = True
    elif b > 12:
        day_first = False
    day, month = (a, b) if day_first else (b, a)
    if not 1 <= month <= 12:
        return None
    d = _safe(_year(m.group(3), ref, month, day), month, day)
    return DateValue(d, d, "day") if d else None


def _span(month: int, year: str | None, first: str, last: str, ref: dt.date) -> DateValue | None:
    y = _year(year, ref, month, int(first))
    s, e = _safe(y, month, int(first)), _safe(y, month, int(last))
    return DateValue(s, e, "range") if s and e and s <= e else None


def _one_day(month: int, day: str, year: str | None, ref: dt.date) -> DateValue | None:
    d = _safe(_year(year, ref, month, int(day)), month, int(day))
    return DateValue(d, d, "day") if d else None


def _written(low: str, ref: dt.date) -> tuple[bool, DateValue | None]:
    """Dates with a month name: (whether one of the forms applied, its value)."""
    m = _DAY_RANGE.fullmatch(low)
    if m and m.group(3) in MONTHS:
        return True, _span(MONTHS[m.group(3)], m.group(4), m.group(1), m.group(2), ref)
    m = _MONTH_RANGE.fullmatch(low)
    if m and m.group(1) in MONTHS:
        return True, _span(MONTHS[m.group(1)], m.group(4), m.group(2), m.group(3), ref)
    m = _DAY_MONTH.fullmatch(low)
    if m and m.group(2) in MONTHS:
        return True, _one_day(MONTHS[m.group(2)], m.group(1), m.group(3), ref)
    m = _MONTH_DAY.fullmatch(low)
    if m and m.group(1) in MONTHS:
        return True, _one_day(MONTHS[m.group(1)], m.group(2), m.group(3), ref)
    value = _whole_month(low, ref)
    return value is not None, value


def _whole_month(low: str, ref: dt.date) -> DateValue | None:
    """ "March 2023"; or a month alone ("desde diciembre"): the latest one up to ``ref``."""
    m = _MONTH_YEAR.fullmatch(low)
    if m and m.group(1) in MONTHS:
        month, year, relative = MONTHS[m.group(1)], int(m.group(2)), False
    elif low in MONTHS and len(low) > 3:
        month, relative = MONTHS[low], True
        year = ref.year if month <= ref.month else ref.year - 1
    else:
        return None
    last = calendar.monthrange(year, month)[1]
    return DateValue(dt.date(year, month, 1), dt.date(year, month, last), "month", relative)


def parse_date(
    raw: str,
    lang: str | None = None,
    country: str | None = None,
    reference_date: dt.date | None = None,
) -> DateValue | None:
    """Parse a written date; numeric dates are day-first for Spanish or Latin American
    countries and month-first otherwise (a first number over 12 forces day-first)."""
    ref = reference_date or dt.datetime.now(tz=dt.UTC).date()
    low = fold(" ".join(raw.split())).strip(" .,")
    low = _ORDINAL.sub(r"\1", _LEAD_WORD.sub("", low))
    if not low:
        return None
    m = _ISO.fullmatch(low) or _NUMERIC.fullmatch(low)
    if m:
        return _numeric(m, lang, country, ref)
    applied, value = _written(low, ref)
    if applied:
        return value
    if _YEAR_ONLY.fullmatch(low) and 1900 <= int(low) <= 2100:
        y = int(low)
        return DateValue(dt.date(y, 1, 1), dt.date(y, 12, 31), "year")
    return _relative(low, ref)


def find_dates(
    doc: Doc, lang: str, reference_date: dt.date | None, country: str | None
) -> list[Entity]:
    out: list[Entity] = []
    text = doc.text
    starts = doc.starts(_CORE, 4, _FIRST)
    for m in anchors.scan_caseless(DATE, text, doc.lowered(), starts):
        raw = text[m.start() : m.end()]
        lead = _LEAD.match(raw)
        start = m.start() + (lead.end() if lead else 0)
        raw = text[start : m.end()]
        words = raw.split()
        if len(words) == 1 and _BARE_ABBREV.fullmatch(words[0].lower()):
            continue
        if words[0].lower() in ("hace", "last", "past") and _DURATION_BEFORE.search(
            text[max(0, start - 12) : start]
        ):
            continue  # "desde hace 6 meses", "for the last two weeks": how long, not when
        value = parse_date(raw, lang, country, reference_date)
        if value is None:
            continue
        conf = 0.6 if value.relative else 0.85
        out.append(Entity("date", raw, start, m.end(), value.canonical(), conf, value.details()))
    return out
