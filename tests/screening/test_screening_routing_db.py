"""Routing rules in the database: seeded from the shipped file, edited only into a valid set."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from enlace.errors import ValidationFailedError
from enlace.screening import results as screening
from enlace.screening import rules as routing
from enlace.screening.engine import load_routing
from enlace.screening.tables import RoutingRule
from enlace.security.tables import AuditEvent, Role
from tests.screening.conftest import LABOR_FL, add_user, tip


def _rule(session: Session, key: str) -> RoutingRule:
    return session.scalars(select(RoutingRule).where(RoutingRule.key == key)).one()


def _input(row: RoutingRule, **changes: object) -> routing.RuleInput:
    values: dict[str, object] = {
        "key": row.key,
        "priority": row.priority,
        "queue": row.queue,
        "agency": row.agency,
        "countries": tuple(row.countries),
        "states": tuple(row.states),
        "typologies": tuple(row.typologies),
        "urgencies": tuple(row.urgencies),
        "minor": row.minor,
        "active": row.active,
    }
    values.update(changes)
    return routing.RuleInput(**values)  # type: ignore[arg-type]


def test_the_shipped_rules_are_seeded_once_and_route_like_the_file(session: Session) -> None:
    assert routing.seed_rules(session) == len(load_routing().rules)
    assert routing.seed_rules(session) == 0
    assert routing.current_rules(session).ordered() == load_routing().ordered()


def test_a_supervisors_change_applies_to_the_next_screening_and_is_audited(
    session: Session,
) -> None:
    sofia = add_user(session, Role.SUPERVISOR, "sofia")
    routing.seed_rules(session)
    row = _rule(session, "labor-florida")
    routing.save_rule(session, sofia, _input(row, agency="HSI Miami", queue="labor-mia"), row.id)
    report = tip(session, LABOR_FL, state="US-FL")
    stored = screening.screen_report(session, report)
    assert (stored.routing_rule, stored.routed_agency, stored.routed_queue) == (
        "labor-florida",
        "HSI Miami",
        "labor-mia",
    )
    event = session.scalars(
        select(AuditEvent).where(AuditEvent.action == "routing.rule_changed")
    ).one()
    assert event.user_id == sofia.id and event.object_id == "labor-florida"
    assert event.details["before"]["agency"] == "HSI Tampa"
    assert event.details["after"]["agency"] == "HSI Miami"


def test_a_new_rule_takes_precedence_by_priority(session: Session) -> None:
    sofia = add_user(session, Role.SUPERVISOR, "sofia")
    routing.seed_rules(session)
    routing.save_rule(
        session,
        sofia,
        routing.RuleInput(
            key="texas-labor",
            priority=25,
            queue="labor-tx",
            agency="HSI Houston",
            states=("US-TX",),
            typologies=("labor_trafficking",),
        ),
    )
    report = tip(session, LABOR_FL, state="US-TX")
    assert screening.screen_report(session, report).routing_rule == "texas-labor"
    assert (
        session.scalars(select(AuditEvent).where(AuditEvent.action == "routing.rule_created"))
        .one()
        .object_id
        == "texas-labor"
    )


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"states": ("Florida",)}, "states"),
        ({"countries": ("USA",)}, "countries"),
        ({"typologies": ("robbery",)}, "typologies"),
    ],
)
def test_an_invalid_rule_is_refused_with_the_field(
    session: Session, changes: dict[str, object], field: str
) -> None:
    sofia = add_user(session, Role.SUPERVISOR, "sofia")
    routing.seed_rules(session)
    row = _rule(session, "labor-florida")
    with pytest.raises(ValidationFailedError) as caught:
        routing.save_rule(session, sofia, _input(row, **changes), row.id)
    assert caught.value.errors[0]["field"] == field


def test_the_last_default_rule_cannot_be_removed_disabled_or_narrowed(session: Session) -> None:
    sofia = add_user(session, Role.SUPERVISOR, "sofia")
    routing.seed_rules(session)
    default = _rule(session, "default")
    with pytest.raises(ValidationFailedError):
        routing.delete_rule(session, sofia, default.id)
    for change in ({"active": False}, {"countries": ("US",)}):
        with pytest.raises(ValidationFailedError):
            routing.save_rule(session, sofia, _input(default, **change), default.id)
    # Refused edits change nothing: every report still finds a rule.
    assert session.get(RoutingRule, default.id) is not None
    assert (default.active, default.countries) == (True, [])
    assert routing.current_rules(session).ordered() == load_routing().ordered()


def test_a_rule_id_must_be_unique(session: Session) -> None:
    sofia = add_user(session, Role.SUPERVISOR, "sofia")
    routing.seed_rules(session)
    with pytest.raises(ValidationFailedError) as caught:
        routing.save_rule(
            session,
            sofia,
            routing.RuleInput(key="default", priority=5, queue="q", agency="a"),
        )
    assert caught.value.errors[0]["field"] == "key"
