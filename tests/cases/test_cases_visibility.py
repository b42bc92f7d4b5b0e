"""Victim details are encrypted at rest, shown only to those who need them, and every view is
audited."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from enlace.cases import attachments, consent, referrals, victims
from enlace.cases.tables import Victim
from enlace.cases.victims import VictimDetails, VictimInput
from enlace.errors import PermissionDeniedError
from enlace.security.crypto import FieldCipher
from enlace.security.tables import AuditEvent
from tests.cases.conftest import World, open_case

NAME = "Marisol Ejemplo Ficticio"


def _victim(session: Session, world: World, cipher: FieldCipher) -> Victim:
    case = open_case(session, world)
    return victims.add_victim(
        session,
        world.investigator,
        case,
        VictimInput(
            identified_on=date(2026, 2, 1),
            age_at_identification=19,
            details=VictimDetails(name=NAME, address="Calle Falsa 123", identity_numbers=["X-1"]),
        ),
        cipher,
    )


def _views(session: Session, victim_id: int) -> list[int | None]:
    query = select(AuditEvent.user_id).where(
        AuditEvent.action == "victim.details.view", AuditEvent.object_id == str(victim_id)
    )
    return list(session.scalars(query.order_by(AuditEvent.id)))


def test_details_are_encrypted_at_rest(session: Session, world: World, cipher: FieldCipher) -> None:
    victim = _victim(session, world, cipher)
    session.flush()
    raw = session.execute(
        text("SELECT details_token FROM case_victims WHERE id = :id"), {"id": victim.id}
    ).scalar_one()
    assert NAME not in raw and "Calle Falsa" not in raw
    assert cipher.decrypt_json(raw)["name"] == NAME


def test_assigned_people_and_supervisors_see_details_and_each_view_is_audited(
    session: Session, world: World, cipher: FieldCipher
) -> None:
    victim = _victim(session, world, cipher)
    for user in (world.investigator, world.prosecutor, world.supervisor):
        assert victims.reveal(session, user, victim, cipher).name == NAME
    session.flush()
    assert _views(session, victim.id) == [
        world.investigator.id,
        world.prosecutor.id,
        world.supervisor.id,
    ]


@pytest.mark.parametrize("who", ["other_investigator", "analyst", "provider_user"])
def test_others_do_not_see_details(
    session: Session, world: World, cipher: FieldCipher, who: str
) -> None:
    victim = _victim(session, world, cipher)
    with pytest.raises(PermissionDeniedError):
        victims.reveal(session, getattr(world, who), victim, cipher)
    session.flush()
    assert _views(session, victim.id) == []


def test_the_receiving_provider_sees_details_until_it_rejects(
    session: Session, world: World, cipher: FieldCipher
) -> None:
    victim = _victim(session, world, cipher)
    consent.give(session, world.investigator, victim, "referral")
    referral = referrals.refer(session, world.investigator, victim, world.shelter, "shelter")
    assert victims.reveal(session, world.provider_user, victim, cipher).name == NAME
    with pytest.raises(PermissionDeniedError):
        victims.reveal(session, world.other_provider_user, victim, cipher)
    referrals.respond(session, world.provider_user, referral, "rejected", reason="No beds")
    with pytest.raises(PermissionDeniedError):
        victims.reveal(session, world.provider_user, victim, cipher)


def test_victim_photos_are_encrypted_and_read_under_the_same_rule(
    session: Session, world: World, cipher: FieldCipher, attachments_dir: Path
) -> None:
    victim = _victim(session, world, cipher)
    photo = b"\x89PNG synthetic photo bytes"
    stored = attachments.store(
        session,
        world.investigator,
        victim.case,
        directory=attachments_dir,
        cipher=cipher,
        filename="photo.png",
        content_type="image/png",
        data=photo,
        victim=victim,
    )
    assert photo not in (attachments_dir / stored.storage_name).read_bytes()
    read = attachments.read(
        session, world.prosecutor, stored, directory=attachments_dir, cipher=cipher
    )
    assert read == photo
    with pytest.raises(PermissionDeniedError):
        attachments.read(session, world.analyst, stored, directory=attachments_dir, cipher=cipher)
