"""Networks of reports joined by shared people, phones and addresses: the list, one network's
graph, brokers and timeline, the shortest connection between two entities, similar reports."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from enlace.networks import service as networks
from enlace.security.roles import Permission
from enlace.security.tables import User
from enlace.web.deps import SessionDep, require
from enlace.web.rendering import render

router = APIRouter()
Viewer = Annotated[User, Depends(require(Permission.VIEW_NETWORKS))]
CONNECTION_CHOICES = 300


@router.get("/networks", include_in_schema=False)
def network_list(
    request: Request,
    session: SessionDep,
    _user: Viewer,
    min_reports: Annotated[int, Query(ge=2, le=1000)] = 2,
) -> Response:
    items = networks.list_networks(session, min_reports=min_reports)
    return render(request, "networks/list.html", {"items": items, "min_reports": min_reports})


def _in_range(when: dt.datetime, start: dt.date | None, end: dt.date | None) -> bool:
    return (start is None or when.date() >= start) and (end is None or when.date() <= end)


@router.get("/networks/{network_id}", include_in_schema=False)
def network_page(
    request: Request,
    network_id: str,
    session: SessionDep,
    _user: Viewer,
    kind: Annotated[list[str] | None, Query()] = None,
    start: Annotated[dt.date | None, Query()] = None,
    end: Annotated[dt.date | None, Query()] = None,
    left: Annotated[int | None, Query()] = None,
    right: Annotated[int | None, Query()] = None,
) -> Response:
    """One network; the tables follow the filters without JavaScript, the graph with it."""
    detail = networks.network_detail(session, network_id)
    kinds = sorted({e.kind for e in detail.entities})
    shown_kinds = set(kind or kinds)
    path = networks.shortest_connection(session, left, right) if left and right else None
    peak = max((n for _, n in detail.timeline), default=0)
    return render(
        request,
        "networks/detail.html",
        {
            "detail": detail,
            "kinds": kinds,
            "shown_kinds": shown_kinds,
            "start": start,
            "end": end,
            "reports": [r for r in detail.reports if _in_range(r.received_at, start, end)],
            "entities": [e for e in detail.entities if e.kind in shown_kinds],
            "choices": detail.entities[:CONNECTION_CHOICES],
            "left": left,
            "right": right,
            "path": path,
            "peak": peak,
        },
    )


@router.get("/api/v1/networks", tags=["networks"])
def network_list_api(
    session: SessionDep,
    _user: Viewer,
    min_reports: Annotated[int, Query(ge=2, le=1000)] = 2,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> dict[str, Any]:
    """Networks of at least ``min_reports`` reports, largest first."""
    items = networks.list_networks(session, min_reports=min_reports, limit=limit)
    data = [
        {
            "id": n.network.id,
            "reference": n.reference,
            "reports": len(n.network.reports),
            "entities": len(n.network.entities),
            "first": n.first.isoformat() if n.first else None,
            "last": n.last.isoformat() if n.last else None,
            "places": n.places,
        }
        for n in items
    ]
    return {"data": data, "count": len(data)}


@router.get("/api/v1/networks/{network_id}/graph", tags=["networks"])
def network_graph(network_id: str, session: SessionDep, _user: Viewer) -> dict[str, Any]:
    """Nodes (reports and entities) and edges (mentions) of one network, Cytoscape format."""
    return networks.graph_json(session, network_id)


@router.get("/api/v1/entities/{left}/connection/{right}", tags=["networks"])
def connection_api(left: int, right: int, session: SessionDep, _user: Viewer) -> dict[str, Any]:
    """A shortest chain of reports and entities joining two entities (empty when none does)."""
    path = networks.shortest_connection(session, left, right)
    data = [{"kind": p.kind, "label": p.label, "href": p.href} for p in path]
    return {"data": data, "count": len(data)}


@router.get("/api/v1/reports/{reference}/similar", tags=["networks"])
def similar_api(reference: str, session: SessionDep, _user: Viewer) -> dict[str, Any]:
    """Reports sharing a person, phone, address or account with this one, most shared first."""
    data = [
        {
            "reference": s.reference,
            "received_at": s.received_at.isoformat(),
            "place": s.place,
            "shared": s.shared,
        }
        for s in networks.similar_reports(session, reference)
    ]
    return {"data": data, "count": len(data)}


@router.get("/reports/{reference}/similar", include_in_schema=False)
def similar_reports(
    request: Request, reference: str, session: SessionDep, _user: Viewer
) -> Response:
    """Reports sharing people, phones or addresses with this one (a page, or a fragment)."""
    items = networks.similar_reports(session, reference)
    network_id = networks.network_id_for_reference(session, reference)
    fragment = request.query_params.get("fragment")
    template = "networks/_similar.html" if fragment else "networks/similar.html"
    return render(
        request, template, {"items": items, "reference": reference, "network_id": network_id}
    )
