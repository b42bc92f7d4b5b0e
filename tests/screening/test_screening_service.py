"""Screening stored per report: catalog version, routing rule, supervisor flag, queue order."""

from __future__ import annotations

import time

from fastapi.testclient import TestClient
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from enlace.intake import steps
from enlace.intake.tables import Report
from enlace.intake.worker import Worker
from enlace.screening import results as screening
from enlace.screening.engine import load_catalog
from enlace.screening.tables import Screening
from enlace.security.tables import AuditEvent
from enlace.store import Database
from tests.factories import add_mention
from tests.screening.conftest import LABOR_FL, MINOR_TLAXCALA, NOT_TRAFFICKING, tip


def test_screen_runs_after_extract_in_the_work_queue() -> None:
    names = [name for name, _ in steps.registered()]
    assert names.index("screen") > names.index("extract")


def test_a_result_is_stored_with_its_catalog_version_and_the_rule_that_fired(
    session: Session,
) -> None:
    report = tip(session, LABOR_FL, country="US", state="US-FL")
    row = screening.screen_report(session, report)
    session.commit()
    assert row.catalog_version == load_catalog().version
    assert row.typology == "labor_trafficking"
    assert (row.routing_rule, row.routed_agency, row.routed_queue) == (
        "labor-florida",
        "HSI Tampa",
        "labor-fl",
    )
    codes = {item["code"] for item in row.indicators}
    assert {"document_confiscation", "debt_bondage"} <= codes
    for item in row.indicators:
        for ev in item["evidence"]:
            assert report.narrative[ev["start"] : ev["end"]] == ev["text"]
    assert "Debt bondage" in row.explanation_en and "Servidumbre" in row.explanation_es
    assert report.status == "triaged"


def test_a_state_written_without_its_country_prefix_still_routes(session: Session) -> None:
    report = tip(session, LABOR_FL, country="US", state="FL")
    assert screening.screen_report(session, report).routing_rule == "labor-florida"


def test_a_minor_in_commercial_sex_is_a_victim_and_goes_to_a_supervisor_at_once(
    session: Session,
) -> None:
    report = tip(session, MINOR_TLAXCALA, language="es", country="MX", state="MX-TLA")
    row = screening.screen_report(session, report)
    session.commit()
    assert row.typology == "sex_trafficking"
    assert row.minor and row.victim_minor
    assert row.urgency == "critical" and row.needs_supervisor
    assert row.routing_rule == "minor-sex-tlaxcala" and row.routed_queue == "menores-tla"
    assert "víctima" in row.explanation_es
    event = session.scalars(
        select(AuditEvent).where(
            AuditEvent.action == "screen.escalated", AuditEvent.object_id == str(report.id)
        )
    ).one()
    assert event.details["minor"] is True and event.details["victim_minor"] is True


def test_an_extracted_age_marks_a_minor(session: Session) -> None:
    report = tip(session, "She is fifteen and they make her work at the bar every night.")
    add_mention(session, report, "age", "fifteen", "15")
    row = screening.screen_report(session, report)
    assert row.minor and row.needs_supervisor


def test_rescreening_replaces_the_current_result_and_keeps_the_old(
    db: Database, session: Session
) -> None:
    first = tip(session, LABOR_FL, day=1)
    second = tip(session, NOT_TRAFFICKING, day=2)
    screening.screen_report(session, first)
    screening.screen_report(session, second)
    session.execute(
        update(Screening).where(Screening.report_id == first.id).values(catalog_version="old")
    )
    session.commit()
    seen: list[tuple[int, int]] = []
    assert screening.rescreen(db.sessions, progress=lambda n, t: seen.append((n, t))) == 1
    assert seen[-1] == (1, 1)
    with db.session() as s:
        rows = s.scalars(
            select(Screening).where(Screening.report_id == first.id).order_by(Screening.id)
        ).all()
        assert [(r.catalog_version, r.current) for r in rows] == [
            ("old", False),
            (load_catalog().version, True),
        ]
    assert screening.rescreen(db.sessions) == 0
    assert screening.rescreen(db.sessions, everything=True) == 2


def test_the_queue_is_ordered_by_urgency_then_score_then_age(session: Session) -> None:
    calm_old = tip(session, NOT_TRAFFICKING, day=1)
    labor_new = tip(session, LABOR_FL, day=9)
    labor_old = tip(session, LABOR_FL, day=3)
    minor = tip(session, MINOR_TLAXCALA, language="es", country="MX", state="MX-TLA", day=20)
    screening.screen_reports(session, [calm_old, labor_new, labor_old, minor])
    items, count = screening.triage_queue(session)
    assert count == 4
    assert [i.report.id for i in items] == [minor.id, labor_old.id, labor_new.id, calm_old.id]
    only_critical, n = screening.triage_queue(session, urgency="critical")
    assert n == 1 and only_critical[0].report.id == minor.id
    flagged, _ = screening.triage_queue(session, flagged=True)
    assert [i.report.id for i in flagged] == [minor.id]
    in_queue, _ = screening.triage_queue(session, queue="menores-tla")
    assert [i.report.id for i in in_queue] == [minor.id]
    closed = session.get(Report, minor.id)
    assert closed is not None
    closed.status = "closed"
    session.flush()
    assert screening.triage_queue(session)[1] == 3


def test_a_public_tip_is_screened_by_the_worker(app_client: TestClient, db: Database) -> None:
    response = app_client.post(
        "/api/v1/public/reports",
        json={"narrative": MINOR_TLAXCALA, "lang": "es", "anonymous": True},
    )
    assert response.status_code == 201
    reference = response.json()["reference"]
    row = None
    deadline = time.monotonic() + 20
    while row is None and time.monotonic() < deadline:
        Worker(db).drain()
        with db.session() as s:
            report = s.scalars(select(Report).where(Report.reference == reference)).one()
            row = screening.current_screening(s, report)
        time.sleep(0.05)
    assert row is not None
    assert row.typology == "sex_trafficking" and row.minor and row.needs_supervisor
