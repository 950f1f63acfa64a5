/* cjk.c: which words get bigrams, the bigrams of a run of characters, and the spans of a text
 * outside its dictionary scripts. */
#include "text/cjk.h"

#include <stdlib.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include "common/buf.h"
#include "text/utf8.h"

bool trawl_is_cjk(const trawl_term *t)
{
    if (t->kind == TRAWL_TOKEN_IDEOGRAPHIC || t->kind == TRAWL_TOKEN_KANA)
        return true;
    if (t->term_len < 3)
        return false;
    int32_t i = 0;
    UChar32 c;
    U8_NEXT((const uint8_t *)t->term, i, (int32_t)t->term_len, c);
    return (c >= 0x0E00 && c <= 0x0E7F) || /* Thai */
           (c >= 0xAC00 && c <= 0xD7A3) || /* Hangul syllables */
           (c >= 0x1100 && c <= 0x11FF) || /* Hangul jamo */
           (c >= 0x3130 && c <= 0x318F);   /* Hangul compatibility jamo */
}

/* Whether ICU's word rules hand `c` to a dictionary: its $dictionary set, Complex_Context line
 * breaking and the Han, Hiragana and Katakana characters (Katakana by word-break class, which
 * also holds the prolonged sound mark and halfwidth forms). */
static bool dictionary_char(UChar32 c)
{
    if (c < 0x0E00)
        return false;
    if (u_getIntPropertyValue(c, UCHAR_LINE_BREAK) == U_LB_COMPLEX_CONTEXT ||
        u_getIntPropertyValue(c, UCHAR_WORD_BREAK) == U_WB_KATAKANA)
        return true;
    UErrorCode e = U_ZERO_ERROR;
    UScriptCode script = uscript_getScript(c, &e);
    return U_SUCCESS(e) &&
           (script == USCRIPT_HAN || script == USCRIPT_HIRAGANA || script == USCRIPT_KATAKANA);
}

static bool add_span(trawl_span **spans, size_t *n, size_t *cap, size_t start, size_t end)
{
    if (start == end)
        return true;
    if (!trawl_array_grow((void **)spans, cap, *n, sizeof **spans))
        return false;
    (*spans)[(*n)++] = (trawl_span){start, end};
    return true;
}

long trawl_plain_spans(const char *text, size_t len, trawl_span **spans_out)
{
    trawl_span *spans = NULL;
    size_t n = 0, cap = 0, plain = 0, i = 0;
    bool in_run = false, joins_before = false, ok = true;
    while (i < len && ok) {
        size_t at = i;
        UChar32 c;
        U8_NEXT((const uint8_t *)text, i, len, c);
        int32_t wb = c < 0x80 ? (c == '_' ? U_WB_EXTENDNUMLET : U_WB_OTHER)
                              : u_getIntPropertyValue(c, UCHAR_WORD_BREAK);
        bool mark = wb == U_WB_EXTEND || wb == U_WB_FORMAT || wb == U_WB_ZWJ;
        if (dictionary_char(c) || (in_run && mark)) {
            if (!in_run && joins_before)
                ok = false;
            else if (!in_run)
                ok = add_span(&spans, &n, &cap, plain, at);
            in_run = true;
        } else if (in_run) {
            ok = wb != U_WB_EXTENDNUMLET;
            in_run = false;
            plain = at;
        }
        joins_before = wb == U_WB_EXTENDNUMLET;
    }
    if (ok && !in_run)
        ok = add_span(&spans, &n, &cap, plain, len);
    if (!ok) {
        free(spans);
        return -1;
    }
    *spans_out = spans;
    return (long)n;
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
