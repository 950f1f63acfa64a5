# package: cpack -G DEB makes a Debian package whose dependencies dpkg-shlibdeps computed; as
# root it is installed with dpkg -i, its programs run on the seed from /usr/bin with the data,
# manual pages and completion it put in /usr/share, and it is removed again.
. "$(dirname "$0")/lib.sh"
run 0 cpack -G DEB -B "$WORK/pkg" --config "$TRAWL_BIN/CPackConfig.cmake"
deb=$(ls "$WORK"/pkg/trawl_*.deb 2>/dev/null | head -1)
checks=$((checks + 1))
[ -f "$deb" ] || fail "no package made: $out"
run 0 dpkg-deb -f "$deb" Depends
for lib in libxapian30 libicu72 libstemmer0d libjansson4 libexttextcat-2.0-0 libgumbo1 \
  libexttextcat-data; do
  contains "$out" "$lib" "the package depends on $lib"
done
if [ "$(id -u)" != 0 ]; then
  echo "skipped installing the package: dpkg -i needs root (CI runs as root)"
  finish
fi
if dpkg -s trawl >/dev/null 2>&1; then
  echo "a trawl package is installed already: not replacing it" >&2
  exit 77
fi
trap 'dpkg -r trawl >/dev/null 2>&1; chmod -R u+rwx "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT
run 0 dpkg -i "$deb"
mkdir -p "$WORK/seed"
cp "$TRAWL_SRC/corpus/"* "$WORK/seed/"
cd "$WORK" || exit 1
run 0 /usr/bin/trawl-ingest --index idx seed
contains "$out" "indexed 1 document, 15 passages" "the installed ingest indexes the seed"
run 0 /usr/bin/trawl-query --index idx --limit 0 icc:ichongqing
equals "$out" "1 passage matches: icc:ichongqing" "the installed query, with the installed gazetteer"
run 0 /usr/bin/trawl-query --version
contains "$out" "data: /usr/bin/../share/trawl" "the data under /usr/share/trawl"
run 0 man -w trawl-syntax
equals "$out" "/usr/share/man/man7/trawl-syntax.7" "man finds the installed page"
checks=$((checks + 1))
[ -f /usr/share/bash-completion/completions/trawl-query ] || fail "completion installed"
run 0 dpkg -r trawl
checks=$((checks + 1))
[ ! -e /usr/bin/trawl-query ] || fail "removed with the package"
finish
