"""The figures leaders report, counted from the daily case work (the shape of HSI's yearly report).

- investigations initiated: cases that left the lead stage, dated when they did;
- arrests, indictments: defendants arrested / indicted (people, not cases), by the date of it;
- convictions: defendants convicted, by the date of the verdict;
- victims identified: by the identification date.
Deleted cases and records count for nothing. Regions are ISO 3166-2 states (country when unknown).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any, TypeVarTuple

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from enlace.cases.codes import Outcome, Stage
from enlace.cases.tables import Case, Defendant, StageEvent, Victim

FIGURES = ("investigations", "arrests", "indictments", "convictions", "victims")
Fact = tuple[str, date, str, str]  # figure, date, country, region
Ts = TypeVarTuple("Ts")


def _case_scope(query: Select[*Ts], country: str | None, state: str | None) -> Select[*Ts]:
    query = query.where(Case.deleted_at.is_(None))
    if country:
        query = query.where(Case.country == country)
    if state:
        query = query.where(Case.state == state)
    return query


def _facts(session: Session, country: str | None, state: str | None) -> Iterable[Fact]:
    started: dict[int, tuple[date, str, str]] = {}
    events = _case_scope(
        select(StageEvent.case_id, StageEvent.happened_on, Case.country, Case.state)
        .join(Case, Case.id == StageEvent.case_id)
        .where(StageEvent.stage != Stage.LEAD.value),
        country,
        state,
    )
    for case_id, on, c, s in session.execute(events):
        if case_id not in started or on < started[case_id][0]:
            started[case_id] = (on, c, s or c)
    for on, c, region in started.values():
        yield ("investigations", on, c, region)

    people = _case_scope(
        select(
            Defendant.arrested_on,
            Defendant.indicted_on,
            Defendant.outcome,
            Defendant.outcome_on,
            Case.country,
            Case.state,
        )
        .join(Case, Case.id == Defendant.case_id)
        .where(Defendant.deleted_at.is_(None)),
        country,
        state,
    )
    for arrested, indicted, outcome, outcome_on, c, s in session.execute(people):
        if arrested:
            yield ("arrests", arrested, c, s or c)
        if indicted:
            yield ("indictments", indicted, c, s or c)
        if outcome == Outcome.CONVICTED and outcome_on:
            yield ("convictions", outcome_on, c, s or c)

    victims = _case_scope(
        select(Victim.identified_on, Case.country, Case.state)
        .join(Case, Case.id == Victim.case_id)
        .where(Victim.deleted_at.is_(None)),
        country,
        state,
    )
    for identified, c, s in session.execute(victims):
        yield ("victims", identified, c, s or c)


def figures(
    session: Session, year: int | None = None, country: str | None = None, state: str | None = None
) -> dict[str, Any]:
    """Totals (for ``year`` when given), and the same broken down by year and by region.

    ``by_year`` covers every year (within the country/state filter) so trends stay visible.
    """
    totals: Counter[str] = Counter()
    by_year: dict[int, Counter[str]] = defaultdict(Counter)
    by_region: dict[str, Counter[str]] = defaultdict(Counter)
    for figure, on, _country, region in _facts(session, country, state):
        by_year[on.year][figure] += 1
        if year is None or on.year == year:
            totals[figure] += 1
            by_region[region][figure] += 1
    return {
        "year": year,
        "country": country,
        "state": state,
        "totals": {f: totals[f] for f in FIGURES},
        "by_year": {y: {f: by_year[y][f] for f in FIGURES} for y in sorted(by_year)},
        "by_region": {r: {f: by_region[r][f] for f in FIGURES} for r in sorted(by_region)},
    }
