"""The person-matching model on Apache Spark, for inputs beyond one machine.

The same steps as :mod:`enlace.resolution.engine.resolver`, each as Spark jobs over row-numbered
records, and the same functions inside them:

1. ``prepare`` is row-wise: ``mapInPandas`` over partitions of the input.
2. Blocking: the pairs the in-process engine makes (:mod:`enlace.resolution.engine.spark_blocking`).
3. Comparisons: the pairs joined with both records, ``mapInPandas`` calling
   :func:`~enlace.resolution.engine.comparisons.compare` (rapidfuzz runs inside), with the sibling
   guard,
   which reads only the pair.
4. Training: u from random pairs of a sample of records; EM and the match rate on the level
   patterns and their counts (``groupBy(levels).count()``, tiny), on the driver.
5. Scoring: a per-pair map, term frequencies joined from ``groupBy(value).count()``; the
   namesake guard, which reads the pairs around a held pair, runs on the driver over the held
   pairs and the pairs touching them only.

Clustering collects the kept edges to the driver (:func:`cluster_on_driver`); beyond what one
driver holds, connected components of the kept edges (GraphFrames) come first and the few
components touched by negative judgements are re-clustered there. pyspark is an optional
dependency (``pip install -e ".[spark]"``, Java 17 or newer).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd  # type: ignore[import-untyped]

from enlace.resolution.engine.clustering import cluster
from enlace.resolution.engine.columns import Encoded
from enlace.resolution.engine.comparisons import compare
from enlace.resolution.engine.fellegi_sunter import (
    Parameters,
    combine_sessions,
    match_weights,
    probability,
    tf_adjustment,
)
from enlace.resolution.engine.guards import (
    NAMESAKE_CAP,
    contested,
    namesakes_from_frequencies,
    siblings,
    uncorroborated,
    vouched,
)
from enlace.resolution.engine.prepare import FIELDS, prepare
from enlace.resolution.engine.resolver import (
    ResolverConfig,
    em_session,
    pairs_among,
    random_pair_frequencies,
    set_match_rate,
)
from enlace.resolution.engine.spark_blocking import candidates

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

# Records brought to the driver to sample u's random pairs from.
U_SAMPLE_RECORDS = 200_000
# Name frequencies the namesake guard reads: the left record's given name and second
# surname, both records' first surname.
_FREQUENCIES = (("given", "l"), ("sur1", "l"), ("sur1", "r"), ("sur2", "l"))


def session(master: str = "local[2]") -> SparkSession:
    """A Spark session: ``local[N]`` runs on this machine with N cores (trials, tests);
    ``spark://host:7077``, ``yarn`` or ``k8s://…`` on a cluster."""
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # workers use this interpreter
    from pyspark.sql import SparkSession

    builder: Any = SparkSession.builder.master(master).appName("enlace-resolve")
    local = re.fullmatch(r"local(?:\[(\d+|\*)\])?", master)
    if local:  # a few partitions per core, not Spark's default 200
        cores = local.group(1)
        count = int(cores) if cores and cores.isdigit() else os.cpu_count() or 2
        builder = builder.config("spark.sql.shuffle.partitions", str(2 * count))
        builder = builder.config("spark.ui.enabled", "false")
    return builder.config("spark.sql.execution.arrow.pyspark.enabled", "true").getOrCreate()


@dataclass
class SparkScored:
    """Candidate pairs (``l``, ``r``: row numbers, ``weight``, ``probability``), the
    prepared records (``row``, ``rid`` and the prepared columns) and the model."""

    pairs: DataFrame
    prepared: DataFrame
    params: Parameters


