"""Screening on the synthetic demo reports against the demo ground truth.

    .venv/bin/python eval/screen/demo_agreement.py [--reports 2400] [--seed 2026] [--examples N]

The demo generator composes each network tip from entity sentences and indicator sentences
written for it (``enlace/demo/phrases_*.py``), never from the evaluation narratives, so this
is language the screening catalog was not written against. It prints, per network typology:

* how many of its tips screen as a trafficking typology at all, and how many agree exactly
  (``both`` networks accept sex, labour or both; sex/labour networks accept ``both`` too);
* for tips outside every network (noise: domestic violence, labour disputes, vague
  sightings, smuggling alone...), how many get no trafficking typology (not_trafficking or
  smuggling), and how many get that or a low score;
* how many tips come out ``critical`` with a ``not_trafficking`` typology.

A network tip may hold no indicator sentence at all (only "the number they use is ..."), so
full agreement is not expected; the share of tips that carry at least one indicator sentence
is printed for reference.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from enlace.demo.engine import generate  # noqa: E402
from enlace.screening.engine import screen  # noqa: E402

TRAFFICKING = {"sex_trafficking", "labor_trafficking", "both"}
ACCEPT = {
    "sex_trafficking": {"sex_trafficking", "both"},
    "labor_trafficking": {"labor_trafficking", "both"},
    "both": {"sex_trafficking", "labor_trafficking", "both"},
    "smuggling": {"smuggling"},
}
LOW_SCORE = 0.5


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=2400)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--examples", type=int, default=0, help="print N disagreements per kind")
    args = parser.parse_args()

    data = generate(seed=args.seed, n_reports=args.reports)
    network_of: dict[str, str] = {}
    for net in data.networks:
        for key in net.report_keys:
            network_of[key] = net.typology

    total: Counter[str] = Counter()
    trafficking: Counter[str] = Counter()
    agree: Counter[str] = Counter()
    outcome: Counter[tuple[str, str]] = Counter()
    noise_n = noise_not = noise_low = 0
    critical_not = 0
    examples: dict[str, list[str]] = {}
    for report in data.reports:
        result = screen(report.narrative, lang=report.language)
        if result.urgency == "critical" and result.typology == "not_trafficking":
            critical_not += 1
        gold = network_of.get(report.key)
        if gold is None:
            noise_n += 1
            noise_not += result.typology not in TRAFFICKING
            noise_low += result.typology not in TRAFFICKING or result.score < LOW_SCORE
            if result.typology in TRAFFICKING:
                examples.setdefault("noise", []).append(
                    f"  -> {result.typology} {sorted(result.codes)}\n     {report.narrative}"
                )
            continue
        total[gold] += 1
        outcome[(gold, result.typology)] += 1
        trafficking[gold] += result.typology in TRAFFICKING
        ok = result.typology in ACCEPT[gold]
        agree[gold] += ok
        if not ok:
            examples.setdefault(gold, []).append(
                f"  -> {result.typology} {sorted(result.codes)}\n     {report.narrative}"
            )

    n_net = sum(total.values())
    print(f"Demo reports: {len(data.reports)} (seed {args.seed}); network tips {n_net}")
    print(f"{'network typology':<20} {'n':>5} {'agree':>7} {'traffick.':>10}   screened as")
    for gold in ("sex_trafficking", "labor_trafficking", "both", "smuggling"):
        n = total[gold]
        if not n:
            continue
        spread = ", ".join(
            f"{typ} {count}"
            for (g, typ), count in sorted(outcome.items(), key=lambda kv: -kv[1])
            if g == gold
        )
        print(f"{gold:<20} {n:5d} {agree[gold] / n:7.3f} {trafficking[gold] / n:10.3f}   {spread}")
    print(f"{'all networks':<20} {n_net:5d} {sum(agree.values()) / n_net:7.3f}")
    if noise_n:
        print(
            f"non-network tips     {noise_n:5d}  no trafficking typology "
            f"{noise_not / noise_n:.3f}  that or score<{LOW_SCORE} {noise_low / noise_n:.3f}"
        )
    print(f"critical but not_trafficking: {critical_not}")
    if args.examples:
        for kind, lines in examples.items():
            print(f"\n{kind}: {len(lines)} disagreements")
            print("\n".join(lines[: args.examples]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
