# cli_errors: bad input to trawl-ingest gets one clear line per problem, the rest is
# indexed, and what was indexed before stays intact and searchable.
. "$(dirname "$0")/lib.sh"
IDX="$WORK/index"
C="$WORK/corpus"
mkdir -p "$C"

# 1 a first good corpus
printf '= Lighthouses =\n\nThe keeper lit the lamp at dusk.\n' >"$C/lighthouse.txt"
run 0 "$INGEST" --index "$IDX" "$C"
contains "$out" "indexed 1 document, 1 passage" "first ingest"

# 2 a second run over a corpus full of bad files
printf '' >"$C/empty.txt"
printf ' \n\n\t\n' >"$C/blank.txt"
printf 'abc\000def\n' >"$C/binary.txt"
printf 'Caf\351 crema and the harbour\n' >"$C/latin1.txt"
printf '\377\376garbage' >"$C/photo.jpg"
printf '= Unclosed ==\n\n== Heading without end\n\nStill text about anchors.\n' >"$C/odd.txt"
mkdir -p "$C/folder.txt" && printf 'Tides rise twice a day.\n' >"$C/folder.txt/tides.txt"
ln -s loop-b.txt "$C/loop-a.txt" && ln -s loop-a.txt "$C/loop-b.txt"
yes 'waves break on the long grey shore' | head -c 2000000 | tr '\n' ' ' >"$C/oneline.txt"
run 1 "$INGEST" --index "$IDX" "$C"
contains "$err" "trawl-ingest: $C/empty.txt: empty file" "empty file"
contains "$err" "trawl-ingest: $C/blank.txt: empty file" "blank file"
contains "$err" "trawl-ingest: 2 binary files skipped (not text): binary.txt, photo.jpg" "binary files counted on one line"
contains "$err" "trawl-ingest: warning: $C/latin1.txt: 1 invalid UTF-8 sequence replaced by U+FFFD" "invalid UTF-8"
contains "$err" "trawl-ingest: $C/loop-a.txt: symbolic link loop" "symlink loop a"
contains "$err" "trawl-ingest: $C/loop-b.txt: symbolic link loop" "symlink loop b"
equals "$(printf '%s\n' "$err" | wc -l)" "6" "one line per problem"
contains "$out" "indexed 4 documents" "good files indexed"
contains "$out" "(4 added, 0 changed, 0 removed, 1 unchanged)" "the first document unchanged"
contains "$out" "; 6 skipped" "summary counts"

# 3 everything indexed is searchable: before, repaired, odd, nested, huge
run 0 "$QUERY" --index "$IDX" keeper lamp
matches "$out" 1 "earlier document intact"
run 0 "$QUERY" --index "$IDX" harbour
contains "$out" "latin1.txt#1" "repaired document"
run 0 "$QUERY" --index "$IDX" anchors
contains "$out" "odd.txt#" "odd headings"
run 0 "$QUERY" --index "$IDX" tides
contains "$out" "folder.txt/tides.txt#1" "a folder named like a file is walked"
run 0 "$QUERY" --index "$IDX" --limit 1 '"grey shore"'
contains "$out" "oneline.txt#" "a 2 MB line is split into passages"
passages=$(printf '%s\n' "$out" | sed -n 's/^\([0-9]*\) passages match.*/\1/p')
[ "${passages:-0}" -ge 2000 ] || fail "2 MB line: $passages passages, expected at least 2000"

# 4 named files: any extension is tried; what is not text is refused by name
run 1 "$INGEST" --index "$IDX" "$C/photo.jpg" "$C/binary.txt" "$C/missing.txt"
contains "$err" "trawl-ingest: $C/photo.jpg: binary file (not text)" "named binary file"
contains "$err" "trawl-ingest: $C/binary.txt: binary file (NUL byte at offset 3)" "named file with a NUL"
contains "$err" "trawl-ingest: $C/missing.txt: No such file or directory" "missing file"

# 5 an unreadable file (root reads everything: as root, the ingest runs as user nobody) and a
# named pipe (never opened: reading it would wait for a writer)
printf 'secret\n' >"$C/locked.txt" && chmod 000 "$C/locked.txt"
as_reader=()
if [ "$(id -u)" = 0 ]; then
  as_reader=(setpriv --reuid=65534 --regid=65534 --clear-groups)
  chmod o+x "$WORK"
fi
mkdir -m 777 "$WORK/open"
run 1 "${as_reader[@]}" "$INGEST" --index "$WORK/open/index" "$C/locked.txt"
equals "$err" "trawl-ingest: $C/locked.txt: cannot open: Permission denied" "unreadable file"
rm -f "$C/locked.txt"
mkfifo "$C/pipe.txt"
run 1 timeout 20 "$INGEST" --index "$IDX" "$C/pipe.txt"
equals "$err" "trawl-ingest: $C/pipe.txt: not a regular file" "named pipe"
rm -f "$C/pipe.txt"

