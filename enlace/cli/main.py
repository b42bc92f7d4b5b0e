"""Entry point: ``enlace --help`` lists every command.

Commands are found by discovery: each ``enlace/cli/*_commands.py`` module defines
``register(app)``, so a new area adds its commands with one new file.
"""

from __future__ import annotations

import importlib
import pkgutil

import typer

import enlace.cli

app = typer.Typer(
    name="enlace",
    help="Enlace: binational platform against human trafficking and smuggling.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)

for _info in sorted(pkgutil.iter_modules(enlace.cli.__path__), key=lambda m: m.name):
    if _info.name.endswith("_commands"):
        importlib.import_module(f"enlace.cli.{_info.name}").register(app)


if __name__ == "__main__":  # pragma: no cover
    app()
