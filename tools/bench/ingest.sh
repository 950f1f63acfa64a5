#!/usr/bin/env bash
# ingest.sh [CORPUS] [RUNS] [ENGINE...]: Trawl's ingest against its peers on one corpus (default kdoc from
# prepare-corpora.sh), each RUNS times (default 3), page cache dropped before each run when
# allowed. Prints one row per engine: median wall and CPU seconds, MB/s, peak RSS, index size,
# and the ratio of Trawl's wall time to each peer's. Engines: trawl-ingest with --jobs 1, with
# one thread per core (always), and with as many shards as cores, each written by a thread
# (trawl-shards); the analysis floor (build/analysis_probe: ICU words, folding and
# Snowball stems over every file, nothing stored); the Xapian floor and the Xapian floor of
# the passage model (peers.py); omindex; Lucene 8 (lucene.sh: StandardAnalyzer, one document
# per file, text stored); SQLite FTS5 (ENGINE... picks some; trawl always runs). Needs a release build in build/ and the
# packages xapian-omega, python3-xapian, sqlite3, liblucene8-java, default-jdk-headless.
set -euo pipefail
cd "$(dirname "$0")/../.."
corpus=${1:-build-bench/corpora/kdoc}
runs=${2:-3}
shift $(($# < 2 ? $# : 2))
known="trawl-1 trawl-shards analysis xapian-floor xapian-passages omindex lucene fts5"
engines=${*:-$known}
for e in $engines; do
  case " $known " in *" $e "*) ;; *) echo "ingest.sh: unknown engine '$e' (known: $known)" >&2; exit 2 ;; esac
done
wanted() { case " $engines " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# shellcheck source=tools/bench/lib.sh
. tools/bench/lib.sh
bytes=$(corpus_bytes "$corpus")
cold=$( (echo 3 >/proc/sys/vm/drop_caches) 2>/dev/null && echo cold || echo "warm (cannot drop caches)")

# measure NAME INDEX CMD...: RUNS runs; keeps "wall cpu rss_kb index_kb" per run in
# $out/NAME.times
measure() {
  local name=$1 index=$2
  shift 2
  for _ in $(seq "$runs"); do
    rm -rf "$index"
    drop_caches
    /usr/bin/time -f '%e %U %S %M' -o "$out/time" "$@" >/dev/null 2>"$out/err" ||
      { cat "$out/err" >&2; echo "ingest.sh: $name failed" >&2; exit 1; }
    read -r wall user sys rss <"$out/time"
    size=0
    [ ! -e "$index" ] || size=$(du -sk "$index" | cut -f1)
    echo "$wall $(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }') $rss $size" >>"$out/$name.times"
  done
}

measure trawl "$out/idx-trawl" build/trawl-ingest --quiet --jobs "$(nproc)" --index "$out/idx-trawl" "$corpus"
! wanted trawl-1 || measure trawl-1 "$out/idx-trawl1" build/trawl-ingest --quiet --jobs 1 --index "$out/idx-trawl1" "$corpus"
! wanted trawl-shards || measure trawl-shards "$out/idx-shards" build/trawl-ingest --quiet --jobs "$(nproc)" --shards "$(nproc)" --index "$out/idx-shards" "$corpus"
find "$corpus" -type f | sort >"$out/files"
! wanted analysis || measure analysis "$out/no-index" bash -c 'build/analysis_probe <"$1"' _ "$out/files"
! wanted xapian-floor || measure xapian-floor "$out/idx-floor" /usr/bin/python3 tools/bench/peers.py xapian-floor "$corpus" "$out/idx-floor"
! wanted xapian-passages || measure xapian-passages "$out/idx-passages" /usr/bin/python3 tools/bench/peers.py xapian-passages "$corpus" "$out/idx-passages"
! wanted omindex || measure omindex "$out/idx-omega" omindex --db "$out/idx-omega" --url / "$corpus"
! wanted lucene || measure lucene "$out/idx-lucene" tools/bench/lucene.sh index "$corpus" "$out/idx-lucene"
! wanted fts5 || measure fts5 "$out/idx-fts5.db" /usr/bin/python3 tools/bench/peers.py fts5 "$corpus" "$out/idx-fts5.db"

echo "corpus $corpus: $(find "$corpus" -type f | wc -l) files, $((bytes / 1000000)) MB; $runs runs each, $cold cache; $(nproc) cores"
printf '%-13s %8s %8s %8s %9s %10s %12s\n' engine wall_s cpu_s MB/s rss_MB index_MB trawl/engine
trawl_wall=$(cut -d' ' -f1 "$out/trawl.times" | median)
for name in trawl $engines; do
  wall=$(cut -d' ' -f1 "$out/$name.times" | median)
  cpu=$(cut -d' ' -f2 "$out/$name.times" | median)
  rss=$(cut -d' ' -f3 "$out/$name.times" | median)
  size=$(cut -d' ' -f4 "$out/$name.times" | median)
  awk -v n="$name" -v w="$wall" -v c="$cpu" -v r="$rss" -v s="$size" -v b="$bytes" -v t="$trawl_wall" \
    'BEGIN { printf "%-13s %8.2f %8.2f %8.2f %9.0f %10.1f %12.2f\n", n, w, c, b / 1e6 / w, r / 1024, s / 1024, t / w }'
done
