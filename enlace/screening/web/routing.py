"""Routing rules: read by analysts, edited by supervisors; every change validated and audited."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from enlace.errors import NotFoundError, ValidationFailedError
from enlace.messages import N_
from enlace.screening import rules as routing
from enlace.screening.engine.catalog import TYPOLOGY_CODES
from enlace.screening.tables import RoutingRule
from enlace.screening.web.common import URGENCY_LABELS, typology_label
from enlace.security.roles import Permission, allowed
from enlace.security.tables import User
from enlace.web.deps import CsrfChecked, SessionDep, require
from enlace.web.rendering import render

router = APIRouter()
Reader = Annotated[User, Depends(require(Permission.VIEW_CATALOG))]
Editor = Annotated[User, Depends(require(Permission.EDIT_ROUTING))]


def _form_values(row: RoutingRule | None) -> dict[str, Any]:
    if row is None:
        return {
            "key": "",
            "priority": "100",
            "countries": "",
            "states": "",
            "typologies": [],
            "urgencies": [],
            "minor": "",
            "agency": "",
            "queue": "",
            "active": True,
        }
    return {
        "key": row.key,
        "priority": str(row.priority),
        "countries": ", ".join(row.countries or []),
        "states": ", ".join(row.states or []),
        "typologies": list(row.typologies or []),
        "urgencies": list(row.urgencies or []),
        "minor": "" if row.minor is None else ("yes" if row.minor else "no"),
        "agency": row.agency,
        "queue": row.queue,
        "active": row.active,
    }


def _edit_page(
    request: Request,
    row: RoutingRule | None,
    values: dict[str, Any],
    errors: list[dict[str, str]] | None = None,
    status_code: int = 200,
) -> Response:
    return render(
        request,
        "screening/routing_edit.html",
        {
            "rule": row,
            "values": values,
            "errors": errors or [],
            "typologies": [(code, typology_label(code)) for code in TYPOLOGY_CODES],
            "urgencies": URGENCY_LABELS,
        },
        status_code=status_code,
    )


async def _parse(
    request: Request,
) -> tuple[dict[str, Any], routing.RuleInput | None, list[dict[str, str]]]:
    form = await request.form()

    def text(name: str) -> str:
        value = form.get(name)
        return value.strip() if isinstance(value, str) else ""

    values: dict[str, Any] = {
        "key": text("key"),
        "priority": text("priority"),
        "countries": text("countries"),
        "states": text("states"),
        "typologies": [v for v in form.getlist("typologies") if isinstance(v, str)],
        "urgencies": [v for v in form.getlist("urgencies") if isinstance(v, str)],
        "minor": text("minor"),
        "agency": text("agency"),
        "queue": text("queue"),
        "active": text("active") == "on",
    }
    errors: list[dict[str, str]] = []
    try:
        priority = int(values["priority"])
    except ValueError:
        errors.append({"field": "priority", "reason": N_("Give a whole number")})
        priority = 0
    for name in ("key", "agency", "queue"):
        if not values[name]:
            errors.append({"field": name, "reason": N_("This is required")})
        elif len(values[name]) > (120 if name == "agency" else 60):
            errors.append({"field": name, "reason": N_("This is too long")})
    if errors:
        return values, None, errors
    data = routing.RuleInput(
        key=values["key"],
        priority=priority,
        queue=values["queue"],
        agency=values["agency"],
        countries=routing.split_list(values["countries"], upper=True),
        states=routing.split_list(values["states"], upper=True),
        typologies=tuple(values["typologies"]),
        urgencies=tuple(values["urgencies"]),
        minor={"yes": True, "no": False}.get(values["minor"]),
        active=values["active"],
    )
    return values, data, []


def _rule(session: Session, rule_id: int) -> RoutingRule:
    row = session.get(RoutingRule, rule_id)
    if row is None:
        raise NotFoundError(N_("No such routing rule"))
    return row


@router.get("/screen/routing", include_in_schema=False)
def rules_page(request: Request, session: SessionDep, user: Reader) -> Response:
    rules = routing.list_rules(session)
    return render(
        request,
        "screening/routing.html",
        {
            "rules": rules,
            "history": routing.history(session),
            "can_edit": allowed(user.role, Permission.EDIT_ROUTING),
            "urgencies": URGENCY_LABELS,
            "saved": request.query_params.get("saved"),
        },
    )


@router.get("/screen/routing/new", include_in_schema=False)
def new_rule_page(request: Request, _user: Editor) -> Response:
    return _edit_page(request, None, _form_values(None))


@router.get("/screen/routing/{rule_id}", include_in_schema=False)
def edit_rule_page(request: Request, rule_id: int, session: SessionDep, _user: Editor) -> Response:
    row = _rule(session, rule_id)
    return _edit_page(request, row, _form_values(row))


async def _save(request: Request, session: Session, user: User, rule_id: int | None) -> Response:
    if rule_id is not None:
        _rule(session, rule_id)
    values, data, errors = await _parse(request)
    if data is not None:
        try:
            saved = routing.save_rule(session, user, data, rule_id)
        except ValidationFailedError as exc:
            session.rollback()
            errors = exc.errors
        else:
            return RedirectResponse(f"/screen/routing?saved={saved.key}", status_code=303)
    row = _rule(session, rule_id) if rule_id is not None else None
    return _edit_page(request, row, values, errors, status_code=422)


@router.post("/screen/routing", include_in_schema=False, dependencies=[CsrfChecked])
async def create_rule(request: Request, session: SessionDep, user: Editor) -> Response:
    return await _save(request, session, user, None)


@router.post("/screen/routing/{rule_id}", include_in_schema=False, dependencies=[CsrfChecked])
async def update_rule(
    request: Request, rule_id: int, session: SessionDep, user: Editor
) -> Response:
    return await _save(request, session, user, rule_id)


@router.post(
    "/screen/routing/{rule_id}/delete", include_in_schema=False, dependencies=[CsrfChecked]
)
def delete_rule(request: Request, rule_id: int, session: SessionDep, user: Editor) -> Response:
    row = _rule(session, rule_id)
    try:
        routing.delete_rule(session, user, rule_id)
    except ValidationFailedError as exc:
        session.rollback()
        row = _rule(session, rule_id)
        return _edit_page(request, row, _form_values(row), exc.errors, status_code=422)
    return RedirectResponse("/screen/routing", status_code=303)
