"""Reading reports through the pages and the API, with filters and role-gated contact details."""

from __future__ import annotations

from fastapi.testclient import TestClient

from enlace.security.tables import Role
from enlace.store import Database
from tests.conftest import login, make_user
from tests.factories import add_mention, add_report

CONTACT = {"name": "Rosa Díaz", "phone": "+5215512345678", "relationship_to_victim": "family"}


def seed(db: Database) -> str:
    with db.session() as s:
        add_report(
            s,
            "Tienen a tres muchachas encerradas en Tlaxcala.",
            language="es",
            country="MX",
            state="MX-TLA",
            city="Tlaxcala",
            channel="operator",
            contact=CONTACT,
        )
        add_report(
            s,
            "Farm workers in Immokalee say they owe the crew boss money.",
            state="US-FL",
            city="Immokalee",
            status="triaged",
        )
        report = add_report(
            s, "Call 555-0100, ask for Pepe García.", state="US-NY", city="Queens", channel="sms"
        )
        add_mention(s, report, "person", "Pepe García", "José García")
        return report.reference


def test_list_filters_and_search(app_client: TestClient, db: Database) -> None:
    seed(db)
    make_user(db, Role.ANALYST, "ana")
    login(app_client, "ana")
    everything = app_client.get("/api/v1/reports").json()
    assert everything["count"] == 3
    mexico = app_client.get("/api/v1/reports", params={"country": "MX"}).json()
    assert [r["city"] for r in mexico["data"]] == ["Tlaxcala"]
    found = app_client.get("/api/v1/reports", params={"q": "immokalee"}).json()
    assert found["count"] == 1
    assert found["data"][0]["status"] == "triaged"
    page = app_client.get("/reports", params={"channel": "sms"})
    assert "Queens" in page.text
    assert "Immokalee" not in page.text


def test_contact_details_only_for_roles_that_need_them(
    app_client: TestClient, db: Database
) -> None:
    seed(db)
    make_user(db, Role.ANALYST, "ana")
    make_user(db, Role.HOTLINE_OPERATOR, "olga")
    login(app_client, "ana")
    as_analyst = app_client.get("/api/v1/reports", params={"country": "MX"}).json()
    assert as_analyst["data"][0]["contact"] is None
    reference = as_analyst["data"][0]["reference"]
    assert "Rosa Díaz" not in app_client.get(f"/reports/{reference}").text
    operator = TestClient(app_client.app)
    login(operator, "olga")
    shown = operator.get(f"/api/v1/reports/{reference}").json()
    assert shown["contact"]["name"] == "Rosa Díaz"
    assert "Rosa Díaz" in operator.get(f"/reports/{reference}").text


def test_report_page_highlights_mentions(app_client: TestClient, db: Database) -> None:
    reference = seed(db)
    make_user(db, Role.INVESTIGATOR, "ivan")
    login(app_client, "ivan")
    page = app_client.get(f"/reports/{reference}")
    assert page.status_code == 200
    assert '<mark class="ent ent-person" title="Person">Pepe García</mark>' in page.text


def test_missing_report_is_a_404_in_the_users_language(
    app_client: TestClient, db: Database
) -> None:
    make_user(db, Role.ANALYST, "ana", language="es")
    login(app_client, "ana")
    response = app_client.get("/api/v1/reports/ENL-NOPE-NOPE")
    assert response.status_code == 404
    assert response.json()["error"]["message"] == "Reporte no encontrado"
    page = app_client.get("/reports/ENL-NOPE-NOPE")
    assert page.status_code == 404
    assert "Reporte no encontrado" in page.text


def test_bad_query_names_the_field_and_reason(app_client: TestClient, db: Database) -> None:
    make_user(db, Role.ANALYST, "ana", language="es")
    login(app_client, "ana")
    response = app_client.get(
        "/api/v1/reports",
        params={"since": "yesterday-ish", "limit": "0"},
    )
    assert response.status_code == 422
    fields = {e["field"]: e["reason"] for e in response.json()["error"]["errors"]}
    assert set(fields) == {"since", "limit"}
    assert fields["limit"] == "Este valor es demasiado pequeño"
