"""The entity page: every mention of one person, phone, place… the reports behind them, its
aliases, its network, and the evidence of each merge with the analysts' judgements."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from enlace.networks import service as networks
from enlace.resolution import entities, review
from enlace.resolution.web.review import evidence_lines
from enlace.security.roles import Permission, allowed
from enlace.security.tables import User
from enlace.web.deps import SessionDep, require
from enlace.web.rendering import render

router = APIRouter()


@router.get("/entities/{entity_id}", include_in_schema=False)
def entity_page(
    request: Request,
    entity_id: int,
    session: SessionDep,
    user: Annotated[User, Depends(require(Permission.VIEW_ENTITIES))],
) -> Response:
    view = entities.get_entity(session, entity_id)
    sees_networks = allowed(user.role, Permission.VIEW_NETWORKS)
    merged = entities.members(session, entity_id)
    return render(
        request,
        "entities/detail.html",
        {
            "view": view,
            "network": networks.network_of_entity(session, entity_id) if sees_networks else None,
            "merges": [(m, evidence_lines(m.merge.evidence)) for m in view.merges],
            "standing": len(merged) - 1,
            "judgements": review.judgements_of(session, merged),
            "can_judge": review.can_judge(user),
        },
    )
