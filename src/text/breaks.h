/* breaks.h: ICU break iterators (word, sentence or line rules) over UTF-8 text through a UText,
 * so every boundary is a byte offset. The tokenizer builds on the word rules; passages are split
 * at sentence boundaries (with ICU's abbreviation suppressions: "Mr." ends no sentence); text
 * output wraps at line break opportunities.
 * A handle is used by one thread at a time. */
#ifndef TRAWL_BREAKS_H
#define TRAWL_BREAKS_H

#include <stddef.h>

#include "common/status.h"

typedef enum trawl_break_rules {
    TRAWL_BREAK_WORDS,     /* Unicode word boundaries, with ICU's dictionaries for CJK and Thai */
    TRAWL_BREAK_SENTENCES, /* sentence boundaries */
    TRAWL_BREAK_LINES      /* line break opportunities (UAX #14): where text may wrap */
} trawl_break_rules;

typedef struct trawl_breaks trawl_breaks;

/* Called for each segment [start, end) in order with the rule status ICU gives it (for words:
 * UBRK_WORD_NONE .. UBRK_WORD_IDEO_LIMIT); a nonzero return stops. */
typedef int (*trawl_segment_fn)(void *ctx, size_t start, size_t end, int rule_status);

trawl_status trawl_breaks_new(trawl_break_rules rules, trawl_breaks **breaks_out, trawl_error *err);
void trawl_breaks_free(trawl_breaks *breaks);

/* Reports each segment of the valid UTF-8 `text`. */
trawl_status trawl_breaks_each(trawl_breaks *breaks, const char *text, size_t len,
                               trawl_segment_fn fn, void *ctx, trawl_error *err);

#endif
