# ranking: MRR@10 and the share of queries answered in the top 3 on the judged query set
# (tests/data/judged-queries.tsv: 48 queries in 13 languages on ../shared/corpus, answers
# judged by reading), measured by the judge (tests/e2e/judge.c), which shares no code with
# Trawl; fails below the floors.
. "$(dirname "$0")/lib.sh"
have_shared || finish
IDX="$WORK/index"
run 0 "$INGEST" --quiet --index "$IDX" "$SHARED_CORPUS/.."
grep -v '^#' "$TRAWL_SRC/tests/data/judged-queries.tsv" | cut -f1 >"$WORK/queries.txt"
run 0 "$QUERY" --index "$IDX" --batch "$WORK/queries.txt" --limit 10
printf '%s\n' "$out" >"$WORK/results.jsonl"
run 0 "$JUDGE" --min-mrr 0.95 --min-top3 0.97 "$TRAWL_SRC/tests/data/judged-queries.tsv" \
  "$WORK/results.jsonl"
echo "$out"
finish
