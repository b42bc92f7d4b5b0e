"""Brokers, shortest connections, timelines and map extents of report–entity networks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import igraph as ig

from enlace.networks.engine.network import REPORT, Network


def broker_scores(graph: ig.Graph, top: int = 10) -> list[tuple[str, float]]:
    """Entities ranked by normalized betweenness: who sits on the paths between others.

    In a bipartite report–entity graph a high score marks an entity (a phone, a person)
    through which otherwise separate groups of reports connect — e.g. the recruiter's
    phone joining tips from Tlaxcala with tips from Queens.
    """
    if graph.vcount() < 3:
        return []
    scores = graph.betweenness(directed=False)
    n = graph.vcount()
    norm = 2.0 / ((n - 1) * (n - 2))
    ranked = [
        (v["name"], s * norm) for v, s in zip(graph.vs, scores, strict=True) if v["kind"] != REPORT
    ]
    ranked.sort(key=lambda x: (-x[1], x[0]))
    return [r for r in ranked[:top] if r[1] > 0]


def bridges(graph: ig.Graph) -> list[tuple[str, str]]:
    """Edges whose removal splits a network: the single link holding two parts together."""
    return sorted(
        tuple(sorted((graph.vs[e.source]["name"], graph.vs[e.target]["name"])))
        for e in (graph.es[i] for i in graph.bridges())
    )


def bridging_entities(
    graph: ig.Graph, report_region: Mapping[str, str], top: int = 10
) -> list[tuple[str, int]]:
    """Entities mentioned by reports from more than one region (e.g. recruitment vs
    exploitation sites), ranked by how many regions they span."""
    out: list[tuple[str, int]] = []
    for v in graph.vs:
        if v["kind"] == REPORT:
            continue
        regions = {
            report_region[graph.vs[u]["key"]]
            for u in graph.neighbors(v)
            if graph.vs[u]["key"] in report_region
        }
        if len(regions) > 1:
            out.append((v["name"], len(regions)))
    out.sort(key=lambda x: (-x[1], x[0]))
    return out[:top]


def shortest_connection(graph: ig.Graph, source: str, target: str) -> list[str]:
    """Vertex names on a shortest path between two vertices ([] when unconnected)."""
    try:
        s, t = graph.vs.find(name=source).index, graph.vs.find(name=target).index
    except ValueError:
        return []
    path = graph.get_shortest_path(s, t)
    return [graph.vs[i]["name"] for i in path]


@dataclass(frozen=True)
class Extent:
    first: dt.date | None
    last: dt.date | None
    dated_reports: tuple[tuple[dt.date, str], ...]
    bbox: tuple[float, float, float, float] | None  # min_lon, min_lat, max_lon, max_lat


def extent(
    network: Network,
    report_dates: Mapping[str, dt.date],
    coordinates: Mapping[str, tuple[float, float]] | None = None,
) -> Extent:
    """A network's timeline (its reports in date order) and bounding box.

    ``coordinates`` maps report ids or entity vertex names to (lat, lon).
    """
    dated = tuple(sorted((report_dates[r], r) for r in network.reports if r in report_dates))
    points: Iterable[tuple[float, float]] = []
    if coordinates:
        keys = [*network.reports, *network.entities]
        points = [coordinates[k] for k in keys if k in coordinates]
    pts = list(points)
    bbox = None
    if pts:
        lats, lons = [p[0] for p in pts], [p[1] for p in pts]
        bbox = (min(lons), min(lats), max(lons), max(lats))
    return Extent(dated[0][0] if dated else None, dated[-1][0] if dated else None, dated, bbox)
