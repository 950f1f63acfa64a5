/* filters.c: facet filter values -> filter terms. */
#include "query/filters.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/dates.h"
#include "common/strmap.h"
#include "facets/facets.h"
#include "index/runs.h"
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

/* Splits "A..B", "A..", "..B" or "A" (then both ends A) into its ends, each "" when open and
 * at most `size` - 1 bytes; false when an end is too long or there is no end at all. */
static bool range_ends(const char *value, char *from, char *to, size_t size)
{
    const char *dots = strstr(value, "..");
    size_t alen = dots ? (size_t)(dots - value) : strlen(value);
    const char *b = dots ? dots + 2 : value;
    size_t blen = strlen(b);
    if (alen >= size || blen >= size || (alen == 0 && blen == 0))
        return false;
    memcpy(from, value, alen);
    from[alen] = 0;
    memcpy(to, b, blen);
    to[blen] = 0;
    return true;
}

/* published:DATE or a range of dates: passages whose document's date lies within it, its whole
 * span (dates.h: trawl_date_within), as a range of TRAWL_SLOT_PUBLISHED. */
static trawl_status published_query(const char *value, trawl_xquery **query_out, trawl_error *err)
{
    char a[32], b[32], from[TRAWL_DATE_SIZE] = "", to[TRAWL_DATE_SIZE] = "";
    if (!range_ends(value, a, b, sizeof a) || (*a && !trawl_date_parse_iso(a, strlen(a), from)) ||
        (*b && !trawl_date_parse_iso(b, strlen(b), to)))
        return trawl_error_set(err, TRAWL_ERR_QUERY_SYNTAX,
                               "published:%s: expected a date like 2024, 2024-06 or 2024-06-15, "
                               "or a range like 2023-06..2024-01 (either end may be left open)",
                               value);
    if (*from && *to && strcmp(from, to) > 0 && strncmp(from, to, strlen(to)) != 0)
        return trawl_error_set(err, TRAWL_ERR_QUERY_SYNTAX,
                               "published:%s: the range ends before it begins", value);
    /* Dates sort as bytes, a less precise date before the dates it covers: within [from, to
     * + "~"] ("~" sorts after every digit and "-"), less the dates that only begin `to`'s span
     * ("2024" when `to` is 2024-06). Every date starts with a digit above "0". */
    char hi[TRAWL_DATE_SIZE + 1];
    snprintf(hi, sizeof hi, "%s~", to);
    const char *lo = *from ? from : "0";
    trawl_xquery *q = NULL, *parts[3] = {NULL, NULL, NULL};
    size_t n = 0;
    trawl_status st = trawl_xquery_value_range(TRAWL_SLOT_PUBLISHED, lo, strlen(lo), hi, strlen(hi),
                                               &parts[n++], err);
    for (size_t len = 4; !st && len < strlen(to); len += 3)
        st = trawl_xquery_value_range(TRAWL_SLOT_PUBLISHED, to, len, to, len, &parts[n++], err);
    if (!st)
        st = n == 1 ? trawl_xquery_scale(parts[0], 0.0, &q, err)
                    : trawl_xquery_combine(TRAWL_XOP_AND_NOT, parts, n, 0, &q, err);
    if (!st && n > 1) {
        trawl_xquery *scaled = NULL;
        st = trawl_xquery_scale(q, 0.0, &scaled, err);
        trawl_xquery_free(q);
        q = scaled;
    }
    for (size_t i = 0; i < n; i++)
        trawl_xquery_free(parts[i]);
    *query_out = st ? NULL : q;
    if (st)
        trawl_xquery_free(q);
    return st;
}

/* A run id as typed: digits, 1 or more. */
static bool run_id(const char *s, unsigned *id)
{
    if (!*s || strspn(s, "0123456789") != strlen(s) || strlen(s) > 8)
        return false;
    *id = (unsigned)strtoul(s, NULL, 10);
    return *id > 0;
}

/* The run ids `added:value` names, among `runs`: "last", a run, a range of runs ("3..5",
 * "3.."), or the runs whose day (UTC) lies within a date or range of dates. */
