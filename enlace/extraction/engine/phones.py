"""Phone numbers: normalization to E.164 and discovery in free text."""

from __future__ import annotations

import re
from functools import lru_cache

import phonenumbers

from enlace.extraction.engine.document import Doc
from enlace.extraction.engine.model import Entity, PhoneNumber
from enlace.text import anchors

# Well-known hotlines, so that a tip quoting them is not mistaken for a suspect's number.
HOTLINES: dict[str, str] = {
    "+18883737888": "US National Human Trafficking Hotline",
    "+18663472423": "HSI Tip Line (1-866-DHS-2-ICE)",
    "+528005533000": "Línea Nacional contra la Trata de Personas",
    "+18004633339": "US Department of Labor Wage and Hour",
}

_VANITY = str.maketrans(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "22233344455566677778889999",
)
_NON_DIGIT = re.compile(r"[^\d+]")

# Candidate: an optional +/00 country prefix, then digits with the separators people type.
# Bounded repetition keeps the scan linear.
PHONE_CANDIDATE = re.compile(
    r"(?<![\w+/.@#-])(?:\+|00)?\(?\d[\d \t().\-/]{5,22}\d(?![\w/@])"
    r"|(?<![\w+-])(?:\+?1[ .-]?)?\(?8(?:00|33|44|55|66|77|88)\)?[ .-]?"
    r"[A-Z0-9]{1,4}(?:[ .-][A-Z0-9]{1,4}){0,3}(?![\w])"
)
# Candidates start at a word that begins with a digit, or at a "+" or "(" just before it.
_DIGIT_START = anchors.word_pattern(r"\d.*")
_DATE_LIKE = re.compile(r"\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}")
_LETTER = re.compile(r"[A-Za-z]")
_BAD_SEPARATORS = re.compile(r"\d[ \t]{2,}\d|[.\-/]{2,}|\n")


def _digits(raw: str) -> str:
    return _NON_DIGIT.sub("", raw)


def _mexican_national(digits: str) -> str:
    """Strip the pre-2019 Mexican dialling prefixes (044/045 mobile, 01 long distance)."""
    if len(digits) == 13 and digits[:3] in ("044", "045"):
        return digits[3:]
    if len(digits) == 12 and digits[:2] == "01":
        return digits[2:]
    return digits


_CALLING_CODES = {"US": 1, "MX": 52}


def _plain(digits: str, plus: bool, region: str) -> phonenumbers.PhoneNumber | None:
    """The common shapes built directly, skipping the library's costly text parsing: ten
    national digits (US and Mexican numbers never start with 0 or 1), or +1 / +52 and ten."""
    if plus:
        for code, cc in (("1", 1), ("52", 52)):
            rest = digits[len(code) :]
            if digits.startswith(code) and len(rest) == 10 and rest[0] in "23456789":
                return phonenumbers.PhoneNumber(country_code=cc, national_number=int(rest))
        return None
    calling = _CALLING_CODES.get(region)
    if calling and len(digits) == 10 and digits[0] in "23456789":
        return phonenumbers.PhoneNumber(country_code=calling, national_number=int(digits))
    return None


def _parse(digits: str, plus: bool, region: str) -> tuple[phonenumbers.PhoneNumber, str] | None:
    """Parse and validate; returns the number with its region (looked up only once, as
    it is the costly step for +1 numbers shared by many NANP regions)."""
    num = _plain(digits, plus, region)
    if num is None:
        try:
            num = (
                phonenumbers.parse("+" + digits, None)
                if plus
                else phonenumbers.parse(digits, region)
            )
        except phonenumbers.NumberParseException:
            return None
    if num.country_code == 52:
        national = str(num.national_number)
        # "+52 1 656 ..." — the mobile "1" Mexico dropped in 2019.
        if len(national) == 11 and national.startswith("1"):
            num = phonenumbers.parse("+52" + national[1:], None)
    code = phonenumbers.region_code_for_number(num)
    if code is None or not phonenumbers.is_valid_number_for_region(num, code):
        return None
    return num, code


