# pdf: PDFs through poppler: text per page, passages that never cross a page and cite it, title
# and date from the PDF's metadata unless a manifest says otherwise, and one line for each PDF
# that cannot be read (encrypted, damaged, images only) while the run goes on. The PDFs are made
# here from SVG pages by rsvg-convert (cairo embeds the fonts with their Unicode maps), with
# qpdf for the encrypted one; the real PDF is shared-mime-info's specification (Debian package
# shared-mime-info). Pages are checked against poppler-utils' pdftotext, not Trawl's output.
. "$(dirname "$0")/lib.sh"
DOCS="$WORK/docs"
IDX="$WORK/index"
mkdir -p "$DOCS" "$WORK/svg"

# page FILE LINE...: an A4 SVG page holding LINEs, one under the other
page() {
  local f=$1 y=60
  shift
  {
    echo '<svg xmlns="http://www.w3.org/2000/svg" width="595" height="842">'
    echo '<rect width="595" height="842" fill="white"/>'
    for l in "$@"; do
      printf '<text x="50" y="%d" font-family="DejaVu Sans, WenQuanYi Zen Hei" font-size="12">%s</text>\n' "$y" "$l"
      y=$((y + 18))
    done
    echo '</svg>'
  } >"$f"
}
page "$WORK/svg/1.svg" "Regional communication centres" "" \
  "The Jiangsu International Communication Center was set up in Nanjing." \
  "It publishes JiangsuNow in six languages."
page "$WORK/svg/2.svg" "Second page" "" \
  "On page two the Hunan International Communication Center is described." \
  "It opened in Changsha in 2022."
page "$WORK/svg/3.svg" "湖南国际传播中心于2022年在长沙成立。" "" "Page three ends the report."
# cairo stamps the PDF's creation date with $SOURCE_DATE_EPOCH: 2024-06-01
SOURCE_DATE_EPOCH=1717200000 rsvg-convert -f pdf -o "$DOCS/report.pdf" "$WORK"/svg/[123].svg
cp "$DOCS/report.pdf" "$DOCS/copy.pdf"
echo '<svg xmlns="http://www.w3.org/2000/svg" width="595" height="842"><circle cx="200" cy="200" r="80"/></svg>' >"$WORK/svg/img.svg"
rsvg-convert -f pdf -o "$DOCS/scanned.pdf" "$WORK/svg/img.svg"
qpdf --encrypt secret secret 256 -- "$DOCS/report.pdf" "$DOCS/locked.pdf"
printf '%%PDF-1.7\nthis is not the body of a PDF\n' >"$DOCS/broken.pdf"
printf 'file\ttitle\tdate\ncopy.pdf\tThe same report, described\t2023-02-10\n' >"$DOCS/MANIFEST.tsv"
echo "The harbour text beside the PDFs." >"$DOCS/note.txt"

run 1 "$INGEST" --index "$IDX" "$DOCS"
contains "$out" "indexed 3 documents" "the readable PDFs and the text are indexed"
contains "$out" "3 skipped" "three PDFs left out"
contains "$err" "scanned.pdf: PDF without a text layer (1 page of images only: scanned pages need OCR first); skipped" \
  "an image-only PDF"
contains "$err" "locked.pdf: encrypted PDF: its text needs a password; skipped" "an encrypted PDF"
contains "$err" "broken.pdf: damaged PDF (" "a damaged PDF"
equals "$(printf '%s\n' "$err" | grep -c 'pdf: ')" 3 "one line each"

# fields KEY...: the results' KEYs (JSON on stdin), tab-separated, one result a line
fields() {
  python3 -c 'import json, sys
for h in json.load(sys.stdin)["results"]:
    print("\t".join(str(h.get(k)) for k in sys.argv[1:]))' "$@"
}

# The Chinese page: found, cited with its page, in the PDF's metadata date and title
run 0 "$QUERY" --index "$IDX" --format json --sort date 长沙
equals "$(printf '%s\n' "$out" | fields id title published page | tr '\t\n' '| ')" \
  "copy.pdf#2|The same report, described|2023-02-10|2 copy.pdf#3|The same report, described|2023-02-10|3 report.pdf#2|report|2024-06-01|2 report.pdf#3|report|2024-06-01|3 " \
  "pages 2 (Changsha) and 3 (湖南...长沙); the manifest's title and date replace the PDF's"
run 0 "$QUERY" --index "$IDX" --width 80 '"湖南国际传播中心"' published:2024
contains "$out" "report.pdf#3  report.pdf#p3 (page 3)" "the citation: file and page"
contains "$out" "于2022年在长沙成立。" "the Chinese text as written"
run 0 "$QUERY" --index "$IDX" --format json Nanjing published:2024
contains "$out" '"page": 1' "JSON: the page"
lacks "$out" "Second page" "a passage never crosses a page"
run 0 "$QUERY" --index "$IDX" --format json "Page three" published:2024
contains "$out" '"page": 3' "the last page"
lacks "$out" "Changsha" "page 3's passage holds nothing of page 2"
run 0 "$QUERY" --index "$IDX" --report icc,published --format csv harbour OR Hunan OR 湖南
contains "$out" "hunan," "the PDF's passages carry facets"
run 0 "$INGEST" --index "$IDX" --check "$DOCS/report.pdf" "$DOCS/copy.pdf" "$DOCS/note.txt"
contains "$out" "index up to date: 3 documents" "an unchanged PDF is current"

# A real PDF from a Debian package: each passage's page holds its text (by pdftotext).
REAL=/usr/share/doc/shared-mime-info/shared-mime-info-spec.pdf
if [ -f "$REAL" ]; then
  mkdir "$WORK/real"
  cp "$REAL" "$WORK/real/"
  run 0 "$INGEST" --index "$WORK/real-index" "$WORK/real"
  contains "$out" "indexed 1 document" "shared-mime-info's specification"
  run 0 "$QUERY" --index "$WORK/real-index" --format json --limit 50 update-mime-database
  printf '%s\n' "$out" | python3 -c 'import json, sys
for h in json.load(sys.stdin)["results"]:
    print(h["id"], h["page"], " ".join(h["text"].split()[:5]), sep="\t")' >"$WORK/hits.tsv"
  [ "$(wc -l <"$WORK/hits.tsv")" -ge 5 ] || fail "update-mime-database: fewer than 5 passages"
  checks=$((checks + 1))
  # each passage's first five words are on its page as pdftotext lays it out
  while IFS=$'\t' read -r id pg words; do
    pdftotext -f "$pg" -l "$pg" "$REAL" - | tr -s ' \n' '  ' >"$WORK/page.flat"
    checks=$((checks + 1))
    grep -qF -- "$words" "$WORK/page.flat" || fail "$id: '$words' is not on page $pg"
  done <"$WORK/hits.tsv"
  run 0 "$QUERY" --index "$WORK/real-index" --format json --limit 1 freedesktop.org
  contains "$out" '"published": "2022-04-29"' "the PDF's creation date"
else
  echo "skipped the real PDF: $REAL is absent (package shared-mime-info)"
fi
finish
