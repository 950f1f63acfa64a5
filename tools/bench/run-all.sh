#!/usr/bin/env bash
# run-all.sh [RUNS]: the whole benchmark, as docs/PERFORMANCE.md reports it: prepares the
# corpora, builds Trawl (release, build/), then ingest on kdoc and big against every peer,
# queries on both, the anatomy of kdoc's index and incremental runs on big, RUNS runs of each
# ingest (default 1; the tables are medians when RUNS > 1). Installs what it needs from
# Debian's archive (as root, or with sudo). Takes about an hour on two cores; writes its
# report to build-bench/report.txt as well as to the terminal. docs/SCALING.md's figures are
# tools/bench/scaling.sh's (another 20 minutes).
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-1}
sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq xapian-omega python3-xapian sqlite3 \
  ripgrep liblucene8-java default-jdk-headless >/dev/null
tools/bench/prepare-corpora.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
mkdir -p build-bench
{
  tools/bench/ingest.sh build-bench/corpora/kdoc "$runs"
  tools/bench/ingest.sh build-bench/corpora/big "$runs" trawl-1 analysis xapian-floor omindex lucene fts5
  tools/bench/query.py build-bench/corpora/kdoc --rounds 5
  tools/bench/query.py build-bench/corpora/big --rounds 5
  tools/bench/index_anatomy.py build-bench/query/kdoc/trawl build-bench/anatomy
  tools/bench/incremental.sh build-bench/corpora/big 5
} 2>&1 | grep -v 'invalid UTF-8 sequence' | tee build-bench/report.txt
