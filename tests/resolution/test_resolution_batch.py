"""The batch CSV function behind ``enlace resolve``."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from enlace.resolution.engine import ResolveInputError, parse_mapping, run_batch

HEADER = ["record_id", "full_name", "dob", "phone", "city"]
PEOPLE = [
    ("José Luis García Hernández", "12/03/1985", "+52 1 246 123 4567", "Tenancingo"),
    ("Rosa María López Ruiz", "1990-07-21", "+52 1 222 555 0101", "Puebla"),
    ("Miguel Ángel Torres Vega", "1978-11-02", "+52 1 951 444 2020", "Oaxaca"),
    ("Ana Sofía Medina Ríos", "2001-01-15", "+52 1 744 333 9090", "Acapulco"),
]


def write(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)
    return path


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_dedupe_one_file(tmp_path: Path) -> None:
    rows = [[f"a{i}", n, d, p, c] for i, (n, d, p, c) in enumerate(PEOPLE)]
    rows.append(["a9", "GARCIA HERNANDEZ, JOSE L", "1985-03-12", "044 246 123 4567", ""])
    out, pairs = tmp_path / "clusters.csv", tmp_path / "pairs.csv"
    summary = run_batch([write(tmp_path / "in.csv", HEADER, rows)], out, pairs, {}, None)
    clusters = {r["record_id"]: r["cluster_id"] for r in read(out)}
    assert clusters["a9"] == clusters["a0"] == "a0"
    assert len(set(clusters.values())) == 4
    assert summary.records == 5 and summary.multi_record_clusters == 1
    found = read(pairs)
    assert {(r["record_id_l"], r["record_id_r"]) for r in found} == {("a0", "a9")}
    assert float(found[0]["match_probability"]) >= 0.5


def test_link_two_files_with_a_column_map(tmp_path: Path) -> None:
    a = write(tmp_path / "mx.csv", HEADER, [[f"mx{i}", *p] for i, p in enumerate(PEOPLE)])
    b = write(
        tmp_path / "us.csv",
        ["ID", "NOMBRE", "NACIMIENTO", "TEL"],
        [
            ["us1", "Pepe García", "age~40", "(246) 123-4567"],
            ["us2", "LOPEZ, ROSA M", "07/21/1990", ""],
        ],
    )
    mapping = parse_mapping(["ID=record_id", "NOMBRE=full_name", "NACIMIENTO=dob", "TEL=phone"])
    out = tmp_path / "clusters.csv"
    run_batch([a, b], out, None, mapping, None, reference_year=2025)
    clusters = {r["record_id"]: r["cluster_id"] for r in read(out)}
    assert clusters["us1"] == clusters["mx0"]
    assert clusters["us2"] == clusters["mx1"]
    assert clusters["mx2"] != clusters["mx3"]


def test_wrong_map_names_the_missing_column(tmp_path: Path) -> None:
    path = write(tmp_path / "in.csv", HEADER, [["a1", "Ana Ruiz", "", "", ""]])
    with pytest.raises(ResolveInputError, match="'NOMBRE'"):
        run_batch([path], tmp_path / "o.csv", None, {"NOMBRE": "full_name"}, None)
    with pytest.raises(ResolveInputError, match="SOURCE_COLUMN=FIELD"):
        parse_mapping(["NOMBRE"])


def test_non_csv_input_gives_one_clear_line(tmp_path: Path) -> None:
    binary = tmp_path / "photo.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    jsonl = tmp_path / "in.json"
    jsonl.write_text('{"name": "Ana"}\n', encoding="utf-8")
    for path in (binary, jsonl):
        with pytest.raises(ResolveInputError) as err:
            run_batch([path], tmp_path / "o.csv", None, {}, None)
        assert "not a CSV" in str(err.value) and "\n" not in str(err.value)


def test_rows_with_missing_fields_are_kept(tmp_path: Path) -> None:
    path = write(
        tmp_path / "in.csv", HEADER, [["", "", "", "", ""], ["b2", "Ana Ruiz", "garbage", "", ""]]
    )
    out = tmp_path / "o.csv"
    run_batch([path], out, None, {}, None)
    assert [r["record_id"] for r in read(out)] == ["in:1", "b2"]
