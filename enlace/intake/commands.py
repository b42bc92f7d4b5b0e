"""Intake commands: the queue worker, bulk import, export, gateways and reporter links."""

from __future__ import annotations

import signal
import sys
import threading
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn

from enlace.cli.context import clear_errors, database, err, settings, transaction
from enlace.errors import PermissionDeniedError, ValidationFailedError
from enlace.messages import N_

intake_app = typer.Typer(help="Intake gateways, reporter links and the processing queue.")
gateways_app = typer.Typer(help="Chat/SMS gateways that post to /api/v1/intake/messages.")
links_app = typer.Typer(help="Quick-report links for organisations that train reporters.")
reports_app = typer.Typer(help="Reports in bulk.")
intake_app.add_typer(gateways_app, name="gateways")
intake_app.add_typer(links_app, name="links")


def _bar() -> Progress:
    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        TimeRemainingColumn(),
        console=err,
    )


@clear_errors
def worker(
    once: Annotated[bool, typer.Option(help="Run the jobs ready now, then exit.")] = False,
    batch: Annotated[int, typer.Option(help="Jobs claimed at a time.")] = 20,
) -> None:
    """Run processing jobs (extraction, screening…) from the queue until stopped."""
    from enlace.intake.worker import Worker

    with database() as db:
        runner = Worker(db, batch=batch)
        if once:
            done = runner.drain()
            err.print(f"Ran {done} jobs.")
            return
        stop = threading.Event()
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: stop.set())
        err.print(f"[bold green]Worker {runner.name} running[/] (Ctrl-C to stop)")
        runner.run(stop)


@clear_errors
def import_file(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="CSV or JSONL file.")],
    mapping: Annotated[Path | None, typer.Option(help="Column-mapping YAML file.")] = None,
    fmt: Annotated[str | None, typer.Option("--format", help="csv, jsonl or htcds.")] = None,
    user: Annotated[str | None, typer.Option(help="Account the import is made for.")] = None,
) -> None:
    """Import partner reports; bad rows are listed in an error report, re-imports add nothing."""
    from enlace.intake.importing.runner import run_import
    from enlace.security import audit
    from enlace.security.roles import Permission, allowed
    from enlace.security.tables import User

    cfg = settings()
    with database(cfg) as db:
        user_id = None
        if user:
            with transaction(db) as s:
                account = s.query(User).filter_by(username=user, active=True).one_or_none()
                if account is None:
                    raise ValidationFailedError(
                        [{"field": "user", "reason": N_("No such active user")}]
                    )
                if not allowed(account.role, Permission.IMPORT_REPORTS):
                    raise PermissionDeniedError(N_("Your role does not allow this"))
                user_id = account.id
        with _bar() as bar:
            task = bar.add_task(f"Importing {file.name}", total=file.stat().st_size)
            result = run_import(
                db,
                file,
                data_dir=cfg.ensure_data_dir(),
                max_narrative=cfg.max_narrative_chars,
                fmt=fmt,
                mapping_path=mapping,
                user_id=user_id,
                progress=lambda done, _total: bar.update(task, completed=done),
            )
        with transaction(db) as s:
            audit.record(
                s,
                "reports.import",
                user_id=user_id,
                object_type="import_batch",
                object_id=result.batch_id,
                rows=result.rows,
                inserted=result.inserted,
            )
    err.print(
        f"Rows {result.rows}: [green]{result.inserted} new[/], {result.duplicates} already "
        f"present, [red]{result.failed} with errors[/]."
    )
    if result.error_report:
        err.print(f"Error report (row, field, reason): {result.error_report}")


def _since(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise ValidationFailedError([{"field": "since", "reason": N_("Must be a date")}]) from None
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


@clear_errors
def export(
    user: Annotated[
        str, typer.Option(help="Account the export is made for (needs export rights).")
    ],
    since: Annotated[
        str | None, typer.Option(help="Only reports received on or after YYYY-MM-DD.")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="jsonl or csv.")] = "jsonl",
    out: Annotated[
        Path | None, typer.Option(help="File to write; standard output if omitted.")
    ] = None,
) -> None:
    """Export reports with their reference codes, channel and status (audited)."""
    from enlace.intake.export import export_reports, exporter

    start = _since(since)
    with transaction() as s:
        account = exporter(s, user)
        handle: Any = out.open("w", encoding="utf-8", newline="") if out else sys.stdout
        try:
            with _bar() as bar:
                task = bar.add_task("Exporting", total=None)
                count = export_reports(
                    s, handle, account, fmt=fmt, since=start,
                    progress=lambda done, total: bar.update(task, completed=done, total=total),
                )  # fmt: skip
        finally:
            if out:
                handle.close()
    err.print(f"Exported {count} reports" + (f" to {out}" if out else ""))


@clear_errors
def create_gateway(
    name: Annotated[str, typer.Argument(help="A name for the gateway, e.g. the SMS provider.")],
    channel: Annotated[str, typer.Option(help="sms or chat.")] = "sms",
) -> None:
    """Create a gateway and print its token (shown once; only a digest is stored)."""
    from enlace.intake.gateways import create_gateway as create

    with transaction() as s:
        gateway, token = create(s, name, channel)
    err.print(
        f"Gateway [bold]{gateway.name}[/] ({gateway.channel}) created. Its token, shown once:"
    )
    typer.echo(token)


@clear_errors
def list_gateways() -> None:
    """List gateways and reporter links (never their tokens)."""
    from enlace.intake.gateways import list_gateways as listing

    with transaction() as s:
        for g in listing(s):
            used = g.last_used_at.isoformat(timespec="seconds") if g.last_used_at else "never"
            state = "active" if g.active else "disabled"
            typer.echo(f"{g.name}\t{g.channel}\t{state}\tlast used {used}")


@clear_errors
def disable_gateway(name: Annotated[str, typer.Argument()]) -> None:
    """Disable a gateway or reporter link: its token stops working at once."""
    from enlace.intake.gateways import set_active

    with transaction() as s:
        set_active(s, name, False)
    err.print(f"{name} disabled.")


@clear_errors
def create_link(
    organisation: Annotated[str, typer.Argument(help="The organisation that trains reporters.")],
    base_url: Annotated[
        str, typer.Option(help="Public address of this Enlace.")
    ] = "http://127.0.0.1:8000",
) -> None:
    """Create a quick-report link for an organisation's trained reporters (shown once)."""
    from enlace.intake.gateways import LINK_CHANNEL
    from enlace.intake.gateways import create_gateway as create

    with transaction() as s:
        _, token = create(s, organisation, LINK_CHANNEL)
    err.print(f"Quick-report link for [bold]{organisation}[/], shown once:")
    typer.echo(f"{base_url.rstrip('/')}/intake/quick?k={token}")


@clear_errors
def queue_status() -> None:
    """Count processing jobs by state."""
    from enlace.intake import queue

    with transaction() as s:
        for state, n in sorted(queue.counts(s).items()):
            typer.echo(f"{state}\t{n}")


def register(app: typer.Typer) -> None:
    app.command("worker")(worker)
    app.command("import")(import_file)
    reports_app.command("export")(export)
    gateways_app.command("create")(create_gateway)
    gateways_app.command("list")(list_gateways)
    gateways_app.command("disable")(disable_gateway)
    links_app.command("create")(create_link)
    intake_app.command("queue")(queue_status)
    app.add_typer(intake_app, name="intake")
    app.add_typer(reports_app, name="reports")
