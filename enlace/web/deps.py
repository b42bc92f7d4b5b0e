"""Shared request dependencies as named types: the session, the current user, permission checks."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Annotated, cast

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from enlace.errors import NotAuthenticatedError, PermissionDeniedError
from enlace.messages import N_
from enlace.security import users
from enlace.security.roles import Permission, allowed
from enlace.security.tables import User
from enlace.security.tokens import csrf_for, same
from enlace.store.db import commit
from enlace.web.state import AppState

SESSION_COOKIE = "enlace_session"
CSRF_COOKIE = "enlace_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def app_state(request: Request) -> AppState:
    return cast(AppState, request.app.state.enlace)


def db_session(request: Request) -> Iterator[Session]:
    """The request's unit of work: committed once if the handler returns, discarded if it raises.

    Handlers never commit. ``close`` without a commit rolls back while keeping loaded objects
    readable for the error page rendered afterwards.
    """
    session = app_state(request).db.sessions()
    try:
        yield session
        commit(session)
    finally:
        session.close()


# Scope "function" runs the commit when the handler returns, before the response is sent: no
# acknowledgement or redirect goes out for work that then fails to commit (the default, "request",
# would commit after the client already has its answer).
SessionDep = Annotated[Session, Depends(db_session, scope="function")]


def _token(request: Request) -> tuple[str | None, bool]:
    """The session token and whether it came from a cookie (cookies need CSRF protection)."""
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip(), False
    return request.cookies.get(SESSION_COOKIE), True


def optional_user(request: Request, session: SessionDep) -> User | None:
    token, _ = _token(request)
    if not token:
        return None
    user = users.user_for_token(session, token)
    request.state.user = user
    return user


OptionalUser = Annotated[User | None, Depends(optional_user)]


def csrf_token(request: Request) -> str:
    """The token forms must send back: bound to this browser's csrf cookie."""
    cookie = request.cookies.get(CSRF_COOKIE) or getattr(request.state, "new_csrf_cookie", "")
    return csrf_for(app_state(request).secret, cookie) if cookie else ""


async def check_csrf(request: Request) -> None:
    """Refuse unsafe requests a browser could be tricked into sending without this site's token.

    Forms always need the token (that covers sign-in). Other bodies need it only when the request
    rides on the session cookie; bearer tokens and cookie-less API calls carry no ambient authority.
    """
    if request.method not in UNSAFE_METHODS:
        return
    is_form = "form" in request.headers.get("content-type", "")
    token, from_cookie = _token(request)
    if not is_form and (not token or not from_cookie):
        return
    cookie = request.cookies.get(CSRF_COOKIE)
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and is_form:
        form = await request.form()
        value = form.get(CSRF_FIELD)
        sent = value if isinstance(value, str) else None
    if not cookie or not sent or not same(sent, csrf_for(app_state(request).secret, cookie)):
        raise PermissionDeniedError(
            N_("The form expired or came from another site; please try again")
        )


CsrfChecked = Depends(check_csrf)


def current_user(user: OptionalUser) -> User:
    if user is None:
        raise NotAuthenticatedError(N_("Please sign in"))
    return user


CurrentUser = Annotated[User, Depends(current_user)]


def require(permission: Permission) -> Callable[[User], User]:
    def dependency(user: CurrentUser) -> User:
        if not allowed(user.role, permission):
            raise PermissionDeniedError(N_("Your role does not allow this"))
        return user

    return dependency
