"""The public report form (no sign-in, English and Spanish), its follow-up, and their JSON twins."""

from __future__ import annotations

from datetime import datetime
from functools import partial
from typing import Annotated, Any, Literal

import anyio.to_thread
from fastapi import APIRouter, Depends, Header, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session
from starlette.datastructures import FormData, UploadFile

from enlace.errors import EnlaceError, NotFoundError, ValidationFailedError
from enlace.intake import attachments, fastpath, idempotency
from enlace.intake.reports import add_follow_up, insert_report, with_sections
from enlace.intake.tables import Channel
from enlace.intake.validation import Contact, Submission, clean, parse_when, validate
from enlace.intake.web.common import (
    MB,
    BoundedRoute,
    acknowledge,
    public_rate_limit,
    settings_of,
    store_limiter,
)
from enlace.messages import N_
from enlace.security.files import FileStore
from enlace.security.tokens import new_token
from enlace.store import Database
from enlace.web import i18n
from enlace.web.deps import CsrfChecked, SessionDep, app_state
from enlace.web.rendering import render

router = APIRouter(route_class=BoundedRoute)
RateLimited = Depends(public_rate_limit)
SCOPE = "public"


class ContactIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str | None = Field(default=None, max_length=200)
    phone: str | None = Field(default=None, max_length=40)
    email: str | None = Field(default=None, max_length=254)


class LocationIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str | None = Field(default=None, max_length=300)
    country: Literal["US", "MX"] | None = None
    state: str | None = Field(default=None, max_length=10)
    city: str | None = Field(default=None, max_length=120)
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)


class PublicReportIn(BaseModel):
    """A tip from the public. ``location`` is free text or a structured place."""

    model_config = ConfigDict(extra="forbid")
    narrative: str
    lang: Literal["en", "es"]
    location: str | LocationIn | None = None
    when: datetime | None = None
    anonymous: bool
    contact: ContactIn | None = None


class Acknowledgement(BaseModel):
    reference: str


class FollowUpIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str
    lang: Literal["en", "es"]


def submission_from_api(body: PublicReportIn) -> Submission:
    place = (
        body.location if isinstance(body.location, LocationIn) else LocationIn(text=body.location)
    )
    when = body.when
    if when is not None and when.tzinfo is None:
        when = parse_when(when.isoformat())
    contact = body.contact
    return Submission(
        narrative=body.narrative,
        language=body.lang,
        anonymous=body.anonymous,
        location_text=clean(place.text),
        country=place.country,
        state=clean(place.state),
        city=clean(place.city),
        latitude=place.latitude,
        longitude=place.longitude,
        incident_at=when,
        contact=Contact(name=contact.name, phone=contact.phone, email=contact.email)
        if contact
        else None,
    )


def _store_public_report(
    db: Database, body: PublicReportIn, key: str | None, max_narrative: int
) -> Response:
    """Everything that touches the database, in one worker-thread hop and one round trip."""
    if key is not None and (prior := fastpath.replay(db, SCOPE, key)) is not None:
        return JSONResponse(prior.body, prior.status_code)
    sub = validate(submission_from_api(body), max_narrative=max_narrative)
    answer = fastpath.store(db, sub, channel=Channel.API.value, scope=SCOPE, key=key)
    return JSONResponse(answer.body, answer.status_code)


@router.post(
    "/api/v1/public/reports",
    tags=["intake"],
    status_code=201,
    dependencies=[RateLimited],
    responses={413: {}, 422: {}, 429: {}},
)
async def public_report_api(
    request: Request,
    body: PublicReportIn,
    idempotency_key: Annotated[str | None, Header()] = None,
) -> Response:
    """Send a tip without an account. Answers 201 with the reference code once it is stored.

    Send an ``Idempotency-Key`` header to make retries safe: a repeat gets the first answer.
    """
    # The busiest route: one thread hop for all blocking work instead of one per dependency.
    key = idempotency.check_key(idempotency_key)
    max_narrative = settings_of(request).max_narrative_chars
    return await anyio.to_thread.run_sync(
        partial(_store_public_report, app_state(request).db, body, key, max_narrative),
        limiter=store_limiter(request),
    )


@router.post(
    "/api/v1/public/reports/{reference}/follow-ups",
    tags=["intake"],
    status_code=201,
    dependencies=[RateLimited],
)
def public_follow_up_api(
    request: Request, reference: str, body: FollowUpIn, session: SessionDep
) -> Acknowledgement:
    """Add information to a report with its reference code, without an account."""
    text = body.text.strip()
    if not text or len(text) > settings_of(request).max_narrative_chars:
        raise ValidationFailedError([{"field": "text", "reason": N_("This value is not valid")}])
    report = add_follow_up(session, reference, text, body.lang)
    acknowledge(session)
    return Acknowledgement(reference=report.reference)


# --- the form -------------------------------------------------------------------------------


