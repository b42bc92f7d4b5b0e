"""A report's neighbourhood in the stored index, in one statement: per entity the stored
entities sharing most blocking keys with it, their stored profiles, which of the report's own
entities are stored already, and the newest model's version."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import Integer, Select, bindparam, func, literal, select, true, union_all
from sqlalchemy.orm import Session

from enlace.resolution.profiles import PROFILE_FIELDS
from enlace.resolution.tables import ResolutionKey, ResolutionModel, ResolutionProfile

MAX_CANDIDATES = 60
PROFILE_COLUMNS = [getattr(ResolutionProfile, f) for f in PROFILE_FIELDS]


def newest_model() -> Select[int, Any]:
    return (
        select(ResolutionModel.id, ResolutionModel.created_at)
        .order_by(ResolutionModel.id.desc())
        .limit(1)
    )


def _top(k: int, limit: int) -> Select[int, int]:
    """Stored entities sharing any of the keys ``keys_<k>`` with how many they share, most
    first (ties: smallest id), leaving out ``own_ids``. Reads ``ix_resolution_keys_key_entity``
    alone."""
    shared = func.count().label("shared")
    return (
        select(ResolutionKey.entity_id, shared)
        .where(
            ResolutionKey.key.in_(bindparam(f"keys_{k}", expanding=True)),
            ResolutionKey.entity_id.not_in(bindparam("own_ids", expanding=True)),
        )
        .group_by(ResolutionKey.entity_id)
        .order_by(shared.desc(), ResolutionKey.entity_id)
        .limit(limit)
    )


def candidate_query(keys: Sequence[str], exclude: Collection[int]) -> Select[int, int]:
    """The stored entities sharing most of ``keys``, leaving out ``exclude``."""
    return _top(0, MAX_CANDIDATES).params(keys_0=list(keys), own_ids=sorted(exclude))


@lru_cache(maxsize=64)
def _neighbourhood_query(slots: int, limit: int) -> Select[*tuple[Any, ...]]:
    """The statement of :func:`neighbourhood` for ``slots`` entities with keys: built once,
    since building it costs more than running it."""
    parts: list[Select[*tuple[Any, ...]]] = []
    for k in range(slots):
        top = _top(k, limit).subquery()
        own = bindparam(f"own_{k}", type_=Integer).label("own")
        parts.append(select(own, top.c.entity_id, top.c.shared))
    # The report's own entities ride along (shared = 0) to say which are stored already.
    parts.append(
        select(
            literal(0).label("own"), ResolutionProfile.entity_id, literal(0).label("shared")
        ).where(ResolutionProfile.entity_id.in_(bindparam("own_ids", expanding=True)))
    )
    found = union_all(*parts).subquery()
    newest = newest_model().subquery()
    return (
        select(
            found.c.own,
            found.c.shared,
            newest.c.id.label("model_id"),
            newest.c.created_at.label("model_at"),
            ResolutionProfile.entity_id,
            ResolutionProfile.prepared,
            *PROFILE_COLUMNS,
        )
        .join(ResolutionProfile, ResolutionProfile.entity_id == found.c.entity_id)
        .outerjoin(newest, true())
    )


@dataclass
class Neighbourhood:
    """What one statement tells about a report's entities: per entity the stored entities
    sharing most keys with it, their stored profiles, which of the report's own entities have
    a stored profile already, and the newest model's version."""

    shared: dict[int, list[tuple[int, int]]]  # own entity -> [(stored entity, keys shared)]
    profiles: dict[int, Any]  # stored entity -> its profile row
    own_stored: set[int]
    newest: tuple[int, Any] | None


def neighbourhood(session: Session, own: Mapping[int, Sequence[str]]) -> Neighbourhood:
    """Candidates of every entity of a report and their profiles, in one statement."""
    keyed = [(eid, keys) for eid, keys in own.items() if keys]
    params: dict[str, Any] = {"own_ids": sorted(own)}
    for k, (eid, keys) in enumerate(keyed):
        params[f"keys_{k}"], params[f"own_{k}"] = list(keys), eid
    rows = session.execute(_neighbourhood_query(len(keyed), MAX_CANDIDATES), params).all()
    out = Neighbourhood(defaultdict(list), {}, set(), None)
    for r in rows:
        out.newest = (r.model_id, r.model_at)
        if r.shared == 0:
            out.own_stored.add(int(r.entity_id))
            continue
        out.shared[int(r.own)].append((int(r.entity_id), int(r.shared)))
        out.profiles[int(r.entity_id)] = r
    return out
