"""Person resolution state: blocking keys and profiles per entity, judgements, merges.

Judgements and merges are append-only records: a merge is undone by stamping ``undone_at``
(and moving its mentions back), never by deleting the row, so every decision stays auditable.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from enlace.store.base import Base, utcnow


class ResolutionProfile(Base):
    """What the resolver compares for one person entity (refreshed when its mentions change)."""

    __tablename__ = "resolution_profiles"

    entity_id: Mapped[int] = mapped_column(
        ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True
    )
    full_name: Mapped[str] = mapped_column(String(300), default="")
    dob: Mapped[str] = mapped_column(String(40), default="")
    sex: Mapped[str] = mapped_column(String(10), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    city: Mapped[str] = mapped_column(String(120), default="")
    state: Mapped[str] = mapped_column(String(20), default="")
    country: Mapped[str] = mapped_column(String(2), default="")
    # The engine's prepared columns for this profile, so a lookup need not prepare it again.
    prepared: Mapped[dict[str, Any]] = mapped_column(default=dict)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class ResolutionKey(Base):
    """One blocking key of one person entity: entities sharing a key are compared."""

    __tablename__ = "resolution_keys"
    __table_args__ = (
        # With the entity id, a key's block is read from the index alone.
        Index("ix_resolution_keys_key_entity", "key", "entity_id"),
        Index("ix_resolution_keys_entity_id", "entity_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(120))


class ResolutionJudgement(Base):
    """An analyst's verdict on a pair of entities; the latest one for a pair is in force."""

    __tablename__ = "resolution_judgements"
    __table_args__ = (
        Index("ix_resolution_judgements_pair", "left_entity_id", "right_entity_id"),
        Index("ix_resolution_judgements_right", "right_entity_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    left_entity_id: Mapped[int] = mapped_column(Integer)  # the smaller id of the pair
    right_entity_id: Mapped[int] = mapped_column(Integer)
    verdict: Mapped[str] = mapped_column(String(10))  # positive | negative | unsure
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class EntityMerge(Base):
    """One merge of ``merged_entity_id`` into ``kept_entity_id``, with the mentions it moved."""

    __tablename__ = "entity_merges"
    __table_args__ = (
        Index("ix_entity_merges_kept", "kept_entity_id"),
        Index("ix_entity_merges_merged", "merged_entity_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kept_entity_id: Mapped[int] = mapped_column(Integer)
    merged_entity_id: Mapped[int] = mapped_column(Integer)
    mention_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    by: Mapped[str] = mapped_column(String(20))  # model | judgement
    probability: Mapped[float | None] = mapped_column(Float, default=None)
    # {comparison: [level, log2 Bayes factor]} from the model's explanation.
    evidence: Mapped[dict[str, Any]] = mapped_column(default=dict)
    judgement_id: Mapped[int | None] = mapped_column(Integer, default=None)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    undone_at: Mapped[datetime | None] = mapped_column(default=None)
    undone_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)


class ResolutionCandidate(Base):
    """A pair the model could not decide (between the leads and default thresholds)."""

    __tablename__ = "resolution_candidates"
    __table_args__ = (
        UniqueConstraint("left_entity_id", "right_entity_id", name="uq_resolution_candidates_pair"),
        Index("ix_resolution_candidates_probability", "probability"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    left_entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"))
    right_entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"))
    probability: Mapped[float] = mapped_column(Float)
    evidence: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ResolutionModel(Base):
    """Trained match parameters (m, u per level; match rate), newest row in use."""

    __tablename__ = "resolution_models"

    id: Mapped[int] = mapped_column(primary_key=True)
    parameters: Mapped[dict[str, Any]] = mapped_column(default=dict)
    records: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
