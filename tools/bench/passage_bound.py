#!/usr/bin/env python3
"""passage_bound.py: measures retrieval against the passage bound, to choose its default.

For each bound, indexes corpus/ and ../shared/corpus/docs with trawl-ingest --max-passage,
asks every question of passage-queries.tsv with trawl-query --format json, and scores where
the first passage containing the answer ranks: success at 1 and at 3, mean reciprocal rank
(over the top 10), and the mean length of the passages returned first (what a reader reads).

  tools/bench/passage_bound.py [--build build] [--bounds 300,500,...]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def load_queries(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            query, answer = line.rstrip("\n").split("\t")
            out.append((query, answer))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--bounds", default="250,400,600,800,1000,1500,2500,100000")
    args = ap.parse_args()
    corpora = [os.path.join(ROOT, "corpus")]
    shared = os.path.join(ROOT, "..", "shared", "corpus", "docs")
    if os.path.isdir(shared):
        corpora.append(shared)
    queries = load_queries(os.path.join(HERE, "passage-queries.tsv"))
    print(f"{len(queries)} questions over {', '.join(corpora)}")
    print(f"{'bound':>7} {'passages':>9} {'hit@1':>6} {'hit@3':>6} {'MRR':>6} {'first len':>9}")
    for bound in [int(b) for b in args.bounds.split(",")]:
        with tempfile.TemporaryDirectory() as tmp:
            index = os.path.join(tmp, "index")
            passages = 0
            for corpus in corpora:
                r = subprocess.run([os.path.join(args.build, "trawl-ingest"), "--index", index,
                                    "--max-passage", str(bound), corpus],
                                   capture_output=True, text=True)
                passages += int(r.stdout.split(" passage")[0].split(", ")[-1])
            hit1 = hit3 = 0
            rr = 0.0
            first_len = 0
            for query, answer in queries:
                r = subprocess.run([os.path.join(args.build, "trawl-query"), "--index", index,
                                    "--format", "json", "--limit", "10", query],
                                   capture_output=True, text=True)
                results = json.loads(r.stdout)["results"] if r.returncode in (0, 1) else []
                if results:
                    first_len += len(results[0]["text"].encode())
                for i, hit in enumerate(results):
                    if answer in hit["text"]:
                        hit1 += i == 0
                        hit3 += i < 3
                        rr += 1.0 / (i + 1)
                        break
            n = len(queries)
            print(f"{bound:>7} {passages:>9} {hit1 / n:>6.2f} {hit3 / n:>6.2f} {rr / n:>6.3f} "
                  f"{first_len / n:>9.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
