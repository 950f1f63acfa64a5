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
cat >"$DOCS/title-only.txt" <<'TXT'
Device tree overlays

Overlays change the hardware description at boot. Xen reads it too.
TXT
cat >"$DOCS/spelling-gb.txt" <<'TXT'
British spelling

The centre runs a training programme for the organisation and its travelled reporters.
TXT
cat >"$DOCS/spelling-us.txt" <<'TXT'
American spelling

The center runs a training program for the organization and its traveled reporters.
TXT
cat >"$DOCS/launch.txt" <<'TXT'
Launches

The Tibet International Communication Center launched its site; Tibet launches a channel.
TXT
run 0 "$INGEST" --index "$IDX" "$DOCS"
contains "$out" "indexed 9 documents, 9 passages" "fixtures indexed"

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
run 0 "$QUERY" --index "$IDX" --width 0 '"Xi Jinping"'
contains "$out" "**Xi Jinping**'s letter" "the name highlighted, not its 's"
contains "$out" "**Xi Jinping**’s speech" "the name highlighted before ’s"
count '"Jinan International Communication Center"'
equals "$n" 1 "a phrase ending in Center's"

# 2 elided articles and prepositions
count estero
equals "$n" 1 "all'estero, all’estero"
run 0 "$QUERY" --index "$IDX" estero
contains "$out" "all'**estero** e all’**estero**" "both elisions highlighted"
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
contains "$out" "**중국**의" "the noun highlighted inside the word"
count 중국이
equals "$n" 1 "the whole word"

# 5 a prefix inside a phrase
count '"tibet launch*"'
equals "$n" 1 "a prefix as the last word of a phrase"
run 0 "$QUERY" --index "$IDX" --width 0 '"tibet launch*"'
contains "$out" "**Tibet launches**" "the phrase with its prefix highlighted"
count '"communication center launch*"'
equals "$n" 1 "after two words"
count '"tib* international"'
equals "$n" 1 "a prefix first"
count '"tibet launchpad*"'
equals "$n" 0 "a prefix no word begins"

# 6 phrases match the title and headings as words do
count '"device tree"'
equals "$n" 1 "a phrase only in the title"
count device tree xen
equals "$n" 1 "words, one only in the text"
count '"device tree"' xen
equals "$n" 1 "a phrase in the title and a word in the text"
count 'title:"device tree"'
equals "$n" 1 "a phrase in the title field"

# 7 British and American spellings match each other
# (center: also the Jinan and Tibet centers)
for pair in "centre center 4" "programme program 2" "organisation organization 2" \
  "travelled traveled 2"; do
  set -- $pair
  count "$1"
  equals "$n" "$3" "$1 finds $2"
  count "$2"
  equals "$n" "$3" "$2 finds $1"
done
count '"training programme"'
equals "$n" 2 "a spelling variant inside a phrase"
run 0 "$QUERY" --index "$IDX" '"training programme"'
contains "$out" "**training program**" "the variant highlighted"
count '"centres"'
equals "$n" 0 "a quoted plural is exact"

# 8 proximity: NEAR (any order, default 10 words), NEAR/N, ADJ (in order), ADJ/N
cat >"$DOCS/near.txt" <<'TXT'
Proximity

The delegation from Lhasa arrived on Monday, and after a long and tiring journey across the
plateau, with several stops in small towns, many meetings and a great deal of paperwork, the
media officers finally opened the new studio in Shigatse.
TXT
run 0 "$INGEST" --index "$IDX" "$DOCS"
count lhasa NEAR delegation
equals "$n" 1 "NEAR in any order"
count delegation NEAR/1 lhasa
equals "$n" 1 "NEAR/1: one word between"
count delegation NEAR/0 lhasa
equals "$n" 0 "NEAR/0: adjacent only"
count delegation ADJ/1 lhasa
equals "$n" 1 "ADJ/1 in order"
count lhasa ADJ/1 delegation
equals "$n" 0 "ADJ/1 against the order"
count lhasa NEAR shigatse
equals "$n" 0 "NEAR: more than 10 words apart"
count lhasa NEAR/40 shigatse
equals "$n" 1 "NEAR/40"
count deleg* NEAR/2 lhasa
equals "$n" 1 "a prefix in NEAR"
count delegations NEAR/1 lhasa
equals "$n" 1 "NEAR words match their stems"
count lhasa NAER delegation
equals "$n" 0 "a misspelt operator is a word"
run 2 "$QUERY" --index "$IDX" "tibet NEAR"
equals "$err" "trawl-query: query error at column 7: NEAR and ADJ need a word on both sides" \
  "NEAR with nothing after it"
