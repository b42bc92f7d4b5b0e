"""Guards over the model's weights: siblings, a generation apart, namesakes.

The Fellegi–Sunter sum treats fields as independent; family members break that, sharing
surnames, address and phone, and common names make a name with an age weak evidence in a
large file. These rules run after scoring and only ever lower a weight.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd  # type: ignore[import-untyped]

from enlace.resolution.engine.columns import Encoded, IntArray, term_frequencies
from enlace.resolution.engine.comparisons import Comparison
from enlace.resolution.engine.fellegi_sunter import Floats, LevelMatrix

Bools = np.ndarray[Any, np.dtype[np.bool_]]
CLOSE_BIRTH = ("null", "exact", "day_month_swapped", "one_typo")
# Levels that corroborate a name beyond coincidence: a date, a number or an address.
CORROBORATION: dict[str, tuple[str, ...]] = {
    "birth": ("exact", "day_month_swapped", "one_typo", "two_typos_or_year"),
    "phone": ("exact", "same_last_7"),
    "email": ("exact", "local_part_close"),
    "id_number": ("exact", "one_edit"),
    "curp": ("consistent", "mostly_consistent"),
    "address": ("exact", "jw_0.90"),
}
# Weight a name-only pair is held to when namesakes are expected: probability 0.4, below
# every merge threshold but still in the review queue.
NAMESAKE_CAP = -0.585


def _level_index(comparison: Comparison, name: str) -> int:
    return comparison.levels.index(name)


def uncorroborated(levels: LevelMatrix, comparisons: tuple[Comparison, ...]) -> Bools:
    """Pairs agreeing on nothing but names, an age or a place."""
    out = np.ones(len(levels), dtype=bool)
    for j, c in enumerate(comparisons):
        if c.name in CORROBORATION:
            out &= ~np.isin(levels[:, j], [_level_index(c, x) for x in CORROBORATION[c.name]])
    return out


def _generation_apart(e: Encoded, left: IntArray, right: IntArray) -> Bools:
    """Births a generation apart, beyond one mistyped year digit: father and son.

    A father and son of one name share a household, phone and address; only the dates
    tell them apart. A year typo (one digit, 1953 / 1983, or two swapped, 1941 / 1914) is
    excused only when month and day agree; an age from a tip must miss by as much.
    """
    f = e.frame
    lo, hi = (f[c].to_numpy().astype(np.int32) for c in ("ylo", "yhi"))
    gap = np.maximum(lo[left] - hi[right], lo[right] - hi[left])
    # Parent and child: 15 to 45 years apart. Wider gaps are data errors, not families.
    far = (lo[left] > 0) & (lo[right] > 0) & (gap >= 15) & (gap <= 45)
    y = f["byear"].to_numpy().astype(np.int32)
    md = f["bmonth"].to_numpy().astype(np.int32) * 32 + f["bday"].to_numpy()
    a, b = y[left], y[right]
    digits = sum(((a // 10**k) % 10 != (b // 10**k) % 10).astype(int) for k in range(4))
    swapped = np.zeros(len(left), dtype=bool)
    for k in range(3):  # digits k and k + 1 exchanged
        da, db = (a // 10**k) % 10, (a // 10 ** (k + 1)) % 10
        swapped |= a + (db - da) * 10**k + (da - db) * 10 ** (k + 1) == b
    keyed = (digits == 1) | ((digits == 2) & swapped)
    typo = (a > 0) & (b > 0) & keyed & (md[left] == md[right])
    out: Bools = far & ~typo
    return out


def vouched(
    left: IntArray, right: IntArray, prob: Floats, held: Bools, strong: float = 0.9
) -> Bools:
    """Held pairs whose records are both strongly matched to one same third record.

    A tip naming "Juan García, about 24" whose phone matches a prosecutor's file, which in
    turn matches a border record by full name and date of birth: the tip and the border
    record are corroborated through that file, not by their names alone.
    """
    sure = (prob >= strong) & ~held
    a = np.r_[left[sure], right[sure]]
    b = np.r_[right[sure], left[sure]]
    edges = pd.DataFrame({"x": a, "k": b})
    wanted = pd.DataFrame({"x": left[held], "y": right[held], "pair": np.flatnonzero(held)})
    via = wanted.merge(edges, on="x").merge(edges.rename(columns={"x": "y"}), on=["y", "k"])
    out = np.zeros(len(left), dtype=bool)
    out[via["pair"].to_numpy()] = True
    return out


def contested(left: IntArray, right: IntArray, prob: Floats, held: Bools) -> Bools:
    """Held pairs where either record has another plausible partner of another person.

    If the tip "Ana Torres, 40" fits two records that do not match each other, the names
    and age cannot say which one it is. A partner counts as the same person when it is
    strongly matched (probability >= 0.9) to the pair's other record.
    """
    plausible = prob >= 0.5
    a = np.r_[left[plausible], right[plausible]]
    b = np.r_[right[plausible], left[plausible]]
    edges = pd.DataFrame({"x": a, "k": b})
    strong = prob >= 0.9
    n = int(max(left.max(initial=0), right.max(initial=0))) + 1
    sure = np.r_[left[strong] * n + right[strong], right[strong] * n + left[strong]]
    idx = np.flatnonzero(held)
    out = np.zeros(len(left), dtype=bool)
    for x, y in ((left, right), (right, left)):
        wanted = pd.DataFrame({"x": x[idx], "y": y[idx], "pair": idx})
        m = wanted.merge(edges, on="x")
        m = m[m["k"] != m["y"]]
        other = ~np.isin(m["y"].to_numpy() * n + m["k"].to_numpy(), sure)
        out[m["pair"].to_numpy()[other]] = True
    return out


def expected_namesakes(
    e: Encoded,
    left: IntArray,
    right: IntArray,
    levels: LevelMatrix,
    comparisons: tuple[Comparison, ...],
) -> Floats:
    """Records expected to share this given name and surname by chance, in this input.

    From the frequencies of each name in the input (the commoner surname of the two
    records), so "Juan García" is common in a Mexican file and "Zempoalteca" is not; a
    larger input makes every name-only match less certain, as it should.
    """
    given = term_frequencies(e, "given")
    sur = term_frequencies(e, "sur1")
    sur2 = term_frequencies(e, "sur2")
    gl, sl, sr = e.codes["given"][left], e.codes["sur1"][left], e.codes["sur1"][right]
    return namesakes_from_frequencies(
        e.n, given[gl], sur[sl], sur[sr], sur2[e.codes["sur2"][left]], levels, comparisons
    )


def namesakes_from_frequencies(
    n: int,
    given: Floats,
    sur_left: Floats,
    sur_right: Floats,
    sur2_left: Floats,
    levels: LevelMatrix,
    comparisons: tuple[Comparison, ...],
) -> Floats:
    """:func:`expected_namesakes` from each pair's name frequencies among ``n`` records
    (the left record's given name and second surname, both first surnames)."""
    out: Floats = n * given * np.maximum(sur_left, sur_right)
    names = [c.name for c in comparisons]
    if "surname" in names:  # both surnames agree: the full name is that much rarer
        j = names.index("surname")
        both = np.isin(levels[:, j], [_level_index(comparisons[j], "both_exact"),
                                      _level_index(comparisons[j], "both_reordered")])  # fmt: skip
        second = np.where(sur2_left > 0, sur2_left, sur_right)
        out[both] *= np.maximum(second[both], 1.0 / n)
    return out


def siblings(
    e: Encoded,
    left: IntArray,
    right: IntArray,
    levels: LevelMatrix,
    comparisons: tuple[Comparison, ...],
) -> Bools:
    """Pairs with clearly different given names and no close date of birth: never one person.

    Siblings share surnames, address and phone, which otherwise add up to a match. Two
    dates two edits apart count as close only within a year of each other; given names
    of the other sex (as recorded, or as the names imply), or two different real given
    names (twins), mark siblings whatever the dates; so do births a generation apart.
    Only the same personal ID number (of one kind, up to two typos) lifts the guard.
    """
    names = [c.name for c in comparisons]
    if "given_name" not in names or "birth" not in names:
        return np.zeros(len(levels), dtype=bool)
    g, b = names.index("given_name"), names.index("birth")
    given_else = levels[:, g] == _level_index(comparisons[g], "else")
    close_birth = np.isin(levels[:, b], [_level_index(comparisons[b], x) for x in CLOSE_BIRTH])
    years = e.frame["byear"].to_numpy().astype(np.int32)
    close_birth |= (levels[:, b] == _level_index(comparisons[b], "two_typos_or_year")) & (
        np.abs(years[left] - years[right]) <= 1
    )
    recorded = np.where(e.frame["sex"] != "", e.frame["sex"], e.frame["name_sex"])
    sex = pd.factorize(np.r_[[""], recorded])[0][1:]  # integer codes, 0 = unknown
    other_sex = (sex[left] != 0) & (sex[right] != 0) & (sex[left] != sex[right])
    # Two different given names that are both real names (not one a typo of the other):
    # twins share everything else, a date of birth included.
    known = (e.frame["name_sex"] != "").to_numpy()
    guard = given_else & (~close_birth | other_sex | (known[left] & known[right]))
    guard |= _generation_apart(e, left, right)
    if "id_number" in names:  # a shared personal ID number outweighs the family likeness
        i, id_levels = names.index("id_number"), comparisons[names.index("id_number")]
        same_id = [_level_index(id_levels, x) for x in ("exact", "one_edit", "two_edits")]
        guard &= ~np.isin(levels[:, i], same_id)  # mistyped characters included
    out: Bools = guard
    return out
