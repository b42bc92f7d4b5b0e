"""Live analysis of a narrative while it is typed (operator console). Pluggable.

The default finds nothing; extraction and screening install their own analyzer with
``set_analyzer``. The result is ``{"entities": [...], "indicators": [...]}``: each entity a dict
with at least ``kind`` and ``text``, each indicator at least ``code`` and ``label``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Analyzer = Callable[[str, str], dict[str, Any]]


def _nothing(text: str, lang: str) -> dict[str, Any]:  # noqa: ARG001 - analyzer signature
    return {"entities": [], "indicators": []}


_analyzer: Analyzer = _nothing


def set_analyzer(func: Analyzer) -> None:
    global _analyzer  # noqa: PLW0603 - one process-wide hook, set at start-up
    _analyzer = func


def current_analyzer() -> Analyzer:
    return _analyzer


def analyze(text: str, lang: str) -> dict[str, Any]:
    result = _analyzer(text, lang)
    return {
        "entities": list(result.get("entities", [])),
        "indicators": list(result.get("indicators", [])),
    }
