"""From the indicators found to typology, score and urgency.

The rules follow the published definitions: commercial sex of a minor is trafficking with
no further proof; labour trafficking needs exploitation together with a means of control;
a paid crossing without exploitation is smuggling.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

SEX_CODES = frozenset({"sexual_exploitation", "commercial_sex_of_minor", "signals_truck_stop"})
LABOR_EXPLOITATION = frozenset(
    {
        "wage_theft_or_no_pay",
        "excessive_hours",
        "debt_bondage",
        "document_confiscation",
        "forced_begging",
        "forced_criminality",
        "substandard_housing_provided_by_employer",
        "deprivation_of_necessities",
        "quota",
    }
)
# Indicators that say nothing about exploitation on their own.
CONTEXT_ONLY = frozenset(
    {
        "minor_present",
        "transport_across_border",
        "smuggling_fee",
        "recruitment_social_media",
        "online_advertising",
        "imminent_danger_signals",
    }
)
STANDALONE_LABOR = frozenset({"forced_criminality", "forced_begging"})
# Means of control that, together, mark a person held rather than merely mistreated.
CONTROL = frozenset(
    {
        "confinement_or_restricted_movement",
        "threats_or_violence",
        "isolation_language_or_location",
        "coercion_through_family_threats",
        "document_confiscation",
        "debt_bondage",
        "threat_of_law_enforcement",
        "romance_or_lover_boy_recruitment",
        "drug_dependency_coercion",
    }
)
# Means of control strong enough, on their own, to mark trafficking once the text says what
# the person is made to do (work, or commercial sex): a third party holds the documents,
# locks them in, threatens their family, threatens them with the police, brands them or
# keeps them on drugs.
STRONG_MEANS = frozenset(
    {
        "document_confiscation",
        "confinement_or_restricted_movement",
        "coercion_through_family_threats",
        "threat_of_law_enforcement",
        "branding_or_tattoos",
        "drug_dependency_coercion",
    }
)
# Means of control that point to commercial sex rather than labour when nothing else does.
SEX_LEANING = frozenset(
    {"branding_or_tattoos", "online_advertising", "romance_or_lover_boy_recruitment"}
)
LABOR_THRESHOLD = 0.55
LABOR_THRESHOLD_WITH_COUNTER = 0.8
# Several means of control with no exploitation named: the person is held, for some purpose.
MEANS_THRESHOLD = 0.7
COUNTER_FACTOR = 0.6


def noisy_or(weights: Collection[float]) -> float:
    miss = 1.0
    for weight in weights:
        miss *= 1.0 - weight
    return 1.0 - miss


def score(weights: Mapping[str, float], codes: Collection[str], counter_cues: int) -> float:
    """Noisy-OR of the indicator weights, damped by signs that the person is free."""
    value = noisy_or([weights[c] for c in codes])
    return value * COUNTER_FACTOR ** min(counter_cues, 2)


def typology(  # noqa: PLR0911 - one return per typology rule reads best
    codes: Collection[str],
    weights: Mapping[str, float],
    *,
    counter_cues: int,
    forced_work: bool,
    minor_victim_cue: bool,
    sexual_abuse: bool = False,
    at_work: bool = False,
    sex_context: int = 0,
    labor_context: int = 0,
    domestic: bool = False,
    smuggling_operation: bool = False,
) -> str:
    """The typology code for a set of indicators.

    ``forced_work`` says the text names non-sexual work someone is made to do (cooking,
    cleaning, serving), ``at_work`` that it speaks of work at all; ``sexual_abuse`` that
    the violence found includes rape. ``sex_context`` and ``labor_context`` count the
    setting cues of each kind (a massage parlour, clients; a farm, a restaurant) and decide
    which purpose means of control serve when no indicator names it. ``domestic`` says the
    one in control is the person's partner or family: threats and blows there are domestic
    violence unless exploitation is named. ``smuggling_operation`` says the text speaks of a
    stash house, a ransom or the crossing: people held there are smuggled unless
    exploitation is named.
    """
    found = set(codes)
    control = found & CONTROL
    if sexual_abuse and len(control - {"threats_or_violence"}) >= 2:
        # Held and raped: personal sexual servitude even without a commercial element.
        found.add("sexual_exploitation")
    if found & SEX_CODES:
        if "commercial_sex_of_minor" in found:
            return "sex_trafficking"
        if forced_work and found & {"excessive_hours", "debt_bondage"}:
            return "both"
        return "sex_trafficking"
    labor_codes = found - CONTEXT_ONLY
    exploitation = found & LABOR_EXPLOITATION
    smuggling = "smuggling_fee" in found or (
        smuggling_operation and bool(found & ({"transport_across_border"} | control))
    )
    if smuggling and not exploitation:
        return "smuggling"
    threshold = LABOR_THRESHOLD_WITH_COUNTER if counter_cues else LABOR_THRESHOLD
    strength = noisy_or([weights[c] for c in labor_codes])
    sex_leaning = sex_context + 2 * len(found & SEX_LEANING)
    working = labor_context + (1 if at_work or forced_work else 0)
    purpose = "sex_trafficking" if sex_leaning > working else "labor_trafficking"
    if (exploitation or ((forced_work or at_work) and len(control) >= 2)) and (
        found & STANDALONE_LABOR
        or (len(labor_codes) >= 2 and strength >= threshold)
        or (minor_victim_cue and len(labor_codes) >= 2 and not counter_cues)
    ):
        return purpose
    if domestic and not exploitation:
        return "smuggling" if smuggling else "not_trafficking"
    means = control | (found & STRONG_MEANS) | (found & {"control_by_third_party"})
    if not counter_cues and len(means) >= 2 and strength >= MEANS_THRESHOLD:
        return purpose
    if not counter_cues and found & STRONG_MEANS and (sex_leaning or working):
        return purpose
    if smuggling:
        return "smuggling"
    return "not_trafficking"


def urgency(
    typology_code: str,
    score_value: float,
    *,
    minor: bool,
    victim_minor: bool,
    danger: bool,
    minor_at_risk: bool = False,
) -> str:
    """``minor_at_risk``: a child who is not someone's child in passing ("three girls who
    looked 15 put in a trailer at night") goes up the queue even before an indicator says
    what is happening to them."""
    trafficking = typology_code in {"sex_trafficking", "labor_trafficking", "both"}
    if danger or victim_minor:
        return "critical"
    if (
        (trafficking and (score_value >= 0.85 or minor))
        or (typology_code == "smuggling" and minor)
        or minor_at_risk
    ):
        return "high"
    if trafficking or typology_code == "smuggling" or minor or score_value >= 0.5:
        return "normal"
    return "low"


def polaris_kinds(typology_code: str) -> frozenset[str]:
    return {
        "sex_trafficking": frozenset({"sex"}),
        "labor_trafficking": frozenset({"labor"}),
        "both": frozenset({"sex", "labor"}),
    }.get(typology_code, frozenset())


def best_polaris(scores: Mapping[str, int], order: list[str]) -> str | None:
    """The type with the most distinct cues; catalog order breaks ties."""
    if not scores:
        return None
    return max(scores, key=lambda slug: (scores[slug], -order.index(slug)))
