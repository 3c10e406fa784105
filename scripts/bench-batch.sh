#!/usr/bin/env bash
# Batch benchmark of issue 4: the whole audit to JSON of the synthetic corpus
# that ../shared/bench/make_corpus.py builds, against `rg -c -F -f KEYWORDS`
# over the same files (KEYWORDS: the pack's literal keywords), and peak memory
# for 2,000 and 20,000 files.
#   scripts/bench-batch.sh [WORKDIR]      (needs hyperfine and ripgrep)
# WORKDIR (default /tmp/fazhi-bench) keeps the generated corpora between runs.
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=${1:-/tmp/fazhi-bench}
SHARED=../shared
BIN=${CARGO_TARGET_DIR:-target}/release/fazhi
mkdir -p "$WORK"
cargo build --release --quiet --bin fazhi --example keywords
"${CARGO_TARGET_DIR:-target}/release/examples/keywords" > "$WORK/KEYWORDS"
for n in 2000 20000; do
  [ -d "$WORK/c$n" ] || python3 "$SHARED/bench/make_corpus.py" "$WORK/c$n" --count "$n" > /dev/null
done
echo "== machine: $(nproc) cores; corpus: $(ls "$WORK/c2000" | wc -l) files, $(du -shL "$WORK/c2000" | cut -f1); $(wc -l < "$WORK/KEYWORDS") keywords"
echo "== time: rg baseline vs the whole audit to JSON (2,000 files)"
hyperfine -N --warmup 2 --runs 10 \
  "rg -c -F -f $WORK/KEYWORDS $WORK/c2000" \
  "$BIN check -q --format json -o $WORK/out.json $WORK/c2000" \
  --export-markdown "$WORK/time.md" > /dev/null
cat "$WORK/time.md"
echo "== peak memory (max RSS) of the audit to JSON"
for n in 2000 20000; do
  /usr/bin/time -f "$n files: %e s wall, %M KB max RSS" \
    "$BIN" check -q --format json -o "$WORK/out.json" "$WORK/c$n"
done
rm -f "$WORK/out.json"
