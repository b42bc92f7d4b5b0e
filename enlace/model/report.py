"""Reports (tips) and the reporter's contact details, kept in their own table."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Boolean, Float, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from enlace.model.base import Base, utcnow


class Channel(enum.StrEnum):
    WEB_FORM = "web_form"
    OPERATOR = "operator"
    CHAT = "chat"
    SMS = "sms"
    QUICK_REPORT = "quick_report"
    PARTNER_IMPORT = "partner_import"
    API = "api"


class ReportStatus(enum.StrEnum):
    NEW = "new"
    TRIAGED = "triaged"
    IN_REVIEW = "in_review"
    CLOSED = "closed"


class Report(Base):
    __tablename__ = "reports"
    __table_args__ = (
        Index("ix_reports_received_at", "received_at"),
        Index("ix_reports_country_state", "country", "state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    channel: Mapped[str] = mapped_column(String(20))
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    language: Mapped[str] = mapped_column(String(5))
    anonymous: Mapped[bool] = mapped_column(Boolean, default=True)
    narrative: Mapped[str] = mapped_column(Text)
    location_text: Mapped[str | None] = mapped_column(String(300), default=None)
    country: Mapped[str | None] = mapped_column(String(2), default=None)
    state: Mapped[str | None] = mapped_column(String(10), default=None)
    city: Mapped[str | None] = mapped_column(String(120), default=None)
    latitude: Mapped[float | None] = mapped_column(Float, default=None)
    longitude: Mapped[float | None] = mapped_column(Float, default=None)
    incident_at: Mapped[datetime | None] = mapped_column(default=None)
    status: Mapped[str] = mapped_column(String(20), default=ReportStatus.NEW.value, index=True)
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"), default=None)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    # The sender's own id for this tip (gateway message id, partner row key): retries are no-ops.
    source_key: Mapped[str | None] = mapped_column(String(200), unique=True, default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    contact: Mapped[ReportContact | None] = relationship(
        back_populates="report", uselist=False, cascade="all, delete-orphan"
    )


class ReportContact(Base):
    """The reporter's personal data, kept apart from the narrative for the roles that need it."""

    __tablename__ = "report_contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(
        ForeignKey("reports.id", ondelete="CASCADE"), unique=True
    )
    name: Mapped[str | None] = mapped_column(String(200), default=None)
    phone: Mapped[str | None] = mapped_column(String(40), default=None)
    email: Mapped[str | None] = mapped_column(String(254), default=None)
    relationship_to_victim: Mapped[str | None] = mapped_column(String(40), default=None)

    report: Mapped[Report] = relationship(back_populates="contact")
