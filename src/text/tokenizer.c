/* tokenizer.c: ICU word break iterator over a UTF-8 UText, so boundaries are byte offsets. */
#include "text/tokenizer.h"

#include <stdint.h>
#include <stdlib.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

struct trawl_tokenizer {
    UBreakIterator *words; /* opened once: opening is the expensive part */
    UText *utext;          /* re-pointed at each text */
};

trawl_status trawl_tokenizer_new(trawl_tokenizer **tok_out, trawl_error *err)
{
    UErrorCode uerr = U_ZERO_ERROR;
    *tok_out = NULL;
    trawl_tokenizer *t = calloc(1, sizeof *t);
    if (!t)
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory creating a tokenizer");
    /* The root locale: dictionary segmentation applies to every script whatever the locale. */
    t->words = ubrk_open(UBRK_WORD, "", NULL, 0, &uerr);
    if (U_FAILURE(uerr)) {
        free(t);
        return trawl_error_set(err, TRAWL_ERR_UNICODE, "ICU word break iterator: %s",
                               u_errorName(uerr));
    }
    *tok_out = t;
    return TRAWL_OK;
}

void trawl_tokenizer_free(trawl_tokenizer *tok)
{
    if (!tok)
        return;
    ubrk_close(tok->words);
    utext_close(tok->utext);
    free(tok);
}

trawl_status trawl_tokenize(trawl_tokenizer *tok, const char *text, size_t len, trawl_token_fn fn,
                            void *ctx, trawl_error *err)
{
    if (len > INT32_MAX)
        return trawl_error_set(err, TRAWL_ERR_INPUT, "text too large to tokenize (%zu bytes)", len);
    UErrorCode uerr = U_ZERO_ERROR;
    tok->utext = utext_openUTF8(tok->utext, text, (int64_t)len, &uerr);
    ubrk_setUText(tok->words, tok->utext, &uerr);
    if (U_FAILURE(uerr))
        return trawl_error_set(err, TRAWL_ERR_UNICODE, "ICU word break: %s", u_errorName(uerr));
    int32_t start = ubrk_first(tok->words);
    for (int32_t end = ubrk_next(tok->words); end != UBRK_DONE;
         start = end, end = ubrk_next(tok->words)) {
        int32_t rule = ubrk_getRuleStatus(tok->words);
        if (rule < UBRK_WORD_NONE_LIMIT)
            continue;
        trawl_token t = {(size_t)start, (size_t)end, TRAWL_TOKEN_LETTER};
        if (rule < UBRK_WORD_NUMBER_LIMIT)
            t.kind = TRAWL_TOKEN_NUMBER;
        else if (rule < UBRK_WORD_LETTER_LIMIT)
            t.kind = TRAWL_TOKEN_LETTER;
        else if (rule < UBRK_WORD_KANA_LIMIT)
            t.kind = TRAWL_TOKEN_KANA;
        else
            t.kind = TRAWL_TOKEN_IDEOGRAPHIC;
        if (fn(ctx, &t))
            break;
    }
    return TRAWL_OK;
}
