"""Cases from lead to verdict: defendants, victims, consent, referrals, tasks, notes, timeline.

Codes (stages, typologies, statuses…) are plain strings; their allowed values and labels live in
``enlace.cases.codes``. Victims' identifying details are one encrypted blob (``details_token``),
never columns, so no query, index or log can leak them.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from enlace.extraction.tables import Entity
from enlace.intake.tables import Report
from enlace.security.tables import Agency, User
from enlace.store.base import Base, utcnow


class SoftDeleted:
    """Rows are never removed: a deletion is a timestamp, a person and a reason (all audited)."""

    deleted_at: Mapped[datetime | None] = mapped_column(default=None)
    deleted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    delete_reason: Mapped[str | None] = mapped_column(String(500), default=None)


class Case(SoftDeleted, Base):
    __tablename__ = "cases"
    __table_args__ = (
        Index("ix_cases_country_state", "country", "state"),
        Index("ix_cases_stage", "stage"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(24), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text, default="")
    country: Mapped[str] = mapped_column(String(2))
    state: Mapped[str | None] = mapped_column(String(10), default=None)
    typology: Mapped[str] = mapped_column(String(24))
    polaris_type: Mapped[str | None] = mapped_column(String(60), default=None)
    stage: Mapped[str] = mapped_column(String(16), default="lead")
    lead_agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"), default=None)
    opened_on: Mapped[date] = mapped_column(Date)
    closed_at: Mapped[datetime | None] = mapped_column(default=None)
    closure_reason: Mapped[str | None] = mapped_column(String(40), default=None)
    closure_note: Mapped[str | None] = mapped_column(String(1000), default=None)
    # Where the case came from, for cases built by a generator or an import ("demo:…", "htcds:…").
    source_key: Mapped[str | None] = mapped_column(String(200), unique=True, default=None)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    lead_agency: Mapped[Agency | None] = relationship(foreign_keys=[lead_agency_id])
    partners: Mapped[list[CasePartner]] = relationship(cascade="all, delete-orphan")
    assignments: Mapped[list[CaseAssignment]] = relationship(cascade="all, delete-orphan")
    report_links: Mapped[list[CaseReport]] = relationship(cascade="all, delete-orphan")
    entity_links: Mapped[list[CaseEntity]] = relationship(cascade="all, delete-orphan")
    stage_events: Mapped[list[StageEvent]] = relationship(
        cascade="all, delete-orphan", order_by="StageEvent.id"
    )
    defendants: Mapped[list[Defendant]] = relationship(
        back_populates="case", order_by="Defendant.id"
    )
    victims: Mapped[list[Victim]] = relationship(back_populates="case", order_by="Victim.id")

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class CasePartner(Base):
    __tablename__ = "case_partners"
    __table_args__ = (UniqueConstraint("case_id", "agency_id", name="uq_case_partners_pair"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"))

    agency: Mapped[Agency] = relationship()


class CaseAssignment(Base):
    """An investigator or prosecutor working the case (this is what opens victim details)."""

    __tablename__ = "case_assignments"
    __table_args__ = (UniqueConstraint("case_id", "user_id", name="uq_case_assignments_pair"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    role: Mapped[str] = mapped_column(String(16))  # investigator | prosecutor
    assigned_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship()


class CaseReport(Base):
    __tablename__ = "case_reports"
    __table_args__ = (UniqueConstraint("case_id", "report_id", name="uq_case_reports_pair"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id"), index=True)

    report: Mapped[Report] = relationship()


class CaseEntity(Base):
    __tablename__ = "case_entities"
    __table_args__ = (UniqueConstraint("case_id", "entity_id", name="uq_case_entities_pair"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id"), index=True)

    entity: Mapped[Entity] = relationship()


class StageEvent(Base):
    """The case entered ``stage`` on ``happened_on`` (when it happened, not when it was typed)."""

    __tablename__ = "case_stage_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    stage: Mapped[str] = mapped_column(String(16))
    happened_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(String(1000), default=None)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Defendant(SoftDeleted, Base):
    __tablename__ = "case_defendants"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    entity_id: Mapped[int | None] = mapped_column(ForeignKey("entities.id"), default=None)
    name: Mapped[str] = mapped_column(String(200))
    alias: Mapped[str | None] = mapped_column(String(200), default=None)
    sex: Mapped[str | None] = mapped_column(String(16), default=None)
    nationality: Mapped[str | None] = mapped_column(String(2), default=None)
    age: Mapped[int | None] = mapped_column(Integer, default=None)
    roles: Mapped[list[str]] = mapped_column(JSON, default=list)  # HTCDS per_RoleInProcess values
    stage: Mapped[str] = mapped_column(String(16), default="suspect")
    arrested_on: Mapped[date | None] = mapped_column(Date, default=None)
    indicted_on: Mapped[date | None] = mapped_column(Date, default=None)
    charges: Mapped[list[str]] = mapped_column(JSON, default=list)
    outcome: Mapped[str | None] = mapped_column(String(16), default=None)
    outcome_on: Mapped[date | None] = mapped_column(Date, default=None)
    sentence: Mapped[str | None] = mapped_column(String(300), default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    case: Mapped[Case] = relationship(back_populates="defendants")


class Victim(SoftDeleted, Base):
    """A person in the role of victim in one case. Identifying details are encrypted."""

    __tablename__ = "case_victims"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    entity_id: Mapped[int | None] = mapped_column(ForeignKey("entities.id"), default=None)
    code: Mapped[str] = mapped_column(String(24))  # pseudonym shown to everyone, e.g. V-3
    identified_on: Mapped[date] = mapped_column(Date)
    age_at_identification: Mapped[int | None] = mapped_column(Integer, default=None)
    sex: Mapped[str | None] = mapped_column(String(16), default=None)
    nationality: Mapped[str | None] = mapped_column(String(2), default=None)
    minor: Mapped[bool] = mapped_column(Boolean, default=False)
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    needs: Mapped[list[str]] = mapped_column(JSON, default=list)
    context: Mapped[dict[str, Any]] = mapped_column(default=dict)  # HTCDS vic_ context, no PII
    details_token: Mapped[str | None] = mapped_column(Text, default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    case: Mapped[Case] = relationship(back_populates="victims")
    consents: Mapped[list[Consent]] = relationship(back_populates="victim", order_by="Consent.id")


class Consent(Base):
    __tablename__ = "case_consents"

    id: Mapped[int] = mapped_column(primary_key=True)
    victim_id: Mapped[int] = mapped_column(
        ForeignKey("case_victims.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))  # manage_data | referral | share_partner
    given_on: Mapped[date] = mapped_column(Date)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    note: Mapped[str | None] = mapped_column(String(500), default=None)
    revoked_at: Mapped[datetime | None] = mapped_column(default=None)
    revoked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    revoke_reason: Mapped[str | None] = mapped_column(String(500), default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    victim: Mapped[Victim] = relationship(back_populates="consents")

    @property
    def active(self) -> bool:
        return self.revoked_at is None


class Provider(Base):
    """A service provider in the directory; its staff sign in through the linked agency."""

    __tablename__ = "case_providers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    services: Mapped[list[str]] = mapped_column(JSON, default=list)
    country: Mapped[str] = mapped_column(String(2))
    states: Mapped[list[str]] = mapped_column(JSON, default=list)  # area served (ISO 3166-2)
    area: Mapped[str | None] = mapped_column(String(200), default=None)
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    phone: Mapped[str | None] = mapped_column(String(40), default=None)
    email: Mapped[str | None] = mapped_column(String(254), default=None)
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"), default=None)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    agency: Mapped[Agency | None] = relationship()


class Referral(Base):
    __tablename__ = "case_referrals"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    victim_id: Mapped[int] = mapped_column(ForeignKey("case_victims.id"), index=True)
    provider_id: Mapped[int] = mapped_column(ForeignKey("case_providers.id"), index=True)
    service: Mapped[str] = mapped_column(String(24))
    status: Mapped[str] = mapped_column(String(12), default="sent")
    note: Mapped[str | None] = mapped_column(String(1000), default=None)
    consent_id: Mapped[int | None] = mapped_column(ForeignKey("case_consents.id"), default=None)
    override_kind: Mapped[str | None] = mapped_column(String(20), default=None)
    override_reason: Mapped[str | None] = mapped_column(String(1000), default=None)
    override_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    sent_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    sent_on: Mapped[date] = mapped_column(Date)
    responded_at: Mapped[datetime | None] = mapped_column(default=None)
    responded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    status_reason: Mapped[str | None] = mapped_column(String(1000), default=None)
    delivered_on: Mapped[date | None] = mapped_column(Date, default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    case: Mapped[Case] = relationship()
    victim: Mapped[Victim] = relationship()
    provider: Mapped[Provider] = relationship()


class Task(SoftDeleted, Base):
    __tablename__ = "case_tasks"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    due_on: Mapped[date | None] = mapped_column(Date, default=None)
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    done_at: Mapped[datetime | None] = mapped_column(default=None)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    assignee: Mapped[User | None] = relationship(foreign_keys=[assignee_id])


class Note(SoftDeleted, Base):
    __tablename__ = "case_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    body: Mapped[str] = mapped_column(Text)
    due_on: Mapped[date | None] = mapped_column(Date, default=None)
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    author: Mapped[User | None] = relationship(foreign_keys=[author_id])


class Attachment(SoftDeleted, Base):
    """A file stored encrypted under the data directory; the row holds only its metadata."""

    __tablename__ = "case_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    victim_id: Mapped[int | None] = mapped_column(ForeignKey("case_victims.id"), default=None)
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    storage_name: Mapped[str] = mapped_column(String(80), unique=True)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class CaseEvent(Base):
    """One line of a case's timeline. Details never carry victims' identifying data."""

    __tablename__ = "case_events"
    __table_args__ = (Index("ix_case_events_case_at", "case_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    action: Mapped[str] = mapped_column(String(40))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)

    user: Mapped[User | None] = relationship()