# 6 index folders that are not indexes, and a locked index
mkdir -p "$WORK/notindex" && printf 'x' >"$WORK/notindex/data.csv"
run 2 "$INGEST" --index "$WORK/notindex" "$C/lighthouse.txt"
equals "$err" "trawl-ingest: $WORK/notindex: not a Trawl index (it holds 'data.csv'); give an empty or new folder" "foreign folder"
run 2 "$INGEST" --index "$C/lighthouse.txt" "$C/lighthouse.txt"
contains "$err" "not a folder" "a file as index"
run 2 "$QUERY" --index "$WORK/notindex" keeper
contains "$err" "no index at $WORK/notindex" "query on a foreign folder"
mkfifo "$WORK/hold"
"$TRAWL_BIN/tests/hold_lock" "$IDX" <"$WORK/hold" >"$WORK/held" &
exec 9>"$WORK/hold"
for _ in $(seq 100); do grep -q locked "$WORK/held" 2>/dev/null && break; sleep 0.1; done
run 2 "$INGEST" --index "$IDX" "$C/lighthouse.txt"
holder=$(sed -n 's/^locked //p' "$WORK/held")
contains "$err" "trawl-ingest: $IDX is being written by another trawl-ingest (process $holder, writing since " "locked index names its holder"
run 0 "$QUERY" --index "$IDX" keeper
matches "$out" 1 "queries still work during a write"
exec 9>&-
wait

# 7 bad queries get one line naming the problem; the index answers the next query
run 2 "$QUERY" --index "$IDX" '"keeper lit'
equals "$err" "trawl-query: query error at column 1: unbalanced quote: this \" has no closing quote" "unterminated quote"
run 2 "$QUERY" --index "$IDX" '(keeper OR lamp'
equals "$err" "trawl-query: query error at column 1: unbalanced parenthesis: this ( is never closed" "unclosed parenthesis"
run 2 "$QUERY" --index "$IDX" 'keeper) lamp'
equals "$err" "trawl-query: query error at column 7: unbalanced parenthesis: this ) closes nothing" "stray parenthesis"
run 2 "$QUERY" --index "$IDX" colour:red
contains "$err" "trawl-query: query error at column 1: unknown field 'colour' (fields: title," "unknown field"
run 2 "$QUERY" --index "$IDX" $(seq -f 'w%g' 10000)
equals "$err" "trawl-query: query error at column 5038: too many words and phrases (at most 1024)" "10,000-term query"
run 0 "$QUERY" --index "$IDX" keeper $(seq -f 'OR w%g' 1023)
matches "$out" 1 "1,024 terms are fine"

# 8 HTML nested 100,000 deep or cut off mid-tag; a 50 MB line; a file removed mid-ingest
B="$WORK/big"
mkdir -p "$B"
{ printf '<html><body>'; for _ in $(seq 100000); do printf '<div>'; done; printf 'deep coral'; } >"$B/b-nested.html"
printf '<html><head><title>Cut</title><body><p>Reef fish <b>school<' >"$B/c-cut.html"
printf 'This file is removed while the ingest runs.\n' >"$B/z-removed.txt"
# Ingest analyses at most 1 MB of input ahead of the writer: 2 MB before the removed file keep
# it from being read before the writer is done with the 50 MB one, long after it is removed.
yes 'padding keeps the last file waiting' | head -c 2000000 >"$B/y-pad.txt"
yes 'tides turn over the long grey sand' | head -c 50000000 | tr '\n' ' ' >"$B/a-huge.txt"
"$INGEST" --index "$IDX" "$B" >"$WORK/big.out" 2>"$WORK/big.err" &
pid=$!
for _ in $(seq 300); do [ -s "$IDX/trawl-writer" ] && break; sleep 0.05; done
rm "$B/z-removed.txt"
wait "$pid"
equals "$?" "1" "exit status with a removed file"
err=$(cat "$WORK/big.err")
equals "$err" "trawl-ingest: $B/b-nested.html: HTML nested too deeply (more than 5000 elements open at byte 25012)
trawl-ingest: $B/z-removed.txt: cannot open: No such file or directory" "too deep and removed files, one line each"
contains "$(cat "$WORK/big.out")" "indexed 3 documents" "the rest indexed"
run 0 "$QUERY" --index "$IDX" reef fish
contains "$out" "c-cut.html#1" "HTML cut off mid-tag"
run 0 "$QUERY" --index "$IDX" --limit 1 '"grey sand"'
passages=$(printf '%s\n' "$out" | sed -n 's/^\([0-9]*\) passages match.*/\1/p')
[ "${passages:-0}" -ge 80000 ] || fail "50 MB line: $passages passages, expected at least 80000"
run 0 "$QUERY" --index "$IDX" keeper lamp
matches "$out" 1 "earliest document still intact"

# 9 usage errors exit 2
run 2 "$INGEST" --index
equals "$err" "trawl-ingest: --index wants a value: --index DIR (see --help)" "missing option value"
run 2 "$INGEST" --indx "$C"
equals "$err" "trawl-ingest: --indx: unknown option (see --help)" "unknown option"
run 2 "$QUERY" --format xml reef
equals "$err" "trawl-query: --format wants text, json or csv, not 'xml'" "bad choice"
run 2 "$INGEST" --max-passage 5 "$C"
contains "$err" "--max-passage wants a whole number from 100 to 100000, not '5'" "bad bound"

finish
