"""A referral needs the victim's consent, or a supervisor's recorded override for a minor at risk
or imminent danger; revoking consent withdraws the referrals that relied on it."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from enlace.cases import consent, referrals, victims
from enlace.cases.referrals import ConsentRequiredError, Override
from enlace.cases.tables import Victim
from enlace.cases.victims import VictimDetails, VictimInput
from enlace.errors import ConflictError, PermissionDeniedError, ValidationFailedError
from enlace.security.crypto import FieldCipher
from enlace.security.tables import AuditEvent
from tests.cases.conftest import World, open_case


def _victim(session: Session, world: World, cipher: FieldCipher, age: int = 24) -> Victim:
    case = open_case(session, world)
    return victims.add_victim(
        session,
        world.investigator,
        case,
        VictimInput(
            identified_on=date(2026, 2, 1),
            age_at_identification=age,
            sex="female",
            nationality="MX",
            details=VictimDetails(name="Ana Prueba Sintética", phone="+5215550000000"),
        ),
        cipher,
    )


def test_referral_without_consent_is_refused(
    session: Session, world: World, cipher: FieldCipher
) -> None:
    victim = _victim(session, world, cipher)
    with pytest.raises(ConsentRequiredError):
        referrals.refer(session, world.investigator, victim, world.shelter, "shelter")
    # An investigator cannot override, even with a reason.
    with pytest.raises(ConsentRequiredError):
        referrals.refer(
            session,
            world.investigator,
            victim,
            world.shelter,
            "shelter",
            override=Override("imminent_danger", "Threatened tonight"),
        )


def test_referral_with_consent_is_sent_and_tied_to_it(
    session: Session, world: World, cipher: FieldCipher
) -> None:
    victim = _victim(session, world, cipher)
    given = consent.give(session, world.investigator, victim, "referral", date(2026, 2, 2))
    referral = referrals.refer(session, world.investigator, victim, world.shelter, "shelter")
    assert referral.status == "sent"
    assert referral.consent_id == given.id
    assert referral.override_kind is None


def test_supervisor_override_needs_a_reason_and_a_fitting_kind(
    session: Session, world: World, cipher: FieldCipher
) -> None:
    adult = _victim(session, world, cipher, age=30)
    with pytest.raises(ValidationFailedError):
        referrals.refer(
            session,
            world.supervisor,
            adult,
            world.shelter,
            "shelter",
            override=Override("imminent_danger", " "),
        )
    with pytest.raises(ValidationFailedError):  # not a minor
        referrals.refer(
            session,
            world.supervisor,
            adult,
            world.shelter,
            "shelter",
            override=Override("minor_at_risk", "x"),
        )
    minor = _victim(session, world, cipher, age=15)
    assert minor.minor
    referral = referrals.refer(
        session,
        world.supervisor,
        minor,
        world.shelter,
        "shelter",
        override=Override("minor_at_risk", "Trafficker knows where she sleeps"),
    )
    assert (referral.override_kind, referral.override_by_id) == (
        "minor_at_risk",
        world.supervisor.id,
    )
    session.flush()
    logged = session.scalars(
        select(AuditEvent.action).where(AuditEvent.action == "case.referral_override")
    )
    assert list(logged) == ["case.referral_override"]


def test_revoking_referral_consent_withdraws_live_referrals_and_access(
    session: Session, world: World, cipher: FieldCipher
) -> None:
    victim = _victim(session, world, cipher)
    given = consent.give(session, world.investigator, victim, "referral")
    referral = referrals.refer(session, world.investigator, victim, world.shelter, "shelter")
    assert (
        victims.reveal(session, world.provider_user, victim, cipher).name == "Ana Prueba Sintética"
    )
    withdrawn = consent.revoke(session, world.investigator, given, "She asked us to stop")
    assert [r.id for r in withdrawn] == [referral.id]
    assert referral.status == "withdrawn"
    with pytest.raises(PermissionDeniedError):
        victims.reveal(session, world.provider_user, victim, cipher)
    with pytest.raises(ConsentRequiredError):
        referrals.refer(session, world.investigator, victim, world.shelter, "legal")
    with pytest.raises(ConflictError):
        consent.revoke(session, world.investigator, given, "again")


def test_provider_answers_only_its_own_referrals(
    session: Session, world: World, cipher: FieldCipher
) -> None:
    victim = _victim(session, world, cipher)
    consent.give(session, world.investigator, victim, "referral")
    referral = referrals.refer(session, world.investigator, victim, world.shelter, "shelter")
    with pytest.raises(PermissionDeniedError):
        referrals.respond(session, world.other_provider_user, referral, "accepted")
    with pytest.raises(PermissionDeniedError):
        referrals.respond(session, world.investigator, referral, "accepted")
    with pytest.raises(ValidationFailedError):  # a rejection needs a reason
        referrals.respond(session, world.provider_user, referral, "rejected")
    referrals.respond(session, world.provider_user, referral, "accepted")
    with pytest.raises(ConflictError):
        referrals.respond(session, world.provider_user, referral, "accepted")
    referrals.respond(session, world.provider_user, referral, "delivered")
    assert referral.status == "delivered" and referral.delivered_on is not None
    assert [r.id for r in referrals.inbox(session, world.provider_user)] == [referral.id]
    assert referrals.inbox(session, world.other_provider_user) == []
