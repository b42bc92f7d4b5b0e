"""Live analysis of a narrative while it is typed (operator console).

The analysis comes from the plug-ins (the ``enlace_live_analysis`` hook; screening provides the
standard one, with extraction's entities). The result is ``{"entities": [...], "indicators":
[...]}``: each entity a dict with at least ``kind`` and ``text``, each indicator at least ``code``
and ``label``.
"""

from __future__ import annotations

from typing import Any

from enlace.plugins import live_analysis


def analyze(text: str, lang: str) -> dict[str, Any]:
    result = live_analysis(text, lang)
    return {
        "entities": list(result.get("entities", [])),
        "indicators": list(result.get("indicators", [])),
    }
