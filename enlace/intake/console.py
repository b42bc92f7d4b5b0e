"""The operator console: a structured call, kept as a draft until it is submitted as a report."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from enlace.errors import NotFoundError, ValidationFailedError
from enlace.intake.reports import create_report, with_sections
from enlace.intake.tables import CallDraft, Channel, Report
from enlace.intake.validation import Contact, Submission, clean, parse_when, validate
from enlace.messages import N_
from enlace.security.tables import User
from enlace.store.base import utcnow

# Choices as (English, Spanish) pairs: shown in the page's language, stored as codes.
RELATIONSHIPS = {
    "victim": ("Victim", "Víctima"),
    "family": ("Family member", "Familiar"),
    "witness": ("Witness", "Testigo"),
    "professional": ("Professional", "Profesional"),
    "other": ("Other", "Otra"),
}
CALL_LANGUAGES = {"en": ("English", "Inglés"), "es": ("Spanish", "Español")}
AGE_RANGES = {
    "under_12": ("Under 12", "Menor de 12"),
    "12_17": ("12 to 17", "12 a 17"),
    "18_24": ("18 to 24", "18 a 24"),
    "25_39": ("25 to 39", "25 a 39"),
    "40_plus": ("40 or older", "40 o más"),
    "unknown": ("Unknown", "Desconocida"),
}
SEXES = {
    "female": ("Female", "Mujer"),
    "male": ("Male", "Hombre"),
    "other": ("Other", "Otro"),
    "unknown": ("Unknown", "Desconocido"),
}
FIELDS = (
    "caller_relationship", "caller_language", "interpreter_used", "caller_name", "caller_phone",
    "anonymous", "victim_age", "victim_age_range", "victim_sex", "victim_nationality",
    "victim_minor", "suspects", "locations", "vehicles", "country", "state", "city", "when",
    "narrative",
)  # fmt: skip
MAX_FIELD = 20000


def form_data(raw: Mapping[str, Any]) -> dict[str, str]:
    """The console's fields from a submitted form, as trimmed text (checkboxes as "on"/"")."""
    data = {name: (clean(raw.get(name)) or "") for name in FIELDS}
    for name, value in data.items():
        if len(value) > MAX_FIELD:
            raise ValidationFailedError([{"field": name, "reason": N_("This is too long")}])
    return data


def _age(data: dict[str, str], errors: list[dict[str, str]]) -> int | None:
    if not data["victim_age"]:
        return None
    try:
        age = int(data["victim_age"])
    except ValueError:
        age = -1
    if not 0 <= age <= 120:
        errors.append({"field": "victim_age", "reason": N_("Must be a whole number")})
        return None
    return age


def to_submission(data: dict[str, str], *, max_narrative: int) -> Submission:
    errors: list[dict[str, str]] = []
    age = _age(data, errors)
    for name, choices in (
        ("caller_relationship", RELATIONSHIPS),
        ("caller_language", CALL_LANGUAGES),
        ("victim_age_range", AGE_RANGES),
        ("victim_sex", SEXES),
    ):
        if data[name] and data[name] not in choices:
            errors.append({"field": name, "reason": N_("Not one of the allowed values")})
    if data["victim_nationality"] and len(data["victim_nationality"]) != 2:
        errors.append({"field": "victim_nationality", "reason": N_("Use a two-letter code")})
    if errors:
        raise ValidationFailedError(errors)
    minor = data["victim_minor"] == "on" or (age is not None and age < 18)
    minor = minor or data["victim_age_range"] in ("under_12", "12_17")
    language = data["caller_language"] or "es"
    # A caller who leaves no name or number is anonymous whether or not the box was ticked.
    anonymous = data["anonymous"] == "on" or not (data["caller_name"] or data["caller_phone"])
    lines = {k: " · ".join(data[k].splitlines()) for k in ("suspects", "locations", "vehicles")}
    sub = Submission(
        narrative=data["narrative"],
        language=language,
        anonymous=anonymous,
        location_text=next(iter(data["locations"].splitlines()), None),
        country=data["country"] or None,
        state=data["state"] or None,
        city=data["city"] or None,
        incident_at=parse_when(data["when"]),
        contact=Contact(
            name=data["caller_name"] or None,
            phone=data["caller_phone"] or None,
            relationship=data["caller_relationship"] or None,
        ),
        details={
            "call": {
                "caller_relationship": data["caller_relationship"] or None,
                "caller_language": language,
                "interpreter_used": data["interpreter_used"] == "on",
            },
            "victim": {
                "age": age,
                "age_range": data["victim_age_range"] or None,
                "sex": data["victim_sex"] or None,
                "nationality": data["victim_nationality"].upper() or None,
                "minor": minor,
            },
            "suspects": data["suspects"].splitlines(),
            "locations": data["locations"].splitlines(),
            "vehicles": data["vehicles"].splitlines(),
        },
    )
    validate(sub, max_narrative=max_narrative)
    sub.narrative = with_sections(sub.narrative, lines, language)
    return sub


def open_calls(session: Session, operator: User) -> list[CallDraft]:
    return list(
        session.scalars(
            select(CallDraft)
            .where(CallDraft.operator_id == operator.id, CallDraft.report_id.is_(None))
            .order_by(CallDraft.updated_at.desc())
        )
    )


def get_draft(session: Session, operator: User, draft_id: int) -> CallDraft:
    draft = session.get(CallDraft, draft_id)
    if draft is None or draft.operator_id != operator.id or draft.report_id is not None:
        raise NotFoundError(N_("This call is not among your open calls"))
    return draft


def save_draft(
    session: Session, operator: User, data: dict[str, str], draft_id: int | None
) -> CallDraft:
    draft = get_draft(session, operator, draft_id) if draft_id else None
    if draft is None:
        draft = CallDraft(operator_id=operator.id, data=data)
        session.add(draft)
    else:
        draft.data = data
        draft.updated_at = utcnow()
    session.flush()
    return draft


def submit_call(
    session: Session,
    operator: User,
    data: dict[str, str],
    draft_id: int | None,
    *,
    max_narrative: int,
) -> Report:
    sub = to_submission(data, max_narrative=max_narrative)
    draft = get_draft(session, operator, draft_id) if draft_id else None
    report = create_report(session, sub, channel=Channel.OPERATOR.value, created_by_id=operator.id)
    if draft is not None:
        draft.data = data
        draft.report_id = report.id
        draft.updated_at = utcnow()
    return report
