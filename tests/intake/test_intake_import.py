"""Bulk import (CLI and API) with a mapping, per-row errors, no duplicates; audited export."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from typer.testing import CliRunner

from enlace.cli.main import app as cli
from enlace.config import Settings
from enlace.intake import steps
from enlace.intake.importing import chunks
from enlace.intake.importing.runner import run_import
from enlace.intake.references import new_references
from enlace.intake.tables import ImportRowError, Job, Report, ReportContact
from enlace.security.tables import AuditEvent, Role
from enlace.store import Database
from tests.conftest import login, make_user

MAPPING = """
source: casa-refugio
key: [folio]
fields:
  narrative: relato
  lang: idioma
  city: ciudad
  country: pais
  incident_at: fecha
  contact_phone: telefono
defaults:
  language: es
date_format: "%d/%m/%Y"
"""
ROWS = [
    {
        "folio": "A-1",
        "relato": "Trabajaba sin paga en el campo",
        "idioma": "es",
        "ciudad": "Culiacán",
        "pais": "México",
        "fecha": "03/04/2026",
        "telefono": "",
    },
    {
        "folio": "A-2",
        "relato": "",
        "idioma": "es",
        "ciudad": "",
        "pais": "MX",
        "fecha": "",
        "telefono": "",
    },
    {
        "folio": "A-3",
        "relato": "Held in a motel",
        "idioma": "en",
        "ciudad": "Laredo",
        "pais": "USA",
        "fecha": "31/02/2026",
        "telefono": "",
    },
    {
        "folio": "A-4",
        "relato": "Le retienen documentos",
        "idioma": "",
        "ciudad": "Tijuana",
        "pais": "Narnia",
        "fecha": "",
        "telefono": "+52 664 555 0000",
    },
    {
        "folio": "A-5",
        "relato": "Contacto para seguimiento",
        "idioma": "es",
        "ciudad": "Tijuana",
        "pais": "MX",
        "fecha": "",
        "telefono": "+52 664 555 0001",
    },
]


def _write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_import_lands_valid_rows_reports_bad_ones_and_never_duplicates(
    db: Database, settings: Settings, tmp_path: Path
) -> None:
    source = _write_csv(tmp_path / "partner.csv", ROWS)
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(MAPPING, encoding="utf-8")
    kwargs = {"data_dir": settings.data_dir, "max_narrative": 20000, "mapping_path": mapping}
    first = run_import(db, source, **kwargs)  # type: ignore[arg-type]
    assert (first.rows, first.inserted, first.failed, first.duplicates) == (5, 2, 3, 0)
    problems = {(e["row"], e["field"]) for e in first.errors}
    assert problems == {(2, "narrative"), (3, "incident_at"), (4, "country")}
    assert first.error_report is not None
    with first.error_report.open(encoding="utf-8") as handle:
        assert next(csv.reader(handle)) == ["row", "field", "reason"]
    again = run_import(db, source, **kwargs)  # type: ignore[arg-type]
    assert (again.inserted, again.duplicates, again.failed) == (0, 2, 3)
    with db.session() as s:
        stored = {r.source_key: r for r in s.scalars(select(Report))}
        assert set(stored) == {"casa-refugio:A-1", "casa-refugio:A-5"}
        first_row = stored["casa-refugio:A-1"]
        assert (first_row.country, first_row.city, first_row.channel) == (
            "MX",
            "Culiacán",
            "partner_import",
        )
        assert first_row.incident_at is not None and first_row.incident_at.day == 3
        assert first_row.anonymous
        contact = s.scalar(select(ReportContact))
        assert contact is not None and contact.phone == "+52 664 555 0001"
        # Each new report's processing starts with its first step (the others follow it).
        first = steps.registered()[0][0]
        assert s.scalar(select(func.count()).select_from(Job).where(Job.step == first)) == 2
        assert s.scalar(select(func.count()).select_from(ImportRowError)) == 6


def test_jsonl_and_htcds_imports_key_rows_by_content(
    db: Database, settings: Settings, tmp_path: Path
) -> None:
    lines = [
        {"narrative": "Recruited with a false job offer", "language": "en", "country": "US"},
        "not json",
        [1, 2],
        {"narrative": "Recruited with a false job offer", "language": "en", "country": "US"},
    ]
    path = tmp_path / "tips.jsonl"
    path.write_text(
        "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines), encoding="utf-8"
    )
    result = run_import(db, path, data_dir=settings.data_dir, max_narrative=20000)
    assert (result.inserted, result.failed, result.duplicates) == (1, 2, 1)
    htcds = tmp_path / "htcds.jsonl"
    htcds.write_text(
        json.dumps(
            {
                "hte": {
                    "Description": "Explotación en una maquila",
                    "City": "Juárez",
                    "Country": "MX",
                    "Date": "2026-01-15",
                },
                "language": "es",
            }
        ),
        encoding="utf-8",
    )
    done = run_import(db, htcds, data_dir=settings.data_dir, max_narrative=20000, fmt="htcds")
    assert done.inserted == 1
    with db.session() as s:
        report = s.scalar(select(Report).where(Report.city == "Juárez"))
        assert report is not None and report.source_key is not None
        assert report.source_key.startswith("htcds:")


def test_narratives_keep_every_character_through_the_bulk_path(
    db: Database, settings: Settings, tmp_path: Path
) -> None:
    narrative = 'Línea 1\nLínea 2\tcon tab, "comillas", \\N y \\ barra; 🚚 km 12\r\nfin'
    path = tmp_path / "odd.jsonl"
    path.write_text(
        json.dumps({"narrative": narrative, "language": "es", "latitude": "25.5"}),
        encoding="utf-8",
    )
    assert run_import(db, path, data_dir=settings.data_dir, max_narrative=20000).inserted == 1
    with db.session() as s:
        report = s.scalar(select(Report))
        assert report is not None
        assert (report.narrative, report.latitude) == (narrative, 25.5)


def test_a_reference_code_collision_draws_new_codes_and_loses_no_row(
    db: Database, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = tmp_path / "first.csv"
    first.write_text("narrative,language\nuno,es\n", encoding="utf-8")
    run_import(db, first, data_dir=settings.data_dir, max_narrative=20000)
    with db.session() as s:
        taken = s.scalars(select(Report.reference)).one()
    draws: list[int] = []

    def colliding(n: int) -> list[str]:
        draws.append(n)
        return [taken, *new_references(n - 1)] if len(draws) == 1 else new_references(n)

    monkeypatch.setattr(chunks, "new_references", colliding)
    second = tmp_path / "second.csv"
    second.write_text("narrative,language\ndos,es\ntres,es\n", encoding="utf-8")
    result = run_import(db, second, data_dir=settings.data_dir, max_narrative=20000)
    assert (result.inserted, result.failed) == (2, 0)
    assert len(draws) == 2  # the whole chunk drew again
    with db.session() as s:
        assert sorted(s.scalars(select(Report.narrative))) == ["dos", "tres", "uno"]
        assert s.scalar(select(func.count(func.distinct(Report.reference)))) == 3


def test_reference_codes_for_a_chunk_are_unique_and_well_formed() -> None:
    codes = new_references(5000)
    assert len(set(codes)) == 5000
    assert all(len(c) == 13 and c.startswith("ENL-") for c in codes)


def test_batches_api_needs_the_import_right_and_answers_with_errors(
    app_client: TestClient, db: Database, tmp_path: Path
) -> None:
    data = _write_csv(tmp_path / "p.csv", ROWS).read_bytes()
    files = {
        "file": ("p.csv", data, "text/csv"),
        "mapping": ("m.yaml", MAPPING.encode(), "text/yaml"),
    }
    assert app_client.post("/api/v1/intake/batches", files=files).status_code == 401
    make_user(db, Role.ANALYST, "ana", language="es")
    login(app_client, "ana")
    refused = app_client.post("/api/v1/intake/batches", files=files)  # cookie without CSRF token
    assert refused.status_code == 403
    app_client.cookies.clear()
    token = app_client.post(
        "/api/v1/auth/token", json={"username": "ana", "password": "correct-horse-battery"}
    )
    bearer = {"Authorization": f"Bearer {token.json()['access_token']}", "Accept-Language": "es"}
    answer = app_client.post("/api/v1/intake/batches", files=files, headers=bearer)
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert (body["inserted"], body["failed"]) == (2, 3)
    assert {"row": 2, "field": "narrative", "reason": "Este campo es obligatorio"} in body["errors"]
    again = app_client.post("/api/v1/intake/batches", files=files, headers=bearer).json()
    assert (again["inserted"], again["duplicates"]) == (0, 2)


@pytest.fixture
def cli_env(settings: Settings, db: Database, monkeypatch: pytest.MonkeyPatch) -> Database:
    monkeypatch.setenv("ENLACE_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("ENLACE_DATABASE_URL", db.url)
    monkeypatch.setenv("ENLACE_SECRET_KEY", "s" * 48)
    return db


def test_cli_import_then_export_is_audited(cli_env: Database, tmp_path: Path) -> None:
    db = cli_env
    source = _write_csv(tmp_path / "partner.csv", ROWS)
    mapping = tmp_path / "m.yaml"
    mapping.write_text(MAPPING, encoding="utf-8")
    runner = CliRunner()
    imported = runner.invoke(cli, ["import", str(source), "--mapping", str(mapping)])
    assert imported.exit_code == 0, imported.output
    assert "2 new" in imported.output
    make_user(db, Role.HOTLINE_OPERATOR, "olga")
    denied = runner.invoke(cli, ["reports", "export", "--user", "olga"])
    assert denied.exit_code == 1
    make_user(db, Role.ANALYST, "ana")
    out = tmp_path / "export.csv"
    done = runner.invoke(
        cli, ["reports", "export", "--user", "ana", "--format", "csv", "--out", str(out)]
    )
    assert done.exit_code == 0, done.output
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 2 and {r["channel"] for r in rows} == {"partner_import"}
    assert all(r["reference"].startswith("ENL-") for r in rows)
    assert "+52" not in out.read_text(encoding="utf-8")  # contact details are never exported
    later = runner.invoke(cli, ["reports", "export", "--user", "ana", "--since", "2999-01-01"])
    assert later.exit_code == 0 and later.stdout.strip() == ""
    with db.session() as s:
        events = list(s.scalars(select(AuditEvent).where(AuditEvent.action == "reports.export")))
        assert [e.details["count"] for e in events] == [2, 0]
