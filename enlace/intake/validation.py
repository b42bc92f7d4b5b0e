"""One validated shape for a tip from any channel, with reasons a reporter can act on."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from enlace.errors import ValidationFailedError
from enlace.messages import N_
from enlace.store.base import utcnow

LANGUAGES = ("en", "es")
COUNTRIES = ("US", "MX")
MAX_SHORT = 300
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE = re.compile(r"^\+?[0-9 ().-]{7,25}$")
# No tip describes an incident before this; an earlier year is a typing slip the reporter can fix.
EARLIEST_WHEN = datetime(1900, 1, 1, tzinfo=UTC)


@dataclass
class Contact:
    name: str | None = None
    phone: str | None = None
    email: str | None = None
    relationship: str | None = None

    def is_empty(self) -> bool:
        return not (self.name or self.phone or self.email)


@dataclass
class Submission:
    narrative: str
    language: str
    anonymous: bool = True
    location_text: str | None = None
    country: str | None = None
    state: str | None = None
    city: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    incident_at: datetime | None = None
    contact: Contact | None = None
    details: dict[str, Any] = field(default_factory=dict)


def clean(value: object) -> str | None:
    """Trimmed text, or None for missing/blank."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def parse_when(raw: str | None) -> datetime | None:
    """An ISO date or date-time; without a zone it is taken as UTC (the reporter rarely knows)."""
    text = clean(raw)
    if text is None:
        return None
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            return datetime(day.year, day.month, day.day, tzinfo=UTC)
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ValidationFailedError(
            [{"field": "when", "reason": N_("Must be a date and time")}]
        ) from None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def when_problem(value: datetime | None) -> str | None:
    """Why an incident date cannot be taken (before 1900, or more than a day ahead), or None."""
    if value is None:
        return None
    if value < EARLIEST_WHEN:
        return N_("This date is too far in the past")
    if value > utcnow() + timedelta(days=1):
        return N_("This date is in the future")
    return None


def parse_float(raw: object, name: str, errors: list[dict[str, str]]) -> float | None:
    text = clean(raw)
    if text is None:
        return None
    try:
        return float(text)
    except ValueError:
        errors.append({"field": name, "reason": N_("Must be a number")})
        return None


def validate(sub: Submission, *, max_narrative: int) -> Submission:
    """Check a submission; raise ValidationFailedError listing every problem at once."""
    errors: list[dict[str, str]] = []
    sub.narrative = (sub.narrative or "").strip()
    if not sub.narrative:
        errors.append({"field": "narrative", "reason": N_("Please tell us what happened")})
    elif len(sub.narrative) > max_narrative:
        errors.append({"field": "narrative", "reason": N_("This is too long")})
    if sub.language not in LANGUAGES:
        errors.append({"field": "lang", "reason": N_("Not one of the allowed values")})
    for name in ("location_text", "city", "state"):
        value = getattr(sub, name)
        if value is not None and len(value) > (MAX_SHORT if name == "location_text" else 120):
            errors.append({"field": name, "reason": N_("This is too long")})
    if sub.state is not None and len(sub.state) > 10:
        errors.append({"field": "state", "reason": N_("This is too long")})
    if sub.country is not None:
        sub.country = sub.country.upper()
        if sub.country not in COUNTRIES:
            errors.append({"field": "country", "reason": N_("Not one of the allowed values")})
    if sub.latitude is not None and not -90 <= sub.latitude <= 90:
        errors.append({"field": "latitude", "reason": N_("This value is not valid")})
    if sub.longitude is not None and not -180 <= sub.longitude <= 180:
        errors.append({"field": "longitude", "reason": N_("This value is not valid")})
    if (problem := when_problem(sub.incident_at)) is not None:
        errors.append({"field": "when", "reason": problem})
    _check_contact(sub, errors)
    if errors:
        raise ValidationFailedError(errors)
    return sub


def _check_contact(sub: Submission, errors: list[dict[str, str]]) -> None:
    if sub.anonymous:
        # An anonymous choice wins: whatever was typed in the contact fields is not kept.
        sub.contact = None
        return
    contact = sub.contact
    if contact is None or contact.is_empty():
        errors.append(
            {"field": "contact", "reason": N_("Give a way to reach you, or choose anonymous")}
        )
        return
    if contact.email and (len(contact.email) > 254 or not EMAIL.match(contact.email)):
        errors.append({"field": "contact.email", "reason": N_("This is not an email address")})
    if contact.phone and not PHONE.match(contact.phone):
        errors.append({"field": "contact.phone", "reason": N_("This is not a phone number")})
    if contact.name and len(contact.name) > 200:
        errors.append({"field": "contact.name", "reason": N_("This is too long")})
