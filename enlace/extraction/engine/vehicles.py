"""Vehicles (colour, year, make, model) and licence plates."""

from __future__ import annotations

import re
from functools import lru_cache

from enlace.extraction.engine.document import Doc
from enlace.extraction.engine.folding import fold
from enlace.extraction.engine.gazetteer import us_postal_state
from enlace.extraction.engine.model import Entity
from enlace.text import anchors

MAKES: dict[str, str] = {
    "ford": "Ford",
    "chevrolet": "Chevrolet",
    "chevy": "Chevrolet",
    "nissan": "Nissan",
    "toyota": "Toyota",
    "honda": "Honda",
    "dodge": "Dodge",
    "ram": "Ram",
    "gmc": "GMC",
    "jeep": "Jeep",
    "hyundai": "Hyundai",
    "kia": "Kia",
    "volkswagen": "Volkswagen",
    "vw": "Volkswagen",
    "mazda": "Mazda",
    "mitsubishi": "Mitsubishi",
    "subaru": "Subaru",
    "bmw": "BMW",
    "mercedes": "Mercedes-Benz",
    "benz": "Mercedes-Benz",
    "audi": "Audi",
    "chrysler": "Chrysler",
    "buick": "Buick",
    "cadillac": "Cadillac",
    "lincoln": "Lincoln",
    "tesla": "Tesla",
    "freightliner": "Freightliner",
    "kenworth": "Kenworth",
    "peterbilt": "Peterbilt",
    "volvo": "Volvo",
    "seat": "SEAT",
    "renault": "Renault",
    "pontiac": "Pontiac",
    "infiniti": "Infiniti",
    "lexus": "Lexus",
    "acura": "Acura",
    "suzuki": "Suzuki",
    "yamaha": "Yamaha",
    "italika": "Italika",
    "peugeot": "Peugeot",
}
# Makes that are also surnames, places or words: only with other vehicle words beside them.
_WEAK_MAKES = frozenset({"ford", "lincoln", "mercedes", "ram", "seat", "jeep", "volvo", "benz"})
MODELS: dict[str, str] = {
    "tsuru": "Nissan",
    "sentra": "Nissan",
    "versa": "Nissan",
    "altima": "Nissan",
    "frontier": "Nissan",
    "pathfinder": "Nissan",
    "kicks": "Nissan",
    "tiida": "Nissan",
    "murano": "Nissan",
    "rogue": "Nissan",
    "xterra": "Nissan",
    "titan": "Nissan",
    "np300": "Nissan",
    "urvan": "Nissan",
    "estaquitas": "Nissan",
    "tacoma": "Toyota",
    "corolla": "Toyota",
    "camry": "Toyota",
    "sienna": "Toyota",
    "rav4": "Toyota",
    "highlander": "Toyota",
    "tundra": "Toyota",
    "hilux": "Toyota",
    "prius": "Toyota",
    "yaris": "Toyota",
    "4runner": "Toyota",
    "hiace": "Toyota",
    "civic": "Honda",
    "accord": "Honda",
    "odyssey": "Honda",
    "pilot": "Honda",
    "crv": "Honda",
    "f150": "Ford",
    "f250": "Ford",
    "f350": "Ford",
    "explorer": "Ford",
    "expedition": "Ford",
    "ranger": "Ford",
    "lobo": "Ford",
    "fusion": "Ford",
    "focus": "Ford",
    "escape": "Ford",
    "mustang": "Ford",
    "econoline": "Ford",
    "transit": "Ford",
    "fiesta": "Ford",
    "silverado": "Chevrolet",
    "tahoe": "Chevrolet",
    "suburban": "Chevrolet",
    "aveo": "Chevrolet",
    "malibu": "Chevrolet",
    "impala": "Chevrolet",
    "cheyenne": "Chevrolet",
    "astro": "Chevrolet",
    "express": "Chevrolet",
    "equinox": "Chevrolet",
    "cruze": "Chevrolet",
    "trax": "Chevrolet",
    "caravan": "Dodge",
    "charger": "Dodge",
    "durango": "Dodge",
    "journey": "Dodge",
    "challenger": "Dodge",
    "neon": "Dodge",
    "jetta": "Volkswagen",
    "golf": "Volkswagen",
    "vocho": "Volkswagen",
    "beetle": "Volkswagen",
    "sedan": "",
    "pointer": "Volkswagen",
    "vento": "Volkswagen",
    "tiguan": "Volkswagen",
    "escalade": "Cadillac",
    "yukon": "GMC",
    "sierra": "GMC",
    "wrangler": "Jeep",
    "cherokee": "Jeep",
    "liberty": "Jeep",
    "elantra": "Hyundai",
    "sonata": "Hyundai",
    "tucson": "Hyundai",
    "accent": "Hyundai",
    "sorento": "Kia",
    "optima": "Kia",
    "forte": "Kia",
    "soul": "Kia",
    "sportage": "Kia",
    "rio": "Kia",
    "outlander": "Mitsubishi",
    "lancer": "Mitsubishi",
    "cascadia": "Freightliner",
    "sprinter": "Mercedes-Benz",
    "navigator": "Lincoln",
    "town": "",
    "grand": "",
}
# Model names that are common words: only next to a make or another vehicle word.
_WEAK_MODELS = frozenset(
    {
        "pilot",
        "express",
        "escape",
        "focus",
        "fusion",
        "journey",
        "liberty",
        "soul",
        "rio",
        "sierra",
        "tucson",
        "durango",
        "accent",
        "transit",
        "ranger",
        "explorer",
        "astro",
        "lobo",
        "frontier",
        "titan",
        "sedan",
        "town",
        "grand",
        "challenger",
        "charger",
        "fiesta",
        "golf",
        "cheyenne",
        "neon",
        "forte",
        "pointer",
        "navigator",
        "optima",
        "accord",
        "beetle",
    }
)
NOUNS = frozenset(
    [
        "car",
        "cars",
        "truck",
        "trucks",
        "pickup",
        "pick-up",
        "van",
        "vans",
        "minivan",
        "suv",
        "sedan",
        "coupe",
        "vehicle",
        "vehicles",
        "carro",
        "carros",
        "coche",
        "coches",
        "camioneta",
        "camionetas",
        "troca",
        "trocas",
        "troka",
        "auto",
        "autos",
        "camion",
        "camión",
        "tractor",
        "trailer",
        "tráiler",
        "trailer",
        "semi",
        "bus",
        "autobús",
        "autobus",
        "moto",
        "motocicleta",
        "motorcycle",
        "vocho",
        "taxi",
        "combi",
        "pipa",
        "rabon",
        "torton",
    ]
)
COLOURS: dict[str, str] = {
    "white": "white",
    "black": "black",
    "red": "red",
    "blue": "blue",
    "silver": "silver",
    "gray": "gray",
    "grey": "gray",
    "green": "green",
    "gold": "gold",
    "maroon": "maroon",
    "brown": "brown",
    "beige": "beige",
    "yellow": "yellow",
    "orange": "orange",
    "tan": "tan",
    "purple": "purple",
    "champagne": "champagne",
    "burgundy": "maroon",
    "blanco": "white",
    "blanca": "white",
    "negro": "black",
    "negra": "black",
    "rojo": "red",
    "roja": "red",
    "azul": "blue",
    "plata": "silver",
    "plateado": "silver",
    "plateada": "silver",
    "gris": "gray",
    "verde": "green",
    "dorado": "gold",
    "dorada": "gold",
    "guinda": "maroon",
    "vino": "maroon",
    "cafe": "brown",
    "café": "brown",
    "arena": "beige",
    "amarillo": "yellow",
    "amarilla": "yellow",
    "naranja": "orange",
    "morado": "purple",
    "morada": "purple",
}
_MODIFIERS = frozenset(
    {
        "dark",
        "light",
        "oscuro",
        "oscura",
        "claro",
        "clara",
        "old",
        "vieja",
        "viejo",
        "new",
        "nueva",
        "nuevo",
        "metallic",
        "metalico",
        "metalica",
    }
)
PLATE = re.compile(
    r"\b(?:plates?|placas?|tags?|matr[ií]cula|lic(?:ense|\.)?\s*(?:plate|#|no\.?))"
    r"(?:\s+(?:de|del|from|of|#|no\.?|number|numero|número|es|is|are|son|was|were|era|eran"
    r"|fue|reads?|dec[ií]an?|shows?))*"
    r"(?:\s+(?:texas|tx|california|ca|arizona|az|new mexico|nm|chihuahua|sonora|coahuila"
    r"|tamaulipas|nuevo le[oó]n|nl|baja california|bc|jalisco|jal|cdmx|edomex|florida|fl"
    r"|oklahoma|ok|georgia|ga|mexicanas|americanas|gringas|us|mx|oregon|washington))?"
    # Groups joined by a space must be capitals or digits, or "ABC-123 stopped" grows.
    r"[\s:#]+([A-Z0-9]{1,4}(?:-?[A-Z0-9]{1,4}|(?-i: [A-Z0-9]{1,4})){1,3})\b"
    r"|\b([A-Z]{2,3}[- ][0-9]{3,4}|[A-Z]{3}[- ]?[0-9]{2}[- ][0-9]{2})\b"
    r"(?=\s+(?:plates?|placas?|tags?))",
    re.IGNORECASE,
)
_PLATE_REGION = re.compile(
    r"\b(texas|tx|california|ca|arizona|az|new mexico|nm|chihuahua|sonora|coahuila|tamaulipas"
    r"|nuevo le[oó]n|baja california|jalisco|cdmx|edomex|florida|oklahoma|georgia)\b",
    re.IGNORECASE,
)


