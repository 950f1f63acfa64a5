/* cjk.c: which words get bigrams, and the bigrams of a run of characters. */
#include "text/cjk.h"

#include "text/utf8.h"

bool trawl_is_cjk(const trawl_term *t)
{
    if (t->kind == TRAWL_TOKEN_IDEOGRAPHIC || t->kind == TRAWL_TOKEN_KANA)
        return true;
    /* Thai: U+0E00..U+0E7F, E0 B8 80 .. E0 B9 BF in UTF-8. */
    const unsigned char *s = (const unsigned char *)t->term;
    return t->term_len >= 3 && s[0] == 0xE0 && (s[1] == 0xB8 || s[1] == 0xB9);
}

size_t trawl_char_len(const char *s, size_t len)
{
    size_t n = trawl_utf8_seqlen((unsigned char)s[0]);
    return n <= len ? n : len;
}

size_t trawl_bigrams(const char *chars, size_t len, unsigned first, trawl_bigram_fn fn, void *ctx)
{
    size_t pairs = 0, a = 0;
    if (len == 0)
        return 0;
    size_t b = trawl_char_len(chars, len);
    while (b < len) {
        size_t c = b + trawl_char_len(chars + b, len - b);
        if (fn(ctx, chars + a, c - a, first + (unsigned)pairs))
            break;
        pairs++;
        a = b;
        b = c;
    }
    return pairs;
}
