/* suggest.h: the indexed word closest to a word no passage holds ("xinjaing" -> "xinjiang"), for
 * a query that finds nothing: the words of the passage text that begin with the same letter,
 * within an edit distance of 1 (words of up to 4 letters) or 2 (longer ones; a transposition
 * counts 1), the nearest first, then the most frequent. Read from the index's own terms, so
 * that it costs ingest nothing, stays right as documents come and go, and works on remote
 * shards (Xapian's spelling table would need maintaining on every change). */
#ifndef TRAWL_SUGGEST_H
#define TRAWL_SUGGEST_H

#include "common/status.h"
#include "xapian-c/xapian_c.h"

/* Words longer than this, in characters, get no suggestion. */
#define TRAWL_SUGGEST_MAX_CHARS 40
/* At most this many indexed words are compared per suggestion. */
#define TRAWL_SUGGEST_MAX_SCAN 500000

/* The indexed word closest to the folded word `word` into `*suggestion_out` (malloc'd, the
 * caller frees it), or NULL when none is close enough. */
trawl_status trawl_suggest_word(trawl_xdb *db, const char *word, char **suggestion_out,
                                trawl_error *err);

#endif
