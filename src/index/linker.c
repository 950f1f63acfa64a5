/* linker.c: resolving the links of document records through hash maps. */
#include "index/linker.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "common/strmap.h"
#include "index/records.h"

typedef struct doc {
    trawl_doc_record r; /* owned */
    size_t *to;         /* per link: the document it leads to + 1, 0 for none */
} doc;

struct trawl_linker {
    doc *docs;
    size_t n, cap;
    size_t *in;      /* incoming links, grouped by target: (from, link) pairs */
    size_t *in_from; /* start of each document's group in `in` (n + 1 entries) */
};

trawl_status trawl_linker_new(trawl_linker **l_out, trawl_error *err)
{
    *l_out = calloc(1, sizeof **l_out);
    return *l_out ? TRAWL_OK : trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
}

void trawl_linker_free(trawl_linker *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->n; i++) {
        trawl_doc_record_clear(&l->docs[i].r);
        free(l->docs[i].to);
    }
    free(l->docs);
    free(l->in);
    free(l->in_from);
    free(l);
}

trawl_status trawl_linker_add(trawl_linker *l, const char *record, size_t len, trawl_error *err)
{
    doc d = {{0}, NULL};
    trawl_status st = trawl_doc_record_decode(record, len, &d.r, err);
    if (st == TRAWL_ERR_CORRUPT)
        return TRAWL_OK; /* no record: nothing to link */
    if (st)
        return st;
    if (!trawl_array_grow((void **)&l->docs, &l->cap, l->n, sizeof *l->docs)) {
        trawl_doc_record_clear(&d.r);
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    }
    l->docs[l->n++] = d;
    return TRAWL_OK;
}

void trawl_links_canonical_url(const char *url, trawl_buf *out)
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

