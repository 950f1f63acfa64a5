#!/usr/bin/env bash
# scaling.sh [CORPORA [WORK]]: how Trawl grows with its corpus and across shards, the figures
# of docs/SCALING.md. CORPORA (default build-bench/corpora, made by prepare-corpora.sh) holds
# kdoc and big; big-x2 and big-x4 are made beside them, 2 and 4 copies of big under other
# folder names (hard links: the same bytes, other document ids). Indexes go to WORK (default
# build-bench/scaling), one at a time.
#   growth   kdoc, big, big-x2, big-x4: a new index by trawl-ingest --jobs (cores), page cache
#            dropped: wall and CPU seconds, peak RSS, index size, passages; then the 60 queries
#            of round_trip.py through one trawl-query --batch process (median and 90th
#            percentile of the warm rounds)
#   shards   big written as 2, 4 and 8 shards (--shards N); each shard served by its own
#            xapian-tcpsrv on loopback and queried through a stub naming them, and the same
#            shards opened as local files, to tell the network's share
# Needs a release build in build/ and xapian-tools.
set -euo pipefail
cd "$(dirname "$0")/../.."
corpora=${1:-build-bench/corpora}
work=${2:-build-bench/scaling}
mkdir -p "$work"
for k in 2 4; do
  copy="$corpora/big-x$k"
  [ -d "$copy" ] && continue
  for i in $(seq "$k"); do
    mkdir -p "$copy"
    cp -al "$corpora/big" "$copy/copy$i"
  done
done
# shellcheck source=tools/bench/lib.sh
. tools/bench/lib.sh
passages() { build/trawl-query --index "$1" --fingerprint | awk '{ print $2 }'; }

echo "growth: corpus files MB wall_s cpu_s rss_MB index_MB passages warm_ms p90_ms"
for c in kdoc big big-x2 big-x4; do
  idx="$work/idx-$c"
  rm -rf "$idx"
  drop_caches
  /usr/bin/time -f '%e %U %S %M' -o "$work/time" build/trawl-ingest --quiet --index "$idx" \
    "$corpora/$c" 2>/dev/null
  read -r wall user sys rss <"$work/time"
  q=$(tools/bench/round_trip.py "$idx" 5)
  echo "$c $(find -L "$corpora/$c" -type f | wc -l) $(($(corpus_bytes "$corpora/$c") / 1000000)) $wall $(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }') \
$((rss / 1024)) $(($(du -sk "$idx" | cut -f1) / 1024)) $(passages "$idx") \
$(echo "$q" | awk '{ print $2, $4 }')"
  rm -rf "$idx"
done

base=$((30000 + $$ % 20000))
pids=()
stop_servers() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  pids=()
}
trap stop_servers EXIT
echo "shards: n ingest_s local_warm_ms local_p90_ms remote_warm_ms remote_p90_ms"
for n in 2 4 8; do
  idx="$work/idx-shards-$n"
  rm -rf "$idx"
  drop_caches
  /usr/bin/time -f '%e' -o "$work/time" build/trawl-ingest --quiet --shards "$n" --index "$idx" \
    "$corpora/big" 2>/dev/null
  local_q=$(tools/bench/round_trip.py "$idx" 5)
  stub="$work/remote-$n"
  : >"$stub"
  for i in $(seq "$n"); do
    port=$((base + i))
    # (Each server says "write failed" when a client leaves: kept out of the report.)
    setsid xapian-tcpsrv --interface 127.0.0.1 --port "$port" --quiet "$idx/shard-$i-of-$n" \
      2>>"$work/servers.log" &
    pids+=($!)
    echo "remote 127.0.0.1:$port" >>"$stub"
  done
  for i in $(seq "$n"); do
    until (echo >"/dev/tcp/127.0.0.1/$((base + i))") 2>/dev/null; do sleep 0.1; done
  done
  remote_q=$(tools/bench/round_trip.py "$stub" 5)
  [ "$(echo "$local_q" | awk '{ print $8 }')" = "$(echo "$remote_q" | awk '{ print $8 }')" ] ||
    { echo "scaling.sh: $n remote shards matched other passages than local ones" >&2; exit 1; }
  stop_servers
  echo "$n $(cat "$work/time") $(echo "$local_q" | awk '{ print $2, $4 }') $(echo "$remote_q" | awk '{ print $2, $4 }')"
  rm -rf "$idx"
done
