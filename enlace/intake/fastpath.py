"""The acknowledged-intake hot path: a report, its contact and its first job in one round trip.

The public JSON API is the busiest route, so it skips the ORM session and SQLAlchemy's statement
machinery and speaks to the driver directly, once per report:

- PostgreSQL: one ``WITH … INSERT … RETURNING`` statement in autocommit inserts the report, its
  contact, its first processing job (``pipeline.queue`` chains the others) and the idempotency
  answer. A single statement is atomic and, with ``synchronous_commit`` on, durable when it
  returns — so the reference code is handed out only after the commit, in one round trip.
- SQLite: the same rows in one short transaction, behind a per-process lock so the threads of one
  web process queue for the single writer here instead of sleeping in SQLite's busy handler.

A reference code that collides with a stored one is drawn again; a concurrent request with the
same idempotency key loses the race on the unique key and answers with the winner's response.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

from psycopg.sql import Literal

from enlace.intake import steps
from enlace.intake.references import new_reference
from enlace.intake.tables import JobState, ReportStatus
from enlace.intake.validation import Submission
from enlace.intake.worker import notify
from enlace.store import Database, sqlite_timestamp
from enlace.store.base import utcnow

REFERENCE_TRIES = 3
REPORT_COLUMNS = (
    "reference", "channel", "language", "anonymous", "narrative", "location_text", "country",
    "state", "city", "latitude", "longitude", "incident_at", "created_by_id", "status",
    "received_at", "created_at", "updated_at",
)  # fmt: skip
CONTACT_COLUMNS = ("name", "phone", "email", "relationship_to_victim")
_sqlite_writer = threading.Lock()


@dataclass(frozen=True)
class Answer:
    """What the client gets: a fresh acknowledgement (201) or the replay of an earlier one."""

    status_code: int
    body: dict[str, Any]
    report_id: int | None = None


def _report_values(
    sub: Submission, channel: str, created_by_id: int | None, now: datetime
) -> dict[str, Any]:
    return {
        "reference": new_reference(),
        "channel": channel,
        "language": sub.language,
        "anonymous": sub.anonymous or sub.contact is None,
        "narrative": sub.narrative,
        "location_text": sub.location_text,
        "country": sub.country,
        "state": sub.state,
        "city": sub.city,
        "latitude": sub.latitude,
        "longitude": sub.longitude,
        "incident_at": sub.incident_at,
        "created_by_id": created_by_id,
        "status": ReportStatus.NEW.value,
        "received_at": now,
        "created_at": now,
        "updated_at": now,
    }


def _contact_values(sub: Submission) -> dict[str, Any] | None:
    if sub.contact is None or sub.anonymous:
        return None
    c = sub.contact
    return {"name": c.name, "phone": c.phone, "email": c.email, "relationship_to_victim": None}


def replay(db: Database, scope: str, key: str) -> Answer | None:
    """The stored answer to an earlier request with this idempotency key, if there is one."""
    fairy = db.engine.raw_connection()
    try:
        cur = fairy.cursor()
        mark = "%s" if db.dialect == "postgresql" else "?"
        cur.execute(
            "SELECT status_code, response, report_id FROM intake_idempotency_keys "  # noqa: S608 - placeholders only
            f"WHERE scope = {mark} AND key = {mark}",
            (scope, key),
        )
        row = cur.fetchone()
        cur.close()
        fairy.rollback()
    finally:
        fairy.close()
    if row is None:
        return None
    response = row[1] if isinstance(row[1], dict) else json.loads(row[1])
    return Answer(int(row[0]), response, row[2])


def store(
    db: Database,
    sub: Submission,
    *,
    channel: str,
    scope: str,
    key: str | None = None,
    created_by_id: int | None = None,
) -> Answer:
    """Store a validated submission with its jobs; the answer is given only once committed.

    With ``key`` the answer is remembered under (``scope``, ``key``) in the same statement. The
    caller looks for an earlier answer first (``replay``), before validating; if a concurrent
    request with the same key commits in between, its answer is returned here instead.
    """
    first = steps.first()  # the chain's first step; the worker queues the rest
    names = [first] if first else []
    integrity_error: type[Exception] = db.engine.dialect.loaded_dbapi.IntegrityError
    for attempt in range(REFERENCE_TRIES):
        report = _report_values(sub, channel, created_by_id, utcnow())
        body = {"reference": report["reference"]}
        idem = None if key is None else (scope, key, json.dumps(body))
        try:
            if db.dialect == "postgresql":
                report_id = _store_pg(db, report, _contact_values(sub), names, idem)
            else:
                report_id = _store_sqlite(db, report, _contact_values(sub), names, idem)
        except integrity_error:
            # A concurrent retry with the same key won (answer as it did), or the reference
            # code was already taken (draw another).
            if key is not None and (prior := replay(db, scope, key)) is not None:
                return prior
            if attempt == REFERENCE_TRIES - 1:
                raise
            continue
        notify()
        return Answer(201, body, report_id)
    raise AssertionError("unreachable")  # pragma: no cover


_PG_REPORT = (
    f"WITH r AS (INSERT INTO reports ({', '.join(REPORT_COLUMNS)}) "  # noqa: S608 - constants
    f"VALUES ({', '.join(f'%({c})s' for c in REPORT_COLUMNS)}) RETURNING id)"
)
_PG_JOBS = (
    ", j AS (INSERT INTO intake_jobs (report_id, step, seq, state, attempts, run_after, "
    "created_at) SELECT r.id, s.step, s.seq, 'queued', 0, %(received_at)s, %(received_at)s "
    "FROM r CROSS JOIN (VALUES {steps}) AS s(step, seq))"
)
_PG_CONTACT = (
    ", c AS (INSERT INTO report_contacts (report_id, name, phone, email, relationship_to_victim) "
    "SELECT r.id, %(contact_name)s, %(contact_phone)s, %(contact_email)s, "
    "%(contact_relationship_to_victim)s FROM r)"
)
_PG_KEY = (
    ", k AS (INSERT INTO intake_idempotency_keys (scope, key, report_id, status_code, response, "
    "created_at) SELECT %(scope)s, %(key)s, r.id, 201, %(response)s::json, %(received_at)s FROM r)"
)


@lru_cache(maxsize=16)
def _pg_statement(names: tuple[str, ...], with_contact: bool, with_key: bool) -> str:
    """The statement for this set of steps (written into it: they are few and rarely change)."""
    steps_sql = ", ".join(
        f"({Literal(name).as_string(None)}, {seq})" for seq, name in enumerate(names)
    )
    jobs = _PG_JOBS.format(steps=steps_sql) if names else ""
    contact = _PG_CONTACT if with_contact else ""
    key = _PG_KEY if with_key else ""
    return f"{_PG_REPORT}{jobs}{contact}{key} SELECT id FROM r"  # noqa: S608 - constants only


def _store_pg(
    db: Database,
    report: dict[str, Any],
    contact: dict[str, Any] | None,
    names: list[str],
    idem: tuple[str, str, str] | None,
) -> int:
    params: dict[str, Any] = dict(report)
    if contact is not None:
        params.update({f"contact_{k}": v for k, v in contact.items()})
    if idem is not None:
        params.update(scope=idem[0], key=idem[1], response=idem[2])
    sql = _pg_statement(tuple(names), contact is not None, idem is not None)
    fairy = db.engine.raw_connection()
    conn: Any = fairy.driver_connection
    try:
        conn.autocommit = True  # one statement, its own transaction: committed when it returns
        try:
            with conn.cursor() as cur:
                cur.execute(sql, params)
                row = cur.fetchone()
        finally:
            try:
                conn.autocommit = False
            except Exception:  # a broken connection: drop it, keep the first error
                fairy.invalidate()
    finally:
        fairy.close()
    return int(row[0])


def _store_sqlite(
    db: Database,
    report: dict[str, Any],
    contact: dict[str, Any] | None,
    names: list[str],
    idem: tuple[str, str, str] | None,
) -> int:
    stamp = sqlite_timestamp(report["received_at"])
    values = [
        sqlite_timestamp(v) if isinstance(v, datetime) else v
        for v in (report[c] for c in REPORT_COLUMNS)
    ]
    columns = ", ".join(REPORT_COLUMNS)
    marks = ", ".join("?" * len(REPORT_COLUMNS))
    fairy = db.engine.raw_connection()
    try:
        with _sqlite_writer:
            cur = fairy.cursor()
            try:
                cur.execute(
                    f"INSERT INTO reports ({columns}) VALUES ({marks}) RETURNING id",  # noqa: S608 - fixed column names
                    values,
                )
                row: Any = cur.fetchone()
                report_id = int(row[0])
                cur.executemany(
                    "INSERT INTO intake_jobs (report_id, step, seq, state, attempts, run_after, "
                    "created_at) VALUES (?, ?, ?, ?, 0, ?, ?)",
                    [
                        (report_id, name, seq, JobState.QUEUED.value, stamp, stamp)
                        for seq, name in enumerate(names)
                    ],
                )
                if contact is not None:
                    cur.execute(
                        "INSERT INTO report_contacts (report_id, name, phone, email, "
                        "relationship_to_victim) VALUES (?, ?, ?, ?, ?)",
                        (report_id, *(contact[c] for c in CONTACT_COLUMNS)),
                    )
                if idem is not None:
                    cur.execute(
                        "INSERT INTO intake_idempotency_keys (scope, key, report_id, "
                        "status_code, response, created_at) VALUES (?, ?, ?, 201, ?, ?)",
                        (idem[0], idem[1], report_id, idem[2], stamp),
                    )
                fairy.commit()
            except BaseException:
                fairy.rollback()
                raise
            finally:
                cur.close()
    finally:
        fairy.close()
    return report_id
