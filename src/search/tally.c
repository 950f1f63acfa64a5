/* tally.c: keeping the spied tally values and counting them into reports. */
#include "search/tally.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "index/schema.h"
#include "search/reprint_groups.h"
#include "text/language.h"

void trawl_tally_init(trawl_tally *t)
{
    memset(t, 0, sizeof *t);
}

void trawl_tally_free(trawl_tally *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->values[i]);
    free(t->values);
    free(t->passages);
    memset(t, 0, sizeof *t);
}

int trawl_tally_add(void *ctx, const char *value, size_t len, unsigned passages)
{
    trawl_tally *t = ctx;
    trawl_tally_part parts[TRAWL_TALLY_PARTS];
    if (!trawl_schema_tally_split(value, len, parts)) {
        t->malformed = true;
        return 1;
    }
    size_t cap = t->cap;
    if (t->n == cap) {
        if (!trawl_array_grow((void **)&t->values, &cap, t->n, sizeof *t->values) ||
            !trawl_array_grow((void **)&t->passages, &t->cap, t->n, sizeof *t->passages)) {
            t->failed = true;
            return 1;
        }
    }
    if (!(t->values[t->n] = trawl_strndup(value, len))) {
        t->failed = true;
        return 1;
    }
    t->passages[t->n++] = passages;
    return 0;
}

/* ---- counting units ---- */

/* A value inside a tally value. */
typedef struct slice {
    const char *p;
    size_t n;
} slice;

/* The values of one unit (a passage group or a document) for each facet. */
typedef struct unit_values {
    slice *items[TRAWL_FACET_COUNT];
    size_t n[TRAWL_FACET_COUNT], cap[TRAWL_FACET_COUNT];
} unit_values;

/* Counts of units: per value of each facet (the key "" counts the units without a value),
 * and per pair of values of the cross-tab's two facets ("a\x1fb", either side "" for none). */
typedef struct counter {
    size_t total;
    trawl_strmap by[TRAWL_FACET_COUNT];
    trawl_strmap pair;
    int a, b;             /* the cross-tab's facets, or -1 */
    size_t published_len; /* publication dates count by their first 4 bytes (the year) or 7
                             (the month; a date known to the year only stays its year) */
    bool failed;
} counter;

static void counter_free(counter *c)
{
    for (int f = 0; f < TRAWL_FACET_COUNT; f++)
        trawl_strmap_free(&c->by[f]);
    trawl_strmap_free(&c->pair);
}

static bool admitted(const trawl_filter_scope *scope, int f, const char *p, size_t n)
{
    return !scope || !scope->restricted[f] || trawl_strmap_get(&scope->allowed[f], p, n);
}

/* Appends the space-separated values of `part` that `scope` admits to facet `f` of `u`, each
 * cut to `cut` bytes when `cut` is not 0. */
static void collect(unit_values *u, int f, const trawl_tally_part *part,
                    const trawl_filter_scope *scope, size_t cut, bool *failed)
{
    size_t i = 0;
    while (i < part->len) {
        while (i < part->len && part->data[i] == ' ')
            i++;
        size_t start = i;
        while (i < part->len && part->data[i] != ' ')
            i++;
        if (i == start || !admitted(scope, f, part->data + start, i - start))
            continue;
        if (u->n[f] == u->cap[f] &&
            !trawl_array_grow((void **)&u->items[f], &u->cap[f], u->n[f], sizeof(slice))) {
            *failed = true;
            return;
        }
        size_t len = i - start;
        u->items[f][u->n[f]++] = (slice){part->data + start, cut && len > cut ? cut : len};
    }
}

static int by_bytes(const void *a, const void *b)
{
    const slice *x = a, *y = b;
    int c = memcmp(x->p, y->p, x->n < y->n ? x->n : y->n);
    return c ? c : (x->n > y->n) - (x->n < y->n);
}

