"""Export reports (reference, channel, status, place, narrative) as JSON Lines or CSV, streamed.

Reporter contact details are never exported: they stay with the roles that may call back.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from datetime import datetime
from typing import IO, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from enlace.errors import PermissionDeniedError, ValidationFailedError
from enlace.intake.tables import Report
from enlace.messages import N_
from enlace.security import audit
from enlace.security.roles import Permission, allowed
from enlace.security.tables import User

FIELDS = (
    "reference", "channel", "status", "received_at", "language", "anonymous", "country", "state",
    "city", "location_text", "latitude", "longitude", "incident_at", "narrative",
)  # fmt: skip
FORMATS = ("jsonl", "csv")


def exporter(session: Session, username: str) -> User:
    """The account the export is made for; it must hold the export permission."""
    user = session.scalar(select(User).where(User.username == username, User.active.is_(True)))
    if user is None:
        raise ValidationFailedError([{"field": "user", "reason": N_("No such active user")}])
    if not allowed(user.role, Permission.EXPORT_REPORTS):
        raise PermissionDeniedError(N_("Your role does not allow this"))
    return user


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def export_reports(
    session: Session,
    out: IO[str],
    user: User,
    *,
    fmt: str = "jsonl",
    since: datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Write matching reports to ``out`` and record the export in the audit trail."""
    if fmt not in FORMATS:
        raise ValidationFailedError(
            [{"field": "format", "reason": N_("Not one of the allowed values")}]
        )
    where = [Report.received_at >= since] if since else []
    total = session.scalar(select(func.count()).select_from(Report).where(*where)) or 0
    columns = [getattr(Report, name) for name in FIELDS]
    rows = session.execute(
        select(*columns).where(*where).order_by(Report.id).execution_options(yield_per=2000)
    )
    writer = csv.writer(out) if fmt == "csv" else None
    if writer is not None:
        writer.writerow(FIELDS)
    count = 0
    for row in rows:
        values = [_plain(v) for v in row]
        if writer is not None:
            writer.writerow(values)
        else:
            out.write(json.dumps(dict(zip(FIELDS, values, strict=True)), ensure_ascii=False))
            out.write("\n")
        count += 1
        if progress is not None and count % 2000 == 0:
            progress(count, total)
    if progress is not None:
        progress(count, total)
    audit.record(
        session,
        "reports.export",
        user_id=user.id,
        object_type="report",
        count=count,
        format=fmt,
        since=since.isoformat() if since else None,
    )
    return count
