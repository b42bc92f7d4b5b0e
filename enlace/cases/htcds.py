"""Cases as HTCDS-shaped records (Human Trafficking Case Data Standard, IOM and partners).

Six tables, keyed by the standard's prefixes: ``org_`` organisations, ``prs_`` persons, ``vic_``
victim context, ``per_`` perpetrator context, ``hte_`` trafficking events, ``cas_`` cases. Field
names follow the standard; fields it lacks (stages, arrest dates…) are Enlace extensions with the
same prefix. Victims are exported WITHOUT identifying details: no name, contact or address ever
leaves through an export; sex, age and nationality only with consent to share with partners.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from enlace.cases import consent
from enlace.cases.codes import ConsentKind, ReferralStatus
from enlace.cases.tables import Case, Referral

Row = dict[str, str]
Tables = dict[str, list[Row]]
TABLES = ("org", "prs", "vic", "per", "hte", "cas")
FILE_NAMES = {
    "org": "organisations.csv",
    "prs": "persons.csv",
    "vic": "victims.csv",
    "per": "perpetrators.csv",
    "hte": "events.csv",
    "cas": "cases.csv",
}
GENDERS = {
    "female": "Female",
    "male": "Male",
    "nonconforming": "Transgender/NonConforming",
    "unknown": "Unknown",
}
ORG_TYPES = {
    "federal": "LawEnforcement",
    "state": "LawEnforcement",
    "local": "LawEnforcement",
    "ngo": "NGO",
    "hotline": "NGO",
}


def _d(value: object) -> str:
    if value is None:
        return ""
    iso = getattr(value, "isoformat", None)
    return str(iso()) if callable(iso) else str(value)


def _multi(values: Iterable[str]) -> str:
    """HTCDS multiselect picklists, written the Salesforce way: values joined by ';'."""
    return ";".join(values)


def case_status(case: Case, referrals: Sequence[Referral]) -> str:
    if not case.is_closed:
        return "Active"
    taken = (ReferralStatus.ACCEPTED, ReferralStatus.DELIVERED)
    return "ClosedReferred" if any(r.status in taken for r in referrals) else "Closed"


def export_case(case: Case, referrals: Sequence[Referral], tables: Tables) -> None:
    """Append one case's rows to ``tables`` (organisations are de-duplicated by id)."""
    orgs = {row["org_Id"] for row in tables["org"]}

    def org(key: str, name: str, kind: str, country: str, state: str | None) -> str:
        if key not in orgs:
            orgs.add(key)
            tables["org"].append(
                {
                    "org_Id": key,
                    "org_Name": name,
                    "org_Type": kind,
                    "org_ShippingCountry": country,
                    "org_ShippingState": state or "",
                }
            )
        return key

    lead = ""
    if case.lead_agency is not None:
        a = case.lead_agency
        lead = org(f"agency-{a.id}", a.name, ORG_TYPES.get(a.level, "NGO"), a.country, a.state)
    for p in case.partners:
        a = p.agency
        org(f"agency-{a.id}", a.name, ORG_TYPES.get(a.level, "NGO"), a.country, a.state)
    referred = [
        org(f"provider-{r.provider.id}", r.provider.name, "NGO", r.provider.country, None)
        for r in referrals
    ]
    ref = case.reference
    for v in case.victims:
        if v.deleted_at is not None:
            continue
        shared = consent.active(v, ConsentKind.SHARE_PARTNER) is not None
        pid = f"{ref}-{v.code}"
        tables["prs"].append(
            {
                "prs_Id": pid,
                "prs_FirstName": "",
                "prs_SecondName": "",
                "prs_Gender": GENDERS.get(v.sex or "", "") if shared else "",
                "prs_Nationality": (v.nationality or "") if shared else "",
                "prs_Role": "Victim",
            }
        )
        ctx = v.context
        tables["vic"].append(
            {
                "vic_Id": pid,
                "vic_PersonId": pid,
                "vic_CaseId": ref,
                "vic_AgreementToManagePersonalData": str(
                    consent.active(v, ConsentKind.MANAGE_DATA) is not None
                ).lower(),
                "vic_ConsentToShareWithPartners": str(shared).lower(),
                "vic_IdentificationDate": _d(v.identified_on),
                "vic_AgeAtIdentification": _d(v.age_at_identification) if shared else "",
                "vic_Minor": str(v.minor).lower(),
                "vic_MethodOfRecruitment": _multi(ctx.get("MethodOfRecruitment", [])),
                "vic_RecruitmentWebsitesAndApps": _multi(ctx.get("RecruitmentWebsitesAndApps", [])),
                "vic_MethodsOfControl": _multi(ctx.get("MethodsOfControl", [])),
                "vic_TypeOfLabourExploitation": _multi(ctx.get("TypeOfLabourExploitation", [])),
                "vic_TypeOfSexExploitation": _multi(ctx.get("TypeOfSexExploitation", [])),
                "vic_Vulnerabilities": _multi(ctx.get("Vulnerabilities", [])),
            }
        )
    for d in case.defendants:
        if d.deleted_at is not None:
            continue
        pid = f"{ref}-D{d.id}"
        first, _, second = d.name.partition(" ")
        tables["prs"].append(
            {
                "prs_Id": pid,
                "prs_FirstName": first,
                "prs_SecondName": second,
                "prs_Gender": GENDERS.get(d.sex or "", ""),
                "prs_Nationality": d.nationality or "",
                "prs_Role": "Perpetrator",
            }
        )
        tables["per"].append(
            {
                "per_Id": pid,
                "per_PersonId": pid,
                "per_CaseId": ref,
                "per_RoleInProcess": _multi(d.roles),
                "per_Age": _d(d.age),
                "per_Stage": d.stage,
                "per_ArrestDate": _d(d.arrested_on),
                "per_IndictmentDate": _d(d.indicted_on),
                "per_Charges": _multi(d.charges),
                "per_Outcome": d.outcome or "",
                "per_OutcomeDate": _d(d.outcome_on),
                "per_Sentence": d.sentence or "",
            }
        )
    for link in case.report_links:
        r = link.report
        when = r.incident_at or r.received_at
        tables["hte"].append(
            {
                "hte_Id": f"{ref}-{r.reference}",
                "hte_CaseId": ref,
                "hte_Type": "Exploitation",
                "hte_Date": _d(when.date()),
                "hte_City": r.city or "",
                "hte_State": r.state or "",
                "hte_Country": r.country or "",
                "hte_Latitude": _d(r.latitude),
                "hte_Longitude": _d(r.longitude),
                # The narrative may name victims: only the report's reference goes out.
                "hte_Description": f"Report {r.reference}",
            }
        )
    tables["cas"].append(
        {
            "cas_Id": ref,
            "cas_Status": case_status(case, referrals),
            "cas_ReasonForCaseClosure": case.closure_reason or "",
            "cas_ReferredOrganisation": _multi(dict.fromkeys(referred)),
            "cas_OutgoingReferralDate": _d(min((r.sent_on for r in referrals), default=None)),
            "cas_Title": case.title,
            "cas_Country": case.country,
            "cas_State": case.state or "",
            "cas_Typology": case.typology,
            "cas_PolarisType": case.polaris_type or "",
            "cas_Stage": case.stage,
            "cas_StageDates": _multi(f"{e.stage}:{_d(e.happened_on)}" for e in case.stage_events),
            "cas_OpenedOn": _d(case.opened_on),
            "cas_LeadOrganisation": lead,
        }
    )


def empty_tables() -> Tables:
    return {name: [] for name in TABLES}


def write_csv(tables: Tables, directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name in TABLES:
        rows = tables[name]
        path = directory / FILE_NAMES[name]
        columns = list(dict.fromkeys(k for row in rows for k in row)) or [f"{name}_Id"]
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns)
            writer.writeheader()
            writer.writerows(rows)
        written.append(path)
    return written


def write_json(tables: Tables, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(tables, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def read_tables(path: Path) -> Tables:
    """A JSON file of the six tables, or a directory of the CSV files ``write_csv`` writes."""
    if path.is_dir():
        tables = empty_tables()
        for name, file_name in FILE_NAMES.items():
            file = path / file_name
            if file.exists():
                with file.open(encoding="utf-8", newline="") as handle:
                    tables[name] = [dict(row) for row in csv.DictReader(handle)]
        return tables
    raw: Any = json.loads(path.read_text(encoding="utf-8"))
    tables = empty_tables()
    for name in TABLES:
        rows = raw.get(name, []) if isinstance(raw, dict) else []
        tables[name] = [{str(k): "" if v is None else str(v) for k, v in r.items()} for r in rows]
    return tables
