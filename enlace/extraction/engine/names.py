"""Parsing personal names with Spanish naming rules (two surnames, particles, nicknames)."""

from __future__ import annotations

import re
from functools import lru_cache

from enlace.extraction.engine.folding import fold
from enlace.extraction.engine.lexicon import (
    ABBREVIATIONS,
    NICKNAMES,
    PARTICLES,
    TITLES,
    given_names,
    wide_given_names,
)
from enlace.extraction.engine.model import PersonName

_ALIAS_SPLIT = re.compile(
    r"\s*(?:\b(?:alias|apodad[oa]|a\.?\s?k\.?\s?a\.?|aka|le dicen|known as|conocid[oa] como)\b|\(|\"|“)\s*",  # noqa: E501
    re.IGNORECASE,
)
_INLINE_NICK = re.compile(r"\s*[\"“]([^\"”]{1,30})[\"”]\s*(?=[^\W\d_]|$)")
_WORD = re.compile(r"[^\W\d_]+\.?(?:['’-][^\W\d_]+)*", re.UNICODE)


def _display_case(word: str) -> str:
    """ALL-CAPS record names become title case; mixed case is kept as written."""
    if word.isupper() and len(word) > 1:
        return "-".join(p[:1] + p[1:].lower() for p in word.split("-"))
    return word


def _expand(word: str) -> str:
    key = fold(word)
    if key in ABBREVIATIONS and (word.endswith(".") or key in {"ma", "jesus"}):
        return ABBREVIATIONS[key] if key != "jesus" else _display_case(word)
    return _display_case(word.rstrip(".")) if len(word) > 2 else _display_case(word)


def _group_surnames(words: list[str]) -> tuple[list[str], list[str]]:
    """Join particles to the surname they introduce: ["de","la","Cruz"] -> "de la Cruz"."""
    units: list[str] = []
    particles: list[str] = []
    pending: list[str] = []
    for w in words:
        if fold(w) in PARTICLES:
            if fold(w) == "y" and units and not pending:
                particles.append(w.lower())
                continue
            pending.append(w.lower())
            particles.append(w.lower())
            continue
        units.append(" ".join([*pending, w]))
        pending = []
    if pending and units:
        units[-1] = units[-1] + " " + " ".join(pending)
    return units, particles


# "María del Carmen", "José de Jesús", "María de los Ángeles": particles inside given names.
_COMPOUND_GIVEN = (
    ("del", "carmen"),
    ("de", "jesus"),
    ("de", "los", "angeles"),
    ("de", "la", "luz"),
    ("de", "lourdes"),
    ("de", "guadalupe"),
    ("de", "la", "paz"),
    ("del", "rosario"),
    ("de", "la", "concepcion"),
    ("del", "socorro"),
    ("de", "fatima"),
    ("del", "refugio"),
    ("de", "los", "remedios"),
    ("del", "pilar"),
    ("de", "la", "cruz"),
    ("de", "dios"),
)


def _split_given(words: list[str]) -> tuple[list[str], list[str]]:
    known = given_names()
    folded = [fold(w) for w in words]
    if len(folded) > 2 and folded[1] in ("de", "del"):
        for tail in _COMPOUND_GIVEN:
            n = len(tail)
            if tuple(folded[1 : 1 + n]) == tail and len(words) > n + 1:
                if tail == ("de", "la", "cruz") and folded[0] != "juan":
                    continue
                return [words[0], " ".join(words[1 : 1 + n])], words[1 + n :]
    n_given = 1
    # Leading words that are known given names stay given, always leaving one surname.
    wide = wide_given_names()
    while n_given < len(words) - 1 and (
        fold(words[n_given]) in known or fold(words[n_given]) in wide
    ):
        if fold(words[n_given]) in PARTICLES:
            break
        n_given += 1
    # "María de Jesús", "María de los Ángeles": a particle inside the given names.
    return words[:n_given], words[n_given:]


def _keys(given: list[str], s1: str | None, s2: str | None, aliases: list[str]) -> list[str]:
    fg = [fold(g) for g in given]
    f1 = fold(s1) if s1 else ""
    f2 = fold(s2) if s2 else ""
    keys: list[str] = []

    def add(*parts: str) -> None:
        key = " ".join(p for p in parts if p)
        if key and key not in keys:
            keys.append(key)

    add(*fg, f1, f2)
    if fg:
        add(fg[0], f1)
        if f2:
            add(fg[0], f1, f2)
        if len(fg) > 1:
            add(*fg, f1)
        for canon in NICKNAMES.get(fg[0], ()):
            add(fold(canon), f1)
    for alias in aliases:
        add(fold(alias))
    return keys


def parse_person_name(raw: str) -> PersonName:
    """Split a written name into given names, paternal and maternal surnames.

    "José Luis García Hernández" -> given (José, Luis), García, Hernández;
    "GARCIA HERNANDEZ, JOSE L" -> the same order from a record; "Ma. Guadalupe de la Cruz"
    -> María Guadalupe, "de la Cruz". Nicknames (Pepe, Chuy, Paco…) yield the formal name
    as an alias and as an extra match key; ``keys`` are accent- and case-folded.
    """
    if len(raw) > 200:
        return _parse(raw)
    return _parse_cached(raw)


def _parse(raw: str) -> PersonName:
    text = " ".join(raw.split())
    aliases: list[str] = []
    # A nickname in quotes inside the name: Jesus "Chuy" Valdez, Dwayne "Big D" Jackson; the
    # "N" Mexican releases put for a withheld surname is no name at all.
    quoted = _INLINE_NICK.search(text)
    if quoted is not None:
        nick = quoted.group(1).strip()
        text = f"{text[: quoted.start()]} {text[quoted.end() :]}".strip()
        if nick.rstrip(".") != "N":
            aliases.append(nick)
    parts = _ALIAS_SPLIT.split(text, maxsplit=1)
    if len(parts) == 2:
        text, alias = parts[0], parts[1].strip(" \"”')")
        if alias:
            aliases.append(alias)
    comma_first: list[str] | None = None
    if "," in text:
        before, _, after = text.partition(",")
        if _WORD.search(after):
            comma_first = [m.group(0) for m in _WORD.finditer(before)]
            text = after
    words = [m.group(0) for m in _WORD.finditer(text)]
    while words and fold(words[0]).rstrip(".") in TITLES and len(words) > 1:
        words = words[1:]
    words = [_expand(w) for w in words]
    display_words = list(words)
    if comma_first is not None:
        given_words = words
        units, particles = _group_surnames([_expand(w) for w in comma_first])
        display_words = [*given_words, *[_expand(w) for w in comma_first]]
    else:
        # Particles right after the first given name ("María de Jesús") belong to it
        # only when the next word is a given name too; otherwise they start a surname.
        given_words, rest = _split_given(words) if len(words) > 1 else (words, [])
        units, particles = _group_surnames(rest)
    s1 = units[0] if units else None
    s2 = " ".join(units[1:]) if len(units) > 1 else None
    for g in given_words:
        for canon in NICKNAMES.get(fold(g), ()):
            aliases.append(" ".join(x for x in (canon, s1) if x))
    return PersonName(
        display=" ".join(display_words) if display_words else text.strip(),
        given_names=tuple(given_words),
        surname_1=s1,
        surname_2=s2,
        particles=tuple(particles),
        aliases=tuple(aliases),
        keys=tuple(_keys(given_words, s1, s2, aliases)),
    )


# Names recur across reports (and the same suspect within one); PersonName is immutable.
_parse_cached = lru_cache(maxsize=16384)(_parse)
