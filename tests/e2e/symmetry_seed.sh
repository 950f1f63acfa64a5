# symmetry_seed: every passage of the seed is found by random spans of its own words searched
# as phrases: 100% required.
. "$(dirname "$0")/lib.sh"
run 0 "$INGEST" --quiet --index "$WORK/index" "$TRAWL_SRC/corpus"
run 0 "$SYMMETRY" --index "$WORK/index" --spans 40 --require 100
echo "$out"
finish
