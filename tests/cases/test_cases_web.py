"""The case pages over HTTP: opening from a report, gated victim details, the provider's inbox."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from enlace.security.tables import AuditEvent
from enlace.store import Database
from tests.cases.conftest import build_world
from tests.conftest import csrf, login


def _world(db: Database) -> dict[str, str]:
    with db.session() as s:
        w = build_world(s)
        return {"report": w.reports[0].reference, "provider": str(w.shelter.id)}


def _post(client: TestClient, url: str, data: dict[str, str]) -> str:
    response = client.post(url, data={**data, "csrf_token": csrf(client)}, follow_redirects=False)
    assert response.status_code == 303, response.text
    return str(response.headers["location"])


def test_open_a_case_identify_and_refer_a_victim(app_client: TestClient, db: Database) -> None:
    world = _world(db)
    login(app_client, "ivan")
    assert "Open a case" in app_client.get("/cases").text
    location = _post(
        app_client,
        "/cases",
        {
            "title": "Cantina case",
            "country": "US",
            "state": "US-TX",
            "typology": "sex_trafficking",
            "reports": world["report"],
        },
    )
    reference = location.rsplit("/", 1)[1]
    page = app_client.get(location).text
    assert world["report"] in page and "Cantina case" in page
    _post(
        app_client,
        f"{location}/victims",
        {
            "identified_on": "2026-03-01",
            "age": "17",
            "name": "Nombre Sintético",
            "needs": "shelter",
        },
    )
    page = app_client.get(location).text
    assert "Nombre Sintético" not in page  # never on the case page itself
    victim_id = re.search(r'id="victim-(\d+)"', page).group(1)  # type: ignore[union-attr]
    _post(app_client, f"{location}/victims/{victim_id}/consents", {"kind": "referral"})
    _post(
        app_client,
        f"{location}/victims/{victim_id}/referrals",
        {"provider_id": world["provider"], "service": "shelter"},
    )
    assert "Sent" in app_client.get(location).text
    detail = app_client.get(f"{location}/victims/{victim_id}")
    assert detail.status_code == 200 and "Nombre Sintético" in detail.text

    # Spanish, and the API's view of the same case.
    app_client.get("/lang/es?next=/")
    assert "Víctimas" in app_client.get(location).text
    api = app_client.get(f"/api/v1/cases/{reference}").json()
    assert api["reference"] == reference and api["victims"][0]["minor"] is True
    assert "name" not in api["victims"][0]

    with db.session() as s:
        views = s.scalar(
            select(func.count())
            .select_from(AuditEvent)
            .where(AuditEvent.action == "victim.details.view")
        )
    assert views == 1


def test_analyst_sees_the_case_but_not_victim_details(app_client: TestClient, db: Database) -> None:
    world = _world(db)
    login(app_client, "ivan")
    location = _post(
        app_client,
        "/cases",
        {
            "title": "Farm",
            "country": "US",
            "typology": "labor_trafficking",
            "reports": world["report"],
        },
    )
    _post(app_client, f"{location}/victims", {"age": "30", "name": "Persona Sintética"})
    victim_id = re.search(r'id="victim-(\d+)"', app_client.get(location).text).group(1)  # type: ignore[union-attr]
    app_client.post("/logout", data={"csrf_token": csrf(app_client)})
    login(app_client, "ana")
    page = app_client.get(location).text
    assert "Farm" in page and "Show identifying details" not in page
    assert app_client.get(f"{location}/victims/{victim_id}").status_code == 403
    assert (
        app_client.get(
            f"/api/v1/cases/{location.rsplit('/', 1)[1]}/victims/{victim_id}/details"
        ).status_code
        == 403
    )
    # A provider has no case pages at all, only its referral inbox.
    app_client.post("/logout", data={"csrf_token": csrf(app_client)})
    login(app_client, "rosa")
    assert app_client.get("/cases").status_code == 403
    assert app_client.get("/referrals").status_code == 200
