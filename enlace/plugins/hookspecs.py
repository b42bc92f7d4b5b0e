"""The extension points: every way an area adds to Enlace, declared once.

An area (``enlace/<area>/plugin.py``, or a third-party package exposing an ``enlace`` entry point)
implements the hooks it needs with ``@hookimpl``. Hook implementations import their area's
modules lazily, when called, so that loading the plug-ins imports no engine, page or command.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    import typer
    from fastapi import APIRouter
    from sqlalchemy.orm import Session

PROJECT = "enlace"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)

# A processing step: (session, report) -> anything (ignored). The report is the intake table row.
StepFunc = Callable[["Session", Any], object]


@dataclass(frozen=True)
class Step:
    """One processing step every new or extended report goes through (see ``intake.queue``)."""

    name: str  # 1 to 40 characters, stored with each job
    run: StepFunc


@dataclass(frozen=True)
class Routes:
    """A router and where it is matched: lower ``order`` first (each request tries routes in turn,
    so the busiest routes come first); equal orders keep the plug-ins' order."""

    router: APIRouter
    order: int = 100


@dataclass(frozen=True, order=True)
class MenuEntry:
    """An entry of the main menu, shown to users holding ``permission`` (everyone when None)."""

    order: int
    label: str  # a message id, translated when shown
    href: str
    permission: str | None = None


@dataclass(frozen=True)
class PageSection:
    """A section an area adds to a shared page (the report page, the home dashboard): its
    template, what that template needs, and where on the page it goes (each page names its
    places: the report page "narrative" and "end", the dashboard "figures" and "end")."""

    template: str
    context: Mapping[str, Any]
    place: str = "end"


class Hooks:
    """The hook specifications (the class groups them; pluggy reads the methods)."""

    @hookspec
    def enlace_tables(self) -> None:
        """Import the area's table modules, so that they register with ``Base.metadata``."""

    @hookspec
    def enlace_processing_steps(self) -> Sequence[Step]:
        """The processing steps this area adds, in the order they run (plug-ins in their order)."""
        raise NotImplementedError

    @hookspec(firstresult=True)
    def enlace_live_analysis(self, text: str, lang: str) -> dict[str, Any] | None:
        """What the operator console shows beside a narrative as it is typed: ``{"entities":
        [{kind, text, …}], "indicators": [{code, label, …}]}``. The last registered plug-in that
        answers wins, so a later plug-in can replace the standard analysis."""
        raise NotImplementedError

    @hookspec
    def enlace_web_routes(self) -> Sequence[Routes]:
        """The area's pages and API routers."""
        raise NotImplementedError

    @hookspec
    def enlace_menu_entries(self) -> Sequence[MenuEntry]:
        """The area's entries in the main menu."""
        raise NotImplementedError

    @hookspec
    def enlace_report_sections(self, session: Session, report: Any) -> Sequence[PageSection]:
        """What the area shows on a report's page (the report desk lays the sections out)."""
        raise NotImplementedError

    @hookspec
    def enlace_home_sections(self, session: Session, user: Any) -> Sequence[PageSection]:
        """What the area shows on the signed-in user's home dashboard (checking their role)."""
        raise NotImplementedError

    @hookspec
    def enlace_labels(self) -> Mapping[str, str]:
        """Names for the codes the area stores (extraction: entity kinds), as English message
        ids: code -> msgid. The shell's ``label`` shows them translated on every page."""
        raise NotImplementedError

    @hookspec
    def enlace_commands(self, app: typer.Typer) -> None:
        """Add the area's commands to the ``enlace`` command."""
