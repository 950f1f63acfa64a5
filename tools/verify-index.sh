#!/usr/bin/env bash
# verify-index.sh: what CI checks of the default index. Rebuilds index/ from corpus/ from
# scratch, checks it with `trawl-ingest --check`, builds the same corpus incrementally
# elsewhere (from an older state: one document changed, one since deleted) and compares the
# two fingerprints, then runs the golden queries of tests/data/golden-queries.tsv. Needs a
# release build in build/ (tools/test.sh makes one).
set -euo pipefail
cd "$(dirname "$0")/.."
ingest=build/trawl-ingest
query=build/trawl-query
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
fail() { echo "verify-index: $*" >&2; exit 1; }

"$ingest" --rebuild --index index corpus
"$ingest" --check --index index corpus || fail "index/ is not up to date right after a rebuild"

# the older state: every document's last line dropped, one extra document
cp -r corpus "$scratch/corpus"
for f in "$scratch"/corpus/*; do
  [ -f "$f" ] && sed -i '$d' "$f"
done
printf '= Draft =\n\nA note that was deleted later.\n' >"$scratch/corpus/zz-draft.txt"
"$ingest" --quiet --index "$scratch/index" "$scratch/corpus"
rm -rf "$scratch/corpus" && cp -r corpus "$scratch/corpus"
summary=$("$ingest" --index "$scratch/index" "$scratch/corpus")
echo "incremental: $summary"
case "$summary" in *" 1 removed, 0 unchanged)"*) ;; *) fail "unexpected incremental counts" ;; esac
fresh=$("$query" --index index --fingerprint)
incremental=$("$query" --index "$scratch/index" --fingerprint)
[ "$fresh" = "$incremental" ] ||
  fail "fingerprints differ: fresh $fresh, incremental $incremental"
echo "fingerprint: $fresh (fresh = incremental)"

checked=0
while IFS=$'\t' read -r q count id; do
  case "$q" in '#'* | '') continue ;; esac
  read -ra words <<<"$q"
  got_count=$("$query" --index index --limit 1 "${words[@]}" | sed -n '1s/^\([0-9]*\) passages\{0,1\} match.*/\1/p')
  got_id=$("$query" --index index --limit 1 --format csv "${words[@]}" | sed -n 2p | cut -d, -f3)
  [ "$got_count" = "$count" ] && [ "$got_id" = "$id" ] ||
    fail "golden query '$q': $got_count passages, first $got_id; expected $count, first $id"
  checked=$((checked + 1))
done <tests/data/golden-queries.tsv
echo "golden queries: $checked of $checked as expected"
