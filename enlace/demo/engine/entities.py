"""Creates entities with canonical values and keeps them unique across the data set."""

from __future__ import annotations

import random
from types import MappingProxyType

from faker import Faker

from enlace.demo.engine import vocabulary as voc
from enlace.demo.engine.places import Place
from enlace.demo.engine.records import DemoEntity, EntityKind


def mx_mobile(rng: random.Random, area: str) -> str:
    """A Mexican ten-digit number in E.164 (area code plus subscriber digits)."""
    rest = 10 - len(area)
    return "+52" + area + str(rng.randint(2, 9)) + _digits(rng, rest - 1)


def us_phone(rng: random.Random, area: str) -> str:
    """A NANP number in E.164; the exchange avoids N11 and 555."""
    while True:
        exchange = str(rng.randint(2, 9)) + _digits(rng, 2)
        if exchange[1:] != "11" and exchange != "555":
            return "+1" + area + exchange + _digits(rng, 4)


def _digits(rng: random.Random, n: int) -> str:
    return "".join(str(rng.randint(0, 9)) for _ in range(n))


def _letters(rng: random.Random, n: int) -> str:
    # I, O and Q are avoided on plates in both countries
    return "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(n))


class EntityFactory:
    """Makes entities; one instance per generation run so keys stay deterministic."""

    def __init__(self, rng: random.Random, fake_mx: Faker, fake_us: Faker) -> None:
        self.rng = rng
        self.fake_mx = fake_mx
        self.fake_us = fake_us
        self.entities: list[DemoEntity] = []
        self._seen: set[tuple[str, str]] = set()
        self._counts: dict[str, int] = {}
        self._city_keys: dict[str, str] = {}

    def add(self, kind: EntityKind, canonical: str, **attributes: object) -> DemoEntity | None:
        """Registers an entity, or returns None if that canonical value is taken."""
        if (kind, canonical) in self._seen:
            return None
        self._seen.add((kind, canonical))
        n = self._counts.get(kind, 0) + 1
        self._counts[kind] = n
        entity = DemoEntity(f"{kind}-{n:04d}", kind, canonical, MappingProxyType(attributes))
        self.entities.append(entity)
        return entity

    # --- people -----------------------------------------------------------------

    def mx_person(
        self,
        role: str,
        *,
        surnames: tuple[str, str] | None = None,
        female: bool | None = None,
        alias_rate: float = 0.45,
        given: tuple[str, ...] | None = None,
    ) -> DemoEntity:
        rng = self.rng
        while True:
            fem = rng.random() < 0.3 if female is None else female
            names = given or self._mx_given(fem)
            paternal, maternal = surnames or (self.mx_surname(), self.mx_surname())
            alias = None
            if rng.random() < alias_rate:
                alias = rng.choice(voc.ALIASES_FEMALE if fem else voc.ALIASES_MALE)
            canonical = " ".join((*names, paternal, maternal))
            entity = self.add(
                "person",
                canonical,
                given=names,
                paternal=paternal,
                maternal=maternal,
                alias=alias,
                gender="f" if fem else "m",
                role=role,
                origin="mx",
            )
            if entity is not None:
                return entity
            given = None  # a namesake request that collided: vary the given names

    def us_person(
        self, role: str, *, alias_rate: float = 0.25, female: bool | None = None
    ) -> DemoEntity:
        while True:
            fem = self.rng.random() < 0.4 if female is None else female
            first = self.fake_us.first_name_female() if fem else self.fake_us.first_name_male()
            if self.rng.random() < 0.4:
                first = self.rng.choice(voc.US_FEMALE_WITH_SHORT if fem else voc.US_MALE_WITH_SHORT)
            last = self.fake_us.last_name()
            alias = self.rng.choice(voc.ALIASES_US) if self.rng.random() < alias_rate else None
            entity = self.add(
                "person",
                f"{first} {last}",
                given=(first,),
                paternal=last,
                maternal="",
                alias=alias,
                gender="f" if fem else "m",
                role=role,
                origin="us",
            )
            if entity is not None:
                return entity

    def _mx_given(self, female: bool) -> tuple[str, ...]:
        rng = self.rng
        if rng.random() < 0.3:
            first = self.fake_mx.first_name_female() if female else self.fake_mx.first_name_male()
        else:
            first = rng.choice(voc.MX_GIVEN_FEMALE if female else voc.MX_GIVEN_MALE)
        first = first.split()[0]
        if rng.random() < 0.35:
            second = rng.choice(voc.MX_SECOND_GIVEN)
            if second != first:
                return (first, second)
        return (first,)

    def mx_surname(self) -> str:
        if self.rng.random() < 0.45:
            return self.rng.choice(voc.COMMON_MX_SURNAMES)
        return str(self.fake_mx.last_name()).split()[-1]

    # --- contact points -----------------------------------------------------------

    def phone(self, place: Place, role: str) -> DemoEntity:
        while True:
            area = self.rng.choice(place.area_codes)
            number = (
                us_phone(self.rng, area) if place.country == "US" else mx_mobile(self.rng, area)
            )
            entity = self.add("phone", number, country=place.country, role=role)
            if entity is not None:
                return entity

    def email(self, stem: str, country: str) -> DemoEntity:
        domains = voc.EMAIL_DOMAINS_MX if country == "MX" else voc.EMAIL_DOMAINS_US
        while True:
            address = f"{stem}{self.rng.randint(10, 9999)}@{self.rng.choice(domains)}"
            entity = self.add("email", address.lower())
            if entity is not None:
                return entity

    def account(self, platform: str, stem: str) -> DemoEntity:
        while True:
            sep = self.rng.choice(("_", ".", ""))
            handle = f"{stem.replace(' ', sep)}{sep}{self.rng.randint(1, 999)}".lower()
            entity = self.add("online_account", f"{platform}:{handle}", platform=platform)
            if entity is not None:
                return entity

    def vehicle(self, place: Place) -> DemoEntity:
        rng = self.rng
        while True:
            make, model, body = rng.choice(voc.VEHICLES)
            colour = rng.choice(voc.COLOURS)
            if place.country == "MX":
                plate = _letters(rng, 3) + _digits(rng, 3) + _letters(rng, 1)
            elif place.state == "US-CA":
                plate = str(rng.randint(5, 9)) + _letters(rng, 3) + _digits(rng, 3)
            else:
                plate = _letters(rng, 3) + _digits(rng, 4)
            entity = self.add(
                "vehicle",
                f"{place.plate_region}:{plate}",
                plate=plate,
                region=place.plate_region,
                region_name=place.state_name,
                make=make,
                model=model,
                body=body,
                colour=colour[0],
                colour_es=colour[1:],
                year=rng.randint(2004, 2023),
            )
            if entity is not None:
                return entity

    # --- places and organisations -------------------------------------------------

    def city(self, place: Place) -> DemoEntity:
        """The shared entity for a city; every network and tip in it points here."""
        key = self._city_keys.get(place.key)
        if key is not None:
            return next(e for e in self.entities if e.key == key)
        entity = self.add(
            "location",
            place.canonical,
            scope="city",
            city=place.city,
            abbr=place.state_abbr,
            country=place.country,
            state=place.state,
            lat=place.lat,
            lon=place.lon,
        )
        assert entity is not None
        self._city_keys[place.key] = entity.key
        return entity

    def site(self, place: Place) -> DemoEntity:
        """A specific address in a city (a house, a farm camp, a stash house)."""
        rng = self.rng
        while True:
            if place.country == "MX":
                street = f"{rng.choice(voc.MX_STREET_TYPES)} {rng.choice(voc.MX_STREETS)}"
                number = str(rng.randint(1, 480))
                line, short = f"{street} {number}", f"{street.split(' ', 1)[1]} #{number}"
            else:
                name, long_type, short_type = rng.choice(voc.US_STREETS)
                number = (
                    f"{rng.randint(10, 199)}-{rng.randint(10, 99)}"
                    if place.key
                    in (
                        "queens",
                        "brooklyn",
                    )
                    else str(rng.randint(100, 9800))
                )
                line, short = f"{number} {name} {long_type}", f"{number} {name} {short_type}"
            entity = self.add(
                "location",
                f"{line}, {place.city}, {place.state_name}",
                scope="address",
                street=line,
                short=short,
                city=place.city,
                country=place.country,
                state=place.state,
                lat=round(place.lat + rng.uniform(-0.03, 0.03), 5),
                lon=round(place.lon + rng.uniform(-0.03, 0.03), 5),
            )
            if entity is not None:
                return entity

    def organization(self, pattern: str, *, legal: str = "", spanish: bool = True) -> DemoEntity:
        words = voc.ORG_WORDS_ES if spanish else voc.ORG_WORDS_EN
        while True:
            base = pattern.format(w=self.rng.choice(words))
            canonical = f"{base} {legal}".strip()
            entity = self.add("organization", canonical, base=base, legal=legal)
            if entity is not None:
                return entity