/* Sorts each facet's values and drops repeats (a document's passages share values). */
static void distinct(unit_values *u)
{
    for (int f = 0; f < TRAWL_FACET_COUNT; f++) {
        if (u->n[f] < 2)
            continue;
        qsort(u->items[f], u->n[f], sizeof(slice), by_bytes);
        size_t kept = 1;
        for (size_t i = 1; i < u->n[f]; i++)
            if (by_bytes(&u->items[f][i], &u->items[f][kept - 1]) != 0)
                u->items[f][kept++] = u->items[f][i];
        u->n[f] = kept;
    }
}

static void bump(counter *c, trawl_strmap *m, const char *key, size_t len, size_t weight)
{
    size_t *v = trawl_strmap_at(m, key, len);
    if (v)
        *v += weight;
    else
        c->failed = true;
}

/* Counts one unit of `weight` (passages, or 1 for a document). */
static void count_unit(counter *c, const unit_values *u, size_t weight, trawl_buf *key)
{
    static const slice none = {"", 0};
    c->total += weight;
    for (int f = 0; f < TRAWL_FACET_COUNT; f++) {
        if (u->n[f] == 0)
            bump(c, &c->by[f], "", 0, weight);
        for (size_t i = 0; i < u->n[f]; i++)
            bump(c, &c->by[f], u->items[f][i].p, u->items[f][i].n, weight);
    }
    if (c->a < 0)
        return;
    size_t na = u->n[c->a] ? u->n[c->a] : 1, nb = u->n[c->b] ? u->n[c->b] : 1;
    for (size_t i = 0; i < na; i++) {
        for (size_t j = 0; j < nb; j++) {
            const slice *x = u->n[c->a] ? &u->items[c->a][i] : &none;
            const slice *y = u->n[c->b] ? &u->items[c->b][j] : &none;
            trawl_buf_reset(key);
            trawl_buf_append(key, x->p, x->n);
            trawl_buf_putc(key, '\x1f');
            trawl_buf_append(key, y->p, y->n);
            if (key->failed)
                c->failed = true;
            else
                bump(c, &c->pair, key->data, key->len, weight);
        }
    }
}

/* A tally value split into its parts, with its passages and the unit it counts in. */
typedef struct entry {
    trawl_tally_part parts[TRAWL_TALLY_PARTS];
    trawl_tally_part unit; /* its document's path, or its group of reprints' key */
    size_t passages;
} entry;

static int by_unit(const void *a, const void *b)
{
    const trawl_tally_part *x = &((const entry *)a)->unit;
    const trawl_tally_part *y = &((const entry *)b)->unit;
    int c = memcmp(x->data, y->data, x->len < y->len ? x->len : y->len);
    return c ? c : (x->len > y->len) - (x->len < y->len);
}

/* Counts the tally's passages, or its documents, into `c` (initialised by the caller); with
 * `groups`, documents of one group of reprints count as one. */
static void count_all(const trawl_tally *t, bool documents, const trawl_reprint_groups *groups,
                      const trawl_filter_scope *scope, counter *c)
{
    entry *e = calloc(t->n ? t->n : 1, sizeof *e);
    unit_values u;
    trawl_buf key = TRAWL_BUF_INIT;
    memset(&u, 0, sizeof u);
    if (!e) {
        c->failed = true;
        return;
    }
    for (size_t i = 0; i < t->n; i++) {
        trawl_schema_tally_split(t->values[i], strlen(t->values[i]), e[i].parts);
        e[i].passages = t->passages[i];
        e[i].unit = e[i].parts[TRAWL_TALLY_PATH];
        const char *group =
            groups ? trawl_reprint_group_of(groups, e[i].unit.data, e[i].unit.len) : NULL;
        if (group)
            e[i].unit = (trawl_tally_part){group, strlen(group)};
    }
    if (documents)
        qsort(e, t->n, sizeof *e, by_unit);
    for (size_t i = 0; i < t->n;) {
        size_t end = i + 1;
        while (documents && end < t->n && by_unit(&e[i], &e[end]) == 0)
            end++;
        memset(u.n, 0, sizeof u.n);
        for (size_t k = i; k < end; k++)
            for (int f = 0; f < TRAWL_FACET_COUNT; f++)
                collect(&u, f, &e[k].parts[f], scope,
                        f == TRAWL_FACET_PUBLISHED ? c->published_len : 0, &c->failed);
        distinct(&u);
        count_unit(c, &u, documents ? 1 : e[i].passages, &key);
        i = end;
    }
    for (int f = 0; f < TRAWL_FACET_COUNT; f++)
        free(u.items[f]);
    trawl_buf_free(&key);
    free(e);
}

