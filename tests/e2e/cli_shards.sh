# cli_shards: an index in shards answers as one index holding the same corpus: local shards,
# shards served by three xapian-tcpsrv, a shard down or silent at the open or later (error,
# --allow-partial), incremental runs touching one shard, a change of shard count, updates
# while serving, and SIGKILL during runs over shards and during a new build by 2 writers.
. "$(dirname "$0")/lib.sh"
TCPSRV=$(command -v xapian-tcpsrv) || {
  echo "xapian-tcpsrv not found: install xapian-tools (tools/install-deps.sh does)" >&2
  exit 1
}
C="$WORK/corpus"
bash "$(dirname "$0")/make_corpus.sh" "$C" 1 40
cp "$TRAWL_SRC/corpus/"*.txt "$C/"

fingerprint() { "$QUERY" --index "$1" --fingerprint | cut -d' ' -f1; }
passages() { "$QUERY" --index "$1" --fingerprint | awk '{print $2}'; }
# Results as "score,id" lines in rank order: the same passages in the same order (ties rank
# by document and position, whatever the shards).
scored() { "$QUERY" --index "$1" --format csv --limit 1000 "${@:2}" | tail -n +2 | cut -d, -f2,3; }
QUERIES=('harbour festival' '"river trade"' 'tea OR bridges' 'icc:chongqing year:2020..2022'
  'international communication center' 'jiangsu -trains')

# 1 one index and three shards of one corpus: same digest, passages, results, facets, reports
run 0 "$INGEST" --index "$WORK/one" "$C"
run 0 "$INGEST" --index "$WORK/three" --shards 3 "$C"
contains "$out" "indexed 41 documents" "sharded build"
equals "$(cat "$WORK/three/XAPIANDB")" "auto shard-1-of-3
auto shard-2-of-3
auto shard-3-of-3" "the stub names the shards, relative to the folder"
want=$(fingerprint "$WORK/one")
equals "$(fingerprint "$WORK/three")" "$want" "3 shards: the digest of the single index"
total=$(passages "$WORK/one")
sum=0
for k in 1 2 3; do
  n=$(passages "$WORK/three/shard-$k-of-3")
  [ "$n" -gt 0 ] || fail "shard $k holds no passage"
  sum=$((sum + n))
done
equals "$sum" "$total" "each passage in exactly one shard"
for q in "${QUERIES[@]}"; do
  a=$(scored "$WORK/one" "$q")
  [ -n "$a" ] || fail "query '$q' matches nothing: a test that cannot tell"
  equals "$(scored "$WORK/three" "$q")" "$a" "3 shards, '$q': same passages and scores"
done
for rep in icc year,province icc-registry; do
  equals "$("$QUERY" --index "$WORK/three" --report "$rep" --format csv)" \
    "$("$QUERY" --index "$WORK/one" --report "$rep" --format csv)" "3 shards: report $rep"
done
equals "$("$QUERY" --index "$WORK/three" --report icc --count documents --format csv jiangsu)" \
  "$("$QUERY" --index "$WORK/one" --report icc --count documents --format csv jiangsu)" \
  "3 shards: documents counted once across shards"
run 0 "$QUERY" --index "$WORK/three" --limit 1 --format json --facets icc,year "harbour festival"
contains "$out" '"facets"' "facets over shards"
lacks "$out" "missing_shards" "nothing missing"
run 0 "$QUERY" --index "$WORK/three" --links "$(ls "$TRAWL_SRC/corpus" | grep '\.txt$' | head -1)"

# 2 --check and incremental runs over shards: only the changed document's shard changes
run 0 "$INGEST" --check --index "$WORK/three" "$C"
equals "$out" "index up to date: 41 documents" "check a sharded index"
declare -A before
for k in 1 2 3; do before[$k]=$(fingerprint "$WORK/three/shard-$k-of-3"); done
printf '= Report 7 =\n\nIn 2023, HolaFujian of Fujian opened a lantern workshop.\n' >"$C/doc007.txt"
run 1 "$INGEST" --check --index "$WORK/three" "$C"
contains "$out" "stale: doc007.txt" "check finds the change in its shard"
run 0 "$INGEST" --index "$WORK/three" "$C"
contains "$out" "(0 added, 1 changed, 0 removed, 40 unchanged)" "incremental run over shards"
changed=0
for k in 1 2 3; do
  [ "$(fingerprint "$WORK/three/shard-$k-of-3")" = "${before[$k]}" ] || changed=$((changed + 1))
