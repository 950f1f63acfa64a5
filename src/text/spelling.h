/* spelling.h: British and American spellings of one English word (centre/center,
 * programme/program, organisation/organization, travelled/traveled), so that a query word
 * matches both. The pairs are SCOWL's (text/spelling_pairs.inc, tools/spelling-pairs.py);
 * they are applied to query words only, so an index never depends on them. */
#ifndef TRAWL_SPELLING_H
#define TRAWL_SPELLING_H

#include <stddef.h>

/* The other spelling of the folded word `word` (`len` bytes), or NULL when it has none.
 * Static storage. */
const char *trawl_spelling_variant(const char *word, size_t len);

#endif
