/* filters.c: facet filter values -> filter terms. */
#include "query/filters.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/strmap.h"
#include "facets/facets.h"
#include "index/schema.h"
#include "text/language.h"

/* The key of what `name` means when it is of `kind`, or NULL. */
/* The key of the `kind` of place or center `name` names into `*key` (the gazetteer's), NULL
 * when none. */
static trawl_status find_key(const trawl_filter_context *ctx, const char *name,
                             trawl_alias_kind kind, const char **key, trawl_error *err)
{
    trawl_alias_entity e;
    bool found = false;
    trawl_status st = trawl_aliases_find(ctx->aliases, ctx->an, name, &e, &found, err);
    *key = found && e.kind == kind ? e.key : NULL;
    return st;
}

static trawl_status copy_key(const char *key, char **key_out, trawl_error *err)
{
    *key_out = key ? trawl_strdup(key) : NULL;
    return key && !*key_out ? trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory") : TRAWL_OK;
}

trawl_status trawl_resolve_province(const trawl_filter_context *ctx, const char *name,
                                    char **key_out, trawl_error *err)
{
    const char *key = NULL;
    *key_out = NULL;
    trawl_status st = find_key(ctx, name, TRAWL_ALIAS_PROVINCE, &key, err);
    return st ? st : copy_key(key, key_out, err);
}

trawl_status trawl_resolve_center(const trawl_filter_context *ctx, const char *name, char **key_out,
                                  trawl_error *err)
{
    const trawl_center *by_key = trawl_gazetteer_center(ctx->gz, name);
    const char *key = by_key ? by_key->key : NULL;
    *key_out = NULL;
    trawl_status st = key ? TRAWL_OK : find_key(ctx, name, TRAWL_ALIAS_CENTER, &key, err);
    if (st || key)
        return st ? st : copy_key(key, key_out, err);
    /* A center ingest found by a pattern: known by its key. */
    unsigned freq = 0;
    trawl_buf term = TRAWL_BUF_INIT;
    trawl_schema_term(trawl_schema_facet(TRAWL_FILTER_ICC)->prefix, name, &term);
    if (term.failed)
        st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    else if (ctx->db)
        st = trawl_xdb_termfreq(ctx->db, term.data, term.len, &freq, err);
    trawl_buf_free(&term);
    return st ? st : copy_key(freq > 0 ? name : NULL, key_out, err);
}

/* One end of a year range: digits only, into `*year`; false when malformed. An empty end
 * (an open range) leaves `*year` alone. */
static bool year_end(const char *s, size_t len, long *year)
{
    if (len == 0)
        return true;
    if (len > 6 || strspn(s, "0123456789") < len)
        return false;
    *year = strtol(s, NULL, 10);
    return true;
}

typedef struct year_span {
    long first, last; /* the index's first and last year */
} year_span;

static int on_year_term(void *ctx, const char *term, size_t len, unsigned freq)
{
    year_span *y = ctx;
    const char *prefix = trawl_schema_facet(TRAWL_FILTER_YEAR)->prefix;
    size_t pl = strlen(prefix);
    long year = 0;
    (void)freq;
    if (len > pl && year_end(term + pl, len - pl, &year) && year >= TRAWL_FIRST_YEAR &&
        year <= TRAWL_LAST_YEAR) {
        if (y->first == 0 || year < y->first)
            y->first = year;
        if (year > y->last)
            y->last = year;
    }
    return 0;
}

/* Parses "2024", "2018..2020", "2024.." (up to the index's last year) or "..2019" (from its
 * first) into [*from, *to]; TRAWL_ERR_QUERY_SYNTAX with a message when malformed or out of
 * range. */
