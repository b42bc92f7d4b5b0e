"""Analyst judgements on people: confirm, reject or leave unsure a pair or a whole merged entity,
undo and redo merges, and the review queue.

Judgements are an append-only log (who, when, why); the latest one on a pair is in force and
always overrides the model. A pair ruled apart never ends up in one entity again, not even
through a third one: a confirmation that would join them is refused, and the resolver's
clustering refuses any merge that would (see :func:`enlace.resolution.engine.cluster`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from enlace.errors import ConflictError, NotFoundError, PermissionDeniedError
from enlace.extraction.tables import Entity
from enlace.messages import N_
from enlace.resolution import entities as entity_ops
from enlace.resolution.engine import Verdict
from enlace.resolution.service import (
    hold_resolution_lock,
    load_profiles,
    pair,
    store_profiles,
)
from enlace.resolution.tables import (
    EntityMerge,
    ResolutionCandidate,
    ResolutionJudgement,
    ResolutionProfile,
)
from enlace.security import audit
from enlace.security.roles import Permission, allowed
from enlace.security.tables import User

MAX_REASON = 2000


def can_judge(user: User) -> bool:
    return allowed(user.role, Permission.JUDGE_MATCHES)


def _require_judge(user: User) -> None:
    if not can_judge(user):
        raise PermissionDeniedError(N_("Your role does not allow this"))


def verdicts_among(session: Session, ids: Collection[int]) -> dict[tuple[int, int], Verdict]:
    """The verdict in force (the latest) for each judged pair of these entities."""
    wanted = sorted(set(ids))
    rows = session.execute(
        select(
            ResolutionJudgement.left_entity_id,
            ResolutionJudgement.right_entity_id,
            ResolutionJudgement.verdict,
        )
        .where(
            ResolutionJudgement.left_entity_id.in_(wanted),
            ResolutionJudgement.right_entity_id.in_(wanted),
        )
        .order_by(ResolutionJudgement.id)
    )
    return {(int(a), int(b)): Verdict(v) for a, b, v in rows}


def _ruled_apart(session: Session, a: int, b: int, *, besides: tuple[int, int]) -> bool:
    """Whether some member of entity ``a`` stands ruled apart from some member of ``b``."""
    left, right = entity_ops.members(session, a), entity_ops.members(session, b)
    for (x, y), verdict in verdicts_among(session, left | right).items():
        if verdict != Verdict.NEGATIVE or (x, y) == besides:
            continue
        if (x in left and y in right) or (x in right and y in left):
            return True
    return False


def _record(
    session: Session, lo: int, hi: int, verdict: Verdict, user: User, reason: str
) -> ResolutionJudgement:
    row = ResolutionJudgement(
        left_entity_id=lo,
        right_entity_id=hi,
        verdict=verdict.value,
        author_id=user.id,
        reason=reason.strip()[:MAX_REASON],
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        "resolution.judgement",
        user_id=user.id,
        object_type="entity",
        object_id=lo,
        other_entity=hi,
        verdict=verdict.value,
        judgement=row.id,
    )
    session.execute(
        delete(ResolutionCandidate).where(
            ResolutionCandidate.left_entity_id == lo, ResolutionCandidate.right_entity_id == hi
        )
    )
    return row


def _split(session: Session, merge: EntityMerge, user: User) -> None:
    entity_ops.undo_merge(session, merge.id, user_id=user.id)
    store_profiles(session, load_profiles(session, [merge.kept_entity_id, merge.merged_entity_id]))


def judge(
    session: Session, left_id: int, right_id: int, verdict: Verdict, user: User, reason: str = ""
) -> ResolutionJudgement:
    """Record an analyst's verdict on two entities and act on it.

    ``positive`` merges them (refused when a member of one was ruled apart from a member of the
    other); ``negative`` splits them when merges had joined them (the merge of exactly this pair,
    else the weakest model merge on the way, is undone); ``unsure`` takes the pair off the
    review queue and changes nothing else.
    """
    _require_judge(user)
    lo, hi = pair(left_id, right_id)
    if lo == hi:
        raise ConflictError(N_("A judgement needs two different entities"))
    hold_resolution_lock(session)
    found = [session.get(Entity, eid) for eid in (lo, hi)]
    if found[0] is None or found[1] is None:
        raise NotFoundError(N_("Entity not found"), details={"entities": [lo, hi]})
    if found[0].kind != found[1].kind:
        raise ConflictError(N_("Only two entities of the same kind can be the same"))
    a, b = entity_ops.current_entity(session, lo), entity_ops.current_entity(session, hi)
    undo_first: EntityMerge | None = None
    if verdict == Verdict.POSITIVE and a != b and _ruled_apart(session, a, b, besides=(lo, hi)):
        raise ConflictError(N_("An analyst ruled these apart; a merge would join them"))
    if verdict == Verdict.NEGATIVE and a == b:
        path = entity_ops.merge_path(session, lo, hi)
        direct = [m for m in path if pair(m.kept_entity_id, m.merged_entity_id) == (lo, hi)]
        by_model = [m for m in path if m.by == "model"]
        if direct:  # the latest verdict on a pair holds: this one replaces the one that merged
            undo_first = direct[0]
        elif by_model:
            undo_first = min(by_model, key=lambda m: (m.probability or 0.0, -m.id))
        else:
            raise ConflictError(
                N_("Analysts confirmed the merges joining these; undo one of them first")
            )
    row = _record(session, lo, hi, verdict, user, reason)
    if verdict == Verdict.POSITIVE and a != b:
        keep, gone = pair(a, b)
        evidence = session.scalar(
            select(ResolutionCandidate.evidence).where(
                ResolutionCandidate.left_entity_id == keep,
                ResolutionCandidate.right_entity_id == gone,
            )
        )
        entity_ops.merge_entities(
            session,
            keep,
            gone,
            by="judgement",
            judgement_id=row.id,
            user_id=user.id,
            evidence=evidence or {},
        )
        store_profiles(session, load_profiles(session, [keep]))
    if undo_first is not None:
        _split(session, undo_first, user)
    return row


def judge_entity(
    session: Session, entity_id: int, verdict: Verdict, user: User, reason: str = ""
) -> int:
    """A verdict on a whole merged entity (a cluster): ``positive`` confirms each of its merges,
    ``negative`` splits it back into the entities it was built from, ``unsure`` records doubt.
    Returns how many merges the verdict covered."""
    _require_judge(user)
    hold_resolution_lock(session)
    if session.get(Entity, entity_id) is None:
        raise NotFoundError(N_("Entity not found"), details={"entity": entity_id})
    if entity_ops.current_entity(session, entity_id) != entity_id:
        raise ConflictError(N_("This entity was merged into another; judge that one"))
    merges = entity_ops.standing_merges(session, entity_id)
    if not merges:
        raise ConflictError(N_("Nothing was merged into this entity"))
    for merge in merges:
        lo, hi = pair(merge.kept_entity_id, merge.merged_entity_id)
        _record(session, lo, hi, verdict, user, reason)
    if verdict == Verdict.NEGATIVE:
        for merge in reversed(merges):  # the newest first, so each undo finds its mentions
            _split(session, merge, user)
    return len(merges)


def undo(session: Session, merge_id: int, user: User, reason: str = "") -> EntityMerge:
    """Split one merge back and rule the pair apart, so the model does not merge it again."""
    _require_judge(user)
    hold_resolution_lock(session)
    merge = session.get(EntityMerge, merge_id)
    if merge is None:
        raise NotFoundError(N_("Merge not found"), details={"merge": merge_id})
    if merge.undone_at is not None:
        raise ConflictError(N_("This merge was already undone"))
    lo, hi = pair(merge.kept_entity_id, merge.merged_entity_id)
    _record(session, lo, hi, Verdict.NEGATIVE, user, reason or "merge undone")
    _split(session, merge, user)
    return merge


@dataclass(frozen=True)
class ReviewItem:
    candidate: ResolutionCandidate
    left: Entity
    right: Entity
    left_profile: ResolutionProfile
    right_profile: ResolutionProfile


def review_queue(session: Session, limit: int = 50) -> list[ReviewItem]:
    """Undecided pairs of entities still standing apart, the most likely first."""
    lp, rp = select(ResolutionProfile).subquery(), select(ResolutionProfile).subquery()
    rows = session.scalars(
        select(ResolutionCandidate)
        .join(lp, lp.c.entity_id == ResolutionCandidate.left_entity_id)
        .join(rp, rp.c.entity_id == ResolutionCandidate.right_entity_id)
        .order_by(ResolutionCandidate.probability.desc(), ResolutionCandidate.id)
        .limit(limit)
    ).all()
    out = []
    for c in rows:
        left, right = session.get(Entity, c.left_entity_id), session.get(Entity, c.right_entity_id)
        lpr = session.get(ResolutionProfile, c.left_entity_id)
        rpr = session.get(ResolutionProfile, c.right_entity_id)
        if left and right and lpr and rpr:
            out.append(ReviewItem(c, left, right, lpr, rpr))
    return out


def queue_size(session: Session) -> int:
    return int(session.scalar(select(func.count(ResolutionCandidate.id))) or 0)


@dataclass(frozen=True)
class UncheckedEntity:
    entity: Entity
    merged: int  # merges by the model nobody has judged yet
    weakest: float  # the lowest match probability among them


def unchecked_merges(session: Session, limit: int = 20) -> list[UncheckedEntity]:
    """Entities the model built by merging, with merges no analyst has judged, weakest first."""
    rows = session.scalars(
        select(EntityMerge)
        .where(EntityMerge.by == "model", EntityMerge.undone_at.is_(None))
        .order_by(EntityMerge.probability, EntityMerge.id)
        .limit(limit * 20)
    ).all()
    judged = verdicts_among(
        session, {m.kept_entity_id for m in rows} | {m.merged_entity_id for m in rows}
    )
    groups: dict[int, list[EntityMerge]] = defaultdict(list)
    for m in rows:
        if pair(m.kept_entity_id, m.merged_entity_id) not in judged:
            groups[entity_ops.current_entity(session, m.kept_entity_id)].append(m)
    out = []
    for entity_id, merges in groups.items():
        entity = session.get(Entity, entity_id)
        if entity is not None:
            weakest = min(m.probability if m.probability is not None else 1.0 for m in merges)
            out.append(UncheckedEntity(entity, len(merges), weakest))
    out.sort(key=lambda u: (u.weakest, u.entity.id))
    return out[:limit]


@dataclass(frozen=True)
class JudgementView:
    judgement: ResolutionJudgement
    author: User | None
    left: Entity | None
    right: Entity | None


def judgements_of(session: Session, entity_ids: Collection[int]) -> list[JudgementView]:
    """Every judgement naming one of these entities, the newest first, with who made it."""
    wanted = sorted(set(entity_ids))
    rows = session.scalars(
        select(ResolutionJudgement)
        .where(
            ResolutionJudgement.left_entity_id.in_(wanted)
            | ResolutionJudgement.right_entity_id.in_(wanted)
        )
        .order_by(ResolutionJudgement.id.desc())
    ).all()
    return [
        JudgementView(
            j,
            session.get(User, j.author_id) if j.author_id else None,
            session.get(Entity, j.left_entity_id),
            session.get(Entity, j.right_entity_id),
        )
        for j in rows
    ]
