/* suggest.c: a scan of the index's words with the word's first letter, by optimal string
 * alignment distance over code points. */
#include "search/suggest.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/utf8.h>

#include "common/buf.h"

/* A word as code points; false when it has more than TRAWL_SUGGEST_MAX_CHARS. */
static bool decode(const char *s, size_t len, UChar32 *out, size_t *n)
{
    int32_t i = 0;
    *n = 0;
    while ((size_t)i < len) {
        if (*n == TRAWL_SUGGEST_MAX_CHARS)
            return false;
        U8_NEXT((const uint8_t *)s, i, (int32_t)len, out[*n]);
        (*n)++;
    }
    return true;
}

/* The optimal string alignment distance of a and b (insertions, deletions, substitutions and
 * transpositions of neighbours), or a value above `max` once it must exceed it. */
static size_t distance(const UChar32 *a, size_t na, const UChar32 *b, size_t nb, size_t max)
{
    enum { W = TRAWL_SUGGEST_MAX_CHARS + 1 };
    size_t d[3][W]; /* rows i-2, i-1, i */
    if ((na > nb ? na - nb : nb - na) > max)
        return max + 1;
    for (size_t j = 0; j <= nb; j++)
        d[1][j] = j;
    for (size_t i = 1; i <= na; i++) {
        size_t *row = d[(i + 1) % 3], *prev = d[i % 3], *prev2 = d[(i + 2) % 3];
        /* rows rotate: prev holds i-1, prev2 holds i-2 */
        row[0] = i;
        size_t best = row[0];
        for (size_t j = 1; j <= nb; j++) {
            size_t cost = a[i - 1] != b[j - 1];
            size_t v = prev[j - 1] + cost;
            if (prev[j] + 1 < v)
                v = prev[j] + 1;
            if (row[j - 1] + 1 < v)
                v = row[j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                prev2[j - 2] + 1 < v)
                v = prev2[j - 2] + 1;
            row[j] = v;
            if (v < best)
                best = v;
        }
        if (best > max)
            return max + 1;
    }
    return d[(na + 1) % 3][nb];
}

typedef struct scan {
    UChar32 word[TRAWL_SUGGEST_MAX_CHARS];
    size_t n;            /* its characters */
    size_t max;          /* the largest distance taken */
    size_t best;         /* the distance of the best so far (max + 1: none) */
    unsigned best_freq;  /* its passages */
    trawl_buf best_word; /* it */
    size_t scanned;
} scan;

static int on_term(void *ctx, const char *term, size_t len, unsigned freq)
{
    scan *s = ctx;
    UChar32 other[TRAWL_SUGGEST_MAX_CHARS];
    size_t n = 0;
    if (++s->scanned > TRAWL_SUGGEST_MAX_SCAN)
        return 1;
    if (!decode(term, len, other, &n))
        return 0;
    size_t d = distance(s->word, s->n, other, n, s->best <= s->max ? s->best : s->max);
    if (d == 0 || d > s->max || d > s->best || (d == s->best && freq <= s->best_freq))
        return 0;
    s->best = d;
    s->best_freq = freq;
    trawl_buf_reset(&s->best_word);
    trawl_buf_append(&s->best_word, term, len);
    return 0;
}

trawl_status trawl_suggest_word(trawl_xdb *db, const char *word, char **suggestion_out,
                                trawl_error *err)
{
    *suggestion_out = NULL;
    scan s = {.best_word = TRAWL_BUF_INIT};
    size_t len = strlen(word);
    if (!len || !decode(word, len, s.word, &s.n))
        return TRAWL_OK;
    s.max = s.n <= 4 ? 1 : 2;
    s.best = s.max + 1;
    /* The words of the passage text have no prefix; its first letter is theirs. */
    char first[8];
    size_t fl = (size_t)U8_LENGTH(s.word[0]);
    memcpy(first, word, fl);
    first[fl] = '\0';
    trawl_status st = trawl_xdb_each_term(db, first, on_term, &s, err);
    if (!st && s.best <= s.max) {
        if (s.best_word.failed || !(*suggestion_out = trawl_buf_detach(&s.best_word)))
            st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    }
    trawl_buf_free(&s.best_word);
    return st;
}
