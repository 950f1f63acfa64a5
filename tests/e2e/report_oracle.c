/* report_oracle: recounts trawl-query's reports from the passages themselves, independently of
 * Trawl's counting code (it links jansson only).
 *
 *   report_oracle [--admit FACET=V1,V2,...] HITS.json REPORT.json...
 *
 * HITS.json is `trawl-query --format json --limit N QUERY` with every match of QUERY; each
 * REPORT.json is `trawl-query --format json --report ... QUERY` for the same QUERY (a facet, a
 * cross-tab or the registry, passages or documents). The values of a passage are those of its
 * "facets" evidence (icc, province, year) and its "lang" and "kind", its foundings those of its
 * "foundings" (the registry's earliest year is their least); a document has the union
 * of its passages' values. --admit limits a facet's values to those listed (a report over a
 * query with facet filters shows only what they admit). Every number of every report must be
 * the recount: prints each difference and exits 1 when there is one, else prints how many
 * numbers it checked. */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FACETS 5
static const char *const facet_names[FACETS] = {"icc", "province", "year", "lang", "kind"};

#define MAX_VALUES 256

/* A passage, or a document: its values per facet (borrowed from the JSON). */
typedef struct unit {
    const char *path;
    const char *values[FACETS][MAX_VALUES];
    size_t n[FACETS];
    size_t founded_n; /* center-year founding pairs, with their sentences */
    const char *founded_icc[MAX_VALUES];
    long founded_year[MAX_VALUES];
    const char *founded_text[MAX_VALUES];
    const char *id; /* the passage id */
} unit;

static char **admitted[FACETS]; /* NULL: every value */
static size_t nadmitted[FACETS];
static size_t checked, differences;

static int facet_of(const char *name)
{
    for (int f = 0; f < FACETS; f++)
        if (strcmp(name, facet_names[f]) == 0)
            return f;
    return -1;
}

static bool admits(int f, const char *v)
{
    if (!admitted[f])
        return true;
    for (size_t i = 0; i < nadmitted[f]; i++)
        if (strcmp(admitted[f][i], v) == 0)
            return true;
    return false;
}

static bool has(const unit *u, int f, const char *v)
{
    for (size_t i = 0; i < u->n[f]; i++)
        if (strcmp(u->values[f][i], v) == 0)
            return true;
    return false;
}

static void add_value(unit *u, int f, const char *v)
{
    if (!v || !*v || !admits(f, v) || has(u, f, v))
        return;
    if (u->n[f] == MAX_VALUES) {
        fprintf(stderr, "report_oracle: more than %d values of %s in %s\n", MAX_VALUES,
                facet_names[f], u->path);
        exit(2);
    }
    u->values[f][u->n[f]++] = v;
}

static void expect(const char *report, const char *what, long long got, long long want)
{
    checked++;
    if (got != want) {
        differences++;
        printf("%s: %s is %lld, the recount %lld\n", report, what, got, want);
    }
}

static json_t *load(const char *path)
{
    json_error_t e;
    json_t *j = json_load_file(path, 0, &e);
    if (!j) {
        fprintf(stderr, "report_oracle: %s:%d: %s\n", path, e.line, e.text);
        exit(2);
    }
    return j;
}

/* The passages of HITS.json. */
static unit *passages_of(json_t *hits, size_t *n_out)
{
    json_t *results = json_object_get(hits, "results");
    size_t n = json_array_size(results);
    if ((size_t)json_integer_value(json_object_get(hits, "total")) != n) {
        fprintf(stderr, "report_oracle: the hits hold %zu of %lld matches: raise --limit\n", n,
                (long long)json_integer_value(json_object_get(hits, "total")));
        exit(2);
    }
    unit *units = calloc(n ? n : 1, sizeof *units);
    for (size_t i = 0; i < n; i++) {
        json_t *h = json_array_get(results, i);
        unit *u = &units[i];
        u->path = json_string_value(json_object_get(h, "path"));
        u->id = json_string_value(json_object_get(h, "id"));
        json_t *e;
        size_t k;
        json_array_foreach(json_object_get(h, "facets"), k, e)
        {
            int f = facet_of(json_string_value(json_object_get(e, "facet")));
            if (f >= 0)
                add_value(u, f, json_string_value(json_object_get(e, "value")));
        }
        add_value(u, 3, json_string_value(json_object_get(h, "lang")));
        add_value(u, 4, json_string_value(json_object_get(h, "kind")));
        json_array_foreach(json_object_get(h, "foundings"), k, e)
        {
            if (u->founded_n < MAX_VALUES) {
                u->founded_icc[u->founded_n] = json_string_value(json_object_get(e, "icc"));
                u->founded_text[u->founded_n] = json_string_value(json_object_get(e, "text"));
                u->founded_year[u->founded_n++] =
                    (long)json_integer_value(json_object_get(e, "year"));
            }
        }
    }
    *n_out = n;
    return units;
}

