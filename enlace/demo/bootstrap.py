"""The resolution model's starting parameters, trained on the synthetic demo population.

A node with no people of its own yet still resolves the first reports it receives: the resolver
starts from parameters trained on the synthetic population, shipped with the resolution area as
data (``enlace/resolution/bootstrap_parameters.json``). Run ``python -m enlace.demo.bootstrap``
after changing the generator or the comparisons to write them again; a test checks that the
shipped file is what this training gives.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from enlace.demo.engine import generate
from enlace.extraction.engine import fold
from enlace.resolution.profiles import ReportPlace, Span, build_profiles
from enlace.resolution.service import BOOTSTRAP_FILE, params_json, train_parameters


def synthetic_profiles(seed: int = 11, n_reports: int = 1200) -> dict[int, dict[str, str]]:
    """Profiles of the synthetic demo population, to train on before real data is there."""
    data = generate(seed=seed, n_reports=n_reports)
    rid = {r.key: i for i, r in enumerate(data.reports)}
    places = {
        i: ReportPlace(r.city or "", r.state or "", r.country or "", r.received_at.year)
        for i, r in enumerate(data.reports)
    }
    ids: dict[str, int] = {}
    persons, context = [], defaultdict(list)
    for m in data.mentions:
        if m.kind == "person":
            eid = ids.setdefault(fold(m.normalized), len(ids) + 1)
            persons.append(Span(rid[m.report_key], "person", m.normalized, m.start, eid))
        if m.kind in ("phone", "location", "person", "age"):
            context[rid[m.report_key]].append(
                Span(
                    rid[m.report_key],
                    m.kind,
                    m.normalized,
                    m.start,
                    None,
                    m.kind == "location" and m.normalized[:1].isdigit(),
                )
            )
    return build_profiles(persons, context, places, data.reference_date.year)


def bootstrap_parameters() -> dict[str, object]:
    """The parameters a node starts from, as stored (``resolution.service.params_json``)."""
    return params_json(train_parameters(synthetic_profiles()))


def write(path: Path = BOOTSTRAP_FILE) -> None:
    path.write_text(json.dumps(bootstrap_parameters(), indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":  # pragma: no cover - a maintainer's command
    write()
