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

/* The key of what `name` means when it is of `kind`, or NULL. */
static const char *find_key(const trawl_filter_context *ctx, const char *name,
                            trawl_alias_kind kind)
{
    trawl_alias_entity e;
    return trawl_aliases_find(ctx->aliases, ctx->an, name, &e) && e.kind == kind ? e.key : NULL;
}

char *trawl_resolve_province(const trawl_filter_context *ctx, const char *name)
{
    const char *key = find_key(ctx, name, TRAWL_ALIAS_PROVINCE);
    return key ? trawl_strdup(key) : NULL;
}

char *trawl_resolve_center(const trawl_filter_context *ctx, const char *name)
{
    const trawl_center *by_key = trawl_gazetteer_center(ctx->gz, name);
    const char *key = by_key ? by_key->key : find_key(ctx, name, TRAWL_ALIAS_CENTER);
    if (key)
        return trawl_strdup(key);
    /* A center ingest found by a pattern: known by its key. */
    unsigned freq = 0;
    trawl_buf term = TRAWL_BUF_INIT;
    trawl_schema_term(trawl_schema_facet(TRAWL_FACET_ICC)->prefix, name, &term);
    char *found = NULL;
    if (ctx->db && !term.failed &&
        trawl_xdb_termfreq(ctx->db, term.data, term.len, &freq, NULL) == TRAWL_OK && freq > 0)
        found = trawl_strdup(name);
    trawl_buf_free(&term);
    return found;
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
        const char *city_key =
            facet == TRAWL_FACET_PROVINCE ? find_key(ctx, value, TRAWL_ALIAS_CITY) : NULL;
        const trawl_city *city = city_key ? trawl_gazetteer_city(ctx->gz, city_key) : NULL;
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
