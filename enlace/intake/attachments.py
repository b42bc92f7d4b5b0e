"""Attachments: type-checked by their bytes, stored under ``data_dir/attachments``, never in rows.

Files are named by their SHA-256 so that no reporter-chosen name reaches the file system, and
they are never served back to the public.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from sqlalchemy.orm import Session

from enlace.errors import ValidationFailedError
from enlace.intake.errors import PayloadTooLargeError, UnsupportedFileError
from enlace.intake.tables import Attachment
from enlace.messages import N_

# Magic numbers of the accepted types; what the client claims is not trusted.
SIGNATURES: tuple[tuple[bytes, int, str], ...] = (
    (b"\xff\xd8\xff", 0, "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", 0, "image/png"),
    (b"WEBP", 8, "image/webp"),
    (b"%PDF-", 0, "application/pdf"),
)
EXTENSIONS = {
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/webp": ".webp",
    "application/pdf": ".pdf",
}
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
    data_dir: Path,
    report_id: int,
    filename: str | None,
    data: bytes,
    *,
    max_bytes: int,
) -> Attachment:
    """Write the bytes (atomically) and add the attachment row in the caller's transaction."""
    content_type = check(data, max_bytes=max_bytes)
    digest = hashlib.sha256(data).hexdigest()
    relative = Path(digest[:2]) / f"{digest}{EXTENSIONS[content_type]}"
    target = data_dir / "attachments" / relative
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(target.suffix + f".{os.getpid()}.part")
        with partial.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        partial.replace(target)
        target.chmod(0o600)
    name = SAFE_NAME.sub("_", Path(filename or "attachment").name)[:200] or "attachment"
    attachment = Attachment(
        report_id=report_id,
        filename=name,
        content_type=content_type,
        size=len(data),
        sha256=digest,
        storage_path=str(relative),
    )
    session.add(attachment)
    return attachment
