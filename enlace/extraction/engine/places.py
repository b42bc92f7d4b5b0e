"""Finding places in text: gazetteer names, "City, ST", addresses, colonias and highways."""

from __future__ import annotations

import re

from enlace.extraction.engine.document import Doc, Word
from enlace.extraction.engine.flags import GIVEN, PLACE, STOP, SURNAME
from enlace.extraction.engine.folding import fold
from enlace.extraction.engine.gazetteer import (
    Gazetteer,
    gazetteer,
    normalize_place,
    us_postal_state,
)
from enlace.extraction.engine.model import Entity, Place
from enlace.text import anchors

_PREPS = frozenset(
    [
        "in",
        "en",
        "from",
        "de",
        "desde",
        "to",
        "a",
        "at",
        "near",
        "cerca",
        "hacia",
        "para",
        "around",
        "outside",
        "into",
        "toward",
        "towards",
        "via",
        "por",
        "rumbo",
        "llegaron",
        "llego",
        "vive",
        "lives",
        "living",
        "moved",
        "trabaja",
        "of",
        "between",
        "entre",
    ]
)
# Single-word city names that are everyday words in English or Spanish.
_COMMON_WORDS = frozenset(
    [
        "mission",
        "alamo",
        "progreso",
        "reforma",
        "victoria",
        "libertad",
        "independencia",
        "esperanza",
        "paraiso",
        "guadalupe",
        "rosario",
        "soledad",
        "trinidad",
        "concordia",
        "providencia",
        "union",
        "central",
        "center",
        "mercedes",
        "dolores",
        "florida",
        "nogales",
        "colon",
        "allende",
        "hidalgo",
        "morelos",
        "juarez",
        "zaragoza",
        "madero",
        "obregon",
        "lerdo",
        "guerrero",
        "bravo",
        "escobedo",
        "cortes",
        "frontera",
        "lagos",
        "arena",
        "playa",
        "pueblo",
        "villa",
        "rio",
        "mar",
        "sol",
        "cruz",
        "san",
        "santa",
        "sur",
        "norte",
        "centro",
        "valle",
        "vista",
        "garden",
        "grove",
        "spring",
        "springs",
        "orange",
        "pearl",
        "columbus",
        "lincoln",
        "jackson",
        "washington",
        "franklin",
        "clinton",
        "madison",
        "marion",
        "salem",
        "manchester",
        "cambridge",
        "oxford",
        "dover",
        "aurora",
        "mesa",
        "plano",
        "irving",
        "garland",
        "frisco",
        "allen",
        "edinburg",
        "pharr",
        "mercedes",
        "weslaco",
        "donna",
        "alamo",
        "hidalgo",
        "roma",
        "del",
        "rio",
        "eagle",
        "pass",
        "laredo",
        "market",
        "bar",
        "club",
        "rancho",
        "casa",
        "parque",
        "palmas",
        "palma",
        "fresno",
        "salinas",
        "ventura",
    ]
)
_EN_SUFFIXES = (
    r"st|street|ave|avenue|rd|road|blvd|boulevard|dr|drive|ln|lane|way|ct|court|pl|place"
    r"|hwy|highway|pkwy|parkway|trl|trail|cir|circle"
)
ADDRESS_EN = anchors.CaselessPattern(
    r"\b\d{1,6}\s+(?:[NSEW]\.?\s+)?(?:(?!(?:on|in|at|the|and|of|to|from|near|by|en|de)\s)[A-Za-z0-9][\w'’.]*\s+){0,3}?"
    rf"(?:{_EN_SUFFIXES})\b\.?"
    r"(?:,?\s*(?:apt|unit|#|suite|ste|lot)\.?\s*[\w-]{1,6})?"
)
ADDRESS_ES = anchors.CaselessPattern(
    r"\b(?:calle|c\.|av\.|avenida|blvd\.?|bulevar|boulevard|calzada|calz\.|privada|priv\."
    r"|callej[oó]n|prolongaci[oó]n|andador)\s+"
    r"(?:(?:de|del|la|las|los|el)\s+)?[A-ZÁÉÍÓÚÑ0-9][\w.'’]*(?:\s+(?:(?:de|del|la|las|los|el)\s+)?[A-ZÁÉÍÓÚÑ][\w'’]*){0,3}"
    r"(?:,?\s*(?:#\s?|[Nn][oú]m?\.?\s*|numero\s+|número\s+)?\d{1,5}(?:-?[A-Za-z])?\b)?"
)
ADDRESS_NAMED = re.compile(
    r"\b(?:[A-Z][\w'’]*\s+){1,3}(?:St|Street|Ave|Avenue|Blvd|Boulevard|Dr|Drive|Rd|Road|Ln|Lane"
    r"|Hwy|Highway|Pkwy|Parkway|Way|Loop|Fwy|Freeway)\b\.?"
)
COLONIA = re.compile(
    r"\b(?i:col\.|colonia|fracc\.|fraccionamiento|barrio|ejido|rancher[ií]a)\s+"
    r"((?:(?i:la|las|el|los|del)\s+)?[^\W\d_][\w'’]*(?:\s+(?:(?:del|la|las|los)\s+)?[A-ZÁÉÍÓÚÑ][\w'’]*){0,2})"
)
HIGHWAY = anchors.CaselessPattern(
    r"\b(?:I-\s?\d{1,3}|IH-?\s?\d{1,3}|(?:interstate|highway|hwy|route|rte|US|SH|FM)[\s-]?\d{1,4}"
    r"|(?:carretera|autopista|ruta|carr\.)(?:\s+federal)?(?:\s+(?:no\.?|n[uú]m\.?))?\s*\d{1,4}"
    r"|(?:autopista|carretera)\s+[A-ZÁÉÍÓÚ][\wáéíóú]+(?:\s[A-Z][\wáéíóú]+)?\s?[-–]\s?[A-ZÁÉÍÓÚ][\wáéíóú]+)\b"
)

