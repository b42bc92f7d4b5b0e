"""Ages: "17-year-old", "de 16 años", "about 15", "menor de edad", "in her twenties"."""

from __future__ import annotations

import re
from functools import lru_cache

from enlace.extraction.engine.document import Doc
from enlace.extraction.engine.model import Entity
from enlace.extraction.engine.numbers import UNITS, words_to_number
from enlace.text import anchors

_NUM_WORD = anchors.trie_pattern(w for w, v in UNITS.items() if 2 <= v <= 90 and len(w) > 2)
_NUM = rf"(?:\d{{1,2}}|{_NUM_WORD})"
_RANGE = rf"{_NUM}(?:\s*(?:-|to|a|y|and|or|o)\s*{_NUM})?"
_APPROX = (
    r"(?:about|around|between|approximately|approx\.?|maybe|roughly|like|some|almost|nearly|barely"
    r"|under|over|unos|como(?: de)?|aproximadamente|aprox\.?|alrededor de|casi|apenas|más o menos"
    r"|mas o menos|cerca de|entre)\s+"
)
AGE = anchors.CaselessPattern(
    rf"\b(?:{_APPROX})?{_NUM}(?:\s*(?:-|to|a|y|and|or|o)\s*{_NUM})?[\s-]*"
    r"(?:years?|yrs?|yo|y/o|y\.o\.|a[ñn]os|a[ñn]itos)(?:[\s-]*old)?\b"
    rf"|\b(?:aged?|(?:between\s+)?(?:the\s+)?ages(?:\s+of)?|edad(?:es)?(?:\s+de)?|age:|edad:|de\s+edad)\s*:?\s*(?:{_APPROX})?({_NUM})"
    rf"(?:\s*(?:-|to|through|a|y|and|or|o)\s*{_NUM})?\b(?!\s*(?:a\.?m|p\.?m|:|%|dollars|pesos))"
    rf"|\b(?:{_APPROX}){_RANGE}\b(?=\s*(?:[,.)\"”;!?]|$|and\b|y\b|with\b|con\b|or\b|o\b))"
    rf"|\b(?:girl|boy|kid|child|teen|daughter|son|woman|man|lady) of (?:{_APPROX})?{_RANGE}(?:[\s-]*(?:years?|yrs?)(?:[\s-]*old)?)?\b"  # noqa: E501
    rf"|\b(?:niñ[ao]s?|nena|hij[ao]s?|chav(?:it)?[ao]s?|chamac[ao]s?|muchachit[ao]s?|menor|chic[ao]s?|muchach[ao]s?|joven|jovencita|señora|mujer|hombre) de (?:{_APPROX})?{_RANGE}(?:\s*a[ñn]os)?\b(?!\s*(?:de|del)\b)"  # noqa: E501
    rf"|\b(?:(?:she|he|they|who)(?:'s|\s+is|\s+was)(?:\s+now)?|tiene|tenía|tenia|cumplió|cumple|turned)\s+(?:only\s+|just\s+|solo\s+|apenas\s+)?({_NUM})"
    r"(?:[\s-]*(?:years?|yrs?|yo|a[ñn]os)(?:[\s-]*old)?)?\b(?!\s*(?:dollars|pesos|hours|horas|days|días|dias|weeks|months|meses|kids|hijos|%|:|\$|am|pm))"
    r"|\b(?:younger than|older than|under|over|menor de|mayor de)\s+\d{1,2}\b(?!\s*(?:dollars|pesos|hours|horas|%))"  # noqa: E501
    # "Daniela Ruiz (16)", "Andre Thompson, 29,", "children (8 and 11)", "Abril de 17".
    rf"|(?<=[^\W\d_] \()\d{{1,2}}(?=\))|(?<=[^\W\d_] \()\d{{1,2}}(?= (?:and|y) \d)|(?<= and )\d{{1,2}}(?=\))|(?<= y )\d{{1,2}}(?=\))"  # noqa: E501
    r"|(?<=[a-záéíóúñ], )\d{1,2}(?=,|\.(?:\s|$))|(?<=[a-záéíóúñ], de )\d{1,2}(?=,|\.(?:\s|$))"
    # After a quoted alias: 'a/k/a "El Chino," 38, of Dalton'.
    r"|(?<=[a-záéíóúñ],[\"”] )\d{1,2}(?=,)|(?<=[a-záéíóúñ][\"”], )\d{1,2}(?=,)"
    r"|(?<=[a-záéíóúñ] de )\d{1,2}\b(?!\s*(?:de|del|a[ñn]os|%)\b)"
    r"|\bmenor(?:es)? de edad\b|\bunderage\b|\bminors?\b|\bmenores\b"
    r"|\bmenor\b(?=\s+(?:de|que|y|,|\.|no acompañad[oa]))"
    r"|\b(?:in (?:her|his|their) )?(?:early |mid |late |mid-|early-|late-)?(?:teens|twenties|thirties|forties|fifties|20s|30s|40s|50s|20's|30's|40's)\b"  # noqa: E501
    r"|\bveintitantos\b|\btreintaitantos\b|\btreinta y tantos\b|\bcuarentaitantos\b|\b(?:teenager|teen|adolescente|quinceañera|jovencita|teenage)\b"  # noqa: E501
)
_DECADES = {
    "teens": 13,
    "twenties": 20,
    "thirties": 30,
    "forties": 40,
    "fifties": 50,
    "veintitantos": 20,
    "treintaitantos": 30,
    "treinta y tantos": 30,
    "cuarentaitantos": 40,
}
_LEAD = re.compile(
    r"^(?:(?:(?:between\s+)?(?:the\s+)?ages(?:\s+of)?|aged?|edad(?:es)?(?:\s+de)?|age:|edad:|de\s+edad)\s*:?\s*"
    r"|(?:she|he|they|who)(?:'s|\s+is|\s+was)(?:\s+now)?\s+|(?:tiene|tenía|tenia|cumplió|cumple|turned)\s+"
    r"|(?:only|just|solo|apenas)\s+"
    r"|(?:girl|boy|kid|child|teen|daughter|son|woman|man|lady)\s+of\s+"
    r"|(?:niñ[ao]s?|nena|hij[ao]s?|chav(?:it)?[ao]s?|chamac[ao]s?|muchachit[ao]s?|menor|chic[ao]s?|muchach[ao]s?|joven|jovencita|señora|mujer|hombre)\s+de\s+)+",
    re.IGNORECASE,
)


