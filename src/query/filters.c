/* filters.c: facet filter values -> filter terms. */
#include "query/filters.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "facets/facets.h"
#include "index/schema.h"
#include "text/language.h"

/* A range of more years than this is refused. */
#define MAX_YEARS 300

static int join_term(void *ctx, const trawl_term *t)
{
    trawl_buf *b = ctx;
    if (b->len)
        trawl_buf_putc(b, ' ');
    trawl_buf_append(b, t->term, t->term_len);
    return 0;
}

/* `name` as its folded words joined by spaces (reset first). */
static void fold_name(trawl_analyzer *an, const char *name, trawl_buf *out)
{
    trawl_buf_reset(out);
    if (trawl_analyze(an, name, strlen(name), join_term, out, NULL))
        out->failed = true;
}

/* A name being looked up: folded once, compared with entries folded alike. */
typedef struct lookup {
    trawl_analyzer *an;
    trawl_buf folded;  /* the name looked up */
    trawl_buf scratch; /* an entry's name */
} lookup;

static void lookup_init(lookup *l, trawl_analyzer *an, const char *name)
{
    *l = (lookup){an, TRAWL_BUF_INIT, TRAWL_BUF_INIT};
    fold_name(an, name, &l->folded);
}

static void lookup_free(lookup *l)
{
    trawl_buf_free(&l->folded);
    trawl_buf_free(&l->scratch);
}

/* Whether the name is `key` or one of `names`. */
static bool lookup_matches(lookup *l, const char *key, const trawl_names *names)
{
    if (!l->folded.len || l->folded.failed)
        return false;
    fold_name(l->an, key, &l->scratch);
    if (strcmp(trawl_buf_str(&l->scratch), l->folded.data) == 0)
        return true;
    for (size_t i = 0; i < names->n; i++) {
        fold_name(l->an, names->items[i], &l->scratch);
        if (strcmp(trawl_buf_str(&l->scratch), l->folded.data) == 0)
            return true;
    }
    return false;
}

char *trawl_resolve_province(const trawl_filter_context *ctx, const char *name)
{
    lookup l;
    char *key = NULL;
    size_t n;
    const trawl_province *p = trawl_gazetteer_provinces(ctx->gz, &n);
    lookup_init(&l, ctx->an, name);
    for (size_t i = 0; i < n && !key; i++)
        if (lookup_matches(&l, p[i].key, &p[i].aliases))
            key = trawl_strdup(p[i].key);
    lookup_free(&l);
    return key;
}

/* The city `name` means, for a helpful message, or NULL. */
static const trawl_city *resolve_city(const trawl_filter_context *ctx, const char *name)
{
    lookup l;
    const trawl_city *city = NULL;
    size_t n;
    const trawl_city *c = trawl_gazetteer_cities(ctx->gz, &n);
    lookup_init(&l, ctx->an, name);
    for (size_t i = 0; i < n && !city; i++)
        if (lookup_matches(&l, c[i].key, &c[i].aliases))
            city = &c[i];
    lookup_free(&l);
    return city;
}

char *trawl_resolve_center(const trawl_filter_context *ctx, const char *name)
{
    lookup l;
    char *key = NULL;
    size_t n;
    const trawl_center *c = trawl_gazetteer_centers(ctx->gz, &n);
    lookup_init(&l, ctx->an, name);
    for (size_t i = 0; i < n && !key; i++)
        if (lookup_matches(&l, c[i].key, &c[i].aliases))
            key = trawl_strdup(c[i].key);
    if (!key && ctx->db) {
        /* A center ingest found by a pattern: known by its key. */
        unsigned freq = 0;
        trawl_schema_term(trawl_schema_facet(TRAWL_FACET_ICC)->prefix, name, &l.scratch);
        if (!l.scratch.failed &&
            trawl_xdb_termfreq(ctx->db, l.scratch.data, l.scratch.len, &freq, NULL) == TRAWL_OK &&
            freq > 0)
            key = trawl_strdup(name);
    }
    lookup_free(&l);
    return key;
}

