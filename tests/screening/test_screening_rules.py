"""Typology, urgency and the protections for minors and people in danger."""

from __future__ import annotations

import json

from enlace.screening.engine import load_catalog, screen

TRAFFICKING = {"sex_trafficking", "labor_trafficking", "both"}


def test_minor_in_commercial_sex_is_a_critical_victim() -> None:
    result = screen(
        "There is an ad on an escort site with pics of a girl from my school, she's 15."
    )
    assert result.typology == "sex_trafficking"
    assert "commercial_sex_of_minor" in result.codes
    assert result.minor and result.victim_minor
    assert result.urgency == "critical"
    assert result.needs_supervisor


def test_minor_in_commercial_sex_spanish() -> None:
    result = screen("Mi hija de 16 años está anunciada en una página de escorts en Guadalajara.")
    assert result.typology == "sex_trafficking"
    assert "commercial_sex_of_minor" in result.codes
    assert result.urgency == "critical"


def test_age_entity_marks_minor_without_text_cue() -> None:
    text = "Her pimp makes her sleep with men at the motel. She is Ana Ruiz, born in Oaxaca."
    plain = screen(text)
    assert not plain.minor
    entity = {"type": "age", "text": "Ana Ruiz", "start": 55, "end": 63, "minor": True, "years": 16}
    with_age = screen(text, entities=[entity])
    assert with_age.minor and with_age.victim_minor
    assert "commercial_sex_of_minor" in with_age.codes
    assert with_age.urgency == "critical"


def test_adult_age_entity_is_not_a_minor() -> None:
    text = "The boss keeps her passport and she owes him 5,000 dollars."
    entity = {"type": "age", "start": 0, "end": 3, "details": {"minor": False, "years": 30}}
    assert not screen(text, entities=[entity]).minor


def test_imminent_danger_is_critical() -> None:
    result = screen(
        "They locked the workers in the warehouse and the boss says he will kill them. "
        "Please send someone now."
    )
    assert result.imminent_danger
    assert result.urgency == "critical"
    assert result.typology in TRAFFICKING


def test_right_now_alone_is_not_danger() -> None:
    result = screen("I'm at home right now and my cat is stuck in a tree.")
    assert not result.imminent_danger
    assert result.typology == "not_trafficking"
    assert result.urgency == "low"


def test_passports_and_debt_are_labour_trafficking() -> None:
    result = screen(
        "They keep our passports and we owe the boss 40,000 pesos, we work 14 hours a day."
    )
    assert result.typology == "labor_trafficking"
    assert {"document_confiscation", "debt_bondage", "excessive_hours"} <= result.codes
    assert 0.0 < result.score <= 1.0


def test_paid_crossing_without_exploitation_is_smuggling() -> None:
    result = screen(
        "Mi primo cruzó con un pollero, le pagamos 5 mil dólares y ya llegó con su familia."
    )
    assert result.typology == "smuggling"
    assert result.polaris_type is None


def test_wage_dispute_with_free_exit_is_not_trafficking() -> None:
    result = screen(
        "My boss didn't pay me overtime last month. I can quit anytime, I just want my money."
    )
    assert result.typology == "not_trafficking"


def test_news_item_is_not_trafficking() -> None:
    result = screen(
        "Noticia: la Fiscalía informó la detención de dos personas; las víctimas eran obligadas "
        "a trabajar 16 horas y les quitaban los papeles."
    )
    assert result.typology == "not_trafficking"
    assert not result.indicators


def test_polaris_type_follows_typology() -> None:
    result = screen(
        "The nanny works from 5am until midnight, they hold her passport and never pay her."
    )
    assert result.typology == "labor_trafficking"
    assert result.polaris_type == "domestic_work"
    slugs = {p.slug for p in load_catalog().polaris}
    assert result.polaris_type in slugs


def test_evidence_points_into_the_original_accented_text() -> None:
    text = "Señora, a mi tía le quitaron el pasaporte y no la dejan salir de la casa."
    result = screen(text)
    assert result.indicators
    for finding in result.indicators:
        for ev in finding.evidence:
            assert text[ev.start : ev.end] == ev.text
            assert ev.text


def test_explanation_in_both_languages_names_indicators_and_quotes() -> None:
    result = screen("Le quitaron el pasaporte y dice que debe 12 mil dólares del cruce.")
    english = result.explanation("en")
    spanish = result.explanation("es")
    assert "Identity documents withheld" in english
    assert "Retención de documentos de identidad" in spanish
    assert "“" in english and "quitaron el pasaporte" in spanish


