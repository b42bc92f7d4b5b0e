"""Screening over HTTP: the API, the triage queue, the report page, catalog and routing pages."""

from __future__ import annotations

import re
from html import unescape

from fastapi.testclient import TestClient
from sqlalchemy import select

from enlace.screening import results as screening
from enlace.screening import rules as routing
from enlace.screening.engine import load_catalog, screen
from enlace.screening.tables import RoutingRule
from enlace.security.tables import AuditEvent
from enlace.store import Database
from tests.conftest import csrf, login
from tests.screening.conftest import LABOR_FL, MINOR_TLAXCALA, NOT_TRAFFICKING, add_users, tip


def _seed(db: Database) -> dict[str, str]:
    add_users(db)
    with db.session() as s:
        labor = tip(s, LABOR_FL, state="US-FL", day=2)
        calm = tip(s, NOT_TRAFFICKING, day=1)
        minor = tip(s, MINOR_TLAXCALA, language="es", country="MX", state="MX-TLA", day=5)
        unscreened = tip(s, LABOR_FL, day=3)
        screening.screen_reports(s, [labor, calm, minor])
        s.commit()
        return {
            "labor": labor.reference,
            "calm": calm.reference,
            "minor": minor.reference,
            "unscreened": unscreened.reference,
        }


def _text(html: str) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def _nav(client: TestClient) -> str:
    return str(client.get("/").text.split("</header>")[0])


def test_screen_api_gives_the_wire_form(app_client: TestClient, db: Database) -> None:
    body = {"text": "they keep our passports and we owe the boss 40,000 pesos"}
    assert app_client.post("/api/v1/screen", json=body).status_code == 401
    add_users(db)
    login(app_client, "olga")
    response = app_client.post(
        "/api/v1/screen", json=body, headers={"X-CSRF-Token": csrf(app_client)}
    )
    assert response.status_code == 200
    out = response.json()
    assert out["typology"] == "labor_trafficking"
    assert out["catalog_version"] == load_catalog().version
    assert {"debt_bondage", "document_confiscation"} <= {i["code"] for i in out["indicators"]}
    evidence = out["indicators"][0]["evidence"][0]
    assert body["text"][evidence["start"] : evidence["end"]] == evidence["text"]
    assert out["urgency"] in {"critical", "high", "normal", "low"}
    assert isinstance(out["explanation"], str) and out["explanation"]
    bad = app_client.post(
        "/api/v1/screen",
        json={"text": "hola", "lang": "fr"},
        headers={"X-CSRF-Token": csrf(app_client)},
    )
    assert bad.status_code == 422


def test_queue_page_and_api_in_priority_order_with_filters(
    app_client: TestClient, db: Database
) -> None:
    refs = _seed(db)
    login(app_client, "olga")
    assert 'href="/queue"' in _nav(app_client)
    page = app_client.get("/queue").text
    order = re.findall(r'data-reference="([^"]+)"', page)
    assert order == [refs["minor"], refs["labor"], refs["calm"]]
    row = page.split(f'data-reference="{refs["minor"]}"')[1].split("</tr>")[0]
    text = _text(row)
    assert "Critical" in text and "Minor" in text and "Sex trafficking" in text
    assert "menores-tla" in text and "minor-sex-tlaxcala" in text
    only = app_client.get("/queue", params={"queue": "labor-fl"}).text
    assert re.findall(r'data-reference="([^"]+)"', only) == [refs["labor"]]
    flagged = app_client.get("/queue", params={"flagged": "true"}).text
    assert re.findall(r'data-reference="([^"]+)"', flagged) == [refs["minor"]]
    api = app_client.get("/api/v1/queue", params={"urgency": "critical"}).json()
    assert api["count"] == 1
    item = api["data"][0]
    assert item["reference"] == refs["minor"] and item["minor"] is True
    assert item["routing_rule"] == "minor-sex-tlaxcala" and item["needs_supervisor"] is True
    full = app_client.get("/api/v1/queue").json()
    assert [d["reference"] for d in full["data"]] == [refs["minor"], refs["labor"], refs["calm"]]


def test_report_page_shows_indicators_evidence_sources_and_the_rule(
    app_client: TestClient, db: Database
) -> None:
    refs = _seed(db)
    login(app_client, "ana")
    page = app_client.get(f"/reports/{refs['labor']}").text
    section = page.split('id="screening"')[1].split("</section>")[0]
    assert 'data-typology="labor_trafficking"' in section
    debt = section.split('data-indicator="debt_bondage"')[1].split("</li>\n")[0]
    assert "Debt bondage" in debt
    marked = re.findall(r'<mark class="ind">([^<]+)</mark>', section)
    assert any("passports" in m for m in marked) and any("owe" in m for m in marked)
    sources = load_catalog().indicator("debt_bondage").sources
    for key in sources:
        assert load_catalog().sources[key].en in _text(debt)
    assert "HSI Tampa" in section and "labor-florida" in section
    not_yet = app_client.get(f"/reports/{refs['unscreened']}").text
    assert "Not screened yet" in not_yet


