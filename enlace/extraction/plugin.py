"""Extraction: the people, phones, places… a narrative mentions, stored as mentions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from enlace.plugins import Routes, Step, hookimpl

if TYPE_CHECKING:
    import typer
    from sqlalchemy.orm import Session


@hookimpl
def enlace_tables() -> None:
    import enlace.extraction.tables  # noqa: F401 - registers the tables


def _extract(session: Session, report: Any) -> None:
    from enlace.extraction.mentions import extract_report

    extract_report(session, report)


@hookimpl
def enlace_processing_steps() -> Sequence[Step]:
    return [Step("extract", _extract)]


@hookimpl
def enlace_web_routes() -> Sequence[Routes]:
    from enlace.extraction.web import api

    return [Routes(api.router)]


@hookimpl
def enlace_labels() -> Mapping[str, str]:
    from enlace.extraction.kinds import labels

    return labels()


@hookimpl
def enlace_commands(app: typer.Typer) -> None:
    from enlace.extraction.commands import register

    register(app)
