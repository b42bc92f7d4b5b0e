"""The column-mapping file: which column of a partner's file feeds which report field.

Example (YAML)::

    source: casa-refugio          # the partner; row keys are prefixed with it
    key: [case_id]                # columns identifying a row across re-imports (default: all)
    fields:                       # report field: column in the file
      narrative: description
      language: lang
      incident_at: date
    defaults:                     # used when the column is missing or empty
      language: es
      country: MX
    date_format: "%d/%m/%Y"       # optional; ISO 8601 is always understood
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from enlace.errors import ValidationFailedError
from enlace.messages import N_

TARGETS = (
    "narrative", "language", "location_text", "country", "state", "city", "latitude",
    "longitude", "incident_at", "contact_name", "contact_phone", "contact_email",
)  # fmt: skip
FORMATS = ("csv", "jsonl", "htcds")
ALIASES = {"lang": "language", "location": "location_text", "when": "incident_at"}
# HTCDS "historic trafficking event" fields (hte_) carry the tip; the case id (cas_) keys it.
HTCDS_FIELDS = {
    "narrative": "hte_Description",
    "incident_at": "hte_Date",
    "city": "hte_City",
    "state": "hte_State",
    "country": "hte_Country",
    "location_text": "hte_Street",
    "latitude": "hte_Latitude",
    "longitude": "hte_Longitude",
    "language": "language",
}


@dataclass
class Mapping:
    source: str = "import"
    key: list[str] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)
    defaults: dict[str, str] = field(default_factory=dict)
    date_format: str | None = None

    @cached_property
    def plan(self) -> list[tuple[str, str | None, str]]:
        """(report field, column or None, default) for every field the mapping fills."""
        targets = sorted(self.fields.keys() | self.defaults.keys())
        return [(t, self.fields.get(t), self.defaults.get(t, "")) for t in targets]


def default_mapping(fmt: str) -> Mapping:
    if fmt == "htcds":
        return Mapping(source="htcds", fields=dict(HTCDS_FIELDS))
    fields = {target: target for target in TARGETS}
    return Mapping(fields=fields)


def _problem(reason: str, where: str = "mapping") -> ValidationFailedError:
    return ValidationFailedError([{"field": where, "reason": reason}])


def parse_mapping(raw: Any, fmt: str) -> Mapping:
    if raw is None:
        return default_mapping(fmt)
    if not isinstance(raw, dict):
        raise _problem(N_("The mapping must be a YAML mapping of settings"))
    base = default_mapping(fmt)
    unknown = set(raw) - {"source", "key", "fields", "defaults", "date_format", "format"}
    if unknown:
        raise _problem(N_("Unknown setting in the mapping file"), ", ".join(sorted(unknown)))
    fields = raw.get("fields")
    if fields is not None:
        if not isinstance(fields, dict):
            raise _problem(N_("The mapping must be a YAML mapping of settings"), "fields")
        base.fields = {}
        for target, column in fields.items():
            name = ALIASES.get(str(target), str(target))
            if name not in TARGETS:
                raise _problem(N_("Unknown report field in the mapping file"), str(target))
            base.fields[name] = str(column)
    defaults = raw.get("defaults") or {}
    if not isinstance(defaults, dict):
        raise _problem(N_("The mapping must be a YAML mapping of settings"), "defaults")
    base.defaults = {ALIASES.get(str(k), str(k)): str(v) for k, v in defaults.items()}
    if bad := [k for k in base.defaults if k not in TARGETS]:
        raise _problem(N_("Unknown report field in the mapping file"), ", ".join(bad))
    key = raw.get("key") or []
    base.key = [str(k) for k in ([key] if isinstance(key, str) else key)]
    source = str(raw.get("source") or base.source).strip()
    if not source or len(source) > 60:
        raise _problem(N_("This value is not valid"), "source")
    base.source = source
    base.date_format = raw.get("date_format") or None
    return base


def load_mapping(path: Path | None, fmt: str) -> Mapping:
    if path is None:
        return default_mapping(fmt)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        raise _problem(N_("The mapping file cannot be read as YAML")) from None
    return parse_mapping(raw, fmt)


def guess_format(path: Path, fmt: str | None) -> str:
    if fmt:
        if fmt not in FORMATS:
            raise _problem(N_("Not one of the allowed values"), "format")
        return fmt
    return "jsonl" if path.suffix.lower() in (".jsonl", ".ndjson", ".json") else "csv"
