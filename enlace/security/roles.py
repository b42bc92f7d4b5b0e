"""Roles and what each may do. Least privilege: a permission names exactly the roles needing it."""

from __future__ import annotations

import enum

from enlace.messages import N_
from enlace.security.tables import Role


class Permission(enum.StrEnum):
    VIEW_REPORTS = "view_reports"
    CREATE_REPORTS = "create_reports"
    VIEW_REPORTER_CONTACT = "view_reporter_contact"
    VIEW_ENTITIES = "view_entities"
    EXPORT_REPORTS = "export_reports"
    MANAGE_USERS = "manage_users"
    VIEW_AUDIT = "view_audit"
    # intake
    IMPORT_REPORTS = "import_reports"
    MANAGE_GATEWAYS = "manage_gateways"
    # screening and triage
    VIEW_QUEUE = "view_queue"
    VIEW_CATALOG = "view_catalog"
    EDIT_ROUTING = "edit_routing"
    ACKNOWLEDGE_ESCALATIONS = "acknowledge_escalations"
    # cases and victims
    VIEW_CASES = "view_cases"
    EDIT_CASES = "edit_cases"
    VIEW_VICTIM_DETAILS = "view_victim_details"
    CREATE_REFERRALS = "create_referrals"
    RESPOND_REFERRALS = "respond_referrals"
    OVERRIDE_CONSENT = "override_consent"
    EXPORT_CASES = "export_cases"
    # entity resolution and link analysis
    VIEW_NETWORKS = "view_networks"
    JUDGE_MATCHES = "judge_matches"


R = Role
POLICY: dict[Permission, frozenset[Role]] = {
    Permission.VIEW_REPORTS: frozenset(
        {R.HOTLINE_OPERATOR, R.ANALYST, R.INVESTIGATOR, R.PROSECUTOR, R.SUPERVISOR, R.ADMIN}
    ),
    Permission.CREATE_REPORTS: frozenset(
        {R.HOTLINE_OPERATOR, R.ANALYST, R.INVESTIGATOR, R.SUPERVISOR, R.ADMIN}
    ),
    # The reporter's contact details: those who may need to call back, and their supervisors.
    Permission.VIEW_REPORTER_CONTACT: frozenset({R.HOTLINE_OPERATOR, R.INVESTIGATOR, R.SUPERVISOR}),
    Permission.VIEW_ENTITIES: frozenset(
        {R.ANALYST, R.INVESTIGATOR, R.PROSECUTOR, R.SUPERVISOR, R.ADMIN}
    ),
    Permission.EXPORT_REPORTS: frozenset({R.ANALYST, R.SUPERVISOR, R.ADMIN}),
    Permission.MANAGE_USERS: frozenset({R.ADMIN}),
    Permission.VIEW_AUDIT: frozenset({R.SUPERVISOR, R.ADMIN}),
    Permission.IMPORT_REPORTS: frozenset({R.ANALYST, R.SUPERVISOR, R.ADMIN}),
    Permission.MANAGE_GATEWAYS: frozenset({R.ADMIN}),
    Permission.VIEW_QUEUE: frozenset({R.HOTLINE_OPERATOR, R.ANALYST, R.INVESTIGATOR, R.SUPERVISOR}),
    Permission.VIEW_CATALOG: frozenset({R.ANALYST, R.SUPERVISOR, R.ADMIN}),
    Permission.EDIT_ROUTING: frozenset({R.SUPERVISOR}),
    # Minors and imminent danger are flagged for a supervisor, who acknowledges having looked.
    Permission.ACKNOWLEDGE_ESCALATIONS: frozenset({R.SUPERVISOR}),
    Permission.VIEW_CASES: frozenset({R.ANALYST, R.INVESTIGATOR, R.PROSECUTOR, R.SUPERVISOR}),
    Permission.EDIT_CASES: frozenset({R.INVESTIGATOR, R.PROSECUTOR, R.SUPERVISOR}),
    # Per-case need is checked on top of this: investigators and prosecutors see the victims of
    # the cases they are assigned to; the provider sees the victim of a referral it received.
    Permission.VIEW_VICTIM_DETAILS: frozenset(
        {R.INVESTIGATOR, R.PROSECUTOR, R.SERVICE_PROVIDER, R.SUPERVISOR}
    ),
    Permission.CREATE_REFERRALS: frozenset({R.INVESTIGATOR, R.PROSECUTOR, R.SUPERVISOR}),
    Permission.RESPOND_REFERRALS: frozenset({R.SERVICE_PROVIDER}),
    Permission.OVERRIDE_CONSENT: frozenset({R.SUPERVISOR}),
    Permission.EXPORT_CASES: frozenset({R.ANALYST, R.SUPERVISOR, R.ADMIN}),
    Permission.VIEW_NETWORKS: frozenset({R.ANALYST, R.INVESTIGATOR, R.SUPERVISOR}),
    # Confirming, rejecting or undoing a merge of two people: analysts and their supervisors.
    Permission.JUDGE_MATCHES: frozenset({R.ANALYST, R.SUPERVISOR}),
}


def allowed(role: Role | str, permission: Permission) -> bool:
    return Role(role) in POLICY[permission]


ROLE_LABELS: dict[Role, str] = {
    R.HOTLINE_OPERATOR: N_("Hotline operator"),
    R.ANALYST: N_("Analyst"),
    R.INVESTIGATOR: N_("Investigator"),
    R.PROSECUTOR: N_("Prosecutor"),
    R.SERVICE_PROVIDER: N_("Service provider"),
    R.SUPERVISOR: N_("Supervisor"),
    R.ADMIN: N_("Administrator"),
}
