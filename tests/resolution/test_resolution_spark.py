"""The resolution model on a local Apache Spark: the same pairs, scores and clusters as the
in-process engine, on the cross-border evaluation records."""

from __future__ import annotations

import importlib.util
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd  # type: ignore[import-untyped]
import pytest

import enlace.resolution.engine.blocking as blocking
from enlace.resolution.engine.clustering import cluster
from enlace.resolution.engine.prepare import prepare
from enlace.resolution.engine.resolver import ResolverConfig, ScoredPairs, score_pairs

pytestmark = pytest.mark.slow

RECORDS = Path(__file__).parents[2] / "eval" / "resolve" / "crossborder.csv"
YEAR = 2026


def _spark_missing() -> str | None:
    if importlib.util.find_spec("pyspark") is None:
        return "pyspark not installed (pip install -e '.[spark]')"
    if shutil.which("java") is None:
        return "java not found (Spark needs Java 17 or newer)"
    return None


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    missing = _spark_missing()
    if missing:
        if os.environ.get("ENLACE_REQUIRE_SPARK"):
            pytest.fail(f"{missing}; ENLACE_REQUIRE_SPARK is set")
        pytest.skip(f"{missing}: Spark tests skipped")
    from enlace.resolution.engine.spark import session

    local = session("local[2]")
    local.sparkContext.setLogLevel("ERROR")
    yield local
    local.stop()


@pytest.fixture(scope="module")
def records() -> pd.DataFrame:
    return pd.read_csv(RECORDS, dtype=str).fillna("").drop(columns="entity_id")


def _spark_pairs(scored: Any) -> pd.DataFrame:
    return scored.pairs.toPandas().sort_values(["l", "r"]).reset_index(drop=True)


def _as_frame(local: ScoredPairs) -> pd.DataFrame:
    return pd.DataFrame({"l": local.left, "r": local.right, "p": local.probability})


def test_spark_trains_and_scores_as_the_engine_does(
    spark: Any, records: pd.DataFrame, monkeypatch: pytest.MonkeyPatch
) -> None:
    from enlace.resolution.engine.spark import cluster_on_driver, score_on_spark

    # A small budget of pairs makes the windowed rules use the sorted neighbourhood in their
    # larger blocks, as they do at scale.
    monkeypatch.setattr(blocking, "ALL_PAIRS_BUDGET", 1500)
    local = score_pairs(prepare(records, YEAR), ResolverConfig())
    scored = score_on_spark(spark, records, reference_year=YEAR)
    pairs = _spark_pairs(scored)
    assert set(zip(pairs["l"], pairs["r"], strict=True)) == set(
        zip(local.left.tolist(), local.right.tolist(), strict=True)
    )
    assert np.isclose(scored.params.match_rate, local.params.match_rate, rtol=1e-9)
    for mine, theirs in zip(scored.params.m, local.params.m, strict=True):
        np.testing.assert_allclose(mine, theirs, atol=1e-9)
    both = _as_frame(local).merge(pairs, on=["l", "r"])
    np.testing.assert_allclose(both["probability"], both["p"], atol=1e-9)
    # Some pairs are held back by the namesake or family guards: the guards ran on Spark.
    assert (both["p"] < 0.5).any() and (both["p"] > 0.99).any()

    clusters = cluster_on_driver(scored, 0.9)
    expected = cluster(records["record_id"].tolist(), local.left, local.right,
                       local.probability, 0.9)  # fmt: skip
    assert clusters["cluster_id"].tolist() == expected
    assert clusters["record_id"].tolist() == records["record_id"].tolist()


def test_spark_links_across_sources_with_given_parameters(
    spark: Any, records: pd.DataFrame
) -> None:
    from enlace.resolution.engine.spark import score_on_spark

    config = ResolverConfig(link_only=True)
    local = score_pairs(prepare(records, YEAR), config)
    scored = score_on_spark(spark, records, config, params=local.params, reference_year=YEAR)
    pairs = _spark_pairs(scored)
    sources = records["source"].to_numpy()
    assert (sources[pairs["l"]] != sources[pairs["r"]]).all()
    assert len(pairs) == len(local.left)
    both = _as_frame(local).merge(pairs, on=["l", "r"])
    assert len(both) == len(pairs)
    np.testing.assert_allclose(both["probability"], both["p"], atol=1e-12)


def test_spark_needs_record_ids(spark: Any, records: pd.DataFrame) -> None:
    from enlace.resolution.engine.spark import score_on_spark

    with pytest.raises(ValueError, match="record_id"):
        score_on_spark(spark, records.drop(columns="record_id"), reference_year=YEAR)


def test_resolve_command_on_spark_writes_what_the_in_process_run_writes(
    spark: Any, tmp_path: Path
) -> None:
    from typer.testing import CliRunner

    from enlace.cli.main import app

    table = pd.read_csv(RECORDS, dtype=str).fillna("")
    border = table[table["country"] == "US"].rename(columns={"full_name": "NOMBRE"})
    # The second file has no ids: its records are named by file and line, as in-process.
    mexico = table[table["country"] != "US"].drop(columns="record_id")
    first, second = tmp_path / "border.csv", tmp_path / "mexico.csv"
    border.to_csv(first, index=False)
    mexico.to_csv(second, index=False)
    outputs = {}
    for engine in ("local", "spark"):
        out, pairs = tmp_path / f"clusters_{engine}.csv", tmp_path / f"pairs_{engine}.csv"
        options = ["--spark", "local[2]"] if engine == "spark" else []
        result = CliRunner().invoke(app, [
            "resolve", str(first), str(second), "--out", str(out), "--pairs", str(pairs),
            "--map", "NOMBRE=full_name", *options,
        ])  # fmt: skip
        assert result.exit_code == 0, result.output
        outputs[engine] = (pd.read_csv(out, dtype=str), pd.read_csv(pairs, dtype=str))
    (clusters, pairs), (spark_clusters, spark_pairs) = outputs["local"], outputs["spark"]
    pd.testing.assert_frame_equal(spark_clusters, clusters)
    assert "mexico:1" in set(clusters["record_id"])
    assert (clusters["cluster_id"] != clusters["record_id"]).sum() > 100  # people were merged
    order = ["record_id_l", "record_id_r"]
    pd.testing.assert_frame_equal(
        spark_pairs.sort_values(order).reset_index(drop=True),
        pairs.sort_values(order).reset_index(drop=True),
    )
