/* glossary.c: groups as lists of names, a map from folded member to its group. */
#include "query/glossary.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/fileio.h"
#include "common/strmap.h"
#include "readers/blocks.h"

struct trawl_glossary {
    char *path;
    trawl_names *groups; /* each group's members as written */
    size_t n, cap;
    trawl_strmap folded; /* folded member -> group index + 1 */
    trawl_buf scratch;   /* lookups: the folded text */
};

/* `text` folded by `an`, its words joined by spaces, into `out` (reset first). */
static trawl_status fold(trawl_analyzer *an, const char *text, trawl_buf *out, trawl_error *err)
{
    return trawl_analyzer_fold_words(an, text, strlen(text), out, err);
}

void trawl_glossary_free(trawl_glossary *g)
{
    if (!g)
        return;
    for (size_t i = 0; i < g->n; i++) {
        for (size_t k = 0; k < g->groups[i].n; k++)
            free(g->groups[i].items[k]);
        free(g->groups[i].items);
    }
    free(g->groups);
    trawl_strmap_free(&g->folded);
    trawl_buf_free(&g->scratch);
    free(g->path);
    free(g);
}

/* Adds the group of the line text[start, end) (trimmed, no newline). */
static trawl_status add_group(trawl_glossary *g, trawl_analyzer *an, const char *text, size_t start,
                              size_t end, size_t lineno, trawl_error *err)
{
    if (!trawl_array_grow((void **)&g->groups, &g->cap, g->n, sizeof *g->groups))
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory reading the glossary");
    trawl_names *group = &g->groups[g->n++];
    *group = (trawl_names){NULL, 0};
    size_t cap = 0;
    for (size_t at = start; at <= end;) {
        const char *eq = memchr(text + at, '=', end - at);
        size_t a = at, b = eq ? (size_t)(eq - text) : end;
        trawl_trim(text, &a, &b);
        char *copy = trawl_strndup(text + a, b - a);
        if (!copy ||
            !trawl_array_grow((void **)&group->items, &cap, group->n, sizeof *group->items)) {
            free(copy);
            return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory reading the glossary");
        }
        group->items[group->n++] = copy;
        trawl_status st = fold(an, copy, &g->scratch, err);
        if (st)
            return st;
        if (!g->scratch.len)
            return trawl_error_set(err, TRAWL_ERR_INPUT,
                                   "%s:%zu: an empty member (groups are written 'a = b = c d')",
                                   g->path, lineno);
        /* The map holds group index + 1 (0: a member not seen yet). */
        size_t *slot = trawl_strmap_at(&g->folded, g->scratch.data, g->scratch.len);
        if (!slot)
            return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory reading the glossary");
        if (*slot && *slot != g->n)
            return trawl_error_set(err, TRAWL_ERR_INPUT, "%s:%zu: '%s' is in two groups", g->path,
                                   lineno, copy);
        *slot = g->n;
        if (!eq)
            break;
        at = (size_t)(eq - text) + 1;
    }
    if (group->n < 2)
        return trawl_error_set(err, TRAWL_ERR_INPUT,
                               "%s:%zu: a group needs two members or more, separated by '='",
                               g->path, lineno);
    return TRAWL_OK;
}

trawl_status trawl_glossary_load(const char *path, trawl_analyzer *an, trawl_glossary **g_out,
                                 trawl_error *err)
{
    *g_out = NULL;
    char *text = NULL;
    size_t len = 0;
    trawl_status st = trawl_read_file(path, TRAWL_MAX_GLOSSARY_BYTES, &text, &len, err);
    if (st)
        return st;
    trawl_glossary *g = calloc(1, sizeof *g);
    if (!g || !(g->path = trawl_strdup(path))) {
        free(text);
        trawl_glossary_free(g);
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory reading the glossary");
    }
    size_t pos = 0, start, end;
    for (size_t lineno = 1; !st && trawl_next_line(text, len, &pos, &start, &end); lineno++) {
        trawl_trim(text, &start, &end);
        if (end > start && text[start] != '#')
            st = add_group(g, an, text, start, end, lineno, err);
    }
    free(text);
    if (st) {
        trawl_glossary_free(g);
        return st;
    }
    *g_out = g;
    return TRAWL_OK;
}

const char *trawl_glossary_path(const trawl_glossary *g)
{
    return g->path;
}

size_t trawl_glossary_groups(const trawl_glossary *g)
{
    return g->n;
}

trawl_status trawl_glossary_find(trawl_glossary *g, trawl_analyzer *an, const char *text,
                                 const trawl_names **members, trawl_error *err)
{
    *members = NULL;
    trawl_status st = fold(an, text, &g->scratch, err);
    if (st || !g->scratch.len)
        return st;
    const size_t *slot = trawl_strmap_get(&g->folded, g->scratch.data, g->scratch.len);
    if (slot && *slot)
        *members = &g->groups[*slot - 1];
    return TRAWL_OK;
}
