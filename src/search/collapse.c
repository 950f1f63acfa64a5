/* collapse.c: word-trigram sets compared through an index of the kept passages' trigrams. */
#include "search/collapse.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/hash.h"
#include "common/strmap.h"

/* A passage's distinct trigram hashes, sorted. */
typedef struct trigrams {
    uint64_t *h;
    size_t n;
} trigrams;

/* Whether the UTF-8 character starting with lead byte `c` (and the bytes after) is one a word
 * of its own: CJK, kana, Hangul, Thai. */
static bool own_word(const unsigned char *p, size_t left)
{
    if (p[0] == 0xE0 && left >= 3)
        return p[1] == 0xB8 || p[1] == 0xB9;             /* Thai U+0E00-0E7F */
    return p[0] >= 0xE3 && p[0] <= 0xED && p[0] != 0xE0; /* U+3000-U+DFFF: kana, CJK, Hangul */
}

static size_t char_len(unsigned char c)
{
    return c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

static int by_hash(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

static bool trigrams_of(const char *text, size_t len, trigrams *t)
{
    uint64_t words[3] = {0, 0, 0};
    size_t nwords = 0, cap = 0;
    t->h = NULL;
    t->n = 0;
    const unsigned char *p = (const unsigned char *)text, *end = p + len;
    while (p < end) {
        size_t cl = char_len(*p);
        if (cl > (size_t)(end - p))
            cl = (size_t)(end - p);
        uint64_t w = TRAWL_FNV64_INIT;
        if (cl > 1 && own_word(p, (size_t)(end - p))) {
            w = trawl_fnv64(w, p, cl);
            p += cl;
        } else if (cl > 1 || (*p >= '0' && *p <= '9') ||
                   ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z')) {
            while (p < end) {
                cl = char_len(*p);
                if (cl > (size_t)(end - p))
                    cl = (size_t)(end - p);
                bool letter =
                    cl > 1 ? !own_word(p, (size_t)(end - p))
                           : (*p >= '0' && *p <= '9') || ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z');
                if (!letter)
                    break;
                for (size_t k = 0; k < cl; k++) {
                    unsigned char c = p[k];
                    if (cl == 1 && c >= 'A' && c <= 'Z')
                        c = (unsigned char)(c + 32);
                    w = trawl_fnv64(w, &c, 1);
                }
                p += cl;
            }
        } else {
            p++;
            continue;
        }
        words[nwords % 3] = w;
        nwords++;
        if (nwords < 3)
            continue;
        if (t->n == cap && !trawl_array_grow((void **)&t->h, &cap, t->n, sizeof *t->h))
            return false;
        uint64_t h = TRAWL_FNV64_INIT;
        for (size_t k = 0; k < 3; k++)
            h = trawl_fnv64(h, &words[(nwords + k) % 3], sizeof(uint64_t));
        t->h[t->n++] = h;
    }
    if (nwords > 0 && nwords < 3) { /* a passage of one or two words: itself */
        if (!trawl_array_grow((void **)&t->h, &cap, 0, sizeof *t->h))
            return false;
        t->h[t->n++] = trawl_fnv64(TRAWL_FNV64_INIT, words, nwords * sizeof(uint64_t));
    }
    if (t->n > 1) {
        qsort(t->h, t->n, sizeof *t->h, by_hash);
        size_t kept = 1;
        for (size_t i = 1; i < t->n; i++)
            if (t->h[i] != t->h[kept - 1])
                t->h[kept++] = t->h[i];
        t->n = kept;
    }
    return true;
}

static double jaccard(const trigrams *a, const trigrams *b)
{
    size_t i = 0, j = 0, both = 0;
    while (i < a->n && j < b->n) {
        if (a->h[i] == b->h[j]) {
            both++;
            i++;
            j++;
        } else if (a->h[i] < b->h[j]) {
            i++;
        } else {
            j++;
        }
    }
    size_t either = a->n + b->n - both;
    return either ? (double)both / (double)either : 0.0;
}

trawl_status trawl_collapse(const trawl_collapse_item *items, size_t n, size_t *into,
                            trawl_error *err)
{
    trigrams *t = calloc(n ? n : 1, sizeof *t);
    size_t *votes = calloc(n ? n : 1, sizeof *votes);
    trawl_strmap owner = TRAWL_STRMAP_INIT; /* a trigram -> the first kept item with it + 1 */
    trawl_status st = TRAWL_OK;
    if (!t || !votes)
        st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory collapsing reprints");
    for (size_t i = 0; i < n && !st; i++) {
        into[i] = i;
        if (!trigrams_of(items[i].text, items[i].len, &t[i])) {
            st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory collapsing reprints");
            break;
        }
        /* The kept items sharing its trigrams, most shared first, are the candidates. */
        size_t best = SIZE_MAX;
        char key[17];
        for (size_t k = 0; k < t[i].n; k++) {
            trawl_fnv64_hex(&t[i].h[k], sizeof t[i].h[k], key);
            const size_t *at = trawl_strmap_get(&owner, key, 16);
            if (at && ++votes[*at - 1] && (best == SIZE_MAX || votes[*at - 1] > votes[best]))
                best = *at - 1;
        }
        if (best != SIZE_MAX && strcmp(items[best].path, items[i].path) != 0) {
            bool grouped = items[i].group && items[best].group &&
                           strcmp(items[i].group, items[best].group) == 0;
            double sim = jaccard(&t[i], &t[best]);
            if (sim >= (grouped ? TRAWL_COLLAPSE_IN_GROUP : TRAWL_COLLAPSE_ANYWHERE))
                into[i] = best;
        }
        for (size_t k = 0; k < t[i].n; k++) { /* the votes back to 0, where they were cast */
            trawl_fnv64_hex(&t[i].h[k], sizeof t[i].h[k], key);
            const size_t *at = trawl_strmap_get(&owner, key, 16);
            if (at)
                votes[*at - 1] = 0;
        }
        for (size_t k = 0; into[i] == i && k < t[i].n; k++) {
            trawl_fnv64_hex(&t[i].h[k], sizeof t[i].h[k], key);
            size_t *at = trawl_strmap_at(&owner, key, 16);
            if (!at) {
                st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory collapsing reprints");
                break;
            }
            if (!*at)
                *at = i + 1;
        }
    }
    for (size_t i = 0; t && i < n; i++)
        free(t[i].h);
    free(t);
    free(votes);
    trawl_strmap_free(&owner);
    return st;
}
