# analyst_dates: publication dates (front matter, manifest, HTML metadata) and what they filter,
# sort and count; ingest runs and the added: filters, on documents this test writes. Every
# expected answer below was worked out by reading those documents, not from Trawl's output.
. "$(dirname "$0")/lib.sh"
DOCS="$WORK/docs"
IDX="$WORK/index"
mkdir -p "$DOCS"

# --- the documents: one date each, from each place a date can come from ---
cat >"$DOCS/front.md" <<'TXT'
---
title: Hunan center opens
date: 2024-06-15
---
The Hunan International Communication Center opened in Changsha with a harbour exhibit.
TXT
cat >"$DOCS/og.html" <<'TXT'
<!doctype html><html><head><title>Fujian harbour</title>
<meta property="article:published_time" content="2023-11-02T08:00:00+08:00">
<meta name="date" content="2020-01-01"></head>
<body><article><p>HolaFujian reports from the harbour of Xiamen.</p></article></body></html>
TXT
cat >"$DOCS/time.html" <<'TXT'
<!doctype html><html><head><title>Guangxi harbour</title></head>
<body><time datetime="2019-05-05">elsewhere</time><article><h1>Guangxi harbour</h1>
<time datetime="2024-01-20T10:00">20 Jan</time><p>The harbour of Beihai welcomed a delegation.</p>
</article></body></html>
TXT
cat >"$DOCS/ld.html" <<'TXT'
<!doctype html><html><head><title>Jiangsu harbour</title>
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},{"@type":"NewsArticle","datePublished":"Sat, 15 Jun 2024 10:00:00 GMT"}]}</script>
</head><body><p>JiangsuNow filmed the harbour of Lianyungang.</p></body></html>
TXT
cat >"$DOCS/meta.html" <<'TXT'
<!doctype html><html><head><title>Shandong harbour</title>
<meta name="date" content="2022年3月8日"></head>
<body><p>The harbour of Qingdao hosted a forum.</p></body></html>
TXT
printf 'The harbour of Dalian, in a month the manifest gives.\n' >"$DOCS/month.txt"
printf 'The harbour of Ningbo, undated.\n' >"$DOCS/undated.txt"
cat >"$DOCS/bad.md" <<'TXT'
---
date: next Tuesday
---
The harbour of Tianjin, whose front matter date is no date.
TXT
cat >"$DOCS/ambiguous.md" <<'TXT'
---
date: 03/04/2024
---
The harbour of Zhoushan, dated 3 April or March 4.
TXT
printf 'file\tdate\nmonth.txt\t2022-03\nbad.md\t2021\n' >"$DOCS/MANIFEST.tsv"

export SOURCE_DATE_EPOCH=1762041600 # 2025-11-02T00:00:00Z
run 0 "$INGEST" --index "$IDX" "$DOCS"
contains "$out" "as run 1 (9 added, 0 changed, 0 removed, 0 unchanged)" "the first run is run 1"
contains "$err" "bad.md: publication date 'next Tuesday' not understood" "a date that is none: warned"
contains "$err" "ambiguous.md: publication date '03/04/2024' not understood" \
  "an ambiguous date: warned, never guessed"

# ids of the passages a query returns, in order, one line
ids() { printf '%s\n' "$out" | sed -n 's/^[0-9]*,[^,]*,\([^,#]*\)#.*/\1/p' | tr '\n' ' '; }

# --- where each date came from, and what was refused ---
run 0 "$QUERY" --index "$IDX" --format csv --sort date --limit 20 harbour
equals "$(ids)" "bad.md month.txt meta.html og.html time.html front.md ld.html ambiguous.md undated.txt " \
  "oldest first (a month before its days), undated last: bad.md keeps its manifest year, og.html its article time over <meta name=date>, time.html the <time> inside <article>, ld.html the JSON-LD date"
contains "$out" ",meta.html,Shandong harbour,,,en,,2022-03-08,1," "a Chinese date in <meta name=date>"
contains "$out" ",month.txt,month,,,en,,2022-03,1," "a month from the manifest's date column"
contains "$out" ",bad.md,bad,,,en,,2021,1," "the manifest's year when front matter's date is none"
contains "$out" ",og.html,Fujian harbour,,,en,,2023-11-02,1," "article:published_time: the day as written"
contains "$out" ",ld.html,Jiangsu harbour,,,en,,2024-06-15,1," "an RFC 2822 date in JSON-LD"
contains "$out" ",ambiguous.md,ambiguous,,,en,,,1," "an ambiguous date: no date"
run 0 "$QUERY" --index "$IDX" --format csv --sort -date --limit 20 harbour
equals "$(ids)" "front.md ld.html time.html og.html month.txt meta.html bad.md ambiguous.md undated.txt " \
  "newest first (front.md and ld.html share a day: document order; a month before its days), undated still last"

