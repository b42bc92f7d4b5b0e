from hypothesis import given
from hypothesis import strategies as st

from enlace.extraction.engine import extract, normalize_phone


def test_mexican_forms_share_one_e164() -> None:
    forms = [
        "(656) 123-4567",
        "044 656 123 4567",
        "+52 1 656 123 4567",
        "+52 656 123 4567",
        "00 52 656 123 4567",
        "656.123.4567",
    ]
    values = {normalize_phone(f, "MX").e164 for f in forms}  # type: ignore[union-attr]
    assert values == {"+526561234567"}


def test_us_number_and_toll_free_hotline() -> None:
    us = normalize_phone("(915) 234-5678")
    assert us is not None and us.e164 == "+19152345678" and us.country == "US"
    vanity = normalize_phone("1-866-DHS-2-ICE")
    assert vanity is not None and vanity.e164 == "+18663472423"
    assert vanity.toll_free and vanity.hotline
    mx_toll = normalize_phone("01 800 5533 000")
    assert mx_toll is not None and mx_toll.toll_free and mx_toll.country == "MX"


def test_invalid_numbers_are_rejected() -> None:
    assert normalize_phone("12345") is None
    assert normalize_phone("") is None
    assert normalize_phone("no number here") is None


def test_phone_found_in_english_and_spanish_text() -> None:
    en = extract("Call him at (713) 555-0148 tonight.", lang="en")
    es = extract("su cel es 044 899 765 4321 y whatsapp +52 1 899 765 4321", lang="es")
    assert [e.normalized for e in en.entities if e.type == "phone"] == ["+17135550148"]
    assert [e.normalized for e in es.entities if e.type == "phone"] == ["+528997654321"] * 2
    assert any(
        e.type == "online_account" and e.normalized.startswith("whatsapp:") for e in es.entities
    )


def test_dates_are_not_phones() -> None:
    result = extract("on 12/03/2024 she left", lang="en")
    assert not [e for e in result.entities if e.type == "phone"]


@given(
    area=st.sampled_from(["656", "664", "899", "998"]),
    rest=st.integers(min_value=2000000, max_value=9999999),
    style=st.sampled_from(
        [
            "{a} {b} {c}",
            "({a}) {b}-{c}",
            "{a}.{b}.{c}",
            "044 {a} {b} {c}",
            "+52 1 {a} {b} {c}",
            "+52{a}{b}{c}",
            "045-{a}-{b}-{c}",
            "0052 {a} {b}{c}",
        ]
    ),
)
def test_any_supported_format_gives_same_e164(area: str, rest: int, style: str) -> None:
    digits = str(rest)
    b, c = digits[:3], digits[3:]
    plain = normalize_phone(f"{area}{b}{c}", "MX")
    styled = normalize_phone(style.format(a=area, b=b, c=c), "MX")
    assert plain is not None and styled is not None
    assert styled.e164 == plain.e164 == f"+52{area}{b}{c}"
