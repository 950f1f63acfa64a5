#!/usr/bin/env bash
# test.sh: the whole test suite. Every ctest test (unit tests per module and the end-to-end
# tests on corpus/ and, when present, ../shared/corpus) in a release build, then in a build
# with AddressSanitizer and UndefinedBehaviorSanitizer; then a short run of every fuzz target
# (tools/fuzz.sh); then the checks of the default index (tools/verify-index.sh: rebuild,
# --check, fingerprint of an incremental build, golden queries). Needs the packages of
# tools/install-deps.sh. FUZZ_SECONDS sets each fuzz target's time (default 20).
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)
for variant in release sanitize; do
  dir=build
  flags=(-DCMAKE_BUILD_TYPE=Release)
  if [ "$variant" = sanitize ]; then
    dir=build-sanitize
    flags=(-DCMAKE_BUILD_TYPE=Debug -DTRAWL_SANITIZE=ON)
  fi
  echo "== $variant build ($dir)"
  cmake -S . -B "$dir" "${flags[@]}" >/dev/null
  cmake --build "$dir" -j"$jobs"
  (cd "$dir" && ctest --output-on-failure -j"$jobs")
done
echo "== fuzz smoke (build-fuzz)"
tools/fuzz.sh "${FUZZ_SECONDS:-20}"
echo "== default index: rebuild, check, fingerprint, golden queries"
tools/verify-index.sh
