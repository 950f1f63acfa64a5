/* aliases.c: a map from folded names to the gazetteer's entities. */
#include "query/aliases.h"

#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/strmap.h"

/* Map values: kind and index packed, or AMBIGUOUS. */
#define PACK(kind, index) (((size_t)(index) << 2) | (size_t)(kind))
#define AMBIGUOUS ((size_t)3)

/* A name written in Chinese, Japanese, Korean or Thai, folded on the first query in those
 * scripts: folding it segments it with ICU's dictionaries and runs the Traditional ->
 * Simplified transform, which a process answering other queries need not load. Such a name
 * folds to those scripts too, so it cannot match, nor make ambiguous, a name without them. */
typedef struct deferred {
    const char *name;
    trawl_alias_kind kind;
    size_t index;
} deferred;

struct trawl_aliases {
    const trawl_gazetteer *gz;
    trawl_analyzer *an;
    trawl_strmap names; /* folded name -> PACK(kind, index) + 1 (0 is "unset") */
    trawl_buf scratch;
    deferred *later; /* names folded on the first query that needs them */
    size_t nlater, clater;
    bool folded_later; /* they are in `names` */
    bool failed;       /* memory ran out deferring a name */
};

/* Whether UTF-8 `s` holds a character of the CJK or Thai blocks. */
static bool has_cjk(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p < 0xE0 || (*p & 0xC0) == 0x80)
            continue;
        unsigned c = *p >= 0xF0 ? 0x20000
                                : ((unsigned)(*p & 0x0F) << 12) | ((unsigned)(p[1] & 0x3F) << 6) |
                                      (p[2] & 0x3Fu);
        if ((c >= 0x0E00 && c <= 0x0E7F) || (c >= 0x3040 && c <= 0x30FF) ||
            (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF) ||
            (c >= 0xF900 && c <= 0xFAFF) || c >= 0x20000)
            return true;
    }
    return false;
}

static int join_term(void *ctx, const trawl_term *t)
{
    trawl_buf *b = ctx;
    if (b->len)
        trawl_buf_putc(b, ' ');
    trawl_buf_append(b, t->term, t->term_len);
    return 0;
}

/* `name` as its folded words joined by spaces, in the aliases' scratch buffer. */
static const char *fold_name(trawl_aliases *a, const char *name)
{
    trawl_buf_reset(&a->scratch);
    if (trawl_analyze(a->an, name, strlen(name), join_term, &a->scratch, NULL))
        a->scratch.failed = true;
    return a->scratch.failed ? NULL : trawl_buf_str(&a->scratch);
}

static void add(trawl_aliases *a, const char *name, trawl_alias_kind kind, size_t index)
{
    if (!a->folded_later && has_cjk(name)) {
        if (!trawl_array_grow((void **)&a->later, &a->clater, a->nlater, sizeof *a->later))
            a->failed = true;
        else
            a->later[a->nlater++] = (deferred){name, kind, index};
        return;
    }
    const char *folded = fold_name(a, name);
    if (!folded || !*folded)
        return;
    size_t *v = trawl_strmap_at(&a->names, folded, strlen(folded));
    if (!v)
        return;
    size_t packed = PACK(kind, index) + 1;
    if (*v == 0)
        *v = packed;
    else if (*v != packed)
        *v = AMBIGUOUS + 1;
}

static void add_all(trawl_aliases *a, const char *key, const trawl_names *names,
                    trawl_alias_kind kind, size_t index)
{
    /* Places are known by their keys too; centers' keys often repeat their place's name
     * ("chongqing"), so a center is found by key through the gazetteer, not here. */
    if (kind != TRAWL_ALIAS_CENTER)
        add(a, key, kind, index);
    for (size_t i = 0; i < names->n; i++)
        add(a, names->items[i], kind, index);
}

trawl_status trawl_aliases_new(const trawl_gazetteer *gz, trawl_analyzer *an,
                               trawl_aliases **aliases_out, trawl_error *err)
{
    *aliases_out = NULL;
    trawl_aliases *a = calloc(1, sizeof *a);
    if (!a)
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    a->gz = gz;
    a->an = an;
    size_t n;
    const trawl_province *p = trawl_gazetteer_provinces(gz, &n);
    for (size_t i = 0; i < n; i++)
        add_all(a, p[i].key, &p[i].aliases, TRAWL_ALIAS_PROVINCE, i);
    const trawl_city *c = trawl_gazetteer_cities(gz, &n);
    for (size_t i = 0; i < n; i++)
        add_all(a, c[i].key, &c[i].aliases, TRAWL_ALIAS_CITY, i);
    const trawl_center *k = trawl_gazetteer_centers(gz, &n);
    for (size_t i = 0; i < n; i++)
        add_all(a, k[i].key, &k[i].aliases, TRAWL_ALIAS_CENTER, i);
    if (a->names.failed || a->scratch.failed || a->failed) {
        trawl_aliases_free(a);
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory folding the gazetteer");
    }
    *aliases_out = a;
    return TRAWL_OK;
}

void trawl_aliases_free(trawl_aliases *a)
{
    if (!a)
        return;
    trawl_strmap_free(&a->names);
    trawl_buf_free(&a->scratch);
    free(a->later);
    free(a);
}

bool trawl_aliases_find(trawl_aliases *a, const char *name, trawl_alias_entity *out)
{
    if (!a->folded_later && has_cjk(name)) {
        a->folded_later = true;
        for (size_t i = 0; i < a->nlater; i++)
            add(a, a->later[i].name, a->later[i].kind, a->later[i].index);
    }
    const char *folded = fold_name(a, name);
    const size_t *v = folded ? trawl_strmap_get(&a->names, folded, strlen(folded)) : NULL;
    if (!v || *v == 0 || *v == AMBIGUOUS + 1)
        return false;
    size_t packed = *v - 1, index = packed >> 2, n;
    out->kind = (trawl_alias_kind)(packed & 3);
    if (out->kind == TRAWL_ALIAS_PROVINCE) {
        const trawl_province *p = &trawl_gazetteer_provinces(a->gz, &n)[index];
        out->key = p->key;
        out->names = &p->aliases;
    } else if (out->kind == TRAWL_ALIAS_CITY) {
        const trawl_city *c = &trawl_gazetteer_cities(a->gz, &n)[index];
        out->key = c->key;
        out->names = &c->aliases;
    } else {
        const trawl_center *c = &trawl_gazetteer_centers(a->gz, &n)[index];
        out->key = c->key;
        out->names = &c->aliases;
    }
    return true;
}
