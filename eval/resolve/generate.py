"""Generate the cross-border labelled set: the same people recorded on both sides.

    .venv/bin/python eval/resolve/generate.py [--people 500] [--seed 7] [--slice hard]

Writes ``eval/resolve/crossborder.csv`` (synthetic; every name, date, phone and CURP is
invented). Each person appears in two to four of these sources:

* ``fiscalia`` — a Mexican prosecutor's file: both surnames, accents, CURP, dd/mm/yyyy;
* ``cbp`` — a US border record: "GARCIA, JOSE L", mm/dd/yyyy, A-number, the maternal
  surname dropped, hyphenated or taken as a middle name, occasional day/month swap or
  one-digit year typo;
* ``hotline`` — a tip: nickname ("Pepe García"), an approximate age ("age~31"), the
  phone written another way;
* ``police`` — a US police report: "Jose L. Garcia", ISO date, US address.

Distractors: siblings (same surnames, address and phone; other given name and date of
birth) and namesakes (a common full name with another date of birth and place).
``entity_id`` is the truth.
"""

from __future__ import annotations

import argparse
import csv
import random
import unicodedata
from dataclasses import dataclass
from pathlib import Path

OUT = Path(__file__).with_name("crossborder.csv")
HARD = Path(__file__).with_name("crossborder_hard.csv")
REFERENCE_YEAR = 2025
COLUMNS = [
    "record_id", "source", "full_name", "given_names", "surname_1", "surname_2", "dob", "sex",
    "phone", "email", "address", "city", "state", "postcode", "country", "id_number", "entity_id",
]  # fmt: skip

MALE = [
    "José",
    "Juan",
    "Luis",
    "Jesús",
    "Francisco",
    "Miguel",
    "Alejandro",
    "Eduardo",
    "Roberto",
    "Guillermo",
    "Ignacio",
    "Rafael",
    "Sergio",
    "Fernando",
    "Antonio",
    "Carlos",
    "Jorge",
    "Ricardo",
    "Arturo",
    "Enrique",
    "Salvador",
    "Víctor",
    "Raúl",
    "Óscar",
]
FEMALE = [
    "María",
    "Guadalupe",
    "Rosa",
    "Ana",
    "Patricia",
    "Verónica",
    "Leticia",
    "Gabriela",
    "Teresa",
    "Alicia",
    "Dolores",
    "Rosario",
    "Mónica",
    "Yolanda",
    "Isabel",
    "Carmen",
    "Adriana",
    "Claudia",
    "Silvia",
    "Laura",
    "Elena",
    "Sofía",
    "Daniela",
    "Mercedes",
]
NICK = {
    "José": "Pepe",
    "Jesús": "Chuy",
    "Francisco": "Paco",
    "Guadalupe": "Lupe",
    "Ignacio": "Nacho",
    "Eduardo": "Lalo",
    "Guillermo": "Memo",
    "Rafael": "Rafa",
    "Sergio": "Checo",
    "Fernando": "Nando",
    "Salvador": "Chava",
    "Enrique": "Kike",
    "Teresa": "Tere",
    "Verónica": "Vero",
    "Gabriela": "Gaby",
    "Dolores": "Lola",
    "Rosario": "Charo",
    "Isabel": "Chabela",
    "Leticia": "Lety",
    "Antonio": "Toño",
}
# Common surnames weighted as in Mexico: García and Hernández dominate.
SURNAMES = [
    ("García", 12),
    ("Hernández", 12),
    ("López", 9),
    ("Martínez", 9),
    ("González", 9),
    ("Rodríguez", 8),
    ("Pérez", 7),
    ("Sánchez", 7),
    ("Ramírez", 7),
    ("Cruz", 5),
    ("Flores", 5),
    ("Gómez", 5),
    ("Morales", 4),
    ("Vázquez", 4),
    ("Reyes", 4),
    ("Jiménez", 4),
    ("Torres", 4),
    ("Díaz", 3),
    ("Gutiérrez", 3),
    ("Ruiz", 3),
    ("Mendoza", 3),
    ("Aguilar", 3),
    ("Ortiz", 2),
    ("Castillo", 2),
    ("Romero", 2),
    ("Álvarez", 2),
    ("Chávez", 2),
    ("Ramos", 2),
    ("Xicohténcatl", 1),
    ("Zempoalteca", 1),
    ("Cuamatzi", 1),
    ("Tecuapacho", 1),
    ("Nava", 1),
    ("Meneses", 1),
    ("Lira", 1),
]
MX_PLACES = [
    ("Tenancingo", "TL", "90500", "246"),
    ("Apizaco", "TL", "90300", "241"),
    ("Tlaxcala", "TL", "90000", "246"),
    ("Puebla", "PL", "72000", "222"),
    ("Oaxaca", "OC", "68000", "951"),
    ("Acapulco", "GR", "39300", "744"),
    ("Tapachula", "CS", "30700", "962"),
    ("Ciudad Juárez", "CH", "32000", "656"),
]
US_PLACES = [
    ("Queens", "NY", "11368"),
    ("Houston", "TX", "77036"),
    ("Atlanta", "GA", "30340"),
    ("Los Angeles", "CA", "90011"),
    ("Phoenix", "AZ", "85009"),
    ("Newark", "NJ", "07104"),
]
US_STREETS = ["Roosevelt Ave", "Main St", "Bissonnet St"]
STREETS = [
    "Calle Hidalgo",
    "Av. Juárez",
    "Calle Morelos",
    "Calle 5 de Mayo",
    "Av. Reforma",
    "Calle Allende",
    "Privada Zaragoza",
    "Calle Guerrero",
]


