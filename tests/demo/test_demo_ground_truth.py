"""The ground-truth file: complete, consistent with the data set, and JSON round-trips."""

from __future__ import annotations

import json
from pathlib import Path

from enlace.demo.engine import DemoDataset, ground_truth, write_ground_truth


def test_ground_truth_round_trips(dataset: DemoDataset, tmp_path: Path) -> None:
    path = tmp_path / "truth" / "demo.json"
    write_ground_truth(dataset, path)
    loaded = json.loads(path.read_text(encoding="utf-8"))
    assert loaded == ground_truth(dataset)
    assert loaded["seed"] == 2026
    assert loaded["generated_with"]["reference_date"] == "2026-11-01"


def test_ground_truth_matches_the_data_set(dataset: DemoDataset) -> None:
    truth = ground_truth(dataset)
    assert set(truth["reports"]) == {r.key for r in dataset.reports}
    assert set(truth["entities"]) == {e.key for e in dataset.entities}
    assert len(truth["mentions"]) == len(dataset.mentions)
    narratives = {r.key: r.narrative for r in dataset.reports}
    for m in truth["mentions"]:
        assert narratives[m["report"]][m["start"] : m["end"]] == m["text"]
        assert m["entity"] in truth["entities"]
    for key, network in truth["networks"].items():
        assert all(truth["reports"][r] == key for r in network["reports"])
        assert all(truth["entities"][e]["network"] == key for e in network["entities"])
    unconnected = [r for r, n in truth["reports"].items() if n is None]
    assert unconnected