/* Parses "2024" or "2018..2020". */
static bool parse_years(const char *s, int *from, int *to)
{
    char *end;
    long a = strtol(s, &end, 10);
    long b = a;
    if (end == s)
        return false;
    if (strncmp(end, "..", 2) == 0) {
        const char *rest = end + 2;
        b = strtol(rest, &end, 10);
        if (end == rest)
            return false;
    }
    if (*end || a < 1000 || b > 2999 || b < a || b - a >= MAX_YEARS)
        return false;
    *from = (int)a;
    *to = (int)b;
    return true;
}

/* OR of the filter terms of `values`, weighted 0. */
static trawl_status terms_query(int facet, const char *const *values, size_t n,
                                trawl_xquery **query_out, trawl_error *err)
{
    trawl_status st = TRAWL_OK;
    trawl_xquery **subs = calloc(n, sizeof *subs), *any = NULL;
    trawl_buf term = TRAWL_BUF_INIT;
    if (!subs)
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < n && !st; i++) {
        trawl_schema_term(trawl_schema_facet(facet)->prefix, values[i], &term);
        st = term.failed ? trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory")
                         : trawl_xquery_term(term.data, term.len, 1, 0, &subs[i], err);
    }
    if (!st)
        st = trawl_xquery_combine(TRAWL_XOP_OR, subs, n, 0, &any, err);
    if (!st)
        st = trawl_xquery_scale(any, 0.0, query_out, err);
    for (size_t i = 0; i < n; i++)
        trawl_xquery_free(subs[i]);
    free(subs);
    trawl_xquery_free(any);
    trawl_buf_free(&term);
    return st;
}

trawl_status trawl_filter_query(const trawl_filter_context *ctx, int facet, const char *value,
                                trawl_xquery **query_out, trawl_error *err)
{
    *query_out = NULL;
    if (facet == TRAWL_FACET_YEAR) {
        int from, to;
        if (!parse_years(value, &from, &to))
            return trawl_error_set(err, TRAWL_ERR_QUERY_SYNTAX,
                                   "year:%s: expected a year like 2024 or a range like "
                                   "2018..2020",
                                   value);
        char buf[MAX_YEARS][8];
        const char *values[MAX_YEARS];
        for (int y = from; y <= to; y++) {
            snprintf(buf[y - from], sizeof buf[0], "%d", y);
            values[y - from] = buf[y - from];
        }
        return terms_query(facet, values, (size_t)(to - from + 1), query_out, err);
    }
    if (facet == TRAWL_FACET_LANG || facet == TRAWL_FACET_KIND || facet == TRAWL_FILTER_URL) {
        /* Metadata: a language by code or English name; a kind in any case; a URL exactly. */
        const char *code = facet == TRAWL_FACET_LANG ? trawl_language_code(value) : NULL;
        char *v = trawl_strdup(code ? code : value);
        if (!v)
            return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
        for (char *c = v; facet != TRAWL_FILTER_URL && *c; c++)
            if (*c >= 'A' && *c <= 'Z')
                *c = (char)(*c + 32);
        const char *values[1] = {v};
        trawl_status st = terms_query(facet, values, 1, query_out, err);
        free(v);
        return st;
    }
    char *key = facet == TRAWL_FACET_PROVINCE ? trawl_resolve_province(ctx, value)
                                              : trawl_resolve_center(ctx, value);
    if (!key) {
        const trawl_city *city = facet == TRAWL_FACET_PROVINCE ? resolve_city(ctx, value) : NULL;
        if (city)
            return trawl_error_set(
                err, TRAWL_ERR_QUERY_SYNTAX, "province:%s: %s is a city of %s; use province:%s",
                value, city->name, trawl_gazetteer_province(ctx->gz, city->province)->name,
                city->province);
        return trawl_error_set(err, TRAWL_ERR_QUERY_SYNTAX,
                               "%s:%s: no such %s (--report %s lists those in the index)",
                               trawl_facet_name((trawl_facet_id)facet), value,
                               facet == TRAWL_FACET_PROVINCE ? "province" : "center",
                               facet == TRAWL_FACET_PROVINCE ? "province" : "icc-registry");
    }
    const char *values[1] = {key};
    trawl_status st = terms_query(facet, values, 1, query_out, err);
    free(key);
    return st;
}
