"""Chunks ready to insert, prepared on a reader thread while the database inserts the last ones.

Reading, checking and encoding a chunk is Python work; inserting it is mostly the database's (or,
on SQLite, C code that lets go of the interpreter lock). Preparing the next chunks on a second
thread keeps both busy. The queue between them holds ``AHEAD`` chunks, so memory stays bounded
whatever the file's size.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from enlace.intake.importing import bulk, readers
from enlace.intake.importing.mapping import Mapping
from enlace.intake.importing.rows import PARSE_PROBLEMS, Converted, convert
from enlace.intake.references import new_references

AHEAD = 2


@dataclass
class Prepared:
    """One chunk: the good rows encoded for the backend, and what was wrong with the others."""

    rows: int = 0
    good: list[Converted] = field(default_factory=list)
    problems: list[tuple[int, str, str]] = field(default_factory=list)  # row, field, reason
    repeated: int = 0  # a key seen earlier in the same chunk
    payload: bytes | str = ""
    read_bytes: int = 0

    @property
    def has_contacts(self) -> bool:
        return any(item.contact for item in self.good)


def encode(dialect: str, good: list[Converted]) -> bytes | str:
    """The good rows with fresh reference codes, encoded for ``bulk.insert_chunk``."""
    codes = new_references(len(good))
    return bulk.encode(dialect, [(code, *item.row) for code, item in zip(codes, good, strict=True)])


def prepare(
    chunk: list[readers.Record], mapping: Mapping, *, max_narrative: int, dialect: str
) -> Prepared:
    out = Prepared(rows=len(chunk))
    seen: set[str] = set()
    for number, record, problem in chunk:
        if record is None:
            out.problems.append((number, "row", PARSE_PROBLEMS[problem or "bad_json"]))
            continue
        converted = convert(mapping, record, max_narrative=max_narrative)
        if isinstance(converted, list):
            out.problems.extend((number, fld, reason) for fld, reason in converted)
        elif converted.key in seen:
            out.repeated += 1
        else:
            seen.add(converted.key)
            out.good.append(converted)
    if out.good:
        out.payload = encode(dialect, out.good)
    return out


def prepared(
    records: Iterator[readers.Record],
    counter: readers.CountingReader,
    mapping: Mapping,
    *,
    size: int,
    max_narrative: int,
    dialect: str,
) -> Iterator[Prepared]:
    while chunk := list(islice(records, size)):
        out = prepare(chunk, mapping, max_narrative=max_narrative, dialect=dialect)
        out.read_bytes = counter.count
        yield out


class _Done:
    pass


class Ahead:
    """Iterate ``source`` on a background thread, at most ``depth`` items ahead of the reader.

    An error on the thread is raised to the reader; ``close`` (or leaving the ``with`` block)
    stops the thread even if the reader stopped early.
    """

    def __init__(self, source: Iterator[Any], depth: int = AHEAD) -> None:
        self._source = source
        self._items: queue.Queue[Any] = queue.Queue(maxsize=depth)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._fill, name="enlace-import-reader", daemon=True)
        self._thread.start()

    def _put(self, item: object) -> bool:
        while not self._stop.is_set():
            try:
                self._items.put(item, timeout=0.1)
            except queue.Full:
                continue
            return True
        return False

    def _fill(self) -> None:
        try:
            for item in self._source:
                if not self._put(item):
                    return
        except BaseException as exc:  # handed to the reader, which raises it
            self._put(exc)
            return
        self._put(_Done())

    def __iter__(self) -> Iterator[Any]:
        while True:
            item = self._items.get()
            if isinstance(item, _Done):
                return
            if isinstance(item, BaseException):
                raise item
            yield item

    def close(self) -> None:
        self._stop.set()
        self._thread.join()

    def __enter__(self) -> Ahead:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
