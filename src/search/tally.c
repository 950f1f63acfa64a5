/* tally.c: counting spied passages and building reports from the counts. */
#include "search/tally.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "index/schema.h"
#include "text/language.h"

void trawl_tally_init(trawl_tally *t, int cross_a, int cross_b)
{
    memset(t, 0, sizeof *t);
    t->cross[0] = cross_a;
    t->cross[1] = cross_b;
}

void trawl_tally_free(trawl_tally *t)
{
    trawl_strmap_free(&t->documents);
    for (int f = 0; f < TRAWL_FACET_COUNT; f++) {
        trawl_strmap_free(&t->count[f]);
        trawl_strmap_free(&t->docs[f]);
        trawl_strmap_free(&t->none_docs[f]);
    }
    trawl_strmap_free(&t->seen);
    trawl_strmap_free(&t->pair);
    trawl_strmap_free(&t->pair_docs);
    trawl_strmap_free(&t->earliest);
}

/* Adds `n` passages to `counts[key]`, and 1 to `docs[key]` the first time `key` is seen in
 * `doc`. */
static void count(trawl_tally *t, trawl_strmap *counts, trawl_strmap *docs, int tag,
                  const char *key, size_t len, const trawl_tally_part *doc, size_t n,
                  trawl_buf *scratch)
{
    size_t *c = trawl_strmap_at(counts, key, len);
    if (c)
        *c += n;
    trawl_buf_reset(scratch);
    trawl_buf_printf(scratch, "%d\x1f", tag);
    trawl_buf_append(scratch, key, len);
    trawl_buf_putc(scratch, '\x1f');
    trawl_buf_append(scratch, doc->data, doc->len);
    size_t *s = scratch->failed ? NULL : trawl_strmap_at(&t->seen, scratch->data, scratch->len);
    if (s && (*s)++ == 0) {
        size_t *d = trawl_strmap_at(docs, key, len);
        if (d)
            (*d)++;
    }
    if (!c || !s || scratch->failed)
        t->failed = true;
}

/* The space-separated words of a value, as (start, length) pairs; returns how many. */
static size_t words(const trawl_tally_part *v, size_t (*out)[2], size_t max)
{
    size_t n = 0, i = 0;
    while (i < v->len && n < max) {
        while (i < v->len && v->data[i] == ' ')
            i++;
        size_t start = i;
        while (i < v->len && v->data[i] != ' ')
            i++;
        if (i > start) {
            out[n][0] = start;
            out[n][1] = i - start;
            n++;
        }
    }
    return n;
}

#define MAX_VALUES 256

int trawl_tally_add(void *ctx, const char *value, size_t len, unsigned passages)
{
    trawl_tally *t = ctx;
    trawl_tally_part values[TRAWL_TALLY_PARTS];
    if (!trawl_schema_tally_split(value, len, values)) {
        t->malformed = true;
        return 1;
    }
    const trawl_tally_part *doc = &values[TRAWL_TALLY_PATH];
    size_t w[TRAWL_FACET_COUNT][MAX_VALUES][2];
    size_t nw[TRAWL_FACET_COUNT];
    size_t n = passages;
    trawl_buf scratch = TRAWL_BUF_INIT;
    t->passages += n;
    if (!trawl_strmap_at(&t->documents, doc->data, doc->len))
        t->failed = true;
    for (int f = 0; f < TRAWL_FACET_COUNT; f++) {
        const trawl_tally_part *v = &values[f];
        nw[f] = words(v, w[f], MAX_VALUES);
        if (nw[f] == 0) {
            t->none[f] += n;
            if (!trawl_strmap_at(&t->none_docs[f], doc->data, doc->len))
                t->failed = true;
        }
        for (size_t i = 0; i < nw[f]; i++)
            count(t, &t->count[f], &t->docs[f], f, v->data + w[f][i][0], w[f][i][1], doc, n,
                  &scratch);
    }
    if (t->cross[0] >= 0) {
        int a = t->cross[0], b = t->cross[1];
        trawl_buf key = TRAWL_BUF_INIT;
        for (size_t i = 0; i < nw[a]; i++) {
            for (size_t j = 0; j < nw[b]; j++) {
                trawl_buf_reset(&key);
                trawl_buf_append(&key, values[a].data + w[a][i][0], w[a][i][1]);
                trawl_buf_putc(&key, '\x1f');
                trawl_buf_append(&key, values[b].data + w[b][j][0], w[b][j][1]);
                if (!key.failed)
                    count(t, &t->pair, &t->pair_docs, TRAWL_FACET_COUNT, key.data, key.len, doc, n,
                          &scratch);
            }
        }
        trawl_buf_free(&key);
    }
    size_t pw[MAX_VALUES][2];
    const trawl_tally_part *pairs = &values[TRAWL_TALLY_PAIRS];
    size_t np = words(pairs, pw, MAX_VALUES);
    for (size_t i = 0; i < np; i++) {
        const char *p = pairs->data + pw[i][0];
        const char *colon = memchr(p, ':', pw[i][1]);
        if (!colon)
            continue;
        size_t year = (size_t)atoi(colon + 1);
        size_t *e = trawl_strmap_at(&t->earliest, p, (size_t)(colon - p));
        if (!e)
            t->failed = true;
        else if (*e == 0 || year < *e)
            *e = year;
    }
    trawl_buf_free(&scratch);
    return 0;
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

static int sort_facet; /* the facet of the rows being sorted (qsort has no context) */

/* Years in order; other values by count, most first, then by value. */
static int by_rank(const void *a, const void *b)
{
    const trawl_report_row *x = a, *y = b;
    if (sort_facet != TRAWL_FACET_YEAR && x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return strcmp(x->value, y->value);
}

/* Rows for every value of `facet`, counted per the spec, sorted. */
static trawl_status facet_rows(const trawl_tally *t, int facet, bool documents,
                               const trawl_gazetteer *gz, trawl_xdb *db, trawl_report_row **out,
                               size_t *n_out, trawl_error *err)
{
    const trawl_strmap *m = &t->count[facet];
    trawl_report_row *rows = calloc(m->n ? m->n : 1, sizeof *rows);
    size_t n = 0;
    if (!rows)
        return nomem(err);
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->keys[i])
            continue;
        const size_t *d = trawl_strmap_get(&t->docs[facet], m->keys[i], strlen(m->keys[i]));
        rows[n].value = trawl_strdup(m->keys[i]);
        rows[n].label = label_of(facet, m->keys[i], gz, db);
        rows[n].count = documents ? (d ? *d : 0) : m->vals[i];
        n++;
        if (!rows[n - 1].value || !rows[n - 1].label) {
            *out = rows;
            *n_out = n;
            return nomem(err);
        }
    }
    sort_facet = facet;
    qsort(rows, n, sizeof *rows, by_rank);
    *out = rows;
    *n_out = n;
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

static trawl_status registry(const trawl_tally *t, const trawl_gazetteer *gz, trawl_xdb *db,
                             trawl_report *r, trawl_error *err)
{
    const trawl_strmap *m = &t->count[TRAWL_FACET_ICC];
    r->centers = calloc(m->n ? m->n : 1, sizeof *r->centers);
    if (!r->centers)
        return nomem(err);
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->keys[i])
            continue;
        const char *key = m->keys[i];
        trawl_registry_row *row = &r->centers[r->ncenters++];
        const size_t *d = trawl_strmap_get(&t->docs[TRAWL_FACET_ICC], key, strlen(key));
        const size_t *e = trawl_strmap_get(&t->earliest, key, strlen(key));
        row->key = trawl_strdup(key);
        center_names(gz, db, key, &row->name, &row->province);
        const trawl_province *p =
            row->province ? trawl_gazetteer_province(gz, row->province) : NULL;
        row->province_name = trawl_strdup(p ? p->name : "");
        row->earliest = e ? (int)*e : 0;
        row->passages = m->vals[i];
        row->documents = d ? *d : 0;
        if (!row->key || !row->name || !row->province || !row->province_name)
            return nomem(err);
    }
    qsort(r->centers, r->ncenters, sizeof *r->centers, by_year_then_key);
    return TRAWL_OK;
}

