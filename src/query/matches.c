/* matches.c: a compiled query's matches, stored as their words back to back. */
#include "query/matches.h"

#include <stdbool.h>
#include <stdlib.h>

#include "common/buf.h"

/* A match: its kind and its words, `first` .. `first + n - 1` of the words stored. */
typedef struct match {
    trawl_match_kind kind;
    size_t first, n;
} match;

/* A word stored: its bytes in `bytes`. */
typedef struct span {
    size_t start, len;
} span;

struct trawl_matches {
    match *items;
    size_t nitems, citems;
    span *words;
    size_t nwords, cwords;
    size_t longest; /* the most words of one match */
    trawl_buf bytes;
};

trawl_status trawl_matches_new(trawl_matches **m_out, trawl_error *err)
{
    *m_out = calloc(1, sizeof **m_out);
    return *m_out ? TRAWL_OK
                  : trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory recording matches");
}

void trawl_matches_free(trawl_matches *m)
{
    if (!m)
        return;
    free(m->items);
    free(m->words);
    trawl_buf_free(&m->bytes);
    free(m);
}

trawl_status trawl_matches_add(trawl_matches *m, trawl_match_kind kind, const char *const *words,
                               const size_t *lens, size_t n, trawl_error *err)
{
    if (n == 0 || (n > 1 && kind != TRAWL_MATCH_PHRASE))
        return trawl_error_set(err, TRAWL_ERR_ARG, "a match of %zu words", n);
    size_t bytes_len = m->bytes.len;
    bool grown = trawl_array_grow((void **)&m->items, &m->citems, m->nitems, sizeof *m->items);
    for (size_t i = 0; i < n && grown; i++) {
        grown = trawl_array_grow((void **)&m->words, &m->cwords, m->nwords + i, sizeof *m->words);
        if (grown) {
            m->words[m->nwords + i] = (span){m->bytes.len, lens[i]};
            trawl_buf_append(&m->bytes, words[i], lens[i]);
        }
    }
    if (!grown || m->bytes.failed) {
        m->bytes.failed = false;
        m->bytes.len = bytes_len;
        if (m->bytes.data)
            m->bytes.data[bytes_len] = '\0';
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory recording matches");
    }
    m->items[m->nitems++] = (match){kind, m->nwords, n};
    m->nwords += n;
    if (n > m->longest)
        m->longest = n;
    return TRAWL_OK;
}

trawl_status trawl_matches_add_one(trawl_matches *m, trawl_match_kind kind, const char *word,
                                   size_t len, trawl_error *err)
{
    return trawl_matches_add(m, kind, &word, &len, 1, err);
}

int trawl_matches_each(const trawl_matches *m, trawl_match_fn fn, void *ctx)
{
    if (!m->nitems)
        return 0;
    const char **words = calloc(m->longest, sizeof *words);
    size_t *lens = calloc(m->longest, sizeof *lens);
    int stop = words && lens ? 0 : -1;
    for (size_t i = 0; i < m->nitems && !stop; i++) {
        const match *it = &m->items[i];
        for (size_t w = 0; w < it->n; w++) {
            words[w] = m->bytes.data + m->words[it->first + w].start;
            lens[w] = m->words[it->first + w].len;
        }
        stop = fn(ctx, it->kind, words, lens, it->n);
    }
    free(words);
    free(lens);
    return stop;
}

size_t trawl_matches_count(const trawl_matches *m)
{
    return m->nitems;
}
