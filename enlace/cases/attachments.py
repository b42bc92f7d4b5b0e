"""Case attachments, kept encrypted in the shared file store (``<data dir>/attachments``).

The file name, type and hash live in the database; the content only in the encrypted file. An
attachment tied to a victim (a photo, an identity document) is read under the same rule as the
victim's details, and every read of one is audited.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from enlace.cases import access, timeline
from enlace.cases.tables import Attachment, Case, Victim
from enlace.cases.validate import Problems, text
from enlace.config import Settings
from enlace.errors import NotFoundError, PermissionDeniedError, ValidationFailedError
from enlace.messages import N_
from enlace.security import audit, files
from enlace.security.crypto import FieldCipher
from enlace.security.roles import Permission
from enlace.security.tables import User
from enlace.store.base import utcnow

MAX_BYTES = 20 * 1024 * 1024


def attachments_dir(settings: Settings) -> Path:
    return files.attachments_dir(settings)


def store(
    session: Session,
    user: User,
    case: Case,
    *,
    directory: Path,
    cipher: FieldCipher,
    filename: str,
    content_type: str,
    data: bytes,
    victim: Victim | None = None,
) -> Attachment:
    access.require_edit(user, case)
    problems = Problems()
    name = text(problems, "filename", Path(filename or "").name, max_len=255)
    if not data:
        problems.add("file", N_("This field is required"))
    elif len(data) > MAX_BYTES:
        problems.add("file", N_("This file is too large"))
    problems.raise_any()
    if victim is not None and victim.case_id != case.id:
        raise ValidationFailedError(
            [{"field": "victim", "reason": N_("No such victim in this case")}]
        )
    stored = files.FileStore(directory, cipher).save(data)
    attachment = Attachment(
        case_id=case.id,
        victim_id=victim.id if victim else None,
        filename=name,
        content_type=(content_type or "application/octet-stream")[:100],
        size=stored.size,
        sha256=stored.sha256,
        storage_name=stored.path,
        uploaded_by_id=user.id,
    )
    session.add(attachment)
    session.flush()
    timeline.log(session, case, "attachment_added", user, attachment=attachment.id)
    return attachment


def read(
    session: Session, user: User, attachment: Attachment, *, directory: Path, cipher: FieldCipher
) -> bytes:
    if attachment.deleted_at is not None:
        raise NotFoundError(N_("No such attachment"))
    if attachment.victim_id is not None:
        victim = session.get(Victim, attachment.victim_id)
        if victim is None or not access.can_view_victim(session, user, victim):
            raise PermissionDeniedError(
                N_("Victim details are visible only to the people who need them")
            )
    else:
        access.require(user, Permission.VIEW_CASES)
    audit.record(
        session,
        "attachment.read",
        user_id=user.id,
        object_type="attachment",
        object_id=attachment.id,
        victim=attachment.victim_id,
    )
    return files.FileStore(directory, cipher).read(
        attachment.storage_name, sha256=attachment.sha256
    )


def delete(session: Session, user: User, case: Case, attachment_id: int, reason: str) -> None:
    """Soft delete: the row is marked, the encrypted file stays for the record."""
    access.require_edit(user, case)
    attachment = session.get(Attachment, attachment_id)
    if attachment is None or attachment.case_id != case.id or attachment.deleted_at is not None:
        raise NotFoundError(N_("No such attachment"))
    problems = Problems()
    reason = text(problems, "reason", reason, max_len=500)
    problems.raise_any()
    attachment.deleted_at, attachment.deleted_by_id = utcnow(), user.id
    attachment.delete_reason = reason
    timeline.log(session, case, "attachment_deleted", user, attachment=attachment.id)


def of_case(session: Session, case: Case) -> list[Attachment]:
    query = select(Attachment).where(Attachment.case_id == case.id, Attachment.deleted_at.is_(None))
    return list(session.scalars(query.order_by(Attachment.id)))
