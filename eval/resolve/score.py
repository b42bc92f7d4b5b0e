"""Score Enlace and a competent Splink model on the cross-border labelled set.

    .venv/bin/python eval/resolve/score.py [--csv eval/resolve/crossborder.csv]

Pairwise precision, recall and F1 of predicted pairs (match probability >= 0.5) against
``entity_id``. The Splink model gets the standard preparation a careful analyst would
write without cross-border knowledge: accents and case folded, "SURNAME, GIVEN" commas
read, first token as first name and last as surname, dates parsed per source convention,
phones reduced to their last ten digits; Jaro-Winkler name comparisons with term
frequencies, date-of-birth, phone and city comparisons, EM on two blocking rules.
"""

from __future__ import annotations

import argparse
import logging
import re
import sys
import time
import unicodedata
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from enlace.resolution.engine import ResolverConfig, prepare, score_pairs

HERE = Path(__file__).parent
REFERENCE_YEAR = 2025


def truth_pairs(entity: np.ndarray) -> set[tuple[int, int]]:
    g = pd.DataFrame({"i": np.arange(len(entity)), "e": entity})
    m = g.merge(g, on="e")
    m = m[m.i_x < m.i_y]
    return set(zip(m.i_x.tolist(), m.i_y.tolist(), strict=True))


def prf(pred: set[tuple[int, int]], truth: set[tuple[int, int]]) -> tuple[float, float, float]:
    tp = len(pred & truth)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(truth) if truth else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def run_enlace(df: pd.DataFrame, threshold: float = 0.5) -> set[tuple[int, int]]:
    scored = score_pairs(prepare(df, REFERENCE_YEAR), ResolverConfig()).above(threshold)
    return set(zip(scored.left.tolist(), scored.right.tolist(), strict=True))


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return re.sub(r"[^a-z ]", " ", "".join(c for c in text if not unicodedata.combining(c)).lower())


def _standard(df: pd.DataFrame) -> pd.DataFrame:
    first, last = [], []
    for full, given, sur in zip(df.full_name, df.given_names, df.surname_1, strict=True):
        if given or sur:
            f, s = _fold(given).split(), _fold(sur).split()
        elif "," in full:
            before, _, after = full.partition(",")
            f, s = _fold(after).split(), _fold(before).split()[:1]
        else:
            words = _fold(full).split()
            f, s = words[:-1], words[-1:]
        first.append(f[0] if f else None)
        last.append(s[-1] if s and "," not in full and not sur else (s[0] if s else None))
    dob = []
    for raw, country in zip(df.dob, df.country, strict=True):
        value = None
        for fmt in ("%Y-%m-%d", "%d/%m/%Y" if country == "MX" else "%m/%d/%Y"):
            try:
                value = pd.to_datetime(raw, format=fmt).strftime("%Y-%m-%d")
                break
            except (ValueError, TypeError):
                continue
        dob.append(value)
    phone = df.phone.str.replace(r"\D", "", regex=True).str[-10:].replace("", None)
    return pd.DataFrame({
        "unique_id": np.arange(len(df)), "first_name": first, "surname": last, "dob": dob,
        "phone": phone, "city": df.city.map(lambda c: _fold(c).strip() or None),
    })  # fmt: skip


def run_splink(df: pd.DataFrame) -> set[tuple[int, int]]:
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    data = _standard(df)
    settings = SettingsCreator(
        link_type="dedupe_only",
        blocking_rules_to_generate_predictions=[
            block_on("first_name", "surname"), block_on("dob"), block_on("phone"),
            block_on("surname", "city"),
        ],
        comparisons=[
            cl.NameComparison("first_name").configure(term_frequency_adjustments=True),
            cl.NameComparison("surname").configure(term_frequency_adjustments=True),
            cl.DateOfBirthComparison("dob", input_is_string=True, invalid_dates_as_null=True),
            cl.ExactMatch("phone"),
            cl.ExactMatch("city"),
        ],
    )  # fmt: skip
    linker = Linker(DuckDBAPI().register(data), settings)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("first_name", "surname", "dob"), block_on("phone", "first_name")], recall=0.6
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("surname"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("dob"))
    pred = linker.inference.predict(threshold_match_probability=0.5).as_pandas_dataframe()
    return {(min(a, b), max(a, b)) for a, b in zip(pred.unique_id_l, pred.unique_id_r, strict=True)}


def main() -> None:
    parser = argparse.ArgumentParser(description="Score the cross-border labelled set.")
    parser.add_argument("--csv", type=Path, default=HERE / "crossborder.csv")
    parser.add_argument("--skip-splink", action="store_true")
    args = parser.parse_args()
    df = pd.read_csv(args.csv, dtype=str, keep_default_na=False)
    truth = truth_pairs(df.entity_id.to_numpy())
    print(f"{len(df)} records, {df.entity_id.nunique()} people, {len(truth)} true pairs")
    print(f"{'tool':<10}{'precision':>10}{'recall':>10}{'F1':>10}{'seconds':>10}")
    t = time.perf_counter()
    p, r, f = prf(run_enlace(df), truth)
    print(f"{'enlace':<10}{p:>10.4f}{r:>10.4f}{f:>10.4f}{time.perf_counter() - t:>10.2f}")
    if not args.skip_splink:
        logging.disable(logging.WARNING)
        t = time.perf_counter()
        p, r, f = prf(run_splink(df), truth)
        print(f"{'splink 5':<10}{p:>10.4f}{r:>10.4f}{f:>10.4f}{time.perf_counter() - t:>10.2f}")


if __name__ == "__main__":
    main()
