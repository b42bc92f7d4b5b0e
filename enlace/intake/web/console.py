"""The operator console: structured call intake with drafts and a slot for live analysis."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field

from enlace.errors import ValidationFailedError
from enlace.intake import analysis, console
from enlace.intake.web.common import BoundedRoute, acknowledge, settings_of
from enlace.security.roles import Permission
from enlace.security.tables import User
from enlace.web.deps import CsrfChecked, SessionDep, require
from enlace.web.rendering import render

router = APIRouter(route_class=BoundedRoute)
Operator = Annotated[User, Depends(require(Permission.CREATE_REPORTS))]
ANALYZE_ENDPOINT = "/api/v1/intake/analyze"


class AnalyzeIn(BaseModel):
    text: str = Field(max_length=100_000)
    lang: Literal["en", "es"] = "es"


class AnalyzeOut(BaseModel):
    entities: list[dict[str, Any]]
    indicators: list[dict[str, Any]]


def _page(
    request: Request,
    session: SessionDep,
    user: User,
    values: dict[str, str],
    draft_id: int | None,
    *,
    errors: list[dict[str, str]] | None = None,
    status_code: int = 200,
) -> Response:
    return render(
        request,
        "intake/console.html",
        {
            "values": values,
            "draft_id": draft_id,
            "errors": errors or [],
            "open_calls": console.open_calls(session, user),
            "relationships": console.RELATIONSHIPS,
            "call_languages": console.CALL_LANGUAGES,
            "age_ranges": console.AGE_RANGES,
            "sexes": console.SEXES,
            "analyze_endpoint": ANALYZE_ENDPOINT,
            "saved": request.query_params.get("saved") == "1",
            "submitted": request.query_params.get("submitted"),
        },
        status_code=status_code,
    )


@router.get("/intake/console", include_in_schema=False)
def console_page(
    request: Request,
    session: SessionDep,
    user: Operator,
    draft: Annotated[int | None, Query()] = None,
) -> Response:
    values = console.get_draft(session, user, draft).data if draft else {}
    return _page(request, session, user, values, draft)


@router.post("/intake/console", include_in_schema=False, dependencies=[CsrfChecked])
async def console_submit(request: Request, session: SessionDep, user: Operator) -> Response:
    form = await request.form()
    raw_id = form.get("draft_id")
    draft_id = int(raw_id) if isinstance(raw_id, str) and raw_id.isdigit() else None
    action = form.get("action")
    values = {k: v for k, v in form.items() if isinstance(v, str)}
    try:
        data = console.form_data(form)
        if action == "draft":
            draft = console.save_draft(session, user, data, draft_id)
            query = urlencode({"draft": draft.id, "saved": 1})
            return RedirectResponse(f"/intake/console?{query}", status_code=303)
        limit = settings_of(request).max_narrative_chars
        report = console.submit_call(session, user, data, draft_id, max_narrative=limit)
        acknowledge(session)
    except ValidationFailedError as exc:
        session.rollback()
        return _page(request, session, user, values, draft_id, errors=exc.errors, status_code=422)
    query = urlencode({"submitted": report.reference})
    return RedirectResponse(f"/intake/console?{query}", status_code=303)


@router.post(ANALYZE_ENDPOINT, tags=["intake"], dependencies=[CsrfChecked])
def analyze(body: AnalyzeIn, _user: Operator) -> AnalyzeOut:
    """What extraction and screening find in a narrative being typed (nothing is stored)."""
    result = analysis.analyze(body.text, body.lang)
    return AnalyzeOut(entities=result["entities"], indicators=result["indicators"])
