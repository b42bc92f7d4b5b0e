"""Codes that cases store (stages, typologies, statuses…) and their translatable labels."""

from __future__ import annotations

import enum

from enlace.messages import N_


class Typology(enum.StrEnum):
    SEX_TRAFFICKING = "sex_trafficking"
    LABOR_TRAFFICKING = "labor_trafficking"
    BOTH = "both"
    SMUGGLING = "smuggling"
    NOT_TRAFFICKING = "not_trafficking"


class Stage(enum.StrEnum):
    LEAD = "lead"
    INVESTIGATION = "investigation"
    ARRESTS = "arrests"
    INDICTMENT = "indictment"
    TRIAL = "trial"
    CONVICTION = "conviction"
    ACQUITTAL = "acquittal"
    DISMISSED = "dismissed"


# The order a case moves through; the three verdict stages share the last rank.
STAGE_RANK: dict[Stage, int] = {
    Stage.LEAD: 0,
    Stage.INVESTIGATION: 1,
    Stage.ARRESTS: 2,
    Stage.INDICTMENT: 3,
    Stage.TRIAL: 4,
    Stage.CONVICTION: 5,
    Stage.ACQUITTAL: 5,
    Stage.DISMISSED: 5,
}
FINAL_STAGES = frozenset({Stage.CONVICTION, Stage.ACQUITTAL, Stage.DISMISSED})
BOARD_STAGES: tuple[Stage, ...] = tuple(Stage)


class ClosureReason(enum.StrEnum):
    CONVICTED = "convicted"
    ACQUITTED = "acquitted"
    DISMISSED = "dismissed_by_court"
    INSUFFICIENT_EVIDENCE = "insufficient_evidence"
    NOT_TRAFFICKING = "no_trafficking_found"
    TRANSFERRED = "transferred"
    MERGED = "merged"
    OTHER = "other"


STAGE_CLOSURE: dict[Stage, ClosureReason] = {
    Stage.CONVICTION: ClosureReason.CONVICTED,
    Stage.ACQUITTAL: ClosureReason.ACQUITTED,
    Stage.DISMISSED: ClosureReason.DISMISSED,
}


class AssignmentRole(enum.StrEnum):
    INVESTIGATOR = "investigator"
    PROSECUTOR = "prosecutor"


class DefendantStage(enum.StrEnum):
    SUSPECT = "suspect"
    ARRESTED = "arrested"
    INDICTED = "indicted"
    TRIAL = "trial"
    DECIDED = "decided"


class Outcome(enum.StrEnum):
    CONVICTED = "convicted"
    ACQUITTED = "acquitted"
    DISMISSED = "dismissed"


class ConsentKind(enum.StrEnum):
    MANAGE_DATA = "manage_data"
    REFERRAL = "referral"
    SHARE_PARTNER = "share_partner"


class ServiceType(enum.StrEnum):
    SHELTER = "shelter"
    MEDICAL = "medical"
    LEGAL = "legal"
    IMMIGRATION = "immigration_relief"
    REPATRIATION = "repatriation"
    PSYCHOLOGICAL = "psychological"


class ReferralStatus(enum.StrEnum):
    SENT = "sent"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    DELIVERED = "delivered"
    WITHDRAWN = "withdrawn"


class OverrideKind(enum.StrEnum):
    MINOR_AT_RISK = "minor_at_risk"
    IMMINENT_DANGER = "imminent_danger"


SEXES = ("female", "male", "nonconforming", "unknown")

POLARIS_TYPES: tuple[str, ...] = (
    N_("Escort Services"),
    N_("Illicit Massage, Health & Beauty"),
    N_("Outdoor Solicitation"),
    N_("Residential"),
    N_("Domestic Work"),
    N_("Bars, Strip Clubs & Cantinas"),
    N_("Pornography"),
    N_("Traveling Sales Crews"),
    N_("Restaurants & Food Service"),
    N_("Peddling & Begging"),
    N_("Agriculture & Animal Husbandry"),
    N_("Personal Sexual Servitude"),
    N_("Health & Beauty Services"),
    N_("Construction"),
    N_("Hotels & Hospitality"),
    N_("Landscaping"),
    N_("Illicit Activities"),
    N_("Arts & Entertainment"),
    N_("Commercial Cleaning"),
    N_("Factories & Manufacturing"),
    N_("Remote Interactive Sexual Acts"),
    N_("Carnivals"),
    N_("Forestry & Logging"),
    N_("Health Care"),
    N_("Recreational Facilities"),
)

# HTCDS per_RoleInProcess values Enlace offers for defendants.
PERPETRATOR_ROLES = (
    "RecruiterOrIntermediary",
    "Transporter",
    "BrokerTravelAgent",
    "Exploiter",
    "Smuggler",
    "Abuser",
    "Kidnapper",
    "Other",
)

CASE_LABELS: dict[str, str] = {
    "sex_trafficking": N_("Sex trafficking"),
    "labor_trafficking": N_("Labor trafficking"),
    "both": N_("Sex and labor trafficking"),
    "smuggling": N_("Smuggling"),
    "not_trafficking": N_("Not trafficking"),
    "lead": N_("Lead"),
    "investigation": N_("Investigation"),
    "arrests": N_("Arrests"),
    "indictment": N_("Indictment / vinculación a proceso"),
    "trial": N_("Trial"),
    "conviction": N_("Conviction"),
    "acquittal": N_("Acquittal"),
    "dismissed": N_("Dismissed"),
    "convicted": N_("Convicted"),
    "acquitted": N_("Acquitted"),
    "dismissed_by_court": N_("Dismissed by the court"),
    "insufficient_evidence": N_("Insufficient evidence"),
    "no_trafficking_found": N_("No trafficking found"),
    "transferred": N_("Transferred to another jurisdiction"),
    "merged": N_("Merged into another case"),
    "other": N_("Other"),
    "investigator": N_("Investigator"),
    "prosecutor": N_("Prosecutor"),
    "suspect": N_("Suspect"),
    "arrested": N_("Arrested"),
    "indicted": N_("Indicted"),
    "decided": N_("Decided"),
    "manage_data": N_("Manage personal data"),
    "referral": N_("Referral to services"),
    "share_partner": N_("Share with partner agencies"),
    "shelter": N_("Shelter"),
    "medical": N_("Medical care"),
    "legal": N_("Legal aid"),
    "immigration_relief": N_("Immigration relief (T-visa)"),
    "repatriation": N_("Repatriation"),
    "psychological": N_("Psychological care"),
    "sent": N_("Sent"),
    "accepted": N_("Accepted"),
    "rejected": N_("Rejected"),
    "delivered": N_("Service delivered"),
    "withdrawn": N_("Withdrawn"),
    "minor_at_risk": N_("A minor may be harmed"),
    "imminent_danger": N_("Imminent danger"),
    "female": N_("Female"),
    "male": N_("Male"),
    "nonconforming": N_("Transgender / non-conforming"),
    "unknown": N_("Unknown"),
    "open": N_("Open"),
    "closed": N_("Closed"),
}
