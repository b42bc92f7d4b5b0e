"""``enlace screen``: screening results for JSON Lines; ``enlace rescreen``: the stored reports
again after the indicator catalog changed."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, TextIO

import typer
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

from enlace.cli.context import clear_errors, database, err


def screen_stream(source: TextIO, target: TextIO) -> tuple[int, int]:
    """Screen each non-blank line; a bad line gives ``{"id", "error", "line"}`` and a note on
    stderr, and the rest go on. Returns (lines written, lines with errors)."""
    from enlace.screening.engine import screen_line

    written = errors = 0
    for number, line in enumerate(source, 1):
        if not line.strip():
            continue
        out = screen_line(line)
        if "error" in out:
            errors += 1
            out["line"] = number
            err.print(f"[bold red]line {number}:[/] {out['error']}", highlight=False)
        target.write(json.dumps(out, ensure_ascii=False) + "\n")
        written += 1
    return written, errors


@clear_errors
def screen_command(
    file: Annotated[
        Path | None,
        typer.Argument(help='JSON Lines of {"id", "text", "lang"?}; stdin when omitted.'),
    ] = None,
    out: Annotated[Path | None, typer.Option(help="Write here instead of stdout.")] = None,
) -> None:
    """Screen narratives against the trafficking indicators: one result per input line with
    typology, Polaris type, score, urgency, minor and danger flags, indicators with evidence and
    an explanation. A malformed line gives {"id", "error", "line"} and processing continues."""
    if file is not None and not file.is_file():
        err.print(f"[bold red]Error:[/] no such file: {file}")
        raise typer.Exit(1)
    source = file.open(encoding="utf-8") if file else sys.stdin
    target = out.open("w", encoding="utf-8") if out else sys.stdout
    try:
        written, errors = screen_stream(source, target)
    finally:
        if file:
            source.close()
        if out:
            target.close()
    suffix = f", {errors} with errors" if errors else ""
    err.print(f"{written} narratives screened{suffix}")


@clear_errors
def rescreen_command(
    everything: Annotated[
        bool, typer.Option("--all", help="Screen every report, not only the out-of-date ones.")
    ] = False,
) -> None:
    """Screen again every report not yet screened by the current indicator catalog."""
    from enlace.screening.engine import load_catalog
    from enlace.screening.results import rescreen

    version = load_catalog().version
    with (
        database() as db,
        Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TaskProgressColumn(),
            TimeElapsedColumn(),
            console=err,
            transient=True,
        ) as bar,
    ):
        task = bar.add_task(f"Screening with catalog {version}", total=None)
        done = rescreen(
            db.sessions,
            everything=everything,
            progress=lambda n, total: bar.update(task, completed=n, total=total),
        )
    err.print(f"{done} reports screened with catalog {version}.")


def register(app: typer.Typer) -> None:
    app.command("screen")(screen_command)
    app.command("rescreen")(rescreen_command)
