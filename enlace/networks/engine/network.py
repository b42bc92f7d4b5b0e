"""Report–entity networks: a bipartite igraph built from plain (report, entity, kind) tuples.

Reports connect to the entities they mention (a phone, a person, a place). Two reports
are in one network when a chain of shared entities joins them: the connected components
of this graph. Large networks are split into communities with Leiden.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import igraph as ig
import leidenalg  # type: ignore[import-untyped]

REPORT = "report"


@dataclass(frozen=True)
class Network:
    id: str  # smallest report id in the network: stable while that report stays
    reports: tuple[str, ...]
    entities: tuple[str, ...]


def build_graph(links: Iterable[tuple[str, str, str]]) -> ig.Graph:
    """Vertices named ``report:<id>`` and ``<kind>:<entity_id>``; one edge per mention."""
    names: dict[str, int] = {}
    kinds: list[str] = []
    keys: list[str] = []
    edges: set[tuple[int, int]] = set()

    def vertex(name: str, kind: str, key: str) -> int:
        if name not in names:
            names[name] = len(names)
            kinds.append(kind)
            keys.append(key)
        return names[name]

    for report_id, entity_id, kind in links:
        r = vertex(f"{REPORT}:{report_id}", REPORT, report_id)
        e = vertex(f"{kind}:{entity_id}", kind, entity_id)
        edges.add((r, e))
    graph = ig.Graph(n=len(names), edges=sorted(edges))
    graph.vs["name"] = list(names)
    graph.vs["kind"] = kinds
    graph.vs["key"] = keys
    graph.vs["type"] = [k != REPORT for k in kinds]  # bipartite side: False = report
    return graph


def networks(graph: ig.Graph, min_reports: int = 1) -> list[Network]:
    """Connected components, largest first, with at least ``min_reports`` reports."""
    out: list[Network] = []
    for members in graph.connected_components():
        reports = sorted(graph.vs[i]["key"] for i in members if graph.vs[i]["kind"] == REPORT)
        if len(reports) < min_reports:
            continue
        entities = sorted(graph.vs[i]["name"] for i in members if graph.vs[i]["kind"] != REPORT)
        out.append(Network(reports[0] if reports else entities[0], tuple(reports), tuple(entities)))
    out.sort(key=lambda n: (-len(n.reports), n.id))
    return out


def communities(
    graph: ig.Graph, members: Iterable[str], resolution: float = 1.0, seed: int = 0
) -> list[list[str]]:
    """Leiden communities (lists of vertex names) within one network's vertices."""
    sub = graph.subgraph([graph.vs.find(name=m).index for m in members])
    if sub.ecount() == 0:
        return [[v["name"]] for v in sub.vs]
    partition = leidenalg.find_partition(
        sub, leidenalg.RBConfigurationVertexPartition, resolution_parameter=resolution, seed=seed
    )
    groups = [sorted(sub.vs[i]["name"] for i in part) for part in partition]
    return sorted(groups, key=lambda g: (-len(g), g[0]))
