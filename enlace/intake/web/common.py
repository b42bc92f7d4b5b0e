"""What the intake routes share: bounded bodies, the public rate limit, acknowledging after commit.

This module defines no router; the other modules of ``intake.web`` import from it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import asynccontextmanager
from typing import Any

from anyio import CapacityLimiter
from fastapi import FastAPI, Request, Response
from fastapi.routing import APIRoute
from sqlalchemy.orm import Session

from enlace.config import Settings
from enlace.intake.errors import PayloadTooLargeError
from enlace.intake.ratelimit import SlidingWindowLimiter
from enlace.intake.worker import BackgroundWorker, notify
from enlace.messages import N_
from enlace.store.db import after_commit
from enlace.web.deps import app_state
from enlace.web.state import AppState

MB = 1024 * 1024
JSON_OVERHEAD = 64 * 1024
UNBOUNDED_PATHS = ("/api/v1/intake/batches",)  # signed-in partners' files: streamed to disk
# Enough threads storing at once to fill PostgreSQL's group commits; more only fight over the
# interpreter lock (40 threads at 32 clients halved the throughput of 8).
STORE_THREADS = 8


def body_limit(settings: Settings, request: Request) -> int | None:
    """The largest body a request may carry: attachments for forms and messages, text otherwise."""
    path = request.url.path
    if path in UNBOUNDED_PATHS:
        return None
    attachment = settings.max_attachment_mb * MB
    if "multipart/form-data" in request.headers.get("content-type", ""):
        return attachment + MB
    if path == "/api/v1/intake/messages":
        return attachment * 4 // 3 * 4 + JSON_OVERHEAD  # up to four base64 files
    return settings.max_narrative_chars * 4 + JSON_OVERHEAD


class BoundedRoute(APIRoute):
    """Refuse an oversized body with a translated 413 before anything reads it into memory."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def bounded(request: Request) -> Response:
            limit = body_limit(app_state(request).settings, request)
            if request.method in ("POST", "PUT", "PATCH") and limit is not None:
                await _enforce(request, limit)
            return await handler(request)

        return bounded


async def _enforce(request: Request, limit: int) -> None:
    too_large = PayloadTooLargeError(N_("The submission is larger than allowed"))
    length = request.headers.get("content-length")
    if length is not None:
        if not length.isdigit() or int(length) > limit:
            raise too_large
        return
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise too_large
    request._body = bytes(body)


def client_ip(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def limiter(request: Request) -> SlidingWindowLimiter:
    state = request.app.state
    current = getattr(state, "intake_limiter", None)
    if not isinstance(current, SlidingWindowLimiter):
        current = SlidingWindowLimiter(app_state(request).settings.public_rate_limit)
        state.intake_limiter = current
    return current


async def public_rate_limit(request: Request) -> None:
    """Dependency: count this submission against the client's per-minute allowance.

    ``async`` because it never blocks: a plain function would cost a worker-thread hop.
    """
    limiter(request).hit(client_ip(request))


def store_limiter(request: Request) -> CapacityLimiter:
    """The threads of this process that may store public reports at once (``STORE_THREADS``)."""
    state = request.app.state
    current = getattr(state, "intake_store_threads", None)
    if not isinstance(current, CapacityLimiter):
        current = CapacityLimiter(STORE_THREADS)
        state.intake_store_threads = current
    return current


def acknowledge(session: Session) -> None:
    """Write the report now (a conflict surfaces here), and wake the in-process worker once the
    request's unit of work has committed it; the answer carrying its reference goes out after."""
    session.flush()
    after_commit(session, notify)


def settings_of(request: Request) -> Settings:
    return app_state(request).settings


@asynccontextmanager
async def inline_worker(app: FastAPI) -> AsyncIterator[None]:
    """Run the processing queue in a background thread while the application serves."""
    state: AppState = app.state.enlace
    worker = BackgroundWorker(state.db) if state.settings.inline_worker else None
    if worker is not None:
        worker.start()
    try:
        yield
    finally:
        if worker is not None:
            worker.stop()
