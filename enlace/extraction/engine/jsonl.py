"""The JSON Lines contract behind `enlace extract`."""

from __future__ import annotations

import datetime as dt
import json
from typing import TextIO

from enlace.extraction.engine.pipeline import extract


def _process(line: str) -> dict[str, object]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return {"id": None, "error": f"invalid JSON: {exc.msg}"}
    if not isinstance(record, dict):
        return {"id": None, "error": "each line must be a JSON object"}
    rid = record.get("id")
    text = record.get("text")
    if not isinstance(text, str):
        return {"id": rid, "error": "field 'text' must be a string"}
    lang = record.get("lang")
    if lang is not None and lang not in ("en", "es", "mixed"):
        return {"id": rid, "error": "field 'lang' must be one of en, es, mixed"}
    ref: dt.date | None = None
    if record.get("date") is not None:
        try:
            ref = dt.date.fromisoformat(str(record["date"])[:10])
        except ValueError:
            return {"id": rid, "error": "field 'date' must be an ISO date (YYYY-MM-DD)"}
    result = extract(text, lang=lang, reference_date=ref)
    return {"id": rid, "lang": result.lang, "entities": [e.to_json() for e in result.entities]}


def run_jsonl(infile: TextIO, outfile: TextIO) -> int:
    """Read {"id","text","lang"?,"date"?} lines, write {"id","lang","entities"} lines.

    A bad line produces {"id", "error"} and processing continues; blank lines are skipped.
    Returns the number of lines processed.
    """
    count = 0
    for line in infile:
        if not line.strip():
            continue
        out = _process(line)
        outfile.write(json.dumps(out, ensure_ascii=False) + "\n")
        count += 1
    return count
