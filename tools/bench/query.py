#!/usr/bin/python3
"""query.py: query latency of Trawl against SQLite FTS5, Lucene 8 and ripgrep, on one corpus.

  tools/bench/query.py [CORPUS] [--rounds N] [--work DIR]

Builds (once, kept in DIR, default build-bench/query) a Trawl index with trawl-ingest, an
FTS5 database with peers.py and a Lucene index with lucene.sh, then for each query of
tools/bench/queries.txt (40) and tools/bench/phrases.txt (20 phrases) measures:
  in-process  Trawl: build/query_probe (trawl_search, 10 results with highlighted passages);
              FTS5: the 10 best rows by bm25 with snippet(), through Python's sqlite3;
              Lucene: the 10 best documents, each with its best highlighted fragment;
              cold = the first round after the page cache is dropped, warm = later rounds
  round trip  one trawl-query --batch - --limit 10 process for all rounds: the query written
              to its input, until its JSON line (results with highlighted passages) is read
  per process trawl-query --limit 10 QUERY, and the sqlite3 command-line program with the
              same SELECT, start to exit: each run 5 times, the median of its runs
  ripgrep     rg -c -i -F PHRASE over the corpus, for the phrases that occur (likewise)
  start       a process's start without a query: build/start_probe (linked as trawl-query,
              prints its libraries' versions) against sqlite3 :memory: "SELECT 1"
  Xapian      the floor under Trawl's answer on its own index: the query through Xapian's
              QueryParser (words ANDed, phrases, no stems, body text only), the 10 best
              passages' stored data and the exact number of matches, no highlighting;
              "3 fields" matches each word and phrase in the body, titles or headings (the
              fields Trawl searches), still without stems
Prints medians and 90th percentiles in milliseconds and the ratios Trawl / peer.
"""
import argparse
import os
import sqlite3
import statistics
import subprocess
import sys
import time

from round_trip import load_queries, pct, round_trip

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
BUILD = os.path.join(ROOT, "build")
SELECT = ("SELECT path, snippet(docs, 1, '[', ']', '...', 16) FROM docs WHERE docs MATCH ? "
          "ORDER BY rank LIMIT 10")


def drop_caches():
    subprocess.run(["sync"])
    try:
        with open("/proc/sys/vm/drop_caches", "w") as f:
            f.write("3\n")
        return True
    except OSError:
        return False


def build(corpus, work):
    os.makedirs(work, exist_ok=True)
    trawl = os.path.join(work, "trawl")
    fts = os.path.join(work, "fts5.db")
    # Built when missing; brought up to date otherwise (rebuilt when the schema changed).
    subprocess.run([os.path.join(BUILD, "trawl-ingest"), "--quiet", "--index", trawl, corpus],
                   check=True)
    if not os.path.exists(fts):
        subprocess.run(["/usr/bin/python3", os.path.join(HERE, "peers.py"), "fts5", corpus, fts],
                       check=True)
    lucene = os.path.join(work, "lucene")
    if not os.path.exists(lucene):
        subprocess.run([os.path.join(HERE, "lucene.sh"), "index", corpus, lucene], check=True)
    return trawl, fts, lucene


def probe_in_process(cmd, queries):
    """Runs a probe printing "round, ms, total, query" lines; {round: {query: (ms, total)}}."""
    out = subprocess.run(cmd, input="\n".join(queries) + "\n", capture_output=True, text=True,
                         check=True).stdout
    times = {}
    for line in out.splitlines():
        r, ms, total, q = line.split("\t", 3)
        times.setdefault(int(r), {})[q] = (float(ms), int(total))
    return times


def fts5_in_process(path, queries, rounds):
    db = sqlite3.connect(path)
    times = {}
    for r in range(1, rounds + 1):
        for q in queries:
            t0 = time.perf_counter()
            try:
                rows = db.execute(SELECT, (q,)).fetchall()
            except sqlite3.OperationalError:
                rows = []
            times.setdefault(r, {})[q] = ((time.perf_counter() - t0) * 1e3, len(rows))
    db.close()
    return times


def xapian_alone(index, queries, rounds, fields=("",)):
    """Each query through Xapian's QueryParser, its words and phrases matched in any of the
    term prefixes `fields` (the body's "" alone by default; Trawl's are "", "S" for titles and
    "XH" for headings): the 10 best passages' data and the exact count, per query in ms."""
    import xapian

    db = xapian.Database(index)
    qp = xapian.QueryParser()
    qp.set_default_op(xapian.Query.OP_AND)
    for prefix in fields:
        qp.add_prefix("", prefix)
    times = {}
    for r in range(1, rounds + 1):
        for q in queries:
            t0 = time.perf_counter()
            enquire = xapian.Enquire(db)
            enquire.set_query(qp.parse_query(q.lower(), xapian.QueryParser.FLAG_PHRASE))
            mset = enquire.get_mset(0, 10, db.get_doccount())
            for match in mset:
                match.document.get_data()
            times.setdefault(r, {})[q] = ((time.perf_counter() - t0) * 1e3,
                                          mset.get_matches_estimated())
    return times


