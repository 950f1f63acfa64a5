# grouped: --group documents, each matching document once with its best passages and how
# many of its passages match, ranked by its best passage; --limit and --offset count
# documents. The documents are written here; the counts below are the paragraphs that say the
# word, counted by reading them.
. "$(dirname "$0")/lib.sh"
DOCS="$WORK/docs"
IDX="$WORK/index"
mkdir -p "$DOCS"
# long paragraphs (over half the passage bound), so that each is a passage of its own
para() { printf '%s %s\n\n' "$1" "$(printf 'Filler words about ports, trade and shipping routes. %.0s' $(seq 8))"; }
{
  echo "Harbour report"
  echo
  para "The lighthouse of the north pier was repaired."
  para "A second lighthouse lighthouse lighthouse stands on the island, the brightest of all."
  para "Nothing here."
  para "The lighthouse keepers met in May."
  para "Tourists visit the lighthouse museum."
} >"$DOCS/a.txt"
{
  echo "Island notes"
  echo
  para "One lighthouse, once."
  para "Nothing else."
} >"$DOCS/b.txt"
{
  echo "Coast survey"
  echo
  para "The lighthouse lighthouse of the cape, named twice."
  para "The old lighthouse fell in 1910."
} >"$DOCS/c.txt"
run 0 "$INGEST" --index "$IDX" "$DOCS"
run 0 "$QUERY" --index "$IDX" --format json --limit 20 lighthouse
equals "$(printf '%s' "$out" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')" 7 \
  "seven passages say it: 4 in a.txt, 1 in b.txt, 2 in c.txt"
run 0 "$QUERY" --index "$IDX" --group documents --width 80 lighthouse
contains "$out" "3 documents match: lighthouse" "the header counts documents"
contains "$out" "4 passages match; the best 3:" "a.txt: 4 passages, the best 3 shown"
contains "$out" "2 passages match" "c.txt: 2"
contains "$out" "1 passage matches" "b.txt: 1"
run 0 "$QUERY" --index "$IDX" --group documents --format json lighthouse
equals "$(printf '%s' "$out" | python3 -c '
import json, sys
d = json.load(sys.stdin)
print(d["total"], d["grouped"], [(g["rank"], g["path"], g["passages"], len(g["hits"])) for g in d["results"]])
')" "3 documents [(1, 'a.txt', 4, 3), (2, 'c.txt', 2, 2), (3, 'b.txt', 1, 1)]" \
  "JSON: documents ranked by their best passage (a.txt's triple mention first), each with its count"
run 0 "$QUERY" --index "$IDX" --group documents --format json lighthouse
equals "$(printf '%s' "$out" | python3 -c '
import json, sys
g = json.load(sys.stdin)["results"][0]
print(g["hits"][0]["id"], all(h["score"] >= k["score"] for h, k in zip(g["hits"], g["hits"][1:])))
')" "a.txt#2 True" "a document's best passage first, then by score"
run 0 "$QUERY" --index "$IDX" --group documents --limit 1 --offset 1 --per-document 1 --format csv lighthouse
equals "$(printf '%s\n' "$out" | tr -d '\r' | cut -d, -f1-5)" \
  "document_passages,rank,score,id,path
2,2,$(printf '%s\n' "$out" | tr -d '\r' | sed -n 2p | cut -d, -f3),c.txt#1,c.txt" \
  "--offset and --limit count documents; --per-document 1; CSV says the document's passages"
run 2 "$QUERY" --index "$IDX" --group documents --collapse lighthouse
contains "$err" "--group documents and --collapse: choose one" "grouping and folding reprints exclude each other"
finish
