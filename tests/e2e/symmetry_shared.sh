# symmetry_shared: the same property on ../shared/corpus/docs (150 documents, 13 languages),
# skipped when that corpus is absent. Chinese, Japanese and Thai spans can be segmented
# differently alone than in context, so the rate is printed and must stay at least 99.5%.
. "$(dirname "$0")/lib.sh"
if ! have_shared; then
  [ "$failures" -eq 0 ] && exit 77
  finish
fi
run 0 "$INGEST" --quiet --index "$WORK/index" "$SHARED_CORPUS"
run 0 "$SYMMETRY" --index "$WORK/index" --spans 5 --require 99.5
echo "$out"
finish
