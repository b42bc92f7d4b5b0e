"""The public form and its JSON twin: no sign-in, bilingual, bounded, rate limited, idempotent."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from enlace.config import Settings
from enlace.intake import fastpath
from enlace.intake.tables import Attachment, FollowUp, Job, Report, ReportContact
from enlace.security.files import FileStore
from enlace.security.tables import Role
from enlace.store import Database
from enlace.web.app import create_app
from tests.conftest import csrf, login, make_user

ES = {"Accept-Language": "es-MX,es;q=0.9"}
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _count(db: Database, model: type) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_public_api_acknowledges_a_stored_report_with_queued_work(
    app_client: TestClient, db: Database
) -> None:
    body = {
        "narrative": "Vi a una adolescente vigilada por un hombre en la gasolinera.",
        "lang": "es",
        "location": {"text": "Gasolinera km 12", "country": "MX", "state": "MX-NLE"},
        "when": "2026-05-01T22:15:00",
        "anonymous": False,
        "contact": {"name": "Testigo Sintético", "phone": "+52 81 5555 0101"},
    }
    response = app_client.post("/api/v1/public/reports", json=body)
    assert response.status_code == 201, response.text
    reference = response.json()["reference"]
    assert re.fullmatch(r"ENL-[0-9A-Z]{4}-[0-9A-Z]{4}", reference)
    with db.session() as s:
        report = s.scalar(select(Report).where(Report.reference == reference))
        assert report is not None
        assert (report.channel, report.language, report.country) == ("api", "es", "MX")
        assert report.incident_at is not None and report.incident_at.tzinfo is not None
        assert "+52" not in report.narrative  # contact stays out of the narrative
        contact = s.scalar(select(ReportContact).where(ReportContact.report_id == report.id))
        assert contact is not None and contact.phone == "+52 81 5555 0101"
        assert s.scalar(select(func.count()).where(Job.report_id == report.id)) >= 1


def test_anonymous_choice_keeps_no_contact(app_client: TestClient, db: Database) -> None:
    body = {
        "narrative": "Men sleep in the restaurant's storage room and are never paid.",
        "lang": "en",
        "anonymous": True,
        "contact": {"email": "someone@example.org"},
    }
    assert app_client.post("/api/v1/public/reports", json=body).status_code == 201
    assert _count(db, ReportContact) == 0


def test_idempotency_key_makes_a_retry_return_the_same_reference(
    app_client: TestClient, db: Database
) -> None:
    body = {"narrative": "Retry me", "lang": "en", "anonymous": True}
    headers = {"Idempotency-Key": "client-42-attempt"}
    first = app_client.post("/api/v1/public/reports", json=body, headers=headers)
    again = app_client.post("/api/v1/public/reports", json=body, headers=headers)
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert _count(db, Report) == 1


def test_a_reference_code_collision_still_acknowledges_once_with_a_new_code(
    app_client: TestClient, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = {"narrative": "Primero", "lang": "es", "anonymous": True}
    taken = app_client.post("/api/v1/public/reports", json=body).json()["reference"]
    codes = iter([taken, "ENL-2345-6789"])
    monkeypatch.setattr(fastpath, "new_reference", lambda: next(codes))
    second = app_client.post("/api/v1/public/reports", json={**body, "narrative": "Segundo"})
    assert second.status_code == 201
    assert second.json() == {"reference": "ENL-2345-6789"}
    assert _count(db, Report) == 2
    assert _count(db, Job) == 2  # one chain started per report, none for the failed attempt


def test_bad_input_is_refused_in_spanish_and_nothing_is_stored(
    app_client: TestClient, db: Database
) -> None:
    url = "/api/v1/public/reports"
    malformed = app_client.post(
        url, content=b"{not json", headers={**ES, "Content-Type": "application/json"}
    )
    assert malformed.status_code == 422
    wrong_types = app_client.post(
        url, json={"narrative": 12, "lang": "fr", "anonymous": "quizá"}, headers=ES
    )
    assert wrong_types.status_code == 422
    fields = {e["field"]: e["reason"] for e in wrong_types.json()["error"]["errors"]}
    assert fields["narrative"] == "Debe ser texto"
    assert set(fields) == {"narrative", "lang", "anonymous"}
    empty = app_client.post(
        url, json={"narrative": "  ", "lang": "es", "anonymous": True}, headers=ES
    )
    assert empty.status_code == 422
    assert empty.json()["error"]["errors"][0]["reason"] == "Cuéntenos qué pasó"
    too_long = app_client.post(
        url, json={"narrative": "x" * 20001, "lang": "es", "anonymous": True}, headers=ES
    )
    assert too_long.status_code == 422
    huge = app_client.post(
        url, json={"narrative": "x" * 200_000, "lang": "es", "anonymous": True}, headers=ES
    )
    assert huge.status_code == 413
    assert huge.json()["error"]["title"] == "Demasiado grande"
    no_contact = app_client.post(url, json={"narrative": "ok", "lang": "es", "anonymous": False})
    assert no_contact.status_code == 422
    assert _count(db, Report) == 0
    assert _count(db, Job) == 0


def test_public_submissions_are_rate_limited_per_client(settings: Settings, db: Database) -> None:
    limited = settings.model_copy(update={"public_rate_limit": 3})
    with TestClient(create_app(limited, db)) as client:
        body = {"narrative": "uno", "lang": "es", "anonymous": True}
        codes = [
            client.post("/api/v1/public/reports", json=body, headers=ES).status_code
            for _ in range(4)
        ]
        assert codes == [201, 201, 201, 429]
        refused = client.post("/api/v1/public/reports", json=body, headers=ES)
        assert refused.json()["error"]["title"] == "Demasiados envíos"
    assert _count(db, Report) == 3


def test_the_web_form_in_spanish_stores_a_report_with_a_photo(
    app_client: TestClient, db: Database, settings: Settings
) -> None:
    page = app_client.get("/report", headers=ES)
    assert page.status_code == 200
    assert "Reportar una situación" in page.text
    assert "911" in page.text
    form_key = re.search(r'name="form_key" value="([^"]+)"', page.text)
    assert form_key
    data = {
        "csrf_token": csrf(app_client),
        "form_key": form_key.group(1),
        "narrative": "En la casa de la calle Hidalgo encierran a muchachas.",
        "location": "Calle Hidalgo 14",
        "city": "Reynosa",
        "country": "MX",
        "phones": "899 555 0199",
        "anonymous": "yes",
        "name": "No debería guardarse",
    }
    files = {"photo": ("casa.png", PNG, "image/png")}
    sent = app_client.post("/report", data=data, files=files, headers=ES)
    assert sent.status_code == 201, sent.text
    reference = re.search(r'id="reference">([^<]+)<', sent.text)
    assert reference and "Reporte recibido" in sent.text
    again = app_client.post("/report", data=data, files=files, headers=ES)  # a double submit
    assert reference.group(1) in again.text
    with db.session() as s:
        report = s.scalar(select(Report).where(Report.reference == reference.group(1)))
        assert report is not None and report.channel == "web_form" and report.anonymous
        assert "Teléfonos: 899 555 0199" in report.narrative
        attachment = s.scalar(select(Attachment).where(Attachment.report_id == report.id))
        assert attachment is not None and attachment.content_type == "image/png"
        assert PNG not in (settings.data_dir / "attachments" / attachment.storage_path).read_bytes()
        assert FileStore.of(settings).read(attachment.storage_path, sha256=attachment.sha256) == PNG
    assert _count(db, Report) == 1
    assert _count(db, ReportContact) == 0


def test_the_web_form_refuses_a_fake_photo_and_keeps_what_was_typed(
    app_client: TestClient, db: Database
) -> None:
    data = {
        "csrf_token": csrf(app_client),
        "narrative": "Texto que no se pierde",
        "anonymous": "yes",
    }
    files = {"photo": ("x.png", b"MZ\x90\x00 not an image", "image/png")}
    sent = app_client.post("/report", data=data, files=files, headers=ES)
    assert sent.status_code == 415
    assert "Texto que no se pierde" in sent.text
    assert _count(db, Report) == 0


def test_follow_up_adds_to_the_same_report_without_an_account(
    app_client: TestClient, db: Database
) -> None:
    first = app_client.post(
        "/api/v1/public/reports",
        json={"narrative": "Primer aviso", "lang": "es", "anonymous": True},
    )
    reference = first.json()["reference"]
    token = csrf(app_client)
    sent = app_client.post(
        "/report/follow-up",
        data={
            "csrf_token": token,
            "reference": reference.lower().replace("-", ""),
            "text": "La placa es XYZ-123",
        },
        headers=ES,
    )
    assert sent.status_code == 201
    assert reference in sent.text
    api = app_client.post(
        f"/api/v1/public/reports/{reference}/follow-ups",
        json={"text": "Y un teléfono", "lang": "es"},
    )
    assert api.status_code == 201
    unknown = app_client.post(
        "/report/follow-up",
        data={"csrf_token": token, "reference": "ENL-2222-2222", "text": "hola"},
        headers=ES,
    )
    assert unknown.status_code == 404
    assert "No encontramos" in unknown.text
    with db.session() as s:
        report = s.scalar(select(Report).where(Report.reference == reference))
        assert report is not None
        assert "La placa es XYZ-123" in report.narrative and "Y un teléfono" in report.narrative
        assert s.scalar(select(func.count()).select_from(FollowUp)) == 2


def test_processing_status_is_visible_per_report(app_client: TestClient, db: Database) -> None:
    reference = app_client.post(
        "/api/v1/public/reports", json={"narrative": "Estado", "lang": "es", "anonymous": True}
    ).json()["reference"]
    assert app_client.get(f"/api/v1/reports/{reference}/processing").status_code == 401
    make_user(db, Role.ANALYST, "ana", language="es")
    login(app_client, "ana")
    status = app_client.get(f"/api/v1/reports/{reference}/processing").json()
    assert status["state"] == "queued"
    assert status["jobs"][0]["step"] == "received"
    page = app_client.get(f"/reports/{reference}/processing", headers=ES)
    assert page.status_code == 200 and "En espera" in page.text
