"""Run an import: stream and check rows on one thread, insert them in chunks on another.

Each chunk commits on its own so a million rows never sit in one transaction; row keys make a
re-run skip what already landed (``ON CONFLICT (source_key) DO NOTHING``), so an interrupted
import is finished by running it again. Reports, their contacts, their processing jobs and the
chunk's row errors land in the same chunk transaction.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, cast

from sqlalchemy import Connection, Table, insert, update
from sqlalchemy.exc import IntegrityError

from enlace.intake import steps
from enlace.intake.importing import bulk, chunks, readers
from enlace.intake.importing.mapping import guess_format, load_mapping
from enlace.intake.tables import (
    Channel,
    ImportBatch,
    ImportRowError,
    Job,
    Report,
    ReportContact,
    ReportStatus,
)
from enlace.store import Database
from enlace.store.base import utcnow

CHUNK = 5000
ERROR_SAMPLE = 1000
REFERENCE_TRIES = 5
REPORTS = cast(Table, Report.__table__)
CONTACTS = cast(Table, ReportContact.__table__)
JOBS = cast(Table, Job.__table__)
ROW_ERRORS = cast(Table, ImportRowError.__table__)
Progress = Callable[[int, int], None]


@dataclass
class ImportResult:
    batch_id: int
    rows: int = 0
    inserted: int = 0
    duplicates: int = 0
    failed: int = 0
    error_report: Path | None = None
    errors: list[dict[str, Any]] = field(default_factory=list)


class _ErrorSink:
    """Bad rows go to a CSV file (all of them), the batch's table, and a sample for the answer."""

    def __init__(self, path: Path, batch_id: int) -> None:
        self.path = path
        self.batch_id = batch_id
        self.handle: IO[str] | None = None
        self.writer: Any = None
        self.sample: list[dict[str, Any]] = []
        self.pending: list[dict[str, Any]] = []

    def add(self, row: int, fld: str, reason: str) -> None:
        if self.handle is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.handle = self.path.open("w", encoding="utf-8", newline="")
            self.writer = csv.writer(self.handle)
            self.writer.writerow(["row", "field", "reason"])
        self.writer.writerow([row, fld, reason])
        item = {"batch_id": self.batch_id, "row": row, "field": fld[:100], "reason": reason[:300]}
        self.pending.append(item)
        if len(self.sample) < ERROR_SAMPLE:
            self.sample.append({"row": row, "field": fld, "reason": reason})

    def flush(self, conn: Connection) -> None:
        if self.pending:
            conn.execute(insert(ROW_ERRORS), self.pending)
            self.pending = []

    def close(self) -> Path | None:
        if self.handle is None:
            return None
        self.handle.close()
        return self.path


def _insert(conn: Connection, chunk: chunks.Prepared) -> tuple[int, dict[str, int]]:
    """Insert the chunk's new reports and their jobs; returns how many were new (and ids)."""
    first = steps.first()  # the chain's first step; the worker queues the rest
    names = [first] if first else []
    payload = chunk.payload
    for attempt in range(REFERENCE_TRIES):
        try:
            with conn.begin_nested():
                return bulk.insert_chunk(
                    conn,
                    payload,
                    steps=names,
                    channel=Channel.PARTNER_IMPORT.value,
                    status=ReportStatus.NEW.value,
                    now=utcnow(),
                    want_ids=chunk.has_contacts,
                )
        except (IntegrityError, conn.dialect.loaded_dbapi.IntegrityError):
            # A reference code collided with a stored one: draw new codes for the chunk. (The
            # PostgreSQL path talks to the driver directly, so its error comes unwrapped.)
            if attempt == REFERENCE_TRIES - 1:
                raise
            payload = chunks.encode(conn.dialect.name, chunk.good)
    raise AssertionError("unreachable")  # pragma: no cover


def _store(
    conn: Connection, chunk: chunks.Prepared, sink: _ErrorSink, result: ImportResult
) -> None:
    result.rows += chunk.rows
    failed_rows = set()
    for number, fld, reason in chunk.problems:
        sink.add(number, fld, reason)
        failed_rows.add(number)
    result.failed += len(failed_rows)
    result.duplicates += chunk.repeated
    inserted, ids = _insert(conn, chunk) if chunk.good else (0, {})
    result.inserted += inserted
    result.duplicates += len(chunk.good) - inserted
    contacts = [
        {"report_id": ids[item.key], **(item.contact or {})}
        for item in chunk.good
        if item.contact and item.key in ids
    ]
    if contacts:
        conn.execute(insert(CONTACTS), contacts)
    sink.flush(conn)


def run_import(
    db: Database,
    path: Path,
    *,
    data_dir: Path,
    max_narrative: int,
    fmt: str | None = None,
    mapping_path: Path | None = None,
    user_id: int | None = None,
    display_name: str | None = None,
    progress: Progress | None = None,
    chunk_size: int = CHUNK,
) -> ImportResult:
    fmt = guess_format(path, fmt)
    mapping = load_mapping(mapping_path, fmt)
    with db.engine.begin() as conn:
        batch_id = conn.execute(
            insert(cast(Table, ImportBatch.__table__)).returning(ImportBatch.__table__.c.id),
            {
                "file_name": (display_name or path.name)[:300],
                "format": fmt,
                "source": mapping.source,
                "user_id": user_id,
                "status": "running",
                "started_at": utcnow(),
            },
        ).scalar_one()
    result = ImportResult(batch_id=batch_id)
    sink = _ErrorSink(data_dir / "imports" / f"batch-{batch_id}-errors.csv", batch_id)
    total = path.stat().st_size
    try:
        with path.open("rb") as handle:
            counter, records = readers.records(path, fmt, handle)
            source = chunks.prepared(
                records,
                counter,
                mapping,
                size=chunk_size,
                max_narrative=max_narrative,
                dialect=db.dialect,
            )
            with chunks.Ahead(source) as ready:
                for chunk in ready:
                    with db.engine.begin() as conn:
                        _store(conn, chunk, sink, result)
                    if progress is not None:
                        progress(chunk.read_bytes, total)
    finally:
        result.error_report = sink.close()
        with db.engine.begin() as conn:
            conn.execute(
                update(cast(Table, ImportBatch.__table__))
                .where(ImportBatch.__table__.c.id == batch_id)
                .values(
                    status="done"
                    if result.rows == result.inserted + result.duplicates + result.failed
                    else "stopped",
                    rows_total=result.rows,
                    rows_inserted=result.inserted,
                    rows_duplicate=result.duplicates,
                    rows_failed=result.failed,
                    error_report=str(result.error_report) if result.error_report else None,
                    finished_at=utcnow(),
                )
            )
    result.errors = sink.sample
    return result
