"""Stream the records of a partner file with bounded memory, counting bytes for progress."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

csv.field_size_limit(16 * 1024 * 1024)


class CountingReader(io.RawIOBase):
    """A binary reader that counts the bytes handed out, for a progress bar over the file size."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.raw.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        self.count += n
        return n


Record = tuple[int, dict[str, str] | None, str | None]  # row number, fields, or the parse problem


def _flatten(obj: dict[str, Any], sep: str, prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in obj.items():
        name = f"{prefix}{sep}{key}" if prefix else str(key)
        if isinstance(value, dict):
            out.update(_flatten(value, sep, name))
        elif value is not None:
            out[name] = value if isinstance(value, str) else json.dumps(value)
    return out


def _text(counter: CountingReader) -> io.TextIOWrapper:
    return io.TextIOWrapper(
        io.BufferedReader(counter, 1 << 20), encoding="utf-8-sig", errors="replace", newline=""
    )


def csv_records(counter: CountingReader) -> Iterator[Record]:
    reader = csv.reader(_text(counter))
    header = next(reader, None)
    if header is None:
        return
    width = len(header)
    for number, values in enumerate(reader, start=1):
        if not values:
            continue
        if len(values) != width:
            yield number, None, "wrong_width"
            continue
        yield number, dict(zip(header, values, strict=True)), None


def jsonl_records(counter: CountingReader, sep: str) -> Iterator[Record]:
    for number, line in enumerate(_text(counter), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError:
            yield number, None, "bad_json"
            continue
        if not isinstance(obj, dict):
            yield number, None, "not_object"
            continue
        yield number, _flatten(obj, sep), None


def records(path: Path, fmt: str, handle: BinaryIO) -> tuple[CountingReader, Iterator[Record]]:
    counter = CountingReader(handle)
    is_json = fmt == "jsonl" or path.suffix.lower() in (".jsonl", ".ndjson", ".json")
    if is_json:
        return counter, jsonl_records(counter, "_" if fmt == "htcds" else ".")
    return counter, csv_records(counter)
