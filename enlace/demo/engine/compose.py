"""Writes the narrative of one tip: network tips from their plan, noise tips from scratch."""

from __future__ import annotations

import random
from collections.abc import Sequence

from enlace.demo.engine import surface
from enlace.demo.engine.entities import EntityFactory
from enlace.demo.engine.narrative import Builder, Slot, Span, pick_style
from enlace.demo.engine.networks import Member, NetworkState
from enlace.demo.engine.phrases_entities import ORG, OTHER, PERSON
from enlace.demo.engine.phrases_indicators import INDICATORS, THEMES
from enlace.demo.engine.phrases_intake import CLOSERS, NOISE, OPENERS
from enlace.demo.engine.places import Place
from enlace.demo.engine.records import DemoEntity

MAX_SENTENCES = 6
_OPENER_RATE = {
    "operator": 0.7,
    "web_form": 0.5,
    "chat": 0.6,
    "sms": 0.3,
    "quick_report": 0.8,
    "partner_import": 0.9,
}
_CLOSER_RATE = {
    "operator": 0.5,
    "web_form": 0.3,
    "chat": 0.4,
    "sms": 0.2,
    "quick_report": 0.5,
    "partner_import": 0.5,
}
_AMOUNTS = (3000, 4500, 5000, 8000, 12000, 15000, 20000)


def mention(rng: random.Random, entity: DemoEntity, lang: str) -> list[surface.Piece]:
    """The pieces for one entity as a writer in ``lang`` would put it."""
    kind = entity.kind
    if kind in ("person", "vehicle", "online_account"):
        return _BY_LANGUAGE[kind](rng, entity, lang)
    return _PLAIN[kind](rng, entity)


_BY_LANGUAGE = {
    "person": surface.person,
    "vehicle": surface.vehicle,
    "online_account": surface.account,
}
_PLAIN = {
    "phone": surface.phone,
    "email": surface.email,
    "organization": surface.organization,
    "location": surface.location,
}


def _slot(rng: random.Random, entity: DemoEntity, lang: str) -> Slot:
    return lambda: mention(rng, entity, lang)


def _values(rng: random.Random, work: str, minors: bool = True) -> dict[str, str]:
    return {
        "work": work,
        "n": str(rng.randint(8, 16)),
        "age": str(rng.randint(14, 17) if minors else rng.randint(15, 19)),
        "amount": f"{rng.choice(_AMOUNTS):,}",
    }


def _frame(
    rng: random.Random, builder: Builder, channel: str, lang: str, here: Slot, body: int
) -> tuple[bool, bool]:
    """Decides on an opener and a closer within the sentence budget; adds the opener."""
    room = MAX_SENTENCES - body
    opener = room > 0 and rng.random() < _OPENER_RATE[channel]
    closer = room - opener > 0 and rng.random() < _CLOSER_RATE[channel]
    if opener:
        builder.add(rng.choice(OPENERS[channel][lang]), {"here": here}, {})
    return opener, closer


def network_narrative(
    rng: random.Random,
    factory: EntityFactory,
    network: NetworkState,
    plan: Sequence[Member],
    here: Place,
    channel: str,
    lang: str,
) -> tuple[str, list[Span]]:
    theme = THEMES[network.spec.theme]
    builder = Builder(pick_style(rng, channel))
    here_slot = _slot(rng, factory.city(here), lang)
    slots: dict[str, Slot] = {
        "here": here_slot,
        "origin": _slot(rng, factory.city(network.origin), lang),
        "dest": _slot(rng, factory.city(network.dest), lang),
    }
    values = _values(rng, theme.work(lang))
    families = theme.families()
    body: list[tuple[str, dict[str, Slot]]] = []
    for member in plan:
        entity = member.entity
        family = rng.choice(families)
        if entity.kind == "person":
            role = member.role if member.role in ("recruiter", "boss", "driver") else "boss"
            bank, slot = PERSON[(family, role)][lang], "person"
        elif entity.kind == "organization":
            bank, slot = ORG[family][lang], "org"
        else:
            slot = {"online_account": "account", "location": "site"}.get(entity.kind, entity.kind)
            bank = OTHER[slot][lang]
            if slot == "phone" and family == "sex":
                bank = bank + OTHER["phone_sex"][lang]
        body.append((rng.choice(bank), {slot: _slot(rng, entity, lang)}))
    room = MAX_SENTENCES - len(body)
    wanted = rng.choice((0, 1, 1, 2)) if len(body) > 1 else rng.choice((1, 1, 2))
    pool = [s for f in families for s in INDICATORS[f][lang]] + list(theme.extras(lang)) * 2
    for sentence in rng.sample(pool, min(wanted, room, len(pool))):
        body.append((sentence, {}))
    rng.shuffle(body)
    _, closer = _frame(rng, builder, channel, lang, here_slot, len(body))
    for template, own in body:
        builder.add(template, {**slots, **own}, values)
    if closer:
        builder.add(rng.choice(CLOSERS[channel][lang]), {}, {})
    return builder.build()


def noise_narrative(
    rng: random.Random,
    factory: EntityFactory,
    here: Place,
    category: str,
    channel: str,
    lang: str,
    namesakes: Sequence[DemoEntity],
) -> tuple[str, list[Span]]:
    """A tip that belongs to no network; the man and the phone in it are its own."""
    builder = Builder(pick_style(rng, channel))
    here_slot = _slot(rng, factory.city(here), lang)

    def man() -> list[surface.Piece]:
        return mention(rng, _noise_person(rng, factory, here, namesakes), lang)

    def phone() -> list[surface.Piece]:
        return mention(rng, factory.phone(here, "noise"), lang)

    template = rng.choice(NOISE[category][lang])
    _, closer = _frame(rng, builder, channel, lang, here_slot, template.count(". ") + 1)
    slots: dict[str, Slot] = {"here": here_slot, "man": man, "phone": phone}
    builder.add(template, slots, _values(rng, "", minors=False))
    if closer:
        builder.add(rng.choice(CLOSERS[channel][lang]), {}, {})
    return builder.build()


def _noise_person(
    rng: random.Random, factory: EntityFactory, here: Place, namesakes: Sequence[DemoEntity]
) -> DemoEntity:
    roll = rng.random()
    men = [e for e in namesakes if e.attributes["gender"] == "m"]
    if men and roll < 0.3:
        other = rng.choice(men)
        paternal, maternal = str(other.attributes["paternal"]), str(other.attributes["maternal"])
        if roll < 0.08:
            # same given names and first surname: a true namesake, not the same person
            given = other.attributes["given"]
            assert isinstance(given, tuple)
            surnames = (paternal, factory.mx_surname())
            return factory.mx_person("noise", surnames=surnames, given=given, female=False)
        return factory.mx_person("noise", surnames=(paternal, maternal), female=False)
    if here.country == "US" and roll < 0.65:
        return factory.us_person("noise", female=False)
    return factory.mx_person("noise", female=False)
