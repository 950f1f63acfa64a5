# cli_seed: trawl-ingest and trawl-query on corpus/ (the seed article), as a user runs them.
. "$(dirname "$0")/lib.sh"
IDX="$WORK/index"
cd "$TRAWL_SRC"
# Runs are stamped with $SOURCE_DATE_EPOCH, lib.sh's 1764547200 (reproducible builds' way).
run_time=2025-12-01T00:00:00Z

# 1 ingest the default corpus into a fresh index; a second run replaces, never duplicates
run 0 "$INGEST" --index "$IDX" corpus
contains "$out" "indexed 1 document, 15 passages, 6087 bytes in" "summary line"
run 0 "$INGEST" --index "$IDX" corpus
contains "$out" "indexed 0 documents, 0 passages, 6087 bytes in" "re-ingest: nothing to do"
contains "$out" "(0 added, 0 changed, 0 removed, 1 unchanged)" "re-ingest counts"
run 0 "$INGEST" --index "$IDX" --rebuild corpus
contains "$out" "indexed 1 document, 15 passages" "--rebuild indexes everything again"
contains "$err" "rebuilding the whole index: a rebuild was asked for" "why it rebuilds"
run 0 "$QUERY" --index "$IDX" --limit 100 ICC
matches "$out" 14 "no duplicates after re-ingest"

# 1b a live progress line on a terminal only; --quiet prints nothing
run 0 script -qec "$INGEST --index $WORK/tty-index corpus" /dev/null
contains "$out" "0/1 files, 0.0/0.0 MB" "progress line on a terminal"
contains "$out" "indexed 1 document, 15 passages" "summary after the progress line"
run 0 "$INGEST" --index "$IDX" corpus
equals "$err" "" "no progress line when stderr is not a terminal"
run 0 "$INGEST" --quiet --index "$IDX" corpus
equals "$out$err" "" "--quiet"

# 2 "Winter Olympics" ranks the Chongqing passage first
run 0 "$QUERY" --index "$IDX" --width 0 Winter Olympics
first=$(printf '%s\n' "$out" | sed -n '3,5p')
contains "$first" "1. International communication center > History" "first result heading"
contains "$first" "international-communication-center.txt#5" "first result id"
contains "$out" "In 2018, Chongqing established the first ICC" "Chongqing passage"
contains "$out" "**Winter** **Olympics**" "highlights"

# 3 "universities" finds the University of Nottingham Ningbo China passage
run 0 "$QUERY" --index "$IDX" --width 0 --limit 10 universities
matches "$out" 3 "universities total"
contains "$out" "**University** of Nottingham Ningbo China" "stemmed match highlighted"

# 4 a phrase finds only passages with its words in that order
run 0 "$QUERY" --index "$IDX" '"propaganda department"'
matches "$out" 4 "phrase total"
run 1 "$QUERY" --index "$IDX" '"department propaganda"'
equals "$out" "no passages match: \"department propaganda\"" "reversed phrase"
run 0 "$QUERY" --index "$IDX" department propaganda
matches "$out" 4 "the same words unquoted, in any order"
run 0 "$QUERY" --index "$IDX" '"Gansu Provincial"'
contains "$out" "**Gansu Provincial**" "phrase highlighted whole"
lacks "$out" "[Gansu] Daily" "only the phrase is highlighted"

# 5 NOT and -word exclude
run 0 "$QUERY" --index "$IDX" --limit 100 ICC
all=$(printf '%s\n' "$out" | grep -c '^   international-communication-center.txt#')
run 0 "$QUERY" --index "$IDX" --limit 100 ICC NOT Chongqing
lacks "$out" "Chongqing established" "NOT excludes"
lacks "$out" "iChongqing" "NOT excludes"
matches "$out" 13 "NOT total"
run 0 "$QUERY" --index "$IDX" --limit 100 ICC -Chongqing
matches "$out" 13 "-word total"
equals "$all" "14" "ICC passages shown"

# 6 title:, OR, accents, JSON
run 0 "$QUERY" --index "$IDX" title:communication --limit 1
matches "$out" 15 "title words are on every passage"
run 0 "$QUERY" --index "$IDX" Lhasa OR Prato
matches "$out" 2 "OR"
run 1 "$QUERY" --index "$IDX" '"Sao Paulo"' Agencia
equals "$out" "no passages match: \"Sao Paulo\" Agencia" "all words must match"
run 0 "$QUERY" --index "$IDX" --format json '"Sao Paulo"'
contains "$out" '"id": "international-communication-center.txt#10"' "accent-folded phrase"
run 0 "$QUERY" --index "$IDX" --format json agencia brasil
contains "$out" '"total": 1' "json total"
contains "$out" '"id": "international-communication-center.txt#9"' "json id"
contains "$out" '"section": "History"' "json section"
contains "$out" '"highlights": [' "json highlights"

# 7 errors: exit 2 and one line naming the problem; no match: exit 1
run 2 "$QUERY" --index "$IDX" '"Winter Olympics'
equals "$err" "trawl-query: query error at column 1: unbalanced quote: this \" has no closing quote" "unbalanced quote"
run 2 "$QUERY" --index "$IDX" '(Winter Olympics'
contains "$err" "unbalanced parenthesis" "unbalanced parenthesis"
run 2 "$QUERY" --index "$WORK/none" ICC
contains "$err" "trawl-query: no index at $WORK/none: run trawl-ingest first" "missing index"
equals "$(printf '%s\n' "$err" | wc -l)" "1" "one line"
run 2 "$QUERY" --index "$IDX"
contains "$err" "no query given" "no query"
run 2 "$QUERY" --index "$IDX" --limit lots ICC
contains "$err" "--limit wants a whole number" "bad limit"
run 1 "$QUERY" --index "$IDX" xylophone
equals "$out" "no passages match: xylophone
no passage has \"xylophone\", nor a word close to it" "no match"

