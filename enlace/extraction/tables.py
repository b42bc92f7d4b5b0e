"""Entities (people, phones, places…) and the mentions that tie them to reports."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import Float, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from enlace.intake.tables import Report
from enlace.store.base import Base, utcnow


class EntityKind(enum.StrEnum):
    PERSON = "person"
    PHONE = "phone"
    EMAIL = "email"
    LOCATION = "location"
    VEHICLE = "vehicle"
    ORGANIZATION = "organization"
    ONLINE_ACCOUNT = "online_account"


class Entity(Base):
    """One real-world thing as Enlace currently resolves it."""

    __tablename__ = "entities"
    __table_args__ = (Index("ix_entities_kind_key", "kind", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    # Canonical match key: E.164 for phones, folded name key for people, plate with region…
    key: Mapped[str] = mapped_column(String(300))
    label: Mapped[str] = mapped_column(String(300))
    attributes: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    mentions: Mapped[list[Mention]] = relationship(back_populates="entity")


class Mention(Base):
    """A span of a report that names an entity, with where that came from (provenance)."""

    __tablename__ = "mentions"
    __table_args__ = (Index("ix_mentions_kind_normalized", "kind", "normalized"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    entity_id: Mapped[int | None] = mapped_column(
        ForeignKey("entities.id", ondelete="SET NULL"), index=True, default=None
    )
    kind: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(String(500))
    normalized: Mapped[str | None] = mapped_column(String(300), default=None)
    start: Mapped[int | None] = mapped_column(Integer, default=None)
    end: Mapped[int | None] = mapped_column(Integer, default=None)
    confidence: Mapped[float] = mapped_column(Float, default=1.0)
    # Provenance: "extract:<version>", "operator:<user>", "import:<batch>", "demo".
    source: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    report: Mapped[Report] = relationship()
    entity: Mapped[Entity | None] = relationship(back_populates="mentions")
