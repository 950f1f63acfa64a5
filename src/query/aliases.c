/* aliases.c: a map from folded names to the gazetteer's entities. */
#include "query/aliases.h"

#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/strmap.h"

/* Map values: kind and index packed, or AMBIGUOUS. */
#define PACK(kind, index) (((size_t)(index) << 2) | (size_t)(kind))
#define AMBIGUOUS ((size_t)3)

struct trawl_aliases {
    const trawl_gazetteer *gz;
    trawl_analyzer *an;
    trawl_strmap names; /* folded name -> PACK(kind, index) + 1 (0 is "unset") */
    trawl_buf scratch;
};

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
    if (a->names.failed || a->scratch.failed) {
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
    free(a);
}

bool trawl_aliases_find(trawl_aliases *a, const char *name, trawl_alias_entity *out)
{
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
