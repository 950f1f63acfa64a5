/* aliases.c: a map from folded names to the gazetteer's entities, made by folding every name
 * or read back from the text it was saved as. */
#include "facets/aliases.h"

#include <stdlib.h>
#include <string.h>

#include "common/strmap.h"

/* Map values: kind and index packed, or AMBIGUOUS; stored + 1 (0 is "unset"). */
#define PACK(kind, index) (((size_t)(index) << 2) | (size_t)(kind))
#define AMBIGUOUS ((size_t)3)

/* The letters of the saved form, by kind. */
static const char kind_letter[] = "pci";

/* The saved form is also the one searched: lines in byte order, found by binary search. */
struct trawl_aliases {
    const trawl_gazetteer *gz;
    char *text;         /* the saved lines, each NUL-terminated in place of its newline */
    const char **lines; /* the start of each line */
    size_t n;
    trawl_buf scratch;
};

/* `name` folded by `an` as the index's names are, words joined, into `*folded` (owned by
 * `scratch`). */
static trawl_status fold_query_name(trawl_buf *scratch, trawl_analyzer *an, const char *name,
                                    const char **folded, trawl_error *err)
{
    trawl_status st = trawl_analyzer_fold_words(an, name, strlen(name), scratch, err);
    *folded = st ? NULL : trawl_buf_str(scratch);
    return st;
}

static const char *fold_name(trawl_buf *scratch, trawl_analyzer *an, const char *name)
{
    const char *folded = NULL;
    return fold_query_name(scratch, an, name, &folded, NULL) ? NULL : folded;
}

/* Records that `folded` means `packed`: ambiguous when it already meant something else. */
static void put(trawl_strmap *names, const char *folded, size_t len, size_t packed)
{
    size_t *v = trawl_strmap_at(names, folded, len);
    if (!v)
        return;
    if (*v == 0)
        *v = packed + 1;
    else if (*v != packed + 1)
        *v = AMBIGUOUS + 1;
}

static void add_all(trawl_buf *scratch, trawl_strmap *map, trawl_analyzer *an, const char *key,
                    const trawl_names *names, trawl_alias_kind kind, size_t index)
{
    /* Places are known by their keys too; centers' keys often repeat their place's name
     * ("chongqing"), so a center is found by key through the gazetteer, not here. */
    for (size_t i = kind == TRAWL_ALIAS_CENTER; i <= names->n; i++) {
        const char *folded = fold_name(scratch, an, i == 0 ? key : names->items[i - 1]);
        if (folded && *folded)
            put(map, folded, strlen(folded), PACK(kind, index));
    }
}

/* The key of entity `packed`. */
static const char *key_of(const trawl_gazetteer *gz, size_t packed)
{
    size_t index = packed >> 2, n;
    switch (packed & 3) {
    case TRAWL_ALIAS_PROVINCE:
        return trawl_gazetteer_provinces(gz, &n)[index].key;
    case TRAWL_ALIAS_CITY:
        return trawl_gazetteer_cities(gz, &n)[index].key;
    default:
        return trawl_gazetteer_centers(gz, &n)[index].key;
    }
}

