"""One registry of entity kinds (kinds.yaml): the enum, the extractor, the linker and the
labels all agree with it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import get_args

import pytest
import yaml

from enlace.demo.engine import records
from enlace.extraction import kinds
from enlace.extraction.engine import ENTITY_TYPES, extract
from enlace.extraction.engine.model import Entity as Found
from enlace.extraction.engine.pipeline import _RANK
from enlace.extraction.mentions import ENTITY_KINDS, FACT_KINDS, entity_key
from enlace.extraction.tables import EntityKind
from enlace.resolution.engine import link_exact, strong_key
from enlace.resolution.engine.strong import NORMALIZERS
from enlace.screening.results import LIVE_ENTITY_TYPES, live_analysis
from enlace.store import Database
from enlace.web import i18n
from enlace.web.labels import label

ROOT = Path(__file__).resolve().parents[2]
# One narrative with every kind the extractor finds.
EVERY_KIND = (
    "On March 3, 2024 a 16-year-old girl was taken to Houston, Texas by Jose Luis Garcia "
    "Hernandez in a white Ford F-150 with plate ABC-1234 (TX). He paid $500 to Lucky Star "
    "Massage. Call (713) 555-0148, write to jlgarcia@example.com or ig: @lupita_bb."
)
# Two spellings of one identifier per strong kind, and a value that does not normalize.
SPELLINGS = {
    "phone": ("+52 1 246 123 4567", "044 246 123 4567", "12"),
    "email": ("Ana@Example.com", " ana@example.com", "ana@"),
    "online_account": ("instagram:@Some.User", "Instagram:some.user", "instagram:"),
    "plate": ("abc-123 (tx)", "ABC123|TX", "ABC123"),
    "passport": ("g 1234567", "G1234567", "G1"),
    "curp": ("GAHJ800101HDFRRN09", "gahj800101hdfrrn09", "GAHJ8001"),
    "a_number": ("A012345678", "12345678", "A12"),
    "id_number": ("123-456-789", "123456789", "12"),
}


def test_the_entity_enum_names_exactly_the_entity_kinds() -> None:
    assert {k.value for k in EntityKind} == kinds.entity_kinds() == ENTITY_KINDS
    # The demo generator writes entities of the same kinds.
    assert set(records.ENTITY_KINDS) == set(get_args(records.EntityKind)) == ENTITY_KINDS


def test_the_registry_agrees_with_what_the_extractor_emits() -> None:
    assert kinds.extracted_kinds() == ENTITY_TYPES
    assert {k.name: k.precedence for k in kinds.KINDS if k.extracted} == _RANK
    found = extract(EVERY_KIND, lang="en", reference_date=dt.date(2024, 3, 10)).entities
    assert {e.type for e in found} == set(ENTITY_TYPES)
    gold = (ROOT / "eval/extract/gold.jsonl").read_text(encoding="utf-8").splitlines()
    gold_types = {e["type"] for line in gold for e in json.loads(line)["entities"]}
    assert gold_types == set(ENTITY_TYPES)
    # Every extracted kind is stored: as an entity, or as a mention only (a fact).
    assert set(ENTITY_TYPES) == ENTITY_KINDS | FACT_KINDS
    assert not ENTITY_KINDS & FACT_KINDS
    assert {"age", "money", "date"} == FACT_KINDS


def test_kinds_are_in_rank_order_and_every_lookup_agrees() -> None:
    ranks = [k.rank for k in kinds.KINDS]
    assert ranks == sorted(ranks)
    for k in kinds.KINDS:
        assert kinds.kind(k.name) is k
        assert kinds.label(k.name) == k.label
    assert kinds.labels()["location"] == "Place"
    with pytest.raises(KeyError):
        kinds.kind("nickname")


def test_people_are_stored_under_their_folded_name_other_kinds_as_normalized() -> None:
    person = Found("person", "José GARCÍA", 0, 11, "José García", 1.0)
    phone = Found("phone", "(713) 555-0148", 0, 14, "+17135550148", 1.0)
    assert entity_key(person) == "jose garcia"
    assert entity_key(phone) == "+17135550148"


def test_strong_kinds_link_exactly_on_their_normalized_value() -> None:
    assert set(NORMALIZERS) == kinds.strong_kinds() == set(SPELLINGS)
    for kind, (one, other, bad) in SPELLINGS.items():
        assert strong_key(kind, one) == strong_key(kind, other) is not None, kind
        assert strong_key(kind, bad) is None, kind
        groups = link_exact([("r1", kind, one), ("r2", kind, other), ("r3", kind, bad)])
        assert groups == {"r1": "r1", "r2": "r1", "r3": "r3"}, kind
    for kind in {k.name for k in kinds.KINDS} - kinds.strong_kinds():
        with pytest.raises(ValueError, match="unknown identifier kind"):
            strong_key(kind, "anything")


def test_deconfliction_takes_identifiers_and_people_never_facts() -> None:
    wanted = {"phone", "email", "online_account", "plate", "vehicle", "person"}
    assert wanted <= kinds.deconflict_kinds()
    assert not {"age", "date", "money"} & kinds.deconflict_kinds()


def test_the_console_highlights_the_live_kinds_only() -> None:
    assert LIVE_ENTITY_TYPES == kinds.live_kinds() == ENTITY_KINDS | {"age"}
    shown = {e["kind"] for e in live_analysis(EVERY_KIND, "en")["entities"]}
    assert shown == LIVE_ENTITY_TYPES


def test_every_kind_label_has_a_spanish_translation() -> None:
    spanish = i18n.catalog("es")
    missing = sorted(k.label for k in kinds.KINDS if not spanish.get(k.label))
    assert not missing, (
        f"add them to enlace/extraction/locales/es/LC_MESSAGES/extraction.po: {missing}"
    )
    token = i18n.current_language.set("es")
    try:
        assert label("location") == "Lugar"
        assert label("online_account") == "Cuenta en línea"
        assert label("web_form") == "Formulario web"  # the shell's own codes still work
    finally:
        i18n.current_language.reset(token)
    assert label("location") == "Place"


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda e: e.update(colour="red"), "unknown fields"),
        (lambda e: e.pop("live"), "live must be bool"),
        (lambda e: e.update(rank=True), "rank must be int"),
        (lambda e: e.pop("normalizer"), "name a normalizer"),
        (lambda e: e.update(key="upper"), "key must be one of"),
        (lambda e: e.pop("precedence"), "needs a precedence and a key"),
    ],
)
def test_a_malformed_registry_fails_loudly(change: object, problem: str) -> None:
    data = yaml.safe_load(kinds.KINDS_PATH.read_text(encoding="utf-8"))
    phone = next(e for e in data["kinds"] if e["name"] == "phone")
    change(phone)  # type: ignore[operator]
    with pytest.raises(ValueError, match=problem):
        kinds.parse_kinds(data)


def test_two_kinds_cannot_share_a_name() -> None:
    data = yaml.safe_load(kinds.KINDS_PATH.read_text(encoding="utf-8"))
    data["kinds"].append({**data["kinds"][0], "rank": 99})
    with pytest.raises(ValueError, match="share a name"):
        kinds.parse_kinds(data)


def test_stored_mentions_follow_the_registry(db: Database) -> None:
    from sqlalchemy import select

    from enlace.extraction.mentions import extract_report
    from enlace.extraction.tables import Mention
    from tests.factories import add_report

    with db.session() as s:
        report = add_report(s, EVERY_KIND, language="en")
        extract_report(s, report)
    with db.session() as s:
        mentions = s.scalars(select(Mention)).all()
        assert {m.kind for m in mentions} == set(ENTITY_TYPES)
        for m in mentions:
            assert (m.entity_id is not None) == kinds.kind(m.kind).entity, m.kind
