"""The ``resolve`` step of the work queue: each new tip's people are resolved against the people
already stored, right after extraction, without re-running the batch."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select

from enlace.config import Settings
from enlace.extraction.tables import Mention
from enlace.intake import steps
from enlace.intake.tables import Report
from enlace.intake.worker import Worker
from enlace.resolution.tables import EntityMerge, ResolutionModel
from enlace.store import Database
from enlace.web.app import create_app

TIPS = [
    "El enganchador se llama José Luis García Hernández, de unos 35 años, marca del "
    "246 123 4567 y ofrece trabajo en Estados Unidos.",
    "Otra vez Jose Luis Garcia, 35 años, del +52 1 246 123 4567, vino por dos muchachas.",
]


def test_resolve_runs_after_extract() -> None:
    names = [name for name, _ in steps.registered()]
    assert names.index("extract") < names.index("resolve")


def _people(db: Database, reference: str) -> set[int]:
    with db.session() as s:
        report = s.scalars(select(Report).where(Report.reference == reference)).one()
        return {
            int(e)
            for e in s.scalars(
                select(Mention.entity_id).where(
                    Mention.report_id == report.id, Mention.kind == "person"
                )
            )
            if e is not None
        }


def test_two_tips_naming_one_recruiter_end_on_one_entity(settings: Settings, db: Database) -> None:
    # No background worker: this test's worker drains the queue, so the order is the queue's.
    app = create_app(settings.model_copy(update={"inline_worker": False}), db)
    references = []
    with TestClient(app) as client:
        for tip in TIPS:
            response = client.post(
                "/api/v1/public/reports", json={"narrative": tip, "lang": "es", "anonymous": True}
            )
            assert response.status_code == 201
            references.append(response.json()["reference"])
    Worker(db).drain()
    first, second = (_people(db, r) for r in references)
    assert first and first == second
    with db.session() as s:
        merge = s.scalars(select(EntityMerge)).one()
        assert merge.by == "model" and merge.kept_entity_id in first
        assert s.scalar(select(ResolutionModel.id)) is None  # the batch never ran