# --- published: filters: a date's whole span inside the range ---
run 0 "$QUERY" --index "$IDX" --format csv --sort date harbour published:2024
equals "$(ids)" "time.html front.md ld.html " "published:2024"
run 0 "$QUERY" --index "$IDX" --format csv --sort date harbour published:2024-06
equals "$(ids)" "front.md ld.html " "published:2024-06"
run 0 "$QUERY" --index "$IDX" --format csv --sort date harbour published:2023-06..2024-01
equals "$(ids)" "og.html time.html " "a range of months"
run 0 "$QUERY" --index "$IDX" --format csv --sort date harbour published:2022-03
equals "$(ids)" "month.txt meta.html " "a month holds its days and itself"
run 0 "$QUERY" --index "$IDX" --format csv --sort date harbour published:2021-06..2022-12
equals "$(ids)" "month.txt meta.html " "a year (bad.md's 2021) is not within a range holding half of it"
run 0 "$QUERY" --index "$IDX" --format csv --sort date harbour published:..2022
equals "$(ids)" "bad.md month.txt meta.html " "an open start"
run 0 "$QUERY" --index "$IDX" --format csv --sort date harbour published:2024-06-15..
equals "$(ids)" "front.md ld.html " "an open end, from a day"
run 1 "$QUERY" --index "$IDX" harbour published:1990..1999
matches "$out" 0 "no document of the 1990s"
run 2 "$QUERY" --index "$IDX" harbour published:2024-13
contains "$err" "published:2024-13: expected a date like 2024, 2024-06 or 2024-06-15" "a month 13"
run 2 "$QUERY" --index "$IDX" harbour published:2024..2023
contains "$err" "published:2024..2023: the range ends before it begins" "a reversed range"

# --- counts by publication year and month (documents: one passage each) ---
run 0 "$QUERY" --index "$IDX" --report published --format csv
equals "$(printf '%s\n' "$out" | tr -d '\r' | tr '\n' ' ')" \
  "published,name,passages 2021,2021,1 2022,2022,2 2023,2023,1 2024,2024,3 (none),(none),2 " \
  "by year, in year order, undated counted apart"
run 0 "$QUERY" --index "$IDX" --report published-month --format csv harbour
equals "$(printf '%s\n' "$out" | tr -d '\r' | tr '\n' ' ')" \
  "published-month,name,passages 2021,\"2021, month not given\",1 2022-03,2022-03,2 2023-11,2023-11,1 2024-01,2024-01,1 2024-06,2024-06,2 (none),(none),2 " \
  "by month; a date known to the year only says so"
run 0 "$QUERY" --index "$IDX" --format json --limit 1 Qingdao
contains "$out" '"published": "2022-03-08"' "JSON: the date"
contains "$(printf '%s' "$out" | tr -d ' \n')" '"added":{"run":1,"time":"2025-11-02T00:00:00Z"}' \
  "JSON: the run and its time"

# --- runs: what came in since ---
export SOURCE_DATE_EPOCH=1762732800 # 2025-11-10T00:00:00Z
printf 'The harbour of Weihai, new this week.\n' >"$DOCS/new.txt"
printf 'The harbour of Ningbo, undated, changed.\n' >"$DOCS/undated.txt"
rm "$DOCS/ambiguous.md"
run 0 "$INGEST" --index "$IDX" "$DOCS"
contains "$out" "as run 2 (1 added, 1 changed, 1 removed, 7 unchanged)" "the second run"
run 0 "$QUERY" --index "$IDX" --format csv --sort date harbour added:last
equals "$(ids)" "new.txt undated.txt " "added:last: what the last run added or changed"
run 0 "$QUERY" --index "$IDX" --format csv --sort date added:2
equals "$(ids)" "new.txt undated.txt " "added:2, without words"
run 0 "$QUERY" --index "$IDX" --format csv --sort date --limit 20 harbour added:1
equals "$(ids)" "bad.md month.txt meta.html og.html time.html front.md ld.html " "added:1: the seven documents left as they were"
run 0 "$QUERY" --index "$IDX" --format csv --sort date harbour added:2025-11-05..
equals "$(ids)" "new.txt undated.txt " "added since a day"
run 1 "$QUERY" --index "$IDX" harbour added:..2025-11-01
matches "$out" 0 "no run before the first"
run 2 "$QUERY" --index "$IDX" harbour added:7
contains "$err" "added:7: no run 7 in the index (trawl-ingest --list-runs lists its runs: 1 to 2)" \
  "a run that does not exist"
