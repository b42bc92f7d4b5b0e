"""Plug-ins: the one mechanism by which areas add steps, pages, menu entries and commands.

``DEFAULT_PLUGINS`` is the one list of what runs, in order: processing steps run, and routes of
equal order are matched, in this order. Packages installed with an ``enlace`` entry point are
loaded after them. ``enlace plugins`` prints what is registered.

Plug-ins are named by module path and imported here by name, so this foundation imports no area:
areas sit above it and register through it (the layers in ``docs/architecture.md``).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pluggy

from enlace.plugins.hookspecs import (
    PROJECT,
    Hooks,
    MenuEntry,
    PageSection,
    Routes,
    Step,
    hookimpl,
)

__all__ = [
    "DEFAULT_PLUGINS",
    "MenuEntry",
    "PageSection",
    "Routes",
    "Step",
    "add_commands",
    "area_folders",
    "home_sections",
    "hookimpl",
    "labels",
    "live_analysis",
    "load_tables",
    "manager",
    "menu_entries",
    "processing_steps",
    "report_sections",
    "web_routes",
]

DEFAULT_PLUGINS = (
    "enlace.web.plugin",  # sign-in pages and the API documentation
    "enlace.cli.plugin",  # serve, db, users, plugins
    "enlace.intake.plugin",  # every channel; the processing queue and its first step
    "enlace.extraction.plugin",  # the "extract" step
    "enlace.resolution.plugin",  # the "resolve" step
    "enlace.screening.plugin",  # the "screen" step and the console's live analysis
    "enlace.networks.plugin",
    "enlace.cases.plugin",
    "enlace.reports.plugin",  # the report desk and the home dashboard
    "enlace.demo.plugin",
)


@cache
def manager() -> pluggy.PluginManager:
    """The process's plug-in manager, with the default plug-ins and installed ones registered."""
    pm = pluggy.PluginManager(PROJECT)
    pm.add_hookspecs(Hooks)
    for name in DEFAULT_PLUGINS:
        pm.register(importlib.import_module(name), name)
    pm.load_setuptools_entrypoints(PROJECT)
    return pm


def _in_order(results: list[Any]) -> Iterator[Any]:
    """Hook results in registration order (pluggy calls the last registered first)."""
    for result in reversed(results):
        yield from result


def processing_steps() -> list[Step]:
    return list(_in_order(manager().hook.enlace_processing_steps()))


def live_analysis(text: str, lang: str) -> dict[str, Any]:
    found = manager().hook.enlace_live_analysis(text=text, lang=lang)
    return found if found is not None else {"entities": [], "indicators": []}


def report_sections(session: Any, report: Any) -> list[PageSection]:
    return list(_in_order(manager().hook.enlace_report_sections(session=session, report=report)))


def home_sections(session: Any, user: Any) -> list[PageSection]:
    return list(_in_order(manager().hook.enlace_home_sections(session=session, user=user)))


def web_routes() -> list[Routes]:
    routes = list(_in_order(manager().hook.enlace_web_routes()))
    return sorted(routes, key=lambda r: r.order)  # stable: equal orders keep plug-in order


def labels() -> dict[str, str]:
    """Every plug-in's code -> message id; a later plug-in's name for a code wins."""
    merged: dict[str, str] = {}
    for found in reversed(manager().hook.enlace_labels()):
        merged.update(found)
    return merged


def add_commands(app: Any) -> None:
    """Every plug-in's commands on ``app``, in plug-in order (``enlace --help`` lists them so)."""
    for impl in manager().hook.enlace_commands.get_hookimpls():  # registration order
        impl.function(app=app)


def menu_entries() -> list[MenuEntry]:
    return sorted(_in_order(manager().hook.enlace_menu_entries()))


@cache
def load_tables() -> None:
    """Import every area's tables (before migrating, or before the first mapper is configured)."""
    manager().hook.enlace_tables()


def area_folders(name: str) -> list[Path]:
    """Each registered plug-in's ``name`` folder (``templates``, ``locales``) where it has one."""
    folders = []
    for plugin_name, plugin in manager().list_name_plugin():
        path = Path(getattr(plugin, "__file__", "") or plugin_name).parent / name
        if path.is_dir():
            folders.append(path)
    return folders
