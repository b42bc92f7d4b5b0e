"""Sign-in, sessions, CSRF and roles through the web application, on both backends."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select

from enlace.security.tables import AuditEvent, Role
from enlace.store import Database
from enlace.web.deps import SESSION_COOKIE
from tests.conftest import PASSWORD, csrf, login, make_user


def test_sign_in_sets_a_protected_cookie_and_shows_the_dashboard(
    app_client: TestClient, db: Database
) -> None:
    make_user(db, Role.ANALYST, "ana")
    response = app_client.post(
        "/login",
        data={"username": "ana", "password": PASSWORD, "csrf_token": csrf(app_client)},
        follow_redirects=False,
    )
    assert response.status_code == 303
    cookie = response.headers["set-cookie"]
    assert f"{SESSION_COOKIE}=" in cookie
    assert "HttpOnly" in cookie
    assert "samesite=lax" in cookie.lower()
    page = app_client.get("/")
    assert "Dashboard" in page.text
    assert "ana" in page.text


def test_wrong_password_is_refused_in_the_users_language(
    app_client: TestClient, db: Database
) -> None:
    make_user(db, Role.ANALYST, "ana")
    response = app_client.post(
        "/login",
        data={"username": "ana", "password": "wrong-password", "csrf_token": csrf(app_client)},
        headers={"Accept-Language": "es-MX,es;q=0.9"},
    )
    assert response.status_code == 401
    assert "Usuario o contraseña incorrectos" in response.text
    with db.session() as s:
        assert s.scalar(select(AuditEvent.action).where(AuditEvent.action == "auth.failed"))


def test_form_without_csrf_token_is_refused(app_client: TestClient, db: Database) -> None:
    make_user(db, Role.ANALYST, "ana")
    app_client.get("/login")
    response = app_client.post("/login", data={"username": "ana", "password": PASSWORD})
    assert response.status_code == 403
    assert SESSION_COOKIE not in response.cookies


def test_sign_out_revokes_the_session(app_client: TestClient, db: Database) -> None:
    make_user(db, Role.ANALYST, "ana")
    login(app_client, "ana")
    token = app_client.cookies[SESSION_COOKIE]
    app_client.post("/logout", data={"csrf_token": csrf(app_client)})
    app_client.cookies.set(SESSION_COOKIE, token)  # replaying the old cookie must not work
    response = app_client.get("/reports", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/login")


def test_pages_require_sign_in_and_the_right_role(app_client: TestClient, db: Database) -> None:
    assert app_client.get("/reports", follow_redirects=False).status_code == 303
    assert app_client.get("/api/v1/reports").status_code == 401
    make_user(db, Role.SERVICE_PROVIDER, "shelter")
    login(app_client, "shelter")
    assert app_client.get("/reports").status_code == 403
    assert app_client.get("/api/v1/reports").status_code == 403


def test_public_pages_need_no_sign_in(app_client: TestClient) -> None:
    landing = app_client.get("/")
    assert landing.status_code == 200
    assert "911" in landing.text
    assert app_client.get("/api/v1/health").json()["status"] == "ok"


def test_sign_in_never_redirects_to_another_site(app_client: TestClient, db: Database) -> None:
    make_user(db, Role.ANALYST, "ana")
    response = app_client.post(
        "/login",
        data={
            "username": "ana",
            "password": PASSWORD,
            "csrf_token": csrf(app_client),
            "next": "https://evil.example/phish",
        },
        follow_redirects=False,
    )
    assert response.headers["location"] == "/"


def test_api_token_works_without_cookies(app_client: TestClient, db: Database) -> None:
    make_user(db, Role.INVESTIGATOR, "ivan")
    fresh = TestClient(app_client.app)
    issued = fresh.post("/api/v1/auth/token", json={"username": "ivan", "password": PASSWORD})
    assert issued.status_code == 200
    token = issued.json()["access_token"]
    me = TestClient(app_client.app).get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200
    assert me.json()["role"] == "investigator"


def test_cookie_authenticated_api_writes_need_the_csrf_header(
    app_client: TestClient, db: Database
) -> None:
    make_user(db, Role.INVESTIGATOR, "ivan")
    login(app_client, "ivan")
    body = {"username": "ivan", "password": PASSWORD}
    assert app_client.post("/api/v1/auth/token", json=body).status_code == 403
    ok = app_client.post(
        "/api/v1/auth/token", json=body, headers={"X-CSRF-Token": csrf(app_client)}
    )
    assert ok.status_code == 200


def test_api_documentation_is_served_without_a_cdn(app_client: TestClient) -> None:
    page = app_client.get("/api/docs")
    assert page.status_code == 200
    assert "/api/docs-assets/swagger-ui-bundle.js" in page.text
    assert app_client.get("/api/docs-assets/swagger-ui-bundle.js").status_code == 200
    spec = app_client.get("/api/openapi.json").json()
    assert "/api/v1/reports" in spec["paths"]
