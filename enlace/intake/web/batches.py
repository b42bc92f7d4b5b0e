"""Bulk import over HTTP: ``POST /api/v1/intake/batches`` with a file and an optional mapping."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response

from enlace.errors import PermissionDeniedError
from enlace.intake.importing.runner import ImportResult, run_import
from enlace.intake.web.common import BoundedRoute
from enlace.messages import N_
from enlace.security import audit
from enlace.security.roles import Permission
from enlace.security.tables import User
from enlace.security.tokens import csrf_for, same
from enlace.web.deps import CSRF_COOKIE, CSRF_FIELD, CSRF_HEADER, SessionDep, app_state, require
from enlace.web.i18n import translate

router = APIRouter(route_class=BoundedRoute)
Importer = Annotated[User, Depends(require(Permission.IMPORT_REPORTS))]


def _csrf_when_cookie(request: Request, form_token: str | None) -> None:
    """Bearer-token clients need no CSRF token; a browser session riding on its cookie does."""
    if request.headers.get("authorization", "").lower().startswith("bearer "):
        return
    cookie = request.cookies.get(CSRF_COOKIE)
    sent = request.headers.get(CSRF_HEADER) or form_token
    if not cookie or not sent or not same(sent, csrf_for(app_state(request).secret, cookie)):
        raise PermissionDeniedError(
            N_("The form expired or came from another site; please try again")
        )


def _answer(result: ImportResult) -> dict[str, Any]:
    return {
        "batch_id": result.batch_id,
        "rows": result.rows,
        "inserted": result.inserted,
        "duplicates": result.duplicates,
        "failed": result.failed,
        "errors": [{**e, "reason": translate(e["reason"])} for e in result.errors],
        "errors_truncated": result.failed > len(result.errors),
    }


@router.post("/api/v1/intake/batches", tags=["intake"], status_code=201)
async def create_batch(
    request: Request,
    session: SessionDep,
    user: Importer,
    file: Annotated[UploadFile, File(description="CSV, JSON Lines or HTCDS-shaped file")],
    mapping: Annotated[UploadFile | None, File(description="Column-mapping YAML")] = None,
    format: Annotated[Literal["csv", "jsonl", "htcds"] | None, Form()] = None,  # noqa: A002
    csrf_token: Annotated[str | None, Form(alias=CSRF_FIELD)] = None,
) -> Response:
    """Import a partner file. Valid rows land, invalid rows are listed (row, field, reason).

    Re-sending the same file adds nothing: rows are keyed by the mapping's key columns (or their
    content). The first 1,000 errors are in the answer; all of them are in the batch's report.
    """
    _csrf_when_cookie(request, csrf_token)
    settings = app_state(request).settings
    work = Path(tempfile.mkdtemp(prefix="enlace-import-"))
    try:
        suffix = Path(file.filename or "upload.csv").suffix[:10] or ".csv"
        source = work / f"upload{suffix}"
        with source.open("wb") as handle:
            await run_in_threadpool(shutil.copyfileobj, file.file, handle, 1 << 20)
        mapping_path = None
        if mapping is not None and mapping.filename:
            mapping_path = work / "mapping.yaml"
            mapping_path.write_bytes(await mapping.read(1 << 20))
        result = await run_in_threadpool(
            run_import,
            app_state(request).db,
            source,
            data_dir=settings.ensure_data_dir(),
            max_narrative=settings.max_narrative_chars,
            fmt=format,
            mapping_path=mapping_path,
            user_id=user.id,
            display_name=file.filename,
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    audit.record(
        session,
        "reports.import",
        user_id=user.id,
        object_type="import_batch",
        object_id=result.batch_id,
        rows=result.rows,
        inserted=result.inserted,
    )
    return JSONResponse(_answer(result), 201)
