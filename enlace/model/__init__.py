"""The domain model: every table Enlace stores.

The core tables are re-exported here. Every module of this package is imported on first use, so
an area's tables (``enlace/model/<area>.py``) register with ``Base.metadata`` for migrations
without editing this file.
"""

import importlib
import pkgutil

from enlace.model.agency import Agency, AgencyLevel, Country, Role, User, UserSession
from enlace.model.audit import AuditEvent
from enlace.model.base import Base, utcnow
from enlace.model.entity import Entity, EntityKind, Mention
from enlace.model.report import Channel, Report, ReportContact, ReportStatus

__all__ = [
    "Agency",
    "AgencyLevel",
    "AuditEvent",
    "Base",
    "Channel",
    "Country",
    "Entity",
    "EntityKind",
    "Mention",
    "Report",
    "ReportContact",
    "ReportStatus",
    "Role",
    "User",
    "UserSession",
    "utcnow",
]

for _info in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_info.name}")