def test_report_page_in_spanish_flags_the_minor_for_a_supervisor(
    app_client: TestClient, db: Database
) -> None:
    refs = _seed(db)
    login(app_client, "selena")
    page = app_client.get(f"/reports/{refs['minor']}").text
    section = _text(page.split('id="screening"')[1].split("</section>")[0])
    assert load_catalog().typology_name("sex_trafficking", "es") in section
    assert "Crítica" in section and "Evaluación" in section
    assert "nunca como agresor" in section
    assert "víctima" in section  # the stored explanation in the reader's language
    assert "Fiscalía Tlaxcala" in section
    response = app_client.post(
        f"/reports/{refs['minor']}/screening/acknowledge",
        data={"csrf_token": csrf(app_client)},
        follow_redirects=False,
    )
    assert response.status_code == 303
    with db.session() as s:
        events = set(s.scalars(select(AuditEvent.action)).all())
    assert {"screen.escalated", "screen.acknowledged"} <= events
    assert app_client.get("/api/v1/queue", params={"flagged": "true"}).json()["count"] == 0


def test_roles_without_the_permission_see_neither_queue_nor_acknowledge(
    app_client: TestClient, db: Database
) -> None:
    refs = _seed(db)
    login(app_client, "pablo")
    assert 'href="/queue"' not in _nav(app_client)
    assert app_client.get("/queue").status_code == 403
    assert app_client.get("/api/v1/queue").status_code == 403
    login(app_client, "olga")
    page = app_client.get(f"/reports/{refs['minor']}").text
    assert "Flagged for a supervisor" in page
    assert "screening/acknowledge" not in page
    response = app_client.post(
        f"/reports/{refs['minor']}/screening/acknowledge", data={"csrf_token": csrf(app_client)}
    )
    assert response.status_code == 403


def test_catalog_page_shows_both_languages_and_sources(
    app_client: TestClient, db: Database
) -> None:
    add_users(db)
    login(app_client, "olga")
    assert app_client.get("/screen/catalog").status_code == 403
    login(app_client, "ana")
    assert 'href="/screen/catalog"' in _nav(app_client)
    page = app_client.get("/screen/catalog").text
    catalog = load_catalog()
    assert f"data-version>{catalog.version}<" in page
    for ind in catalog.indicators:
        row = _text(page.split(f'data-indicator="{ind.code}"')[1].split("</tr>")[0])
        assert unescape(ind.name.en) in row and unescape(ind.name.es) in row
        for key in ind.sources:
            assert catalog.sources[key].en in row


def test_supervisor_edits_a_routing_rule_validated_and_audited(
    app_client: TestClient, db: Database
) -> None:
    add_users(db)
    login(app_client, "ana")
    assert 'href="/screen/routing"' not in _nav(app_client)
    assert "labor-florida" in app_client.get("/screen/routing").text  # analysts may read
    assert app_client.get("/screen/routing/new").status_code == 403
    login(app_client, "sofia")
    assert 'href="/screen/routing"' in _nav(app_client)
    with db.session() as s:
        rule_id = s.scalars(select(RoutingRule.id).where(RoutingRule.key == "labor-florida")).one()
    form = {
        "csrf_token": csrf(app_client),
        "key": "labor-florida",
        "priority": "30",
        "countries": "us",
        "states": "US-FL, Florida",
        "typologies": ["labor_trafficking", "both"],
        "agency": "HSI Miami",
        "queue": "labor-mia",
        "active": "on",
    }
    refused = app_client.post(f"/screen/routing/{rule_id}", data=form)
    assert refused.status_code == 422
    assert 'data-field="states"' in refused.text and "Florida" in refused.text
    form["states"] = "US-FL"
    saved = app_client.post(f"/screen/routing/{rule_id}", data=form, follow_redirects=False)
    assert saved.status_code == 303
    listing = app_client.get("/screen/routing").text
    row = _text(listing.split('data-rule="labor-florida"')[1].split("</tr>")[0])
    assert "HSI Miami" in row and "labor-mia" in row
    with db.session() as s:
        events = s.scalars(select(AuditEvent).where(AuditEvent.object_type == "routing_rule")).all()
        assert [(e.action, e.object_id) for e in events] == [
            ("routing.rule_changed", "labor-florida")
        ]
        report = tip(s, LABOR_FL, state="US-FL")
        assert (
            routing.route_report(s, report, screen(report.narrative, report.language)).agency
            == "HSI Miami"
        )
