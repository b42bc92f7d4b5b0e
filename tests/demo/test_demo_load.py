"""Loading the demo data set on both backends: complete, linked, idempotent, usable at once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from typer.testing import CliRunner

from enlace.cli.main import app
from enlace.demo import loader as demo_loader
from enlace.demo.engine import DEMO_PASSWORD, generate
from enlace.extraction.tables import Entity, Mention
from enlace.intake.tables import Report
from enlace.security.tables import User
from enlace.store import Database
from tests.conftest import login


@pytest.fixture(scope="module")
def small_demo() -> demo_loader.DemoDataset:
    return generate(seed=7, n_reports=300)


def test_loads_reports_mentions_and_accounts(db: Database, small_demo: object) -> None:
    data = small_demo
    assert isinstance(data, demo_loader.DemoDataset)
    with db.session() as s:
        result = demo_loader.load(s, data, seed=7)
    assert result.reports == len(data.reports)
    with db.session() as s:
        assert s.scalar(select(func.count(Report.id))) == len(data.reports)
        assert s.scalar(select(func.count(Mention.id))) == len(data.mentions)
        assert demo_loader.is_loaded(s)
        # spans point at the surface text in the stored narrative
        for mention in s.scalars(select(Mention).limit(200)):
            assert mention.report.narrative[mention.start : mention.end] == mention.text
        # a phone written five ways is one entity
        phones = s.scalar(select(func.count(Entity.id)).where(Entity.kind == "phone"))
        phone_mentions = s.scalar(select(func.count(Mention.id)).where(Mention.kind == "phone"))
        assert phones is not None and phone_mentions is not None
        assert 0 < phones < phone_mentions
        assert s.scalar(select(func.count(User.id))) == len(data.users)


def test_demo_accounts_can_sign_in(
    db: Database, app_client: TestClient, small_demo: demo_loader.DemoDataset
) -> None:
    with db.session() as s:
        demo_loader.load(s, small_demo, seed=7)
    login(app_client, "investigator", DEMO_PASSWORD)
    board = app_client.get("/")
    assert board.status_code == 200
    listed = app_client.get("/api/v1/reports", params={"limit": 5}).json()
    assert listed["count"] == len(small_demo.reports)


def test_same_seed_same_references(small_demo: demo_loader.DemoDataset) -> None:
    key = small_demo.reports[0].key
    assert demo_loader.demo_reference(key, 7) == demo_loader.demo_reference(key, 7)
    assert demo_loader.demo_reference(key, 7) != demo_loader.demo_reference(key, 8)


def test_demo_command_is_idempotent_and_writes_ground_truth(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ENLACE_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("ENLACE_DATABASE_URL", raising=False)
    runner = CliRunner()
    first = runner.invoke(app, ["demo", "--reports", "200", "--seed", "3"])
    assert first.exit_code == 0, first.output
    truth = json.loads((tmp_path / "demo-ground-truth.json").read_text(encoding="utf-8"))
    assert len(truth["reports"]) == 200
    assert truth["networks"]
    second = runner.invoke(app, ["demo", "--reports", "200", "--seed", "3"])
    assert second.exit_code == 0
    assert "already loaded" in second.output
    db = Database(f"sqlite:///{tmp_path / 'enlace.db'}")
    with db.session() as s:
        assert s.scalar(select(func.count(Report.id))) == 200
