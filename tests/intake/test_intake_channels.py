"""Operator console, quick report and the chat/SMS webhook, through HTTP."""

from __future__ import annotations

import base64

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from enlace.intake.gateways import LINK_CHANNEL, create_gateway
from enlace.intake.tables import (
    Attachment,
    CallDraft,
    Conversation,
    Report,
    ReportContact,
    ReportDetails,
)
from enlace.security.tables import Role
from enlace.store import Database
from tests.conftest import csrf, login, make_user
from tests.plugins import Analyzer, plugged

ES = {"Accept-Language": "es-MX,es;q=0.9"}
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 100


def _gateway(db: Database, name: str = "sms-mx", channel: str = "sms") -> str:
    with db.session() as s:
        return create_gateway(s, name, channel)[1]


def test_operator_saves_a_draft_then_submits_the_call(app_client: TestClient, db: Database) -> None:
    make_user(db, Role.HOTLINE_OPERATOR, "olga")
    login(app_client, "olga")
    page = app_client.get("/intake/console")
    assert page.status_code == 200
    assert (
        'id="live-analysis"' in page.text and 'data-endpoint="/api/v1/intake/analyze"' in page.text
    )
    form = {
        "csrf_token": csrf(app_client),
        "caller_relationship": "family",
        "caller_language": "es",
        "interpreter_used": "on",
        "victim_age": "16",
        "victim_sex": "female",
        "victim_nationality": "gt",
        "suspects": "El Güero\nDoña Rosa",
        "locations": "Bar La Estrella, Tapachula",
        "vehicles": "Camioneta blanca ABC-123",
        "narrative": "Mi sobrina trabaja en un bar y no la dejan salir.",
        "caller_name": "Tía Sintética",
        "caller_phone": "+52 962 555 0100",
        "action": "draft",
    }
    saved = app_client.post("/intake/console", data=form, follow_redirects=False)
    assert saved.status_code == 303
    draft_id = int(saved.headers["location"].split("draft=")[1].split("&")[0])
    reopened = app_client.get(saved.headers["location"])
    assert "Mi sobrina trabaja en un bar" in reopened.text
    assert f"/intake/console?draft={draft_id}" in reopened.text  # listed among open calls
    submitted = app_client.post(
        "/intake/console",
        data={**form, "action": "submit", "draft_id": str(draft_id)},
        follow_redirects=False,
    )
    assert submitted.status_code == 303
    reference = submitted.headers["location"].split("submitted=")[1]
    with db.session() as s:
        report = s.scalar(select(Report).where(Report.reference == reference))
        assert report is not None and report.channel == "operator"
        assert "Sospechosos: El Güero · Doña Rosa" in report.narrative
        assert "+52" not in report.narrative
        details = s.get_one(ReportDetails, report.id).data
        assert details["victim"] == {
            "age": 16,
            "age_range": None,
            "sex": "female",
            "nationality": "GT",
            "minor": True,
        }
        assert details["call"]["interpreter_used"] is True
        contact = s.scalar(select(ReportContact).where(ReportContact.report_id == report.id))
        assert contact is not None and contact.relationship_to_victim == "family"
        assert s.get_one(CallDraft, draft_id).report_id == report.id
    listing = app_client.get("/intake/console").text
    assert f"draft={draft_id}" not in listing


def test_console_rejects_bad_fields_and_other_roles(app_client: TestClient, db: Database) -> None:
    make_user(db, Role.SERVICE_PROVIDER, "pablo")
    login(app_client, "pablo")
    assert app_client.get("/intake/console").status_code == 403
    make_user(db, Role.SUPERVISOR, "sara")
    login(app_client, "sara")
    bad = app_client.post(
        "/intake/console",
        data={
            "csrf_token": csrf(app_client),
            "victim_age": "abc",
            "narrative": "",
            "action": "submit",
        },
    )
    assert bad.status_code == 422
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Report)) == 0


def test_analyze_endpoint_uses_the_pluggable_analyzer(app_client: TestClient, db: Database) -> None:
    make_user(db, Role.HOTLINE_OPERATOR, "olga")
    login(app_client, "olga")
    token = csrf(app_client)
    url = "/api/v1/intake/analyze"
    headers = {"X-CSRF-Token": token}
    empty = app_client.post(url, json={"text": "hola", "lang": "es"}, headers=headers)
    assert empty.json() == {"entities": [], "indicators": []}
    with plugged(
        Analyzer(
            lambda text, lang: {
                "entities": [{"kind": "phone", "text": text[-4:]}],
                "indicators": [],
            }
        )
    ):
        found = app_client.post(url, json={"text": "tel 5555", "lang": "es"}, headers=headers)
        assert found.json()["entities"] == [{"kind": "phone", "text": "5555"}]
    assert app_client.post(url, json={"text": "x"}).status_code == 403  # no CSRF header


