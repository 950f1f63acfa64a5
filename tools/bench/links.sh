#!/usr/bin/env bash
# links.sh [N...]: what --show-links adds to a query. For each N (default 1000 10000), makes N
# HTML documents that each link to 20 others (by relative URL, by title and by file name, some
# to documents that do not exist), indexes them, and times the same query (top 10 passages)
# with and without --show-links: the median of 15 runs of each, one process per run, and
# their ratio. Needs a release build in build/.
set -euo pipefail
cd "$(dirname "$0")/../.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# make N: the corpus in $work/c$N, with a manifest giving each document its URL.
make_corpus() {
  local n=$1 dir=$work/c$1
  mkdir -p "$dir/docs"
  printf 'file\ttitle\turl\n' >"$dir/MANIFEST.tsv"
  for ((i = 0; i < n; i++)); do
    {
      printf '<html><head><title>Report %d</title></head><body><h1>Report %d</h1>\n' "$i" "$i"
      printf '<p>The harbour office %d notes the tides and the ships of the week.</p><ul>\n' "$i"
      for ((k = 1; k <= 20; k++)); do
        local t=$(((i * 7 + k * 13) % (n + 50))) # some beyond the last: dangling
        case $((k % 3)) in
        0) printf '<li><a href="d%d.html">by URL %d</a></li>\n' "$t" "$t" ;;
        1) printf '<li><a href="Report %d">by title %d</a></li>\n' "$t" "$t" ;;
        *) printf '<li><a href="../docs/d%d.html">by file %d</a></li>\n' "$t" "$t" ;;
        esac
      done
      printf '</ul></body></html>\n'
    } >"$dir/docs/d$i.html"
    printf 'd%d.html\tReport %d\thttps://example.org/r/d%d.html\n' "$i" "$i" "$i" >>"$dir/MANIFEST.tsv"
  done
}

# shellcheck source=tools/bench/lib.sh
. tools/bench/lib.sh

# median_ms CMD...: the median wall time of 15 runs, in milliseconds.
median_ms() {
  for _ in $(seq 15); do wall_seconds "$@"; done | median | awk '{ printf "%.2f", $1 * 1000 }'
}

for n in "${sizes[@]}"; do
  make_corpus "$n"
  start=$(date +%s%N)
  build/trawl-ingest --quiet --index "$work/i$n" "$work/c$n"
  took=$((($(date +%s%N) - start) / 1000000))
  plain=$(median_ms build/trawl-query --index "$work/i$n" --limit 10 harbour tides)
  linked=$(median_ms build/trawl-query --index "$work/i$n" --limit 10 --show-links harbour tides)
  one=$(median_ms build/trawl-query --index "$work/i$n" --links "Report 7")
  echo "links: $n documents x 20 links: ingest ${took} ms; query ${plain} ms, with --show-links" \
    "${linked} ms (+$(awk -v a="$linked" -v b="$plain" 'BEGIN { printf "%.2f", a - b }') ms," \
    "x$(awk -v a="$linked" -v b="$plain" 'BEGIN { printf "%.2f", a / b }')); --links by title ${one} ms"
done
