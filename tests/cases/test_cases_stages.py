"""Stages move forward with dates; a verdict closes the case; a closed case refuses changes until
it is reopened with a reason; the figures follow the work."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session

from enlace.cases import casefiles, defendants, stages, tasks, timeline
from enlace.cases.defendants import DefendantInput, DefendantProgress
from enlace.cases.figures import figures
from enlace.errors import ConflictError, PermissionDeniedError, ValidationFailedError
from tests.cases.conftest import World, open_case


def test_stages_move_forward_only_and_in_date_order(session: Session, world: World) -> None:
    case = open_case(session, world)
    stages.advance(session, world.investigator, case, "investigation", date(2026, 1, 10))
    with pytest.raises(ValidationFailedError):
        stages.advance(session, world.investigator, case, "arrests", date(2026, 1, 9))
    stages.advance(session, world.investigator, case, "indictment", date(2026, 2, 1))
    with pytest.raises(ConflictError):
        stages.advance(session, world.investigator, case, "arrests", date(2026, 2, 2))
    assert [e.stage for e in case.stage_events] == ["lead", "investigation", "indictment"]
    assert stages.next_stages(case)[0].value == "trial"


def test_only_assigned_people_or_supervisors_edit(session: Session, world: World) -> None:
    case = open_case(session, world)
    with pytest.raises(PermissionDeniedError):
        stages.advance(session, world.other_investigator, case, "investigation")
    with pytest.raises(PermissionDeniedError):
        stages.advance(session, world.analyst, case, "investigation")
    stages.advance(session, world.supervisor, case, "investigation")
    assert case.stage == "investigation"


def test_a_verdict_closes_the_case_and_closed_cases_refuse_edits(
    session: Session, world: World
) -> None:
    case = open_case(session, world)
    stages.advance(session, world.investigator, case, "trial", date(2026, 3, 1))
    stages.advance(session, world.prosecutor, case, "conviction", date(2026, 4, 1))
    assert case.is_closed and case.closure_reason == "convicted"
    with pytest.raises(ConflictError):
        tasks.add_note(session, world.investigator, case, "One more thing")
    with pytest.raises(ConflictError):
        defendants.add_defendant(session, world.investigator, case, DefendantInput(name="Late"))
    with pytest.raises(ValidationFailedError):  # a reopened verdict must say where it returns
        stages.reopen(session, world.prosecutor, case, "Appeal granted")
    with pytest.raises(ValidationFailedError):
        stages.reopen(session, world.prosecutor, case, " ", stage="trial")
    stages.reopen(session, world.prosecutor, case, "Appeal granted", stage="trial")
    assert not case.is_closed and case.stage == "trial"
    tasks.add_note(session, world.investigator, case, "Retrial scheduled")
    actions = [e.action for e in timeline.timeline(session, case)]
    assert actions[:3] == ["note_added", "stage", "reopened"]


def test_close_without_verdict_needs_a_known_reason(session: Session, world: World) -> None:
    case = open_case(session, world)
    with pytest.raises(ValidationFailedError):
        stages.close_case(session, world.investigator, case, "bored")
    stages.close_case(session, world.investigator, case, "no_trafficking_found")
    with pytest.raises(ConflictError):
        stages.advance(session, world.investigator, case, "investigation")


def test_soft_delete_is_supervisor_only_and_hides_the_case(session: Session, world: World) -> None:
    case = open_case(session, world)
    with pytest.raises(PermissionDeniedError):
        casefiles.delete_case(session, world.investigator, case, "duplicate")
    casefiles.delete_case(session, world.supervisor, case, "Duplicate of another case")
    found = casefiles.list_cases(session, world.supervisor, casefiles.CaseFilter())
    assert case not in found.items
    assert case.deleted_at is not None and case.delete_reason == "Duplicate of another case"


def test_figures_count_the_work(session: Session, world: World) -> None:
    before = figures(session, year=2026)["totals"]
    case = open_case(session, world)
    stages.advance(session, world.investigator, case, "investigation", date(2026, 1, 10))
    one = defendants.add_defendant(session, world.investigator, case, DefendantInput(name="Uno"))
    two = defendants.add_defendant(session, world.investigator, case, DefendantInput(name="Dos"))
    defendants.record_progress(
        session, world.investigator, one, DefendantProgress(arrested_on=date(2026, 2, 1))
    )
    assert case.stage == "arrests"  # an arrest moves the case forward
    defendants.record_progress(
        session,
        world.prosecutor,
        two,
        DefendantProgress(arrested_on=date(2026, 2, 1), indicted_on=date(2026, 2, 20)),
    )
    defendants.record_progress(
        session,
        world.prosecutor,
        two,
        DefendantProgress(outcome="convicted", outcome_on=date(2026, 6, 1), sentence="12 years"),
    )
    session.flush()
    after = figures(session, year=2026)
    delta = {k: after["totals"][k] - before[k] for k in before}
    assert delta == {
        "investigations": 1,
        "arrests": 2,
        "indictments": 1,
        "convictions": 1,
        "victims": 0,
    }
    assert after["by_region"]["US-TX"]["arrests"] == 2
    assert figures(session, year=2025)["totals"]["arrests"] == 0
    assert figures(session, country="MX")["totals"]["arrests"] == 0
