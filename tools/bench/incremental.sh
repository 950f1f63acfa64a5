#!/usr/bin/env bash
# incremental.sh [CORPUS] [RUNS]: what an incremental run costs against a full build. Copies
# CORPUS (default build-bench/corpora/kdoc), builds its index with `trawl-ingest --jobs 2`
# (timed), then RUNS times (default 5): changes one file (a line appended), runs ingest again
# (timed), and prints the full build's time, the median incremental run, their ratio, and the
# median run over the corpus unchanged. Needs a release build in build/.
set -euo pipefail
cd "$(dirname "$0")/../.."
. tools/bench/lib.sh
corpus=${1:-build-bench/corpora/kdoc}
runs=${2:-5}
[ -d "$corpus" ] || { echo "incremental.sh: no corpus at $corpus (tools/bench/prepare-corpora.sh)" >&2; exit 2; }
# ingest ARGS...: trawl-ingest, its warnings (invalid UTF-8 in the dictionaries) left out.
ingest() { build/trawl-ingest "$@" 2>/dev/null; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$corpus" "$work/c"
full=$(wall_seconds ingest --quiet --jobs 2 --index "$work/index" "$work/c")
# The files changed in turn: the first RUNS in the corpus's sorted order.
mapfile -t files < <(find "$work/c" -type f | sort | head -n "$runs")
changed=()
unchanged=()
for f in "${files[@]}"; do
  printf '\nA line added for the incremental benchmark.\n' >>"$f"
  changed+=("$(wall_seconds ingest --quiet --jobs 2 --index "$work/index" "$work/c")")
  unchanged+=("$(wall_seconds ingest --quiet --jobs 2 --index "$work/index" "$work/c")")
done
one=$(printf '%s\n' "${changed[@]}" | median)
none=$(printf '%s\n' "${unchanged[@]}" | median)
awk -v c="$corpus" -v f="$full" -v o="$one" -v n="$none" -v r="$runs" 'BEGIN {
  printf "corpus %s: full build %.2f s; one file changed: %.3f s (%.2f%% of the build, median of %d); nothing changed: %.3f s\n",
    c, f, o, 100 * o / f, r, n
}'
