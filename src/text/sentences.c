/* sentences.c: ICU sentence break iterator over a UTF-8 UText. */
#include "text/sentences.h"

#include <stdint.h>
#include <stdlib.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

struct trawl_sentencer {
    UBreakIterator *bi; /* sentence rules with the standard suppressions */
    UText *utext;       /* re-pointed at each text */
};

trawl_status trawl_sentencer_new(trawl_sentencer **out, trawl_error *err)
{
    UErrorCode uerr = U_ZERO_ERROR;
    *out = NULL;
    trawl_sentencer *s = calloc(1, sizeof *s);
    if (!s)
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory creating a sentencer");
    s->bi = ubrk_open(UBRK_SENTENCE, "en@ss=standard", NULL, 0, &uerr);
    if (U_FAILURE(uerr)) {
        free(s);
        return trawl_error_set(err, TRAWL_ERR_UNICODE, "ICU sentence break iterator: %s",
                               u_errorName(uerr));
    }
    *out = s;
    return TRAWL_OK;
}

void trawl_sentencer_free(trawl_sentencer *s)
{
    if (!s)
        return;
    ubrk_close(s->bi);
    utext_close(s->utext);
    free(s);
}

trawl_status trawl_sentences(trawl_sentencer *s, const char *text, size_t len, trawl_sentence_fn fn,
                             void *ctx, trawl_error *err)
{
    if (len > INT32_MAX)
        return trawl_error_set(err, TRAWL_ERR_INPUT, "text too large to split (%zu bytes)", len);
    UErrorCode uerr = U_ZERO_ERROR;
    s->utext = utext_openUTF8(s->utext, text, (int64_t)len, &uerr);
    ubrk_setUText(s->bi, s->utext, &uerr);
    if (U_FAILURE(uerr))
        return trawl_error_set(err, TRAWL_ERR_UNICODE, "ICU sentence break: %s", u_errorName(uerr));
    int32_t start = ubrk_first(s->bi);
    for (int32_t end = ubrk_next(s->bi); end != UBRK_DONE; start = end, end = ubrk_next(s->bi))
        if (fn(ctx, (size_t)start, (size_t)end))
            break;
    return TRAWL_OK;
}
