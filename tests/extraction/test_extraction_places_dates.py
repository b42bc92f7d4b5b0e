import datetime as dt

from enlace.extraction.engine import detect_language, extract, normalize_place, parse_date

REF = dt.date(2024, 5, 15)  # a Wednesday


def test_mexican_states_and_common_names() -> None:
    assert normalize_place("Edomex").state == "MX-MEX"  # type: ignore[union-attr]
    assert normalize_place("CDMX").state == "MX-CMX"  # type: ignore[union-attr]
    assert normalize_place("Tlaxcala").state == "MX-TLA"  # type: ignore[union-attr]
    assert normalize_place("Nuevo León").state == "MX-NLE"  # type: ignore[union-attr]


def test_cities_with_state_and_coordinates() -> None:
    place = normalize_place("Tenancingo, Tlaxcala")
    assert place is not None and place.kind == "city" and place.state == "MX-TLA"
    assert place.lat is not None and 18 < place.lat < 20
    houston = normalize_place("Houston, TX")
    assert houston is not None and houston.state == "US-TX" and houston.country == "US"
    assert normalize_place("Cd. Juárez").name == "Ciudad Juárez"  # type: ignore[union-attr]


def test_towns_named_like_a_state_or_country_are_read_with_their_state() -> None:
    def places(text: str) -> list[tuple[str, str]]:
        found = extract(text).entities
        return [(e.text, str(e.normalized)) for e in found if e.type == "location"]

    # A border town named like a Mexican state, and a Mexican city named like a country.
    assert places("They crossed near Hidalgo, Texas, at night.") == [
        ("Hidalgo, Texas", "Hidalgo, US-TX, US")
    ]
    assert places("La llevaron a Guadalupe, Nuevo León.") == [
        ("Guadalupe, Nuevo León", "Guadalupe, MX-NLE, MX")
    ]
    # A list of states and countries stays a list.
    assert [p for p, _ in places("Vienen de Guatemala, Chiapas y de Sinaloa, Jalisco.")] == [
        "Guatemala", "Chiapas", "Sinaloa", "Jalisco",
    ]  # fmt: skip


def test_a_news_release_dateline_is_a_place_not_a_person() -> None:
    def found(text: str) -> list[tuple[str, str, str]]:
        return [(e.type, e.text, str(e.normalized)) for e in extract(text, lang="en").entities]

    assert found("SAN DIEGO – A Tijuana man was sentenced today.")[:2] == [
        ("location", "SAN DIEGO", "San Diego, US-CA, US"),
        ("location", "Tijuana", "Tijuana, MX-BCN, MX"),
    ]
    assert found("McALLEN, Texas - Juan Pérez López, 33, was charged.")[:2] == [
        ("location", "McALLEN, Texas", "McAllen, US-TX, US"),
        ("person", "Juan Pérez López", "Juan Pérez López"),
    ]
    assert found("WASHINGTON — The Justice Department announced charges.")[0][2] == (
        "Washington, US-DC, US"
    )
    # Capitals that name no place stay what they are.
    assert found("JOSE LUIS GARCIA - he is the boss")[0][:2] == ("person", "JOSE LUIS GARCIA")


def test_border_crossings() -> None:
    for raw in (
        "Eagle Pass–Piedras Negras",
        "Laredo-Nuevo Laredo",
        "El Paso - Ciudad Juárez",
        "San Ysidro–Tijuana",
    ):
        place = normalize_place(raw)
        assert place is not None and place.kind == "crossing", raw


def test_unknown_place() -> None:
    assert normalize_place("Qwertyville Heights") is None
    assert normalize_place("") is None


def test_day_month_order_by_language_and_country() -> None:
    assert parse_date("03/04/2024", lang="es").start == dt.date(2024, 4, 3)  # type: ignore[union-attr]
    assert parse_date("03/04/2024", lang="en").start == dt.date(2024, 3, 4)  # type: ignore[union-attr]
    assert parse_date("03/04/2024", country="MX").start == dt.date(2024, 4, 3)  # type: ignore[union-attr]
    assert parse_date("25/04/2024", lang="en").start == dt.date(2024, 4, 25)  # type: ignore[union-attr]


def test_written_dates_and_ranges() -> None:
    assert parse_date("3 de marzo de 2024").start == dt.date(2024, 3, 3)  # type: ignore[union-attr]
    rng = parse_date("del 3 al 5 de mayo", reference_date=REF)
    assert rng is not None and (rng.start, rng.end) == (dt.date(2024, 5, 3), dt.date(2024, 5, 5))
    month = parse_date("March 2023")
    assert month is not None and month.precision == "month" and month.end == dt.date(2023, 3, 31)


def test_relative_dates_anchor_to_report_date() -> None:
    assert parse_date("last Tuesday", reference_date=REF).start == dt.date(2024, 5, 14)  # type: ignore[union-attr]
    assert parse_date("el martes pasado", reference_date=REF).start == dt.date(2024, 5, 14)  # type: ignore[union-attr]
    assert parse_date("ayer", reference_date=REF).start == dt.date(2024, 5, 14)  # type: ignore[union-attr]
    assert parse_date("hace dos semanas", reference_date=REF).start == dt.date(2024, 5, 1)  # type: ignore[union-attr]
    assert parse_date("not a date", reference_date=REF) is None


def test_language_detection() -> None:
    assert detect_language("She was taken to Houston by a man she met online last week.") == "en"
    assert detect_language("La llevaron a Reynosa y no la dejan salir de la casa.") == "es"
    mixed = (
        "My cousin is working at a bar and she cannot leave the place. "
        "Dice que el dueño le quitó su pasaporte y no le paga nada."
    )
    assert detect_language(mixed) == "mixed"


def test_day_and_month_without_a_year_and_a_month_alone_after_a_date_word() -> None:
    def dates(text: str, lang: str) -> list[tuple[str, str]]:
        found = extract(text, lang=lang, reference_date=REF).entities
        return [(e.text, str(e.normalized)) for e in found if e.type == "date"]

    assert dates("She saw them on 5/12 around 3pm.", "en") == [("5/12", "2024-05-12")]
    assert dates("No la dejan salir desde el 12/5.", "es") == [("12/5", "2024-05-12")]
    assert dates("Trabajan sin paga desde diciembre.", "es") == [("diciembre", "2023-12")]
    # A fraction is no date.
    assert dates("El 3/4 de la casa es suyo.", "es") == []
    assert dates("They paid 1/2 of it.", "en") == []


def test_a_large_city_written_in_lower_case_after_a_preposition() -> None:
    found = extract("my gf is stuck at a house in san antonio pls help", lang="en").entities
    assert [(e.type, str(e.normalized)) for e in found] == [("location", "San Antonio, US-TX, US")]
