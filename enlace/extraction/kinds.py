"""The one registry of entity kinds (phone, person, place…): what each is and how it links.

The facts live in ``kinds.yaml`` (fields described there); this module reads them once. It is
pure — no database, web or engine imports — so that engines, services and plug-ins all ask it
rather than keep their own lists. Labels are English message ids: the Spanish is in this area's
catalog, ``locales/es/LC_MESSAGES/extraction.po``. ``tables.EntityKind`` must name exactly the
entity kinds (``tests/extraction/test_kinds.py`` checks it).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal, get_args

import yaml

KINDS_PATH = Path(__file__).with_name("kinds.yaml")
Key = Literal["fold", "normalized"]
_KEYS: frozenset[str] = frozenset(get_args(Key))
_REQUIRED = {
    "name": str,
    "label": str,
    "rank": int,
    "entity": bool,
    "strong": bool,
    "live": bool,
    "deconflict": bool,
}
_OPTIONAL = {"precedence": int, "key": str, "normalizer": str}


@dataclass(frozen=True)
class Kind:
    name: str
    label: str  # English message id
    rank: int  # display order
    entity: bool
    strong: bool
    live: bool
    deconflict: bool
    precedence: int | None = None  # only kinds the extractor finds
    key: Key | None = None  # only entity kinds
    normalizer: str | None = None  # only strong kinds

    @property
    def extracted(self) -> bool:
        return self.precedence is not None


def _kind(entry: object) -> Kind:
    if not isinstance(entry, dict):
        raise ValueError(f"a kind must be a mapping, not {entry!r}")
    name = entry.get("name", "?")
    unknown = set(entry) - set(_REQUIRED) - set(_OPTIONAL)
    if unknown:
        raise ValueError(f"kind {name}: unknown fields {sorted(unknown)}")
    for field, typ in (_REQUIRED | _OPTIONAL).items():
        value = entry.get(field)
        if value is None and field in _OPTIONAL:
            continue
        # bool is an int: a rank of `true` must not pass.
        if not isinstance(value, typ) or (typ is int and isinstance(value, bool)):
            raise ValueError(f"kind {name}: {field} must be {typ.__name__}, not {value!r}")
    found = Kind(**entry)
    if found.key is not None and found.key not in _KEYS:
        raise ValueError(f"kind {name}: key must be one of {sorted(_KEYS)}")
    # Stored entities come from extraction, get a match key, and strong kinds a normalizer.
    if found.entity and not (found.extracted and found.key):
        raise ValueError(f"kind {name}: an entity kind needs a precedence and a key")
    if not found.entity and found.key:
        raise ValueError(f"kind {name}: only entity kinds have a key")
    if found.strong != (found.normalizer is not None):
        raise ValueError(f"kind {name}: strong kinds, and only they, name a normalizer")
    return found


def parse_kinds(data: object) -> tuple[Kind, ...]:
    """The kinds in rank order; a malformed file fails loudly rather than misclassify a kind."""
    entries = data.get("kinds") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        raise ValueError("the registry needs a non-empty `kinds` list")
    kinds = sorted((_kind(e) for e in entries), key=lambda k: k.rank)
    for field in ("name", "rank", "label"):
        values = [getattr(k, field) for k in kinds]
        if len(set(values)) != len(values):
            raise ValueError(f"two kinds share a {field}")
    precedences = [k.precedence for k in kinds if k.precedence is not None]
    if len(set(precedences)) != len(precedences):
        raise ValueError("two kinds share a precedence")
    return tuple(kinds)


@cache
def load_kinds(path: Path = KINDS_PATH) -> tuple[Kind, ...]:
    with path.open(encoding="utf-8") as handle:
        return parse_kinds(yaml.safe_load(handle))


KINDS: tuple[Kind, ...] = load_kinds()
_BY_NAME: dict[str, Kind] = {k.name: k for k in KINDS}


def kind(name: str) -> Kind:
    """The kind called ``name``; KeyError when there is none."""
    return _BY_NAME[name]


def label(name: str) -> str:
    """The English message id naming the kind (translate it where it is shown)."""
    return kind(name).label


def labels() -> dict[str, str]:
    return {k.name: k.label for k in KINDS}


def _names(*, entity: bool | None = None, **flags: bool) -> frozenset[str]:
    return frozenset(
        k.name
        for k in KINDS
        if (entity is None or k.entity == entity)
        and all(getattr(k, flag) == value for flag, value in flags.items())
    )


@cache
def extracted_kinds() -> tuple[str, ...]:
    """What the extractor finds, in display order."""
    return tuple(k.name for k in KINDS if k.extracted)


@cache
def entity_kinds() -> frozenset[str]:
    """Kinds stored as entities: ``tables.EntityKind``."""
    return _names(entity=True)


@cache
def fact_kinds() -> frozenset[str]:
    """Found in text and worth highlighting, but with no identity of their own (ages, money)."""
    return _names(entity=False, extracted=True)


@cache
def strong_kinds() -> frozenset[str]:
    """Identifiers that link records exactly on their normalized value."""
    return _names(strong=True)


@cache
def live_kinds() -> frozenset[str]:
    """What the operator console highlights as a call is typed."""
    return _names(live=True)


@cache
def deconflict_kinds() -> frozenset[str]:
    """What may be checked against partners' records across the border."""
    return _names(deconflict=True)


def precedences() -> dict[str, int]:
    """Extracted kind -> precedence: of two equal spans, the lower (more specific) wins."""
    return {k.name: k.precedence for k in KINDS if k.precedence is not None}


def normalizers() -> dict[str, str]:
    """Strong kind -> the name of the function that normalizes its raw values."""
    return {k.name: k.normalizer for k in KINDS if k.normalizer is not None}