def test_quick_report_with_an_organisation_link(app_client: TestClient, db: Database) -> None:
    with db.session() as s:
        _, key = create_gateway(s, "Truckers Test Org", LINK_CHANNEL)
    page = app_client.get(f"/intake/quick?k={key}", headers=ES)
    assert "Reportante capacitado de" in page.text and "Truckers Test Org" in page.text
    sent = app_client.post(
        "/intake/quick",
        data={
            "csrf_token": csrf(app_client),
            "k": key,
            "seen": ["commercial_sex_of_minor", "vehicle_out_of_place"],
            "highway": "I-35",
            "marker": "144",
            "unit": "mi",
            "vehicle": "white RV",
            "plate": "TX 9ZZ-001",
        },
        files={"photo": ("lot.jpg", JPEG, "image/jpeg")},
        headers={"Accept-Language": "en-US"},
    )
    assert sent.status_code == 201, sent.text
    with db.session() as s:
        report = s.scalar(select(Report).where(Report.channel == "quick_report"))
        assert report is not None
        assert "Someone who looks under 18 offered for sex" in report.narrative
        assert report.location_text == "I-35, mile 144"
        details = s.get_one(ReportDetails, report.id)
        assert details.data["quick"]["organisation"] == "Truckers Test Org"
        assert details.gateway_id is not None
        assert s.scalar(select(func.count()).select_from(Attachment)) == 1


def test_quick_report_needs_a_place_and_what_was_seen(app_client: TestClient, db: Database) -> None:
    sent = app_client.post("/intake/quick", data={"csrf_token": csrf(app_client)}, headers=ES)
    assert sent.status_code == 422
    assert "Marque lo que vio o escriba una nota" in sent.text
    assert "Comparta su ubicación o indique la carretera" in sent.text
    with_coords = app_client.post(
        "/intake/quick",
        data={
            "csrf_token": csrf(app_client),
            "seen": "control_by_third_party",
            "latitude": "25.6866",
            "longitude": "-100.3161",
        },
    )
    assert with_coords.status_code == 201
    with db.session() as s:
        report = s.scalar(select(Report))
        assert report is not None and report.latitude == 25.6866


def test_webhook_threads_a_conversation_into_one_report(
    app_client: TestClient, db: Database
) -> None:
    token = _gateway(db)
    auth = {"Authorization": f"Bearer {token}"}
    first = {
        "channel": "sms",
        "conversation_id": "conv-1",
        "sender_id": "+528112345678",
        "text": "Me quitaron mi pasaporte en el rancho",
        "lang": "es",
        "message_id": "m-1",
    }
    r1 = app_client.post("/api/v1/intake/messages", json=first, headers=auth)
    assert r1.status_code == 201, r1.text
    r2 = app_client.post(
        "/api/v1/intake/messages",
        json={
            **first,
            "message_id": "m-2",
            "text": "Estamos en Sinaloa",
            "attachments": [{"filename": "foto.jpg", "data": base64.b64encode(JPEG).decode()}],
        },
        headers=auth,
    )
    assert r2.status_code == 200 and r2.json()["reference"] == r1.json()["reference"]
    retry = app_client.post("/api/v1/intake/messages", json=first, headers=auth)  # same message id
    assert retry.status_code == 201 and retry.json() == r1.json()
    keyed = {**first, "message_id": None, "text": "otra vez"}
    k1 = app_client.post(
        "/api/v1/intake/messages", json=keyed, headers={**auth, "Idempotency-Key": "abc"}
    )
    k2 = app_client.post(
        "/api/v1/intake/messages", json=keyed, headers={**auth, "Idempotency-Key": "abc"}
    )
    assert k1.json() == k2.json()
    with db.session() as s:
        (report,) = s.scalars(select(Report)).all()
        assert report.channel == "sms"
        assert report.narrative.count("otra vez") == 1
        assert "Estamos en Sinaloa" in report.narrative
        assert s.scalar(select(Conversation.messages)) == 3
        contact = s.scalar(select(ReportContact))
        assert contact is not None and contact.phone == "+528112345678"
        assert s.scalar(select(func.count()).select_from(Attachment)) == 1


def test_webhook_refuses_bad_tokens_and_bad_bodies(app_client: TestClient, db: Database) -> None:
    token = _gateway(db)
    body = {"channel": "chat", "conversation_id": "c", "sender_id": "s", "text": "hola"}
    url = "/api/v1/intake/messages"
    assert app_client.post(url, json=body).status_code == 401
    wrong = app_client.post(url, json=body, headers={"Authorization": "Bearer nope", **ES})
    assert wrong.status_code == 401
    assert wrong.json()["error"]["message"] == "Token de pasarela desconocido o desactivado"
    auth = {"Authorization": f"Bearer {token}", **ES}
    bad64 = app_client.post(url, json={**body, "attachments": [{"data": "@@@"}]}, headers=auth)
    assert bad64.status_code == 422
    assert bad64.json()["error"]["errors"][0]["reason"] == "Deben ser datos en base64"
    exe = base64.b64encode(b"MZ\x90\x00binary").decode()
    assert (
        app_client.post(
            url, json={**body, "attachments": [{"data": exe}]}, headers=auth
        ).status_code
        == 415
    )
    assert (
        app_client.post(url, json={**body, "conversation_id": ""}, headers=auth).status_code == 422
    )
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Report)) == 0
