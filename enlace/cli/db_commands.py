"""``enlace db``: schema migrations."""

from __future__ import annotations

import typer

from enlace.cli.context import clear_errors, database, err
from enlace.store import redact_url
from enlace.store.migrate import current_revisions, head_revisions

app = typer.Typer(help="Database schema.", no_args_is_help=True)


@app.command("upgrade")
@clear_errors
def upgrade_command() -> None:
    """Create or migrate the schema to the latest version (safe to run again)."""
    with database() as db:
        err.print(f"{redact_url(db.url)} is at revision {', '.join(sorted(current_revisions(db)))}")


@app.command("status")
@clear_errors
def status() -> None:
    """Show the database URL (password hidden) and its schema revision."""
    with database(migrate=False) as db:
        current, heads = current_revisions(db), head_revisions(db)
        latest = ", ".join(sorted(heads))
        state = "up to date" if current == heads else f"behind (latest is {latest})"
        typer.echo(f"{redact_url(db.url)}: revision {', '.join(sorted(current))} — {state}")


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="db")
