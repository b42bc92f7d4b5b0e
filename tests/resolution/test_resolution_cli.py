"""``enlace resolve`` on CSV files and ``enlace resolve-entities`` over stored people, through
Typer's runner: outputs, and one clear line for bad input."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd  # type: ignore[import-untyped]
import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from enlace.cli.main import app
from enlace.extraction.mentions import extract_report
from enlace.extraction.tables import Mention
from enlace.resolution.tables import EntityMerge, ResolutionModel
from enlace.store import Database, upgrade
from tests.factories import add_report

runner = CliRunner()

PEOPLE = """\
id,nombre,nacimiento,telefono,ciudad
a1,José Luis García Hernández,1985-03-12,+52 1 246 123 4567,Tlaxcala
a2,"GARCIA HERNANDEZ, JOSE L",12/03/1985,2461234567,Tlaxcala
a3,Ma. Guadalupe López Pérez,01/02/1990,,Puebla
a4,María Guadalupe López,1990-02-01,,Puebla
a5,Juana López Pérez,1992-07-30,,Puebla
a6,John Smith,,+1 718 555 0101,Queens
"""
MAPPING = ["id=record_id", "nombre=full_name", "nacimiento=dob", "telefono=phone", "ciudad=city"]


def _one_line(output: str) -> str:
    return " ".join(output.split())


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def people(tmp_path: Path) -> Path:
    path = tmp_path / "people.csv"
    path.write_text(PEOPLE, encoding="utf-8")
    return path


def test_resolve_writes_clusters_and_pairs(people: Path, tmp_path: Path) -> None:
    out, pairs = tmp_path / "clusters.csv", tmp_path / "pairs.csv"
    args = ["resolve", str(people), "--out", str(out), "--pairs", str(pairs)]
    for item in MAPPING:
        args += ["--map", item]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "6 records" in _one_line(result.output)
    cluster = {row["record_id"]: row["cluster_id"] for row in _rows(out)}
    assert set(cluster) == {"a1", "a2", "a3", "a4", "a5", "a6"}
    assert cluster["a1"] == cluster["a2"]
    assert cluster["a3"] == cluster["a4"] != cluster["a5"]  # "Ma." is María; her sister is not
    assert cluster["a6"] not in {cluster["a1"], cluster["a3"]}
    found = _rows(pairs)
    assert list(found[0]) == ["record_id_l", "record_id_r", "match_probability"]
    assert {(p["record_id_l"], p["record_id_r"]) for p in found} >= {("a1", "a2"), ("a3", "a4")}


def test_a_wrong_map_names_the_missing_column(people: Path, tmp_path: Path) -> None:
    args = ["resolve", str(people), "--out", str(tmp_path / "o.csv"), "--map", "name=full_name"]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    message = _one_line(result.output)
    assert "'name'" in message and "nombre" in message  # names the column and those there are
    assert "Traceback" not in result.output


def test_an_input_that_is_not_csv_gives_one_clear_line(tmp_path: Path) -> None:
    photo = tmp_path / "photo.csv"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    result = runner.invoke(app, ["resolve", str(photo), "--out", str(tmp_path / "o.csv")])
    assert result.exit_code == 1
    assert "not a CSV file" in _one_line(result.output)
    assert "Traceback" not in result.output and not (tmp_path / "o.csv").exists()


def test_resolve_entities_merges_stored_people(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ENLACE_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("ENLACE_DATABASE_URL", raising=False)
    db = Database(f"sqlite:///{tmp_path / 'enlace.db'}")
    upgrade(db)
    with db.session() as s:
        for text in (
            "El enganchador José Luis García Hernández, de 35 años, marca del 246 123 4567.",
            "Un tal Jose Luis Garcia, de 35 años, llama desde el +52 1 246 123 4567.",
            "Juana López Pérez vende comida en el mercado; su número es 222 555 0101.",
        ):
            extract_report(s, add_report(s, text, language="es", country="MX", city="Tlaxcala"))
        s.commit()
    result = runner.invoke(app, ["resolve-entities"])
    assert result.exit_code == 0, result.output
    assert "3 people compared" in _one_line(result.output)
    with db.session() as s:
        merge = s.scalars(select(EntityMerge)).one()
        assert merge.by == "model"
        people = set(s.scalars(select(Mention.entity_id).where(Mention.kind == "person")))
        assert len(people) == 2
        assert s.scalars(select(ResolutionModel)).one().records == 3  # the model it trained
    db.dispose()


@pytest.mark.parametrize("guard", ["--family-guard", "--no-family-guard"])
def test_the_family_guard_can_be_turned_off_for_sources_without_relatives(
    tmp_path: Path, guard: str
) -> None:
    # Twins: one household, one birth date, two real given names. Kept apart by default;
    # merged when the source is known to hold no relatives (another name is a keying error).
    from tests.resolution.test_resolution_engine import synthetic

    twins = pd.DataFrame(
        [{"record_id": f"t{k}", "given_names": name, "surname_1": "Colquhoun",
          "dob": "1969-02-20", "address": "22 Tillyard Drive", "postcode": "10050",
          "id_number": number}
         for k, (name, number) in enumerate([("Chelsea", "4088606"), ("Natalie", "4281779")])]
    )  # fmt: skip
    path, out = tmp_path / "people.csv", tmp_path / "clusters.csv"
    filler = synthetic(150).drop(columns=["entity"])
    pd.concat([twins, filler], ignore_index=True).fillna("").to_csv(path, index=False)
    result = runner.invoke(app, ["resolve", str(path), "--out", str(out), guard])
    assert result.exit_code == 0, result.output
    cluster = {row["record_id"]: row["cluster_id"] for row in _rows(out)}
    assert (cluster["t0"] == cluster["t1"]) is (guard == "--no-family-guard")
