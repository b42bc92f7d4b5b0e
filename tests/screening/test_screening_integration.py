"""Screening where other parts of Enlace meet it: the operator console and the demo data."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from enlace.demo import loader as demo_loader
from enlace.demo.engine import generate
from enlace.intake.analysis import analyze
from enlace.intake.tables import Report
from enlace.screening import results as screening
from enlace.screening.tables import Screening


def test_console_live_hints_name_each_indicator_in_the_callers_language() -> None:
    text = "Nos quitaron los pasaportes. Tiene una muchacha de 15 años y la anuncian en internet."
    found = {i["code"]: i for i in analyze(text, "es")["indicators"]}
    assert "document_confiscation" in found
    passports = found["document_confiscation"]
    assert passports["label"] == passports["labels"]["es"] != passports["labels"]["en"]
    evidence = passports["evidence"][0]
    assert text[evidence["start"] : evidence["end"]] == evidence["text"]
    assert "pasaportes" in passports["evidence_text"]
    assert "minor_present" in found  # the age extraction finds reaches the screening
    english = {
        i["code"]: i["label"] for i in analyze("They took our passports.", "en")["indicators"]
    }
    assert english["document_confiscation"] == found["document_confiscation"]["labels"]["en"]


@pytest.fixture(scope="module")
def demo_data() -> demo_loader.DemoDataset:
    return generate(seed=11, n_reports=150)


def test_the_demo_data_leaves_every_report_screened_and_routed(
    session: Session, demo_data: demo_loader.DemoDataset
) -> None:
    data = demo_data
    demo_loader.load(session, data, seed=11)
    session.commit()
    reports = session.scalar(select(func.count(Report.id)))
    current = session.scalar(select(func.count(Screening.id)).where(Screening.current))
    assert reports == current == len(data.reports)
    items, count = screening.triage_queue(session, limit=500)
    assert count > 0
    assert all(i.screening.routing_rule for i in items)
    ranks = [(-i.screening.urgency_rank, -i.screening.score) for i in items]
    assert ranks == sorted(ranks)
