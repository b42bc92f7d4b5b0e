"""Routing rules kept in the database: seeded from the shipped file, edited by supervisors.

The rows are turned into the pure engine's rules (``screening.engine.routing``) and checked by the
same schema, so a supervisor's edit that would break the rule set (an unknown typology, a state
that is not ISO 3166-2, no default rule left) is refused with the reason. Every change is audited.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from enlace.errors import NotFoundError, ValidationFailedError
from enlace.intake.tables import Report
from enlace.messages import N_
from enlace.screening.engine import (
    RoutingDecision,
    RoutingRules,
    ScreeningResult,
    load_routing,
    route,
)
from enlace.screening.engine import RoutingRule as PureRule
from enlace.screening.tables import RoutingRule
from enlace.security import audit
from enlace.security.tables import AuditEvent, User

RULE_FIELDS = ("priority", "countries", "states", "typologies", "urgencies", "minor")


def _match(row: RoutingRule) -> dict[str, Any]:
    match: dict[str, Any] = {
        "country": list(row.countries or []),
        "state": list(row.states or []),
        "typology": list(row.typologies or []),
        "urgency": list(row.urgencies or []),
    }
    if row.minor is not None:
        match["minor"] = row.minor
    return match


def to_pure(row: RoutingRule) -> PureRule:
    """One stored rule as the engine's rule (raises ``pydantic.ValidationError`` if invalid)."""
    return PureRule.model_validate(
        {
            "id": row.key,
            "priority": row.priority,
            "match": _match(row),
            "agency": row.agency,
            "queue": row.queue,
        }
    )


def rule_set(rows: Iterable[RoutingRule]) -> RoutingRules:
    """The active rows as a validated rule set."""
    return RoutingRules(rules=tuple(to_pure(r) for r in rows if r.active))


def seed_rules(session: Session) -> int:
    """Fill an empty rule table from ``screening/engine/routing.yaml``; returns rows added."""
    if session.scalar(select(func.count()).select_from(RoutingRule)):
        return 0
    shipped = load_routing()
    for rule in shipped.rules:
        session.add(
            RoutingRule(
                key=rule.id,
                priority=rule.priority,
                countries=list(rule.match.country),
                states=list(rule.match.state),
                typologies=list(rule.match.typology),
                urgencies=list(rule.match.urgency),
                minor=rule.match.minor,
                queue=rule.queue,
                agency=rule.agency,
                active=True,
            )
        )
    session.flush()
    return len(shipped.rules)


def list_rules(session: Session) -> list[RoutingRule]:
    seed_rules(session)
    return list(
        session.scalars(select(RoutingRule).order_by(RoutingRule.priority, RoutingRule.key))
    )


def current_rules(session: Session) -> RoutingRules:
    """The rules in force; the shipped ones if the stored set is somehow unusable."""
    try:
        return rule_set(list_rules(session))
    except ValidationError:
        return load_routing()


def report_place(report: Report) -> tuple[str | None, str | None]:
    """Country (alpha-2) and state (ISO 3166-2) of a report, however the form wrote the state."""
    country = (report.country or "").strip().upper() or None
    state = (report.state or "").strip().upper() or None
    if state and "-" not in state and country:
        state = f"{country}-{state}"
    if state and not country:
        country = state.split("-", 1)[0] or None
    return country, state


def route_with(rules: RoutingRules, report: Report, result: ScreeningResult) -> RoutingDecision:
    """Which queue and agency the report goes to under ``rules``, and the rule that fired."""
    country, state = report_place(report)
    return route(
        rules,
        country=country,
        state=state,
        typology=result.typology,
        urgency=result.urgency,
        minor=result.minor,
    )


def route_report(session: Session, report: Report, result: ScreeningResult) -> RoutingDecision:
    """Route one report by the rules in force (seeded from the shipped file on first use)."""
    return route_with(current_rules(session), report, result)


# --- supervisors' edits -------------------------------------------------------------------------


@dataclass(frozen=True)
class RuleInput:
    """A supervisor's rule as typed in the form: lists as comma-separated text."""

    key: str
    priority: int
    queue: str
    agency: str
    countries: tuple[str, ...] = ()
    states: tuple[str, ...] = ()
    typologies: tuple[str, ...] = ()
    urgencies: tuple[str, ...] = ()
    minor: bool | None = None
    active: bool = True


