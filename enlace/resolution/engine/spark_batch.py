"""``enlace resolve … --spark MASTER``: the CSV inputs read and their pairs scored on Spark.

The files are read by Spark's CSV reader (every column as text, quoted line breaks kept),
named and filled as the in-process reader does (``--map``, a ``record_id`` of
``file:line`` where one is missing, ``source`` from the file name), then scored by
:func:`~enlace.resolution.engine.spark.score_on_spark`. Only the pairs kept for clustering and the
record ids come back to this machine.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from enlace.resolution.engine.batch_input import KeptPairs, ResolveInputError, duplicate_id
from enlace.resolution.engine.prepare import FIELDS
from enlace.resolution.engine.resolver import ResolverConfig
from enlace.resolution.engine.spark import score_on_spark, session

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession


def score_csv_on_spark(
    master: str,
    inputs: list[Path],
    mapping: dict[str, str],
    reference_year: int | None,
    config: ResolverConfig,
    floor: float,
) -> KeptPairs:
    """Record ids in input order and the pairs scoring at least ``floor``."""
    try:
        spark = session(master)
    except ImportError as exc:
        raise ResolveInputError("--spark needs pyspark: pip install -e '.[spark]'") from exc
    except Exception as exc:  # a bad master URL or no Java: one clear line
        raise ResolveInputError(f"cannot start Spark at {master!r}: {exc}") from exc
    frames = [_read(spark, path, mapping) for path in inputs]
    records = frames[0]
    for more in frames[1:]:
        records = records.unionByName(more, allowMissingColumns=True)
    duplicate = records.groupBy("record_id").count().where("count > 1").first()
    if duplicate is not None:
        raise duplicate_id(duplicate["record_id"])
    if records.limit(2).count() < 2:  # nothing to compare
        ids = [row["record_id"] for row in records.select("record_id").collect()]
        empty = np.empty(0, dtype=np.int64)
        return KeptPairs(ids, empty, empty, np.empty(0), 0)
    scored = score_on_spark(spark, records, config, reference_year=reference_year)
    ids = scored.prepared.select("row", "rid").orderBy("row").toPandas()["rid"].tolist()
    kept = scored.pairs.where(scored.pairs.probability >= floor).toPandas()
    return KeptPairs(
        ids,
        kept["l"].to_numpy(dtype=np.int64),
        kept["r"].to_numpy(dtype=np.int64),
        kept["probability"].to_numpy(dtype=np.float64),
        scored.pairs.count(),
    )


def _read(spark: SparkSession, path: Path, mapping: dict[str, str]) -> DataFrame:
    from pyspark.sql import functions as sf
    from pyspark.sql.types import LongType, StructField, StructType

    raw = (
        spark.read.option("header", True).option("multiLine", True).option("escape", '"')
        .csv(str(path))
    )  # fmt: skip
    names = [mapping.get(c.strip(), c.strip()) for c in raw.columns]
    keep = [i for i, name in enumerate(names) if name in FIELDS and name not in names[:i]]
    text = raw.select([sf.col(f"`{raw.columns[i]}`").alias(names[i]) for i in keep])
    # Line numbers (from 1, after the header) name records that have no id.
    numbered = text.rdd.zipWithIndex().map(lambda t: (*t[0], t[1] + 1))
    schema = StructType([*text.schema.fields, StructField("line", LongType(), False)])
    frame = spark.createDataFrame(numbered, schema)
    fallback = sf.concat(sf.lit(f"{path.stem}:"), sf.col("line").cast("string"))
    if "record_id" in frame.columns:
        given = sf.trim(sf.col("record_id"))
        frame = frame.withColumn(
            "record_id", sf.when(sf.coalesce(given, sf.lit("")) == "", fallback).otherwise(given)
        )
    else:
        frame = frame.withColumn("record_id", fallback)
    if "source" not in frame.columns:
        frame = frame.withColumn("source", sf.lit(path.stem))
    return frame.drop("line")
