"""Prepared columns encoded as integer codes, and string similarity computed per distinct pair.

Name tokens share one vocabulary, so "García" as paternal surname on one record and as
maternal surname or middle name on another compare as equal integers. Similarities are
computed once per distinct pair of values (blocking repeats the same pairs of names many
times), in rapidfuzz's multi-threaded C++ kernels.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd  # type: ignore[import-untyped]
from rapidfuzz.distance import DamerauLevenshtein, JaroWinkler
from rapidfuzz.process import cpdist

# Up to this many records (or distinct value pairs) plain Python lists and one thread beat
# pandas' and rapidfuzz's per-call setup: incremental resolution compares a few dozen.
SMALL_INPUT = 2000

IntArray = np.ndarray[tuple[int], np.dtype[np.int64]]
FloatArray = np.ndarray[tuple[int], np.dtype[np.float32]]

NAME_COLUMNS = ("given", "sur1", "sur2", "mid_first", "mid_last")
OTHER_COLUMNS = (
    "dob", "phone", "phone_tail", "email", "email_local", "idn", "address", "street_no",
    "city", "state", "postcode", "sex", "curp_prefix", "curp_dob", "name_prefix", "sur_joined",
    "id_kind",
)  # fmt: skip


def _id_kind(value: str) -> str:
    if not value:
        return ""
    if len(value) == 18 and value[:4].isalpha():
        return "curp"
    if value[0] == "A" and value[1:].isdigit():
        return "a_number"
    return "other"


class Encoded:
    """Integer codes (0 = empty) for the prepared columns, plus the values behind them."""

    def __init__(self, prepared: pd.DataFrame) -> None:
        self.frame = prepared
        self.codes: dict[str, IntArray] = {}
        self.vocab: dict[str, np.ndarray[Any, np.dtype[np.object_]]] = {}
        self.n = len(prepared)
        if self.n <= SMALL_INPUT:
            self._encode_small(prepared)
        else:
            self._encode_large(prepared)
        self._memo: dict[tuple[str, str, int, int, int], FloatArray] = {}

    def _encode_large(self, prepared: pd.DataFrame) -> None:
        middle = prepared["middle"].str.split(" ")
        derived = {
            "mid_first": middle.str[0].fillna(""),
            # A last middle word (not an initial) may be a surname written as a middle name.
            "mid_last": middle.str[-1].where(middle.str[-1].str.len() > 1, "").fillna(""),
            "email_local": prepared["email"].str.split("@").str[0].fillna(""),
            "id_kind": prepared["idn"].map(_id_kind),
            "sur_joined": (prepared["sur1"] + prepared["sur2"]).str.replace(" ", ""),
        }
        self._encode([derived.get(c, prepared.get(c)) for c in NAME_COLUMNS], NAME_COLUMNS)
        for col in OTHER_COLUMNS:
            self._encode([derived[col] if col in derived else prepared[col]], (col,))

    def _encode_small(self, prepared: pd.DataFrame) -> None:
        """The same codes as the pandas path (first appearance order, "" first), from lists."""
        read = ("given", "middle", "sur1", "sur2", "email", "idn", *OTHER_COLUMNS)
        values = {c: prepared[c].tolist() for c in read if c in prepared.columns}
        middle = [m.split(" ") if isinstance(m, str) else [""] for m in values["middle"]]
        derived = {
            "mid_first": [m[0] for m in middle],
            "mid_last": [m[-1] if len(m[-1]) > 1 else "" for m in middle],
            "email_local": [v.split("@")[0] if isinstance(v, str) else "" for v in values["email"]],
            "id_kind": [_id_kind(v) for v in values["idn"]],
            "sur_joined": [
                (a + b).replace(" ", "")
                for a, b in zip(values["sur1"], values["sur2"], strict=True)
            ],
        }
        values.update(derived)
        self._factorize([values[c] for c in NAME_COLUMNS], NAME_COLUMNS)
        for col in OTHER_COLUMNS:
            self._factorize([values[col]], (col,))

    def _factorize(self, columns: list[list[Any]], names: tuple[str, ...]) -> None:
        index: dict[str, int] = {"": 0}
        codes = np.array(
            [
                index.setdefault(v if type(v) is str else str(v), len(index))
                for values in columns
                for v in values
            ],
            dtype=np.int64,
        )
        vocab = np.empty(len(index), dtype=object)
        vocab[:] = list(index)
        for i, name in enumerate(names):
            self.codes[name] = codes[i * self.n : (i + 1) * self.n]
            self.vocab[name] = vocab

    def forget(self) -> None:
        """Drop memoised similarities (call between batches of pairs)."""
        self._memo.clear()

    def _encode(self, series: list[Any], names: tuple[str, ...]) -> None:
        values = pd.concat([pd.Series([""]), *series], ignore_index=True).astype(str)
        codes, uniques = pd.factorize(values)
        codes = codes[1:].astype(np.int64)
        n = len(series[0])
        for i, name in enumerate(names):
            self.codes[name] = codes[i * n : (i + 1) * n]
            self.vocab[name] = np.asarray(uniques, dtype=object)

    def present(self, col: str, rows: IntArray) -> np.ndarray[Any, np.dtype[np.bool_]]:
        out: np.ndarray[Any, np.dtype[np.bool_]] = self.codes[col][rows] != 0
        return out

    def equal(
        self, col_l: str, col_r: str, il: IntArray, ir: IntArray
    ) -> np.ndarray[Any, np.dtype[np.bool_]]:
        """Both present and equal (columns must share a vocabulary)."""
        a, b = self.codes[col_l][il], self.codes[col_r][ir]
        out: np.ndarray[Any, np.dtype[np.bool_]] = (a == b) & (a != 0)
        return out

    def similarity(
        self,
        col_l: str,
        col_r: str,
        il: IntArray,
        ir: IntArray,
        scorer: Callable[..., Any] = JaroWinkler.normalized_similarity,
    ) -> FloatArray:
        """Similarity per pair, -1 where either side is empty (memoised per pair batch)."""
        memo_key = (col_l, col_r, id(scorer), il.__array_interface__["data"][0], len(il))
        if memo_key in self._memo:
            return self._memo[memo_key]
        a, b = self.codes[col_l][il], self.codes[col_r][ir]
        out = np.full(len(a), -1.0, dtype=np.float32)
        both = (a != 0) & (b != 0)
        if not both.any():
            return out
        width = np.int64(max(len(self.vocab[col_l]), len(self.vocab[col_r])))
        combined = a[both] * width + b[both]
        distinct, inverse = np.unique(combined, return_inverse=True)
        left = self.vocab[col_l][distinct // width].tolist()
        right = self.vocab[col_r][distinct % width].tolist()
        # Threads pay off on large batches only: starting them costs more than a few pairs.
        workers = -1 if len(left) > SMALL_INPUT else 1
        scores = cpdist(left, right, scorer=scorer, workers=workers, dtype=np.float32)
        out[both] = scores[inverse]
        self._memo[memo_key] = out
        return out

    def distance(self, col_l: str, col_r: str, il: IntArray, ir: IntArray) -> FloatArray:
        """Damerau-Levenshtein edit distance per pair, -1 where either side is empty."""
        return self.similarity(col_l, col_r, il, ir, scorer=DamerauLevenshtein.distance)


def term_frequencies(e: Encoded, column: str) -> np.ndarray[Any, np.dtype[np.float64]]:
    """Share of non-empty records holding each value code of ``column`` (code 0 gets 0)."""
    counts = np.bincount(e.codes[column]).astype(np.float64)
    counts[0] = 0.0
    total = counts.sum()
    return counts / total if total else counts
