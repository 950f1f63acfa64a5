#!/usr/bin/python3
"""index_anatomy.py: where the bytes of a Trawl index go, and what other layouts would take.

  tools/bench/index_anatomy.py INDEX WORK

INDEX is a Trawl index of one database (a new index written by trawl-ingest --jobs 2 is one
compacted database). Prints the size of each of its Xapian tables, then rebuilds it in WORK
under each variant below (Xapian's Python bindings copy every passage, then xapian-compact
-F, as trawl-ingest compacts) and prints their tables:
  same           every passage copied as it is: the copy's sizes match the index's
  no-positions   no word positions (no phrase could be matched): the position table's share
  no-title-pos   title and heading words without positions
  no-path-slots  without value slots 1, 4, 5 and 6 (path and ordinal, path, two date keys)
  lean-data      stored data without the keys that can be derived (id, path, title, lang,
                 length, ordinal)
  per-document   one Xapian document per source document: its passages' words at positions
                 following on, title words once, its passages' texts as one stored text,
                 value slots 0, 2, 3, 4 of its first passage; the layout of an engine that
                 locates passages at query time
"""
import json
import os
import shutil
import subprocess
import sys

import xapian

TABLES = ("postlist", "position", "termlist", "docdata")


def sizes(path):
    kb = {t: os.path.getsize(os.path.join(path, t + ".glass")) // 1024
          for t in TABLES if os.path.exists(os.path.join(path, t + ".glass"))}
    return kb


def report(name, kb):
    total = sum(kb.values())
    cells = " ".join(f"{kb.get(t, 0) / 1024:9.1f}" for t in TABLES)
    print(f"{name:14s} {total / 1024:9.1f} {cells}", flush=True)


def copy_passage(src, docid, variant):
    d = src.get_document(docid)
    nd = xapian.Document()
    for t in d.termlist():
        term = t.term
        if t.wdf == 0:  # filter terms (Q, P, XI, ...): every word has a wdf
            nd.add_boolean_term(term)
            continue
        heading = term[:1] == b"S" or term[:2] == b"XH"
        if variant == "no-positions" or (variant == "no-title-pos" and heading):
            nd.add_term(term, t.wdf)
            continue
        positions = list(src.positionlist(docid, term))
        for pos in positions:
            nd.add_posting(term, pos)
        if not positions:
            nd.add_term(term, t.wdf)
    for v in d.values():
        if variant != "no-path-slots" or v.num not in (1, 4, 5, 6):
            nd.add_value(v.num, v.value)
    data = d.get_data()
    if variant == "lean-data":
        cut = data.index(b"\n")
        meta = json.loads(data[:cut])
        for key in ("id", "path", "title", "lang", "length", "ordinal"):
            meta.pop(key, None)
        data = json.dumps(meta, separators=(",", ":")).encode() + data[cut:]
    nd.set_data(data)
    return nd


def per_document(src, ids):
    nd = xapian.Document()
    base, texts, starts = 0, [], []
    for k, docid in enumerate(ids):
        d = src.get_document(docid)
        last = 0
        for t in d.termlist():
            term = t.term
            if t.wdf == 0:
                if term[:1] != b"Q":
                    nd.add_boolean_term(term)
                continue
            heading = term[:1] == b"S" or term[:2] == b"XH"
            for pos in src.positionlist(docid, term):
                if heading:
                    if k == 0:
                        nd.add_posting(term, pos)
                else:
                    nd.add_posting(term, base + pos)
                    last = max(last, pos)
        starts.append(base)
        base += last + 2
        data = d.get_data()
        texts.append(data[data.index(b"\n") + 1:])
    for v in src.get_document(ids[0]).values():
        if v.num in (0, 2, 3, 4):
            nd.add_value(v.num, v.value)
    nd.set_data(json.dumps({"starts": starts}).encode() + b"\n" + b"\n".join(texts))
    return nd


def build(src, out, variant):
    tmp = out + ".tmp"
    for p in (tmp, out):
        shutil.rmtree(p, ignore_errors=True)
    db = xapian.WritableDatabase(tmp, xapian.DB_CREATE_OR_OVERWRITE)
    db.begin_transaction()
    if variant == "per-document":
        docs = {}
        for p in src.postlist(""):
            path = src.get_document(p.docid).get_value(4)
            docs.setdefault(path, []).append(p.docid)
        for path in sorted(docs):
            db.add_document(per_document(src, docs[path]))
    else:
        for p in src.postlist(""):
            db.add_document(copy_passage(src, p.docid, variant))
    db.commit_transaction()
    db.close()
    subprocess.run(["xapian-compact", "-F", tmp, out], check=True, stdout=subprocess.DEVNULL)
    shutil.rmtree(tmp)
    kb = sizes(out)
    shutil.rmtree(out)
    return kb


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    index, work = sys.argv[1], sys.argv[2]
    shards = [l.split()[1] for l in open(os.path.join(index, "XAPIANDB"))]
    if len(shards) != 1:
        sys.exit("index_anatomy.py: an index of one database is needed")
    os.makedirs(work, exist_ok=True)
    src = xapian.Database(index)
    print(f"{index}: {src.get_doccount()} passages; MB")
    print(f"{'variant':14s} {'total':>9s} " + " ".join(f"{t:>9s}" for t in TABLES))
    report("index", sizes(os.path.join(index, shards[0])))
    for variant in ("same", "no-positions", "no-title-pos", "no-path-slots", "lean-data",
                    "per-document"):
        report(variant, build(src, os.path.join(work, variant), variant))


if __name__ == "__main__":
    main()