# Every match holds a number of one or two digits (maybe glued to "yo", "s", "años") or a
# number word or one of these words (the anchor), and starts at most six words before it
# ("niña de más o menos 15") with one of the words in _FIRST.
_CORE = anchors.word_pattern(
    rf"\d{{1,2}}(?:\D.*)?|(?:{_NUM_WORD}).*|years?|yrs?|yo|a[ñn]os|a[ñn]itos|teens|twenties|thirties"
    r"|forties|fifties|veintitantos|treintaitantos|tantos|cuarentaitantos|teenager|teen|teenage"
    r"|adolescente|quinceañera|jovencita|menor(?:es)?|minors?|underage"
)
_FIRST = anchors.word_pattern(
    rf"\d{{1,2}}(?:\D.*)?|(?:{_NUM_WORD}).*|about|around|between|approximately|approx|maybe|roughly"
    r"|like|some|almost|nearly|barely|under|over|unos|como|aproximadamente|aprox|alrededor|casi"
    r"|apenas|más|mas|cerca|entre|aged?|ages|edad(?:es)?|de|girl|boy|kid|child|teen|daughter|son|woman|man"
    r"|lady|niñ[ao]s?|nena|hij[ao]s?|chav(?:it)?[ao]s?|chamac[ao]s?|muchachit[ao]s?|menor(?:es)?"
    r"|chic[ao]s?|muchach[ao]s?|joven|jovencita|señora|mujer|hombre|she|he|they|who|she's|he's"
    r"|they's|who's|tiene|tenía|tenia|cumplió|cumple|turned|younger|older|mayor|underage"
    r"|minors?|in|early|mid|late|teens|twenties|thirties|forties|fifties|veintitantos"
    r"|treintaitantos|treinta|cuarentaitantos|teenager|adolescente|quinceañera|teenage",
    index=False,
)
_APPROX_RX = re.compile(_APPROX)
_UNIT = re.compile(r"year|yrs|a[ñn]o|\byo\b", re.IGNORECASE)
# "two girls, 13 and 15": ages listed after a plural person noun.
_LISTED = anchors.CaselessPattern(
    r"\b(?:girls|boys|kids|children|daughters|sons|victims|minors|niñ[ao]s|hij[ao]s|chic[ao]s"
    r"|menores|víctimas|victimas|muchach[ao]s)[,:]?\s+(\d{1,2})\s*(?:,|and|y)\s*(\d{1,2})\b"
    r"(?!\s*(?:years|años|anos|yrs|yo|%|:|dollars|pesos|de\s))"
)
_PLURAL_PERSON = anchors.word_pattern(
    r"girls|boys|kids|children|daughters|sons|victims|minors|niñ[ao]s|hij[ao]s|chic[ao]s"
    r"|menores|víctimas|victimas|muchach[ao]s"
)
_DECADE_NUM = re.compile(r"(\d{1,2})\s*'?s\b")
_DECADE = re.compile(r"\d0'?s\b")
_TEEN = re.compile(r"teen|adolescente|quincea|jovencita")
_NUMS = re.compile(rf"\d{{1,2}}|{_NUM_WORD}")
_HAS_NUM = re.compile(rf"\d|{_NUM_WORD}", re.IGNORECASE)


