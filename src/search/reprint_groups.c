/* reprint_groups.c: group records read back, and the reprints report. */
#include "search/reprint_groups.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/json_text.h"
#include "index/records.h"
#include "index/schema.h"

typedef struct loading {
    trawl_reprint_groups *g;
    trawl_status st;
    trawl_error *err;
} loading;

static int on_record(void *ctx, const char *key, const char *value, size_t len)
{
    loading *l = ctx;
    trawl_reprint_groups *g = l->g;
    if (!len)
        return 0;
    bool nomem = false;
    json_t *o = trawl_json_parse(value, len, JSON_COMPACT, &nomem, NULL);
    const char *group = json_string_value(json_object_get(o, "group"));
    if (!group) {
        json_decref(o);
        l->st = nomem ? trawl_error_set(l->err, TRAWL_ERR_NOMEM, "out of memory")
                      : trawl_error_set(l->err, TRAWL_ERR_CORRUPT,
                                        "metadata %s: not a reprint record", key);
        return 1;
    }
    const char *path = key + strlen(TRAWL_META_REPRINT);
    size_t *at = trawl_strmap_at(&g->by_path, path, strlen(path));
    char *p = trawl_strdup(path), *k = trawl_strdup(group);
    if (!at || !p || !k || !trawl_array_grow((void **)&g->items, &g->cap, g->n, sizeof *g->items)) {
        free(p);
        free(k);
        json_decref(o);
        l->st = trawl_error_set(l->err, TRAWL_ERR_NOMEM, "out of memory");
        return 1;
    }
    g->items[g->n++] =
        (trawl_reprint_member){p, k, json_real_value(json_object_get(o, "similarity"))};
    *at = g->n;
    json_decref(o);
    return 0;
}

trawl_status trawl_reprint_groups_load(trawl_xdb *db, trawl_reprint_groups *g, trawl_error *err)
{
    loading l = {g, TRAWL_OK, err};
    trawl_status st = trawl_xdb_each_metadata(db, TRAWL_META_REPRINT, on_record, &l, err);
    return st ? st : l.st;
}

void trawl_reprint_groups_free(trawl_reprint_groups *g)
{
    for (size_t i = 0; i < g->n; i++) {
        free(g->items[i].path);
        free(g->items[i].group);
    }
    free(g->items);
    trawl_strmap_free(&g->by_path);
    memset(g, 0, sizeof *g);
}

const char *trawl_reprint_group_of(const trawl_reprint_groups *g, const char *path, size_t len)
{
    const size_t *at = trawl_strmap_get(&g->by_path, path, len);
    return at ? g->items[*at - 1].group : NULL;
}

/* Rows by group, the group's founding document first, then by path. */
static int by_group(const void *a, const void *b)
{
    const trawl_reprint_row *x = a, *y = b;
    int c = strcmp(x->group, y->group);
    if (c)
        return c;
    bool xf = strcmp(x->path, x->group) == 0, yf = strcmp(y->path, y->group) == 0;
    if (xf != yf)
        return xf ? -1 : 1;
    return strcmp(x->path, y->path);
}

/* The title and URL of document `path` from its record. */
static trawl_status describe(trawl_xdb *db, trawl_reprint_row *row, trawl_error *err)
{
    trawl_buf key = TRAWL_BUF_INIT;
    char *value = NULL;
    size_t len = 0;
    trawl_doc_record rec = {0};
    trawl_schema_term(TRAWL_META_DOC, row->path, &key);
    trawl_status st = key.failed ? trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory")
                                 : trawl_xdb_get_metadata(db, key.data, &value, &len, err);
    if (!st && len && trawl_doc_record_decode(value, len, &rec, NULL) == TRAWL_OK) {
        row->title = trawl_strdup(rec.title);
        row->url = trawl_strdup(rec.url);
        trawl_doc_record_clear(&rec);
    } else if (!st) {
        row->title = trawl_strdup("");
        row->url = trawl_strdup("");
    }
    if (!st && (!row->title || !row->url))
        st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    free(value);
    trawl_buf_free(&key);
    return st;
}

trawl_status trawl_reprints_report(const trawl_tally *t, trawl_xdb *db, trawl_report *r,
                                   trawl_error *err)
{
    trawl_reprint_groups g = {0};
    trawl_strmap wanted = TRAWL_STRMAP_INIT; /* groups holding a match */
    trawl_status st = trawl_reprint_groups_load(db, &g, err);
    for (size_t i = 0; !st && i < t->n; i++) {
        trawl_tally_part parts[TRAWL_TALLY_PARTS];
        trawl_schema_tally_split(t->values[i], strlen(t->values[i]), parts);
        const trawl_tally_part *p = &parts[TRAWL_TALLY_PATH];
        const char *group = trawl_reprint_group_of(&g, p->data, p->len);
        if (group && !trawl_strmap_at(&wanted, group, strlen(group)))
            st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    }
    if (!st && !(r->reprints = calloc(g.n ? g.n : 1, sizeof *r->reprints)))
        st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    for (size_t i = 0; !st && i < g.n; i++) {
        const trawl_reprint_member *m = &g.items[i];
        if (!trawl_strmap_get(&wanted, m->group, strlen(m->group)))
            continue;
        trawl_reprint_row *row = &r->reprints[r->nreprints++];
        row->group = trawl_strdup(m->group);
        row->path = trawl_strdup(m->path);
        row->similarity = m->similarity;
        st = !row->group || !row->path ? trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory")
                                       : describe(db, row, err);
    }
    if (!st) {
        qsort(r->reprints, r->nreprints, sizeof *r->reprints, by_group);
        r->total = wanted.n;
    }
    trawl_strmap_free(&wanted);
    trawl_reprint_groups_free(&g);
    return st;
}
