# cli_rebuild: the index as CI rebuilds it: incremental runs, --check, fingerprints equal for
# equal corpora however they were built, SIGKILL at many points, queries during an ingest,
# rebuilds written beside the old index.
. "$(dirname "$0")/lib.sh"
C="$WORK/corpus"
bash "$(dirname "$0")/make_corpus.sh" "$C" 1 60

fingerprint() { "$QUERY" --index "$1" --fingerprint | cut -d' ' -f1; }

# 1 a fresh build is up to date; --check changes nothing and says so
run 0 "$INGEST" --index "$WORK/inc" "$C"
contains "$out" "indexed 60 documents, 720 passages" "first build"
run 0 "$INGEST" --check --index "$WORK/inc" "$C"
equals "$out" "index up to date: 60 documents" "check after a build"

# 2 one document changed, one deleted, one added: --check lists them, ingest redoes only them
printf '= Report 3 =\n\nIn 2024, GWICC of Guangdong opened a lighthouse museum.\n' >"$C/doc003.txt"
rm "$C/doc005.txt"
bash "$(dirname "$0")/make_corpus.sh" "$C" 61 61
run 1 "$INGEST" --check --index "$WORK/inc" "$C"
contains "$out" "missing: doc061.txt" "check: added file"
contains "$out" "stale: doc003.txt" "check: changed file"
contains "$out" "extra: doc005.txt" "check: deleted file"
contains "$out" "index out of date: 1 missing, 1 stale, 1 extra, 58 up to date" "check summary"
run 0 "$INGEST" --index "$WORK/inc" "$C"
contains "$out" "indexed 2 documents, 13 passages" "incremental run indexes two documents"
contains "$out" "(1 added, 1 changed, 1 removed, 58 unchanged)" "incremental counts"
run 0 "$INGEST" --check --index "$WORK/inc" "$C"
equals "$out" "index up to date: 60 documents" "check after the incremental run"
run 0 "$QUERY" --index "$WORK/inc" lighthouse museum
matches "$out" 1 "changed document searchable"
contains "$out" "doc003.txt#1" "changed document's passage"
run 1 "$QUERY" --index "$WORK/inc" 'title:"Report 5"'
matches "$out" 0 "deleted document gone"

# 3 the same corpus, fresh in another folder, fed file by file in reverse order: same digest
want=$(fingerprint "$WORK/inc")
equals "${#want}" "32" "a 128-bit digest"
cp -r "$C" "$WORK/copy"
run 0 "$INGEST" --index "$WORK/fresh" "$WORK/copy"
equals "$(fingerprint "$WORK/fresh")" "$want" "fresh build in another folder = incremental build"
(cd "$WORK/copy" && ls -r) >"$WORK/reverse"
run 0 bash -c 'cd "$1" && xargs "$2" --index "$3" <"$4"' _ "$WORK/copy" "$INGEST" \
  "$WORK/reversed" "$WORK/reverse"
equals "$(fingerprint "$WORK/reversed")" "$want" "files in reverse order"
for jobs in 1 2 5; do
  run 0 "$INGEST" --jobs "$jobs" --index "$WORK/jobs$jobs" "$WORK/copy"
  equals "$(fingerprint "$WORK/jobs$jobs")" "$want" "--jobs $jobs: the same index"
done
run 2 "$INGEST" --jobs 0 --index "$WORK/jobs0" "$C"
contains "$err" "--jobs" "--jobs 0 refused"
run 0 "$INGEST" --index "$WORK/other" --max-passage 300 "$C"
[ "$(fingerprint "$WORK/other")" != "$want" ] || fail "another passage bound, same digest"

# 4 SIGKILL at 20 points of an ingest over an older index: the older index still answers, the
# next run completes with the digest of an uninterrupted build
rm -rf "$WORK/copy/doc06"* "$WORK/copy/doc1"* "$WORK/copy/doc2"* "$WORK/copy/doc3"* \
  "$WORK/copy/doc4"* "$WORK/copy/doc5"*