def _form_text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


async def _upload(form: FormData, name: str, max_bytes: int) -> tuple[str | None, bytes] | None:
    item = form.get(name)
    if not isinstance(item, UploadFile) or not item.filename:
        return None
    data = await item.read(max_bytes + 1)
    return item.filename, data


def _submission_from_form(form: FormData, language: str) -> Submission:
    text = {
        name: _form_text(form, name)
        for name in (
            "narrative", "location", "city", "state", "country", "when", "people", "phones",
            "vehicles", "accounts", "anonymous", "name", "phone", "email",
        )
    }  # fmt: skip
    sections = {k: text[k] for k in ("people", "phones", "vehicles", "accounts")}
    return Submission(
        narrative=text["narrative"],
        language=language,
        anonymous=text["anonymous"] != "no",
        location_text=text["location"] or None,
        city=text["city"] or None,
        state=text["state"] or None,
        country=text["country"] or None,
        incident_at=parse_when(text["when"]),
        contact=Contact(
            name=text["name"] or None, phone=text["phone"] or None, email=text["email"] or None
        ),
        details={"who": {k: v for k, v in sections.items() if v}} if any(sections.values()) else {},
    )


def _store_web_report(
    session: Session,
    request: Request,
    sub: Submission,
    photo: tuple[str | None, bytes] | None,
    form_key: str,
) -> str:
    settings = settings_of(request)
    scope = "web_form"
    prior = idempotency.answered(session, scope, form_key) if form_key else None
    if prior is not None:
        return str(prior.response["reference"])
    if photo is not None:
        attachments.check(photo[1], max_bytes=settings.max_attachment_mb * MB)
    validate(sub, max_narrative=settings.max_narrative_chars)
    who = sub.details.get("who", {})
    sub.narrative = with_sections(sub.narrative, who, sub.language)
    report = insert_report(session, sub, channel=Channel.WEB_FORM.value)
    if photo is not None:
        attachments.store(
            session,
            FileStore.of(settings),
            report.id,
            photo[0],
            photo[1],
            max_bytes=settings.max_attachment_mb * MB,
        )
    if form_key:
        idempotency.remember(
            session,
            scope,
            form_key,
            report_id=report.id,
            status_code=201,
            response={"reference": report.reference},
        )
    acknowledge(session)
    return report.reference


@router.get("/report", include_in_schema=False)
def report_form(request: Request) -> Response:
    return render(request, "intake/report_form.html", {"values": {}, "form_key": new_token()})


@router.post("/report", include_in_schema=False, dependencies=[CsrfChecked, RateLimited])
async def report_submit(request: Request, session: SessionDep) -> Response:
    form = await request.form()
    language = i18n.current_language.get()
    values = {k: v for k, v in form.items() if isinstance(v, str)}
    form_key = _form_text(form, "form_key")[:200]
    try:
        photo = await _upload(form, "photo", settings_of(request).max_attachment_mb * MB)
        sub = _submission_from_form(form, language)
        reference = await run_in_threadpool(
            _store_web_report, session, request, sub, photo, form_key
        )
    except EnlaceError as exc:
        session.rollback()
        errors = (
            exc.errors
            if isinstance(exc, ValidationFailedError)
            else [{"field": "photo", "reason": exc.message}]
        )
        context: dict[str, Any] = {"values": values, "errors": errors, "form_key": form_key}
        return render(request, "intake/report_form.html", context, status_code=exc.status_code)
    return render(request, "intake/report_thanks.html", {"reference": reference}, status_code=201)


@router.get("/report/follow-up", include_in_schema=False)
def follow_up_form(request: Request) -> Response:
    return render(request, "intake/follow_up.html", {"values": {}})


@router.post("/report/follow-up", include_in_schema=False, dependencies=[CsrfChecked, RateLimited])
async def follow_up_submit(request: Request, session: SessionDep) -> Response:
    form = await request.form()
    values = {k: v for k, v in form.items() if isinstance(v, str)}
    text = _form_text(form, "text")
    language = i18n.current_language.get()

    def store() -> str:
        if not text or len(text) > settings_of(request).max_narrative_chars:
            raise ValidationFailedError(
                [{"field": "text", "reason": N_("Please tell us what happened")}]
            )
        report = add_follow_up(session, _form_text(form, "reference"), text, language)
        acknowledge(session)
        return report.reference

    try:
        reference = await run_in_threadpool(store)
    except (ValidationFailedError, NotFoundError) as exc:
        session.rollback()
        errors = (
            exc.errors
            if isinstance(exc, ValidationFailedError)
            else [{"field": "reference", "reason": exc.message}]
        )
        return render(
            request,
            "intake/follow_up.html",
            {"values": values, "errors": errors},
            status_code=exc.status_code,
        )
    return render(
        request, "intake/follow_up.html", {"values": {}, "added_to": reference}, status_code=201
    )
