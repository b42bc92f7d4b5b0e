"""Attachments: type-checked by their bytes, kept encrypted in the shared file store, never in rows.

The store names files at random, so no reporter-chosen name reaches the file system. They are
never served back to the public, only to staff who may read reports, and each read is audited.
"""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy.orm import Session

from enlace.errors import NotFoundError, PermissionDeniedError, ValidationFailedError
from enlace.intake.errors import PayloadTooLargeError, UnsupportedFileError
from enlace.intake.reading import get_report
from enlace.intake.tables import Attachment
from enlace.messages import N_
from enlace.security import audit
from enlace.security.files import FileStore
from enlace.security.roles import Permission, allowed
from enlace.security.tables import User

# Magic numbers of the accepted types; what the client claims is not trusted.
SIGNATURES: tuple[tuple[bytes, int, str], ...] = (
    (b"\xff\xd8\xff", 0, "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", 0, "image/png"),
    (b"WEBP", 8, "image/webp"),
    (b"%PDF-", 0, "application/pdf"),
)
SAFE_NAME = re.compile(r"[^A-Za-z0-9._ -]+")


def sniff(data: bytes) -> str | None:
    for magic, offset, content_type in SIGNATURES:
        if data[offset : offset + len(magic)] == magic:
            if content_type == "image/webp" and not data.startswith(b"RIFF"):
                continue
            return content_type
    return None


def check(data: bytes, *, max_bytes: int) -> str:
    """The attachment's real content type; refuses empty, oversized or unaccepted files."""
    if not data:
        raise ValidationFailedError([{"field": "photo", "reason": N_("The file is empty")}])
    if len(data) > max_bytes:
        raise PayloadTooLargeError(N_("The file is larger than allowed"))
    content_type = sniff(data)
    if content_type is None:
        raise UnsupportedFileError(N_("Only JPEG, PNG or WebP photos and PDF documents"))
    return content_type


def store(
    session: Session,
    files: FileStore,
    report_id: int,
    filename: str | None,
    data: bytes,
    *,
    max_bytes: int,
) -> Attachment:
    """Write the bytes (encrypted) and add the attachment row in the caller's transaction."""
    content_type = check(data, max_bytes=max_bytes)
    stored = files.save(data)
    name = SAFE_NAME.sub("_", Path(filename or "attachment").name)[:200] or "attachment"
    attachment = Attachment(
        report_id=report_id,
        filename=name,
        content_type=content_type,
        size=stored.size,
        sha256=stored.sha256,
        storage_path=stored.path,
    )
    session.add(attachment)
    return attachment


def read(
    session: Session, user: User, files: FileStore, reference: str, attachment_id: int
) -> tuple[Attachment, bytes]:
    """An attachment of a report and its bytes, for staff who may read the report; audited."""
    if not allowed(user.role, Permission.VIEW_REPORTS):
        raise PermissionDeniedError(N_("Your role does not allow this"))
    report = get_report(session, reference)
    attachment = session.get(Attachment, attachment_id)
    if attachment is None or attachment.report_id != report.id:
        raise NotFoundError(N_("No such attachment"))
    data = files.read(attachment.storage_path, sha256=attachment.sha256)
    audit.record(
        session,
        "intake_attachment.read",
        user_id=user.id,
        object_type="intake_attachment",
        object_id=attachment.id,
        report=report.reference,
    )
    return attachment, data
