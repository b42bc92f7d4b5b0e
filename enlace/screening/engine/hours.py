"""Working-day length from clock ranges: "from 5am until midnight", "de 7 de la mañana a
12 de la noche". A range of ten hours or more is evidence of excessive hours.
"""

from __future__ import annotations

import re

from enlace.text import anchors

EXCESSIVE_DAY_HOURS = 10

_MERIDIEM = (
    r"(?:a\.? ?m\.?|p\.? ?m\.?|de la (?:manana|madrugada|tarde|noche)|(?:in the|at) "
    r"(?:morning|evening|night|afternoon))"
)
_POINT = (
    rf"(?:(?P<h{{n}}>\d{{1,2}})(?::(?P<m{{n}}>\d{{2}}))? ?(?P<mer{{n}}>{_MERIDIEM})?"
    r"|(?P<w{n}>noon|midnight|mediodia|medianoche|la medianoche|el mediodia))"
)
_RANGE = re.compile(
    r"(?<!\w)(?:(?:from|de|desde|between) (?:las |la )?)?"
    + _POINT.replace("{n}", "1").replace("{{", "{").replace("}}", "}")
    + r" ?(?:to|until|till|til|-|a|hasta|and) ?(?:las |la )?"
    + _POINT.replace("{n}", "2").replace("{{", "{").replace("}}", "}")
    + r"(?! ?(?:anos|years|yrs|ano|year|dias|days|semanas|weeks|meses|months|mil|pesos|dolares))"
    r"(?!\w)"
)
# Clock ranges that describe opening hours or parties, not somebody's working day.
_LEISURE = re.compile(r"\b(?:party|parties|fiesta|music|musica|open|opens|abre|abierto|horario)\b")
_SENTENCE = re.compile(r"[^.!?\n]*")

# Every clock range starts with one of these, then a clock point: a number, or a word of
# ``_CLOCK_WORDS`` (maybe after "la " or "el "). Trying the range only there finds what
# scanning the whole text finds, several times faster.
_PREFIXES = frozenset(
    f"{word} {article}"
    for word in ("from", "de", "desde", "between")
    for article in ("", "las ", "la ")
)
_BACK = tuple(sorted({len(prefix) for prefix in _PREFIXES}))
# "\d\d*" rather than "\d+": a pattern that starts with a character class is searched by
# skipping to the characters of the class, one that starts with a repeat position by position.
_NUMBER = re.compile(r"\d\d*")
_CLOCK_WORDS = ("noon", "midnight", "mediodia", "medianoche")
_ARTICLE = 3  # "la " or "el " before a clock word


def _clock(match: re.Match[str], n: int) -> tuple[int | None, bool]:
    """(hour on a 24-hour clock or None when unknown, whether the meridiem was explicit)."""
    word = match.group(f"w{n}")
    if word:
        return (12 if "noon" in word or "mediodia" in word else 24), True
    hour = int(match.group(f"h{n}"))
    if hour > 24:
        return None, False
    mer = match.group(f"mer{n}") or ""
    if not mer:
        return hour, False
    if ("night" in mer or "noche" in mer) and hour <= 4:
        return hour % 12, True  # "2 at night": after midnight
    morning = mer.startswith("a") and not mer.startswith("at ")  # "am", not "at night"
    if morning or "manana" in mer or "madrugada" in mer or "morning" in mer:
        return (0 if hour == 12 else hour), True
    return (24 if hour == 12 else hour % 12 + 12), True


def _duration(match: re.Match[str]) -> int | None:
    start, start_known = _clock(match, 1)
    end, end_known = _clock(match, 2)
    if start is None or end is None or not (start_known or end_known):
        return None
    if not start_known:
        # "de 9 a 10 de la noche": a bare start hour in working hours is a morning.
        start = start if 4 <= start <= 11 or start > 12 else start % 12 + 12
    if not end_known and end <= start:
        end = end % 12 + 12
    return (end - start) % 24 or 24


def long_days(text: str) -> list[tuple[int, int]]:
    """Spans of clock ranges of at least ``EXCESSIVE_DAY_HOURS`` hours in folded text."""
    spans = []
    for match in _ranges(text):
        duration = _duration(match)
        if duration is None or duration < EXCESSIVE_DAY_HOURS:
            continue
        line_start = text.rfind("\n", 0, match.start()) + 1
        sentence = _SENTENCE.match(text, max(line_start, text.rfind(".", 0, match.start()) + 1))
        if sentence and _LEISURE.search(sentence.group(0)):
            continue
        spans.append((match.start(), match.end()))
    return spans


def _ranges(text: str) -> list[re.Match[str]]:
    """``_RANGE.finditer(text)``, trying the regex only where a range can start."""
    points = [number.start() for number in _NUMBER.finditer(text)]
    for word in _CLOCK_WORDS:
        start = text.find(word)
        while start >= 0:
            points.extend((start, start - _ARTICLE))
            start = text.find(word, start + 1)
    starts = set(points)
    for point in points:
        for back in _BACK:
            if back <= point and text[point - back : point] in _PREFIXES:
                starts.add(point - back)
    return list(anchors.scan(_RANGE, text, sorted(starts)))
