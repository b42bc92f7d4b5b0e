"""Languages: the message catalogs (Babel .po files) and choosing a language per request.

Catalogs are read straight from the .po files at start-up, so there is no compile step to forget.
Each area keeps its own file (``messages.po`` for the core, ``intake.po``…) so that work on one
area does not collide with another.
"""

from __future__ import annotations

from contextvars import ContextVar
from datetime import datetime
from functools import cache
from pathlib import Path

from babel import Locale
from babel.dates import format_datetime
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

from enlace.plugins import area_folders

LANGUAGES = ("en", "es")
LANGUAGE_NAMES = {"en": "English", "es": "Español"}
LOCALES_DIR = Path(__file__).parent / "locales"  # the shell's; each area keeps its own beside it
LANG_COOKIE = "enlace_lang"

current_language: ContextVar[str] = ContextVar("current_language", default="en")


@cache
def catalog(language: str) -> dict[str, str]:
    """Every .po file of the language, merged: each area of Enlace keeps its own file."""
    merged: dict[str, str] = {}
    folders = [LOCALES_DIR, *area_folders("locales")]
    paths = [p for folder in folders for p in (folder / language / "LC_MESSAGES").glob("*.po")]
    for path in sorted(paths, key=lambda p: p.name):
        with path.open("rb") as handle:
            po = read_po(handle, locale=language)
        merged.update(
            (str(m.id), str(m.string))
            for m in po
            if m.id and isinstance(m.id, str) and m.string and not m.fuzzy
        )
    return merged


def translate(message: str, language: str | None = None) -> str:
    lang = language or current_language.get()
    if lang == "en":
        return message
    return catalog(lang).get(message, message)


def gettext(message: str) -> str:
    return translate(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translate(singular if n == 1 else plural)


def negotiate(
    *, cookie: str | None, user_language: str | None, accept_language: str | None, default: str
) -> str:
    """An explicit choice wins, then the account's preference, the browser, the default."""
    for choice in (cookie, user_language):
        if choice in LANGUAGES:
            return choice
    if accept_language:
        wanted = [
            part.split(";")[0].strip().replace("-", "_") for part in accept_language.split(",")
        ]
        found = Locale.negotiate([w for w in wanted if w and w != "*"], list(LANGUAGES), sep="_")
        if found is not None:
            return found.language
    return default


def format_when(value: datetime | None, language: str | None = None) -> str:
    if value is None:
        return ""
    return format_datetime(value, format="medium", locale=language or current_language.get())


def format_number(value: float | int, language: str | None = None) -> str:
    return format_decimal(value, locale=language or current_language.get())