def test_to_json_shape() -> None:
    payload = screen("they took our passports and we owe the boss").to_json()
    assert set(payload) == {
        "typology",
        "polaris_type",
        "score",
        "urgency",
        "minor",
        "imminent_danger",
        "indicators",
        "explanation",
    }
    assert payload["urgency"] in {"critical", "high", "normal", "low"}
    for item in payload["indicators"]:  # type: ignore[attr-defined]
        assert set(item) == {"code", "evidence"}
        for ev in item["evidence"]:
            assert set(ev) == {"start", "end", "text"}
    json.dumps(payload)


def test_result_records_catalog_version() -> None:
    assert screen("hola").catalog_version == load_catalog().version


def test_family_threats_and_branding_are_trafficking() -> None:
    result = screen(
        "The women at that house all have the same crown tattoo. He threatens to hurt their "
        "families back home if they talk to anyone."
    )
    assert {"branding_or_tattoos", "coercion_through_family_threats"} <= result.codes
    assert result.typology == "sex_trafficking"


def test_documents_and_debt_in_spanish_are_labour_trafficking() -> None:
    result = screen("Nos quitan los pasaportes y le debemos 40,000 pesos al jefe.")
    assert {"document_confiscation", "debt_bondage"} <= result.codes
    assert result.typology == "labor_trafficking"


def test_operator_boilerplate_is_not_imminent_danger() -> None:
    for text in (
        "They have not been paid in weeks and the boss keeps their passports. "
        "Caller was advised not to approach and to call 911 in an emergency.",
        "No les pagan y el patrón les quitó los papeles. "
        "Se le orienta para no confrontar y llamar al 911 en caso de emergencia.",
    ):
        result = screen(text)
        assert result.typology == "labor_trafficking"
        assert not result.imminent_danger
        assert result.urgency != "critical"


def test_advice_and_hypothetical_threats_are_not_danger() -> None:
    for text in (
        "If someone threatens to kill you, call 911.",
        "Si alguna vez te amenazan con deportarte, llama a la línea.",
        "What should I do if my employer threatens to call immigration? He hasn't done it.",
        "If you see someone locked in or hurt, what should people do?",
    ):
        result = screen(text)
        assert not result.imminent_danger, text
        assert result.typology == "not_trafficking", text


def test_present_threat_to_life_is_danger_even_without_trafficking() -> None:
    result = screen("My ex is outside with a knife right now and says he is going to kill me.")
    assert result.imminent_danger
    assert result.urgency == "critical"
    assert result.typology == "not_trafficking"


def test_threat_that_follows_a_condition_keeps_its_force() -> None:
    result = screen("The foreman says he will kill them if they try to escape from the ranch.")
    assert result.imminent_danger


def test_retracted_claim_is_not_asserted() -> None:
    result = screen(
        "Me llamaron diciendo que tenían secuestrado a mi hijo, pero era mentira, él estaba "
        "en la escuela."
    )
    assert not result.imminent_danger
    assert result.typology == "not_trafficking"


def test_domestic_violence_is_not_trafficking() -> None:
    result = screen("My husband hit me last night and took my phone so I couldn't call my mom.")
    assert "threats_or_violence" in result.codes
    assert result.typology == "not_trafficking"


def test_child_of_the_victim_is_not_a_victim_in_commercial_sex() -> None:
    result = screen(
        "He threatens to go after her little boy back home and makes her see men at motels."
    )
    assert result.typology == "sex_trafficking"
    assert result.minor and not result.victim_minor
    assert "commercial_sex_of_minor" not in result.codes


def test_stash_house_without_exploitation_is_smuggling() -> None:
    result = screen(
        "He runs the stash house and won't let anyone leave until the fee is paid. "
        "They crossed the river at night."
    )
    assert result.typology == "smuggling"


def test_single_strong_means_at_work_is_labour_trafficking() -> None:
    result = screen("Hay guardias en el rancho y no dejan salir a los trabajadores del lugar.")
    assert result.typology == "labor_trafficking"


def test_long_day_in_words_is_excessive_hours() -> None:
    result = screen("The cooks work from 10 in the morning until 2 at night, seven days a week.")
    assert "excessive_hours" in result.codes


