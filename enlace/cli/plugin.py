"""The core commands (serve, db, users, plugins) as a plug-in, like every area's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from enlace.plugins import hookimpl

if TYPE_CHECKING:
    import typer


@hookimpl
def enlace_commands(app: typer.Typer) -> None:
    from enlace.cli import db_commands, plugin_commands, serve_commands, user_commands

    for module in (serve_commands, db_commands, user_commands, plugin_commands):
        module.register(app)
