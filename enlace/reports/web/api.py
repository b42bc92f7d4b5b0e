"""JSON API under /api/v1: reports (the list with filters, one report)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel

from enlace.intake import reading as reports
from enlace.intake.tables import Report
from enlace.reports.web.filters import ReportQuery
from enlace.security.roles import Permission, allowed
from enlace.security.tables import User
from enlace.web.deps import SessionDep, require

router = APIRouter(prefix="/api/v1")


class ContactPublic(BaseModel):
    name: str | None
    phone: str | None
    email: str | None
    relationship_to_victim: str | None


class ReportPublic(BaseModel):
    reference: str
    channel: str
    received_at: datetime
    language: str
    anonymous: bool
    narrative: str
    location_text: str | None
    country: str | None
    state: str | None
    city: str | None
    latitude: float | None
    longitude: float | None
    incident_at: datetime | None
    status: str
    contact: ContactPublic | None = None


class ReportList(BaseModel):
    data: list[ReportPublic]
    count: int


def report_public(report: Report, with_contact: bool) -> ReportPublic:
    out = ReportPublic.model_validate(report, from_attributes=True)
    if with_contact and report.contact is not None:
        out.contact = ContactPublic.model_validate(report.contact, from_attributes=True)
    else:
        out.contact = None
    return out


@router.get("/reports", tags=["reports"])
def list_reports(
    session: SessionDep,
    user: Annotated[User, Depends(require(Permission.VIEW_REPORTS))],
    query: Annotated[ReportQuery, Query()],
) -> ReportList:
    page = reports.list_reports(session, query.to_filter(), offset=query.offset, limit=query.limit)
    with_contact = allowed(user.role, Permission.VIEW_REPORTER_CONTACT)
    return ReportList(data=[report_public(r, with_contact) for r in page.items], count=page.count)


@router.get("/reports/{reference}", tags=["reports"])
def get_report(
    reference: str,
    session: SessionDep,
    user: Annotated[User, Depends(require(Permission.VIEW_REPORTS))],
) -> ReportPublic:
    report = reports.get_report(session, reference)
    return report_public(report, allowed(user.role, Permission.VIEW_REPORTER_CONTACT))
