"""A small world for case tests: agencies, one user per role, a provider and two reports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from enlace.cases import casefiles, providers
from enlace.cases.casefiles import CaseInput
from enlace.cases.tables import Case, Provider
from enlace.config import Settings
from enlace.intake.tables import Report
from enlace.security.crypto import FieldCipher, cipher_for
from enlace.security.passwords import hash_password
from enlace.security.tables import Agency, Role, User
from tests.conftest import PASSWORD
from tests.factories import add_report


@dataclass
class World:
    hsi: Agency
    shelter_org: Agency
    other_org: Agency
    investigator: User
    other_investigator: User
    prosecutor: User
    supervisor: User
    analyst: User
    provider_user: User
    other_provider_user: User
    shelter: Provider
    other_shelter: Provider
    reports: list[Report]


@cache
def _password_hash() -> str:
    return hash_password(PASSWORD)


def _user(session: Session, role: Role, name: str, agency: Agency | None = None) -> User:
    # One password hash for every user: hashing is deliberately slow.
    user = User(
        username=name,
        display_name=name.title(),
        password_hash=_password_hash(),
        role=role.value,
        agency=agency,
    )
    session.add(user)
    session.flush()
    return user


def build_world(session: Session) -> World:
    hsi = Agency(
        name="HSI Houston", short_name="HSI HOU", country="US", level="federal", state="US-TX"
    )
    shelter_org = Agency(name="Puente Shelter", short_name="Puente", country="US", level="ngo")
    other_org = Agency(name="Casa Colibri", short_name="Colibri", country="MX", level="ngo")
    session.add_all([hsi, shelter_org, other_org])
    session.flush()
    shelter = providers.add_provider(
        session,
        None,
        providers.ProviderInput(
            name="Puente Survivor Services",
            country="US",
            services=["shelter", "legal", "immigration_relief"],
            states=["US-TX"],
            languages=["en", "es"],
            agency_id=shelter_org.id,
        ),
    )
    other_shelter = providers.add_provider(
        session,
        None,
        providers.ProviderInput(
            name="Casa Colibri refugio", country="MX", services=["shelter"], agency_id=other_org.id
        ),
    )
    reports = [add_report(session), add_report(session, "Men work the fields without pay.")]
    return World(
        hsi=hsi,
        shelter_org=shelter_org,
        other_org=other_org,
        investigator=_user(session, Role.INVESTIGATOR, "ivan", hsi),
        other_investigator=_user(session, Role.INVESTIGATOR, "olga", hsi),
        prosecutor=_user(session, Role.PROSECUTOR, "paula", hsi),
        supervisor=_user(session, Role.SUPERVISOR, "sam", hsi),
        analyst=_user(session, Role.ANALYST, "ana", hsi),
        provider_user=_user(session, Role.SERVICE_PROVIDER, "rosa", shelter_org),
        other_provider_user=_user(session, Role.SERVICE_PROVIDER, "carmen", other_org),
        shelter=shelter,
        other_shelter=other_shelter,
        reports=reports,
    )


@pytest.fixture
def world(session: Session) -> World:
    return build_world(session)


@pytest.fixture
def cipher(settings: Settings) -> FieldCipher:
    return cipher_for(settings)


@pytest.fixture
def attachments_dir(tmp_path: Path) -> Path:
    return tmp_path / "attachments"


def open_case(session: Session, world: World, **overrides: object) -> Case:
    data = CaseInput(
        title="Houston massage parlour",
        country="US",
        state="US-TX",
        typology="sex_trafficking",
        polaris_type="Illicit Massage, Health & Beauty",
        report_references=[world.reports[0].reference],
        prosecutor_id=world.prosecutor.id,
        opened_on=date(2026, 1, 5),
    )
    for key, value in overrides.items():
        setattr(data, key, value)
    return casefiles.open_case(session, world.investigator, data)