/* The earliest year paired with each center in the matching passages. */
static void count_earliest(const trawl_tally *t, trawl_strmap *earliest, bool *failed)
{
    for (size_t i = 0; i < t->n; i++) {
        trawl_tally_part parts[TRAWL_TALLY_PARTS];
        trawl_schema_tally_split(t->values[i], strlen(t->values[i]), parts);
        const trawl_tally_part *pairs = &parts[TRAWL_TALLY_FOUNDINGS];
        const char *p = pairs->data, *end = pairs->data + pairs->len;
        while (p < end) {
            const char *space = memchr(p, ' ', (size_t)(end - p));
            const char *stop = space ? space : end;
            const char *colon = memchr(p, ':', (size_t)(stop - p));
            if (colon) {
                size_t year = (size_t)atoi(colon + 1);
                size_t *e = trawl_strmap_at(earliest, p, (size_t)(colon - p));
                if (!e)
                    *failed = true;
                else if (*e == 0 || year < *e)
                    *e = year;
            }
            p = stop + 1;
        }
    }
}

/* ---- reports ---- */

static trawl_status nomem(trawl_error *err)
{
    return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory building a report");
}

/* The display name and province of a center: the gazetteer's, else what ingest recorded. */
static void center_names(const trawl_gazetteer *gz, trawl_xdb *db, const char *key, char **name,
                         char **province)
{
    const trawl_center *c = trawl_gazetteer_center(gz, key);
    if (c) {
        *name = trawl_strdup(c->name);
        *province = trawl_strdup(c->province ? c->province : "");
        return;
    }
    char *meta = NULL;
    trawl_buf k = TRAWL_BUF_INIT;
    trawl_buf_printf(&k, "%s%s", TRAWL_META_CENTER, key);
    if (!k.failed && db && trawl_xdb_get_metadata(db, k.data, &meta, NULL, NULL) == TRAWL_OK &&
        *meta) {
        char *tab = strchr(meta, '\t');
        *name = trawl_strndup(meta, tab ? (size_t)(tab - meta) : strlen(meta));
        *province = trawl_strdup(tab ? tab + 1 : "");
    } else {
        *name = trawl_strdup(key);
        *province = trawl_strdup("");
    }
    free(meta);
    trawl_buf_free(&k);
}

static char *label_of(int facet, const char *value, const trawl_gazetteer *gz, trawl_xdb *db)
{
    if (facet == TRAWL_FACET_PROVINCE) {
        const trawl_province *p = trawl_gazetteer_province(gz, value);
        return trawl_strdup(p ? p->name : value);
    }
    if (facet == TRAWL_FACET_ICC) {
        char *name = NULL, *province = NULL;
        center_names(gz, db, value, &name, &province);
        free(province);
        return name;
    }
    if (facet == TRAWL_FACET_LANG)
        return trawl_strdup(trawl_language_name(value));
    return trawl_strdup(value);
}

/* Rows by value (years: in order). */
static int by_value(const void *a, const void *b)
{
    const trawl_report_row *x = a, *y = b;
    return strcmp(x->value, y->value);
}

/* Rows by count, most first, then by value. */
static int by_count(const void *a, const void *b)
{
    const trawl_report_row *x = a, *y = b;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return by_value(a, b);
}

/* The label of a year in a report by month: the dates known to the year only. */
static char *unknown_month(const char *year)
{
    trawl_buf b = TRAWL_BUF_INIT;
    trawl_buf_printf(&b, "%s, month not given", year);
    return trawl_buf_detach(&b);
}

