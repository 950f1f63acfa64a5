#!/usr/bin/env bash
# fuzz.sh [SECONDS]: builds the libFuzzer targets of tests/fuzz with clang, AddressSanitizer
# and UndefinedBehaviorSanitizer (build-fuzz/), replays every seed in tests/fuzz/seeds/ (the
# regression inputs, earlier crashes among them), then fuzzes each target for SECONDS
# (default 20). New inputs go to a scratch folder; a crash is written to build-fuzz/crashes/
# and fails the run: add it to tests/fuzz/seeds/TARGET/ with the fix.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
CC=clang CXX=clang++ cmake -S . -B build-fuzz -DTRAWL_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  >/dev/null
cmake --build build-fuzz -j"$(nproc)"
mkdir -p build-fuzz/crashes
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
for target in wiki text html markdown analyzer query; do
  bin=build-fuzz/tests/fuzz/fuzz_$target
  seeds=tests/fuzz/seeds/$target
  "$bin" -runs=0 "$seeds" 2>"$scratch/replay.log" ||
    { cat "$scratch/replay.log" >&2; echo "fuzz: $target: a seed fails" >&2; exit 1; }
  mkdir -p "$scratch/$target"
  if ! "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
    -artifact_prefix="build-fuzz/crashes/$target-" "$scratch/$target" "$seeds" \
    2>"$scratch/run.log"; then
    tail -40 "$scratch/run.log" >&2
    echo "fuzz: $target: crash saved in build-fuzz/crashes/" >&2
    exit 1
  fi
  echo "fuzz: $target: $(grep -o 'Done [0-9]* runs' "$scratch/run.log" | tail -1), no crash"
done
