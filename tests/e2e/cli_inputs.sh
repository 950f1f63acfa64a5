# cli_inputs: no document lost, none counted twice. Files of the same name under two folders,
# a parent folder indexed after its child (and the reverse), a run that would replace a
# document still on disk, options the index remembers, empty and unlistable folders, text of
# any extension and binary files, --include/--exclude, manifest rows that name nothing.
. "$(dirname "$0")/lib.sh"
C="$WORK/coll"
mkdir -p "$C/a" "$C/b" "$C/empty"
printf 'Anchors of the northern harbour.\n' >"$C/a/notes.txt"
printf 'Buoys of the southern harbour.\n' >"$C/b/notes.txt"
printf 'Lighthouse keepers of the harbour.\n' >"$C/a/keepers.txt"

# total INDEX QUERY: the number of passages QUERY matches.
total() {
  "$QUERY" --index "$1" --limit 0 "$2" | sed -n '1s/^\([0-9]*\) passages\{0,1\} match.*/\1/p;1s/^no passages.*/0/p'
}

# 1 two folders, same file names: two documents, ids from the folder holding both; stable
run 0 "$INGEST" --index "$WORK/two" "$C/a" "$C/b"
contains "$out" "indexed 3 documents, 3 passages" "three documents"
run 0 "$QUERY" --index "$WORK/two" --format csv harbour
contains "$out" "a/notes.txt#1" "the first notes.txt"
contains "$out" "b/notes.txt#1" "the second notes.txt"
run 0 "$INGEST" --index "$WORK/two" "$C/a" "$C/b"
contains "$out" "(0 added, 0 changed, 0 removed, 3 unchanged)" "a second run changes nothing"
run 0 "$INGEST" --check --index "$WORK/two" "$C/a" "$C/b"
equals "$out" "index up to date: 3 documents" "--check agrees"

# 2 a parent folder after its child: each file once, under its new id
run 0 "$INGEST" --index "$WORK/grow" "$C/a"
equals "$(total "$WORK/grow" harbour)" "2" "the child folder"
run 0 "$INGEST" --index "$WORK/grow" "$C"
contains "$out" "(3 added, 0 changed, 2 removed, 0 unchanged)" "the child's documents move to new ids"
equals "$(total "$WORK/grow" harbour)" "3" "each file once after the parent"
run 0 "$INGEST" --check --index "$WORK/grow" "$C"
equals "$out" "index up to date: 3 documents" "--check after the parent"
# ... and the child again: the parent's other documents stay, nothing doubles
run 0 "$INGEST" --index "$WORK/grow" "$C/a"
contains "$out" "(2 added, 0 changed, 2 removed, 0 unchanged)" "back to the child's ids"
equals "$(total "$WORK/grow" harbour)" "3" "each file once after the child"
run 0 "$INGEST" --check --index "$WORK/grow" "$C/a"
equals "$out" "index up to date: 2 documents" "--check after the child"

# 3 another folder whose notes.txt would take the id of a document still on disk: refused
# before writing; the same bytes elsewhere (a copied corpus) take it over
run 0 "$INGEST" --index "$WORK/sep" "$C/a"
before=$("$QUERY" --index "$WORK/sep" --fingerprint)
run 2 "$INGEST" --index "$WORK/sep" "$C/b"
equals "$err" "trawl-ingest: $C/b/notes.txt would replace notes.txt, indexed from $(realpath "$C/a/notes.txt"): give both folders in one run (ids then start at the folder holding both) or use another --index" "refused"
equals "$("$QUERY" --index "$WORK/sep" --fingerprint)" "$before" "the index is as it was"
cp -r "$C/a" "$WORK/copy"
run 0 "$INGEST" --index "$WORK/sep" "$WORK/copy"
contains "$out" "(0 added, 2 changed, 0 removed, 0 unchanged)" "a copy takes its documents over"
equals "$(total "$WORK/sep" harbour)" "2" "no document doubled"

# 4 an index remembers its passage bound and gazetteer (one with a city of its own)
cp -r "$TRAWL_SRC/src/facets/gazetteer" "$WORK/gz"
printf 'lighthaven\tzhejiang\tLighthaven\tLighthaven\n' >>"$WORK/gz/cities.tsv"
run 0 "$INGEST" --index "$WORK/opts" --max-passage 300 --gazetteer "$WORK/gz" "$TRAWL_SRC/corpus"
run 0 "$INGEST" --index "$WORK/opts" "$TRAWL_SRC/corpus"
lacks "$err" "rebuilding" "a plain run keeps the options"
contains "$out" "(0 added, 0 changed, 0 removed, 1 unchanged)" "nothing to do"
run 0 "$INGEST" --check --index "$WORK/opts" "$TRAWL_SRC/corpus"
equals "$out" "index up to date: 1 document" "--check uses them too"
run 0 "$INGEST" --index "$WORK/opts" --max-passage 600 "$TRAWL_SRC/corpus"
contains "$err" "rebuilding the whole index" "another bound given rebuilds"
mv "$WORK/gz" "$WORK/gz-moved"
run 2 "$INGEST" --index "$WORK/opts" "$TRAWL_SRC/corpus"
contains "$err" "the gazetteer $WORK/gz (remembered by the index) cannot be read" "a remembered gazetteer gone"
run 0 "$INGEST" --index "$WORK/opts" --gazetteer builtin "$TRAWL_SRC/corpus"

