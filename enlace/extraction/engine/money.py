"""Amounts of money with their currency: "$3,000 pesos", "USD 500", "2 mil dólares"."""

from __future__ import annotations

import re
from functools import lru_cache

from enlace.extraction.engine.document import Doc
from enlace.extraction.engine.folding import fold
from enlace.extraction.engine.model import Entity
from enlace.extraction.engine.numbers import NUMBER_WORDS, words_to_number
from enlace.text import anchors

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
    rf"|\b(?:{_AMOUNT})(?:{_SCALE}(?:\s+de)?)?\s?{_CUR_WORDS}(?![\w])"
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
_DEBT = re.compile(r"\bdeb(?:e|o|en|emos|ia|ian)\b|deuda|debt|owe|cobr|pay off|pagar")
# The lower end of a range just before an amount: "entre 5 mil y 8 mil dólares", "de 5 a 8 mil
# pesos", "between $3,000 and 5,000 dollars", "2 to 3 thousand".
_LOW = rf"(\$?\s?(?:{_AMOUNT}){_SCALE}?)"
_RANGE_LOW = re.compile(
    # "y" and "and" join a range only after "entre" / "between" ("paid 200 and 300 pesos" may
    # be two payments); "a", "to" and dashes always do.
    rf"(?:\b(?:entre|between)\s+{_LOW}\s*(?:y|and)|(?<![\w$.,]){_LOW}\s*(?:a|to|-|–))\s*$",
    re.IGNORECASE,
)
_SCALED = re.compile(_SCALE, re.IGNORECASE)
_MILLIONS = re.compile(r"\bmill", re.IGNORECASE)


# A bare amount that a payment or a debt names: "she pays 20,000", "le debo 10,000", "la deuda
# de 15 mil", "pagan 15 mil al mes". At least 100 or with a scale, not followed by a unit of
# something else ("paga 3 veces", "debe 2 meses").
_BARE = re.compile(
    r"\b(?:pays?|paid|paying|owes?|owed|charges?|charged|debt of|debts? of"
    r"|deb[eoi]n?|debemos|deuda de|pag(?:a|an|o|ó|aba|aban|ar)|cobr(?:a|an|o|ó|aba|aban|ar))"
    r"\s+(?:(?:him|her|them|me|us|le|les|nos|de|como|like|about|around|unos|unas|la)\s+){0,2}"
    rf"((?:{_AMOUNT}){_SCALE}?)"
    r"(?![\w%$]|[.,]\d|\s*(?:%|por ciento|percent|a[nñ]os|years?|horas?|hours?|d[ií]as?|days?"
    r"|semanas?|weeks?|mes(?:es)?|months?|veces|times|personas|people|kilos?|libras|pounds))",
)
_SPANISH_VERB = re.compile(r"deb|deud|pag|cobr")
# The words such a match starts at, so it is tried only there.
_BARE_FIRST = anchors.word_pattern(
    r"pays?|paid|paying|owes?|owed|charges?|charged|debts?|deb(?:e|o|i|en|emos)n?|deuda"
    r"|pag(?:a|an|o|ó|aba|aban|ar)|cobr(?:a|an|o|ó|aba|aban|ar)"
)


def _bare_amounts(doc: Doc, found: list[Entity]) -> list[Entity]:
    low = doc.lowered()
    starts = doc.starts(_BARE_FIRST)
    if low is None or not starts:
        return []
    out = []
    for at in starts:
        m = _BARE.match(low, at)
        if m is None:
            continue
        start, end = m.span(1)
        if any(e.start < end and start < e.end for e in found):
            continue
        value = _amount_cached(doc.text[start:end])
        if value is None or (value < 100 and not _SCALED.search(m.group(1))):
            continue
        amount = _number(value)
        # The verb's language says whose money it is, as the document's language does for
        # the other amounts (a mixed tip has both).
        currency = "MXN" if _SPANISH_VERB.match(m.group(0)) else "USD"
        details: dict[str, object] = {"amount": amount, "currency": currency}
        if _DEBT.search(m.group(0)):
            details["debt"] = True
        out.append(Entity("money", doc.text[start:end], start, end,
                          f"{amount} {currency}", 0.6, details))  # fmt: skip
    return out


def _range_low(text: str, start: int, high: float) -> tuple[int, float] | None:
    """Where a range's lower amount starts, and its value ("5 a 8 mil": 5,000), if one
    comes right before the amount at ``start``."""
    m = _RANGE_LOW.search(text, max(0, start - 40), start)
    if m is None:
        return None
    group = 1 if m.group(1) else 2
    low_raw = m.group(group)
    low = _amount(low_raw)
    if low is None or low <= 0:
        return None
    if not _SCALED.search(low_raw) and low * 100 <= high:  # the scale is written once
        low *= 1_000_000 if _MILLIONS.search(text[start : start + 40]) else 1000
    return (m.start(group), low) if low < high else None


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


def _number(value: float) -> int | float:
    return int(value) if value == int(value) else round(value, 2)


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
        amount = _number(value)
        details: dict[str, object] = {"amount": amount, "currency": currency}
        normalized = f"{amount} {currency}"
        start = m.start()
        low = _range_low(text, start, value)
        if low is not None and (not out or out[-1].end <= low[0]):
            start = low[0]
            details["amount_min"] = _number(low[1])
            normalized = f"{details['amount_min']}-{amount} {currency}"
        ctx = fold(text[max(0, start - 40) : start])
        if _DEBT.search(ctx):
            details["debt"] = True
        end = m.start() + len(raw)
        out.append(Entity("money", text[start:end], start, end, normalized, 0.85, details))
    return out + _bare_amounts(doc, out)