run 2 "$QUERY" --index "$IDX" "NEAR/3 tibet"
equals "$err" "trawl-query: query error at column 1: NEAR and ADJ need a word on both sides" \
  "NEAR with nothing before it"

# 9 wrong input is never silent: languages, years
cat >"$DOCS/year-2019.txt" <<'TXT'
Opening

The channel opened in 2019 in Lhasa.
TXT
cat >"$DOCS/year-2024.txt" <<'TXT'
Expansion

In 2024 the studio in Lhasa expanded.
TXT
run 0 "$INGEST" --index "$IDX" "$DOCS"
languages="the index's languages: en (English), fr (French), it (Italian), ko (Korean)"
run 2 "$QUERY" --index "$IDX" --lang klingon lhasa
equals "$err" "trawl-query: --lang klingon: no such language ($languages)" "--lang klingon"
run 2 "$QUERY" --index "$IDX" --lang xx lhasa
equals "$err" "trawl-query: --lang xx: no such language ($languages)" "--lang xx"
run 2 "$QUERY" --index "$IDX" --lang German lhasa
equals "$err" "trawl-query: --lang German: the index has no passages in it ($languages)" \
  "--lang of a language the index lacks"
count --lang Italian estero
equals "$n" 1 "--lang by name"
run 2 "$QUERY" --index "$IDX" lang:russe
equals "$err" "trawl-query: lang:russe: no such language ($languages)" "lang:russe"
count lang:Italian
equals "$n" 1 "lang: by name"
count lang:de
equals "$n" 0 "lang: of a known language the index lacks"
run 2 "$QUERY" --index "$IDX" year:1000..3000
equals "$err" "trawl-query: year:1000..3000: years go from 1900 to 2099 (the years ingest takes as dates)" \
  "the year limit explained"
run 2 "$QUERY" --index "$IDX" year:2024..2019
equals "$err" "trawl-query: year:2024..2019: the range ends before it begins" "a reversed range"
count year:2024..
equals "$n" 1 "an open range after"
count year:..2019
equals "$n" 1 "an open range before"
count year:2020..
equals "$n" 1 "an open range between the years"
count year:2025..
equals "$n" 0 "an open range past the index's years"
count lhasa year:..2024
equals "$n" 2 "open range with words"

# 10 ranking: the passage's own text before the title; words close together first. Each
# document's passages are alike in length, and ties would rank by path (a- before b-).
mkdir -p "$WORK/rank"
cat >"$WORK/rank/a-title.txt" <<'TXT'
Harbor Studio Opens Today

The new studio stands by the port, and reporters film boats there at dawn.
TXT
cat >"$WORK/rank/b-text.txt" <<'TXT'
Notes

The harbor studio opens today by the water, and reporters film there at dawn.
TXT
cat >"$WORK/rank/c-far.txt" <<'TXT'
Far

Quiet tourists admire boats while fog covers every roof and the old town sleeps until the harbor wakes and one studio opens.
TXT
cat >"$WORK/rank/d-near.txt" <<'TXT'
Near

Tourists admire boats while fog covers every roof and the old town sleeps until the quiet harbor studio wakes and one boat opens.
TXT
run 0 "$INGEST" --index "$WORK/rankidx" "$WORK/rank"
run 0 "$QUERY" --index "$WORK/rankidx" --format csv --limit 3 harbor studio opens today
ids=$(printf '%s\n' "$out" | sed -n '2,3p' | cut -d, -f3 | tr '\n' ' ')
equals "$ids" "b-text.txt#1 a-title.txt#1 " \
  "all the words in the text rank before the title's, which still find their passage"
run 0 "$QUERY" --index "$WORK/rankidx" --format csv --limit 2 quiet harbor studio
ids=$(printf '%s\n' "$out" | sed -n '2,3p' | cut -d, -f3 | tr '\n' ' ')
equals "$ids" "d-near.txt#1 c-far.txt#1 " "words together rank above words apart"

# 11 no passage has all the words: the passages with the most of them, marked as partial
run 1 "$QUERY" --index "$IDX" --limit 1 lhasa studio expanded channel
has_line "$out" "no passage matches all 4 words and phrases of: lhasa studio expanded channel" \
  "says that nothing has all the words"
