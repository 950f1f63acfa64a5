# install: `cmake --install` puts the programs in bin/, their data in share/trawl, their manual
# pages and bash completion where man and bash-completion look, and the
# installed programs run from anywhere, after the prefix is moved, with no path of the build
# or source tree inside them.
. "$(dirname "$0")/lib.sh"
run 0 cmake --install "$TRAWL_BIN" --prefix "$WORK/prefix"
for f in bin/trawl-ingest bin/trawl-query bin/trawl-serve share/trawl/langid.conf \
  share/trawl/web/index.html share/trawl/web/app.js share/trawl/web/app.css \
  share/man/man1/trawl-serve.1 \
  share/trawl/gazetteer/provinces.tsv share/trawl/gazetteer/centers.tsv \
  share/man/man1/trawl-ingest.1 share/man/man1/trawl-query.1 share/man/man7/trawl-syntax.7 \
  share/bash-completion/completions/trawl-ingest share/bash-completion/completions/trawl-query; do
  checks=$((checks + 1))
  [ -f "$WORK/prefix/$f" ] || fail "installed: $f"
done
# Moved elsewhere, as a package manager or a user would.
mv "$WORK/prefix" "$WORK/moved"
# No data path of the build or source tree is compiled in; a program without debug information
# (a release build) holds no path of either tree at all. (A debug or sanitizer build keeps
# source paths in its debug information and sanitizer tables, which locate code, not data.)
for prog in trawl-ingest trawl-query; do
  if readelf -S "$WORK/moved/bin/$prog" | grep -q '\.debug_info'; then
    # The data's own paths, as whole strings.
    for data in "$TRAWL_SRC/src/facets/gazetteer" "$TRAWL_SRC/src/text/langid.conf" \
      "$TRAWL_BIN/share/trawl"; do
      checks=$((checks + 1))
      if LC_ALL=C grep -qaP "\\Q$data\\E\\x00" "$WORK/moved/bin/$prog"; then
        fail "$prog holds the path $data"
      fi
    done
    continue
  fi
  for tree in "$TRAWL_SRC" "$TRAWL_BIN"; do
    checks=$((checks + 1))
    if grep -qaF "$tree" "$WORK/moved/bin/$prog"; then
      fail "$prog holds the path $tree"
    fi
  done
done
mkdir -p "$WORK/elsewhere/docs"
cp "$TRAWL_SRC/corpus/"* "$WORK/elsewhere/docs/"
cd "$WORK/elsewhere" || exit 1
unset TRAWL_DATA_DIR TRAWL_GAZETTEER
run 0 "$WORK/moved/bin/trawl-ingest" --index idx docs
contains "$out" "indexed 1 document, 15 passages" "the installed ingest indexes the seed"
run 0 "$WORK/moved/bin/trawl-query" --index idx --limit 1 icc:ichongqing
contains "$out" "1 passage matches: icc:ichongqing" "facets found with the installed gazetteer"
run 0 "$WORK/moved/bin/trawl-query" --index idx --report lang --format csv
contains "$out" "en,English,15" "languages detected with the installed list"
# The index: --index, else $TRAWL_INDEX, else ./index; a missing one says which rule chose it.
TRAWL_INDEX=idx run 0 "$WORK/moved/bin/trawl-query" --limit 0 icc:ichongqing
equals "$out" "1 passage matches: icc:ichongqing" "\$TRAWL_INDEX names the index"
run 2 "$WORK/moved/bin/trawl-query" icc:ichongqing
contains "$err" "no index at index: run trawl-ingest first" "./index by default"
contains "$err" "[the index folder from the default: --index DIR, else \$TRAWL_INDEX, else ./index]" \
  "the error says which rule it used"
TRAWL_INDEX=none run 2 "$WORK/moved/bin/trawl-query" icc:ichongqing
contains "$err" "the index folder from \$TRAWL_INDEX" "the environment's rule"
TRAWL_INDEX=none run 0 "$WORK/moved/bin/trawl-query" --index idx --limit 0 icc:ichongqing
equals "$out" "1 passage matches: icc:ichongqing" "--index before \$TRAWL_INDEX"
# --version: Trawl's and the libraries' versions, and where the data was found.
run 0 "$WORK/moved/bin/trawl-query" --version
contains "$out" "trawl $(sed -n 's/^project(trawl VERSION \([0-9.]*\).*/\1/p' "$TRAWL_SRC/CMakeLists.txt") (index schema " \
  "Trawl's version"
contains "$out" "Xapian $(xapian-config --version | awk '{ print $NF }')" "Xapian's version"
contains "$out" "data: $WORK/moved/bin/../share/trawl" "the data found beside the program"
contains "$out" "analyser of a new index: icu " "what an index would record"
run 0 "$WORK/moved/bin/trawl-ingest" --version
contains "$out" "trawl " "trawl-ingest --version"
# TRAWL_DATA_DIR overrides; a wrong one is named in the error.
TRAWL_DATA_DIR="$WORK/nowhere" run 2 "$WORK/moved/bin/trawl-ingest" --index idx2 docs
contains "$err" "$WORK/nowhere" "the data folder the error names"
finish