static trawl_status added_runs(const trawl_runs *runs, const char *value, unsigned **ids_out,
                               size_t *n_out, trawl_error *err)
{
    char a[32], b[32], from[TRAWL_DATE_SIZE] = "", to[TRAWL_DATE_SIZE] = "";
    unsigned first = 0, last = 0;
    bool by_id = false, by_date = false;
    const trawl_run *newest = trawl_runs_last(runs);
    *ids_out = NULL;
    *n_out = 0;
    if (strcmp(value, "last") == 0) {
        if (!newest)
            return trawl_error_set(err, TRAWL_ERR_QUERY_SYNTAX,
                                   "added:last: the index records no runs (it was built before "
                                   "runs were: rebuild it with trawl-ingest --rebuild)");
        first = last = newest->id;
        by_id = true;
    } else if (range_ends(value, a, b, sizeof a)) {
        by_id = (!*a || run_id(a, &first)) && (!*b || run_id(b, &last));
        by_date = !by_id && (!*a || trawl_date_parse_iso(a, strlen(a), from)) &&
                  (!*b || trawl_date_parse_iso(b, strlen(b), to));
        if (by_id && !*b)
            last = newest ? newest->id : 0;
        if (by_id && !strstr(value, "..") && !trawl_runs_find(runs, first))
            return trawl_error_set(err, TRAWL_ERR_QUERY_SYNTAX,
                                   "added:%s: no run %u in the index (trawl-ingest --list-runs "
                                   "lists its runs%s%u)",
                                   value, first, newest ? ": 1 to " : "", newest ? newest->id : 0);
    }
    if (!by_id && !by_date)
        return trawl_error_set(err, TRAWL_ERR_QUERY_SYNTAX,
                               "added:%s: expected last, a run (3), a range of runs (3..5), a "
                               "date (2026-11-01) or a range of dates (2026-11-01..)",
                               value);
    unsigned *ids = calloc(runs->n ? runs->n : 1, sizeof *ids);
    if (!ids)
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    size_t n = 0;
    for (size_t i = 0; i < runs->n; i++) {
        const trawl_run *r = &runs->items[i];
        char day[TRAWL_DATE_SIZE];
        trawl_date_of_time(r->epoch, day);
        if (by_id ? r->id >= first && r->id <= last : trawl_date_within(day, from, to))
            ids[n++] = r->id;
    }
    *ids_out = ids;
    *n_out = n;
    return TRAWL_OK;
}

/* added:VALUE: the passages the runs it names last added or changed. */
static trawl_status added_query(const trawl_filter_context *ctx, const char *value,
                                trawl_xquery **query_out, trawl_error *err)
{
    trawl_runs runs = TRAWL_RUNS_INIT;
    unsigned *ids = NULL;
    size_t n = 0;
    trawl_status st = ctx->db ? trawl_runs_load(ctx->db, &runs, err) : TRAWL_OK;
    if (!st)
        st = added_runs(&runs, value, &ids, &n, err);
    char **values = st ? NULL : calloc(n ? n : 1, sizeof *values);
    if (!st && !values)
        st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < n && !st; i++) {
        char id[16];
        snprintf(id, sizeof id, "%u", ids[i]);
        if (!(values[i] = trawl_strdup(id)))
            st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    }
    if (!st)
        st = n ? terms_query(TRAWL_FILTER_ADDED, (const char *const *)values, n, query_out, err)
               : trawl_xquery_match_nothing(query_out, err);
    free_values(values, n);
    free(ids);
    trawl_runs_free(&runs);
    return st;
}

trawl_status trawl_filter_query(const trawl_filter_context *ctx, trawl_filter_id facet,
                                const char *value, trawl_xquery **query_out, trawl_error *err)
{
    char **values = NULL;
    size_t n = 0;
    *query_out = NULL;
    if (facet == TRAWL_FILTER_PUBLISHED)
        return published_query(value, query_out, err);
    if (facet == TRAWL_FILTER_ADDED)
        return added_query(ctx, value, query_out, err);
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
        /* A date range admits dates, not the years or months a report counts by. */
        return n->filter < (trawl_filter_id)TRAWL_FACET_COUNT &&
               n->filter != TRAWL_FILTER_PUBLISHED;
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
