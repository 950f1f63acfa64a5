#!/usr/bin/env bash
# unchanged.sh [COPIES] [RUNS]: what a run costs when nothing changed, the common case of an
# index rebuilt in CI. Makes two corpora of COPIES (default 30) copies of ../shared/corpus/docs
# (150 documents each): as the plain text it is, and wrapped in HTML (one <p> per paragraph),
# indexes each, then times, one process per run, median of RUNS (default 7): an ingest run over
# the unchanged corpus, and `--check`. With OLD=PATH (another build's trawl-ingest), times it
# the same way, runs alternating, and prints the ratio new/old. Needs a release build in
# build/.
set -euo pipefail
cd "$(dirname "$0")/../.."
copies=${1:-30}
runs=${2:-7}
shared=../shared/corpus/docs
[ -d "$shared" ] || { echo "unchanged.sh: $shared is absent" >&2; exit 2; }
new=build/trawl-ingest
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for ((i = 1; i <= copies; i++)); do
  mkdir -p "$work/text/c$i" "$work/html/c$i"
  cp "$shared"/*.txt "$work/text/c$i/"
  for f in "$shared"/*.txt; do
    b=$(basename "$f" .txt)
    {
      printf '<!doctype html><html><head><title>%s</title></head><body><article><p>\n' "$b"
      sed 's/&/\&amp;/g; s/</\&lt;/g; s/^$/<\/p><p>/' "$f"
      printf '</p></article></body></html>\n'
    } >"$work/html/c$i/$b.html"
  done
done

# shellcheck source=tools/bench/lib.sh
. tools/bench/lib.sh

echo "| corpus | documents | what | new | old | new/old |"
echo "| --- | --- | --- | --- | --- | --- |"
for kind in text html; do
  "$new" --quiet --index "$work/index-$kind" "$work/$kind"
  docs=$((copies * $(ls "$shared"/*.txt | wc -l)))
  for what in run check; do
    flags=(--quiet)
    [ "$what" = check ] && flags=(--check)
    t_new=() t_old=()
    for ((r = 0; r < runs; r++)); do
      t_new+=("$(wall_seconds "$new" "${flags[@]}" --index "$work/index-$kind" "$work/$kind")")
      [ -n "${OLD:-}" ] &&
        t_old+=("$(wall_seconds "$OLD" "${flags[@]}" --index "$work/index-$kind" "$work/$kind")")
    done
    m_new=$(printf '%s\n' "${t_new[@]}" | median)
    if [ -n "${OLD:-}" ]; then
      m_old=$(printf '%s\n' "${t_old[@]}" | median)
      printf '| %s | %d | %s | %.3f s | %.3f s | %.2f |\n' "$kind" "$docs" "$what" "$m_new" \
        "$m_old" "$(awk -v a="$m_new" -v b="$m_old" 'BEGIN { print a / b }')"
    else
      printf '| %s | %d | %s | %.3f s | | |\n' "$kind" "$docs" "$what" "$m_new"
    fi
  done
done
