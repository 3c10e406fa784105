#!/usr/bin/env bash
# Check that a build gives the same results as a saved baseline: JSON of the
# sample, corpus and benchmark reports, human output and every `explain`.
#   scripts/bench-check-same.sh BASELINE_DIR [BIN]
# BASELINE_DIR holds samples.json corpus.json bench2k.json human.txt explain.txt
# written by the same commands with the baseline binary.
set -euo pipefail
cd "$(dirname "$0")/.."
BASE=$1
BIN=${2:-${CARGO_TARGET_DIR:-target}/release/fazhi}
OUT=$(mktemp -d)
"$BIN" check samples/reports --format json -q > "$OUT/samples.json" || true
"$BIN" check ../shared/corpus/reports --format json -q > "$OUT/corpus.json" || true
"$BIN" check -j 1 samples/reports ../shared/corpus/reports --color never > "$OUT/human.txt" || true
for f in samples corpus; do python3 scripts/bench-compare.py "$BASE/$f.json" "$OUT/$f.json"; done
cmp "$BASE/human.txt" "$OUT/human.txt" && echo "human output identical"
if [ -f "$BASE/bench2k.json" ] && [ -d /tmp/bench2k ]; then
  "$BIN" check /tmp/bench2k --format json -q > "$OUT/bench2k.json" || true
  python3 scripts/bench-compare.py "$BASE/bench2k.json" "$OUT/bench2k.json"
fi
if [ -f "$BASE/explain.txt" ] && [ -z "${SKIP_EXPLAIN:-}" ]; then
  scripts/bench-explain.sh "$BIN" > "$OUT/explain.txt"
  cmp "$BASE/explain.txt" "$OUT/explain.txt" && echo "explain output identical"
fi
rm -rf "$OUT"
