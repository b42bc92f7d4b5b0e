"""Home: the public landing for visitors, a dashboard for each role once signed in."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from enlace.plugins import home_sections
from enlace.reports import dashboard
from enlace.web.deps import OptionalUser, SessionDep
from enlace.web.rendering import render, render_sections

router = APIRouter()
PLACES = ("figures", "end")  # where areas' sections go on the dashboard


@router.get("/", include_in_schema=False)
def home(request: Request, session: SessionDep, user: OptionalUser) -> Response:
    if user is None:
        return render(request, "landing.html")
    sections = render_sections(request, home_sections(session, user), {}, PLACES)
    board = dashboard.for_user(session, user)
    return render(request, "dashboard.html", {"board": board, "sections": sections})
