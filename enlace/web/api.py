"""The shell's JSON API under /api/v1: health, bearer tokens, the signed-in user."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from enlace import __version__
from enlace.errors import NotAuthenticatedError
from enlace.messages import N_
from enlace.security import users
from enlace.web.deps import CsrfChecked, CurrentUser, SessionDep, app_state

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
        session.commit()  # the failed attempt's audit event must outlive the error raised below
        raise NotAuthenticatedError(N_("Wrong username or password"))
    opened = users.open_session(session, user, app_state(request).settings.session_hours)
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