run 2 "$QUERY" --index "$IDX" harbour added:yesterday
contains "$err" "added:yesterday: expected last, a run (3)" "not a run"

# Saved searches over what the last run added: only those that found something are printed.
printf '# the daily report\nWeihai\tWeihai\nQingdao port\tQingdao\nNingbo\tNingbo OR Weihai\n\n' >"$WORK/watch.tsv"
run 0 "$QUERY" --index "$IDX" --watch "$WORK/watch.tsv" --width 80
contains "$out" "== Weihai" "a search whose document came in: printed"
contains "$out" "== Ningbo" "a changed document counts as new"
lacks "$out" "== Qingdao port" "a search with nothing new: left out"
contains "$out" "2 of 3 saved searches found new passages (added:last)" "the summary"
run 0 "$QUERY" --index "$IDX" --watch "$WORK/watch.tsv" --format csv
equals "$(printf '%s\n' "$out" | tr -d '\r' | cut -d, -f1,4 | tr '\n' ' ')" \
  "search,id Weihai,new.txt#1 Ningbo,undated.txt#1 Ningbo,new.txt#1 " \
  "CSV: one table, a column naming the search"
run 0 "$QUERY" --index "$IDX" --watch "$WORK/watch.tsv" --format json
equals "$(printf '%s\n' "$out" | python3 -c 'import json,sys; print([(d["name"], d["total"]) for d in map(json.loads, sys.stdin)])')" \
  "[('Weihai', 1), ('Ningbo', 2)]" "JSON Lines: one object per search that found something"
run 0 "$QUERY" --index "$IDX" --watch "$WORK/watch.tsv" --since 1 --format json
contains "$out" '"name":"Qingdao port"' "--since 1: what the first run added"
printf 'Weihai Weihai\n' >"$WORK/bad-watch.tsv"
run 2 "$QUERY" --index "$IDX" --watch "$WORK/bad-watch.tsv"
contains "$err" "bad-watch.tsv:1: expected a name, a tab and a query" "a line without a tab"

export SOURCE_DATE_EPOCH=1763337600 # 2025-11-17T00:00:00Z
run 0 "$INGEST" --index "$IDX" "$DOCS"
contains "$out" "as run 3 (0 added, 0 changed, 0 removed, 9 unchanged)" "a run that changes nothing"
run 1 "$QUERY" --index "$IDX" harbour added:last
matches "$out" 0 "added:last after a run that added nothing: nothing new"
run 1 "$QUERY" --index "$IDX" --watch "$WORK/watch.tsv"
contains "$out" "0 of 3 saved searches found new passages" "the next day's report: nothing new, exit 1"
run 0 "$INGEST" --index "$IDX" --list-runs
has_line "$out" "    1  2025-11-02T00:00:00Z      9        0        0          0         9  7" \
  "run 1: nine added, seven of its passages still in the index"
has_line "$out" "    2  2025-11-10T00:00:00Z      1        1        1          7         2  2" "run 2"
has_line "$out" "    3  2025-11-17T00:00:00Z      0        0        0          9         0  0" "run 3"

# Runs are history, not content: the incremental index fingerprints as a fresh build.
run 0 "$QUERY" --index "$IDX" --fingerprint
incremental=$out
run 0 "$INGEST" --index "$WORK/fresh" "$DOCS"
contains "$out" "as run 1 (" "a fresh index starts at run 1"
run 0 "$QUERY" --index "$WORK/fresh" --fingerprint
equals "$out" "$incremental" "the same fingerprint, however many runs built it"
# A rebuild keeps the history: its run is the next one.
run 0 "$INGEST" --index "$IDX" --rebuild "$DOCS"
contains "$out" "as run 4 (9 added," "a rebuild is run 4"
run 0 "$INGEST" --index "$IDX" --list-runs
has_line "$out" "    4  2025-11-17T00:00:00Z      9        0        0          0         9  9" \
  "run 4 wrote every passage"
contains "$out" "    1  2025-11-02T00:00:00Z" "the runs before the rebuild are listed"
run 2 "$INGEST" --index "$WORK/nothing-here" --list-runs
contains "$err" "no index at $WORK/nothing-here" "--list-runs without an index"
finish
