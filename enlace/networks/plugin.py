"""Networks: reports joined by the entities they share."""

from __future__ import annotations

from collections.abc import Sequence

from enlace.messages import N_
from enlace.plugins import MenuEntry, PageSection, Routes, hookimpl
from enlace.security.roles import Permission


@hookimpl
def enlace_report_sections() -> Sequence[PageSection]:
    # The slot loads the similar reports itself, so it needs nothing from the report's session.
    return [PageSection("networks/_similar_slot.html", {})]


@hookimpl
def enlace_web_routes() -> Sequence[Routes]:
    from enlace.networks.web import pages

    return [Routes(pages.router)]


@hookimpl
def enlace_menu_entries() -> Sequence[MenuEntry]:
    return [
        MenuEntry(50, N_("Networks"), "/networks", Permission.VIEW_NETWORKS),
    ]
