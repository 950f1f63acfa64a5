# lib.sh: what the benchmark scripts share (sourced).

# median: the median of the numbers on standard input, one per line (the lower of the two
# middle ones for an even count).
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# drop_caches: empties the kernel's page cache when allowed (as root), so that the next run
# reads from disk; does nothing otherwise.
drop_caches() { sync; echo 3 >/proc/sys/vm/drop_caches 2>/dev/null || true; }

# corpus_bytes DIR: the bytes of the files under DIR (links followed).
corpus_bytes() { find -L "$1" -type f -printf '%s\n' | awk '{ s += $1 } END { print s }'; }

# wall_seconds CMD...: runs CMD, its output discarded, and prints its wall time in seconds.
wall_seconds() {
  local s e
  s=$(date +%s%N)
  "$@" >/dev/null
  e=$(date +%s%N)
  awk -v ns=$((e - s)) 'BEGIN { printf "%.6f\n", ns / 1e9 }'
}
