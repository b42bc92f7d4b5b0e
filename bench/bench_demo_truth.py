"""Entity and network quality on the demo data's ground truth, the way the platform runs.

Generates the synthetic demo reports, stores them in a fresh SQLite database, runs extraction
on every narrative (the demo's own mentions are NOT used), links and resolves people as the
pipeline does (``resolve_report`` after each report; ``--mode batch`` runs one
``resolve_entities`` at the end instead), builds the networks, and scores against the truth:

* entities: pairwise F1 over gold mentions, each matched to the extracted mention of the same
  kind whose span overlaps it (an unmatched gold mention is a singleton);
* networks: pairwise F1 over reports (a report outside every gold network is a singleton).

Run: ``.venv/bin/python bench/bench_demo_truth.py [--mode incremental|batch] [--reports N]``
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable
from pathlib import Path

from sqlalchemy import insert, select

from enlace.demo.engine import generate
from enlace.extraction.mentions import extract_report
from enlace.extraction.tables import Mention
from enlace.intake.tables import Report
from enlace.networks import service as networks
from enlace.resolution import service as resolution
from enlace.store import Database, upgrade


def pairs(sizes: Iterable[int]) -> int:
    return sum(n * (n - 1) // 2 for n in sizes)


def pairwise_f1(gold: list[Hashable], predicted: list[Hashable]) -> tuple[float, float, float]:
    """Pairwise precision, recall and F1 of one labelling of items against another."""
    tp = pairs(Counter(zip(gold, predicted, strict=True)).values())
    gold_pairs, pred_pairs = pairs(Counter(gold).values()), pairs(Counter(predicted).values())
    p = tp / pred_pairs if pred_pairs else 1.0
    r = tp / gold_pairs if gold_pairs else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", choices=("incremental", "batch", "none"), default="incremental")
    parser.add_argument("--reports", type=int, default=2400)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    started = time.perf_counter()
    data = generate(seed=args.seed, n_reports=args.reports)
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(f"sqlite:///{Path(tmp) / 'bench.db'}")
        upgrade(db)
        with db.session() as session:
            session.execute(
                insert(Report),
                [
                    {
                        "reference": f"B-{i:06d}",
                        "channel": r.channel,
                        "received_at": r.received_at,
                        "language": r.language,
                        "narrative": r.narrative,
                        "country": r.country,
                        "state": r.state,
                        "city": r.city,
                        "status": "new",
                        "anonymous": True,
                        "source_key": r.key,
                    }
                    for i, r in enumerate(data.reports)
                ],
            )
            session.flush()
            ids = {str(k): int(v) for k, v in session.execute(select(Report.source_key, Report.id))}
            reports = {r.id: r for r in session.scalars(select(Report).order_by(Report.id))}
            timings: list[float] = []
            for report in reports.values():
                extract_report(session, report)
                if args.mode == "incremental":
                    t = time.perf_counter()
                    resolution.resolve_report(session, report)
                    timings.append(time.perf_counter() - t)
            if args.mode == "batch":
                t = time.perf_counter()
                summary = resolution.resolve_entities(session)
                timings.append(time.perf_counter() - t)
                print(f"batch: {summary}")
            session.flush()
            found: dict[int, list[tuple[str, int, int, int]]] = defaultdict(list)
            for m in session.execute(
                select(
                    Mention.report_id, Mention.kind, Mention.start, Mention.end, Mention.entity_id
                ).where(Mention.entity_id.is_not(None))
            ):
                found[m.report_id].append((m.kind, m.start or 0, m.end or 0, m.entity_id))
            gold_e: list[Hashable] = []
            pred_e: list[Hashable] = []
            per_kind: dict[str, tuple[list[Hashable], list[Hashable]]] = defaultdict(
                lambda: ([], [])
            )
            matched = 0
            for i, g in enumerate(data.mentions):
                hits = [
                    f
                    for f in found[ids[g.report_key]]
                    if f[0] == g.kind and f[1] < g.end and g.start < f[2]
                ]
                label: Hashable = hits[0][3] if hits else ("unmatched", i)
                matched += bool(hits)
                gold_e.append(g.entity_key)
                pred_e.append(label)
                per_kind[g.kind][0].append(g.entity_key)
                per_kind[g.kind][1].append(label)
            state = networks.graph_state(session)
            gold_n: list[Hashable] = []
            pred_n: list[Hashable] = []
            truth = {k: n.key for n in data.networks for k in n.report_keys}
            for r in data.reports:
                rid = ids[r.key]
                gold_n.append(truth.get(r.key, ("alone", r.key)))
                index = state.by_vertex.get(f"report:{rid}")
                pred_n.append(index if index is not None else ("alone", rid))
    elapsed = time.perf_counter() - started
    print(
        f"demo truth: {len(data.reports)} reports, {len(data.mentions)} gold mentions "
        f"({matched / len(data.mentions):.1%} found by extraction), mode {args.mode}"
    )
    p, r, f = pairwise_f1(gold_e, pred_e)
    print(f"entities (pairwise over gold mentions): P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    for kind, (g, pr) in sorted(per_kind.items()):
        kp, kr, kf = pairwise_f1(g, pr)
        print(f"  {kind:15s} P {kp:.3f}  R {kr:.3f}  F1 {kf:.3f}")
    p, r, f = pairwise_f1(gold_n, pred_n)
    print(f"networks (pairwise over reports):   P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    if timings:
        timings.sort()
        print(
            f"resolution time: total {sum(timings):.1f} s, p95 per call "
            f"{timings[int(0.95 * (len(timings) - 1))] * 1000:.1f} ms"
        )
    print(f"wall time {elapsed:.1f} s")


if __name__ == "__main__":
    main()
