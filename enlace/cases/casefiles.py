"""Opening, reading, listing, assigning and (softly) deleting cases."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, selectinload

from enlace.cases import access, timeline
from enlace.cases.codes import POLARIS_TYPES, AssignmentRole, Stage, Typology
from enlace.cases.tables import (
    Case,
    CaseAssignment,
    CaseEntity,
    CasePartner,
    CaseReport,
    StageEvent,
)
from enlace.cases.validate import Problems, choice, jurisdiction, past_date, text, today
from enlace.errors import ConflictError, NotFoundError, PermissionDeniedError
from enlace.extraction.tables import Entity
from enlace.intake.references import new_reference
from enlace.intake.tables import Report
from enlace.messages import N_
from enlace.security.roles import Permission
from enlace.security.tables import Agency, Role, User
from enlace.store.base import utcnow

# Who may hold each assignment: the role itself, or a supervisor stepping in.
ASSIGNABLE: dict[AssignmentRole, frozenset[str]] = {
    AssignmentRole.INVESTIGATOR: frozenset({Role.INVESTIGATOR, Role.SUPERVISOR}),
    AssignmentRole.PROSECUTOR: frozenset({Role.PROSECUTOR, Role.SUPERVISOR}),
}


@dataclass
class CaseInput:
    title: str
    country: str
    typology: str
    state: str | None = None
    polaris_type: str | None = None
    summary: str = ""
    lead_agency_id: int | None = None
    partner_agency_ids: Sequence[int] = ()
    report_references: Sequence[str] = ()
    entity_ids: Sequence[int] = ()
    investigator_ids: Sequence[int] = ()
    prosecutor_id: int | None = None
    opened_on: date | None = None
    source_key: str | None = None


@dataclass(frozen=True)
class CaseFilter:
    agency_id: int | None = None
    country: str | None = None
    state: str | None = None
    typology: str | None = None
    stage: str | None = None
    assignee_id: int | None = None
    status: str | None = None  # open | closed
    q: str | None = None


@dataclass
class CaseList:
    items: list[Case] = field(default_factory=list)
    count: int = 0


def _check(session: Session, data: CaseInput) -> Problems:
    problems = Problems()
    data.title = text(problems, "title", data.title, max_len=200)
    jurisdiction(problems, data.country, data.state)
    choice(problems, "typology", data.typology, list(Typology))
    if data.polaris_type:
        choice(problems, "polaris_type", data.polaris_type, POLARIS_TYPES)
    past_date(problems, "opened_on", data.opened_on)
    if data.lead_agency_id is not None and session.get(Agency, data.lead_agency_id) is None:
        problems.add("lead_agency_id", N_("Unknown agency"))
    return problems


def open_case(session: Session, user: User, data: CaseInput) -> Case:
    """Open a case from reports and/or entities; the opener is assigned when they work cases."""
    access.require(user, Permission.EDIT_CASES)
    problems = _check(session, data)
    reports = [_report(session, problems, ref) for ref in data.report_references]
    entities = [session.get(Entity, eid) for eid in data.entity_ids]
    if any(e is None for e in entities):
        problems.add("entity_ids", N_("Unknown entity"))
    problems.raise_any()
    case = Case(
        reference=new_reference("CAS"),
        title=data.title,
        summary=data.summary.strip(),
        country=data.country,
        state=data.state or None,
        typology=data.typology,
        polaris_type=data.polaris_type or None,
        lead_agency_id=data.lead_agency_id or user.agency_id,
        opened_on=data.opened_on or today(),
        stage=Stage.LEAD.value,
        source_key=data.source_key,
        created_by_id=user.id,
    )
    session.add(case)
    session.flush()
    case.stage_events.append(
        StageEvent(stage=Stage.LEAD.value, happened_on=case.opened_on, user_id=user.id)
    )
    timeline.log(session, case, "opened", user, reports=[r.reference for r in reports if r])
    for report in reports:
        if report is not None:
            case.report_links.append(CaseReport(report_id=report.id))
    for entity in entities:
        if entity is not None:
            case.entity_links.append(CaseEntity(entity_id=entity.id))
    for agency_id in dict.fromkeys(data.partner_agency_ids):
        if agency_id != case.lead_agency_id and session.get(Agency, agency_id) is not None:
            case.partners.append(CasePartner(agency_id=agency_id))
    if user.role in (Role.INVESTIGATOR, Role.PROSECUTOR):
        _assign(session, case, user, AssignmentRole(user.role), user)
    for uid in data.investigator_ids:
        _assign(session, case, _user(session, uid), AssignmentRole.INVESTIGATOR, user)
    if data.prosecutor_id is not None:
        _assign(session, case, _user(session, data.prosecutor_id), AssignmentRole.PROSECUTOR, user)
    session.flush()
    return case


def _report(session: Session, problems: Problems, reference: str) -> Report | None:
    report = session.scalar(select(Report).where(Report.reference == reference.strip().upper()))
    if report is None:
        problems.add("report_references", N_("Unknown report reference"))
    return report


def _user(session: Session, user_id: int) -> User:
    found = session.get(User, user_id)
    if found is None or not found.active:
        raise NotFoundError(N_("Unknown user"))
    return found


def _assign(
    session: Session, case: Case, assignee: User, role: AssignmentRole, actor: User
) -> None:
    if assignee.role not in ASSIGNABLE[role]:
        raise ConflictError(N_("This person's role cannot hold that assignment"))
    if any(a.user_id == assignee.id for a in case.assignments):
        return
    case.assignments.append(CaseAssignment(user_id=assignee.id, role=role.value, user=assignee))
    timeline.log(session, case, "assigned", actor, who=assignee.username, role=role.value)


def assign(session: Session, user: User, case: Case, assignee_id: int, role: str) -> None:
    access.require_edit(user, case)
    try:
        as_role = AssignmentRole(role)
    except ValueError:
        raise ConflictError(N_("This person's role cannot hold that assignment")) from None
    _assign(session, case, _user(session, assignee_id), as_role, user)


def unassign(session: Session, user: User, case: Case, assignee_id: int) -> None:
    access.require_edit(user, case)
    for a in list(case.assignments):
        if a.user_id == assignee_id:
            case.assignments.remove(a)
            timeline.log(session, case, "unassigned", user, who=a.user.username)


def add_partner(session: Session, user: User, case: Case, agency_id: int) -> None:
    access.require_edit(user, case)
    agency = session.get(Agency, agency_id)
    if agency is None:
        raise NotFoundError(N_("Unknown agency"))
    if agency_id != case.lead_agency_id and all(p.agency_id != agency_id for p in case.partners):
        case.partners.append(CasePartner(agency_id=agency_id, agency=agency))
        timeline.log(session, case, "partner_added", user, agency=agency.short_name)


def link_report(session: Session, user: User, case: Case, reference: str) -> Report:
    access.require_edit(user, case)
    problems = Problems()
    report = _report(session, problems, reference)
    problems.raise_any()
    assert report is not None
    if all(link.report_id != report.id for link in case.report_links):
        case.report_links.append(CaseReport(report_id=report.id, report=report))
        timeline.log(session, case, "report_linked", user, report=report.reference)
    return report


def link_entity(session: Session, user: User, case: Case, entity_id: int) -> None:
    access.require_edit(user, case)
    entity = session.get(Entity, entity_id)
    if entity is None:
        raise NotFoundError(N_("Unknown entity"))
    if all(link.entity_id != entity_id for link in case.entity_links):
        case.entity_links.append(CaseEntity(entity_id=entity_id, entity=entity))
        timeline.log(session, case, "entity_linked", user, entity=entity.label)


def update_case(
    session: Session,
    user: User,
    case: Case,
    *,
    title: str,
    summary: str,
    typology: str,
    polaris_type: str | None,
    state: str | None,
) -> None:
    access.require_edit(user, case)
    problems = Problems()
    title = text(problems, "title", title, max_len=200)
    choice(problems, "typology", typology, list(Typology))
    if polaris_type:
        choice(problems, "polaris_type", polaris_type, POLARIS_TYPES)
    jurisdiction(problems, case.country, state)
    problems.raise_any()
    changed = {
        name: value
        for name, value in (
            ("title", title),
            ("summary", summary.strip()),
            ("typology", typology),
            ("polaris_type", polaris_type or None),
            ("state", state or None),
        )
        if getattr(case, name) != value
    }
    for name, value in changed.items():
        setattr(case, name, value)
    if changed:
        timeline.log(session, case, "updated", user, fields=sorted(changed))


def delete_case(session: Session, user: User, case: Case, reason: str) -> None:
    """Soft delete by a supervisor: the case disappears from lists but every row stays."""
    if user.role != Role.SUPERVISOR:
        raise PermissionDeniedError(N_("Only a supervisor may delete a case"))
    problems = Problems()
    reason = text(problems, "reason", reason, max_len=500)
    problems.raise_any()
    case.deleted_at = utcnow()
    case.deleted_by_id = user.id
    case.delete_reason = reason
    timeline.log(session, case, "deleted", user, reason=reason)


def _loaded() -> Select[Case]:
    return select(Case).options(
        selectinload(Case.assignments).selectinload(CaseAssignment.user),
        selectinload(Case.lead_agency),
        selectinload(Case.partners).selectinload(CasePartner.agency),
    )


def get_case(session: Session, user: User, reference: str) -> Case:
    access.require(user, Permission.VIEW_CASES)
    case = session.scalar(_loaded().where(Case.reference == reference.strip().upper()))
    if case is None or case.deleted_at is not None:
        raise NotFoundError(N_("No case with this reference"))
    return case


def list_cases(
    session: Session, user: User, flt: CaseFilter, *, offset: int = 0, limit: int = 200
) -> CaseList:
    access.require(user, Permission.VIEW_CASES)
    query = select(Case.id).where(Case.deleted_at.is_(None))
    if flt.agency_id:
        partner = select(CasePartner.case_id).where(CasePartner.agency_id == flt.agency_id)
        query = query.where(or_(Case.lead_agency_id == flt.agency_id, Case.id.in_(partner)))
    if flt.assignee_id:
        mine = select(CaseAssignment.case_id).where(CaseAssignment.user_id == flt.assignee_id)
        query = query.where(Case.id.in_(mine))
    for column, value in (
        (Case.country, flt.country),
        (Case.state, flt.state),
        (Case.typology, flt.typology),
        (Case.stage, flt.stage),
    ):
        if value:
            query = query.where(column == value)
    if flt.status == "open":
        query = query.where(Case.closed_at.is_(None))
    elif flt.status == "closed":
        query = query.where(Case.closed_at.is_not(None))
    if flt.q:
        term = f"%{flt.q.strip()}%"
        query = query.where(or_(Case.title.ilike(term), Case.reference.ilike(term)))
    count = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    page = (
        _loaded()
        .where(Case.id.in_(query))
        .order_by(Case.opened_on.desc(), Case.id.desc())
        .offset(offset)
        .limit(limit)
    )
    return CaseList(items=list(session.scalars(page)), count=count)
