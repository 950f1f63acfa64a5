/* search.c: query -> enquire -> passages with highlights. */
#include "search/search.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "index/schema.h"
#include "query/query_compile.h"
#include "query/query_parser.h"
#include "text/analyzer.h"
#include "text/utf8.h"
#include "xapian-c/xapian_c.h"

/* BM25 parameters for passages: Xapian's defaults but for k1 and b, which the common
 * settings for short texts (1.2, 0.75) suit better. k2, k3 and min_normlen are Xapian's. */
#define BM25_K1 1.2
#define BM25_K2 0.0
#define BM25_K3 1.0
#define BM25_B 0.75
#define BM25_MIN_NORMLEN 0.5

/* A search retries this often when the index changes under it (an ingest committing). */
#define MODIFIED_RETRIES 3

struct trawl_searcher {
    trawl_xdb *db;
    char *dir;         /* for messages */
    char language[16]; /* the index's default document language */
};

struct trawl_results {
    char *query;
    unsigned total, offset;
    trawl_hit *hits;
    size_t count;
    json_t **data;        /* parsed stored data of each hit: owns the hit strings */
    trawl_range **ranges; /* highlight ranges of each hit */
};

trawl_status trawl_searcher_open(const char *dir, trawl_searcher **s_out, trawl_error *err)
{
    trawl_status st;
    char *schema = NULL, *lang = NULL;
    *s_out = NULL;
    trawl_searcher *s = calloc(1, sizeof *s);
    if (!s || !(s->dir = trawl_strdup(dir))) {
        free(s);
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory opening %s", dir);
    }
    trawl_error why;
    if ((st = trawl_xdb_open(dir, TRAWL_XDB_READ, &s->db, &why))) {
        if (st == TRAWL_ERR_NO_INDEX)
            trawl_error_set(err, st, "no index at %s: run trawl-ingest first (%s)", dir,
                            why.message);
        else
            trawl_error_set(err, st, "cannot open the index at %s: %s", dir, why.message);
        goto fail;
    }
    if ((st = trawl_xdb_get_metadata(s->db, TRAWL_META_SCHEMA, &schema, NULL, err)) ||
        (st = trawl_xdb_get_metadata(s->db, TRAWL_META_LANGUAGE, &lang, NULL, err)))
        goto fail;
    if (!*schema) {
        st = trawl_error_set(err, TRAWL_ERR_NO_INDEX, "%s: a Xapian database but not a Trawl index",
                             dir);
        goto fail;
    }
    if (atoi(schema) != TRAWL_SCHEMA_VERSION) {
        st = trawl_error_set(err, TRAWL_ERR_VERSION,
                             "%s: index schema %s, this trawl-query reads %d: rebuild it with "
                             "trawl-ingest --rebuild",
                             dir, schema, TRAWL_SCHEMA_VERSION);
        goto fail;
    }
    snprintf(s->language, sizeof s->language, "%s", *lang ? lang : "en");
    free(schema);
    free(lang);
    *s_out = s;
    return TRAWL_OK;
fail:
    free(schema);
    free(lang);
    trawl_searcher_close(s);
    return st;
}

void trawl_searcher_close(trawl_searcher *s)
{
    if (!s)
        return;
    trawl_xdb_close(s->db);
    free(s->dir);
    free(s);
}

const char *trawl_results_query(const trawl_results *r)
{
    return r->query;
}

unsigned trawl_results_total(const trawl_results *r)
{
    return r->total;
}

unsigned trawl_results_offset(const trawl_results *r)
{
    return r->offset;
}

size_t trawl_results_count(const trawl_results *r)
{
    return r->count;
}

const trawl_hit *trawl_results_hit(const trawl_results *r, size_t i)
{
    return i < r->count ? &r->hits[i] : NULL;
}

void trawl_results_free(trawl_results *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->count; i++) {
        json_decref(r->data[i]);
        free(r->ranges[i]);
    }
    free(r->data);
    free(r->ranges);
    free(r->hits);
    free(r->query);
    free(r);
}

