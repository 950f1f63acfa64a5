# kwic: --kwic lists every occurrence (not a page of the best) with its context, passage,
# source offset, page and citation, in text, CSV and JSON, streamed; on documents this test
# writes, with counts made independently (grep, Python) rather than from Trawl's output.
. "$(dirname "$0")/lib.sh"
DOCS="$WORK/docs"
IDX="$WORK/index"
mkdir -p "$DOCS"

cat >"$DOCS/notes.txt" <<'TXT'
Field notes

The harbour office of Ningbo opened in May. The harbour was busy.

Short line on the harbour.
Another short line.

A last paragraph without the word.
TXT
cat >"$DOCS/page.html" <<'TXT'
<!doctype html><html><head><title>Harbour page</title><meta name="date" content="2024-03-01"></head>
<body><p>The   harbour  of Qingdao, seen from the harbour wall.</p></body></html>
TXT
cat >"$DOCS/brief.md" <<'TXT'
# Brief

Ports: the *harbour* of Dalian.
TXT

run 0 "$INGEST" --index "$IDX" "$DOCS"
# The texts hold the word 6 times (the HTML title's "Harbour" is a title, not a passage): 3 in
# notes.txt, whose short paragraphs join into one passage, 2 in page.html, 1 in brief.md.
run 0 "$QUERY" --index "$IDX" --kwic --format json harbour
printf '%s' "$out" >"$WORK/kwic.json"
equals "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["count"], len(d["occurrences"]), d["passages"])' "$WORK/kwic.json")" \
  "6 6 3" "every occurrence, not a page: 6 in 3 passages"
# each occurrence in a text file is at its offset in the file; HTML and Markdown give the
# element's offset instead (their passages are inline text)
checked=$(python3 - "$WORK/kwic.json" "$DOCS" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
ok = bad = 0
for o in d["occurrences"]:
    raw = open(sys.argv[2] + "/" + o["path"], "rb").read()
    if o["path"].endswith(".txt"):
        got = raw[o["offset"]:o["offset"] + len(o["match"].encode())].decode()
        ok, bad = (ok + 1, bad) if got == o["match"] else (ok, bad + 1)
    else:  # the element's text starts at `element`
        first = (o["left"] + o["match"]).split()[0].encode()
        ok, bad = (ok + 1, bad) if o["offset"] is None and raw[o["element"]:].startswith(first) else (ok, bad + 1)
print(ok, bad)
PY
)
equals "$checked" "6 0" \
  "offsets: in the file for plain text (in a joined passage's second block too), else the element's"
run 0 "$QUERY" --index "$IDX" --kwic --format csv --context 12 harbour
equals "$(printf '%s\n' "$out" | tr -d '\r' | head -1)" \
  "left,match,right,passage,path,title,url,published,lang,page,offset,element,start,end,icc,province,year" \
  "the CSV header"
contains "$out" "…in May. The ,harbour, was busy. S…,notes.txt#1,notes.txt,Field notes,,,en,,61,13,48,55," \
  "a row: contexts cut to 12 characters, the passage, offsets in the file and the passage"
contains "$out" "…en from the ,harbour, wall.,page.html#1,page.html,Harbour page,,2024-03-01,en,,,110,38,45," \
  "an HTML row: its date, no source offset but the element's"
equals "$(printf '%s\n' "$out" | tail -n +2 | grep -c .)" 6 "one row per occurrence"
run 0 "$QUERY" --index "$IDX" --kwic --width 80 '"harbour office"'
contains "$out" "The **harbour office** of Ningbo opened in May." "a phrase is one occurrence"
contains "$out" "notes.txt#1, Field notes" "its citation"
contains "$out" "1 occurrence in 1 passage" "the count"
run 1 "$QUERY" --index "$IDX" --kwic lighthouse
contains "$out" "0 occurrences in 0 passages" "nothing: exit 1"
run 2 "$QUERY" --index "$IDX" --kwic --report icc harbour
contains "$err" "--kwic lists the occurrences of a QUERY" "--kwic is not a report"

# Streaming: 100,000 occurrences in 1,000 documents (200 batches of passages) all come out.
mkdir "$WORK/many"
python3 - "$WORK/many" <<'PY'
import sys
for d in range(1000):
    with open("%s/d%04d.txt" % (sys.argv[1], d), "w") as f:
        for p in range(10):
            f.write("Paragraph %d of document %d: " % (p, d) + " ".join("lantern%d lantern" % k for k in range(10)) + ".\n\n")
PY
run 0 "$INGEST" --index "$WORK/many-index" "$WORK/many"
"$QUERY" --index "$WORK/many-index" --kwic --format csv lantern >"$WORK/many.csv"
checks=$((checks + 1))
rows=$(($(wc -l <"$WORK/many.csv") - 1))
[ "$rows" -eq 100000 ] || fail "100,000 occurrences expected, got $rows rows"
equals "$(sed -n 2p "$WORK/many.csv" | cut -d, -f4) $(tail -1 "$WORK/many.csv" | cut -d, -f4)" \
  "d0000.txt#1 d0999.txt#5" "in document order, first to last (two paragraphs a passage)"
finish
