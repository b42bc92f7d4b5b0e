"""Form posts that change a case: stage, closure, people, defendants, tasks, notes, files."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from enlace.cases import attachments, casefiles, defendants, stages, tasks
from enlace.cases.defendants import DefendantInput, DefendantProgress
from enlace.cases.tables import Attachment
from enlace.cases.web.common import back, cipher, read_form
from enlace.errors import NotFoundError
from enlace.messages import N_
from enlace.security.roles import Permission
from enlace.security.tables import User
from enlace.web.deps import CsrfChecked, SessionDep, app_state, require

router = APIRouter(prefix="/cases/{reference}", dependencies=[CsrfChecked])
Editor = Annotated[User, Depends(require(Permission.EDIT_CASES))]


def _url(reference: str, anchor: str = "") -> str:
    return f"/cases/{reference}" + (f"#{anchor}" if anchor else "")


@router.post("/stage", include_in_schema=False)
async def move_stage(
    request: Request, reference: str, session: SessionDep, user: Editor
) -> Response:
    form = await read_form(request)
    case = casefiles.get_case(session, user, reference)
    stages.advance(session, user, case, form.text("stage"), form.day("on"), form.optional("note"))
    return back(_url(case.reference, "stages"))


@router.post("/close", include_in_schema=False)
async def close(request: Request, reference: str, session: SessionDep, user: Editor) -> Response:
    form = await read_form(request)
    case = casefiles.get_case(session, user, reference)
    stages.close_case(session, user, case, form.text("reason"), form.optional("note"))
    return back(_url(case.reference))


@router.post("/reopen", include_in_schema=False)
async def reopen(request: Request, reference: str, session: SessionDep, user: Editor) -> Response:
    form = await read_form(request)
    case = casefiles.get_case(session, user, reference)
    stages.reopen(session, user, case, form.text("reason"), form.optional("stage"))
    return back(_url(case.reference))


@router.post("/delete", include_in_schema=False)
async def delete(request: Request, reference: str, session: SessionDep, user: Editor) -> Response:
    form = await read_form(request)
    case = casefiles.get_case(session, user, reference)
    casefiles.delete_case(session, user, case, form.text("reason"))
    return back("/cases")


@router.post("/assign", include_in_schema=False)
async def assign(request: Request, reference: str, session: SessionDep, user: Editor) -> Response:
    form = await read_form(request)
    case = casefiles.get_case(session, user, reference)
    user_id = form.integer("user_id")
    if user_id is None:
        raise NotFoundError(N_("Unknown user"))
    casefiles.assign(session, user, case, user_id, form.text("role"))
    return back(_url(case.reference, "people"))


@router.post("/partners", include_in_schema=False)
async def partner(request: Request, reference: str, session: SessionDep, user: Editor) -> Response:
    form = await read_form(request)
    case = casefiles.get_case(session, user, reference)
    agency_id = form.integer("agency_id")
    if agency_id is None:
        raise NotFoundError(N_("Unknown agency"))
    casefiles.add_partner(session, user, case, agency_id)
    return back(_url(case.reference, "people"))


@router.post("/reports", include_in_schema=False)
async def link_report(
    request: Request, reference: str, session: SessionDep, user: Editor
) -> Response:
    form = await read_form(request)
    case = casefiles.get_case(session, user, reference)
    casefiles.link_report(session, user, case, form.text("report"))
    return back(_url(case.reference, "reports"))


@router.post("/defendants", include_in_schema=False)
async def add_defendant(
    request: Request, reference: str, session: SessionDep, user: Editor
) -> Response:
    form = await read_form(request)
    case = casefiles.get_case(session, user, reference)
    defendants.add_defendant(
        session,
        user,
        case,
        DefendantInput(
            name=form.text("name"),
            alias=form.optional("alias"),
            sex=form.optional("sex"),
            nationality=form.optional("nationality"),
            age=form.integer("age"),
            roles=form.many("roles"),
            charges=form.many("charges"),
        ),
    )
    return back(_url(case.reference, "defendants"))


@router.post("/defendants/{defendant_id}", include_in_schema=False)
async def defendant_progress(
    request: Request, reference: str, defendant_id: int, session: SessionDep, user: Editor
) -> Response:
    form = await read_form(request)
    case = casefiles.get_case(session, user, reference)
    defendant = defendants.get_defendant(case, defendant_id)
    charges = form.many("charges")
    defendants.record_progress(
        session,
        user,
        defendant,
        DefendantProgress(
            arrested_on=form.day("arrested_on"),
            indicted_on=form.day("indicted_on"),
            trial=form.flag("trial"),
            charges=charges or None,
            outcome=form.optional("outcome"),
            outcome_on=form.day("outcome_on"),
            sentence=form.optional("sentence"),
        ),
    )
    return back(_url(case.reference, "defendants"))


@router.post("/tasks", include_in_schema=False)
async def add_task(request: Request, reference: str, session: SessionDep, user: Editor) -> Response:
    form = await read_form(request)
    case = casefiles.get_case(session, user, reference)
    tasks.add_task(
        session,
        user,
        case,
        form.text("title"),
        due_on=form.day("due_on"),
        assignee_id=form.integer("assignee_id"),
    )
    return back(_url(case.reference, "tasks"))


@router.post("/tasks/{task_id}/done", include_in_schema=False)
def task_done(reference: str, task_id: int, session: SessionDep, user: Editor) -> Response:
    case = casefiles.get_case(session, user, reference)
    tasks.complete_task(session, user, case, task_id)
    return back(_url(case.reference, "tasks"))


@router.post("/notes", include_in_schema=False)
async def add_note(request: Request, reference: str, session: SessionDep, user: Editor) -> Response:
    form = await read_form(request)
    case = casefiles.get_case(session, user, reference)
    tasks.add_note(
        session,
        user,
        case,
        form.text("body"),
        due_on=form.day("due_on"),
        assignee_id=form.integer("assignee_id"),
    )
    return back(_url(case.reference, "notes"))


@router.post("/attachments", include_in_schema=False)
async def upload(request: Request, reference: str, session: SessionDep, user: Editor) -> Response:
    form = await read_form(request)
    case = casefiles.get_case(session, user, reference)
    file = form.upload("file")
    victim_id = form.integer("victim_id")
    victim = next((v for v in case.victims if v.id == victim_id), None) if victim_id else None
    attachments.store(
        session,
        user,
        case,
        directory=attachments.attachments_dir(app_state(request).settings),
        cipher=cipher(request),
        filename=file.filename or "" if file else "",
        content_type=(file.content_type or "") if file else "",
        data=await file.read() if file else b"",
        victim=victim,
    )
    return back(_url(case.reference, "files"))


@router.get("/attachments/{attachment_id}", include_in_schema=False)
def download(
    request: Request,
    reference: str,
    attachment_id: int,
    session: SessionDep,
    user: Annotated[User, Depends(require(Permission.VIEW_CASES))],
) -> Response:
    case = casefiles.get_case(session, user, reference)
    found = session.get(Attachment, attachment_id)
    if found is None or found.case_id != case.id:
        raise NotFoundError(N_("No such attachment"))
    data = attachments.read(
        session,
        user,
        found,
        directory=attachments.attachments_dir(app_state(request).settings),
        cipher=cipher(request),
    )
    safe_name = "".join(ch for ch in found.filename if ch.isalnum() or ch in "._-") or "file"
    return Response(
        data,
        media_type=found.content_type,
        headers={"Content-Disposition": f'attachment; filename="{safe_name}"'},
    )
