"""Queue order for operators and analysts: urgency, then score, then the oldest report."""

from __future__ import annotations

from datetime import datetime

from enlace.screening.engine.result import URGENCIES, ScreeningResult

_RANK = {name: rank for rank, name in enumerate(URGENCIES)}


def priority_key(result: ScreeningResult, received_at: datetime) -> tuple[int, float, float]:
    """Sort key, smallest first: most urgent, then highest score, then longest waiting.

    ``received_at`` should be timezone-aware; naive values are compared as they are.
    """
    return (_RANK[result.urgency], -round(result.score, 6), received_at.timestamp())
