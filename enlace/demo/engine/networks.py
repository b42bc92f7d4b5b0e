"""The networks behind the demo tips: who they are, where they recruit and exploit."""

from __future__ import annotations

from dataclasses import dataclass, field

from enlace.demo.engine.entities import EntityFactory
from enlace.demo.engine.network_specs import NetworkSpec
from enlace.demo.engine.places import PLACES, Place
from enlace.demo.engine.records import DemoEntity
from enlace.demo.engine.surface import strip_accents

_VEHICLE_THEMES = {
    "smuggling",
    "agriculture",
    "construction",
    "truckstop",
    "landscaping",
    "sales_crew",
}
ENTITY_WEIGHT = {
    "person": 1.0, "phone": 1.0, "vehicle": 0.6, "organization": 0.6,
    "email": 0.4, "online_account": 0.8, "location": 0.7,
}  # fmt: skip


@dataclass
class Member:
    """An entity of a network, with the place it is usually reported from."""

    entity: DemoEntity
    home: str  # "origin" or "dest"
    role: str = ""

    @property
    def weight(self) -> float:
        return ENTITY_WEIGHT[self.entity.kind] * (1.2 if self.role == "boss" else 1.0)


@dataclass
class NetworkState:
    key: str
    spec: NetworkSpec
    members: list[Member] = field(default_factory=list)

    @property
    def origin(self) -> Place:
        return PLACES[self.spec.origin]

    @property
    def dest(self) -> Place:
        return PLACES[self.spec.dest]


def build_network(factory: EntityFactory, key: str, spec: NetworkSpec, limit: int) -> NetworkState:
    """Creates a network's people, phones, vehicles and other entities (at most ``limit``)."""
    rng = factory.rng
    state = NetworkState(key, spec)
    origin, dest = PLACES[spec.origin], PLACES[spec.dest]

    def person(role: str, home: str) -> DemoEntity:
        us = spec.people == "us" or (
            spec.people == "mixed" and home == "dest" and rng.random() < 0.5
        )
        # recruiter and driver sentences speak of a man (the boyfriend, the driver)
        female = None if role == "boss" else False
        if us:
            return factory.us_person(role, female=female)
        return factory.mx_person(role, female=female)

    recruiter = person("recruiter", "origin")
    boss = person("boss", "dest")
    core = [Member(recruiter, "origin", "recruiter"), Member(boss, "dest", "boss")]
    extras: list[Member] = [Member(factory.phone(origin, "recruiter"), "origin")]
    extras.append(Member(factory.phone(dest, "boss"), "dest"))
    if rng.random() < 0.7:
        extras.append(Member(person("driver", "dest"), "dest", "driver"))
    if rng.random() < 0.5 and boss.attributes["origin"] == "mx":
        # a sibling of the boss: same surnames, a different person
        sib = factory.mx_person(
            "boss", surnames=(str(boss.attributes["paternal"]), str(boss.attributes["maternal"]))
        )
        extras.append(Member(sib, "dest", "boss"))
    elif rng.random() < 0.5:
        extras.append(Member(person("recruiter", "origin"), "origin", "recruiter"))
    extras.append(Member(factory.site(dest), "dest"))
    if rng.random() < 0.5 and origin.key != dest.key:
        extras.append(Member(factory.site(origin), "origin"))
    vehicles = (
        (1 + (rng.random() < 0.5)) if spec.theme in _VEHICLE_THEMES else int(rng.random() < 0.4)
    )
    for _ in range(vehicles):
        place, home = (origin, "origin") if rng.random() < 0.3 else (dest, "dest")
        extras.append(Member(factory.vehicle(place), home))
    for pattern, legal, spanish in spec.orgs:
        extras.append(Member(factory.organization(pattern, legal=legal, spanish=spanish), "dest"))
    stem = _stem(spec, recruiter)
    if spec.email:
        extras.append(Member(factory.email(stem.replace(" ", "."), origin.country), "origin"))
    for platform in spec.platforms:
        extras.append(Member(factory.account(platform, stem), "origin"))
    if rng.random() < 0.4:
        extras.append(Member(factory.phone(dest, "driver"), "dest"))
    rng.shuffle(extras)
    # Entities beyond the limit are still registered but stay out of the network.
    state.members = core + extras[: max(0, limit - len(core))]
    return state


def _stem(spec: NetworkSpec, recruiter: DemoEntity) -> str:
    if spec.theme in ("escort", "webcam", "pornography", "massage"):
        given = recruiter.attributes["given"]
        assert isinstance(given, tuple)
        return strip_accents(str(given[0])).lower() + " vip"
    if spec.typology == "smuggling":
        return "viajes seguros"
    return "empleos usa" if PLACES[spec.dest].country == "US" else "empleo seguro"
