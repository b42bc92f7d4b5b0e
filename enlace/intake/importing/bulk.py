"""Chunk inserts for bulk import, written per backend because they dominate the import's time.

A chunk's rows are encoded once, off the database thread (``encode``), into what the backend
reads fastest; then one statement inserts the new reports *and* their first processing jobs:

- PostgreSQL: ``COPY`` into a temporary staging table, then ``INSERT … SELECT … ON CONFLICT
  (source_key) DO NOTHING RETURNING`` with the jobs inserted from the returned ids in the same
  statement.
- SQLite: the rows as one JSON array parameter, unpacked by ``json_each`` in an ``INSERT …
  SELECT … ON CONFLICT DO NOTHING RETURNING``; the jobs in a second statement from the ids.

Rows whose ``source_key`` is already stored are skipped; a reference code that collides with a
stored one fails the statement (IntegrityError) and the caller draws new codes.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from enlace.intake.importing.rows import ROW_COLUMNS
from enlace.store import sqlite_timestamp

COLUMNS = ("reference", *ROW_COLUMNS)
PG_TYPES = (
    "text", "text", "text", "boolean", "text", "text", "text", "text", "text", "float8",
    "float8", "timestamptz",
)  # fmt: skip
TEXT = frozenset(i for i, t in enumerate(PG_TYPES) if t == "text")
STAGE = "enlace_import_stage"
Row = tuple[object, ...]  # values in COLUMNS order


def _copy_text(value: Any) -> str:
    """A text value in COPY's text format (backslash escapes, \\N for NULL)."""
    if value is None:
        return "\\N"
    text = str(value)
    if "\\" in text or not text.isprintable():  # rare: tabs, newlines, backslashes…
        text = text.replace("\\", "\\\\").replace("\t", "\\t")
        text = text.replace("\n", "\\n").replace("\r", "\\r")
    return text


def _copy_other(value: object) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


def encode(dialect: str, rows: Sequence[Row]) -> bytes | str:
    """The chunk's rows in the form ``insert_chunk`` sends."""
    if dialect == "postgresql":
        cells = [_copy_text if i in TEXT else _copy_other for i in range(len(COLUMNS))]
        lines = ["\t".join([f(v) for f, v in zip(cells, row, strict=True)]) for row in rows]
        return ("\n".join(lines) + "\n").encode("utf-8")
    # incident_at, the last column, is the only datetime.
    return json.dumps(
        [[*row[:-1], sqlite_timestamp(row[-1])] for row in rows],  # type: ignore[arg-type]
        ensure_ascii=False,
    )


def insert_chunk(
    conn: Connection,
    payload: bytes | str,
    *,
    steps: Sequence[str],
    channel: str,
    status: str,
    now: datetime,
    want_ids: bool,
) -> tuple[int, dict[str, int]]:
    """Insert the encoded rows and a job per step in ``steps`` for each new one (the caller
    passes the chain's first step), in the caller's transaction.

    Returns how many reports were new and, with ``want_ids``, their source_key → id.
    """
    if conn.dialect.name == "postgresql":
        assert isinstance(payload, bytes)
        return _insert_pg(conn, payload, steps, channel, status, now, want_ids)
    assert isinstance(payload, str)
    return _insert_sqlite(conn, payload, steps, channel, status, now)


def _insert_pg(
    conn: Connection,
    payload: bytes,
    steps: Sequence[str],
    channel: str,
    status: str,
    now: datetime,
    want_ids: bool,
) -> tuple[int, dict[str, int]]:
    names = ", ".join(COLUMNS)
    typed = ", ".join(f"{c} {t}" for c, t in zip(COLUMNS, PG_TYPES, strict=True))
    raw: Any = conn.connection.driver_connection
    with raw.cursor() as cur:
        cur.execute(f"CREATE TEMP TABLE IF NOT EXISTS {STAGE} ({typed}) ON COMMIT DELETE ROWS")
        with cur.copy(f"COPY {STAGE} ({names}) FROM STDIN") as copy:
            copy.write(payload)
        result = "id, source_key" if want_ids else "count(*), NULL"
        cur.execute(
            f"WITH new AS (INSERT INTO reports ({names}, channel, status, received_at, "  # noqa: S608 - constants
            f"created_at, updated_at) SELECT {names}, %(channel)s, %(status)s, %(now)s, "
            f"%(now)s, %(now)s FROM {STAGE} ON CONFLICT (source_key) DO NOTHING "
            "RETURNING id, source_key), "
            "jobs AS (INSERT INTO intake_jobs (report_id, step, seq, state, attempts, "
            "run_after, created_at) SELECT new.id, s.step, s.seq, 'queued', 0, %(now)s, "
            "%(now)s FROM new CROSS JOIN unnest(%(steps)s::text[], %(seqs)s::integer[]) "
            f"AS s(step, seq)) SELECT {result} FROM new",
            {
                "channel": channel,
                "status": status,
                "now": now,
                "steps": list(steps),
                "seqs": list(range(len(steps))),
            },
        )
        rows = cur.fetchall()
    if not want_ids:
        return int(rows[0][0]), {}
    return len(rows), {key: rid for rid, key in rows}


def _insert_sqlite(
    conn: Connection,
    payload: str,
    steps: Sequence[str],
    channel: str,
    status: str,
    now: datetime,
) -> tuple[int, dict[str, int]]:
    stamp = sqlite_timestamp(now)
    names = ", ".join(COLUMNS)
    picks = ", ".join(f"json_extract(r.value, '$[{i}]')" for i in range(len(COLUMNS)))
    found = conn.exec_driver_sql(
        f"INSERT INTO reports ({names}, channel, status, received_at, created_at, updated_at) "  # noqa: S608 - constants
        f"SELECT {picks}, ?, ?, ?, ?, ? FROM json_each(?) AS r WHERE true "
        "ON CONFLICT (source_key) DO NOTHING RETURNING id, source_key",
        (channel, status, stamp, stamp, stamp, payload),
    ).all()
    ids = {key: rid for rid, key in found}
    if ids and steps:
        conn.exec_driver_sql(
            "INSERT INTO intake_jobs (report_id, step, seq, state, attempts, run_after, "
            "created_at) SELECT r.value, json_extract(s.value, '$[0]'), "
            "json_extract(s.value, '$[1]'), 'queued', 0, ?, ? "
            "FROM json_each(?) AS r CROSS JOIN json_each(?) AS s",
            (
                stamp,
                stamp,
                json.dumps(list(ids.values())),
                json.dumps([[name, seq] for seq, name in enumerate(steps)]),
            ),
        )
    return len(ids), ids
