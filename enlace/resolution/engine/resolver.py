"""The person-matching pipeline: block, compare, train, score.

Everything runs on numpy arrays of row positions; the level matrix is int8 (one byte per
pair and comparison), so ten million candidate pairs take about 100 MB.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd  # type: ignore[import-untyped]

from enlace.resolution.engine.blocking import (
    DEFAULT_RULES,
    BlockingRule,
    IntArray,
    candidate_pairs,
    rule_pair_keys,
)
from enlace.resolution.engine.columns import Encoded, term_frequencies
from enlace.resolution.engine.comparisons import DEFAULT_COMPARISONS, Comparison, compare
from enlace.resolution.engine.fellegi_sunter import (
    Floats,
    LevelMatrix,
    Parameters,
    combine_sessions,
    estimate_match_rate,
    expectation_maximisation,
    level_frequencies,
    match_weights,
    probability,
    tf_adjustment,
)
from enlace.resolution.engine.guards import (
    NAMESAKE_CAP,
    Bools,
    contested,
    expected_namesakes,
    siblings,
    uncorroborated,
    vouched,
)

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ResolverConfig:
    comparisons: tuple[Comparison, ...] = DEFAULT_COMPARISONS
    rules: tuple[BlockingRule, ...] = DEFAULT_RULES
    link_only: bool = False
    max_block: int = 2000
    # Training samples are of fixed size, so training costs the same at any input size.
    u_sample_pairs: int = 150_000
    em_sample_pairs: int = 1_000_000
    rate_sample_pairs: int = 2_000_000
    chunk_pairs: int = 1_000_000
    seed: int = 42
    # Rules whose pairs train m by EM; each leaves out the comparisons it forces to agree.
    training_rules: tuple[str, ...] = ("dob", "name", "postcode_street", "phone")
    sibling_guard: bool = True
    # Hold a pair with no corroboration below the merge thresholds when the input is
    # expected to hold at least this many others with the same given name and surname.
    namesake_guard: float = 4.0


@dataclass
class ScoredPairs:
    """Candidate pairs (row positions, left < right) with their match weight and probability."""

    left: IntArray
    right: IntArray
    weight: Floats
    probability: Floats
    levels: LevelMatrix
    params: Parameters
    extra: dict[str, Any] = field(default_factory=dict)

    def above(self, threshold: float) -> ScoredPairs:
        keep = self.probability >= threshold
        return ScoredPairs(
            self.left[keep], self.right[keep], self.weight[keep], self.probability[keep],
            self.levels[keep], self.params, self.extra,
        )  # fmt: skip


def _random_pairs(
    prepared: pd.DataFrame, k: int, link_only: bool, rng: np.random.Generator
) -> tuple[IntArray, IntArray]:
    n = len(prepared)
    if n * (n - 1) // 2 <= k:  # small input: every pair once, not the same pairs repeated
        left, right = (x.astype(np.int64) for x in np.triu_indices(n, 1))
    else:
        left = rng.integers(0, n, size=k, dtype=np.int64)
        right = rng.integers(0, n, size=k, dtype=np.int64)
    keep = left != right
    if link_only:
        src = pd.factorize(prepared["source"])[0]
        keep &= src[left] != src[right]
    return left[keep], right[keep]


def _levels_chunked(
    e: Encoded,
    left: IntArray,
    right: IntArray,
    config: ResolverConfig,
    progress: Progress | None,
) -> LevelMatrix:
    out = np.empty((len(left), len(config.comparisons)), dtype=np.int8)
    step = config.chunk_pairs
    for start in range(0, len(left), step):
        stop = min(start + step, len(left))
        out[start:stop] = compare(e, left[start:stop], right[start:stop], config.comparisons)
        if progress:
            progress(stop, len(left))
    return out


def score_pairs(
    prepared: pd.DataFrame,
    config: ResolverConfig | None = None,
    progress: Progress | None = None,
    params: Parameters | None = None,
    focus: int | None = None,
) -> ScoredPairs:
    """Block, compare, train (unless ``params`` are given) and score every candidate pair.

    With ``focus`` (and ``params``), the input is a few new records (the first ``focus``
    rows) with the stored records they may match: only pairs touching a new record are
    returned, and no blocking runs (the stored keys chose the rows). The guards still see
    every pair they read, so each returned pair scores exactly as among all pairs.
    """
    config = config or ResolverConfig()
    if focus is not None and params is None:
        raise ValueError("scoring a focus needs trained parameters")
    e = Encoded(prepared)
    by_rule: dict[str, IntArray] = {}
    if focus is not None:
        left, right = _pairs_touching(len(prepared), np.arange(focus))
    else:
        left, right = candidate_pairs(
            prepared, config.rules, config.link_only, config.max_block, by_rule
        )
    levels = _levels_chunked(e, left, right, config, progress)
    if params is None:
        params = train(e, prepared, left, right, levels, config, by_rule)
    weight, held = _weigh(e, left, right, levels, params, config)
    wanted = len(left)
    if focus is not None and held.any():
        # Vouching and contesting read every pair of a held pair's stored record as well.
        ends = np.unique(np.r_[left[held], right[held]])
        more_l, more_r = _pairs_touching(len(prepared), ends[ends >= focus], skip=focus)
        more_levels = compare(e, more_l, more_r, config.comparisons)
        more_weight, more_held = _weigh(e, more_l, more_r, more_levels, params, config)
        left, right = np.r_[left, more_l], np.r_[right, more_r]
        levels = np.concatenate([levels, more_levels])
        weight, held = np.r_[weight, more_weight], np.r_[held, more_held]
    if held.any():
        prob = probability(weight)
        held &= ~vouched(left, right, prob, held)
        held[held] = contested(left, right, prob, held)[held] | (
            expected_namesakes(e, left[held], right[held], levels[held], config.comparisons)
            >= config.namesake_guard
        )
        weight[held] = NAMESAKE_CAP
    left, right, levels, weight = left[:wanted], right[:wanted], levels[:wanted], weight[:wanted]
    return ScoredPairs(left, right, weight, probability(weight), levels, params)


def _weigh(
    e: Encoded,
    left: IntArray,
    right: IntArray,
    levels: LevelMatrix,
    params: Parameters,
    config: ResolverConfig,
) -> tuple[Floats, Bools]:
    """Match weights with the family guard applied, and which pairs the namesake guard holds
    (agreeing on names alone, above its cap) until vouched for or contested."""
    weight = match_weights(params, levels)
    for j, comparison in enumerate(config.comparisons):
        if comparison.tf_column:
            freq = term_frequencies(e, comparison.tf_column)[e.codes[comparison.tf_column][left]]
            weight += tf_adjustment(params, levels, j, freq)
    held = np.zeros(len(left), dtype=bool)
    if config.namesake_guard > 0:
        held = uncorroborated(levels, config.comparisons) & (weight > NAMESAKE_CAP)
    if config.sibling_guard:
        family = siblings(e, left, right, levels, config.comparisons)
        weight[family] = -60.0
        held &= ~family
    return weight, held


def _pairs_touching(n: int, rows: IntArray, skip: int = 0) -> tuple[IntArray, IntArray]:
    """Every pair (left < right) of ``n`` rows with an end in ``rows``, leaving out the pairs
    with an end among the first ``skip`` rows (already scored)."""
    mask = np.zeros(n, dtype=bool)
    mask[rows] = True
    left, right = (x.astype(np.int64) for x in np.triu_indices(n, 1))
    keep = (mask[left] | mask[right]) & (left >= skip)
    return left[keep], right[keep]


def train(
    e: Encoded,
    prepared: pd.DataFrame,
    left: IntArray,
    right: IntArray,
    levels: LevelMatrix,
    config: ResolverConfig,
    by_rule: dict[str, IntArray] | None = None,
) -> Parameters:
    """u from random pairs; m by EM per training rule; match rate by fixed point."""
    rng = np.random.default_rng(config.seed)
    u_random = random_pair_frequencies(e, prepared, config, rng, len(prepared))
    n = len(prepared)
    keys = left * n + right
    sessions: list[tuple[Parameters, tuple[bool, ...]]] = []
    for rule in config.rules:
        if rule.name not in config.training_rules:
            continue
        found = (by_rule or {}).get(rule.name)
        if found is None:
            found = rule_pair_keys(prepared, rule, config.max_block)
        pos = np.searchsorted(keys, found)
        hit = pos < len(keys)
        hit[hit] = keys[pos[hit]] == found[hit]  # link-only drops pairs within a source
        rows = pos[hit]
        if len(rows) < 50:
            continue
        if len(rows) > config.em_sample_pairs:
            rows = rng.choice(rows, config.em_sample_pairs, replace=False)
        sessions.append(em_session(levels[rows], rule, config, u_random))
    params = combine_sessions(
        config.comparisons, [s for s, _ in sessions], [t for _, t in sessions], u_random
    )
    # The expected number of matches among a random sample of the candidates, scaled up.
    share = min(1.0, config.rate_sample_pairs / max(len(levels), 1))
    if share < 1.0:
        levels = levels[rng.integers(0, len(levels), config.rate_sample_pairs)]
    set_match_rate(params, levels, total_pairs(prepared, config) * share)
    return params


def random_pair_frequencies(
    e: Encoded, prepared: pd.DataFrame, config: ResolverConfig, rng: np.random.Generator, n: int
) -> list[Floats]:
    """u: level frequencies among random pairs of ``prepared`` (all ``n`` records or a
    sample of them); enough pairs to see rare coincidences, no more than the data gives."""
    k = min(config.u_sample_pairs, max(40_000, 10 * n))
    rl, rr = _random_pairs(prepared, k, config.link_only, rng)
    return level_frequencies(compare(e, rl, rr, config.comparisons), config.comparisons)


def em_session(
    levels: LevelMatrix,
    rule: BlockingRule,
    config: ResolverConfig,
    u_random: list[Floats],
    counts: Floats | None = None,
) -> tuple[Parameters, tuple[bool, ...]]:
    """m by EM on one training rule's pairs (or level patterns with ``counts``), leaving
    out the comparisons the rule forces to agree; and which comparisons it could train."""
    names = [c.name for c in config.comparisons]
    sample = levels.copy()
    for name in rule.covers:
        if name in names:
            sample[:, names.index(name)] = 0
    session = expectation_maximisation(
        sample, config.comparisons, u_random, fix_u=True, counts=counts
    )
    return session, tuple(bool((sample[:, j] > 0).any()) for j in range(len(names)))


def set_match_rate(
    params: Parameters, levels: LevelMatrix, total: float, counts: Floats | None = None
) -> None:
    """The match rate that makes the candidates' expected matches consistent with ``total``
    possible pairs (``levels``: candidate pairs, or their patterns with ``counts``)."""
    base = match_weights(params, levels) - np.log2(params.match_rate / (1 - params.match_rate))
    params.match_rate = estimate_match_rate(params, base, total, counts=counts)


def total_pairs(prepared: pd.DataFrame, config: ResolverConfig) -> float:
    sizes = prepared["source"].value_counts().to_numpy() if config.link_only else None
    return pairs_among(len(prepared), sizes)


def pairs_among(n: int, source_sizes: Any = None) -> float:
    """Every pair of ``n`` records, or only the pairs across sources of these sizes."""
    if source_sizes is None:
        return n * (n - 1) / 2
    sizes = np.asarray(source_sizes, dtype=np.float64)
    return float((sizes.sum() ** 2 - (sizes**2).sum()) / 2)


def resolve_frame(
    prepared: pd.DataFrame,
    config: ResolverConfig | None = None,
    threshold: float = 0.5,
    progress: Progress | None = None,
) -> ScoredPairs:
    """Scored pairs at or above ``threshold``."""
    return score_pairs(prepared, config, progress).above(threshold)


def explain(params: Parameters, levels: Sequence[int]) -> dict[str, tuple[str, float]]:
    """Per comparison: the level a pair reached and its log2 Bayes factor (for review UIs)."""
    bfs = params.log2_bayes_factors()
    return {
        c.name: (c.levels[lv], float(bfs[j][lv]))
        for j, (c, lv) in enumerate(zip(params.comparisons, levels, strict=True))
    }