def score_on_spark(
    spark: SparkSession,
    records: DataFrame | pd.DataFrame,
    config: ResolverConfig | None = None,
    params: Parameters | None = None,
    reference_year: int | None = None,
) -> SparkScored:
    """Block, compare, train (unless ``params`` are given) and score, as
    :func:`~enlace.resolution.engine.resolver.score_pairs` does in-process.

    ``records`` carries any of the batch fields (``record_id`` required, ``source`` when
    linking); rows are numbered in their order, as the in-process engine numbers them.
    """
    from pyspark.sql import functions as sf

    config = config or ResolverConfig()
    year = reference_year or dt.datetime.now(tz=dt.UTC).year
    prepared = _prepare(spark, records, year).cache()
    n = prepared.count()
    pairs = candidates(prepared, config).cache()
    levels = _levels(prepared, pairs.select("l", "r").distinct(), config).cache()
    if params is None:
        params = _train(prepared, pairs, levels, config, n)
    names = [f"lv{j}" for j in range(len(config.comparisons))]
    scored = levels
    shares = {column: _frequencies(prepared, column) for column, _ in _FREQUENCIES}
    for column, side in _FREQUENCIES:
        scored = scored.join(
            shares[column].withColumnRenamed("value", f"{side}_{column}")
            .withColumnRenamed("share", f"f_{side}_{column}"),
            on=f"{side}_{column}", how="left",
        ).fillna(0.0, subset=[f"f_{side}_{column}"])  # fmt: skip
    weighed = scored.mapInPandas(
        lambda batches: _weigh_batches(batches, params, config, names),
        "l long, r long, weight double, held boolean, " + ", ".join(f"{c} byte" for c in names)
        + ", " + ", ".join(f"f_{s}_{c} double" for c, s in _FREQUENCIES),
    ).cache()  # fmt: skip
    capped = _namesakes_held(spark, weighed, config, n)
    if capped is not None:
        weighed = (
            weighed.join(capped.withColumn("cap", sf.lit(True)), ["l", "r"], "left")
            .withColumn(
                "weight",
                sf.when(sf.col("cap"), sf.lit(NAMESAKE_CAP)).otherwise(sf.col("weight")),
            )
            .drop("cap")
        )
    out = weighed.select(
        "l", "r", "weight",
        (1.0 / (1.0 + sf.pow(sf.lit(2.0), -sf.greatest(sf.least("weight", sf.lit(60.0)),
                                                    sf.lit(-60.0))))).alias("probability"),
    )  # fmt: skip
    return SparkScored(out, prepared, params)


def cluster_on_driver(scored: SparkScored, threshold: float) -> pd.DataFrame:
    """``record_id, cluster_id`` for every record, from the pairs at or above ``threshold``."""
    kept = scored.pairs.where(scored.pairs.probability >= threshold).toPandas()
    ids = scored.prepared.select("row", "rid").orderBy("row").toPandas()["rid"].tolist()
    clusters = cluster(
        ids,
        kept["l"].to_numpy(dtype=np.int64),
        kept["r"].to_numpy(dtype=np.int64),
        kept["probability"].to_numpy(),
        threshold,
    )
    return pd.DataFrame({"record_id": ids, "cluster_id": clusters})


