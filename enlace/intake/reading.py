"""Reading reports: search, filters, paging, one report by its reference."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, selectinload

from enlace.errors import NotFoundError
from enlace.intake.tables import Report
from enlace.messages import N_


@dataclass(frozen=True)
class ReportFilter:
    q: str | None = None
    channel: str | None = None
    status: str | None = None
    country: str | None = None
    state: str | None = None
    language: str | None = None
    since: datetime | None = None
    until: datetime | None = None


@dataclass(frozen=True)
class Page:
    items: list[Report]
    count: int
    offset: int
    limit: int


def _filtered(query: Select[Report], flt: ReportFilter) -> Select[Report]:
    if flt.q:
        term = f"%{flt.q.strip()}%"
        query = query.where(
            or_(
                Report.narrative.ilike(term),
                Report.reference.ilike(term),
                Report.city.ilike(term),
                Report.location_text.ilike(term),
            )
        )
    for column, value in (
        (Report.channel, flt.channel),
        (Report.status, flt.status),
        (Report.country, flt.country),
        (Report.state, flt.state),
        (Report.language, flt.language),
    ):
        if value:
            query = query.where(column == value)
    if flt.since:
        query = query.where(Report.received_at >= flt.since)
    if flt.until:
        query = query.where(Report.received_at < flt.until)
    return query


def list_reports(session: Session, flt: ReportFilter, *, offset: int = 0, limit: int = 50) -> Page:
    limit = max(1, min(limit, 500))
    offset = max(0, offset)
    base = _filtered(select(Report), flt)
    count = session.scalar(select(func.count()).select_from(base.subquery())) or 0
    items = list(
        session.scalars(
            base.order_by(Report.received_at.desc(), Report.id.desc()).offset(offset).limit(limit)
        )
    )
    return Page(items=items, count=count, offset=offset, limit=limit)


def get_report(session: Session, reference: str) -> Report:
    report = session.scalar(
        select(Report).where(Report.reference == reference).options(selectinload(Report.contact))
    )
    if report is None:
        raise NotFoundError(N_("Report not found"), details={"reference": reference})
    return report


def counts_by(session: Session, column_name: str) -> dict[str, int]:
    column = getattr(Report, column_name)
    rows = session.execute(select(column, func.count()).group_by(column)).all()
    return {str(key): int(n) for key, n in rows if key is not None}
