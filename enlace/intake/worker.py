"""Workers: claim jobs, run their step in the step's own transaction, retry failures with backoff.

``enlace worker`` runs one in the foreground; the web application can run one in a background
thread (``ENLACE_INLINE_WORKER``). Any number may run at once against PostgreSQL.

Intake comes first. The background worker shares a process (and its interpreter lock) with the
requests that acknowledge reports, and a machine with the other web processes and the database.
So while reports are arriving — acknowledged by this process, or stored by anyone in the last
``INTAKE_QUIET_SECONDS`` — it runs one job at a time and rests after each for nineteen times as
long as the job took: processing then takes about a twentieth of its process, keeps draining,
and catches up at full speed once intake is quiet.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
import traceback
from datetime import timedelta

from enlace.intake import queue, steps
from enlace.intake.tables import Report
from enlace.store import Database
from enlace.store.base import utcnow

log = logging.getLogger(__name__)
_wake = threading.Event()
_last_intake = 0.0  # time.monotonic() of this process's last acknowledged report
INTAKE_QUIET_SECONDS = 0.5  # intake counts as busy until this long after its last report
BUSY_SHARE = 0.05  # the share of its process's time a yielding worker takes while intake is busy
REST_STEP_SECONDS = 0.25  # a rest ends at most this long after intake goes quiet
DB_CHECK_SECONDS = 0.2


def notify() -> None:
    """Wake this process's idle workers: new work was just committed."""
    global _last_intake  # noqa: PLW0603 - one process-wide clock, written by the intake routes
    _last_intake = time.monotonic()
    _wake.set()


def intake_busy_here() -> bool:
    """Whether this process acknowledged a report within the last ``INTAKE_QUIET_SECONDS``."""
    return time.monotonic() - _last_intake < INTAKE_QUIET_SECONDS


class UnknownStepError(RuntimeError):
    pass


class Worker:
    def __init__(
        self,
        db: Database,
        *,
        name: str | None = None,
        batch: int = 20,
        lease: timedelta = timedelta(minutes=2),
        poll_seconds: float = 1.0,
        yield_to_intake: bool = False,
    ) -> None:
        self.db = db
        self.name = name or f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"[:64]
        self.batch = batch
        self.lease = lease
        self.poll_seconds = poll_seconds
        self.yield_to_intake = yield_to_intake
        self._busy_checked = 0.0
        self._busy = False
        self._stop = threading.Event()

    def intake_busy(self) -> bool:
        """Whether reports are arriving: here (free to ask) or anywhere (the database, every
        ``DB_CHECK_SECONDS`` at most). Always False for a worker that does not yield."""
        if not self.yield_to_intake:
            return False
        if intake_busy_here():
            return True
        now = time.monotonic()
        if now - self._busy_checked >= DB_CHECK_SECONDS:
            since = utcnow() - timedelta(seconds=INTAKE_QUIET_SECONDS)
            with self.db.session() as session:
                self._busy = queue.received_since(session, since)
            self._busy_checked = now
        return self._busy

    def run_once(self) -> int:
        """Claim one batch of ready jobs and run them; returns how many were attempted."""
        started = time.monotonic()
        busy = self.intake_busy()
        with self.db.session() as session:
            claimed = queue.claim(
                session, self.name, limit=1 if busy else self.batch, lease=self.lease
            )
        for job in claimed:
            self._run(job)
            if self.intake_busy():
                took = time.monotonic() - started  # the claim and the job
                self._rest(took * (1 - BUSY_SHARE) / BUSY_SHARE)
            started = time.monotonic()
        return len(claimed)

    def _rest(self, seconds: float) -> None:
        """Sleep while intake stays busy, up to ``seconds``; wake early when it goes quiet."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0 and self.intake_busy():
            if self._stop.wait(min(left, REST_STEP_SECONDS)):
                return

    def drain(self) -> int:
        """Run until no job is ready now (jobs waiting for a retry time are left)."""
        total = 0
        while n := self.run_once():
            total += n
        return total

    def run(self, stop: threading.Event) -> None:
        self._stop = stop
        while not stop.is_set():
            try:
                worked = self.run_once()
            except Exception:
                # The database may be briefly unreachable; try again after a pause.
                log.exception("worker %s could not claim jobs", self.name)
                worked = 0
            if not worked:
                _wake.wait(self.poll_seconds)
                _wake.clear()

    def _run(self, job: queue.Claimed) -> None:
        try:
            with self.db.session() as session:
                func = steps.lookup(job.step)
                if func is None:
                    raise UnknownStepError(f"no step named {job.step!r} in this process")
                report = session.get(Report, job.report_id)
                if report is not None:
                    func(session, report)
                queue.complete(session, job.id)
        except Exception as exc:
            detail = "".join(traceback.format_exception_only(exc)).strip()
            with self.db.session() as session:
                state = queue.retry_or_fail(session, job, detail)
            log.warning("job %s (%s) %s: %s", job.id, job.step, state, detail)


class BackgroundWorker:
    """A worker on a daemon thread, for the web application's lifespan."""

    def __init__(self, db: Database) -> None:
        self._stop = threading.Event()
        self._worker = Worker(
            db, name=f"inline:{socket.gethostname()}:{os.getpid()}", yield_to_intake=True
        )
        self._thread = threading.Thread(
            target=self._worker.run, args=(self._stop,), name="enlace-worker", daemon=True
        )

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        notify()
        self._thread.join(timeout)
