"""Batch resolution of CSV files: ``enlace resolve INPUT.csv [INPUT2.csv] --out clusters.csv``.

One input is deduplicated; two inputs are linked across and within. Files are read by
DuckDB's CSV reader (every column as text) in chunks of rows, each chunk normalized at
once, so memory grows with the prepared columns and the candidate pairs, not with the
raw text. Blocking, comparison, EM training and scoring then run vectorised in-process
(:mod:`enlace.resolution.engine.resolver`).

The same model runs on Apache Spark for inputs beyond one machine:
:func:`enlace.resolution.engine.spark.score_on_spark` (the same pairs and scores, step for step).
"""

from __future__ import annotations

import csv
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd  # type: ignore[import-untyped]

from enlace.resolution.engine.batch_input import KeptPairs, ResolveInputError, check_unique
from enlace.resolution.engine.clustering import THRESHOLDS, cluster
from enlace.resolution.engine.prepare import FIELDS, prepare
from enlace.resolution.engine.resolver import ResolverConfig, score_pairs

CHUNK_ROWS = 100_000


@dataclass(frozen=True)
class BatchSummary:
    records: int
    inputs: int
    candidate_pairs: int
    matched_pairs: int
    clusters: int
    multi_record_clusters: int
    seconds: float


def parse_mapping(options: list[str]) -> dict[str, str]:
    """``["NOMBRE=full_name", ...]`` -> {"NOMBRE": "full_name"}; one error line if malformed."""
    out: dict[str, str] = {}
    for option in options:
        source, sep, target = option.partition("=")
        if not sep or not source.strip() or not target.strip():
            raise ResolveInputError(f"--map expects SOURCE_COLUMN=FIELD, got {option!r}")
        out[source.strip()] = target.strip()
    return out


