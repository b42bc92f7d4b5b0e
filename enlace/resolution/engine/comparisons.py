"""Comparison levels per field, computed for arrays of record pairs at once.

Every comparison returns one small integer per pair: 0 means "nothing to compare" (a side
is empty; weight neutral), 1.. are levels from strongest to weakest agreement. Levels are
assigned in order: the first condition that holds wins, as in Splink's comparison levels.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from enlace.resolution.engine.columns import Encoded, IntArray

BoolArray = np.ndarray[Any, np.dtype[np.bool_]]
LevelArray = np.ndarray[tuple[int], np.dtype[np.int8]]


@dataclass(frozen=True)
class Comparison:
    name: str
    levels: tuple[str, ...]  # index 0 is always "null"
    compute: Callable[[Encoded, IntArray, IntArray], LevelArray]
    tf_column: str | None = None  # term-frequency adjusted column for the exact levels
    tf_levels: tuple[int, ...] = ()
    # Ceiling on m of the "else" level: a flat contradiction among true matches is a data
    # error, rarer than unsupervised EM concludes when namesakes crowd a block.
    max_else_m: float | None = None


def _assign(n: int, null: BoolArray, conditions: list[BoolArray]) -> LevelArray:
    out = np.full(n, len(conditions) + 1, dtype=np.int8)  # the "else" level
    for level in range(len(conditions), 0, -1):
        out[conditions[level - 1]] = level
    out[null] = 0
    return out


def _swapped(e: Encoded, il: IntArray, ir: IntArray) -> BoolArray:
    """Given name and surname written in each other's place."""
    g_s = e.similarity("given", "sur1", il, ir)
    s_g = e.similarity("sur1", "given", il, ir)
    return (g_s >= 0.9) & (s_g >= 0.9)


def given_name(e: Encoded, il: IntArray, ir: IntArray) -> LevelArray:
    gl, gr = e.codes["given"][il], e.codes["given"][ir]
    same = (gl == gr) & (gl != 0)
    ml, mr = e.codes["mid_first"][il], e.codes["mid_first"][ir]
    vocab = e.vocab["mid_first"]
    initial_l = np.array([v[:1] for v in vocab], dtype=object)[ml]
    initial_r = np.array([v[:1] for v in vocab], dtype=object)[mr]
    middle_conflict = (ml != 0) & (mr != 0) & (ml != mr) & (initial_l != initial_r)
    sim = e.similarity("given", "given", il, ir)
    init_l = np.array([len(v) == 1 for v in vocab], dtype=bool)[gl]
    init_r = np.array([len(v) == 1 for v in vocab], dtype=bool)[gr]
    first_l = np.array([v[:1] for v in vocab], dtype=object)
    initial_match = (init_l | init_r) & (first_l[gl] == first_l[gr]) & (gl != 0) & (gr != 0)
    partial = (
        e.equal("given", "mid_first", il, ir)
        | e.equal("mid_first", "given", il, ir)
        | initial_match
    )
    swapped = _swapped(e, il, ir)
    null = ((gl == 0) | (gr == 0)) & ~swapped
    return _assign(
        len(il),
        null,
        [
            same & ~middle_conflict,
            same,
            swapped & ~same,
            sim >= 0.92,
            partial,
            sim >= 0.8,
        ],
    )


GIVEN = Comparison(
    "given_name",
    ("null", "exact", "exact_middle_differs", "swapped", "jw_0.92", "partial_or_initial",
     "jw_0.80", "else"),
    given_name,
    tf_column="given",
    tf_levels=(1, 2),
    max_else_m=0.1,
)  # fmt: skip


def _both_found(e: Encoded, il: IntArray, ir: IntArray) -> BoolArray:
    """Both surnames of the left record appear among the right's surname slots.

    "Sofía González Sánchez" and "SANCHEZ, SOFIA GONZALEZ" (maternal first, paternal as a
    middle name): two surnames agreeing in another order, far stronger than one.
    """

    def found(col: str) -> BoolArray:
        out: BoolArray = e.equal(col, "sur1", il, ir) | e.equal(col, "sur2", il, ir)
        return out | e.equal(col, "mid_last", il, ir)

    s1, s2, ml = (e.codes[c][il] for c in ("sur1", "sur2", "mid_last"))
    second = np.where(s2 != 0, found("sur2"), found("mid_last"))
    other = np.where(s2 != 0, s2, ml)
    out: BoolArray = found("sur1") & second & (other != 0) & (other != s1)
    return out


