"""Each indicator in each language: a positive, a negated and an unrelated sentence."""

from __future__ import annotations

import pytest

from enlace.screening.engine import load_catalog, screen
from enlace.screening.engine.catalog import REQUIRED_CODES

CATALOG = load_catalog()
DERIVED = {ind.code for ind in CATALOG.indicators if ind.derived}

POSITIVES = [
    pytest.param(ind.code, text, id=f"{ind.code}-{lang}-{n}")
    for ind in CATALOG.indicators
    for lang in ("en", "es")
    for n, text in enumerate(ind.examples.get(lang))
]
NEGATED = [
    pytest.param(ind.code, ind.negated.get(lang), id=f"{ind.code}-{lang}")
    for ind in CATALOG.indicators
    if ind.negated is not None
    for lang in ("en", "es")
]
UNRELATED = [
    "My dog got out last night near Elm and 4th, he is a brown pitbull named Tank.",
    "Can I get the phone number of the Mexican consulate? My passport expired.",
    "Loud party next door every weekend, music until 3am, cars blocking my driveway.",
    "Se perdió mi perrita chihuahua en la colonia Roma, hay recompensa.",
    "¿Me pueden dar el horario de atención de sus oficinas? Quiero llevar unos documentos.",
    "Los vecinos hacen fiesta cada fin de semana con música a todo volumen.",
]


@pytest.mark.parametrize(("code", "text"), POSITIVES)
def test_catalog_example_is_detected(code: str, text: str) -> None:
    result = screen(text)
    assert code in result.codes, result.explanation()
    finding = result.finding(code)
    assert finding is not None
    for ev in finding.evidence:
        assert text[ev.start : ev.end] == ev.text


@pytest.mark.parametrize(("code", "text"), NEGATED)
def test_negated_example_is_not_detected(code: str, text: str) -> None:
    assert code not in screen(text).codes


@pytest.mark.parametrize("code", sorted(REQUIRED_CODES))
@pytest.mark.parametrize("text", UNRELATED)
def test_unrelated_sentence_has_no_required_indicator(code: str, text: str) -> None:
    assert code not in screen(text).codes


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("They did not take her passport, she has it in her purse.", "document_confiscation"),
        ("No le quitaron los documentos, ella los tiene.", "document_confiscation"),
        ("Nunca la amenazaron ni la encerraron.", "threats_or_violence"),
        ("Nunca la amenazaron ni la encerraron.", "confinement_or_restricted_movement"),
        ("Nobody threatened her and she gets paid on time.", "threats_or_violence"),
        ("If they take your passport, call the hotline.", "document_confiscation"),
        ("¿Qué pasa si me quitan el pasaporte en el trabajo?", "document_confiscation"),
        ("Si te quitan los papeles en tu trabajo, ¿es delito?", "document_confiscation"),
        ("My employer wants to hold my passport. Is that legal?", "document_confiscation"),
        (
            "We are writing a story for awareness month about how traffickers take passports.",
            "document_confiscation",
        ),
        (
            "Leí en el periódico que a las víctimas les quitaban los papeles.",
            "document_confiscation",
        ),
        ("Training for hotel staff: signs like someone controlling another's ID.", "minor_present"),
    ],
)
def test_negation_hypotheticals_and_awareness(text: str, code: str) -> None:
    assert code not in screen(text).codes


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("they took our passports and we owe the boss", "document_confiscation"),
        ("nos quitaron los papeles y la deuda nunca baja", "debt_bondage"),
        ("no nos dejan salir del rancho", "confinement_or_restricted_movement"),
        ("the enganchador promised good pay in the fields", "recruitment_false_job_offer"),
        ("her pimp wants his quota every night", "quota"),
        ("tiene q entregar cuota al padrote", "quota"),
        ("shes 15 and her daddy posts her", "minor_present"),
        ("si no venden no les dan de comer", "deprivation_of_necessities"),
        ("if she leaves he will kill her family", "coercion_through_family_threats"),
        ("dice q si se va la van a matar", "imminent_danger_signals"),
    ],
)
def test_hurried_tip_language(text: str, code: str) -> None:
    assert code in screen(text).codes