# Word -> category; later tables win ("sedan" is a model key and a vehicle noun).
_CATEGORY: dict[str, str] = {
    word: name
    for table, name in (
        (_MODIFIERS, "mod"),
        (COLOURS, "colour"),
        (NOUNS, "noun"),
        (MODELS, "model"),
        (MAKES, "make"),
    )
    for word in table
}
_YEAR = re.compile(r"(?:19[89]\d|20[0-3]\d)")
_CODE = re.compile(r"[a-z]{1,3}\d{1,4}|\d{1,4}[a-z]{0,2}")  # F-150 halves, "300", "Mazda 3"
_STARTS = frozenset({"make", "model", "noun", "colour", "mod", "year"})
_NAMED = ("make", "model", "code")
_LABELS = frozenset({"vehicle", "vehiculo", "vehicles", "vehiculos"})
# First parts of two-part model names ("F-150", "CR-V", "RAV 4", "NP 300").
_MODEL_PARTS = frozenset(k[:n] for k in MODELS for n in range(1, len(k)))


@lru_cache(maxsize=32768)
def _cat(word: str) -> str:
    cat = _CATEGORY.get(word)
    if cat is not None:
        return cat
    if _YEAR.fullmatch(word):
        return "year"
    if _CODE.fullmatch(word):
        return "code"
    return ""


