#!/usr/bin/env bash
# kwic.sh INDEX: the memory and time of `trawl-query --kwic` (every occurrence, streamed) on
# INDEX, for queries from rare to the most common word, one process each: rows, peak RSS
# (GNU time), seconds. Memory must stay flat as the rows grow: the matching documents are
# listed, then read one at a time. Needs a release build in build/ and /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/../.."
index=${1:?usage: kwic.sh INDEX}
printf '%-55s %9s %10s %8s\n' query rows "peak RSS" seconds
for q in zebra kernel "file OR function OR kernel OR data OR use OR system" the; do
  rows=$( { /usr/bin/time -f "%M %e" -o "$index.kwic-time" build/trawl-query --index "$index" \
    --kwic --format csv "$q" || true; } | tail -n +2 | wc -l)
  read -r rss secs <"$index.kwic-time"
  printf '%-55s %9d %7d MB %8.2f\n' "$q" "$rows" $((rss / 1024)) "$secs"
done
rm -f "$index.kwic-time"
