# lib.sh: what the benchmark scripts share (sourced).

# median: the median of the numbers on standard input, one per line (the lower of the two
# middle ones for an even count).
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# wall_seconds CMD...: runs CMD, its output discarded, and prints its wall time in seconds.
wall_seconds() {
  local s e
  s=$(date +%s%N)
  "$@" >/dev/null
  e=$(date +%s%N)
  awk -v ns=$((e - s)) 'BEGIN { printf "%.6f\n", ns / 1e9 }'
}
