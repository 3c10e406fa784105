#!/usr/bin/env bash
# Benchmarks over the release binary (hyperfine). Prints the figures the README
# quotes. Usage: scripts/bench.sh [--batch N]   (needs hyperfine; apt-get install hyperfine)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
BIN=target/release/fazhi
SHARED=../shared
ONE=samples/reports/qingchuan-city-2024-complete.txt

echo "== one report, human output (start-up included)"
hyperfine -N --warmup 5 --runs 50 "$BIN check --color never $ONE" --export-markdown /dev/stdout | tail -n 1
echo "== one report, JSON"
hyperfine -N --warmup 5 --runs 50 "$BIN check --format json $ONE" --export-markdown /dev/stdout | tail -n 1
if [ -d "$SHARED/corpus/reports" ]; then
  echo "== the five corpus reports, JSON"
  hyperfine -N --warmup 3 --runs 30 "$BIN check --format json --pack outline-2021 $SHARED/corpus/reports" --export-markdown /dev/stdout | tail -n 1
fi
