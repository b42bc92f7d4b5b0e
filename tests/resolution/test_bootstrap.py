"""The resolver's starting parameters are shipped as data and are what training gives."""

from __future__ import annotations

import json

import numpy as np

from enlace.demo.bootstrap import bootstrap_parameters, synthetic_profiles
from enlace.resolution import service
from enlace.resolution.service import BOOTSTRAP_FILE, train_parameters


def test_the_shipped_parameters_are_the_synthetic_training() -> None:
    shipped = json.loads(BOOTSTRAP_FILE.read_text(encoding="utf-8"))
    assert shipped == bootstrap_parameters(), "run `python -m enlace.demo.bootstrap`"


def test_a_node_with_no_people_starts_from_exactly_those_parameters() -> None:
    trained = train_parameters(synthetic_profiles())
    loaded = service._bootstrap_parameters()
    assert [c.name for c in loaded.comparisons] == [c.name for c in trained.comparisons]
    for name in ("m", "u", "u_random"):
        for a, b in zip(getattr(loaded, name), getattr(trained, name), strict=True):
            assert np.array_equal(a, b)
    assert loaded.match_rate == trained.match_rate