# Where each pattern can start: (pattern, anchor bits, words reached back, first-word bits).
_DIGIT_START = anchors.word_pattern(r"\d.*")
# An English address ends with a street type at most three words (which may hold dots,
# so a few more tokens) after its number.
_EN_SUFFIX = anchors.word_pattern(rf"(?:{_EN_SUFFIXES})(?:['’].*)?")
_ES_STREET = anchors.word_pattern(
    r"calle|c|av|avenida|blvd|bulevar|boulevard|calzada|calz|privada|priv|callej[oó]n"
    r"|prolongaci[oó]n|andador"
)
_EN_STREET = anchors.word_pattern(
    r"St|Street|Ave|Avenue|Blvd|Boulevard|Dr|Drive|Rd|Road|Ln|Lane|Hwy|Highway|Pkwy|Parkway"
    r"|Way|Loop|Fwy|Freeway",
    0,
)
_CAPITALIZED = anchors.word_pattern(r"[A-Z].*", 0, index=False)
_COLONIA_WORD = anchors.word_pattern(r"col|colonia|fracc|fraccionamiento|barrio|ejido|rancher[ií]a")
_ROAD_WORD = anchors.word_pattern(
    r"(?:i|ih|interstate|highway|hwy|route|rte|us|sh|fm|carretera|autopista|ruta|carr)\d*"
)
_PLACE_START = anchors.word_test(lambda word: fold(word) in gazetteer().first_words)
_PLATE_AFTER = re.compile(r"\s*(?:plates?|tags?|placas?|license)\b", re.IGNORECASE)
_POSTAL_AFTER_COMMA = re.compile(r",\s?([A-Z]{2})\b")
_TRAILING_JOINER = re.compile(r"\s+(?:de|del|la|las|los|y|en|con)$", re.IGNORECASE)
_CITY_STATE_SEP = re.compile(r",\s?")
# Where a Spanish street's name has ended: a preposition before the next place ("y" may join
# a cross street).
_STREET_TAIL = re.compile(r"\s+(?:en|in|con|por|para|que|cerca|near)\s.*$", re.IGNORECASE)
# A street keyword followed by a function word names no street (the caseless scan lets the
# name's capital go).
_NOT_A_STREET_NAME = re.compile(
    r"\S+\s+(?:in|on|at|the|and|or|of|to|from|near|by|is|was|has|en|con|y|o|que|se|es|por|para"
    r"|de sus?)\b",  # "privada de su libertad" is no street
    re.IGNORECASE,
)


