"""Public landing page, sign-in and sign-out, and the language switch."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from enlace.security import users
from enlace.web import i18n
from enlace.web.deps import SESSION_COOKIE, CsrfChecked, OptionalUser, SessionDep, app_state
from enlace.web.i18n import gettext as _
from enlace.web.rendering import render

router = APIRouter()


def safe_next(target: str | None) -> str:
    """Only local paths: a crafted link must not send a user to another site after sign-in."""
    if not target:
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return "/"
    return target


@router.get("/login", include_in_schema=False)
def login_page(request: Request, user: OptionalUser, next: str | None = None) -> Response:  # noqa: A002
    if user is not None:
        return RedirectResponse(safe_next(next), status_code=303)
    return render(request, "login.html", {"next": safe_next(next), "error": None})


@router.post("/login", include_in_schema=False, dependencies=[CsrfChecked])
def login(
    request: Request,
    session: SessionDep,
    username: Annotated[str, Form(max_length=64)],
    password: Annotated[str, Form(max_length=1024)],
    next: Annotated[str, Form()] = "/",  # noqa: A002
) -> Response:
    user = users.authenticate(session, username, password)
    if user is None:
        # Answered, not raised: the request's unit of work keeps the failed-attempt audit event.
        return render(
            request,
            "login.html",
            {
                "next": safe_next(next),
                "error": _("Wrong username or password"),
                "username": username,
            },
            status_code=401,
        )
    settings = app_state(request).settings
    opened = users.open_session(session, user, settings.session_hours)
    response = RedirectResponse(safe_next(next), status_code=303)
    secure = request.url.scheme == "https"
    response.set_cookie(
        SESSION_COOKIE,
        opened.token,
        max_age=settings.session_hours * 3600,
        httponly=True,
        samesite="lax",
        secure=secure,
    )
    if i18n.LANG_COOKIE not in request.cookies:
        response.set_cookie(
            i18n.LANG_COOKIE, user.language, samesite="lax", secure=secure, max_age=365 * 86400
        )
    return response


@router.post("/logout", include_in_schema=False, dependencies=[CsrfChecked])
def logout(request: Request, session: SessionDep) -> Response:
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        users.close_session(session, token)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


@router.get("/lang/{language}", include_in_schema=False)
def switch_language(
    request: Request,
    language: str,
    user: OptionalUser,  # its session is the request's unit of work, which saves the choice
    next: str | None = None,  # noqa: A002
) -> Response:
    response = RedirectResponse(safe_next(next), status_code=303)
    if language in i18n.LANGUAGES:
        response.set_cookie(
            i18n.LANG_COOKIE,
            language,
            samesite="lax",
            max_age=365 * 86400,
            secure=request.url.scheme == "https",
        )
        if user is not None:
            users.set_language(user, language)
    return response
