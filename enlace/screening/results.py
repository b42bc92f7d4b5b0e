"""Screening reports and keeping the result: typology, indicators with evidence, urgency, routing.

The pure engine (``screening.engine``) decides; this module stores its answer with the catalog
version that produced it, routes the report by the supervisors' rules, and flags minors and
imminent danger for a supervisor at once (audited as ``screen.escalated``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from enlace.errors import NotFoundError
from enlace.extraction.engine import extract
from enlace.extraction.kinds import live_kinds
from enlace.extraction.tables import Mention
from enlace.intake.tables import Report, ReportStatus
from enlace.messages import N_
from enlace.screening import rules as routing
from enlace.screening.engine import (
    RoutingDecision,
    RoutingRules,
    ScreeningResult,
    load_catalog,
    screen,
)
from enlace.screening.tables import URGENCY_RANK, Screening
from enlace.security import audit
from enlace.security.tables import User
from enlace.store.base import utcnow

BATCH = 200


def _age_entity(mention: Mention) -> dict[str, object] | None:
    """An extracted age in the shape the engine reads (``minor`` and ``years``)."""
    value = (mention.normalized or "").strip()
    entity: dict[str, object] = {
        "type": "age",
        "text": mention.text,
        "start": mention.start,
        "end": mention.end,
    }
    if value == "minor":  # "a minor", "menor de edad", "teenager": no number, still a minor
        entity["minor"] = True
        return entity
    try:
        years = int(float(value.split()[0]))
    except (ValueError, IndexError):
        return None
    entity["years"] = years
    entity["minor"] = years < 18
    return entity


def _ages_by_report(
    session: Session, report_ids: Sequence[int]
) -> dict[int, list[dict[str, object]]]:
    out: dict[int, list[dict[str, object]]] = {}
    if not report_ids:
        return out
    rows = session.scalars(
        select(Mention).where(Mention.report_id.in_(report_ids), Mention.kind == "age")
    )
    for mention in rows:
        entity = _age_entity(mention)
        if entity is not None:
            out.setdefault(mention.report_id, []).append(entity)
    return out


def needs_supervisor(result: ScreeningResult) -> bool:
    """Minors, imminent danger and anything critical go to a supervisor at once."""
    return result.minor or result.imminent_danger or result.urgency == "critical"


def _values(report: Report, result: ScreeningResult, decision: RoutingDecision) -> dict[str, Any]:
    return {
        "report_id": report.id,
        "current": True,
        "catalog_version": result.catalog_version,
        "typology": result.typology,
        "polaris_type": result.polaris_type,
        "score": result.score,
        "urgency": result.urgency,
        "urgency_rank": URGENCY_RANK[result.urgency],
        "minor": result.minor,
        "victim_minor": result.victim_minor,
        "imminent_danger": result.imminent_danger,
        "indicators": [finding.to_json() for finding in result.indicators],
        "explanation_en": result.explanation("en"),
        "explanation_es": result.explanation("es"),
        "routed_queue": decision.queue,
        "routed_agency": decision.agency,
        "routing_rule": decision.rule_id,
        "needs_supervisor": needs_supervisor(result),
    }


def _retire(session: Session, report_ids: Sequence[int]) -> None:
    session.execute(
        update(Screening)
        .where(Screening.report_id.in_(report_ids), Screening.current.is_(True))
        .values(current=False)
    )


def _after(session: Session, report: Report, result: ScreeningResult, rule: str) -> None:
    """A new report becomes triaged; a minor or danger is escalated (and audited) at once."""
    if report.status == ReportStatus.NEW:
        report.status = ReportStatus.TRIAGED.value
    if needs_supervisor(result):
        audit.record(
            session,
            "screen.escalated",
            object_type="report",
            object_id=report.id,
            minor=result.minor,
            victim_minor=result.victim_minor,
            imminent_danger=result.imminent_danger,
            urgency=result.urgency,
            routing_rule=rule,
        )


def store_result(session: Session, report: Report, result: ScreeningResult) -> Screening:
    """Keep ``result`` as the report's current screening, routed by the rules in force."""
    _retire(session, [report.id])
    decision = routing.route_report(session, report, result)
    row = Screening(**_values(report, result, decision))
    session.add(row)
    _after(session, report, result, decision.rule_id)
    session.flush()
    return row


def screen_report(session: Session, report: Report) -> Screening:
    """Screen the narrative (with extraction's ages when present) and store the result."""
    ages = _ages_by_report(session, [report.id]).get(report.id, [])
    result = screen(report.narrative, lang=report.language, entities=ages)
    return store_result(session, report, result)


def screen_step(session: Session, report: Report) -> None:
    """``screen`` in the work queue: runs after ``extract`` so its ages are there."""
    screen_report(session, report)


def screen_reports(
    session: Session, reports: Sequence[Report], rules: RoutingRules | None = None
) -> int:
    """Screen many reports at once (demo load, re-screening): one query for ages, one insert."""
    if not reports:
        return 0
    ids = [r.id for r in reports]
    ages = _ages_by_report(session, ids)
    rules = rules or routing.current_rules(session)
    _retire(session, ids)
    rows = []
    for report in reports:
        result = screen(report.narrative, lang=report.language, entities=ages.get(report.id, []))
        decision = routing.route_with(rules, report, result)
        rows.append(_values(report, result, decision))
        _after(session, report, result, decision.rule_id)
    session.execute(insert(Screening), rows)
    session.flush()
    return len(rows)


