"""The entity page: all mentions of one phone across reports, and what appears beside it."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select

from enlace.extraction.mentions import extract_report
from enlace.extraction.tables import Entity
from enlace.security.tables import Role
from enlace.store import Database
from tests.conftest import login, make_user
from tests.factories import add_report


def test_entity_page_gathers_mentions_from_every_report(
    app_client: TestClient, db: Database
) -> None:
    with db.session() as s:
        one = add_report(s, "Text 656-123-4567, the boss is Rogelio Santos.", language="en")
        two = add_report(s, "Marcan del 044 656 123 4567 a las muchachas.", language="es")
        extract_report(s, one)
        extract_report(s, two)
        phone_id = s.scalars(select(Entity.id).where(Entity.kind == "phone")).one()
        references = (one.reference, two.reference)
    make_user(db, Role.ANALYST, "ana")
    login(app_client, "ana")
    page = app_client.get(f"/entities/{phone_id}")
    assert page.status_code == 200
    for reference in references:
        assert reference in page.text
    assert "044 656 123 4567" in page.text and "656-123-4567" in page.text
    assert "Rogelio Santos" in page.text  # appears with
    report_page = app_client.get(f"/reports/{references[0]}")
    assert f'href="/entities/{phone_id}"' in report_page.text


def test_entity_pages_need_the_right_role(app_client: TestClient, db: Database) -> None:
    make_user(db, Role.HOTLINE_OPERATOR, "olga")
    login(app_client, "olga")
    assert app_client.get("/entities/1").status_code == 403
    make_user(db, Role.ANALYST, "ana")
    analyst = TestClient(app_client.app)
    login(analyst, "ana")
    assert analyst.get("/entities/999").status_code == 404
