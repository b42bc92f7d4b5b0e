"""What the screening pages show: stored results and catalog entries in the reader's language."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from enlace.intake.tables import Report
from enlace.messages import N_
from enlace.screening import results as screening
from enlace.screening.engine import load_catalog
from enlace.screening.tables import Screening
from enlace.web.i18n import current_language, gettext

URGENCY_LABELS: dict[str, str] = {
    "critical": N_("Critical"),
    "high": N_("High"),
    "normal": N_("Normal"),
    "low": N_("Low"),
}
CONTEXT_CHARS = 60


def lang() -> str:
    return "es" if current_language.get() == "es" else "en"


def urgency_label(code: str) -> str:
    return gettext(URGENCY_LABELS.get(code, code))


def typology_label(code: str) -> str:
    try:
        return load_catalog().typology_name(code, lang())
    except KeyError:
        return code


def polaris_label(slug: str | None) -> str:
    if not slug:
        return ""
    try:
        return load_catalog().polaris_type(slug).name.get(lang())
    except KeyError:
        return slug


@dataclass(frozen=True)
class Snippet:
    """One piece of evidence with some of the narrative around it."""

    before: str
    text: str
    after: str


@dataclass(frozen=True)
class IndicatorView:
    code: str
    name: str
    definition: str
    sources: list[str]
    snippets: list[Snippet]


@dataclass(frozen=True)
class ScreeningView:
    row: Screening
    typology: str
    polaris: str
    urgency: str
    explanation: str
    indicators: list[IndicatorView]


def _locate(narrative: str, item: dict[str, Any]) -> tuple[int, int] | None:
    """The evidence span in the narrative as it is now (a follow-up may have extended it)."""
    text = str(item.get("text") or "")
    start, end = item.get("start"), item.get("end")
    if isinstance(start, int) and isinstance(end, int) and narrative[start:end] == text and text:
        return start, end
    found = narrative.find(text) if text else -1
    return (found, found + len(text)) if found >= 0 else None


def snippet(narrative: str, item: dict[str, Any]) -> Snippet:
    span = _locate(narrative, item)
    if span is None:
        return Snippet("", str(item.get("text") or ""), "")
    start, end = span
    lo, hi = max(0, start - CONTEXT_CHARS), min(len(narrative), end + CONTEXT_CHARS)
    before, after = narrative[lo:start], narrative[end:hi]
    if lo > 0:
        before = "…" + before.split(" ", 1)[-1] if " " in before else "…" + before
    if hi < len(narrative):
        after = (after.rsplit(" ", 1)[0] if " " in after else after) + "…"
    return Snippet(before, narrative[start:end], after)


def _merged(evidence: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Evidence spans with those inside another dropped ("she is 15" and "15" show once)."""
    spans = [
        e for e in evidence if isinstance(e.get("start"), int) and isinstance(e.get("end"), int)
    ]
    spans.sort(key=lambda e: (e["start"], -e["end"]))
    out: list[dict[str, Any]] = []
    for item in spans:
        if out and item["start"] >= out[-1]["start"] and item["end"] <= out[-1]["end"]:
            continue
        out.append(item)
    return out + [e for e in evidence if e not in spans]


def indicator_view(code: str, narrative: str, evidence: list[dict[str, Any]]) -> IndicatorView:
    catalog = load_catalog()
    language = lang()
    try:
        indicator = catalog.indicator(code)
    except KeyError:  # screened by an older catalog that had this code
        return IndicatorView(code, code, "", [], [snippet(narrative, e) for e in evidence])
    return IndicatorView(
        code=code,
        name=indicator.name.get(language),
        definition=indicator.definition.get(language),
        sources=[catalog.sources[s].get(language) for s in indicator.sources],
        snippets=[snippet(narrative, e) for e in _merged(evidence)],
    )


def screening_view(row: Screening, narrative: str) -> ScreeningView:
    return ScreeningView(
        row=row,
        typology=typology_label(row.typology),
        polaris=polaris_label(row.polaris_type),
        urgency=urgency_label(row.urgency),
        explanation=row.explanation_es if lang() == "es" else row.explanation_en,
        indicators=[
            indicator_view(str(item.get("code")), narrative, list(item.get("evidence") or []))
            for item in row.indicators
        ],
    )


def report_context(session: Session, report: Report) -> dict[str, Any]:
    """What ``screening/_report_section.html`` needs on the report page."""
    row = screening.current_screening(session, report)
    return {"screening": screening_view(row, report.narrative) if row else None}