static trawl_status parse_years(const trawl_filter_context *ctx, const char *s, int *from, int *to,
                                trawl_error *err)
{
    const char *dots = strstr(s, "..");
    size_t alen = dots ? (size_t)(dots - s) : strlen(s);
    const char *bs = dots ? dots + 2 : s;
    long a = -1, b = -1;
    if ((alen == 0 && (!dots || !*bs)) || !year_end(s, alen, &a) || !year_end(bs, strlen(bs), &b))
        return trawl_error_set(err, TRAWL_ERR_QUERY_SYNTAX,
                               "year:%s: expected a year like 2024, a range like 2018..2020, or "
                               "an open range like 2024.. or ..2019",
                               s);
    if ((a >= 0 && (a < TRAWL_FIRST_YEAR || a > TRAWL_LAST_YEAR)) ||
        (b >= 0 && (b < TRAWL_FIRST_YEAR || b > TRAWL_LAST_YEAR)))
        return trawl_error_set(err, TRAWL_ERR_QUERY_SYNTAX,
                               "year:%s: years go from %d to %d (the years ingest takes as dates)",
                               s, TRAWL_FIRST_YEAR, TRAWL_LAST_YEAR);
    if (a >= 0 && b >= 0 && b < a)
        return trawl_error_set(err, TRAWL_ERR_QUERY_SYNTAX,
                               "year:%s: the range ends before it begins", s);
    if (a < 0 || b < 0) {
        year_span y = {0, 0};
        trawl_status st =
            ctx->db ? trawl_xdb_each_term(ctx->db, trawl_schema_facet(TRAWL_FILTER_YEAR)->prefix,
                                          on_year_term, &y, err)
                    : TRAWL_OK;
        if (st)
            return st;
        if (a < 0)
            a = y.first ? y.first : TRAWL_FIRST_YEAR;
        if (b < 0)
            b = y.last ? y.last : TRAWL_LAST_YEAR;
        if (b < a) /* no year of the index in the range: an empty range */
            b = a - 1;
    }
    *from = (int)a;
    *to = (int)b;
    return TRAWL_OK;
}

