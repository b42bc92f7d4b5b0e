"""Home: the public landing for visitors, a dashboard for each role once signed in."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from markupsafe import Markup

from enlace.plugins import home_sections
from enlace.reports import dashboard
from enlace.web.deps import OptionalUser, SessionDep
from enlace.web.rendering import render, render_fragment

router = APIRouter()


@router.get("/", include_in_schema=False)
def home(request: Request, session: SessionDep, user: OptionalUser) -> Response:
    if user is None:
        return render(request, "landing.html")
    sections: dict[str, list[Markup]] = {"figures": [], "end": []}
    for section in home_sections(session, user):
        html = render_fragment(request, section.template, dict(section.context))
        sections.setdefault(section.place, []).append(html)
    board = dashboard.for_user(session, user)
    return render(request, "dashboard.html", {"board": board, "sections": sections})
