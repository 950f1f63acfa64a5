/* search.c: query -> enquire -> passages with highlights, facet evidence and counts. */
#define _POSIX_C_SOURCE 200809L /* access */
#include "search/search.h"

#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/buf.h"
#include "common/json_text.h"
#include "facets/facets.h"
#include "index/records.h"
#include "index/schema.h"
#include "query/query_compile.h"
#include "query/query_parser.h"
#include "query/relax.h"
#include "search/collapse.h"
#include "search/reprint_groups.h"
#include "search/searcher_impl.h"
#include "search/suggest.h"
#include "search/tally.h"
#include "text/analyzer.h"
#include "text/language.h"
#include "text/utf8.h"
#include "xapian-c/xapian_c.h"

/* BM25 parameters for passages: Xapian's defaults but for k1 and b, which the common
 * settings for short texts (1.2, 0.75) suit better. k2, k3 and min_normlen are Xapian's. */
#define BM25_K1 1.2
#define BM25_K2 0.0
#define BM25_K3 1.0
#define BM25_B 0.75
#define BM25_MIN_NORMLEN 0.5

/* The most matches a collapsed page looks at. */
#define TRAWL_COLLAPSE_WINDOW 10000

/* A search retries this often when the index changes under it (an ingest committing). */
#define MODIFIED_RETRIES 3

/* Queries are analysed in at most this many languages. */
#define MAX_LANGUAGES 256

struct trawl_searcher {
    trawl_xdb *db;
    char *dir;                           /* for messages */
    char language[16];                   /* the index's default document language */
    char languages[2048];                /* the languages of its passages, space-separated */
    trawl_gazetteer *gz;                 /* the gazetteer the index was built with */
    trawl_aliases *aliases;              /* those names, folded (as the index keeps them) */
    trawl_analyzer *made[MAX_LANGUAGES]; /* analyzers made by searches, kept for the next */
    size_t nmade;
    const char **missing; /* shards left out (allow_partial): the handle's messages */
    size_t nmissing;
    bool allow_partial;       /* a shard that stops answering is left out, not an error */
    trawl_glossary *glossary; /* groups of equivalent terms (trawl_searcher_use_glossary) */
};

struct trawl_results {
    char *query;
    unsigned total, offset;
    trawl_hit *hits;
    size_t count;
    json_t **data;                           /* parsed stored data: owns the hit strings */
    trawl_range **ranges;                    /* highlight ranges of each hit */
    trawl_hit_facet **facets;                /* facet evidence of each hit */
    trawl_hit_founding **foundings;          /* foundings each hit tells */
    trawl_report *counts[TRAWL_FACET_COUNT]; /* facet counts, when asked for */
    char **labels;                           /* labels of the evidence, owned */
    size_t nlabels, clabels;
    trawl_doc_links **links;       /* each hit's document's links, when asked for */
    size_t relaxed, clauses;       /* a partial match: `relaxed` of the query's `clauses` */
    trawl_suggestion *suggestions; /* for words no passage holds, owned */
    size_t nsuggestions;
    trawl_expansion *expansions; /* the query's terms the glossary expanded, owned */
    size_t nexpansions;
    trawl_doc_group *groups; /* grouped by document: each document's hits, in order */
    size_t ngroups;
    size_t *shown; /* with collapse: the hits of the page, indexes into `hits`; else NULL */
    size_t nshown;
    trawl_hit_copy *copies; /* with collapse: the copies of each shown hit, in a row */
};

/* The languages of the index's passages, as they are gathered. */
typedef struct language_list {
    trawl_buf codes; /* in the list format of stem expansions */
    size_t shards;   /* shards whose list was read */
} language_list;

/* Adds a shard's list of languages to the index's (`ctx`, a language_list). */
static int add_shard_list(void *ctx, const char *key, const char *value, size_t len)
{
    (void)key;
    language_list *l = ctx;
    l->shards++;
    trawl_schema_merge_list(&l->codes, value, len);
    return 0;
}

static int by_code(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The languages of the index's passages into s->languages, in byte order: from each searched
 * shard's TRAWL_META_LANGUAGES, or, when one lacks it (an index no run has committed since it
 * was added, a shard without passages), from the L terms themselves. */
static trawl_status list_languages(trawl_searcher *s, trawl_error *err)
{
    language_list l = {TRAWL_BUF_INIT, 0};
    trawl_status st =
        trawl_xdb_each_metadata_value(s->db, TRAWL_META_LANGUAGES, add_shard_list, &l, err);
    size_t shards = trawl_xdb_shard_count(s->db) - s->nmissing;
    if (!st && l.shards < shards) {
        trawl_buf_reset(&l.codes);
        st = trawl_schema_languages_of(s->db, &l.codes, err);
    }
    char *codes[MAX_LANGUAGES];
    size_t n = 0;
    for (char *c = l.codes.data, *end; !st && c && *c && n < MAX_LANGUAGES; c = end + 1) {
        end = strchr(c, '\n');
        *end = '\0';
        codes[n++] = c;
    }
    qsort(codes, n, sizeof *codes, by_code);
    s->languages[0] = '\0';
    for (size_t i = 0, used = 0; i < n; i++) {
        size_t len = strlen(codes[i]);
        if (used + len + 2 > sizeof s->languages)
            break;
        used += (size_t)snprintf(s->languages + used, sizeof s->languages - used, "%s%s",
                                 used ? " " : "", codes[i]);
    }
    if (!st && l.codes.failed)
        st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory listing languages");
    trawl_buf_free(&l.codes);
    return st;
}

/* The shards the database has left out, into s->missing (sized for every shard). */
static void list_missing(trawl_searcher *s)
{
    s->nmissing = 0;
    for (size_t i = 0; i < trawl_xdb_shard_count(s->db); i++)
        if (trawl_xdb_shard_missing(s->db, i))
            s->missing[s->nmissing++] = trawl_xdb_shard_missing(s->db, i);
}

