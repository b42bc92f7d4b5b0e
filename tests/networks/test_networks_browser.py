"""In a real browser: a network drawn as an interactive graph (filters, click to open) and the
similar reports loading into the report page."""

from __future__ import annotations

from typing import Any

import pytest

from enlace.config import Settings
from enlace.security.tables import Role
from enlace.store import Database
from enlace.web.app import create_app
from tests.conftest import PASSWORD, make_user
from tests.live_server import serving
from tests.networks.test_networks_pages import RING, _world

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("backend", ["sqlite"])
def test_network_graph_is_drawn_filtered_and_opens_a_report(
    browser: Any, settings: Settings, db: Database
) -> None:
    world = _world(db)
    make_user(db, Role.ANALYST)
    with serving(create_app(settings, db)) as base:
        context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 1000})
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.set_default_timeout(10000)
        page.goto(f"{base}/login?next=/networks")
        page.get_by_label("Username").fill("analyst")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{base}/networks")
        page.locator("table.list a[href^='/networks/']").first.click()
        page.wait_for_selector("#network-graph[data-ready='1']")
        assert page.locator("#network-graph canvas").count() > 0
        counts = page.evaluate(
            "() => ({nodes: window.enlaceNetwork.nodes().length,"
            " reports: window.enlaceNetwork.nodes('[kind = \"report\"]').length,"
            " edges: window.enlaceNetwork.edges().length})"
        )
        assert counts["reports"] == len(RING) and counts["edges"] >= len(RING)

        # Unticking a type hides its nodes at once, without reloading the page.
        page.get_by_role("checkbox", name="Person").uncheck()
        hidden = page.evaluate(
            "() => window.enlaceNetwork.nodes('[kind = \"person\"]')"
            ".every(n => n.style('display') === 'none')"
        )
        assert hidden

        # Clicking a report node opens that report. The page is scrolled first and the node is
        # one no other visible node overlaps, so the click lands on it and nothing else.
        page.locator("#network-graph").scroll_into_view_if_needed()
        point = page.evaluate(
            """() => new Promise(done => requestAnimationFrame(() => {
                 const cy = window.enlaceNetwork;
                 const apart = (a, b) => a.x2 < b.x1 || b.x2 < a.x1 || a.y2 < b.y1 || b.y2 < a.y1;
                 const box = e =>
                   e.renderedBoundingBox({includeLabels: false, includeOverlays: false});
                 const shown = cy.nodes(":visible");
                 const n = cy.nodes('[kind = "report"]').filter(r => shown.every(
                   o => o.same(r) || apart(box(r), box(o))
                 ))[0] || cy.nodes('[kind = "report"]')[0];
                 const p = n.renderedPosition();
                 done({x: p.x, y: p.y, href: n.data('href')});
               }))"""
        )
        box = page.locator("#network-graph").bounding_box()
        assert box is not None
        page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
        page.wait_for_url(f"{base}{point['href']}")

        # The report page fills its similar-reports slot from the fragment.
        page.goto(f"{base}/reports/{world['ring0']}")
        similar = page.locator(".net-similar-slot .net-similar")
        similar.wait_for()
        assert world["ring1"] in similar.inner_text()
        assert not [e for e in errors if "Content Security Policy" in e or "cytoscape" in e]
        context.close()
