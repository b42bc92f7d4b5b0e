"""Check and convert one partner record into report columns, or say what is wrong with it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime

from enlace.intake.importing.mapping import Mapping
from enlace.intake.validation import when_problem
from enlace.messages import N_

COUNTRY_NAMES = {
    "US": "US", "USA": "US", "UNITED STATES": "US", "ESTADOS UNIDOS": "US", "EEUU": "US",
    "MX": "MX", "MEX": "MX", "MEXICO": "MX", "MÉXICO": "MX",
    "GT": "GT", "GTM": "GT", "GUATEMALA": "GT", "HN": "HN", "HND": "HN", "HONDURAS": "HN",
    "SV": "SV", "SLV": "SV", "EL SALVADOR": "SV",
}  # fmt: skip
LANGUAGE_NAMES = {
    "en": "en", "eng": "en", "english": "en", "inglés": "en", "ingles": "en",
    "es": "es", "spa": "es", "spanish": "es", "español": "es", "espanol": "es",
}  # fmt: skip
PARSE_PROBLEMS = {
    "wrong_width": N_("The row does not have as many values as the header"),
    "bad_json": N_("The line is not valid JSON"),
    "not_object": N_("The line is not a JSON object"),
}
LIMITS = {"location_text": 300, "state": 10, "city": 120, "contact_name": 200,
          "contact_phone": 40, "contact_email": 254}  # fmt: skip


# A converted row's values, in this order (the bulk insert's columns, less the reference code).
ROW_COLUMNS = (
    "source_key", "language", "anonymous", "narrative", "location_text", "country", "state",
    "city", "latitude", "longitude", "incident_at",
)  # fmt: skip


@dataclass
class Converted:
    row: tuple[object, ...]  # ROW_COLUMNS
    contact: dict[str, str | None] | None

    @property
    def key(self) -> str:
        return str(self.row[0])


Problem = tuple[str, str]  # field, reason msgid


def row_key(mapping: Mapping, record: dict[str, str]) -> str | None:
    """The stable key of a row: its key columns, or a digest of all its values."""
    if mapping.key:
        parts = [record.get(column, "").strip() for column in mapping.key]
        if not all(parts):
            return None
        raw = "\x1f".join(parts)
    else:
        raw = "\x1f".join(f"{k}\x1e{record[k]}" for k in sorted(record))
    key = f"{mapping.source}:{raw}"
    if len(key) > 200 or not mapping.key:
        key = f"{mapping.source}:{hashlib.sha1(raw.encode('utf-8')).hexdigest()}"  # noqa: S324 - a row identity, not security
    return key


def _date(text: str, fmt: str | None) -> datetime | None:
    try:
        if fmt:
            value = datetime.strptime(text, fmt)  # noqa: DTZ007 - zone added below
        elif len(text) == 10:
            day = date.fromisoformat(text)
            return datetime(day.year, day.month, day.day, tzinfo=UTC)
        else:
            value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _incident(text: str | None, fmt: str | None, problems: list[Problem]) -> datetime | None:
    if not text:
        return None
    incident = _date(text, fmt)
    if incident is None:
        problems.append(("incident_at", N_("Must be a date and time")))
    elif (problem := when_problem(incident)) is not None:
        problems.append(("incident_at", problem))
    return incident


def _coordinates(got: dict[str, str], problems: list[Problem]) -> dict[str, float | None]:
    coords: dict[str, float | None] = {}
    for name, bound in (("latitude", 90.0), ("longitude", 180.0)):
        coords[name] = None
        if not got.get(name):
            continue
        try:
            value = float(got[name])
        except ValueError:
            problems.append((name, N_("Must be a number")))
            continue
        if -bound <= value <= bound:
            coords[name] = value
        else:
            problems.append((name, N_("This value is not valid")))
    return coords


def convert(
    mapping: Mapping, record: dict[str, str], *, max_narrative: int
) -> Converted | list[Problem]:
    got: dict[str, str] = {}
    for target, column, default in mapping.plan:
        value = (record.get(column) or "").strip() if column else ""
        got[target] = value or default
    problems: list[Problem] = []
    narrative = got.get("narrative", "")
    if not narrative:
        problems.append(("narrative", N_("This field is required")))
    elif len(narrative) > max_narrative:
        problems.append(("narrative", N_("This is too long")))
    language = LANGUAGE_NAMES.get(got.get("language", "").lower())
    if language is None:
        problems.append(("language", N_("Not one of the allowed values")))
    country = None
    if got.get("country"):
        country = COUNTRY_NAMES.get(got["country"].upper())
        if country is None:
            problems.append(("country", N_("Not one of the allowed values")))
    for name, limit in LIMITS.items():
        if len(got.get(name, "")) > limit:
            problems.append((name, N_("This is too long")))
    coords = _coordinates(got, problems)
    incident = _incident(got.get("incident_at"), mapping.date_format, problems)
    key = row_key(mapping, record)
    if key is None:
        problems.append(("key", N_("The row has no value in its key columns")))
    if problems:
        return problems
    contact = {k: got.get(f"contact_{k}") or None for k in ("name", "phone", "email")}
    has_contact = any(contact.values())
    return Converted(
        row=(
            key,
            language,
            not has_contact,  # anonymous
            narrative,
            got.get("location_text") or None,
            country,
            got.get("state") or None,
            got.get("city") or None,
            coords["latitude"],
            coords["longitude"],
            incident,
        ),
        contact=contact if has_contact else None,
    )
