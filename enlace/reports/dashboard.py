"""The figures each role sees first on its home page."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from enlace.extraction.tables import Entity
from enlace.intake.reading import counts_by
from enlace.intake.tables import Report, ReportStatus
from enlace.security.roles import Permission, allowed
from enlace.security.tables import Role, User
from enlace.store.base import utcnow


@dataclass
class Board:
    role: str
    total_reports: int = 0
    last_30_days: int = 0
    open_reports: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    by_channel: dict[str, int] = field(default_factory=dict)
    by_country: dict[str, int] = field(default_factory=dict)
    top_states: list[tuple[str, int]] = field(default_factory=list)
    entities: int = 0
    users: int = 0
    recent: list[Report] = field(default_factory=list)

    @property
    def max_channel(self) -> int:
        return max(self.by_channel.values(), default=1) or 1

    @property
    def max_state(self) -> int:
        return max((n for _, n in self.top_states), default=1) or 1


def for_user(session: Session, user: User) -> Board:
    board = Board(role=user.role)
    if not allowed(user.role, Permission.VIEW_REPORTS):
        return board
    board.total_reports = session.scalar(select(func.count(Report.id))) or 0
    since = utcnow() - timedelta(days=30)
    board.last_30_days = (
        session.scalar(select(func.count(Report.id)).where(Report.received_at >= since)) or 0
    )
    board.by_status = counts_by(session, "status")
    board.open_reports = sum(
        n for status, n in board.by_status.items() if status != ReportStatus.CLOSED
    )
    board.by_channel = counts_by(session, "channel")
    board.by_country = counts_by(session, "country")
    board.top_states = sorted(counts_by(session, "state").items(), key=lambda kv: -kv[1])[:8]
    board.recent = list(
        session.scalars(select(Report).order_by(Report.received_at.desc()).limit(8))
    )
    if allowed(user.role, Permission.VIEW_ENTITIES):
        board.entities = session.scalar(select(func.count(Entity.id))) or 0
    if user.role == Role.ADMIN:
        board.users = session.scalar(select(func.count(User.id))) or 0
    return board