done
equals "$changed" "1" "one shard changed"
run 0 "$INGEST" --index "$WORK/one" "$C"
want=$(fingerprint "$WORK/one")
equals "$(fingerprint "$WORK/three")" "$want" "after the change: the single index's digest"
run 0 "$QUERY" --index "$WORK/three" lantern workshop
contains "$out" "doc007.txt#1" "the changed passage found"

# 3 another shard count: built beside the old layout, published by the stub, old one removed
cp -r "$WORK/three" "$WORK/reshard"
run 0 "$INGEST" --index "$WORK/reshard" --shards 2 "$C"
contains "$err" "from 3 shards to 2" "says why it rebuilds"
equals "$(ls -I trawl-writer "$WORK/reshard" | tr '\n' ' ')" "XAPIANDB shard-1-of-2 shard-2-of-2 " "2 shards"
equals "$(fingerprint "$WORK/reshard")" "$want" "2 shards: same digest"
run 0 "$INGEST" --index "$WORK/reshard" --shards 1 "$C"
[ -e "$WORK/reshard/XAPIANDB" ] && fail "one shard: the stub is gone"
[ -e "$WORK/reshard/iamglass" ] || fail "one shard: the folder is the database"
equals "$(fingerprint "$WORK/reshard")" "$want" "back to 1 shard: same digest"
run 0 "$INGEST" --index "$WORK/reshard" --shards 4 "$C"
[ -e "$WORK/reshard/iamglass" ] && fail "4 shards: the single database's files are removed"
equals "$(fingerprint "$WORK/reshard")" "$want" "1 -> 4 shards: same digest"
run 0 "$INGEST" --index "$WORK/reshard" "$C"
contains "$out" "41 unchanged" "without --shards, the index keeps its count"
run 2 "$INGEST" --index "$WORK/reshard" --shards 65 "$C"
contains "$err" "--shards" "too many shards refused"

# 4 three shards served by xapian-tcpsrv, searched through a stub naming them
base=$((20000 + $$ % 20000))
pids=()
for k in 1 2 3; do
  # Its own session: on SIGTERM xapian-tcpsrv signals its whole process group.
  setsid "$TCPSRV" --interface 127.0.0.1 --port $((base + k)) --quiet "$WORK/three/shard-$k-of-3" 2>>"$WORK/servers.log" &
  pids+=($!)
done
trap 'kill -CONT "${pids[@]}" 2>/dev/null; kill "${pids[@]}" 2>/dev/null; chmod -R u+rwx "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT
for k in 1 2 3; do printf 'remote 127.0.0.1:%d\n' $((base + k)); done >"$WORK/remote.stub"
for try in $(seq 50); do
  "$QUERY" --index "$WORK/remote.stub" --fingerprint >/dev/null 2>&1 && break
  sleep 0.1
done
equals "$(fingerprint "$WORK/remote.stub")" "$want" "remote shards: the single index's digest"
for q in "${QUERIES[@]}"; do
  equals "$(scored "$WORK/remote.stub" "$q")" "$(scored "$WORK/one" "$q")" "remote, '$q'"
done
for rep in icc year,province icc-registry; do
  equals "$("$QUERY" --index "$WORK/remote.stub" --report "$rep" --format json)" \
    "$("$QUERY" --index "$WORK/one" --report "$rep" --format json)" "remote: report $rep"
done
equals "$("$QUERY" --index "$WORK/remote.stub" --format json --facets icc,province,year \
  --limit 0 international communication center)" \
  "$("$QUERY" --index "$WORK/one" --format json --facets icc,province,year --limit 0 \
    international communication center)" "remote: facet counts merged exactly"
