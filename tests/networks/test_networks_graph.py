"""Link analysis over report–entity graphs."""

from __future__ import annotations

import datetime as dt

from enlace.networks.engine import (
    bridges,
    bridging_entities,
    broker_scores,
    build_graph,
    communities,
    extent,
    networks,
    shortest_connection,
)

LINKS = [
    ("t1", "+522461234567", "phone"), ("t2", "+522461234567", "phone"),
    ("t2", "jose-garcia", "person"), ("t3", "jose-garcia", "person"),
    ("t3", "queens-bar", "location"), ("t4", "queens-bar", "location"),
    ("t9", "+15550001111", "phone"),
]  # fmt: skip


def test_networks_are_connected_components_with_stable_ids() -> None:
    found = networks(build_graph(LINKS))
    assert [n.reports for n in found] == [("t1", "t2", "t3", "t4"), ("t9",)]
    assert found[0].id == "t1"
    assert "person:jose-garcia" in found[0].entities


def test_brokers_and_bridges_between_recruitment_and_exploitation_sites() -> None:
    graph = build_graph(LINKS)
    top = broker_scores(graph)
    assert top[0][0] == "person:jose-garcia"  # the one joining the phone tips to the bar tips
    assert ("person:jose-garcia", "report:t2") in bridges(graph)
    regions = {"t1": "Tlaxcala", "t2": "Tlaxcala", "t3": "Queens", "t4": "Queens"}
    assert bridging_entities(graph, regions) == [("person:jose-garcia", 2)]


def test_shortest_connection_between_two_entities() -> None:
    graph = build_graph(LINKS)
    path = shortest_connection(graph, "phone:+522461234567", "location:queens-bar")
    assert path[0] == "phone:+522461234567" and path[-1] == "location:queens-bar"
    assert "person:jose-garcia" in path
    assert shortest_connection(graph, "phone:+522461234567", "phone:+15550001111") == []


def test_leiden_splits_two_dense_groups_joined_by_one_link() -> None:
    links = [(f"a{i}", f"pa{j}", "phone") for i in range(6) for j in range(3)]
    links += [(f"b{i}", f"pb{j}", "phone") for i in range(6) for j in range(3)]
    links.append(("a0", "pb0", "phone"))
    graph = build_graph(links)
    net = networks(graph)[0]
    groups = communities(graph, [f"report:{r}" for r in net.reports] + list(net.entities))
    assert len(groups) == 2
    assert all(len({name.split(":")[1][0] for name in g}) <= 2 for g in groups)


def test_timeline_and_bounding_box() -> None:
    net = networks(build_graph(LINKS))[0]
    dates = {"t1": dt.date(2024, 5, 1), "t3": dt.date(2024, 1, 9)}
    coords = {"t1": (19.17, -98.3), "location:queens-bar": (40.75, -73.88)}
    ext = extent(net, dates, coords)
    assert (ext.first, ext.last) == (dt.date(2024, 1, 9), dt.date(2024, 5, 1))
    assert [r for _, r in ext.dated_reports] == ["t3", "t1"]
    assert ext.bbox == (-98.3, 19.17, -73.88, 40.75)