trawl_status trawl_searcher_open(const char *dir, const trawl_xdb_read_options *options,
                                 trawl_searcher **s_out, trawl_error *err)
{
    trawl_status st;
    char *schema = NULL, *lang = NULL, *gazetteer = NULL, *aliases = NULL;
    size_t gazetteer_len = 0, aliases_len = 0;
    *s_out = NULL;
    trawl_searcher *s = calloc(1, sizeof *s);
    if (!s || !(s->dir = trawl_strdup(dir))) {
        free(s);
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory opening %s", dir);
    }
    trawl_error why;
    if ((st = trawl_schema_open_read(dir, options, &s->db, &why))) {
        if (st == TRAWL_ERR_NO_INDEX)
            trawl_error_set(err, st, "no index at %s: run trawl-ingest first (%s)", dir,
                            why.message);
        else
            trawl_error_set(err, st, "cannot open the index at %s: %s", dir, why.message);
        goto fail;
    }
    s->allow_partial = options && options->allow_partial;
    if (!(s->missing = calloc(trawl_xdb_shard_count(s->db), sizeof *s->missing))) {
        st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory opening %s", dir);
        goto fail;
    }
    list_missing(s);
    if ((st = trawl_xdb_get_metadata(s->db, TRAWL_META_SCHEMA, &schema, NULL, err)) ||
        (st = trawl_xdb_get_metadata(s->db, TRAWL_META_LANGUAGE, &lang, NULL, err)) ||
        (st = trawl_xdb_get_metadata(s->db, TRAWL_META_GAZETTEER, &gazetteer, &gazetteer_len,
                                     err)) ||
        (st = trawl_xdb_get_metadata(s->db, TRAWL_META_ALIASES, &aliases, &aliases_len, err)) ||
        (st = list_languages(s, err)))
        goto fail;
    unsigned docs = 0;
    if (!*schema && (st = trawl_xdb_doccount(s->db, &docs, err)) == TRAWL_OK) {
        /* An ingest that never committed leaves an empty database. */
        st = docs ? trawl_error_set(err, TRAWL_ERR_NO_INDEX,
                                    "%s: a Xapian database but not a Trawl index", dir)
                  : trawl_error_set(err, TRAWL_ERR_NO_INDEX,
                                    "no index at %s: run trawl-ingest first (it is empty)", dir);
    }
    if (st)
        goto fail;
    if (atoi(schema) != TRAWL_SCHEMA_VERSION) {
        st = trawl_error_set(err, TRAWL_ERR_VERSION,
                             "%s: index schema %s, this trawl-query reads %d: rebuild it with "
                             "trawl-ingest --rebuild",
                             dir, schema, TRAWL_SCHEMA_VERSION);
        goto fail;
    }
    if ((st = trawl_gazetteer_load_text(gazetteer, gazetteer_len, &s->gz, &why))) {
        st = trawl_error_set(err, st == TRAWL_ERR_NOMEM ? st : TRAWL_ERR_CORRUPT,
                             "%s: the index's gazetteer: %s", dir, why.message);
        goto fail;
    }
    if (aliases_len && (st = trawl_aliases_load(s->gz, aliases, aliases_len, &s->aliases, &why))) {
        st = trawl_error_set(err, st, "%s: %s", dir, why.message);
        goto fail;
    }
    snprintf(s->language, sizeof s->language, "%s", *lang ? lang : "en");
    free(schema);
    free(lang);
    free(gazetteer);
    free(aliases);
    *s_out = s;
    return TRAWL_OK;
fail:
    free(schema);
    free(lang);
    free(gazetteer);
    free(aliases);
    trawl_searcher_close(s);
    return st;
}

trawl_xdb *trawl_searcher_db(trawl_searcher *s)
{
    return s->db;
}

const char *const *trawl_searcher_missing(const trawl_searcher *s, size_t *n_out)
{
    *n_out = s->nmissing;
    return s->nmissing ? s->missing : NULL;
}

void trawl_searcher_close(trawl_searcher *s)
{
    if (!s)
        return;
    trawl_xdb_close(s->db);
    trawl_aliases_free(s->aliases);
    trawl_glossary_free(s->glossary);
    for (size_t i = 0; i < s->nmade; i++)
        trawl_analyzer_free(s->made[i]);
    trawl_gazetteer_free(s->gz);
    free(s->missing);
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

const trawl_suggestion *trawl_results_suggestions(const trawl_results *r, size_t *n)
{
    *n = r->nsuggestions;
    return r->nsuggestions ? r->suggestions : NULL;
}

const trawl_expansion *trawl_results_expansions(const trawl_results *r, size_t *n)
{
    *n = r->nexpansions;
    return r->nexpansions ? r->expansions : NULL;
}

size_t trawl_results_relaxed(const trawl_results *r, size_t *clauses)
{
    if (clauses)
        *clauses = r->clauses;
    return r->relaxed;
}

unsigned trawl_results_offset(const trawl_results *r)
{
    return r->offset;
}

size_t trawl_results_count(const trawl_results *r)
{
    return r->shown ? r->nshown : r->count;
}

const trawl_doc_group *trawl_results_groups(const trawl_results *r, size_t *n)
{
    *n = r->ngroups;
    return r->groups;
}

size_t trawl_results_examined(const trawl_results *r)
{
    return r->shown ? r->count : 0;
}

const trawl_hit *trawl_results_hit(const trawl_results *r, size_t i)
{
    if (r->shown)
        return i < r->nshown ? &r->hits[r->shown[i]] : NULL;
    return i < r->count ? &r->hits[i] : NULL;
}

const trawl_report *trawl_results_facet(const trawl_results *r, int facet)
{
    return facet >= 0 && facet < TRAWL_FACET_COUNT ? r->counts[facet] : NULL;
}

void trawl_results_free(trawl_results *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->nsuggestions; i++) {
        free(r->suggestions[i].word);
        free(r->suggestions[i].suggestion);
    }
    free(r->suggestions);
    for (size_t i = 0; i < r->nexpansions; i++) {
        free(r->expansions[i].term);
        for (size_t k = 0; k < r->expansions[i].n; k++)
            free(r->expansions[i].members[k]);
        free(r->expansions[i].members);
    }
    free(r->expansions);
    for (size_t i = 0; i < r->count; i++) {
        json_decref(r->data[i]);
        free(r->ranges[i]);
        free(r->facets[i]);
        free(r->foundings[i]);
        if (r->links)
            trawl_doc_links_free(r->links[i]);
    }
    free(r->links);
    free(r->shown);
    free(r->copies);
    free(r->groups);
    for (size_t i = 0; i < r->nlabels; i++)
        free(r->labels[i]);
    for (int f = 0; f < TRAWL_FACET_COUNT; f++)
        trawl_report_free(r->counts[f]);
    free(r->labels);
    free(r->data);
    free(r->ranges);
    free(r->facets);
    free(r->foundings);
    free(r->hits);
    free(r->query);
    free(r);
}

