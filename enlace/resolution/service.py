"""Person resolution over stored mentions: profiles, blocking keys, incremental and batch runs.

Extraction links people on their folded full name; here every person entity gets a profile (its
fullest name, an age written next to it, the phone and address nearest to it in its reports and
nearer to it than to anyone else named there, the report's place) and a few blocking keys stored
in ``resolution_keys``. A new report's people are compared only with the entities sharing a key
(:func:`resolve_report`, the ``resolve`` step of the work queue), with parameters trained on the
whole population (:func:`resolve_entities`, ``enlace resolve-entities``). Pairs above the default
threshold whose names agree merge; the others above the leads threshold wait in the review
queue. Analysts' judgements (:mod:`enlace.resolution.review`) always win, and a negative
one keeps a pair apart even through a third entity.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from threading import Lock
from typing import Any

import numpy as np
import pandas as pd  # type: ignore[import-untyped]
from sqlalchemy import (
    delete,
    false,
    select,
    text,
)
from sqlalchemy.orm import Session

from enlace.errors import ConfigError
from enlace.extraction.tables import Mention
from enlace.intake.tables import Report
from enlace.networks.service import bind_key
from enlace.resolution import entities as entity_ops
from enlace.resolution.engine import (
    THRESHOLDS,
    Judgement,
    ResolverConfig,
    Verdict,
    cluster,
    explain,
    score_pairs,
)
from enlace.resolution.engine.blocking import BlockingRule
from enlace.resolution.engine.fellegi_sunter import Parameters
from enlace.resolution.index import (
    profile_frame,
    profile_rows,
    rid,
    row_keys,
    rows_frame,
    store_profile_rows,
    store_profiles,
    stored_rows,
)
from enlace.resolution.neighbourhood import (
    MAX_CANDIDATES,
    neighbourhood,
    newest_model,
)
from enlace.resolution.profiles import (
    among,
    chunks,
    load_profiles,
)
from enlace.resolution.tables import (
    EntityMerge,
    ResolutionCandidate,
    ResolutionJudgement,
    ResolutionKey,
    ResolutionModel,
)

RESOLUTION_LOCK = 0x656E6C616365  # "enlace": the advisory lock resolution runs under
# The parameters a node starts from before it has trained on its own people.
BOOTSTRAP_FILE = Path(__file__).with_name("bootstrap_parameters.json")

__all__ = [
    "ResolveSummary",
    "hold_resolution_lock",
    "load_profiles",
    "model_parameters",
    "pair",
    "profile_frame",
    "resolve_entities",
    "resolve_report",
    "store_profiles",
]


# --- model parameters -------------------------------------------------------------------

_params_cache: dict[str, tuple[tuple[int, str], Parameters]] = {}
_params_lock = Lock()
INCREMENTAL_CONFIG = ResolverConfig(
    # One report against a handful of namesakes: term frequencies of that small set would
    # punish every shared surname, so exact agreement counts at its population average.
    comparisons=tuple(replace(c, tf_column=None) for c in ResolverConfig().comparisons),
    # The stored keys did the blocking already: compare every pair of the small frame.
    rules=(BlockingRule("stored_keys", lambda p: [pd.Series(["k"] * len(p), dtype=object)]),),
)


def params_json(params: Parameters) -> dict[str, Any]:
    return {
        "comparisons": [[c.name, list(c.levels)] for c in params.comparisons],
        "m": [np.asarray(x).tolist() for x in params.m],
        "u": [np.asarray(x).tolist() for x in params.u],
        "u_random": [np.asarray(x).tolist() for x in params.u_random],
        "match_rate": float(params.match_rate),
    }


def _params_from(data: Mapping[str, Any]) -> Parameters | None:
    comparisons = ResolverConfig().comparisons
    if data.get("comparisons") != [[c.name, list(c.levels)] for c in comparisons]:
        return None  # trained for another set of comparisons: retrain
    arrays = {k: [np.asarray(x, dtype=np.float64) for x in data[k]] for k in ("m", "u", "u_random")}
    return Parameters(
        comparisons, arrays["m"], arrays["u"], arrays["u_random"], float(data["match_rate"])
    )


def train_parameters(profiles: Mapping[int, Mapping[str, str]]) -> Parameters:
    return score_pairs(profile_frame(sorted(profiles), profiles)).params


def model_parameters(session: Session, newest: tuple[int, Any] | None = None) -> Parameters:
    """The newest stored parameters; trained on synthetic data when none are stored yet.

    ``newest`` is the (id, created_at) of the newest stored model when the caller read it
    along with something else, which saves a statement."""
    key = bind_key(session)
    row = newest if newest is not None else session.execute(newest_model()).first()
    version = (row[0], row[1].isoformat()) if row and row[0] is not None else (0, "")
    with _params_lock:
        cached = _params_cache.get(key)
        if cached is not None and cached[0] == version:
            return cached[1]
    data = session.scalar(
        select(ResolutionModel.parameters).where(ResolutionModel.id == version[0])
    )
    params = _params_from(data) if data else None
    if params is None:
        params = _bootstrap_parameters()
    with _params_lock:
        _params_cache[key] = (version, params)
    return params


@cache
def _bootstrap_parameters() -> Parameters:
    """Parameters trained on the synthetic population (``enlace.demo.bootstrap`` writes them)."""
    params = _params_from(json.loads(BOOTSTRAP_FILE.read_text(encoding="utf-8")))
    if params is None:
        raise ConfigError(
            f"{BOOTSTRAP_FILE.name} was trained for other comparisons: "
            "run `python -m enlace.demo.bootstrap` to train it again"
        )
    return params


# --- judgements and decisions -----------------------------------------------------------


def pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a <= b else (b, a)


def absorbed_into(session: Session, ids: Collection[int]) -> dict[int, int]:
    """Every entity merged (directly or in steps) into one of ``ids``, mapped to that one."""
    owner: dict[int, int] = {}
    wanted = set(ids)
    frontier = {i: i for i in wanted}
    while frontier:
        found: dict[int, int] = {}
        for chunk in chunks(sorted(frontier)):
            for kept, gone in session.execute(
                select(EntityMerge.kept_entity_id, EntityMerge.merged_entity_id).where(
                    among(session, EntityMerge.kept_entity_id, chunk),
                    EntityMerge.undone_at.is_(None),
                )
            ):
                if gone not in owner and gone not in wanted:
                    owner[gone] = found[gone] = frontier[kept]
        frontier = found
    return owner


def _engine_judgements(session: Session, ids: Collection[int]) -> list[Judgement]:
    """Judgements touching these entities or entities merged into them, named by the entity
    now holding each side; the log order (id) keeps the latest verdict per pair in force."""
    wanted = set(ids)
    owner = absorbed_into(session, wanted)
    scope = sorted(wanted | set(owner))
    rows: dict[int, ResolutionJudgement] = {}
    for chunk in chunks(scope):
        for j in session.scalars(
            select(ResolutionJudgement).where(
                among(session, ResolutionJudgement.left_entity_id, chunk)
                | among(session, ResolutionJudgement.right_entity_id, chunk)
            )
        ):
            rows[j.id] = j
    out = []
    for j in sorted(rows.values(), key=lambda j: j.id):
        a = owner.get(j.left_entity_id, j.left_entity_id)
        b = owner.get(j.right_entity_id, j.right_entity_id)
        if a != b and a in wanted and b in wanted:
            out.append(
                Judgement(rid(a), rid(b), Verdict(j.verdict), reason=j.reason, at=j.created_at)
            )
    return out


@dataclass(frozen=True)
class Decisions:
    merges: int
    candidates: int


@dataclass(frozen=True)
class Pending:
    """Profiles computed but not stored yet: written once decisions are taken, unless merged
    away meanwhile (which saves writing and deleting the same rows within one report)."""

    profiles: Mapping[int, Mapping[str, str]]
    rows: Mapping[int, dict[str, Any]]
    stored: Collection[int] = ()  # those with a profile stored already, to be replaced


def _decide(
    session: Session,
    ids: Sequence[int],
    left: np.ndarray[Any, Any],
    right: np.ndarray[Any, Any],
    probability: np.ndarray[Any, Any],
    levels: np.ndarray[Any, Any],
    params: Parameters,
    pending: Pending | None = None,
) -> Decisions:
    """Cluster scored pairs (judgements on top); merge clusters, queue uncertain pairs.

    The model merges on its own only when the names agree at least in part: a pair whose given
    names or surnames differ or are missing on one side ("el Padrino", "Francisco") goes to the
    review queue instead, however much the phone and place nearby agree. People named in one
    report share its phone and place; only their names tell them apart.
    """
    if not len(left):
        # Nothing scored: a judgement alone merges nothing here (a confirmed pair was merged
        # when it was confirmed), so the log need not be read.
        _store_after(session, set(), set(), pending)
        return Decisions(0, 0)
    rids = [rid(i) for i in ids]
    judgements = _engine_judgements(session, ids)
    decisive = np.where(
        names_agree(params, levels), probability, np.minimum(probability, UNDECIDED)
    )
    clusters = cluster(rids, left, right, decisive, THRESHOLDS["default"], judgements)
    row_of = {pair(int(a), int(b)): k for k, (a, b) in enumerate(zip(left, right, strict=True))}
    groups: dict[str, list[int]] = defaultdict(list)
    for pos, cid in enumerate(clusters):
        groups[cid].append(pos)
    merges = 0
    touched: set[int] = set()
    gone: set[int] = set()
    for positions in groups.values():
        if len(positions) < 2:
            continue
        keeper = min(positions, key=lambda p: ids[p])
        for pos in positions:
            if pos == keeper:
                continue
            best = max(
                (row_of[k] for k in (pair(pos, q) for q in positions) if k in row_of),
                key=lambda k: probability[k],
                default=None,
            )
            entity_ops.merge_entities(
                session,
                ids[keeper],
                ids[pos],
                by="model",
                probability=float(probability[best]) if best is not None else None,
                evidence=_evidence(params, levels[best]) if best is not None else {},
                drop_index=False,  # with the keeper's, in _store_after
            )
            merges += 1
            gone.add(ids[pos])
        touched.add(ids[keeper])
    queued = 0
    judged = {pair(int(j.left), int(j.right)) for j in judgements}
    for k in np.flatnonzero((decisive >= THRESHOLDS["leads"]) & (decisive < THRESHOLDS["default"])):
        a, b = int(left[k]), int(right[k])
        if clusters[a] == clusters[b] or pair(ids[a], ids[b]) in judged:
            continue
        queued += _queue(
            session, ids[a], ids[b], float(probability[k]), _evidence(params, levels[k])
        )
    _store_after(session, touched, gone, pending)
    return Decisions(merges, queued)


def _store_after(
    session: Session, touched: set[int], gone: set[int], pending: Pending | None
) -> None:
    """Profiles of the keepers (their mentions changed) and of pending entities still standing."""
    profiles: dict[int, Mapping[str, str]] = {}
    if touched:
        profiles.update(load_profiles(session, touched))
    rows: dict[int, dict[str, Any]] = {}
    fresh: set[int] = set()  # nothing stored for these yet: nothing to delete first
    if pending is not None:
        for eid, profile in pending.profiles.items():
            if eid not in touched and eid not in gone:
                profiles[eid], rows[eid] = profile, pending.rows[eid]
                if eid not in pending.stored:
                    fresh.add(eid)
    if profiles or gone:  # the merged-away leave the blocking index with the keepers' old rows
        store_profile_rows(session, profiles, rows, fresh=fresh, drop=gone)


UNDECIDED = np.nextafter(THRESHOLDS["default"], 0.0)  # just below the merge threshold
# Levels at which names disagree or cannot be compared: never enough for a merge by the model.
_NAME_BLOCKERS = {"given_name": ("null", "else"), "surname": ("null", "else")}


def names_agree(params: Parameters, levels: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """Per scored pair: whether both the given names and the surnames agree at least in part."""
    ok = np.ones(len(levels), dtype=bool)
    for j, comparison in enumerate(params.comparisons):
        blockers = _NAME_BLOCKERS.get(comparison.name, ())
        for level in blockers:
            ok &= levels[:, j] != comparison.levels.index(level)
    return ok


def _evidence(params: Parameters, levels: Sequence[int]) -> dict[str, Any]:
    return {
        name: [level, round(bf, 2)]
        for name, (level, bf) in explain(params, [int(x) for x in levels]).items()
    }


def _queue(session: Session, a: int, b: int, probability: float, evidence: dict[str, Any]) -> int:
    lo, hi = pair(a, b)
    existing = session.scalar(
        select(ResolutionCandidate).where(
            ResolutionCandidate.left_entity_id == lo, ResolutionCandidate.right_entity_id == hi
        )
    )
    if existing is not None:
        existing.probability, existing.evidence = probability, evidence
        return 0
    session.add(
        ResolutionCandidate(
            left_entity_id=lo, right_entity_id=hi, probability=probability, evidence=evidence
        )
    )
    return 1


# --- incremental and batch runs ---------------------------------------------------------


def _candidates(
    entity_id: int, stored: Sequence[tuple[int, int]], own: Mapping[int, Sequence[str]]
) -> list[int]:
    """The entities sharing most keys with ``entity_id`` (ties: smallest id first): the
    stored ones, and the report's other entities by the keys they are about to store."""
    mine = set(own[entity_id])
    if not mine:
        return []
    ranked = [(n, i) for i, n in stored]
    ranked += [(len(mine.intersection(k)), i) for i, k in own.items() if i != entity_id]
    ranked.sort(key=lambda c: (-c[0], c[1]))
    return [i for n, i in ranked[:MAX_CANDIDATES] if n > 0]


