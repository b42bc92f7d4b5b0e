"""Writes the generator's ground truth, for measuring extraction, linkage and clustering.

The file is JSON (UTF-8) with this shape::

    {
      "seed": 2026,
      "generated_with": {"generator": "enlace.demo.engine", "format": 1,
                         "n_reports": 2400, "reference_date": "2026-11-01"},
      "reports":  {report_key: network_key | null},
      "entities": {entity_key: {"kind": str, "canonical": str, "network": network_key | null}},
      "mentions": [{"report": report_key, "kind": str, "start": int, "end": int,
                    "text": str, "entity": entity_key}],
      "networks": {network_key: {"name": str, "typology": str, "polaris_type": str | null,
                                 "reports": [report_key, ...], "entities": [entity_key, ...]}}
    }

``reports`` maps every tip to the network behind it (null for unconnected tips);
mentions sharing an ``entity`` are the same real-world entity, whatever their
``text``. ``start``/``end`` are character offsets into the report's narrative.
Cities are entities too; they belong to no network because many tips share them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from enlace.demo.engine.records import DemoDataset

FORMAT_VERSION = 1


def ground_truth(dataset: DemoDataset) -> dict[str, Any]:
    """The ground truth as a JSON-ready dictionary."""
    report_network: dict[str, str | None] = {r.key: None for r in dataset.reports}
    entity_network: dict[str, str | None] = {e.key: None for e in dataset.entities}
    for network in dataset.networks:
        report_network.update(dict.fromkeys(network.report_keys, network.key))
        entity_network.update(dict.fromkeys(network.entity_keys, network.key))
    return {
        "seed": dataset.seed,
        "generated_with": {
            "generator": "enlace.demo.engine",
            "format": FORMAT_VERSION,
            "n_reports": len(dataset.reports),
            "reference_date": dataset.reference_date.isoformat(),
        },
        "reports": report_network,
        "entities": {
            e.key: {"kind": e.kind, "canonical": e.canonical, "network": entity_network[e.key]}
            for e in dataset.entities
        },
        "mentions": [
            {
                "report": m.report_key,
                "kind": m.kind,
                "start": m.start,
                "end": m.end,
                "text": m.text,
                "entity": m.entity_key,
            }
            for m in dataset.mentions
        ],
        "networks": {
            n.key: {
                "name": n.name,
                "typology": n.typology,
                "polaris_type": n.polaris_type,
                "reports": list(n.report_keys),
                "entities": list(n.entity_keys),
            }
            for n in dataset.networks
        },
    }


def write_ground_truth(dataset: DemoDataset, path: Path) -> None:
    """Writes :func:`ground_truth` to ``path`` as indented UTF-8 JSON."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(ground_truth(dataset), ensure_ascii=False, indent=1)
    path.write_text(text + "\n", encoding="utf-8")