# Orders by a value, results by document, every occurrence, reprints: as one database (the
# remote backend sorts by a value slot, never by a KeyMaker of several, which it refuses).
for opts in "--sort date" "--sort -date" "--group documents" "--collapse" "--kwic"; do
  # shellcheck disable=SC2086
  equals "$("$QUERY" --index "$WORK/remote.stub" --format csv $opts --limit 30 harbour 2>&1)" \
    "$("$QUERY" --index "$WORK/one" --format csv $opts --limit 30 harbour 2>&1)" "remote: $opts"
done
equals "$("$QUERY" --index "$WORK/remote.stub" --report reprints --format json 2>&1)" \
  "$("$QUERY" --index "$WORK/one" --report reprints --format json 2>&1)" "remote: the reprints"
printf 'harbour = "river trade"\n' >"$WORK/glossary-test.txt"
total() { "$QUERY" "$@" --format json --limit 0 | grep -m1 '"total"'; }
plain=$(total --index "$WORK/one" harbour)
expanded=$(total --index "$WORK/one" --glossary "$WORK/glossary-test.txt" harbour)
[ "$plain" != "$expanded" ] || fail "the glossary finds more: $plain, $expanded"
equals "$("$QUERY" --index "$WORK/remote.stub" --glossary "$WORK/glossary-test.txt" --format json \
  harbour)" "$("$QUERY" --index "$WORK/one" --glossary "$WORK/glossary-test.txt" --format json \
  harbour)" "remote: a glossary expands queries to remote shards as to one database"
run 2 "$INGEST" --index "$WORK/remote.stub" "$C"
contains "$err" "remote.stub" "ingest does not write through a stub file"

# 5 a shard down: an error naming it, or with --allow-partial the others' answer, saying so
kill "${pids[1]}"
wait "${pids[1]}" 2>/dev/null
run 2 "$QUERY" --index "$WORK/remote.stub" harbour festival
contains "$err" "shard 2 of 3 (remote 127.0.0.1:$((base + 2)))" "the down shard is named"
equals "$(echo "$err" | wc -l)" "1" "one line"
run 0 "$QUERY" --index "$WORK/remote.stub" --allow-partial --limit 0 harbour festival
contains "$out" "partial answer, without shard 2 of 3 (remote 127.0.0.1:$((base + 2)))" "text says"
contains "$err" "warning: partial answer" "and warns"
got=$(echo "$out" | grep -o '^[0-9]* passages\? match' | cut -d' ' -f1)
n1=$("$QUERY" --index "$WORK/three/shard-1-of-3" --format json --limit 0 harbour festival | grep '"total"')
n3=$("$QUERY" --index "$WORK/three/shard-3-of-3" --format json --limit 0 harbour festival | grep '"total"')
equals "$got" "$((${n1//[^0-9]/} + ${n3//[^0-9]/}))" "the answer of shards 1 and 3"
run 0 "$QUERY" --index "$WORK/remote.stub" --allow-partial --format json --report icc
contains "$out" '"missing_shards": [' "JSON says which shards are missing"
contains "$out" "shard 2 of 3 (remote 127.0.0.1:$((base + 2))): " "JSON names it"
run 2 "$QUERY" --index "$WORK/remote.stub" --allow-partial --fingerprint
contains "$err" "needs every shard" "no digest of a partial index"

# 6 a shard that accepts but never answers: a timeout naming it
setsid "$TCPSRV" --interface 127.0.0.1 --port $((base + 2)) --quiet "$WORK/three/shard-2-of-3" 2>>"$WORK/servers.log" &
pids[1]=$!
for try in $(seq 50); do
  "$QUERY" --index "$WORK/remote.stub" --fingerprint >/dev/null 2>&1 && break
  sleep 0.1