static const char *str_field(json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

/* Fills hit `i` from the stored passage of match `m`. */
static trawl_status load_hit(trawl_results *r, size_t i, const trawl_xmatch *m,
                             trawl_highlighter *hl, trawl_analyzer *an, trawl_error *err)
{
    json_error_t jerr;
    json_t *o = json_loadb(m->data, m->data_len, 0, &jerr);
    if (!json_is_object(o)) {
        json_decref(o);
        return trawl_error_set(err, TRAWL_ERR_CORRUPT, "passage %u: unreadable stored data: %s",
                               m->docid, jerr.text);
    }
    r->data[i] = o;
    trawl_hit *h = &r->hits[i];
    h->rank = m->rank + 1;
    h->score = m->weight;
    h->id = str_field(o, "id");
    h->path = str_field(o, "path");
    h->title = str_field(o, "title");
    h->url = str_field(o, "url");
    h->section = str_field(o, "section");
    h->lang = str_field(o, "lang");
    json_t *text = json_object_get(o, "text");
    h->text = json_is_string(text) ? json_string_value(text) : "";
    h->text_len = json_is_string(text) ? json_string_length(text) : 0;
    h->ordinal = (unsigned)json_integer_value(json_object_get(o, "ordinal"));
    h->offset = (size_t)json_integer_value(json_object_get(o, "offset"));
    trawl_status st =
        trawl_highlight(hl, an, h->text, h->text_len, &r->ranges[i], &h->nhighlights, err);
    h->highlights = r->ranges[i];
    return st;
}

/* A query comes from a command line or a program: refuse bytes that are not UTF-8 rather than
 * search for something the user did not type. */
static trawl_status check_utf8(const char *query, trawl_error *err)
{
    size_t len = strlen(query), replaced = 0;
    char *copy = trawl_strndup(query, len);
    if (!copy)
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    trawl_status st = trawl_utf8_sanitize(&copy, &len, &replaced, err);
    free(copy);
    if (st == TRAWL_OK && replaced)
        st = trawl_error_set(err, TRAWL_ERR_QUERY_SYNTAX, "the query is not valid UTF-8");
    return st;
}

static trawl_status run(trawl_searcher *s, const trawl_xquery *q, const trawl_search_options *o,
                        trawl_highlighter *hl, trawl_analyzer *an, trawl_results *r,
                        trawl_error *err)
{
    trawl_status st;
    trawl_xenquire *enq = NULL;
    trawl_xmset *mset = NULL;
    unsigned docs = 0;
    if ((st = trawl_xdb_doccount(s->db, &docs, err)) ||
        (st = trawl_xenquire_new(s->db, &enq, err)) ||
        (st = trawl_xenquire_set_query(enq, q, err)) ||
        (st = trawl_xenquire_set_bm25(enq, BM25_K1, BM25_K2, BM25_K3, BM25_B, BM25_MIN_NORMLEN,
                                      err)) ||
        /* check_at_least = every document: the total is exact, never an estimate. */
        (st = trawl_xenquire_run(enq, o->offset, o->limit, docs, &mset, err)))
        goto cleanup;
    trawl_xmset_counts(mset, NULL, &r->total, NULL);
    size_t n = trawl_xmset_size(mset);
    r->hits = calloc(n ? n : 1, sizeof *r->hits);
    r->data = calloc(n ? n : 1, sizeof *r->data);
    r->ranges = calloc(n ? n : 1, sizeof *r->ranges);
    if (!r->hits || !r->data || !r->ranges) {
        st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory loading results");
        goto cleanup;
    }
    for (size_t i = 0; i < n; i++) {
        trawl_xmatch m;
        if ((st = trawl_xmset_item(mset, i, &m, err)))
            goto cleanup;
        r->count = i + 1;
        if ((st = load_hit(r, i, &m, hl, an, err)))
            goto cleanup;
    }
cleanup:
    trawl_xmset_free(mset);
    trawl_xenquire_free(enq);
    return st;
}

trawl_status trawl_search(trawl_searcher *s, const char *query, const trawl_search_options *opts,
                          trawl_results **results_out, trawl_error *err)
{
    trawl_status st;
    trawl_qnode *tree = NULL;
    trawl_analyzer *an = NULL;
    trawl_highlighter *hl = NULL;
    trawl_xquery *q = NULL;
    trawl_results *r = NULL;
    trawl_search_options o = opts ? *opts : (trawl_search_options){0, 10, NULL};
    *results_out = NULL;
    if ((st = trawl_analyzer_new(o.language && *o.language ? o.language : s->language, &an, err)) ||
        (st = trawl_highlighter_new(&hl, err)))
        goto cleanup;
    if (query) {
        if ((st = check_utf8(query, err)) || (st = trawl_query_parse(query, &tree, err)) ||
            (st = trawl_query_compile(tree, an, hl, &q, err)))
            goto cleanup;
    } else if ((st = trawl_xquery_match_all(&q, err))) {
        goto cleanup;
    }
    for (int attempt = 0;; attempt++) {
        trawl_results_free(r);
        r = calloc(1, sizeof *r);
        if (!r || !(r->query = trawl_strdup(query ? query : ""))) {
            st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
            goto cleanup;
        }
        r->offset = o.offset;
        st = run(s, q, &o, hl, an, r, err);
        if (st != TRAWL_ERR_MODIFIED || attempt == MODIFIED_RETRIES)
            break;
        if ((st = trawl_xdb_reopen(s->db, err)))
            break;
    }
    if (st == TRAWL_OK) {
        *results_out = r;
        r = NULL;
    }
cleanup:
    trawl_results_free(r);
    trawl_xquery_free(q);
    trawl_highlighter_free(hl);
    trawl_analyzer_free(an);
    trawl_qnode_free(tree);
    return st;
}
