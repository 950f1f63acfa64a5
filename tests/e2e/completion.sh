# completion: tools/completion/trawl.bash completes options from --help, facet names and
# choices, and the languages and centers of the index on the line.
. "$(dirname "$0")/lib.sh"
run 0 "$INGEST" --index "$WORK/index" "$TRAWL_SRC/corpus"
export PATH="$TRAWL_BIN:$PATH"
# shellcheck source=/dev/null
. "$TRAWL_SRC/tools/completion/trawl.bash"
# complete WORD...: the completions of the last word, space-separated, sorted.
complete_line() {
  COMP_WORDS=("$@")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  _trawl
  printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' '
}
equals "$(complete_line trawl-query --form)" "--format " "an option"
equals "$(complete_line trawl-ingest --sh)" "--shards " "an option of trawl-ingest"
equals "$(complete_line trawl-query --format "")" "csv json text " "formats"
equals "$(complete_line trawl-query --color a)" "always auto " "colors"
equals "$(complete_line trawl-query --report icc,p)" "icc,province icc,published " \
  "the second facet of a cross-tab"
equals "$(complete_line trawl-query --report pub)" "published published-month " \
  "publication dates by year or month"
equals "$(complete_line trawl-query --sort "")" "-date date score " "orders"
equals "$(complete_line trawl-query --count o)" "originals " "units"
equals "$(complete_line trawl-query --report icc-)" "icc-registry " "the registry"
equals "$(complete_line trawl-query --index "$WORK/index" --lang "")" "en " "the index's languages"
equals "$(complete_line trawl-query --index "$WORK/index" icc : chon)" "chongqing " \
  "a center of the index, the colon a word of its own"
equals "$(complete_line trawl-query --index "$WORK/index" icc:chon)" "icc:chongqing " \
  "a center of the index, the colon inside the word"
export TRAWL_INDEX="$WORK/index"
equals "$(complete_line trawl-query province : zhe)" "zhejiang " "the index of \$TRAWL_INDEX"
finish
