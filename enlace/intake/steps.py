"""The processing steps in force: each runs once per new or extended report, in order.

Steps come from the plug-ins (``enlace.plugins``: the ``enlace_processing_steps`` hook), in the
order of the plug-in list. Intake enqueues a report's first step in the transaction that commits
the report; a step's job waits while an earlier step of the same report is still queued or
running, so ``screen`` can rely on ``extract`` having run.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from enlace.intake.tables import Report
from enlace.plugins import processing_steps
from enlace.plugins.hookspecs import StepFunc

RECEIVED = "received"
MAX_NAME = 40  # the job table's step column


def mark_received(session: Session, report: Report) -> None:
    """Intake's own first step. It does nothing itself: it starts every report's chain (so the
    queue and its retries are exercised even on a node whose areas add no step)."""


def registered() -> list[tuple[str, StepFunc]]:
    found = [(step.name, step.run) for step in processing_steps()]
    for name, _ in found:
        if not name or len(name) > MAX_NAME:
            raise ValueError(f"step names are 1 to {MAX_NAME} characters: {name!r}")
    return found


def first() -> str | None:
    """The first step, which is all intake queues (each step queues the next as it finishes)."""
    names = [name for name, _ in registered()]
    return names[0] if names else None


def lookup(name: str) -> StepFunc | None:
    return dict(registered()).get(name)


def sequence_of(name: str) -> int:
    names = [name for name, _ in registered()]
    return names.index(name) if name in names else len(names)
