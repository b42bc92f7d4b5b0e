"""One plug-in mechanism: what the default plug-ins add, in order, and what a new one can add."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi import APIRouter
from fastapi.responses import PlainTextResponse
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from enlace.cli.main import app as cli
from enlace.config import Settings
from enlace.plugins import (
    DEFAULT_PLUGINS,
    MenuEntry,
    PageSection,
    Routes,
    hookimpl,
    manager,
    menu_entries,
    processing_steps,
    web_routes,
)
from enlace.security.roles import Permission
from enlace.security.tables import Role
from enlace.store import Database
from enlace.web.app import create_app
from tests.conftest import csrf, login, make_user
from tests.factories import add_report
from tests.plugins import plugged


def test_the_default_plugins_run_the_standard_steps_in_order() -> None:
    registered = [name for name, _ in manager().list_name_plugin()]
    assert registered[: len(DEFAULT_PLUGINS)] == list(DEFAULT_PLUGINS)
    assert [step.name for step in processing_steps()] == [
        "received",
        "extract",
        "resolve",
        "screen",
    ]


def test_the_public_intake_route_is_matched_before_every_other() -> None:
    first = web_routes()[0].router
    assert {getattr(r, "path", "") for r in first.routes} >= {"/api/v1/public/reports", "/report"}


def test_enlace_plugins_lists_each_plugin_and_the_step_chain() -> None:
    result = CliRunner().invoke(cli, ["plugins"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    for name in DEFAULT_PLUGINS:
        assert name in result.output
    assert "received → extract → resolve → screen" in result.output


class Tally:
    """A third-party area: a page, a menu entry and a section of the report page."""

    router = APIRouter()

    @staticmethod
    @router.get("/tally")
    def tally() -> PlainTextResponse:
        return PlainTextResponse("counted")

    @hookimpl
    def enlace_web_routes(self) -> Sequence[Routes]:
        return [Routes(self.router)]

    @hookimpl
    def enlace_menu_entries(self) -> Sequence[MenuEntry]:
        return [MenuEntry(70, "Tally", "/tally", Permission.VIEW_REPORTS)]

    @hookimpl
    def enlace_home_sections(self, user: Any) -> Sequence[PageSection]:
        counted = [{"field": "tally", "reason": f"counted for {user.username}"}]
        return [PageSection("_errors.html", {"errors": counted})]

    @hookimpl
    def enlace_report_sections(self, session: Session, report: Any) -> Sequence[PageSection]:
        seen = [{"field": "tally", "reason": f"seen {report.reference}"}]
        return [PageSection("_errors.html", {"errors": seen})]


def test_a_new_plugin_adds_a_page_a_menu_entry_and_a_report_section(
    settings: Settings, db: Database
) -> None:
    with db.session() as s:
        reference = add_report(s).reference
    make_user(db, Role.ANALYST)
    with plugged(Tally()):
        assert MenuEntry(70, "Tally", "/tally", Permission.VIEW_REPORTS) in menu_entries()
        with TestClient(create_app(settings, db)) as client:
            login(client, "analyst")
            assert client.get("/tally").text == "counted"
            page = client.get(f"/reports/{reference}")
            assert page.status_code == 200
            assert 'href="/tally"' in page.text
            assert f"seen {reference}" in page.text
            assert "counted for analyst" in client.get("/").text
    with TestClient(create_app(settings, db)) as client:  # unplugged: gone again
        assert client.get("/tally").status_code == 404


def test_the_case_figures_on_the_home_dashboard_come_from_the_cases_plugin(
    app_client: TestClient, db: Database
) -> None:
    make_user(db, Role.PROSECUTOR)
    make_user(db, Role.HOTLINE_OPERATOR)
    login(app_client, "prosecutor")
    assert 'id="case-figures"' in app_client.get("/").text
    app_client.post("/logout", data={"csrf_token": csrf(app_client)})
    login(app_client, "hotline-operator")
    home = app_client.get("/")
    assert home.status_code == 200 and 'id="case-figures"' not in home.text
