"""Consent records: to manage personal data, to be referred, to share with a partner agency.

Each is dated and revocable. Revoking never needs the case to be open (a person can always say
no), and revoking referral consent withdraws the referrals that relied on it.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from enlace.cases import access, timeline
from enlace.cases.codes import ConsentKind, ReferralStatus
from enlace.cases.tables import Consent, Referral, Victim
from enlace.cases.validate import Problems, choice, past_date, text, today
from enlace.errors import ConflictError, NotFoundError, PermissionDeniedError
from enlace.messages import N_
from enlace.security.tables import User
from enlace.store.base import utcnow

LIVE_REFERRAL = (ReferralStatus.SENT.value, ReferralStatus.ACCEPTED.value)


def active(victim: Victim, kind: str) -> Consent | None:
    """The standing consent of this kind, if any (the latest given and not revoked)."""
    found = [c for c in victim.consents if c.kind == kind and c.revoked_at is None]
    return found[-1] if found else None


def give(
    session: Session,
    user: User,
    victim: Victim,
    kind: str,
    given_on: date | None = None,
    note: str | None = None,
) -> Consent:
    access.require_edit(user, victim.case)
    problems = Problems()
    choice(problems, "kind", kind, list(ConsentKind))
    past_date(problems, "given_on", given_on)
    problems.raise_any()
    if active(victim, kind) is not None:
        raise ConflictError(N_("This consent is already recorded"))
    consent = Consent(
        victim_id=victim.id,
        kind=kind,
        given_on=given_on or today(),
        recorded_by_id=user.id,
        note=(note or "").strip() or None,
    )
    victim.consents.append(consent)  # cascades the insert; no separate add
    session.flush()
    timeline.log(session, victim.case, "consent_given", user, victim=victim.code, kind=kind)
    return consent


def get_consent(victim: Victim, consent_id: int) -> Consent:
    for c in victim.consents:
        if c.id == consent_id:
            return c
    raise NotFoundError(N_("No such consent"))


def revoke(session: Session, user: User, consent: Consent, reason: str) -> list[Referral]:
    """Revoke; returns the referrals withdrawn because they relied on this consent."""
    victim = consent.victim
    if not access.can_edit(user, victim.case):
        raise PermissionDeniedError(N_("Only the people assigned to this case may change it"))
    problems = Problems()
    reason = text(problems, "reason", reason, max_len=500)
    problems.raise_any()
    if consent.revoked_at is not None:
        raise ConflictError(N_("This consent was already revoked"))
    consent.revoked_at = utcnow()
    consent.revoked_by_id = user.id
    consent.revoke_reason = reason
    timeline.log(
        session, victim.case, "consent_revoked", user, victim=victim.code, kind=consent.kind
    )
    withdrawn = list(
        session.scalars(
            select(Referral).where(
                Referral.consent_id == consent.id, Referral.status.in_(LIVE_REFERRAL)
            )
        )
    )
    for referral in withdrawn:
        referral.status = ReferralStatus.WITHDRAWN.value
        referral.status_reason = reason
        timeline.log(
            session,
            victim.case,
            "referral_status",
            user,
            referral=referral.id,
            status=referral.status,
        )
    return withdrawn
