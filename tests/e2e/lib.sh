# lib.sh: helpers for the end-to-end tests, which run the real binaries.
# Environment (set by ctest): TRAWL_BIN (build folder with the programs), TRAWL_SRC (the
# repository), SHARED_CORPUS (../shared/corpus/docs), SYMMETRY (the symmetry program),
# REPORT_ORACLE (the report oracle); TRAWL_REQUIRE_SHARED=1 (as CI sets it) makes an absent
# shared corpus a failure instead of a skip.
set -u
# Ingest runs are stamped with this time (the reproducible-builds convention), so that two
# indexes built a second apart answer alike; a test may set its own.
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1764547200}
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

# matches TEXT N WHAT: the header of search output in TEXT ("N passages match: ...", "1 passage
# matches: ...", "no passages match: ...") says exactly N (never 14 for 4).
matches() {
  checks=$((checks + 1))
  local header got
  header=$(printf '%s\n' "$1" | grep -m1 -E '^([0-9]+ passages? match|no passages match)')
  case "$header" in
  "no passages match"*) got=0 ;;
  [0-9]*) got=${header%% *} ;;
  *) got="(no header)" ;;
  esac
  [ "$got" = "$2" ] || fail "$3: $got passages match, expected $2, in:
$1"
}

# has_line TEXT LINE WHAT: LINE is one whole line of TEXT.
has_line() {
  checks=$((checks + 1))
  printf '%s\n' "$1" | grep -qxF -- "$2" || fail "$3: expected the line '$2' in:
$1"
}

# have_shared: true when the shared corpus is present; else says the checks on it are skipped
# (a failure under TRAWL_REQUIRE_SHARED=1).
have_shared() {
  [ -d "$SHARED_CORPUS" ] && return 0
  if [ "${TRAWL_REQUIRE_SHARED:-0}" = 1 ]; then
    checks=$((checks + 1))
    fail "the shared corpus $SHARED_CORPUS is absent and TRAWL_REQUIRE_SHARED=1"
  else
    echo "skipped the checks on the shared corpus: $SHARED_CORPUS is absent"
  fi
  return 1
}

# start_server INDEX [OPTION...]: starts trawl-serve on a free port of 127.0.0.1 in the
# background, stopped when the test ends; sets $port (empty, with a failure, when it did not
# start) and $pid.
start_server() {
  local index=$1
  shift
  "$TRAWL_BIN/trawl-serve" --index "$index" --listen 127.0.0.1:0 "$@" >"$WORK/serve.out" 2>&1 &
  pid=$!
  trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; chmod -R u+rwx "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT
  port=""
  for try in $(seq 50); do
    port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$WORK/serve.out")
    [ -n "$port" ] && break
    sleep 0.1
  done
  checks=$((checks + 1))
  [ -n "$port" ] || fail "trawl-serve did not start: $(cat "$WORK/serve.out")"
}

# hostile_document DIR: writes a document whose title, text and URL are made to attack a page.
hostile_document() {
  cat >"$1/hostile.md" <<'TXT'
---
title: <script>alert("title")</script> Harbour notes
url: javascript:alert("url")
---
The harbour studio "onmouseover="alert('text') <img src=x onerror=alert('img')> opened.
TXT
}

finish() {
  if [ "$failures" -gt 0 ] && [ -s "$WORK/serve.out" ]; then
    echo "--- trawl-serve's output:" >&2
    cat "$WORK/serve.out" >&2
  fi
  echo "$((checks - failures)) passed, $failures failed"
  [ "$failures" -eq 0 ]
  exit $?
}