def test_derived_codes_have_no_patterns() -> None:
    assert {"commercial_sex_of_minor"} == DERIVED


# Realistic tip language the catalog was broadened for: each case with the sentence that
# must be detected, a negated sentence and an unrelated one that must not be.
REALISTIC = [
    (
        "wage_theft_or_no_pay",
        "He never pays us, he says we owe him for the room.",
        "It is not true that he never pays us.",
        "He pays the electricity bill every month.",
    ),
    (
        "wage_theft_or_no_pay",
        "She has to hand him every dollar she makes.",
        "She does not have to hand him every dollar.",
        "Every dollar counts when you save for college.",
    ),
    (
        "debt_bondage",
        "Nos quitan los pasaportes y le debemos 40,000 pesos al jefe.",
        "No le debemos nada al jefe.",
        "Compramos 40,000 pesos de material para la obra.",
    ),
    (
        "excessive_hours",
        "They are out in the fields from 5 in the morning until 9 at night.",
        "She does not work from 5 in the morning until 9 at night, only mornings.",
        "The pharmacy is open from 9 in the morning until 9 at night.",
    ),
    (
        "excessive_hours",
        "Los tienen trabajando desde las 4 de la mañana hasta las 8 de la noche.",
        "No trabajan desde las 4 de la mañana hasta las 8 de la noche.",
        "La tienda abre desde las 8 de la mañana hasta las 9 de la noche.",
    ),
    (
        "drug_dependency_coercion",
        "They are given drugs to keep working.",
        "Nobody gives them drugs to keep working.",
        "The pharmacy gives out flu shots on Fridays.",
    ),
    (
        "sexual_exploitation",
        "Now they make her work at the bar and go to the rooms in the back with men.",
        "She does not go to the rooms with men, she only cooks.",
        "We went to see the men's soccer final at the bar.",
    ),
    (
        "sexual_exploitation",
        "He makes her see men at motels.",
        "She never sees men for money, she works at a bakery.",
        "The motel on Main has a new pool.",
    ),
    (
        "document_confiscation",
        "my mom cleans houses para una señora y le tiene su pasaporte.",
        "La señora no le tiene su pasaporte, ella lo guarda.",
        "Mi mamá limpia casas para una señora en San Antonio.",
    ),
    (
        "confinement_or_restricted_movement",
        "Cierran con llave el taller durante el turno.",
        "No cierran con llave el taller, la puerta está abierta.",
        "La llave del taller está en la oficina.",
    ),
    (
        "coercion_through_family_threats",
        "He told her that if she ever leaves he will go after her little boy back home.",
        "He never threatened to go after her little boy.",
        "She takes care of her little boy and works at the clinic.",
    ),
    (
        "substandard_housing_provided_by_employer",
        "She sleeps on a mat in the laundry room of the family she works for.",
        "She does not sleep in the laundry room, she has her own apartment.",
        "The laundry room is next to the kitchen.",
    ),
    (
        "quota",
        "Her pimp beats her if she doesn't bring back $500 a night.",
        "There is no quota and she doesn't have to bring back any money.",
        "The diner brings in $500 a night on weekends.",
    ),
]


@pytest.mark.parametrize(
    ("code", "positive", "negated", "unrelated"),
    REALISTIC,
    ids=[f"{code}-{n}" for n, (code, *_rest) in enumerate(REALISTIC)],
)
def test_realistic_language(code: str, positive: str, negated: str, unrelated: str) -> None:
    assert code in screen(positive).codes, screen(positive).explanation()
    assert code not in screen(negated).codes, screen(negated).explanation()
    assert code not in screen(unrelated).codes, screen(unrelated).explanation()
