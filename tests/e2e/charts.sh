# charts: each kind of chart (bars, a timeline of years, stacked bars, the registry), on the
# seed and, when present, ../shared/corpus, checked by svg_check (texts inside the canvas and
# apart, bars in scale, stacks summing to their numbers), rendered by rsvg-convert (a real SVG
# renderer) and as PNG by trawl-query itself.
. "$(dirname "$0")/lib.sh"
command -v rsvg-convert >/dev/null || {
  echo "rsvg-convert not found: install librsvg2-bin (tools/install-deps.sh does)" >&2
  exit 1
}
export SOURCE_DATE_EPOCH=1764633600 # 2025-12-02: charts do not depend on the day they are drawn
run 0 "$INGEST" --index "$WORK/seed" "$TRAWL_SRC/corpus"
indexes=("$WORK/seed")
if have_shared; then
  run 0 "$INGEST" --quiet --index "$WORK/shared" "$SHARED_CORPUS/.."
  indexes+=("$WORK/shared")
fi
n=0
for idx in "${indexes[@]}"; do
  for args in "icc" "province --count documents" "year" "year year:2010..2025" "icc-registry" \
    "year,province" "icc,lang 国际传播中心 OR ICC"; do
    n=$((n + 1))
    set -- $args
    run 0 "$QUERY" --index "$idx" --report "$@" --chart "$WORK/chart-$n.svg"
    run 0 "$SVG_CHECK" "$WORK/chart-$n.svg"
    [ "$code" = 0 ] || echo "$err" >&2
    run 0 rsvg-convert "$WORK/chart-$n.svg" -o "$WORK/chart-$n.png"
  done
done
# The range follows the filter: 2010 to 2025, whatever the years found.
run 0 "$QUERY" --index "$WORK/seed" --report year year:2010..2025 --chart "$WORK/range.svg"
svg=$(cat "$WORK/range.svg")
contains "$svg" ">2010</text>" "the axis starts at the filter's first year"
contains "$svg" ">2025</text>" "and ends at its last"
contains "$svg" "year:2010..2025; index " "the source line: query and index"
contains "$svg" "; 2025-12-02</text>" "and the day"
# A long name is shortened on the chart, whole in its tooltip.
run 0 "$QUERY" --index "$WORK/seed" --report icc-registry --chart "$WORK/registry.svg"
contains "$(cat "$WORK/registry.svg")" \
  "<title>Chongqing International Communication Center (iChongqing) (Chongqing)</title>" \
  "the full name as a tooltip"
# Stacked bars: the legend lists the series drawn, and only those.
run 0 "$QUERY" --index "$WORK/seed" --report year,icc year:2018 --chart "$WORK/stack.svg"
svg=$(cat "$WORK/stack.svg")
contains "$svg" ">Chongqing International Communication Center (iChongqing)</text>" "a series drawn"
lacks "$svg" "Sichuan" "no legend entry without a segment"
# PNG, rendered by librsvg at twice the size.
run 0 "$QUERY" --index "$WORK/seed" --report icc --chart "$WORK/icc.png"
equals "$(head -c 8 "$WORK/icc.png" | od -An -c | tr -d ' ')" '211PNG\r\n032\n' "a PNG file"
run 2 "$QUERY" --index "$WORK/seed" --report icc --chart "$WORK/nowhere/icc.png"
contains "$err" "$WORK/nowhere/icc.png" "an unwritable chart is named"
echo "$n charts checked"
finish
