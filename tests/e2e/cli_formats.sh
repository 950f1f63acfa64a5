# cli_formats: HTML and Markdown documents read through gumbo and cmark, links between
# documents resolved and listed (fixtures in tests/data/formats; the seed and
# ../shared/corpus, when present, for "See also" links by title).
. "$(dirname "$0")/lib.sh"
IDX="$WORK/index"
run 0 "$INGEST" --index "$IDX" "$TRAWL_SRC/tests/data/formats"
contains "$out" "indexed 3 documents, 5 passages" "HTML, Markdown and broken HTML indexed"

# 1 what a reader keeps and drops
run 0 "$QUERY" --index "$IDX" '"liaison office in Dubai"'
contains "$out" "1. Hainan opens a liaison center" "HTML title"
run 1 "$QUERY" --index "$IDX" scriptword OR navword OR footerword
has_line "$out" "no passages match: scriptword OR navword OR footerword" \
  "script, navigation, footer dropped"
run 0 "$QUERY" --index "$IDX" section:cities xiamen
contains "$out" "Fujian notes > Cities" "Markdown title and section"
run 0 "$QUERY" --index "$IDX" codeword
contains "$out" "fujian.md#" "a Markdown code block"
run 0 "$QUERY" --index "$IDX" entities été
contains "$out" "broken.html#" "malformed HTML, entities decoded"
run 0 "$QUERY" --index "$IDX" --limit 0 kind:notes
matches "$out" 2 "manifest kind on a Markdown file"

# 2 links: by relative URL, both ways; unresolved ones say so
run 0 "$QUERY" --index "$IDX" --links hainan.html
contains "$out" "the Fujian notes -> fujian.md (Fujian notes)" "relative link resolved"
contains "$out" "China Media Group -> https://example.org/cmg#top (not in the index)" "outside link"
contains "$out" "fujian.md (Fujian notes) by \"the Hainan page\"" "incoming link"
run 0 "$QUERY" --index "$IDX" --links "Fujian notes" --format json
contains "$out" '"path": "hainan.html"' "by title, JSON"
run 0 "$QUERY" --index "$IDX" --show-links '"liaison office"'
contains "$out" "links to: fujian.md; linked from: fujian.md" "a result shows its document's links"
run 2 "$QUERY" --index "$IDX" --links nowhere.html
contains "$err" "no document 'nowhere.html' in the index" "unknown document"

# 2b links are resolved when ingest commits: a document added later satisfies a link that led
# nowhere, one removed leaves it dangling again; runs that change nothing leave them alone
cp -r "$TRAWL_SRC/tests/data/formats" "$WORK/f"
run 0 "$INGEST" --index "$WORK/fi" "$WORK/f"
run 0 "$QUERY" --index "$WORK/fi" --links hainan.html
contains "$out" "China Media Group -> https://example.org/cmg#top (not in the index)" "dangling before"
printf '<html><head><title>CMG</title></head><body><p>The group.</p></body></html>\n' >"$WORK/f/cmg.html"
printf 'cmg.html\tCMG\thttps://example.org/cmg\ten\tnews\n' >>"$WORK/f/MANIFEST.tsv"
run 0 "$INGEST" --index "$WORK/fi" "$WORK/f"
run 0 "$QUERY" --index "$WORK/fi" --links hainan.html
contains "$out" "China Media Group -> cmg.html (CMG)" "a new document satisfies an old link"
run 0 "$QUERY" --index "$WORK/fi" --links cmg.html
contains "$out" "hainan.html (Hainan opens a liaison center) by \"China Media Group\"" "and is linked from it"
rm "$WORK/f/cmg.html"
run 0 "$INGEST" --index "$WORK/fi" "$WORK/f"
run 0 "$QUERY" --index "$WORK/fi" --links hainan.html
contains "$out" "China Media Group -> https://example.org/cmg#top (not in the index)" "dangling again"

# 3 "See also" items of the seed resolve by title against the shared corpus
# (two folders: ids are paths from the deepest folder holding both)
if have_shared; then
  seed=$(realpath "$TRAWL_SRC/corpus") shared=$(realpath "$SHARED_CORPUS") base=$seed
  while [ "${shared#"$base"/}" = "$shared" ]; do base=${base%/*}; done
  seed=${seed#"$base"/}/ shared=${shared#"$base"/}/
  run 0 "$INGEST" --quiet --index "$WORK/all" "$TRAWL_SRC/corpus" "$SHARED_CORPUS"
  run 0 "$QUERY" --index "$WORK/all" --links "${seed}international-communication-center.txt"
  contains "$out" "China International Communications Group -> ${shared}001-wp-cicg.txt" "See also 1"
  contains "$out" "Telling China's stories well -> ${shared}002-wp-telling-stories.txt" "See also 2"
  contains "$out" "Party media takes the party's last name -> ${shared}003-wp-party-media.txt" "See also 3"
  run 0 "$QUERY" --index "$WORK/all" --links "${shared}002-wp-telling-stories.txt"
  contains "$out" "${seed}international-communication-center.txt (International communication center)" "incoming See also"
fi
finish