def surname(e: Encoded, il: IntArray, ir: IntArray) -> LevelArray:
    s1 = e.equal("sur1", "sur1", il, ir)
    s2l, s2r = e.codes["sur2"][il], e.codes["sur2"][ir]
    s2_sim = e.similarity("sur2", "sur2", il, ir)
    one_missing = (s2l == 0) | (s2r == 0)
    # The same surname in another slot: maternal as only surname, surname written as a
    # middle name, or a surname recorded in the given-name field.
    cross = (
        e.equal("sur1", "sur2", il, ir)
        | e.equal("sur2", "sur1", il, ir)
        | e.equal("sur1", "mid_last", il, ir)
        | e.equal("mid_last", "sur1", il, ir)
        | e.equal("sur1", "given", il, ir)
        | e.equal("given", "sur1", il, ir)
    )
    # "Black Well" / "Blackwell", "López Ramírez" / "Lopez-Ramirez": compare both surnames
    # run together as well as the first alone.
    sim = np.maximum(
        e.similarity("sur1", "sur1", il, ir), e.similarity("sur_joined", "sur_joined", il, ir)
    )
    swapped = _swapped(e, il, ir)
    reordered = _both_found(e, il, ir) & _both_found(e, ir, il)
    has_l = (e.codes["sur1"][il] != 0) | (s2l != 0)
    has_r = (e.codes["sur1"][ir] != 0) | (s2r != 0)
    # A swapped pair is scored once, by the given-name comparison.
    return _assign(
        len(il),
        ~has_l | ~has_r | (swapped & ~s1),
        [
            s1 & (s2_sim >= 0.9),
            s1 & one_missing,
            reordered,
            s1,
            cross,
            sim >= 0.92,
            sim >= 0.8,
        ],
    )


SURNAME = Comparison(
    "surname",
    ("null", "both_exact", "paternal_exact", "both_reordered", "maternal_differs", "cross_position",
     "jw_0.92", "jw_0.80", "else"),
    surname,
    tf_column="sur1",
    tf_levels=(1, 2, 4),
)  # fmt: skip


def birth(e: Encoded, il: IntArray, ir: IntArray) -> LevelArray:
    f = e.frame
    yl, yr = f["byear"].to_numpy()[il], f["byear"].to_numpy()[ir]
    ml, mr = f["bmonth"].to_numpy()[il], f["bmonth"].to_numpy()[ir]
    dl, dr = f["bday"].to_numpy()[il], f["bday"].to_numpy()[ir]
    lo_l, lo_r = f["ylo"].to_numpy()[il], f["ylo"].to_numpy()[ir]
    hi_l, hi_r = f["yhi"].to_numpy()[il], f["yhi"].to_numpy()[ir]
    full = (yl > 0) & (yr > 0) & (ml > 0) & (mr > 0)
    exact = full & (yl == yr) & (ml == mr) & (dl == dr)
    swap = full & (yl == yr) & (ml == dr) & (dl == mr)
    dist = e.distance("dob", "dob", il, ir)
    known = (lo_l > 0) & (lo_r > 0)
    overlap = (lo_l <= hi_r) & (lo_r <= hi_l) & known
    near = (lo_l - 1 <= hi_r) & (lo_r - 1 <= hi_l) & known
    within_year = full & (np.abs(yl.astype(np.int32) - yr) <= 1) & (ml == mr)
    return _assign(
        len(il),
        ~known,
        [
            exact,
            swap,
            full & (dist == 1),
            ~full & _age_close(f, il, ir),
            ~full & overlap,
            full & ((dist == 2) | within_year),
            ~full & near,
        ],
    )


def _age_close(f: Any, il: IntArray, ir: IntArray) -> BoolArray:
    """A stated age N that fits the other record: born N or N+1 years before the report.

    The wider window of "about N" still matches, at the weaker ``age_window`` level, and
    one year beyond it at ``age_near``: evidence weighted by how well the age fits.
    """
    a = f["ayear"].to_numpy().astype(np.int32)
    y = np.where(a > 0, 0, f["byear"].to_numpy().astype(np.int32))
    al, ar, yl, yr = a[il], a[ir], y[il], y[ir]
    tip_vs_date = ((al > 0) & (yr > 0) & (yr >= al - 1) & (yr <= al)) | (
        (ar > 0) & (yl > 0) & (yl >= ar - 1) & (yl <= ar)
    )
    out: BoolArray = tip_vs_date | ((al > 0) & (ar > 0) & (np.abs(al - ar) <= 1))
    return out


BIRTH = Comparison(
    "birth",
    ("null", "exact", "day_month_swapped", "one_typo", "age_close", "age_window",
     "two_typos_or_year", "age_near", "else"),
    birth,
    max_else_m=0.05,
)  # fmt: skip


def _exact_fuzzy(
    column: str, threshold: float
) -> Callable[[Encoded, IntArray, IntArray], LevelArray]:
    def compute(e: Encoded, il: IntArray, ir: IntArray) -> LevelArray:
        sim = e.similarity(column, column, il, ir)
        return _assign(len(il), sim < 0, [e.equal(column, column, il, ir), sim >= threshold])

    return compute


def sex(e: Encoded, il: IntArray, ir: IntArray) -> LevelArray:
    null = ~e.present("sex", il) | ~e.present("sex", ir)
    return _assign(len(il), null, [e.equal("sex", "sex", il, ir)])


SEX = Comparison("sex", ("null", "agree", "disagree"), sex)


