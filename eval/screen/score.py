"""Score screening against the labelled narratives in this folder.

    .venv/bin/python eval/screen/score.py [--set NAME] [--with-extraction] [--errors]

Prints typology accuracy, per-indicator precision and recall, micro-F1, and the recall of
``minor`` and ``imminent_danger``, overall and by file. ``--set original`` (the default) scores
the narratives the catalog was developed with (en, es, mixed); ``--set heldout`` scores
``heldout_realistic.yaml``, realistic tip language kept apart as a check of generalisation;
``--set casework`` scores ``heldout_casework.yaml``, press-release and case-summary language.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from enlace.screening.engine import screen  # noqa: E402

HERE = Path(__file__).resolve().parent
SETS: dict[str, dict[str, str]] = {
    "original": {
        "en": "narratives_en.yaml",
        "es": "narratives_es.yaml",
        "mixed": "narratives_mixed.yaml",
    },
    "heldout": {"heldout": "heldout_realistic.yaml"},
    "casework": {"casework": "heldout_casework.yaml"},
}


@dataclass
class Tally:
    n: int = 0
    typology_ok: int = 0
    polaris_n: int = 0
    polaris_ok: int = 0
    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)
    flags: Counter[str] = field(default_factory=Counter)

    def add(self, item: dict[str, Any], result_json: dict[str, Any]) -> None:
        self.n += 1
        self.typology_ok += item["typology"] == result_json["typology"]
        if item.get("polaris"):
            self.polaris_n += 1
            self.polaris_ok += item["polaris"] == result_json["polaris_type"]
        gold = set(item["indicators"])
        pred = {i["code"] for i in result_json["indicators"]}
        for code in gold & pred:
            self.tp[code] += 1
        for code in pred - gold:
            self.fp[code] += 1
        for code in gold - pred:
            self.fn[code] += 1
        for flag, key in (("minor", "minor"), ("danger", "imminent_danger")):
            gold_flag, pred_flag = bool(item[flag]), bool(result_json[key])
            self.flags[f"{flag}_tp"] += gold_flag and pred_flag
            self.flags[f"{flag}_fn"] += gold_flag and not pred_flag
            self.flags[f"{flag}_fp"] += pred_flag and not gold_flag

    def micro(self) -> tuple[float, float, float]:
        tp, fp, fn = sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values())
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def flag_rates(self, flag: str) -> tuple[float, float]:
        tp, fn, fp = (self.flags[f"{flag}_{k}"] for k in ("tp", "fn", "fp"))
        recall = tp / (tp + fn) if tp + fn else 1.0
        precision = tp / (tp + fp) if tp + fp else 1.0
        return recall, precision


def _summary(name: str, t: Tally) -> str:
    p, r, f1 = t.micro()
    minor_r, minor_p = t.flag_rates("minor")
    danger_r, danger_p = t.flag_rates("danger")
    polaris = t.polaris_ok / t.polaris_n if t.polaris_n else 0.0
    return (
        f"{name:<7} n={t.n:<4} typology={t.typology_ok / t.n:.3f}  polaris={polaris:.3f}  "
        f"micro P/R/F1={p:.3f}/{r:.3f}/{f1:.3f}  minor R/P={minor_r:.3f}/{minor_p:.3f}  "
        f"danger R/P={danger_r:.3f}/{danger_p:.3f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--with-extraction", action="store_true", help="pass extracted entities")
    parser.add_argument("--errors", action="store_true", help="list every disagreement")
    parser.add_argument("--set", choices=sorted(SETS), default="original", dest="which")
    args = parser.parse_args()

    extractor: Any = None
    if args.with_extraction:
        from enlace.extraction.engine import extract

        extractor = extract

    overall = Tally()
    per_file: dict[str, Tally] = {}
    errors: list[str] = []
    for name, filename in SETS[args.which].items():
        items = yaml.safe_load((HERE / filename).read_text(encoding="utf-8"))
        tally = per_file.setdefault(name, Tally())
        for item in items:
            text = item["text"]
            entities = None
            if extractor is not None:
                entities = [e.to_json() for e in extractor(text).entities]
            result: dict[str, Any] = screen(text, entities=entities).to_json()
            tally.add(item, result)
            overall.add(item, result)
            gold = set(item["indicators"])
            pred = {i["code"] for i in result["indicators"]}
            if args.errors and (
                gold != pred
                or item["typology"] != result["typology"]
                or (item.get("polaris") and item["polaris"] != result["polaris_type"])
            ):
                errors.append(
                    f"{item['id']}: typology {item['typology']} -> {result['typology']}"
                    f"  polaris {item.get('polaris')} -> {result['polaris_type']}\n"
                    f"   missed {sorted(gold - pred)}  extra {sorted(pred - gold)}\n"
                    f"   {text}"
                )

    print(f"Screening evaluation, {args.which} set" + (" (with extraction)" if extractor else ""))
    print(_summary("all", overall))
    for name, tally in per_file.items():
        print(_summary(name, tally))
    print(f"\n{'indicator':<44} {'P':>6} {'R':>6} {'F1':>6} {'support':>8}")
    codes = sorted(set(overall.tp) | set(overall.fp) | set(overall.fn))
    for code in codes:
        tp, fp, fn = overall.tp[code], overall.fp[code], overall.fn[code]
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{code:<44} {p:6.3f} {r:6.3f} {f1:6.3f} {tp + fn:8d}")
    if errors:
        print("\nDisagreements:")
        print("\n".join(errors))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
