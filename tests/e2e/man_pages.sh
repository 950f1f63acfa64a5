# man_pages: the manual pages scdoc made render with man(1) without a warning, and each program's
# page documents exactly the options its --help lists.
. "$(dirname "$0")/lib.sh"
command -v man >/dev/null || {
  echo "man not found: install man-db (tools/install-deps.sh does)" >&2
  exit 1
}
for page in trawl-ingest.1 trawl-query.1 trawl-serve.1 trawl-syntax.7; do
  f="$TRAWL_BIN/man/$page"
  checks=$((checks + 1))
  [ -f "$f" ] || fail "$page was not built"
  out=$(MANWIDTH=80 man --warnings -l "$f" 2>"$WORK/warnings")
  equals "$(cat "$WORK/warnings")" "" "$page renders without warnings"
  contains "$out" "NAME" "$page has a NAME"
  contains "$out" "${page%.*}" "$page names itself"
done
# The options of --help (lines "  --name" or "  -x, --name") against those the page's OPTIONS
# section describes.
for prog in trawl-ingest trawl-query trawl-serve; do
  help_opts=$("$TRAWL_BIN/$prog" --help | grep -oE '^  (-[a-z], )?--[a-z][a-z-]*' |
    grep -oE -- '--[a-z-]+' | sort -u | tr '\n' ' ')
  man_opts=$(MANWIDTH=200 man -l "$TRAWL_BIN/man/$prog.1" 2>/dev/null |
    sed -n '/^OPTIONS/,/^[A-Z]/p' | grep -oE '^       (-[a-z], )?--[a-z][a-z-]*' |
    grep -oE -- '--[a-z-]+' | sort -u | tr '\n' ' ')
  equals "$man_opts" "$help_opts" "$prog(1) documents the options of --help"
done
finish