def ascii_upper(text: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
    ).upper()


@dataclass
class Person:
    entity: str
    given: list[str]
    sur1: str
    sur2: str
    sex: str
    year: int
    month: int
    day: int
    state: str
    city: str
    postcode: str
    area: str
    phone: str  # ten national digits
    street: str
    us_place: tuple[str, str, str]


def _vowel(word: str) -> str:
    return next((c for c in ascii_upper(word)[1:] if c in "AEIOU"), "X")


def curp(p: Person, rng: random.Random) -> str:
    s1, s2 = ascii_upper(p.sur1), ascii_upper(p.sur2)
    first = p.given[1] if p.given[0] in ("José", "María") and len(p.given) > 1 else p.given[0]
    first = [w for w in first.split() if w.lower() not in ("de", "del", "la", "los")][-1]
    consonants = "".join(rng.choice("BCDFGHJKLMNPQRSTVWXZ") for _ in range(3))
    return (f"{s1[0]}{_vowel(p.sur1)}{s2[0] if s2 else 'X'}{ascii_upper(first)[0]}"
            f"{p.year % 100:02d}{p.month:02d}{p.day:02d}{'H' if p.sex == 'm' else 'M'}"
            f"{p.state}{consonants}{'A' if p.year >= 2000 else '0'}"
            f"{rng.randint(0, 9)}")  # fmt: skip


def new_person(rng: random.Random, entity: str, surnames: tuple[str, str] | None = None,
               home: Person | None = None) -> Person:  # fmt: skip
    sex = rng.choice("mf")
    names = MALE if sex == "m" else FEMALE
    given = [rng.choice(names)]
    if rng.random() < 0.45:
        given.append(rng.choice([n for n in names if n != given[0]]))
    pool, weights = zip(*SURNAMES, strict=True)
    s1, s2 = surnames or (rng.choices(pool, weights)[0], rng.choices(pool, weights)[0])
    place = rng.choice(MX_PLACES)
    p = Person(
        entity, given, s1, s2, sex, rng.randint(1965, 2006), rng.randint(1, 12),
        rng.randint(1, 28), place[1], place[0], place[2], place[3],
        place[3] + "".join(str(rng.randint(0, 9)) for _ in range(10 - len(place[3]))),
        f"{rng.choice(STREETS)} {rng.randint(1, 300)}", rng.choice(US_PLACES),
    )  # fmt: skip
    if home is not None:  # a sibling: same household
        p.state, p.city, p.postcode, p.area = home.state, home.city, home.postcode, home.area
        p.phone, p.street, p.us_place = home.phone, home.street, home.us_place
        p.year = home.year + rng.choice([-1, 1]) * rng.randint(2, 9)
    return p


def typo(word: str, rng: random.Random) -> str:
    if len(word) < 4:
        return word
    i = rng.randint(1, len(word) - 2)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def phone_variant(p: Person, rng: random.Random) -> str:
    n = p.phone
    return rng.choice([
        f"+52 1 {n[:3]} {n[3:6]} {n[6:]}", f"044 {n[:3]} {n[3:6]} {n[6:]}",
        f"({n[:3]}) {n[3:6]}-{n[6:]}", f"+52{n}", f"{n[:3]}-{n[3:6]}-{n[6:]}", f"011 52 1 {n}",
    ])  # fmt: skip


def fiscalia(p: Person, rng: random.Random, rid: str) -> dict[str, str]:
    full = " ".join([*p.given, p.sur1, p.sur2])
    split = rng.random() < 0.5
    return {
        "record_id": rid, "source": "fiscalia", "full_name": "" if split else full,
        "given_names": " ".join(p.given) if split else "", "surname_1": p.sur1 if split else "",
        "surname_2": p.sur2 if split else "", "dob": f"{p.day:02d}/{p.month:02d}/{p.year}",
        "sex": "H" if p.sex == "m" else "M", "phone": phone_variant(p, rng),
        "address": p.street, "city": p.city, "state": p.state, "postcode": p.postcode,
        "country": "MX", "id_number": curp(p, rng) if rng.random() < 0.8 else "",
    }  # fmt: skip


