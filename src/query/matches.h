/* matches.h: what the positive parts of a compiled query match, as the compiler describes
 * them for highlighting: folded words (the words indexed with a word's stem, or an exact
 * word), folded word prefixes, phrases of exact folded words, and runs of folded Chinese,
 * Japanese or Thai characters. The search builds its highlighter from it (search/highlight.h).
 * A handle is used by one thread at a time. */
#ifndef TRAWL_MATCHES_H
#define TRAWL_MATCHES_H

#include <stddef.h>

#include "common/status.h"

typedef enum trawl_match_kind {
    TRAWL_MATCH_WORD,   /* one exact folded word */
    TRAWL_MATCH_PREFIX, /* one folded word prefix */
    TRAWL_MATCH_PHRASE, /* folded words in a row; each may list alternatives (TRAWL_MATCH_ALT)
                           and an alternative ending in '*' is a prefix */
    TRAWL_MATCH_CHARS   /* one run of folded CJK characters, whatever the words */
} trawl_match_kind;

/* Separates the alternatives of one phrase word ("centre\x1fcenter"). */
#define TRAWL_MATCH_ALT '\x1f'

typedef struct trawl_matches trawl_matches;

/* `*m_out` belongs to the caller (trawl_matches_free). */
trawl_status trawl_matches_new(trawl_matches **m_out, trawl_error *err);
void trawl_matches_free(trawl_matches *m);

/* Records a match of `n` words (1 unless a phrase; a phrase has at least 1), copying them.
 * TRAWL_ERR_NOMEM leaves `m` as it was; TRAWL_ERR_ARG for a bad `n`. */
trawl_status trawl_matches_add(trawl_matches *m, trawl_match_kind kind, const char *const *words,
                               const size_t *lens, size_t n, trawl_error *err);
/* One word: trawl_matches_add with n = 1. */
trawl_status trawl_matches_add_one(trawl_matches *m, trawl_match_kind kind, const char *word,
                                   size_t len, trawl_error *err);

/* Calls `fn` with each match in the order recorded (word `i` is `lens[i]` bytes, not
 * NUL-terminated, valid during the call) until it returns nonzero; returns that value, 0 when all
 * were seen, or -1 when out of memory. */
typedef int (*trawl_match_fn)(void *ctx, trawl_match_kind kind, const char *const *words,
                              const size_t *lens, size_t n);
int trawl_matches_each(const trawl_matches *m, trawl_match_fn fn, void *ctx);

/* Matches recorded. */
size_t trawl_matches_count(const trawl_matches *m);

#endif