def _header(path: Path) -> list[str]:
    try:
        raw = path.read_bytes()[:65536]
    except OSError as exc:
        raise ResolveInputError(f"{path}: cannot read the file ({exc.strerror})") from exc
    if b"\x00" in raw:
        raise ResolveInputError(f"{path}: not a CSV file (binary content)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    first = text.splitlines()[0] if text.strip() else ""
    if not first or first.lstrip().startswith(("{", "[", "<")):
        raise ResolveInputError(f"{path}: not a CSV file (expected a header row of column names)")
    return [c.strip() for c in next(csv.reader([first]))]


def _check_columns(headers: dict[Path, list[str]], mapping: dict[str, str]) -> None:
    unknown = sorted(set(mapping.values()) - set(FIELDS))
    if unknown:
        raise ResolveInputError(
            f"--map names unknown field(s) {', '.join(unknown)}; fields are {', '.join(FIELDS)}"
        )
    # With two inputs of different layouts, a mapped column needs to be in one of them.
    everywhere = {c for header in headers.values() for c in header}
    missing = [col for col in mapping if col not in everywhere]
    if missing:
        path, header = next(iter(headers.items()))
        raise ResolveInputError(
            f"{path}: column {missing[0]!r} given in --map is not in the input "
            f"(columns: {', '.join(header)})"
        )
    for path, header in headers.items():
        usable = {mapping.get(c, c) for c in header} & set(FIELDS) - {"record_id", "source"}
        if not usable:
            raise ResolveInputError(
                f"{path}: no column is a person field; rename columns or use --map "
                f"SOURCE_COLUMN=FIELD (fields: {', '.join(FIELDS)})"
            )


def _read(path: Path, mapping: dict[str, str], reference_year: int | None) -> pd.DataFrame:
    con = duckdb.connect()
    try:
        result = con.execute(
            "SELECT * FROM read_csv(?, all_varchar = true, header = true)", [str(path)]
        )
    except duckdb.Error as exc:
        raise ResolveInputError(
            f"{path}: not a readable CSV file ({str(exc).splitlines()[0]})"
        ) from exc
    parts: list[pd.DataFrame] = []
    offset = 0
    while True:
        chunk = result.fetch_df_chunk(CHUNK_ROWS // 2048 or 1)
        if chunk.empty:
            break
        chunk = chunk.rename(columns={c: c.strip() for c in chunk.columns})
        chunk = chunk.rename(columns={k: v for k, v in mapping.items() if k in chunk.columns})
        chunk = chunk.loc[:, ~chunk.columns.duplicated()]
        ids = chunk.get("record_id")
        fallback = pd.Series([f"{path.stem}:{offset + i + 1}" for i in range(len(chunk))])
        if ids is None:
            chunk["record_id"] = fallback.to_numpy()
        else:
            ids = ids.fillna("").astype(str).str.strip().reset_index(drop=True)
            chunk["record_id"] = ids.where(ids != "", fallback).to_numpy()
        if "source" not in chunk.columns:
            chunk["source"] = path.stem
        parts.append(prepare(chunk.reset_index(drop=True), reference_year))
        offset += len(chunk)
    con.close()
    return (
        pd.concat(parts, ignore_index=True) if parts else prepare(pd.DataFrame({"record_id": []}))
    )


def _score_in_process(
    inputs: list[Path],
    mapping: dict[str, str],
    reference_year: int | None,
    config: ResolverConfig,
    floor: float,
    progress: Callable[[int, int], None] | None,
) -> KeptPairs:
    frames = [_read(path, mapping, reference_year) for path in inputs]
    prepared = pd.concat(frames, ignore_index=True)
    ids = prepared["rid"].tolist()
    check_unique(ids)
    if len(prepared) < 2:
        empty = np.empty(0, dtype=np.int64)
        return KeptPairs(ids, empty, empty, np.empty(0), 0)
    scored = score_pairs(prepared, config, progress)
    keep = scored.above(floor)
    return KeptPairs(ids, keep.left, keep.right, keep.probability, len(scored.left))


def run_batch(
    inputs: list[Path],
    out: Path,
    pairs_out: Path | None = None,
    mapping: dict[str, str] | None = None,
    progress: Callable[[int, int], None] | None = None,
    *,
    threshold: float = THRESHOLDS["default"],
    pairs_threshold: float = 0.5,
    reference_year: int | None = None,
    family_guard: bool = True,
    spark: str | None = None,
) -> BatchSummary:
    """Resolve person records in one or two CSV files; write clusters (and pairs).

    ``clusters.csv`` has ``record_id,cluster_id`` (the cluster id is its smallest record
    id, stable across runs); ``pairs.csv`` has ``record_id_l,record_id_r,match_probability``
    for pairs at or above ``pairs_threshold``. ``family_guard=False`` lets records that differ
    only as relatives do (another real given name, a birth a generation apart) merge: for
    sources known to hold no relatives, where such a difference is a keying error.
    ``spark`` (a Spark master URL, e.g. ``local[4]`` or ``spark://host:7077``) reads the
    files and scores the pairs on Spark; clusters are formed on this machine.
    """
    started = time.perf_counter()
    mapping = mapping or {}
    if not 1 <= len(inputs) <= 2:
        raise ResolveInputError("give one CSV to deduplicate or two to link")
    for path in inputs:
        if not path.is_file():
            raise ResolveInputError(f"{path}: no such file")
    _check_columns({path: _header(path) for path in inputs}, mapping)
    config = ResolverConfig(sibling_guard=family_guard)
    floor = min(threshold, pairs_threshold)
    if spark is None:
        kept = _score_in_process(inputs, mapping, reference_year, config, floor, progress)
    else:
        from enlace.resolution.engine.spark_batch import score_csv_on_spark

        kept = score_csv_on_spark(spark, inputs, mapping, reference_year, config, floor)
    ids = kept.ids
    clusters = cluster(ids, kept.left, kept.right, kept.probability, threshold)
    sel = kept.probability >= pairs_threshold
    if pairs_out is not None:
        rids = np.asarray(ids, dtype=object)
        pd.DataFrame(
            {
                "record_id_l": rids[kept.left[sel]],
                "record_id_r": rids[kept.right[sel]],
                "match_probability": kept.probability[sel].round(6),
            }
        ).to_csv(pairs_out, index=False)
    candidates, matched = kept.candidates, int(sel.sum())
    pd.DataFrame({"record_id": ids, "cluster_id": clusters}).to_csv(out, index=False)
    sizes = pd.Series(clusters).value_counts()
    return BatchSummary(
        records=len(ids),
        inputs=len(inputs),
        candidate_pairs=candidates,
        matched_pairs=matched,
        clusters=len(sizes),
        multi_record_clusters=int((sizes > 1).sum()),
        seconds=round(time.perf_counter() - started, 3),
    )
