"""Engine and session factory, with one clear error when the database cannot be reached."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from enlace.errors import DatabaseUnavailableError
from enlace.plugins import load_tables


def redact_url(url: str) -> str:
    """The URL with any password hidden, for messages and logs."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<unparseable database URL>"


def sqlite_timestamp(value: datetime | None) -> str | None:
    """An aware datetime as SQLAlchemy stores it on SQLite: UTC, no offset, a four-digit year.

    The raw-driver fast paths write this form; a year written without its zeros ("1-01-01")
    cannot be read back by the ORM and breaks every page that lists the row.
    """
    if value is None:
        return None
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets readers work while the single writer commits; foreign keys are off by default.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


AFTER_COMMIT = "enlace.after_commit"


def after_commit(session: Session, callback: Callable[[], None]) -> None:
    """Run ``callback`` right after the unit of work that owns ``session`` commits (``commit``).

    For side effects that must not announce uncommitted data, such as waking the queue worker;
    a unit of work that fails is discarded with its callbacks.
    """
    session.info.setdefault(AFTER_COMMIT, []).append(callback)


def commit(session: Session) -> None:
    """Commit the unit of work, then run what waited for it (``after_commit``)."""
    session.commit()
    for callback in session.info.pop(AFTER_COMMIT, ()):
        callback()


def _fix_hint(url: str) -> str:
    if url.startswith("sqlite"):
        return "check that the data directory (ENLACE_DATA_DIR) exists and is writable"
    return (
        "check that the server is running and ENLACE_DATABASE_URL is right "
        "(postgresql+psycopg://user:password@host:5432/dbname)"
    )


class Database:
    """One engine and its session factory, created by the caller (never at import time)."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        load_tables()  # every area's tables are mapped before the first query configures them
        self.url = url
        try:
            parsed = make_url(url)
        except ArgumentError as exc:
            raise DatabaseUnavailableError(
                f"Cannot parse database URL {redact_url(url)}: {_fix_hint(url)}"
            ) from exc
        kwargs: dict[str, Any] = {"echo": echo}
        if parsed.get_backend_name() == "sqlite":
            if parsed.database and parsed.database != ":memory:":
                Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
            kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
        else:
            kwargs.update(pool_pre_ping=True, pool_size=10, max_overflow=20)
        self.engine: Engine = create_engine(url, **kwargs)
        if parsed.get_backend_name() == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def check(self) -> None:
        """Connect once, turning any driver error into one line that names the URL and the fix."""
        try:
            with self.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        except (OperationalError, DBAPIError) as exc:
            reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
            raise DatabaseUnavailableError(
                f"Cannot reach the database at {redact_url(self.url)} ({reason}); "
                f"{_fix_hint(self.url)}"
            ) from exc

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session that commits on success and rolls back on any error: nothing half-written."""
        session = self.sessions()
        try:
            yield session
            commit(session)
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()
