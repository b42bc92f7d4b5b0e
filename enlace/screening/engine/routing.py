"""Routing rules as data: which agency queue a screened report goes to, and why."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from enlace.screening.engine.catalog import TYPOLOGY_CODES
from enlace.screening.engine.result import URGENCIES

ROUTING_PATH = Path(__file__).with_name("routing.yaml")

Urgency = Literal["critical", "high", "normal", "low"]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class RuleMatch(_Model):
    """Conditions of a rule; an empty or missing field matches any value."""

    country: tuple[str, ...] = ()
    state: tuple[str, ...] = ()
    typology: tuple[str, ...] = ()
    urgency: tuple[Urgency, ...] = ()
    minor: bool | None = None

    @field_validator("country")
    @classmethod
    def _alpha2(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for code in value:
            if len(code) != 2 or not code.isalpha() or not code.isupper():
                raise ValueError(f"country must be ISO 3166-1 alpha-2, got {code!r}")
        return value

    @field_validator("state")
    @classmethod
    def _iso_3166_2(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for code in value:
            country, _, sub = code.partition("-")
            if len(country) != 2 or not sub or not code.isupper():
                raise ValueError(f"state must be ISO 3166-2 like 'US-FL', got {code!r}")
        return value

    @field_validator("typology")
    @classmethod
    def _typology(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        unknown = set(value) - set(TYPOLOGY_CODES)
        if unknown:
            raise ValueError(f"unknown typology codes {sorted(unknown)}")
        return value


class RoutingRule(_Model):
    id: str = Field(min_length=1)
    priority: int
    match: RuleMatch = RuleMatch()
    agency: str = Field(min_length=1)
    queue: str = Field(min_length=1)


class RoutingRules(_Model):
    version: str = "1"
    rules: tuple[RoutingRule, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _has_default(self) -> RoutingRules:
        ids = [r.id for r in self.rules]
        if len(ids) != len(set(ids)):
            raise ValueError("rule ids must be unique")
        if not any(r.match == RuleMatch() for r in self.rules):
            raise ValueError("a default rule with an empty match is required")
        return self

    def ordered(self) -> tuple[RoutingRule, ...]:
        return tuple(sorted(self.rules, key=lambda r: (r.priority, r.id)))


@dataclass(frozen=True)
class RoutingDecision:
    rule_id: str
    queue: str
    agency: str


def _matches(match: RuleMatch, values: dict[str, object]) -> bool:
    for field_name in ("country", "state", "typology", "urgency"):
        allowed = getattr(match, field_name)
        if allowed and values[field_name] not in allowed:
            return False
    return match.minor is None or match.minor == values["minor"]


def route(
    rules: RoutingRules | Sequence[RoutingRule],
    *,
    country: str | None,
    state: str | None,
    typology: str,
    urgency: str,
    minor: bool,
) -> RoutingDecision:
    """The first rule by priority whose conditions all hold."""
    if urgency not in URGENCIES:
        raise ValueError(f"unknown urgency {urgency!r}")
    ordered = (
        rules.ordered()
        if isinstance(rules, RoutingRules)
        else tuple(sorted(rules, key=lambda r: (r.priority, r.id)))
    )
    values: dict[str, object] = {
        "country": (country or "").upper() or None,
        "state": (state or "").upper() or None,
        "typology": typology,
        "urgency": urgency,
        "minor": minor,
    }
    for rule in ordered:
        if _matches(rule.match, values):
            return RoutingDecision(rule.id, rule.queue, rule.agency)
    raise LookupError("no routing rule matched; the rule set needs a default rule")


def parse_routing(data: object) -> RoutingRules:
    return RoutingRules.model_validate(data)


def read_routing(path: Path) -> RoutingRules:
    with path.open(encoding="utf-8") as handle:
        return parse_routing(yaml.safe_load(handle))


@lru_cache(maxsize=1)
def load_routing() -> RoutingRules:
    """The example rules shipped with the package."""
    return read_routing(ROUTING_PATH)
