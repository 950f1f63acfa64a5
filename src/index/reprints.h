/* reprints.h: near-duplicate documents (a wire story republished, a page mirrored), found by
 * MinHash over word shingles of the analysed text: the folded words (text/analyzer.h) of a
 * document's passages in order, five at a time, so that it works in every script (Chinese and
 * Japanese words as ICU's dictionaries segment them) and ignores case, accents, punctuation and
 * markup; words that are numbers alone are left out. Each document's signature (TRAWL_MINHASH_SIZE
 * minimums of hashed shingles) estimates the Jaccard similarity of two documents' shingle sets as
 * the share of equal minimums. Grouping finds candidate pairs by locality-sensitive hashing
 * (TRAWL_MINHASH_BANDS bands of rows), keeps the pairs whose estimate reaches the threshold,
 * and lets a document join a group when it reaches it with the group's founding document (its
 * key: the earlier in path order of its first pair) too; groups never merge. Every member is
 * so within the threshold of its group's key, and similarity does not chain from copy to copy
 * into documents that share little.
 *
 * Ownership: a trawl_reprints holds copies of what it is given; the strings it returns are its
 * own until it is freed. */
#ifndef TRAWL_REPRINTS_H
#define TRAWL_REPRINTS_H

#include <stddef.h>
#include <stdint.h>

#include "common/status.h"

#define TRAWL_MINHASH_SIZE 128 /* minimums per signature */
#define TRAWL_MINHASH_BANDS 64 /* LSH bands of TRAWL_MINHASH_SIZE / TRAWL_MINHASH_BANDS rows */
#define TRAWL_SHINGLE_WORDS 4  /* words per shingle */
/* The estimated Jaccard similarity from which two documents are reprints of each other
 * (index/README.md, "Reprints", says how it was chosen). */
#define TRAWL_REPRINT_THRESHOLD 0.3

/* A signature being made, one word at a time. */
typedef struct trawl_minhash {
    uint32_t mins[TRAWL_MINHASH_SIZE];
    uint64_t window[TRAWL_SHINGLE_WORDS]; /* the last words' hashes */
    size_t words;                         /* words seen */
} trawl_minhash;

void trawl_minhash_init(trawl_minhash *m);
/* Adds the next folded word of the document. */
void trawl_minhash_add(trawl_minhash *m, const char *word, size_t len);
/* Ends the document: one shorter than a shingle is one shingle of all its words. */
void trawl_minhash_finish(trawl_minhash *m);
/* The estimated Jaccard similarity of two signatures, 0 to 1. */
double trawl_minhash_similarity(const uint32_t *a, const uint32_t *b);

/* The bytes of a signature as the index stores it (little-endian words) and back. */
#define TRAWL_SIGNATURE_BYTES (TRAWL_MINHASH_SIZE * 4)
void trawl_signature_encode(const uint32_t *sig, unsigned char out[TRAWL_SIGNATURE_BYTES]);
void trawl_signature_decode(const unsigned char *bytes, uint32_t *sig);

typedef struct trawl_reprints trawl_reprints;

/* An empty set; NULL when memory runs out. */
trawl_reprints *trawl_reprints_new(void);
void trawl_reprints_free(trawl_reprints *r);
/* Adds document `path` with its signature. */
trawl_status trawl_reprints_add(trawl_reprints *r, const char *path, const uint32_t *sig,
                                trawl_error *err);
/* Groups the documents added whose similarity reaches `threshold`. */
trawl_status trawl_reprints_group(trawl_reprints *r, double threshold, trawl_error *err);
/* After grouping: the documents, in path order; each one's group key (its group's founding
 * document; NULL for a document alone) and its similarity to that document (1 for it). */
size_t trawl_reprints_count(const trawl_reprints *r);
const char *trawl_reprints_path(const trawl_reprints *r, size_t i);
const char *trawl_reprints_group_of(const trawl_reprints *r, size_t i);
double trawl_reprints_similarity(const trawl_reprints *r, size_t i);

#endif