/* Rows for every value of `facet` in `c`, sorted, then the none row when `with_none`. */
static trawl_status facet_rows(const counter *c, int facet, bool with_none,
                               const trawl_gazetteer *gz, trawl_xdb *db, trawl_report_row **out,
                               size_t *n_out, trawl_error *err)
{
    const trawl_strmap *m = &c->by[facet];
    trawl_report_row *rows = calloc(m->n + 1, sizeof *rows);
    size_t n = 0;
    *out = rows;
    *n_out = 0;
    if (!rows)
        return nomem(err);
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->keys[i] || !*m->keys[i])
            continue;
        rows[n].value = trawl_strdup(m->keys[i]);
        rows[n].label =
            facet == TRAWL_FACET_PUBLISHED && c->published_len == 7 && strlen(m->keys[i]) == 4
                ? unknown_month(m->keys[i])
                : label_of(facet, m->keys[i], gz, db);
        rows[n].count = m->vals[i];
        *n_out = ++n;
        if (!rows[n - 1].value || !rows[n - 1].label)
            return nomem(err);
    }
    qsort(rows, n, sizeof *rows,
          facet == TRAWL_FACET_YEAR || facet == TRAWL_FACET_PUBLISHED ? by_value : by_count);
    if (with_none) {
        const size_t *none = trawl_strmap_get(m, "", 0);
        rows[n].value = trawl_strdup("(none)");
        rows[n].label = trawl_strdup("(none)");
        rows[n].count = none ? *none : 0;
        rows[n].none = true;
        *n_out = ++n;
        if (!rows[n - 1].value || !rows[n - 1].label)
            return nomem(err);
    }
    return TRAWL_OK;
}

static int by_year_then_key(const void *a, const void *b)
{
    const trawl_registry_row *x = a, *y = b;
    if (x->earliest != y->earliest) {
        if (!x->earliest || !y->earliest)
            return x->earliest ? -1 : 1;
        return x->earliest < y->earliest ? -1 : 1;
    }
    return strcmp(x->key, y->key);
}

/* The registry from the passage counts `p` and the document counts `d`. */
static trawl_status registry(const trawl_tally *t, const counter *p, const counter *d,
                             const trawl_gazetteer *gz, trawl_xdb *db, trawl_report *r,
                             trawl_error *err)
{
    const trawl_strmap *m = &p->by[TRAWL_FACET_ICC];
    trawl_strmap earliest = TRAWL_STRMAP_INIT;
    bool failed = false;
    trawl_status st = TRAWL_OK;
    count_earliest(t, &earliest, &failed);
    if (failed || !(r->centers = calloc(m->n ? m->n : 1, sizeof *r->centers))) {
        st = nomem(err);
        goto cleanup;
    }
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->keys[i] || !*m->keys[i])
            continue;
        const char *key = m->keys[i];
        trawl_registry_row *row = &r->centers[r->ncenters++];
        const size_t *docs = trawl_strmap_get(&d->by[TRAWL_FACET_ICC], key, strlen(key));
        const size_t *e = trawl_strmap_get(&earliest, key, strlen(key));
        row->key = trawl_strdup(key);
        center_names(gz, db, key, &row->name, &row->province);
        const trawl_province *prov =
            row->province ? trawl_gazetteer_province(gz, row->province) : NULL;
        row->province_name = trawl_strdup(prov ? prov->name : "");
        const trawl_center *known = trawl_gazetteer_center(gz, key);
        row->formerly = trawl_strdup(known && known->formerly ? known->formerly : "");
        row->earliest = e ? (int)*e : 0;
        row->passages = m->vals[i];
        row->documents = docs ? *docs : 0;
        if (!row->key || !row->name || !row->province || !row->province_name || !row->formerly) {
            st = nomem(err);
            goto cleanup;
        }
    }
    qsort(r->centers, r->ncenters, sizeof *r->centers, by_year_then_key);
cleanup:
    trawl_strmap_free(&earliest);
    return st;
}

