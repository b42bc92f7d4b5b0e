"""Networks, similar reports, the review queue and the entity page over HTTP, on both backends:
what each role may see and do, and that a judgement made on a page changes the entities."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from sqlalchemy import select

from enlace.extraction.mentions import extract_report
from enlace.extraction.tables import Mention
from enlace.intake.tables import Report
from enlace.resolution import entities
from enlace.resolution import service as resolution
from enlace.resolution.tables import EntityMerge
from enlace.security.roles import Permission, allowed
from enlace.security.tables import Role
from enlace.store import Database
from tests.conftest import csrf, login, make_user
from tests.factories import add_report

RING = [
    (
        "Una muchacha dice que Rigoberto Salinas Ortega le quitó su pasaporte; el teléfono es "
        "246 987 6543.",
        "MX",
        "MX-TLA",
        "Tenancingo",
    ),
    (
        "Caller says a man named Rigoberto Salinas runs a cantina; his number is +52 246 987 6543.",
        "US",
        "US-NY",
        "Queens",
    ),
    (
        "El número 246 987 6543 también lo usa Brenda Ochoa Ruiz para reclutar en Puebla.",
        "MX",
        "MX-PUE",
        "Puebla",
    ),
    ("Otra vez llamaron por Rigo Salinas Ortega, del 246 987 6543.", "MX", "MX-TLA", "Tenancingo"),
]
ALONE = ("Someone reports a restaurant where Kevin Duarte Lima works without pay.", "US", "US-TX")


def _world(db: Database) -> dict[str, str]:
    """Four reports joined by one phone (each resolved as the pipeline does) and one alone.

    The recruiter named in Tenancingo and again in Queens is a pair the model cannot decide
    (the places differ); "Rigo Salinas Ortega", named in Tenancingo again, the model merges.
    """
    out: dict[str, str] = {}
    with db.session() as s:
        for i, (text, country, state, city) in enumerate(RING):
            report = add_report(s, text, language="es", country=country, state=state, city=city)
            extract_report(s, report)
            resolution.resolve_report(s, report)
            out[f"ring{i}"] = report.reference
            people = s.scalars(
                select(Mention.entity_id).where(
                    Mention.report_id == report.id, Mention.kind == "person"
                )
            ).all()
            out[f"person{i}"] = str(people[0])
        alone = add_report(s, ALONE[0], country=ALONE[1], state=ALONE[2])
        extract_report(s, alone)
        out["alone"] = alone.reference
        s.commit()
    return out


def _network_id(client: TestClient) -> str:
    page = client.get("/networks")
    assert page.status_code == 200
    found = re.findall(r'href="/networks/([^"?]+)"', page.text)
    assert len(found) == 1, "one network of more than one report"
    return found[0]


def test_analyst_sees_the_network_its_graph_and_similar_reports(
    app_client: TestClient, db: Database
) -> None:
    world = _world(db)
    make_user(db, Role.ANALYST)
    login(app_client, "analyst")
    network = _network_id(app_client)
    page = app_client.get(f"/networks/{network}").text
    for i in range(len(RING)):
        assert world[f"ring{i}"] in page
    assert world["alone"] not in page
    assert 'id="network-graph"' in page and "+522469876543" in page
    assert "Queens" in page and "Tenancingo" in page  # places, from both sides of the border
    graph = app_client.get(f"/api/v1/networks/{network}/graph").json()
    kinds = {n["data"]["kind"] for n in graph["nodes"]}
    assert {"report", "phone", "person"} <= kinds
    reports = [n["data"] for n in graph["nodes"] if n["data"]["kind"] == "report"]
    assert all(n["href"].startswith("/reports/") and n["date"] for n in reports)
    assert len(graph["edges"]) >= 3
    # The filters narrow the tables without JavaScript.
    only_phones = app_client.get(f"/networks/{network}", params={"kind": "phone"}).text
    table = only_phones.split('id="ents-h"', 1)[1].split("</section>", 1)[0]
    assert "Brenda Ochoa Ruiz" not in table and "+522469876543" in table
    # The report page carries the similar-reports slot, which loads the fragment.
    report_page = app_client.get(f"/reports/{world['ring0']}").text
    assert f"/reports/{world['ring0']}/similar?fragment=1" in report_page
    similar = app_client.get(f"/reports/{world['ring0']}/similar?fragment=1").text
    assert world["ring1"] in similar and world["ring2"] in similar
    assert world["alone"] not in similar and "<html" not in similar
    api = app_client.get(f"/api/v1/reports/{world['alone']}/similar").json()
    assert api == {"data": [], "count": 0}
    listed = app_client.get("/api/v1/networks").json()
    assert listed["count"] == 1 and listed["data"][0]["reports"] == 4


def test_roles_decide_who_sees_networks_and_who_judges(
    app_client: TestClient, db: Database
) -> None:
    world = _world(db)
    for role in (Role.HOTLINE_OPERATOR, Role.INVESTIGATOR):
        make_user(db, role)
    # Prosecutors see entities but not the link analysis; only analysts and supervisors judge.
    assert not allowed(Role.PROSECUTOR, Permission.VIEW_NETWORKS)
    assert [r for r in Role if allowed(r, Permission.JUDGE_MATCHES)] == [
        Role.ANALYST,
        Role.SUPERVISOR,
    ]
    login(app_client, "hotline-operator")
    assert app_client.get("/networks").status_code == 403
    report_page = app_client.get(f"/reports/{world['ring0']}").text
    assert "/similar" not in report_page
    login(app_client, "investigator")
    assert app_client.get("/networks").status_code == 200
    assert app_client.get("/resolution/review").status_code == 403
    refused = app_client.post(
        "/resolution/judgements",
        data={
            "left": world["person0"],
            "right": world["person1"],
            "verdict": "positive",
            "csrf_token": csrf(app_client),
        },
    )
    assert refused.status_code == 403
    with db.session() as s:
        assert entities.current_entity(s, int(world["person1"])) == int(world["person1"])


def test_analyst_decides_a_pair_in_the_review_queue_and_undoes_a_merge(
    app_client: TestClient, db: Database
) -> None:
    world = _world(db)
    recruiter, in_queens = int(world["person0"]), int(world["person1"])
    make_user(db, Role.ANALYST)
    login(app_client, "analyst")
    queue = app_client.get("/resolution/review").text
    assert "Rigoberto Salinas Ortega · Rigoberto Salinas" in queue
    assert "Phone nearby: the same" in queue and "Place of the reports: different" in queue
    pending = app_client.get("/api/v1/resolution/candidates").json()["data"]
    assert [(c["left"], c["right"]) for c in pending] == [(recruiter, in_queens)]
    response = app_client.post(
        "/resolution/judgements",
        data={
            "left": str(recruiter),
            "right": str(in_queens),
            "verdict": "positive",
            "reason": "same phone on both sides",
            "csrf_token": csrf(app_client),
        },
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert (
        "Rigoberto Salinas Ortega · Rigoberto Salinas"
        not in app_client.get("/resolution/review").text
    )
    with db.session() as s:
        assert entities.current_entity(s, in_queens) == recruiter
    page = app_client.get(f"/entities/{recruiter}").text
    assert "by an analyst" in page and "same phone on both sides" in page
    assert "Rigoberto Salinas<" in page  # the alias, as written in the Queens report

    # The model's own merge ("Rigo Salinas Ortega", Tenancingo again) shows its evidence.
    with db.session() as s:
        merge = s.scalars(select(EntityMerge).where(EntityMerge.by == "model")).one()
        assert merge.kept_entity_id == recruiter
        gone = merge.merged_entity_id
    assert "by the model" in page and "Surnames: both the same" in page
    response = app_client.post(
        f"/resolution/merges/{merge.id}/undo",
        data={"next": f"/entities/{recruiter}", "csrf_token": csrf(app_client)},
        follow_redirects=False,
    )
    assert response.headers["location"] == f"/entities/{recruiter}"
    with db.session() as s:
        assert entities.current_entity(s, gone) == gone
        last = s.scalar(select(Report.id).where(Report.reference == world["ring3"]))
        moved = s.scalar(
            select(Mention.entity_id).where(Mention.report_id == last, Mention.kind == "person")
        )
        assert moved == gone
    page = app_client.get(f"/entities/{recruiter}").text
    assert "Undone" in page and "Merge again" in page
