"""Screening and triage: narratives checked against published trafficking indicators.

Pure functions over the narrative and extracted entities; nothing here touches the database,
the web layer or the work queue.
"""

from enlace.screening.engine.catalog import (
    Catalog,
    Indicator,
    load_catalog,
    parse_catalog,
    read_catalog,
)
from enlace.screening.engine.jsonl import run_jsonl, screen_line
from enlace.screening.engine.result import Evidence, IndicatorFinding, ScreeningResult
from enlace.screening.engine.routing import (
    RoutingDecision,
    RoutingRule,
    RoutingRules,
    load_routing,
    parse_routing,
    read_routing,
    route,
)
from enlace.screening.engine.screener import screen
from enlace.screening.engine.triage import priority_key

__all__ = [
    "Catalog",
    "Evidence",
    "Indicator",
    "IndicatorFinding",
    "RoutingDecision",
    "RoutingRule",
    "RoutingRules",
    "ScreeningResult",
    "load_catalog",
    "load_routing",
    "parse_catalog",
    "parse_routing",
    "priority_key",
    "read_catalog",
    "read_routing",
    "route",
    "run_jsonl",
    "screen",
    "screen_line",
]