_VEHICLE_WORD = anchors.word_test(lambda word: _cat(fold(word)) in _STARTS)
_MODEL_HEAD = anchors.word_test(lambda word: fold(word) in _MODEL_PARTS)


class _Cats:
    """Word categories of a document, with two-part model names joined."""

    def __init__(self, doc: Doc) -> None:
        self.toks = doc.tokens
        self.joined: dict[int, str] = {}
        for k in doc.hits(_MODEL_HEAD):
            if (
                k + 1 < len(self.toks)
                and doc.gaps[k] in ("-", " ")
                and self.toks[k].folded + self.toks[k + 1].folded in MODELS
            ):
                self.joined[k] = self.joined[k + 1] = "model"

    def __getitem__(self, k: int) -> str:
        return self.joined.get(k) or _cat(self.toks[k].folded)


def _run_end(doc: Doc, cats: _Cats, i: int) -> int:
    """End of the run of vehicle words from i, without trailing modifiers or stray codes."""
    j = i + 1
    gaps = doc.gaps
    n = len(doc.tokens)
    while j < n and j - i < 7 and gaps[j - 1] in (" ", "-"):
        cat = cats[j]
        if not cat or (cat == "code" and cats[j - 1] not in _NAMED and gaps[j - 1] != "-"):
            break
        j += 1
    while (j > i and cats[j - 1] == "mod") or (
        j > i + 1 and cats[j - 1] == "code" and cats[j - 2] not in _NAMED
    ):
        j -= 1
    return j


def _is_strong(kinds: list[str], words: list[str]) -> bool:
    return any(
        (c == "make" and w not in _WEAK_MAKES) or (c == "model" and w not in _WEAK_MODELS)
        for c, w in zip(kinds, words, strict=True)
    )


def _accepted(kinds: list[str], strong: bool) -> bool:
    named = "make" in kinds or "model" in kinds
    if not kinds or (kinds[0] == "colour" and "noun" not in kinds and not named):
        return False
    if strong:
        return True
    if not (named or "noun" in kinds) or len(set(kinds)) < 2:
        return False
    return "colour" in kinds or "year" in kinds or named


