"""In a real browser: a case from a report to conviction, one victim referred to a shelter whose
staff accept the referral from their own login, and the case figures follow."""

from __future__ import annotations

from typing import Any

import pytest

from enlace.cases.validate import today
from enlace.config import Settings
from enlace.store import Database
from enlace.web.app import create_app
from tests.cases.conftest import build_world
from tests.conftest import PASSWORD
from tests.live_server import serving

pytestmark = pytest.mark.browser


def _sign_in(page: Any, base: str, username: str, target: str) -> None:
    page.set_default_timeout(8000)
    page.goto(f"{base}/login?next={target}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def _figures(page: Any, base: str) -> dict[str, str]:
    page.goto(f"{base}/cases/figures")
    names = ("investigations", "arrests", "indictments", "convictions", "victims")
    return {n: page.locator(f"#figure-{n} .n").inner_text() for n in names}


def test_case_from_report_to_conviction_with_an_accepted_referral(
    browser: Any,
    settings: Settings,
    db: Database,
) -> None:
    with db.session() as s:
        report = build_world(s).reports[0].reference
    day = today().isoformat()
    with serving(create_app(settings, db)) as base:
        ivan = browser.new_context(locale="en-US").new_page()
        _sign_in(ivan, base, "ivan", "/cases")
        before = _figures(ivan, base)
        assert set(before.values()) == {"0"}

        ivan.goto(f"{base}/cases/new?report={report}")
        ivan.get_by_label("Title").fill("Cantina El Paso del Norte")
        ivan.get_by_label("State (ISO 3166-2)").fill("US-TX")
        ivan.get_by_role("button", name="Open the case").click()
        ivan.wait_for_url(f"{base}/cases/CAS-*")
        case_url = ivan.url
        assert report in ivan.content()

        ivan.get_by_text("Add a defendant").click()
        ivan.get_by_label("Defendant name").fill("Rogelio Ficticio")
        ivan.get_by_role("button", name="Add defendant").click()
        ivan.get_by_text("Record progress for Rogelio Ficticio").click()
        ivan.get_by_label("Arrested on").fill(day)
        ivan.get_by_label("Indicted on").fill(day)
        ivan.get_by_role("button", name="Save progress").click()
        assert ivan.locator("#case-stage").inner_text() == "Indictment / vinculación a proceso"
        ivan.get_by_label("Move to").select_option("trial")
        ivan.get_by_role("button", name="Record stage").click()

        ivan.get_by_text("Identify a victim").click()
        ivan.get_by_label("Age at identification").fill("19")
        ivan.get_by_label("Victim name").fill("Yesenia Sintética")
        ivan.get_by_role("button", name="Add victim").click()
        ivan.get_by_label("Consent to").select_option("referral")
        ivan.get_by_role("button", name="Record consent").click()
        ivan.get_by_label("Refer to").select_option(label="Puente Survivor Services (US)")
        ivan.get_by_role("button", name="Send referral").click()
        assert ivan.locator("tr[id^=referral-] .tag").inner_text() == "Sent"

        rosa = browser.new_context(locale="en-US").new_page()
        _sign_in(rosa, base, "rosa", "/referrals")
        rosa.get_by_role("link", name="Puente Survivor Services").click()
        assert rosa.locator("#victim-name").inner_text() == "Yesenia Sintética"
        rosa.get_by_label("New status").select_option("accepted")
        rosa.get_by_role("button", name="Update referral").click()
        assert rosa.locator("#referral-status").inner_text() == "Accepted"
        rosa.context.close()

        ivan.goto(case_url)
        assert ivan.locator("tr[id^=referral-] .tag").inner_text() == "Accepted"
        ivan.get_by_text("Record progress for Rogelio Ficticio").click()
        ivan.get_by_label("Outcome", exact=True).select_option("convicted")
        ivan.get_by_label("Outcome on").fill(day)
        ivan.get_by_label("Sentence").fill("15 years")
        ivan.get_by_role("button", name="Save progress").click()
        ivan.get_by_label("Move to").select_option("conviction")
        ivan.get_by_role("button", name="Record stage").click()
        assert ivan.locator("#case-stage").inner_text() == "Conviction"
        assert ivan.get_by_role("button", name="Reopen").is_visible()

        after = _figures(ivan, base)
        assert after == {
            "investigations": "1",
            "arrests": "1",
            "indictments": "1",
            "convictions": "1",
            "victims": "1",
        }
        ivan.context.close()
