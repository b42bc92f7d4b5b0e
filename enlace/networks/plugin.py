"""Networks: reports joined by the entities they share."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from enlace.messages import N_
from enlace.plugins import MenuEntry, Routes, hookimpl
from enlace.security.roles import Permission

if TYPE_CHECKING:
    pass


@hookimpl
def enlace_web_routes() -> Sequence[Routes]:
    from enlace.networks.web import pages

    return [Routes(pages.router)]


@hookimpl
def enlace_menu_entries() -> Sequence[MenuEntry]:
    return [
        MenuEntry(50, N_("Networks"), "/networks", Permission.VIEW_NETWORKS),
    ]