static const char *str_field(json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

/* A label for a facet value, kept by the results; NULL when memory runs out. */
static const char *keep_label(trawl_results *r, trawl_searcher *s, int facet, const char *value)
{
    char *label = NULL;
    if (facet == TRAWL_FACET_ICC) {
        const trawl_center *c = trawl_gazetteer_center(s->gz, value);
        label = trawl_strdup(c ? c->name : value);
    } else if (facet == TRAWL_FACET_PROVINCE) {
        const trawl_province *p = trawl_gazetteer_province(s->gz, value);
        label = trawl_strdup(p ? p->name : value);
    } else {
        label = trawl_strdup(value);
    }
    if (!label ||
        !trawl_array_grow((void **)&r->labels, &r->clabels, r->nlabels, sizeof *r->labels)) {
        free(label);
        return NULL;
    }
    r->labels[r->nlabels++] = label;
    return label;
}

/* The facet evidence of a stored passage ({"icc": [{value, text, start, end, rule}], ...}) and
 * its foundings ([{icc, year, text, start, end}]). */
static trawl_status load_facets(trawl_results *r, trawl_searcher *s, size_t i, json_t *o,
                                trawl_error *err)
{
    json_t *facets = json_object_get(o, "facets");
    size_t n = 0;
    for (int f = 0; f < TRAWL_FACET_COUNT; f++)
        n += json_array_size(json_object_get(facets, trawl_facet_name((trawl_facet_id)f)));
    r->facets[i] = calloc(n ? n : 1, sizeof *r->facets[i]);
    if (!r->facets[i])
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory loading results");
    trawl_hit *h = &r->hits[i];
    h->facets = r->facets[i];
    for (int f = 0; f < TRAWL_FACET_COUNT; f++) {
        json_t *list = json_object_get(facets, trawl_facet_name((trawl_facet_id)f));
        for (size_t k = 0; k < json_array_size(list); k++) {
            json_t *e = json_array_get(list, k);
            trawl_hit_facet *hf = &r->facets[i][h->nfacets++];
            hf->facet = (trawl_facet_id)f;
            hf->value = str_field(e, "value");
            if (!(hf->label = keep_label(r, s, f, hf->value)))
                return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory loading results");
            hf->text = str_field(e, "text");
            hf->rule = str_field(e, "rule");
            hf->start = (size_t)json_integer_value(json_object_get(e, "start"));
            hf->end = (size_t)json_integer_value(json_object_get(e, "end"));
        }
    }
    json_t *foundings = json_object_get(o, "foundings");
    if (!(r->foundings[i] = calloc(json_array_size(foundings) + 1, sizeof *r->foundings[i])))
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory loading results");
    h->foundings = r->foundings[i];
    for (size_t k = 0; k < json_array_size(foundings); k++) {
        json_t *e = json_array_get(foundings, k);
        trawl_hit_founding *hf = &r->foundings[i][h->nfoundings++];
        hf->center = str_field(e, "icc");
        if (!(hf->label = keep_label(r, s, TRAWL_FACET_ICC, hf->center)))
            return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory loading results");
        hf->year = (int)json_integer_value(json_object_get(e, "year"));
        hf->text = str_field(e, "text");
        hf->start = (size_t)json_integer_value(json_object_get(e, "start"));
        hf->end = (size_t)json_integer_value(json_object_get(e, "end"));
    }
    return TRAWL_OK;
}

/* The analyzers of a search: the query's language first (the one given, else the index's
 * default), then, unless a language was given, one per language of the index, whose stems
 * unquoted words also match. They belong to the searcher, which keeps them for later
 * searches (making one costs more than a search). */
typedef struct analyzers {
    trawl_analyzer *all[MAX_LANGUAGES];
    size_t n;
} analyzers;

/* The searcher's analyzer of `lang`, made on first use. */
static trawl_status analyzer_of(trawl_searcher *s, const char *lang, trawl_analyzer **out,
                                trawl_error *err)
{
    for (size_t i = 0; i < s->nmade; i++) {
        if (strcmp(trawl_analyzer_language(s->made[i]), lang) == 0) {
            *out = s->made[i];
            return TRAWL_OK;
        }
    }
    if (s->nmade == MAX_LANGUAGES)
        return trawl_error_set(err, TRAWL_ERR_ARG, "more than %d languages", MAX_LANGUAGES);
    trawl_status st = trawl_analyzer_new(lang, out, err);
    if (st == TRAWL_OK)
        s->made[s->nmade++] = *out;
    return st;
}

/* The code of the query language `lang` (a code or an English name) into `code`; an error
 * naming the index's languages when the index has none of its passages. */
static trawl_status query_language(const trawl_searcher *s, const char *lang, char code[16],
                                   trawl_error *err)
{
    const char *known = trawl_language_code(lang);
    snprintf(code, 16, "%s", known ? known : lang);
    if (trawl_languages_have(s->languages, code))
        return TRAWL_OK;
    trawl_buf names = TRAWL_BUF_INIT;
    trawl_languages_describe(s->languages, &names);
    trawl_status st =
        names.failed
            ? trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory")
            : trawl_error_set(err, TRAWL_ERR_ARG, "--lang %s: %s (the index's languages: %s)", lang,
                              known ? "the index has no passages in it" : "no such language",
                              trawl_buf_str(&names));
    trawl_buf_free(&names);
    return st;
}

static trawl_status analyzers_open(trawl_searcher *s, const char *lang, analyzers *a,
                                   trawl_error *err)
{
    a->n = 0;
    char code[16];
    trawl_status st = lang && *lang ? query_language(s, lang, code, err) : TRAWL_OK;
    if (st)
        return st;
    st = analyzer_of(s, lang && *lang ? code : s->language, &a->all[0], err);
    if (st)
        return st;
    a->n = 1;
    char langs[sizeof s->languages];
    snprintf(langs, sizeof langs, "%s", lang && *lang ? "" : s->languages);
    for (char *w = strtok(langs, " "); w && a->n < MAX_LANGUAGES; w = strtok(NULL, " ")) {
        if (strcmp(w, trawl_analyzer_language(a->all[0])) == 0)
            continue;
        if ((st = analyzer_of(s, w, &a->all[a->n], err)))
            return st;
        a->n++;
    }
    return TRAWL_OK;
}

trawl_status trawl_searcher_use_glossary(trawl_searcher *s, const char *path, trawl_error *err)
{
    trawl_buf beside = TRAWL_BUF_INIT;
    if (!path) {
        size_t len = strlen(s->dir);
        while (len > 1 && s->dir[len - 1] == '/')
            len--;
        while (len > 0 && s->dir[len - 1] != '/')
            len--;
        trawl_buf_printf(&beside, "%.*s%s", (int)len, s->dir, TRAWL_GLOSSARY_FILE);
        if (beside.failed) {
            trawl_buf_free(&beside);
            return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
        }
    }
    trawl_analyzer *an = NULL;
    trawl_glossary *g = NULL;
    trawl_status st = TRAWL_OK;
    if (path || access(trawl_buf_str(&beside), F_OK) == 0) {
        st = analyzer_of(s, s->language, &an, err);
        if (!st)
            st = trawl_glossary_load(path ? path : trawl_buf_str(&beside), an, &g, err);
    }
    trawl_buf_free(&beside);
    if (!st) {
        trawl_glossary_free(s->glossary);
        s->glossary = g;
    }
    return st;
}

const trawl_glossary *trawl_searcher_glossary(const trawl_searcher *s)
{
    return s->glossary;
}

/* The run that last wrote result `k` of `mset` into `h`, its time kept in `o` (the hit's
 * data). */
static trawl_status load_run(trawl_results *r, trawl_searcher *s, trawl_xmset *mset, size_t k,
                             json_t *o, trawl_hit *h, trawl_error *err)
{
    char *value = NULL, *record = NULL;
    size_t len = 0;
    h->run = 0;
    h->added = "";
    trawl_status st = trawl_xmset_value(mset, k, TRAWL_SLOT_RUN, &value, &len, err);
    if (st)
        return st;
    h->run = (unsigned)strtoul(value, NULL, 10);
    free(value);
    if (!h->run)
        return TRAWL_OK;
    /* The page's passages mostly share a few runs: each run's record is read once. */
    const char *known = NULL;
    for (size_t i = 0; i < r->count && !known; i++)
        if (r->hits[i].run == h->run && &r->hits[i] != h && r->hits[i].added && *r->hits[i].added)
            known = r->hits[i].added;
    char time[32] = "";
    if (!known) {
        char key[64];
        snprintf(key, sizeof key, "%s%08u", TRAWL_META_RUN, h->run);
        if ((st = trawl_xdb_get_metadata(s->db, key, &record, &len, err)))
            return st;
        bool nomem = false;
        json_t *rec = len ? trawl_json_parse(record, len, JSON_COMPACT, &nomem, NULL) : NULL;
        const char *t = json_string_value(json_object_get(rec, "time"));
        snprintf(time, sizeof time, "%s", t ? t : "");
        json_decref(rec);
        free(record);
        if (nomem)
            return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory loading results");
    }
    if (json_object_set_new_nocheck(o, "added", json_string(known ? known : time)) ||
        json_object_set_new_nocheck(o, "run", json_integer(h->run)))
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory loading results");
    h->added = json_string_value(json_object_get(o, "added"));
    return TRAWL_OK;
}

/* Fills hit `i` of `r` (whose count already covers it) from the stored passage of result `k` of
 * `mset`, highlighting it as analysed in its own language when the search has that language's
 * analyzer. */
static trawl_status load_hit(trawl_results *r, trawl_searcher *s, size_t i, trawl_xmset *mset,
                             size_t k, trawl_highlighter *hl, const analyzers *ans,
                             trawl_error *err)
{
    json_t *o = NULL;
    const char *text_start = NULL;
    size_t text_len = 0;
    trawl_error why;
    trawl_xmatch match, *m = &match;
    trawl_status st = trawl_xmset_item(mset, k, m, err);
    if (st)
        return st;
    st = trawl_passage_data_decode(m->data, m->data_len, &o, &text_start, &text_len, &why);
    if (st == TRAWL_ERR_NOMEM)
        return trawl_error_set(err, st, "out of memory loading results");
    if (st)
        return trawl_error_set(err, TRAWL_ERR_CORRUPT, "passage %u: unreadable stored data: %s",
                               m->docid, why.message);
    if (json_object_set_new_nocheck(o, "text", json_stringn_nocheck(text_start, text_len))) {
        json_decref(o);
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory loading results");
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
    h->kind = str_field(o, "kind");
    h->published = str_field(o, "published");
    if ((st = load_run(r, s, mset, k, o, h, err)))
        return st;
    json_t *text = json_object_get(o, "text");
    h->text = json_is_string(text) ? json_string_value(text) : "";
    h->text_len = json_is_string(text) ? json_string_length(text) : 0;
    h->ordinal = (unsigned)json_integer_value(json_object_get(o, "ordinal"));
    h->offset = (size_t)json_integer_value(json_object_get(o, "offset"));
    h->page = (unsigned)json_integer_value(json_object_get(o, "page"));
    trawl_analyzer *an = ans->all[0];
    for (size_t k = 0; k < ans->n; k++)
        if (strcmp(trawl_analyzer_language(ans->all[k]), h->lang) == 0)
            an = ans->all[k];
    st = trawl_highlight(hl, an, h->text, h->text_len, &r->ranges[i], &h->nhighlights, err);
    h->highlights = r->ranges[i];
    return st ? st : load_facets(r, s, i, o, err);
}

/* The matches a collapsed page is made from: five times the page and its offset, and 50 more,
 * at most TRAWL_COLLAPSE_WINDOW. */
static unsigned collapse_window(unsigned offset, unsigned limit)
{
    unsigned long long w = ((unsigned long long)offset + limit) * 5 + 50;
    return w > TRAWL_COLLAPSE_WINDOW ? TRAWL_COLLAPSE_WINDOW : (unsigned)w;
}

/* Folds the loaded hits of `r` that are reprints of better ones into them (collapse.h) and
 * shows the page `offset`, `limit` of what is left, ranked anew from offset + 1. */
static trawl_status collapse_hits(trawl_searcher *s, trawl_results *r, unsigned offset,
                                  unsigned limit, trawl_error *err)
{
    trawl_reprint_groups groups = {0};
    trawl_collapse_item *items = calloc(r->count ? r->count : 1, sizeof *items);
    size_t *into = calloc(r->count ? r->count : 1, sizeof *into);
    trawl_status st = items && into ? trawl_reprint_groups_load(s->db, &groups, err)
                                    : trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    for (size_t i = 0; !st && i < r->count; i++) {
        const trawl_hit *h = &r->hits[i];
        items[i] = (trawl_collapse_item){h->path,
                                         trawl_reprint_group_of(&groups, h->path, strlen(h->path)),
                                         h->text, h->text_len};
    }
    if (!st)
        st = trawl_collapse(items, r->count, into, err);
    /* The page's hits, and the copies of each in a row of r->copies. */
    size_t kept = 0, ncopies = 0;
    for (size_t i = 0; !st && i < r->count; i++)
        if (into[i] == i && kept++ >= offset && r->nshown < limit)
            r->nshown++;
    if (!st && (!(r->shown = calloc(r->nshown ? r->nshown : 1, sizeof *r->shown)) ||
                !(r->copies = calloc(r->count ? r->count : 1, sizeof *r->copies))))
        st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    kept = 0;
    for (size_t i = 0, shown = 0; !st && i < r->count && shown < r->nshown; i++) {
        if (into[i] != i || kept++ < offset)
            continue;
        trawl_hit *h = &r->hits[i];
        r->shown[shown++] = i;
        h->rank = offset + (unsigned)shown;
        h->copies = &r->copies[ncopies];
        for (size_t k = i + 1; k < r->count; k++) {
            if (into[k] != i)
                continue;
            const trawl_hit *c = &r->hits[k];
            r->copies[ncopies++] = (trawl_hit_copy){c->id, c->path, c->title, c->url};
            h->ncopies++;
        }
    }
    free(into);
    free(items);
    trawl_reprint_groups_free(&groups);
    return st;
}

/* What one enquire run needs and gives. */
typedef struct run_job {
    const trawl_xquery *query;
    unsigned first, max; /* the page of results */
    trawl_tally *tally;  /* counts every match, or NULL */
    trawl_xmset *mset;   /* out: the page */
    unsigned total;      /* out: exact number of matches */
    trawl_sort sort;     /* the order of the page */
    bool by_document;    /* the best passage of each document (TRAWL_SLOT_DOC); `total`
                            counts documents */
} run_job;

/* Orders the enquire's results as `sort` says; passages that tie in document order. */
static trawl_status set_order(trawl_xenquire *enq, trawl_sort sort, trawl_error *err)
{
    switch (sort) {
    case TRAWL_SORT_DOCUMENT:
        return trawl_xenquire_set_sort_by_value(enq, TRAWL_SLOT_ORDER, 0, err);
    case TRAWL_SORT_DATE: /* keys made to be sorted descending: the undated have none, last */
        return trawl_xenquire_set_sort_by_value(enq, TRAWL_SLOT_BY_DATE, 1, err);
    case TRAWL_SORT_DATE_DESC:
        return trawl_xenquire_set_sort_by_value(enq, TRAWL_SLOT_BY_DATE_DESC, 1, err);
    default:
        return trawl_xenquire_set_tiebreak(enq, TRAWL_SLOT_ORDER, err);
    }
}

static trawl_status run(trawl_searcher *s, run_job *job, trawl_error *err)
{
    trawl_status st;
    trawl_xenquire *enq = NULL;
    trawl_xspy *spy = NULL;
    unsigned docs = 0;
    if ((st = trawl_xdb_doccount(s->db, &docs, err)) ||
        (st = trawl_xenquire_new(s->db, &enq, err)) ||
        (st = trawl_xenquire_set_query(enq, job->query, err)) ||
        (st = trawl_xenquire_set_bm25(enq, BM25_K1, BM25_K2, BM25_K3, BM25_B, BM25_MIN_NORMLEN,
                                      err)) ||
        (st = set_order(enq, job->sort, err)) ||
        (job->by_document && (st = trawl_xenquire_set_collapse_key(enq, TRAWL_SLOT_DOC, 1, err))))
        goto cleanup;
    if (job->tally && ((st = trawl_xspy_new(TRAWL_SLOT_TALLY, &spy, err)) ||
                       (st = trawl_xenquire_add_spy(enq, spy, err))))
        goto cleanup;
    /* The total is exact, never an estimate. A spy must see every match: one run that checks
     * every document. So does a query with a phrase: a second run would read the candidates'
     * positions again. Otherwise the page is found by a run that may skip what cannot rank in
     * it, and the matches are counted, when it could not, by a run without weights: together
     * faster than one exact weighted run. */
    unsigned page_end = job->max > UINT_MAX - job->first ? UINT_MAX : job->first + job->max;
    unsigned check =
        job->tally || job->by_document || trawl_xquery_positional(job->query) ? docs : page_end;
    unsigned lower = 0, upper = 0;
    if ((st = trawl_xenquire_run(enq, job->first, job->max, check, &job->mset, err)))
        goto cleanup;
    trawl_xmset_counts(job->mset, &lower, &job->total, &upper);
    if (lower != upper && (st = trawl_xenquire_count(enq, &job->total, err)))
        goto cleanup;
    if (job->tally)
        st = trawl_xspy_each(spy, trawl_tally_add, job->tally, err);
cleanup:
    trawl_xenquire_free(enq);
    trawl_xspy_free(spy);
    return st;
}

/* Runs `job` again while the index changes under it (a committing ingest). */
static trawl_status run_retrying(trawl_searcher *s, run_job *job, trawl_error *err)
{
    trawl_status st;
    for (int attempt = 0;; attempt++) {
        if (job->tally) {
            trawl_tally_free(job->tally);
            trawl_tally_init(job->tally);
        }
        trawl_xmset_free(job->mset);
        job->mset = NULL;
        st = run(s, job, err);
        if (st != TRAWL_ERR_MODIFIED || attempt == MODIFIED_RETRIES)
            return st;
        if ((st = trawl_xdb_reopen(s->db, err)))
            return st;
    }
}

/* The path of match `m` (its stored data's "path") into `*path` (malloc'd). */
static trawl_status path_of(const trawl_xmatch *m, char **path, trawl_error *err)
{
    json_t *o = NULL;
    const char *text = NULL;
    size_t len = 0;
    trawl_status st = trawl_passage_data_decode(m->data, m->data_len, &o, &text, &len, err);
    if (st)
        return st;
    *path = trawl_strdup(str_field(o, "path"));
    json_decref(o);
    return *path ? TRAWL_OK : trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
}

/* Results grouped by document: `page` holds the best passage of each document of the page
 * (collapsed on TRAWL_SLOT_DOC); each document's `per_document` best passages are loaded into
 * `r`, one group after another, with the number of its passages that match. */
static trawl_status load_documents(trawl_searcher *s, trawl_results *r, const run_job *page,
                                   unsigned per_document, trawl_highlighter *hl,
                                   const analyzers *an, trawl_error *err)
{
    size_t n = trawl_xmset_size(page->mset);
    trawl_status st = TRAWL_OK;
    if (!(r->groups = calloc(n ? n : 1, sizeof *r->groups)))
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    trawl_buf term = TRAWL_BUF_INIT;
    for (size_t d = 0; d < n && !st; d++) {
        trawl_xmatch m;
        char *path = NULL;
        trawl_xquery *doc = NULL, *both = NULL;
        if ((st = trawl_xmset_item(page->mset, d, &m, err)) || (st = path_of(&m, &path, err)))
            break;
        trawl_schema_term(TRAWL_PREFIX_DOC, path, &term);
        free(path);
        run_job in = {NULL, 0, per_document, NULL, NULL, 0, page->sort, false};
        if (term.failed)
            st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
        if (!st && !(st = trawl_xquery_term(term.data, term.len, 1, 0, &doc, err)) &&
            !(st = trawl_xquery_combine(TRAWL_XOP_FILTER,
                                        (trawl_xquery *[]){(trawl_xquery *)page->query, doc}, 2, 0,
                                        &both, err))) {
            in.query = both;
            st = run_retrying(s, &in, err);
        }
        trawl_doc_group *g = &r->groups[r->ngroups++];
        g->first = r->count;
        g->passages = in.total;
        for (size_t i = 0; !st && in.mset && i < trawl_xmset_size(in.mset); i++) {
            size_t at = r->count++;
            if ((st = load_hit(r, s, at, in.mset, i, hl, an, err)))
                break;
            r->hits[at].rank = r->offset + (unsigned)d + 1;
            g->n++;
        }
        trawl_xmset_free(in.mset);
        trawl_xquery_free(doc);
        trawl_xquery_free(both);
    }
    trawl_buf_free(&term);
    return st;
}

/* A query from a command line or a program: refuse bytes that are not UTF-8 rather than
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

/* How to prepare a query: relaxed to `relax` of its clauses (0: whole, relax.h); `clauses`,
 * when not NULL, gets the number of its clauses; `unknown`, when not NULL, its words that no
 * field of the index holds (filters.h). */
typedef struct relaxation {
    size_t relax;
    size_t *clauses;
    trawl_buf *unknown;
} relaxation;

/* Parses and compiles `query` (NULL: every passage), recording what it matches in `matches`
 * when not NULL; fills `scope`, when not NULL, with the facet values its filters admit. */
static trawl_status prepare(trawl_searcher *s, const char *query, const analyzers *an,
                            relaxation rx, trawl_matches *matches, trawl_xquery **q,
                            trawl_filter_scope *scope, trawl_error *err)
{
    if (scope)
        memset(scope, 0, sizeof *scope);
    if (!query)
        return trawl_xquery_match_all(q, err);
    trawl_qnode *tree = NULL;
    trawl_status st = TRAWL_OK;
    /* An index written before ingest kept the folded names: fold them once per searcher
     * (folding is the same in every language). */
    if (!s->aliases && (st = trawl_aliases_new(s->gz, an->all[0], &s->aliases, err)))
        return st;
    trawl_filter_context ctx = {an->all[0], an->all + 1,  an->n - 1,   s->gz,     s->aliases,
                                s->db,      s->languages, s->glossary, rx.unknown};
    if (!(st = check_utf8(query, err)) && !(st = trawl_query_parse(query, &tree, err))) {
        if (rx.clauses)
            *rx.clauses = trawl_query_clauses(tree);
        trawl_qnode *relaxed = NULL;
        if (rx.relax && !(st = trawl_query_relax(tree, rx.relax, &relaxed, err))) {
            trawl_qnode_free(tree);
            tree = relaxed;
        }
    }
    if (!st && !(st = trawl_query_compile(tree, &ctx, matches, q, err)) && scope)
        st = trawl_filter_scope_of(&ctx, tree, scope, err);
    trawl_qnode_free(tree);
    return st;
}

/* Records in `r` the words and phrases of `node` that the glossary expands. */
static trawl_status note_expansions(trawl_searcher *s, trawl_analyzer *an, const trawl_qnode *node,
                                    trawl_results *r, trawl_error *err)
{
    trawl_status st = TRAWL_OK;
    for (size_t i = 0; i < node->nkids && !st; i++)
        st = note_expansions(s, an, node->kids[i], r, err);
    const trawl_names *group = NULL;
    if (st || (node->kind != TRAWL_QNODE_WORD && node->kind != TRAWL_QNODE_PHRASE) ||
        (st = trawl_glossary_find(s->glossary, an, node->text, &group, err)) || !group)
        return st;
    trawl_expansion *grown = realloc(r->expansions, (r->nexpansions + 1) * sizeof *grown);
    if (!grown)
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    r->expansions = grown;
    trawl_expansion *e = &r->expansions[r->nexpansions++];
    *e = (trawl_expansion){trawl_strdup(node->text), calloc(group->n, sizeof *e->members), 0};
    bool ok = e->term && e->members;
    for (; ok && e->n < group->n; e->n++)
        ok = (e->members[e->n] = trawl_strdup(group->items[e->n])) != NULL;
    return ok ? TRAWL_OK : trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
}

/* The glossary's expansions of `query`'s words and phrases, into `r`. */
static trawl_status glossary_notes(trawl_searcher *s, const char *query, trawl_analyzer *an,
                                   trawl_results *r, trawl_error *err)
{
    trawl_qnode *tree = NULL;
    if (!s->glossary || !query)
        return TRAWL_OK;
    trawl_status st = trawl_query_parse(query, &tree, err);
    if (!st)
        st = note_expansions(s, an, tree, r, err);
    trawl_qnode_free(tree);
    return st;
}

/* For a query that found nothing whole: its words that no passage holds, each with the
 * closest indexed word (suggest.h), into `r`. */
static trawl_status suggest(trawl_searcher *s, const char *query, const analyzers *an,
                            trawl_results *r, trawl_error *err)
{
    trawl_buf unknown = TRAWL_BUF_INIT;
    trawl_xquery *q = NULL;
    trawl_status st = prepare(s, query, an, (relaxation){0, NULL, &unknown}, NULL, &q, NULL, err);
    trawl_xquery_free(q);
    size_t n = 0;
    for (size_t at = 0; !st && at < unknown.len; at += strlen(unknown.data + at) + 1)
        n++;
    if (!st && n && !(r->suggestions = calloc(n, sizeof *r->suggestions)))
        st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    for (size_t at = 0; !st && at < unknown.len; at += strlen(unknown.data + at) + 1) {
        trawl_suggestion *sg = &r->suggestions[r->nsuggestions++];
        if (!(sg->word = trawl_strdup(unknown.data + at)))
            st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
        else
            st = trawl_suggest_word(s->db, sg->word, &sg->suggestion, err);
    }
    trawl_buf_free(&unknown);
    return st;
}

static trawl_status new_results(const char *query, unsigned offset, size_t n, trawl_results **out,
                                trawl_error *err)
{
    trawl_results *r = calloc(1, sizeof *r);
    if (r) {
        r->offset = offset;
        r->query = trawl_strdup(query ? query : "");
        r->hits = calloc(n ? n : 1, sizeof *r->hits);
        r->data = calloc(n ? n : 1, sizeof *r->data);
        r->ranges = calloc(n ? n : 1, sizeof *r->ranges);
        r->facets = calloc(n ? n : 1, sizeof *r->facets);
        r->foundings = calloc(n ? n : 1, sizeof *r->foundings);
    }
    if (!r || !r->query || !r->hits || !r->data || !r->ranges || !r->facets || !r->foundings) {
        trawl_results_free(r);
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory loading results");
    }
    *out = r;
    return TRAWL_OK;
}

trawl_status trawl_search_links(trawl_searcher *s, const char *doc, trawl_doc_links **links_out,
                                trawl_error *err)
{
    char *path = NULL;
    *links_out = NULL;
    trawl_status st = trawl_links_find(s->db, doc, &path, err);
    if (!st)
        st = trawl_links_of(s->db, path, links_out, err);
    free(path);
    return st;
}

/* The links of each hit's document: the edges ingest resolved, read for these documents only. */
static trawl_status load_links(trawl_searcher *s, trawl_results *r, trawl_error *err)
{
    trawl_status st = TRAWL_OK;
    if (!(r->links = calloc(r->count ? r->count : 1, sizeof *r->links)))
        st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < r->count && !st; i++) {
        st = trawl_links_of(s->db, r->hits[i].path, &r->links[i], err);
        r->hits[i].links = r->links[i];
    }
    return st;
}

/* After a search failed with `st`: true when it should run again without the shards that
 * stopped answering (allow_partial), which are then left out and listed as missing. */
static bool without_unreachable(trawl_searcher *s, trawl_status *st, trawl_error *err)
{
    size_t dropped = 0;
    if (*st != TRAWL_ERR_SHARD || !s->allow_partial)
        return false;
    trawl_status drop = trawl_xdb_drop_unreachable(s->db, &dropped, err);
    list_missing(s);
    if (drop)
        *st = drop;
    return !drop && dropped > 0;
}

static trawl_status search_once(trawl_searcher *s, const char *query,
                                const trawl_search_options *opts, trawl_results **results_out,
                                trawl_error *err)
{
    trawl_status st;
    analyzers an = {{NULL}, 0};
    trawl_matches *matches = NULL;
    trawl_highlighter *hl = NULL;
    trawl_xquery *q = NULL;
    trawl_results *r = NULL;
    trawl_tally tally;
    trawl_search_options o = opts ? *opts : (trawl_search_options)TRAWL_SEARCH_OPTIONS_INIT;
    trawl_filter_scope scope;
    run_job job = {NULL, o.offset, o.limit, o.facets ? &tally : NULL,
                   NULL, 0,        o.sort,  o.per_document > 0};
    if (o.collapse) { /* the page is made from a window of the best matches, reprints folded */
        job.first = 0;
        job.max = collapse_window(o.offset, o.limit);
    }
    size_t clauses = 0, relax = 0;
    *results_out = NULL;
    memset(&scope, 0, sizeof scope);
    trawl_tally_init(&tally);
    if ((st = analyzers_open(s, o.language, &an, err)))
        goto cleanup;
    /* The query whole, then, when nothing matches a query of enough clauses, relaxed to the
     * passages matching the most of them. */
    for (;;) {
        if ((st = trawl_matches_new(&matches, err)) ||
            (st = prepare(s, query, &an, (relaxation){relax, relax ? NULL : &clauses, NULL},
                          matches, &q, o.facets ? &scope : NULL, err)) ||
            (st = trawl_highlighter_new(&hl, err)) ||
            (st = trawl_highlighter_add_matches(hl, matches, err)))
            goto cleanup;
        job.query = q;
        if ((st = run_retrying(s, &job, err)))
            goto cleanup;
        if (job.total > 0 || clauses < TRAWL_RELAX_MIN_CLAUSES || relax == 1)
            break;
        relax = relax ? relax - 1 : clauses - 1;
        if (clauses > TRAWL_RELAX_MAX_SUBSETS_CLAUSES)
            relax = 1; /* the subsets of more clauses would be too many: any one of them */
        trawl_xmset_free(job.mset);
        trawl_xquery_free(q);
        trawl_highlighter_free(hl);
        trawl_matches_free(matches);
        trawl_filter_scope_free(&scope);
        trawl_tally_free(&tally);
        trawl_tally_init(&tally);
        job.mset = NULL;
        q = NULL;
        hl = NULL;
        matches = NULL;
    }
    size_t capacity = trawl_xmset_size(job.mset) * (o.per_document ? o.per_document : 1);
    if ((st = new_results(query, o.offset, capacity, &r, err)) ||
        (st = glossary_notes(s, query, an.all[0], r, err)))
        goto cleanup;
    r->total = job.total;
    if (relax && job.total > 0) {
        r->relaxed = relax;
        r->clauses = clauses;
    }
    if (query && (job.total == 0 || r->relaxed) && (st = suggest(s, query, &an, r, err)))
        goto cleanup;
    for (size_t i = 0; i < trawl_xmset_size(job.mset) && !o.per_document; i++) {
        r->count = i + 1;
        if ((st = load_hit(r, s, i, job.mset, i, hl, &an, err)))
            goto cleanup;
    }
    if (o.per_document && (st = load_documents(s, r, &job, o.per_document, hl, &an, err)))
        goto cleanup;
    if (o.collapse && (st = collapse_hits(s, r, o.offset, o.limit, err)))
        goto cleanup;
    if (o.links && (st = load_links(s, r, err)))
        goto cleanup;
    for (int f = 0; f < TRAWL_FACET_COUNT && job.tally; f++) {
        trawl_report_spec spec = {
            TRAWL_REPORT_COUNTS, {(trawl_facet_id)f, TRAWL_FACET_COUNT}, o.documents, false, false};
        if ((o.facets & (1u << f)) && (st = trawl_tally_report(&tally, &spec, &scope, query, s->gz,
                                                               s->db, &r->counts[f], err)))
            goto cleanup;
    }
    *results_out = r;
    r = NULL;
cleanup:
    trawl_results_free(r);
    trawl_xmset_free(job.mset);
    trawl_tally_free(&tally);
    trawl_filter_scope_free(&scope);
    trawl_xquery_free(q);
    trawl_highlighter_free(hl);
    trawl_matches_free(matches);
    return st;
}

/* The source offset of bytes `start` of hit `h`'s text (its stored data `o`) into `occ`. */
static void locate(const json_t *o, const trawl_hit *h, size_t start, trawl_occurrence *occ)
{
    long long text_at = 0, source_at = (long long)h->offset;
    const json_t *parts = json_object_get(o, "parts");
    for (size_t i = 0; i < json_array_size(parts); i++) {
        const json_t *part = json_array_get(parts, i);
        long long at = json_integer_value(json_array_get(part, 0));
        if (at > (long long)start)
            break;
        text_at = at;
        source_at = json_integer_value(json_array_get(part, 1));
    }
    bool verbatim = !json_is_false(json_object_get(o, "verbatim"));
    occ->element = source_at;
    occ->source_offset = verbatim ? source_at + ((long long)start - text_at) : -1;
}

/* Calls `fn` with the occurrences in loaded hit `i` of `r`; nonzero when it stopped. */
static int hit_occurrences(trawl_results *r, size_t i, trawl_occurrence_fn fn, void *ctx)
{
    const trawl_hit *h = &r->hits[i];
    for (size_t k = 0; k < h->nhighlights;) {
        size_t start = h->highlights[k].start, end = h->highlights[k].end;
        /* Marked words with only spaces between them are one occurrence (a phrase). */
        while (k + 1 < h->nhighlights) {
            size_t gap = h->highlights[k + 1].start;
            size_t j = end;
            while (j < gap && strchr(" \t\n", h->text[j]))
                j++;
            if (j != gap)
                break;
            end = h->highlights[++k].end;
        }
        k++;
        trawl_occurrence occ = {h, start, end, 0, 0};
        locate(r->data[i], h, start, &occ);
        if (fn(ctx, &occ))
            return 1;
    }
    return 0;
}

/* The documents a query matches: their paths in byte order (a match spy's values of
 * TRAWL_SLOT_DOC) and how many of their passages match. */
typedef struct doc_list {
    char **paths;
    unsigned *passages;
    size_t n, cap, cap_passages;
    bool failed;
} doc_list;

static int on_document_count(void *ctx, const char *value, size_t len, unsigned count)
{
    doc_list *d = ctx;
    char *path = trawl_strndup(value, len);
    if (!path || !trawl_array_grow((void **)&d->paths, &d->cap, d->n, sizeof *d->paths) ||
        !trawl_array_grow((void **)&d->passages, &d->cap_passages, d->n, sizeof *d->passages)) {
        free(path);
        d->failed = true;
        return 1;
    }
    d->paths[d->n] = path;
    d->passages[d->n++] = count;
    return 0;
}

static void doc_list_free(doc_list *d)
{
    for (size_t i = 0; i < d->n; i++)
        free(d->paths[i]);
    free(d->paths);
    free(d->passages);
}

static trawl_status matching_documents(trawl_searcher *s, const trawl_xquery *q, doc_list *d,
                                       trawl_error *err)
{
    trawl_xenquire *enq = NULL;
    trawl_xspy *spy = NULL;
    trawl_xmset *mset = NULL;
    unsigned docs = 0;
    trawl_status st;
    if (!(st = trawl_xdb_doccount(s->db, &docs, err)) &&
        !(st = trawl_xenquire_new(s->db, &enq, err)) &&
        !(st = trawl_xenquire_set_query(enq, q, err)) &&
        !(st = trawl_xspy_new(TRAWL_SLOT_DOC, &spy, err)) &&
        !(st = trawl_xenquire_add_spy(enq, spy, err)) &&
        !(st = trawl_xenquire_run(enq, 0, 0, docs, &mset, err)))
        st = trawl_xspy_each(spy, on_document_count, d, err);
    if (!st && d->failed)
        st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    trawl_xmset_free(mset);
    trawl_xspy_free(spy);
    trawl_xenquire_free(enq);
    return st;
}

trawl_status trawl_search_occurrences(trawl_searcher *s, const char *query, const char *language,
                                      trawl_occurrence_fn fn, void *ctx, size_t *passages_out,
                                      trawl_error *err)
{
    analyzers an = {{NULL}, 0};
    trawl_matches *matches = NULL;
    trawl_highlighter *hl = NULL;
    trawl_xquery *q = NULL;
    doc_list docs = {NULL, NULL, 0, 0, 0, false};
    trawl_buf term = TRAWL_BUF_INIT;
    *passages_out = 0;
    trawl_status st = analyzers_open(s, language, &an, err);
    if (!st && !(st = trawl_matches_new(&matches, err)) &&
        !(st = prepare(s, query, &an, (relaxation){0, NULL, NULL}, matches, &q, NULL, err)) &&
        !(st = trawl_highlighter_new(&hl, err)) &&
        !(st = trawl_highlighter_add_matches(hl, matches, err)))
        st = matching_documents(s, q, &docs, err);
    /* One document at a time, in path order, its passages in order: memory holds the list of
     * matching documents and one document's passages, whatever the number of occurrences. */
    bool stopped = false;
    for (size_t d = 0; d < docs.n && !st && !stopped; d++) {
        trawl_xquery *doc = NULL, *both = NULL;
        trawl_results *r = NULL;
        run_job job = {NULL, 0, docs.passages[d], NULL, NULL, 0, TRAWL_SORT_DOCUMENT, false};
        trawl_schema_term(TRAWL_PREFIX_DOC, docs.paths[d], &term);
        if (term.failed)
            st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
        if (!st && !(st = trawl_xquery_term(term.data, term.len, 1, 0, &doc, err)) &&
            !(st = trawl_xquery_combine(TRAWL_XOP_FILTER, (trawl_xquery *[]){q, doc}, 2, 0, &both,
                                        err))) {
            job.query = both;
            st = run_retrying(s, &job, err);
        }
        size_t n = st ? 0 : trawl_xmset_size(job.mset);
        *passages_out += n;
        if (!st && !(st = new_results(query, 0, n, &r, err))) {
            for (size_t i = 0; i < n && !st && !stopped; i++) {
                r->count = i + 1;
                if (!(st = load_hit(r, s, i, job.mset, i, hl, &an, err)))
                    stopped = hit_occurrences(r, i, fn, ctx);
            }
        }
        trawl_results_free(r);
        trawl_xmset_free(job.mset);
        trawl_xquery_free(doc);
        trawl_xquery_free(both);
    }
    doc_list_free(&docs);
    trawl_buf_free(&term);
    trawl_xquery_free(q);
    trawl_highlighter_free(hl);
    trawl_matches_free(matches);
    return st;
}

trawl_status trawl_search(trawl_searcher *s, const char *query, const trawl_search_options *opts,
                          trawl_results **results_out, trawl_error *err)
{
    trawl_status st;
    while ((st = search_once(s, query, opts, results_out, err)) && without_unreachable(s, &st, err))
        ;
    return st;
}

static trawl_status report_once(trawl_searcher *s, const char *query, const trawl_report_spec *spec,
                                const char *language, trawl_report **report_out, trawl_error *err)
{
    trawl_status st;
    analyzers an = {{NULL}, 0};
    trawl_xquery *q = NULL;
    trawl_tally tally;
    trawl_filter_scope scope;
    run_job job = {NULL, 0, 0, &tally, NULL, 0, TRAWL_SORT_SCORE, false};
    *report_out = NULL;
    memset(&scope, 0, sizeof scope);
    trawl_tally_init(&tally);
    if (!(st = analyzers_open(s, language, &an, err)) &&
        !(st = prepare(s, query, &an, (relaxation){0, NULL, NULL}, NULL, &q, &scope, err))) {
        job.query = q;
        if (!(st = run_retrying(s, &job, err)))
            st = trawl_tally_report(&tally, spec, &scope, query, s->gz, s->db, report_out, err);
    }
    trawl_xmset_free(job.mset);
    trawl_tally_free(&tally);
    trawl_filter_scope_free(&scope);
    trawl_xquery_free(q);
    return st;
}

/* The first passage (in rank, then document order) among `query`'s matches that says center
 * `c->key` was founded in `c->earliest`: its id and sentence into `c`. */
static trawl_status earliest_evidence(trawl_searcher *s, const char *query, const char *language,
                                      trawl_registry_row *c, trawl_error *err)
{
    trawl_buf q = TRAWL_BUF_INIT;
    trawl_results *r = NULL;
    trawl_buf_printf(&q, "icc:%s year:%d", c->key, c->earliest);
    if (query && *query)
        trawl_buf_printf(&q, " (%s)", query);
    trawl_search_options o = TRAWL_SEARCH_OPTIONS_INIT;
    o.limit = 1000;
    o.language = language;
    trawl_status st = q.failed ? trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory")
                               : trawl_search(s, q.data, &o, &r, err);
    for (size_t i = 0; !st && i < trawl_results_count(r) && !c->earliest_id; i++) {
        const trawl_hit *h = trawl_results_hit(r, i);
        for (size_t k = 0; k < h->nfoundings && !c->earliest_id; k++) {
            const trawl_hit_founding *f = &h->foundings[k];
            if (f->year != c->earliest || strcmp(f->center, c->key) != 0)
                continue;
            c->earliest_id = trawl_strdup(h->id);
            c->earliest_text = trawl_strdup(f->text);
            if (!c->earliest_id || !c->earliest_text)
                st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
        }
    }
    trawl_results_free(r);
    trawl_buf_free(&q);
    return st;
}

trawl_status trawl_search_report(trawl_searcher *s, const char *query,
                                 const trawl_report_spec *spec, const char *language,
                                 trawl_report **report_out, trawl_error *err)
{
    trawl_status st;
    while ((st = report_once(s, query, spec, language, report_out, err)) &&
           without_unreachable(s, &st, err))
        ;
    trawl_report *r = *report_out;
    for (size_t i = 0; !st && r && i < r->ncenters; i++)
        if (r->centers[i].earliest)
            st = earliest_evidence(s, query, language, &r->centers[i], err);
    if (st) {
        trawl_report_free(*report_out);
        *report_out = NULL;
    }
    return st;
}
