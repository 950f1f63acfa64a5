/* collapse.h: reprints among results, folded into one. Two passages of different documents are
 * the same text when the word trigrams of the two overlap enough (Jaccard similarity): half of
 * them when their documents are reprints of each other (one group, index/reprints.h), four in
 * five otherwise (the same wire paragraph inside two different articles). Words are runs of
 * letters and digits, case-folded for ASCII; each CJK, Thai or Korean character is a word of
 * its own, so that segmentation does not matter. */
#ifndef TRAWL_COLLAPSE_H
#define TRAWL_COLLAPSE_H

#include <stddef.h>

#include "common/status.h"

#define TRAWL_COLLAPSE_IN_GROUP 0.5
#define TRAWL_COLLAPSE_ANYWHERE 0.8

typedef struct trawl_collapse_item {
    const char *path;  /* its document */
    const char *group; /* its document's group of reprints, or NULL */
    const char *text;  /* the passage */
    size_t len;
} trawl_collapse_item;

/* For each of `n` items in rank order, `into[i]` gets the index of the earlier item it is a copy
 * of (one kept, never itself a copy), or i when it is kept. */
trawl_status trawl_collapse(const trawl_collapse_item *items, size_t n, size_t *into,
                            trawl_error *err);

#endif
