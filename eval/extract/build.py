"""Build gold.jsonl from the marked-up narrative files (run after editing them)."""

from __future__ import annotations

import json
from pathlib import Path

try:
    from eval.extract.markup import parse_blocks
except ImportError:  # run as a script: python eval/extract/build.py
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from eval.extract.markup import parse_blocks

HERE = Path(__file__).resolve().parent
# (file, language, part): "v1" is the original set; "v2" was written later, without looking
# at the rules, to check that improvements made on v1 carry over to unseen text.
SOURCES = (
    ("narratives_en.txt", "en", "v1"),
    ("narratives_es.txt", "es", "v1"),
    ("narratives_mixed.txt", "mixed", "v1"),
    ("narratives_v2_en.txt", "en", "v2"),
    ("narratives_v2_es.txt", "es", "v2"),
    ("narratives_v2_mixed.txt", "mixed", "v2"),
)


def build() -> list[dict[str, object]]:
    records: list[dict[str, object]] = []
    for name, lang, part in SOURCES:
        for rec in parse_blocks((HERE / name).read_text("utf-8"), lang):
            rec["lang_gold"] = lang
            rec["part"] = part
            records.append(rec)
    return records


def main() -> None:
    records = build()
    with (HERE / "gold.jsonl").open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"wrote {len(records)} narratives to {HERE / 'gold.jsonl'}")


if __name__ == "__main__":
    main()