def per_process(cmds, repeat=5):
    """Each command run `repeat` times, one after another: the median of its runs, in ms."""
    out = []
    for cmd in cmds:
        runs = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            runs.append((time.perf_counter() - t0) * 1e3)
        out.append(statistics.median(runs))
    return out


def row(name, trawl_ms, peer_ms):
    print(f"{name:34s} {statistics.median(trawl_ms):9.2f} {pct(trawl_ms, 90):9.2f} "
          f"{statistics.median(peer_ms):9.2f} {pct(peer_ms, 90):9.2f} "
          f"{statistics.median(trawl_ms) / statistics.median(peer_ms):8.3f}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default=os.path.join(ROOT, "build-bench/corpora/kdoc"))
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--work", default=os.path.join(ROOT, "build-bench/query"))
    args = ap.parse_args()
    queries = load_queries("queries.txt") + load_queries("phrases.txt")
    work = os.path.join(args.work, os.path.basename(os.path.normpath(args.corpus)))
    trawl, fts, lucene = build(args.corpus, work)
    cold = drop_caches()
    t = probe_in_process([os.path.join(BUILD, "query_probe"), trawl, str(args.rounds)], queries)
    drop_caches()
    b = round_trip(trawl, queries, args.rounds)
    drop_caches()
    x = xapian_alone(trawl, queries, args.rounds)
    drop_caches()
    x3 = xapian_alone(trawl, queries, args.rounds, ("", "S", "XH"))
    drop_caches()
    f = fts5_in_process(fts, queries, args.rounds)
    drop_caches()
    lu = probe_in_process([os.path.join(HERE, "lucene.sh"), "query", lucene, str(args.rounds)],
                          queries)
    first = lambda times, qs=queries: [times[1][q][0] for q in qs]
    warm = lambda times, qs=queries: [times[r][q][0] for r in times if r > 1 for q in qs]
    phrases = [q for q in queries if q.startswith('"')]
    found = [q for q in phrases if t[1][q][1] > 0]
    assert all(b[1][q][1] == t[1][q][1] for q in queries), "--batch and query_probe disagree"
    print(f"corpus {args.corpus}: {len(queries)} queries ({len(phrases)} phrases), "
          f"{args.rounds} rounds, {'cold' if cold else 'warm (cannot drop caches)'} first "
          f"round; {os.cpu_count()} cores")
    print(f"{'milliseconds':34s} {'trawl':>9s} {'p90':>9s} {'peer':>9s} {'p90':>9s} {'ratio':>8s}")
    row("in-process, first round vs FTS5", first(t), first(f))
    if args.rounds > 1:
        row("in-process, warm vs FTS5", warm(t), warm(f))
        row("in-process, warm vs Lucene", warm(t), warm(lu))
        row("--batch round trip, warm vs FTS5", warm(b), warm(f))
        row("Xapian alone, warm vs FTS5", warm(x), warm(f))
        row("Xapian, 3 fields, warm vs FTS5", warm(x3), warm(f))
    tp = per_process([[os.path.join(BUILD, "trawl-query"), "--index", trawl, "--limit", "10", q]
                      for q in queries])
    sp = per_process([["sqlite3", fts, SELECT.replace("?", "'" + q.replace("'", "''") + "'")]
                      for q in queries])
    row("per process vs sqlite3 CLI", tp, sp)
    # A process's start, no query: the libraries trawl-query loads against sqlite3's.
    ts = per_process([[os.path.join(BUILD, "start_probe")]] * 20)
    ss = per_process([["sqlite3", ":memory:", "SELECT 1"]] * 20)
    row("process start vs sqlite3 SELECT 1", ts, ss)
    work = statistics.median(tp) - statistics.median(ts)
    peer_work = statistics.median(sp) - statistics.median(ss)
    print(f"{'per process, less the start':34s} {work:9.2f} {'':9s} {peer_work:9.2f} {'':9s} "
          f"{work / peer_work:8.3f}")
    rg = per_process([["rg", "-c", "-i", "-F", q.strip('"'), args.corpus] for q in found])
    later = lambda times: warm(times, found) if args.rounds > 1 else first(times, found)
    row("phrases, in-process vs ripgrep", later(t), rg)
    row("phrases, --batch round trip vs rg", later(b), rg)
    row("phrases, per process vs ripgrep", [tp[queries.index(q)] for q in found], rg)
    row("phrases, Xapian alone vs ripgrep", later(x), rg)
    row("phrases, Xapian, 3 fields vs rg", later(x3), rg)
    nomatch = [q for q in queries if t[1][q][1] == 0]
    print(f"matches: {sum(1 for q in queries if t[1][q][1])} queries match, "
          f"{len(nomatch)} match nothing; phrases found: {len(found)}")


if __name__ == "__main__":
    sys.exit(main())
