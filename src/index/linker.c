/* linker.c: resolving the links of document records through hash maps. */
#include "index/linker.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "common/strmap.h"

typedef struct doc {
    json_t *record; /* owned */
    const char *path, *title, *url;
    size_t *to; /* per link: the document it leads to + 1, 0 for none */
    size_t nlinks;
} doc;

struct trawl_linker {
    doc *docs;
    size_t n, cap;
    size_t *in;      /* incoming links, grouped by target: (from, link) pairs */
    size_t *in_from; /* start of each document's group in `in` (n + 1 entries) */
};

static const char *field(json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

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
        json_decref(l->docs[i].record);
        free(l->docs[i].to);
    }
    free(l->docs);
    free(l->in);
    free(l->in_from);
    free(l);
}

trawl_status trawl_linker_add(trawl_linker *l, const char *record, size_t len, trawl_error *err)
{
    json_t *o = json_loadb(record, len, 0, NULL);
    if (!json_is_object(o) || !*field(o, "path")) {
        json_decref(o);
        return TRAWL_OK;
    }
    if (!trawl_array_grow((void **)&l->docs, &l->cap, l->n, sizeof *l->docs)) {
        json_decref(o);
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    }
    l->docs[l->n++] = (doc){o, field(o, "path"), field(o, "title"), field(o, "url"), NULL, 0};
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
    return strcmp(((const doc *)a)->path, ((const doc *)b)->path);
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
    absolute(target, from->url, a);
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
        const doc *d = &l->docs[i];
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
        json_t *links = json_object_get(d->record, "links");
        d->nlinks = json_array_size(links);
        if (d->nlinks && !(d->to = calloc(d->nlinks, sizeof *d->to))) {
            failed = true;
            break;
        }
        for (size_t k = 0; k < d->nlinks; k++) {
            d->to[k] = lookup(&m, d, i, field(json_array_get(links, k), "target"), &a, &b);
            total += d->to[k] != 0;
        }
    }
    /* Incoming links grouped by target, in the linking documents' order. */
    if (!failed && (!(l->in_from = calloc(l->n + 1, sizeof *l->in_from)) ||
                    !(l->in = calloc(2 * total + 1, sizeof *l->in))))
        failed = true;
    for (size_t i = 0; i < l->n && !failed; i++)
        for (size_t k = 0; k < l->docs[i].nlinks; k++)
            if (l->docs[i].to[k])
                l->in_from[l->docs[i].to[k]]++;
    for (size_t i = 0; i < l->n && !failed; i++)
        l->in_from[i + 1] += l->in_from[i];
    size_t *fill = failed ? NULL : calloc(l->n + 1, sizeof *fill);
    if (!failed && !fill)
        failed = true;
    for (size_t i = 0; i < l->n && !failed; i++) {
        for (size_t k = 0; k < l->docs[i].nlinks; k++) {
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
    return l->docs[i].path;
}

trawl_status trawl_linker_edges(const trawl_linker *l, size_t i, trawl_buf *out, trawl_error *err)
{
    const doc *d = &l->docs[i];
    json_t *o = json_object(), *outs = json_array(), *ins = json_array();
    json_t *links = json_object_get(d->record, "links");
    for (size_t k = 0; k < d->nlinks; k++) {
        json_t *link = json_array_get(links, k);
        json_t *e =
            json_pack("{s:s,s:s}", "text", field(link, "text"), "target", field(link, "target"));
        if (e && d->to && d->to[k]) {
            json_object_set_new(e, "path", json_string(l->docs[d->to[k] - 1].path));
            json_object_set_new(e, "title", json_string(l->docs[d->to[k] - 1].title));
        }
        json_array_append_new(outs, e);
    }
    for (size_t at = l->in_from[i]; at < l->in_from[i + 1]; at++) {
        const doc *from = &l->docs[l->in[2 * at]];
        json_t *link = json_array_get(json_object_get(from->record, "links"), l->in[2 * at + 1]);
        json_array_append_new(ins, json_pack("{s:s,s:s,s:s}", "text", field(link, "text"), "path",
                                             from->path, "title", from->title));
    }
    json_object_set_new(o, "out", outs);
    json_object_set_new(o, "in", ins);
    char *text = json_dumps(o, JSON_COMPACT);
    json_decref(o);
    trawl_buf_reset(out);
    if (text)
        trawl_buf_puts(out, text);
    free(text);
    return !text || out->failed ? trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory") : TRAWL_OK;
}