def live_indicators(
    text: str, lang: str, entities: Iterable[Mapping[str, object]] = ()
) -> list[dict[str, Any]]:
    """What the operator console shows while a narrative is typed: each indicator found, named
    in ``lang`` (and in both languages), with the words that evidence it."""
    result = screen(text, lang=lang if lang in ("en", "es") else None, entities=list(entities))
    catalog = load_catalog()
    out: list[dict[str, Any]] = []
    for finding in result.indicators:
        indicator = catalog.indicator(finding.code)
        out.append(
            {
                "code": finding.code,
                "label": indicator.name.get(lang),
                "labels": {"en": indicator.name.en, "es": indicator.name.es},
                "evidence": [e.to_json() for e in finding.evidence],
                "evidence_text": " … ".join(e.text for e in finding.evidence),
                "typology": result.typology,
                "urgency": result.urgency,
            }
        )
    return out


def current_screening(session: Session, report: Report) -> Screening | None:
    return session.scalar(
        select(Screening).where(Screening.report_id == report.id, Screening.current.is_(True))
    )


def stale_reports(session: Session, catalog_version: str, *, everything: bool = False) -> list[int]:
    """Reports never screened or screened by another catalog version (all with ``everything``)."""
    query = select(Report.id).order_by(Report.id)
    if not everything:
        current = select(Screening.report_id).where(
            Screening.current.is_(True), Screening.catalog_version == catalog_version
        )
        query = query.where(Report.id.not_in(current))
    return list(session.scalars(query))


def rescreen(
    sessions: Callable[[], Session],
    *,
    everything: bool = False,
    progress: Callable[[int, int], None] | None = None,
    batch: int = BATCH,
) -> int:
    """Screen again every report not screened by the shipped catalog, committing per batch."""
    version = load_catalog().version
    with sessions() as session:
        ids = stale_reports(session, version, everything=everything)
        rules = routing.current_rules(session)
        session.commit()
    if progress:
        progress(0, len(ids))
    for start in range(0, len(ids), batch):
        with sessions() as session:
            chunk = session.scalars(
                select(Report).where(Report.id.in_(ids[start : start + batch])).order_by(Report.id)
            )
            screen_reports(session, list(chunk), rules)
            session.commit()
        if progress:
            progress(min(len(ids), start + batch), len(ids))
    return len(ids)


def acknowledge(session: Session, user: User, report: Report) -> Screening:
    """A supervisor has seen an escalated report."""
    row = current_screening(session, report)
    if row is None or not row.needs_supervisor:
        raise NotFoundError(N_("This report is not waiting for a supervisor"))
    if row.supervisor_ack_at is None:
        row.supervisor_ack_at = utcnow()
        audit.record(
            session,
            "screen.acknowledged",
            user_id=user.id,
            object_type="report",
            object_id=report.id,
        )
    session.flush()
    return row


@dataclass(frozen=True)
class QueueItem:
    report: Report
    screening: Screening


def triage_queue(
    session: Session,
    *,
    limit: int = 50,
    offset: int = 0,
    queue: str | None = None,
    urgency: str | None = None,
    flagged: bool = False,
    open_only: bool = True,
) -> tuple[list[QueueItem], int]:
    """Urgency first, then score, then the oldest report: what an operator should take next.

    ``flagged`` keeps only reports escalated to a supervisor and not yet acknowledged.
    """
    query = select(Report, Screening).join(
        Screening, (Screening.report_id == Report.id) & Screening.current.is_(True)
    )
    if open_only:
        query = query.where(Report.status != ReportStatus.CLOSED.value)
    if queue:
        query = query.where(Screening.routed_queue == queue)
    if urgency:
        query = query.where(Screening.urgency == urgency)
    if flagged:
        query = query.where(
            Screening.needs_supervisor.is_(True), Screening.supervisor_ack_at.is_(None)
        )
    count = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.execute(
        query.order_by(
            Screening.urgency_rank.desc(),
            Screening.score.desc(),
            Report.received_at.asc(),
            Report.id.asc(),
        )
        .offset(offset)
        .limit(limit)
    ).all()
    return [QueueItem(report=r, screening=s) for r, s in rows], count


def queue_names(session: Session) -> list[str]:
    """Every queue a current screening was routed to, and every queue a rule names."""
    routed = session.scalars(
        select(Screening.routed_queue)
        .where(Screening.current.is_(True), Screening.routed_queue.is_not(None))
        .distinct()
    )
    named = {r.queue for r in routing.list_rules(session)}
    return sorted({q for q in routed if q} | named)


LIVE_ENTITY_TYPES = live_kinds()  # kinds.yaml: live


def live_analysis(text: str, lang: str) -> dict[str, Any]:
    """What the console shows beside the narrative: entities and indicators found so far."""
    found = extract(text, lang=lang if lang in ("en", "es") else None)
    entities = [
        {"kind": e.type, "text": e.text, "normalized": e.normalized, "start": e.start, "end": e.end}
        for e in found.entities
        if e.type in LIVE_ENTITY_TYPES
    ]
    ages = [e.to_json() for e in found.entities if e.type == "age"]
    return {"entities": entities, "indicators": live_indicators(text, lang, ages)}
