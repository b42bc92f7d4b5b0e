"""``enlace extract``: entities from narratives, JSON Lines in and out."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from enlace.cli.context import clear_errors, err


@clear_errors
def extract_command(
    file: Annotated[
        Path | None,
        typer.Argument(help='JSON Lines of {"id", "text", "lang"?, "date"?}; stdin when omitted.'),
    ] = None,
    out: Annotated[Path | None, typer.Option(help="Write here instead of stdout.")] = None,
) -> None:
    """Extract people, phones, places, ages, vehicles, accounts, organizations, money and dates."""
    from enlace.extraction.engine import run_jsonl

    if file is not None and not file.is_file():
        err.print(f"[bold red]Error:[/] no such file: {file}")
        raise typer.Exit(1)
    source = file.open(encoding="utf-8") if file else sys.stdin
    target = out.open("w", encoding="utf-8") if out else sys.stdout
    try:
        count = run_jsonl(source, target)
    finally:
        if file:
            source.close()
        if out:
            target.close()
    err.print(f"{count} narratives processed")


def register(app: typer.Typer) -> None:
    app.command("extract")(extract_command)