done
kill -STOP "${pids[2]}"
run 2 "$QUERY" --index "$WORK/remote.stub" --timeout 300 harbour festival
contains "$err" "shard 3 of 3 (remote 127.0.0.1:$((base + 3))): Timeout" "the silent shard is named"
run 0 "$QUERY" --index "$WORK/remote.stub" --timeout 300 --allow-partial harbour festival
contains "$out" "partial answer, without shard 3 of 3" "a silent shard left out"
kill -CONT "${pids[2]}"
# A shard that stops answering between two searches of one process: left out of the second
mkfifo "$WORK/queries"
"$QUERY" --index "$WORK/remote.stub" --allow-partial --timeout 500 --limit 0 --batch - \
  <"$WORK/queries" >"$WORK/batch.out" 2>"$WORK/batch.err" &
batch=$!
exec 7>"$WORK/queries"
echo "harbour festival" >&7
for try in $(seq 100); do [ -s "$WORK/batch.out" ] && break; sleep 0.05; done
# The server and the child it forked for this connection (its own process group: setsid).
kill -STOP -- "-${pids[2]}"
echo "harbour festival" >&7
exec 7>&-
wait "$batch"
equals "$?" "0" "the batch answers both queries"
kill -CONT -- "-${pids[2]}"
first=$(sed -n 1p "$WORK/batch.out")
second=$(sed -n 2p "$WORK/batch.out")
lacks "$first" "missing_shards" "first search: every shard"
contains "$second" '"missing_shards":["shard 3 of 3 (remote 127.0.0.1:'"$((base + 3))"'): ' \
  "second search: without the silent shard, saying so"
