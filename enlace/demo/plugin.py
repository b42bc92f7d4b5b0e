"""Demo: the synthetic data set and its loading."""

from __future__ import annotations

from typing import TYPE_CHECKING

from enlace.plugins import hookimpl

if TYPE_CHECKING:
    import typer


@hookimpl
def enlace_commands(app: typer.Typer) -> None:
    from enlace.demo.commands import register

    register(app)
