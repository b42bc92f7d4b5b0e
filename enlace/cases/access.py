"""Who may see and change what in a case. Role permissions first, then the per-case need."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from enlace.cases.tables import Case, Provider, Referral, Victim
from enlace.errors import ConflictError, PermissionDeniedError
from enlace.messages import N_
from enlace.security.roles import Permission, allowed
from enlace.security.tables import Role, User

# Referral states in which the receiving provider still needs the victim's details.
PROVIDER_SEES = frozenset({"sent", "accepted", "delivered"})


def require(user: User, permission: Permission) -> None:
    if not allowed(user.role, permission):
        raise PermissionDeniedError(N_("Your role does not allow this"))


def is_assigned(case: Case, user: User) -> bool:
    return any(a.user_id == user.id for a in case.assignments)


def can_edit(user: User, case: Case) -> bool:
    """Supervisors edit any case; investigators and prosecutors the cases they work on."""
    if not allowed(user.role, Permission.EDIT_CASES):
        return False
    return user.role == Role.SUPERVISOR or is_assigned(case, user)


def ensure_open(case: Case) -> None:
    if case.is_closed:
        raise ConflictError(N_("This case is closed; reopen it with a reason to change it"))
    if case.deleted_at is not None:
        raise ConflictError(N_("This case was deleted"))


def require_edit(user: User, case: Case) -> None:
    """The user may change the case, and the case is open for changes."""
    if not can_edit(user, case):
        raise PermissionDeniedError(N_("Only the people assigned to this case may change it"))
    ensure_open(case)


def provider_ids(session: Session, user: User) -> list[int]:
    """The directory entries a service-provider user answers for (through their agency)."""
    if user.role != Role.SERVICE_PROVIDER or user.agency_id is None:
        return []
    return list(session.scalars(select(Provider.id).where(Provider.agency_id == user.agency_id)))


def can_view_victim(session: Session, user: User, victim: Victim) -> bool:
    """Need to know: the case's assigned investigators and prosecutors, supervisors, and the
    provider receiving a live referral of this victim."""
    if not allowed(user.role, Permission.VIEW_VICTIM_DETAILS) or victim.deleted_at is not None:
        return False
    if user.role == Role.SUPERVISOR:
        return True
    if user.role in (Role.INVESTIGATOR, Role.PROSECUTOR):
        return is_assigned(victim.case, user)
    mine = provider_ids(session, user)
    if not mine:
        return False
    found = session.scalar(
        select(Referral.id).where(
            Referral.victim_id == victim.id,
            Referral.provider_id.in_(mine),
            Referral.status.in_(PROVIDER_SEES),
        )
    )
    return found is not None
