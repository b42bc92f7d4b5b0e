"""Blocking: which record pairs are worth comparing.

Each rule maps a record to one or more keys; records sharing a key form candidate pairs.
The union over all rules is taken and each pair is kept once. A rule may give a record
several keys, which is how "García" as paternal surname on one side and maternal on the
other still meet. Pairs are generated with numpy from sorted keys, never with a Python
loop over pairs.

Keys drawn from a bounded set of values (a date of birth, a given name) make blocks that
grow with the input, and all pairs within them with its square. Such rules carry a
``window``: within each block, records are sorted by other fields (``order``) and each
is paired with the next ``window`` records only (a sorted neighbourhood), so their pairs
grow linearly. Copies of one person share those fields and sort next to each other. Small
inputs, whose pairs all fit a fixed budget, are still compared in full.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd  # type: ignore[import-untyped]

KeyFn = Callable[[pd.DataFrame], list[pd.Series]]
IntArray = np.ndarray[tuple[int], np.dtype[np.int64]]
Bools = np.ndarray[Any, np.dtype[np.bool_]]
_MIX = np.uint64(0x9E3779B97F4A7C15)  # odd multiplier combining the hashes of a key's parts
# Partners per record and key in a windowed rule: up to this many copies of one person
# sorted together still all meet; longer runs are joined as a chain by clustering.
WINDOW = 3
# A windowed rule still compares its smaller blocks in full while its pairs stay within
# this many: on a small input every pair is cheap, and nothing changes.
ALL_PAIRS_BUDGET = 1_000_000
# Sort orders within a block: the fields the rule's key leaves free.
BY_NAME = ("sur1", "given", "dob")
BY_GIVEN = ("given", "dob", "sur1")
BY_BIRTH = ("dob", "postcode", "sur1")


@dataclass(frozen=True)
class BlockingRule:
    """A named key function; ``covers`` names the comparisons its agreement forces.

    Without a ``window``, every pair of a block up to ``max_block`` records. With one,
    blocks of any size, in full while the rule's pairs stay within ``ALL_PAIRS_BUDGET``;
    beyond, the largest blocks first pair each record with the next ``window`` records
    in ``order`` (prepared columns) only.
    """

    name: str
    keys: KeyFn
    covers: tuple[str, ...] = ()
    window: int | None = None
    order: tuple[str, ...] = BY_NAME


def _hashed(col: pd.Series) -> tuple[np.ndarray[Any, np.dtype[np.uint64]], Bools]:
    """64-bit hash of each value and where it is empty ("" or 0)."""
    values = col.to_numpy()
    if values.dtype == object:
        return pd.util.hash_array(values, categorize=True), values == ""
    return values.astype(np.int64).view(np.uint64), values == 0


def _key(hashes: np.ndarray[Any, np.dtype[np.uint64]], empty: Bools, index: pd.Index) -> pd.Series:
    hashes[hashes == 0] = 1  # 0 means no key
    hashes[empty] = 0
    return pd.Series(hashes.view(np.int64), index=index)


def _joined(*cols: pd.Series) -> pd.Series:
    """One key from several values (empty if any is), as a 64-bit hash.

    Hashes of equal values are equal across columns, so keys built from different
    columns of one rule still meet; a collision only adds a pair to compare.
    """
    out, empty = _hashed(cols[0])
    for c in cols[1:]:
        h, e = _hashed(c)
        out = out * _MIX + h
        empty = empty | e
    return _key(out, empty, cols[0].index)


def _unordered(a: pd.Series, b: pd.Series) -> pd.Series:
    """Like :func:`_joined` of two values, whichever comes first."""
    (ha, ea), (hb, eb) = _hashed(a), _hashed(b)
    return _key(np.minimum(ha, hb) * _MIX + np.maximum(ha, hb), ea | eb, a.index)


def _deletions(ids: pd.Series, max_length: int = 12) -> list[pd.Series]:
    """One key per character deleted, as 64-bit hashes (0 = none) of the shorter string.

    Hashing in numpy avoids building n × 12 strings; a collision only adds a candidate
    pair to compare, never a match.
    """
    size = ids.str.len().to_numpy()
    usable = (size >= 6) & (size <= max_length)
    text = np.asarray(ids.where(usable, "").tolist(), dtype=f"U{max_length}")
    chars = text.view(np.uint32).reshape(len(ids), max_length).astype(np.uint64)
    power = np.uint64(0x100000001B3) ** np.arange(max_length - 1, dtype=np.uint64)
    out = []
    for i in range(max_length):
        rest = np.delete(chars, i, axis=1)  # ends in zeros, so lengths stay apart
        key = rest @ power
        key[key == 0] = 1  # 0 means no key
        key[~usable | (size <= i)] = 0
        out.append(pd.Series(key.view(np.int64), index=ids.index))
    return out


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
        WINDOW,
        BY_BIRTH,
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
        WINDOW,
        BY_NAME,
    ),
    BlockingRule("id", lambda p: [p["idn"].where(p["idn"].str.len() >= 5, "")], ("id_number",)),
    BlockingRule("phone", lambda p: [p["phone"]], ("phone",)),
    BlockingRule("email", lambda p: [p["email"]], ("email",)),
    BlockingRule(
        "postcode_street",
        lambda p: [_joined(p["postcode"], p["street_no"])],
        ("place", "address"),
        WINDOW,
        BY_NAME,
    ),
    # A surname's first letters survive most typos at its end.
    BlockingRule(
        "surname_postcode",
        lambda p: [_joined(p["sur1"].str[:3], p["postcode"])],
        ("place",),
        WINDOW,
        BY_GIVEN,
    ),
    BlockingRule(
        "surname_city",
        lambda p: [_joined(p["sur1"].str[:3], p["city"])],
        ("place",),
        WINDOW,
        BY_GIVEN,
    ),
    BlockingRule(
        "name_prefixes",
        lambda p: [_unordered(p["given"].str[:3], p["sur1"].str[:3])],
        ("given_name", "surname"),
        WINDOW,
        BY_BIRTH,
    ),
    BlockingRule(
        "given_initial",
        lambda p: [_joined(p["given"], p["sur1"].str[:2])],
        ("given_name",),
        WINDOW,
        BY_BIRTH,
    ),
    BlockingRule(
        "given_postcode",
        lambda p: [_joined(p["given"], p["postcode"])],
        ("place",),
        WINDOW,
        BY_NAME,
    ),
    # Either name with the city: also meets a surname written in the given-name field.
    BlockingRule(
        "name_city",
        lambda p: [_joined(p["given"], p["city"]), _joined(p["sur1"], p["city"])],
        ("place",),
        WINDOW,
        BY_BIRTH,
    ),
    BlockingRule(
        "initials_postcode",
        lambda p: [_joined(_unordered(p["given"].str[:1], p["sur1"].str[:1]), p["postcode"])],
        ("place",),
        WINDOW,
        BY_NAME,
    ),
    # An ID number with one wrong or transposed character: the same string once one
    # character is deleted (a deletion neighbourhood, as in SymSpell).
    BlockingRule("id_one_edit", lambda p: _deletions(p["idn"]), ("id_number",)),
    BlockingRule(
        "surname_year",
        lambda p: [_joined(p["sur1"], p["byear"].astype(str).where(p["byear"] > 0, ""))],
        ("surname", "birth"),
        WINDOW,
        BY_GIVEN,
    ),
)


def _distinct(values: IntArray) -> IntArray:
    """Sorted distinct values (a plain sort: cheaper than ``np.unique`` on large arrays)."""
    values = np.sort(values)
    if len(values) < 2:
        return values
    out: IntArray = values[np.r_[True, values[1:] != values[:-1]]]
    return out


def sort_rank(prepared: pd.DataFrame, order: Sequence[str]) -> IntArray:
    """Each record's position when the input is sorted by ``order`` (first column first)."""
    keys = [pd.factorize(prepared[c], sort=True)[0] for c in reversed(order)]
    rank = np.empty(len(prepared), dtype=np.int64)
    rank[np.lexsort(keys) if keys else np.arange(len(prepared))] = np.arange(len(prepared))
    return rank


