# cli_languages: documents in many languages, their manifest and front matter, language
# detection, stems per language, Chinese scripts and segmentation, names across scripts; on
# fixtures of our own (tests/data/multilang), then on ../shared/corpus when present.
. "$(dirname "$0")/lib.sh"
IDX="$WORK/index"
run 0 "$INGEST" --index "$IDX" "$TRAWL_SRC/tests/data/multilang"
contains "$out" "indexed 7 documents, 8 passages" "fixtures indexed"
equals "${out##*; }" "5 described by MANIFEST.tsv" "manifest used, not indexed, nothing skipped"

# 1 languages: from the manifest, front matter, detection, and per passage in a mixed document
run 0 "$QUERY" --index "$IDX" --report lang --format csv
equals "$(printf '%s' "$out" | tr -d '\r')" "lang,name,passages
en,English,2
zh,Chinese,2
de,German,1
pt,Portuguese,1
ru,Russian,1
th,Thai,1
(none),(none),0" "languages of the passages"
run 0 "$QUERY" --index "$IDX" --format json lang:German
contains "$out" '"id": "german.txt#1"' "a document without metadata is detected"
run 0 "$QUERY" --index "$IDX" --format json --limit 1 platform abroad
contains "$out" '"lang": "en"' "the English paragraph of a Chinese document"

# 2 the manifest's and front matter's fields: title, URL, kind; filters lang:, kind:, url:
run 0 "$QUERY" --index "$IDX" kind:notes
contains "$out" "1. Notes on Chongqing" "front matter title"
contains "$out" "notes.txt#1  https://example.org/notes/chongqing" "front matter URL"
run 0 "$QUERY" --index "$IDX" --limit 0 lang:ru
matches "$out" 1 "lang filter"
run 0 "$QUERY" --index "$IDX" --limit 0 url:https://example.org/pt/sp
matches "$out" 1 "url filter"
run 0 "$QUERY" --index "$IDX" --limit 0 kind:News
matches "$out" 4 "kind filter, any case"

# 3 stems follow the language: Russian cases, Portuguese verb forms
run 0 "$QUERY" --index "$IDX" Харбин
matches "$out" 1 "Russian inflections"
contains "$out" "**Харбине**" "inflected form highlighted"
run 0 "$QUERY" --index "$IDX" inaugurar
contains "$out" "**inaugurou**" "Portuguese verb forms"

# 4 Chinese: Traditional and Simplified match; phrases match whatever the segmentation
run 0 "$QUERY" --index "$IDX" 温州国际传播中心
contains "$out" "**溫州國際傳播中心**" "Simplified query, Traditional text"
run 0 "$QUERY" --index "$IDX" '"际传播中"'
contains "$out" "**际传播中**" "a phrase across word boundaries"
contains "$out" "**際傳播中**" "in both scripts"

# 5 names across scripts; a Thai word; accents
run 0 "$QUERY" --index "$IDX" Wenzhou
contains "$out" "**溫州**" "Wenzhou finds 溫州"
run 0 "$QUERY" --index "$IDX" Yunnan
contains "$out" "**ยูนนาน**" "Yunnan finds ยูนนาน"
run 0 "$QUERY" --index "$IDX" ยูนนาน
contains "$out" "thai.txt#" "a Thai word"
run 0 "$QUERY" --index "$IDX" '"sao paulo"' agencia
contains "$out" "**São Paulo**" "accents fold"
run 0 "$QUERY" --index "$IDX" --lang ru --limit 0 Харбине
matches "$out" 1 "--lang narrows the analysis"

# 5b more languages than analysers were once kept for: every document indexed and found
M="$WORK/many"
mkdir -p "$M"
printf 'file\ttitle\turl\tlanguage\tkind\tnote\n' >"$M/MANIFEST.tsv"
n=0
for code in $(grep -v '^#' "$TRAWL_SRC/src/text/langid.conf" | cut -d- -f1 | cut -d. -f1 | head -40); do
  n=$((n + 1))
  printf 'Note %d about the lighthouse of Xiamen.\n' "$n" >"$M/doc$n.txt"
  printf 'doc%d.txt\tNote %d\t\t%s\tnotes\t\n' "$n" "$n" "$code" >>"$M/MANIFEST.tsv"
done
run 0 "$INGEST" --index "$WORK/many-index" "$M"
contains "$out" "indexed 40 documents, 40 passages" "documents in 40 languages indexed"
run 0 "$QUERY" --index "$WORK/many-index" --limit 0 xiamen
matches "$out" 40 "and found, whatever their language"

# 6 the shared corpus, when present
if have_shared; then
  run 0 "$INGEST" --quiet --index "$WORK/shared" "$SHARED_CORPUS"
  run 0 "$QUERY" --index "$WORK/shared" --limit 20 Харбин
  contains "$out" "127-ru-visitchina-mediaforum2017.txt#" "Russian document"
  contains "$out" "**Харбине**" "Russian inflection in the corpus"
  run 0 "$QUERY" --index "$WORK/shared" --limit 0 --facets lang Chongqing
  contains "$out" "  zh     Chinese" "Chongqing finds Chinese passages"
  run 0 "$QUERY" --index "$WORK/shared" --limit 1 國際傳播中心
  contains "$out" "**国际传播中心**" "Traditional query, Simplified passage"
  run 0 "$QUERY" --index "$WORK/shared" --limit 0 lang:th
  contains "$out" "passages match" "Thai passages"
  # one thread or several analysing: the same index, passage for passage
  run 0 "$INGEST" --quiet --jobs 1 --index "$WORK/one" "$SHARED_CORPUS"
  run 0 "$INGEST" --quiet --jobs 3 --index "$WORK/three" "$SHARED_CORPUS"
  equals "$("$QUERY" --index "$WORK/one" --fingerprint)" \
    "$("$QUERY" --index "$WORK/three" --fingerprint)" "--jobs 1 and --jobs 3 build the same index"
  # the fingerprint leaves stem expansions out: the staging shards' lists must be merged whole
  for word in communicate centers internationally reporting; do
    equals "$("$QUERY" --index "$WORK/three" --limit 0 "$word")" \
      "$("$QUERY" --index "$WORK/one" --limit 0 "$word")" "--jobs 3 expands '$word' as --jobs 1"
  done
else
  echo "shared corpus absent: its checks skipped"
fi
finish
