/* passages.h: a document's passages, the unit of retrieval. A paragraph or list item is a
 * passage; consecutive short ones of one section, page and script are joined (by a newline) until
 * the passage reaches half the bound, within the bound; one longer than the bound is split at
 * sentence boundaries (ICU) into the fewest passages the bound allows, of about equal length;
 * a sentence longer than the bound is first cut into the fewest equal parts that fit, at the
 * spaces nearest their targets (at characters where there are none), so that no passage is a
 * stray word cut from a long sentence. */
#ifndef TRAWL_PASSAGES_H
#define TRAWL_PASSAGES_H

#include <stddef.h>

#include "common/status.h"
#include "readers/document.h"
#include "text/breaks.h"

/* The default bound in bytes; index/README.md says how it was chosen. */
#define TRAWL_DEFAULT_MAX_PASSAGE 600
/* Bounds outside this range are refused. */
#define TRAWL_MIN_MAX_PASSAGE 100
#define TRAWL_MAX_MAX_PASSAGE 100000
/* Short blocks are joined until the passage reaches bound / TRAWL_MERGE_DIVISOR bytes. */
#define TRAWL_MERGE_DIVISOR 2

typedef struct trawl_passage {
    unsigned ordinal; /* 1-based, in document order */
    size_t block;     /* index of the (first) block it comes from */
    const char *text; /* valid during the callback only; not NUL-terminated */
    size_t len;       /* bytes of text */
    size_t offset;    /* byte offset of text in the source file */
    size_t section;   /* the block's section index, or TRAWL_NO_SECTION */
} trawl_passage;

/* Called for each passage in order; a nonzero return stops. */
typedef int (*trawl_passage_fn)(void *ctx, const trawl_passage *passage);

/* Splits `doc` into passages of at most `max_bytes` bytes. */
/* `sentences` is a break iterator with TRAWL_BREAK_SENTENCES rules. */
trawl_status trawl_split_passages(const trawl_document *doc, trawl_breaks *sentences,
                                  size_t max_bytes, trawl_passage_fn fn, void *ctx,
                                  trawl_error *err);

#endif