def phone(e: Encoded, il: IntArray, ir: IntArray) -> LevelArray:
    null = ~e.present("phone", il) | ~e.present("phone", ir)
    same_tail = e.equal("phone_tail", "phone_tail", il, ir)
    return _assign(len(il), null, [e.equal("phone", "phone", il, ir), same_tail])


PHONE = Comparison("phone", ("null", "exact", "same_last_7", "else"), phone)


def email(e: Encoded, il: IntArray, ir: IntArray) -> LevelArray:
    null = ~e.present("email", il) | ~e.present("email", ir)
    local = e.similarity("email_local", "email_local", il, ir)
    return _assign(len(il), null, [e.equal("email", "email", il, ir), local >= 0.92])


EMAIL = Comparison("email", ("null", "exact", "local_part_close", "else"), email)


def id_number(e: Encoded, il: IntArray, ir: IntArray) -> LevelArray:
    """ID numbers of the same kind only: a CURP says nothing against an A-number."""
    dist = e.distance("idn", "idn", il, ir)
    kinds = e.codes["id_kind"]
    return _assign(
        len(il), (dist < 0) | (kinds[il] != kinds[ir]), [dist == 0, dist == 1, dist == 2]
    )


ID_NUMBER = Comparison("id_number", ("null", "exact", "one_edit", "two_edits", "else"), id_number)


def curp_consistency(e: Encoded, il: IntArray, ir: IntArray) -> LevelArray:
    """A CURP on one side against the name and date of birth written on the other."""
    has_l, has_r = e.present("curp_prefix", il), e.present("curp_prefix", ir)
    one_sided = has_l ^ has_r
    holder = np.where(has_l, il, ir)
    other = np.where(has_l, ir, il)
    # Letters are compared only where one side alone has a CURP: every other pair is null.
    agree = np.full(len(il), -1, dtype=np.int8)
    rows = np.flatnonzero(one_sided)
    prefixes = e.vocab["curp_prefix"][e.codes["curp_prefix"][holder[rows]]]
    names = e.vocab["name_prefix"][e.codes["name_prefix"][other[rows]]]
    agree[rows] = np.fromiter(
        (
            sum(b in (a, "?") for a, b in zip(p, q, strict=False)) if p and q else -1
            for p, q in zip(prefixes.tolist(), names.tolist(), strict=True)
        ),
        dtype=np.int8,
        count=len(rows),
    )
    dob_same = e.codes["curp_dob"][holder] != 0
    dob_other = e.vocab["dob"][e.codes["dob"][other]]
    curp_dob = e.vocab["curp_dob"][e.codes["curp_dob"][holder]]
    dob_match = dob_same & (dob_other == curp_dob)
    dob_known = e.codes["dob"][other] != 0
    # Letters agreeing with a record that has no date only repeat the name comparison.
    null = ~one_sided | (agree < 0) | ((agree >= 3) & ~dob_known)
    return _assign(
        len(il),
        null,
        [(agree == 4) & dob_match, (agree >= 3) & dob_match],
    )


CURP = Comparison(
    "curp", ("null", "consistent", "mostly_consistent", "inconsistent"), curp_consistency
)


def address(e: Encoded, il: IntArray, ir: IntArray) -> LevelArray:
    sim = e.similarity("address", "address", il, ir)
    same_no = e.equal("street_no", "street_no", il, ir)
    return _assign(
        len(il),
        sim < 0,
        [e.equal("address", "address", il, ir), sim >= 0.9, same_no & (sim >= 0.7)],
    )


ADDRESS = Comparison(
    "address", ("null", "exact", "jw_0.90", "same_number_jw_0.70", "else"), address
)


def place(e: Encoded, il: IntArray, ir: IntArray) -> LevelArray:
    pc = e.equal("postcode", "postcode", il, ir)
    city = e.equal("city", "city", il, ir)
    pc_dist = e.distance("postcode", "postcode", il, ir)
    city_sim = e.similarity("city", "city", il, ir)
    state = e.equal("state", "state", il, ir)
    null = (pc_dist < 0) & (city_sim < 0) & ~state
    return _assign(len(il), null, [pc & city, pc, city | (city_sim >= 0.92), pc_dist == 1, state])


PLACE = Comparison(
    "place",
    ("null", "postcode_and_city", "postcode", "city", "postcode_one_edit", "state", "else"),
    place,
)

DEFAULT_COMPARISONS: tuple[Comparison, ...] = (
    GIVEN, SURNAME, BIRTH, SEX, PHONE, EMAIL, ID_NUMBER, CURP, ADDRESS, PLACE,
)  # fmt: skip


def compare(
    e: Encoded, il: IntArray, ir: IntArray, comparisons: tuple[Comparison, ...]
) -> np.ndarray[Any, np.dtype[np.int8]]:
    """Level matrix (pairs x comparisons)."""
    out = np.zeros((len(il), len(comparisons)), dtype=np.int8)
    e.forget()
    for j, comparison in enumerate(comparisons):
        out[:, j] = comparison.compute(e, il, ir)
    e.forget()
    return out
