"""The resolution index: each person entity's stored profile (its prepared row) and the
blocking keys incremental resolution looks candidates up by, written and replaced here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any

import pandas as pd  # type: ignore[import-untyped]
from sqlalchemy import delete, insert
from sqlalchemy.orm import Session

from enlace.resolution.engine import prepare as prepare_records
from enlace.resolution.engine.prepare import as_frame, prepare_rows
from enlace.resolution.profiles import PROFILE_FIELDS, among, chunks
from enlace.resolution.tables import ResolutionKey, ResolutionProfile

# --- blocking keys ----------------------------------------------------------------------

_PHONETIC = [
    (re.compile(r"ch"), "x"),
    (re.compile(r"ll|y"), "i"),
    (re.compile(r"qu|k|c(?=[aou])|ck"), "k"),
    (re.compile(r"c(?=[ei])|z"), "s"),
    (re.compile(r"v"), "b"),
    (re.compile(r"g(?=[ei])"), "j"),
    (re.compile(r"h"), ""),
    (re.compile(r"(.)\1+"), r"\1"),
]


def phonetic(word: str) -> str:
    """A coarse Spanish/English sound key: Velásquez, Velazquez and Belasques meet."""
    out = word
    for pattern, repl in _PHONETIC:
        out = pattern.sub(repl, out)
    return out[:1] + re.sub(r"[aeiou]", "", out[1:])


def blocking_keys(prepared: pd.DataFrame) -> list[list[str]]:
    """Keys per prepared record: surname with given initial (any surname slot), its sound key,
    given name with place for one-word names, and the phone."""
    columns = ("given", "middle", "sur1", "sur2", "city", "phone")
    return [
        _keys(*values)
        for values in zip(
            *(prepared[c].fillna("").astype(str).tolist() for c in columns), strict=True
        )
    ]


def row_keys(rows: Iterable[Mapping[str, Any]]) -> list[list[str]]:
    """:func:`blocking_keys` for prepared rows held as mappings."""
    columns = ("given", "middle", "sur1", "sur2", "city", "phone")
    return [_keys(*(str(r.get(c) or "") for c in columns)) for r in rows]


def _keys(given: str, middle: str, sur1: str, sur2: str, city: str, phone: str) -> list[str]:
    keys: set[str] = set()
    middle_last = middle.rsplit(" ", maxsplit=1)[-1] if middle else ""
    for sur in (sur1, *sur2.split(), middle_last):
        if sur and len(sur) > 1 and given:
            keys.add(f"n:{sur}|{given[:1]}")
            keys.add(f"p:{phonetic(sur)}|{given[:1]}")
    if given and not sur1 and city:
        keys.add(f"g:{given}|{city}")
    if phone:
        keys.add(f"t:{phone}")
    return sorted(k[:120] for k in keys)


def profile_frame(ids: Sequence[int], profiles: Mapping[int, Mapping[str, str]]) -> pd.DataFrame:
    data = {f: [profiles[i].get(f, "") for i in ids] for f in PROFILE_FIELDS}
    data["record_id"] = [rid(i) for i in ids]
    return prepare_records(pd.DataFrame(data))


def profile_rows(
    ids: Sequence[int], profiles: Mapping[int, Mapping[str, str]]
) -> list[dict[str, Any]]:
    """Prepared rows of a few profiles (the rows of :func:`profile_frame`, without a frame)."""
    return prepare_rows(
        [{**{f: profiles[i].get(f, "") for f in PROFILE_FIELDS}, "record_id": rid(i)} for i in ids]
    )


def stored_rows(rows: Sequence[Any], columns: Collection[str]) -> list[dict[str, Any]]:
    """Prepared rows as stored (profile rows or objects: ``entity_id``, ``prepared`` and the
    profile fields); a profile stored by another engine version is prepared again."""
    wanted = sorted(columns)
    stale = [r for r in rows if sorted(r.prepared) != wanted]
    fresh: dict[int, dict[str, Any]] = {}
    if stale:
        profiles = {r.entity_id: {f: getattr(r, f) for f in PROFILE_FIELDS} for r in stale}
        ids = [r.entity_id for r in stale]
        fresh = dict(zip(ids, profile_rows(ids, profiles), strict=True))
    return [fresh.get(r.entity_id, r.prepared) for r in rows]


def rows_frame(rows: Sequence[Mapping[str, Any]], columns: Sequence[str]) -> pd.DataFrame:
    """One frame (the dtypes :func:`prepare` gives) from prepared rows."""
    return as_frame({c: [r[c] for r in rows] for c in columns})


def rid(entity_id: int) -> str:
    return f"{entity_id:012d}"  # zero-padded so the engine's smallest-id cluster name is numeric


FEW = 50  # rows written by one multi-row statement on PostgreSQL (a report's people)


def _clear(session: Session, ids: Sequence[int]) -> None:
    if _one_statement(session, ids):  # both tables in one round trip
        keys = _delete_of(session, ResolutionKey, ids).cte("cleared_keys")
        session.execute(_delete_of(session, ResolutionProfile, ids).add_cte(keys))
        return
    for chunk in chunks(ids):
        for table in (ResolutionKey, ResolutionProfile):
            session.execute(_delete_of(session, table, chunk))


def _delete_of(session: Session, table: Any, ids: Sequence[int]) -> Any:
    return (
        delete(table)
        .where(among(session, table.entity_id, ids))
        .execution_options(synchronize_session=False)
    )


def _one_statement(session: Session, ids: Sequence[int]) -> bool:
    """Whether the few rows of these entities go to both tables in one statement: PostgreSQL
    runs a data-modifying WITH; SQLite has none."""
    return 0 < len(ids) <= FEW and session.get_bind().dialect.name == "postgresql"


def _write(
    session: Session,
    ids: Sequence[int],
    profiles: Mapping[int, Mapping[str, str]],
    prepared: Sequence[Mapping[str, Any]],
    keys: Sequence[Sequence[str]],
) -> None:
    stored = [
        {"entity_id": i, **profiles[i], "prepared": row}
        for i, row in zip(ids, prepared, strict=True)
    ]
    rows = [{"entity_id": i, "key": k} for i, found in zip(ids, keys, strict=True) for k in found]
    if rows and _one_statement(session, ids):
        written = insert(ResolutionProfile).values(stored).cte("stored_profiles")
        session.execute(insert(ResolutionKey).values(rows).add_cte(written))
        return
    session.execute(insert(ResolutionProfile), stored)
    if rows:
        session.execute(insert(ResolutionKey), rows)


def store_profiles(session: Session, profiles: Mapping[int, Mapping[str, str]]) -> pd.DataFrame:
    """Replace the stored profile and blocking keys of these entities; returns their frame."""
    ids = sorted(profiles)
    _clear(session, ids)
    frame = profile_frame(ids, profiles)
    if ids:
        prepared = json.loads(frame.to_json(orient="records"))
        _write(session, ids, profiles, prepared, blocking_keys(frame))
    return frame


def store_profile_rows(
    session: Session,
    profiles: Mapping[int, Mapping[str, str]],
    prepared: Mapping[int, dict[str, Any]] | None = None,
    fresh: Collection[int] = (),
    drop: Collection[int] = (),
) -> list[dict[str, Any]]:
    """:func:`store_profiles` for the few entities of one report, without frames; ``prepared``
    may hold rows already prepared, ``fresh`` names entities known to have nothing stored,
    ``drop`` entities to take out of the index (merged away). Returns the rows, sorted by
    entity id."""
    ids = sorted(profiles)
    _clear(session, sorted({i for i in ids if i not in fresh} | set(drop)))
    known = prepared or {}
    missing = [i for i in ids if i not in known]
    computed = dict(zip(missing, profile_rows(missing, profiles), strict=True))
    rows = [known[i] if i in known else computed[i] for i in ids]
    if ids:
        _write(session, ids, profiles, rows, row_keys(rows))
    return rows