# 5 an empty folder is a normal input
run 0 "$INGEST" --index "$WORK/empty" "$C/empty"
contains "$out" "indexed 0 documents" "empty folder"

# 6 text of any extension is read; binary files are counted even with --quiet
D="$WORK/mixed"
mkdir -p "$D/drafts"
printf 'Device trees\n============\n\nThe tree describes the harbour cranes.\n' >"$D/guide.rst"
printf 'id,name\n1,harbour master\n' >"$D/table.csv"
printf 'README without an extension about the harbour.\n' >"$D/README"
printf '\211PNG\r\n\032\n\000\000\000\rIHDR' >"$D/logo.png"
printf 'Draft about the harbour.\n' >"$D/drafts/draft.txt"
run 1 "$INGEST" --quiet --index "$WORK/mixed-index" "$D"
equals "$err" "trawl-ingest: 1 binary file skipped (not text): logo.png" "binary counted, quietly"
equals "$(total "$WORK/mixed-index" harbour)" "4" "rst, csv, no extension, nested"
run 0 "$INGEST" --index "$WORK/globs" --exclude '*.png' --exclude drafts "$D"
contains "$out" "; 2 left out by --include/--exclude" "excluded counted"
equals "$(total "$WORK/globs" harbour)" "3" "excluded folder left out"
run 0 "$INGEST" --index "$WORK/globs" --include '*.rst' "$D"
contains "$out" "(0 added, 0 changed, 2 removed, 1 unchanged)" "excluded files leave the index"
equals "$(total "$WORK/globs" harbour)" "1" "only the included file"

# 7 a folder that cannot be listed never counts as walked: nothing under it is removed
if [ "$(id -u)" = 0 ]; then
  as_reader=(setpriv --reuid=65534 --regid=65534 --clear-groups)
  chmod o+x "$WORK"
else
  as_reader=()
fi
L="$WORK/listed"
mkdir -p "$L/open" "$L/shut" && chmod -R 777 "$L"
printf 'Open harbour notes.\n' >"$L/open/o.txt"
printf 'Shut harbour notes.\n' >"$L/shut/s.txt"
chmod 644 "$L/open/o.txt" "$L/shut/s.txt"
mkdir -m 777 "$WORK/w"
run 0 "${as_reader[@]}" "$INGEST" --index "$WORK/w/index" "$L"
chmod 000 "$L/shut"
run 1 "${as_reader[@]}" "$INGEST" --index "$WORK/w/index" "$L"
equals "$err" "trawl-ingest: $L/shut: Permission denied" "the unlistable folder named"
contains "$out" "(0 added, 0 changed, 0 removed, 1 unchanged)" "nothing under it removed"
chmod 777 "$L/shut"
equals "$(total "$WORK/w/index" harbour)" "2" "both documents still there"

# 8 manifest rows naming no file, and columns Trawl does not read, get a warning naming them
M="$WORK/manifested"
mkdir -p "$M/docs"
printf 'Harbour report.\n' >"$M/docs/report.txt"
printf 'file\ttitle\tauthor\nreport.txt\tThe report\tX\nmissing.txt\tGone\tY\n' >"$M/MANIFEST.tsv"
run 0 "$INGEST" --index "$WORK/m" "$M/docs"
contains "$err" "trawl-ingest: warning: $M/MANIFEST.tsv:1: unknown column 'author' ignored" "unknown column"
contains "$err" "trawl-ingest: warning: $M/MANIFEST.tsv:3: 'missing.txt' names no file here" "missing file"
contains "$out" "1 described by MANIFEST.tsv" "the row that names a file is used"

# 9 a manifest row is part of a file's state: a new title with the same bytes is a change,
# for --check and for ingest (which decide before parsing)
run 0 "$INGEST" --check --index "$WORK/m" "$M/docs"
equals "$out" "index up to date: 1 document" "same bytes, same row"
printf 'file\ttitle\nreport.txt\tThe annual report\n' >"$M/MANIFEST.tsv"
run 1 "$INGEST" --check --index "$WORK/m" "$M/docs"
contains "$out" "stale: report.txt" "a changed row makes the document stale"
run 0 "$INGEST" --index "$WORK/m" "$M/docs"
contains "$out" "(0 added, 1 changed, 0 removed, 0 unchanged)" "and ingest indexes it again"
run 0 "$QUERY" --index "$WORK/m" harbour
contains "$out" "The annual report" "under its new title"

finish