def _vehicle(doc: Doc, i: int, j: int, kinds: list[str], strong: bool) -> Entity:
    toks = doc.tokens
    words = [t.folded for t in toks[i:j]]
    pairs = list(zip(words, kinds, strict=True))
    start, end = doc.offsets[i], doc.ends[j - 1]
    make = next((MAKES[w] for w, c in pairs if c == "make"), None)
    model_words = [w for w, c in pairs if c == "model"]
    model_key = "".join(model_words)
    if model_key not in MODELS:
        model_key = model_words[0] if model_words else ""
    model = (
        model_key.upper() if any(ch.isdigit() for ch in model_key) else model_key.title()
    ) or None
    trim = next((w.upper() for w, c in pairs if c == "trim"), None)
    if trim:
        model = f"{model} {trim}" if model else trim
    noun = next((w for w, c in pairs if c == "noun"), None)
    if make is None and model is not None:
        make = MODELS.get(model_key) or None
    colour = next((COLOURS[w] for w, c in pairs if c == "colour"), None)
    year = next((int(w) for w, c in pairs if c == "year"), None)
    norm = " ".join(str(x) for x in (colour, year, make, model) if x)
    if make is None and model is None and noun:
        norm = " ".join(x for x in (colour, noun) if x)
    details: dict[str, object] = {"make": make, "model": model, "colour": colour, "year": year}
    raw = doc.text[start:end]
    return Entity("vehicle", raw, start, end, norm or raw.lower(), 0.8 if strong else 0.65, details)


def _trim_end(doc: Doc, cats: _Cats, j: int) -> int:
    """Take a trim code after the make or model ("Cadillac CTS", "Camry LE"): a short word
    in capitals that is not a US state code (those mark the plate's state)."""
    toks = doc.tokens
    if j < len(toks) and doc.gaps[j - 1] == " " and cats[j - 1] in ("make", "model"):
        tok = toks[j]
        trim = tok.is_upper and tok.is_alpha and len(tok.text) <= 4 and not cats[j]
        if trim and us_postal_state(tok.text) is None:
            return j + 1
    return j


def find_vehicles(doc: Doc) -> list[Entity]:
    out: list[Entity] = []
    toks = doc.tokens
    cats = _Cats(doc)
    done = 0
    for first in sorted({*doc.hits(_VEHICLE_WORD), *cats.joined}):
        if first < done:
            continue
        cat = cats[first]
        if cat in ("", "code") or (
            cat == "mod" and not (first + 1 < len(toks) and cats[first + 1] == "colour")
        ):
            continue
        j = _run_end(doc, cats, first)
        # "Suspect vehicle white Cadillac": the label is not the description.
        label = toks[first].folded in _LABELS and j - first > 1 and cats[first + 1] != "noun"
        i = first + 1 if label else first
        j = _trim_end(doc, cats, j)
        kinds = [cats[k] or "trim" for k in range(i, j)]
        strong = _is_strong(kinds, [t.folded for t in toks[i:j]])
        if not _accepted(kinds, strong):
            continue
        out.append(_vehicle(doc, i, j, kinds, strong))
        done = j
    out.extend(_plates(doc))
    return out


# Plates follow a plate word or come up to three words before one ("ABC 12 34 plates").
_PLATE_WORD = anchors.word_pattern(r"plates?|placas?|tags?|matr[ií]cula|lic|license")
_PLATE_SEP = re.compile(r"[- ]")


def _plates(doc: Doc) -> list[Entity]:
    out: list[Entity] = []
    text = doc.text
    for m in anchors.scan(PLATE, text, doc.starts(_PLATE_WORD, 3)):
        g = 1 if m.group(1) else 2
        plate = m.group(g)
        compact = _PLATE_SEP.sub("", plate).upper()
        if not (5 <= len(compact) <= 8) or not any(c.isdigit() for c in compact):
            continue
        if compact.isdigit() and len(compact) > 7:
            continue
        context = text[max(0, m.start() - 30) : m.end(g) + 25]
        region_m = _PLATE_REGION.search(context)
        region = region_m.group(1) if region_m else None
        details: dict[str, object] = {"plate": compact, "plate_region": region}
        out.append(
            Entity("vehicle", plate, m.start(g), m.end(g), f"plate:{compact}", 0.85, details)
        )
    return out
