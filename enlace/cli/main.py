"""Entry point: ``enlace --help`` lists every command.

Commands come from the plug-ins (``enlace.plugins``: the ``enlace_commands`` hook); ``enlace
plugins`` lists what each one adds.
"""

from __future__ import annotations

import typer

from enlace.plugins import manager

app = typer.Typer(
    name="enlace",
    help="Enlace: binational platform against human trafficking and smuggling.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)

# In the plug-ins' order (a hook call would run the last registered first).
for _impl in manager().hook.enlace_commands.get_hookimpls():
    _impl.function(app=app)


if __name__ == "__main__":  # pragma: no cover
    app()
