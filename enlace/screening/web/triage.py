"""The triage queue: screened reports by urgency, then score, then age; supervisors' flags."""

from __future__ import annotations

from typing import Annotated, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import RedirectResponse, Response

from enlace.intake import reading as reports
from enlace.screening import results as screening
from enlace.screening.web.common import URGENCY_LABELS, polaris_label, typology_label
from enlace.security.roles import Permission
from enlace.security.tables import User
from enlace.web.deps import CsrfChecked, SessionDep, require
from enlace.web.rendering import render

router = APIRouter()
PAGE_SIZE = 50
Urgency = Literal["critical", "high", "normal", "low"]
QueueViewer = Annotated[User, Depends(require(Permission.VIEW_QUEUE))]


@router.get("/queue", include_in_schema=False)
def queue_page(
    request: Request,
    session: SessionDep,
    _user: QueueViewer,
    queue: Annotated[str | None, Query(max_length=60)] = None,
    urgency: Annotated[Urgency | None, Query()] = None,
    flagged: Annotated[bool, Query()] = False,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Response:
    items, count = screening.triage_queue(
        session,
        queue=queue or None,
        urgency=urgency,
        flagged=flagged,
        offset=offset,
        limit=PAGE_SIZE,
    )
    params = {
        k: v for k, v in {"queue": queue, "urgency": urgency, "flagged": flagged}.items() if v
    }

    def page_url(at: int) -> str:
        return f"/queue?{urlencode({**params, 'offset': at})}"

    return render(
        request,
        "screening/queue.html",
        {
            "items": [
                (
                    item,
                    typology_label(item.screening.typology),
                    polaris_label(item.screening.polaris_type),
                )
                for item in items
            ],
            "count": count,
            "queues": screening.queue_names(session),
            "urgencies": URGENCY_LABELS,
            "selected": {"queue": queue or "", "urgency": urgency or "", "flagged": flagged},
            "prev_url": page_url(max(0, offset - PAGE_SIZE)) if offset > 0 else None,
            "next_url": page_url(offset + PAGE_SIZE) if offset + PAGE_SIZE < count else None,
        },
    )


@router.post(
    "/reports/{reference}/screening/acknowledge",
    include_in_schema=False,
    dependencies=[CsrfChecked],
)
def acknowledge(
    reference: str,
    session: SessionDep,
    user: Annotated[User, Depends(require(Permission.ACKNOWLEDGE_ESCALATIONS))],
) -> Response:
    report = reports.get_report(session, reference)
    screening.acknowledge(session, user, report)
    return RedirectResponse(f"/reports/{reference}#screening", status_code=303)
