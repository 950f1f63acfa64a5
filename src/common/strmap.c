/* strmap.c: open addressing with linear probing, FNV-1a hashes, doubling at half full. */
#include "common/strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/hash.h"

static size_t hash(const char *s, size_t len)
{
    return (size_t)trawl_fnv64(TRAWL_FNV64_INIT, s, len);
}

static size_t find(const trawl_strmap *m, const char *key, size_t len)
{
    size_t i = hash(key, len) & (m->cap - 1);
    while (m->keys[i] && !(strlen(m->keys[i]) == len && memcmp(m->keys[i], key, len) == 0))
        i = (i + 1) & (m->cap - 1);
    return i;
}

static bool grow(trawl_strmap *m)
{
    size_t cap = m->cap ? m->cap * 2 : 64;
    char **keys = calloc(cap, sizeof *keys);
    size_t *vals = calloc(cap, sizeof *vals);
    if (!keys || !vals) {
        free(keys);
        free(vals);
        return false;
    }
    trawl_strmap bigger = {keys, vals, cap, m->n, false};
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->keys[i])
            continue;
        size_t j = find(&bigger, m->keys[i], strlen(m->keys[i]));
        keys[j] = m->keys[i];
        vals[j] = m->vals[i];
    }
    free(m->keys);
    free(m->vals);
    m->keys = keys;
    m->vals = vals;
    m->cap = cap;
    return true;
}

size_t *trawl_strmap_at(trawl_strmap *m, const char *key, size_t len)
{
    if ((m->n + 1) * 2 > m->cap && !grow(m)) {
        m->failed = true;
        return NULL;
    }
    size_t i = find(m, key, len);
    if (!m->keys[i]) {
        if (!(m->keys[i] = trawl_strndup(key, len))) {
            m->failed = true;
            return NULL;
        }
        m->vals[i] = 0;
        m->n++;
    }
    return &m->vals[i];
}

const size_t *trawl_strmap_get(const trawl_strmap *m, const char *key, size_t len)
{
    if (!m->cap)
        return NULL;
    size_t i = find(m, key, len);
    return m->keys[i] ? &m->vals[i] : NULL;
}

void trawl_strmap_free(trawl_strmap *m)
{
    for (size_t i = 0; i < m->cap; i++)
        free(m->keys[i]);
    free(m->keys);
    free(m->vals);
    *m = (trawl_strmap)TRAWL_STRMAP_INIT;
}