def _years(span: str) -> tuple[int | None, bool, bool | None]:
    low = span.lower()
    approx = bool(_APPROX_RX.match(low)) or ("-" in low.strip("-") and "year" not in low)
    for key, base in _DECADES.items():
        if key in low:
            return base, True, base < 18 if key != "teens" else True
    m = _DECADE_NUM.search(low)
    if m and _DECADE.search(low):
        return int(m.group(1)), True, False
    if "menor" in low or "minor" in low or "underage" in low:
        return None, True, True
    if _TEEN.search(low):
        return None, True, True
    nums = _NUMS.findall(low)
    values = [v for v in (words_to_number(n) for n in nums) if v is not None]
    if not values:
        return None, approx, None
    years = max(values)
    return years, approx or len(values) > 1, years < 18


# Age phrases come from a small vocabulary ("16 años", "17-year-old"): parse each once.
_years_cached = lru_cache(maxsize=8192)(_years)


_DURATION_BEFORE = re.compile(
    r"(?:\bhace|\bfor|\bpor|\bdurante|\bllev[aó]\w*|\bafter|\bdespués de|\bwithin|\blast|\bpast"
    r"|\bpasad[oa]s|\bde cárcel|\bsentenced to|\bsentenciad[oa] a|\bdesde hace)\s*$",
    re.IGNORECASE,
)
_DURATION_AFTER = re.compile(
    r"^\s*(?:ago|atr[aá]s|de (?:cárcel|prisión|carcel|prision)|in prison|working|trabajando|later"
    r"|después|despues|más tarde|of (?:work|prison)|de trabajo|aquí|aqui|here|there|allá|en el|in the)",  # noqa: E501
    re.IGNORECASE,
)


def find_ages(doc: Doc) -> list[Entity]:
    out: list[Entity] = []
    text = doc.text
    for m in anchors.scan_caseless(AGE, text, doc.lowered(), doc.starts(_CORE, 6, _FIRST)):
        raw = text[m.start() : m.end()]
        if _DURATION_BEFORE.search(text[max(0, m.start() - 16) : m.start()]) or (
            _UNIT.search(raw) and _DURATION_AFTER.match(text[m.end() : m.end() + 16])
        ):
            continue  # "hace 5 años", "3 years working here": how long, not how old
        if (
            raw.isdigit()
            and text[max(0, m.start() - 5) : m.start()] not in (", de ", ",de ")
            and text[max(0, m.start() - 4) : m.start()] == " de "
        ):
            # "Abril de 17": only after a capitalized name (", de 13," in apposition is an age).
            before = text[: m.start() - 4].rsplit(None, 1)[-1:] or [""]
            if not before[0][:1].isupper():
                continue
        lead = _LEAD.match(raw)
        if lead and not _HAS_NUM.search(raw[lead.end() :]):
            lead = None
        start = m.start() + (lead.end() if lead else 0)
        raw = text[start : m.end()]
        if not raw.strip():
            continue
        years, approx, minor = (_years_cached if len(raw) <= 64 else _years)(raw)
        if years is not None and not 0 < years < 110:
            continue
        details: dict[str, object] = {"years": years, "minor": minor, "approximate": approx}
        norm = f"{years}" if years is not None else ("minor" if minor else "unknown")
        conf = 0.9 if years is not None else 0.7
        out.append(Entity("age", raw, start, m.end(), norm, conf, details))
    return out + _listed(doc)


def _listed(doc: Doc) -> list[Entity]:
    out: list[Entity] = []
    text = doc.text
    for m in anchors.scan_caseless(_LISTED, text, doc.lowered(), doc.starts(_PLURAL_PERSON)):
        for g in (1, 2):
            years = int(m.group(g))
            if 0 < years < 110:
                details: dict[str, object] = {
                    "years": years,
                    "minor": years < 18,
                    "approximate": False,
                }
                out.append(
                    Entity(
                        "age",
                        text[m.start(g) : m.end(g)],
                        m.start(g),
                        m.end(g),
                        str(years),
                        0.75,
                        details,
                    )
                )
    return out
