"""The screening result: frozen values, their wire form and a readable explanation."""

from __future__ import annotations

from dataclasses import dataclass, field

from enlace.screening.engine.catalog import Catalog

URGENCIES: tuple[str, ...] = ("critical", "high", "normal", "low")
_URGENCY_ES = {"critical": "crítica", "high": "alta", "normal": "normal", "low": "baja"}
_MAX_QUOTES = 2


@dataclass(frozen=True)
class Evidence:
    """A span of the original narrative: ``text == narrative[start:end]``."""

    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, object]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class IndicatorFinding:
    code: str
    evidence: tuple[Evidence, ...]

    def to_json(self) -> dict[str, object]:
        return {"code": self.code, "evidence": [e.to_json() for e in self.evidence]}


@dataclass(frozen=True)
class ScreeningResult:
    typology: str
    polaris_type: str | None
    score: float
    urgency: str
    minor: bool
    imminent_danger: bool
    victim_minor: bool
    indicators: tuple[IndicatorFinding, ...]
    catalog_version: str
    lang: str
    catalog: Catalog = field(repr=False, compare=False)

    @property
    def codes(self) -> frozenset[str]:
        return frozenset(f.code for f in self.indicators)

    @property
    def needs_supervisor(self) -> bool:
        """Minors and imminent danger go to a supervisor at once."""
        return self.minor or self.imminent_danger

    def finding(self, code: str) -> IndicatorFinding | None:
        for item in self.indicators:
            if item.code == code:
                return item
        return None

    def explanation(self, lang: str | None = None) -> str:
        """A few sentences in English or Spanish: verdict, protections, indicators and quotes."""
        lang = "es" if (lang or self.lang) == "es" else "en"
        cat = self.catalog
        verdict = cat.typology_name(self.typology, lang)
        if self.polaris_type:
            verdict += f" ({cat.polaris_type(self.polaris_type).name.get(lang)})"
        if lang == "es":
            parts = [
                f"{verdict}; puntuación {self.score:.2f}, urgencia {_URGENCY_ES[self.urgency]}."
            ]
            if self.victim_minor:
                parts.append("Hay una persona menor de edad: se trata como víctima.")
            elif self.minor:
                parts.append("Se menciona a una persona menor de edad.")
            if self.imminent_danger:
                parts.append("Peligro inminente: avisar a un supervisor de inmediato.")
            label = "Indicadores"
        else:
            parts = [f"{verdict}; score {self.score:.2f}, urgency {self.urgency}."]
            if self.victim_minor:
                parts.append("A minor is involved and is treated as a victim.")
            elif self.minor:
                parts.append("A minor is mentioned.")
            if self.imminent_danger:
                parts.append("Imminent danger: alert a supervisor at once.")
            label = "Indicators"
        if self.indicators:
            items = []
            for item in self.indicators:
                name = cat.indicator(item.code).name.get(lang)
                quotes = ", ".join(f"“{e.text}”" for e in item.evidence[:_MAX_QUOTES])
                items.append(f"{name}: {quotes}" if quotes else name)
            parts.append(f"{label}: " + "; ".join(items) + ".")
        return " ".join(parts)

    def to_json(self) -> dict[str, object]:
        return {
            "typology": self.typology,
            "polaris_type": self.polaris_type,
            "score": round(self.score, 3),
            "urgency": self.urgency,
            "minor": self.minor,
            "imminent_danger": self.imminent_danger,
            "indicators": [f.to_json() for f in self.indicators],
            "explanation": self.explanation(),
        }