_NO = (False, 0.0)
_COMMON_FLAGS = STOP | GIVEN | SURNAME
_PLATE_WORDS = frozenset({"plate", "plates", "placas", "placa", "tag"})


def _short_form(span: str, key: str, after_prep: bool) -> tuple[bool, float]:
    """Short forms (DF, NL, LA, BC, EUA, USA) count only in capitals."""
    if not span.replace(".", "").replace(" ", "").isupper():
        return _NO
    if key == "us" and "." not in span and not after_prep:
        return _NO
    return True, 0.8


_JOINERS = frozenset({"de", "del", "la", "las", "los", "el", "y"})


def _accept(doc: Doc, i: int, j: int, place: Place) -> tuple[bool, float]:
    toks = doc.tokens
    text = doc.text
    first: Word = toks[i]
    start = doc.offsets[i]
    end = doc.ends[j - 1]
    key = first.folded
    if i:
        prev = toks[i - 1].folded
        after_prep = prev in _PREPS or (
            doc.gaps[i - 1] == "" and "," in text[doc.ends[i - 1] : start]
        )
    else:
        prev = ""
        after_prep = False
    if j - i == 1:
        capitalized = first.is_cap or key in _JOINERS
    else:
        capitalized = all(t.is_cap or t.folded in _JOINERS for t in toks[i:j])
    if prev in _PLATE_WORDS or (
        # _PLATE_AFTER can only match at the next token, when it starts with p, t or l.
        j < len(toks) and toks[j].text[0] in "pPtTlL" and _PLATE_AFTER.match(text, end, end + 9)
    ):
        return _NO  # the issuing state of a licence plate, kept with the plate
    if end - start <= 3 or len(text[start:end].replace(".", "").replace(" ", "")) <= 3:
        return _short_form(text[start:end], key, after_prep)
    if (
        prev in ("and", "y", "or", "o")
        and i > 1
        and toks[i - 2].is_cap
        and capitalized
        and place.population >= 100_000
    ):
        after_prep = True  # "Miami and Orlando"
    if not capitalized and not (doc.lower_ratio > 0.85 or first.text.islower()):
        return _NO
    common = j - i == 1 and bool(first.mask & _COMMON_FLAGS or key in _COMMON_WORDS)
    if place.kind in ("country", "state", "crossing"):
        if common and not (capitalized and (after_prep or not doc.sentence_start[i])):
            return _NO
        return (capitalized or not common), 0.9 if capitalized else 0.7
    return _accept_city(place, key, j - i, prev, (capitalized, common, after_prep))


def _accept_city(
    place: Place, key: str, n: int, prev: str, flags: tuple[bool, bool, bool]
) -> tuple[bool, float]:
    capitalized, common, after_prep = flags
    if not capitalized:
        big = place.population >= 100_000
        return (big and not common and (len(key) >= 4 or n > 1) and prev in _PREPS), 0.6
    if common or (n == 1 and place.population < 20_000):
        return after_prep, 0.6
    return True, 0.85 if place.population >= 100_000 or n > 1 else 0.7