static trawl_status crosstab(const trawl_tally *t, const trawl_gazetteer *gz, trawl_xdb *db,
                             trawl_report *r, trawl_error *err)
{
    int a = r->spec.facets[0], b = r->spec.facets[1];
    bool docs = r->spec.documents;
    trawl_status st = facet_rows(t, a, docs, gz, db, &r->rows, &r->nrows, err);
    if (!st)
        st = facet_rows(t, b, docs, gz, db, &r->cols, &r->ncols, err);
    if (st)
        return st;
    size_t ncells = r->nrows * r->ncols;
    r->cells = calloc(ncells ? ncells : 1, sizeof *r->cells);
    if (!r->cells)
        return nomem(err);
    trawl_buf key = TRAWL_BUF_INIT;
    for (size_t i = 0; i < r->nrows; i++) {
        for (size_t j = 0; j < r->ncols; j++) {
            trawl_buf_reset(&key);
            trawl_buf_printf(&key, "%s\x1f%s", r->rows[i].value, r->cols[j].value);
            const size_t *c = trawl_strmap_get(docs ? &t->pair_docs : &t->pair, key.data, key.len);
            r->cells[i * r->ncols + j] = c ? *c : 0;
        }
    }
    st = key.failed ? nomem(err) : TRAWL_OK;
    trawl_buf_free(&key);
    return st;
}

trawl_status trawl_tally_report(const trawl_tally *t, const trawl_report_spec *spec,
                                const char *query, const trawl_gazetteer *gz, trawl_xdb *db,
                                trawl_report **report_out, trawl_error *err)
{
    trawl_status st = TRAWL_OK;
    *report_out = NULL;
    if (t->malformed)
        return trawl_error_set(err, TRAWL_ERR_CORRUPT,
                               "a passage's facet value (slot %d) is malformed: rebuild the index",
                               TRAWL_SLOT_TALLY);
    if (t->failed)
        return nomem(err);
    trawl_report *r = calloc(1, sizeof *r);
    if (!r || !(r->query = trawl_strdup(query ? query : ""))) {
        free(r);
        return nomem(err);
    }
    r->spec = *spec;
    r->total = spec->documents ? t->documents.n : t->passages;
    if (spec->kind == TRAWL_REPORT_COUNTS) {
        int f = spec->facets[0];
        st = facet_rows(t, f, spec->documents, gz, db, &r->rows, &r->nrows, err);
        r->none = spec->documents ? t->none_docs[f].n : t->none[f];
    } else if (spec->kind == TRAWL_REPORT_CROSSTAB) {
        st = crosstab(t, gz, db, r, err);
    } else {
        st = registry(t, gz, db, r, err);
    }
    if (st) {
        trawl_report_free(r);
        return st;
    }
    *report_out = r;
    return TRAWL_OK;
}
