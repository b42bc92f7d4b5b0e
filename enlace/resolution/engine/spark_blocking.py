"""Candidate pairs on Spark, as :func:`.blocking.candidate_pairs` makes them.

Every rule's keys per record are the engine's 64-bit hashes, so one key is one block wherever
its records are. A block is paired in full or, for a windowed rule's oversized block, each
record with the next ``window`` in the rule's order (``row_number`` over the block); the limit
between the two comes from the same budget of pairs, computed on the driver from the block-size
histogram.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd  # type: ignore[import-untyped]

from enlace.resolution.engine.blocking import BlockingRule, _hashed, _key, all_pairs_limit
from enlace.resolution.engine.resolver import ResolverConfig

if TYPE_CHECKING:
    from pyspark.sql import DataFrame


def _block_keys(
    rules: tuple[BlockingRule, ...], batches: Iterator[pd.DataFrame]
) -> Iterator[pd.DataFrame]:
    """(rule, key, row) for every key a rule gives a record: strings hashed as the engine
    hashes them, so one key is one block wherever its records are."""
    for batch in batches:
        rows = batch["row"].to_numpy()
        frame = batch.drop(columns="row").reset_index(drop=True)
        for index, rule in enumerate(rules):
            for column in rule.keys(frame):
                keys = (_key(*_hashed(column), column.index) if column.dtype == object
                        else column).to_numpy(dtype=np.int64)  # fmt: skip
                valid = keys != 0
                yield pd.DataFrame(
                    {"rule": np.int16(index), "key": keys[valid], "row": rows[valid]}
                )


def candidates(prepared: DataFrame, config: ResolverConfig) -> DataFrame:
    """``(l, r, rule)`` for every pair each rule puts in a block (``l < r``)."""
    from pyspark.sql import Window
    from pyspark.sql import functions as sf

    rules = config.rules
    keyed = (
        prepared.mapInPandas(
            lambda b: _block_keys(rules, b), "rule short, key long, row long"
        ).distinct().cache()
    )  # fmt: skip
    sizes = keyed.groupBy("rule", "key").agg(sf.count("*").alias("size")).where("size > 1")
    histogram = sizes.groupBy("rule", "size").count().toPandas()
    limits = []
    for index, rule in enumerate(rules):
        if rule.window is None:
            limits.append((index, config.max_block, False))
            continue
        mine = histogram[histogram["rule"] == index].sort_values("size")
        limit = all_pairs_limit(
            mine["size"].to_numpy(dtype=np.int64), mine["count"].to_numpy(dtype=np.int64),
            rule.window,
        )  # fmt: skip
        limits.append((index, limit, True))
    spark = prepared.sparkSession
    bounds = spark.createDataFrame(limits, "rule short, limit long, windowed boolean")
    blocks = sizes.join(sf.broadcast(bounds), "rule")
    full = blocks.where("size <= limit").select("rule", "key")
    a, b = keyed.join(full, ["rule", "key"]).alias("a"), keyed.alias("b")
    found = [
        a.join(b, (sf.col("a.rule") == sf.col("b.rule")) & (sf.col("a.key") == sf.col("b.key"))
               & (sf.col("a.row") < sf.col("b.row")))
        .select(sf.col("a.row").alias("l"), sf.col("b.row").alias("r"), sf.col("a.rule"))
    ]  # fmt: skip
    large = blocks.where("windowed AND size > limit").select("rule", "key")
    by_order: dict[tuple[str, ...], list[int]] = {}
    for index, rule in enumerate(rules):
        if rule.window is not None:
            by_order.setdefault(rule.order, []).append(index)
    for order, indices in by_order.items():
        window = max(rules[i].window or 0 for i in indices)
        ranked = (
            keyed.where(sf.col("rule").isin(indices))
            .join(large, ["rule", "key"])
            .join(prepared.select("row", *order), "row")
            .withColumn("pos", sf.row_number().over(
                Window.partitionBy("rule", "key").orderBy(*order, "row")))
            .select("rule", "key", "row", "pos")
        )  # fmt: skip
        x, y = ranked.alias("x"), ranked.alias("y")
        near = (sf.col("y.pos") > sf.col("x.pos")) & (sf.col("y.pos") <= sf.col("x.pos") + window)
        if any(rules[i].window != window for i in indices):  # each rule's own window
            spans = {i: rules[i].window for i in indices}
            near &= sf.col("y.pos") <= sf.col("x.pos") + _case(sf, "x.rule", spans)
        found.append(
            x.join(y, (sf.col("x.rule") == sf.col("y.rule")) & (sf.col("x.key") == sf.col("y.key"))
                   & near)
            .select(sf.least("x.row", "y.row").alias("l"), sf.greatest("x.row", "y.row").alias("r"),
                    sf.col("x.rule"))
        )  # fmt: skip
    pairs = found[0]
    for more in found[1:]:
        pairs = pairs.unionByName(more)
    if config.link_only:
        source = prepared.select("row", "source")
        pairs = (
            pairs.join(source.withColumnRenamed("row", "l").withColumnRenamed("source", "sl"), "l")
            .join(source.withColumnRenamed("row", "r").withColumnRenamed("source", "sr"), "r")
            .where("sl != sr").select("l", "r", "rule")
        )  # fmt: skip
    return pairs.distinct()


def _case(sf: Any, column: str, values: dict[int, int | None]) -> Any:
    expr = None
    for key, value in values.items():
        expr = (sf.when if expr is None else expr.when)(sf.col(column) == key, value)
    return expr
