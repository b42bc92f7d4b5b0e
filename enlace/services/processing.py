"""The standard processing steps every report goes through after intake, in this order.

Importing this module registers them with the work queue (``enlace.pipeline.steps``), which
imports it on first use, and installs the live analysis the operator console shows while a
narrative is typed.
"""

from __future__ import annotations

from typing import Any

from enlace.extract import extract
from enlace.intake import analysis
from enlace.pipeline import steps
from enlace.services.mentions import extract_report
from enlace.services.resolution import resolve_report
from enlace.services.screening import live_indicators, screen_step

LIVE_ENTITY_TYPES = frozenset(
    {"person", "phone", "email", "location", "vehicle", "organization", "online_account", "age"}
)


def live_analysis(text: str, lang: str) -> dict[str, Any]:
    """What the console shows beside the narrative: entities and indicators found so far."""
    found = extract(text, lang=lang if lang in ("en", "es") else None)
    entities = [
        {"kind": e.type, "text": e.text, "normalized": e.normalized, "start": e.start, "end": e.end}
        for e in found.entities
        if e.type in LIVE_ENTITY_TYPES
    ]
    ages = [e.to_json() for e in found.entities if e.type == "age"]
    return {"entities": entities, "indicators": live_indicators(text, lang, ages)}


steps.register("extract", extract_report)
steps.register("resolve", resolve_report)
steps.register("screen", screen_step)
analysis.set_analyzer(live_analysis)
