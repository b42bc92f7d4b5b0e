"""The report desk: the home dashboard, the report list and page, the reports API."""

from __future__ import annotations

from collections.abc import Sequence

from enlace.messages import N_
from enlace.plugins import MenuEntry, Routes, hookimpl
from enlace.security.roles import Permission


@hookimpl
def enlace_web_routes() -> Sequence[Routes]:
    from enlace.reports.web import api, dashboard, pages

    return [Routes(api.router), Routes(dashboard.router), Routes(pages.router)]


@hookimpl
def enlace_menu_entries() -> Sequence[MenuEntry]:
    return [
        MenuEntry(0, N_("Dashboard"), "/", None),
        MenuEntry(10, N_("Reports"), "/reports", Permission.VIEW_REPORTS),
    ]
