"""Enqueue, claim, finish and retry jobs; one code path for SQLite and PostgreSQL.

Steps run as a chain: intake queues a report's first step only, and finishing a step (done, or
failed for good) queues the next registered one in the same transaction. An acknowledged report
therefore always has its pending work in the table, yet intake writes one job row per report
instead of one per step — the job rows, each checked against its report, were most of what bulk
import and the public API wrote. ``progress_of`` shows the steps not reached yet as waiting.

Claiming is a single ``UPDATE … WHERE id IN (SELECT … LIMIT n) RETURNING``. On PostgreSQL the
inner select takes ``FOR UPDATE SKIP LOCKED`` so concurrent workers never wait on or double-claim
a job; SQLite has one writer at a time, and the statement re-checks the state it changes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import cast

from sqlalchemy import Table, and_, exists, func, insert, or_, select, update
from sqlalchemy.orm import Session, aliased

from enlace.intake import steps
from enlace.intake.tables import Job, JobState, Report
from enlace.store.base import utcnow

MAX_ATTEMPTS = 5
BACKOFF_BASE = timedelta(seconds=5)
BACKOFF_MAX = timedelta(minutes=15)
PENDING = (JobState.QUEUED.value, JobState.RUNNING.value)
JOBS = cast(Table, Job.__table__)


@dataclass(frozen=True)
class Claimed:
    id: int
    report_id: int
    step: str
    attempts: int


def step_names() -> list[str]:
    return [name for name, _ in steps.registered()]


def job_rows(report_ids: Iterable[int], now: datetime) -> list[dict[str, object]]:
    """The first step's job for each report (later steps are queued as earlier ones finish)."""
    first = steps.first()
    if first is None:
        return []
    return [
        {
            "report_id": rid,
            "step": first,
            "seq": 0,
            "state": JobState.QUEUED.value,
            "attempts": 0,
            "run_after": now,
            "created_at": now,
        }
        for rid in report_ids
    ]


def _enqueue_step(session: Session, report_id: int, step: str, seq: int) -> int:
    """Queue ``step`` for the report unless it is already waiting (it will see the new text)."""
    waiting = session.scalar(
        select(Job.id).where(
            Job.report_id == report_id, Job.step == step, Job.state == JobState.QUEUED.value
        )
    )
    if waiting is not None:
        return 0
    now = utcnow()
    session.execute(
        insert(JOBS),
        {
            "report_id": report_id,
            "step": step,
            "seq": seq,
            "state": JobState.QUEUED.value,
            "attempts": 0,
            "run_after": now,
            "created_at": now,
        },
    )
    return 1


def enqueue_report(session: Session, report_id: int, *, new: bool = False) -> int:
    """Start the chain of steps for a new or extended report, in the caller's transaction.

    A ``new`` report has nothing waiting, which saves the look-up.
    """
    if new:
        rows = job_rows([report_id], utcnow())
        if rows:
            session.execute(insert(JOBS), rows)
        return len(rows)
    first = steps.first()
    return _enqueue_step(session, report_id, first, 0) if first else 0


def enqueue_many(session: Session, report_ids: Sequence[int]) -> int:
    """Start the chain for freshly inserted reports (bulk import): one executemany."""
    rows = job_rows(report_ids, utcnow())
    if rows:
        session.execute(insert(JOBS), rows)
    return len(rows)


def _enqueue_next(session: Session, report_id: int, step: str) -> None:
    names = step_names()
    if step in names and (seq := names.index(step) + 1) < len(names):
        _enqueue_step(session, report_id, names[seq], seq)


def _ready(now: datetime) -> object:
    earlier = aliased(Job)
    blocked = exists().where(
        earlier.report_id == Job.report_id,
        earlier.seq < Job.seq,
        earlier.state.in_(PENDING),
    )
    claimable = or_(
        and_(Job.state == JobState.QUEUED.value, Job.run_after <= now),
        and_(Job.state == JobState.RUNNING.value, Job.locked_until < now),
    )
    return and_(claimable, ~blocked)