static int by_bytes(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

/* The saved form of `map`'s names, in byte order. */
static void save_map(const trawl_gazetteer *gz, const trawl_strmap *map, trawl_buf *out)
{
    const char **keys = malloc((map->n ? map->n : 1) * sizeof *keys);
    if (!keys) {
        out->failed = true;
        return;
    }
    size_t n = 0;
    for (size_t i = 0; i < map->cap; i++)
        if (map->keys[i])
            keys[n++] = map->keys[i];
    qsort(keys, n, sizeof *keys, by_bytes);
    for (size_t i = 0; i < n; i++) {
        size_t packed = *trawl_strmap_get(map, keys[i], strlen(keys[i])) - 1;
        if (packed == AMBIGUOUS)
            trawl_buf_printf(out, "%s\t?\n", keys[i]);
        else
            trawl_buf_printf(out, "%s\t%c %s\n", keys[i], kind_letter[packed & 3],
                             key_of(gz, packed));
    }
    free(keys);
}

trawl_status trawl_aliases_new(const trawl_gazetteer *gz, trawl_analyzer *an,
                               trawl_aliases **aliases_out, trawl_error *err)
{
    *aliases_out = NULL;
    trawl_buf scratch = TRAWL_BUF_INIT;
    trawl_strmap map = TRAWL_STRMAP_INIT;
    size_t n;
    const trawl_province *p = trawl_gazetteer_provinces(gz, &n);
    for (size_t i = 0; i < n; i++)
        add_all(&scratch, &map, an, p[i].key, &p[i].aliases, TRAWL_ALIAS_PROVINCE, i);
    const trawl_city *c = trawl_gazetteer_cities(gz, &n);
    for (size_t i = 0; i < n; i++)
        add_all(&scratch, &map, an, c[i].key, &c[i].aliases, TRAWL_ALIAS_CITY, i);
    const trawl_center *k = trawl_gazetteer_centers(gz, &n);
    for (size_t i = 0; i < n; i++)
        add_all(&scratch, &map, an, k[i].key, &k[i].aliases, TRAWL_ALIAS_CENTER, i);
    trawl_buf saved = TRAWL_BUF_INIT;
    save_map(gz, &map, &saved);
    bool failed = map.failed || scratch.failed || saved.failed;
    trawl_strmap_free(&map);
    trawl_buf_free(&scratch);
    trawl_status st =
        failed ? trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory folding the gazetteer")
               : trawl_aliases_load(gz, saved.data, saved.len, aliases_out, err);
    trawl_buf_free(&saved);
    return st;
}

/* Compares `name` with the name of saved `line` (up to its tab). */
static int compare_name(const char *name, size_t len, const char *line)
{
    size_t n = (size_t)(strchr(line, '\t') - line);
    int c = memcmp(name, line, len < n ? len : n);
    return c ? c : (len > n) - (len < n);
}

/* Whether `line` is "NAME\t?" or "NAME\tK KEY" with K one of p, c, i. */
static bool well_formed(const char *line)
{
    const char *tab = strchr(line, '\t');
    if (!tab || tab == line)
        return false;
    if (strcmp(tab + 1, "?") == 0)
        return true;
    return tab[1] && strchr(kind_letter, tab[1]) && tab[2] == ' ' && tab[3];
}

trawl_status trawl_aliases_load(const trawl_gazetteer *gz, const char *text, size_t len,
                                trawl_aliases **aliases_out, trawl_error *err)
{
    *aliases_out = NULL;
    trawl_aliases *a = calloc(1, sizeof *a);
    if (!a || !(a->text = trawl_strndup(text, len))) {
        free(a);
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    }
    a->gz = gz;
    size_t cap = 0;
    for (char *s = a->text; s < a->text + len;) {
        char *nl = memchr(s, '\n', (size_t)(a->text + len - s));
        if (nl)
            *nl = '\0';
        if (!well_formed(s) ||
            (a->n && compare_name(s, (size_t)(strchr(s, '\t') - s), a->lines[a->n - 1]) <= 0)) {
            trawl_status st = trawl_error_set(
                err, TRAWL_ERR_CORRUPT, "the index's folded names, line %zu: malformed", a->n + 1);
            trawl_aliases_free(a);
            return st;
        }
        if (!trawl_array_grow((void **)&a->lines, &cap, a->n, sizeof *a->lines)) {
            trawl_aliases_free(a);
            return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
        }
        a->lines[a->n++] = s;
        s = nl ? nl + 1 : a->text + len;
    }
    *aliases_out = a;
    return TRAWL_OK;
}

void trawl_aliases_free(trawl_aliases *a)
{
    if (!a)
        return;
    free(a->text);
    free(a->lines);
    trawl_buf_free(&a->scratch);
    free(a);
}

trawl_status trawl_aliases_save(const trawl_aliases *a, trawl_buf *out, trawl_error *err)
{
    trawl_buf_reset(out);
    for (size_t i = 0; i < a->n; i++) {
        trawl_buf_puts(out, a->lines[i]);
        trawl_buf_putc(out, '\n');
    }
    return out->failed ? trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory saving folded names")
                       : TRAWL_OK;
}

/* The entity the folded name `folded` means into `*out`; false when none or several. */
static bool entity_of(const trawl_aliases *a, const char *folded, trawl_alias_entity *out)
{
    size_t len = strlen(folded), lo = 0, hi = a->n;
    while (lo < hi) { /* the first line whose name is not below `folded` */
        size_t mid = lo + (hi - lo) / 2;
        if (compare_name(folded, len, a->lines[mid]) > 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo >= a->n || compare_name(folded, len, a->lines[lo]) != 0)
        return false;
    const char *entity = strchr(a->lines[lo], '\t') + 1, *key = entity + 2;
    if (entity[0] == 'p') {
        const trawl_province *p = trawl_gazetteer_province(a->gz, key);
        if (!p)
            return false;
        *out = (trawl_alias_entity){TRAWL_ALIAS_PROVINCE, p->key, &p->aliases};
    } else if (entity[0] == 'c') {
        const trawl_city *c = trawl_gazetteer_city(a->gz, key);
        if (!c)
            return false;
        *out = (trawl_alias_entity){TRAWL_ALIAS_CITY, c->key, &c->aliases};
    } else if (entity[0] == 'i') {
        const trawl_center *c = trawl_gazetteer_center(a->gz, key);
        if (!c)
            return false;
        *out = (trawl_alias_entity){TRAWL_ALIAS_CENTER, c->key, &c->aliases};
    } else {
        return false; /* a name of several things */
    }
    return true;
}

trawl_status trawl_aliases_find(trawl_aliases *a, trawl_analyzer *an, const char *name,
                                trawl_alias_entity *out, bool *found, trawl_error *err)
{
    const char *folded = NULL;
    *found = false;
    trawl_status st = fold_query_name(&a->scratch, an, name, &folded, err);
    if (!st)
        *found = entity_of(a, folded, out);
    return st;
}
