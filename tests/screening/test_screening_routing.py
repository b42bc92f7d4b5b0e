"""Routing rules as data, the routing decision, and queue order."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from pydantic import ValidationError

from enlace.screening.engine import load_routing, parse_routing, priority_key, route, screen


@pytest.mark.parametrize(
    ("country", "state", "typology", "urgency", "minor", "rule", "agency", "queue"),
    [
        (
            "US",
            "US-FL",
            "labor_trafficking",
            "high",
            False,
            "labor-florida",
            "HSI Tampa",
            "labor-fl",
        ),
        (
            "MX",
            "MX-TLA",
            "sex_trafficking",
            "critical",
            True,
            "minor-sex-tlaxcala",
            "Fiscalía Tlaxcala",
            "menores-tla",
        ),
        (
            "US",
            "US-TX",
            "smuggling",
            "normal",
            False,
            "smuggling-coahuila-texas",
            "CBP Laredo",
            "oasiss",
        ),
        (
            "MX",
            "MX-COA",
            "smuggling",
            "normal",
            False,
            "smuggling-coahuila-texas",
            "CBP Laredo",
            "oasiss",
        ),
        (
            "US",
            "US-CA",
            "labor_trafficking",
            "critical",
            False,
            "critical-supervisors",
            "supervisors",
            "supervisors",
        ),
        ("MX", "MX-TLA", "sex_trafficking", "high", False, "mexico-default", "FGR", "triage-mx"),
        (None, None, "not_trafficking", "low", False, "default", "Enlace triage", "triage"),
    ],
)
def test_example_rules(
    country: str | None,
    state: str | None,
    typology: str,
    urgency: str,
    minor: bool,
    rule: str,
    agency: str,
    queue: str,
) -> None:
    decision = route(
        load_routing(),
        country=country,
        state=state,
        typology=typology,
        urgency=urgency,
        minor=minor,
    )
    assert (decision.rule_id, decision.agency, decision.queue) == (rule, agency, queue)


def test_first_match_by_priority_wins() -> None:
    rules = parse_routing(
        {
            "rules": [
                {
                    "id": "late",
                    "priority": 50,
                    "match": {"country": ["US"]},
                    "agency": "B",
                    "queue": "b",
                },
                {
                    "id": "early",
                    "priority": 5,
                    "match": {"country": ["US"]},
                    "agency": "A",
                    "queue": "a",
                },
                {"id": "default", "priority": 999, "match": {}, "agency": "D", "queue": "d"},
            ]
        }
    )
    decision = route(
        rules, country="US", state=None, typology="smuggling", urgency="low", minor=False
    )
    assert decision.rule_id == "early"


@pytest.mark.parametrize(
    "rules",
    [
        [{"id": "x", "priority": 1, "match": {"country": ["US"]}, "agency": "A", "queue": "a"}],
        [{"id": "d", "priority": 1, "match": {"state": ["Florida"]}, "agency": "A", "queue": "a"}],
        [
            {
                "id": "d",
                "priority": 1,
                "match": {"typology": ["kidnap"]},
                "agency": "A",
                "queue": "a",
            }
        ],
        [{"id": "d", "priority": 1, "match": {}, "agency": "A", "queue": "a", "extra": 1}],
    ],
)
def test_invalid_rules_are_rejected(rules: list[dict[str, object]]) -> None:
    with pytest.raises(ValidationError):
        parse_routing({"rules": rules})


def test_priority_key_orders_by_urgency_then_score_then_age() -> None:
    now = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
    danger = screen("They locked them in and the boss says he will kill them.")
    strong = screen("They keep our passports, we owe 40,000 pesos and they beat us.")
    weak = screen("They keep our passports and we owe the boss money.")
    noise = screen("My dog got out last night.")
    queue = [
        (noise, now),
        (weak, now - timedelta(hours=5)),
        (weak, now - timedelta(hours=1)),
        (strong, now),
        (danger, now),
    ]
    ordered = sorted(queue, key=lambda item: priority_key(*item))
    assert ordered[0][0] is danger
    assert ordered[-1][0] is noise
    weak_items = [when for result, when in ordered if result is weak]
    assert weak_items == sorted(weak_items)
    assert strong.score > weak.score
    assert ordered.index((strong, now)) < ordered.index((weak, now - timedelta(hours=5)))