n12=0
for k in 1 2; do
  t=$("$QUERY" --index "$WORK/three/shard-$k-of-3" --format json --limit 0 harbour festival | grep -o '"total": [0-9]*')
  n12=$((n12 + ${t//[^0-9]/}))
done
contains "$second" "\"total\":$n12," "second search: the answer of shards 1 and 2"
contains "$(cat "$WORK/batch.err")" "warning: partial answer, without shard 3 of 3" "warned once"

# 7 updates while the shards are served: ingest commits each shard; every query during the run
# answers (never an error) with each shard's old or new state, and after it with the new
count() { "$QUERY" --index "$1" --format json --limit 0 '"copper kettle"' | grep -o '"total": [0-9]*' | grep -o '[0-9]*$'; }
for d in $(seq 11 30); do
  printf '= Report %d =\n\nIn 2021, JiangsuNow of Jiangsu polished a copper kettle.\n' "$d" >"$C/doc0$d.txt"
done
"$INGEST" --index "$WORK/three" --jobs 1 "$C" >"$WORK/ingest.out" 2>&1 &
ingest=$!
answers=""
while kill -0 "$ingest" 2>/dev/null; do
  n=$(count "$WORK/remote.stub") || { fail "a query during the ingest failed"; break; }
  answers="$answers $n"
done
wait "$ingest" || fail "the ingest while serving failed: $(cat "$WORK/ingest.out")"
declare -a new
for k in 1 2 3; do new[$k]=$(count "$WORK/three/shard-$k-of-3"); done
equals "$(count "$WORK/remote.stub")" "20" "after the run: the served shards answer with the new"
for n in $answers; do
  ok=0
  for mask in 0 1 2 3 4 5 6 7; do
    sum=0
    for k in 1 2 3; do [ $((mask >> (k - 1) & 1)) = 1 ] && sum=$((sum + new[k])); done
    [ "$n" = "$sum" ] && ok=1
  done
  [ "$ok" = 1 ] || fail "a query during the ingest saw $n: not each shard old or new"
done
echo "queries during the ingest: $(echo $answers | wc -w)"

kill "${pids[@]}" 2>/dev/null

# 8 SIGKILL during runs over shards (an update, a change of shard count): the index always
# opens and answers, and the next run ends with the uninterrupted build's digest
for d in $(seq 31 40); do
  printf '= Report %d =\n\nIn 2022, iChongqing of Chongqing filmed a tea harbour.\n' "$d" >"$C/doc0$d.txt"
done
run 0 "$INGEST" --index "$WORK/want" "$C"
want=$(fingerprint "$WORK/want")
cp -r "$WORK/three" "$WORK/before"
start=$(date +%s%N)
"$INGEST" --quiet --index "$WORK/three" --shards 2 "$C"
took=$((($(date +%s%N) - start) / 1000000))
equals "$(fingerprint "$WORK/three")" "$want" "3 -> 2 shards with changes: the single index's digest"
for k in $(seq 0 9); do
  for shards in 3 2; do
    rm -rf "$WORK/victim" && cp -r "$WORK/before" "$WORK/victim"
    "$INGEST" --quiet --index "$WORK/victim" --shards "$shards" "$C" &
    pid=$!
    sleep "$(awk -v t="$took" -v k="$k" 'BEGIN { printf "%.3f", t * k / 10 / 1000 }')"
    kill -KILL "$pid" 2>/dev/null
    { wait "$pid"; } 2>/dev/null
    run 0 "$QUERY" --index "$WORK/victim" --limit 0 harbour
    run 0 "$INGEST" --quiet --index "$WORK/victim" --shards "$shards" "$C"
    equals "$(fingerprint "$WORK/victim")" "$want" "killed at point $k of a run to $shards shards"
    equals "$(ls "$WORK/victim" | grep -c '^shard-')" "$shards" "point $k: only the $shards shards left"
  done
done
echo "kills over 10 points of a $took ms run, twice"
# a new index by 2 writers (staging shards merged into one): killed anywhere, the next run
# completes it
start=$(date +%s%N)
"$INGEST" --quiet --jobs 2 --index "$WORK/fresh2" "$C"
took=$((($(date +%s%N) - start) / 1000000))
equals "$(cat "$WORK/fresh2/XAPIANDB")" "auto shard-1-of-1" "a new index by 2 writers: merged, published"
equals "$(fingerprint "$WORK/fresh2")" "$want" "merged staging shards: the single index's digest"
for k in $(seq 0 9); do
  rm -rf "$WORK/victim"
  "$INGEST" --quiet --jobs 2 --index "$WORK/victim" "$C" &
  pid=$!
  sleep "$(awk -v t="$took" -v k="$k" 'BEGIN { printf "%.3f", t * k / 10 / 1000 }')"
  kill -KILL "$pid" 2>/dev/null
  { wait "$pid"; } 2>/dev/null
  "$QUERY" --index "$WORK/victim" --limit 0 harbour >/dev/null 2>"$WORK/q.err"
  [ $? -le 1 ] || contains "$(cat "$WORK/q.err")" "no index at" "point $k: no index yet, or one"
  run 0 "$INGEST" --quiet --jobs 2 --index "$WORK/victim" "$C"
  equals "$(fingerprint "$WORK/victim")" "$want" "a new index killed at point $k, then completed"
  equals "$(ls -I trawl-writer "$WORK/victim" | tr '\n' ' ')" "XAPIANDB shard-1-of-1 " "point $k: staging shards gone"
done
# what a new build killed while publishing leaves: staging shards, the stub being written
rm -rf "$WORK/victim" && mkdir -p "$WORK/victim/shard-1-of-2" && echo "auto shard-1" >"$WORK/victim/XAPIANDB.new"
run 0 "$INGEST" --quiet --jobs 2 --index "$WORK/victim" "$C"
equals "$(fingerprint "$WORK/victim")" "$want" "a new build over a killed one's leftovers"
equals "$(ls -I trawl-writer "$WORK/victim" | tr '\n' ' ')" "XAPIANDB shard-1-of-1 " "leftovers swept"
rm -rf "$WORK/victim" && cp -r "$WORK/before" "$WORK/victim"
mkdir "$WORK/victim/shard-1-of-2" # as a run to 2 shards killed before publishing leaves it
run 0 "$INGEST" --quiet --index "$WORK/victim" "$C"
equals "$(ls -I trawl-writer "$WORK/victim" | tr '\n' ' ')" "XAPIANDB shard-1-of-3 shard-2-of-3 shard-3-of-3 " \
  "an unpublished layout's shards are swept"

finish
