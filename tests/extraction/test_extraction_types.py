import datetime as dt

from enlace.extraction.engine import Entity, extract

REF = dt.date(2024, 5, 15)


def _by_type(text: str, etype: str, lang: str | None = None) -> list[Entity]:
    return [e for e in extract(text, lang=lang, reference_date=REF).entities if e.type == etype]


def test_persons_and_aliases_both_languages() -> None:
    en = _by_type("Suspect Jose Luis Garcia alias El Flaco drives a van.", "person", "en")
    assert [e.text for e in en] == ["Jose Luis Garcia", "El Flaco"]
    es = _by_type(
        "El que las cuida se llama Roberto Gómez Salinas, le dicen el Chaparro.", "person", "es"
    )
    assert [e.text for e in es] == ["Roberto Gómez Salinas", "el Chaparro"]
    assert es[0].details["surname_2"] == "Salinas"


def test_ages_and_minor_flag() -> None:
    en = _by_type("a 17-year-old girl and a woman in her twenties", "age", "en")
    assert [(e.details["years"], e.details["minor"]) for e in en] == [(17, True), (20, False)]
    es = _by_type("la niña de 12 años es menor de edad", "age", "es")
    assert [e.text for e in es] == ["12 años", "menor de edad"]
    assert all(e.details["minor"] for e in es)
    assert not _by_type("she worked there for 3 years", "age", "en")


def test_locations_normalized() -> None:
    locs = _by_type(
        "La llevaron de Tapachula a Monterrey, Nuevo León y luego a Houston.", "location", "es"
    )
    assert [e.normalized for e in locs] == [
        "Tapachula, MX-CHP, MX",
        "Monterrey, MX-NLE, MX",
        "Houston, US-TX, US",
    ]
    assert locs[0].details["lat"] is not None


def test_organizations() -> None:
    orgs = _by_type(
        "Reported to HSI. She works at Bar La Cueva in Tijuana for Green Valley Farms LLC.",
        "organization",
        "en",
    )
    assert [e.text for e in orgs] == ["HSI", "Bar La Cueva", "Green Valley Farms LLC"]
    es = _by_type(
        "la Guardia Nacional y el INM la llevaron al Restaurante El Sol", "organization", "es"
    )
    assert [e.text for e in es] == ["Guardia Nacional", "INM", "Restaurante El Sol"]


def test_vehicles_and_plates() -> None:
    v = _by_type("a white Ford F-150 with Texas plates ABC-1234", "vehicle", "en")
    assert v[0].details["make"] == "Ford" and v[0].details["colour"] == "white"
    assert v[1].details["plate"] == "ABC1234" and v[1].details["plate_region"] == "Texas"
    es = _by_type("una camioneta Chevrolet blanca con placas XYZ-12-34", "vehicle", "es")
    assert es[0].details["make"] == "Chevrolet" and es[1].details["plate"] == "XYZ1234"


def test_money_email_accounts_dates() -> None:
    m = _by_type("le cobran $3,000 pesos y debe 2 mil dólares", "money", "es")
    assert [e.normalized for e in m] == ["3000 MXN", "2000 USD"]
    assert (
        _by_type("escribe a lupita.rz99@gmail.com", "email", "es")[0].normalized
        == "lupita.rz99@gmail.com"
    )
    acc = _by_type("ig: @lupita_bb and www.skipthegames.com/post/123", "online_account", "en")
    assert {e.normalized for e in acc} == {"instagram:lupita_bb", "url:skipthegames.com/post/123"}
    d = _by_type("it happened last Tuesday", "date", "en")
    assert d[0].normalized == "2024-05-14"


def test_money_ranges_are_one_amount_with_both_ends() -> None:
    def money(text: str, lang: str) -> list[tuple[str, object]]:
        return [(e.text, e.normalized) for e in _by_type(text, "money", lang)]

    assert money("pagaron entre 5 mil y 8 mil dólares al pollero", "es") == [
        ("5 mil y 8 mil dólares", "5000-8000 USD")
    ]
    # The scale is written once: "de 5 a 8 mil pesos" is 5,000 to 8,000.
    found = _by_type("le cobran de 5 a 8 mil pesos por cruzar", "money", "es")
    assert found[0].normalized == "5000-8000 MXN" and found[0].details["amount_min"] == 5000
    assert money("they owe 2 to 3 thousand dollars", "en") == [
        ("2 to 3 thousand dollars", "2000-3000 USD")
    ]
    assert money("una deuda de 2 millones de pesos", "es") == [
        ("2 millones de pesos", "2000000 MXN")
    ]
    # "and" without "between" joins two things, not a range.
    assert money("she was 17 and 500 dollars were taken", "en") == [("500 dollars", "500 USD")]


def test_amounts_named_by_a_payment_or_a_debt_take_the_local_currency() -> None:
    def money(text: str, lang: str) -> list[object]:
        return [e.normalized for e in _by_type(text, "money", lang)]

    assert money("me dice que le debo 10,000 y que no me puedo ir", "es") == ["10000 MXN"]
    assert money("hasta pagar la deuda de 15 mil", "es") == ["15000 MXN"]
    assert money("she can't leave until she pays 20,000", "en") == ["20000 USD"]
    debt = _by_type("le debo 10,000", "money", "es")[0]
    assert debt.details["debt"] is True and debt.confidence < 0.85
    # Counts of other things after the same verbs are not money.
    assert money("le paga 3 veces al día y debe 2 meses de renta", "es") == []
    assert money("they paid 50% of it and she owes 3 years of work", "en") == []


def test_criminal_groups_as_indictments_name_them() -> None:
    orgs = _by_type(
        "Members of the López-Ramírez Trafficking Organization lured women.", "organization", "en"
    )
    assert [e.text for e in orgs] == ["López-Ramírez Trafficking Organization"]
    assert [
        e.text for e in _by_type("Trabajaba para el Cártel del Golfo.", "organization", "es")
    ] == ["Cártel del Golfo"]
    streets = _by_type("La ofrecía en la calle Mariscal en Ciudad Juárez.", "location", "es")
    assert [e.text for e in streets] == ["calle Mariscal", "Ciudad Juárez"]


def test_to_json_flattens_details() -> None:
    ent = _by_type("Call (713) 555-0148", "phone", "en")[0]
    data = ent.to_json()
    assert data["type"] == "phone" and data["e164"] == "+17135550148"
    assert {"text", "start", "end", "normalized", "confidence"} <= set(data)
