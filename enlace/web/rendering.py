"""Template environment and page rendering with the user's language."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from enlace.plugins import PageSection, area_folders
from enlace.security.roles import ROLE_LABELS, Permission, allowed
from enlace.security.tables import Role
from enlace.web import i18n
from enlace.web.deps import app_state, csrf_token
from enlace.web.labels import label

TEMPLATES_DIR = Path(__file__).parent / "templates"  # the shell's: base page, errors, sign-in


def make_environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader([TEMPLATES_DIR, *area_folders("templates")]),
        autoescape=select_autoescape(["html"]),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_callables(i18n.gettext, i18n.ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.globals.update(
        format_when=i18n.format_when,
        format_number=i18n.format_number,
        LANGUAGE_NAMES=i18n.LANGUAGE_NAMES,
        Permission=Permission,
        allowed=allowed,
    )
    env.filters["role_label"] = lambda role: i18n.gettext(ROLE_LABELS[Role(role)])
    env.filters["label"] = label
    env.filters["urlquote"] = lambda value: quote(str(value), safe="")
    return env


def _page_context(request: Request, context: dict[str, Any] | None) -> dict[str, Any]:
    state = app_state(request)
    page = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    ctx: dict[str, Any] = {
        "request": request,
        "lang": i18n.current_language.get(),
        "user": getattr(request.state, "user", None),
        "csrf_token": csrf_token(request),
        "current_path": page,
        "node_name": state.settings.node_name,
    }
    ctx.update(context or {})
    return ctx


def render(
    request: Request, template: str, context: dict[str, Any] | None = None, status_code: int = 200
) -> HTMLResponse:
    ctx = _page_context(request, context)
    html = app_state(request).templates.get_template(template).render(ctx)
    return HTMLResponse(html, status_code=status_code)


def render_fragment(request: Request, template: str, context: dict[str, Any]) -> Markup:
    """A part of a page (a section an area adds), rendered with the page's own context."""
    ctx = _page_context(request, context)
    return Markup(app_state(request).templates.get_template(template).render(ctx))  # noqa: S704 - autoescaped template


def render_sections(
    request: Request, sections: Iterable[PageSection], base: dict[str, Any], places: Iterable[str]
) -> dict[str, list[Markup]]:
    """The sections areas add to a shared page, rendered and grouped by place, in plug-in order.

    ``base`` is what every section's template may read besides its own context (the report the
    page shows, say); ``places`` are the page's places, each present even when empty.
    """
    placed: dict[str, list[Markup]] = {place: [] for place in places}
    for section in sections:
        html = render_fragment(request, section.template, {**base, **section.context})
        placed.setdefault(section.place, []).append(html)
    return placed
