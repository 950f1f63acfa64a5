/* tokenizer.c: word segments of the ICU word rules, kept by their rule status. */
#include "text/tokenizer.h"

#include <stdlib.h>
#include <unicode/ubrk.h>

#include "text/breaks.h"

struct trawl_tokenizer {
    trawl_breaks *words; /* ICU word rules */
};

trawl_status trawl_tokenizer_new(trawl_tokenizer **tok_out, trawl_error *err)
{
    *tok_out = NULL;
    trawl_tokenizer *t = calloc(1, sizeof *t);
    if (!t)
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory creating a tokenizer");
    trawl_status st = trawl_breaks_new(TRAWL_BREAK_WORDS, &t->words, err);
    if (st) {
        free(t);
        return st;
    }
    *tok_out = t;
    return TRAWL_OK;
}

void trawl_tokenizer_free(trawl_tokenizer *tok)
{
    if (!tok)
        return;
    trawl_breaks_free(tok->words);
    free(tok);
}

typedef struct scan {
    trawl_token_fn fn; /* the caller's callback */
    void *ctx;         /* and its context */
} scan;

static int on_segment(void *ctx, size_t start, size_t end, int rule)
{
    scan *s = ctx;
    if (rule < UBRK_WORD_NONE_LIMIT)
        return 0; /* spaces and punctuation */
    trawl_token t = {start, end, TRAWL_TOKEN_LETTER};
    if (rule < UBRK_WORD_NUMBER_LIMIT)
        t.kind = TRAWL_TOKEN_NUMBER;
    else if (rule < UBRK_WORD_LETTER_LIMIT)
        t.kind = TRAWL_TOKEN_LETTER;
    else if (rule < UBRK_WORD_KANA_LIMIT)
        t.kind = TRAWL_TOKEN_KANA;
    else
        t.kind = TRAWL_TOKEN_IDEOGRAPHIC;
    return s->fn(s->ctx, &t);
}

trawl_status trawl_tokenize(trawl_tokenizer *tok, const char *text, size_t len, trawl_token_fn fn,
                            void *ctx, trawl_error *err)
{
    scan s = {fn, ctx};
    return trawl_breaks_each(tok->words, text, len, on_segment, &s, err);
}
