"""The demo data set: reproducible, big and varied enough to exercise the platform."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest

from enlace.demo.engine import DEMO_PASSWORD, DemoDataset, generate
from enlace.demo.engine.records import CHANNELS, ROLES


def test_same_seed_gives_identical_data(dataset: DemoDataset) -> None:
    assert generate() == dataset


def test_different_seed_gives_different_data(dataset: DemoDataset) -> None:
    other = generate(seed=7)
    assert [r.narrative for r in other.reports] != [r.narrative for r in dataset.reports]
    assert {e.canonical for e in other.entities if e.kind == "phone"} != {
        e.canonical for e in dataset.entities if e.kind == "phone"
    }


def test_reference_date_anchors_every_timestamp() -> None:
    ref = date(2024, 3, 15)
    data = generate(seed=3, n_reports=400, reference_date=ref)
    end = datetime(2024, 3, 15, tzinfo=UTC)
    for report in data.reports:
        assert report.received_at.tzinfo is not None
        assert end - timedelta(days=3 * 366) <= report.received_at < end
        if report.incident_at is not None:
            assert report.incident_at < report.received_at
    assert data.reference_date == ref


def test_counts_and_coverage(dataset: DemoDataset) -> None:
    assert len(dataset.reports) == 2400
    assert len({r.key for r in dataset.reports}) == 2400
    assert 25 <= len(dataset.networks) <= 40
    assert {r.language for r in dataset.reports} == {"en", "es"}
    assert {r.country for r in dataset.reports} == {"US", "MX"}
    assert set(Counter(r.channel for r in dataset.reports)) == set(CHANNELS)
    assert {n.typology for n in dataset.networks} == {
        "sex_trafficking",
        "labor_trafficking",
        "both",
        "smuggling",
    }
    assert {r.status for r in dataset.reports} == {"new", "triaged", "in_review", "closed"}


def test_about_a_quarter_of_reports_belong_to_no_network(dataset: DemoDataset) -> None:
    in_network = {k for n in dataset.networks for k in n.report_keys}
    share = 1 - len(in_network) / len(dataset.reports)
    assert 0.2 <= share <= 0.3


def test_each_report_belongs_to_at_most_one_network(dataset: DemoDataset) -> None:
    keys = [k for n in dataset.networks for k in n.report_keys]
    assert len(keys) == len(set(keys))


def test_reports_are_well_formed(dataset: DemoDataset) -> None:
    agency_keys = {a.key for a in dataset.agencies}
    for report in dataset.reports:
        assert report.state.startswith(f"{report.country}-")
        assert report.agency_key is None or report.agency_key in agency_keys
        assert report.anonymous == (report.contact is None)
        assert (report.latitude is None) == (report.longitude is None)
        assert report.narrative.strip() == report.narrative


def test_smaller_data_sets_still_have_every_network() -> None:
    data = generate(seed=11, n_reports=300)
    assert len(data.reports) == 300
    assert all(len(n.report_keys) >= 3 for n in data.networks)
    with pytest.raises(ValueError, match="n_reports"):
        generate(n_reports=20)


def test_agencies_on_both_sides(dataset: DemoDataset) -> None:
    agencies = dataset.agencies
    assert 14 <= len(agencies) <= 20
    assert len({a.key for a in agencies}) == len(agencies)
    for country in ("US", "MX"):
        levels = {a.level for a in agencies if a.country == country}
        assert {"federal", "hotline", "ngo"} <= levels
    names = {a.short_name for a in agencies}
    assert {"HSI New York", "FGR", "Línea Nacional", "NHTH", "TAT"} <= names


def test_one_demo_user_per_role_at_least(dataset: DemoDataset) -> None:
    users = dataset.users
    assert {u.role for u in users} == set(ROLES)
    assert {u.language for u in users} == {"en", "es"}
    assert all(u.password == DEMO_PASSWORD == "enlace-demo" for u in users)
    assert {u.agency_key for u in users} <= {a.key for a in dataset.agencies}
    assert {"operator", "operadora", "fiscal", "admin"} <= {u.username for u in users}
