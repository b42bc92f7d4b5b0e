"""Cases as FollowTheMoney entities (OCCRP's model), one JSON object per line.

Plain dictionaries in FtM's shape ``{"id", "schema", "properties": {name: [values]}}``: a
``CourtCase`` per case, ``Person`` for defendants, ``Person`` for victims under their pseudonym
only (no identifying details ever), ``Organization`` for agencies and providers,
``CourtCaseParty`` tying them to the case, and ``Event`` for each stage reached.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from enlace.cases.tables import Case, Referral
from enlace.security.tables import Agency

Entity = dict[str, Any]
GENDERS = {"female": "female", "male": "male", "nonconforming": "other"}


def entity_id(*parts: object) -> str:
    """Stable ids: the same case exports to the same ids every time."""
    return "enl-" + hashlib.sha1(":".join(map(str, parts)).encode()).hexdigest()[:24]  # noqa: S324


def _entity(schema: str, key: str, **props: Any) -> Entity:
    properties = {
        k: v if isinstance(v, list) else [str(v)]
        for k, v in props.items()
        if v not in (None, "", [])
    }
    return {"id": key, "schema": schema, "properties": properties}


def _agency(agency: Agency) -> Entity:
    return _entity(
        "Organization",
        entity_id("agency", agency.id),
        name=agency.name,
        alias=agency.short_name,
        country=agency.country.lower(),
        jurisdiction=(agency.state or agency.country).lower(),
    )


def case_entities(case: Case, referrals: Sequence[Referral]) -> Iterator[Entity]:
    cid = entity_id("case", case.reference)
    yield _entity(
        "CourtCase",
        cid,
        name=case.title,
        caseNumber=case.reference,
        category=case.typology,
        type=case.polaris_type,
        status=case.stage,
        fileDate=case.opened_on.isoformat(),
        closeDate=case.closed_at.date().isoformat() if case.closed_at else None,
        country=case.country.lower(),
    )

    def party(member: str, role: str) -> Entity:
        return _entity(
            "CourtCaseParty",
            entity_id("party", cid, member, role),
            party=[member],
            case=[cid],
            role=role,
        )

    agencies = ([case.lead_agency] if case.lead_agency else []) + [p.agency for p in case.partners]
    for n, agency in enumerate(agencies):
        org = _agency(agency)
        yield org
        yield party(org["id"], "lead agency" if n == 0 and case.lead_agency else "partner agency")
    for d in case.defendants:
        if d.deleted_at is not None:
            continue
        person = _entity(
            "Person",
            entity_id("defendant", d.id),
            name=d.name,
            alias=d.alias,
            nationality=(d.nationality or "").lower(),
            gender=GENDERS.get(d.sex or ""),
        )
        yield person
        yield party(person["id"], "defendant")
    for v in case.victims:
        if v.deleted_at is not None:
            continue
        person = _entity("Person", entity_id("victim", v.id), name=f"{case.reference} {v.code}")
        yield person
        yield party(person["id"], "victim")
    for r in referrals:
        yield _entity(
            "Organization",
            entity_id("provider", r.provider.id),
            name=r.provider.name,
            country=r.provider.country.lower(),
        )
    for e in case.stage_events:
        yield _entity(
            "Event",
            entity_id("stage", case.reference, e.id),
            name=f"{case.reference}: {e.stage}",
            date=e.happened_on.isoformat(),
            involved=[cid],
        )


def write_jsonl(entities: Iterator[Entity], path: Path) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    seen: set[str] = set()
    with path.open("w", encoding="utf-8") as handle:
        for entity in entities:
            if entity["id"] in seen:
                continue
            seen.add(entity["id"])
            handle.write(json.dumps(entity, ensure_ascii=False, sort_keys=True) + "\n")
            count += 1
    return count
