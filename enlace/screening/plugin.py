"""Screening: indicators, typology, urgency and routing for every report."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from enlace.messages import N_
from enlace.plugins import MenuEntry, PageSection, Routes, Step, hookimpl
from enlace.security.roles import Permission

if TYPE_CHECKING:
    import typer
    from sqlalchemy.orm import Session


@hookimpl
def enlace_tables() -> None:
    import enlace.screening.tables  # noqa: F401 - registers the tables


def _screen(session: Session, report: Any) -> None:
    from enlace.screening.results import screen_step

    screen_step(session, report)


@hookimpl
def enlace_processing_steps() -> Sequence[Step]:
    return [Step("screen", _screen)]


@hookimpl
def enlace_live_analysis(text: str, lang: str) -> dict[str, Any]:
    from enlace.screening.results import live_analysis

    return live_analysis(text, lang)


@hookimpl
def enlace_report_sections(session: Session, report: Any) -> Sequence[PageSection]:
    from enlace.screening.web.common import report_context

    return [
        PageSection("screening/_report_section.html", report_context(session, report), "narrative")
    ]


@hookimpl
def enlace_web_routes() -> Sequence[Routes]:
    from enlace.screening.web import api, catalog, routing, triage

    return [
        Routes(api.router),
        Routes(catalog.router),
        Routes(triage.router),
        Routes(routing.router),
    ]


@hookimpl
def enlace_menu_entries() -> Sequence[MenuEntry]:
    return [
        MenuEntry(60, N_("Indicators"), "/screen/catalog", Permission.VIEW_CATALOG),
        MenuEntry(15, N_("Queue"), "/queue", Permission.VIEW_QUEUE),
        MenuEntry(61, N_("Routing rules"), "/screen/routing", Permission.EDIT_ROUTING),
    ]


@hookimpl
def enlace_commands(app: typer.Typer) -> None:
    from enlace.screening.commands import register

    register(app)