def _keys_from(doc: Doc, gaz: Gazetteer, i: int) -> list[str]:
    """Keys of the word runs from token i that are still prefixes of some place name."""
    toks = doc.tokens
    key = toks[i].folded
    keys = [key]
    for n in range(2, min(gaz.max_words, len(toks) - i, 6) + 1):
        gap = doc.gaps[i + n - 2]
        if gap == "":
            break
        key = key + (" - " if gap == "-" else " ") + toks[i + n - 1].folded
        if key not in gaz.prefixes:
            break
        keys.append(key)
    return keys


def _gazetteer_matches(doc: Doc, gaz: Gazetteer) -> list[Entity]:
    out: list[Entity] = []
    toks = doc.tokens
    done = 0
    gaps = doc.gaps
    follow = gaz.follow
    lookup = gaz.index.get
    for i in doc.hits(_PLACE_START):
        if i < done:
            continue
        tok = toks[i]
        key = tok.folded
        # The last token's gap is "", so i + 1 exists wherever a gap joins it.
        gap = gaps[i]
        if not gap:
            longer = False
        elif gap == "-":
            longer = f"{key} - {toks[i + 1].folded}" in gaz.prefixes
        else:
            longer = toks[i + 1].folded in follow.get(key, ())
        if not longer and not tok.mask & PLACE:
            continue  # most hits: "de", "the", "san" not followed by the rest of a name
        # The longest run of words that names a place and passes the checks wins.
        keys = _keys_from(doc, gaz, i) if longer else [key]
        for n in range(len(keys), 0, -1):
            hits = lookup(keys[n - 1])
            if not hits:
                continue
            ok, conf = _accept(doc, i, i + n, hits[0])
            if not ok:
                continue
            start, end = doc.offsets[i], doc.ends[i + n - 1]
            if (
                end < len(doc.text)
                and doc.text[end] == "."
                and toks[i + n - 1].folded in ("ee", "uu", "u", "s", "a", "f", "l", "p", "d", "c")
            ):
                end += 1
            out.append(_entity(doc, start, end, hits[0], conf))
            done = i + n
            break
    return out


def _entity(doc: Doc, start: int, end: int, place: Place, conf: float) -> Entity:
    return Entity(
        "location", doc.text[start:end], start, end, place.canonical(), conf, place.details()
    )


def _us_postal_after_comma(doc: Doc, found: list[Entity]) -> list[Entity]:
    """ "Houston, TX": a two-letter state code right after a comma that follows a place."""
    out: list[Entity] = []
    if not found:
        return out
    ends = {e.end for e in found}
    gaz = gazetteer()
    for m in _POSTAL_AFTER_COMMA.finditer(doc.text):
        if m.start() not in ends:
            continue
        hits = [
            p for p in gaz.lookup(m.group(1).lower()) if p.kind == "state" and p.country == "US"
        ]
        if hits:
            out.append(_entity(doc, m.start(1), m.end(1), hits[0], 0.85))
        else:
            place = us_postal_state(m.group(1))
            if place:
                out.append(_entity(doc, m.start(1), m.end(1), place, 0.85))
    return out


def _pattern_places(doc: Doc) -> list[Entity]:
    out: list[Entity] = []
    text = doc.text
    lowered = doc.lowered()
    patterns: tuple[
        tuple[str, re.Pattern[str] | anchors.CaselessPattern, float, list[int]], ...
    ] = (
        ("address", ADDRESS_EN, 0.8, doc.starts(_EN_SUFFIX, 20, _DIGIT_START)),
        ("address", ADDRESS_ES, 0.8, doc.starts(_ES_STREET)),
        ("street", ADDRESS_NAMED, 0.7, doc.starts(_EN_STREET, 6, _CAPITALIZED)),
        ("neighborhood", COLONIA, 0.75, doc.starts(_COLONIA_WORD)),
        ("highway", HIGHWAY, 0.8, doc.starts(_ROAD_WORD)),
    )
    for kind, rx, conf, starts in patterns:
        if not starts:
            continue
        if isinstance(rx, anchors.CaselessPattern):
            matches = anchors.scan_caseless(rx, text, lowered, starts)
        else:
            matches = anchors.scan(rx, text, starts)
        for m in matches:
            g = 1 if rx is COLONIA else 0
            if rx is ADDRESS_ES and _NOT_A_STREET_NAME.match(text, m.start(), m.end()):
                continue  # "Bellaire Blvd in Houston": an English street type, then a preposition
            raw = text[m.start(g) : m.end(g)].rstrip(" .,")
            if rx is ADDRESS_ES:
                raw = _STREET_TAIL.sub("", raw)  # "calle Mariscal en Ciudad Juárez"
            if kind == "neighborhood":
                raw = _TRAILING_JOINER.sub("", raw)
            place = Place(" ".join(raw.split()), kind, None)
            out.append(
                Entity(
                    "location",
                    raw,
                    m.start(g),
                    m.start(g) + len(raw),
                    place.name,
                    conf,
                    place.details(),
                )
            )
    return out


