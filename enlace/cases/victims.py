"""Victims: a role of a person in one case. Identifying details are encrypted at rest and
revealed only to those with a need, each time written to the audit trail."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from enlace.cases import access, timeline
from enlace.cases.codes import SEXES
from enlace.cases.defendants import ADULT_AGE
from enlace.cases.tables import Case, Victim
from enlace.cases.validate import Problems, age, choice, nationality, past_date
from enlace.errors import ConflictError, NotFoundError, PermissionDeniedError
from enlace.messages import N_
from enlace.security import audit
from enlace.security.crypto import FieldCipher
from enlace.security.tables import User
from enlace.store.base import utcnow

NEEDS = (
    "shelter",
    "medical",
    "legal",
    "immigration_relief",
    "repatriation",
    "psychological",
    "interpreter",
    "protection",
)


@dataclass
class VictimDetails:
    """What identifies a victim. Never stored in clear, never logged."""

    name: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    identity_numbers: list[str] = field(default_factory=list)

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> VictimDetails:
        ids = raw.get("identity_numbers") or []
        return cls(
            name=str(raw.get("name") or ""),
            phone=str(raw.get("phone") or ""),
            email=str(raw.get("email") or ""),
            address=str(raw.get("address") or ""),
            identity_numbers=[str(i) for i in ids] if isinstance(ids, list) else [],
        )

    def is_empty(self) -> bool:
        return not any(asdict(self).values())


@dataclass
class VictimInput:
    identified_on: date
    age_at_identification: int | None = None
    sex: str | None = None
    nationality: str | None = None
    minor: bool | None = None  # derived from the age when not given
    languages: Sequence[str] = ()
    needs: Sequence[str] = ()
    context: dict[str, Any] = field(default_factory=dict)
    details: VictimDetails | None = None
    entity_id: int | None = None


def _defendant_entities(case: Case) -> set[int]:
    return {d.entity_id for d in case.defendants if d.deleted_at is None and d.entity_id}


def add_victim(
    session: Session, user: User, case: Case, data: VictimInput, cipher: FieldCipher
) -> Victim:
    access.require_edit(user, case)
    problems = Problems()
    past_date(problems, "identified_on", data.identified_on)
    age(problems, "age_at_identification", data.age_at_identification)
    if data.sex:
        choice(problems, "sex", data.sex, SEXES)
    nat = nationality(problems, "nationality", data.nationality)
    problems.raise_any()
    minor = (
        data.minor
        if data.minor is not None
        else (data.age_at_identification is not None and data.age_at_identification < ADULT_AGE)
    )
    if minor and data.entity_id is not None and data.entity_id in _defendant_entities(case):
        raise ConflictError(
            N_("This person is a defendant here; a minor never is: remove that record first")
        )
    victim = Victim(
        case_id=case.id,
        entity_id=data.entity_id,
        code=f"V-{len(case.victims) + 1}",
        identified_on=data.identified_on,
        age_at_identification=data.age_at_identification,
        sex=data.sex or None,
        nationality=nat,
        minor=minor,
        languages=[lang.strip() for lang in data.languages if lang.strip()],
        needs=[n.strip() for n in data.needs if n.strip()],
        context=dict(data.context),
    )
    if data.details is not None and not data.details.is_empty():
        victim.details_token = cipher.encrypt_json(asdict(data.details))
    case.victims.append(victim)  # cascades the insert; no separate add
    session.flush()
    timeline.log(session, case, "victim_added", user, victim=victim.code, minor=minor)
    return victim


def get_victim(case: Case, victim_id: int) -> Victim:
    for v in case.victims:
        if v.id == victim_id and v.deleted_at is None:
            return v
    raise NotFoundError(N_("No such victim in this case"))


def reveal(session: Session, user: User, victim: Victim, cipher: FieldCipher) -> VictimDetails:
    """Decrypt the details for someone with a need to know; every view is audited."""
    if not access.can_view_victim(session, user, victim):
        raise PermissionDeniedError(
            N_("Victim details are visible only to the people who need them")
        )
    audit.record(
        session,
        "victim.details.view",
        user_id=user.id,
        object_type="victim",
        object_id=victim.id,
        case=victim.case.reference,
    )
    if victim.details_token is None:
        return VictimDetails()
    return VictimDetails.from_dict(cipher.decrypt_json(victim.details_token))


def update_details(
    session: Session, user: User, victim: Victim, details: VictimDetails, cipher: FieldCipher
) -> None:
    access.require_edit(user, victim.case)
    if not access.can_view_victim(session, user, victim):
        raise PermissionDeniedError(
            N_("Victim details are visible only to the people who need them")
        )
    victim.details_token = None if details.is_empty() else cipher.encrypt_json(asdict(details))
    timeline.log(
        session, victim.case, "victim_updated", user, victim=victim.code, fields=["details"]
    )


def update_victim(
    session: Session, user: User, victim: Victim, *, needs: Sequence[str], languages: Sequence[str]
) -> None:
    access.require_edit(user, victim.case)
    victim.needs = [n.strip() for n in needs if n.strip()]
    victim.languages = [lang.strip() for lang in languages if lang.strip()]
    timeline.log(
        session,
        victim.case,
        "victim_updated",
        user,
        victim=victim.code,
        fields=["needs", "languages"],
    )


def delete_victim(session: Session, user: User, victim: Victim, reason: str) -> None:
    access.require_edit(user, victim.case)
    if not reason.strip():
        raise ConflictError(N_("Give a reason"))
    victim.deleted_at = utcnow()
    victim.deleted_by_id = user.id
    victim.delete_reason = reason.strip()
    timeline.log(
        session, victim.case, "victim_deleted", user, victim=victim.code, reason=reason.strip()
    )
