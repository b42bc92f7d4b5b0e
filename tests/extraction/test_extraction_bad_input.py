import io
import json
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from enlace.extraction.engine import extract, run_jsonl


def test_empty_and_whitespace() -> None:
    assert extract("").entities == []
    assert extract("   \n\t").entities == []


def test_not_text_raises_value_error() -> None:
    with pytest.raises(ValueError, match="not UTF-8"):
        extract(b"\xff\xfe\x00bad")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="not text"):
        extract(12345)  # type: ignore[arg-type]


def test_utf8_bytes_are_accepted() -> None:
    result = extract("llámame al 656 123 4567".encode())  # type: ignore[arg-type]
    assert any(e.type == "phone" for e in result.entities)


def test_emoji_mixed_scripts_and_junk() -> None:
    text = (
        "🚨🚨 girl 16 años 😢 Тихуана 北京 \x00\x01\ufffd (((((((((( 1-1-1-1-1-1-1-1 @@@@ $$$ " * 20
    )
    result = extract(text)
    for e in result.entities:
        assert text[e.start : e.end] == e.text


def test_large_input_is_linear() -> None:
    chunk = "Caller says Maria Lopez (16) is in Tijuana, call 656 123 4567. " * 50
    t0 = time.perf_counter()
    extract(chunk)
    small = time.perf_counter() - t0
    big = chunk * 20
    t0 = time.perf_counter()
    extract(big)
    large = time.perf_counter() - t0
    assert large < small * 60 + 0.5  # 20x the text must not take much more than 20x the time


def test_pathological_patterns_do_not_backtrack() -> None:
    for text in ("1 " * 20000, "a" * 100000, "-" * 50000 + "1", "(" * 30000, "Aa " * 20000):
        t0 = time.perf_counter()
        extract(text)
        assert time.perf_counter() - t0 < 10


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_never_crashes_on_arbitrary_text(text: str) -> None:
    result = extract(text)
    assert result.lang in ("en", "es", "mixed")
    for e in result.entities:
        assert 0 <= e.start < e.end <= len(text)
        assert text[e.start : e.end] == e.text


def test_run_jsonl_contract_and_errors() -> None:
    lines = [
        json.dumps({"id": "a", "text": "Call (713) 555-0148", "lang": "en"}),
        "{not json",
        json.dumps({"id": "b", "text": 5}),
        "",
        json.dumps({"id": "c", "text": "ayer en Reynosa", "date": "2024-05-15"}),
        json.dumps({"id": "d", "text": "x", "date": "yesterday"}),
    ]
    out = io.StringIO()
    count = run_jsonl(io.StringIO("\n".join(lines) + "\n"), out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert count == 5 and len(rows) == 5
    assert rows[0]["id"] == "a" and rows[0]["entities"][0]["e164"] == "+17135550148"
    assert "error" in rows[1] and rows[1]["id"] is None
    assert rows[2] == {"id": "b", "error": "field 'text' must be a string"}
    dates = [e for e in rows[3]["entities"] if e["type"] == "date"]
    assert dates[0]["normalized"] == "2024-05-14"
    assert "error" in rows[4]
