"""Storage on both backends: idempotent migrations, aware datetimes, one-line errors."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select

from enlace.errors import DatabaseUnavailableError
from enlace.intake.tables import Report
from enlace.store import Database, upgrade
from enlace.store.base import Base
from enlace.store.migrate import current_revisions, head_revisions


def test_migrating_twice_just_works(db: Database) -> None:
    upgrade(db)
    upgrade(db)
    assert current_revisions(db) == head_revisions(db)


def test_datetimes_come_back_aware_in_utc(db: Database) -> None:
    mexico_city = timezone(timedelta(hours=-6))
    received = datetime(2026, 3, 1, 9, 30, tzinfo=mexico_city)
    with db.session() as s:
        s.add(
            Report(
                reference="ENL-TEST-0001",
                channel="api",
                language="es",
                narrative="prueba",
                received_at=received,
            )
        )
    with db.session() as s:
        stored = s.scalar(select(Report.received_at))
    assert stored == received
    assert stored is not None and stored.tzinfo is not None
    assert stored.utcoffset() == timedelta(0)


def test_naive_datetimes_are_refused(db: Database) -> None:
    with pytest.raises(Exception, match="naive datetime"), db.session() as s:
        s.add(
            Report(
                reference="ENL-TEST-0002",
                channel="api",
                language="en",
                narrative="x",
                received_at=datetime(2026, 1, 1),
            )
        )
        s.flush()


def test_failed_transaction_leaves_nothing_behind(db: Database) -> None:
    with pytest.raises(RuntimeError), db.session() as s:
        s.add(
            Report(
                reference="ENL-TEST-0003",
                channel="api",
                language="en",
                narrative="x",
                received_at=datetime.now(UTC),
            )
        )
        s.flush()
        raise RuntimeError("crash mid-write")
    with db.session() as s:
        assert s.scalar(select(Report.id)) is None


def test_unreachable_database_is_one_clear_line_without_the_password() -> None:
    db = Database("postgresql+psycopg://enlace:s3cr3t-pw@127.0.0.1:1/enlace")
    with pytest.raises(DatabaseUnavailableError) as caught:
        db.check()
    message = caught.value.message
    assert "s3cr3t-pw" not in message
    assert "127.0.0.1:1/enlace" in message
    assert "ENLACE_DATABASE_URL" in message
    assert "\n" not in message


def test_unparseable_url_is_a_clear_error() -> None:
    with pytest.raises(DatabaseUnavailableError, match="Cannot parse"):
        Database("not a url at all")


def test_migrations_have_one_head_and_build_the_models_schema(db: Database) -> None:
    """`alembic upgrade head` has one target, and the tables it builds are the models' tables."""
    assert len(head_revisions(db)) == 1
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": False})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []
