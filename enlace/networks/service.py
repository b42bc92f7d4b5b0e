"""Networks of reports joined by the entities they share, built from stored mentions.

Generic places (cities, states) and toll-free or hotline numbers are left out: every tip from
Houston or every tip that quotes the national hotline would otherwise be one network. Entities
quoted by a large share of all reports are left out for the same reason. The graph is cached
per process and rebuilt only when mentions change (their count or largest id moves).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from threading import Lock
from typing import Any

import igraph as ig
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from enlace.errors import NotFoundError
from enlace.extraction.tables import Entity, Mention
from enlace.intake.tables import Report
from enlace.messages import N_
from enlace.networks.engine import (
    Network,
    bridging_entities,
    broker_scores,
    build_graph,
    communities,
    networks,
)
from enlace.networks.engine import shortest_connection as graph_path
from enlace.screening.tables import Screening

# A hub must be quoted by this many reports and this share of all reports to be dropped.
HUB_MIN_REPORTS = 60
HUB_SHARE = 0.03
COMMUNITY_MIN_VERTICES = 40
_TOLL_FREE = re.compile(r"^\+1(800|833|844|855|866|877|888)|^\+52800")
_ADDRESS = re.compile(r"^\s*\d")
# Nicknames ("el Gordo", "la Chaparra") name a role in a crew, not one person.
_ARTICLES = frozenset({"el", "la", "los", "las", "the"})
MIN_NAME_WORDS = 2


def is_hub_phone(attributes: Mapping[str, Any], normalized: str) -> bool:
    """Toll-free and hotline numbers: quoted by callers, not owned by a suspect."""
    return bool(
        attributes.get("toll_free") or attributes.get("hotline") or _TOLL_FREE.match(normalized)
    )


def is_address(attributes: Mapping[str, Any], normalized: str) -> bool:
    kind = attributes.get("kind") or attributes.get("scope")
    if kind:
        return bool(kind == "address")
    return bool(_ADDRESS.match(normalized))


def linking_entity(kind: str, attributes: Mapping[str, Any], key: str) -> bool:
    """Whether an entity can join two reports into one network.

    A lone given name ("Refugio") or a car model ("blue Ford F150") is shared by strangers;
    a full name, a plate, an address or a private phone is not.
    """
    if kind == "location":
        return is_address(attributes, key)
    if kind == "phone":
        return not is_hub_phone(attributes, key)
    if kind == "person":
        words = key.split()
        return len(words) >= MIN_NAME_WORDS and words[0].lower() not in _ARTICLES
    if kind == "vehicle":
        return bool(attributes.get("plate")) or key.startswith("plate:")
    return True


@dataclass
class NetworkSummary:
    network: Network
    reference: str
    first: dt.datetime | None
    last: dt.datetime | None
    places: list[str]
    typologies: list[tuple[str, int]]
    entity_kinds: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class ReportInfo:
    reference: str
    received_at: dt.datetime
    city: str
    state: str
    country: str

    @property
    def place(self) -> str:
        return (
            f"{self.city} ({self.state})" if self.state and self.city else self.city or self.state
        )


@dataclass
class GraphState:
    stamp: tuple[Any, ...]
    graph: ig.Graph
    networks: list[Network]
    by_vertex: dict[str, int]  # vertex name -> index into networks
    reports: dict[int, ReportInfo]
    entities: dict[int, tuple[str, str]]  # id -> kind, label


_cache: dict[str, GraphState] = {}
_lock = Lock()


def _stamp(session: Session) -> tuple[Any, ...]:
    """What changes whenever the graph does: new, removed or moved mentions (a merge or a split
    moves mentions between entities, which changes the sum of their entity ids) and reports."""
    mentions = session.execute(
        select(
            func.coalesce(func.max(Mention.id), 0),
            func.count(Mention.id),
            func.coalesce(func.sum(Mention.entity_id), 0),
            func.max(Mention.created_at),
        ).where(Mention.entity_id.is_not(None))
    ).one()
    reports = session.execute(
        select(func.coalesce(func.max(Report.id), 0), func.count(Report.id))
    ).one()
    return (*(str(x) for x in mentions), *(int(x) for x in reports))


def _load(session: Session, stamp: tuple[Any, ...]) -> GraphState:
    rows = {
        (int(r), int(e))
        for r, e in session.execute(
            select(Mention.report_id, Mention.entity_id).where(Mention.entity_id.is_not(None))
        )
        if e is not None
    }
    entities = {
        e.id: e
        for e in session.execute(
            select(Entity.id, Entity.kind, Entity.label, Entity.key, Entity.attributes)
        ).all()
    }
    total = len({r for r, _ in rows}) or 1
    per_entity = Counter(e for _, e in rows)
    hub = max(HUB_MIN_REPORTS, int(HUB_SHARE * total))
    links: list[tuple[str, str, str]] = []
    for report_id, entity_id in rows:
        e = entities.get(entity_id)
        if e is None or per_entity[entity_id] > hub:
            continue
        if linking_entity(e.kind, e.attributes or {}, e.key):
            links.append((str(report_id), str(entity_id), e.kind))
    links.sort()
    graph = build_graph(links)
    found = networks(graph)
    by_vertex = {name: i for i, n in enumerate(found) for name in n.entities}
    by_vertex.update({f"report:{r}": i for i, n in enumerate(found) for r in n.reports})
    report_rows = session.execute(
        select(
            Report.id,
            Report.reference,
            Report.received_at,
            Report.city,
            Report.state,
            Report.country,
        )
    ).all()
    return GraphState(
        stamp=stamp,
        graph=graph,
        networks=found,
        by_vertex=by_vertex,
        reports={
            r.id: ReportInfo(r.reference, r.received_at, r.city or "", r.state or "", r.country)
            for r in report_rows
        },
        entities={i: (e.kind, e.label) for i, e in entities.items()},
    )


def bind_key(session: Session) -> str:
    """The database this session talks to, as a cache key."""
    return str(session.get_bind().engine.url)


def graph_state(session: Session) -> GraphState:
    """The report–entity graph for this database, rebuilt only when mentions changed."""
    key = bind_key(session)
    stamp = _stamp(session)
    with _lock:
        state = _cache.get(key)
        if state is not None and state.stamp == stamp:
            return state
    state = _load(session, stamp)
    with _lock:
        _cache[key] = state
    return state


def _typologies(session: Session, report_ids: list[int]) -> list[tuple[str, int]]:
    """The typology mix of the network's reports, from their current screening."""
    counts: Counter[str] = Counter()
    for start in range(0, len(report_ids), 2000):
        chunk = report_ids[start : start + 2000]
        counts.update(
            session.scalars(
                select(Screening.typology).where(
                    Screening.current.is_(True), Screening.report_id.in_(chunk)
                )
            )
        )
    return counts.most_common()


def _summary(session: Session, state: GraphState, net: Network, *, full: bool) -> NetworkSummary:
    ids = [int(r) for r in net.reports]
    info = [state.reports[i] for i in ids if i in state.reports]
    dates = [r.received_at for r in info]
    places = Counter(r.place for r in info if r.place)
    kinds = Counter(name.split(":", 1)[0] for name in net.entities)
    head = state.reports.get(int(net.id))
    return NetworkSummary(
        network=net,
        reference=head.reference if head else net.id,
        first=min(dates) if dates else None,
        last=max(dates) if dates else None,
        places=[p for p, _ in places.most_common(4)],
        typologies=_typologies(session, ids) if full else [],
        entity_kinds=dict(kinds),
    )


def list_networks(
    session: Session, *, min_reports: int = 2, limit: int = 200
) -> list[NetworkSummary]:
    """Networks of at least ``min_reports`` reports, largest first."""
    state = graph_state(session)
    chosen = [n for n in state.networks if len(n.reports) >= min_reports][:limit]
    return [_summary(session, state, n, full=False) for n in chosen]


def _find(state: GraphState, network_id: str) -> Network:
    index = state.by_vertex.get(f"report:{network_id}")
    if index is None or state.networks[index].id != network_id:
        raise NotFoundError(N_("Network not found"), details={"network": network_id})
    return state.networks[index]


def network_id_for_reference(session: Session, reference: str) -> str | None:
    report_id = session.scalar(select(Report.id).where(Report.reference == reference))
    if report_id is None:
        return None
    state = graph_state(session)
    index = state.by_vertex.get(f"report:{report_id}")
    return state.networks[index].id if index is not None else None


def network_of_entity(session: Session, entity_id: int) -> NetworkSummary | None:
    state = graph_state(session)
    kind = state.entities.get(entity_id, ("", ""))[0]
    index = state.by_vertex.get(f"{kind}:{entity_id}")
    if index is None:
        return None
    return _summary(session, state, state.networks[index], full=False)


@dataclass(frozen=True)
class NetworkReport:
    id: int
    reference: str
    received_at: dt.datetime
    place: str


@dataclass(frozen=True)
class NetworkEntity:
    id: int
    kind: str
    label: str
    reports: int  # how many of the network's reports mention it


@dataclass(frozen=True)
class Community:
    reports: int
    entities: list[NetworkEntity]  # the most mentioned first


@dataclass
class NetworkDetail:
    summary: NetworkSummary
    reports: list[NetworkReport]  # oldest first
    entities: list[NetworkEntity]  # most mentioned first
    brokers: list[tuple[NetworkEntity, float]]
    # Entities named by reports from more than one state: links between recruitment and
    # exploitation sites, or across the border.
    bridges: list[tuple[NetworkEntity, list[str]]]
    communities: list[Community]
    timeline: list[tuple[str, int]]  # (YYYY-MM, reports received that month)
    places: list[tuple[str, int]]
    edges: list[tuple[str, str]]
    community_of: dict[str, int] = field(default_factory=dict)


