# cli_matching: every way of writing a thing that must still find it, and the query language
# around matching (issue "Matching that finds every way a thing is written"), on small files
# this test writes.
. "$(dirname "$0")/lib.sh"
DOCS="$WORK/docs"
IDX="$WORK/index"
mkdir -p "$DOCS"

# Each file is one passage; the file name says what it holds.
cat >"$DOCS/possessive.txt" <<'TXT'
Possessives

President Xi Jinping's letter was read aloud. Later, Xi Jinping’s speech named the
Jinan International Communication Center's new studio.
TXT
cat >"$DOCS/elision-it.md" <<'TXT'
---
title: Italiano
lang: it
---
I media cinesi all'estero e all’estero crescono; dell'Asia si parla poco.
TXT
cat >"$DOCS/elision-fr.md" <<'TXT'
---
title: Français
lang: fr
---
Le groupe d'édition publie l'ouvrage qu'il a traduit.
TXT
cat >"$DOCS/joined.txt" <<'TXT'
Joined words

O centro foi inaugurado.Trata-se de uma rede. Growing inequality.In Hainan.All officers met at
ichongqing.info in the U.S. with 3.5 million readers.
TXT
cat >"$DOCS/korean.md" <<'TXT'
---
title: 한국어
lang: ko
---
중국의 매체와 중국이 만든 방송, 그리고 중국은 말했다.
TXT
run 0 "$INGEST" --index "$IDX" "$DOCS"
contains "$out" "indexed 5 documents, 5 passages" "fixtures indexed"

# count QUERY...: the number of passages matching QUERY, into $n (exit 0, or 1 for none).
count() {
  out=$("$QUERY" --index "$IDX" --limit 0 "$@" 2>"$WORK/stderr")
  code=$?
  [ "$code" -le 1 ] || fail "exit $code: $* ($(cat "$WORK/stderr"))"
  n=$(printf '%s\n' "$out" | grep -m1 -oE '^([0-9]+|no) passages? match' | cut -d' ' -f1)
  [ "$n" = no ] && n=0
}

# 1 possessives never hide a word nor break a phrase
count '"Xi Jinping"'
equals "$n" 1 "a phrase over 's and ’s"
run 0 "$QUERY" --index "$IDX" '"Xi Jinping"'
contains "$out" "[Xi Jinping]'s letter" "the name highlighted, not its 's"
contains "$out" "[Xi Jinping]’s speech" "the name highlighted before ’s"
count '"Jinan International Communication Center"'
equals "$n" 1 "a phrase ending in Center's"

# 2 elided articles and prepositions
count estero
equals "$n" 1 "all'estero, all’estero"
run 0 "$QUERY" --index "$IDX" estero
contains "$out" "all'[estero] e all’[estero]" "both elisions highlighted"
count Asia
equals "$n" 1 "dell'Asia"
count édition
equals "$n" 1 "d'édition"
count '"groupe édition"'
equals "$n" 1 "a phrase across an elision"
count "\"d'édition\""
equals "$n" 1 "the elided form in a query"

# 3 words joined by a full stop; names with a dot stay whole
for w in inaugurado Trata-se inequality Hainan officers ichongqing.info U.S. 3.5; do
  count "$w"
  equals "$n" 1 "joined or dotted word $w"
done
count ichongqing
equals "$n" 0 "ichongqing.info is one word"

# 4 Korean particles do not hide the noun
count 중국
equals "$n" 1 "중국 inside 중국의, 중국이, 중국은"
run 0 "$QUERY" --index "$IDX" 중국
contains "$out" "[중국]의" "the noun highlighted inside the word"
count 중국이
equals "$n" 1 "the whole word"

finish
