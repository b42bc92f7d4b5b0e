"""HTCDS export and import round-trip; FollowTheMoney lines; the CLI's permission and audit."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from enlace.cases import consent, defendants, htcds, interchange, referrals, stages, victims
from enlace.cases.defendants import DefendantInput, DefendantProgress
from enlace.cases.tables import Case
from enlace.cases.victims import VictimDetails, VictimInput
from enlace.cli.main import app
from enlace.errors import PermissionDeniedError, ValidationFailedError
from enlace.security.crypto import FieldCipher
from enlace.security.tables import AuditEvent
from enlace.store import Database
from tests.cases.conftest import World, build_world, open_case

SECRET_NAME = "Guadalupe Nombre Secreto"


def _worked_case(session: Session, world: World, cipher: FieldCipher) -> Case:
    case = open_case(session, world)
    stages.advance(session, world.investigator, case, "investigation", date(2026, 1, 10))
    d = defendants.add_defendant(
        session,
        world.investigator,
        case,
        DefendantInput(
            name="Julio Ejemplo",
            sex="male",
            nationality="MX",
            age=41,
            roles=["Exploiter"],
            charges=["18 USC 1591"],
        ),
    )
    defendants.record_progress(
        session,
        world.investigator,
        d,
        DefendantProgress(arrested_on=date(2026, 2, 1), indicted_on=date(2026, 3, 1)),
    )
    v = victims.add_victim(
        session,
        world.investigator,
        case,
        VictimInput(
            identified_on=date(2026, 2, 1),
            age_at_identification=16,
            sex="female",
            nationality="GT",
            context={"MethodsOfControl": ["DebtBondage", "Threats"]},
            details=VictimDetails(name=SECRET_NAME, phone="+15555550100"),
        ),
        cipher,
    )
    for kind in ("manage_data", "referral", "share_partner"):
        consent.give(session, world.investigator, v, kind)
    referrals.refer(session, world.investigator, v, world.shelter, "shelter")
    session.flush()
    return case


def _tables(session: Session, world: World, cases: list[Case], out: Path) -> htcds.Tables:
    interchange.export(session, world.supervisor, out, "htcds", cases=cases)
    return htcds.read_tables(out)


def test_htcds_round_trip(
    session: Session, world: World, cipher: FieldCipher, tmp_path: Path
) -> None:
    case = _worked_case(session, world, cipher)
    first = _tables(session, world, [case], tmp_path / "one")
    text = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "one").glob("*.csv"))
    assert SECRET_NAME not in text and "+15555550100" not in text
    assert first["cas"][0]["cas_Status"] == "Active"
    assert first["vic"][0]["vic_MethodsOfControl"] == "DebtBondage;Threats"
    assert first["vic"][0]["vic_AgreementToManagePersonalData"] == "true"

    imported = interchange.import_file(session, tmp_path / "one")
    assert len(imported) == 1
    copy = imported[0]
    assert (copy.title, copy.typology, copy.stage, copy.state) == (
        case.title,
        case.typology,
        case.stage,
        case.state,
    )
    assert [(v.sex, v.nationality, v.minor, v.age_at_identification) for v in copy.victims] == [
        ("female", "GT", True, 16)
    ]
    assert [(d.name, d.arrested_on, d.indicted_on, d.charges) for d in copy.defendants] == [
        ("Julio Ejemplo", date(2026, 2, 1), date(2026, 3, 1), ["18 USC 1591"])
    ]
    second = _tables(session, world, [copy], tmp_path / "two")

    def strip(tables: htcds.Tables) -> dict[str, list[dict[str, str]]]:
        # Ids and what the importer cannot know (links to reports, referrals) set aside.
        drop = {
            "cas_Id",
            "vic_Id",
            "vic_PersonId",
            "vic_CaseId",
            "prs_Id",
            "per_Id",
            "per_PersonId",
            "per_CaseId",
            "cas_ReferredOrganisation",
            "cas_OutgoingReferralDate",
        }
        return {
            name: [{k: v for k, v in row.items() if k not in drop} for row in tables[name]]
            for name in ("cas", "vic", "per", "prs")
        }

    assert strip(second) == strip(first)
    assert interchange.import_file(session, tmp_path / "one") == []  # same records: no-op


def test_import_refuses_a_minor_perpetrator(session: Session, world: World, tmp_path: Path) -> None:
    tables = htcds.empty_tables()
    tables["cas"].append({"cas_Id": "X1", "cas_Country": "MX", "cas_Typology": "labor_trafficking"})
    tables["per"].append({"per_Id": "P1", "per_CaseId": "X1", "per_Age": "15"})
    path = htcds.write_json(tables, tmp_path / "in.json")
    with pytest.raises(ValidationFailedError):
        interchange.import_file(session, path)


def test_ftm_lines_carry_no_victim_details(
    session: Session, world: World, cipher: FieldCipher, tmp_path: Path
) -> None:
    case = _worked_case(session, world, cipher)
    (path,) = interchange.export(session, world.supervisor, tmp_path, "ftm", cases=[case])
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    schemas = {e["schema"] for e in lines}
    assert {"CourtCase", "Person", "Organization", "CourtCaseParty", "Event"} <= schemas
    assert all(set(e) == {"id", "schema", "properties"} for e in lines)
    assert SECRET_NAME not in path.read_text(encoding="utf-8")
    roles = sorted(e["properties"]["role"][0] for e in lines if e["schema"] == "CourtCaseParty")
    assert roles == ["defendant", "lead agency", "victim"]


def test_export_needs_the_right_and_is_audited(
    session: Session, world: World, cipher: FieldCipher, tmp_path: Path
) -> None:
    case = _worked_case(session, world, cipher)
    with pytest.raises(PermissionDeniedError):
        interchange.export(session, world.investigator, tmp_path, cases=[case])
    interchange.export(session, world.analyst, tmp_path, cases=[case])
    session.flush()
    event = session.scalar(select(AuditEvent).where(AuditEvent.action == "cases.export"))
    assert event is not None and event.user_id == world.analyst.id and event.details["cases"] == 1


def test_cli_export_and_import(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENLACE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("ENLACE_DATABASE_URL", raising=False)
    db = Database(f"sqlite:///{tmp_path / 'data' / 'enlace.db'}")
    from enlace.store import upgrade

    upgrade(db)
    with db.session() as s:
        world = build_world(s)
        open_case(s, world)
    db.dispose()
    runner = CliRunner()
    denied = runner.invoke(app, ["cases", "export", "--out", str(tmp_path / "x"), "--user", "ivan"])
    assert denied.exit_code == 1 and "role" in denied.output
    ok = runner.invoke(app, ["cases", "export", "--out", str(tmp_path / "x"), "--user", "ana"])
    assert ok.exit_code == 0, ok.output
    assert (tmp_path / "x" / "cases.csv").exists()
    again = runner.invoke(app, ["cases", "import", str(tmp_path / "x")])
    assert again.exit_code == 0 and "Imported 1 cases" in again.output
