"""Score the extractor on the labelled set: precision, recall and F1 per type and language.

Run: ``.venv/bin/python -m eval.extract.score`` (or ``python eval/extract/score.py``).
Strict = same type and exact span; lenient = same type and overlapping spans (each gold
mention matched at most once). ``--errors TYPE`` lists misses and false alarms for a type.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from enlace.extraction.engine import ENTITY_TYPES, extract  # noqa: E402

Span = tuple[str, int, int]


def _match(gold: list[Span], pred: list[Span], lenient: bool) -> tuple[int, list[Span], list[Span]]:
    used: set[int] = set()
    tp = 0
    missed: list[Span] = []
    for g in gold:
        hit = None
        for k, p in enumerate(pred):
            if k in used or p[0] != g[0]:
                continue
            if (p[1], p[2]) == (g[1], g[2]) or (lenient and p[1] < g[2] and g[1] < p[2]):
                hit = k
                break
        if hit is None:
            missed.append(g)
        else:
            used.add(hit)
            tp += 1
    false = [p for k, p in enumerate(pred) if k not in used]
    return tp, missed, false


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--gold", default=str(HERE / "gold.jsonl"))
    parser.add_argument("--errors", default=None, help="print errors for this entity type")
    parser.add_argument(
        "--part", choices=("v1", "v2", "all"), default="all", help="score one part of the set"
    )
    args = parser.parse_args(argv)
    counts: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    lang_ok = 0
    total = 0
    for line in Path(args.gold).read_text("utf-8").splitlines():
        rec = json.loads(line)
        if args.part != "all" and rec.get("part", "v1") != args.part:
            continue
        text = rec["text"]
        ref = dt.date.fromisoformat(rec["date"]) if rec.get("date") else None
        result = extract(text, reference_date=ref)
        total += 1
        lang_ok += result.lang == rec["lang_gold"]
        gold: list[Span] = [(e["type"], e["start"], e["end"]) for e in rec["entities"]]
        pred: list[Span] = [(e.type, e.start, e.end) for e in result.entities]
        for mode in ("strict", "lenient"):
            for etype in ENTITY_TYPES:
                g = [s for s in gold if s[0] == etype]
                p = [s for s in pred if s[0] == etype]
                tp, missed, false = _match(g, p, mode == "lenient")
                for lang in (rec["lang_gold"], "all"):
                    c = counts[(mode, lang, etype)]
                    c[0] += tp
                    c[1] += len(false)
                    c[2] += len(missed)
                if args.errors == etype and mode == "strict":
                    for s in missed:
                        print(
                            f"MISS  {rec['id']}: {text[s[1] : s[2]]!r}  …{text[max(0, s[1] - 25) : s[2] + 15]!r}"  # noqa: E501
                        )
                    for s in false:
                        print(
                            f"FALSE {rec['id']}: {text[s[1] : s[2]]!r}  …{text[max(0, s[1] - 25) : s[2] + 15]!r}"  # noqa: E501
                        )
    print(f"narratives: {total}; language detected correctly: {lang_ok}/{total}")
    for mode in ("strict", "lenient"):
        print(f"\n== {mode} ({'exact span' if mode == 'strict' else 'overlapping span'}) ==")
        print(f"{'type':<15}{'lang':<7}{'gold':>6}{'P':>8}{'R':>8}{'F1':>8}")
        for etype in ENTITY_TYPES:
            for lang in ("en", "es", "mixed", "all"):
                tp, fp, fn = counts[(mode, lang, etype)]
                if tp + fn == 0 and fp == 0:
                    continue
                prec, rec_, f1 = _prf(tp, fp, fn)
                print(f"{etype:<15}{lang:<7}{tp + fn:>6}{prec:>8.3f}{rec_:>8.3f}{f1:>8.3f}")
        tp = sum(v[0] for k, v in counts.items() if k[0] == mode and k[1] == "all")
        fp = sum(v[1] for k, v in counts.items() if k[0] == mode and k[1] == "all")
        fn = sum(v[2] for k, v in counts.items() if k[0] == mode and k[1] == "all")
        prec, rec_, f1 = _prf(tp, fp, fn)
        print(f"{'OVERALL':<15}{'all':<7}{tp + fn:>6}{prec:>8.3f}{rec_:>8.3f}{f1:>8.3f}")


if __name__ == "__main__":
    main()
