"""``enlace resolve``: batch person resolution of CSV files; ``enlace resolve-entities``: the
same model over the people stored in the database."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

from enlace.cli.context import clear_errors, err, transaction


def _threshold(value: str) -> float:
    from enlace.resolution.engine import THRESHOLDS, ResolveInputError

    if value in THRESHOLDS:
        return THRESHOLDS[value]
    try:
        number = float(value)
    except ValueError:
        raise ResolveInputError(
            f"--threshold expects one of {', '.join(THRESHOLDS)} or a number, got {value!r}"
        ) from None
    if not 0.0 < number < 1.0:
        raise ResolveInputError(f"--threshold must be between 0 and 1, got {value}")
    return number


def _bar() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    )


@clear_errors
def resolve(
    inputs: Annotated[
        list[Path],
        typer.Argument(help="One CSV to deduplicate, or two to link.", show_default=False),
    ],
    out: Annotated[Path, typer.Option(help="Where to write record_id,cluster_id.")],
    pairs: Annotated[
        Path | None, typer.Option(help="Also write record_id_l,record_id_r,match_probability.")
    ] = None,
    map_: Annotated[
        list[str] | None,
        typer.Option(
            "--map", help="SOURCE_COLUMN=FIELD (repeatable) for differently named columns."
        ),
    ] = None,
    threshold: Annotated[
        str, typer.Option(help="deconfliction, default, leads, or a probability.")
    ] = "default",
    family_guard: Annotated[
        bool,
        typer.Option(
            "--family-guard/--no-family-guard",
            help="Keep apparent siblings, twins and parents apart (default). Turn off only for "
            "sources known to hold no relatives, where another given name is a keying error.",
        ),
    ] = True,
    spark: Annotated[
        str | None,
        typer.Option(
            metavar="MASTER",
            help="Read and score on Apache Spark: local[N] on this machine, spark://host:7077 "
            "or yarn on a cluster (needs pip install -e '.[spark]' and Java 17+).",
        ),
    ] = None,
) -> None:
    """Resolve person records: fields record_id, source, full_name, given_names, surname_1,
    surname_2, dob, sex, phone, email, address, city, state, postcode, country, id_number."""
    from enlace.resolution.engine import parse_mapping, run_batch

    cut = _threshold(threshold)
    mapping = parse_mapping(map_ or [])
    with _bar() as bar:
        task = bar.add_task("Comparing candidate pairs", total=None)

        def tick(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        summary = run_batch(
            list(inputs), out, pairs, mapping, tick,
            threshold=cut, family_guard=family_guard, spark=spark,
        )  # fmt: skip
    err.print(
        f"{summary.records} records, {summary.candidate_pairs} candidate pairs, "
        f"{summary.matched_pairs} matching pairs, {summary.clusters} clusters "
        f"({summary.multi_record_clusters} with more than one record) in {summary.seconds:.1f} s. "
        f"Clusters: {out}" + (f"; pairs: {pairs}" if pairs else "")
    )


@clear_errors
def resolve_entities() -> None:
    """Re-train the person model on the stored people, merge sure matches, queue the rest."""
    from enlace.resolution.service import resolve_entities as run

    with transaction() as session, _bar() as bar:
        task = bar.add_task("Resolving people", total=None)
        summary = run(session, lambda done, total: bar.update(task, completed=done, total=total))
    err.print(
        f"{summary.entities} people compared over {summary.candidate_pairs} candidate pairs: "
        f"{summary.merges} merged, {summary.queued} queued for review."
    )


def register(app: typer.Typer) -> None:
    app.command("resolve")(resolve)
    app.command("resolve-entities")(resolve_entities)
