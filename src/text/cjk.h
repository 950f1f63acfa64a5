/* cjk.h: the scripts whose words ICU finds with a dictionary (Chinese, Japanese, Thai), where
 * the same characters can be segmented differently in a query and in a passage, and Korean,
 * whose words carry their particles. Trawl also indexes their text as overlapping character
 * pairs (bigrams), which match whatever the segmentation. */
#ifndef TRAWL_CJK_H
#define TRAWL_CJK_H

#include <stdbool.h>
#include <stddef.h>

#include "text/analyzer.h"

/* Whether an analysed word is Chinese, Japanese, Thai or Korean. Korean is written with
 * spaces, but its particles and endings are glued to the noun (중국의, 중국이, 중국은): its
 * bigrams find the noun inside them. */
bool trawl_is_cjk(const trawl_term *t);

/* Spans of UTF-8 text, in byte offsets. */
typedef struct trawl_span {
    size_t start, end;
} trawl_span;

/* The spans of the valid UTF-8 `text` outside its runs of characters that ICU's word breaker
 * segments with a dictionary (Han, kana, Thai, Lao, Khmer, Burmese, with the marks that
 * follow them), in order, into `*spans_out` (malloc'd, caller frees): analysed apart, they
 * give the words the whole text gives outside those runs, without building ICU's dictionary
 * engines. Returns how many; -1 when the text must be analysed whole (a run beside a
 * character that joins words across it, such as '_' next to Katakana) or memory runs out.
 * A text without such runs is one span. */
long trawl_plain_spans(const char *text, size_t len, trawl_span **spans_out);

/* The byte length of the UTF-8 character at the start of `s` (1 for a stray byte). */
size_t trawl_char_len(const char *s, size_t len);

/* Calls `fn` for each overlapping pair of characters of the folded text `chars` (pos counting
 * from `first`), a pair being the bytes [start, end) of `chars`; returns the number of pairs. */
typedef int (*trawl_bigram_fn)(void *ctx, const char *pair, size_t len, unsigned pos);
size_t trawl_bigrams(const char *chars, size_t len, unsigned first, trawl_bigram_fn fn, void *ctx);

#endif
