"""Bad input never crashes screening and takes bounded time."""

from __future__ import annotations

import time

import pytest

from enlace.screening.engine import screen
from enlace.screening.engine.screener import MAX_CHARS


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\n\n\t",
        "test test 123",
        "😀🔥💯" * 500,
        "\x00\x01\x02 \ufffd \u202e rtl",
        "ñ" * 5000,
        "?!.,;:" * 2000,
        "ﬁ ß İ ǅ " * 500,
        "a" * 50_000,
    ],
)
def test_junk_is_screened_quietly(text: str) -> None:
    result = screen(text)
    assert result.typology == "not_trafficking"
    assert 0.0 <= result.score <= 1.0
    result.to_json()


def test_two_megabytes_in_bounded_time() -> None:
    text = ("They keep our passports and we owe the boss. " * 50_000)[: 2 * 1024 * 1024]
    started = time.perf_counter()
    result = screen(text)
    assert time.perf_counter() - started < 10
    assert "document_confiscation" in result.codes
    assert all(ev.end <= MAX_CHARS for f in result.indicators for ev in f.evidence)


def test_long_unicode_text_keeps_offsets_right() -> None:
    text = "😀 " * 1000 + "la patrona le quitó el pasaporte"
    result = screen(text)
    finding = result.finding("document_confiscation")
    assert finding is not None
    ev = finding.evidence[0]
    assert text[ev.start : ev.end] == ev.text
