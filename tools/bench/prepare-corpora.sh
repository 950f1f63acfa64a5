#!/usr/bin/env bash
# prepare-corpora.sh [DIR]: the benchmark corpora, from Debian packages (real text nobody here
# wrote), into DIR (default build-bench/corpora). Every file is plain UTF-8 text named *.txt,
# so that every engine reads the same bytes.
#   kdoc  the Linux kernel documentation of linux-doc-6.1, its .rst and .txt files
#         decompressed (about 5,100 files, 28 MB)
#   big   kdoc, plus the manual pages in Chinese, Russian, German, French and Spanish
#         (manpages-zh, -ru, -de, -fr, -es) and the Linux man-pages project's English pages
#         (manpages, manpages-dev),
#         rendered to text by groff; plus dictionaries split into files of 1,000 entries:
#         GCIDE (dict-gcide), WordNet (dict-wn) and FOLDOC (dict-foldoc)
set -euo pipefail
dir=${1:-build-bench/corpora}
packages="linux-doc-6.1 manpages-zh manpages-ru manpages-de manpages-fr manpages-es manpages-dev
  dict-gcide dict-wn dict-foldoc groff-base"
missing=""
for p in $packages; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ]; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null
fi

src=/usr/share/doc/linux-doc-6.1/Documentation
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

big="$dir/big"
rm -rf "$big" && mkdir -p "$big/man" "$big/dict"
cp -al "$dir/kdoc" "$big/kdoc"
# Manual pages: each rendered by groff to plain UTF-8 text (no escapes, no overstrikes);
# pages that only include another (".so") are left out.
render() {
  local page=$1 out=$2
  zcat "$page" | grep -q '^\.so ' && return 0
  mkdir -p "$(dirname "$out")"
  zcat "$page" | preconv -e UTF-8 2>/dev/null |
    timeout 30 groff -mandoc -Tutf8 -P-cbou 2>/dev/null >"$out" || true
  [ -s "$out" ] || rm -f "$out"
}
export -f render
for lang in zh_CN zh_TW ru de fr es; do
  [ -d "/usr/share/man/$lang" ] || continue
  find "/usr/share/man/$lang" -type f -name '*.gz' | sort |
    while read -r page; do
      rel=${page#/usr/share/man/}
      printf '%s\0%s\0' "$page" "$big/man/${rel%.gz}.txt"
    done
done | xargs -0 -n 2 -P "$(nproc)" bash -c 'render "$0" "$1"'
for page in $(dpkg -L manpages manpages-dev | grep -E '/man[1-8]/.*\.gz$' | sort); do
  if [ -f "$page" ] && ! [ -L "$page" ]; then
    printf '%s\0%s\0' "$page" "$big/man/dev/$(basename "${page%.gz}").txt"
  fi
done | xargs -0 -n 2 -P "$(nproc)" bash -c 'render "$0" "$1"'
# Dictionaries: entries in the order of their index, 1,000 to a file.
for d in gcide wn foldoc; do
  /usr/bin/python3 - "$d" "$big/dict/$d" <<'PY'
import gzip, os, sys
name, out = sys.argv[1], sys.argv[2]
b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
def num(s):
    n = 0
    for c in s:
        n = n * 64 + b64.index(c)
    return n
data = gzip.open(f"/usr/share/dictd/{name}.dict.dz").read()
entries = []
seen = set()
for line in open(f"/usr/share/dictd/{name}.index", encoding="utf-8", errors="replace"):
    parts = line.rstrip("\n").split("\t")
    if len(parts) < 3 or parts[0].startswith("00-database"):
        continue
    span = (num(parts[1]), num(parts[2]))
    if span not in seen:
        seen.add(span)
        entries.append(span)
entries.sort()
os.makedirs(out, exist_ok=True)
for k in range(0, len(entries), 1000):
    with open(os.path.join(out, f"{name}-{k // 1000:04d}.txt"), "wb") as f:
        for off, size in entries[k:k + 1000]:
            f.write(data[off:off + size].rstrip(b"\n") + b"\n\n")
PY
done
echo "big: $(find "$big" -type f | wc -l) files, $(du -sm "$big" | cut -f1) MB in $big"
