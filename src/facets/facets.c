/* facets.c: facet names and the container of extracted values. */
#include "facets/facets.h"

#include <stdlib.h>
#include <string.h>

#include "common/buf.h"

static const char *const names[TRAWL_FACET_COUNT] = {
#define FACET_NAME(id, name) [TRAWL_FACET_##id] = name,
    TRAWL_FACET_LIST(FACET_NAME)
#undef FACET_NAME
};

const char *trawl_facet_name(trawl_facet_id facet)
{
    return facet < TRAWL_FACET_COUNT ? names[facet] : "unknown";
}

bool trawl_facet_parse(const char *name, size_t len, trawl_facet_id *facet_out)
{
    for (int i = 0; i < TRAWL_FACET_COUNT; i++) {
        if (strlen(names[i]) == len && memcmp(names[i], name, len) == 0) {
            *facet_out = (trawl_facet_id)i;
            return true;
        }
    }
    return false;
}

bool trawl_facets_parse_list(const char *list, unsigned *mask)
{
    *mask = 0;
    for (const char *p = list; *p;) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        trawl_facet_id f;
        if (!trawl_facet_parse(p, len, &f))
            return false;
        *mask |= 1u << f;
        p += len + (comma ? 1 : 0);
    }
    return *mask != 0;
}

void trawl_facets_reset(trawl_facets *f)
{
    for (size_t i = 0; i < f->n; i++)
        free(f->mentions[i].value);
    for (size_t i = 0; i < f->nfoundings; i++)
        free(f->foundings[i].center);
    for (size_t i = 0; i < f->nfound; i++) {
        free(f->found[i].key);
        free(f->found[i].name);
        free(f->found[i].province);
    }
    f->n = f->nfoundings = f->nfound = 0;
    f->failed = false;
}

void trawl_facets_free(trawl_facets *f)
{
    if (!f)
        return;
    trawl_facets_reset(f);
    free(f->mentions);
    free(f->foundings);
    free(f->found);
    f->mentions = NULL;
    f->foundings = NULL;
    f->found = NULL;
    f->cap = f->cfoundings = f->cfound = 0;
}

void trawl_facets_add(trawl_facets *f, trawl_facet_id facet, const char *value, size_t start,
                      size_t end, unsigned sentence, const char *rule)
{
    char *v = trawl_strdup(value);
    if (!v || !trawl_array_grow((void **)&f->mentions, &f->cap, f->n, sizeof *f->mentions)) {
        free(v);
        f->failed = true;
        return;
    }
    f->mentions[f->n++] = (trawl_mention){facet, v, start, end, sentence, rule};
}

static int by_string(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Sorts `items` and joins the distinct ones with spaces. */
static char *join_distinct(const char **items, size_t n)
{
    qsort(items, n, sizeof *items, by_string);
    trawl_buf b = TRAWL_BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && strcmp(items[i], items[i - 1]) == 0)
            continue;
        if (b.len)
            trawl_buf_putc(&b, ' ');
        trawl_buf_puts(&b, items[i]);
    }
    return trawl_buf_detach(&b);
}

char *trawl_facets_joined(const trawl_facets *f, trawl_facet_id facet)
{
    const char **items = malloc((f->n ? f->n : 1) * sizeof *items);
    if (!items)
        return NULL;
    size_t n = 0;
    for (size_t i = 0; i < f->n; i++)
        if (f->mentions[i].facet == facet)
            items[n++] = f->mentions[i].value;
    char *s = join_distinct(items, n);
    free(items);
    return s;
}

void trawl_facets_add_founding(trawl_facets *f, const char *center, int year, size_t start,
                               size_t end)
{
    for (size_t i = 0; i < f->nfoundings; i++)
        if (f->foundings[i].year == year && strcmp(f->foundings[i].center, center) == 0)
            return;
    char *c = trawl_strdup(center);
    if (!c || !trawl_array_grow((void **)&f->foundings, &f->cfoundings, f->nfoundings,
                                sizeof *f->foundings)) {
        free(c);
        f->failed = true;
        return;
    }
    f->foundings[f->nfoundings++] = (trawl_founding){c, year, start, end};
}

char *trawl_facets_joined_foundings(const trawl_facets *f)
{
    trawl_buf all = TRAWL_BUF_INIT;
    size_t *at = malloc((f->nfoundings ? f->nfoundings : 1) * sizeof *at);
    const char **items = malloc((f->nfoundings ? f->nfoundings : 1) * sizeof *items);
    char *s = NULL;
    for (size_t i = 0; i < f->nfoundings && at; i++) {
        at[i] = all.len;
        trawl_buf_printf(&all, "%s:%d", f->foundings[i].center, f->foundings[i].year);
        trawl_buf_putc(&all, '\0');
    }
    if (at && items && !all.failed) {
        for (size_t i = 0; i < f->nfoundings; i++)
            items[i] = all.data + at[i];
        s = join_distinct(items, f->nfoundings);
    }
    free(items);
    free(at);
    trawl_buf_free(&all);
    return s;
}