def split_list(text: str | None, *, upper: bool = False) -> tuple[str, ...]:
    parts = (p.strip() for p in (text or "").replace(";", ",").split(","))
    return tuple(p.upper() if upper else p for p in parts if p)


def _snapshot(row: RoutingRule) -> dict[str, Any]:
    return {
        "priority": row.priority,
        "countries": list(row.countries or []),
        "states": list(row.states or []),
        "typologies": list(row.typologies or []),
        "urgencies": list(row.urgencies or []),
        "minor": row.minor,
        "queue": row.queue,
        "agency": row.agency,
        "active": row.active,
    }


def _problems(exc: ValidationError) -> list[dict[str, str]]:
    out = []
    for err in exc.errors():
        loc = [str(part) for part in err["loc"] if not isinstance(part, int)]
        name = loc[-1] if loc else "rules"
        field = {"country": "countries", "state": "states", "typology": "typologies"}.get(
            name, {"urgency": "urgencies", "id": "key"}.get(name, name)
        )
        message = str(err["msg"]).removeprefix("Value error, ")
        out.append({"field": field, "reason": message})
    return out


def _apply(row: RoutingRule, data: RuleInput) -> None:
    row.key = data.key.strip()
    row.priority = data.priority
    row.countries = [c.upper() for c in data.countries]
    row.states = [s.upper() for s in data.states]
    row.typologies = list(data.typologies)
    row.urgencies = list(data.urgencies)
    row.minor = data.minor
    row.queue = data.queue.strip()
    row.agency = data.agency.strip()
    row.active = data.active


def _validate(session: Session, candidate: RoutingRule, rule_id: int | None) -> None:
    """Check the edited rule and the whole active set it joins with the engine's schema."""
    others = [r for r in list_rules(session) if r.id != rule_id]
    try:
        to_pure(candidate)
        rule_set([*others, candidate])
    except ValidationError as exc:
        raise ValidationFailedError(_problems(exc)) from exc


def save_rule(
    session: Session, user: User, data: RuleInput, rule_id: int | None = None
) -> RoutingRule:
    """Create (``rule_id`` None) or change a rule; refused unless the rule set stays valid."""
    row: RoutingRule | None = None
    if rule_id is not None:
        row = session.get(RoutingRule, rule_id)
        if row is None:
            raise NotFoundError(N_("No such routing rule"))
    same_key = select(RoutingRule.id).where(RoutingRule.key == data.key.strip())
    if rule_id is not None:
        same_key = same_key.where(RoutingRule.id != rule_id)
    if session.scalar(same_key) is not None:
        raise ValidationFailedError([{"field": "key", "reason": N_("Another rule has this id")}])
    candidate = RoutingRule()  # transient: checked before anything stored changes
    _apply(candidate, data)
    _validate(session, candidate, rule_id)
    before = _snapshot(row) if row is not None else None
    if row is None:
        row = RoutingRule()
        session.add(row)
    _apply(row, data)
    row.updated_by_id = user.id
    session.flush()
    audit.record(
        session,
        "routing.rule_created" if before is None else "routing.rule_changed",
        user_id=user.id,
        object_type="routing_rule",
        object_id=row.key,
        before=before,
        after=_snapshot(row),
    )
    return row


def delete_rule(session: Session, user: User, rule_id: int) -> None:
    """Remove a rule, unless it is the last default rule."""
    row = session.get(RoutingRule, rule_id)
    if row is None:
        raise NotFoundError(N_("No such routing rule"))
    remaining = [r for r in list_rules(session) if r.id != row.id]
    try:
        rule_set(remaining)
    except ValidationError as exc:
        raise ValidationFailedError(_problems(exc)) from exc
    audit.record(
        session,
        "routing.rule_deleted",
        user_id=user.id,
        object_type="routing_rule",
        object_id=row.key,
        before=_snapshot(row),
    )
    session.delete(row)
    session.flush()


def history(session: Session, limit: int = 20) -> list[AuditEvent]:
    """The latest changes to the rules, newest first."""
    return list(
        session.scalars(
            select(AuditEvent)
            .where(AuditEvent.object_type == "routing_rule")
            .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
            .limit(limit)
        )
    )