void trawl_links_folded_title(const char *title, trawl_buf *out)
{
    trawl_buf_reset(out);
    while (*title == ' ')
        title++;
    size_t n = strlen(title);
    while (n && title[n - 1] == ' ')
        n--;
    for (size_t i = 0; i < n; i++)
        trawl_buf_putc(out, (char)(title[i] >= 'A' && title[i] <= 'Z' ? title[i] + 32 : title[i]));
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

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

static int by_path(const void *a, const void *b)
{
    return strcmp(((const doc *)a)->r.path, ((const doc *)b)->r.path);
}

/* The maps from a document's URL, title and file name to the first document (path order) that
 * has it, + 1. */
typedef struct maps {
    trawl_strmap url, title, name;
} maps;

static void first_of(trawl_strmap *m, const char *key, size_t len, size_t i, bool *failed)
{
    size_t *v = trawl_strmap_at(m, key, len);
    if (!v)
        *failed = true;
    else if (*v == 0)
        *v = i + 1;
}

/* The document `target` (a link of document `from`) leads to, + 1, or 0. */
static size_t lookup(const maps *m, const doc *from, size_t self, const char *target, trawl_buf *a,
                     trawl_buf *b)
{
    const size_t *v = NULL;
    absolute(target, from->r.url, a);
    trawl_links_canonical_url(trawl_buf_str(a), b);
    if (b->len)
        v = trawl_strmap_get(&m->url, b->data, b->len);
    if (!v) {
        trawl_links_folded_title(target, a);
        v = trawl_strmap_get(&m->title, trawl_buf_str(a), a->len);
    }
    if (!v && !strstr(target, "://"))
        v = trawl_strmap_get(&m->name, base_name(target), strlen(base_name(target)));
    return v && *v != self + 1 ? *v : 0;
}

trawl_status trawl_linker_resolve(trawl_linker *l, trawl_error *err)
{
    maps m = {TRAWL_STRMAP_INIT, TRAWL_STRMAP_INIT, TRAWL_STRMAP_INIT};
    trawl_buf a = TRAWL_BUF_INIT, b = TRAWL_BUF_INIT;
    bool failed = false;
    size_t total = 0;
    if (l->n)
        qsort(l->docs, l->n, sizeof *l->docs, by_path);
    for (size_t i = 0; i < l->n && !failed; i++) {
        const trawl_doc_record *d = &l->docs[i].r;
        if (*d->url) {
            trawl_links_canonical_url(d->url, &a);
            if (a.len)
                first_of(&m.url, a.data, a.len, i, &failed);
        }
        trawl_links_folded_title(d->title, &a);
        first_of(&m.title, trawl_buf_str(&a), a.len, i, &failed);
        first_of(&m.name, base_name(d->path), strlen(base_name(d->path)), i, &failed);
    }
    for (size_t i = 0; i < l->n && !failed; i++) {
        doc *d = &l->docs[i];
        if (d->r.nlinks && !(d->to = calloc(d->r.nlinks, sizeof *d->to))) {
            failed = true;
            break;
        }
        for (size_t k = 0; k < d->r.nlinks; k++) {
            d->to[k] = lookup(&m, d, i, d->r.links[k].target, &a, &b);
            total += d->to[k] != 0;
        }
    }
    /* Incoming links grouped by target, in the linking documents' order. */
    if (!failed && (!(l->in_from = calloc(l->n + 1, sizeof *l->in_from)) ||
                    !(l->in = calloc(2 * total + 1, sizeof *l->in))))
        failed = true;
    for (size_t i = 0; i < l->n && !failed; i++)
        for (size_t k = 0; k < l->docs[i].r.nlinks; k++)
            if (l->docs[i].to[k])
                l->in_from[l->docs[i].to[k]]++;
    for (size_t i = 0; i < l->n && !failed; i++)
        l->in_from[i + 1] += l->in_from[i];
    size_t *fill = failed ? NULL : calloc(l->n + 1, sizeof *fill);
    if (!failed && !fill)
        failed = true;
    for (size_t i = 0; i < l->n && !failed; i++) {
        for (size_t k = 0; k < l->docs[i].r.nlinks; k++) {
            size_t t = l->docs[i].to[k];
            if (!t)
                continue;
            size_t at = l->in_from[t - 1] + fill[t - 1]++;
            l->in[2 * at] = i;
            l->in[2 * at + 1] = k;
        }
    }
    free(fill);
    trawl_strmap_free(&m.url);
    trawl_strmap_free(&m.title);
    trawl_strmap_free(&m.name);
    trawl_buf_free(&a);
    trawl_buf_free(&b);
    failed = failed || m.url.failed || m.title.failed || m.name.failed;
    return failed ? trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory resolving links")
                  : TRAWL_OK;
}

size_t trawl_linker_count(const trawl_linker *l)
{
    return l->n;
}

const char *trawl_linker_path(const trawl_linker *l, size_t i)
{
    return l->docs[i].r.path;
}

trawl_status trawl_linker_edges(const trawl_linker *l, size_t i, trawl_buf *out, trawl_error *err)
{
    const doc *d = &l->docs[i];
    size_t nin = l->in_from[i + 1] - l->in_from[i];
    trawl_doc_edges e = {calloc(d->r.nlinks + 1, sizeof *e.out), d->r.nlinks,
                         calloc(nin + 1, sizeof *e.in), nin, NULL};
    trawl_status st = TRAWL_OK;
    if (!e.out || !e.in)
        st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    for (size_t k = 0; !st && k < d->r.nlinks; k++) {
        const trawl_doc_record *to = d->to && d->to[k] ? &l->docs[d->to[k] - 1].r : NULL;
        e.out[k] = (trawl_edge){d->r.links[k].text, d->r.links[k].target, to ? to->path : NULL,
                                to ? to->title : NULL};
    }
    for (size_t k = 0; !st && k < nin; k++) {
        size_t at = l->in_from[i] + k;
        const trawl_doc_record *from = &l->docs[l->in[2 * at]].r;
        e.in[k] = (trawl_edge){from->links[l->in[2 * at + 1]].text, NULL, from->path, from->title};
    }
    if (!st)
        st = trawl_doc_edges_encode(&e, out, err);
    free(e.out);
    free(e.in);
    return st;
}
