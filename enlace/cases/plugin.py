"""Cases: from lead to verdict, with victims identified and referred."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from enlace.messages import N_
from enlace.plugins import MenuEntry, PageSection, Routes, hookimpl
from enlace.security.roles import Permission, allowed

if TYPE_CHECKING:
    import typer
    from sqlalchemy.orm import Session

    from enlace.security.tables import User


@hookimpl
def enlace_tables() -> None:
    import enlace.cases.tables  # noqa: F401 - registers the tables


@hookimpl
def enlace_home_sections(session: Session, user: User) -> Sequence[PageSection]:
    if not allowed(user.role, Permission.VIEW_CASES):
        return []
    from enlace.cases.figures import figures

    totals = dict(figures(session)["totals"])
    return [PageSection("cases/_home_figures.html", {"case_totals": totals}, place="figures")]


@hookimpl
def enlace_web_routes() -> Sequence[Routes]:
    from enlace.cases.web import actions, api, pages, referrals, victims

    return [
        Routes(actions.router),
        Routes(api.router),
        Routes(pages.router),
        Routes(referrals.router),
        Routes(victims.router),
    ]


@hookimpl
def enlace_menu_entries() -> Sequence[MenuEntry]:
    return [
        MenuEntry(30, N_("Cases"), "/cases", Permission.VIEW_CASES),
        MenuEntry(40, N_("Referrals"), "/referrals", Permission.RESPOND_REFERRALS),
    ]


@hookimpl
def enlace_commands(app: typer.Typer) -> None:
    from enlace.cases.commands import register

    register(app)
