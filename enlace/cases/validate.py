"""Field checks shared by the case services; each failure names the field and a reason msgid."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from enlace.errors import ValidationFailedError
from enlace.messages import N_
from enlace.store.base import utcnow

COUNTRIES = ("US", "MX")


class Problems:
    """Collects field problems so one response lists them all."""

    def __init__(self) -> None:
        self.errors: list[dict[str, str]] = []

    def add(self, field: str, reason: str) -> None:
        self.errors.append({"field": field, "reason": reason})

    def raise_any(self) -> None:
        if self.errors:
            raise ValidationFailedError(self.errors)


def today() -> date:
    return utcnow().date()


def text(problems: Problems, field: str, value: str | None, *, max_len: int = 300) -> str:
    cleaned = (value or "").strip()
    if not cleaned:
        problems.add(field, N_("This field is required"))
    elif len(cleaned) > max_len:
        problems.add(field, N_("This is too long"))
    return cleaned


def choice(problems: Problems, field: str, value: str | None, allowed: Iterable[str]) -> str:
    if value not in set(allowed):
        problems.add(field, N_("Not one of the allowed values"))
        return ""
    return value


def choices(
    problems: Problems, field: str, values: Iterable[str], allowed: Iterable[str]
) -> list[str]:
    allowed_set = set(allowed)
    out = [v for v in values if v]
    if any(v not in allowed_set for v in out):
        problems.add(field, N_("Not one of the allowed values"))
    return sorted(set(out), key=out.index)


def past_date(
    problems: Problems, field: str, value: date | None, *, after: date | None = None
) -> None:
    """Dates of things that happened: not in the future, not before what they follow."""
    if value is None:
        return
    if value > today():
        problems.add(field, N_("This date is in the future"))
    elif after is not None and value < after:
        problems.add(field, N_("This date is before an earlier step of the case"))


def jurisdiction(problems: Problems, country: str | None, state: str | None) -> None:
    if country not in COUNTRIES:
        problems.add("country", N_("Not one of the allowed values"))
    elif state and not (state.startswith(f"{country}-") and 4 <= len(state) <= 10):
        problems.add("state", N_("Use an ISO 3166-2 code of the case's country, e.g. MX-TLA"))


def nationality(problems: Problems, field: str, value: str | None) -> str | None:
    if not value:
        return None
    code = value.strip().upper()
    if len(code) != 2 or not code.isalpha():
        problems.add(field, N_("Use a two-letter ISO 3166 country code"))
    return code


def age(problems: Problems, field: str, value: int | None) -> None:
    if value is not None and not 0 <= value <= 120:
        problems.add(field, N_("This value is not valid"))
