"""A tip through the whole chain: acknowledged, queued, processed by the standard steps."""

from __future__ import annotations

import time

from fastapi.testclient import TestClient
from sqlalchemy import select

from enlace.extraction.tables import Mention
from enlace.intake import steps
from enlace.intake.analysis import analyze
from enlace.intake.tables import Report
from enlace.intake.worker import Worker
from enlace.store import Database

TIP = {
    "narrative": "El enganchador se llama Pepe García, marca del 044 246 123 4567. "
    "Tiene a una muchacha de 15 años en Tenancingo.",
    "lang": "es",
    "anonymous": True,
}


def test_standard_steps_are_registered_in_order() -> None:
    names = [name for name, _ in steps.registered()]
    assert names.index("extract") > names.index("received")


def test_public_tip_is_extracted_by_the_worker(app_client: TestClient, db: Database) -> None:
    response = app_client.post("/api/v1/public/reports", json=TIP)
    assert response.status_code == 201
    reference = response.json()["reference"]
    # The application's own background worker may already be on it; a second worker is safe.
    found: set[tuple[str, str | None]] = set()
    deadline = time.monotonic() + 20
    while not found and time.monotonic() < deadline:
        Worker(db).drain()
        with db.session() as s:
            report = s.scalars(select(Report).where(Report.reference == reference)).one()
            found = {
                (m.kind, m.normalized)
                for m in s.scalars(select(Mention).where(Mention.report_id == report.id))
            }
        time.sleep(0.1)
    assert ("phone", "+522461234567") in found
    assert any(kind == "age" for kind, _ in found)


def test_console_live_analysis_shows_entities() -> None:
    result = analyze(str(TIP["narrative"]), "es")
    kinds = {e["kind"] for e in result["entities"]}
    assert {"phone", "age"} <= kinds
