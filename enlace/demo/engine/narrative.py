"""Assembles a narrative from templates and records every mention's exact offsets."""

from __future__ import annotations

import random
import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from enlace.demo.engine.surface import Piece, strip_accents

Slot = Callable[[], list[Piece]]
_FORMATTER = string.Formatter()


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str
    entity_key: str


@dataclass(frozen=True)
class Style:
    """How a writer types: all lower case, without accents, or shouting."""

    lower: bool = False
    no_accents: bool = False
    upper: bool = False

    def apply(self, text: str) -> str:
        if self.no_accents:
            text = strip_accents(text)
        if self.upper:
            return text.upper()
        return text.lower() if self.lower else text


def pick_style(rng: random.Random, channel: str) -> Style:
    roll = rng.random()
    if channel == "sms":
        return Style(lower=roll < 0.7, no_accents=roll < 0.85)
    if channel == "chat":
        return Style(lower=roll < 0.5, no_accents=roll < 0.4)
    if channel == "web_form":
        if roll < 0.04:
            return Style(upper=True, no_accents=True)
        return Style(lower=roll < 0.35, no_accents=roll < 0.2)
    if channel == "quick_report":
        return Style(no_accents=roll < 0.3)
    return Style()


class Builder:
    """Collects sentences made of pieces, then joins them with exact offsets."""

    def __init__(self, style: Style) -> None:
        self.style = style
        self.sentences: list[list[Piece]] = []

    def add(self, template: str, slots: Mapping[str, Slot], values: Mapping[str, str]) -> None:
        pieces: list[Piece] = []
        for literal, field, _spec, _conv in _FORMATTER.parse(template):
            if literal:
                pieces.append((literal, None))
            if field is None:
                continue
            if field in slots:
                pieces.extend(slots[field]())
            else:
                pieces.append((values[field], None))
        self.sentences.append(pieces)

    def build(self) -> tuple[str, list[Span]]:
        text_parts: list[str] = []
        spans: list[Span] = []
        offset = 0
        for index, sentence in enumerate(self.sentences):
            if index:
                text_parts.append(" ")
                offset += 1
            for position, (raw, key) in enumerate(sentence):
                text = self.style.apply(raw)
                if position == 0 and not (self.style.lower or self.style.upper):
                    text = text[:1].upper() + text[1:]
                if (
                    key is None
                    and text.startswith(".")
                    and text_parts
                    and text_parts[-1].endswith(".")
                ):
                    text = text[1:]  # "Tijuana, B.C." closing a sentence takes no second stop
                if not text:
                    continue
                if key is not None:
                    spans.append(Span(offset, offset + len(text), text, key))
                text_parts.append(text)
                offset += len(text)
        return "".join(text_parts), spans
