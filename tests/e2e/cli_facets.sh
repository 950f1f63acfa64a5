# cli_facets: facet filters, facet counts, reports (text, CSV, JSON), charts and --explain on
# corpus/, with exact counts checked by hand against the seed.
. "$(dirname "$0")/lib.sh"
IDX="$WORK/index"
cd "$TRAWL_SRC"
run 0 "$INGEST" --quiet --index "$IDX" corpus

# 1 the registry lists every center the seed names, with its province and year (CSV, golden)
run 0 "$QUERY" --index "$IDX" --report icc-registry --format csv
printf '%s\n' "$out" >"$WORK/registry.csv"
equals "$(tr -d '\r' <"$WORK/registry.csv")" "$(tr -d '\r' <tests/data/seed-registry.csv)" "registry CSV"
equals "$(printf '%s\n' "$out" | head -1 | od -c | grep -c '\\r')" "1" "CSV lines end in CRLF"
run 0 "$QUERY" --index "$IDX" --report icc-registry
has_line "$out" "25 centers in 15 passages" "registry summary"

# 2 filters: by key, by any alias of a province, by year and range; with words
run 0 "$QUERY" --index "$IDX" icc:gwicc
matches "$out" 1 "icc filter"
contains "$out" "international-communication-center.txt#9" "icc filter passage"
for name in zhejiang 浙江 Chekiang "Zhèjiāng"; do
  run 0 "$QUERY" --index "$IDX" --limit 0 "province:$name"
  matches "$out" 2 "province:$name"
done
run 0 "$QUERY" --index "$IDX" --limit 0 year:2024
matches "$out" 3 "year filter"
run 0 "$QUERY" --index "$IDX" --limit 0 year:2018..2020
matches "$out" 3 "year range"
run 0 "$QUERY" --index "$IDX" --limit 0 year:2018..2020 Chongqing
matches "$out" 1 "filter and word"
run 0 "$QUERY" --index "$IDX" --limit 0 ICC -year:2024
matches "$out" 11 "NOT filter"

# 3 facet counts over all matches, after the results, exact
run 0 "$QUERY" --index "$IDX" --limit 1 --facets year,province ICC
has_line "$out" "year: 7 values over 14 passages" "year counts header"
has_line "$out" "         3  2024" "year count"
has_line "$out" "         3  guangdong     Guangdong" "province count"
run 0 "$QUERY" --index "$IDX" --limit 0 --facets icc --format json ICC
contains "$out" '"facets": {' "facets in JSON"
contains "$out" '"value": "gwicc"' "center in JSON counts"
run 0 "$QUERY" --index "$IDX" --limit 0 --facets icc --count documents ICC
has_line "$out" "icc: 25 values over 1 document" "counted in documents"

# 4 reports: one facet, a cross-tab, documents; the whole index or a query's matches
run 0 "$QUERY" --index "$IDX" --report year
has_line "$out" "year: 7 values over 15 passages" "year report"
run 0 "$QUERY" --index "$IDX" --report year,province --format csv
out=$(printf '%s\n' "$out" | tr -d '\r')
has_line "$out" "year,guangdong,sichuan,zhejiang,chongqing,fujian,gansu,hainan,hebei,heilongjiang,henan,hong-kong,hunan,jiangsu,ningxia,shaanxi,shandong,shanghai,taiwan,tianjin,tibet,xinjiang,yunnan,(none),total" "cross-tab header: values, then (none)"
has_line "$out" "2024,2,1,1,0,0,0,0,1,1,0,1,0,0,0,1,1,0,0,1,1,1,0,0,3" "cross-tab row"
has_line "$out" "(none),0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,4,4" "cross-tab none row"
has_line "$out" "total,3,2,2,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,6,15" "cross-tab totals row"
run 0 "$QUERY" --index "$IDX" --report province --format json Shaanxi
contains "$out" '"total": 1' "report over a query"
contains "$out" '"value": "shaanxi"' "report value"

# 4b a document counts as (none) only when none of its matching passages has a value: the
# seed's one document has seven years, so no (none) row
run 0 "$QUERY" --index "$IDX" --report year --count documents
has_line "$out" "year: 7 values over 1 document" "years of the one document"
lacks "$out" "(none)" "no (none) document"
run 0 "$QUERY" --index "$IDX" --report icc --count documents Taiwan
lacks "$out" "(none)" "the document names centers elsewhere"

# 4c a report over a query with facet filters shows only the values they admit
run 0 "$QUERY" --index "$IDX" --report year year:2018..2020
equals "$out" "query: year:2018..2020
year: 2 values over 3 passages
         2  2018
         1  2020" "years of a range only"
run 0 "$QUERY" --index "$IDX" --report year,icc --format csv "year:2018..2020 OR year:2024" icc:chongqing
equals "$(printf '%s\n' "$out" | tr -d '\r')" "year,chongqing,(none),total
2018,1,0,1
(none),0,0,0
total,1,0,1" "filters of two facets narrow both"

# 5 charts a person can read: SVG with the names
run 0 "$QUERY" --index "$IDX" --report icc-registry --chart "$WORK/registry.svg"
contains "$(cat "$WORK/registry.svg")" "<svg" "chart is SVG"
contains "$(cat "$WORK/registry.svg")" "Great Wall International Communication" "chart labels"
run 0 "$QUERY" --index "$IDX" --report year --chart "$WORK/years.svg"
contains "$(cat "$WORK/years.svg")" ">2019</text>" "a timeline shows years without matches"

# 6 --explain shows the evidence of each value
run 0 "$QUERY" --index "$IDX" --explain '"Shenzhen Media Group"'
contains "$out" 'icc=shenzhen: "Shenzhen Media Group formed an ICC" (set up by)' "evidence"
contains "$out" 'year=2022: "2021 to 2023" (date range)' "year evidence"

# 7 the same index gives the same bytes; so does a rebuild elsewhere
run 0 "$QUERY" --index "$IDX" --report year,province --format json
first=$out
run 0 "$INGEST" --quiet --index "$WORK/again" "$TRAWL_SRC/corpus"
run 0 "$QUERY" --index "$WORK/again" --report year,province --format json
equals "$out" "$first" "deterministic reports"

# 8 errors: one line, exit 2
run 2 "$QUERY" --index "$IDX" province:wenzhou
equals "$err" "trawl-query: province:wenzhou: Wenzhou is a city of Zhejiang; use province:zhejiang" "a city as province"
run 2 "$QUERY" --index "$IDX" province:atlantis
contains "$err" "no such province" "unknown province"
run 2 "$QUERY" --index "$IDX" year:20x
contains "$err" "year:20x: expected a year like 2024, a range like 2018..2020, or an open range" "bad year"
run 2 "$QUERY" --index "$IDX" --report colour
contains "$err" "--report wants a facet" "bad report"
run 2 "$QUERY" --index "$IDX" --chart x.svg ICC
contains "$err" "--chart draws a report" "chart without report"
run 2 "$QUERY" --index "$IDX" --facets icc --format csv ICC
contains "$err" "--facets has no CSV form" "facets as CSV"
run 2 "$QUERY" --index "$IDX" --report year --chart /nonexistent/dir/x.svg
contains "$err" "/nonexistent/dir/x.svg: cannot write" "unwritable chart"

finish
