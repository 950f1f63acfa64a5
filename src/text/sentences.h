/* sentences.h: sentence boundaries of UTF-8 text by ICU's sentence break iterator, with ICU's
 * abbreviation suppressions ("Mr.", "e.g." do not end a sentence), as byte offsets. */
#ifndef TRAWL_SENTENCES_H
#define TRAWL_SENTENCES_H

#include <stddef.h>

#include "common/status.h"

typedef struct trawl_sentencer trawl_sentencer;

/* Called for each sentence [start, end) in order, trailing spaces included; nonzero stops. */
typedef int (*trawl_sentence_fn)(void *ctx, size_t start, size_t end);

trawl_status trawl_sentencer_new(trawl_sentencer **out, trawl_error *err);
void trawl_sentencer_free(trawl_sentencer *s);
trawl_status trawl_sentences(trawl_sentencer *s, const char *text, size_t len, trawl_sentence_fn fn,
                             void *ctx, trawl_error *err);

#endif
