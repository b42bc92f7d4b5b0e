"""Moving a case through its stages, closing it with a reason and reopening it with a reason.

A case moves forward (skipping is allowed: a case may go from investigation straight to
indictment); it is dismissed from any stage; a verdict (conviction, acquittal, dismissal) closes
it. A closed case changes only after it is reopened, with a reason, to a stage of the user's choice.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from enlace.cases import access, timeline
from enlace.cases.codes import FINAL_STAGES, STAGE_CLOSURE, STAGE_RANK, ClosureReason, Stage
from enlace.cases.tables import Case, StageEvent
from enlace.cases.validate import Problems, choice, past_date, text, today
from enlace.errors import ConflictError
from enlace.messages import N_
from enlace.security.tables import User
from enlace.store.base import utcnow


def last_stage_date(case: Case) -> date:
    return max([case.opened_on, *(e.happened_on for e in case.stage_events)])


def enter(
    session: Session, user: User | None, case: Case, stage: Stage, on: date, note: str | None
) -> StageEvent:
    """Record the move without permission checks (callers check); verdicts close the case."""
    event = StageEvent(
        stage=stage.value, happened_on=on, note=note, user_id=user.id if user else None
    )
    case.stage_events.append(event)
    previous = case.stage
    case.stage = stage.value
    timeline.log(
        session, case, "stage", user, stage=stage.value, previous=previous, on=on.isoformat()
    )
    if stage in FINAL_STAGES:
        case.closed_at = utcnow()
        case.closure_reason = STAGE_CLOSURE[stage].value
        case.closure_note = note
        timeline.log(session, case, "closed", user, reason=case.closure_reason)
    return event


def can_move(case: Case, target: Stage) -> bool:
    current = Stage(case.stage)
    if current in FINAL_STAGES:
        return False
    return target == Stage.DISMISSED or STAGE_RANK[target] > STAGE_RANK[current]


def next_stages(case: Case) -> list[Stage]:
    return [s for s in Stage if not case.is_closed and can_move(case, s)]


def advance(
    session: Session,
    user: User,
    case: Case,
    stage: str,
    on: date | None = None,
    note: str | None = None,
) -> StageEvent:
    access.require_edit(user, case)
    problems = Problems()
    choice(problems, "stage", stage, list(Stage))
    when = on or today()
    past_date(problems, "on", when, after=last_stage_date(case))
    problems.raise_any()
    target = Stage(stage)
    if not can_move(case, target):
        raise ConflictError(N_("A case cannot move back to an earlier stage"))
    return enter(session, user, case, target, when, (note or "").strip() or None)


def close_case(
    session: Session, user: User, case: Case, reason: str, note: str | None = None
) -> None:
    """Close without a verdict (no trafficking found, transferred, merged…)."""
    access.require_edit(user, case)
    problems = Problems()
    choice(problems, "reason", reason, list(ClosureReason))
    problems.raise_any()
    case.closed_at = utcnow()
    case.closure_reason = reason
    case.closure_note = (note or "").strip() or None
    timeline.log(session, case, "closed", user, reason=reason)


def reopen(
    session: Session,
    user: User,
    case: Case,
    reason: str,
    stage: str | None = None,
    on: date | None = None,
) -> None:
    """Reopen a closed case; it goes back to ``stage`` (a retrial, new evidence…) if given."""
    if not access.can_edit(user, case):
        access.require_edit(user, case)
    if not case.is_closed:
        raise ConflictError(N_("This case is not closed"))
    problems = Problems()
    reason = text(problems, "reason", reason, max_len=1000)
    if stage:
        choice(problems, "stage", stage, [s for s in Stage if s not in FINAL_STAGES])
    elif case.stage in FINAL_STAGES:
        problems.add("stage", N_("Choose the stage the reopened case returns to"))
    problems.raise_any()
    case.closed_at = None
    case.closure_reason = None
    case.closure_note = None
    timeline.log(session, case, "reopened", user, reason=reason)
    if stage and stage != case.stage:
        when = max(on or today(), last_stage_date(case))
        case.stage_events.append(
            StageEvent(stage=stage, happened_on=when, note=reason, user_id=user.id)
        )
        previous, case.stage = case.stage, stage
        timeline.log(
            session, case, "stage", user, stage=stage, previous=previous, on=when.isoformat()
        )
