/* analyzer.h: the one analysis chain shared by ingest, query parsing and highlighting:
 * ICU words -> their parts (word_parts.h: joined words split, elisions and possessives
 * dropped) -> folded terms (fold.h) -> Snowball stems for letter words. Whatever indexes a
 * text and whatever searches it go through here, so they always agree.
 * An analyzer is used by one thread at a time (ICU's iterators keep state); threads each make
 * their own. */
#ifndef TRAWL_ANALYZER_H
#define TRAWL_ANALYZER_H

#include <stddef.h>

#include "common/buf.h"
#include "common/status.h"
#include "text/tokenizer.h"

/* Words whose folded form is longer than this are not indexed (nor searched for). */
#define TRAWL_MAX_TERM_BYTES 64

typedef struct trawl_term {
    size_t start;          /* byte offset of the word in the analysed text */
    size_t end;            /* byte offset just past it */
    unsigned position;     /* 1-based position among the text's indexed words */
    trawl_token_kind kind; /* the tokenizer's word kind */
    const char *term;      /* folded form; valid only during the callback */
    size_t term_len;       /* its length in bytes */
    const char *stem;      /* Snowball stem of `term` (== term when not stemmed); as above */
    size_t stem_len;       /* its length in bytes */
} trawl_term;

/* Called for each indexed word in order; a nonzero return stops the analysis. */
typedef int (*trawl_term_fn)(void *ctx, const trawl_term *term);

typedef struct trawl_analyzer trawl_analyzer;

/* An analyzer for `lang` (ISO 639-1; NULL or "" means English). Languages without a Snowball
 * stemmer (Chinese, Japanese, Thai, ...) are analysed without stemming. */
trawl_status trawl_analyzer_new(const char *lang, trawl_analyzer **an_out, trawl_error *err);
void trawl_analyzer_free(trawl_analyzer *an);
/* The language code in use ("en"...). Owned by the analyzer. */
const char *trawl_analyzer_language(const trawl_analyzer *an);
/* True when this analyzer stems letter words. */
int trawl_analyzer_stems(const trawl_analyzer *an);

/* The folded form of `text` (one word or a part of one) into `out` (reset first). */
trawl_status trawl_analyzer_fold(trawl_analyzer *an, const char *text, size_t len, trawl_buf *out,
                                 trawl_error *err);

/* The stem of a folded letter word in this analyzer's language into `out` (reset first): the
 * word itself when the language has no stemmer. */
trawl_status trawl_analyzer_stem(trawl_analyzer *an, const char *term, size_t len, trawl_buf *out,
                                 trawl_error *err);

/* Analyses the valid UTF-8 `text`, calling `fn` for each indexed word. */
trawl_status trawl_analyze(trawl_analyzer *an, const char *text, size_t len, trawl_term_fn fn,
                           void *ctx, trawl_error *err);
/* The same without stemming: each word's `stem` is its folded form (for callers that compare
 * folded words only). */
trawl_status trawl_analyze_folded(trawl_analyzer *an, const char *text, size_t len,
                                  trawl_term_fn fn, void *ctx, trawl_error *err);
/* The folded words of the valid UTF-8 `text`, joined by single spaces, into `out` (reset
 * first): how names and glossary terms are compared, whatever their spacing and case. */
trawl_status trawl_analyzer_fold_words(trawl_analyzer *an, const char *text, size_t len,
                                       trawl_buf *out, trawl_error *err);

#endif
