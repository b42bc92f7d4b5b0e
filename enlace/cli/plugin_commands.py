"""``enlace plugins``: what each plug-in adds: processing steps, pages, menu entries, commands."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.table import Table

from enlace.plugins import manager, menu_entries, processing_steps, web_routes


def plugins_command() -> None:
    """List the plug-ins in force and what they add, in the order they take effect."""
    pm = manager()
    out = Console()
    table = Table("plug-in", "hooks")
    for name, plugin in pm.list_name_plugin():
        hooks = sorted(h.name for h in pm.get_hookcallers(plugin) or [])
        table.add_row(name, ", ".join(hooks))
    out.print(table)
    out.print("processing steps: " + " → ".join(step.name for step in processing_steps()))
    routes = Table("order", "router", "paths")
    for entry in web_routes():
        paths = sorted({getattr(r, "path", "") for r in entry.router.routes})
        module = next(iter(entry.router.routes), None)
        owner = getattr(getattr(module, "endpoint", None), "__module__", "?")
        routes.add_row(str(entry.order), owner, f"{len(paths)}: {paths[0] if paths else ''} …")
    out.print(routes)
    out.print("menu: " + ", ".join(f"{e.label} ({e.href})" for e in menu_entries()))


def register(app: typer.Typer) -> None:
    app.command("plugins")(plugins_command)
