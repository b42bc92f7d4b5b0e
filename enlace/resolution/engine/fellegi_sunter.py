"""Fellegi–Sunter model: m and u probabilities per comparison level, trained without labels.

Training follows Splink's recipe in spirit:

1. ``u`` (how often non-matches agree at each level) from comparisons of random pairs;
2. ``m`` (how often matches agree) and the match rate by expectation maximisation over
   the blocked candidate pairs. EM runs on the distinct comparison patterns weighted by
   their counts, so it costs microseconds per iteration whatever the number of pairs.
   ``u`` is re-estimated among candidates too (blocking makes non-matches in the
   candidate set agree more than random pairs do), which keeps the posterior calibrated
   for the pairs actually scored.

Scoring adds term-frequency adjustments on exact name levels: agreeing on "garcia" is
weaker evidence than agreeing on "zuazo".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from enlace.resolution.engine.comparisons import Comparison

LevelMatrix = np.ndarray[Any, np.dtype[np.int8]]
Floats = np.ndarray[Any, np.dtype[np.float64]]
_FLOOR = 1e-6


@dataclass
class Parameters:
    """Trained parameters: per comparison, m and u per level (index 0 unused)."""

    comparisons: tuple[Comparison, ...]
    m: list[Floats]
    u: list[Floats]
    u_random: list[Floats]
    match_rate: float
    iterations: int = 0
    converged: bool = False
    history: list[float] = field(default_factory=list)

    def log2_bayes_factors(self) -> list[Floats]:
        out = []
        for m, u in zip(self.m, self.u, strict=True):
            bf = np.log2(np.maximum(m, _FLOOR) / np.maximum(u, _FLOOR))
            bf[0] = 0.0
            out.append(bf)
        return out


def level_frequencies(
    levels: LevelMatrix, comparisons: tuple[Comparison, ...], prior_pairs: float = 500.0
) -> list[Floats]:
    """Share of non-null pairs at each level, per comparison (index 0 set to 1)."""
    out = []
    for j, comparison in enumerate(comparisons):
        counts = np.bincount(levels[:, j], minlength=len(comparison.levels)).astype(np.float64)
        counts[0] = 0.0
        # Pseudo-counts from a generic prior (agreement levels rare among non-matches)
        # keep u sensible when the input is too small to sample many random pairs.
        prior = _default_u(len(comparison.levels))
        freq = (counts + prior_pairs * prior) / (counts.sum() + prior_pairs)
        freq[0] = 1.0
        out.append(freq)
    return out


def _default_u(k: int) -> Floats:
    prior = np.zeros(k)
    prior[1:-1] = 0.002 * 2.0 ** np.arange(k - 2)
    prior[-1] = 1.0 - prior[1:-1].sum()
    return prior


def _initial_m(comparison: Comparison) -> Floats:
    """Prior m: agreement levels in declining shares (0.95 in all), 0.05 for "else"."""
    k = len(comparison.levels)
    m = np.zeros(k)
    shares = 0.6 ** np.arange(k - 2)
    m[1:-1] = 0.95 * shares / shares.sum()
    m[-1] = 0.05
    m[0] = 1.0
    return m


def _cap_else(m: Floats, comparison: Comparison) -> Floats:
    cap = comparison.max_else_m
    if cap is None or m[-1] <= cap:
        return m
    rest = m[1:-1].sum()
    out = m.copy()
    out[-1] = cap
    if rest > 0:
        out[1:-1] *= (1 - cap) / rest
    return out


def _patterns(levels: LevelMatrix) -> tuple[LevelMatrix, Floats]:
    """Distinct rows of levels and their counts.

    Each row is read as one mixed-radix integer, so a plain sort finds them: much
    cheaper than ``np.unique(axis=0)`` on millions of rows.
    """
    radix = [int(levels[:, j].max(initial=0)) + 1 for j in range(levels.shape[1])]
    if len(levels) == 0 or np.prod(radix, dtype=float) >= 2.0**62:
        distinct, counts = np.unique(levels, axis=0, return_counts=True)
        return distinct, counts.astype(np.float64)
    codes = np.zeros(len(levels), dtype=np.int64)
    for j, base in enumerate(radix):
        codes = codes * base + levels[:, j]
    order = np.argsort(codes)
    codes = codes[order]
    first = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]])
    counts = np.diff(np.r_[first, len(codes)]).astype(np.float64)
    return levels[order[first]], counts


def expectation_maximisation(
    levels: LevelMatrix,
    comparisons: tuple[Comparison, ...],
    u_random: list[Floats],
    max_iterations: int = 200,
    tolerance: float = 1e-7,
    fix_u: bool = False,
    prior_strength: float = 10.0,
    counts: Floats | None = None,
) -> Parameters:
    """Fit m, u and the match rate on candidate-pair comparison levels.

    With ``counts``, ``levels`` holds level patterns and how many pairs show each (as a
    cluster's ``groupBy(levels).count()`` gives them) instead of one row per pair.
    """
    patterns, counts = _patterns(levels) if counts is None else (levels, counts)
    m = [_initial_m(c) for c in comparisons]
    u = [x.copy() for x in u_random]
    rate = 0.05
    history: list[float] = []
    converged = False
    iteration = 0
    for iteration in range(1, max_iterations + 1):  # noqa: B007 - used after the loop
        log_m = np.zeros(len(patterns))
        log_u = np.zeros(len(patterns))
        for j in range(len(comparisons)):
            log_m += np.log(np.maximum(m[j], _FLOOR))[patterns[:, j]] * (patterns[:, j] > 0)
            log_u += np.log(np.maximum(u[j], _FLOOR))[patterns[:, j]] * (patterns[:, j] > 0)
        a = np.log(rate) + log_m
        b = np.log1p(-rate) + log_u
        top = np.maximum(a, b)
        posterior = np.exp(a - top) / (np.exp(a - top) + np.exp(b - top))
        w_match = counts * posterior
        w_non = counts - w_match
        new_rate = float(w_match.sum() / counts.sum())
        delta = abs(new_rate - rate)
        rate = min(max(new_rate, 1e-9), 1 - 1e-9)
        for j, comparison in enumerate(comparisons):
            k = len(comparison.levels)
            # Dirichlet prior: a few pseudo-matches spread like the initial m, so a level
            # seen rarely in one training block is not driven to zero.
            new_m: Floats = np.bincount(patterns[:, j], weights=w_match, minlength=k).astype(
                np.float64
            )
            new_m[0] = 0.0
            prior = _initial_m(comparison)
            prior[0] = 0.0
            new_m = (new_m + prior_strength * prior) / (new_m.sum() + prior_strength)
            new_m = _cap_else(new_m, comparison)
            new_m[0] = 1.0
            delta = max(delta, float(np.abs(new_m - m[j]).max()))
            m[j] = new_m
            if not fix_u:
                new_u = np.bincount(patterns[:, j], weights=w_non, minlength=k)
                new_u[0] = 0.0
                new_u = (new_u + 1e-3) / (new_u.sum() + 1e-3 * (k - 1))
                new_u[0] = 1.0
                u[j] = new_u
        history.append(rate)
        if delta < tolerance:
            converged = True
            break
    return Parameters(comparisons, m, u, u_random, rate, iteration, converged, history)


def combine_sessions(
    comparisons: tuple[Comparison, ...],
    sessions: list[Parameters],
    trained: list[tuple[bool, ...]],
    u_random: list[Floats],
) -> Parameters:
    """Average each comparison's m over the sessions that could estimate it."""
    m: list[Floats] = []
    for j, comparison in enumerate(comparisons):
        estimates = [s.m[j] for s, mask in zip(sessions, trained, strict=True) if mask[j]]
        m.append(np.mean(estimates, axis=0) if estimates else _initial_m(comparison))
    iterations = sum(s.iterations for s in sessions)
    converged = all(s.converged for s in sessions)
    return Parameters(comparisons, m, [u.copy() for u in u_random], u_random, 1e-4,
                      iterations, converged)  # fmt: skip


def estimate_match_rate(
    params: Parameters,
    weights_without_prior: Floats,
    total_pairs: float,
    iterations: int = 50,
    counts: Floats | None = None,
) -> float:
    """Probability that two random records match, by fixed point over the candidate pairs.

    Pairs outside the candidate set count as non-matches; the expected number of matches
    among candidates divided by all possible pairs is the rate, which feeds back into the
    posterior until stable. ``counts`` says how many pairs each weight stands for (one each
    when not given).
    """
    rate = params.match_rate
    # Pairs share a few thousand distinct weights: iterate on those with their counts.
    if counts is None:
        distinct, seen = np.unique(weights_without_prior, return_counts=True)
    else:
        distinct, where = np.unique(weights_without_prior, return_inverse=True)
        seen = np.bincount(where, weights=counts)
    for _ in range(iterations):
        odds = np.log2(rate / (1 - rate))
        expected = float((probability(distinct + odds) * seen).sum())
        new = min(max(expected / total_pairs, 1e-12), 0.5)
        if abs(new - rate) < 1e-9 * max(rate, 1e-12) + 1e-15:
            break
        rate = new
    return rate


def match_weights(params: Parameters, levels: LevelMatrix) -> Floats:
    """Log2 Bayes factor sum plus prior log-odds for each pair (no TF adjustment)."""
    bfs = params.log2_bayes_factors()
    weight = np.full(len(levels), np.log2(params.match_rate / (1 - params.match_rate)))
    for j, bf in enumerate(bfs):
        weight += bf[levels[:, j]]
    return weight


def tf_adjustment(
    params: Parameters,
    levels: LevelMatrix,
    comparison_index: int,
    value_frequency: Floats,
) -> Floats:
    """Extra log2 weight for exact agreement on a value of known frequency.

    The level's Bayes factor assumed the average chance of agreeing by coincidence; for a
    given value that chance is its frequency. Clipped so one rare typo cannot dominate.
    """
    comparison = params.comparisons[comparison_index]
    u_exact = float(params.u_random[comparison_index][list(comparison.tf_levels)].sum())
    on = np.isin(levels[:, comparison_index], comparison.tf_levels) & (value_frequency > 0)
    adj = np.zeros(len(levels))
    adj[on] = np.clip(np.log2(u_exact / value_frequency[on]), -6.0, 4.0)
    return adj


def probability(weight: Floats) -> Floats:
    return 1.0 / (1.0 + np.exp2(-np.clip(weight, -60, 60)))
