"""Home: the public landing for visitors, a dashboard for each role once signed in."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from enlace.reports import dashboard
from enlace.web.deps import OptionalUser, SessionDep
from enlace.web.rendering import render

router = APIRouter()


@router.get("/", include_in_schema=False)
def home(request: Request, session: SessionDep, user: OptionalUser) -> Response:
    if user is None:
        return render(request, "landing.html")
    return render(request, "dashboard.html", {"board": dashboard.for_user(session, user)})
