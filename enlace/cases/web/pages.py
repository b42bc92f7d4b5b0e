"""Case pages: the list and board by stage, opening a case, the case page, the figures."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from sqlalchemy import select

from enlace.cases import (
    access,
    attachments,
    casefiles,
    providers,
    referrals,
    stages,
    tasks,
    timeline,
)
from enlace.cases.casefiles import CaseFilter, CaseInput
from enlace.cases.codes import (
    BOARD_STAGES,
    PERPETRATOR_ROLES,
    POLARIS_TYPES,
    SEXES,
    ClosureReason,
    ConsentKind,
    OverrideKind,
    Stage,
    Typology,
)
from enlace.cases.figures import FIGURES, figures
from enlace.cases.tables import Case
from enlace.cases.timeline import ACTION_LABELS
from enlace.cases.web.common import back, page, read_form
from enlace.messages import N_
from enlace.security.roles import Permission, allowed
from enlace.security.tables import Agency, Role, User
from enlace.web.deps import CsrfChecked, SessionDep, require

router = APIRouter()
Viewer = Annotated[User, Depends(require(Permission.VIEW_CASES))]
Editor = Annotated[User, Depends(require(Permission.EDIT_CASES))]
FIGURE_LABELS = {
    "investigations": N_("Investigations initiated"),
    "arrests": N_("Arrests"),
    "indictments": N_("Indictments"),
    "convictions": N_("Convictions"),
    "victims": N_("Victims identified"),
}


def _people(session: SessionDep) -> list[User]:
    roles = (Role.INVESTIGATOR.value, Role.PROSECUTOR.value, Role.SUPERVISOR.value)
    query = select(User).where(User.role.in_(roles), User.active.is_(True))
    return list(session.scalars(query.order_by(User.display_name)))


def _agencies(session: SessionDep) -> list[Agency]:
    return list(session.scalars(select(Agency).order_by(Agency.country, Agency.name)))


@router.get("/cases", include_in_schema=False)
def case_list(
    request: Request,
    session: SessionDep,
    user: Viewer,
    agency: Annotated[int | None, Query()] = None,
    state: Annotated[str | None, Query(max_length=10)] = None,
    typology: Annotated[str | None, Query(max_length=24)] = None,
    assignee: Annotated[int | None, Query()] = None,
    status: Annotated[str | None, Query(max_length=8)] = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
    view: Annotated[str, Query(max_length=8)] = "board",
) -> Response:
    flt = CaseFilter(
        agency_id=agency,
        state=state or None,
        typology=typology or None,
        assignee_id=assignee,
        status=status or None,
        q=q or None,
    )
    found = casefiles.list_cases(session, user, flt, limit=500)
    board = {s.value: [c for c in found.items if c.stage == s.value] for s in BOARD_STAGES}
    states = sorted({c.state for c in found.items if c.state} | ({state} if state else set()))
    return page(
        request,
        "cases/list.html",
        {
            "found": found,
            "board": board,
            "flt": flt,
            "view": "list" if view == "list" else "board",
            "typologies": list(Typology),
            "agencies": _agencies(session),
            "people": _people(session),
            "states": states,
            "can_open": allowed(user.role, Permission.EDIT_CASES),
        },
    )


@router.get("/cases/new", include_in_schema=False)
def new_case(request: Request, session: SessionDep, _user: Editor, report: str = "") -> Response:
    return page(
        request,
        "cases/new.html",
        {
            "report": report,
            "typologies": list(Typology),
            "polaris_types": POLARIS_TYPES,
            "agencies": _agencies(session),
            "people": _people(session),
        },
    )


@router.post("/cases", include_in_schema=False, dependencies=[CsrfChecked])
async def create_case(request: Request, session: SessionDep, user: Editor) -> Response:
    form = await read_form(request)
    data = CaseInput(
        title=form.text("title"),
        country=form.text("country"),
        state=form.optional("state"),
        typology=form.text("typology"),
        polaris_type=form.optional("polaris_type"),
        summary=form.text("summary"),
        lead_agency_id=form.integer("lead_agency_id"),
        partner_agency_ids=[int(v) for v in form.many("partner_agency_ids") if v.isdigit()],
        report_references=form.many("reports"),
        investigator_ids=[int(v) for v in form.many("investigator_ids") if v.isdigit()],
        prosecutor_id=form.integer("prosecutor_id"),
        opened_on=form.day("opened_on"),
    )
    case = casefiles.open_case(session, user, data)
    return back(f"/cases/{case.reference}")


@router.get("/cases/figures", include_in_schema=False)
def figures_page(
    request: Request,
    session: SessionDep,
    _user: Viewer,
    year: Annotated[int | None, Query(ge=1990, le=2100)] = None,
    country: Annotated[str | None, Query(max_length=2)] = None,
) -> Response:
    numbers = figures(session, year=year, country=country or None)
    return page(
        request,
        "cases/figures.html",
        {
            "numbers": numbers,
            "names": FIGURES,
            "labels": FIGURE_LABELS,
            "year": year,
            "country": country,
            "years": sorted(numbers["by_year"], reverse=True),
        },
    )


def _case_context(
    request: Request, session: SessionDep, user: User, case: Case
) -> dict[str, object]:
    victims = [v for v in case.victims if v.deleted_at is None]
    editable = access.can_edit(user, case) and not case.is_closed
    has_network = any(getattr(r, "path", "") == "/network" for r in request.app.routes)
    return {
        "case": case,
        "editable": editable,
        "can_edit": access.can_edit(user, case),
        "defendants": [d for d in case.defendants if d.deleted_at is None],
        "victims": victims,
        "visible": {v.id for v in victims if access.can_view_victim(session, user, v)},
        "referrals": referrals.of_case(session, case),
        "tasks": tasks.tasks_of(session, case),
        "notes": tasks.notes_of(session, case),
        "attachments": attachments.of_case(session, case),
        "events": timeline.timeline(session, case),
        "action_labels": ACTION_LABELS,
        "next_stages": stages.next_stages(case),
        "closure_reasons": list(ClosureReason),
        "reopen_stages": list(Stage)[:5],
        "providers": providers.list_providers(session),
        "people": _people(session),
        "agencies": _agencies(session),
        "sexes": SEXES,
        "roles": PERPETRATOR_ROLES,
        "consent_kinds": list(ConsentKind),
        "override_kinds": list(OverrideKind),
        "can_refer": allowed(user.role, Permission.CREATE_REFERRALS),
        "can_override": allowed(user.role, Permission.OVERRIDE_CONSENT),
        "network_url": f"/network?case={case.reference}" if has_network else None,
    }


@router.get("/cases/{reference}", include_in_schema=False)
def case_page(request: Request, reference: str, session: SessionDep, user: Viewer) -> Response:
    case = casefiles.get_case(session, user, reference)
    return page(request, "cases/detail.html", _case_context(request, session, user, case))
