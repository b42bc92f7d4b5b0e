"""Exporting cases (HTCDS CSV/JSON or FollowTheMoney JSON lines) and importing HTCDS records,
with the permission check and audit record every disclosure needs."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from enlace.cases import access, ftm, htcds, referrals
from enlace.cases.htcds_import import import_tables
from enlace.cases.tables import Case, CasePartner, CaseReport
from enlace.security import audit
from enlace.security.roles import Permission
from enlace.security.tables import User

FORMATS = ("htcds", "htcds-json", "ftm")
Tick = Callable[[int], None]


def cases_to_export(session: Session) -> list[Case]:
    query = (
        select(Case)
        .where(Case.deleted_at.is_(None))
        .options(
            selectinload(Case.lead_agency),
            selectinload(Case.partners).selectinload(CasePartner.agency),
            selectinload(Case.report_links).selectinload(CaseReport.report),
            selectinload(Case.stage_events),
            selectinload(Case.defendants),
            selectinload(Case.victims),
        )
        .order_by(Case.id)
    )
    return list(session.scalars(query))


def export(
    session: Session,
    user: User,
    out: Path,
    fmt: str = "htcds",
    *,
    cases: list[Case] | None = None,
    tick: Tick | None = None,
) -> list[Path]:
    """Write the export; audited as ``cases.export`` with the format and the case count."""
    access.require(user, Permission.EXPORT_CASES)
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    chosen = cases if cases is not None else cases_to_export(session)
    step = tick or (lambda _n: None)
    if fmt == "ftm":

        def entities() -> Iterator[ftm.Entity]:
            for case in chosen:
                yield from ftm.case_entities(case, referrals.of_case(session, case))
                step(1)

        path = out / "cases.ftm.jsonl"
        ftm.write_jsonl(entities(), path)
        written = [path]
    else:
        tables = htcds.empty_tables()
        for case in chosen:
            htcds.export_case(case, referrals.of_case(session, case), tables)
            step(1)
        written = (
            [htcds.write_json(tables, out / "htcds.json")]
            if fmt == "htcds-json"
            else htcds.write_csv(tables, out)
        )
    audit.record(
        session,
        "cases.export",
        user_id=user.id,
        object_type="case",
        format=fmt,
        cases=len(chosen),
        files=[p.name for p in written],
    )
    return written


def import_file(
    session: Session,
    path: Path,
    *,
    user: User | None = None,
    default_country: str | None = None,
    default_typology: str | None = None,
) -> list[Case]:
    if user is not None:
        access.require(user, Permission.EDIT_CASES)
    created = import_tables(
        session,
        htcds.read_tables(path),
        user=user,
        default_country=default_country,
        default_typology=default_typology,
    )
    audit.record(
        session,
        "cases.import",
        user_id=user.id if user else None,
        object_type="case",
        file=path.name,
        cases=len(created),
    )
    return created
