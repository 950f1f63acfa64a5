#!/usr/bin/python3
"""round_trip.py: query latency as a program driving Trawl sees it.

  tools/bench/round_trip.py INDEX [ROUNDS]

One `trawl-query --index INDEX --limit 10 --batch -` process answers every query of
tools/bench/queries.txt and tools/bench/phrases.txt ROUNDS times (default 5): the time from
writing a query to its input to reading its JSON line (the 10 best passages, highlighted, and
the exact number of matches). Prints the median and 90th percentile in milliseconds of the
rounds after the first (warm), of the first, and the number of passages all queries matched.
"""
import json
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
BUILD = os.path.join(os.path.dirname(os.path.dirname(HERE)), "build")


def load_queries(name):
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        return [l.rstrip("\n") for l in f if l.strip() and not l.startswith("#")]


def pct(values, p):
    v = sorted(values)
    return v[min(len(v) - 1, int(round(p / 100 * (len(v) - 1))))]


def round_trip(index, queries, rounds):
    """{round: {query: (ms, total)}}: one trawl-query --batch process for every round."""
    proc = subprocess.Popen([os.path.join(BUILD, "trawl-query"), "--index", index, "--limit",
                             "10", "--batch", "-"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, bufsize=1)
    times = {}
    for r in range(1, rounds + 1):
        for q in queries:
            t0 = time.perf_counter()
            proc.stdin.write(q + "\n")
            proc.stdin.flush()
            answer = json.loads(proc.stdout.readline())
            if "error" in answer:
                sys.exit(f"round_trip.py: {q}: {answer['error']}")
            times.setdefault(r, {})[q] = ((time.perf_counter() - t0) * 1e3, answer["total"])
    proc.stdin.close()
    if proc.wait() != 0:
        sys.exit(f"round_trip.py: trawl-query --batch exited with {proc.returncode}")
    return times


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    rounds = int(sys.argv[2]) if len(sys.argv) == 3 else 5
    queries = load_queries("queries.txt") + load_queries("phrases.txt")
    t = round_trip(sys.argv[1], queries, rounds)
    warm = [t[r][q][0] for r in t if r > 1 for q in queries] or [t[1][q][0] for q in queries]
    first = [t[1][q][0] for q in queries]
    print(f"warm_median_ms {statistics.median(warm):.2f} warm_p90_ms {pct(warm, 90):.2f} "
          f"first_median_ms {statistics.median(first):.2f} "
          f"matched {sum(t[1][q][1] for q in queries)}")


if __name__ == "__main__":
    main()
