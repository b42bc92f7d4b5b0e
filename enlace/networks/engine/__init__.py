"""Link analysis over reports and the entities they mention (pure: igraph, leidenalg)."""

from enlace.networks.engine.analysis import (
    Extent,
    bridges,
    bridging_entities,
    broker_scores,
    extent,
    shortest_connection,
)
from enlace.networks.engine.network import Network, build_graph, communities, networks

__all__ = [
    "Extent",
    "Network",
    "bridges",
    "bridging_entities",
    "broker_scores",
    "build_graph",
    "communities",
    "extent",
    "networks",
    "shortest_connection",
]
