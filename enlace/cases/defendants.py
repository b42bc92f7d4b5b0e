"""Defendants, each with their own arrest, indictment, outcome and sentence.

A minor is a victim by definition and is never recorded as a defendant in the same matter: a
defendant under 18 is refused, and so is a person already recorded as a minor victim of the case.
Arrests and indictments move the case forward when it is behind them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from enlace.cases import access, timeline
from enlace.cases.codes import PERPETRATOR_ROLES, SEXES, STAGE_RANK, DefendantStage, Outcome, Stage
from enlace.cases.stages import enter
from enlace.cases.tables import Case, Defendant
from enlace.cases.validate import Problems, age, choice, choices, nationality, past_date, text
from enlace.errors import ConflictError, NotFoundError
from enlace.messages import N_
from enlace.security.tables import User
from enlace.store.base import utcnow

ADULT_AGE = 18
MINOR_DEFENDANT = N_(
    "A minor is a victim and is never recorded as a defendant; record them as a victim"
)


@dataclass
class DefendantInput:
    name: str
    alias: str | None = None
    sex: str | None = None
    nationality: str | None = None
    age: int | None = None
    roles: Sequence[str] = ()
    charges: Sequence[str] = ()
    entity_id: int | None = None


@dataclass
class DefendantProgress:
    arrested_on: date | None = None
    indicted_on: date | None = None
    trial: bool = False
    charges: Sequence[str] | None = None
    outcome: str | None = None
    outcome_on: date | None = None
    sentence: str | None = None
    changed: list[str] = field(default_factory=list)


def _minor_victim_entities(case: Case) -> set[int]:
    return {v.entity_id for v in case.victims if v.minor and v.deleted_at is None and v.entity_id}


def add_defendant(session: Session, user: User, case: Case, data: DefendantInput) -> Defendant:
    access.require_edit(user, case)
    problems = Problems()
    name = text(problems, "name", data.name, max_len=200)
    age(problems, "age", data.age)
    if data.age is not None and data.age < ADULT_AGE:
        problems.add("age", MINOR_DEFENDANT)
    if data.sex:
        choice(problems, "sex", data.sex, SEXES)
    roles = choices(problems, "roles", data.roles, PERPETRATOR_ROLES)
    nat = nationality(problems, "nationality", data.nationality)
    problems.raise_any()
    if data.entity_id is not None and data.entity_id in _minor_victim_entities(case):
        raise ConflictError(MINOR_DEFENDANT)
    defendant = Defendant(
        case_id=case.id,
        entity_id=data.entity_id,
        name=name,
        alias=(data.alias or "").strip() or None,
        sex=data.sex or None,
        nationality=nat,
        age=data.age,
        roles=roles,
        charges=[c.strip() for c in data.charges if c.strip()],
        stage=DefendantStage.SUSPECT.value,
    )
    case.defendants.append(defendant)  # cascades the insert; no separate add
    session.flush()
    timeline.log(session, case, "defendant_added", user, defendant=defendant.id)
    return defendant


def get_defendant(case: Case, defendant_id: int) -> Defendant:
    for d in case.defendants:
        if d.id == defendant_id and d.deleted_at is None:
            return d
    raise NotFoundError(N_("No such defendant in this case"))


def _move_case(session: Session, user: User, case: Case, stage: Stage, on: date) -> None:
    if STAGE_RANK[Stage(case.stage)] < STAGE_RANK[stage]:
        enter(session, user, case, stage, on, None)


def record_progress(
    session: Session, user: User, defendant: Defendant, progress: DefendantProgress
) -> None:
    """Record an arrest, an indictment, the trial, or the outcome and sentence."""
    case = defendant.case
    access.require_edit(user, case)
    problems = Problems()
    past_date(problems, "arrested_on", progress.arrested_on, after=case.opened_on)
    past_date(problems, "indicted_on", progress.indicted_on, after=case.opened_on)
    past_date(problems, "outcome_on", progress.outcome_on, after=case.opened_on)
    if progress.outcome:
        choice(problems, "outcome", progress.outcome, list(Outcome))
        if progress.outcome_on is None:
            problems.add("outcome_on", N_("This field is required"))
    problems.raise_any()
    changed: list[str] = []
    if progress.arrested_on and progress.arrested_on != defendant.arrested_on:
        defendant.arrested_on = progress.arrested_on
        changed.append("arrested_on")
        _move_case(session, user, case, Stage.ARRESTS, progress.arrested_on)
    if progress.indicted_on and progress.indicted_on != defendant.indicted_on:
        defendant.indicted_on = progress.indicted_on
        changed.append("indicted_on")
        _move_case(session, user, case, Stage.INDICTMENT, progress.indicted_on)
    if progress.charges is not None:
        defendant.charges = [c.strip() for c in progress.charges if c.strip()]
        changed.append("charges")
    if progress.outcome:
        defendant.outcome = progress.outcome
        defendant.outcome_on = progress.outcome_on
        changed.append("outcome")
    if progress.sentence is not None:
        defendant.sentence = progress.sentence.strip() or None
        changed.append("sentence")
    defendant.stage = _stage_of(defendant, progress.trial).value
    if changed:
        timeline.log(
            session, case, "defendant_updated", user, defendant=defendant.id, fields=changed
        )


def _stage_of(d: Defendant, trial: bool) -> DefendantStage:
    if d.outcome:
        return DefendantStage.DECIDED
    if trial or d.stage == DefendantStage.TRIAL:
        return DefendantStage.TRIAL
    if d.indicted_on:
        return DefendantStage.INDICTED
    if d.arrested_on:
        return DefendantStage.ARRESTED
    return DefendantStage.SUSPECT


def delete_defendant(session: Session, user: User, defendant: Defendant, reason: str) -> None:
    access.require_edit(user, defendant.case)
    problems = Problems()
    reason = text(problems, "reason", reason, max_len=500)
    problems.raise_any()
    defendant.deleted_at = utcnow()
    defendant.deleted_by_id = user.id
    defendant.delete_reason = reason
    timeline.log(
        session, defendant.case, "defendant_deleted", user, defendant=defendant.id, reason=reason
    )
