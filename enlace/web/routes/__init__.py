"""Routers, one module per area, found by discovery so that a new area is one new file.

A module here that defines ``router`` (an ``APIRouter``) is included in the application; one that
also defines ``NAV`` adds main-navigation entries: ``(order, label msgid, href, permission)``.
Routers are matched in module-name order, except that a module may set ``ROUTE_ORDER`` (default
100; lower first) to be matched earlier: each request tries the routes one by one, so the busiest
routes (public intake) come first.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from types import ModuleType

from fastapi import APIRouter

from enlace.security.roles import Permission

DEFAULT_ROUTE_ORDER = 100


@dataclass(frozen=True, order=True)
class NavItem:
    order: int
    label: str
    href: str
    permission: Permission | None = None


def route_modules() -> list[ModuleType]:
    modules = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        if isinstance(getattr(module, "router", None), APIRouter):
            modules.append(module)
    return sorted(modules, key=lambda m: int(getattr(m, "ROUTE_ORDER", DEFAULT_ROUTE_ORDER)))


def nav_items(modules: list[ModuleType]) -> list[NavItem]:
    items = [NavItem(*entry) for module in modules for entry in getattr(module, "NAV", ())]
    return sorted(items)
