"""The FastAPI application factory. Nothing is created at import time."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from enlace import __version__
from enlace.config import Settings, get_settings
from enlace.plugins import menu_entries, web_routes
from enlace.store import Database
from enlace.web import docs, errors
from enlace.web.middleware import PerRequest
from enlace.web.rendering import make_environment
from enlace.web.state import AppState

STATIC_DIR = Path(__file__).parent / "static"


def create_app(settings: Settings | None = None, db: Database | None = None) -> FastAPI:
    """Build the app over an already migrated database (``enlace serve`` migrates first)."""
    settings = settings or get_settings()
    db = db or Database(settings.resolved_database_url)
    app = FastAPI(
        title="Enlace",
        version=__version__,
        description="Binational platform against human trafficking and smuggling.",
        docs_url=None,
        openapi_url="/api/openapi.json",
        redoc_url=None,
    )
    app.state.enlace = AppState(
        settings=settings,
        db=db,
        secret=settings.resolved_secret_key(),
        templates=make_environment(),
    )
    app.add_middleware(PerRequest)
    errors.install(app)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    docs.install(app)
    for routes in web_routes():
        app.include_router(routes.router)
    app.state.enlace.templates.globals["NAV"] = menu_entries()
    return app
