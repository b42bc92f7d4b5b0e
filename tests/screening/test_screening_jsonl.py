"""The JSON Lines runner behind ``enlace screen``."""

from __future__ import annotations

import io
import json

from enlace.screening.engine import run_jsonl


def _run(lines: list[str]) -> list[dict[str, object]]:
    out = io.StringIO()
    count = run_jsonl(io.StringIO("\n".join(lines) + "\n"), out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert count == len(rows)
    return rows


def test_one_result_line_per_input_line() -> None:
    rows = _run(
        [
            json.dumps({"id": "a", "text": "they took our passports and we owe the boss"}),
            json.dumps({"id": "b", "text": "nos quitaron los papeles", "lang": "es"}),
        ]
    )
    assert [r["id"] for r in rows] == ["a", "b"]
    assert rows[0]["typology"] == "labor_trafficking"
    assert {"typology", "polaris_type", "score", "urgency", "minor", "imminent_danger"} <= set(
        rows[0]
    )
    assert "Retención" in str(rows[1]["explanation"])


def test_malformed_lines_become_errors_and_processing_continues() -> None:
    rows = _run(
        [
            "not json",
            json.dumps([1, 2]),
            json.dumps({"id": 7}),
            json.dumps({"id": 8, "text": "hola", "lang": "fr"}),
            "",
            json.dumps({"id": 9, "text": "hola"}),
        ]
    )
    assert [r.get("id") for r in rows] == [None, None, 7, 8, 9]
    assert all("error" in r for r in rows[:4])
    assert rows[4]["typology"] == "not_trafficking"
