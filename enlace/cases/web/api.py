"""JSON API for cases under /api/v1: cases, stages, defendants, victims, consent, referrals,
tasks, notes, figures. Victims' identifying details have their own, audited endpoint."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field

from enlace.cases import (
    casefiles,
    consent,
    defendants,
    providers,
    referrals,
    stages,
    tasks,
    victims,
)
from enlace.cases.casefiles import CaseFilter, CaseInput
from enlace.cases.defendants import DefendantInput, DefendantProgress
from enlace.cases.figures import figures
from enlace.cases.referrals import Override
from enlace.cases.tables import Case, Defendant, Referral, Victim
from enlace.cases.victims import VictimDetails, VictimInput
from enlace.cases.web.common import cipher
from enlace.errors import NotFoundError
from enlace.messages import N_
from enlace.security.roles import Permission
from enlace.security.tables import User
from enlace.web.deps import CsrfChecked, SessionDep, require

router = APIRouter(prefix="/api/v1", tags=["cases"], dependencies=[CsrfChecked])
Viewer = Annotated[User, Depends(require(Permission.VIEW_CASES))]
Editor = Annotated[User, Depends(require(Permission.EDIT_CASES))]
ProviderUser = Annotated[User, Depends(require(Permission.RESPOND_REFERRALS))]


class CaseCreate(BaseModel):
    title: str = Field(max_length=200)
    country: str = Field(max_length=2)
    typology: str = Field(max_length=24)
    state: str | None = Field(default=None, max_length=10)
    polaris_type: str | None = Field(default=None, max_length=60)
    summary: str = Field(default="", max_length=20_000)
    lead_agency_id: int | None = None
    partner_agency_ids: list[int] = []
    report_references: list[str] = []
    entity_ids: list[int] = []
    investigator_ids: list[int] = []
    prosecutor_id: int | None = None
    opened_on: date | None = None


class StageMove(BaseModel):
    stage: str = Field(max_length=16)
    on: date | None = None
    note: str | None = Field(default=None, max_length=1000)


class Reason(BaseModel):
    reason: str = Field(max_length=1000)
    stage: str | None = Field(default=None, max_length=16)


class DefendantCreate(BaseModel):
    name: str = Field(max_length=200)
    alias: str | None = Field(default=None, max_length=200)
    sex: str | None = None
    nationality: str | None = Field(default=None, max_length=2)
    age: int | None = None
    roles: list[str] = []
    charges: list[str] = []
    entity_id: int | None = None


class DefendantUpdate(BaseModel):
    arrested_on: date | None = None
    indicted_on: date | None = None
    trial: bool = False
    charges: list[str] | None = None
    outcome: str | None = None
    outcome_on: date | None = None
    sentence: str | None = Field(default=None, max_length=300)


class VictimCreate(BaseModel):
    identified_on: date
    age_at_identification: int | None = None
    sex: str | None = None
    nationality: str | None = Field(default=None, max_length=2)
    minor: bool | None = None
    languages: list[str] = []
    needs: list[str] = []
    context: dict[str, Any] = {}
    details: dict[str, Any] | None = None
    entity_id: int | None = None


class ConsentCreate(BaseModel):
    kind: str = Field(max_length=20)
    given_on: date | None = None
    note: str | None = Field(default=None, max_length=500)


class ReferralCreate(BaseModel):
    provider_id: int
    service: str = Field(max_length=24)
    note: str | None = Field(default=None, max_length=1000)
    override_kind: str | None = None
    override_reason: str | None = Field(default=None, max_length=1000)


class ReferralAnswer(BaseModel):
    status: str = Field(max_length=12)
    reason: str | None = Field(default=None, max_length=1000)
    delivered_on: date | None = None


class TaskCreate(BaseModel):
    title: str = Field(max_length=300)
    due_on: date | None = None
    assignee_id: int | None = None


class NoteCreate(BaseModel):
    body: str = Field(max_length=20_000)
    due_on: date | None = None
    assignee_id: int | None = None


def _defendant(d: Defendant) -> dict[str, Any]:
    keys = ("id", "name", "alias", "sex", "nationality", "age", "roles", "stage", "charges")
    out: dict[str, Any] = {k: getattr(d, k) for k in keys}
    for k in ("arrested_on", "indicted_on", "outcome_on"):
        value = getattr(d, k)
        out[k] = value.isoformat() if value else None
    out.update(outcome=d.outcome, sentence=d.sentence)
    return out


def _victim(v: Victim) -> dict[str, Any]:
    """No identifying details here: those come only from the audited details endpoint."""
    return {
        "id": v.id,
        "code": v.code,
        "identified_on": v.identified_on.isoformat(),
        "age_at_identification": v.age_at_identification,
        "sex": v.sex,
        "nationality": v.nationality,
        "minor": v.minor,
        "languages": v.languages,
        "needs": v.needs,
        "consents": [
            {"id": c.id, "kind": c.kind, "given_on": c.given_on.isoformat(), "active": c.active}
            for c in v.consents
        ],
    }


def _referral(r: Referral) -> dict[str, Any]:
    return {
        "id": r.id,
        "case": r.case.reference,
        "victim": r.victim.code,
        "provider": r.provider.name,
        "service": r.service,
        "status": r.status,
        "status_reason": r.status_reason,
        "sent_on": r.sent_on.isoformat(),
        "override_kind": r.override_kind,
    }


def _case(c: Case, full: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "reference": c.reference,
        "title": c.title,
        "country": c.country,
        "state": c.state,
        "typology": c.typology,
        "polaris_type": c.polaris_type,
        "stage": c.stage,
        "opened_on": c.opened_on.isoformat(),
        "closed": c.is_closed,
        "closure_reason": c.closure_reason,
        "lead_agency": c.lead_agency.short_name if c.lead_agency else None,
        "assigned": [{"username": a.user.username, "role": a.role} for a in c.assignments],
    }
    if full:
        out["summary"] = c.summary
        out["stages"] = [
            {"stage": e.stage, "on": e.happened_on.isoformat()} for e in c.stage_events
        ]
        out["reports"] = [link.report.reference for link in c.report_links]
        out["partners"] = [p.agency.short_name for p in c.partners]
        out["defendants"] = [_defendant(d) for d in c.defendants if d.deleted_at is None]
        out["victims"] = [_victim(v) for v in c.victims if v.deleted_at is None]
    return out


@router.get("/cases")
def list_cases(
    session: SessionDep,
    user: Viewer,
    state: Annotated[str | None, Query(max_length=10)] = None,
    typology: Annotated[str | None, Query(max_length=24)] = None,
    stage: Annotated[str | None, Query(max_length=16)] = None,
    agency: int | None = None,
    assignee: int | None = None,
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> dict[str, Any]:
    flt = CaseFilter(
        state=state, typology=typology, stage=stage, agency_id=agency, assignee_id=assignee
    )
    found = casefiles.list_cases(session, user, flt, offset=offset, limit=limit)
    return {"data": [_case(c) for c in found.items], "count": found.count}


@router.post("/cases", status_code=201)
def create_case(body: CaseCreate, session: SessionDep, user: Editor) -> dict[str, Any]:
    case = casefiles.open_case(session, user, CaseInput(**body.model_dump()))
    return _case(case, full=True)


@router.get("/cases/figures")
def case_figures(
    session: SessionDep,
    _user: Viewer,
    year: int | None = None,
    country: Annotated[str | None, Query(max_length=2)] = None,
    state: Annotated[str | None, Query(max_length=10)] = None,
) -> dict[str, Any]:
    return figures(session, year=year, country=country, state=state)


@router.get("/cases/{reference}")
def get_case(reference: str, session: SessionDep, user: Viewer) -> dict[str, Any]:
    return _case(casefiles.get_case(session, user, reference), full=True)


@router.post("/cases/{reference}/stage")
def move(reference: str, body: StageMove, session: SessionDep, user: Editor) -> dict[str, Any]:
    case = casefiles.get_case(session, user, reference)
    stages.advance(session, user, case, body.stage, body.on, body.note)
    return _case(case, full=True)


@router.post("/cases/{reference}/close")
def close(reference: str, body: Reason, session: SessionDep, user: Editor) -> dict[str, Any]:
    case = casefiles.get_case(session, user, reference)
    stages.close_case(session, user, case, body.reason)
    return _case(case)


@router.post("/cases/{reference}/reopen")
def reopen(reference: str, body: Reason, session: SessionDep, user: Editor) -> dict[str, Any]:
    case = casefiles.get_case(session, user, reference)
    stages.reopen(session, user, case, body.reason, body.stage)
    return _case(case)


@router.post("/cases/{reference}/defendants", status_code=201)
def add_defendant(
    reference: str, body: DefendantCreate, session: SessionDep, user: Editor
) -> dict[str, Any]:
    case = casefiles.get_case(session, user, reference)
    found = defendants.add_defendant(session, user, case, DefendantInput(**body.model_dump()))
    return _defendant(found)


@router.patch("/cases/{reference}/defendants/{defendant_id}")
def update_defendant(
    reference: str, defendant_id: int, body: DefendantUpdate, session: SessionDep, user: Editor
) -> dict[str, Any]:
    case = casefiles.get_case(session, user, reference)
    found = defendants.get_defendant(case, defendant_id)
    defendants.record_progress(session, user, found, DefendantProgress(**body.model_dump()))
    return _defendant(found)


@router.post("/cases/{reference}/victims", status_code=201)
def add_victim(
    request: Request, reference: str, body: VictimCreate, session: SessionDep, user: Editor
) -> dict[str, Any]:
    case = casefiles.get_case(session, user, reference)
    data = body.model_dump(exclude={"details"})
    details = VictimDetails.from_dict(body.details) if body.details else None
    victim = victims.add_victim(
        session, user, case, VictimInput(**data, details=details), cipher(request)
    )
    return _victim(victim)


@router.get("/cases/{reference}/victims/{victim_id}/details")
def victim_details(
    request: Request,
    reference: str,
    victim_id: int,
    session: SessionDep,
    user: Annotated[User, Depends(require(Permission.VIEW_VICTIM_DETAILS))],
) -> dict[str, Any]:
    """Identifying details, for those with a need; each call is written to the audit trail."""
    victim = session.get(Victim, victim_id)
    if victim is None or victim.case.reference != reference.strip().upper():
        raise NotFoundError(N_("No such victim in this case"))
    found = victims.reveal(session, user, victim, cipher(request))
    return {"id": victim.id, "code": victim.code, **asdict(found)}


@router.post("/cases/{reference}/victims/{victim_id}/consents", status_code=201)
def give_consent(
    reference: str, victim_id: int, body: ConsentCreate, session: SessionDep, user: Editor
) -> dict[str, Any]:
    case = casefiles.get_case(session, user, reference)
    victim = victims.get_victim(case, victim_id)
    given = consent.give(session, user, victim, body.kind, body.given_on, body.note)
    return {"id": given.id, "kind": given.kind, "given_on": given.given_on.isoformat()}


@router.post("/cases/{reference}/victims/{victim_id}/consents/{consent_id}/revoke")
def revoke_consent(
    reference: str, victim_id: int, consent_id: int, body: Reason, session: SessionDep, user: Editor
) -> dict[str, Any]:
    case = casefiles.get_case(session, user, reference)
    victim = victims.get_victim(case, victim_id)
    withdrawn = consent.revoke(session, user, consent.get_consent(victim, consent_id), body.reason)
    return {"withdrawn_referrals": [r.id for r in withdrawn]}


@router.post("/cases/{reference}/victims/{victim_id}/referrals", status_code=201)
def refer(
    reference: str,
    victim_id: int,
    body: ReferralCreate,
    session: SessionDep,
    user: Annotated[User, Depends(require(Permission.CREATE_REFERRALS))],
) -> dict[str, Any]:
    case = casefiles.get_case(session, user, reference)
    victim = victims.get_victim(case, victim_id)
    override = (
        Override(body.override_kind, body.override_reason or "") if body.override_kind else None
    )
    referral = referrals.refer(
        session,
        user,
        victim,
        providers.get_provider(session, body.provider_id),
        body.service,
        note=body.note,
        override=override,
    )
    return _referral(referral)


@router.get("/cases/{reference}/referrals")
def case_referrals(reference: str, session: SessionDep, user: Viewer) -> dict[str, Any]:
    case = casefiles.get_case(session, user, reference)
    return {"data": [_referral(r) for r in referrals.of_case(session, case)]}


@router.post("/cases/{reference}/tasks", status_code=201)
def add_task(reference: str, body: TaskCreate, session: SessionDep, user: Editor) -> dict[str, Any]:
    case = casefiles.get_case(session, user, reference)
    task = tasks.add_task(
        session, user, case, body.title, due_on=body.due_on, assignee_id=body.assignee_id
    )
    return {"id": task.id, "title": task.title}


@router.post("/cases/{reference}/notes", status_code=201)
def add_note(reference: str, body: NoteCreate, session: SessionDep, user: Editor) -> dict[str, Any]:
    case = casefiles.get_case(session, user, reference)
    note = tasks.add_note(
        session, user, case, body.body, due_on=body.due_on, assignee_id=body.assignee_id
    )
    return {"id": note.id}


@router.get("/referrals")
def referral_inbox(
    session: SessionDep,
    user: ProviderUser,
    status: Annotated[str | None, Query(max_length=12)] = None,
) -> dict[str, Any]:
    return {"data": [_referral(r) for r in referrals.inbox(session, user, status)]}


@router.post("/referrals/{referral_id}")
def answer_referral(
    referral_id: int, body: ReferralAnswer, session: SessionDep, user: ProviderUser
) -> dict[str, Any]:
    referral = referrals.get_referral(session, referral_id)
    referrals.respond(
        session, user, referral, body.status, reason=body.reason, delivered_on=body.delivered_on
    )
    return _referral(referral)


@router.get("/providers")
def provider_directory(
    session: SessionDep,
    _user: Annotated[User, Depends(require(Permission.CREATE_REFERRALS))],
    service: Annotated[str | None, Query(max_length=24)] = None,
    country: Annotated[str | None, Query(max_length=2)] = None,
    state: Annotated[str | None, Query(max_length=10)] = None,
    language: Annotated[str | None, Query(max_length=5)] = None,
) -> dict[str, Any]:
    found = providers.list_providers(
        session, service=service, country=country, state=state, language=language
    )
    keys = ("id", "name", "services", "country", "states", "area", "languages", "phone", "email")
    return {"data": [{k: getattr(p, k) for k in keys} for p in found]}
