"""Transactions at one boundary: a request (or a command) is one unit of work, committed once when
its handler returns and before its answer goes out, discarded whole when anything fails."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from enlace.cli.context import transaction
from enlace.config import Settings, load_settings
from enlace.errors import ConflictError
from enlace.intake import idempotency
from enlace.intake.tables import Job, Report
from enlace.intake.web import common as intake_common
from enlace.intake.worker import notify
from enlace.security.tables import Agency, Role, UserSession
from enlace.store import Database
from tests.conftest import PASSWORD, csrf, make_user

TIP = {"narrative": "Two girls never leave the motel room; a man brings them food.", "lang": "en"}


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """As the suite's, without the in-process worker: every commit seen here is the request's."""
    return load_settings(
        data_dir=tmp_path / "data", secret_key="s" * 48, environment="test", inline_worker=False
    )


class Probe:
    """The application behind a wrapper that notes, in order, each commit of a database session,
    each wake-up of the queue worker and the start of each answer."""

    def __init__(self, app: ASGIApp, db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
        self.app = app
        self.events: list[str] = []
        event.listen(db.sessions, "after_commit", self._committed)
        self._db = db
        monkeypatch.setattr(intake_common, "notify", self._woken)

    def _committed(self, _session: Session) -> None:
        self.events.append("commit")

    def _woken(self) -> None:
        self.events.append("notify")
        notify()

    def close(self) -> None:
        event.remove(self._db.sessions, "after_commit", self._committed)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def noting(message: Message) -> None:
            if message["type"] == "http.response.start":
                self.events.append(f"answer {message['status']}")
            await send(message)

        await self.app(scope, receive, noting)


@pytest.fixture
def probe(app_client: TestClient, db: Database, monkeypatch: pytest.MonkeyPatch) -> Iterator[Probe]:
    found = Probe(app_client.app, db, monkeypatch)
    yield found
    found.close()


@pytest.fixture
def client(probe: Probe) -> TestClient:
    """Errors come back as answers (a 500), as a real client would see them."""
    return TestClient(probe, raise_server_exceptions=False)


@pytest.fixture
def bearer(client: TestClient, db: Database, probe: Probe) -> dict[str, str]:
    make_user(db, Role.HOTLINE_OPERATOR, "operator")
    token = client.post("/api/v1/auth/token", json={"username": "operator", "password": PASSWORD})
    assert token.status_code == 200, token.text
    probe.events.clear()
    return {"Authorization": f"Bearer {token.json()['access_token']}"}


@contextmanager
def commits_failing(db: Database) -> Iterator[None]:
    """Make every commit meanwhile fail on a unique constraint, the way a concurrent writer can."""

    def add_twins(session: Session) -> None:
        for short in ("A", "B"):
            session.add(Agency(name="Twin agency", short_name=short, country="US", level="state"))

    event.listen(db.sessions, "before_commit", add_twins)
    try:
        yield
    finally:
        event.remove(db.sessions, "before_commit", add_twins)


def _count(db: Database, model: type) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_an_acknowledged_tip_was_committed_once_before_the_answer(
    client: TestClient, probe: Probe, bearer: dict[str, str], db: Database
) -> None:
    response = client.post("/api/v1/reports", json={**TIP, "anonymous": True}, headers=bearer)
    assert response.status_code == 201, response.text
    assert probe.events == ["commit", "notify", "answer 201"]
    with db.session() as s:
        stored = s.scalar(select(Report).where(Report.reference == response.json()["reference"]))
        assert stored is not None
        assert s.scalar(select(func.count()).where(Job.report_id == stored.id)) == 1


def test_a_redirect_after_a_form_is_sent_after_its_commit(
    client: TestClient, probe: Probe, db: Database
) -> None:
    make_user(db, Role.ANALYST, "ana")
    token = csrf(client)
    probe.events.clear()
    response = client.post(
        "/login",
        data={"username": "ana", "password": PASSWORD, "csrf_token": token, "next": "/"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert probe.events == ["commit", "answer 303"]
    assert _count(db, UserSession) == 1


def test_a_tip_whose_commit_fails_is_not_acknowledged(
    client: TestClient, probe: Probe, bearer: dict[str, str], db: Database
) -> None:
    with commits_failing(db):
        response = client.post("/api/v1/reports", json={**TIP, "anonymous": True}, headers=bearer)
    assert response.status_code == 500
    assert "reference" not in response.text
    assert probe.events == ["answer 500"]  # no commit, and the worker was not woken
    assert _count(db, Report) == _count(db, Job) == _count(db, Agency) == 0


def test_a_sign_in_whose_commit_fails_redirects_nowhere(
    client: TestClient, probe: Probe, db: Database
) -> None:
    make_user(db, Role.ANALYST, "ana")
    form = {"username": "ana", "password": PASSWORD, "csrf_token": csrf(client), "next": "/"}
    probe.events.clear()
    with commits_failing(db):
        response = client.post("/login", data=form, follow_redirects=False)
    assert response.status_code == 500
    assert probe.events == ["answer 500"]
    assert "enlace_session" not in response.headers.get("set-cookie", "")
    assert _count(db, UserSession) == 0


def test_a_handler_that_fails_midway_leaves_nothing_half_written(
    client: TestClient,
    probe: Probe,
    bearer: dict[str, str],
    db: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(*_args: Any, **_kwargs: Any) -> None:
        raise ConflictError("refused after the report was written")

    # The report and its first job are already inserted when the handler records the key.
    monkeypatch.setattr(idempotency, "remember", refuse)
    response = client.post(
        "/api/v1/reports",
        json={**TIP, "anonymous": True},
        headers={**bearer, "Idempotency-Key": "k-1"},
    )
    assert response.status_code == 409
    assert probe.events == ["answer 409"]
    assert _count(db, Report) == _count(db, Job) == 0


def test_a_command_commits_its_work_once_or_not_at_all(db: Database) -> None:
    with transaction(db) as session:
        session.add(Agency(name="Kept", short_name="K", country="MX", level="state"))
    with pytest.raises(RuntimeError), transaction(db) as session:
        session.add(Agency(name="Dropped", short_name="D", country="MX", level="state"))
        session.flush()
        raise RuntimeError("the command failed after writing")
    with db.session() as s:
        assert list(s.scalars(select(Agency.name))) == ["Kept"]
