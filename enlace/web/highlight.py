"""Split a narrative into plain and highlighted segments from entity mention spans."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol


class Span(Protocol):
    @property
    def start(self) -> int | None: ...
    @property
    def end(self) -> int | None: ...
    @property
    def kind(self) -> str: ...
    @property
    def entity_id(self) -> int | None: ...


@dataclass(frozen=True)
class Segment:
    text: str
    kind: str | None = None
    entity_id: int | None = None


def segments(text: str, spans: Sequence[Span]) -> list[Segment]:
    """Non-overlapping spans in order; an overlapping or out-of-range span is left plain."""
    out: list[Segment] = []
    pos = 0
    ordered = sorted(
        (s for s in spans if s.start is not None and s.end is not None),
        key=lambda s: (s.start or 0, -(s.end or 0)),
    )
    for span in ordered:
        start, end = span.start or 0, span.end or 0
        if start < pos or end > len(text) or start >= end:
            continue
        if start > pos:
            out.append(Segment(text[pos:start]))
        out.append(Segment(text[start:end], span.kind, span.entity_id))
        pos = end
    if pos < len(text):
        out.append(Segment(text[pos:]))
    return out
