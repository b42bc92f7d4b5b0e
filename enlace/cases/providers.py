"""The directory of service providers in both countries (shelter, medical, legal, T-visa…)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from enlace.cases.codes import ServiceType
from enlace.cases.tables import Provider
from enlace.cases.validate import COUNTRIES, Problems, choice, choices, text
from enlace.errors import ConflictError, NotFoundError, PermissionDeniedError
from enlace.messages import N_
from enlace.security import audit
from enlace.security.tables import Agency, Role, User

DIRECTORY_KEEPERS = frozenset({Role.SUPERVISOR, Role.ADMIN})


@dataclass
class ProviderInput:
    name: str
    country: str
    services: Sequence[str]
    states: Sequence[str] = ()
    area: str | None = None
    languages: Sequence[str] = ("es", "en")
    phone: str | None = None
    email: str | None = None
    agency_id: int | None = None


def add_provider(session: Session, user: User | None, data: ProviderInput) -> Provider:
    """Add a directory entry (supervisors and administrators; ``None`` for system loaders)."""
    if user is not None and user.role not in DIRECTORY_KEEPERS:
        raise PermissionDeniedError(N_("Your role does not allow this"))
    problems = Problems()
    name = text(problems, "name", data.name, max_len=200)
    choice(problems, "country", data.country, COUNTRIES)
    services = choices(problems, "services", data.services, list(ServiceType))
    if not services:
        problems.add("services", N_("This field is required"))
    if data.agency_id is not None and session.get(Agency, data.agency_id) is None:
        problems.add("agency_id", N_("Unknown agency"))
    problems.raise_any()
    if session.scalar(select(Provider.id).where(Provider.name == name)) is not None:
        raise ConflictError(N_("A provider with this name already exists"))
    provider = Provider(
        name=name,
        country=data.country,
        services=services,
        states=list(data.states),
        area=data.area,
        languages=list(data.languages),
        phone=data.phone,
        email=data.email,
        agency_id=data.agency_id,
    )
    session.add(provider)
    session.flush()
    audit.record(
        session,
        "provider.create",
        user_id=user.id if user else None,
        object_type="provider",
        object_id=provider.id,
    )
    return provider


def list_providers(
    session: Session,
    *,
    service: str | None = None,
    country: str | None = None,
    state: str | None = None,
    language: str | None = None,
) -> list[Provider]:
    """Active providers, filtered in Python: the directory is small and the lists are JSON."""
    query = (
        select(Provider).where(Provider.active.is_(True)).order_by(Provider.country, Provider.name)
    )
    if country:
        query = query.where(Provider.country == country)
    found = list(session.scalars(query))
    return [
        p
        for p in found
        if (not service or service in p.services)
        and (not state or not p.states or state in p.states)
        and (not language or language in p.languages)
    ]


def get_provider(session: Session, provider_id: int) -> Provider:
    provider = session.get(Provider, provider_id)
    if provider is None or not provider.active:
        raise NotFoundError(N_("No such provider"))
    return provider