_REGIONS = ("state", "country")


def _merge_city_region(doc: Doc, found: list[Entity]) -> list[Entity]:
    """ "Laredo, TX" and "Tenancingo, Tlaxcala" are one place: the city in that state. A
    state's or a country's name before a state ("Hidalgo, Texas", "Guadalupe, Nuevo León") is
    a town of that name there, when the gazetteer has one."""
    found = sorted(found, key=lambda e: e.start)
    out: list[Entity] = []
    k = 0
    while k < len(found):
        ent = found[k]
        nxt = found[k + 1] if k + 1 < len(found) else None
        if (
            nxt is not None
            and (
                (ent.details.get("kind") == "city" and nxt.details.get("kind") in _REGIONS)
                or (ent.details.get("kind") in _REGIONS and nxt.details.get("kind") == "state")
            )
            and _CITY_STATE_SEP.fullmatch(doc.text[ent.end : nxt.start])
        ):
            raw = doc.text[ent.start : nxt.end]
            place = normalize_place(raw)
            if place is not None and place.kind == "city":
                out.append(
                    Entity(
                        "location", raw, ent.start, nxt.end, place.canonical(), 0.9, place.details()
                    )
                )
                k += 2
                continue
        out.append(ent)
        k += 1
    return out


# A news release's dateline: "HOUSTON –", "SAN DIEGO —", "LAREDO, Texas –", "McALLEN, Texas -".
_DATELINE = re.compile(
    r"\s*((?:[A-Z][A-Za-z.'’]*[ ]?){1,4}?)(?:,[ ]?([A-Z][A-Za-z.]*(?:[ ][A-Z][A-Za-z.]*)?))?"
    r"[ ]?(?:[–—]|--?)[ ]"
)


def find_dateline(doc: Doc) -> Entity | None:
    """The place a news release is datelined at, from the capitals it opens with; its span
    names a place, never a person."""
    m = _DATELINE.match(doc.text)
    if m is None:
        return None
    city = m.group(1).strip()
    letters = [c for c in city if c.isalpha()]
    if len(letters) < 3 or sum(c.isupper() for c in letters) < 0.8 * len(letters):
        return None
    name = city.title() if city.upper() == city else city
    if name == "Washington" and not m.group(2):
        name = "Washington, D.C."  # the federal agencies' dateline
    raw_end = m.end(2) if m.group(2) else m.end(1)
    place = normalize_place(f"{name}, {m.group(2)}" if m.group(2) else name)
    if place is None:
        return None
    start = m.start(1)
    raw = doc.text[start:raw_end].rstrip()
    return Entity(
        "location", raw, start, start + len(raw), place.canonical(), 0.85, place.details()
    )


def find_locations(doc: Doc) -> list[Entity]:
    gaz = gazetteer()
    found = _gazetteer_matches(doc, gaz)
    found += _us_postal_after_comma(doc, found)
    return _pattern_places(doc) + _merge_city_region(doc, found)
