"""Comparison levels on hand-made cross-border pairs."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd  # type: ignore[import-untyped]
import pytest

from enlace.resolution.engine import columns
from enlace.resolution.engine.columns import Encoded
from enlace.resolution.engine.comparisons import (
    BIRTH,
    CURP,
    GIVEN,
    ID_NUMBER,
    PHONE,
    SURNAME,
    Comparison,
)
from enlace.resolution.engine.curp import read_curp
from enlace.resolution.engine.dates import parse_birth
from enlace.resolution.engine.names import sex_of_given
from enlace.resolution.engine.prepare import as_frame, prepare, prepare_rows


def level(comparison: Comparison, a: dict[str, str], b: dict[str, str]) -> str:
    prepared = prepare(pd.DataFrame([a, b]).fillna(""), reference_year=2025)
    e = Encoded(prepared)
    lv = comparison.compute(e, np.array([0]), np.array([1]))[0]
    return str(comparison.levels[lv])


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("José Luis García Hernández", "GARCIA HERNANDEZ, JOSE LUIS", "both_exact"),
        ("José Luis García Hernández", "GARCIA, JOSE L", "paternal_exact"),
        ("José García Hernández", "GARCIA-HERNANDEZ, JOSE", "both_exact"),
        ("José Luis García Hernández", "HERNANDEZ, JOSE GARCIA", "both_reordered"),
        ("Sofía González Sánchez", "SANCHEZ, SOFIA GONZALEZ", "both_reordered"),
        ("Ana López Ruiz", "Ana Ruiz", "cross_position"),
        ("Ana López", "Ana Lopes", "jw_0.92"),
        ("Ana López", "Ana Martínez", "else"),
    ],
)
def test_surname_variations(a: str, b: str, expected: str) -> None:
    assert level(SURNAME, {"full_name": a}, {"full_name": b}) == expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Pepe García", "José García", "exact"),
        ("Ma. Guadalupe Pérez", "María Guadalupe Pérez", "exact"),
        ("José Luis García", "GARCIA, JOSE L", "exact"),
        ("José Luis García", "José Antonio García", "exact_middle_differs"),
        ("JOSÉ GARCÍA", "jose garcia", "exact"),
        ("Jose Garcia", "J Garcia", "partial_or_initial"),
        ("Jose Garcia", "Garcia Jose", "swapped"),
        ("Jose Garcia", "Pedro Garcia", "else"),
    ],
)
def test_given_name_variations(a: str, b: str, expected: str) -> None:
    assert level(GIVEN, {"full_name": a}, {"full_name": b}) == expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("03/12/1985", "1985-03-12", "exact"),  # US month/day
        ("1985-03-12", "1985-12-03", "day_month_swapped"),
        ("1985-03-12", "1986-03-12", "one_typo"),
        ("1985-03-12", "age~40", "age_close"),  # 40 in 2025: born 1984 or 1985
        ("1985-03-12", "about 39", "age_close"),
        ("1985-03-12", "about 37", "age_window"),  # "about" widens the fit, more weakly
        ("1985-03-12", "42", "age_near"),  # a year beyond the window
        ("1985-03-12", "age~44", "else"),
        ("1985-03-12", "age~25", "else"),
        ("1985-03-12", "", "null"),
    ],
)
def test_birth_levels(a: str, b: str, expected: str) -> None:
    assert level(BIRTH, {"dob": a}, {"dob": b}) == expected


def test_sex_is_inferred_from_the_first_given_name() -> None:
    assert (sex_of_given("sofia"), sex_of_given("carlos")) == ("f", "m")
    assert sex_of_given("jose") == "m" and sex_of_given("maria") == "f"
    assert sex_of_given("guadalupe") == ""  # given to both sexes
    assert sex_of_given("xq") == ""


def test_mexican_dates_read_day_first() -> None:
    assert level(BIRTH, {"dob": "12/03/1985", "country": "MX"}, {"dob": "1985-03-12"}) == "exact"


def test_ages_give_a_window_of_birth_years() -> None:
    birth = parse_birth("age~31", 2025)
    assert birth.from_age and birth.year_lo <= 1994 <= birth.year_hi
    assert not parse_birth("not a date", 2025).known


def test_phone_formats_on_both_sides_of_the_border() -> None:
    a = {"phone": "+52 1 246 123 4567"}
    assert level(PHONE, a, {"phone": "044 246 123 4567", "country": "MX"}) == "exact"
    assert level(PHONE, a, {"phone": "011 52 1 246 123 4567"}) == "exact"
    # Written without country code on a US form: at least the local number agrees.
    assert level(PHONE, a, {"phone": "(246) 123-4567", "country": "US"}) in ("exact", "same_last_7")
    assert level(PHONE, a, {"phone": "+52 55 9876 5432"}) == "else"


def test_curp_is_read_and_checked_against_the_other_record() -> None:
    facts = read_curp("GAHJ850312HTLRRS09")
    assert facts is not None and (facts.year, facts.month, facts.day, facts.sex) == (
        1985,
        3,
        12,
        "m",
    )
    holder = {"full_name": "José García Hernández", "id_number": "GAHJ850312HTLRRS09"}
    same = {"full_name": "GARCIA HERNANDEZ, JOSE", "dob": "03/12/1985"}
    other_day = {"full_name": "GARCIA HERNANDEZ, JOSE", "dob": "03/12/1990"}
    stranger = {"full_name": "Pedro Ruiz", "dob": "03/12/1985"}
    assert level(CURP, holder, same) == "consistent"
    assert level(CURP, holder, other_day) == "inconsistent"
    assert level(CURP, holder, stranger) == "inconsistent"


def test_curp_fills_missing_birth_date_and_sex() -> None:
    prepared = prepare(
        pd.DataFrame([{"full_name": "José García", "id_number": "GAHJ850312HTLRRS09"}])
    )
    assert prepared.loc[0, "dob"] == "19850312"
    assert prepared.loc[0, "sex"] == "m"


def test_id_numbers_of_different_kinds_are_not_compared() -> None:
    assert (
        level(ID_NUMBER, {"id_number": "GAHJ850312HTLRRS09"}, {"id_number": "A123456789"}) == "null"
    )
    assert level(ID_NUMBER, {"id_number": "A123456789"}, {"id_number": "A123456780"}) == "one_edit"


# Records on both sides of the border, in the forms the small-input path must read alike.
MIXED = [
    {"full_name": "José Luis García Hernández", "dob": "12/03/1985", "phone": "246 123 4567",
     "country": "MX", "city": "Tlaxcala", "address": "Calle Hidalgo #12"},
    {"full_name": "GARCIA, JOSE L", "dob": "03/12/1985", "sex": "M", "country": "US",
     "phone": "+1 (718) 555-0101", "email": "JLG@example.org", "postcode": "11368"},
    {"full_name": "Ma. Guadalupe López-Ramírez", "dob": "age~34", "sex": "F", "country": "MX"},
    {"full_name": "José García", "id_number": "GAHJ850312HTLRRS09", "country": "MX"},
    {"given_names": "Ana", "surname_1": "Ruiz", "state": "MX-PUE", "id_number": "A123456789"},
    {"full_name": "Pepe", "city": "Queens", "country": "US"},
    {},
]  # fmt: skip


def test_rows_are_prepared_like_the_frame() -> None:
    frame = prepare(pd.DataFrame(MIXED).fillna(""), reference_year=2025)
    rows = prepare_rows(MIXED, reference_year=2025)
    assert rows == frame.to_dict("records")
    assert [list(r) for r in rows] == [list(frame.columns)] * len(MIXED)
    assert json.loads(json.dumps(rows)) == json.loads(frame.to_json(orient="records"))
    # A profile with a CURP and no date takes the CURP's birth date and sex on both paths.
    assert (rows[3]["dob"], rows[3]["sex"]) == ("19850312", "m")
    rebuilt = as_frame({c: [r[c] for r in rows] for c in frame.columns})
    pd.testing.assert_frame_equal(rebuilt, frame)


def test_small_inputs_encode_as_large_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    frame = prepare(pd.DataFrame(MIXED * 3).fillna(""), reference_year=2025)
    small = Encoded(frame)
    monkeypatch.setattr(columns, "SMALL_INPUT", 0)
    large = Encoded(frame)
    assert small.codes.keys() == large.codes.keys()
    for name in large.codes:
        assert small.codes[name].tolist() == large.codes[name].tolist(), name
        assert small.vocab[name].tolist() == large.vocab[name].tolist(), name
    il, ir = (x.astype(np.int64) for x in np.triu_indices(len(frame), 1))
    for comparison in (GIVEN, SURNAME, BIRTH, PHONE, CURP, ID_NUMBER):
        assert (
            comparison.compute(small, il, ir).tolist() == comparison.compute(large, il, ir).tolist()
        )
