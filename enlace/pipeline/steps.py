"""The step registry: each registered step runs once per new or extended report, in order.

Intake enqueues one job per registered step (``seq`` is the registration order); a step's job
waits while an earlier step of the same report is still queued or running, so ``screen`` can rely
on ``extract`` having run.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from threading import Lock

from sqlalchemy.orm import Session

from enlace.model import Report

StepFunc = Callable[[Session, Report], object]  # what a step returns is ignored

_steps: dict[str, StepFunc] = {}
_lock = Lock()
RECEIVED = "received"


def register(name: str, func: StepFunc) -> None:
    """Add (or replace, keeping its place) a processing step. Names are at most 40 characters."""
    if not name or len(name) > 40:
        raise ValueError("step names are 1 to 40 characters")
    with _lock:
        _steps[name] = func


def unregister(name: str) -> None:
    with _lock:
        _steps.pop(name, None)


def _load_standard_steps() -> None:
    """Register the standard steps (extraction, screening…) the first time anyone asks.

    They live with the services they call; importing that module registers them. Doing it here,
    lazily, means every process that enqueues or runs work — web, worker, import — has them.
    """
    importlib.import_module("enlace.services.processing")


def registered() -> list[tuple[str, StepFunc]]:
    _load_standard_steps()
    with _lock:
        return list(_steps.items())


def first() -> str | None:
    """The first step, which is all intake queues (each step queues the next as it finishes).

    That is the built-in ``received`` step, registered when this module loads and so before any
    other: the standard steps — and the heavy libraries they import — need not be loaded for it.
    """
    with _lock:
        if _steps and next(iter(_steps)) == RECEIVED:
            return RECEIVED
    names = [name for name, _ in registered()]
    return names[0] if names else None


def lookup(name: str) -> StepFunc | None:
    _load_standard_steps()
    with _lock:
        return _steps.get(name)


def sequence_of(name: str) -> int:
    _load_standard_steps()
    with _lock:
        names = list(_steps)
    return names.index(name) if name in names else len(names)


def _received(session: Session, report: Report) -> None:
    """Built-in first step: marks that the report entered processing (exercises the queue)."""


register(RECEIVED, _received)
