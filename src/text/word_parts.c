/* word_parts.c: splitting joined words, dropping elisions and possessives, by code point. */
#include "text/word_parts.h"

#include <stdbool.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

/* Elided articles, prepositions and pronouns of French, Italian and Catalan, as written before
 * the apostrophe (compared without case). */
static const char *const elided[] = {
    "c",     "d",     "j",     "l",      "m",      "n",      "s",      "t",
    "v",     "qu",    "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu", "quelqu", /* French */
    "un",    "all",   "dall",  "dell",   "nell",   "sull",   "coll",   "pell",
    "quest", "quell", "bell",  "sant",   "tutt",   "nessun", "buon",   "gl", /* Italian */
};

static bool is_apostrophe(UChar32 c)
{
    return c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0xFF07;
}

static bool is_elided(const char *s, size_t len)
{
    for (size_t i = 0; i < sizeof elided / sizeof *elided; i++) {
        if (strlen(elided[i]) != len)
            continue;
        size_t k = 0;
        while (k < len && (s[k] | 0x20) == elided[i][k])
            k++;
        if (k == len)
            return true;
    }
    return false;
}

/* The code point at `at` (< end) and where the next begins. */
static UChar32 char_at(const char *text, size_t at, size_t end, size_t *next)
{
    int32_t i = (int32_t)at;
    UChar32 c;
    U8_NEXT((const uint8_t *)text, i, (int32_t)end, c);
    *next = (size_t)i;
    return c;
}

/* Drops an elided article at the start of the span and a possessive at its end; false when
 * nothing is left. */
static bool trim(const char *text, trawl_span *p)
{
    size_t at = p->start, next;
    while (at < p->end) {
        UChar32 c = char_at(text, at, p->end, &next);
        if (is_apostrophe(c)) {
            if (next < p->end && is_elided(text + p->start, at - p->start) &&
                u_isalpha(char_at(text, next, p->end, &(size_t){0})))
                p->start = next;
            break;
        }
        if (c >= 0x80 || !((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
            break;
        at = next;
    }
    /* "'s" at the end: an apostrophe of 1 to 3 bytes, then s or S. */
    if (p->end - p->start >= 3 && (text[p->end - 1] | 0x20) == 's') {
        for (size_t n = 1; n <= 3 && p->start + n + 1 < p->end; n++) {
            size_t a = p->end - 1 - n;
            if (is_apostrophe(char_at(text, a, p->end - 1, &next)) && next == p->end - 1) {
                p->end = a;
                break;
            }
        }
    }
    return p->end > p->start;
}

size_t trawl_word_parts(const char *text, size_t start, size_t end,
                        trawl_span parts[TRAWL_MAX_WORD_PARTS])
{
    size_t n = 0, piece = start, at = start, next;
    UChar32 prev = 0;
    while (at < end && n + 1 < TRAWL_MAX_WORD_PARTS) {
        UChar32 c = char_at(text, at, end, &next);
        bool split = false;
        if ((c == '.' || c == ':') && next < end && at > piece) {
            size_t after;
            UChar32 following = char_at(text, next, end, &after);
            split = c == ':' ? u_isalpha(prev) && u_isalpha(following)
                             : u_islower(prev) && u_isupper(following);
        }
        if (split) {
            trawl_span p = {piece, at};
            if (trim(text, &p))
                parts[n++] = p;
            piece = next;
        }
        prev = c;
        at = next;
    }
    trawl_span p = {piece, end};
    if (trim(text, &p))
        parts[n++] = p;
    return n;
}
