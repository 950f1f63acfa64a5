/* reprints.c: MinHash signatures, LSH candidates, union-find groups. */
#include "index/reprints.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/hash.h"

/* The i-th hash function's multiplier and increment: splitmix64 of a fixed sequence, so that
 * every index computes the same signatures. */
static uint64_t splitmix(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

static uint64_t mult[TRAWL_MINHASH_SIZE], incr[TRAWL_MINHASH_SIZE];

static void make_functions(void)
{
    for (uint64_t i = 0; i < TRAWL_MINHASH_SIZE; i++) {
        mult[i] = splitmix(2 * i) | 1;
        incr[i] = splitmix(2 * i + 1);
    }
}

void trawl_minhash_init(trawl_minhash *m)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, make_functions);
    for (size_t i = 0; i < TRAWL_MINHASH_SIZE; i++)
        m->mins[i] = UINT32_MAX;
    memset(m->window, 0, sizeof m->window);
    m->words = 0;
}

static void add_shingle(trawl_minhash *m, size_t n)
{
    uint64_t h = TRAWL_FNV64_INIT;
    size_t first = m->words - n;
    for (size_t k = 0; k < n; k++)
        h = trawl_fnv64(h, &m->window[(first + k) % TRAWL_SHINGLE_WORDS], sizeof(uint64_t));
    for (size_t i = 0; i < TRAWL_MINHASH_SIZE; i++) {
        uint32_t v = (uint32_t)((mult[i] * h + incr[i]) >> 32);
        if (v < m->mins[i])
            m->mins[i] = v;
    }
}

void trawl_minhash_add(trawl_minhash *m, const char *word, size_t len)
{
    /* Numbers alone are left out: a mirror's citation markers ([1], [2]) and changed figures
     * would break every shingle around them. */
    size_t digits = 0;
    while (digits < len && word[digits] >= '0' && word[digits] <= '9')
        digits++;
    if (digits == len)
        return;
    m->window[m->words % TRAWL_SHINGLE_WORDS] = trawl_fnv64(TRAWL_FNV64_INIT, word, len);
    m->words++;
    if (m->words >= TRAWL_SHINGLE_WORDS)
        add_shingle(m, TRAWL_SHINGLE_WORDS);
}

void trawl_minhash_finish(trawl_minhash *m)
{
    if (m->words > 0 && m->words < TRAWL_SHINGLE_WORDS)
        add_shingle(m, m->words);
}

double trawl_minhash_similarity(const uint32_t *a, const uint32_t *b)
{
    size_t same = 0;
    for (size_t i = 0; i < TRAWL_MINHASH_SIZE; i++)
        same += a[i] == b[i] && a[i] != UINT32_MAX;
    return (double)same / TRAWL_MINHASH_SIZE;
}

void trawl_signature_encode(const uint32_t *sig, unsigned char out[TRAWL_SIGNATURE_BYTES])
{
    for (size_t i = 0; i < TRAWL_MINHASH_SIZE; i++)
        for (size_t k = 0; k < 4; k++)
            out[4 * i + k] = (unsigned char)(sig[i] >> (8 * k));
}

void trawl_signature_decode(const unsigned char *bytes, uint32_t *sig)
{
    for (size_t i = 0; i < TRAWL_MINHASH_SIZE; i++) {
        sig[i] = 0;
        for (size_t k = 0; k < 4; k++)
            sig[i] |= (uint32_t)bytes[4 * i + k] << (8 * k);
    }
}

typedef struct member {
    char *path;
    uint32_t sig[TRAWL_MINHASH_SIZE];
    size_t parent;     /* union-find */
    size_t size;       /* a group's root: the documents in the group */
    size_t root;       /* after grouping: its group's founding document */
    bool grouped;      /* after grouping: in a group of two or more */
    double similarity; /* to its group's founding document */
} member;

struct trawl_reprints {
    member *items;
    size_t n, cap;
};

trawl_reprints *trawl_reprints_new(void)
{
    return calloc(1, sizeof(trawl_reprints));
}

void trawl_reprints_free(trawl_reprints *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n; i++)
        free(r->items[i].path);
    free(r->items);
    free(r);
}

trawl_status trawl_reprints_add(trawl_reprints *r, const char *path, const uint32_t *sig,
                                trawl_error *err)
{
    char *copy = trawl_strdup(path);
    if (!copy || !trawl_array_grow((void **)&r->items, &r->cap, r->n, sizeof *r->items)) {
        free(copy);
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory grouping reprints");
    }
    member *m = &r->items[r->n++];
    m->path = copy;
    memcpy(m->sig, sig, sizeof m->sig);
    m->parent = r->n - 1;
    m->similarity = 1.0;
    return TRAWL_OK;
}

