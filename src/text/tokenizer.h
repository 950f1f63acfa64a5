/* tokenizer.h: words of UTF-8 text by ICU's word break iterator (Unicode UAX #29, with ICU's
 * dictionaries for Chinese, Japanese, Thai, Lao, Khmer and Burmese), reported with their byte
 * offsets. Spaces and punctuation are skipped; letters, numbers, kana and ideographs are kept.
 * A tokenizer is used by one thread at a time. */
#ifndef TRAWL_TOKENIZER_H
#define TRAWL_TOKENIZER_H

#include <stddef.h>

#include "common/status.h"

typedef enum trawl_token_kind {
    TRAWL_TOKEN_NUMBER,     /* digits, possibly with separators: 2018, 3.5 */
    TRAWL_TOKEN_LETTER,     /* alphabetic words, including Thai and Korean */
    TRAWL_TOKEN_KANA,       /* Japanese kana words */
    TRAWL_TOKEN_IDEOGRAPHIC /* Han words, as segmented by ICU's dictionary */
} trawl_token_kind;

typedef struct trawl_token {
    size_t start;          /* byte offset of the word in the text */
    size_t end;            /* byte offset just past it */
    trawl_token_kind kind; /* what ICU's rules say the word is */
} trawl_token;

/* Called for each word in order; a nonzero return stops the scan. */
typedef int (*trawl_token_fn)(void *ctx, const trawl_token *token);

typedef struct trawl_tokenizer trawl_tokenizer;

trawl_status trawl_tokenizer_new(trawl_tokenizer **tok_out, trawl_error *err);
void trawl_tokenizer_free(trawl_tokenizer *tok);

/* Reports each word of the valid UTF-8 `text`. */
trawl_status trawl_tokenize(trawl_tokenizer *tok, const char *text, size_t len, trawl_token_fn fn,
                            void *ctx, trawl_error *err);

#endif
