"""Benchmark: narratives per second per core on ~2 KB narratives, and peak memory.

Run: ``.venv/bin/python bench/bench_extract.py [--n 2000]``. Narratives are built from the
labelled evaluation set (joined to about 2 KB each) so that the text is realistic.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from enlace.extraction.engine import extract  # noqa: E402
from enlace.extraction.engine.language import detect_language  # noqa: E402


def narratives(n: int, size: int = 2048, seed: int = 7) -> list[str]:
    texts = [
        json.loads(line)["text"]
        for line in (ROOT / "eval/extract/gold.jsonl").read_text("utf-8").splitlines()
    ]
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        parts: list[str] = []
        while sum(len(p) + 1 for p in parts) < size:
            parts.append(rng.choice(texts))
        out.append("\n".join(parts)[:size])
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=2000)
    args = parser.parse_args()
    docs = narratives(args.n)
    # Load the gazetteer, lexicons and the language model once, outside the timing: the
    # first narrative alone need not reach the model (function words may settle it).
    extract(docs[0])
    detect_language("casa house")
    t0 = time.process_time()
    w0 = time.perf_counter()
    entities = 0
    for text in docs:
        entities += len(extract(text).entities)
    cpu = time.process_time() - t0
    wall = time.perf_counter() - w0
    tracemalloc.start()
    for text in docs[:200]:
        extract(text)
    _cur, peak_traced = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    avg = sum(len(d) for d in docs) / len(docs)
    print(
        f"bench_extract: {args.n} narratives of {avg:.0f} chars, {entities} entities; "
        f"{args.n / cpu:.0f} narratives/s per core (cpu {cpu:.2f}s, wall {wall:.2f}s); "
        f"peak RSS {rss_mb:.0f} MB; peak traced allocation during extraction {peak_traced / 1e6:.1f} MB"  # noqa: E501
    )


if __name__ == "__main__":
    main()
