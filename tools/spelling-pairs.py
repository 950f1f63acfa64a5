#!/usr/bin/env python3
"""spelling-pairs.py: writes src/text/spelling_pairs.inc, the British/American spelling pairs
that queries match alike (text/spelling.h), from Debian's SCOWL word lists (package scowl).

SCOWL lists the words spelt only the British way (british-words.N) and only the American way
(american-words.N), by commonness N. A British word is paired with the American word that one
or two of the regular rewrites below make of it (centre -> center, organisation ->
organization, travelled -> traveled, colourise -> colorize), else with a word common to both
lists (programme -> program, licence -> license). Levels up to 70 (common and less common
words, no rare ones). Run: tools/spelling-pairs.py > src/text/spelling_pairs.inc
"""
import sys

SCOWL = "/usr/share/dict/scowl"
LEVELS = (10, 20, 35, 40, 50, 55, 60, 70)
# British -> American spellings of one part of a word.
REWRITES = [("our", "or"), ("is", "iz"), ("ys", "yz"), ("tre", "ter"), ("tred", "tered"),
            ("ogue", "og"), ("mme", "m"), ("ence", "ense"), ("ll", "l"), ("ae", "e"),
            ("oe", "e"), ("que", "k"), ("eable", "able"), ("ement", "ment"), ("ce", "se"),
            ("xion", "ction"), ("gg", "g"), ("tt", "t")]
# Pairs the rewrites make that are two words, not two spellings of one.
NOT_PAIRS = {"barque", "barques", "haem", "matt", "matts", "prise", "prises", "lodiculae"}


def words(kind):
    out = set()
    for level in LEVELS:
        with open(f"{SCOWL}/{kind}-words.{level}", encoding="latin-1") as f:
            out.update(w for w in f.read().split() if "'" not in w and w.islower())
    return out


def rewrites(word, depth):
    out = set()
    for old, new in REWRITES:
        at = word.find(old)
        while at >= 0:
            out.add(word[:at] + new + word[at + len(old):])
            at = word.find(old, at + 1)
    if depth > 1:
        for w in list(out):
            out |= rewrites(w, depth - 1)
    return out


def main():
    british, american, common = words("british"), words("american"), words("english")
    pairs = []
    for gb in sorted(british - NOT_PAIRS):
        made = rewrites(gb, 2)
        us = sorted(made & american, key=lambda w: (len(w), w)) or \
            sorted(made & common, key=lambda w: (len(w), w))
        if us:
            pairs.append((gb, us[0]))
    out = sys.stdout
    out.write("/* spelling_pairs.inc: British and American spellings of one word, made by\n"
              " * tools/spelling-pairs.py from SCOWL (Debian package scowl): do not edit.\n"
              " * SCOWL is Copyright 2000-2011 by Kevin Atkinson; permission to use, copy,\n"
              " * modify, distribute and sell these word lists, the associated scripts, the\n"
              " * output created from the scripts, and its documentation for any purpose is\n"
              " * granted without fee, provided that the copyright notice appears in all copies\n"
              " * and that both that copyright notice and this permission notice appear in\n"
              " * supporting documentation. */\n")
    out.write(f"/* {len(pairs)} pairs, by British spelling. */\n")
    out.write("static const trawl_spelling_pair by_british[] = {\n")
    for gb, us in pairs:
        out.write(f'    {{"{gb}", "{us}"}},\n')
    out.write("};\n/* The same pairs, by American spelling. */\n")
    out.write("static const trawl_spelling_pair by_american[] = {\n")
    for gb, us in sorted(pairs, key=lambda p: (p[1], p[0])):
        out.write(f'    {{"{us}", "{gb}"}},\n')
    out.write("};\n")


main()
