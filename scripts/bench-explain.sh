#!/usr/bin/env bash
# `fazhi explain` for every item of the built-in pack on the sample and corpus
# reports: every hit of every pattern and how it counted. Diff two of these
# outputs to check that a performance change changes nothing.
#   scripts/bench-explain.sh BIN > explain.txt
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-target/release/fazhi}
ids=$("$BIN" check --format json samples/reports/yunxi-town-2023-gaps.txt \
  | python3 -c 'import json,sys; print(" ".join(i["id"] for i in json.load(sys.stdin)["reports"][0]["items"]))')
for f in samples/reports/*.txt ../shared/corpus/reports/*.txt; do
  for id in $ids; do
    "$BIN" explain "$f" --item "$id"
  done
done
