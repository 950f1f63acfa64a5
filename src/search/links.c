/* links.c: a document's resolved links, read from the index's metadata (records.h). */
#include "search/links.h"

#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "index/linker.h"
#include "index/records.h"
#include "index/schema.h"

/* The metadata `prefix` + `path` of `db` into `*value_out` (malloc'd; "" when absent). */
static trawl_status read_meta(trawl_xdb *db, const char *prefix, const char *path, char **value_out,
                              size_t *len_out, trawl_error *err)
{
    trawl_buf key = TRAWL_BUF_INIT;
    trawl_schema_term(prefix, path, &key);
    trawl_status st = key.failed ? trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory")
                                 : trawl_xdb_get_metadata(db, key.data, value_out, len_out, err);
    trawl_buf_free(&key);
    return st;
}

static bool add_row(trawl_link_row **rows, size_t *n, size_t *cap, const trawl_edge *e)
{
    if (!trawl_array_grow((void **)rows, cap, *n, sizeof **rows))
        return false;
    trawl_link_row *row = &(*rows)[(*n)++];
    row->text = trawl_strdup(e->text);
    row->target = e->target ? trawl_strdup(e->target) : NULL;
    row->path = e->path ? trawl_strdup(e->path) : NULL;
    row->title = e->path ? trawl_strdup(e->title ? e->title : "") : NULL;
    return row->text && (!e->target || row->target) && (!e->path || (row->path && row->title));
}

static trawl_status add_rows(const trawl_edge *e, size_t n, trawl_link_row **rows, size_t *count,
                             trawl_error *err)
{
    size_t cap = 0;
    for (size_t i = 0; i < n; i++)
        if (!add_row(rows, count, &cap, &e[i]))
            return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    return TRAWL_OK;
}

trawl_status trawl_links_of(trawl_xdb *db, const char *path, trawl_doc_links **links_out,
                            trawl_error *err)
{
    char *record = NULL, *edges = NULL;
    size_t rlen = 0, elen = 0;
    trawl_doc_record me = {0};
    trawl_doc_edges e = {0};
    trawl_doc_links *l = NULL;
    *links_out = NULL;
    trawl_status st = read_meta(db, TRAWL_META_DOC, path, &record, &rlen, err);
    if (!st && rlen == 0)
        st = trawl_error_set(err, TRAWL_ERR_ARG,
                             "no document '%s' in the index (give its path, title or URL)", path);
    if (!st)
        st = trawl_doc_record_decode(record, rlen, &me, err);
    if (!st)
        st = read_meta(db, TRAWL_META_LINKS, path, &edges, &elen, err);
    if (!st)
        st = trawl_doc_edges_decode(edges, elen, &e, err);
    if (!st && (!(l = calloc(1, sizeof *l)) || !(l->path = trawl_strdup(me.path)) ||
                !(l->title = trawl_strdup(me.title)) || !(l->url = trawl_strdup(me.url))))
        st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    if (!st)
        st = add_rows(e.out, e.nout, &l->out, &l->nout, err);
    if (!st)
        st = add_rows(e.in, e.nin, &l->in, &l->nin, err);
    trawl_doc_record_clear(&me);
    trawl_doc_edges_clear(&e);
    free(record);
    free(edges);
    if (st) {
        trawl_doc_links_free(l);
        return st;
    }
    *links_out = l;
    return TRAWL_OK;
}

/* A search of the records for the document a title or URL names. */
typedef struct finding {
    trawl_buf title, url, have; /* what is looked for, folded; scratch */
    char *by_title, *by_url;    /* the first path found each way */
    bool failed;
} finding;

static int on_record(void *ctx, const char *key, const char *value, size_t len)
{
    finding *f = ctx;
    trawl_doc_record r;
    (void)key;
    if (trawl_doc_record_decode(value, len, &r, NULL) != TRAWL_OK)
        return 0;
    if (!f->by_title) {
        trawl_links_folded_title(r.title, &f->have);
        if (strcmp(trawl_buf_str(&f->have), trawl_buf_str(&f->title)) == 0 &&
            !(f->by_title = trawl_strdup(r.path)))
            f->failed = true;
    }
    if (!f->by_url && f->url.len && *r.url) {
        trawl_links_canonical_url(r.url, &f->have);
        if (strcmp(trawl_buf_str(&f->have), trawl_buf_str(&f->url)) == 0 &&
            !(f->by_url = trawl_strdup(r.path)))
            f->failed = true;
    }
    trawl_doc_record_clear(&r);
    return f->by_title != NULL; /* a title wins over a URL */
}

trawl_status trawl_links_find(trawl_xdb *db, const char *doc, char **path_out, trawl_error *err)
{
    char *record = NULL;
    size_t len = 0;
    *path_out = NULL;
    trawl_status st = read_meta(db, TRAWL_META_DOC, doc, &record, &len, err);
    free(record);
    if (st || len) {
        if (!st && !(*path_out = trawl_strdup(doc)))
            st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
        return st;
    }
    finding f = {TRAWL_BUF_INIT, TRAWL_BUF_INIT, TRAWL_BUF_INIT, NULL, NULL, false};
    trawl_links_folded_title(doc, &f.title);
    if (strstr(doc, "://"))
        trawl_links_canonical_url(doc, &f.url);
    st = trawl_xdb_each_metadata(db, TRAWL_META_DOC, on_record, &f, err);
    if (!st && (f.failed || f.title.failed || f.url.failed || f.have.failed))
        st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    if (!st && !f.by_title && !f.by_url)
        st = trawl_error_set(err, TRAWL_ERR_ARG,
                             "no document '%s' in the index (give its path, title or URL)", doc);
    if (!st && f.by_title) {
        *path_out = f.by_title;
        f.by_title = NULL;
    } else if (!st) {
        *path_out = f.by_url;
        f.by_url = NULL;
    }
    free(f.by_title);
    free(f.by_url);
    trawl_buf_free(&f.title);
    trawl_buf_free(&f.url);
    trawl_buf_free(&f.have);
    return st;
}

static void free_rows(trawl_link_row *rows, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(rows[i].text);
        free(rows[i].target);
        free(rows[i].path);
        free(rows[i].title);
    }
    free(rows);
}

void trawl_doc_links_free(trawl_doc_links *l)
{
    if (!l)
        return;
    free_rows(l->out, l->nout);
    free_rows(l->in, l->nin);
    free(l->path);
    free(l->title);
    free(l->url);
    free(l);
}
