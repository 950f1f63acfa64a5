# serve: trawl-serve's JSON API gives the objects trawl-query gives; bad requests get clear 4xx
# answers; every page answer carries a content security policy; a new version of the index is
# picked up without a restart; a document made to attack the page is served as data.
. "$(dirname "$0")/lib.sh"
command -v curl >/dev/null || {
  echo "curl not found: install curl (tools/install-deps.sh does)" >&2
  exit 1
}
mkdir -p "$WORK/docs"
cp "$TRAWL_SRC/corpus/"* "$WORK/docs/"
hostile_document "$WORK/docs"
run 0 "$INGEST" --index "$WORK/index" "$WORK/docs"
start_server "$WORK/index" --threads 4
URL="http://127.0.0.1:$port"
# get PATH: the body into $out, the status into $code, the headers into $WORK/headers.
get() {
  out=$(curl -s -D "$WORK/headers" -o "$WORK/body" -w '%{http_code}' "$@")
  code=$out
  out=$(cat "$WORK/body")
}

# 1 the API gives what trawl-query --format json gives
get "$URL/api/search?q=Winter+Olympics"
equals "$code" 200 "a search"
equals "$out" "$("$QUERY" --index "$WORK/index" --format json Winter Olympics)" \
  "the search's JSON, as trawl-query's"
get "$URL/api/search?q=ICC&offset=2&limit=3&facets=icc,year"
equals "$out" "$("$QUERY" --index "$WORK/index" --format json --offset 2 --limit 3 \
  --facets icc,year ICC)" "paging and facet counts, as trawl-query's"
get "$URL/api/search?q=ICC&sort=-date&group=documents&per_document=2"
equals "$out" "$("$QUERY" --index "$WORK/index" --format json --sort -date --group documents \
  --per-document 2 ICC)" "sorted by date and grouped by document, as trawl-query's"
get "$URL/api/search?q=harbour&collapse=1"
equals "$out" "$("$QUERY" --index "$WORK/index" --format json --collapse harbour)" \
  "reprints folded, as trawl-query's"
get "$URL/api/kwic?q=ICC"
equals "$out" "$("$QUERY" --index "$WORK/index" --kwic --format csv ICC)" \
  "every occurrence as CSV, as trawl-query --kwic's"
contains "$(cat "$WORK/headers")" "Content-Disposition: attachment" "a download"
get "$URL/api/kwic?q=ICC&format=json&context=10"
equals "$out" "$("$QUERY" --index "$WORK/index" --kwic --format json --context 10 ICC)" \
  "every occurrence as JSON"
get "$URL/api/kwic?q=ICC&format=xml"
equals "$code" 400 "an unknown format"
get "$URL/api/search?q=ICC&sort=newest"
equals "$code" 400 "an unknown order"
get "$URL/api/report?spec=reprints"
equals "$out" "$("$QUERY" --index "$WORK/index" --format json --report reprints)" \
  "the reprints report"
get "$URL/api/report?spec=year,province&q=ICC"
equals "$out" "$("$QUERY" --index "$WORK/index" --format json --report year,province ICC)" \
  "a cross-tab, as trawl-query's"
get "$URL/api/report?spec=icc&format=csv&count=documents"
equals "$out" "$("$QUERY" --index "$WORK/index" --format csv --report icc --count documents)" \
  "a report as CSV"
get "$URL/api/chart?spec=year"
equals "$code" 200 "a chart"
contains "$(cat "$WORK/headers")" "Content-Type: image/svg+xml" "an SVG"
contains "$out" "<svg " "the chart itself"
get "$URL/"
contains "$out" '<script src="/app.js"></script>' "the page"
contains "$(cat "$WORK/headers")" "Content-Security-Policy: default-src 'self'" \
  "a content security policy: no inline script runs"

# 2 bad requests: clear answers
get "$URL/api/search?q=%22unclosed"
equals "$code" 400 "a malformed query"
contains "$out" '"error": "query error at column 1: unbalanced quote' "the parser's message"
get "$URL/api/search?q=x&limit=1000"
equals "$code" 400 "a limit over 100"
get "$URL/api/report?spec=colour"
equals "$code" 400 "an unknown report"
get "$URL/nothing/here"
equals "$code" 404 "an unknown path"
get "$URL/../../etc/passwd" --path-as-is
equals "$code" 404 "no file outside the page's"
get -X POST "$URL/api/search?q=x"
equals "$code" 405 "a POST"
get "$URL/api/search?q=$(head -c 5000 /dev/zero | tr '\0' a)"
equals "$code" 414 "a query too long"
get "$URL/api/search?q=x&pad=$(head -c 70000 /dev/zero | tr '\0' a)"
equals "$code" 414 "a request line over 64 KB"
get -H "X-Pad: $(head -c 70000 /dev/zero | tr '\0' a)" "$URL/api/search?q=x"
equals "$code" 431 "headers over 64 KB"

# 3 a document made to attack the page is data: JSON strings, never HTML
get "$URL/api/search?q=harbour+studio"
contains "$(cat "$WORK/headers")" "Content-Type: application/json" "served as JSON"
contains "$out" '"title": "<script>alert(\"title\")</script> Harbour notes"' \
  "the title as a JSON string"
contains "$out" '"url": "javascript:alert(\"url\")"' "the URL as a JSON string"

# 4 a new version of the index, picked up without a restart
printf 'Lighthouse\n\nThe lighthouse keeper counted ships.\n' >"$WORK/docs/lighthouse.txt"
run 0 "$INGEST" --index "$WORK/index" "$WORK/docs"
sleep 1.1 # the server looks at the index at most once a second
get "$URL/api/search?q=lighthouse"
equals "$code" 200 "the new document"
contains "$out" '"total": 1' "found without a restart"
run 0 "$INGEST" --rebuild --index "$WORK/index" "$WORK/docs"
sleep 1.1
get "$URL/api/search?q=lighthouse"
contains "$out" '"total": 1' "found after a rebuild, which replaces the shards"

# 5 a missing index is said at the start
run 2 "$TRAWL_BIN/trawl-serve" --index "$WORK/none" --listen 127.0.0.1:0
contains "$err" "no index at $WORK/none" "the missing index named"
finish