def _timeline(dates: list[dt.datetime]) -> list[tuple[str, int]]:
    """Reports per month from the first to the last, empty months included."""
    if not dates:
        return []
    counts = Counter(f"{d.year:04d}-{d.month:02d}" for d in dates)
    first, last = min(dates), max(dates)
    out, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        key = f"{year:04d}-{month:02d}"
        out.append((key, counts.get(key, 0)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def network_detail(session: Session, network_id: str) -> NetworkDetail:
    state = graph_state(session)
    net = _find(state, network_id)
    g = state.graph
    members = [*(f"report:{r}" for r in net.reports), *net.entities]
    sub = g.subgraph([g.vs.find(name=m).index for m in members])
    degree = dict(zip(sub.vs["name"], sub.degree(), strict=True))
    reports = [
        NetworkReport(int(r), info.reference, info.received_at, info.place)
        for r in net.reports
        if (info := state.reports.get(int(r))) is not None
    ]
    reports.sort(key=lambda x: (x.received_at, x.id))
    by_name: dict[str, NetworkEntity] = {}
    for name in net.entities:
        kind, eid = name.split(":", 1)
        by_name[name] = NetworkEntity(int(eid), kind, state.entities[int(eid)][1], degree[name])
    entities = sorted(by_name.values(), key=lambda e: (-e.reports, e.label, e.id))
    brokers = [(by_name[name], round(score, 3)) for name, score in broker_scores(sub, top=8)]
    region = {
        str(r): info.state or info.country
        for r in net.reports
        if (info := state.reports.get(int(r))) is not None and (info.state or info.country)
    }
    bridges = []
    for name, _ in bridging_entities(sub, region, top=8):
        states = sorted(
            {
                region[sub.vs[u]["key"]]
                for u in sub.neighbors(sub.vs.find(name=name))
                if sub.vs[u]["key"] in region
            }
        )
        bridges.append((by_name[name], states))
    groups = communities(g, members) if len(members) >= COMMUNITY_MIN_VERTICES else []
    summarized = []
    for group in groups:
        inside = sorted(
            (by_name[n] for n in group if n in by_name), key=lambda e: (-e.reports, e.label)
        )
        n_reports = sum(1 for n in group if n.startswith("report:"))
        summarized.append(Community(n_reports, inside[:4]))
    places = Counter(r.place for r in reports if r.place)
    return NetworkDetail(
        summary=_summary(session, state, net, full=True),
        reports=reports,
        entities=entities,
        brokers=brokers,
        bridges=bridges,
        communities=summarized,
        timeline=_timeline([r.received_at for r in reports]),
        places=places.most_common(),
        edges=[(sub.vs[e.source]["name"], sub.vs[e.target]["name"]) for e in sub.es],
        community_of={name: n for n, group in enumerate(groups) for name in group},
    )


def graph_json(session: Session, network_id: str) -> dict[str, Any]:
    """Nodes and edges for the interactive view (Cytoscape's elements format)."""
    detail = network_detail(session, network_id)
    brokers = {f"{e.kind}:{e.id}" for e, _ in detail.brokers}
    community = detail.community_of
    nodes: list[dict[str, Any]] = []
    for r in detail.reports:
        name = f"report:{r.id}"
        data = {
            "id": name,
            "kind": "report",
            "label": r.reference,
            "date": r.received_at.date().isoformat(),
            "place": r.place,
            "href": f"/reports/{r.reference}",
            "community": community.get(name, -1),
        }
        nodes.append({"data": data})
    for e in detail.entities:
        name = f"{e.kind}:{e.id}"
        data = {
            "id": name,
            "kind": e.kind,
            "label": e.label,
            "degree": e.reports,
            "href": f"/entities/{e.id}",
            "broker": name in brokers,
            "community": community.get(name, -1),
        }
        nodes.append({"data": data})
    edges = [
        {"data": {"id": f"e{i}", "source": s, "target": t}} for i, (s, t) in enumerate(detail.edges)
    ]
    return {"id": network_id, "nodes": nodes, "edges": edges}


@dataclass(frozen=True)
class SimilarReport:
    reference: str
    received_at: dt.datetime
    place: str
    shared: int  # linking entities in common


def similar_reports(session: Session, reference: str, limit: int = 10) -> list[SimilarReport]:
    """Reports sharing linking entities with this one, most shared first."""
    report_id = session.scalar(select(Report.id).where(Report.reference == reference))
    if report_id is None:
        raise NotFoundError(N_("Report not found"), details={"reference": reference})
    state = graph_state(session)
    g = state.graph
    try:
        vertex = g.vs.find(name=f"report:{report_id}")
    except ValueError:
        return []
    shared: Counter[int] = Counter()
    for entity in g.neighbors(vertex):
        for other in g.neighbors(entity):
            if other != vertex.index:
                shared[int(g.vs[other]["key"])] += 1
    out = []
    for rid, n in sorted(shared.items(), key=lambda kv: (-kv[1], -kv[0]))[:limit]:
        info = state.reports[rid]
        out.append(SimilarReport(info.reference, info.received_at, info.place, n))
    return out


@dataclass(frozen=True)
class PathStep:
    kind: str
    label: str
    href: str


def shortest_connection(session: Session, left_entity: int, right_entity: int) -> list[PathStep]:
    """A shortest chain of reports and entities joining two entities ([] when none does)."""
    state = graph_state(session)
    for eid in (left_entity, right_entity):
        if eid not in state.entities:
            raise NotFoundError(N_("Entity not found"), details={"entity": eid})
    names = [f"{state.entities[i][0]}:{i}" for i in (left_entity, right_entity)]
    out = []
    for name in graph_path(state.graph, names[0], names[1]):
        kind, key = name.split(":", 1)
        if kind == "report":
            ref = state.reports[int(key)].reference
            out.append(PathStep(kind, ref, f"/reports/{ref}"))
        else:
            out.append(PathStep(kind, state.entities[int(key)][1], f"/entities/{key}"))
    return out
