"""Intake JSON API: signed-in report creation, the chat/SMS webhook, and processing status.

This router also runs the in-process queue worker for the application's lifetime when
``ENLACE_INLINE_WORKER`` is true.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Header, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from enlace.intake import conversations, gateways, idempotency, queue
from enlace.intake import reading as reports
from enlace.intake.reports import insert_report
from enlace.intake.tables import Channel
from enlace.intake.validation import validate
from enlace.intake.web.common import (
    MB,
    BoundedRoute,
    acknowledge,
    inline_worker,
    settings_of,
)
from enlace.intake.web.public import PublicReportIn, submission_from_api
from enlace.messages import N_
from enlace.security.files import FileStore
from enlace.security.roles import Permission
from enlace.security.tables import User
from enlace.web.deps import CsrfChecked, SessionDep, require
from enlace.web.rendering import render

router = APIRouter(route_class=BoundedRoute, lifespan=inline_worker)
Creator = Annotated[User, Depends(require(Permission.CREATE_REPORTS))]
Viewer = Annotated[User, Depends(require(Permission.VIEW_REPORTS))]
JOB_LABELS = {
    "queued": N_("Waiting"),
    "running": N_("Running"),
    "done": N_("Done"),
    "failed": N_("Failed"),
}


class FileIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    filename: str | None = Field(default=None, max_length=200)
    content_type: str | None = Field(default=None, max_length=80)
    data: str = Field(description="The file's bytes, base64-encoded")


class MessageIn(BaseModel):
    """One message from a chat or SMS gateway."""

    model_config = ConfigDict(extra="forbid")
    channel: Literal["sms", "chat"]
    conversation_id: str = Field(min_length=1, max_length=200)
    sender_id: str = Field(min_length=1, max_length=200)
    timestamp: datetime | None = None
    text: str = ""
    lang: Literal["en", "es"] = "es"
    message_id: str | None = Field(default=None, max_length=200)
    attachments: list[FileIn] = Field(default_factory=list, max_length=4)


class MessageOut(BaseModel):
    reference: str
    conversation_id: str
    created: bool


class JobOut(BaseModel):
    """A processing step; ``run_after`` is empty for a step not queued yet (it runs after the
    steps before it)."""

    step: str
    state: str
    attempts: int
    last_error: str | None
    run_after: datetime | None
    finished_at: datetime | None


class ProcessingOut(BaseModel):
    reference: str
    state: str
    jobs: list[JobOut]


@router.post("/api/v1/reports", tags=["reports"], status_code=201, dependencies=[CsrfChecked])
def create_report_api(
    request: Request,
    body: PublicReportIn,
    session: SessionDep,
    user: Creator,
    idempotency_key: Annotated[str | None, Header()] = None,
) -> Response:
    """Add a report as a signed-in user (channel ``api``); an Idempotency-Key makes retries safe."""
    scope = f"user:{user.id}"
    key = idempotency.check_key(idempotency_key)
    if key and (prior := idempotency.answered(session, scope, key)):
        return JSONResponse(prior.response, prior.status_code)
    sub = validate(
        submission_from_api(body), max_narrative=settings_of(request).max_narrative_chars
    )
    report = insert_report(session, sub, channel=Channel.API.value, created_by_id=user.id)
    ack = {"reference": report.reference}
    if key:
        idempotency.remember(
            session, scope, key, report_id=report.id, status_code=201, response=ack
        )
    acknowledge(session)
    return JSONResponse(ack, 201)


def _replay(session: Session, scope: str, key: str) -> Response | None:
    prior = idempotency.answered(session, scope, key)
    return JSONResponse(prior.response, prior.status_code) if prior else None


@router.post(
    "/api/v1/intake/messages",
    tags=["intake"],
    responses={200: {"model": MessageOut}, 201: {"model": MessageOut}},
)
def receive_message(
    request: Request,
    body: MessageIn,
    session: SessionDep,
    authorization: Annotated[str | None, Header()] = None,
    idempotency_key: Annotated[str | None, Header()] = None,
) -> Response:
    """Take a message from a chat or SMS gateway (``Authorization: Bearer <gateway token>``).

    Messages with the same ``conversation_id`` thread into one report (201 for the first, 200
    after). A retry with the same ``Idempotency-Key`` (or ``message_id``) changes nothing.
    """
    gateway = gateways.authenticate(session, authorization)
    scope = f"gateway:{gateway.id}"
    key = idempotency.check_key(idempotency_key or body.message_id)
    if key and (answer := _replay(session, scope, key)):
        return answer
    settings = settings_of(request)
    msg = conversations.Message(
        conversation_id=body.conversation_id,
        sender_id=body.sender_id,
        text=body.text,
        language=body.lang,
        timestamp=body.timestamp,
        message_id=body.message_id,
        files=[conversations.IncomingFile(f.data, f.filename) for f in body.attachments],
    )
    for attempt in range(2):
        try:
            outcome = conversations.receive(
                session,
                gateway,
                msg,
                file_store=FileStore.of(settings),
                max_narrative=settings.max_narrative_chars,
                max_attachment_bytes=settings.max_attachment_mb * MB,
            )
            status = 201 if outcome.created else 200
            out = MessageOut(
                reference=outcome.reference,
                conversation_id=outcome.conversation_id,
                created=outcome.created,
            ).model_dump()
            if key:
                idempotency.remember(
                    session, scope, key, report_id=None, status_code=status, response=out
                )
            acknowledge(session)
            return JSONResponse(out, status)
        except IntegrityError:
            # A concurrent delivery of the same message or conversation won: answer as it did.
            session.rollback()
            gateway = gateways.authenticate(session, authorization)
            if key and (answer := _replay(session, scope, key)):
                return answer
            if attempt:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def _processing(session: Session, reference: str) -> ProcessingOut:
    report = reports.get_report(session, reference)
    jobs = queue.progress_of(session, report.id)
    return ProcessingOut(
        reference=report.reference,
        state=queue.overall_state(jobs),
        jobs=[JobOut.model_validate(job, from_attributes=True) for job in jobs],
    )


@router.get("/api/v1/reports/{reference}/processing", tags=["reports"])
def processing_api(reference: str, session: SessionDep, _user: Viewer) -> ProcessingOut:
    """The report's processing steps (extraction, screening…) and where each one stands."""
    return _processing(session, reference)


@router.get("/reports/{reference}/processing", include_in_schema=False)
def processing_page(
    request: Request, reference: str, session: SessionDep, _user: Viewer
) -> Response:
    return render(
        request,
        "intake/processing.html",
        {"status": _processing(session, reference), "job_labels": JOB_LABELS},
    )
