"""Incident dates from the public: an impossible year is refused with a reason, never stored broken.

A report once stored with the year 1 on SQLite made the report list, the dashboard and the report
itself fail for every role, and its processing never ran. These tests keep that from coming back.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from sqlalchemy import func, select, text

from enlace.intake import fastpath
from enlace.intake.importing.mapping import default_mapping
from enlace.intake.importing.rows import convert
from enlace.intake.tables import Job, Report
from enlace.intake.validation import EARLIEST_WHEN, Submission
from enlace.intake.worker import Worker
from enlace.security.tables import Role
from enlace.store import Database, upgrade
from enlace.store.migrate import alembic_config
from tests.conftest import csrf, login, make_user

URL = "/api/v1/public/reports"
ES = {"Accept-Language": "es-MX,es;q=0.9"}
IMPOSSIBLE = [
    "0001-01-01T00:00:00",  # the attack as sent
    "0001-01-01T00:00:00+05:00",  # before year 1 once in UTC
    "0999-12-31",
    "1899-12-31T23:59:59Z",
    "9999-12-31T23:00:00-05:00",  # after the last year once in UTC
]


def _count(db: Database, model: type) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


@pytest.mark.parametrize("when", IMPOSSIBLE)
def test_an_impossible_incident_date_is_refused_with_a_reason_and_nothing_stored(
    app_client: TestClient, db: Database, when: str
) -> None:
    body = {"narrative": "Vi a una muchacha encerrada.", "lang": "es", "anonymous": True}
    answer = app_client.post(URL, json={**body, "when": when}, headers=ES)
    assert answer.status_code == 422, answer.text
    errors = answer.json()["error"]["errors"]
    assert [e["field"] for e in errors] == ["when"]
    assert errors[0]["reason"] in {
        "Esta fecha es demasiado antigua",
        "Esta fecha está en el futuro",
    }
    assert _count(db, Report) == 0
    assert _count(db, Job) == 0


def test_the_web_form_refuses_an_ancient_year_and_keeps_what_was_typed(
    app_client: TestClient, db: Database
) -> None:
    data = {
        "csrf_token": csrf(app_client),
        "narrative": "Texto que no se pierde",
        "when": "0001-01-01",
        "anonymous": "yes",
    }
    sent = app_client.post("/report", data=data, headers=ES)
    assert sent.status_code == 422
    assert "Texto que no se pierde" in sent.text
    assert "Esta fecha es demasiado antigua" in sent.text
    assert _count(db, Report) == 0


def test_an_old_but_possible_date_is_stored_listed_and_processed(
    app_client: TestClient, db: Database
) -> None:
    body = {"narrative": "Old case: a man kept workers.", "lang": "en", "anonymous": True}
    sent = app_client.post(URL, json={**body, "when": "1900-01-01T00:00:00"})
    assert sent.status_code == 201, sent.text
    reference = sent.json()["reference"]
    Worker(db, batch=50).drain()
    with db.session() as s:
        report = s.scalar(select(Report).where(Report.reference == reference))
        assert report is not None
        assert report.incident_at == datetime(1900, 1, 1, tzinfo=UTC)
        states = {j.state for j in s.scalars(select(Job).where(Job.report_id == report.id))}
        assert states == {"done"}
    make_user(db, Role.ANALYST)
    login(app_client, "analyst")
    for page in ("/reports", "/", f"/reports/{reference}"):
        shown = app_client.get(page)
        assert shown.status_code == 200, page
    assert reference in app_client.get("/reports").text


@hypothesis_settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(when=st.datetimes(timezones=st.just(UTC)))
def test_the_fast_path_stores_any_year_so_that_it_reads_back(db: Database, when: datetime) -> None:
    # Validation refuses such years; storage must still never write a value it cannot read.
    sub = Submission(narrative="x", language="en", incident_at=when)
    answer = fastpath.store(db, sub, channel="api", scope="test", key=None)
    with db.session() as s:
        stored = s.get(Report, answer.report_id)
        assert stored is not None and stored.incident_at == when


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        ("0001-01-01", "This date is too far in the past"),
        ("9999-01-01", "This date is in the future"),
    ],
)
def test_an_imported_row_with_an_impossible_date_is_reported_not_stored(
    cell: str, reason: str
) -> None:
    record = {"id": "7", "narrative": "Tip", "language": "en", "incident_at": cell}
    problems = convert(default_mapping("csv"), record, max_narrative=1000)
    assert isinstance(problems, list) and ("incident_at", reason) in problems


def test_the_migration_repairs_a_short_year_and_queues_its_report_again(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'old.db'}")
    command.upgrade(alembic_config(db), "0003")
    with db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO reports (id, reference, channel, language, anonymous, narrative, "
                "status, incident_at, received_at, created_at, updated_at) VALUES (1, "
                "'ENL-AAAA-AAAA', 'api', 'es', 1, 'x', 'new', '1-01-01 00:00:00.000000', "
                "'2026-12-01 00:00:00.000000', '2026-12-01 00:00:00.000000', "
                "'2026-12-01 00:00:00.000000')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO intake_jobs (report_id, step, seq, state, attempts, run_after, "
                "created_at) VALUES (1, 'extract', 0, 'failed', 5, '2026-12-01 00:00:00.000000', "
                "'2026-12-01 00:00:00.000000')"
            )
        )
    upgrade(db)
    with db.session() as s:
        report = s.get(Report, 1)
        assert report is not None and report.incident_at == datetime(1, 1, 1, tzinfo=UTC)
        job = s.scalar(select(Job))
        assert job is not None and (job.state, job.attempts) == ("queued", 0)
    db.dispose()


OFFSETS = st.sampled_from([None, "Z", "+00:00", "-05:00", "+05:30", "-12:00", "+14:00"])


@hypothesis_settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(when=st.datetimes(), offset=OFFSETS)
def test_any_date_a_reporter_types_is_stored_or_refused_never_a_server_error(
    app_client: TestClient, db: Database, when: datetime, offset: str | None
) -> None:
    body = {"narrative": "Vi a una muchacha encerrada.", "lang": "es", "anonymous": True}
    sent = app_client.post(URL, json={**body, "when": when.isoformat() + (offset or "")})
    assert sent.status_code in (201, 422), sent.text
    if sent.status_code == 422:
        assert [e["field"] for e in sent.json()["error"]["errors"]] == ["when"]
    Worker(db, batch=50).drain()
    with db.session() as s:  # whatever was stored reads back and was processed
        for report in s.scalars(select(Report)):
            assert report.incident_at is None or report.incident_at >= EARLIEST_WHEN
        assert not s.scalar(select(func.count()).where(Job.state == "failed"))
