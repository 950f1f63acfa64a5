/* analyzer.c: tokenizer + folder + stemmer, with one set of scratch buffers per analyzer. */
#include "text/analyzer.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "text/fold.h"
#include "text/stemmer.h"
#include "text/word_parts.h"

struct trawl_analyzer {
    char lang[16];          /* ISO 639 code */
    trawl_tokenizer *tok;   /* ICU words, made by the first analysis: an analyzer that only
                               stems (a query word in each language of the index) needs none */
    trawl_folder *folder;   /* index form of each word */
    trawl_stemmer *stemmer; /* NULL when the language has no stemmer */
    trawl_buf folded, stem; /* scratch, reused across words */
};

trawl_status trawl_analyzer_new(const char *lang, trawl_analyzer **an_out, trawl_error *err)
{
    trawl_status st;
    *an_out = NULL;
    if (!lang || !*lang)
        lang = "en";
    if (strlen(lang) >= sizeof((trawl_analyzer *)0)->lang)
        return trawl_error_set(err, TRAWL_ERR_ARG, "language code too long: '%s'", lang);
    trawl_analyzer *an = calloc(1, sizeof *an);
    if (!an)
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory creating an analyzer");
    strcpy(an->lang, lang);
    if ((st = trawl_folder_new(&an->folder, err)) != TRAWL_OK)
        goto fail;
    if (trawl_stemmer_available(lang) && (st = trawl_stemmer_new(lang, &an->stemmer, err)))
        goto fail;
    *an_out = an;
    return TRAWL_OK;
fail:
    trawl_analyzer_free(an);
    return st;
}

void trawl_analyzer_free(trawl_analyzer *an)
{
    if (!an)
        return;
    trawl_tokenizer_free(an->tok);
    trawl_folder_free(an->folder);
    trawl_stemmer_free(an->stemmer);
    trawl_buf_free(&an->folded);
    trawl_buf_free(&an->stem);
    free(an);
}

const char *trawl_analyzer_language(const trawl_analyzer *an)
{
    return an->lang;
}

int trawl_analyzer_stems(const trawl_analyzer *an)
{
    return an->stemmer != NULL;
}

trawl_status trawl_analyzer_fold(trawl_analyzer *an, const char *text, size_t len, trawl_buf *out,
                                 trawl_error *err)
{
    return trawl_fold(an->folder, text, len, out, err);
}

trawl_status trawl_analyzer_stem(trawl_analyzer *an, const char *term, size_t len, trawl_buf *out,
                                 trawl_error *err)
{
    if (an->stemmer)
        return trawl_stem(an->stemmer, term, len, out, err);
    trawl_buf_reset(out);
    trawl_buf_append(out, term, len);
    return out->failed ? trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory") : TRAWL_OK;
}

typedef struct analysis {
    trawl_analyzer *an;
    const char *text;  /* the text being analysed */
    trawl_term_fn fn;  /* the caller's callback */
    void *ctx;         /* and its context */
    bool stem;         /* whether to stem letter words */
    unsigned position; /* of the last indexed word */
    trawl_status st;   /* first failure, which stops the scan */
    trawl_error *err;
} analysis;

/* Indexes text[start, end), a word or a part of one, of kind `kind`. */
static int on_word(analysis *a, size_t start, size_t end, trawl_token_kind kind)
{
    trawl_analyzer *an = a->an;
    a->st = trawl_fold(an->folder, a->text + start, end - start, &an->folded, a->err);
    if (a->st)
        return 1;
    if (an->folded.len == 0 || an->folded.len > TRAWL_MAX_TERM_BYTES)
        return 0;
    trawl_term t = {
        start,           end,           ++a->position, kind, an->folded.data, an->folded.len,
        an->folded.data, an->folded.len};
    if (a->stem && an->stemmer && kind == TRAWL_TOKEN_LETTER) {
        a->st = trawl_stem(an->stemmer, an->folded.data, an->folded.len, &an->stem, a->err);
        if (a->st)
            return 1;
        if (an->stem.len > 0) {
            t.stem = an->stem.data;
            t.stem_len = an->stem.len;
        }
    }
    return a->fn(a->ctx, &t);
}

static int on_token(void *ctx, const trawl_token *tk)
{
    analysis *a = ctx;
    if (tk->kind != TRAWL_TOKEN_LETTER)
        return on_word(a, tk->start, tk->end, tk->kind);
    trawl_span parts[TRAWL_MAX_WORD_PARTS];
    size_t n = trawl_word_parts(a->text, tk->start, tk->end, parts);
    for (size_t i = 0; i < n; i++)
        if (on_word(a, parts[i].start, parts[i].end, tk->kind))
            return 1;
    return 0;
}

static trawl_status analyze(trawl_analyzer *an, const char *text, size_t len, bool stem,
                            trawl_term_fn fn, void *ctx, trawl_error *err)
{
    analysis a = {an, text, fn, ctx, stem, 0, TRAWL_OK, err};
    trawl_status st = an->tok ? TRAWL_OK : trawl_tokenizer_new(&an->tok, err);
    if (!st)
        st = trawl_tokenize(an->tok, text, len, on_token, &a, err);
    return st ? st : a.st;
}

trawl_status trawl_analyze(trawl_analyzer *an, const char *text, size_t len, trawl_term_fn fn,
                           void *ctx, trawl_error *err)
{
    return analyze(an, text, len, true, fn, ctx, err);
}

trawl_status trawl_analyze_folded(trawl_analyzer *an, const char *text, size_t len,
                                  trawl_term_fn fn, void *ctx, trawl_error *err)
{
    return analyze(an, text, len, false, fn, ctx, err);
}

static int join_word(void *ctx, const trawl_term *t)
{
    trawl_buf *b = ctx;
    if (b->len)
        trawl_buf_putc(b, ' ');
    trawl_buf_append(b, t->term, t->term_len);
    return 0;
}

trawl_status trawl_analyzer_fold_words(trawl_analyzer *an, const char *text, size_t len,
                                       trawl_buf *out, trawl_error *err)
{
    trawl_buf_reset(out);
    trawl_status st = analyze(an, text, len, false, join_word, out, err);
    if (!st && out->failed)
        st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory folding words");
    return st;
}
