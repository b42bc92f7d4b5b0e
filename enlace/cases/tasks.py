"""Tasks and notes on a case, with due dates and assignees."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from enlace.cases import access, timeline
from enlace.cases.tables import Case, Note, Task
from enlace.cases.validate import Problems, text
from enlace.errors import NotFoundError
from enlace.messages import N_
from enlace.security.tables import User
from enlace.store.base import utcnow


def _assignee(session: Session, problems: Problems, assignee_id: int | None) -> int | None:
    if assignee_id is not None and session.get(User, assignee_id) is None:
        problems.add("assignee_id", N_("Unknown user"))
    return assignee_id


def add_task(
    session: Session,
    user: User,
    case: Case,
    title: str,
    *,
    due_on: date | None = None,
    assignee_id: int | None = None,
) -> Task:
    access.require_edit(user, case)
    problems = Problems()
    title = text(problems, "title", title, max_len=300)
    _assignee(session, problems, assignee_id)
    problems.raise_any()
    task = Task(
        case_id=case.id, title=title, due_on=due_on, assignee_id=assignee_id, created_by_id=user.id
    )
    session.add(task)
    session.flush()
    timeline.log(session, case, "task_added", user, task=task.id, title=title)
    return task


def _task(session: Session, case: Case, task_id: int) -> Task:
    task = session.get(Task, task_id)
    if task is None or task.case_id != case.id or task.deleted_at is not None:
        raise NotFoundError(N_("No such task"))
    return task


def complete_task(session: Session, user: User, case: Case, task_id: int) -> Task:
    access.require_edit(user, case)
    task = _task(session, case, task_id)
    if task.done_at is None:
        task.done_at = utcnow()
        timeline.log(session, case, "task_done", user, task=task.id, title=task.title)
    return task


def delete_task(session: Session, user: User, case: Case, task_id: int, reason: str) -> None:
    access.require_edit(user, case)
    task = _task(session, case, task_id)
    problems = Problems()
    reason = text(problems, "reason", reason, max_len=500)
    problems.raise_any()
    task.deleted_at, task.deleted_by_id, task.delete_reason = utcnow(), user.id, reason
    timeline.log(session, case, "task_deleted", user, task=task.id, reason=reason)


def tasks_of(session: Session, case: Case) -> list[Task]:
    query = (
        select(Task)
        .where(Task.case_id == case.id, Task.deleted_at.is_(None))
        .options(selectinload(Task.assignee))
        .order_by(Task.done_at.is_not(None), Task.due_on, Task.id)
    )
    return list(session.scalars(query))


def add_note(
    session: Session,
    user: User,
    case: Case,
    body: str,
    *,
    due_on: date | None = None,
    assignee_id: int | None = None,
) -> Note:
    access.require_edit(user, case)
    problems = Problems()
    body = text(problems, "body", body, max_len=20_000)
    _assignee(session, problems, assignee_id)
    problems.raise_any()
    note = Note(
        case_id=case.id, body=body, due_on=due_on, assignee_id=assignee_id, author_id=user.id
    )
    session.add(note)
    session.flush()
    timeline.log(session, case, "note_added", user, note=note.id)
    return note


def delete_note(session: Session, user: User, case: Case, note_id: int, reason: str) -> None:
    access.require_edit(user, case)
    note = session.get(Note, note_id)
    if note is None or note.case_id != case.id or note.deleted_at is not None:
        raise NotFoundError(N_("No such note"))
    problems = Problems()
    reason = text(problems, "reason", reason, max_len=500)
    problems.raise_any()
    note.deleted_at, note.deleted_by_id, note.delete_reason = utcnow(), user.id, reason
    timeline.log(session, case, "note_deleted", user, note=note.id, reason=reason)


def notes_of(session: Session, case: Case) -> list[Note]:
    query = (
        select(Note)
        .where(Note.case_id == case.id, Note.deleted_at.is_(None))
        .options(selectinload(Note.author))
        .order_by(Note.created_at.desc(), Note.id.desc())
    )
    return list(session.scalars(query))
