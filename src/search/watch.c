/* watch.c: watch files and their searches. */
#define _POSIX_C_SOURCE 200809L
#include "search/watch.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/fileio.h"
#include "text/utf8.h"

void trawl_watch_free(trawl_watch *w)
{
    for (size_t i = 0; i < w->n; i++) {
        free(w->names[i]);
        free(w->queries[i]);
    }
    free(w->names);
    free(w->queries);
    memset(w, 0, sizeof *w);
}

/* `s` without the spaces around it, as [*a, *b). */
static void trimmed(const char *s, size_t *a, size_t *b)
{
    while (*a < *b && strchr(" \t", s[*a]))
        (*a)++;
    while (*b > *a && strchr(" \t\r", s[*b - 1]))
        (*b)--;
}

static trawl_status add_line(trawl_watch *w, const char *path, size_t lineno, const char *line,
                             size_t len, trawl_error *err)
{
    const char *tab = memchr(line, '\t', len);
    size_t na = 0, nb = tab ? (size_t)(tab - line) : 0;
    size_t qa = tab ? nb + 1 : 0, qb = len;
    if (tab) {
        trimmed(line, &na, &nb);
        trimmed(line, &qa, &qb);
    }
    if (!tab || na == nb || qa == qb)
        return trawl_error_set(
            err, TRAWL_ERR_ARG,
            "%s:%zu: expected a name, a tab and a query (\"GWICC<TAB>icc:gwicc\")", path, lineno);
    for (size_t i = 0; i < w->n; i++)
        if (strlen(w->names[i]) == nb - na && memcmp(w->names[i], line + na, nb - na) == 0)
            return trawl_error_set(err, TRAWL_ERR_ARG, "%s:%zu: the name '%s' is used twice", path,
                                   lineno, w->names[i]);
    char *name = trawl_strndup(line + na, nb - na), *query = trawl_strndup(line + qa, qb - qa);
    if (!name || !query || !trawl_array_grow((void **)&w->names, &w->cap, w->n, sizeof(char *)) ||
        !trawl_array_grow((void **)&w->queries, &w->cap_queries, w->n, sizeof(char *))) {
        free(name);
        free(query);
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory reading %s", path);
    }
    w->names[w->n] = name;
    w->queries[w->n++] = query;
    return TRAWL_OK;
}

trawl_status trawl_watch_load(const char *path, trawl_watch *w, trawl_error *err)
{
    char *data = NULL;
    size_t len = 0, replaced = 0;
    trawl_status st = trawl_read_file(path, 1 << 20, &data, &len, err);
    if (st)
        return st;
    char *copy = data;
    if ((st = trawl_utf8_sanitize(&copy, &len, &replaced, err))) {
        free(copy);
        return st;
    }
    data = copy;
    if (replaced) {
        free(data);
        return trawl_error_set(err, TRAWL_ERR_ARG, "%s: not UTF-8 text", path);
    }
    size_t lineno = 0;
    for (size_t at = 0; at < len && !st;) {
        const char *nl = memchr(data + at, '\n', len - at);
        size_t end = nl ? (size_t)(nl - data) : len;
        lineno++;
        size_t a = at, b = end;
        trimmed(data, &a, &b);
        if (a < b && data[a] != '#')
            st = add_line(w, path, lineno, data + at, end - at, err);
        at = end + 1;
    }
    free(data);
    if (!st && w->n == 0)
        st = trawl_error_set(err, TRAWL_ERR_ARG, "%s: no saved search in it", path);
    if (st)
        trawl_watch_free(w);
    return st;
}

trawl_status trawl_watch_run(trawl_searcher *s, const trawl_watch *w, size_t i, const char *since,
                             const trawl_search_options *opts, trawl_results **results_out,
                             trawl_error *err)
{
    trawl_buf q = TRAWL_BUF_INIT;
    trawl_buf_printf(&q, "(%s) added:%s", w->queries[i], since && *since ? since : "last");
    trawl_status st = q.failed ? trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory")
                               : trawl_search(s, q.data, opts, results_out, err);
    trawl_buf_free(&q);
    return st;
}
