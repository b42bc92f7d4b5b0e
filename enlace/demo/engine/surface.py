"""Surface forms: how an entity is actually written in a tip.

Each function returns pieces ``(text, entity_key | None)``; pieces with a key are
mentions. Variation here is what later linkage has to see through.
"""

from __future__ import annotations

import random
import unicodedata
from typing import cast

from enlace.demo.engine.records import DemoEntity
from enlace.demo.engine.vocabulary import HYPOCORISMS

Piece = tuple[str, str | None]

PLATFORM_LABELS = {
    "facebook": "Facebook",
    "instagram": "Instagram",
    "tiktok": "TikTok",
    "telegram": "Telegram",
    "snapchat": "Snapchat",
    "x": "X",
    "onlyfans": "OnlyFans",
}
_URLS = {
    "facebook": "facebook.com/{h}",
    "instagram": "instagram.com/{h}",
    "tiktok": "tiktok.com/@{h}",
    "telegram": "t.me/{h}",
}


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


def _pick(rng: random.Random, options: list[tuple[float, list[Piece]]]) -> list[Piece]:
    weights = [w for w, _ in options]
    return rng.choices([o for _, o in options], weights=weights)[0]


def person(rng: random.Random, e: DemoEntity, lang: str) -> list[Piece]:
    a = e.attributes
    given = cast(tuple[str, ...], a["given"])
    paternal = cast(str, a["paternal"])
    alias = cast("str | None", a["alias"])
    first = given[0]
    k = e.key
    short = f"{' '.join(given)} {paternal}"
    opts: list[tuple[float, list[Piece]]] = [
        (3.0, [(e.canonical, k)]),
        (0.8, [(strip_accents(e.canonical).upper(), k)]),
        (0.6, [(first, k)]),
    ]
    if a["maternal"]:
        opts += [(3.0, [(short, k)]), (2.0, [(f"{first} {paternal}", k)])]
        opts.append((0.8, [(strip_accents(short).upper(), k)]))
        opts.append((0.6, [(strip_accents(short).lower(), k)]))
    if first in HYPOCORISMS:
        opts.append((1.5, [(f"{HYPOCORISMS[first]} {paternal}", k)]))
    if alias:
        joiner = " alias " if lang == "es" or a["origin"] == "mx" else " a.k.a. "
        opts.append((1.2, [(alias, k)]))
        opts.append((1.0, [(f"{first} {paternal}", k), (joiner, None), (alias, k)]))
    return _pick(rng, opts)


def phone(rng: random.Random, e: DemoEntity) -> list[Piece]:
    n = e.canonical
    if n.startswith("+1"):
        a, b, c = n[2:5], n[5:8], n[8:]
        forms = [
            f"({a}) {b}-{c}", f"{a}-{b}-{c}", f"{a}.{b}.{c}", f"+1 {a} {b} {c}",
            f"1-{a}-{b}-{c}", f"{a}{b}{c}", f"{a} {b} {c}",
        ]  # fmt: skip
    else:
        local = n[3:]
        cut = 2 if local[:2] in ("55", "81", "33") else 3
        a, rest = local[:cut], local[cut:]
        b, c = rest[: len(rest) - 4], rest[-4:]
        forms = [
            f"{a} {b} {c}", f"({a}) {b} {c}", f"044 {a} {b} {c}", f"+52 1 {a} {b} {c}",
            f"+52 {a} {b} {c}", local, f"{a}-{b}-{c[:2]}-{c[2:]}", f"{a}.{b}.{c}", f"52{local}",
        ]  # fmt: skip
    return [(rng.choice(forms), e.key)]


def _plate(rng: random.Random, plate: str) -> str:
    if plate[:3].isalpha() and len(plate) == 7 and plate[6].isalpha():  # Mexican ABC123D
        return rng.choice(
            (plate, f"{plate[:3]}-{plate[3:6]}-{plate[6]}", f"{plate[:3]} {plate[3:6]} {plate[6]}")
        )
    if plate[:3].isalpha():
        return rng.choice((plate, f"{plate[:3]}-{plate[3:]}", f"{plate[:3]} {plate[3:]}"))
    return rng.choice((plate, f"{plate[:4]}-{plate[4:]}", f"{plate[:4]} {plate[4:]}"))


def vehicle(rng: random.Random, e: DemoEntity, lang: str) -> list[Piece]:
    a = e.attributes
    plate = _plate(rng, cast(str, a["plate"]))
    region = cast(str, a["region_name"])
    model, make, body = cast(str, a["model"]), cast(str, a["make"]), cast(str, a["body"])
    if lang == "es":
        masc, fem = cast(tuple[str, str], a["colour_es"])
        noun = "un carro" if body == "car" else "una camioneta"
        colour = masc if body == "car" else fem
        head = rng.choice((f"{noun} {model} {colour}", f"{noun} {make} {model} {colour}"))
        if rng.random() < 0.5:
            return [(f"{head} con placas ", None), (plate, e.key), (f" de {region}", None)]
        return [(f"{head}, placas ", None), (plate, e.key)]
    colour = cast(str, a["colour"])
    head = rng.choice((f"a {colour} {make} {model}", f"a {colour} {model}"))
    if rng.random() < 0.5:
        return [(f"{head} with {region} plates ", None), (plate, e.key)]
    return [(f"{head}, plate ", None), (plate, e.key)]


def email(rng: random.Random, e: DemoEntity) -> list[Piece]:
    user, domain = e.canonical.split("@")
    fancy = ".".join(part[:1].upper() + part[1:] for part in user.split("."))
    return [
        (rng.choices((e.canonical, f"{fancy}@{domain}", e.canonical.upper()), (5, 2, 1))[0], e.key)
    ]


def account(rng: random.Random, e: DemoEntity, lang: str) -> list[Piece]:
    platform, handle = e.canonical.split(":", 1)
    label = PLATFORM_LABELS.get(platform, platform)
    text = rng.choice((f"@{handle}", handle))
    if platform in _URLS and rng.random() < 0.3:
        url = _URLS[platform].format(h=handle)
        return [("la página " if lang == "es" else "the page ", None), (url, e.key)]
    if lang == "es":
        return [(f"la cuenta de {label} ", None), (text, e.key)]
    return [(f"the {label} account ", None), (text, e.key)]


def organization(rng: random.Random, e: DemoEntity) -> list[Piece]:
    base = cast(str, e.attributes["base"])
    return [(rng.choices((e.canonical, base, base.upper()), (3, 3, 1))[0], e.key)]


def location(rng: random.Random, e: DemoEntity) -> list[Piece]:
    a = e.attributes
    if a["scope"] == "city":
        city = cast(str, a["city"])
        city_forms = (city, f"{city}, {a['abbr']}", e.canonical)
        return [(rng.choices(city_forms, (5, 2, 2))[0], e.key)]
    street, short, city = cast(str, a["street"]), cast(str, a["short"]), cast(str, a["city"])
    forms = (street, short, f"{street}, {city}", e.canonical)
    return [(rng.choices(forms, (4, 2, 2, 1))[0], e.key)]
