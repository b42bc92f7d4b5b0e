"""A harder, held-out slice of the cross-border set, built on other variations.

    .venv/bin/python eval/resolve/generate.py --slice hard

Not used while the engine was tuned on the standard slice. New record variations:

* compound given names with particles ("María de los Ángeles", "José de Jesús"), which
  US forms cut ("MARIA D", "Maria Angeles");
* Nahuatl surnames transliterated differently on each side ("Xicohténcatl" /
  "XICOTENCATL" / "SHICOTENCATL", "Cuauhtle" / "CUAUTLE");
* US records that hyphenate both surnames and put a compound given name in full;
* a mistyped CURP (one character) in one prosecutor's file and the right one in another.

New distractors: a father and son of the same full name sharing address and phone
("Jr."), twins (same date of birth and surnames, other given name of the same sex), and
cousins (same given name and paternal surname, same town, other maternal surname).
"""

from __future__ import annotations

import random

from generate import (
    COLUMNS,
    FEMALE,
    MALE,
    Person,
    ascii_upper,
    cbp,
    curp,
    fiscalia,
    hotline,
    new_person,
    police,
)

COMPOUND_F = ["María de los Ángeles", "María del Carmen", "María de Jesús", "Ana Luisa",
              "María del Rosario", "Rosa María", "Luz María", "María de la Luz"]  # fmt: skip
COMPOUND_M = ["José de Jesús", "Juan Pablo", "José Ángel", "Juan Carlos", "Luis Ángel",
              "José de la Cruz", "Miguel Ángel", "Juan de Dios"]  # fmt: skip
# Nahuatl surnames of Tlaxcala and Puebla with the spellings other offices use.
NAHUATL = {
    "Xicohténcatl": ["XICOTENCATL", "SHICOTENCATL", "XICOHTENCATL"],
    "Cuauhtle": ["CUAUTLE", "KUAUHTLE", "CUAHUTLE"],
    "Tzompantzi": ["SOMPANTZI", "TZOMPANTZI", "ZOMPANTZI"],
    "Huitzil": ["UITZIL", "HUITZIL", "WITZIL"],
    "Coyotzi": ["COYOTSI", "COYOTZI", "KOYOTZI"],
    "Tecuatl": ["TECUATL", "TEKUATL", "TECUAT"],
}


def _given(rng: random.Random, sex: str) -> list[str]:
    if rng.random() < 0.6:
        first, _, rest = rng.choice(COMPOUND_M if sex == "m" else COMPOUND_F).partition(" ")
        return [first, rest]
    return [rng.choice(MALE if sex == "m" else FEMALE)]


def _spelled(word: str, rng: random.Random) -> str:
    return rng.choice(NAHUATL[word]) if word in NAHUATL else ascii_upper(word)


def hard_person(rng: random.Random, entity: str) -> Person:
    p = new_person(rng, entity)
    p.given = _given(rng, p.sex)
    if rng.random() < 0.5:
        nahuatl = rng.choice(list(NAHUATL))
        p.sur1, p.sur2 = (nahuatl, p.sur2) if rng.random() < 0.6 else (p.sur1, nahuatl)
    return p


def cbp_hyphen(p: Person, rng: random.Random, rid: str) -> dict[str, str]:
    """A US border record: both surnames hyphenated, local spelling, given names in full."""
    row = cbp(p, rng, rid)
    given = " ".join(ascii_upper(g) for g in p.given)
    row["full_name"] = f"{_spelled(p.sur1, rng)}-{_spelled(p.sur2, rng)}, {given}"
    return row


def police_short(p: Person, rng: random.Random, rid: str) -> dict[str, str]:
    """A US police report that keeps the last word of a compound given name."""
    row = police(p, rng, rid)
    if len(p.given) > 1:
        last = ascii_upper(p.given[1].split()[-1]).title()
        shown = rng.choice([f"{ascii_upper(p.given[0]).title()} {last}", last])
        row["full_name"] = f"{shown} {_spelled(p.sur1, rng).title()}"
    return row


def fiscalia_curp_typo(p: Person, rng: random.Random, rid: str) -> dict[str, str]:
    """A second prosecutor's file whose clerk mistyped one character of the CURP."""
    row = fiscalia(p, rng, rid)
    code = row["id_number"] or curp(p, rng)
    i = rng.randint(0, len(code) - 1)
    row["id_number"] = code[:i] + rng.choice("ABCDEFGHJKLMNPRSTUVXZ0123456789") + code[i + 1 :]
    return row


SOURCES = [fiscalia, cbp_hyphen, hotline, police_short, fiscalia_curp_typo]


def _distractor(rng: random.Random, p: Person, kind: str) -> Person:
    d = hard_person(rng, p.entity + kind)
    if kind == "J":  # father or son of the same name, same household
        d.given, d.sur1, d.sur2, d.sex = list(p.given), p.sur1, p.sur2, p.sex
        d.state, d.city, d.postcode, d.area = p.state, p.city, p.postcode, p.area
        d.phone, d.street, d.us_place = p.phone, p.street, p.us_place
        d.year = p.year + rng.choice([-1, 1]) * rng.randint(20, 30)
    elif kind == "T":  # a twin: same birth date, surnames and sex, another given name
        d.sur1, d.sur2, d.sex = p.sur1, p.sur2, p.sex
        d.given = _given(rng, d.sex)
        d.year, d.month, d.day = p.year, p.month, p.day
        d.state, d.city, d.postcode, d.area = p.state, p.city, p.postcode, p.area
        d.phone, d.street, d.us_place = p.phone, p.street, p.us_place
        while d.given[0] == p.given[0]:
            d.given = _given(rng, d.sex)
    else:  # a cousin: same given and paternal surname, same town
        d.given, d.sex, d.sur1 = list(p.given), p.sex, p.sur1
        d.state, d.city, d.postcode, d.area = p.state, p.city, p.postcode, p.area
    return d


def generate_hard(people: int, seed: int) -> list[dict[str, str]]:
    rng = random.Random(seed)
    persons: list[Person] = []
    for i in range(people):
        p = hard_person(rng, f"H{i:04d}")
        persons.append(p)
        for kind, chance in (("J", 0.08), ("T", 0.06), ("C", 0.1)):
            if rng.random() < chance:
                persons.append(_distractor(rng, p, kind))
    rows: list[dict[str, str]] = []
    for p in persons:
        k = rng.choice([1, 2, 2, 3, 3, 4]) if p.entity[-1].isdigit() else rng.choice([1, 2])
        for make in rng.sample(SOURCES, k):
            row = dict.fromkeys(COLUMNS, "")
            row.update(make(p, rng, f"h{len(rows) + 1:05d}"))
            row["entity_id"] = p.entity
            rows.append(row)
    rng.shuffle(rows)
    return rows
