"""Entry point: ``enlace --help`` lists every command.

Commands come from the plug-ins (``enlace.plugins``: the ``enlace_commands`` hook); ``enlace
plugins`` lists what each one adds.
"""

from __future__ import annotations

import typer

from enlace.plugins import add_commands

app = typer.Typer(
    name="enlace",
    help="Enlace: binational platform against human trafficking and smuggling.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)

add_commands(app)


if __name__ == "__main__":  # pragma: no cover
    app()
