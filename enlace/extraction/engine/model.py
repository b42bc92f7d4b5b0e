"""Plain data types returned by the extractor and the normalizers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from enlace.extraction.kinds import extracted_kinds

# What the extractor finds, in display order (the registry, kinds.yaml, says).
ENTITY_TYPES: tuple[str, ...] = extracted_kinds()


@dataclass(frozen=True, init=False)
class Entity:
    """One mention found in a text: its span, its canonical value and type-specific fields."""

    type: str
    text: str
    start: int
    end: int
    normalized: str
    confidence: float
    details: dict[str, object] = field(default_factory=dict, compare=False, hash=False)

    def __init__(
        self,
        type: str,  # noqa: A002 - the public field name
        text: str,
        start: int,
        end: int,
        normalized: str,
        confidence: float,
        details: dict[str, object] | None = None,
    ) -> None:
        # One dict update instead of the seven guarded setattr calls a frozen dataclass
        # makes: extraction builds about a hundred entities per narrative.
        self.__dict__.update(
            type=type,
            text=text,
            start=start,
            end=end,
            normalized=normalized,
            confidence=confidence,
            details={} if details is None else details,
        )

    def to_json(self) -> dict[str, object]:
        """The wire form: the fixed fields first, then the type-specific details."""
        out: dict[str, object] = {
            "type": self.type,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "normalized": self.normalized,
            "confidence": round(self.confidence, 3),
        }
        for key, value in self.details.items():
            out.setdefault(key, value)
        return out


@dataclass(frozen=True)
class ExtractionResult:
    lang: str
    entities: list[Entity]

    def to_json(self) -> dict[str, object]:
        return {"lang": self.lang, "entities": [e.to_json() for e in self.entities]}


@dataclass(frozen=True)
class PhoneNumber:
    e164: str
    country: str | None
    toll_free: bool
    hotline: str | None = None

    def details(self) -> dict[str, object]:
        out: dict[str, object] = {
            "e164": self.e164,
            "country": self.country,
            "toll_free": self.toll_free,
        }
        if self.hotline:
            out["hotline"] = self.hotline
        return out


@dataclass(frozen=True)
class PersonName:
    display: str
    given_names: tuple[str, ...]
    surname_1: str | None
    surname_2: str | None
    particles: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    keys: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """The main folded match key ("jose luis garcia hernandez")."""
        return self.keys[0] if self.keys else ""

    def details(self) -> dict[str, object]:
        return {
            "given_names": list(self.given_names),
            "surname_1": self.surname_1,
            "surname_2": self.surname_2,
            "particles": list(self.particles),
            "aliases": list(self.aliases),
            "folded": self.key,
            "keys": list(self.keys),
        }


@dataclass(frozen=True)
class Place:
    name: str
    kind: str  # country, state, city, crossing, address, highway
    country: str | None
    state: str | None = None
    lat: float | None = None
    lon: float | None = None
    population: int = 0

    def canonical(self) -> str:
        return self._canonical

    def details(self) -> dict[str, object]:
        return dict(self._details)

    # Gazetteer places are shared by every mention of them: build these once per place.
    @cached_property
    def _canonical(self) -> str:
        parts = [self.name]
        if self.state and self.kind not in ("state", "country"):
            parts.append(self.state)
        if self.country and self.kind != "country":
            parts.append(self.country)
        return ", ".join(parts)

    @cached_property
    def _details(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "country": self.country,
            "state": self.state,
            "lat": self.lat,
            "lon": self.lon,
        }


@dataclass(frozen=True)
class DateValue:
    start: dt.date
    end: dt.date
    precision: str  # day, month, year, range
    relative: bool = False

    def canonical(self) -> str:
        if self.start == self.end:
            return self.start.isoformat()
        if self.precision == "month":
            return self.start.strftime("%Y-%m")
        if self.precision == "year":
            return str(self.start.year)
        return f"{self.start.isoformat()}/{self.end.isoformat()}"

    def details(self) -> dict[str, object]:
        return {
            "date_start": self.start.isoformat(),
            "date_end": self.end.isoformat(),
            "precision": self.precision,
            "relative": self.relative,
        }