def _all_pairs_limit(sizes: IntArray, window: int) -> int:
    """Largest block size compared in full within the rule's budget of pairs.

    A small input gets every pair of its blocks, as without a window; as blocks grow
    with the input, the larger ones fall back to the sorted neighbourhood first, until
    all do and the rule's pairs grow linearly with the input.
    """
    size, count = np.unique(sizes, return_counts=True)
    return all_pairs_limit(size, count, window)


def all_pairs_limit(size: IntArray, count: IntArray, window: int) -> int:
    """:func:`_all_pairs_limit` from the distinct block sizes (ascending) and their counts."""
    full = np.cumsum(count * size * (size - 1) // 2)  # all pairs of blocks up to each size
    windowed = count * np.where(size > window, size * window - window * (window + 1) // 2,
                                size * (size - 1) // 2)  # fmt: skip
    beyond = windowed[::-1].cumsum()[::-1] - windowed  # windowed pairs of larger blocks
    within = np.flatnonzero(full + beyond <= ALL_PAIRS_BUDGET)
    return int(size[within[-1]]) if len(within) else window + 1


def _pairs_in_groups(
    codes: IntArray, rows: IntArray, max_block: int, window: int | None = None
) -> tuple[IntArray, IntArray]:
    """Pairs of rows sharing a code, given sorted by code (then by the block's order).

    All pairs of a block, or with a ``window`` each row with the next ``window`` rows.
    """
    starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]])
    sizes = np.diff(np.r_[starts, len(codes)])
    keep = (sizes > 1) & ((sizes <= max_block) | (window is not None))
    if not keep.any():
        empty = np.empty(0, dtype=np.int64)
        return empty, empty
    group_end = np.repeat(starts + sizes, sizes)
    pos = np.arange(len(codes))
    partners = group_end - pos - 1
    partners[~np.repeat(keep, sizes)] = 0
    if window is not None:
        large = np.repeat(sizes > _all_pairs_limit(sizes, window), sizes)
        partners[large] = np.minimum(partners[large], window)
    total = int(partners.sum())
    left = np.repeat(pos, partners)
    offset = np.arange(total) - np.repeat(np.cumsum(partners) - partners, partners)
    right = left + 1 + offset
    a, b = rows[left], rows[right]
    return np.minimum(a, b), np.maximum(a, b)