has_line "$out" "1 passage matches 3 of them, as partial matches" "offers the best partial match"
contains "$out" "year-2024.txt#1" "the passage with three of the four words"
run 1 "$QUERY" --index "$IDX" --format json lhasa studio expanded channel
contains "$out" '"relaxed": {' "JSON marks partial matches"
contains "$(printf '%s' "$out" | tr -d ' \n')" '"relaxed":{"matched":3,"of":4}' "and how partial"
run 1 "$QUERY" --index "$IDX" lhasa boats
has_line "$out" "no passages match: lhasa boats" "two words are not relaxed"
run 1 "$QUERY" --index "$IDX" lhasa channel '"no such phrase"' year:2019
has_line "$out" "1 passage matches 2 of them, as partial matches" "filters are kept whole"
contains "$out" "year-2019.txt#1" "the passage of 2019 with two of the three clauses"

# 12 a glossary: groups of equivalent terms, by --glossary or beside the index
printf '# the analyst'"'"'s terms\nstudio = plateau = "hardware description"\n' >"$WORK/terms.txt"
count studio
equals "$n" 3 "without a glossary"
count --glossary "$WORK/terms.txt" studio
equals "$n" 4 "with it: the members' passages too (near.txt has two; a phrase)"
run 0 "$QUERY" --index "$IDX" --glossary "$WORK/terms.txt" --explain --limit 1 studio
has_line "$out" 'glossary: studio matches studio = plateau = "hardware description"' \
  "--explain shows the group"
run 0 "$QUERY" --index "$IDX" --glossary "$WORK/terms.txt" --format json --limit 0 Plateau
contains "$(printf '%s' "$out" | tr -d ' \n')" \
  '"glossary":[{"term":"Plateau","members":["studio","plateau","\"hardwaredescription\""]}]' \
  "JSON lists the expansion"
cp "$WORK/terms.txt" "$WORK/glossary.txt"
count studio
equals "$n" 4 "glossary.txt beside the index is the default"
rm "$WORK/glossary.txt"
printf 'studio = plateau\nlonely\n' >"$WORK/bad.txt"
run 2 "$QUERY" --index "$IDX" --glossary "$WORK/bad.txt" studio
equals "$err" "trawl-query: $WORK/bad.txt:2: a group needs two members or more, separated by '='" \
  "a malformed glossary names its line"
printf 'studio = plateau\nplateau = lhasa\n' >"$WORK/bad.txt"
run 2 "$QUERY" --index "$IDX" --glossary "$WORK/bad.txt" studio
equals "$err" "trawl-query: $WORK/bad.txt:2: 'plateau' is in two groups" "a term in two groups"
run 2 "$QUERY" --index "$IDX" --glossary "$WORK/none.txt" studio
contains "$err" "$WORK/none.txt" "a missing glossary is named"

# 13 a word no passage holds: the closest indexed word is suggested
run 1 "$QUERY" --index "$IDX" lahsa
equals "$out" 'no passages match: lahsa
no passage has "lahsa"; did you mean "lhasa"?' "a transposition"
run 1 "$QUERY" --index "$IDX" --limit 0 plateu studio officers
has_line "$out" 'no passage has "plateu"; did you mean "plateau"?' "with partial matches too"
run 1 "$QUERY" --index "$IDX" --format json xqzvw
contains "$(printf '%s' "$out" | tr -d ' \n')" '"suggestions":[{"word":"xqzvw","suggestion":null}]' \
  "JSON: no word close to it"
run 0 "$QUERY" --index "$IDX" --limit 0 lhasa
equals "$out" "3 passages match: lhasa" "no suggestion when the query matches"

# 14 passages: a sentence a little longer than the bound (600 bytes) is cut into two halves,
# never into 600 bytes and a stray word
mkdir -p "$WORK/long"
{
  printf 'Long\n\n'
  for i in $(seq 61); do printf 'abcdefghi '; done
  printf '\n'
} >"$WORK/long/sentence.txt"
run 0 "$INGEST" --index "$WORK/longidx" "$WORK/long"
contains "$out" "indexed 1 document, 2 passages" "two passages"
run 0 "$QUERY" --index "$WORK/longidx" --format csv --limit 5 abcdefghi
lens=$(printf '%s\n' "$out" | tr -d '\r' | sed -n '2,3p' | awk -F, '{ print length($NF) }' |
  sort -n | tr '\n' ' ')
equals "$lens" "299 309 " "of about equal length"

finish