def hold_resolution_lock(session: Session) -> None:
    """One resolution at a time per database, held until the transaction ends.

    Two tips naming the same person, resolved at once by two workers, would otherwise each
    miss the other's new entity. PostgreSQL takes an advisory lock; SQLite its write lock.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": RESOLUTION_LOCK})
    else:
        session.execute(delete(ResolutionKey).where(false()))


def resolve_report(session: Session, report: Report) -> None:
    """Pipeline step: resolve the people of one new report against stored person entities.

    On PostgreSQL a report naming one new person costs five statements and the commit when
    nothing merges: the lock, the report's person entities (with any merge that took one
    away), their mentions in context, their neighbourhood (candidates, their profiles, the
    model's version) and the profile with its keys.
    """
    hold_resolution_lock(session)
    found_ids = session.execute(
        select(Mention.entity_id, EntityMerge.id)
        .outerjoin(
            EntityMerge,
            (EntityMerge.merged_entity_id == Mention.entity_id) & EntityMerge.undone_at.is_(None),
        )
        .where(
            Mention.report_id == report.id,
            Mention.kind == "person",
            Mention.entity_id.is_not(None),
        )
    ).all()
    ids = sorted({int(i) for i, _ in found_ids if i is not None})
    if not ids:
        return
    if any(merged is not None for _, merged in found_ids):
        ids = entity_ops.follow_merges(session, report.id, ids)
    own = load_profiles(session, ids)
    order = sorted(own)
    # A handful of rows: prepared without frames, and stored once the decisions are taken.
    own_rows = profile_rows(order, own)
    own_keys = dict(zip(order, row_keys(own_rows), strict=True))
    near = neighbourhood(session, own_keys)
    pending = Pending(own, dict(zip(order, own_rows, strict=True)), near.own_stored)
    found: set[int] = set()
    for eid in order:
        found.update(_candidates(eid, near.shared.get(eid, ()), own_keys))
    found -= set(own)
    if not found:
        _store_after(session, set(), set(), pending)
        return
    others = [near.profiles[i] for i in sorted(found)]
    everyone = [*order, *sorted(found)]
    columns = list(own_rows[0])
    stored = stored_rows(others, columns)
    both = rows_frame([*own_rows, *stored], columns)
    params = model_parameters(session, near.newest)
    # Only the pairs touching the report's people: the stored ones were decided before.
    scored = score_pairs(both, INCREMENTAL_CONFIG, params=params, focus=len(order))
    sel = scored.probability >= THRESHOLDS["leads"]
    _decide(
        session,
        everyone,
        scored.left[sel],
        scored.right[sel],
        scored.probability[sel],
        scored.levels[sel],
        params,
        pending,
    )


@dataclass(frozen=True)
class ResolveSummary:
    entities: int
    candidate_pairs: int
    merges: int
    queued: int


def resolve_entities(
    session: Session, progress: Callable[[int, int], None] | None = None
) -> ResolveSummary:
    """Batch run over every person entity: retrain, store the model, merge and queue pairs."""
    hold_resolution_lock(session)
    profiles = load_profiles(session)
    frame = store_profiles(session, profiles)
    ids = sorted(profiles)
    if len(ids) < 2:
        return ResolveSummary(len(ids), 0, 0, 0)
    scored = score_pairs(frame, ResolverConfig(), progress)
    session.add(ResolutionModel(parameters=params_json(scored.params), records=len(ids)))
    keep = scored.above(THRESHOLDS["leads"])
    decided = _decide(
        session, ids, keep.left, keep.right, keep.probability, keep.levels, scored.params
    )
    session.flush()
    return ResolveSummary(len(ids), len(scored.left), decided.merges, decided.candidates)
