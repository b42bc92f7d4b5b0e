"""JSON API under /api/v1: health, tokens, the signed-in user, reports."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field

from enlace import __version__
from enlace.errors import NotAuthenticatedError
from enlace.intake import reading as reports
from enlace.intake.tables import Report
from enlace.messages import N_
from enlace.reports.web.filters import ReportQuery
from enlace.security import accounts as users
from enlace.security.roles import Permission, allowed
from enlace.security.tables import User
from enlace.web.deps import CsrfChecked, CurrentUser, SessionDep, app_state, require

router = APIRouter(prefix="/api/v1")


class Health(BaseModel):
    status: str
    version: str
    database: str
    node: str


class TokenRequest(BaseModel):
    username: str = Field(max_length=64)
    password: str = Field(max_length=1024)


class TokenResponse(BaseModel):
    access_token: str
    token_type: str = "bearer"  # noqa: S105 - the OAuth2 token type name
    expires_at: datetime


class UserPublic(BaseModel):
    id: int
    username: str
    display_name: str
    role: str
    language: str
    agency: str | None


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


@router.get("/health", tags=["system"])
def health(request: Request) -> Health:
    state = app_state(request)
    state.db.check()
    return Health(
        status="ok", version=__version__, database=state.db.dialect, node=state.settings.node_name
    )


@router.post("/auth/token", tags=["auth"], dependencies=[CsrfChecked])
def token(request: Request, body: TokenRequest, session: SessionDep) -> TokenResponse:
    user = users.authenticate(session, body.username, body.password)
    if user is None:
        session.commit()
        raise NotAuthenticatedError(N_("Wrong username or password"))
    opened = users.open_session(session, user, app_state(request).settings.session_hours)
    session.commit()
    return TokenResponse(access_token=opened.token, expires_at=opened.record.expires_at)


@router.get("/me", tags=["auth"])
def me(user: CurrentUser) -> UserPublic:
    return UserPublic(
        id=user.id,
        username=user.username,
        display_name=user.display_name,
        role=user.role,
        language=user.language,
        agency=user.agency.name if user.agency else None,
    )


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
