"""Frozen records produced by the demo generator.

They are plain data: the loader maps them onto the database model, and the
evaluation code reads them (or the ground-truth file) to measure itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

Country = Literal["US", "MX"]
Language = Literal["en", "es"]
AgencyLevel = Literal["federal", "state", "local", "ngo", "hotline"]
Role = Literal[
    "hotline_operator",
    "analyst",
    "investigator",
    "prosecutor",
    "service_provider",
    "supervisor",
    "admin",
]
Channel = Literal["web_form", "operator", "chat", "sms", "quick_report", "partner_import"]
ReportStatus = Literal["new", "triaged", "in_review", "closed"]
Relationship = Literal["victim", "family", "witness", "professional", "anonymous_other"]
EntityKind = Literal[
    "person", "phone", "email", "location", "vehicle", "organization", "online_account"
]
Typology = Literal["sex_trafficking", "labor_trafficking", "both", "smuggling"]

ROLES: tuple[Role, ...] = (
    "hotline_operator",
    "analyst",
    "investigator",
    "prosecutor",
    "service_provider",
    "supervisor",
    "admin",
)
CHANNELS: tuple[Channel, ...] = (
    "web_form",
    "operator",
    "chat",
    "sms",
    "quick_report",
    "partner_import",
)
ENTITY_KINDS: tuple[EntityKind, ...] = (
    "person",
    "phone",
    "email",
    "location",
    "vehicle",
    "organization",
    "online_account",
)


@dataclass(frozen=True)
class DemoAgency:
    key: str
    name: str
    short_name: str
    country: Country
    level: AgencyLevel
    state: str | None


@dataclass(frozen=True)
class DemoUser:
    username: str
    display_name: str
    role: Role
    agency_key: str
    language: Language
    password: str


@dataclass(frozen=True)
class DemoContact:
    name: str
    phone: str | None
    email: str | None
    relationship: Relationship


@dataclass(frozen=True)
class DemoReport:
    key: str
    channel: Channel
    received_at: datetime
    language: Language
    anonymous: bool
    narrative: str
    country: Country
    state: str
    city: str
    latitude: float | None
    longitude: float | None
    incident_at: datetime | None
    status: ReportStatus
    agency_key: str | None
    contact: DemoContact | None


@dataclass(frozen=True)
class DemoEntity:
    key: str
    kind: EntityKind
    canonical: str
    attributes: Mapping[str, object]


@dataclass(frozen=True)
class DemoMention:
    """One surface form in a report's narrative: ``narrative[start:end] == text``."""

    report_key: str
    kind: EntityKind
    text: str
    start: int
    end: int
    normalized: str
    entity_key: str


@dataclass(frozen=True)
class DemoNetwork:
    key: str
    name: str
    typology: Typology
    polaris_type: str | None
    description: str
    report_keys: tuple[str, ...]
    entity_keys: tuple[str, ...]


@dataclass(frozen=True)
class DemoDataset:
    agencies: tuple[DemoAgency, ...]
    users: tuple[DemoUser, ...]
    reports: tuple[DemoReport, ...]
    entities: tuple[DemoEntity, ...]
    mentions: tuple[DemoMention, ...]
    networks: tuple[DemoNetwork, ...]
    seed: int = 0
    reference_date: date = date(2026, 11, 1)