def cbp(p: Person, rng: random.Random, rid: str) -> dict[str, str]:
    g = [ascii_upper(x) for x in p.given]
    s1, s2 = ascii_upper(p.sur1), ascii_upper(p.sur2)
    middle = (
        f" {g[1][0]}" if len(g) > 1 and rng.random() < 0.6 else (f" {g[1]}" if len(g) > 1 else "")
    )
    style = rng.random()
    if style < 0.35:
        name = f"{s1}, {g[0]}{middle}"  # maternal surname dropped
    elif style < 0.6:
        name = f"{s1} {s2}, {g[0]}{middle}"
    elif style < 0.8:
        name = f"{s1}-{s2}, {g[0]}{middle}"  # hyphenated
    else:
        name = f"{s2}, {g[0]}{middle} {s1}"  # paternal taken as a middle name
    y, m, d = p.year, p.month, p.day
    r = rng.random()
    if r < 0.1 and d <= 12 and d != m:
        m, d = d, m
    elif r < 0.18:
        y = y + rng.choice([-1, 1]) if y % 10 not in (0, 9) else y
    return {
        "record_id": rid, "source": "cbp", "full_name": name, "dob": f"{m:02d}/{d:02d}/{y}",
        "sex": "M" if p.sex == "m" else "F", "country": "US",
        "id_number": f"A{rng.randint(10**8, 10**9 - 1)}",
        "city": p.us_place[0] if rng.random() < 0.3 else "",
    }  # fmt: skip


def hotline(p: Person, rng: random.Random, rid: str) -> dict[str, str]:
    first = p.given[0]
    shown = NICK.get(first, first) if rng.random() < 0.6 else first
    if rng.random() < 0.3:
        shown = ascii_upper(shown).lower()
    sur = p.sur1 if rng.random() < 0.85 else f"{p.sur1} {p.sur2}"
    age = REFERENCE_YEAR - p.year - (0 if rng.random() < 0.5 else 1) + rng.choice([-1, 0, 0, 1])
    return {
        "record_id": rid, "source": "hotline", "full_name": f"{shown} {sur}",
        "dob": rng.choice([f"age~{age}", f"about {age}", f"{age}"]),
        "phone": phone_variant(p, rng), "city": rng.choice([p.city, p.us_place[0]]),
        "country": rng.choice(["MX", "US"]),
    }  # fmt: skip


def police(p: Person, rng: random.Random, rid: str) -> dict[str, str]:
    g = [ascii_upper(x).title() for x in p.given]
    sur = ascii_upper(p.sur1).title()
    name = f"{g[0]} {g[1][0]}. {sur}" if len(g) > 1 else f"{g[0]} {sur}"
    if rng.random() < 0.15:
        name = f"{g[0]} {typo(sur, rng)}"
    city, state, postcode = p.us_place
    return {
        "record_id": rid, "source": "police", "full_name": name,
        "dob": f"{p.year}-{p.month:02d}-{p.day:02d}", "sex": "M" if p.sex == "m" else "F",
        "phone": phone_variant(p, rng) if rng.random() < 0.5 else "",
        "address": f"{rng.randint(100, 9999)} {rng.choice(US_STREETS)}",
        "city": city, "state": state, "postcode": postcode, "country": "US",
    }  # fmt: skip


SOURCES = [fiscalia, cbp, hotline, police]


def generate(people: int, seed: int) -> list[dict[str, str]]:
    rng = random.Random(seed)
    rows: list[dict[str, str]] = []
    persons: list[Person] = []
    for i in range(people):
        p = new_person(rng, f"P{i:04d}")
        persons.append(p)
        if rng.random() < 0.25:  # a sibling in the same household
            sib = new_person(rng, f"P{i:04d}S", (p.sur1, p.sur2), home=p)
            sib.sex = rng.choice("mf")
            sib.given = [
                rng.choice([n for n in (MALE if sib.sex == "m" else FEMALE) if n not in p.given])
            ]
            persons.append(sib)
        if rng.random() < 0.1:  # a namesake elsewhere, same written name
            twin = new_person(rng, f"P{i:04d}N", (p.sur1, p.sur2))
            twin.given, twin.sex = list(p.given), p.sex
            persons.append(twin)
    counter = 0
    for p in persons:
        k = (
            rng.choice([1, 2, 2, 3, 3, 4])
            if not p.entity.endswith(("S", "N"))
            else rng.choice([1, 2])
        )
        for make in rng.sample(SOURCES, k):
            counter += 1
            row = dict.fromkeys(COLUMNS, "")
            row.update(make(p, rng, f"r{counter:05d}"))
            row["entity_id"] = p.entity
            rows.append(row)
    rng.shuffle(rows)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description="Generate the cross-border labelled set.")
    parser.add_argument("--people", type=int, default=500)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--slice", choices=["standard", "hard"], default="standard")
    args = parser.parse_args()
    if args.slice == "hard":  # held out: other variations and distractors, other seed
        from hard import generate_hard

        rows = generate_hard(args.people, args.seed + 4)
    else:
        rows = generate(args.people, args.seed)
    args.out = args.out or (HARD if args.slice == "hard" else OUT)
    with args.out.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} records to {args.out}")


if __name__ == "__main__":
    main()