# batch: one process, one JSON object per line, the same results as one query at a time
printf 'Winter Olympics\n\n# a comment\n"unclosed\nuniversities\r\nzzzqqq\n' >"$WORK/queries"
run 1 "$QUERY" --index "$IDX" --limit 1 --batch "$WORK/queries"
equals "$(printf '%s\n' "$out" | wc -l)" "4" "one line per query, comments and blank lines skipped"
line1=$(printf '%s\n' "$out" | sed -n 1p)
contains "$line1" '{"query":"Winter Olympics","total":1,"offset":0,"results":[{"rank":1,' "first line"
contains "$line1" '"id":"international-communication-center.txt#5"' "first line's passage"
equals "$(printf '%s\n' "$out" | sed -n 2p)" '{"query":"\"unclosed","error":"query error at column 1: unbalanced quote: this \" has no closing quote"}' "a bad query is a line, not the end"
contains "$(printf '%s\n' "$out" | sed -n 3p)" '{"query":"universities","total":3,' "CRLF line"
equals "$(printf '%s\n' "$out" | sed -n 4p)" '{"query":"zzzqqq","total":0,"offset":0,"suggestions":[{"word":"zzzqqq","suggestion":null}],"results":[]}' \
  "no match, no word close to it"
run 0 "$QUERY" --index "$IDX" --limit 1 --format json Winter Olympics
equals "$(printf '%s' "$out" | tr -d ' \n')" "$(printf '%s' "$line1" | tr -d ' \n')" "the same object as one query"
printf 'icc:ichongqing\n' >"$WORK/one-query"
run 0 "$QUERY" --index "$IDX" --batch - <"$WORK/one-query"
contains "$out" '{"query":"icc:ichongqing","total":1,' "queries from standard input"
run 2 "$QUERY" --index "$IDX" --batch "$WORK/none"
equals "$err" "trawl-query: $WORK/none: cannot open: No such file or directory" "missing batch file"
run 2 "$QUERY" --index "$IDX" --batch "$WORK/queries" --format csv
contains "$err" "--batch writes JSON Lines" "no CSV batch"

# text fits the width: 80 columns in a pipe, $COLUMNS, --width; color only when asked
# widest TEXT: the most characters of a line of TEXT (the seed's text takes one column each).
widest() {
  local line w=0
  while IFS= read -r line; do
    [ "${#line}" -gt "$w" ] && w=${#line}
  done <<<"$1"
  echo "$w"
}
export LC_ALL=C.UTF-8
run 0 "$QUERY" --index "$IDX" --limit 20 --color never ICC
[ "$(widest "$out")" -le 80 ] || fail "lines of at most 80 columns in a pipe: $(widest "$out")"
checks=$((checks + 1))
COLUMNS=50 run 0 "$QUERY" --index "$IDX" --limit 20 ICC
[ "$(widest "$out")" -le 50 ] || fail "\$COLUMNS=50: $(widest "$out")"
checks=$((checks + 1))
COLUMNS=50 run 0 "$QUERY" --index "$IDX" --limit 20 --width 64 ICC
[ "$(widest "$out")" -le 64 ] && [ "$(widest "$out")" -gt 50 ] || fail "--width 64: $(widest "$out")"
checks=$((checks + 1))
run 0 "$QUERY" --index "$IDX" --width 0 --color always Winter Olympics
contains "$out" "$(printf '\033[1;31mWinter\033[0m \033[1;31mOlympics\033[0m')" "--color always"
NO_COLOR=1 run 0 "$QUERY" --index "$IDX" --width 0 Winter Olympics
contains "$out" "**Winter** **Olympics**" "no color in a pipe, NO_COLOR or not"
# reports fit 80 columns: names shortened with an ellipsis, a wide cross-tab in pages of columns;
# --wide (and JSON) keep everything whole
for rep in icc icc-registry year,province; do
  run 0 "$QUERY" --index "$IDX" --report "$rep"
  [ "$(widest "$out")" -le 80 ] || fail "report $rep in 80 columns: $(widest "$out")"
  checks=$((checks + 1))
done
run 0 "$QUERY" --index "$IDX" --report icc-registry
has_line "$out" "chongqing        Chongqing Interna…  Chongqing         2018         1          1" \
  "a long name shortened"
run 0 "$QUERY" --index "$IDX" --report icc-registry --wide
contains "$out" "Chongqing International Communication Center (iChongqing)" "--wide: whole names"
run 0 "$QUERY" --index "$IDX" --report year,province
has_line "$out" "(province columns 1-8 of 23)" "the first page of columns"
contains "$out" "(province column 23 of 23)" "the last page, with the totals"
# CSV results carry what JSON does: language, kind, publication date, the run that added the
# passage (run 3: the rebuild above), ordinal, offset, facets, foundings,
# highlight ranges (bytes of the text)
run 0 "$QUERY" --index "$IDX" --format csv --limit 1 ICC
equals "$(printf '%s\n' "$out" | head -1 | tr -d '\r')" \
  "rank,score,id,path,title,section,url,lang,kind,published,run,added,ordinal,offset,page,icc,province,year,foundings,highlights,text" \
  "the CSV header"
contains "$out" ",en,,,3,$run_time,7,2411,,shenzhen,guangdong,2021 2022 2023,shenzhen:2023,27-31 74-78 192-195,\"From 2021 to 2023, over 30 ICCs were created." \
  "a row: language, ordinal, offset, facets, foundings, highlights"
run 2 "$QUERY" --index "$IDX" --color sometimes ICC
equals "$err" "trawl-query: --color wants auto, always or never, not 'sometimes'" "a bad --color"

finish