def claim(session: Session, worker: str, *, limit: int = 20, lease: timedelta) -> list[Claimed]:
    """Take up to ``limit`` ready jobs for ``worker`` until ``now + lease``; the caller commits."""
    now = utcnow()
    candidates = (
        select(Job.id)
        .where(_ready(now))  # type: ignore[arg-type]
        .order_by(Job.report_id, Job.seq)  # oldest report first, step by step
        .limit(limit)
        .with_for_update(skip_locked=True)
        .scalar_subquery()
    )
    result = session.execute(
        update(Job)
        .where(Job.id.in_(candidates), _ready(now))  # type: ignore[arg-type]
        .values(
            state=JobState.RUNNING.value,
            attempts=Job.attempts + 1,
            locked_until=now + lease,
            locked_by=worker,
        )
        .returning(Job.id, Job.report_id, Job.step, Job.attempts)
        .execution_options(synchronize_session=False)
    )
    return sorted((Claimed(*row) for row in result), key=lambda c: c.id)


def complete(session: Session, job_id: int) -> None:
    """Mark the job done and queue the report's next step, in the caller's transaction."""
    finished = session.execute(
        update(Job)
        .where(Job.id == job_id)
        .values(state=JobState.DONE.value, finished_at=utcnow(), locked_until=None, last_error=None)
        .returning(Job.report_id, Job.step)
        .execution_options(synchronize_session=False)
    ).first()
    if finished is not None:
        _enqueue_next(session, finished.report_id, finished.step)


def backoff(attempts: int) -> timedelta:
    delay: timedelta = BACKOFF_BASE * (2 ** max(0, attempts - 1))
    return min(delay, BACKOFF_MAX)


def retry_or_fail(session: Session, job: Claimed, error: str) -> str:
    """Put a failed job back with exponential backoff, or mark it failed after MAX_ATTEMPTS."""
    final = job.attempts >= MAX_ATTEMPTS
    state = JobState.FAILED.value if final else JobState.QUEUED.value
    session.execute(
        update(Job)
        .where(Job.id == job.id)
        .values(
            state=state,
            last_error=error[:2000],
            run_after=utcnow() + backoff(job.attempts),
            locked_until=None,
            finished_at=utcnow() if final else None,
        )
        .execution_options(synchronize_session=False)
    )
    if final:
        _enqueue_next(session, job.report_id, job.step)  # later steps still run, as they would
    return state


def jobs_of(session: Session, report_id: int) -> list[Job]:
    return list(session.scalars(select(Job).where(Job.report_id == report_id).order_by(Job.id)))


@dataclass(frozen=True)
class StepStatus:
    """A step of a report's processing: a job, or a step the chain has not reached yet."""

    step: str
    state: str
    attempts: int = 0
    last_error: str | None = None
    run_after: datetime | None = None
    finished_at: datetime | None = None


def progress_of(session: Session, report_id: int) -> list[StepStatus]:
    """The report's jobs, then — while its chain is running — the steps it has not reached."""
    jobs = jobs_of(session, report_id)
    out = [
        StepStatus(j.step, j.state, j.attempts, j.last_error, j.run_after, j.finished_at)
        for j in jobs
    ]
    if any(j.state in PENDING for j in jobs):
        seen = {j.step for j in jobs}
        out += [
            StepStatus(name, JobState.QUEUED.value) for name in step_names() if name not in seen
        ]
    return out


def overall_state(jobs: Sequence[Job | StepStatus]) -> str:
    """One word for a report's processing: done, failed, running or queued."""
    states = {j.state for j in jobs}
    for state in (JobState.FAILED, JobState.RUNNING, JobState.QUEUED):
        if state.value in states:
            return state.value
    return JobState.DONE.value


def received_since(session: Session, since: datetime) -> bool:
    """Whether any report was received after ``since`` (one look at the received_at index)."""
    latest = session.scalar(select(func.max(Report.received_at)))
    return latest is not None and latest > since


def counts(session: Session) -> dict[str, int]:
    rows = session.execute(select(Job.state, func.count()).group_by(Job.state)).all()
    return {str(state): int(n) for state, n in rows}
