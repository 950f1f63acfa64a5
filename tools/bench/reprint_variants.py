#!/usr/bin/env python3
"""reprint_variants.py: republished copies of real documents, for measuring how Trawl groups
reprints (tests/e2e/reprints.sh, tools/bench/reprints.sh).

    reprint_variants.py CORPUS OUT FAMILIES

Reads CORPUS/MANIFEST.tsv and its files; writes into OUT every document of the corpus (copied,
under docs/) plus, for every fourth document of at least 2,000 bytes, two republished copies
(under reprints/), each made by one of the edits a republisher makes:

  wire     a byline and source on top, a "Related" footer, the last paragraph dropped
  mirror   a mirror's title line and citation markers [1], [2] after sentences
  html     the text as an HTML page with navigation and a copyright footer
  excerpt  the first 70% of the paragraphs
  edited   one word in twenty replaced (one character in twenty for text without spaces)

and FAMILIES (a TSV file outside OUT): each file and its family (the document it copies, or itself; the
corpus's known mirror, docs/004-rightwiki-cicg.txt, is in the family of docs/001-wp-cicg.txt,
as reading the two shows). Two files of one family are reprints of each other; any other two
are not (every other pair of the corpus with an estimated similarity above 0.04 was read:
rewrites of one wire report, translations, two articles of one outlet; see
tests/data/reprint-labels.tsv). The edits are deterministic: the same corpus gives the same
files."""
import csv
import os
import random
import re
import shutil
import sys

KINDS = ["wire", "mirror", "html", "excerpt", "edited"]
FILLERS = ["reportedly", "officially", "recently", "notably", "also", "further", "indeed"]
KNOWN_MIRRORS = {"004-rightwiki-cicg.txt": "001-wp-cicg.txt"}


def paragraphs(text):
    return [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]


def spaced(text):
    return text.count(" ") * 20 > len(text)


def edit(kind, title, text, rnd):
    paras = paragraphs(text)
    if kind == "wire":
        body = paras[:-1] if len(paras) >= 4 else paras
        return ("By a staff reporter | Source: Xinhua | Updated 2024-05-01\n\n" + "\n\n".join(body) +
                "\n\nRelated: read more stories like this on our site. Share this article.\n")
    if kind == "mirror":
        n = [0]

        def mark(m):
            n[0] += 1
            return m.group(0) if n[0] % 2 else m.group(1) + "[%d]" % (n[0] // 2) + m.group(2)
        body = re.sub(r"([.。])(\s)", mark, "\n\n".join(paras[1:] if paras[0].startswith("=") else paras))
        return "= %s - Mirror =\n\n%s\n" % (title, body)
    if kind == "html":
        ps = "\n".join("<p>%s</p>" % p.replace("&", "&amp;").replace("<", "&lt;") for p in paras)
        return ("<!doctype html><html><head><title>%s</title></head><body><nav><a href=\"/\">Home"
                "</a> <a href=\"/news\">News</a> <a href=\"/world\">World</a></nav><article>\n%s\n"
                "</article><footer>Copyright 2024 Example Daily. All rights reserved.</footer>"
                "</body></html>\n" % (title, ps))
    if kind == "excerpt":
        total, kept, out = sum(len(p) for p in paras), 0, []
        for p in paras:
            if kept >= total * 0.7:
                break
            out.append(p)
            kept += len(p)
        return "\n\n".join(out) + "\n"
    # edited
    if spaced(text):
        words = text.split(" ")
        for i in range(0, len(words), 20):
            j = min(len(words) - 1, i + rnd.randrange(20))
            words[j] = rnd.choice(FILLERS)
        return " ".join(words)
    chars = list(text)
    for i in range(0, len(chars), 20):
        j = min(len(chars) - 1, i + rnd.randrange(20))
        if not chars[j].isspace():
            chars[j] = "的"
    return "".join(chars)


def main():
    corpus, out, families_file = sys.argv[1], sys.argv[2], sys.argv[3]
    rnd = random.Random(20261202)
    os.makedirs(os.path.join(out, "docs"), exist_ok=True)
    os.makedirs(os.path.join(out, "reprints"), exist_ok=True)
    with open(os.path.join(corpus, "MANIFEST.tsv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    families = []
    chosen = 0
    for row in rows:
        name = row["file"]
        src = os.path.join(corpus, "docs", name)
        shutil.copyfile(src, os.path.join(out, "docs", name))
        family = "docs/" + KNOWN_MIRRORS.get(name, name)
        families.append(("docs/" + name, family))
        with open(src, encoding="utf-8") as f:
            text = f.read()
        if len(text.encode("utf-8")) < 2000:
            continue
        chosen += 1
        if chosen % 4 != 1:
            continue
        stem = os.path.splitext(name)[0]
        for v in range(2):
            kind = KINDS[(chosen // 4 * 2 + v) % len(KINDS)]
            ext = ".html" if kind == "html" else ".txt"
            copy = "reprints/%s-%s%s" % (stem, kind, ext)
            with open(os.path.join(out, copy), "w", encoding="utf-8") as f:
                f.write(edit(kind, row["title"], text, rnd))
            families.append((copy, family))
    with open(families_file, "w", encoding="utf-8") as f:
        for path, family in families:
            f.write("%s\t%s\n" % (path, family))


if __name__ == "__main__":
    main()