"$INGEST" --quiet --index "$WORK/old" "$WORK/copy"
old=$(fingerprint "$WORK/old")
"$QUERY" --index "$WORK/old" --limit 0 harbour >"$WORK/old-answer"
start=$(date +%s%N)
"$INGEST" --quiet --index "$WORK/timed" "$C"
took=$((($(date +%s%N) - start) / 1000000))
"$QUERY" --index "$WORK/timed" --limit 0 harbour >"$WORK/new-answer"
# A kill lands before the commit (the older index stays), or after it, while the program ends
# (the newer one is whole); never anything between.
before_commit=0
for k in $(seq 0 19); do
  rm -rf "$WORK/victim" && cp -r "$WORK/old" "$WORK/victim"
  "$INGEST" --quiet --index "$WORK/victim" "$C" &
  pid=$!
  sleep "$(awk -v t="$took" -v k="$k" 'BEGIN { printf "%.3f", t * k / 20 / 1000 }')"
  kill -KILL "$pid" 2>/dev/null
  { wait "$pid"; } 2>/dev/null
  status=$?
  got=$(fingerprint "$WORK/victim")
  run 0 "$QUERY" --index "$WORK/victim" --limit 0 harbour
  if [ "$status" -eq 137 ] && [ "$got" = "$old" ]; then
    before_commit=$((before_commit + 1))
    equals "$out" "$(cat "$WORK/old-answer")" "killed at point $k: the older index answers"
  else
    equals "$got" "$want" "point $k: killed after the commit or finished: the newer index"
    equals "$out" "$(cat "$WORK/new-answer")" "point $k: the newer index answers"
  fi
  run 0 "$INGEST" --quiet --index "$WORK/victim" "$C"
  equals "$(fingerprint "$WORK/victim")" "$want" "the run after point $k completes"
done
echo "$before_commit of 20 kills landed before the commit (uninterrupted run: $took ms)"
[ "$before_commit" -ge 5 ] || fail "only $before_commit of 20 kills landed before the commit"

# 5 queries during an ingest see the older or the newer index, never an error
rm -rf "$WORK/busy" && cp -r "$WORK/old" "$WORK/busy"
"$INGEST" --quiet --index "$WORK/busy" "$C" &
pid=$!
queries=0
while kill -0 "$pid" 2>/dev/null || [ "$queries" -eq 0 ]; do
  run 0 "$QUERY" --index "$WORK/busy" --limit 0 harbour
  [ "$out" = "$(cat "$WORK/old-answer")" ] || [ "$out" = "$(cat "$WORK/new-answer")" ] ||
    fail "a query during the ingest saw neither index: $out"
  queries=$((queries + 1))
done
wait "$pid" || fail "the ingest beside the queries failed"
echo "$queries queries ran during the ingest"

# 6 --rebuild writes the new index beside the old one, as a new index is written (two writers,
# merged), then publishes it: killed anywhere, the index answers as before (same corpus, same
# digest) and the next run sweeps what the killed one left; a finished rebuild leaves one
# shard, under the other name
one_shard() { ls -I trawl-writer -I XAPIANDB "$1" | tr '\n' ' '; }
for k in $(seq 0 9); do
  rm -rf "$WORK/rb" && cp -r "$WORK/timed" "$WORK/rb"
  "$INGEST" --quiet --rebuild --jobs 2 --index "$WORK/rb" "$C" &
  pid=$!
  sleep "$(awk -v t="$took" -v k="$k" 'BEGIN { printf "%.3f", t * k / 10 / 1000 }')"
  kill -KILL "$pid" 2>/dev/null
  { wait "$pid"; } 2>/dev/null
  equals "$(fingerprint "$WORK/rb")" "$want" "rebuild killed at point $k: the same index"
  run 0 "$QUERY" --index "$WORK/rb" --limit 0 harbour
  equals "$out" "$(cat "$WORK/new-answer")" "rebuild killed at point $k: it answers"
  run 0 "$INGEST" --quiet --index "$WORK/rb" "$C"
  case "$(one_shard "$WORK/rb")" in
  "shard-1-of-1 " | "shard-1-of-1.b ") ;;
  *) fail "after point $k: $(one_shard "$WORK/rb")" ;;
  esac
done
rm -rf "$WORK/rb" && cp -r "$WORK/timed" "$WORK/rb"
equals "$(one_shard "$WORK/rb")" "shard-1-of-1 " "a new index: shard-1-of-1"
run 0 "$INGEST" --rebuild --index "$WORK/rb" "$C"
contains "$err" "a rebuild was asked for" "the rebuild says why"
equals "$(one_shard "$WORK/rb")" "shard-1-of-1.b " "rebuilt beside it"
equals "$(fingerprint "$WORK/rb")" "$want" "rebuilt: the same index"
run 0 "$INGEST" --rebuild --index "$WORK/rb" "$C"
equals "$(one_shard "$WORK/rb")" "shard-1-of-1 " "and back"

finish
