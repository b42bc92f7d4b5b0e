"""``enlace demo``: load the synthetic demo data set."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress

from enlace.cli.context import clear_errors, err, settings, transaction


@clear_errors
def demo(
    seed: Annotated[int, typer.Option(help="Same seed, same data.")] = 2026,
    reports: Annotated[int, typer.Option(min=50, help="How many reports to generate.")] = 2400,
    truth: Annotated[
        Path | None, typer.Option(help="Where to write the ground truth (default: data dir).")
    ] = None,
) -> None:
    """Load a synthetic bilingual demo data set (skipped when it is already loaded)."""
    from enlace.demo import loader as demo_loader
    from enlace.demo.case_loader import load_demo_cases
    from enlace.demo.engine import DEMO_PASSWORD, generate, write_ground_truth
    from enlace.resolution.service import resolve_entities
    from enlace.security.crypto import cipher_for

    cfg = settings()
    with transaction(cfg=cfg) as session:
        if demo_loader.is_loaded(session):
            err.print("Demo data is already loaded; nothing to do.")
            return
        data = generate(seed=seed, n_reports=reports)
        with Progress(console=err, transient=True) as bar:
            task = bar.add_task("Loading demo reports", total=len(data.reports))
            result = demo_loader.load(session, data, seed, progress=lambda n: bar.advance(task, n))
            session.flush()
            networks = {
                n.key: [demo_loader.demo_reference(k, seed) for k in n.report_keys]
                for n in data.networks
            }
            cases = load_demo_cases(
                session,
                seed,
                networks,
                typologies={n.key: n.typology for n in data.networks},
                cipher=cipher_for(cfg),
            )
            # Stored person profiles let new tips match the demo people; the pairs the model
            # cannot decide fill the analysts' review queue.
            task = bar.add_task("Resolving people", total=None)
            resolved = resolve_entities(
                session, lambda done, total: bar.update(task, completed=done, total=total)
            )
        path = truth or cfg.data_dir / "demo-ground-truth.json"
        write_ground_truth(data, path)
    err.print(
        f"Loaded {result.reports} reports, {result.mentions} mentions, {result.entities} entities,"
        f" {cases} cases, {result.agencies} agencies and {result.users} users;"
        f" {resolved.merges} people merged and {resolved.queued} pairs queued for review."
        f" Ground truth: {path}"
    )
    err.print(
        f"Demo logins (password [bold]{DEMO_PASSWORD}[/]): "
        + ", ".join(u.username for u in data.users)
    )


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)
