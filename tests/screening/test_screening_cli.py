"""``enlace screen`` and ``enlace rescreen`` through Typer's runner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select, update
from typer.testing import CliRunner

from enlace.cli.main import app
from enlace.screening import results as screening
from enlace.screening.engine import load_catalog
from enlace.screening.tables import Screening
from enlace.store import Database, upgrade
from tests.screening.conftest import LABOR_FL, NOT_TRAFFICKING, tip

runner = CliRunner()
KEYS = {
    "id",
    "typology",
    "polaris_type",
    "score",
    "urgency",
    "minor",
    "imminent_danger",
    "indicators",
    "explanation",
}


def _rows(output: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def test_screen_reads_a_file_and_writes_one_result_per_line(tmp_path: Path) -> None:
    source = tmp_path / "tips.jsonl"
    source.write_text(
        json.dumps({"id": "a", "text": LABOR_FL})
        + "\n\n"
        + json.dumps({"id": "b", "text": "Nos quitaron los papeles.", "lang": "es"})
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["screen", str(source), "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = _rows(out.read_text(encoding="utf-8"))
    assert [r["id"] for r in rows] == ["a", "b"]
    assert set(rows[0]) == KEYS
    assert rows[0]["typology"] == "labor_trafficking"
    assert rows[0]["urgency"] in {"critical", "high", "normal", "low"}
    indicator = rows[0]["indicators"][0]  # type: ignore[index]
    assert set(indicator) == {"code", "evidence"}
    assert set(indicator["evidence"][0]) == {"start", "end", "text"}
    assert "2 narratives screened" in result.output


def test_screen_reads_stdin_and_names_each_bad_line(tmp_path: Path) -> None:
    lines = [
        "{not json",
        json.dumps({"id": 2, "text": NOT_TRAFFICKING}),
        json.dumps({"id": 3}),
        json.dumps({"id": 4, "text": "hola", "lang": "fr"}),
    ]
    result = runner.invoke(app, ["screen"], input="\n".join(lines) + "\n")
    assert result.exit_code == 0
    rows = _rows(result.stdout)
    assert [r.get("line") for r in rows] == [1, None, 3, 4]
    assert rows[1]["typology"] == "not_trafficking"
    assert "invalid JSON" in str(rows[0]["error"]) and "'text'" in str(rows[2]["error"])
    assert "line 1:" in result.stderr and "line 3:" in result.stderr
    assert "3 with errors" in result.stderr


def test_screen_refuses_a_missing_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["screen", str(tmp_path / "nope.jsonl")])
    assert result.exit_code == 1
    assert "no such file" in result.output


def test_rescreen_screens_reports_from_another_catalog_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ENLACE_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("ENLACE_DATABASE_URL", raising=False)
    db = Database(f"sqlite:///{tmp_path / 'enlace.db'}")
    upgrade(db)
    with db.session() as s:
        old = tip(s, LABOR_FL)
        screening.screen_report(s, old)
        s.execute(update(Screening).values(catalog_version="2024.01-0"))
        tip(s, NOT_TRAFFICKING)  # never screened
        s.commit()
    result = runner.invoke(app, ["rescreen"])
    assert result.exit_code == 0, result.output
    assert "2 reports screened" in result.output
    with db.session() as s:
        versions = s.scalars(select(Screening.catalog_version).where(Screening.current)).all()
    assert versions == [load_catalog().version] * 2
    again = runner.invoke(app, ["rescreen"])
    assert "0 reports screened" in again.output
    db.dispose()
