"""The indicator catalog as supervisors and analysts read it: both languages, with sources."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from enlace.messages import N_
from enlace.screening.engine import load_catalog
from enlace.security.roles import Permission
from enlace.security.tables import User
from enlace.web.deps import require
from enlace.web.rendering import render

router = APIRouter()

GROUPS: dict[str, str] = {
    "recruitment": N_("Recruitment"),
    "control": N_("Control"),
    "exploitation": N_("Exploitation"),
    "movement": N_("Movement"),
    "sex": N_("Commercial sex"),
    "minor": N_("Minors"),
    "danger": N_("Danger"),
}


@router.get("/screen/catalog", include_in_schema=False)
def catalog_page(
    request: Request, _user: Annotated[User, Depends(require(Permission.VIEW_CATALOG))]
) -> Response:
    return render(request, "screening/catalog.html", {"catalog": load_catalog(), "groups": GROUPS})
