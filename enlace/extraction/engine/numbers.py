"""Number words in English and Spanish ("fifteen", "dieciséis", "dos mil")."""

from __future__ import annotations

from enlace.extraction.engine.folding import fold
from enlace.text.anchors import trie_pattern

UNITS: dict[str, int] = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "a": 1,
    "an": 1,
    "un": 1,
    "uno": 1,
    "una": 1,
    "dos": 2,
    "tres": 3,
    "cuatro": 4,
    "cinco": 5,
    "seis": 6,
    "siete": 7,
    "ocho": 8,
    "nueve": 9,
    "diez": 10,
    "once": 11,
    "doce": 12,
    "trece": 13,
    "catorce": 14,
    "quince": 15,
    "dieciseis": 16,
    "diecisiete": 17,
    "dieciocho": 18,
    "diecinueve": 19,
    "veinte": 20,
    "veintiuno": 21,
    "veintidos": 22,
    "veintitres": 23,
    "veinticuatro": 24,
    "veinticinco": 25,
    "treinta": 30,
    "cuarenta": 40,
    "cincuenta": 50,
    "sesenta": 60,
    "setenta": 70,
    "ochenta": 80,
    "noventa": 90,
    "cien": 100,
    "ciento": 100,
    "doscientos": 200,
    "trescientos": 300,
    "cuatrocientos": 400,
    "quinientos": 500,
    "seiscientos": 600,
    "setecientos": 700,
    "ochocientos": 800,
    "novecientos": 900,
}
MULTIPLIERS: dict[str, int] = {
    "hundred": 100,
    "thousand": 1000,
    "mil": 1000,
    "k": 1000,
    "million": 1_000_000,
    "millon": 1_000_000,
    "millones": 1_000_000,
    "grand": 1000,
}
CONNECTORS = frozenset({"y", "and", "-"})
NUMBER_WORDS = trie_pattern({*UNITS, *MULTIPLIERS} - {"a", "an", "k"})


def words_to_number(text: str) -> int | None:
    """Parse "dos mil", "five hundred", "veinticinco", "3 mil" into an integer."""
    total = 0
    current = 0
    seen = False
    for raw in fold(text).replace("-", " ").split():
        word = raw.strip(",.")
        if word in CONNECTORS or not word:
            continue
        if word.replace(",", "").replace(".", "").isdigit():
            current += int(word.replace(",", "").split(".")[0])
            seen = True
        elif word in UNITS:
            current += UNITS[word]
            seen = True
        elif word in MULTIPLIERS:
            mult = MULTIPLIERS[word]
            current = max(current, 1) * mult
            if mult >= 1000:
                total += current
                current = 0
            seen = True
        else:
            return None
    return total + current if seen else None
