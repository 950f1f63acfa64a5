/* links.c: a document's resolved links, read from the index's metadata. */
#include "search/links.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "index/linker.h"
#include "index/schema.h"

static const char *field(json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

/* The JSON metadata `prefix` + `path` of `db` (NULL when absent or not JSON). */
static json_t *read_json(trawl_xdb *db, const char *prefix, const char *path, trawl_error *err,
                         trawl_status *st)
{
    trawl_buf key = TRAWL_BUF_INIT;
    char *value = NULL;
    size_t len = 0;
    json_t *o = NULL;
    trawl_schema_term(prefix, path, &key);
    *st = key.failed ? trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory")
                     : trawl_xdb_get_metadata(db, key.data, &value, &len, err);
    if (!*st && len)
        o = json_loadb(value, len, 0, NULL);
    free(value);
    trawl_buf_free(&key);
    return o;
}

static bool add_row(trawl_link_row **rows, size_t *n, size_t *cap, const char *text,
                    const char *target, const char *path, const char *title)
{
    if (!trawl_array_grow((void **)rows, cap, *n, sizeof **rows))
        return false;
    trawl_link_row *row = &(*rows)[(*n)++];
    row->text = trawl_strdup(text);
    row->target = target ? trawl_strdup(target) : NULL;
    row->path = path ? trawl_strdup(path) : NULL;
    row->title = path ? trawl_strdup(title) : NULL;
    return row->text && (!target || row->target) && (!path || (row->path && row->title));
}

/* Rows for the edges `list` (outgoing when `out`). */
static trawl_status add_rows(json_t *list, bool out, trawl_link_row **rows, size_t *n,
                             trawl_error *err)
{
    size_t cap = 0;
    for (size_t i = 0; i < json_array_size(list); i++) {
        json_t *e = json_array_get(list, i);
        const char *path = json_string_value(json_object_get(e, "path"));
        if (!add_row(rows, n, &cap, field(e, "text"), out ? field(e, "target") : NULL, path,
                     field(e, "title")))
            return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    }
    return TRAWL_OK;
}

trawl_status trawl_links_of(trawl_xdb *db, const char *path, trawl_doc_links **links_out,
                            trawl_error *err)
{
    trawl_status st;
    json_t *edges = NULL;
    trawl_doc_links *l = NULL;
    *links_out = NULL;
    json_t *me = read_json(db, TRAWL_META_DOC, path, err, &st);
    if (!st && !me)
        st = trawl_error_set(err, TRAWL_ERR_ARG,
                             "no document '%s' in the index (give its path, title or URL)", path);
    if (!st)
        edges = read_json(db, TRAWL_META_LINKS, path, err, &st);
    if (!st && (!(l = calloc(1, sizeof *l)) || !(l->path = trawl_strdup(field(me, "path"))) ||
                !(l->title = trawl_strdup(field(me, "title"))) ||
                !(l->url = trawl_strdup(field(me, "url")))))
        st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    if (!st)
        st = add_rows(json_object_get(edges, "out"), true, &l->out, &l->nout, err);
    if (!st)
        st = add_rows(json_object_get(edges, "in"), false, &l->in, &l->nin, err);
    json_decref(me);
    json_decref(edges);
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
    (void)key;
    json_t *o = json_loadb(value, len, 0, NULL);
    if (!f->by_title) {
        trawl_links_folded_title(field(o, "title"), &f->have);
        if (strcmp(trawl_buf_str(&f->have), trawl_buf_str(&f->title)) == 0 &&
            !(f->by_title = trawl_strdup(field(o, "path"))))
            f->failed = true;
    }
    if (!f->by_url && f->url.len && *field(o, "url")) {
        trawl_links_canonical_url(field(o, "url"), &f->have);
        if (strcmp(trawl_buf_str(&f->have), trawl_buf_str(&f->url)) == 0 &&
            !(f->by_url = trawl_strdup(field(o, "path"))))
            f->failed = true;
    }
    json_decref(o);
    return f->by_title != NULL; /* a title wins over a URL */
}

trawl_status trawl_links_find(trawl_xdb *db, const char *doc, char **path_out, trawl_error *err)
{
    trawl_status st;
    *path_out = NULL;
    json_t *me = read_json(db, TRAWL_META_DOC, doc, err, &st);
    if (st || me) {
        json_decref(me);
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
