"""Reading entities (mentions, reports, what appears beside them) and merging or splitting them.

A merge moves the mentions of one entity onto another and keeps an :class:`EntityMerge` row
listing the moved mentions, so an undo moves exactly those back. Both are audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session, aliased

from enlace.errors import ConflictError, NotFoundError
from enlace.extraction.tables import Entity, Mention
from enlace.intake.tables import Report
from enlace.messages import N_
from enlace.resolution.tables import EntityMerge, ResolutionKey, ResolutionProfile
from enlace.security import audit
from enlace.security.tables import User
from enlace.store.base import utcnow


@dataclass(frozen=True)
class MergeView:
    merge: EntityMerge
    other: Entity | None  # the entity on the other side of the merge
    absorbed: bool  # True: ``other`` was merged into this entity
    author: User | None


@dataclass(frozen=True)
class EntityView:
    entity: Entity
    mentions: list[tuple[Mention, Report]]
    surface_forms: list[tuple[str, int]]
    related: list[tuple[Entity, int]]
    merges: list[MergeView]
    merged_into: Entity | None

    @property
    def report_count(self) -> int:
        return len({report.id for _, report in self.mentions})


def _merges(session: Session, entity_id: int) -> tuple[list[MergeView], Entity | None]:
    rows = session.scalars(
        select(EntityMerge)
        .where(
            (EntityMerge.kept_entity_id == entity_id) | (EntityMerge.merged_entity_id == entity_id)
        )
        .order_by(EntityMerge.created_at.desc(), EntityMerge.id.desc())
    ).all()
    views: list[MergeView] = []
    merged_into: Entity | None = None
    for m in rows:
        absorbed = m.kept_entity_id == entity_id
        other = session.get(Entity, m.merged_entity_id if absorbed else m.kept_entity_id)
        author = session.get(User, m.author_id) if m.author_id else None
        views.append(MergeView(m, other, absorbed, author))
        if not absorbed and m.undone_at is None and merged_into is None:
            merged_into = other
    return views, merged_into


def get_entity(session: Session, entity_id: int, *, related_limit: int = 20) -> EntityView:
    entity = session.get(Entity, entity_id)
    if entity is None:
        raise NotFoundError(N_("Entity not found"), details={"entity": entity_id})
    rows = session.execute(
        select(Mention, Report)
        .join(Report, Report.id == Mention.report_id)
        .where(Mention.entity_id == entity_id)
        .order_by(Report.received_at.desc(), Mention.start)
    ).all()
    mentions = [(m, r) for m, r in rows]
    forms: dict[str, int] = {}
    for mention, _ in mentions:
        forms[mention.text] = forms.get(mention.text, 0) + 1
    other = aliased(Mention)
    report_ids = select(Mention.report_id).where(Mention.entity_id == entity_id)
    related_rows = session.execute(
        select(Entity, func.count(func.distinct(other.report_id)).label("shared"))
        .join(other, other.entity_id == Entity.id)
        .where(other.report_id.in_(report_ids), Entity.id != entity_id)
        .group_by(Entity.id)
        .order_by(func.count(func.distinct(other.report_id)).desc(), Entity.id)
        .limit(related_limit)
    ).all()
    merges, merged_into = _merges(session, entity_id)
    return EntityView(
        entity=entity,
        mentions=mentions,
        surface_forms=sorted(forms.items(), key=lambda kv: -kv[1]),
        related=[(e, int(n)) for e, n in related_rows],
        merges=merges,
        merged_into=merged_into,
    )


def current_entity(session: Session, entity_id: int) -> int:
    """The entity that now holds what ``entity_id`` was merged into (itself if never merged)."""
    seen = {entity_id}
    while True:
        kept = session.scalar(
            select(EntityMerge.kept_entity_id)
            .where(EntityMerge.merged_entity_id == entity_id, EntityMerge.undone_at.is_(None))
            .limit(1)
        )
        if kept is None or kept in seen:
            return entity_id
        seen.add(kept)
        entity_id = kept


def _merges_above(session: Session, entity_id: int) -> list[EntityMerge]:
    """The standing merges that took ``entity_id`` into another entity, and that one further."""
    out: list[EntityMerge] = []
    seen = {entity_id}
    while True:
        merge = session.scalar(
            select(EntityMerge)
            .where(EntityMerge.merged_entity_id == entity_id, EntityMerge.undone_at.is_(None))
            .limit(1)
        )
        if merge is None or merge.kept_entity_id in seen:
            return out
        out.append(merge)
        seen.add(merge.kept_entity_id)
        entity_id = merge.kept_entity_id


def standing_merges(session: Session, entity_id: int) -> list[EntityMerge]:
    """The merges, not undone, that built ``entity_id`` out of others, directly or in steps."""
    out: list[EntityMerge] = []
    seen = {entity_id}
    frontier = [entity_id]
    while frontier:
        rows = [
            m
            for m in session.scalars(
                select(EntityMerge)
                .where(EntityMerge.kept_entity_id.in_(frontier), EntityMerge.undone_at.is_(None))
                .order_by(EntityMerge.id)
            )
            if m.merged_entity_id not in seen
        ]
        out += rows
        frontier = [m.merged_entity_id for m in rows]
        seen.update(frontier)
    return out


def members(session: Session, entity_id: int) -> set[int]:
    """``entity_id`` and every entity merged into it, directly or through other merges."""
    return {entity_id, *(m.merged_entity_id for m in standing_merges(session, entity_id))}


def merge_path(session: Session, a: int, b: int) -> list[EntityMerge]:
    """The standing merges joining entities ``a`` and ``b`` (empty when they stand apart)."""
    root = current_entity(session, a)
    if root != current_entity(session, b) or a == b:
        return []
    parent: dict[int, EntityMerge] = {m.merged_entity_id: m for m in standing_merges(session, root)}

    def up(x: int) -> list[EntityMerge]:
        chain = []
        while x in parent:
            chain.append(parent[x])
            x = parent[x].kept_entity_id
        return chain

    left, right = up(a), up(b)
    shared = {m.id for m in left} & {m.id for m in right}
    return [m for m in left if m.id not in shared] + [m for m in right if m.id not in shared]


def merge_entities(
    session: Session,
    kept_id: int,
    merged_id: int,
    *,
    by: str,
    probability: float | None = None,
    evidence: dict[str, Any] | None = None,
    judgement_id: int | None = None,
    user_id: int | None = None,
    drop_index: bool = True,
) -> EntityMerge:
    """Move every mention of ``merged_id`` onto ``kept_id`` and record how to undo it.

    ``drop_index=False`` leaves the absorbed entity's profile and blocking keys to the
    caller, which deletes them together with the keeper's (one statement for all)."""
    if kept_id == merged_id:
        raise ConflictError(N_("An entity cannot be merged with itself"))
    found = set(session.scalars(select(Entity.id).where(Entity.id.in_((kept_id, merged_id)))))
    if found != {kept_id, merged_id}:
        raise NotFoundError(N_("Entity not found"), details={"entity": merged_id})
    moved = session.scalars(
        update(Mention)
        .where(Mention.entity_id == merged_id)
        .values(entity_id=kept_id)
        .returning(Mention.id)
        .execution_options(synchronize_session=False)
    )
    mention_ids = sorted(moved)
    if drop_index:  # the absorbed entity no longer stands alone: it leaves the blocking index
        session.execute(delete(ResolutionKey).where(ResolutionKey.entity_id == merged_id))
        session.execute(delete(ResolutionProfile).where(ResolutionProfile.entity_id == merged_id))
    merge = EntityMerge(
        kept_entity_id=kept_id,
        merged_entity_id=merged_id,
        mention_ids=mention_ids,
        by=by,
        probability=probability,
        evidence=evidence or {},
        judgement_id=judgement_id,
        author_id=user_id,
    )
    session.add(merge)
    session.flush()
    audit.record(
        session,
        "entity.merge",
        user_id=user_id,
        object_type="entity",
        object_id=kept_id,
        merged_entity=merged_id,
        merge=merge.id,
        by=by,
        probability=probability,
        mentions=len(mention_ids),
    )
    return merge


