"""Screening results per report, and the routing rules supervisors edit."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from enlace.intake.tables import Report
from enlace.store.base import Base, utcnow

URGENCY_RANK = {"critical": 3, "high": 2, "normal": 1, "low": 0}


class Screening(Base):
    """One screening of a report by one catalog version; ``current`` marks the latest."""

    __tablename__ = "screenings"
    __table_args__ = (
        Index("ix_screenings_queue", "current", "urgency_rank", "score"),
        Index("ix_screenings_report_current", "report_id", "current"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"))
    current: Mapped[bool] = mapped_column(Boolean, default=True)
    catalog_version: Mapped[str] = mapped_column(String(40))
    typology: Mapped[str] = mapped_column(String(30))
    polaris_type: Mapped[str | None] = mapped_column(String(60), default=None)
    score: Mapped[float] = mapped_column(Float)
    urgency: Mapped[str] = mapped_column(String(10))
    urgency_rank: Mapped[int] = mapped_column(Integer)
    minor: Mapped[bool] = mapped_column(Boolean, default=False)
    victim_minor: Mapped[bool] = mapped_column(Boolean, default=False)
    imminent_danger: Mapped[bool] = mapped_column(Boolean, default=False)
    # Each indicator found: its code and evidence spans (start, end, text) in the narrative.
    indicators: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    explanation_en: Mapped[str] = mapped_column(Text, default="")
    explanation_es: Mapped[str] = mapped_column(Text, default="")
    routed_queue: Mapped[str | None] = mapped_column(String(60), default=None)
    routed_agency: Mapped[str | None] = mapped_column(String(120), default=None)
    routing_rule: Mapped[str | None] = mapped_column(String(60), default=None)
    # Minors and imminent danger go to a supervisor at once; acknowledged when one has looked.
    needs_supervisor: Mapped[bool] = mapped_column(Boolean, default=False)
    supervisor_ack_at: Mapped[datetime | None] = mapped_column(default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    report: Mapped[Report] = relationship()


class RoutingRule(Base):
    """A routing rule: the first active rule by priority whose conditions all hold assigns.

    Each condition is a list of accepted values; an empty list accepts any value. The rows are
    checked by the same schema as the shipped ``screening/engine/routing.yaml`` they are seeded
    from.
    """

    __tablename__ = "routing_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(60), unique=True)
    priority: Mapped[int] = mapped_column(Integer, default=100)
    countries: Mapped[list[str]] = mapped_column(JSON, default=list)
    states: Mapped[list[str]] = mapped_column(JSON, default=list)
    typologies: Mapped[list[str]] = mapped_column(JSON, default=list)
    urgencies: Mapped[list[str]] = mapped_column(JSON, default=list)
    minor: Mapped[bool | None] = mapped_column(Boolean, default=None)
    queue: Mapped[str] = mapped_column(String(60))
    agency: Mapped[str] = mapped_column(String(120))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
