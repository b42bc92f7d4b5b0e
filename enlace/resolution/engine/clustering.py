"""Pairwise scores to entities: constrained union-find with stable cluster ids.

Edges are merged by descending probability. A merge that would put two records with a
standing negative judgement in one cluster is refused, so a rejected pair never comes
back through transitivity (A~B, B~C, but A≠C: the weaker of A~B or B~C loses). Positive
judgements merge first, whatever the model says. Each cluster is named by its smallest
record id, so ids survive re-runs as long as that record stays in the cluster.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from enlace.resolution.engine.judgements import Judgement, JudgementLog, Verdict

# Thresholds per use: deconfliction must not merge two people; leads may over-merge.
THRESHOLDS: dict[str, float] = {"deconfliction": 0.99, "default": 0.9, "leads": 0.5}


@dataclass(frozen=True)
class Merge:
    """One accepted edge: the evidence for a merge, kept for audit."""

    left: str
    right: str
    probability: float
    by: str  # "model" or "judgement"


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.forbidden: dict[int, set[int]] = {}

    def find(self, x: int) -> int:
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def blocked(self, ra: int, rb: int) -> bool:
        fa, fb = self.forbidden.get(ra, set()), self.forbidden.get(rb, set())
        small, other = (fa, rb) if len(fa) <= len(fb) else (fb, ra)
        return any(self.find(x) == other for x in small)

    def union(self, ra: int, rb: int) -> None:
        self.parent[rb] = ra
        if rb in self.forbidden:
            self.forbidden.setdefault(ra, set()).update(self.forbidden.pop(rb))


def cluster(
    record_ids: Sequence[str],
    left: Sequence[int] | np.ndarray[Any, Any],
    right: Sequence[int] | np.ndarray[Any, Any],
    probability: Sequence[float] | np.ndarray[Any, Any],
    threshold: float = THRESHOLDS["default"],
    judgements: Iterable[Judgement] | JudgementLog = (),
    audit: list[Merge] | None = None,
) -> list[str]:
    """Cluster id (smallest member record id) for each record.

    ``left``/``right`` are row positions into ``record_ids``; judgements name record ids.
    Unsure judgements leave the model's edge as it is.
    """
    n = len(record_ids)
    position = {rid: i for i, rid in enumerate(record_ids)}
    log = judgements if isinstance(judgements, JudgementLog) else JudgementLog(judgements)
    verdicts = log.current()
    uf = _UnionFind(n)
    for (a, b), verdict in verdicts.items():
        if verdict == Verdict.NEGATIVE and a in position and b in position:
            ia, ib = position[a], position[b]
            uf.forbidden.setdefault(ia, set()).add(ib)
            uf.forbidden.setdefault(ib, set()).add(ia)
    edges: list[tuple[int, int, float, str]] = [
        (position[a], position[b], 1.0, "judgement")
        for (a, b), v in verdicts.items()
        if v == Verdict.POSITIVE and a in position and b in position
    ]
    prob = np.asarray(probability, dtype=np.float64)
    keep = np.flatnonzero(prob >= threshold)
    order = keep[np.argsort(-prob[keep], kind="stable")]
    lt, rt = np.asarray(left, dtype=np.int64), np.asarray(right, dtype=np.int64)
    for i, j, p in zip(lt[order].tolist(), rt[order].tolist(), prob[order].tolist(), strict=True):
        judged = verdicts.get(_key(record_ids[i], record_ids[j]))
        if judged is None or judged == Verdict.UNSURE:
            edges.append((i, j, p, "model"))
    for i, j, p, by in edges:
        ra, rb = uf.find(i), uf.find(j)
        if ra == rb or (uf.forbidden and uf.blocked(ra, rb)):
            continue
        uf.union(ra, rb)
        if audit is not None:
            audit.append(Merge(record_ids[i], record_ids[j], p, by))
    return _stable_ids(record_ids, [uf.find(i) for i in range(n)])


def _key(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def _stable_ids(record_ids: Sequence[str], roots: list[int]) -> list[str]:
    smallest: dict[int, str] = {}
    for rid, root in zip(record_ids, roots, strict=True):
        if root not in smallest or rid < smallest[root]:
            smallest[root] = rid
    return [smallest[root] for root in roots]
