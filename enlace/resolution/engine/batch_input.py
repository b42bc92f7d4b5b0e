"""What both batch paths (in process and on Spark) share: the input error and the kept pairs."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd  # type: ignore[import-untyped]

from enlace.errors import EnlaceError
from enlace.messages import N_
from enlace.resolution.engine.blocking import IntArray
from enlace.resolution.engine.fellegi_sunter import Floats


class ResolveInputError(EnlaceError):
    """An input file or --map option the batch resolver cannot use."""

    status_code = 400
    title = N_("Invalid input")


@dataclass(frozen=True)
class KeptPairs:
    """Every record's id (row order) and the scored pairs kept for clustering."""

    ids: list[str]
    left: IntArray
    right: IntArray
    probability: Floats
    candidates: int


def check_unique(ids: list[str]) -> None:
    """One clear error for a record id given twice."""
    seen = pd.Series(ids)
    if seen.duplicated().any():
        raise duplicate_id(seen[seen.duplicated()].iloc[0])


def duplicate_id(record_id: str) -> ResolveInputError:
    return ResolveInputError(f"record_id {record_id!r} appears more than once across the inputs")
