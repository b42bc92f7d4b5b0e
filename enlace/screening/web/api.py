"""Screening API: ``POST /api/v1/screen`` for one text; ``GET /api/v1/queue``, the triage queue."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field

from enlace.intake import reading as reports
from enlace.screening import results as screening
from enlace.screening.engine import screen
from enlace.screening.tables import Screening
from enlace.security.roles import Permission
from enlace.security.tables import User
from enlace.web.deps import CsrfChecked, CurrentUser, SessionDep, require

router = APIRouter(prefix="/api/v1")
MAX_TEXT = 200_000
Urgency = Literal["critical", "high", "normal", "low"]
QueueViewer = Annotated[User, Depends(require(Permission.VIEW_QUEUE))]


class ScreenRequest(BaseModel):
    text: str = Field(max_length=MAX_TEXT)
    lang: Literal["en", "es"] | None = Field(default=None, description="Guessed when omitted.")


class Evidence(BaseModel):
    start: int
    end: int
    text: str


class IndicatorOut(BaseModel):
    code: str
    evidence: list[Evidence]


class ScreenResponse(BaseModel):
    typology: str
    polaris_type: str | None
    score: float
    urgency: Urgency
    minor: bool
    imminent_danger: bool
    indicators: list[IndicatorOut]
    explanation: str
    catalog_version: str


class StoredScreening(ScreenResponse):
    reference: str
    received_at: str
    routed_queue: str | None
    routed_agency: str | None
    routing_rule: str | None
    needs_supervisor: bool
    screened_at: str


class QueuePage(BaseModel):
    data: list[StoredScreening]
    count: int


@router.post("/screen", tags=["analysis"], dependencies=[CsrfChecked])
def screen_text(body: ScreenRequest, _user: CurrentUser) -> ScreenResponse:
    """Screen one narrative against the indicator catalog (nothing is stored)."""
    result = screen(body.text, lang=body.lang)
    wire: dict[str, Any] = result.to_json()
    return ScreenResponse.model_validate({**wire, "catalog_version": result.catalog_version})


def _stored(row: Screening, reference: str, received_at: str, lang: str) -> StoredScreening:
    return StoredScreening.model_validate(
        {
            "reference": reference,
            "received_at": received_at,
            "typology": row.typology,
            "polaris_type": row.polaris_type,
            "score": round(row.score, 3),
            "urgency": row.urgency,
            "minor": row.minor,
            "imminent_danger": row.imminent_danger,
            "indicators": row.indicators,
            "explanation": row.explanation_es if lang == "es" else row.explanation_en,
            "catalog_version": row.catalog_version,
            "routed_queue": row.routed_queue,
            "routed_agency": row.routed_agency,
            "routing_rule": row.routing_rule,
            "needs_supervisor": row.needs_supervisor,
            "screened_at": row.created_at.isoformat(),
        }
    )


@router.get("/queue", tags=["analysis"])
def queue(
    session: SessionDep,
    user: QueueViewer,
    queue: Annotated[str | None, Query(max_length=60)] = None,
    urgency: Urgency | None = None,
    flagged: bool = False,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> QueuePage:
    """Screened open reports, most urgent first, then by score, then the oldest."""
    items, count = screening.triage_queue(
        session, queue=queue, urgency=urgency, flagged=flagged, limit=limit, offset=offset
    )
    return QueuePage(
        data=[
            _stored(
                i.screening, i.report.reference, i.report.received_at.isoformat(), user.language
            )
            for i in items
        ],
        count=count,
    )


@router.get("/reports/{reference}/screening", tags=["analysis"])
def report_screening(
    reference: str,
    session: SessionDep,
    user: Annotated[User, Depends(require(Permission.VIEW_REPORTS))],
) -> StoredScreening | None:
    """The report's current screening, or null when it has not been screened yet."""
    report = reports.get_report(session, reference)
    row = screening.current_screening(session, report)
    if row is None:
        return None
    return _stored(row, report.reference, report.received_at.isoformat(), user.language)
