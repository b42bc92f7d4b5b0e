"""Orchestrates one demo data set: networks, tip drafts in time order, narratives."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from faker import Faker

from enlace.demo.engine import agencies
from enlace.demo.engine.compose import MAX_SENTENCES, network_narrative, noise_narrative
from enlace.demo.engine.entities import EntityFactory, mx_mobile, us_phone
from enlace.demo.engine.network_specs import SPECS
from enlace.demo.engine.networks import Member, NetworkState, build_network
from enlace.demo.engine.places import MX_PLACES, US_PLACES, Place
from enlace.demo.engine.records import (
    Channel,
    DemoContact,
    DemoDataset,
    DemoMention,
    DemoNetwork,
    DemoReport,
    Language,
    Relationship,
    ReportStatus,
)

NOISE_SHARE = 0.25
WINDOW_DAYS = 3 * 365
_CHANNELS: tuple[Channel, ...] = (
    "web_form",
    "operator",
    "chat",
    "sms",
    "quick_report",
    "partner_import",
)
_CHANNEL_WEIGHTS = (30, 25, 12, 10, 8, 15)
_NOISE_CATEGORIES = {
    "domestic_violence": 5, "labor_dispute": 5, "vague_sighting": 5, "smuggling_only": 3,
    "runaway_found": 2, "fraud": 2, "info_request": 1,
}  # fmt: skip
_ANONYMOUS_RATE = {
    "web_form": 0.5,
    "operator": 0.35,
    "chat": 0.5,
    "sms": 0.6,
    "quick_report": 0.3,
    "partner_import": 0.0,
}


@dataclass
class _Draft:
    received_at: datetime
    place: Place
    channel: Channel
    network: NetworkState | None = None
    plan: tuple[Member, ...] = ()
    category: str = ""


def generate(
    seed: int = 2026, n_reports: int = 2400, reference_date: date = date(2026, 11, 1)
) -> DemoDataset:
    """Builds the whole demo data set; the same arguments always give the same data."""
    if n_reports < 4 * len(SPECS):
        raise ValueError(f"n_reports must be at least {4 * len(SPECS)}")
    rng = random.Random(seed)  # noqa: S311 - reproducible demo data, not secrets
    fake_mx, fake_us = Faker("es_MX"), Faker("en_US")
    fake_mx.seed_instance(seed)
    fake_us.seed_instance(seed + 1)
    factory = EntityFactory(rng, fake_mx, fake_us)
    end = datetime.combine(reference_date, time(), tzinfo=UTC)
    start = end - timedelta(days=WINDOW_DAYS)

    counts = _allocate(rng, round(n_reports * (1 - NOISE_SHARE)))
    drafts: list[_Draft] = []
    networks: list[NetworkState] = []
    for index, (spec, count) in enumerate(zip(SPECS, counts, strict=True)):
        limit = max(4, min(14, count * 6 // 5))
        state = build_network(factory, f"net-{index + 1:02d}", spec, limit)
        networks.append(state)
        drafts.extend(_network_drafts(rng, state, count, start))
    namesakes = [m.entity for n in networks for m in n.members if m.entity.kind == "person"]
    namesakes = [e for e in namesakes if e.attributes["origin"] == "mx"]
    drafts.extend(_noise_drafts(rng, n_reports - len(drafts), start))
    drafts.sort(key=lambda d: d.received_at)

    reports: list[DemoReport] = []
    mentions: list[DemoMention] = []
    by_network: dict[str, list[str]] = {n.key: [] for n in networks}
    kinds = {e.key: e for e in factory.entities}
    for number, draft in enumerate(drafts, start=1):
        key = f"rpt-{number:05d}"
        lang = _language(rng, draft)
        if draft.network is not None:
            text, spans = network_narrative(
                rng, factory, draft.network, draft.plan, draft.place, draft.channel, lang
            )
            by_network[draft.network.key].append(key)
        else:
            text, spans = noise_narrative(
                rng, factory, draft.place, draft.category, draft.channel, lang, namesakes
            )
        kinds.update({e.key: e for e in factory.entities[len(kinds) :]})
        for span in spans:
            entity = kinds[span.entity_key]
            mentions.append(
                DemoMention(
                    key, entity.kind, span.text, span.start, span.end, entity.canonical, entity.key
                )
            )
        reports.append(_report(rng, fake_mx, fake_us, key, draft, lang, text, end))

    mentioned = {m.entity_key for m in mentions}
    return DemoDataset(
        agencies=agencies.AGENCIES,
        users=agencies.USERS,
        reports=tuple(reports),
        entities=tuple(e for e in factory.entities if e.key in mentioned),
        mentions=tuple(mentions),
        networks=tuple(
            DemoNetwork(
                key=n.key,
                name=n.spec.name,
                typology=n.spec.typology,
                polaris_type=n.spec.polaris,
                description=_describe(n),
                report_keys=tuple(by_network[n.key]),
                entity_keys=tuple(m.entity.key for m in n.members),
            )
            for n in networks
        ),
        seed=seed,
        reference_date=reference_date,
    )


def _allocate(rng: random.Random, total: int) -> list[int]:
    """Splits ``total`` tips over the networks, unevenly, at least four each."""
    weights = [s.weight * rng.uniform(0.6, 1.4) for s in SPECS]
    spare = total - 4 * len(SPECS)
    shares = [w / sum(weights) * spare for w in weights]
    counts = [4 + int(s) for s in shares]
    order = sorted(range(len(SPECS)), key=lambda i: shares[i] - int(shares[i]), reverse=True)
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


def _network_drafts(
    rng: random.Random, state: NetworkState, count: int, start: datetime
) -> list[_Draft]:
    span = rng.randint(240, 900)
    begin = start + timedelta(days=rng.randint(0, WINDOW_DAYS - span))
    same_place = state.origin.key == state.dest.key
    drafts: list[_Draft] = []
    for _ in range(count):
        home = "dest" if same_place or rng.random() < 0.65 else "origin"
        place = state.dest if home == "dest" else state.origin
        weights = list(_CHANNEL_WEIGHTS)
        if state.spec.theme == "truckstop":
            weights[4] = 45
        if place.country == "MX":
            weights[4] = 3
        channel = rng.choices(_CHANNELS, weights)[0]
        size_choices = (1, 2) if channel in ("sms", "quick_report") else (1, 2, 2, 3, 3, 4)
        members = list(state.members)
        plan: list[Member] = []
        for _ in range(min(rng.choice(size_choices), len(members))):
            w = [m.weight * (2.5 if m.home == home else 1.0) for m in members]
            plan.append(members.pop(rng.choices(range(len(members)), w)[0]))
        received = begin + timedelta(seconds=rng.randint(0, span * 86400))
        drafts.append(_Draft(received, place, channel, state, tuple(plan)))
    _cover(rng, state, drafts)
    return drafts


def _cover(rng: random.Random, state: NetworkState, drafts: list[_Draft]) -> None:
    """Makes sure every member is mentioned in at least two tips of its network."""
    for member in state.members:
        holders = sum(member in d.plan for d in drafts)
        while holders < 2:
            free = [d for d in drafts if member not in d.plan and len(d.plan) < MAX_SENTENCES - 1]
            smallest = min(len(d.plan) for d in free)
            target = rng.choice([d for d in free if len(d.plan) == smallest])
            target.plan = (*target.plan, member)
            holders += 1


def _noise_drafts(rng: random.Random, count: int, start: datetime) -> list[_Draft]:
    categories = list(_NOISE_CATEGORIES)
    drafts = []
    for _ in range(count):
        place = rng.choice(US_PLACES if rng.random() < 0.55 else MX_PLACES)
        channel = rng.choices(_CHANNELS, (30, 30, 12, 12, 3, 13))[0]
        category = rng.choices(categories, list(_NOISE_CATEGORIES.values()))[0]
        received = start + timedelta(seconds=rng.randint(0, WINDOW_DAYS * 86400))
        drafts.append(_Draft(received, place, channel, category=category))
    return drafts


def _language(rng: random.Random, draft: _Draft) -> Language:
    if draft.place.country == "MX":
        return "en" if rng.random() < 0.06 else "es"
    spanish = 0.15 if draft.channel in ("quick_report", "partner_import") else 0.35
    if draft.network is not None and draft.network.spec.people == "us":
        spanish = 0.05
    return "es" if rng.random() < spanish else "en"


def _report(
    rng: random.Random,
    fake_mx: Faker,
    fake_us: Faker,
    key: str,
    draft: _Draft,
    lang: Language,
    narrative: str,
    end: datetime,
) -> DemoReport:
    place = draft.place
    age = (end - draft.received_at).days
    status: ReportStatus
    if age < 45:
        status = rng.choices(("new", "triaged", "in_review"), (5, 3, 2))[0]
    elif age < 180:
        status = rng.choices(("new", "triaged", "in_review", "closed"), (1, 3, 4, 2))[0]
    else:
        status = rng.choices(("triaged", "in_review", "closed"), (1, 3, 6))[0]
    agency: str | None = agencies.receiving_agency(rng, draft.channel, place)
    if status == "new" and draft.channel == "web_form" and rng.random() < 0.5:
        agency = None
    has_coords = rng.random() < (0.5 if draft.channel == "sms" else 0.85)
    incident = None
    if rng.random() < 0.7:
        incident = draft.received_at - timedelta(minutes=rng.randint(30, 45 * 24 * 60))
    anonymous = rng.random() < _ANONYMOUS_RATE[draft.channel]
    contact = None if anonymous else _contact(rng, fake_mx, fake_us, draft, lang)
    return DemoReport(
        key=key,
        channel=draft.channel,
        received_at=draft.received_at,
        language=lang,
        anonymous=anonymous,
        narrative=narrative,
        country=place.country,
        state=place.state,
        city=place.city,
        latitude=round(place.lat + rng.gauss(0, 0.02), 5) if has_coords else None,
        longitude=round(place.lon + rng.gauss(0, 0.02), 5) if has_coords else None,
        incident_at=incident,
        status=status,
        agency_key=agency,
        contact=contact,
    )


def _contact(
    rng: random.Random, fake_mx: Faker, fake_us: Faker, draft: _Draft, lang: Language
) -> DemoContact:
    fake = fake_mx if lang == "es" else fake_us
    name = str(fake.name())
    area = rng.choice(draft.place.area_codes)
    phone = us_phone(rng, area) if draft.place.country == "US" else mx_mobile(rng, area)
    email = str(fake.free_email()) if rng.random() < 0.4 else None
    relationship: Relationship
    if draft.channel == "partner_import":
        relationship = rng.choice(("professional", "victim"))
    elif draft.channel == "quick_report":
        relationship = "witness"
    else:
        relationship = rng.choices(
            ("victim", "family", "witness", "anonymous_other"), (2, 4, 4, 1)
        )[0]
    return DemoContact(name, phone if rng.random() < 0.85 else None, email, relationship)


def _describe(state: NetworkState) -> str:
    spec = state.spec
    kind = spec.polaris or "Migrant smuggling"
    if state.origin.key == state.dest.key:
        return f"{kind}: recruits and operates in {state.dest.canonical}."
    verb = "moves people from" if spec.typology == "smuggling" else "recruits in"
    return f"{kind}: {verb} {state.origin.canonical} to {state.dest.canonical}."