def _toll_free(num: phonenumbers.PhoneNumber) -> bool:
    # North American and Mexican toll-free numbers all start with 8 (800, 833…, 888).
    if num.country_code in (1, 52) and not str(num.national_number).startswith("8"):
        return False
    return bool(phonenumbers.number_type(num) == phonenumbers.PhoneNumberType.TOLL_FREE)


def normalize_phone(raw: str, default_region: str | None = None) -> PhoneNumber | None:
    """Normalize a written phone number to E.164; None when it is not a valid number.

    Accepts US and Mexican forms: "(656) 123-4567", "044 656 123 4567", "01 800 …",
    "+52 1 656 …", "00 52 …", "1-866-DHS-2-ICE". Ten bare digits valid in both countries
    go to ``default_region`` (US when not given).
    """
    text = raw.strip()
    if not text or len(text) > 40:
        return None
    return _normalize(text, default_region)


@lru_cache(maxsize=16384)
def _normalize(text: str, default_region: str | None) -> PhoneNumber | None:
    """normalize_phone on stripped text; parsing and validating with the library is the
    costly part and numbers recur across reports (PhoneNumber is immutable)."""
    text = text.upper().translate(_VANITY) if _LETTER.search(text) else text
    plus = text.startswith("+")
    digits = _digits(text).lstrip("+")
    if not plus and digits.startswith("00"):
        plus, digits = True, digits[2:]
    if not 7 <= len(digits) <= 15:
        return None
    parsed: tuple[phonenumbers.PhoneNumber, str] | None = None
    if plus:
        parsed = _parse(digits, True, "ZZ")
    else:
        national = _mexican_national(digits)
        if national != digits:
            parsed = _parse(national, False, "MX")
        elif len(digits) == 11 and digits[0] == "1":
            parsed = _parse(digits, False, "US")
        elif len(digits) == 12 and digits.startswith("52"):
            parsed = _parse(digits, True, "ZZ")
        else:
            first = default_region or "US"
            second = "MX" if first != "MX" else "US"
            parsed = _parse(digits, False, first) or _parse(digits, False, second)
    if parsed is None:
        return None
    num, region = parsed
    e164 = phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164)
    return PhoneNumber(
        e164=e164, country=region, toll_free=_toll_free(num), hotline=HOTLINES.get(e164)
    )


_APPS = re.compile(r"whats\s?app|wa\b|wsp|whats\b|telegram|signal", re.IGNORECASE)


def _starts(doc: Doc) -> list[int]:
    text = doc.text
    out: list[int] = []
    for s in doc.starts(_DIGIT_START):
        if s >= 1 and text[s - 1] in "+(":
            if s >= 2 and text[s - 2] == "+" and text[s - 1] == "(":
                out.append(s - 2)
            out.append(s - 1)
        out.append(s)
    return out


def find_phones(doc: Doc, default_region: str | None) -> list[Entity]:
    out: list[Entity] = []
    text = doc.text
    for m in anchors.scan(PHONE_CANDIDATE, text, _starts(doc)):
        raw = m.group(0).rstrip(" -.(")
        if raw.startswith("(") and ")" not in raw:
            raw = raw[1:]
        start = text.find(raw, m.start())
        if _BAD_SEPARATORS.search(raw) or sum(c.isalnum() for c in raw) < 7:
            continue
        if _DATE_LIKE.fullmatch(raw):
            continue  # a date
        phone = normalize_phone(raw, default_region)
        if phone is None:
            continue
        conf = 0.95 if sum(c.isalnum() for c in raw) >= 10 else 0.6
        details = phone.details()
        context = text[max(0, start - 30) : start]
        app = _APPS.search(context)
        if app:
            details["app"] = fold_app(app.group(0))
        out.append(Entity("phone", raw, start, start + len(raw), phone.e164, conf, details))
    return out


def fold_app(word: str) -> str:
    w = word.lower()
    if w.startswith("tele"):
        return "telegram"
    if w.startswith("sig"):
        return "signal"
    return "whatsapp"
