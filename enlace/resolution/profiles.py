"""Person profiles: what the resolver compares for each person entity.

A profile is built from an entity's mentions and what surrounds them in their reports: its
fullest written name, an age written beside it, the phone and address nearest to it (and nearer
to it than to anyone else named there, so a victim does not take on the recruiter's phone), and
the report's place. Each profile is stored prepared, with a few blocking keys, so a new report is
compared with the entities sharing a key without preparing them again (the stored side is in
:mod:`enlace.resolution.index`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    ARRAY,
    ColumnElement,
    Integer,
    Select,
    any_,
    bindparam,
    literal,
    select,
)
from sqlalchemy.orm import Session

from enlace.extraction.tables import Entity, Mention
from enlace.intake.tables import Report
from enlace.networks.service import is_address, is_hub_phone

PROFILE_FIELDS = ("full_name", "dob", "sex", "phone", "address", "city", "state", "country")
AGE_WINDOW = 60  # characters between a name and an age written beside it
PHONE_WINDOW = 150
ADDRESS_WINDOW = 200
CHUNK = 2000


# --- profiles ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Span:
    """A mention reduced to what profiles need."""

    report_id: int
    kind: str
    normalized: str
    start: int
    entity_id: int | None = None
    # Phones: a hotline or toll-free number (nobody's own); locations: a street address.
    flag: bool = False


@dataclass(frozen=True)
class ReportPlace:
    city: str
    state: str
    country: str
    year: int


def _best_name(names: Counter[str]) -> str:
    """The fullest written name (most words), the most frequent among equals."""
    return max(names.items(), key=lambda kv: (len(kv[0].split()), kv[1], kv[0]))[0]


def _owned(person: Span, items: Sequence[Span], people: Sequence[Span], window: int) -> Span | None:
    """The item nearest to ``person`` within ``window`` characters that no other person named in
    the report stands nearer to: a phone written between two names belongs to the closer one,
    so a victim does not take on the recruiter's phone."""
    for item in sorted(items, key=lambda s: abs(s.start - person.start)):
        distance = abs(item.start - person.start)
        if distance > window:
            return None
        if all(abs(item.start - q.start) >= distance for q in people if q.start != person.start):
            return item
    return None