def test_news_release_language_of_smuggling_brothels_and_truck_stops() -> None:
    # Case summaries as court and prosecutors' releases write them (synthetic names).
    tunnel = screen(
        "A Tijuana man was sentenced for smuggling undocumented immigrants through a tunnel "
        "from a warehouse. Each migrant paid between $8,000 and $10,000.",
        lang="en",
    )
    assert tunnel.typology == "smuggling" and "smuggling_fee" in tunnel.codes
    brothels = screen(
        "He recruited young women with false promises of marriage and forced them to work in "
        "brothels in Houston and Atlanta. One victim was 16 years old.",
        lang="en",
    )
    assert brothels.typology == "sex_trafficking" and brothels.polaris_type == "residential"
    assert "commercial_sex_of_minor" in brothels.codes and brothels.urgency == "critical"
    burdel = screen("La obligaban a trabajar en un burdel de Tlaxcala.", lang="es")
    assert "sexual_exploitation" in burdel.codes
    truck_stop = screen(
        "At the truck stop a girl, maybe 14, was going truck to truck knocking on doors while "
        "a man watched from his car and took the money.",
        lang="en",
    )
    assert "signals_truck_stop" in truck_stop.codes
    assert truck_stop.typology == "sex_trafficking" and truck_stop.urgency == "critical"
    trafico = screen(
        "Fue detenido por tráfico de personas: llevaba a 40 migrantes en la caja de un tráiler.",
        lang="es",
    )
    assert trafico.typology == "smuggling"


def test_prosecutors_wording_of_minors_offered_in_a_bar_and_locked_in_workers() -> None:
    bar = screen(
        "Fue vinculada a proceso por trata de personas en agravio de dos adolescentes de 14 y "
        "15 años, a quienes ofrecía en un bar de la zona centro.",
        lang="es",
    )
    assert bar.typology == "sex_trafficking" and "commercial_sex_of_minor" in bar.codes
    assert bar.urgency == "critical"
    field = screen(
        "Nos prometieron 800 pesos diarios. Al llegar nos encerraron en una bodega y nos "
        "quitaron las identificaciones.",
        lang="es",
    )
    assert {"confinement_or_restricted_movement", "document_confiscation"} <= field.codes
    lured = screen(
        "The defendants lured women into romantic relationships and then forced them into "
        "prostitution.",
        lang="en",
    )
    assert "romance_or_lover_boy_recruitment" in lured.codes
    assert lured.typology == "sex_trafficking"


def test_awareness_days_and_sign_lists_are_not_reports() -> None:
    for text, lang in (
        (
            "Today is the World Day against Trafficking in Persons. Learn the signs: someone "
            "who cannot leave their job, or who owes a debt they cannot pay.",
            "en",
        ),
        (
            "Hoy es el Día Mundial contra la Trata de Personas. Conoce las señales: una persona "
            "que no puede dejar su trabajo o que debe una deuda que no puede pagar.",
            "es",
        ),
    ):
        result = screen(text, lang=lang)
        assert result.typology == "not_trafficking" and result.urgency == "low", text


def test_a_child_at_risk_goes_up_the_queue_before_any_indicator() -> None:
    result = screen(
        "En la caseta vi a un señor que traía a tres muchachitas que no parecían tener más de "
        "15 años. Las subió a un tráiler a las 11 de la noche.",
        lang="es",
    )
    assert result.minor and result.urgency in ("high", "critical")
    # Someone's own children mentioned in passing do not.
    home = screen("Mi esposo me grita y no sé qué hacer con mis hijos.", lang="es")
    assert home.urgency in ("low", "normal")


def test_girls_going_in_and_out_with_men_at_a_motel() -> None:
    result = screen(
        "At the motel several teen girls were going in and out with older men all night.",
        lang="en",
    )
    assert "sexual_exploitation" in result.codes and "commercial_sex_of_minor" in result.codes
    assert result.urgency == "critical"


def test_indictment_and_prosecutor_wording_of_minors_and_means() -> None:
    ages = screen(
        "The defendants recruited at least 12 victims, ages 14 to 17, through Instagram and "
        "Snapchat, and advertised them on escort websites.",
        lang="en",
    )
    assert ages.minor and "commercial_sex_of_minor" in ages.codes
    assert {"recruitment_social_media", "online_advertising"} <= ages.codes
    rescued = screen(
        "Rescataron a una menor de 14 años que era explotada sexualmente; el detenido la "
        "mantenía privada de su libertad.",
        lang="es",
    )
    assert {"sexual_exploitation", "confinement_or_restricted_movement"} <= rescued.codes
    assert rescued.urgency == "critical"
    buyers = screen(
        "A juvenile was advertised on a website and an adult male drove her to meet buyers at "
        "hotels.",
        lang="en",
    )
    assert buyers.typology == "sex_trafficking" and buyers.urgency == "critical"
    spanglish = screen(
        "Su son de 16 está working en un restaurante, el manager le quitó el passport.",
        lang="es",
    )
    assert spanglish.minor and "document_confiscation" in spanglish.codes


