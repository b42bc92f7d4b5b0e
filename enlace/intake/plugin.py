"""Intake: every channel a tip arrives through, and the processing queue."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from enlace.messages import N_
from enlace.plugins import MenuEntry, Routes, Step, hookimpl
from enlace.security.roles import Permission

if TYPE_CHECKING:
    import typer
    from sqlalchemy.orm import Session


@hookimpl
def enlace_tables() -> None:
    import enlace.intake.tables  # noqa: F401 - registers the tables


def _received(session: Session, report: Any) -> None:
    from enlace.intake.steps import mark_received

    mark_received(session, report)


@hookimpl
def enlace_processing_steps() -> Sequence[Step]:
    return [Step("received", _received)]


@hookimpl
def enlace_web_routes() -> Sequence[Routes]:
    from enlace.intake.web import api, attachments, batches, console, public, quick

    return [
        Routes(public.router, order=0),
        Routes(api.router),
        Routes(attachments.router),
        Routes(batches.router),
        Routes(console.router),
        Routes(quick.router),
    ]


@hookimpl
def enlace_menu_entries() -> Sequence[MenuEntry]:
    return [
        MenuEntry(20, N_("Take a call"), "/intake/console", Permission.CREATE_REPORTS),
    ]


@hookimpl
def enlace_commands(app: typer.Typer) -> None:
    from enlace.intake.commands import register

    register(app)