static int by_path(const void *a, const void *b)
{
    return strcmp(((const unit *)a)->path, ((const unit *)b)->path);
}

/* The documents of `passages`: each with the union of its passages' values. */
static unit *documents_of(const unit *passages, size_t n, size_t *n_out)
{
    unit *sorted = malloc((n ? n : 1) * sizeof *sorted);
    unit *docs = calloc(n ? n : 1, sizeof *docs);
    size_t nd = 0;
    memcpy(sorted, passages, n * sizeof *sorted);
    qsort(sorted, n, sizeof *sorted, by_path);
    for (size_t i = 0; i < n; i++) {
        if (i == 0 || strcmp(sorted[i].path, sorted[i - 1].path) != 0)
            docs[nd++].path = sorted[i].path;
        for (int f = 0; f < FACETS; f++)
            for (size_t k = 0; k < sorted[i].n[f]; k++)
                add_value(&docs[nd - 1], f, sorted[i].values[f][k]);
    }
    free(sorted);
    *n_out = nd;
    return docs;
}

/* Units having value `v` of facet `f` (NULL: having none) and, when `g` >= 0, `w` of `g`. */
static long long count(const unit *units, size_t n, int f, const char *v, int g, const char *w)
{
    long long c = 0;
    for (size_t i = 0; i < n; i++) {
        bool a = v ? has(&units[i], f, v) : units[i].n[f] == 0;
        bool b = g < 0 || (w ? has(&units[i], g, w) : units[i].n[g] == 0);
        c += a && b;
    }
    return c;
}

/* The distinct values of facet `f` over `units`. */
static size_t distinct(const unit *units, size_t n, int f, const char **out)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < units[i].n[f]; j++) {
            bool seen = false;
            for (size_t m = 0; m < k && !seen; m++)
                seen = strcmp(out[m], units[i].values[f][j]) == 0;
            if (!seen)
                out[k++] = units[i].values[f][j];
        }
    return k;
}

/* The rows of a report (each {value, count}) against the recount of facet `f`: the same
 * values, each counted right, in the documented order; the none row (value null) last when
 * `with_none`. */
static void check_rows(const char *name, json_t *rows, const unit *units, size_t n, int f,
                       bool with_none)
{
    const char **values = malloc((n * MAX_VALUES + 1) * sizeof *values);
    size_t nv = distinct(units, n, f, values);
    size_t nrows = json_array_size(rows) - (with_none ? 1 : 0);
    char what[256];
    snprintf(what, sizeof what, "the number of %s values", facet_names[f]);
    expect(name, what, (long long)nrows, (long long)nv);
    long long prev_count = -1;
    const char *prev = NULL;
    for (size_t i = 0; i < nrows; i++) {
        json_t *row = json_array_get(rows, i);
        const char *v = json_string_value(json_object_get(row, "value"));
        long long c = json_integer_value(json_object_get(row, "count"));
        snprintf(what, sizeof what, "%s %s", facet_names[f], v ? v : "(null)");
        expect(name, what, c, v ? count(units, n, f, v, -1, NULL) : -1);
        /* Years in order; other values by count, most first, then by value. */
        bool ordered =
            !prev || (f == 2 ? strcmp(prev, v) < 0
                             : prev_count > c || (prev_count == c && strcmp(prev, v) < 0));
        snprintf(what, sizeof what, "the order of %s after %s (1: right)", v ? v : "(null)",
                 prev ? prev : "");
        expect(name, what, ordered, 1);
        prev = v;
        prev_count = c;
    }
    if (with_none) {
        json_t *row = json_array_get(rows, nrows);
        snprintf(what, sizeof what, "the last row's value is null (1: yes)");
        expect(name, what, json_is_null(json_object_get(row, "value")), 1);
        snprintf(what, sizeof what, "%s (none)", facet_names[f]);
        expect(name, what, json_integer_value(json_object_get(row, "count")),
               count(units, n, f, NULL, -1, NULL));
    }
    free(values);
}

