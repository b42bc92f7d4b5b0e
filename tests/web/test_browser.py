"""In a real browser: sign in, switch to Spanish, open a report (on SQLite and PostgreSQL)."""

from __future__ import annotations

from typing import Any

import pytest

from enlace.config import Settings
from enlace.security.tables import Role
from enlace.store import Database
from enlace.web.app import create_app
from tests.conftest import PASSWORD, make_user
from tests.factories import add_mention, add_report
from tests.live_server import serving

pytestmark = pytest.mark.browser


def test_sign_in_switch_to_spanish_and_open_a_report(
    browser: Any,
    settings: Settings,
    db: Database,
) -> None:
    make_user(db, Role.INVESTIGATOR, "ivan")
    with db.session() as s:
        report = add_report(
            s,
            "Dos menores trabajan en la cantina de Pepe García en Monterrey.",
            language="es",
            country="MX",
            state="MX-NLE",
            city="Monterrey",
        )
        add_mention(s, report, "person", "Pepe García", "José García")
        reference = report.reference

    with serving(create_app(settings, db)) as base:
        page = browser.new_page(locale="en-US")
        page.goto(f"{base}/reports")
        assert "/login" in page.url
        page.get_by_label("Username").fill("ivan")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{base}/reports")
        assert page.locator("h1").inner_text() == "Reports"

        page.get_by_role("link", name="Español").click()
        page.wait_for_load_state()
        assert page.locator("html").get_attribute("lang") == "es"
        assert page.locator("h1").inner_text() == "Reportes"

        page.get_by_role("link", name=reference).click()
        page.wait_for_url(f"{base}/reports/{reference}")
        assert "Relato" in page.content()
        highlighted = page.locator(".narrative mark.ent-person")
        assert highlighted.inner_text() == "Pepe García"
        assert highlighted.get_attribute("title") == "Persona"
        page.screenshot(path=str(settings.data_dir / "report-es.png"), full_page=True)
        page.close()
