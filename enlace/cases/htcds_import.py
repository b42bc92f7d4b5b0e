"""Import HTCDS case records (the tables ``enlace.cases.htcds`` writes, or a partner's).

Each ``cas_`` row becomes a case (again importing the same file changes nothing: the source key
is ``htcds:<cas_Id>``), with its victims (``vic_`` + ``prs_``), perpetrators (``per_`` + ``prs_``)
and stage history. The minor rule holds here too: a perpetrator younger than 18 is refused.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from enlace.cases import timeline
from enlace.cases.codes import POLARIS_TYPES, Stage, Typology
from enlace.cases.defendants import ADULT_AGE, MINOR_DEFENDANT
from enlace.cases.htcds import GENDERS, Row, Tables
from enlace.cases.tables import Case, Consent, Defendant, StageEvent, Victim
from enlace.cases.validate import COUNTRIES, today
from enlace.errors import ValidationFailedError
from enlace.intake.references import new_reference
from enlace.messages import N_
from enlace.security.tables import Agency, User
from enlace.store.base import utcnow

SEXES_BY_GENDER = {v: k for k, v in GENDERS.items()}
CONTEXT_FIELDS = (
    "MethodOfRecruitment",
    "RecruitmentWebsitesAndApps",
    "MethodsOfControl",
    "TypeOfLabourExploitation",
    "TypeOfSexExploitation",
    "Vulnerabilities",
)


def _day(value: str | None, fallback: date) -> date:
    try:
        return date.fromisoformat(value) if value else fallback
    except ValueError:
        return fallback


def _maybe_day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _int(value: str | None) -> int | None:
    return int(value) if value and value.strip().isdigit() else None


def _split(value: str | None) -> list[str]:
    return [v for v in (value or "").split(";") if v]


def _typology(row: Row, victims: list[Row], default: str | None) -> str | None:
    if row.get("cas_Typology") in set(Typology):
        return row["cas_Typology"]
    sex = any(v.get("vic_TypeOfSexExploitation") for v in victims)
    labour = any(v.get("vic_TypeOfLabourExploitation") for v in victims)
    if sex or labour:
        return "both" if sex and labour else "sex_trafficking" if sex else "labor_trafficking"
    return default


def import_tables(
    session: Session,
    tables: Tables,
    *,
    user: User | None = None,
    default_country: str | None = None,
    default_typology: str | None = None,
) -> list[Case]:
    """Create the cases the tables describe; returns those created (known ones are skipped)."""
    persons = {r.get("prs_Id", ""): r for r in tables["prs"]}
    org_names = {r.get("org_Id", ""): r.get("org_Name", "") for r in tables["org"]}
    victims: dict[str, list[Row]] = defaultdict(list)
    for r in tables["vic"]:
        victims[r.get("vic_CaseId", "")].append(r)
    perpetrators: dict[str, list[Row]] = defaultdict(list)
    for r in tables["per"]:
        perpetrators[r.get("per_CaseId", "")].append(r)
    errors: list[dict[str, str]] = []
    created: list[Case] = []
    for row in tables["cas"]:
        key = row.get("cas_Id", "").strip()
        source_key = f"htcds:{key}"
        if not key or session.scalar(select(Case.id).where(Case.source_key == source_key)):
            continue
        country = row.get("cas_Country") or default_country
        typology = _typology(row, victims[key], default_typology)
        if country not in COUNTRIES:
            errors.append(
                {"field": f"cas_Country ({key})", "reason": N_("Not one of the allowed values")}
            )
        if typology is None:
            errors.append(
                {"field": f"cas_Typology ({key})", "reason": N_("This field is required")}
            )
        for per in perpetrators[key]:
            age = _int(per.get("per_Age"))
            if age is not None and age < ADULT_AGE:
                errors.append(
                    {"field": f"per_Age ({per.get('per_Id')})", "reason": MINOR_DEFENDANT}
                )
        if errors or country is None or typology is None:
            continue
        case = _case(
            session, row, country, typology, victims[key], perpetrators[key], persons, user
        )
        lead = org_names.get(row.get("cas_LeadOrganisation", ""))
        if lead:
            case.lead_agency_id = session.scalar(select(Agency.id).where(Agency.name == lead))
        created.append(case)
    if errors:
        raise ValidationFailedError(errors)
    return created


def _case(
    session: Session,
    row: Row,
    country: str,
    typology: str,
    victim_rows: list[Row],
    perpetrator_rows: list[Row],
    persons: dict[str, Row],
    user: User | None,
) -> Case:
    opened = _day(row.get("cas_OpenedOn"), today())
    polaris = row.get("cas_PolarisType") or None
    state = row.get("cas_State") or None
    case = Case(
        reference=new_reference("CAS"),
        title=row.get("cas_Title") or f"HTCDS {row['cas_Id']}",
        country=country,
        state=state if state and state.startswith(f"{country}-") else None,
        typology=typology,
        polaris_type=polaris if polaris in POLARIS_TYPES else None,
        opened_on=opened,
        source_key=f"htcds:{row['cas_Id']}",
        created_by_id=user.id if user else None,
    )
    session.add(case)
    session.flush()
    history = [part.partition(":") for part in _split(row.get("cas_StageDates"))]
    stages = [(s, _day(d, opened)) for s, _, d in history if s in set(Stage)] or [("lead", opened)]
    wanted = row.get("cas_Stage")
    if wanted in set(Stage) and wanted != stages[-1][0]:
        stages.append((wanted, max(on for _, on in stages)))
    for stage, on in stages:
        case.stage_events.append(StageEvent(stage=stage, happened_on=on))
    case.stage = stages[-1][0]
    if row.get("cas_Status", "").startswith("Closed"):
        case.closed_at = utcnow()
        case.closure_reason = row.get("cas_ReasonForCaseClosure") or "other"
    for n, vic in enumerate(victim_rows, 1):
        prs = persons.get(vic.get("vic_PersonId", ""), {})
        age = _int(vic.get("vic_AgeAtIdentification"))
        minor = vic.get("vic_Minor", "").lower() == "true" or (age is not None and age < ADULT_AGE)
        victim = Victim(
            case_id=case.id,
            code=f"V-{n}",
            identified_on=_day(vic.get("vic_IdentificationDate"), opened),
            age_at_identification=age,
            sex=SEXES_BY_GENDER.get(prs.get("prs_Gender", "")),
            nationality=(prs.get("prs_Nationality") or "")[:2].upper() or None,
            minor=minor,
            context={f: _split(vic.get(f"vic_{f}")) for f in CONTEXT_FIELDS if vic.get(f"vic_{f}")},
        )
        session.add(victim)
        session.flush()
        for field, kind in (
            ("vic_AgreementToManagePersonalData", "manage_data"),
            ("vic_ConsentToShareWithPartners", "share_partner"),
        ):
            if vic.get(field, "").lower() == "true":
                victim.consents.append(Consent(kind=kind, given_on=victim.identified_on))
    for per in perpetrator_rows:
        prs = persons.get(per.get("per_PersonId", ""), {})
        name = " ".join(p for p in (prs.get("prs_FirstName"), prs.get("prs_SecondName")) if p)
        session.add(
            Defendant(
                case_id=case.id,
                name=name or per.get("per_Id", "?"),
                sex=SEXES_BY_GENDER.get(prs.get("prs_Gender", "")),
                nationality=(prs.get("prs_Nationality") or "")[:2].upper() or None,
                age=_int(per.get("per_Age")),
                roles=_split(per.get("per_RoleInProcess")),
                stage=per.get("per_Stage") or "suspect",
                arrested_on=_maybe_day(per.get("per_ArrestDate")),
                indicted_on=_maybe_day(per.get("per_IndictmentDate")),
                charges=_split(per.get("per_Charges")),
                outcome=per.get("per_Outcome") or None,
                outcome_on=_maybe_day(per.get("per_OutcomeDate")),
                sentence=per.get("per_Sentence") or None,
            )
        )
    session.flush()
    timeline.log(session, case, "imported", user, source=case.source_key)
    return case
