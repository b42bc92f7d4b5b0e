"""Cases: from lead to verdict, with victims identified and referred."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from enlace.messages import N_
from enlace.plugins import MenuEntry, Routes, hookimpl
from enlace.security.roles import Permission

if TYPE_CHECKING:
    import typer


@hookimpl
def enlace_tables() -> None:
    import enlace.cases.tables  # noqa: F401 - registers the tables


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
