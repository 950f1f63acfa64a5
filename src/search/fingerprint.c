/* fingerprint.c: FNV-1a 128 over a canonical listing of the index, passages sorted by id. */
#include "search/fingerprint.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "index/schema.h"
#include "search/searcher_impl.h"

typedef unsigned __int128 u128;

static u128 fnv_basis(void)
{
    return ((u128)0x6c62272e07bb0142ULL << 64) | 0x62b821756295c58dULL;
}

static u128 fnv(u128 h, const void *bytes, size_t len)
{
    const u128 prime = ((u128)0x0000000001000000ULL << 64) | 0x000000000000013BULL;
    const unsigned char *p = bytes;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= prime;
    }
    return h;
}

typedef struct passage_hash {
    char *id; /* the passage id (its Q term) */
    u128 hash;
} passage_hash;

typedef struct walk {
    trawl_xdb *db;
    passage_hash *items;
    size_t n, cap;
    trawl_buf line; /* scratch */
    u128 hash;      /* of the document being read */
    char *id;       /* its id */
    trawl_status st;
    trawl_error *err;
} walk;

static int on_term(void *ctx, const char *term, size_t len, unsigned wdf, const unsigned *pos,
                   size_t npos)
{
    walk *w = ctx;
    size_t rl = strlen(TRAWL_PREFIX_RUN);
    if (len > rl && memcmp(term, TRAWL_PREFIX_RUN, rl) == 0)
        return 0; /* which run wrote it: the history of the build, not its content */
    trawl_buf_reset(&w->line);
    trawl_buf_append(&w->line, term, len);
    trawl_buf_printf(&w->line, "%c%u:", 0, wdf);
    for (size_t i = 0; i < npos; i++)
        trawl_buf_printf(&w->line, "%s%u", i ? "," : "", pos[i]);
    trawl_buf_putc(&w->line, '\n');
    w->hash = fnv(w->hash, w->line.data, w->line.len);
    size_t plen = strlen(TRAWL_PREFIX_PASSAGE);
    if (!w->id && len > plen && memcmp(term, TRAWL_PREFIX_PASSAGE, plen) == 0)
        w->id = trawl_strndup(term + plen, len - plen);
    return 0;
}

static int on_value(void *ctx, unsigned slot, const char *value, size_t len)
{
    walk *w = ctx;
    if (slot == TRAWL_SLOT_RUN)
        return 0;
    trawl_buf_reset(&w->line);
    trawl_buf_printf(&w->line, "%u=", slot);
    trawl_buf_append(&w->line, value, len);
    trawl_buf_putc(&w->line, '\n');
    w->hash = fnv(w->hash, w->line.data, w->line.len);
    return 0;
}

static int on_document(void *ctx, trawl_xdocid docid)
{
    walk *w = ctx;
    char *data = NULL;
    size_t len = 0;
    w->hash = fnv_basis();
    w->id = NULL;
    if ((w->st = trawl_xdb_each_document_term(w->db, docid, on_term, w, w->err)) ||
        (w->st = trawl_xdb_each_value(w->db, docid, on_value, w, w->err)) ||
        (w->st = trawl_xdb_get_data(w->db, docid, &data, &len, w->err))) {
        free(w->id);
        return 1;
    }
    w->hash = fnv(w->hash, data, len);
    free(data);
    if (!trawl_array_grow((void **)&w->items, &w->cap, w->n, sizeof *w->items)) {
        free(w->id);
        w->st = trawl_error_set(w->err, TRAWL_ERR_NOMEM, "out of memory");
        return 1;
    }
    w->items[w->n++] = (passage_hash){w->id ? w->id : trawl_strdup(""), w->hash};
    return 0;
}

static int by_id(const void *a, const void *b)
{
    return strcmp(((const passage_hash *)a)->id, ((const passage_hash *)b)->id);
}

/* Metadata that describes the corpus; not where files were read from, nor discovered centers'
 * names (which the passages' own terms and data cover), nor stem expansions (an incremental
 * run keeps those of words no longer indexed, which match nothing), nor the list of languages
 * (their L terms say them; each shard lists its own), nor the options a run was given (a
 * gazetteer's folder is the machine's), nor the runs that built it (the passages' run terms and
 * values are left out too). */
static int on_metadata(void *ctx, const char *key, const char *value, size_t len)
{
    u128 *hash = ctx;
    if (strncmp(key, TRAWL_META_FILE, strlen(TRAWL_META_FILE)) == 0 ||
        strncmp(key, TRAWL_META_CENTER, strlen(TRAWL_META_CENTER)) == 0 ||
        strncmp(key, TRAWL_META_STEM, strlen(TRAWL_META_STEM)) == 0 ||
        strncmp(key, TRAWL_META_RUN, strlen(TRAWL_META_RUN)) == 0 ||
        strcmp(key, TRAWL_META_LANGUAGES) == 0 || strcmp(key, TRAWL_META_OPTIONS) == 0)
        return 0;
    *hash = fnv(*hash, key, strlen(key) + 1);
    *hash = fnv(*hash, value, len);
    *hash = fnv(*hash, "\n", 1);
    return 0;
}

trawl_status trawl_fingerprint(trawl_searcher *s, char digest[33], size_t *passages_out,
                               trawl_error *err)
{
    walk w = {trawl_searcher_db(s), NULL, 0, 0, TRAWL_BUF_INIT, 0, NULL, TRAWL_OK, err};
    trawl_status st = trawl_xdb_each_docid(w.db, on_document, &w, err);
    if (!st)
        st = w.st;
    if (!st && w.line.failed)
        st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    u128 meta = fnv_basis();
    if (!st)
        st = trawl_xdb_each_metadata(w.db, TRAWL_META_ALL, on_metadata, &meta, err);
    if (!st) {
        qsort(w.items, w.n, sizeof *w.items, by_id);
        u128 h = fnv_basis();
        for (size_t i = 0; i < w.n; i++) {
            h = fnv(h, w.items[i].id, strlen(w.items[i].id) + 1);
            h = fnv(h, &w.items[i].hash, sizeof w.items[i].hash);
        }
        h = fnv(h, &meta, sizeof meta);
        snprintf(digest, 33, "%016llx%016llx", (unsigned long long)(h >> 64),
                 (unsigned long long)h);
        *passages_out = w.n;
    }
    for (size_t i = 0; i < w.n; i++)
        free(w.items[i].id);
    free(w.items);
    trawl_buf_free(&w.line);
    return st;
}
