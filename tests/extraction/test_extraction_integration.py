"""Extraction through the command line and the API."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from enlace.cli.main import app
from enlace.security.tables import Role
from enlace.store import Database
from tests.conftest import csrf, login, make_user

NARRATIVE = "Me llamó Pepe García del 044 656 123 4567, dice que la muchacha tiene 16 años."


def test_cli_reads_json_lines_and_reports_bad_lines(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(
        json.dumps({"id": "a", "text": NARRATIVE, "lang": "es"}) + "\nnot json\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["extract", str(source)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert lines[0]["id"] == "a"
    phones = [e for e in lines[0]["entities"] if e["type"] == "phone"]
    assert phones and phones[0]["normalized"] == "+526561234567"
    assert "error" in lines[1]


def test_cli_names_a_missing_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "nope.jsonl")])
    assert result.exit_code == 1
    assert "no such file" in result.output


def test_api_extracts_one_text(app_client: TestClient, db: Database) -> None:
    assert app_client.post("/api/v1/extract", json={"text": NARRATIVE}).status_code == 401
    make_user(db, Role.ANALYST, "ana")
    login(app_client, "ana")
    response = app_client.post(
        "/api/v1/extract", json={"text": NARRATIVE}, headers={"X-CSRF-Token": csrf(app_client)}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["lang"] == "es"
    ages = [e for e in body["entities"] if e["type"] == "age"]
    assert ages and ages[0]["minor"] is True
    too_big = app_client.post(
        "/api/v1/extract", json={"text": "x" * 200_001}, headers={"X-CSRF-Token": csrf(app_client)}
    )
    assert too_big.status_code == 422


def test_extraction_step_links_one_phone_across_reports(db: Database) -> None:
    from sqlalchemy import func, select

    from enlace.extraction.mentions import extract_report
    from enlace.extraction.tables import Entity, Mention
    from tests.factories import add_report

    with db.session() as s:
        first = add_report(s, "Call (656) 123-4567 and ask for Pepe.", language="en")
        second = add_report(s, "El enganchador contesta en el +52 1 656 123 4567.", language="es")
        extract_report(s, first)
        extract_report(s, second)
        extract_report(s, second)  # running the step again replaces, never duplicates
    with db.session() as s:
        phones = s.scalars(select(Entity).where(Entity.kind == "phone")).all()
        assert [p.key for p in phones] == ["+526561234567"]
        linked = s.scalar(select(func.count(Mention.id)).where(Mention.entity_id == phones[0].id))
        assert linked == 2
