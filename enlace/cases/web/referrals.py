"""The service provider's referral inbox: read the referral and the victim's details (audited),
accept, reject with a reason, record the service delivered."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from enlace.cases import access, referrals, victims
from enlace.cases.codes import ReferralStatus
from enlace.cases.web.common import back, cipher, page, read_form
from enlace.errors import NotFoundError
from enlace.messages import N_
from enlace.security.roles import Permission
from enlace.security.tables import User
from enlace.web.deps import CsrfChecked, SessionDep, require

router = APIRouter()
ProviderUser = Annotated[User, Depends(require(Permission.RESPOND_REFERRALS))]


@router.get("/referrals", include_in_schema=False)
def inbox(
    request: Request,
    session: SessionDep,
    user: ProviderUser,
    status: Annotated[str | None, Query(max_length=12)] = None,
) -> Response:
    return page(
        request,
        "cases/inbox.html",
        {
            "items": referrals.inbox(session, user, status or None),
            "status": status,
            "statuses": list(ReferralStatus),
        },
    )


@router.get("/referrals/{referral_id}", include_in_schema=False)
def referral_page(
    request: Request, referral_id: int, session: SessionDep, user: ProviderUser
) -> Response:
    referral = referrals.get_referral(session, referral_id)
    if referral.provider_id not in access.provider_ids(session, user):
        raise NotFoundError(N_("No such referral"))
    details = None
    if access.can_view_victim(session, user, referral.victim):
        details = victims.reveal(session, user, referral.victim, cipher(request))
    return page(
        request,
        "cases/referral.html",
        {
            "referral": referral,
            "details": details,
            "moves": sorted(referrals.PROVIDER_MOVES.get(referral.status, ())),
        },
    )


@router.post("/referrals/{referral_id}", include_in_schema=False, dependencies=[CsrfChecked])
async def respond(
    request: Request, referral_id: int, session: SessionDep, user: ProviderUser
) -> Response:
    form = await read_form(request)
    referral = referrals.get_referral(session, referral_id)
    referrals.respond(
        session,
        user,
        referral,
        form.text("status"),
        reason=form.optional("reason"),
        delivered_on=form.day("delivered_on"),
    )
    return back(f"/referrals/{referral.id}")
