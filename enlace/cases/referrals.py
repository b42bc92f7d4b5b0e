"""Referrals of victims to service providers, gated by consent.

A referral needs the victim's standing consent to be referred. Without it only a supervisor may
send one, recording an override (a minor may be harmed, or someone is in imminent danger) with a
reason. The provider answers from its own login: accepted, rejected (with a reason), delivered.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from enlace.cases import access, consent, timeline
from enlace.cases.codes import ConsentKind, OverrideKind, ReferralStatus
from enlace.cases.tables import Case, Provider, Referral, Victim
from enlace.cases.validate import Problems, choice, past_date, text, today
from enlace.errors import ConflictError, NotFoundError, PermissionDeniedError
from enlace.messages import N_
from enlace.security.roles import Permission, allowed
from enlace.security.tables import User
from enlace.store.base import utcnow

# What a provider may answer from each status.
PROVIDER_MOVES: dict[str, frozenset[str]] = {
    ReferralStatus.SENT: frozenset({ReferralStatus.ACCEPTED, ReferralStatus.REJECTED}),
    ReferralStatus.ACCEPTED: frozenset({ReferralStatus.DELIVERED, ReferralStatus.REJECTED}),
}
NO_CONSENT = N_(
    "The victim has not consented to be referred. A supervisor may override when a minor may be "
    "harmed or someone is in imminent danger."
)


class ConsentRequiredError(PermissionDeniedError):
    """A referral was attempted without consent and without a supervisor's override."""


@dataclass(frozen=True)
class Override:
    kind: str
    reason: str


def refer(
    session: Session,
    user: User,
    victim: Victim,
    provider: Provider,
    service: str,
    *,
    note: str | None = None,
    override: Override | None = None,
    sent_on: date | None = None,
) -> Referral:
    case = victim.case
    access.require(user, Permission.CREATE_REFERRALS)
    access.require_edit(user, case)
    if victim.deleted_at is not None:
        raise NotFoundError(N_("No such victim in this case"))
    problems = Problems()
    choice(problems, "service", service, provider.services)
    past_date(problems, "sent_on", sent_on)
    problems.raise_any()
    given = consent.active(victim, ConsentKind.REFERRAL)
    if given is None:
        _check_override(user, victim, override)
    referral = Referral(
        case_id=case.id,
        victim_id=victim.id,
        provider_id=provider.id,
        service=service,
        note=(note or "").strip() or None,
        consent_id=given.id if given else None,
        sent_by_id=user.id,
        sent_on=sent_on or today(),
        status=ReferralStatus.SENT.value,
    )
    if given is None and override is not None:
        referral.override_kind = override.kind
        referral.override_reason = override.reason.strip()
        referral.override_by_id = user.id
    session.add(referral)
    session.flush()
    action = "referral_sent" if given else "referral_override"
    details = {"referral": referral.id, "victim": victim.code, "provider": provider.name}
    if given is None and override is not None:
        details["override"] = override.kind
    timeline.log(session, case, action, user, **details)
    return referral


def _check_override(user: User, victim: Victim, override: Override | None) -> None:
    if override is None:
        raise ConsentRequiredError(NO_CONSENT)
    if not allowed(user.role, Permission.OVERRIDE_CONSENT):
        raise ConsentRequiredError(NO_CONSENT)
    problems = Problems()
    choice(problems, "override_kind", override.kind, list(OverrideKind))
    text(problems, "override_reason", override.reason, max_len=1000)
    if override.kind == OverrideKind.MINOR_AT_RISK and not victim.minor:
        problems.add("override_kind", N_("This victim is not recorded as a minor"))
    problems.raise_any()


def get_referral(session: Session, referral_id: int) -> Referral:
    referral = session.get(Referral, referral_id)
    if referral is None:
        raise NotFoundError(N_("No such referral"))
    return referral


def respond(
    session: Session,
    user: User,
    referral: Referral,
    status: str,
    *,
    reason: str | None = None,
    delivered_on: date | None = None,
) -> None:
    """The receiving provider's answer. Allowed on closed cases: care outlasts prosecution."""
    access.require(user, Permission.RESPOND_REFERRALS)
    if referral.provider_id not in access.provider_ids(session, user):
        raise PermissionDeniedError(N_("This referral was sent to another organization"))
    if status not in PROVIDER_MOVES.get(referral.status, frozenset()):
        raise ConflictError(N_("This referral cannot change to that status now"))
    problems = Problems()
    cleaned = (reason or "").strip() or None
    if status == ReferralStatus.REJECTED:
        cleaned = text(problems, "reason", reason, max_len=1000)
    if status == ReferralStatus.DELIVERED:
        past_date(problems, "delivered_on", delivered_on, after=referral.sent_on)
    problems.raise_any()
    referral.status = status
    referral.status_reason = cleaned
    referral.responded_at = utcnow()
    referral.responded_by_id = user.id
    if status == ReferralStatus.DELIVERED:
        referral.delivered_on = delivered_on or today()
    timeline.log(
        session, referral.case, "referral_status", user, referral=referral.id, status=status
    )


def withdraw(session: Session, user: User, referral: Referral, reason: str) -> None:
    access.require_edit(user, referral.case)
    if referral.status not in (ReferralStatus.SENT, ReferralStatus.ACCEPTED):
        raise ConflictError(N_("This referral cannot change to that status now"))
    problems = Problems()
    referral.status_reason = text(problems, "reason", reason, max_len=1000)
    problems.raise_any()
    referral.status = ReferralStatus.WITHDRAWN.value
    timeline.log(
        session,
        referral.case,
        "referral_status",
        user,
        referral=referral.id,
        status=referral.status,
    )


def of_case(session: Session, case: Case) -> list[Referral]:
    query = (
        select(Referral)
        .where(Referral.case_id == case.id)
        .options(selectinload(Referral.provider), selectinload(Referral.victim))
        .order_by(Referral.id)
    )
    return list(session.scalars(query))


def inbox(session: Session, user: User, status: str | None = None) -> list[Referral]:
    """Referrals sent to the provider organisations the user answers for, newest first."""
    access.require(user, Permission.RESPOND_REFERRALS)
    mine = access.provider_ids(session, user)
    if not mine:
        return []
    query = (
        select(Referral)
        .where(Referral.provider_id.in_(mine))
        .options(
            selectinload(Referral.provider),
            selectinload(Referral.victim),
            selectinload(Referral.case),
        )
        .order_by(Referral.id.desc())
    )
    if status:
        query = query.where(Referral.status == status)
    return list(session.scalars(query))
