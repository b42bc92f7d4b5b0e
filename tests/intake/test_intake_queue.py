"""The durable work queue: jobs commit with the report, run in order, retry, survive a crash."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from enlace.intake import queue, steps
from enlace.intake.reports import create_report
from enlace.intake.tables import Job, Report
from enlace.intake.validation import Submission
from enlace.intake.worker import Worker
from enlace.plugins import Step
from enlace.store import Database
from tests.plugins import ExtraSteps, plugged


@pytest.fixture
def extra_steps() -> Iterator[list[str]]:
    """Register two test steps after the built-in one, and remove them afterwards."""
    calls: list[str] = []

    def first(session: Session, report: Report) -> None:
        calls.append(f"first:{report.reference}")

    def second(session: Session, report: Report) -> None:
        calls.append(f"second:{report.reference}")

    with plugged(ExtraSteps(Step("test_first", first), Step("test_second", second))):
        yield calls


def _new_report(db: Database, text: str = "Una mujer no puede salir de la casa.") -> Report:
    with db.session() as s:
        return create_report(s, Submission(narrative=text, language="es"), channel="api")


def test_jobs_commit_with_the_report_and_roll_back_with_it(db: Database) -> None:
    report = _new_report(db)
    names = [n for n, _ in steps.registered()]
    with db.session() as s:
        # The first step is queued with the report; the later ones show as waiting behind it.
        assert [j.step for j in queue.jobs_of(s, report.id)] == names[:1]
        progress = queue.progress_of(s, report.id)
        assert [p.step for p in progress] == names
        assert {p.state for p in progress} == {"queued"}
    with pytest.raises(RuntimeError), db.session() as s:
        create_report(s, Submission(narrative="texto", language="es"), channel="api")
        raise RuntimeError("crash before commit")
    with db.session() as s:
        assert s.scalar(select(Report.id).where(Report.narrative == "texto")) is None
        assert len(list(s.scalars(select(Job)))) == 1


def test_each_finished_step_queues_the_next_in_its_transaction(
    db: Database, extra_steps: list[str]
) -> None:
    report = _new_report(db)
    names = [n for n, _ in steps.registered()]
    with db.session() as s:
        (first,) = queue.claim(s, "w1", limit=10, lease=timedelta(minutes=1))
    with pytest.raises(RuntimeError), db.session() as s:
        queue.complete(s, first.id)
        raise RuntimeError("the step's transaction fails")
    with db.session() as s:  # nothing half-done: the step is still running, nothing new queued
        assert [(j.step, j.state) for j in queue.jobs_of(s, report.id)] == [(names[0], "running")]
        queue.complete(s, first.id)
    with db.session() as s:
        assert [(j.step, j.state) for j in queue.jobs_of(s, report.id)] == [
            (names[0], "done"),
            (names[1], "queued"),
        ]


def test_steps_of_a_report_run_in_registration_order(db: Database, extra_steps: list[str]) -> None:
    report = _new_report(db)
    worker = Worker(db, batch=50)
    assert worker.drain() == len(steps.registered())
    assert extra_steps == [f"first:{report.reference}", f"second:{report.reference}"]
    with db.session() as s:
        jobs = queue.jobs_of(s, report.id)
        assert queue.overall_state(jobs) == "done"
        assert all(j.attempts == 1 and j.finished_at is not None for j in jobs)


def test_a_later_step_waits_for_an_earlier_one(db: Database, extra_steps: list[str]) -> None:
    report = _new_report(db)
    with db.session() as s:
        claimed = queue.claim(s, "w1", limit=10, lease=timedelta(minutes=1))
    names = [name for name, _ in steps.registered()]
    # Only the first step is ready; the others wait for it.
    assert [c.step for c in claimed] == [names[0]]
    with db.session() as s:
        assert queue.claim(s, "w2", limit=10, lease=timedelta(minutes=1)) == []
        queue.complete(s, claimed[0].id)
    with db.session() as s:
        assert [c.step for c in queue.claim(s, "w2", limit=10, lease=timedelta(minutes=1))] == [
            names[1]
        ]
    assert report.id


def test_a_failing_step_is_retried_with_backoff_then_marked_failed(db: Database) -> None:
    attempts: list[int] = []

    def flaky(session: Session, report: Report) -> None:
        attempts.append(report.id)
        raise ValueError("geocoder unavailable")

    with plugged(ExtraSteps(Step("test_flaky", flaky))):
        report = _new_report(db)
        worker = Worker(db)
        worker.drain()
        with db.session() as s:
            job = s.scalar(select(Job).where(Job.report_id == report.id, Job.step == "test_flaky"))
            assert job is not None
            assert (job.state, job.attempts) == ("queued", 1)
            assert "geocoder unavailable" in (job.last_error or "")
            assert job.run_after > queue.utcnow() + timedelta(seconds=3)
        for _ in range(queue.MAX_ATTEMPTS - 1):
            with db.session() as s:  # let the retry time pass
                s.execute(update(Job).values(run_after=queue.utcnow() - timedelta(seconds=1)))
            worker.drain()
        with db.session() as s:
            job = s.get_one(Job, job.id)
            assert (job.state, job.attempts) == ("failed", queue.MAX_ATTEMPTS)
            assert queue.overall_state(queue.jobs_of(s, report.id)) == "failed"
        assert len(attempts) == queue.MAX_ATTEMPTS


def test_a_crashed_workers_jobs_are_claimed_again_after_the_lease(db: Database) -> None:
    report = _new_report(db)
    with db.session() as s:
        taken = queue.claim(s, "crashed", limit=10, lease=timedelta(seconds=30))
    assert len(taken) == 1  # later steps wait for the first
    with db.session() as s:
        assert queue.claim(s, "other", limit=10, lease=timedelta(seconds=30)) == []
        s.execute(update(Job).values(locked_until=queue.utcnow() - timedelta(seconds=1)))
    assert Worker(db, name="other").drain() == len(steps.registered())
    with db.session() as s:
        first = queue.jobs_of(s, report.id)[0]
        assert (first.state, first.attempts, first.locked_by) == ("done", 2, "other")
        assert queue.overall_state(queue.jobs_of(s, report.id)) == "done"


def test_concurrent_claims_never_take_the_same_job(db: Database) -> None:
    for i in range(24):
        _new_report(db, f"reporte {i}")
    taken: list[int] = []
    lock = threading.Lock()

    def claim_all(name: str) -> None:
        while True:
            with db.session() as s:
                got = [c.id for c in queue.claim(s, name, limit=3, lease=timedelta(minutes=1))]
            if not got:
                return
            with lock:
                taken.extend(got)

    threads = [threading.Thread(target=claim_all, args=(n,)) for n in ("a", "b", "c", "d")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(taken) == len(set(taken)) == 24
