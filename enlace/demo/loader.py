"""Load the synthetic demo data set (``enlace.demo.engine``) into the configured database.

Mentions are stored with their surface text and span; entities are grouped by exact normalized
value, the way strong identifiers link. The generator's ground truth is written to a separate file
so later stages (extraction, resolution) can be measured against it rather than read from it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from enlace.demo.engine import DemoDataset

__all__ = ["DemoDataset", "LoadResult", "demo_reference", "is_loaded", "load"]
from enlace.extraction.tables import Entity, Mention
from enlace.intake.references import ALPHABET
from enlace.intake.tables import Report, ReportContact
from enlace.screening.results import BATCH, screen_reports
from enlace.security.passwords import hash_password
from enlace.security.tables import Agency, User

DEMO_SOURCE = "demo"
Progress = Callable[[int], None]


@dataclass(frozen=True)
class LoadResult:
    agencies: int
    users: int
    reports: int
    entities: int
    mentions: int


def demo_reference(key: str, seed: int) -> str:
    """A reference code fixed by the seed and report key: same seed, same references."""
    digest = hashlib.sha256(f"{seed}:{key}".encode()).digest()
    body = "".join(ALPHABET[b % len(ALPHABET)] for b in digest[:8])
    return f"DEM-{body[:4]}-{body[4:]}"


def is_loaded(session: Session) -> bool:
    return (
        session.scalar(select(Mention.id).where(Mention.source == DEMO_SOURCE).limit(1)) is not None
    )


def _screen(session: Session, seed: int) -> None:
    """Screen the demo reports as intake would, so the triage queue has work in it."""
    loaded = list(
        session.scalars(
            select(Report).where(Report.source_key.like(f"demo:{seed}:%")).order_by(Report.id)
        )
    )
    for start in range(0, len(loaded), BATCH * 5):
        screen_reports(session, loaded[start : start + BATCH * 5])


def load(
    session: Session, data: DemoDataset, seed: int, progress: Progress | None = None
) -> LoadResult:
    """Add the data set to the session; the caller commits."""
    tick = progress or (lambda _n: None)
    agencies: dict[str, Agency] = {}
    for a in data.agencies:
        agency = Agency(
            name=a.name, short_name=a.short_name, country=a.country, level=a.level, state=a.state
        )
        session.add(agency)
        agencies[a.key] = agency
    session.flush()

    hashes: dict[str, str] = {}
    for u in data.users:
        if u.password not in hashes:
            hashes[u.password] = hash_password(u.password)
        session.add(
            User(
                username=u.username,
                display_name=u.display_name,
                role=u.role,
                language=u.language,
                agency=agencies.get(u.agency_key),
                password_hash=hashes[u.password],
            )
        )

    report_ids: dict[str, int] = {}
    for i, r in enumerate(data.reports, 1):
        report = Report(
            reference=demo_reference(r.key, seed),
            channel=r.channel,
            received_at=r.received_at,
            language=r.language,
            anonymous=r.anonymous,
            narrative=r.narrative,
            location_text=r.city,
            country=r.country,
            state=r.state,
            city=r.city,
            latitude=r.latitude,
            longitude=r.longitude,
            incident_at=r.incident_at,
            status=r.status,
            source_key=f"demo:{seed}:{r.key}",
            agency_id=agencies[r.agency_key].id if r.agency_key in agencies else None,
        )
        if r.contact is not None and not r.anonymous:
            report.contact = ReportContact(
                name=r.contact.name,
                phone=r.contact.phone,
                email=r.contact.email,
                relationship_to_victim=r.contact.relationship,
            )
        session.add(report)
        if i % 200 == 0:
            session.flush()
            tick(200)
    session.flush()
    tick(len(data.reports) % 200)
    for r_key, r_id in session.execute(
        select(Report.source_key, Report.id).where(Report.source_key.like(f"demo:{seed}:%"))
    ):
        report_ids[str(r_key).rsplit(":", 1)[1]] = r_id

    labels = {e.canonical: e for e in data.entities}
    entity_ids: dict[tuple[str, str], int] = {}
    for m in data.mentions:
        ekey = (m.kind, m.normalized)
        if ekey not in entity_ids:
            known = labels.get(m.normalized)
            entity = Entity(
                kind=m.kind,
                key=m.normalized,
                label=m.normalized,
                attributes=dict(known.attributes) if known else {},
            )
            session.add(entity)
            session.flush()
            entity_ids[ekey] = entity.id
    rows = [
        {
            "report_id": report_ids[m.report_key],
            "entity_id": entity_ids[(m.kind, m.normalized)],
            "kind": m.kind,
            "text": m.text,
            "normalized": m.normalized,
            "start": m.start,
            "end": m.end,
            "confidence": 1.0,
            "source": DEMO_SOURCE,
        }
        for m in data.mentions
    ]
    if rows:
        session.execute(insert(Mention), rows)
    _screen(session, seed)
    return LoadResult(
        agencies=len(agencies),
        users=len(data.users),
        reports=len(report_ids),
        entities=len(entity_ids),
        mentions=len(rows),
    )