def build_profiles(
    persons: Iterable[Span],
    context: Mapping[int, Sequence[Span]],
    reports: Mapping[int, ReportPlace],
    year: int,
) -> dict[int, dict[str, str]]:
    """Profiles per person entity from its mentions and what surrounds them in their reports."""
    names: dict[int, Counter[str]] = defaultdict(Counter)
    fields: dict[int, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    for p in persons:
        if p.entity_id is None:
            continue
        names[p.entity_id][p.normalized] += 1
        found = fields[p.entity_id]
        nearby = context.get(p.report_id, ())
        people = [s for s in nearby if s.kind == "person"]
        phone = _owned(
            p, [s for s in nearby if s.kind == "phone" and not s.flag], people, PHONE_WINDOW
        )
        if phone:
            found["phone"][phone.normalized] += 1
        place = reports.get(p.report_id)
        age = _owned(p, [s for s in nearby if s.kind == "age"], people, AGE_WINDOW)
        if age and place and age.normalized.isdigit():
            # An age then is an age now plus the years since.
            found["dob"][f"age~{int(age.normalized) + year - place.year}"] += 1
        address = _owned(
            p, [s for s in nearby if s.kind == "location" and s.flag], people, ADDRESS_WINDOW
        )
        if address:
            found["address"][address.normalized] += 1
        if place:
            for key, value in (
                ("city", place.city),
                ("state", place.state),
                ("country", place.country),
            ):
                if value:
                    found[key][value] += 1
    out: dict[int, dict[str, str]] = {}
    for entity_id, counter in names.items():
        profile = dict.fromkeys(PROFILE_FIELDS, "")
        profile["full_name"] = _best_name(counter)[:300]
        for key, values in fields[entity_id].items():
            profile[key] = values.most_common(1)[0][0][: 300 if key == "address" else 120]
        out[entity_id] = profile
    return out


def chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def among(session: Session, column: Any, ids: Collection[int]) -> ColumnElement[bool]:
    """``column IN ids``; on PostgreSQL one array parameter (``= ANY``) instead of one per id,
    so a list of any length is one statement: no per-id binding, parsing or planning."""
    if session.get_bind().dialect.name == "postgresql":
        return column == any_(literal(sorted(ids), ARRAY(Integer)))  # type: ignore[no-any-return]
    return column.in_(sorted(ids))  # type: ignore[no-any-return]


_CONTEXT_KINDS = ("phone", "age", "location", "person")
# What a mention gives a profile (see _context_span).
_MENTION_COLUMNS = (
    Mention.report_id,
    Mention.kind,
    Mention.normalized,
    Mention.text,
    Mention.start,
)


def _context_span(r: Any) -> Span:
    value = r.normalized or r.text
    attrs = r.attributes or {}
    flag = is_hub_phone(attrs, value) if r.kind == "phone" else is_address(attrs, value)
    return Span(r.report_id, r.kind, value, r.start or 0, None, flag)


def load_profiles(
    session: Session, entity_ids: Collection[int] | None = None
) -> dict[int, dict[str, str]]:
    """Profiles computed from the database (all person entities when ``entity_ids`` is None)."""
    if entity_ids is not None and len(entity_ids) <= CHUNK:
        return _load_few(session, entity_ids)
    # In the order written, as for a report's few entities: ties go to the first written.
    query = (
        select(
            Mention.report_id, Mention.normalized, Mention.text, Mention.start, Mention.entity_id
        )
        .where(Mention.kind == "person", Mention.entity_id.is_not(None))
        .order_by(Mention.id)
    )
    rows: list[Any] = []
    if entity_ids is None:
        rows = list(session.execute(query))
    else:
        for chunk in chunks(sorted(entity_ids)):
            rows += session.execute(query.where(Mention.entity_id.in_(chunk))).all()
    persons = [
        Span(r.report_id, "person", r.normalized or r.text, r.start or 0, r.entity_id) for r in rows
    ]
    report_ids = sorted({p.report_id for p in persons})
    context: dict[int, list[Span]] = defaultdict(list)
    places: dict[int, ReportPlace] = {}
    ctx_query = (
        select(*_MENTION_COLUMNS, Entity.attributes)
        .outerjoin(Entity, Entity.id == Mention.entity_id)
        .where(Mention.kind.in_(_CONTEXT_KINDS))
        .order_by(Mention.id)
    )
    place_query = select(Report.id, Report.city, Report.state, Report.country, Report.received_at)
    parts: Iterable[Sequence[int] | None] = chunks(report_ids) if entity_ids is not None else [None]
    for part in parts:
        q, pq = ctx_query, place_query
        if part is not None:
            q, pq = q.where(Mention.report_id.in_(part)), pq.where(Report.id.in_(part))
        for r in session.execute(q):
            context[r.report_id].append(_context_span(r))
        for r in session.execute(pq):
            places[r.id] = ReportPlace(
                r.city or "", r.state or "", r.country or "", r.received_at.year
            )
    return build_profiles(persons, context, places, dt.datetime.now(tz=dt.UTC).year)


@lru_cache(maxsize=1)
def _few_query() -> Select[*tuple[Any, ...]]:
    """Every mention around the entities ``ids`` in the reports naming them, with each
    report's place, in the order written (equally frequent values: the first written wins).
    Built once: building it costs more than running it."""
    naming = (
        select(Mention.report_id)
        .where(Mention.kind == "person", Mention.entity_id.in_(bindparam("ids", expanding=True)))
        .distinct()
        .subquery()
    )
    return (
        select(
            *_MENTION_COLUMNS,
            Mention.entity_id,
            Entity.attributes,
            Report.city,
            Report.state,
            Report.country,
            Report.received_at,
        )
        .join(naming, naming.c.report_id == Mention.report_id)
        .join(Report, Report.id == Mention.report_id)
        .outerjoin(Entity, Entity.id == Mention.entity_id)
        .where(Mention.kind.in_(_CONTEXT_KINDS))
        .order_by(Mention.id)
    )


def _load_few(session: Session, entity_ids: Collection[int]) -> dict[int, dict[str, str]]:
    """:func:`load_profiles` for the few entities of one report, in one statement."""
    wanted = set(entity_ids)
    if not wanted:
        return {}
    query = _few_query()
    persons: list[Span] = []
    context: dict[int, list[Span]] = defaultdict(list)
    places: dict[int, ReportPlace] = {}
    for r in session.execute(query, {"ids": sorted(wanted)}):
        if r.kind == "person" and r.entity_id in wanted:
            persons.append(
                Span(r.report_id, "person", r.normalized or r.text, r.start or 0, r.entity_id)
            )
        context[r.report_id].append(_context_span(r))
        if r.report_id not in places:
            places[r.report_id] = ReportPlace(
                r.city or "", r.state or "", r.country or "", r.received_at.year
            )
    return build_profiles(persons, context, places, dt.datetime.now(tz=dt.UTC).year)
