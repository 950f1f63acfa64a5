/* links.c: documents' records from the index's metadata, and links resolved between them. */
#include "search/links.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "index/schema.h"

typedef struct records {
    json_t **docs; /* each document's record */
    size_t n, cap;
    bool failed;
} records;

struct trawl_link_graph {
    records r;
};

static int on_record(void *ctx, const char *key, const char *value, size_t len)
{
    records *r = ctx;
    (void)key;
    json_t *o = json_loadb(value, len, 0, NULL);
    if (!json_is_object(o)) {
        json_decref(o);
        return 0;
    }
    if (!trawl_array_grow((void **)&r->docs, &r->cap, r->n, sizeof *r->docs)) {
        json_decref(o);
        r->failed = true;
        return 1;
    }
    r->docs[r->n++] = o;
    return 0;
}

static const char *field(json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

/* A URL reduced to compare: no scheme, no "www.", no fragment, no trailing slash, host in
 * lower case. */
static void canonical_url(const char *url, trawl_buf *out)
{
    trawl_buf_reset(out);
    const char *p = strstr(url, "://");
    p = p ? p + 3 : (strncmp(url, "//", 2) == 0 ? url + 2 : url);
    if (strncmp(p, "www.", 4) == 0)
        p += 4;
    size_t host = strcspn(p, "/?#");
    for (size_t i = 0; i < host; i++)
        trawl_buf_putc(out, (char)(p[i] >= 'A' && p[i] <= 'Z' ? p[i] + 32 : p[i]));
    trawl_buf_append(out, p + host, strcspn(p + host, "#"));
    while (out->len && out->data[out->len - 1] == '/')
        out->data[--out->len] = '\0';
}

/* A link's address made absolute against the linking document's URL. */
static void absolute(const char *target, const char *base, trawl_buf *out)
{
    trawl_buf_reset(out);
    if (strstr(target, "://") || strncmp(target, "//", 2) == 0 || !*base) {
        trawl_buf_puts(out, target);
    } else if (target[0] == '/') {
        const char *p = strstr(base, "://");
        p = p ? p + 3 : base;
        trawl_buf_append(out, base, (size_t)(p - base) + strcspn(p, "/"));
        trawl_buf_puts(out, target);
    } else {
        const char *slash = strrchr(base, '/');
        const char *scheme = strstr(base, "://");
        size_t keep =
            slash && (!scheme || slash > scheme + 2) ? (size_t)(slash - base) + 1 : strlen(base);
        trawl_buf_append(out, base, keep);
        if (keep && base[keep - 1] != '/')
            trawl_buf_putc(out, '/');
        trawl_buf_puts(out, target);
    }
}

/* Text compared case-blind, spaces collapsed. */
static bool same_text(const char *a, const char *b)
{
    while (*a == ' ')
        a++;
    while (*b == ' ')
        b++;
    while (*a && *b) {
        char x = *a >= 'A' && *a <= 'Z' ? (char)(*a + 32) : *a;
        char y = *b >= 'A' && *b <= 'Z' ? (char)(*b + 32) : *b;
        if (x != y)
            return false;
        a++;
        b++;
    }
    while (*a == ' ')
        a++;
    while (*b == ' ')
        b++;
    return !*a && !*b;
}

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

/* The document a link of `from` leads to, or NULL. */
static json_t *resolve(const records *r, json_t *from, const char *target)
{
    trawl_buf want = TRAWL_BUF_INIT, abs = TRAWL_BUF_INIT, have = TRAWL_BUF_INIT;
    json_t *found = NULL;
    absolute(target, field(from, "url"), &abs);
    canonical_url(trawl_buf_str(&abs), &want);
    for (size_t i = 0; i < r->n && !found; i++) {
        if (!*field(r->docs[i], "url"))
            continue;
        canonical_url(field(r->docs[i], "url"), &have);
        if (want.len && strcmp(trawl_buf_str(&have), trawl_buf_str(&want)) == 0)
            found = r->docs[i];
    }
    for (size_t i = 0; i < r->n && !found; i++)
        if (same_text(field(r->docs[i], "title"), target))
            found = r->docs[i];
    for (size_t i = 0; i < r->n && !found; i++)
        if (!strstr(target, "://") &&
            strcmp(base_name(field(r->docs[i], "path")), base_name(target)) == 0)
            found = r->docs[i];
    trawl_buf_free(&want);
    trawl_buf_free(&abs);
    trawl_buf_free(&have);
    return found == from ? NULL : found;
}

static bool add_row(trawl_link_row **rows, size_t *n, size_t *cap, const char *text,
                    const char *target, json_t *doc)
{
    if (!trawl_array_grow((void **)rows, cap, *n, sizeof **rows))
        return false;
    trawl_link_row *row = &(*rows)[(*n)++];
    row->text = trawl_strdup(text);
    row->target = target ? trawl_strdup(target) : NULL;
    row->path = doc ? trawl_strdup(field(doc, "path")) : NULL;
    row->title = doc ? trawl_strdup(field(doc, "title")) : NULL;
    return row->text && (!target || row->target) && (!doc || (row->path && row->title));
}

trawl_status trawl_link_graph_open(trawl_xdb *db, trawl_link_graph **graph_out, trawl_error *err)
{
    *graph_out = NULL;
    trawl_link_graph *g = calloc(1, sizeof *g);
    if (!g)
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    trawl_status st = trawl_xdb_each_metadata(db, TRAWL_META_DOC, on_record, &g->r, err);
    if (!st && g->r.failed)
        st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory reading documents");
    if (st) {
        trawl_link_graph_free(g);
        return st;
    }
    *graph_out = g;
    return TRAWL_OK;
}

void trawl_link_graph_free(trawl_link_graph *g)
{
    if (!g)
        return;
    for (size_t i = 0; i < g->r.n; i++)
        json_decref(g->r.docs[i]);
    free(g->r.docs);
    free(g);
}

/* The document `doc` names: by path, else by title, else by URL. */
static json_t *find_document(const records *r, const char *doc)
{
    json_t *me = NULL;
    trawl_buf a = TRAWL_BUF_INIT, b = TRAWL_BUF_INIT;
    for (size_t i = 0; i < r->n && !me; i++)
        if (strcmp(field(r->docs[i], "path"), doc) == 0)
            me = r->docs[i];
    for (size_t i = 0; i < r->n && !me; i++)
        if (same_text(field(r->docs[i], "title"), doc))
            me = r->docs[i];
    canonical_url(doc, &a);
    for (size_t i = 0; i < r->n && !me && strstr(doc, "://"); i++) {
        canonical_url(field(r->docs[i], "url"), &b);
        if (strcmp(trawl_buf_str(&a), trawl_buf_str(&b)) == 0)
            me = r->docs[i];
    }
    trawl_buf_free(&a);
    trawl_buf_free(&b);
    return me;
}

trawl_status trawl_link_graph_links(trawl_link_graph *g, const char *doc,
                                    trawl_doc_links **links_out, trawl_error *err)
{
    const records *r = &g->r;
    trawl_status st = TRAWL_OK;
    size_t cout = 0, cin = 0;
    *links_out = NULL;
    json_t *me = find_document(r, doc);
    if (!me)
        return trawl_error_set(err, TRAWL_ERR_ARG,
                               "no document '%s' in the index (give its path, title or URL)", doc);
    trawl_doc_links *l = calloc(1, sizeof *l);
    if (!l || !(l->path = trawl_strdup(field(me, "path"))) ||
        !(l->title = trawl_strdup(field(me, "title"))) ||
        !(l->url = trawl_strdup(field(me, "url")))) {
        st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
        goto cleanup;
    }
    json_t *mine = json_object_get(me, "links");
    for (size_t i = 0; i < json_array_size(mine); i++) {
        json_t *link = json_array_get(mine, i);
        const char *target = field(link, "target");
        if (!add_row(&l->out, &l->nout, &cout, field(link, "text"), target,
                     resolve(r, me, target))) {
            st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
            goto cleanup;
        }
    }
    for (size_t i = 0; i < r->n; i++) {
        json_t *theirs = json_object_get(r->docs[i], "links");
        for (size_t k = 0; k < json_array_size(theirs); k++) {
            json_t *link = json_array_get(theirs, k);
            if (r->docs[i] == me || resolve(r, r->docs[i], field(link, "target")) != me)
                continue;
            if (!add_row(&l->in, &l->nin, &cin, field(link, "text"), NULL, r->docs[i])) {
                st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
                goto cleanup;
            }
        }
    }
    *links_out = l;
    l = NULL;
cleanup:
    trawl_doc_links_free(l);
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