def _present(values: pd.Series) -> np.ndarray[tuple[int], np.dtype[np.bool_]]:
    empty: object = "" if values.dtype == object else 0
    out: np.ndarray[tuple[int], np.dtype[np.bool_]] = (values != empty).to_numpy()
    return out


def rule_pair_keys(
    prepared: pd.DataFrame, rule: BlockingRule, max_block: int, rank: IntArray | None = None
) -> IntArray:
    """Pairs one rule generates, encoded as ``left * n + right`` (sorted, distinct).

    ``rank`` is :func:`sort_rank` of the rule's order (computed here when not given).
    """
    n = len(prepared)
    columns = rule.keys(prepared)
    values = pd.concat(columns, ignore_index=True)
    valid = _present(values)
    codes = pd.factorize(values[valid])[0].astype(np.int64)
    rows = np.tile(np.arange(n, dtype=np.int64), len(columns))[valid]
    if rule.window is None:
        rank = None
    elif rank is None:
        rank = sort_rank(prepared, rule.order)
    # One sort by code, then by row (or the rule's order); a record listed twice under
    # one key appears once.
    ordered = _distinct(codes * n + (rows if rank is None else rank[rows]))
    codes, rows = ordered // n, ordered % n
    if rank is not None:  # back from places in the order to rows
        row_at = np.empty(n, dtype=np.int64)
        row_at[rank] = np.arange(n)
        rows = row_at[rows]
    left, right = _pairs_in_groups(codes, rows, max_block, rule.window)
    return _distinct(left * n + right)


def candidate_pairs(
    prepared: pd.DataFrame,
    rules: Sequence[BlockingRule] = DEFAULT_RULES,
    link_only: bool = False,
    max_block: int = 2000,
    by_rule: dict[str, IntArray] | None = None,
) -> tuple[IntArray, IntArray]:
    """Row positions (left < right) of every pair that some rule puts in one block.

    With ``link_only`` only pairs from different sources are kept (Febrl4-style linking);
    otherwise pairs within a source are candidates too. In rules without a window, blocks
    larger than ``max_block`` are skipped: a key that common carries no evidence worth
    its quadratic cost; windowed rules pair neighbours in blocks of any size.
    """
    n = len(prepared)
    ranks: dict[tuple[str, ...], IntArray] = {}
    found = []
    for rule in rules:
        if rule.window is not None and rule.order not in ranks:
            ranks[rule.order] = sort_rank(prepared, rule.order)
        found.append(rule_pair_keys(prepared, rule, max_block, ranks.get(rule.order)))
    if by_rule is not None:  # training reuses each rule's pairs instead of re-blocking
        by_rule.update({rule.name: keys for rule, keys in zip(rules, found, strict=True)})
    merged = _distinct(np.concatenate(found)) if found else np.empty(0, dtype=np.int64)
    left, right = merged // n, merged % n
    if link_only:
        src = pd.factorize(prepared["source"])[0]
        cross = src[left] != src[right]
        left, right = left[cross], right[cross]
    return left, right