static void check_crosstab(const char *name, json_t *r, const unit *units, size_t n, int a, int b)
{
    json_t *rows = json_object_get(r, "rows"), *cols = json_object_get(r, "columns");
    json_t *cells = json_object_get(r, "cells");
    check_rows(name, rows, units, n, a, true);
    check_rows(name, cols, units, n, b, true);
    expect(name, "cell rows", (long long)json_array_size(cells), (long long)json_array_size(rows));
    for (size_t i = 0; i < json_array_size(rows); i++) {
        const char *v = json_string_value(json_object_get(json_array_get(rows, i), "value"));
        json_t *line = json_array_get(cells, i);
        expect(name, "cells in a row", (long long)json_array_size(line),
               (long long)json_array_size(cols));
        for (size_t j = 0; j < json_array_size(cols); j++) {
            const char *w = json_string_value(json_object_get(json_array_get(cols, j), "value"));
            char what[256];
            snprintf(what, sizeof what, "cell %s x %s", v ? v : "(none)", w ? w : "(none)");
            expect(name, what, json_integer_value(json_array_get(line, j)),
                   count(units, n, a, v, b, w));
        }
    }
}

static void check_registry(const char *name, json_t *r, const unit *passages, size_t np,
                           const unit *docs, size_t nd)
{
    json_t *centers = json_object_get(r, "centers");
    const char **values = malloc((np * MAX_VALUES + 1) * sizeof *values);
    size_t nv = distinct(passages, np, 0, values);
    expect(name, "the number of centers", (long long)json_array_size(centers), (long long)nv);
    json_t *c;
    size_t i;
    json_array_foreach(centers, i, c)
    {
        const char *key = json_string_value(json_object_get(c, "key"));
        char what[256];
        snprintf(what, sizeof what, "passages of %s", key);
        expect(name, what, json_integer_value(json_object_get(c, "passages")),
               count(passages, np, 0, key, -1, NULL));
        snprintf(what, sizeof what, "documents of %s", key);
        expect(name, what, json_integer_value(json_object_get(c, "documents")),
               count(docs, nd, 0, key, -1, NULL));
        long earliest = 0;
        for (size_t p = 0; p < np; p++)
            for (size_t k = 0; k < passages[p].founded_n; k++)
                if (strcmp(passages[p].founded_icc[k], key) == 0 &&
                    (!earliest || passages[p].founded_year[k] < earliest))
                    earliest = passages[p].founded_year[k];
        snprintf(what, sizeof what, "the earliest year of %s (0: none)", key);
        expect(name, what, json_integer_value(json_object_get(c, "earliest")), earliest);
        /* its evidence: a matching passage that says so, with that sentence */
        json_t *from = json_object_get(c, "earliest_from");
        const char *id = json_string_value(json_object_get(from, "id"));
        const char *text = json_string_value(json_object_get(from, "text"));
        bool found = false;
        for (size_t p = 0; p < np && id && text; p++)
            for (size_t k = 0; k < passages[p].founded_n; k++)
                found |= strcmp(passages[p].id, id) == 0 &&
                         strcmp(passages[p].founded_icc[k], key) == 0 &&
                         passages[p].founded_year[k] == earliest &&
                         strcmp(passages[p].founded_text[k], text) == 0;
        snprintf(what, sizeof what, "the earliest year's evidence of %s is a match's (1: yes)",
                 key);
        expect(name, what, earliest ? found : json_is_null(from), 1);
    }
    free(values);
}

