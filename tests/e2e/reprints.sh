# reprints: near-duplicate documents found at ingest (MinHash over word shingles), listed by
# --report reprints, counted once by --count originals, folded by --collapse; kept up to date by
# incremental runs. First on a wire story and its copies this test writes, then, with the
# shared corpus, precision and recall against labelled families (tools/bench/reprint_variants.py).
. "$(dirname "$0")/lib.sh"
DOCS="$WORK/docs"
IDX="$WORK/index"
mkdir -p "$DOCS"

cat >"$DOCS/wire.txt" <<'TXT'
Jiangsu opens a new international communication center

The Jiangsu International Communication Center opened its new headquarters in Nanjing on Monday, bringing together reporters, translators and video producers who publish in twelve languages for audiences abroad.

Officials said the center would expand cooperation with media partners in Southeast Asia and Europe, and would train young foreign correspondents who live in the province.

The center runs the JiangsuNow brand, whose accounts on overseas platforms reach several million followers, according to figures released at the opening ceremony.

A spokesperson said the next step is a studio for short documentaries about the province's history, culture and industry.
TXT
cat >"$DOCS/copy-site.html" <<'TXT'
<!doctype html><html><head><title>Jiangsu opens a new international communication center</title></head>
<body><nav><a href="/">Home</a> <a href="/china">China</a></nav><article>
<p>By a staff reporter | Source: Xinhua</p>
<p>The Jiangsu International Communication Center opened its new headquarters in Nanjing on Monday, bringing together reporters, translators and video producers who publish in twelve languages for audiences abroad.</p>
<p>Officials said the center would expand cooperation with media partners in Southeast Asia and Europe, and would train young foreign correspondents who live in the province.</p>
<p>The center runs the JiangsuNow brand, whose accounts on overseas platforms reach several million followers, according to figures released at the opening ceremony.</p>
</article><footer>Copyright 2024 Example Daily</footer></body></html>
TXT
cat >"$DOCS/copy-edited.md" <<'TXT'
# Jiangsu center opens new headquarters

The Jiangsu International Communication Center opened its new headquarters in Nanjing on Monday, bringing together journalists, translators and video producers who publish in twelve languages for audiences overseas.

Officials said the center would expand cooperation with media partners in Southeast Asia and Europe, and would train young foreign correspondents who live in the province.

The center runs the JiangsuNow brand, whose accounts on overseas platforms reach several million followers, according to figures released at the opening ceremony.

A spokesperson said the next step is a studio for short documentaries about the province's history, culture and industry.
TXT
cat >"$DOCS/other.txt" <<'TXT'
Zhejiang center signs agreements with foreign media

The Zhejiang International Communication Center signed cooperation agreements with three foreign media groups in Hangzhou on Tuesday, its second round of partnerships this year.

The center said the agreements cover joint reporting on trade, tourism and the digital economy, and an exchange of editors between the partners.
TXT

run 0 "$INGEST" --index "$IDX" "$DOCS"
run 0 "$QUERY" --index "$IDX" --report reprints --format csv
equals "$(printf '%s\n' "$out" | tr -d '\r' | cut -d, -f1,2 | tr '\n' ' ')" \
  "group,path copy-edited.md,copy-edited.md copy-edited.md,copy-site.html copy-edited.md,wire.txt " \
  "the wire story and its two copies are one group; the other article is not in it"
run 0 "$QUERY" --index "$IDX" --report reprints
contains "$out" "reprints: 1 group of near-duplicate documents (3 documents)" "the text report"
run 0 "$QUERY" --index "$IDX" --report icc --count originals --format csv
contains "$out" "jiangsu,JiangsuNow (Jiangsu International Communication Center),1" \
  "a group counts once"
run 0 "$QUERY" --index "$IDX" --report icc --count documents --format csv
contains "$out" "jiangsu,JiangsuNow (Jiangsu International Communication Center),3" \
  "documents count each copy"

# --collapse: the paragraph once, with the documents that also have it
run 0 "$QUERY" --index "$IDX" --collapse --width 100 '"foreign correspondents"'
matches "$out" 3 "three passages match"
contains "$out" "(showing 1-1); reprints folded among the best 3" "one shown"
contains "$out" "also in 2 other documents:" "the copies named"
run 0 "$QUERY" --index "$IDX" --collapse --format json '"foreign correspondents"'
equals "$(printf '%s' "$out" | python3 -c 'import json,sys; r=json.load(sys.stdin)["results"]; print(len(r), sorted(c["path"] for c in r[0]["copies"] + [r[0]]))')" \
  "1 ['copy-edited.md', 'copy-site.html', 'wire.txt']" "JSON: one result, its copies listed"
