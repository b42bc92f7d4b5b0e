"""A report's attachments for staff, decrypted on the way out; never served to the public."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from enlace.intake import attachments
from enlace.security.files import FileStore
from enlace.security.roles import Permission
from enlace.security.tables import User
from enlace.web.deps import SessionDep, app_state, require

router = APIRouter()


@router.get("/reports/{reference}/attachments/{attachment_id}", tags=["reports"])
def download(
    request: Request,
    reference: str,
    attachment_id: int,
    session: SessionDep,
    user: Annotated[User, Depends(require(Permission.VIEW_REPORTS))],
) -> Response:
    """The attachment's original bytes, as a download (the read is audited)."""
    found, data = attachments.read(
        session, user, FileStore.of(app_state(request).settings), reference, attachment_id
    )
    # A download, never rendered inline: the bytes come from the public.
    return Response(
        data,
        media_type=found.content_type,
        headers={"Content-Disposition": f'attachment; filename="{found.filename}"'},
    )
