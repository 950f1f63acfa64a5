#!/usr/bin/env bash
# test.sh: the whole test suite, twice: a release build, then a build with AddressSanitizer
# and UndefinedBehaviorSanitizer. Each runs every ctest test (unit tests per module and the
# end-to-end tests on corpus/ and, when present, ../shared/corpus). Needs the packages of
# tools/install-deps.sh.
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