static size_t find(member *items, size_t i)
{
    while (items[i].parent != i) {
        items[i].parent = items[items[i].parent].parent;
        i = items[i].parent;
    }
    return i;
}

/* Roots `a` and `b`, one of them alone, become one group, rooted at the root of the other (of
 * the earlier in path order when both are alone): every member stays within the threshold of
 * its root. */
static void join(member *items, size_t a, size_t b)
{
    size_t root = items[b].size > 1 || (items[a].size == 1 && b < a) ? b : a;
    size_t other = root == a ? b : a;
    items[other].parent = root;
    items[root].size += items[other].size;
}

static int by_path(const void *a, const void *b)
{
    return strcmp(((const member *)a)->path, ((const member *)b)->path);
}

/* A band's bucket: the hash of its rows, and the document. */
typedef struct bucket {
    uint64_t hash;
    size_t doc;
} bucket;

static int by_bucket(const void *a, const void *b)
{
    const bucket *x = a, *y = b;
    if (x->hash != y->hash)
        return x->hash < y->hash ? -1 : 1;
    return (x->doc > y->doc) - (x->doc < y->doc);
}

trawl_status trawl_reprints_group(trawl_reprints *r, double threshold, trawl_error *err)
{
    const size_t rows = TRAWL_MINHASH_SIZE / TRAWL_MINHASH_BANDS;
    if (r->n > 1)
        qsort(r->items, r->n, sizeof *r->items, by_path);
    for (size_t i = 0; i < r->n; i++) {
        r->items[i].parent = i;
        r->items[i].size = 1;
        r->items[i].grouped = false;
    }
    bucket *b = malloc((r->n ? r->n : 1) * sizeof *b);
    if (!b)
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory grouping reprints");
    for (size_t band = 0; band < TRAWL_MINHASH_BANDS; band++) {
        size_t n = 0;
        for (size_t i = 0; i < r->n; i++) {
            const uint32_t *rowv = r->items[i].sig + band * rows;
            if (rowv[0] == UINT32_MAX) /* an empty document: no shingles */
                continue;
            b[n++] = (bucket){trawl_fnv64(TRAWL_FNV64_INIT + band, rowv, rows * sizeof *rowv), i};
        }
        qsort(b, n, sizeof *b, by_bucket);
        /* Documents sharing a band's bucket are candidates: each is compared with the eight
         * before it; a pair missed here meets in another band or through a third document. A
         * document joins a group only when it is alike to the group's founding document too, and
         * two groups never merge: every member is within the threshold of its group's founding
         * document, and similarity does not chain from copy to copy into documents that share
         * little (short pages that share a footer with one, the footer with another). */
        for (size_t s = 0; s < n;) {
            size_t e = s + 1;
            while (e < n && b[e].hash == b[s].hash)
                e++;
            for (size_t k = s + 1; k < e; k++)
                for (size_t j = k > s + 8 ? k - 8 : s; j < k; j++) {
                    size_t rj = find(r->items, b[j].doc), rk = find(r->items, b[k].doc);
                    bool alone = r->items[rj].size == 1 || r->items[rk].size == 1;
                    if (rj != rk && alone &&
                        trawl_minhash_similarity(r->items[b[j].doc].sig, r->items[b[k].doc].sig) >=
                            threshold &&
                        trawl_minhash_similarity(r->items[rj].sig, r->items[rk].sig) >= threshold)
                        join(r->items, rj, rk);
                }
            s = e;
        }
    }
    free(b);
    for (size_t i = 0; i < r->n; i++) {
        size_t root = find(r->items, i);
        r->items[i].root = root;
        r->items[i].grouped = root != i;
        r->items[root].grouped = r->items[root].grouped || root != i;
        r->items[i].similarity = trawl_minhash_similarity(r->items[i].sig, r->items[root].sig);
    }
    return TRAWL_OK;
}

size_t trawl_reprints_count(const trawl_reprints *r)
{
    return r->n;
}

const char *trawl_reprints_path(const trawl_reprints *r, size_t i)
{
    return r->items[i].path;
}

const char *trawl_reprints_group_of(const trawl_reprints *r, size_t i)
{
    const member *m = &r->items[i];
    return m->grouped ? r->items[m->root].path : NULL;
}

double trawl_reprints_similarity(const trawl_reprints *r, size_t i)
{
    return r->items[i].similarity;
}
