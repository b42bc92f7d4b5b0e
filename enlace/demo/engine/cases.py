"""Synthetic demo cases at every stage, from groups of demo reports. Pure: no database, no clock.

Every person here is invented. Defendants are always adults; minors appear only as victims.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from enlace.cases.codes import Stage

# Targets cycle so that any 8 or more groups cover every stage; early stages come up more often.
STAGE_CYCLE: tuple[Stage, ...] = (
    Stage.LEAD,
    Stage.INVESTIGATION,
    Stage.ARRESTS,
    Stage.INDICTMENT,
    Stage.TRIAL,
    Stage.CONVICTION,
    Stage.ACQUITTAL,
    Stage.DISMISSED,
    Stage.INVESTIGATION,
    Stage.LEAD,
    Stage.ARRESTS,
    Stage.CONVICTION,
)
PATH = (Stage.LEAD, Stage.INVESTIGATION, Stage.ARRESTS, Stage.INDICTMENT, Stage.TRIAL)
POLARIS = {
    "sex_trafficking": ("Residential", "Bars, Strip Clubs & Cantinas", "Escort Services"),
    "labor_trafficking": ("Agriculture & Animal Husbandry", "Construction", "Domestic Work"),
    "both": ("Restaurants & Food Service", "Hotels & Hospitality"),
    "smuggling": (None,),
}
CHARGES = {
    "US": ("18 U.S.C. 1591", "18 U.S.C. 1589", "18 U.S.C. 1324", "18 U.S.C. 1594"),
    "MX": (
        "Art. 10 LGPSEDMTP",
        "Art. 13 LGPSEDMTP",
        "Art. 22 LGPSEDMTP",
        "Art. 159 Ley de Migración",
    ),
}
FIRST = (
    "Rogelio",
    "Marisol",
    "Evaristo",
    "Yadira",
    "Bernabé",
    "Karla",
    "Teodoro",
    "Nayeli",
    "Cruz",
    "Dolores",
    "Wilfredo",
    "Jazmín",
    "Heriberto",
    "Araceli",
    "Gumaro",
    "Lizbeth",
)
LAST = (
    "Ocampo",
    "Villalobos",
    "Quintanar",
    "Zepeda",
    "Barragán",
    "Tello",
    "Orozco",
    "Galindo",
    "Arreola",
    "Sandoval",
    "Mejía",
    "Cisneros",
    "Bustos",
    "Roldán",
    "Esquivel",
    "Palacios",
)
NATIONALITIES = ("MX", "MX", "MX", "GT", "HN", "SV", "US")
NEEDS = ("shelter", "medical", "legal", "immigration_relief", "repatriation", "psychological")
CONTROL = (
    "DebtBondage",
    "TakesEarnings",
    "Threats",
    "WithholdsDocuments",
    "RestrictsMovement",
    "FalsePromises",
    "PsychologicalAbuse",
)


@dataclass(frozen=True)
class ReportRef:
    reference: str
    network: str
    typology: str
    state: str | None
    country: str


@dataclass
class DemoDefendant:
    name: str
    sex: str
    nationality: str
    age: int
    roles: list[str]
    charges: list[str]
    arrested_on: date | None = None
    indicted_on: date | None = None
    outcome: str | None = None
    outcome_on: date | None = None
    sentence: str | None = None


@dataclass
class DemoVictim:
    identified_on: date
    age: int
    sex: str
    nationality: str
    languages: list[str]
    needs: list[str]
    name: str
    phone: str
    context: dict[str, list[str]]
    consents: list[tuple[str, date]] = field(default_factory=list)
    # (service, status, reason or None, override kind or None)
    referral: tuple[str, str, str | None, str | None] | None = None

    @property
    def minor(self) -> bool:
        return self.age < 18


@dataclass
class DemoCase:
    key: str
    title: str
    country: str
    state: str | None
    typology: str
    polaris_type: str | None
    report_references: list[str]
    stages: list[tuple[Stage, date]]
    defendants: list[DemoDefendant]
    victims: list[DemoVictim]
    closure_reason: str | None = None


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)} {rng.choice(LAST)}"


def _stages(
    rng: random.Random, target: Stage, opened: date, until: date
) -> list[tuple[Stage, date]]:
    path = [s for s in PATH if PATH.index(s) <= PATH.index(target)] if target in PATH else [*PATH]
    if target == Stage.DISMISSED:
        path = path[: rng.randint(2, 4)]
    if target not in PATH:
        path.append(target)
    out, day = [], opened
    for stage in path:
        out.append((stage, min(day, until)))
        day += timedelta(days=rng.randint(15, 60))
    return out


def _defendants(
    rng: random.Random, country: str, stages: list[tuple[Stage, date]]
) -> list[DemoDefendant]:
    reached = dict(stages)
    people = []
    for _ in range(rng.randint(1, 3)):
        d = DemoDefendant(
            name=_name(rng),
            sex=rng.choice(("male", "male", "female")),
            nationality=country if rng.random() < 0.7 else rng.choice(NATIONALITIES),
            age=rng.randint(21, 58),  # adults only: a minor is never a defendant
            roles=[rng.choice(("RecruiterOrIntermediary", "Exploiter", "Transporter", "Smuggler"))],
            charges=[rng.choice(CHARGES[country])],
        )
        d.arrested_on = reached.get(Stage.ARRESTS)
        d.indicted_on = reached.get(Stage.INDICTMENT)
        for verdict, outcome in ((Stage.CONVICTION, "convicted"), (Stage.ACQUITTAL, "acquitted")):
            if verdict in reached:
                d.outcome, d.outcome_on = outcome, reached[verdict]
                d.sentence = f"{rng.randint(5, 25)} años" if outcome == "convicted" else None
        people.append(d)
    return people


def _victims(rng: random.Random, stages: list[tuple[Stage, date]]) -> list[DemoVictim]:
    if len(stages) < 2:
        return []  # a lead has no identified victims yet
    found = stages[1][1]
    out = []
    for _ in range(rng.randint(1, 3)):
        age = rng.randint(14, 40)
        nationality = rng.choice(NATIONALITIES)
        v = DemoVictim(
            identified_on=found,
            age=age,
            sex=rng.choice(("female", "female", "male")),
            nationality=nationality,
            languages=["es"] + (["en"] if nationality == "US" else []),
            needs=rng.sample(NEEDS, rng.randint(1, 3)),
            name=_name(rng),
            phone=f"+52 55 {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}",
            context={"MethodsOfControl": rng.sample(CONTROL, 2)},
        )
        roll = rng.random()
        if roll < 0.75:
            v.consents = [("manage_data", found), ("referral", found)]
            status = rng.choice(("sent", "accepted", "accepted", "delivered", "rejected"))
            reason = "Sin cupo / no beds available" if status == "rejected" else None
            v.referral = (v.needs[0], status, reason, None)
        elif v.minor:
            v.referral = ("shelter", "accepted", None, "minor_at_risk")
        out.append(v)
    return out


def generate(refs: Sequence[ReportRef], seed: int, *, until: date) -> list[DemoCase]:
    """One case per network of reports, stages cycling so every stage is present."""
    groups: dict[str, list[ReportRef]] = {}
    for ref in refs:
        groups.setdefault(ref.network, []).append(ref)
    cases = []
    for n, (key, members) in enumerate(sorted(groups.items())):
        rng = random.Random(f"{seed}:{key}")  # noqa: S311 - synthetic data, not secrets
        first = members[0]
        target = STAGE_CYCLE[n % len(STAGE_CYCLE)]
        opened = until - timedelta(days=rng.randint(120, 700))
        stages = _stages(rng, target, opened, until)
        cases.append(
            DemoCase(
                key=key,
                title=f"{first.state or first.country} · {key}",
                country=first.country,
                state=first.state,
                typology=first.typology,
                polaris_type=rng.choice(POLARIS.get(first.typology, (None,))),
                report_references=[m.reference for m in members[:8]],
                stages=stages,
                defendants=_defendants(rng, first.country, stages) if len(stages) > 1 else [],
                victims=_victims(rng, stages),
                closure_reason={
                    "dismissed": "dismissed_by_court",
                    "conviction": "convicted",
                    "acquittal": "acquitted",
                }.get(stages[-1][0].value),
            )
        )
    return cases
