"""Mentions: exact offsets, canonical values and the recurrence linkage depends on."""

from __future__ import annotations

import re
from collections import defaultdict

import phonenumbers

from enlace.demo.engine import DemoDataset
from enlace.demo.engine.records import ENTITY_KINDS


def test_offsets_are_exact(dataset: DemoDataset) -> None:
    narratives = {r.key: r.narrative for r in dataset.reports}
    assert dataset.mentions
    for m in dataset.mentions:
        assert narratives[m.report_key][m.start : m.end] == m.text
        assert m.text and m.text == m.text.strip()


def test_mentions_point_at_their_entity(dataset: DemoDataset) -> None:
    entities = {e.key: e for e in dataset.entities}
    for m in dataset.mentions:
        entity = entities[m.entity_key]
        assert m.kind == entity.kind
        assert m.normalized == entity.canonical
    assert {e.kind for e in dataset.entities} == set(ENTITY_KINDS)


def test_every_network_entity_recurs_within_its_network(dataset: DemoDataset) -> None:
    reports_of: dict[str, set[str]] = defaultdict(set)
    for m in dataset.mentions:
        reports_of[m.entity_key].add(m.report_key)
    for network in dataset.networks:
        assert network.entity_keys
        own = set(network.report_keys)
        for key in network.entity_keys:
            assert len(reports_of[key]) >= 2, (network.key, key)
            assert reports_of[key] <= own, (network.key, key)


def test_noise_reports_mention_no_network_entity(dataset: DemoDataset) -> None:
    in_network = {k for n in dataset.networks for k in n.report_keys}
    network_entities = {k for n in dataset.networks for k in n.entity_keys}
    noise_mentions = [m for m in dataset.mentions if m.report_key not in in_network]
    assert noise_mentions
    assert not {m.entity_key for m in noise_mentions} & network_entities


def test_phones_are_valid_e164(dataset: DemoDataset) -> None:
    phones = [e for e in dataset.entities if e.kind == "phone"]
    contacts = [r.contact.phone for r in dataset.reports if r.contact and r.contact.phone]
    for number in [p.canonical for p in phones] + contacts:
        assert re.fullmatch(r"\+[1-9]\d{10,12}", number), number
        parsed = phonenumbers.parse(number)
        assert phonenumbers.is_valid_number(parsed), number
        assert phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164) == number


def test_phone_mentions_parse_back_to_their_canonical_number(dataset: DemoDataset) -> None:
    for m in dataset.mentions:
        if m.kind != "phone":
            continue
        digits = re.sub(r"\D", "", m.text)
        region = "US" if m.normalized.startswith("+1") else "MX"
        local = m.normalized[2:] if region == "US" else m.normalized[3:]
        assert digits.endswith(local), (m.text, m.normalized)


def test_canonical_formats(dataset: DemoDataset) -> None:
    for e in dataset.entities:
        if e.kind == "email":
            assert e.canonical == e.canonical.lower() and "@" in e.canonical
        elif e.kind == "vehicle":
            assert re.fullmatch(r"([A-Z]{2}|MX-[A-Z]{3}):[A-Z0-9]{6,7}", e.canonical), e.canonical
            assert {"make", "model", "colour"} <= set(e.attributes)
        elif e.kind == "online_account":
            platform, handle = e.canonical.split(":", 1)
            assert platform and handle == handle.lower() and not handle.startswith("@")
        elif e.kind == "location":
            assert {"country", "state", "lat", "lon"} <= set(e.attributes)


def test_surface_forms_vary(dataset: DemoDataset) -> None:
    forms: dict[str, set[str]] = defaultdict(set)
    for m in dataset.mentions:
        forms[m.entity_key].add(m.text)
    by_kind: dict[str, int] = defaultdict(int)
    kinds = {e.key: e.kind for e in dataset.entities}
    for key, texts in forms.items():
        if len(texts) >= 3:
            by_kind[kinds[key]] += 1
    for kind in ("person", "phone", "vehicle"):
        assert by_kind[kind] >= 10, kind
    texts = {m.text for m in dataset.mentions}
    assert any(t.startswith("@") for t in texts)
    assert any(t.startswith(("el ", "la ", "El ", "La ")) for t in texts)  # nicknames
    assert any(t.startswith("+52 1 ") for t in texts)
    assert any(t.isupper() and " " in t for t in texts)


def test_distinct_people_share_surnames(dataset: DemoDataset) -> None:
    by_surnames: dict[tuple[object, object], set[str]] = defaultdict(set)
    for e in dataset.entities:
        if e.kind == "person" and e.attributes["maternal"]:
            by_surnames[(e.attributes["paternal"], e.attributes["maternal"])].add(e.key)
    shared = [keys for keys in by_surnames.values() if len(keys) > 1]
    assert len(shared) >= 5
    canonicals = [e.canonical for e in dataset.entities]
    assert len(canonicals) == len({(e.kind, e.canonical) for e in dataset.entities})
