"""The case timeline: one line per thing that happened, mirrored into the audit trail."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from enlace.cases.tables import Case, CaseEvent
from enlace.messages import N_
from enlace.security import audit
from enlace.security.tables import User

ACTION_LABELS: dict[str, str] = {
    "opened": N_("Case opened"),
    "updated": N_("Case details changed"),
    "assigned": N_("Person assigned"),
    "unassigned": N_("Person unassigned"),
    "partner_added": N_("Partner agency added"),
    "report_linked": N_("Report linked"),
    "entity_linked": N_("Entity linked"),
    "stage": N_("Stage changed"),
    "closed": N_("Case closed"),
    "reopened": N_("Case reopened"),
    "deleted": N_("Case deleted"),
    "defendant_added": N_("Defendant added"),
    "defendant_updated": N_("Defendant updated"),
    "defendant_deleted": N_("Defendant removed"),
    "victim_added": N_("Victim identified"),
    "victim_updated": N_("Victim record updated"),
    "victim_deleted": N_("Victim record removed"),
    "victim_viewed": N_("Victim details viewed"),
    "consent_given": N_("Consent recorded"),
    "consent_revoked": N_("Consent revoked"),
    "referral_sent": N_("Referral sent"),
    "referral_override": N_("Referral sent without consent (supervisor override)"),
    "referral_status": N_("Referral status changed"),
    "task_added": N_("Task added"),
    "task_done": N_("Task done"),
    "task_deleted": N_("Task removed"),
    "note_added": N_("Note added"),
    "note_deleted": N_("Note removed"),
    "attachment_added": N_("Attachment added"),
    "attachment_deleted": N_("Attachment removed"),
    "imported": N_("Case imported"),
}


def log(session: Session, case: Case, action: str, user: User | None, **details: Any) -> CaseEvent:
    """Add a timeline line and the matching audit event (``case.<action>``)."""
    user_id = user.id if user is not None else None
    event = CaseEvent(case_id=case.id, action=action, user_id=user_id, details=details)
    session.add(event)
    audit.record(
        session, f"case.{action}", user_id=user_id, object_type="case", object_id=case.id, **details
    )
    return event


def timeline(session: Session, case: Case) -> list[CaseEvent]:
    """Newest first."""
    query = (
        select(CaseEvent)
        .where(CaseEvent.case_id == case.id)
        .options(selectinload(CaseEvent.user))
        .order_by(CaseEvent.at.desc(), CaseEvent.id.desc())
    )
    return list(session.scalars(query))