static trawl_status crosstab(const counter *c, const trawl_gazetteer *gz, trawl_xdb *db,
                             trawl_report *r, trawl_error *err)
{
    trawl_status st = facet_rows(c, c->a, true, gz, db, &r->rows, &r->nrows, err);
    if (!st)
        st = facet_rows(c, c->b, true, gz, db, &r->cols, &r->ncols, err);
    if (st)
        return st;
    if (!(r->cells = calloc(r->nrows * r->ncols, sizeof *r->cells)))
        return nomem(err);
    trawl_buf key = TRAWL_BUF_INIT;
    for (size_t i = 0; i < r->nrows; i++) {
        for (size_t j = 0; j < r->ncols; j++) {
            trawl_buf_reset(&key);
            trawl_buf_printf(&key, "%s\x1f%s", r->rows[i].none ? "" : r->rows[i].value,
                             r->cols[j].none ? "" : r->cols[j].value);
            const size_t *n = key.failed ? NULL : trawl_strmap_get(&c->pair, key.data, key.len);
            r->cells[i * r->ncols + j] = n ? *n : 0;
        }
    }
    st = key.failed ? nomem(err) : TRAWL_OK;
    trawl_buf_free(&key);
    return st;
}

trawl_status trawl_tally_report(const trawl_tally *t, const trawl_report_spec *spec,
                                const trawl_filter_scope *scope, const char *query,
                                const trawl_gazetteer *gz, trawl_xdb *db, trawl_report **report_out,
                                trawl_error *err)
{
    trawl_status st = TRAWL_OK;
    counter c, docs;
    trawl_reprint_groups groups = {0};
    trawl_report *r = NULL;
    *report_out = NULL;
    memset(&c, 0, sizeof c);
    memset(&docs, 0, sizeof docs);
    c.a = docs.a = spec->kind == TRAWL_REPORT_CROSSTAB ? (int)spec->facets[0] : -1;
    c.b = docs.b = spec->kind == TRAWL_REPORT_CROSSTAB ? (int)spec->facets[1] : -1;
    c.published_len = docs.published_len = spec->by_month ? 7 : 4;
    if (t->malformed)
        return trawl_error_set(err, TRAWL_ERR_CORRUPT,
                               "a passage's facet value (slot %d) is malformed: rebuild the index",
                               TRAWL_SLOT_TALLY);
    if (t->failed)
        return nomem(err);
    if (!(r = calloc(1, sizeof *r)) || !(r->query = trawl_strdup(query ? query : ""))) {
        st = nomem(err);
        goto cleanup;
    }
    r->spec = *spec;
    for (size_t i = 0;
         scope && scope->restricted[TRAWL_FACET_YEAR] && i < scope->allowed[TRAWL_FACET_YEAR].cap;
         i++) {
        const char *key = scope->allowed[TRAWL_FACET_YEAR].keys[i];
        int year = key ? atoi(key) : 0;
        if (year && (!r->first_year || year < r->first_year))
            r->first_year = year;
        if (year > r->last_year)
            r->last_year = year;
    }
    if (spec->kind == TRAWL_REPORT_REPRINTS) {
        st = trawl_reprints_report(t, db, r, err);
        goto cleanup;
    }
    if (spec->originals && (st = trawl_reprint_groups_load(db, &groups, err)))
        goto cleanup;
    /* The registry shows passages and documents; other reports count one or the other. */
    bool passages = spec->kind == TRAWL_REPORT_REGISTRY || !spec->documents;
    bool documents = spec->kind == TRAWL_REPORT_REGISTRY || spec->documents;
    if (passages)
        count_all(t, false, NULL, scope, &c);
    if (documents)
        count_all(t, true, spec->originals ? &groups : NULL, scope, &docs);
    if (c.failed || docs.failed) {
        st = nomem(err);
        goto cleanup;
    }
    const counter *counts = spec->documents ? &docs : &c;
    r->total = counts->total;
    if (spec->kind == TRAWL_REPORT_COUNTS) {
        int f = spec->facets[0];
        const size_t *none = trawl_strmap_get(&counts->by[f], "", 0);
        r->none = none ? *none : 0;
        st = facet_rows(counts, f, false, gz, db, &r->rows, &r->nrows, err);
    } else if (spec->kind == TRAWL_REPORT_CROSSTAB) {
        st = crosstab(counts, gz, db, r, err);
    } else {
        st = registry(t, &c, &docs, gz, db, r, err);
    }
cleanup:
    counter_free(&c);
    counter_free(&docs);
    trawl_reprint_groups_free(&groups);
    if (st) {
        trawl_report_free(r);
        return st;
    }
    *report_out = r;
    return TRAWL_OK;
}
