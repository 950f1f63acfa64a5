/* breaks.c: one ICU break iterator, opened once (the expensive part) and re-pointed at each
 * text through a reused UText. */
#include "text/breaks.h"

#include <stdint.h>
#include <stdlib.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include "text/icu_status.h"

struct trawl_breaks {
    UBreakIterator *bi; /* word or sentence rules */
    UText *utext;       /* the current text, as UTF-8 */
};

trawl_status trawl_breaks_new(trawl_break_rules rules, trawl_breaks **breaks_out, trawl_error *err)
{
    UErrorCode uerr = U_ZERO_ERROR;
    *breaks_out = NULL;
    trawl_breaks *b = calloc(1, sizeof *b);
    if (!b)
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory creating a break iterator");
    /* Words: the root locale, as dictionary segmentation applies to every script whatever the
     * locale. Sentences: English abbreviation suppressions ("Mr.", "e.g."). */
    if (rules == TRAWL_BREAK_WORDS)
        b->bi = ubrk_open(UBRK_WORD, "", NULL, 0, &uerr);
    else if (rules == TRAWL_BREAK_LINES)
        b->bi = ubrk_open(UBRK_LINE, "", NULL, 0, &uerr);
    else
        b->bi = ubrk_open(UBRK_SENTENCE, "en@ss=standard", NULL, 0, &uerr);
    if (U_FAILURE(uerr)) {
        ubrk_close(b->bi); /* ICU may return an iterator with a failure */
        free(b);
        return trawl_error_set(err, trawl_icu_status(uerr), "ICU break iterator: %s",
                               u_errorName(uerr));
    }
    *breaks_out = b;
    return TRAWL_OK;
}

void trawl_breaks_free(trawl_breaks *b)
{
    if (!b)
        return;
    ubrk_close(b->bi);
    utext_close(b->utext);
    free(b);
}

trawl_status trawl_breaks_each(trawl_breaks *b, const char *text, size_t len, trawl_segment_fn fn,
                               void *ctx, trawl_error *err)
{
    if (len > INT32_MAX)
        return trawl_error_set(err, TRAWL_ERR_INPUT, "text too large to segment (%zu bytes)", len);
    UErrorCode uerr = U_ZERO_ERROR;
    b->utext = utext_openUTF8(b->utext, text, (int64_t)len, &uerr);
    ubrk_setUText(b->bi, b->utext, &uerr);
    if (U_FAILURE(uerr))
        return trawl_error_set(err, trawl_icu_status(uerr), "ICU break iterator: %s",
                               u_errorName(uerr));
    int32_t start = ubrk_first(b->bi);
    for (int32_t end = ubrk_next(b->bi); end != UBRK_DONE; start = end, end = ubrk_next(b->bi))
        if (fn(ctx, (size_t)start, (size_t)end, ubrk_getRuleStatus(b->bi)))
            break;
    return TRAWL_OK;
}
