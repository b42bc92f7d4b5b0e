"""Accounts and reports for the screening integration tests (service, web, CLI)."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache

from sqlalchemy.orm import Session

from enlace.intake.tables import Report
from enlace.security.passwords import hash_password
from enlace.security.tables import Role, User
from enlace.store import Database
from tests.conftest import PASSWORD
from tests.factories import add_report

LABOR_FL = (
    "They took our passports when we arrived at the farm and the boss says we owe him $6,000 "
    "for the trip. We work from 5 in the morning until 9 at night and he never pays us."
)
MINOR_TLAXCALA = (
    "Mi sobrina de 15 años está en una casa en Tlaxcala donde la obligan a atender clientes. "
    "Un hombre la anuncia en internet y se queda con todo el dinero."
)
NOT_TRAFFICKING = "My neighbor plays loud music every night and the landlord does nothing."


@cache
def _hash() -> str:
    return hash_password(PASSWORD)  # hashing is deliberately slow: once for every account


def add_user(session: Session, role: Role, username: str, language: str = "en") -> User:
    user = User(
        username=username,
        display_name=username.title(),
        password_hash=_hash(),
        role=role.value,
        language=language,
    )
    session.add(user)
    session.flush()
    return user


def add_users(db: Database) -> None:
    with db.session() as s:
        add_user(s, Role.HOTLINE_OPERATOR, "olga")
        add_user(s, Role.ANALYST, "ana")
        add_user(s, Role.SUPERVISOR, "sofia")
        add_user(s, Role.SUPERVISOR, "selena", language="es")
        add_user(s, Role.SERVICE_PROVIDER, "pablo")
        s.commit()


def tip(
    session: Session,
    narrative: str,
    *,
    language: str = "en",
    country: str = "US",
    state: str = "US-TX",
    day: int = 1,
) -> Report:
    return add_report(
        session,
        narrative,
        language=language,
        country=country,
        state=state,
        received_at=datetime(2026, 5, day, 9, tzinfo=UTC),
    )
