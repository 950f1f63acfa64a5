# page: trawl-serve's page in headless Chromium, driven through the DevTools protocol by
# page_test.py as a person would use it (search, a facet, the next page, a report and its CSV,
# a document made to attack the page); screenshots of each step go to page-screenshots/ in the
# build folder, for people to look at.
. "$(dirname "$0")/lib.sh"
for need in chromium /usr/bin/python3; do
  command -v "$need" >/dev/null || {
    echo "$need not found: install chromium, python3 and python3-websocket (tools/install-deps.sh does)" >&2
    exit 1
  }
done
mkdir -p "$WORK/docs" "$TRAWL_BIN/page-screenshots"
cp "$TRAWL_SRC/corpus/"* "$WORK/docs/"
hostile_document "$WORK/docs"
run 0 "$INGEST" --index "$WORK/index" "$WORK/docs"
start_server "$WORK/index"
run 0 timeout 180 /usr/bin/python3 "$TRAWL_SRC/tests/e2e/page_test.py" "http://127.0.0.1:$port/" \
  "$TRAWL_BIN/page-screenshots/"
equals "$(printf '%s\n' "$out" | tail -1)" "0 failures" "the page, driven in Chromium"
[ "$code" = 0 ] || echo "$err" >&2
finish
