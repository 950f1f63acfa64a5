/* highlight.h: which words of a passage to mark for a query. The query compiler records what
 * each positive part of the query matches (the folded words a word matches through its stems,
 * an exact word, a word prefix, a phrase); highlighting re-analyses the stored passage with
 * the same analyzer, without stemming, and marks the words, and whole phrases, that match.
 * When nothing to mark is Chinese, Japanese or Thai, the passage's runs of those scripts are
 * not analysed (ICU would build its dictionary engines for them: millions of instructions
 * in a process's first use). Ranges are byte offsets into the passage text.
 * A highlighter is used by one thread at a time (it caches what it learns). */
#ifndef TRAWL_HIGHLIGHT_H
#define TRAWL_HIGHLIGHT_H

#include <stddef.h>

#include "common/status.h"
#include "query/matches.h"
#include "text/analyzer.h"

typedef struct trawl_highlighter trawl_highlighter;

typedef struct trawl_range {
    size_t start; /* byte offset of the first marked byte */
    size_t end;   /* byte offset just past the last one */
} trawl_range;

trawl_status trawl_highlighter_new(trawl_highlighter **hl_out, trawl_error *err);
void trawl_highlighter_free(trawl_highlighter *hl);

/* What to mark (strings are copied): a word by its exact folded form, a folded prefix, or a
 * phrase of `n` exact folded words. */
trawl_status trawl_highlighter_add_word(trawl_highlighter *hl, const char *term, size_t len);
trawl_status trawl_highlighter_add_prefix(trawl_highlighter *hl, const char *prefix, size_t len);
trawl_status trawl_highlighter_add_phrase(trawl_highlighter *hl, const char *const *terms,
                                          const size_t *lens, size_t n);
/* A run of folded Chinese, Japanese or Thai characters, marked wherever the passage has them
 * in a row, whatever its words. */
trawl_status trawl_highlighter_add_chars(trawl_highlighter *hl, const char *chars, size_t len);

/* Adds everything `m` describes: its words, prefixes, phrases and character runs. */
trawl_status trawl_highlighter_add_matches(trawl_highlighter *hl, const trawl_matches *m,
                                           trawl_error *err);

/* Marks `text` as analysed by `an`: `*ranges_out` (malloc'd, caller frees) gets the sorted,
 * merged ranges, adjacent words of one phrase joined into one range. */
trawl_status trawl_highlight(trawl_highlighter *hl, trawl_analyzer *an, const char *text,
                             size_t len, trawl_range **ranges_out, size_t *count_out,
                             trawl_error *err);

#endif
