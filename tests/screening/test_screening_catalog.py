"""The catalog file validates, carries every required code, and rejects broken edits."""

from __future__ import annotations

import copy
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from enlace.screening.engine.catalog import (
    CATALOG_PATH,
    REQUIRED_CODES,
    TYPOLOGY_CODES,
    load_catalog,
    parse_catalog,
)

RAW = yaml.safe_load(CATALOG_PATH.read_text(encoding="utf-8"))
EVAL_CODES = {
    "minor_present",
    "sexual_exploitation",
    "threat_of_law_enforcement",
    "imminent_danger_signals",
    "quota",
    "smuggling_fee",
    "deprivation_of_necessities",
    "recruitment_social_media",
    "forced_criminality",
    "forced_begging",
    "signals_truck_stop",
}


def test_catalog_loads_with_version_and_all_codes() -> None:
    catalog = load_catalog()
    codes = {ind.code for ind in catalog.indicators}
    assert catalog.version
    assert codes >= REQUIRED_CODES
    assert codes >= EVAL_CODES
    assert tuple(t.code for t in catalog.typologies) == TYPOLOGY_CODES
    assert len(catalog.polaris) == 25


def test_every_indicator_is_bilingual_and_sourced() -> None:
    catalog = load_catalog()
    for ind in catalog.indicators:
        assert ind.name.en and ind.name.es and ind.definition.en and ind.definition.es
        assert set(ind.sources) <= set(catalog.sources)
        assert ind.examples.en and ind.examples.es
        assert 0 < ind.weight <= 1
        if not ind.derived:
            assert ind.patterns.en and ind.patterns.es


def test_required_codes_map_to_ctdc_where_one_exists() -> None:
    catalog = load_catalog()
    for code in ("debt_bondage", "document_confiscation", "excessive_hours", "threats_or_violence"):
        assert catalog.indicator(code).ctdc


def _mutated(change: str) -> dict[str, Any]:
    data: dict[str, Any] = copy.deepcopy(RAW)
    indicators = data["indicators"]
    if change == "drop_required":
        data["indicators"] = [i for i in indicators if i["code"] != "debt_bondage"]
    elif change == "bad_regex":
        indicators[0]["patterns"]["en"].append("(unclosed")
    elif change == "unknown_source":
        indicators[0]["sources"].append("rumour_mill")
    elif change == "weight_out_of_range":
        indicators[0]["weight"] = 1.5
    elif change == "no_spanish_name":
        del indicators[0]["name"]["es"]
    elif change == "unknown_ctdc":
        indicators[0]["ctdc"] = "mind_control"
    elif change == "duplicate_code":
        indicators.append(copy.deepcopy(indicators[0]))
    return data


@pytest.mark.parametrize(
    "change",
    [
        "drop_required",
        "bad_regex",
        "unknown_source",
        "weight_out_of_range",
        "no_spanish_name",
        "unknown_ctdc",
        "duplicate_code",
    ],
)
def test_broken_catalog_is_rejected(change: str) -> None:
    with pytest.raises(ValidationError):
        parse_catalog(_mutated(change))


def test_unchanged_copy_validates() -> None:
    assert parse_catalog(copy.deepcopy(RAW)).version == load_catalog().version
