#!/usr/bin/python3
"""peers.py: the peers Trawl's ingest is measured against, each building an index of a folder.

  peers.py xapian-floor DIR INDEX   every file through Xapian's TermGenerator (English stems,
                                    positions), one commit: the floor of a Xapian-based ingest
  peers.py xapian-passages DIR INDEX  the same with one document per paragraph (blank-line
                                    separated) holding its text as data: the floor of
                                    Trawl's model, where a passage is a document
  peers.py fts5 DIR DB              SQLite FTS5 (unicode61 tokenizer), text stored, one commit
"""
import os
import sqlite3
import sys


def files(root):
    for folder, dirs, names in os.walk(root):
        dirs.sort()
        for name in sorted(names):
            path = os.path.join(folder, name)
            with open(path, "rb") as f:
                yield os.path.relpath(path, root), f.read().decode("utf-8", "replace")


def xapian_index(root, index, units):
    import xapian

    db = xapian.WritableDatabase(index, xapian.DB_CREATE_OR_OVERWRITE)
    tg = xapian.TermGenerator()
    tg.set_stemmer(xapian.Stem("english"))
    db.begin_transaction()
    for rel, text in files(root):
        for n, (unit, data) in enumerate(units(text)):
            doc = xapian.Document()
            tg.set_document(doc)
            tg.index_text(unit)
            doc.add_boolean_term("Q%s#%d" % (rel, n + 1))
            if data:
                doc.set_data(unit)
            db.add_document(doc)
    db.commit_transaction()
    db.close()


def xapian_floor(root, index):
    xapian_index(root, index, lambda text: [(text, False)])


def xapian_passages(root, index):
    def paragraphs(text):
        return [(p, True) for p in text.split("\n\n") if p.strip()]

    xapian_index(root, index, paragraphs)


def fts5(root, path):
    if os.path.exists(path):
        os.remove(path)
    db = sqlite3.connect(path)
    db.execute("CREATE VIRTUAL TABLE docs USING fts5(path, body)")
    db.executemany("INSERT INTO docs VALUES (?, ?)", files(root))
    db.commit()
    db.close()


if __name__ == "__main__":
    engines = {"xapian-floor": xapian_floor, "xapian-passages": xapian_passages, "fts5": fts5}
    if len(sys.argv) != 4 or sys.argv[1] not in engines:
        sys.exit(__doc__)
    engines[sys.argv[1]](sys.argv[2], sys.argv[3])
