"""Amounts of money with their currency: "$3,000 pesos", "USD 500", "2 mil dólares"."""

from __future__ import annotations

import re
from functools import lru_cache

from enlace.extract import anchors
from enlace.extract.document import Doc
from enlace.extract.folding import fold
from enlace.extract.model import Entity
from enlace.extract.numbers import NUMBER_WORDS, words_to_number

_AMOUNT = r"\d{1,3}(?:[,.]\d{3}){1,3}(?:\.\d{1,2})?|\d{1,9}(?:\.\d{1,2})?"
_SCALE = r"(?:\s?(?:k|mil|thousand|grand|millones|mill[oó]n|million)\b)"
_CUR_WORDS = (
    r"(?:pesos?(?:\s+mexicanos)?|d[oó]lares|dollars?|dlls?\.?|dls\.?|usd|mxn|m\.?n\.|bucks|varos"
    r"|lucas|quetzales|lempiras|euros?|cad)"
)
_NUMWORDS = rf"(?:(?:{NUMBER_WORDS})(?:[\s-]+(?:y\s+|and\s+)?(?:{NUMBER_WORDS}))*)"
MONEY = anchors.CaselessPattern(
    rf"(?:US\$|USD\$?|MXN\$?|MX\$|\$)\s?(?:{_AMOUNT}){_SCALE}?(?:\s?{_CUR_WORDS}\b)?"
    rf"|\b(?:USD|MXN|US dollars)\s?(?:{_AMOUNT}){_SCALE}?"
    rf"|\b(?:{_AMOUNT}){_SCALE}?\s?{_CUR_WORDS}(?![\w])"
    rf"|\b{_NUMWORDS}\s+(?:de\s+)?{_CUR_WORDS}\b"
)
# Matches start at a "$" or at a number, a number word or a currency code.
_FIRST = anchors.word_pattern(rf".*\d.*|{NUMBER_WORDS}|usd|mxn|us|mx")
_MXN = re.compile(r"peso|mxn|m\.?n\.|mx\$|varos|lucas")
_USD = re.compile(r"dolar|dollar|usd|us\$|dls|dll|bucks|grand")
_SIGNS = re.compile(r"us\$|usd\$?|mxn\$?|mx\$|\$")
_WORDS = re.compile(rf"\b{_CUR_WORDS}\b|\bde\b", re.IGNORECASE)
_LEADING_AMOUNT = re.compile(rf"({_AMOUNT})\s*(.*)$")
_GROUPED = re.compile(r"\d{1,3}(?:[,.]\d{3})+")
_GROUP_SEP = re.compile(r"[,.]")
_DEBT = re.compile(r"debe|deuda|debt|owe|cobr|pay off|pagar")


def _currency(span: str, default: str) -> str:
    low = fold(span)
    if _MXN.search(low):
        return "MXN"
    if _USD.search(low):
        return "USD"
    if "quetzal" in low:
        return "GTQ"
    if "lempira" in low:
        return "HNL"
    if "euro" in low:
        return "EUR"
    return default


def _amount(span: str) -> float | None:
    low = fold(span)
    low = _SIGNS.sub(" ", low)
    low = _WORDS.sub(" ", low).strip(" .")
    m = _LEADING_AMOUNT.match(low)
    if m:
        digits = m.group(1)
        if _GROUPED.fullmatch(digits):
            value = float(_GROUP_SEP.sub("", digits))
        else:
            value = float(digits.replace(",", ""))
        scale = m.group(2).strip()
        if scale:
            mult = words_to_number("1 " + scale)
            if mult:
                value *= mult
        return value
    n = words_to_number(low)
    return float(n) if n is not None else None


# Amounts recur ("$500", "2 mil pesos"): read each short written form once.
_amount_cached = lru_cache(maxsize=8192)(_amount)
_currency_cached = lru_cache(maxsize=8192)(_currency)


def find_money(doc: Doc, default_currency: str) -> list[Entity]:
    out: list[Entity] = []
    text = doc.text
    starts = doc.starts(_FIRST)
    signs = anchors.char_positions(text, "$")
    if signs:
        starts = sorted({*starts, *signs})
    for m in anchors.scan_caseless(MONEY, text, doc.lowered(), starts):
        raw = text[m.start() : m.end()].rstrip(" .")
        if raw.endswith("-"):
            raw = raw[:-1]
        short = len(raw) <= 64
        value = _amount_cached(raw) if short else _amount(raw)
        if value is None or value <= 0:
            continue
        currency = (_currency_cached if short else _currency)(raw, default_currency)
        amount = int(value) if value == int(value) else round(value, 2)
        details: dict[str, object] = {"amount": amount, "currency": currency}
        ctx = fold(text[max(0, m.start() - 40) : m.start()])
        if _DEBT.search(ctx):
            details["debt"] = True
        out.append(
            Entity(
                "money", raw, m.start(), m.start() + len(raw), f"{amount} {currency}", 0.85, details
            )
        )
    return out
