"""Storing what extraction found in a report: mentions, linked to entities by canonical key.

Strong identifiers (phones, emails, accounts, plates) link exactly on their normalized value, so
one phone written five ways in five tips is one entity at once. People, places and organizations
are linked on their folded canonical form here; the resolution stage refines those links.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from enlace.extraction import kinds
from enlace.extraction.engine import Entity as Found
from enlace.extraction.engine import extract, fold
from enlace.extraction.tables import Entity, Mention
from enlace.intake.tables import Report

EXTRACT_SOURCE = "extract:1"
ENTITY_KINDS = kinds.entity_kinds()
# Found in text and worth highlighting, but not things with an identity of their own.
FACT_KINDS = kinds.fact_kinds()
# kinds.yaml names how each entity kind's match key is made from its normalized value.
_KEYS: dict[str, Callable[[str], str]] = {"fold": fold, "normalized": str}
_KEY_OF = {k.name: _KEYS[k.key] for k in kinds.KINDS if k.key is not None}


def entity_key(found: Found) -> str:
    return _KEY_OF.get(found.type, str)(found.normalized)


def _entity_for(session: Session, cache: dict[tuple[str, str], Entity], found: Found) -> Entity:
    key = (found.type, entity_key(found))
    if key in cache:
        return cache[key]
    entity = session.scalar(
        select(Entity).where(Entity.kind == key[0], Entity.key == key[1]).limit(1)
    )
    if entity is None:
        attributes = {k: v for k, v in found.details.items() if isinstance(v, str | int | float)}
        entity = Entity(kind=found.type, key=key[1], label=found.normalized, attributes=attributes)
        session.add(entity)
        session.flush()
    cache[key] = entity
    return entity


def store_mentions(session: Session, report: Report, found: Iterable[Found]) -> list[Mention]:
    """Replace the report's extracted mentions with ``found`` (re-running is safe)."""
    session.execute(
        delete(Mention).where(Mention.report_id == report.id, Mention.source == EXTRACT_SOURCE)
    )
    cache: dict[tuple[str, str], Entity] = {}
    stored: list[Mention] = []
    seen: set[tuple[str, int, int]] = set()
    for item in found:
        if item.type not in ENTITY_KINDS and item.type not in FACT_KINDS:
            continue
        span = (item.type, item.start, item.end)
        if span in seen:
            continue
        seen.add(span)
        entity = _entity_for(session, cache, item) if item.type in ENTITY_KINDS else None
        mention = Mention(
            report_id=report.id,
            entity_id=entity.id if entity else None,
            kind=item.type,
            text=item.text[:500],
            normalized=item.normalized[:300],
            start=item.start,
            end=item.end,
            confidence=item.confidence,
            source=EXTRACT_SOURCE,
        )
        session.add(mention)
        stored.append(mention)
    session.flush()
    return stored


def extract_report(session: Session, report: Report) -> list[Mention]:
    """The pipeline step: extract the narrative and store its mentions."""
    result = extract(
        report.narrative, lang=report.language, reference_date=report.received_at.date()
    )
    return store_mentions(session, report, result.entities)


def mentions_of(session: Session, report: Report) -> list[Mention]:
    return list(
        session.scalars(
            select(Mention)
            .where(Mention.report_id == report.id)
            .order_by(Mention.start, Mention.id)
        )
    )
