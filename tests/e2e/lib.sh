# lib.sh: helpers for the end-to-end tests, which run the real binaries.
# Environment (set by ctest): TRAWL_BIN (build folder with the programs), TRAWL_SRC (the
# repository), SHARED_CORPUS (../shared/corpus/docs), SYMMETRY (the symmetry program).
set -u
INGEST="$TRAWL_BIN/trawl-ingest"
QUERY="$TRAWL_BIN/trawl-query"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/trawl-e2e.XXXXXX")
trap 'chmod -R u+rwx "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT
failures=0
checks=0

fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

# run EXPECTED_EXIT CMD...: runs CMD, keeps stdout in $out and stderr in $err.
run() {
  local want=$1
  shift
  checks=$((checks + 1))
  out=$("$@" 2>"$WORK/stderr")
  code=$?
  err=$(cat "$WORK/stderr")
  [ "$code" -eq "$want" ] || fail "exit $code, expected $want: $*
--- stdout:
$out
--- stderr:
$err"
}

# contains TEXT NEEDLE WHAT
contains() {
  checks=$((checks + 1))
  case "$1" in
  *"$2"*) ;;
  *) fail "$3: expected to find '$2' in:
$1" ;;
  esac
}

# lacks TEXT NEEDLE WHAT
lacks() {
  checks=$((checks + 1))
  case "$1" in
  *"$2"*) fail "$3: did not expect '$2' in:
$1" ;;
  esac
}

# equals ACTUAL EXPECTED WHAT
equals() {
  checks=$((checks + 1))
  [ "$1" = "$2" ] || fail "$3: got '$1', expected '$2'"
}

finish() {
  echo "$((checks - failures)) passed, $failures failed"
  [ "$failures" -eq 0 ]
  exit $?
}
