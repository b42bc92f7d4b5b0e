"""Each intake channel in a real browser: the public form in Spanish, the operator console, and
the quick report on a phone-sized screen."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from enlace.config import Settings
from enlace.intake.tables import Report
from enlace.security.tables import Role
from enlace.store import Database
from enlace.web.app import create_app
from tests.conftest import PASSWORD, make_user
from tests.live_server import serving
from tests.plugins import Analyzer, plugged

pytestmark = pytest.mark.browser
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def _fits_the_screen(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"))


def test_public_form_in_spanish_gives_a_reference(
    browser: Any,
    settings: Settings,
    db: Database,
) -> None:
    with serving(create_app(settings, db)) as base:
        page = browser.new_page(locale="es-MX", **PHONE)
        page.goto(f"{base}/")
        page.get_by_role("link", name="Hacer un reporte en línea").click()
        page.wait_for_url(f"{base}/report")
        assert page.locator("h1").inner_text() == "Reportar una situación"
        assert "911" in page.locator(".danger-note").inner_text()
        assert _fits_the_screen(page)
        page.get_by_label("Describa la situación").fill(
            "Dos jóvenes no pueden salir del restaurante donde trabajan en Saltillo."
        )
        page.get_by_label("Números de teléfono").fill("844 555 0123")
        page.get_by_role("button", name="Enviar reporte").click()
        page.wait_for_selector("#reference")
        reference = page.locator("#reference").inner_text()
        assert page.locator("h1").inner_text() == "Reporte recibido"
        page.close()
    with db.session() as s:
        report = s.scalar(select(Report).where(Report.reference == reference))
        assert report is not None and report.language == "es" and report.anonymous


def test_operator_console_shows_live_analysis_and_submits(
    browser: Any,
    settings: Settings,
    db: Database,
) -> None:
    make_user(db, Role.HOTLINE_OPERATOR, "olga")
    analyzer = Analyzer(
        lambda text, lang: {
            "entities": [{"kind": "phone", "text": w} for w in text.split() if w.isdigit()],
            "indicators": [],
        }
    )
    with plugged(analyzer), serving(create_app(settings, db)) as base:
        page = browser.new_page(locale="en-US")
        page.goto(f"{base}/intake/console")
        page.get_by_label("Username").fill("olga")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{base}/intake/console")
        page.get_by_label("Caller is").select_option("witness")
        page.get_by_label("Age", exact=True).fill("15")
        page.locator("#narrative").fill("She calls from 5550147 and cannot leave the house")
        page.wait_for_selector("#live-analysis [data-results] li")
        assert "5550147" in page.locator("#live-analysis").inner_text()
        page.get_by_role("button", name="Save as draft").click()
        page.wait_for_selector("text=Draft saved")
        assert page.locator(".intake-calls li").count() == 1
        page.get_by_role("button", name="Submit report").click()
        page.wait_for_selector("text=Report saved with reference")
        assert page.locator(".intake-calls li").count() == 0
        page.close()
    with db.session() as s:
        report = s.scalar(select(Report))
        assert report is not None and report.channel == "operator"


def test_quick_report_on_a_phone_with_the_browser_location(
    browser: Any,
    settings: Settings,
    db: Database,
) -> None:
    with serving(create_app(settings, db)) as base:
        context = browser.new_context(
            locale="en-US",
            geolocation={"latitude": 27.5064, "longitude": -99.5075},
            permissions=["geolocation"],
            **PHONE,
        )
        page = context.new_page()
        page.goto(f"{base}/intake/quick")
        assert _fits_the_screen(page)
        page.get_by_label("They do not know where they are").check()
        page.get_by_label("A van or RV out of place", exact=False).check()
        page.get_by_role("button", name="Use my location").click()
        # A locator assertion polls without evaluating a string in the page, which the
        # Content Security Policy forbids (wait_for_function did, when it had to poll).
        from playwright.sync_api import expect

        expect(page.locator("#latitude")).not_to_have_value("")
        page.get_by_label("Plate", exact=True).fill("TX 7KD-221")
        page.get_by_role("button", name="Send quick report").click()
        page.wait_for_selector("#reference")
        context.close()
    with db.session() as s:
        report = s.scalar(select(Report))
        assert report is not None and report.channel == "quick_report"
        assert report.latitude == pytest.approx(27.5064)
        assert "TX 7KD-221" in report.narrative
