"""``enlace screen``: JSON Lines in, one screening result per line out."""

from __future__ import annotations

import json
from typing import TextIO

from enlace.screening.engine.screener import screen


def _error(record_id: object, message: str) -> dict[str, object]:
    return {"id": record_id, "error": message}


def screen_line(line: str) -> dict[str, object]:
    """One input line to one output object; bad input gives ``{"id", "error"}``."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return _error(None, f"invalid JSON: {exc.msg}")
    if not isinstance(record, dict):
        return _error(None, "each line must be a JSON object")
    record_id = record.get("id")
    text = record.get("text")
    if not isinstance(text, str):
        return _error(record_id, "'text' must be a string")
    lang = record.get("lang")
    if lang is not None and lang not in ("en", "es"):
        return _error(record_id, "'lang' must be 'en' or 'es'")
    return {"id": record_id, **screen(text, lang=lang).to_json()}


def run_jsonl(infile: TextIO, outfile: TextIO) -> int:
    """Screen every non-blank line of ``infile``; returns the number of lines written."""
    count = 0
    for line in infile:
        if not line.strip():
            continue
        outfile.write(json.dumps(screen_line(line), ensure_ascii=False) + "\n")
        count += 1
    return count
