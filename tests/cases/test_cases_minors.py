"""A minor is always a victim and never a defendant in the same matter."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session

from enlace.cases import defendants, victims
from enlace.cases.defendants import DefendantInput
from enlace.cases.victims import VictimInput
from enlace.errors import ConflictError, ValidationFailedError
from enlace.extraction.tables import Entity
from enlace.security.crypto import FieldCipher
from tests.cases.conftest import World, open_case


def _person(session: Session, label: str) -> Entity:
    entity = Entity(kind="person", key=label.lower(), label=label)
    session.add(entity)
    session.flush()
    return entity


def test_a_defendant_under_18_is_refused(session: Session, world: World) -> None:
    case = open_case(session, world)
    with pytest.raises(ValidationFailedError) as caught:
        defendants.add_defendant(
            session, world.investigator, case, DefendantInput(name="Joven", age=16)
        )
    assert caught.value.errors[0]["field"] == "age"
    assert (
        defendants.add_defendant(
            session, world.investigator, case, DefendantInput(name="Adulto", age=18)
        ).stage
        == "suspect"
    )


def test_a_minor_victim_cannot_become_a_defendant_of_the_case(
    session: Session, world: World, cipher: FieldCipher
) -> None:
    case = open_case(session, world)
    person = _person(session, "Lupita Synthetic")
    victim = victims.add_victim(
        session,
        world.investigator,
        case,
        VictimInput(identified_on=date(2026, 3, 1), age_at_identification=15, entity_id=person.id),
        cipher,
    )
    assert victim.minor
    with pytest.raises(ConflictError):
        defendants.add_defendant(
            session,
            world.investigator,
            case,
            DefendantInput(name="Lupita Synthetic", entity_id=person.id),
        )
    # In another matter the same rule holds only for that matter's own victims.
    other = open_case(session, world, title="Other matter")
    assert defendants.add_defendant(
        session,
        world.investigator,
        other,
        DefendantInput(name="Lupita Synthetic", age=19, entity_id=person.id),
    )


def test_a_defendant_cannot_be_added_as_a_minor_victim(
    session: Session, world: World, cipher: FieldCipher
) -> None:
    case = open_case(session, world)
    person = _person(session, "Pedro Synthetic")
    defendants.add_defendant(
        session, world.investigator, case, DefendantInput(name="Pedro", entity_id=person.id)
    )
    with pytest.raises(ConflictError):
        victims.add_victim(
            session,
            world.investigator,
            case,
            VictimInput(identified_on=date(2026, 3, 1), minor=True, entity_id=person.id),
            cipher,
        )
    # An adult victim who is also a defendant (victim-offender overlap) is allowed.
    adult = victims.add_victim(
        session,
        world.investigator,
        case,
        VictimInput(identified_on=date(2026, 3, 1), age_at_identification=22, entity_id=person.id),
        cipher,
    )
    assert not adult.minor
