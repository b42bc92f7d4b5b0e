"""Blocking: which record pairs are worth comparing.

Each rule maps a record to one or more keys; records sharing a key form candidate pairs.
The union over all rules is taken and each pair is kept once. A rule may give a record
several keys, which is how "García" as paternal surname on one side and maternal on the
other still meet. Pairs are generated with numpy from sorted keys, never with a Python
loop over pairs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd  # type: ignore[import-untyped]

KeyFn = Callable[[pd.DataFrame], list[pd.Series]]
IntArray = np.ndarray[tuple[int], np.dtype[np.int64]]


@dataclass(frozen=True)
class BlockingRule:
    """A named key function; ``covers`` names the comparisons its agreement forces."""

    name: str
    keys: KeyFn
    covers: tuple[str, ...] = ()


def _joined(*cols: pd.Series) -> pd.Series:
    empty = np.zeros(len(cols[0]), dtype=bool)
    for c in cols:
        empty |= (c == "").to_numpy()
    out = cols[0].astype(str)
    for c in cols[1:]:
        out = out + "|" + c.astype(str)
    return out.mask(empty, "")


def _unordered(a: pd.Series, b: pd.Series) -> pd.Series:
    lo = a.where(a <= b, b)
    hi = b.where(a <= b, a)
    return _joined(lo, hi)


def _deletions(ids: pd.Series, max_length: int = 12) -> list[pd.Series]:
    usable = ids.where((ids.str.len() >= 6) & (ids.str.len() <= max_length), "")
    return [
        (usable.str[:i] + usable.str[i + 1 :]).where(usable.str.len() > i, "")
        for i in range(max_length)
    ]


def _last_middle(p: pd.DataFrame) -> pd.Series:
    middle = p["middle"]
    has = (middle.str.len() > 1).to_numpy()  # most records have none: skip the split
    last = pd.Series("", index=middle.index, dtype=object)
    if has.any():
        words = middle[has].str.rsplit(" ", n=1).str[-1].fillna("")
        last[has] = words.where(words.str.len() > 1, "")
    return last


DEFAULT_RULES: tuple[BlockingRule, ...] = (
    # given + either surname, in either order (swapped fields, maternal surname only,
    # surname written as a middle name).
    BlockingRule(
        "name",
        lambda p: [
            _unordered(p["given"], p["sur1"]),
            _unordered(p["given"], p["sur2"]),
            _unordered(p["given"], _last_middle(p)),
        ],
        ("given_name", "surname"),
    ),
    # Date of birth with either initial or the postal district: a date alone makes
    # blocks that grow with N².
    BlockingRule(
        "dob",
        lambda p: [
            _joined(p["dob"], p["given"].str[:1]),
            _joined(p["dob"], p["sur1"].str[:1]),
            _joined(p["dob"], p["postcode"].str[:2]),
        ],
        ("birth",),
    ),
    BlockingRule("id", lambda p: [p["idn"].where(p["idn"].str.len() >= 5, "")], ("id_number",)),
    BlockingRule("phone", lambda p: [p["phone"]], ("phone",)),
    BlockingRule("email", lambda p: [p["email"]], ("email",)),
    BlockingRule(
        "postcode_street",
        lambda p: [_joined(p["postcode"], p["street_no"])],
        ("place", "address"),
    ),
    # A surname's first letters survive most typos at its end.
    BlockingRule(
        "surname_postcode", lambda p: [_joined(p["sur1"].str[:3], p["postcode"])], ("place",)
    ),
    BlockingRule("surname_city", lambda p: [_joined(p["sur1"].str[:3], p["city"])], ("place",)),
    BlockingRule(
        "name_prefixes",
        lambda p: [_unordered(p["given"].str[:3], p["sur1"].str[:3])],
        ("given_name", "surname"),
    ),
    BlockingRule(
        "given_initial", lambda p: [_joined(p["given"], p["sur1"].str[:2])], ("given_name",)
    ),
    BlockingRule("given_postcode", lambda p: [_joined(p["given"], p["postcode"])], ("place",)),
    # Either name with the city: also meets a surname written in the given-name field.
    BlockingRule(
        "name_city",
        lambda p: [_joined(p["given"], p["city"]), _joined(p["sur1"], p["city"])],
        ("place",),
    ),
    BlockingRule(
        "initials_postcode",
        lambda p: [_joined(_unordered(p["given"].str[:1], p["sur1"].str[:1]), p["postcode"])],
        ("place",),
    ),
    # An ID number with one wrong or transposed character: the same string once one
    # character is deleted (a deletion neighbourhood, as in SymSpell).
    BlockingRule("id_one_edit", lambda p: _deletions(p["idn"]), ("id_number",)),
    BlockingRule(
        "surname_year",
        lambda p: [_joined(p["sur1"], p["byear"].astype(str).where(p["byear"] > 0, ""))],
        ("surname", "birth"),
    ),
)


def _pairs_in_groups(codes: IntArray, rows: IntArray, max_block: int) -> tuple[IntArray, IntArray]:
    order = np.lexsort((rows, codes))
    codes, rows = codes[order], rows[order]
    starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]])
    sizes = np.diff(np.r_[starts, len(codes)])
    keep = (sizes > 1) & (sizes <= max_block)
    if not keep.any():
        empty = np.empty(0, dtype=np.int64)
        return empty, empty
    group_end = np.repeat(starts + sizes, sizes)
    pos = np.arange(len(codes))
    partners = group_end - pos - 1
    partners[~np.repeat(keep, sizes)] = 0
    total = int(partners.sum())
    left = np.repeat(pos, partners)
    offset = np.arange(total) - np.repeat(np.cumsum(partners) - partners, partners)
    right = left + 1 + offset
    return rows[left], rows[right]


def rule_pair_keys(prepared: pd.DataFrame, rule: BlockingRule, max_block: int) -> IntArray:
    """Pairs one rule generates, encoded as ``left * n + right`` (sorted, distinct)."""
    n = len(prepared)
    columns = rule.keys(prepared)
    values = pd.concat(columns, ignore_index=True)
    rows = np.tile(np.arange(n, dtype=np.int64), len(columns))
    codes = pd.factorize(values)[0].astype(np.int64)
    valid = (values != "").to_numpy()
    codes, rows = codes[valid], rows[valid]
    if len(columns) > 1:  # a record listed twice under one key must not pair with itself
        both = np.unique(codes * n + rows)
        codes, rows = both // n, both % n
    left, right = _pairs_in_groups(codes, rows, max_block)
    return np.unique(left * n + right)


def candidate_pairs(
    prepared: pd.DataFrame,
    rules: Sequence[BlockingRule] = DEFAULT_RULES,
    link_only: bool = False,
    max_block: int = 2000,
    by_rule: dict[str, IntArray] | None = None,
) -> tuple[IntArray, IntArray]:
    """Row positions (left < right) of every pair that some rule puts in one block.

    With ``link_only`` only pairs from different sources are kept (Febrl4-style linking);
    otherwise pairs within a source are candidates too. Blocks larger than ``max_block``
    are skipped: a key that common carries no evidence worth its quadratic cost.
    """
    n = len(prepared)
    found = [rule_pair_keys(prepared, rule, max_block) for rule in rules]
    if by_rule is not None:  # training reuses each rule's pairs instead of re-blocking
        by_rule.update({rule.name: keys for rule, keys in zip(rules, found, strict=True)})
    merged = np.unique(np.concatenate(found)) if found else np.empty(0, dtype=np.int64)
    left, right = merged // n, merged % n
    if link_only:
        src = pd.factorize(prepared["source"])[0]
        cross = src[left] != src[right]
        left, right = left[cross], right[cross]
    return left, right