def test_regional_spanish_of_pimps_sales_and_the_street() -> None:
    sold = screen(
        "La madrota les quita lo que ganan y las prestan a los policías. A la más chica, de 13, "
        "la vendieron a un señor por 50 mil pesos.",
        lang="es",
    )
    assert sold.typology == "sex_trafficking" and "commercial_sex_of_minor" in sold.codes
    street = screen(
        "Un enganchador se la llevó a los 16 con la promesa de casarse. Ahora la tienen "
        "trabajando en la calle en la Merced.",
        lang="es",
    )
    assert street.minor and "romance_or_lover_boy_recruitment" in street.codes
    assert street.polaris_type == "outdoor_solicitation" and street.urgency == "critical"
    boat = screen(
        "The captain holds their visas and told them they would be arrested by ICE if they "
        "went to the police.",
        lang="en",
    )
    assert "threat_of_law_enforcement" in boat.codes


def test_online_enticement_and_paid_time_with_a_child() -> None:
    enticed = screen(
        "A man approached my 14-year-old daughter on Roblox, moved to Discord and kept asking "
        "her for pictures.",
        lang="en",
    )
    assert "recruitment_social_media" in enticed.codes
    assert enticed.urgency == "critical" and "commercial_sex_of_minor" in enticed.codes
    parties = screen(
        "A 15 y/o student said her mom's boyfriend takes her to parties where older men pay him "
        "to spend time with her.",
        lang="en",
    )
    assert parties.typology == "sex_trafficking" and parties.urgency == "critical"
    site = screen(
        "El contratista les retiene la paga para que no se vayan y si alguien se queja los "
        "amenaza con hablarle a la migra.",
        lang="es",
    )
    assert {"wage_theft_or_no_pay", "threat_of_law_enforcement"} <= site.codes


def test_case_summary_wording_of_means_and_settings() -> None:
    spa = screen(
        "The women were required to live inside the massage businesses, could only go out "
        "when a manager took them, had their passports held by the owners and had to provide "
        "sexual services to customers.",
        lang="en",
    )
    assert spa.polaris_type == "illicit_massage_health_beauty"
    # "escorted by" is no escort service.
    assert "sexual_exploitation" not in screen("She was escorted by a nurse.", lang="en").codes
    bar = screen(
        "Fueron contratadas como meseras y obligadas a fichar; el acusado les retenía sus "
        "documentos.",
        lang="es",
    )
    assert {"recruitment_false_job_offer", "document_confiscation"} <= bar.codes
    begging = screen(
        "Una pareja obliga a tres niños de entre 6 y 10 años a pedir dinero en el crucero; si "
        "no juntan 300 pesos los golpean.",
        lang="es",
    )
    assert begging.typology == "labor_trafficking" and "quota" in begging.codes
    assert "romance_or_lover_boy_recruitment" not in begging.codes


def test_sms_spelling_and_debt_until_paid() -> None:
    sms = screen("le kitaron su cel y su ine y no la dejan salir, tiene 17", lang="es")
    assert {"document_confiscation", "confinement_or_restricted_movement"} <= sms.codes
    assert sms.minor
    debt = screen("She can't leave until she pays what she owes for the trip.", lang="en")
    assert "debt_bondage" in debt.codes


def test_vanished_jobs_bar_entertaining_and_deportation_threats() -> None:
    bar = screen(
        "She answered a TikTok ad for hotel jobs in Cancún. When she arrived the job was gone "
        "and she had to work at a bar entertaining customers to pay back the flight.",
        lang="en",
    )
    assert bar.typology == "sex_trafficking"
    assert {"recruitment_false_job_offer", "sexual_exploitation"} <= bar.codes
    plant = screen(
        "The agency keeps his work permit and the supervisor yells that he will be fired and "
        "deported if he complains.",
        lang="en",
    )
    assert "threat_of_law_enforcement" in plant.codes
