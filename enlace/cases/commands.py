"""``enlace cases``: export cases (HTCDS or FollowTheMoney) and import HTCDS records."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress
from sqlalchemy import select

from enlace.cli.context import clear_errors, err, transaction
from enlace.errors import NotFoundError
from enlace.security.tables import User

app = typer.Typer(help="Cases: export and import.", no_args_is_help=True)


@app.command("export")
@clear_errors
def export(
    out: Annotated[Path, typer.Option(help="Folder to write into (created when missing).")],
    user: Annotated[str, typer.Option(help="Username of the person exporting (audited).")],
    fmt: Annotated[
        str,
        typer.Option(
            "--format", help="htcds (CSV files), htcds-json (one JSON file) or ftm (JSON lines)."
        ),
    ] = "htcds",
) -> None:
    """Export every case. Victims' identifying details are never exported."""
    from enlace.cases import interchange

    if fmt not in interchange.FORMATS:
        raise typer.BadParameter(
            f"use one of {', '.join(interchange.FORMATS)}", param_hint="--format"
        )
    with transaction() as session:
        account = session.scalar(select(User).where(User.username == user.strip().lower()))
        if account is None or not account.active:
            raise NotFoundError(f"no active user {user!r}")
        cases = interchange.cases_to_export(session)
        with Progress(console=err, transient=True) as bar:
            task = bar.add_task("Exporting cases", total=len(cases))
            written = interchange.export(
                session, account, out, fmt, cases=cases, tick=lambda n: bar.advance(task, n)
            )
    err.print(f"Exported {len(cases)} cases to " + ", ".join(str(p) for p in written))


@app.command("import")
@clear_errors
def import_(
    file: Annotated[
        Path, typer.Argument(exists=True, help="HTCDS JSON file, or a folder of HTCDS CSV files.")
    ],
    country: Annotated[
        str | None, typer.Option(help="US or MX, for records that do not say.")
    ] = None,
    typology: Annotated[
        str | None, typer.Option(help="Typology for records that do not say or imply one.")
    ] = None,
) -> None:
    """Import HTCDS case records; importing the same records again changes nothing."""
    from enlace.cases import interchange

    with transaction() as session:
        created = interchange.import_file(
            session, file, default_country=country, default_typology=typology
        )
        refs = [c.reference for c in created]
    err.print(f"Imported {len(refs)} cases" + (f": {', '.join(refs)}" if refs else ""))


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="cases")