def _prepare(spark: SparkSession, records: DataFrame | pd.DataFrame, year: int) -> DataFrame:
    from pyspark.sql import functions as sf
    from pyspark.sql.types import LongType, StructField, StructType

    if isinstance(records, pd.DataFrame):
        records = spark.createDataFrame(records.fillna("").astype(str))
    fields = [c for c in records.columns if c in FIELDS]
    if "record_id" not in fields:
        raise ValueError("records need a record_id column")
    text = records.select([sf.coalesce(sf.col(c).cast("string"), sf.lit("")).alias(c)
                           for c in fields])  # fmt: skip
    # Rows numbered in input order (zipWithIndex keeps it), as the engine numbers them.
    numbered = text.rdd.zipWithIndex().map(lambda t: (*t[0], t[1]))
    schema = StructType([*text.schema.fields, StructField("row", LongType(), False)])
    frame = spark.createDataFrame(numbered, schema)
    sample = prepare(pd.DataFrame({c: [""] for c in fields}), year)
    prepared = "row long, " + ", ".join(f"{c} {_spark_type(sample[c])}" for c in sample.columns)

    def run(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for batch in batches:
            out = prepare(batch.drop(columns="row"), year)
            out.insert(0, "row", batch["row"].to_numpy())
            yield out

    return frame.mapInPandas(run, prepared)


def _spark_type(column: pd.Series) -> str:
    kind = column.dtype.kind
    if kind == "b":
        return "boolean"
    if kind in "iu":
        return {1: "byte", 2: "short", 4: "int"}.get(column.dtype.itemsize, "long")
    return "string"


def _levels(prepared: DataFrame, pairs: DataFrame, config: ResolverConfig) -> DataFrame:
    """Per pair: comparison levels ``lv0``…, the sibling guard, "names only", and the names
    whose frequencies scoring reads."""
    from pyspark.sql import functions as sf

    columns = [c for c in prepared.columns if c != "row"]
    left = prepared.select(sf.col("row").alias("l"), *[sf.col(c).alias(f"l_{c}") for c in columns])
    right = prepared.select(sf.col("row").alias("r"), *[sf.col(c).alias(f"r_{c}") for c in columns])
    joined = pairs.join(left, "l").join(right, "r")
    names = [f"lv{j}" for j in range(len(config.comparisons))]
    schema = (
        "l long, r long, " + ", ".join(f"{c} byte" for c in names)
        + ", family boolean, bare boolean, "
        + ", ".join(f"{side}_{c} string" for c, side in _FREQUENCIES)
    )  # fmt: skip

    def run(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for batch in batches:
            k = len(batch)
            sides = [
                batch[[f"{side}_{c}" for c in columns]].set_axis(columns, axis=1)
                for side in ("l", "r")
            ]
            e = Encoded(pd.concat(sides, ignore_index=True))
            il = np.arange(k, dtype=np.int64)
            ir = il + k
            levels = compare(e, il, ir, config.comparisons)
            out = pd.DataFrame(levels, columns=names)
            out.insert(0, "r", batch["r"].to_numpy())
            out.insert(0, "l", batch["l"].to_numpy())
            out["family"] = (
                siblings(e, il, ir, levels, config.comparisons)
                if config.sibling_guard
                else np.zeros(k, dtype=bool)
            )
            out["bare"] = uncorroborated(levels, config.comparisons)
            for column, side in _FREQUENCIES:
                out[f"{side}_{column}"] = batch[f"{side}_{column}"].to_numpy()
            yield out

    return joined.mapInPandas(run, schema)


def _train(
    prepared: DataFrame, pairs: DataFrame, levels: DataFrame, config: ResolverConfig, n: int
) -> Parameters:
    """As :func:`~enlace.resolution.engine.resolver.train`, on level patterns and their counts."""
    from pyspark.sql import functions as sf

    rng = np.random.default_rng(config.seed)
    names = [f"lv{j}" for j in range(len(config.comparisons))]
    share = min(1.0, U_SAMPLE_RECORDS / max(n, 1))
    sample = prepared if share >= 1.0 else prepared.sample(False, share, config.seed)
    records = sample.toPandas().sort_values("row").drop(columns="row").reset_index(drop=True)
    u_random = random_pair_frequencies(Encoded(records), records, config, rng, n)
    training = [i for i, rule in enumerate(config.rules) if rule.name in config.training_rules]
    by_rule = (
        pairs.where(sf.col("rule").isin(training)).join(levels, ["l", "r"])
        .groupBy("rule", *names).count().toPandas()
    )  # fmt: skip
    sessions = []
    for index in training:
        mine = by_rule[by_rule["rule"] == index]
        counts = mine["count"].to_numpy(dtype=np.float64)
        if counts.sum() < 50:
            continue
        patterns = mine[names].to_numpy(dtype=np.int8)
        sessions.append(em_session(patterns, config.rules[index], config, u_random, counts))
    params = combine_sessions(
        config.comparisons, [s for s, _ in sessions], [t for _, t in sessions], u_random
    )
    every = levels.groupBy(*names).count().toPandas()
    set_match_rate(
        params,
        every[names].to_numpy(dtype=np.int8),
        pairs_among(n, _source_sizes(prepared) if config.link_only else None),
        every["count"].to_numpy(dtype=np.float64),
    )
    return params


def _source_sizes(prepared: DataFrame) -> Any:
    return prepared.groupBy("source").count().toPandas()["count"].to_numpy()


def _frequencies(prepared: DataFrame, column: str) -> DataFrame:
    """``value, share``: each non-empty value's share of the records that have one."""
    from pyspark.sql import Window
    from pyspark.sql import functions as sf

    counts = prepared.where(sf.col(column) != "").groupBy(sf.col(column).alias("value")).count()
    total = sf.sum("count").over(Window.partitionBy())
    return counts.select("value", (sf.col("count") / total).alias("share"))


def _weigh_batches(
    batches: Iterator[pd.DataFrame], params: Parameters, config: ResolverConfig, names: list[str]
) -> Iterator[pd.DataFrame]:
    """Match weights with term frequencies and the family guard, and which pairs the
    namesake guard holds, as :func:`~enlace.resolution.engine.resolver._weigh`."""
    tf = {"given": "f_l_given", "sur1": "f_l_sur1"}
    for batch in batches:
        levels = batch[names].to_numpy(dtype=np.int8)
        weight = match_weights(params, levels)
        for j, comparison in enumerate(config.comparisons):
            if comparison.tf_column:
                freq = batch[tf[comparison.tf_column]].to_numpy(dtype=np.float64)
                weight += tf_adjustment(params, levels, j, freq)
        held = np.zeros(len(batch), dtype=bool)
        if config.namesake_guard > 0:
            held = batch["bare"].to_numpy() & (weight > NAMESAKE_CAP)
        family = batch["family"].to_numpy()
        weight[family] = -60.0
        held &= ~family
        out = batch[["l", "r", *names, *(f"f_{s}_{c}" for c, s in _FREQUENCIES)]].copy()
        out.insert(2, "weight", weight)
        out.insert(3, "held", held)
        yield out


def _namesakes_held(
    spark: SparkSession, weighed: DataFrame, config: ResolverConfig, n: int
) -> DataFrame | None:
    """The held pairs to cap: neither vouched for nor, when contested or with namesakes
    expected, let through. Only held pairs and the pairs touching their records are read."""
    from pyspark.sql import functions as sf

    held = weighed.where("held")
    if config.namesake_guard <= 0 or held.isEmpty():
        return None
    ends = held.select(sf.col("l").alias("x")).union(held.select(sf.col("r").alias("x"))).distinct()
    plausible = weighed.where(sf.col("weight") >= 0.0)  # probability >= 0.5
    touching = plausible.join(ends, plausible.l == ends.x, "left_semi").unionByName(
        plausible.join(ends, plausible.r == ends.x, "left_semi")
    )
    local = touching.unionByName(held).dropDuplicates(["l", "r"]).toPandas()
    left = local["l"].to_numpy(dtype=np.int64)
    right = local["r"].to_numpy(dtype=np.int64)
    hold = local["held"].to_numpy(dtype=bool)
    prob = probability(local["weight"].to_numpy(dtype=np.float64))
    names = [f"lv{j}" for j in range(len(config.comparisons))]
    hold &= ~vouched(left, right, prob, hold)
    given, sur_left, sur_right, sur2_left = (
        local[f"f_{s}_{c}"].to_numpy(dtype=np.float64) for c, s in _FREQUENCIES
    )
    namesakes = namesakes_from_frequencies(
        n, given, sur_left, sur_right, sur2_left, local[names].to_numpy(dtype=np.int8),
        config.comparisons,
    )  # fmt: skip
    hold[hold] = contested(left, right, prob, hold)[hold] | (
        namesakes[hold] >= config.namesake_guard
    )
    return spark.createDataFrame(
        pd.DataFrame({"l": left[hold], "r": right[hold]}), "l long, r long"
    )
