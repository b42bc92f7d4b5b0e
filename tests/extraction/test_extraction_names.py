from hypothesis import given
from hypothesis import strategies as st

from enlace.extraction.engine import extract, fold, parse_person_name
from enlace.extraction.engine.lexicon import wide_given_names


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


def _persons(text: str) -> list[str]:
    return [e.text for e in extract(text).entities if e.type == "person"]


def test_given_names_beyond_the_census_lists() -> None:
    # Faker's wide US, Indian, Nigerian and romanized Chinese given-name lists.
    assert _persons("A neighbor said Keshawn Robinson keeps the girls at the motel.") == [
        "Keshawn Robinson"
    ]
    assert _persons("La víctima dijo que Jamal Brooks la llevó a Houston.") == ["Jamal Brooks"]
    assert _persons("I saw Priya crying in the kitchen.") == ["Priya"]


def test_wide_given_names_only_when_capitalized() -> None:
    # Rare names that are everyday words in lower case are not people.
    assert "manda" not in wide_given_names()
    assert _persons("el que manda muchachas a Nueva York") == []


def test_hyphenated_given_names() -> None:
    assert _persons("My cousin Seo-yeon Kim works at a spa.") == ["Seo-yeon Kim"]
    assert _persons("La joven Min-ji Lee trabaja en un spa de Queens.") == ["Min-ji Lee"]
    assert _persons("Go to the Walk-in Center on Main.") == []


def test_record_form_capital_surnames_comma_given() -> None:
    assert _persons("Subject: RAMIREZ COYOTL, Esteban (DOB unknown) was arrested.") == [
        "RAMIREZ COYOTL, Esteban"
    ]
    found = extract("El detenido, LÓPEZ CHAN, Marcos, dijo que le pagaban.").entities
    person = next(e for e in found if e.type == "person")
    assert person.text == "LÓPEZ CHAN, Marcos"
    assert person.details["given_names"] == ["Marcos"]
    assert person.details["surname_1"] == "López"
    # An acronym before a comma is no surname.
    assert _persons("Agency: FBI, Houston field office.") == []


def test_street_name_prefix_nicknames() -> None:
    assert _persons("still need work? ask for Big Tony at the bar") == ["Big Tony"]
    assert _persons("El que cobra es Lil Carlos.") == ["Lil Carlos"]
    assert _persons("They live in a big house with Tony.") == ["Tony"]


def test_streets_vehicles_pronouns_and_saints_are_not_people() -> None:
    assert _persons("She works on Harry Hines Blvd in Dallas.") == []
    assert _persons("Trabaja en la Calle Benito Juárez de Tijuana.") == []
    assert _persons("He drives a gray 2016 Toyota Sienna with TX plates.") == []
    assert _persons("The man called himself Tigre.") == ["Tigre"]
    assert _persons("trabajan familias en San Quintín desde mayo.") == []


def test_names_stop_at_sentence_ends_and_spaced_dashes() -> None:
    def people(text: str, lang: str) -> list[str]:
        return [e.text for e in extract(text, lang=lang).entities if e.type == "person"]

    # A kinship word ends one sentence; the capitalized verb starting the next is no name.
    assert people("Ya está con su tía. Trabaja en una fábrica de ropa.", "es") == []
    assert people("Vive con su tía Rosa en Dallas.", "es") == ["Rosa"]
    assert people("La Sra. López la cuida.", "es") == ["López"]
    # A hyphen joins a surname; a dash between spaces separates.
    assert people("Rogelio Martínez-Flores and Ana Ruiz - Soto", "en") == [
        "Rogelio Martínez-Flores",
        "Ana Ruiz",
    ]


def test_a_plural_or_role_word_opens_a_list_of_names_without_joining_it() -> None:
    text = "Brothers Juan Carlos López-Ramírez, 34, and Miguel Ángel López-Ramírez, 29, pleaded."
    people = [e.text for e in extract(text, lang="en").entities if e.type == "person"]
    assert people == ["Juan Carlos López-Ramírez", "Miguel Ángel López-Ramírez"]
    found = extract("El imputado Juan Pérez López fue detenido.", lang="es").entities
    assert [e.text for e in found if e.type == "person"] == ["Juan Pérez López"]


def test_quoted_nicknames_inside_a_name_and_the_withheld_surname() -> None:
    name = parse_person_name('Jesus "Chuy" Valdez')
    assert (name.display, name.surname_1, name.aliases) == ("Jesus Valdez", "Valdez", ("Chuy",))
    # Mexican releases write "N" for a surname they withhold: no surname, no alias.
    withheld = parse_person_name('José Guadalupe "N"')
    assert withheld.display == "José Guadalupe" and withheld.aliases == ()
    found = extract('Detuvieron a José Guadalupe "N", alias El Lupillo.', lang="es").entities
    assert [e.text for e in found if e.type == "person"] == ["José Guadalupe", "El Lupillo"]


def test_a_name_the_lexicons_do_not_know_is_read_from_its_age_in_apposition() -> None:
    text = "The owner, Thanh Nguyen, 52, and Wei Zhang, 38, of Flushing were charged."
    people = [e.text for e in extract(text, lang="en").entities if e.type == "person"]
    assert people == ["Thanh Nguyen", "Wei Zhang"]
    # A verb before the name is not part of it; capitals before a count are not a name.
    found = extract("Arrested Andre Thompson, 29, for compelling. The Boss, 45, said no.").entities
    assert [e.text for e in found if e.type == "person"] == ["Andre Thompson"]


def test_age_ranges_as_indictments_write_them_and_word_surnames_closed_by_an_age() -> None:
    ages = [
        e for e in extract("victims, ages 14 to 17, were", lang="en").entities if e.type == "age"
    ]
    assert [(e.text, e.details["minor"]) for e in ages] == [("14 to 17", True)]
    found = extract("identified as Marcus Lee Brown, 31, drove her", lang="en").entities
    assert [e.text for e in found if e.type == "person"] == ["Marcus Lee Brown"]
    places = extract("del municipio de San Pablo del Monte; la mantenía privada de su libertad")
    assert [e.normalized for e in places.entities if e.type == "location"] == [
        "Villa Vicente Guerrero, MX-TLA, MX"
    ]


def test_common_words_that_are_given_names_and_spanish_ages_in_apposition() -> None:
    assert list(extract("If anyone ever took your passport", lang="en").entities) == []
    assert [e.text for e in extract("Se llama Ever Martínez.", lang="es").entities] == [
        "Ever Martínez"
    ]
    found = extract("A la más chica, de 13, la tienen en la Merced.", lang="es").entities
    assert [(e.type, str(e.normalized)) for e in found] == [
        ("age", "13"),
        ("location", "La Merced, MX-CMX, MX"),
    ]


def test_court_style_alias_and_the_age_after_it() -> None:
    text = 'Jose Armando Perez-Lopez, a/k/a "El Chino," 38, of Dalton, Georgia, was sentenced.'
    found = [(e.type, e.text) for e in extract(text, lang="en").entities]
    assert found[:3] == [
        ("person", "Jose Armando Perez-Lopez"),
        ("person", "El Chino"),
        ("age", "38"),
    ]


def test_spanish_verbs_that_are_given_names_need_a_capital() -> None:
    text = "Le dijeron que le iban a pagar y no les dan de comer. Se llama Dan Ruiz."
    found = extract(text, lang="es").entities
    assert [e.text for e in found if e.type == "person"] == ["Dan Ruiz"]
