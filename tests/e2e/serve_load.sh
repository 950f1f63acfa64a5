# serve_load: 2,000 requests to trawl-serve from 16 concurrent clients on loopback, mixing
# searches, reports, charts and bad queries: every answer must be the one expected (200, or 400
# for a bad query), none an error of the server or a dropped connection. Prints the median and
# 99th percentile latency (for docs/PERFORMANCE.md; not asserted: the machine is shared).
. "$(dirname "$0")/lib.sh"
command -v curl >/dev/null || {
  echo "curl not found: install curl (tools/install-deps.sh does)" >&2
  exit 1
}
IDX="$WORK/index"
if have_shared; then
  run 0 "$INGEST" --quiet --index "$IDX" "$SHARED_CORPUS/.."
else
  run 0 "$INGEST" --quiet --index "$IDX" "$TRAWL_SRC/corpus"
fi
start_server "$IDX" --threads 8
U="http://127.0.0.1:$port"
# Each line: the status expected, then the URL.
{
  for i in $(seq 200); do
    echo "200 $U/api/search?q=international+communication+center&offset=$((i % 5 * 10))"
    echo "200 $U/api/search?q=%22propaganda+department%22&facets=icc,year"
    echo "200 $U/api/search?q=Tibet+NEAR/5+launched"
    echo "200 $U/api/search?q=zzzqqqxx"
    echo "200 $U/api/report?spec=icc"
    echo "200 $U/api/report?spec=year,province&q=ICC&format=csv"
    echo "200 $U/api/chart?spec=year"
    echo "400 $U/api/search?q=%22unclosed+phrase"
    echo "400 $U/api/search?q=NEAR+tibet"
    echo "400 $U/api/report?spec=colour"
  done
} >"$WORK/requests"
start=$(date +%s.%N)
# One curl per request, 16 at a time: "expected status time" for each.
xargs -P 16 -L 1 sh -c 'curl -s -o /dev/null -m 30 -w "$0 %{http_code} %{time_total}\n" "$1"' \
  <"$WORK/requests" >"$WORK/answers"
end=$(date +%s.%N)
total=$(wc -l <"$WORK/answers")
wrong=$(awk '$1 != $2' "$WORK/answers" | wc -l)
equals "$total" 2000 "2,000 answers"
equals "$wrong" 0 "every answer as expected (200, or 400 for a bad query)"
# On failure: how many of each (expected, got) pair, and the slowest answers.
[ "$wrong" = 0 ] || {
  awk '$1 != $2 { print "expected", $1, "got", $2 }' "$WORK/answers" | sort | uniq -c >&2
  sort -rn -k3 "$WORK/answers" | head -3 >&2
}
sort -n -k3 "$WORK/answers" | awk -v n="$total" -v s="$start" -v e="$end" '
  { t[NR] = $3 }
  END { printf "%d requests, 16 clients: median %.1f ms, p99 %.1f ms, %.0f requests/s\n",
        n, t[int(n / 2)] * 1000, t[int(n * 0.99)] * 1000, n / (e - s) }'
finish
