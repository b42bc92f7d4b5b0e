"""Demo cases: every stage present, the rules kept, deterministic, loaded once from demo reports."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from enlace.cases.codes import Stage
from enlace.cases.figures import figures
from enlace.cases.tables import Case, Referral
from enlace.demo.case_loader import load_demo_cases
from enlace.demo.engine.cases import ReportRef, generate
from enlace.security.crypto import FieldCipher
from tests.factories import add_report

REFS = [
    ReportRef(f"DEM-{n:04d}-0000", f"net-{n // 2}", "sex_trafficking", "MX-TLA", "MX")
    for n in range(24)
]


def test_generator_covers_every_stage_and_keeps_the_rules() -> None:
    cases = generate(REFS, 7, until=date(2026, 11, 1))
    assert {c.stages[-1][0] for c in cases} == set(Stage)
    for c in cases:
        assert all(d.age >= 18 for d in c.defendants)
        assert [on for _, on in c.stages] == sorted(on for _, on in c.stages)
        assert all(on <= date(2026, 11, 1) for _, on in c.stages)
        for v in c.victims:
            if v.referral is not None:
                consented = any(kind == "referral" for kind, _ in v.consents)
                assert consented or (v.referral[3] == "minor_at_risk" and v.minor)
    again = generate(REFS, 7, until=date(2026, 11, 1))
    assert [(c.title, c.stages, len(c.victims)) for c in again] == [
        (c.title, c.stages, len(c.victims)) for c in cases
    ]


def test_loader_builds_cases_once_from_demo_reports(session: Session, cipher: FieldCipher) -> None:
    refs: dict[str, list[str]] = {}
    for n in range(18):
        report = add_report(
            session,
            "Trabajan en el campo sin paga.",
            country="MX",
            state="MX-TLA",
            city="Tlaxcala",
            received_at=None,
        )
        report.source_key = f"demo:7:r{n}"
        refs.setdefault(f"net-{n % 9}", []).append(report.reference)
    session.flush()
    assert load_demo_cases(session, 7, refs, cipher=cipher) == 9
    session.flush()
    assert session.scalar(select(func.count()).select_from(Case)) == 9
    stages = set(session.scalars(select(Case.stage)))
    assert stages == {s.value for s in Stage}
    assert (session.scalar(select(func.count()).select_from(Referral)) or 0) > 0
    totals = figures(session)["totals"]
    assert totals["convictions"] > 0 and totals["victims"] > 0
    assert load_demo_cases(session, 7, refs, cipher=cipher) == 0


def test_loader_groups_by_place_without_networks(session: Session) -> None:
    for n in range(6):
        report = add_report(session, city="Laredo" if n % 2 else "Houston")
        report.source_key = f"demo:1:r{n}"
    session.flush()
    assert load_demo_cases(session, 1) == 2
