#!/usr/bin/env bash
# prepare-corpora.sh [DIR]: the benchmark corpora, from Debian packages (real text nobody here
# wrote), into DIR (default build-bench/corpora). kdoc: the Linux kernel documentation of
# linux-doc-6.1, its .rst and .txt files decompressed (about 5,100 files, 28 MB), each named
# NAME.txt so that every indexer reads it as plain text.
set -euo pipefail
dir=${1:-build-bench/corpora}
src=/usr/share/doc/linux-doc-6.1/Documentation
if [ ! -d "$src" ]; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq linux-doc-6.1 >/dev/null
fi
rm -rf "$dir/kdoc" && mkdir -p "$dir/kdoc"
(cd "$src" && find . -type f \( -name '*.rst.gz' -o -name '*.txt.gz' \) | sort) |
  while read -r f; do
    out="$dir/kdoc/${f#./}"
    out="${out%.gz}"
    out="${out%.txt}.txt"
    mkdir -p "$(dirname "$out")"
    zcat "$src/$f" >"$out"
  done
echo "kdoc: $(find "$dir/kdoc" -type f | wc -l) files, $(du -sm "$dir/kdoc" | cut -f1) MB in $dir/kdoc"