def undo_merge(session: Session, merge_id: int, *, user_id: int | None = None) -> EntityMerge:
    """Split a merge back: the mentions it moved return to the entity they came from."""
    merge = session.get(EntityMerge, merge_id)
    if merge is None:
        raise NotFoundError(N_("Merge not found"), details={"merge": merge_id})
    if merge.undone_at is not None:
        raise ConflictError(N_("This merge was already undone"))
    if merge.mention_ids:
        session.execute(
            update(Mention)
            .where(Mention.id.in_(merge.mention_ids))
            .values(entity_id=merge.merged_entity_id)
            .execution_options(synchronize_session=False)
        )
    merge.undone_at = utcnow()
    merge.undone_by_id = user_id
    # A later merge of the kept entity into a third one carried these mentions along; they now
    # belong to the entity split off, so undoing that later merge must not take them too.
    moved = set(merge.mention_ids)
    if moved:
        for later in _merges_above(session, merge.kept_entity_id):
            if moved & set(later.mention_ids):
                later.mention_ids = [m for m in later.mention_ids if m not in moved]
    session.flush()
    audit.record(
        session,
        "entity.split",
        user_id=user_id,
        object_type="entity",
        object_id=merge.kept_entity_id,
        merged_entity=merge.merged_entity_id,
        merge=merge.id,
        mentions=len(merge.mention_ids),
    )
    session.expire_all()
    return merge


def follow_merges(session: Session, report_id: int, entity_ids: list[int]) -> list[int]:
    """Move a report's mentions off entities merged away (extraction links on the exact key,
    which still names the absorbed entity) onto the entity now holding them."""
    # One lookup for all: a new report's entities have rarely been merged away.
    absorbed = set(
        session.scalars(
            select(EntityMerge.merged_entity_id).where(
                EntityMerge.merged_entity_id.in_(entity_ids), EntityMerge.undone_at.is_(None)
            )
        )
    )
    out = set()
    for entity_id in entity_ids:
        target = current_entity(session, entity_id) if entity_id in absorbed else entity_id
        if target != entity_id:
            merge = session.scalar(
                select(EntityMerge).where(
                    EntityMerge.merged_entity_id == entity_id, EntityMerge.undone_at.is_(None)
                )
            )
            moved = list(
                session.scalars(
                    select(Mention.id).where(
                        Mention.report_id == report_id, Mention.entity_id == entity_id
                    )
                )
            )
            session.execute(
                update(Mention)
                .where(Mention.id.in_(moved))
                .values(entity_id=target)
                .execution_options(synchronize_session=False)
            )
            if merge is not None:  # an undo must move these back too
                merge.mention_ids = [*merge.mention_ids, *moved]
        out.add(target)
    return sorted(out)
