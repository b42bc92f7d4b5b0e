"""Victims on the case page: identification, gated details (every view audited), consent and
referrals to services."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from enlace.cases import access, casefiles, consent, providers, referrals, victims
from enlace.cases.referrals import Override
from enlace.cases.validate import today
from enlace.cases.victims import VictimDetails, VictimInput
from enlace.cases.web.common import back, cipher, page, read_form
from enlace.security.roles import Permission
from enlace.security.tables import User
from enlace.web.deps import CsrfChecked, SessionDep, require

router = APIRouter(prefix="/cases/{reference}")
Editor = Annotated[User, Depends(require(Permission.EDIT_CASES))]
DetailViewer = Annotated[User, Depends(require(Permission.VIEW_VICTIM_DETAILS))]
Referrer = Annotated[User, Depends(require(Permission.CREATE_REFERRALS))]


def _details(form_text: dict[str, str], ids: list[str]) -> VictimDetails:
    return VictimDetails(
        name=form_text["name"],
        phone=form_text["phone"],
        email=form_text["email"],
        address=form_text["address"],
        identity_numbers=ids,
    )


@router.post("/victims", include_in_schema=False, dependencies=[CsrfChecked])
async def add_victim(
    request: Request, reference: str, session: SessionDep, user: Editor
) -> Response:
    form = await read_form(request)
    case = casefiles.get_case(session, user, reference)
    minor_choice = form.text("minor")
    victim = victims.add_victim(
        session,
        user,
        case,
        VictimInput(
            identified_on=form.day("identified_on") or today(),
            age_at_identification=form.integer("age"),
            sex=form.optional("sex"),
            nationality=form.optional("nationality"),
            minor=None if not minor_choice else minor_choice == "yes",
            languages=form.many("languages"),
            needs=form.many("needs"),
            details=_details(
                {k: form.text(k) for k in ("name", "phone", "email", "address")},
                form.many("identity_numbers"),
            ),
        ),
        cipher(request),
    )
    return back(f"/cases/{case.reference}#victim-{victim.id}")


@router.get("/victims/{victim_id}", include_in_schema=False)
def victim_page(
    request: Request, reference: str, victim_id: int, session: SessionDep, user: DetailViewer
) -> Response:
    case = casefiles.get_case(session, user, reference)
    victim = victims.get_victim(case, victim_id)
    details = victims.reveal(session, user, victim, cipher(request))
    return page(
        request,
        "cases/victim.html",
        {
            "case": case,
            "victim": victim,
            "details": details,
            "editable": access.can_edit(user, case) and not case.is_closed,
        },
    )


@router.post("/victims/{victim_id}/details", include_in_schema=False, dependencies=[CsrfChecked])
async def update_details(
    request: Request, reference: str, victim_id: int, session: SessionDep, user: Editor
) -> Response:
    form = await read_form(request)
    case = casefiles.get_case(session, user, reference)
    victim = victims.get_victim(case, victim_id)
    details = _details(
        {k: form.text(k) for k in ("name", "phone", "email", "address")},
        form.many("identity_numbers"),
    )
    victims.update_details(session, user, victim, details, cipher(request))
    return back(f"/cases/{case.reference}/victims/{victim.id}")


@router.post("/victims/{victim_id}/consents", include_in_schema=False, dependencies=[CsrfChecked])
async def give_consent(
    request: Request, reference: str, victim_id: int, session: SessionDep, user: Editor
) -> Response:
    form = await read_form(request)
    case = casefiles.get_case(session, user, reference)
    victim = victims.get_victim(case, victim_id)
    consent.give(
        session, user, victim, form.text("kind"), form.day("given_on"), form.optional("note")
    )
    return back(f"/cases/{case.reference}#victim-{victim.id}")


@router.post(
    "/victims/{victim_id}/consents/{consent_id}/revoke",
    include_in_schema=False,
    dependencies=[CsrfChecked],
)
async def revoke_consent(
    request: Request,
    reference: str,
    victim_id: int,
    consent_id: int,
    session: SessionDep,
    user: Editor,
) -> Response:
    form = await read_form(request)
    case = casefiles.get_case(session, user, reference)
    victim = victims.get_victim(case, victim_id)
    consent.revoke(session, user, consent.get_consent(victim, consent_id), form.text("reason"))
    return back(f"/cases/{case.reference}#victim-{victim.id}")


@router.post("/victims/{victim_id}/referrals", include_in_schema=False, dependencies=[CsrfChecked])
async def refer(
    request: Request, reference: str, victim_id: int, session: SessionDep, user: Referrer
) -> Response:
    form = await read_form(request)
    case = casefiles.get_case(session, user, reference)
    victim = victims.get_victim(case, victim_id)
    provider_id = form.integer("provider_id") or 0
    override_kind = form.optional("override_kind")
    override = Override(override_kind, form.text("override_reason")) if override_kind else None
    referrals.refer(
        session,
        user,
        victim,
        providers.get_provider(session, provider_id),
        form.text("service"),
        note=form.optional("note"),
        override=override,
    )
    return back(f"/cases/{case.reference}#referrals")


@router.post(
    "/referrals/{referral_id}/withdraw", include_in_schema=False, dependencies=[CsrfChecked]
)
async def withdraw(
    request: Request, reference: str, referral_id: int, session: SessionDep, user: Editor
) -> Response:
    form = await read_form(request)
    case = casefiles.get_case(session, user, reference)
    referral = referrals.get_referral(session, referral_id)
    if referral.case_id == case.id:
        referrals.withdraw(session, user, referral, form.text("reason"))
    return back(f"/cases/{case.reference}#referrals")