/* OR of the filter terms of `values`, weighted 0. */
static trawl_status terms_query(trawl_filter_id filter, const char *const *values, size_t n,
                                trawl_xquery **query_out, trawl_error *err)
{
    trawl_status st = TRAWL_OK;
    trawl_xquery **subs = calloc(n, sizeof *subs), *any = NULL;
    trawl_buf term = TRAWL_BUF_INIT;
    if (!subs)
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < n && !st; i++) {
        trawl_schema_term(trawl_schema_facet(filter)->prefix, values[i], &term);
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

static void free_values(char **values, size_t n)
{
    for (size_t i = 0; values && i < n; i++)
        free(values[i]);
    free(values);
}

void trawl_languages_describe(const char *languages, trawl_buf *out)
{
    trawl_buf_reset(out);
    for (const char *w = languages; *w;) {
        size_t n = strcspn(w, " ");
        char code[16];
        snprintf(code, sizeof code, "%.*s", (int)(n < sizeof code ? n : sizeof code - 1), w);
        const char *name = trawl_language_name(code);
        trawl_buf_printf(out, "%s%s", out->len ? ", " : "", code);
        if (strcmp(name, code) != 0)
            trawl_buf_printf(out, " (%s)", name);
        w += n + (w[n] == ' ');
    }
    if (!out->len)
        trawl_buf_puts(out, "none");
}

bool trawl_languages_have(const char *languages, const char *code)
{
    size_t len = strlen(code);
    for (const char *w = languages; *w;) {
        size_t n = strcspn(w, " ");
        if (n == len && memcmp(w, code, n) == 0)
            return true;
        w += n + (w[n] == ' ');
    }
    return false;
}

/* The error for `lang:value` naming no language: the index's languages. */
static trawl_status unknown_language(const trawl_filter_context *ctx, const char *value,
                                     trawl_error *err)
{
    trawl_buf names = TRAWL_BUF_INIT;
    trawl_languages_describe(ctx->languages ? ctx->languages : "", &names);
    trawl_status st = names.failed
                          ? trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory")
                          : trawl_error_set(err, TRAWL_ERR_QUERY_SYNTAX,
                                            "lang:%s: no such language (the index's languages: %s)",
                                            value, trawl_buf_str(&names));
    trawl_buf_free(&names);
    return st;
}

/* The error for `facet:value` naming no province or center (a city's name: its province). */
static trawl_status unknown_place(const trawl_filter_context *ctx, trawl_filter_id facet,
                                  const char *value, const char *city_key, trawl_error *err)
{
    const trawl_city *city = city_key ? trawl_gazetteer_city(ctx->gz, city_key) : NULL;
    if (city)
        return trawl_error_set(
            err, TRAWL_ERR_QUERY_SYNTAX, "province:%s: %s is a city of %s; use province:%s", value,
            city->name, trawl_gazetteer_province(ctx->gz, city->province)->name, city->province);
    return trawl_error_set(err, TRAWL_ERR_QUERY_SYNTAX,
                           "%s:%s: no such %s (--report %s lists those in the index)",
                           trawl_schema_facet(facet)->name, value,
                           facet == TRAWL_FILTER_PROVINCE ? "province" : "center",
                           facet == TRAWL_FILTER_PROVINCE ? "province" : "icc-registry");
}

/* The filter terms' values of `facet:value` (years of a range, a center's or province's key, a
 * language code...) into a malloc'd array of malloc'd strings. */
static trawl_status filter_values(const trawl_filter_context *ctx, trawl_filter_id facet,
                                  const char *value, char ***values_out, size_t *n_out,
                                  trawl_error *err)
{
    int from = 0, to = 0;
    char *key = NULL;
    *values_out = NULL;
    *n_out = 0;
    if (facet == TRAWL_FILTER_YEAR) {
        trawl_status st = parse_years(ctx, value, &from, &to, err);
        if (st)
            return st;
    } else if (facet == TRAWL_FILTER_LANG || facet == TRAWL_FILTER_KIND ||
               facet == TRAWL_FILTER_URL) {
        /* Metadata: a language by code or English name; a kind in any case; a URL exactly. */
        const char *code = facet == TRAWL_FILTER_LANG ? trawl_language_code(value) : NULL;
        if (!(key = trawl_strdup(code ? code : value)))
            return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
        for (char *c = key; facet != TRAWL_FILTER_URL && *c; c++)
            if (*c >= 'A' && *c <= 'Z')
                *c = (char)(*c + 32);
        /* A language is one Trawl knows, or one the index has (a code of its own). */
        if (facet == TRAWL_FILTER_LANG && !code &&
            !trawl_languages_have(ctx->languages ? ctx->languages : "", key)) {
            free(key);
            return unknown_language(ctx, value, err);
        }
    } else {
        trawl_status st = facet == TRAWL_FILTER_PROVINCE
                              ? trawl_resolve_province(ctx, value, &key, err)
                              : trawl_resolve_center(ctx, value, &key, err);
        const char *city_key = NULL;
        if (!st && !key && facet == TRAWL_FILTER_PROVINCE)
            st = find_key(ctx, value, TRAWL_ALIAS_CITY, &city_key, err);
        if (st)
            return st;
        if (!key)
            return unknown_place(ctx, facet, value, city_key, err);
    }
    size_t n = key ? 1 : (size_t)(to - from + 1);
    if (n == 0) /* an open range beyond the index's years */
        return TRAWL_OK;
    char **values = calloc(n, sizeof *values);
    bool failed = !values;
    for (size_t i = 0; i < n && !failed; i++) {
        char year[8];
        snprintf(year, sizeof year, "%d", from + (int)i);
        failed = !(values[i] = trawl_strdup(key ? key : year));
    }
    free(key);
    if (failed) {
        free_values(values, n);
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    }
    *values_out = values;
    *n_out = n;
    return TRAWL_OK;
}

trawl_status trawl_filter_query(const trawl_filter_context *ctx, trawl_filter_id facet,
                                const char *value, trawl_xquery **query_out, trawl_error *err)
{
    char **values = NULL;
    size_t n = 0;
    *query_out = NULL;
    trawl_status st = filter_values(ctx, facet, value, &values, &n, err);
    if (!st && n == 0)
        st = trawl_xquery_match_nothing(query_out, err);
    else if (!st)
        st = terms_query(facet, (const char *const *)values, n, query_out, err);
    free_values(values, n);
    return st;
}

void trawl_filter_scope_free(trawl_filter_scope *scope)
{
    for (int f = 0; f < TRAWL_FACET_COUNT; f++)
        trawl_strmap_free(&scope->allowed[f]);
    memset(scope, 0, sizeof *scope);
}

/* True when `n` is a filter of a facet, or an OR of filters of one facet: `*facet` is it. */
static bool is_facet_filter(const trawl_qnode *n, int *facet)
{
    if (n->kind == TRAWL_QNODE_FILTER) {
        *facet = (int)n->filter;
        return n->filter < (trawl_filter_id)TRAWL_FACET_COUNT;
    }
    if (n->kind != TRAWL_QNODE_OR || n->nkids == 0)
        return false;
    for (size_t i = 0; i < n->nkids; i++) {
        int f = -1;
        if (!is_facet_filter(n->kids[i], &f) || (i > 0 && f != *facet))
            return false;
        *facet = f;
    }
    return true;
}

/* Adds the values `n` (a facet filter or an OR of them) admits to `set`. */
static trawl_status admit(const trawl_filter_context *ctx, const trawl_qnode *n, trawl_strmap *set,
                          trawl_error *err)
{
    if (n->kind == TRAWL_QNODE_OR) {
        trawl_status st = TRAWL_OK;
        for (size_t i = 0; i < n->nkids && !st; i++)
            st = admit(ctx, n->kids[i], set, err);
        return st;
    }
    char **values = NULL;
    size_t count = 0;
    trawl_status st = filter_values(ctx, n->filter, n->text, &values, &count, err);
    for (size_t i = 0; i < count && !st; i++)
        if (!trawl_strmap_at(set, values[i], strlen(values[i])))
            st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    free_values(values, count);
    return st;
}

/* Narrows `scope` by one more conjunct: a facet restricted twice admits what both admit. */
static trawl_status narrow(const trawl_filter_context *ctx, const trawl_qnode *n, int facet,
                           trawl_filter_scope *scope, trawl_error *err)
{
    trawl_strmap set = TRAWL_STRMAP_INIT;
    trawl_status st = admit(ctx, n, &set, err);
    if (!st && scope->restricted[facet]) {
        trawl_strmap both = TRAWL_STRMAP_INIT;
        for (size_t i = 0; i < set.cap && !st; i++)
            if (set.keys[i] &&
                trawl_strmap_get(&scope->allowed[facet], set.keys[i], strlen(set.keys[i])) &&
                !trawl_strmap_at(&both, set.keys[i], strlen(set.keys[i])))
                st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
        trawl_strmap_free(&set);
        set = both;
    }
    if (st) {
        trawl_strmap_free(&set);
        return st;
    }
    trawl_strmap_free(&scope->allowed[facet]);
    scope->allowed[facet] = set;
    scope->restricted[facet] = true;
    return TRAWL_OK;
}

trawl_status trawl_filter_scope_of(const trawl_filter_context *ctx, const trawl_qnode *root,
                                   trawl_filter_scope *scope, trawl_error *err)
{
    memset(scope, 0, sizeof *scope);
    if (!root)
        return TRAWL_OK;
    const trawl_qnode *const *kids = root->kind == TRAWL_QNODE_AND
                                         ? (const trawl_qnode *const *)root->kids
                                         : (const trawl_qnode *const *)&root;
    size_t n = root->kind == TRAWL_QNODE_AND ? root->nkids : 1;
    trawl_status st = TRAWL_OK;
    for (size_t i = 0; i < n && !st; i++) {
        int facet = -1;
        if (is_facet_filter(kids[i], &facet))
            st = narrow(ctx, kids[i], facet, scope, err);
    }
    if (st)
        trawl_filter_scope_free(scope);
    return st;
}
