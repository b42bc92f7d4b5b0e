from hypothesis import given
from hypothesis import strategies as st

from enlace.extract import fold, parse_person_name


def test_spanish_two_surnames() -> None:
    name = parse_person_name("José Luis García Hernández")
    assert name.given_names == ("José", "Luis")
    assert (name.surname_1, name.surname_2) == ("García", "Hernández")
    assert name.key == "jose luis garcia hernandez"


def test_record_order_with_comma_and_caps() -> None:
    name = parse_person_name("GARCIA HERNANDEZ, JOSE L")
    assert name.surname_1 == "Garcia" and name.surname_2 == "Hernandez"
    assert name.given_names[0] == "Jose"


def test_variants_share_a_match_key() -> None:
    a = parse_person_name("JOSE LUIS GARCIA")
    b = parse_person_name("José Luis García Hernández")
    c = parse_person_name("Pepe García")
    assert "jose garcia" in a.keys and "jose garcia" in b.keys and "jose garcia" in c.keys
    assert "José García" in c.aliases


def test_particles_and_abbreviations() -> None:
    name = parse_person_name("Ma. Guadalupe de la Cruz Pérez")
    assert name.given_names == ("María", "Guadalupe")
    assert name.surname_1 == "de la Cruz" and name.surname_2 == "Pérez"
    assert "de" in name.particles
    carmen = parse_person_name("Maria del Carmen Lopez")
    assert carmen.surname_1 == "Lopez"


def test_nicknames_map_to_formal_names() -> None:
    for nick, formal in [
        ("Chuy", "jesus"),
        ("Paco", "francisco"),
        ("Lupe", "guadalupe"),
        ("Nacho", "ignacio"),
        ("Lalo", "eduardo"),
        ("Memo", "guillermo"),
    ]:
        name = parse_person_name(f"{nick} Ramírez")
        assert f"{formal} ramirez" in name.keys
    beto = parse_person_name("Beto Ramírez")
    assert {"alberto ramirez", "roberto ramirez"} <= set(beto.keys)


def test_alias_in_name_string() -> None:
    name = parse_person_name("Juan Pérez alias El Flaco")
    assert name.surname_1 == "Pérez" and name.aliases == ("El Flaco",)


def test_fold_examples() -> None:
    assert fold("José ÁLVAREZ Muñoz") == "jose alvarez munoz"
    assert fold("Straße") == "strasse"


@given(st.text())
def test_fold_is_idempotent(text: str) -> None:
    once = fold(text)
    assert fold(once) == once


@given(st.text(max_size=80))
def test_parse_person_name_never_crashes(text: str) -> None:
    name = parse_person_name(text)
    assert isinstance(name.keys, tuple)
