"""Fixtures shared by the whole suite.

Storage tests run once per backend: ``backend`` is parametrized over SQLite and PostgreSQL. Without
a PostgreSQL server those runs skip with one line, unless ``ENLACE_REQUIRE_POSTGRES=1`` (set by CI)
turns the skip into a failure.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import settings as hypothesis_settings
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from enlace.config import Settings, load_settings
from enlace.security import users
from enlace.security.tables import Role, User
from enlace.store import Database, upgrade
from enlace.store.base import Base
from enlace.web.app import create_app
from enlace.web.deps import CSRF_COOKIE
from tests.browser import browser  # noqa: F401 - one Playwright for the whole session

# Property tests check behaviour, not speed: a shared CI machine must not fail them on a deadline.
hypothesis_settings.register_profile("enlace", deadline=None)
hypothesis_settings.load_profile("enlace")

PG_ADMIN_URL = os.environ.get(
    "ENLACE_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
PASSWORD = "correct-horse-battery"
BACKENDS = ["sqlite", "postgresql"]


def _postgres_missing(reason: str) -> None:
    message = f"PostgreSQL not available at {make_url(PG_ADMIN_URL).render_as_string()}: {reason}"
    if os.environ.get("ENLACE_REQUIRE_POSTGRES") == "1":
        pytest.fail(message + " (ENLACE_REQUIRE_POSTGRES=1)", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh, migrated PostgreSQL database for this test session, dropped at the end."""
    name = f"enlace_test_{os.getpid()}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:
        admin.dispose()
        _postgres_missing(str(exc).splitlines()[0])
    url = make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    db = Database(url)
    upgrade(db)
    db.dispose()
    yield url
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _truncate_all(db: Database) -> None:
    tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with db.engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return load_settings(data_dir=tmp_path / "data", secret_key="s" * 48, environment="test")


@pytest.fixture
def db(backend: str, settings: Settings, request: pytest.FixtureRequest) -> Iterator[Database]:
    """An empty, migrated database on the requested backend."""
    if backend == "sqlite":
        database = Database(settings.resolved_database_url)
        upgrade(database)
    else:
        database = Database(request.getfixturevalue("postgres_url"))
        _truncate_all(database)
    yield database
    database.dispose()


@pytest.fixture
def session(db: Database) -> Iterator[Session]:
    with db.session() as s:
        yield s


@pytest.fixture
def app_client(settings: Settings, db: Database) -> Iterator[TestClient]:
    with TestClient(create_app(settings, db)) as client:
        yield client


def make_user(db: Database, role: Role, username: str | None = None, language: str = "en") -> User:
    with db.session() as s:
        return users.create_user(
            s,
            username=username or role.value.replace("_", "-"),
            password=PASSWORD,
            role=role,
            language=language,
        )


def csrf(client: TestClient) -> str:
    """The form token for the client's csrf cookie (fetching a page first issues the cookie)."""
    if CSRF_COOKIE not in client.cookies:
        client.get("/login")
    page = client.get("/login").text
    match = re.search(r'name="csrf_token" value="([0-9a-f]+)"', page)
    assert match, "login page carries a CSRF token"
    return match.group(1)


def login(client: TestClient, username: str, password: str = PASSWORD) -> None:
    response = client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": csrf(client), "next": "/"},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
