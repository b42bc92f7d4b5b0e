"""Bulk import benchmark: a synthetic partner CSV of 1,000,000 rows into SQLite and PostgreSQL.

    .venv/bin/python bench/bench_import.py [--rows 1000000] [--backend sqlite|postgresql|both]

Each import runs as `enlace import` in its own process; the table shows rows/s and that
process's peak resident memory. A second run of the same file checks that nothing is duplicated.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
PG_ADMIN = os.environ.get(
    "ENLACE_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
MAPPING = """source: bench-partner
key: [case_id]
fields:
  narrative: description
  language: lang
  city: city
  state: state
  country: country
  incident_at: date
"""
PLACES = [
    ("Monterrey", "MX-NLE", "MX"),
    ("Houston", "US-TX", "US"),
    ("Tijuana", "MX-BCN", "MX"),
    ("Laredo", "US-TX", "US"),
    ("Tapachula", "MX-CHP", "MX"),
    ("Phoenix", "US-AZ", "US"),
]
PHRASES = [
    "Le quitaron el pasaporte y no le pagan.",
    "They work 16 hours a day in the fields.",
    "Una joven de 16 años trabaja en un bar.",
    "Men sleep in the restaurant storage room.",
    "Le ofrecieron un gran trabajo en Estados Unidos.",
    "Someone else answers for her.",
]


def write_file(path: Path, rows: int) -> None:
    rng = random.Random(7)
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["case_id", "description", "lang", "city", "state", "country", "date"])
        for i in range(rows):
            city, state, country = PLACES[i % len(PLACES)]
            narrative = f"{rng.choice(PHRASES)} {rng.choice(PHRASES)} Caso {i}."
            lang = "es" if country == "MX" else "en"
            bad = i % 1000 == 999  # one row in a thousand has a bad date
            # Past dates (2025): a date more than a day ahead is refused like a malformed one.
            date = "2025-13-45" if bad else f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}"
            out.writerow([f"C{i:07d}", narrative, lang, city, state, country, date])


def database_url(backend: str, data_dir: Path) -> str:
    if backend == "sqlite":
        return f"sqlite:///{data_dir / 'enlace.db'}"
    name = f"enlace_bench_import_{os.getpid()}"
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(PG_ADMIN).set(database=name).render_as_string(hide_password=False)


def drop(url: str) -> None:
    if url.startswith("postgresql"):
        admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)'))
        admin.dispose()


def run_import(env: dict[str, str], source: Path, mapping: Path) -> tuple[float, float]:
    """Wall time and peak RSS (MB) of one `enlace import` process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "enlace", "import", str(source), "--mapping", str(mapping)],
        env=env,
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before) / 1024


def bench(backend: str, rows: int, work: Path) -> list[str]:
    data_dir = work / f"data-{backend}"
    data_dir.mkdir()
    url = database_url(backend, data_dir)
    env = {
        **os.environ,
        "ENLACE_DATA_DIR": str(data_dir),
        "ENLACE_DATABASE_URL": url,
        "ENLACE_SECRET_KEY": "b" * 48,
    }
    source, mapping = work / "partner.csv", work / "mapping.yaml"
    try:
        subprocess.run(
            [sys.executable, "-m", "enlace", "db", "upgrade"],
            env=env,
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        first, peak = run_import(env, source, mapping)
        again, _peak2 = run_import(env, source, mapping)
        engine = create_engine(url)
        with engine.connect() as conn:
            stored = conn.execute(select(func.count()).select_from(text("reports"))).scalar_one()
            jobs = conn.execute(select(func.count()).select_from(text("intake_jobs"))).scalar_one()
        engine.dispose()
        return [
            backend,
            f"{rows:,}",
            f"{stored:,}",
            f"{rows / first:,.0f}",
            f"{first:.1f}",
            f"{peak:.0f}",
            f"{rows / again:,.0f}",
            f"{jobs:,}",
        ]
    finally:
        drop(url)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    args = parser.parse_args()
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    with tempfile.TemporaryDirectory(prefix="enlace-bench-import-") as tmp:
        work = Path(tmp)
        (work / "mapping.yaml").write_text(MAPPING, encoding="utf-8")
        start = time.perf_counter()
        write_file(work / "partner.csv", args.rows)
        size = (work / "partner.csv").stat().st_size / 1e6
        print(
            f"Generated {args.rows:,} rows ({size:.0f} MB) in {time.perf_counter() - start:.1f} s"
        )
        header = [
            "backend",
            "rows",
            "stored",
            "rows/s",
            "seconds",
            "peak RSS MB",
            "re-import rows/s",
            "jobs queued",
        ]
        results = [bench(b, args.rows, work) for b in backends]
    widths = [max(len(h), *(len(r[i]) for r in results)) for i, h in enumerate(header)]
    print(" | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
    print("-+-".join("-" * w for w in widths))
    for row in results:
        print(" | ".join(c.rjust(w) for c, w in zip(row, widths, strict=True)))


if __name__ == "__main__":
    main()
