"""The quick report for trained reporters: a checklist, a place, a vehicle, a photo; no sign-in.

See ``enlace.intake.quick`` for why it needs no account and what an organisation link adds.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from sqlalchemy.orm import Session
from starlette.datastructures import FormData, UploadFile

from enlace.errors import EnlaceError, ValidationFailedError
from enlace.intake import attachments, gateways, quick
from enlace.intake.reports import insert_report
from enlace.intake.tables import Channel
from enlace.intake.web.common import (
    MB,
    BoundedRoute,
    acknowledge,
    public_rate_limit,
    settings_of,
)
from enlace.security.files import FileStore
from enlace.web import i18n
from enlace.web.deps import CsrfChecked, SessionDep
from enlace.web.rendering import render

router = APIRouter(route_class=BoundedRoute)


def _page(
    request: Request, session: Session, values: dict[str, Any], **extra: Any
) -> dict[str, Any]:
    key = str(values.get("k") or request.query_params.get("k") or "")[:100]
    link = gateways.by_token(session, key, (gateways.LINK_CHANNEL,)) if key else None
    return {
        "values": values,
        "indicators": quick.INDICATORS,
        "seen": values.get("seen", []),
        "link_key": key if link else "",
        "organisation": link.name if link else None,
        **extra,
    }


@router.get("/intake/quick", include_in_schema=False)
def quick_form(request: Request, session: SessionDep) -> Response:
    return render(request, "intake/quick.html", _page(request, session, {}))


def _store(
    session: Session, request: Request, form: FormData, photo: tuple[str | None, bytes] | None
) -> str:
    settings = settings_of(request)
    key = form.get("k")
    link = (
        gateways.by_token(session, key, (gateways.LINK_CHANNEL,)) if isinstance(key, str) else None
    )
    seen = [v for v in form.getlist("seen") if isinstance(v, str)]
    max_bytes = settings.max_attachment_mb * MB
    if photo is not None:
        attachments.check(photo[1], max_bytes=max_bytes)
    sub = quick.to_submission(
        form, seen, i18n.current_language.get(), link, max_narrative=settings.max_narrative_chars
    )
    report = insert_report(
        session,
        sub,
        channel=Channel.QUICK_REPORT.value,
        gateway_id=link.id if link is not None else None,
    )
    if photo is not None:
        attachments.store(
            session, FileStore.of(settings), report.id, photo[0], photo[1], max_bytes=max_bytes
        )
    acknowledge(session)
    return report.reference


@router.post(
    "/intake/quick", include_in_schema=False, dependencies=[CsrfChecked, Depends(public_rate_limit)]
)
async def quick_submit(request: Request, session: SessionDep) -> Response:
    form = await request.form()
    values: dict[str, Any] = {k: v for k, v in form.items() if isinstance(v, str)}
    values["seen"] = [v for v in form.getlist("seen") if isinstance(v, str)]
    photo = None
    item = form.get("photo")
    if isinstance(item, UploadFile) and item.filename:
        photo = (item.filename, await item.read(settings_of(request).max_attachment_mb * MB + 1))
    try:
        reference = await run_in_threadpool(_store, session, request, form, photo)
    except EnlaceError as exc:
        session.rollback()
        errors = (
            exc.errors
            if isinstance(exc, ValidationFailedError)
            else [{"field": "photo", "reason": exc.message}]
        )
        context = _page(request, session, values, errors=errors)
        return render(request, "intake/quick.html", context, status_code=exc.status_code)
    return render(request, "intake/report_thanks.html", {"reference": reference}, status_code=201)
