"""Resolution: which mentions are the same person, and the analysts' review."""

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
    import enlace.resolution.tables  # noqa: F401 - registers the tables


def _resolve(session: Session, report: Any) -> None:
    from enlace.resolution.service import resolve_report

    resolve_report(session, report)


@hookimpl
def enlace_processing_steps() -> Sequence[Step]:
    return [Step("resolve", _resolve)]


@hookimpl
def enlace_web_routes() -> Sequence[Routes]:
    from enlace.resolution.web import entities, review

    return [Routes(entities.router), Routes(review.router)]


@hookimpl
def enlace_menu_entries() -> Sequence[MenuEntry]:
    return [
        MenuEntry(55, N_("Review matches"), "/resolution/review", Permission.JUDGE_MATCHES),
    ]


@hookimpl
def enlace_commands(app: typer.Typer) -> None:
    from enlace.resolution.commands import register

    register(app)