static void check_report(const char *path, const unit *passages, size_t np, const unit *docs,
                         size_t nd)
{
    json_t *r = load(path);
    const char *title = json_string_value(json_object_get(r, "report"));
    const char *what = json_string_value(json_object_get(r, "count"));
    bool documents = what && strcmp(what, "documents") == 0;
    const unit *units = documents ? docs : passages;
    size_t n = documents ? nd : np;
    char name[512];
    snprintf(name, sizeof name, "%s (%s, %s)", path, title ? title : "?", what ? what : "?");
    expect(name, "total", json_integer_value(json_object_get(r, "total")), (long long)n);
    char a[32] = "", b[32] = "";
    if (!title) {
        expect(name, "a report title (1: present)", 0, 1);
    } else if (strcmp(title, "icc-registry") == 0) {
        check_registry(name, r, passages, np, docs, nd);
    } else if (sscanf(title, "%31s x %31s", a, b) == 2 && facet_of(a) >= 0 && facet_of(b) >= 0) {
        check_crosstab(name, r, units, n, facet_of(a), facet_of(b));
    } else if (facet_of(title) >= 0) {
        int f = facet_of(title);
        check_rows(name, json_object_get(r, "rows"), units, n, f, false);
        char none[64];
        snprintf(none, sizeof none, "%s (none)", title);
        expect(name, none, json_integer_value(json_object_get(r, "none")),
               count(units, n, f, NULL, -1, NULL));
    } else {
        expect(name, "a known report (1: yes)", 0, 1);
    }
    json_decref(r);
}

/* --admit FACET=V1,V2,... or FACET=FROM..TO for years. */
static void parse_admit(const char *arg)
{
    const char *eq = strchr(arg, '=');
    char facet[32];
    if (!eq || (size_t)(eq - arg) >= sizeof facet) {
        fprintf(stderr, "report_oracle: --admit FACET=VALUES, not %s\n", arg);
        exit(2);
    }
    memcpy(facet, arg, (size_t)(eq - arg));
    facet[eq - arg] = '\0';
    int f = facet_of(facet);
    long from, to;
    if (f < 0) {
        fprintf(stderr, "report_oracle: no facet %s\n", facet);
        exit(2);
    }
    if (f == 2 && sscanf(eq + 1, "%ld..%ld", &from, &to) == 2) {
        for (long y = from; y <= to; y++) {
            admitted[f] = realloc(admitted[f], (nadmitted[f] + 1) * sizeof *admitted[f]);
            admitted[f][nadmitted[f]] = malloc(8);
            snprintf(admitted[f][nadmitted[f]++], 8, "%ld", y);
        }
        return;
    }
    char *list = strdup(eq + 1);
    for (char *v = strtok(list, ","); v; v = strtok(NULL, ",")) {
        admitted[f] = realloc(admitted[f], (nadmitted[f] + 1) * sizeof *admitted[f]);
        admitted[f][nadmitted[f]++] = strdup(v);
    }
    free(list);
}

int main(int argc, char **argv)
{
    int i = 1;
    for (; i + 1 < argc && strcmp(argv[i], "--admit") == 0; i += 2)
        parse_admit(argv[i + 1]);
    if (argc - i < 2) {
        fprintf(stderr, "usage: report_oracle [--admit FACET=VALUES] HITS.json REPORT.json...\n");
        return 2;
    }
    json_t *hits = load(argv[i]);
    size_t np = 0, nd = 0;
    unit *passages = passages_of(hits, &np);
    unit *docs = documents_of(passages, np, &nd);
    for (int k = i + 1; k < argc; k++)
        check_report(argv[k], passages, np, docs, nd);
    printf("%zu numbers checked over %zu passages of %zu documents, %zu differ\n", checked, np, nd,
           differences);
    free(passages);
    free(docs);
    json_decref(hits);
    for (int f = 0; f < FACETS; f++) {
        for (size_t k = 0; k < nadmitted[f]; k++)
            free(admitted[f][k]);
        free(admitted[f]);
    }
    return differences ? 1 : 0;
}
