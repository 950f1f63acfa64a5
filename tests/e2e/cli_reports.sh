# cli_reports: every report's numbers recounted by an oracle (report_oracle.c, which shares no
# code with Trawl's counting) from the per-passage facets of the JSON search output: one facet,
# every pair of facets as a cross-tab, the registry, in passages and in documents, over the
# whole index and over queries with and without facet filters; on the seed (corpus/), then on
# ../shared/corpus when present, where a sharded index must give the same bytes.
. "$(dirname "$0")/lib.sh"
FACETS=(icc province year lang kind)
EVERYTHING="-xqzjvkwplm" # a query of exclusions only matches every passage

# check INDEX QUERY [--admit FACET=VALUES]...: the reports over QUERY's matches ("" for the
# whole index) against the oracle's recount of its hits.
check() {
  local idx=$1 query=$2
  shift 2
  local dir="$WORK/q" reports=() n=0
  rm -rf "$dir" && mkdir -p "$dir"
  local args=()
  [ -n "$query" ] && args=("$query")
  run 0 "$QUERY" --index "$idx" --format json --limit 100000 "${args[@]:-$EVERYTHING}"
  printf '%s\n' "$out" >"$dir/hits.json"
  local specs=("${FACETS[@]}" icc-registry)
  for ((i = 0; i < ${#FACETS[@]}; i++)); do
    for ((j = i + 1; j < ${#FACETS[@]}; j++)); do
      specs+=("${FACETS[i]},${FACETS[j]}")
    done
  done
  specs+=(year,icc province,year) # either order
  for spec in "${specs[@]}"; do
    for unit in passages documents; do
      [ "$spec" = icc-registry ] && [ "$unit" = documents ] && continue
      n=$((n + 1))
      "$QUERY" --index "$idx" --format json --report "$spec" --count "$unit" "${args[@]}" \
        >"$dir/$n.json" 2>"$dir/$n.err" || fail "report $spec ($unit) of '$query': $(cat "$dir/$n.err")"
      reports+=("$dir/$n.json")
    done
  done
  checks=$((checks + 1))
  oracle=$("$REPORT_ORACLE" "$@" "$dir/hits.json" "${reports[@]}" 2>&1) ||
    fail "reports of '$query' differ from the recount:
$oracle"
}

# 1 the seed: the whole index, words, phrases, filters
IDX="$WORK/seed"
run 0 "$INGEST" --quiet --index "$IDX" "$TRAWL_SRC/corpus"
check "$IDX" ""
check "$IDX" ICC
check "$IDX" '"propaganda department"'
check "$IDX" 'Chongqing OR Zhejiang'
check "$IDX" year:2018..2022 --admit year=2018..2022
check "$IDX" 'ICC province:guangdong' --admit province=guangdong
echo "seed: $oracle"

# 2 the shared corpus: 30 queries in many languages, with and without facet filters; and the
# same reports from a sharded index of it, byte for byte
have_shared || finish
IDX="$WORK/shared"
run 0 "$INGEST" --quiet --index "$IDX" "$SHARED_CORPUS"
queries=(
  "" ICC '"international communication center"' 国际传播中心 Chongqing iChongqing Tibet
  Xinjiang propaganda 'Xi Jinping' media platform launched established 成立 Olympics
  'Guangdong OR Guangxi' 'center -Chongqing' 'communicat*' 'Belt and Road' Hainan YouTube
  Facebook foreign 'China Daily' CGTN Beijing Shanghai Харбин 'centro de comunicação'
  2024 'Zhejiang ICC'
)
for q in "${queries[@]}"; do
  check "$IDX" "$q"
done
check "$IDX" 'year:2018..2020' --admit year=2018..2020
check "$IDX" 'ICC year:2023..2025' --admit year=2023..2025
check "$IDX" 'province:guangdong' --admit province=guangdong
check "$IDX" 'icc:chongqing media' --admit icc=chongqing
check "$IDX" 'lang:zh' --admit lang=zh
check "$IDX" 'kind:news center' --admit kind=news
check "$IDX" 'year:2018 OR year:2024' --admit year=2018,2024
echo "shared: $oracle"

run 0 "$INGEST" --quiet --shards 3 --index "$WORK/sharded" "$SHARED_CORPUS"
for q in "" ICC Tibet 国际传播中心 year:2018..2020; do
  args=()
  [ -n "$q" ] && args=("$q")
  for spec in icc province year lang,year icc,province icc-registry; do
    for unit in passages documents; do
      run 0 "$QUERY" --index "$IDX" --format json --report "$spec" --count "$unit" "${args[@]}"
      one=$out
      run 0 "$QUERY" --index "$WORK/sharded" --format json --report "$spec" --count "$unit" "${args[@]}"
      equals "$out" "$one" "report $spec ($unit) of '$q' from 3 shards"
    done
  done
done
check "$WORK/sharded" Chongqing
check "$WORK/sharded" ""

finish
