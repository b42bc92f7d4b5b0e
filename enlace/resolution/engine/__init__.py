"""Entity resolution for person records (pure: numpy, pandas, rapidfuzz, DuckDB for CSV).

Pipeline: :func:`prepare` raw fields -> :func:`score_pairs` (blocking, cross-border
comparisons, Fellegi–Sunter trained by EM without labels) -> :func:`cluster` with
analyst judgements on top. :func:`link_exact` links strong identifiers;
:func:`run_batch` is the CSV command.
"""

from enlace.resolution.engine.batch import BatchSummary, parse_mapping, run_batch
from enlace.resolution.engine.batch_input import ResolveInputError
from enlace.resolution.engine.clustering import THRESHOLDS, Merge, cluster
from enlace.resolution.engine.judgements import Judgement, JudgementLog, Verdict
from enlace.resolution.engine.prepare import FIELDS, prepare
from enlace.resolution.engine.resolver import ResolverConfig, ScoredPairs, explain, score_pairs
from enlace.resolution.engine.strong import link_exact, strong_key

__all__ = [
    "FIELDS",
    "THRESHOLDS",
    "BatchSummary",
    "Judgement",
    "JudgementLog",
    "Merge",
    "ResolveInputError",
    "ResolverConfig",
    "ScoredPairs",
    "Verdict",
    "cluster",
    "explain",
    "link_exact",
    "parse_mapping",
    "prepare",
    "run_batch",
    "score_pairs",
    "strong_key",
]