run 0 "$QUERY" --index "$IDX" --collapse --format json --limit 10 center
equals "$(printf '%s' "$out" | python3 -c 'import json,sys; r=json.load(sys.stdin)["results"]; print(len(set(h["text"][:40] for h in r)) == len(r), any(h["path"] == "other.txt" for h in r))')" \
  "True True" "every shown passage says something different; the other article's are kept"
run 0 "$QUERY" --index "$IDX" --format json '"foreign correspondents"'
equals "$(printf '%s' "$out" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["results"]))')" 3 \
  "without --collapse every copy is a result"

# Incremental: a copy gone leaves a group of two; both gone, no group
rm "$DOCS/copy-site.html"
run 0 "$INGEST" --index "$IDX" "$DOCS"
run 0 "$QUERY" --index "$IDX" --report reprints --format csv
equals "$(printf '%s\n' "$out" | tr -d '\r' | cut -d, -f2 | tail -n +2 | tr '\n' ' ')" \
  "copy-edited.md wire.txt " "a copy removed: the group holds the other two"
run 0 "$QUERY" --index "$IDX" --fingerprint
incremental=$out
run 0 "$INGEST" --index "$WORK/fresh" "$DOCS"
run 0 "$QUERY" --index "$WORK/fresh" --fingerprint
equals "$out" "$incremental" "the groups an incremental run keeps are a fresh build's"
rm "$DOCS/copy-edited.md"
run 0 "$INGEST" --index "$IDX" "$DOCS"
run 1 "$QUERY" --index "$IDX" --report reprints
contains "$out" "reprints: 0 groups" "no copies left: no group (exit 1: nothing found)"

# The shared corpus and republished copies of its documents: the mirror pair grouped, and the
# grouping's precision and recall over every pair.
if have_shared; then
  python3 "$TRAWL_SRC/tools/bench/reprint_variants.py" "$(dirname "$SHARED_CORPUS")" "$WORK/rv" \
    "$WORK/families.tsv"
  run 0 "$INGEST" --index "$WORK/rv-index" "$WORK/rv"
  run 0 "$QUERY" --index "$WORK/rv-index" --report reprints --format json
  printf '%s' "$out" >"$WORK/groups.json"
  scores=$(python3 - "$WORK/groups.json" "$WORK/families.tsv" <<'PY'
import itertools, json, sys
groups = json.load(open(sys.argv[1]))["groups"]
family = dict(line.rstrip("\n").split("\t") for line in open(sys.argv[2]))
grouped = {frozenset(p) for g in groups for p in itertools.combinations([d["path"] for d in g["documents"]], 2)}
members = {}
for path, fam in family.items():
    members.setdefault(fam, []).append(path)
truth = {frozenset(p) for m in members.values() for p in itertools.combinations(m, 2)}
right = len(grouped & truth)
print("%d %d %d %.3f %.3f" % (len(grouped), right, len(truth), right / max(1, len(grouped)), right / len(truth)))
PY
  )
  echo "reprint pairs grouped, right, labelled, precision, recall: $scores"
  read -r _ _ _ precision recall <<<"$scores"
  checks=$((checks + 2))
  python3 -c "import sys; sys.exit(0 if $precision >= 0.95 else 1)" || fail "precision $precision < 0.95"
  python3 -c "import sys; sys.exit(0 if $recall >= 0.95 else 1)" || fail "recall $recall < 0.95"
  run 0 "$QUERY" --index "$WORK/rv-index" --report reprints --format csv
  contains "$out" "docs/001-wp-cicg.txt,docs/004-rightwiki-cicg.txt," "the mirror pair is one group"
  run 0 "$INGEST" --index "$WORK/shared-index" "$(dirname "$SHARED_CORPUS")"
  run 0 "$QUERY" --index "$WORK/shared-index" --collapse --format json '"Foreign Languages Press"'
  equals "$(printf '%s' "$out" | python3 -c 'import json,sys; r=json.load(sys.stdin)["results"]; print(len(r), r[0]["path"], [c["path"] for c in r[0]["copies"]])')" \
    "1 docs/001-wp-cicg.txt ['docs/004-rightwiki-cicg.txt']" "the mirror's passage folded into the original's"
fi
finish
