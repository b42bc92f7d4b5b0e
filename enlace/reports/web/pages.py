"""Pages to search and read reports."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from enlace.extraction import mentions as stored_mentions
from enlace.intake import reading as reports
from enlace.intake.tables import Channel, ReportStatus
from enlace.plugins import report_sections
from enlace.reports.web.filters import ReportQuery
from enlace.security.roles import Permission, allowed
from enlace.security.tables import User
from enlace.web import highlight
from enlace.web.deps import SessionDep, require
from enlace.web.rendering import render, render_sections

router = APIRouter()
PAGE_SIZE = 25
PLACES = ("narrative", "end")  # where areas' sections go on the report page


@router.get("/reports", include_in_schema=False)
def report_list(
    request: Request,
    session: SessionDep,
    _user: Annotated[User, Depends(require(Permission.VIEW_REPORTS))],
    query: Annotated[ReportQuery, Query()],
) -> Response:
    page = reports.list_reports(session, query.to_filter(), offset=query.offset, limit=PAGE_SIZE)
    params = {k: v for k, v in query.model_dump(exclude={"offset", "limit"}).items() if v}
    return render(
        request,
        "reports/list.html",
        {
            "page": page,
            "query": query,
            "channels": [c.value for c in Channel],
            "statuses": [s.value for s in ReportStatus],
            "states": sorted(reports.counts_by(session, "state")),
            "prev_url": f"/reports?{urlencode({**params, 'offset': page.offset - PAGE_SIZE})}"
            if page.offset > 0
            else None,
            "next_url": f"/reports?{urlencode({**params, 'offset': page.offset + PAGE_SIZE})}"
            if page.offset + PAGE_SIZE < page.count
            else None,
        },
    )


@router.get("/reports/{reference}", include_in_schema=False)
def report_detail(
    request: Request,
    reference: str,
    session: SessionDep,
    user: Annotated[User, Depends(require(Permission.VIEW_REPORTS))],
) -> Response:
    report = reports.get_report(session, reference)
    mentions = stored_mentions.mentions_of(session, report)
    return render(
        request,
        "reports/detail.html",
        {
            "report": report,
            "segments": highlight.segments(report.narrative, mentions),
            "mentions": mentions,
            "show_contact": allowed(user.role, Permission.VIEW_REPORTER_CONTACT),
            "can_open_entities": allowed(user.role, Permission.VIEW_ENTITIES),
            "sections": render_sections(
                request, report_sections(session, report), {"report": report}, PLACES
            ),
        },
    )
