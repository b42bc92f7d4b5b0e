"""``enlace serve``: migrate, then run the web application."""

from __future__ import annotations

from typing import Annotated

import typer

from enlace.cli.context import clear_errors, database, err, settings
from enlace.store import redact_url


@clear_errors
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            help="Web processes (PostgreSQL: about one per core; SQLite has one writer, keep 1).",
        ),
    ] = 1,
) -> None:
    """Run the web application and JSON API (migrating the database first)."""
    import uvicorn

    from enlace.web.app import create_app

    cfg = settings()
    with database(cfg) as db:
        err.print(f"Database: {redact_url(db.url)}")
        err.print(f"[bold green]Enlace is up at http://{host}:{port}/[/]  (API docs: /api/docs)")
        if workers == 1:
            app = create_app(cfg, db)
            uvicorn.run(app, host=host, port=port, log_level="warning", proxy_headers=True)
            return
        cfg.resolved_secret_key()  # create a generated key once, before the workers read it
    # Each worker process builds its own application (and connection pool) from the same settings.
    uvicorn.run(
        "enlace.web.app:create_app",
        factory=True,
        workers=workers,
        host=host,
        port=port,
        log_level="warning",
        proxy_headers=True,
    )


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
