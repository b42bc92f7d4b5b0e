"""The quick report for trained reporters (drivers, road inspectors, National Guard).

No account is needed: reporting must never wait on a sign-in at a rest stop. An organisation
that trains reporters gets a link with its own token (``enlace intake links create ORG``); reports
sent through it are marked as coming from a trained reporter of that organisation. Without a
token the same form works as a public quick report.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from enlace.errors import ValidationFailedError
from enlace.intake.reports import heading
from enlace.intake.tables import Gateway
from enlace.intake.validation import Submission, clean, parse_float, validate
from enlace.messages import N_

# The signs these reporters are trained on, keyed by the screening catalog's codes where one fits.
INDICATORS: dict[str, tuple[str, str]] = {
    "commercial_sex_of_minor": (
        "Someone who looks under 18 offered for sex",
        "Alguien que parece menor de 18 años ofrecido para sexo",
    ),
    "control_by_third_party": (
        "Someone else speaks for them or watches them",
        "Otra persona habla por ellas o las vigila",
    ),
    "isolation_language_or_location": (
        "They do not know where they are",
        "No saben dónde están",
    ),
    "document_confiscation": (
        "They do not hold their own ID or passport",
        "No tienen su propia identificación o pasaporte",
    ),
    "confinement_or_restricted_movement": (
        "People locked in or not free to leave",
        "Personas encerradas o que no pueden irse",
    ),
    "threats_or_violence": (
        "Signs of injury, fear or threats",
        "Señales de lesiones, miedo o amenazas",
    ),
    "solicitation_at_stop": (
        "Sex offered at the stop (radio talk, flashing lights, knocking on cabs)",
        "Ofrecen sexo en la parada (radio, luces, tocan las cabinas)",
    ),
    "vehicle_out_of_place": (
        "A van or RV out of place, people dropped at trucks and picked up later",
        "Una camioneta o casa rodante fuera de lugar; dejan personas en camiones y las recogen",
    ),
    "transport_across_border": (
        "Many people hidden or crowded in a vehicle",
        "Muchas personas escondidas o amontonadas en un vehículo",
    ),
}
UNITS = ("mi", "km")
FIELDS = (
    "latitude", "longitude", "highway", "marker", "unit", "direction", "country", "state",
    "vehicle", "plate", "plate_state", "notes",
)  # fmt: skip


def pick(pair: tuple[str, str], language: str) -> str:
    return pair[1] if language == "es" else pair[0]


def to_submission(
    raw: Mapping[str, Any],
    seen: list[str],
    language: str,
    link: Gateway | None,
    *,
    max_narrative: int,
) -> Submission:
    data = {name: (clean(raw.get(name)) or "") for name in FIELDS}
    errors: list[dict[str, str]] = []
    unknown = [code for code in seen if code not in INDICATORS]
    if unknown:
        errors.append({"field": "seen", "reason": N_("Not one of the allowed values")})
    if not seen and not data["notes"]:
        errors.append({"field": "seen", "reason": N_("Tick what you saw or write a note")})
    lat = parse_float(data["latitude"], "latitude", errors)
    lon = parse_float(data["longitude"], "longitude", errors)
    if (lat is None) != (lon is None):
        errors.append({"field": "latitude", "reason": N_("This value is not valid")})
    if data["unit"] and data["unit"] not in UNITS:
        errors.append({"field": "unit", "reason": N_("Not one of the allowed values")})
    if lat is None and not data["highway"]:
        errors.append({"field": "highway", "reason": N_("Share your location or give the highway")})
    for name in ("highway", "marker", "vehicle", "plate", "plate_state", "direction"):
        if len(data[name]) > 120:
            errors.append({"field": name, "reason": N_("This is too long")})
    if errors:
        raise ValidationFailedError(errors)
    place = ""
    if data["highway"]:
        unit = {"mi": ("mile", "milla"), "km": ("km", "km")}[data["unit"] or "mi"]
        place = data["highway"]
        if data["marker"]:
            place += f", {pick(unit, language)} {data['marker']}"
        if data["direction"]:
            place += f" ({data['direction']})"
    vehicle = " ".join(
        part
        for part in (data["vehicle"], data["plate"] and f"[{data['plate']}]", data["plate_state"])
        if part
    )
    seen_text = "; ".join(pick(INDICATORS[code], language) for code in seen)
    lines = [
        f"{heading('seen', language)}: {seen_text}" if seen_text else "",
        f"{heading('locations', language)}: {place}" if place else "",
        f"{heading('vehicles', language)}: {vehicle}" if vehicle else "",
        data["notes"],
    ]
    sub = Submission(
        narrative="\n".join(line for line in lines if line),
        language=language,
        anonymous=True,
        location_text=place or None,
        country=data["country"] or None,
        state=data["state"] or None,
        latitude=lat,
        longitude=lon,
        details={
            "quick": {
                "seen": seen,
                "highway": data["highway"] or None,
                "marker": data["marker"] or None,
                "unit": data["unit"] or None,
                "vehicle": data["vehicle"] or None,
                "plate": data["plate"] or None,
                "plate_state": data["plate_state"] or None,
                "trained_reporter": link is not None,
                "organisation": link.name if link is not None else None,
            }
        },
    )
    return validate(sub, max_narrative=max_narrative)
