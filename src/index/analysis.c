/* analysis.c: a document's passages as Xapian documents: words, stems, bigrams, facets,
 * metadata terms and stored data (see schema.h for the terms). */
#include "index/analysis.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/json_text.h"
#include "common/strmap.h"
#include "facets/facets.h"
#include "index/passages.h"
#include "index/records.h"
#include "index/schema.h"
#include "text/analyzer.h"
#include "text/breaks.h"
#include "text/cjk.h"
#include "text/langid.h"
#include "text/language.h"

/* Languages one analyst keeps analysers for; documents in further languages are analysed as
 * the default language (detection chooses among the 64 of text/langid.conf, so only metadata
 * can name more). */
#define MAX_LANGUAGES 256

/* The analysis of one language: words, and facets found with those words. */
typedef struct language {
    trawl_analyzer *an;
    trawl_extractor *ex;
} language;

struct trawl_analyst {
    trawl_extractor_set *extractors;   /* facet extractors' word lists (shared) */
    char default_lang[16];             /* for documents that do not say */
    size_t max_passage;                /* passage bound in bytes */
    language languages[MAX_LANGUAGES]; /* one per language seen, created on demand */
    size_t nlanguages;                 /* used entries */
    trawl_breaks *sentences;           /* passage splitting */
    trawl_langid *langid;              /* language detection */
    trawl_facets facets;               /* scratch: the facets of the passage being added */
    trawl_buf term;                    /* scratch: the term being added */
};

trawl_status trawl_analyst_new(trawl_extractor_set *extractors, const char *default_lang,
                               size_t max_passage, trawl_analyst **an_out, trawl_error *err)
{
    *an_out = NULL;
    trawl_analyst *an = calloc(1, sizeof *an);
    if (!an)
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    if (strlen(default_lang) >= sizeof an->default_lang) {
        free(an);
        return trawl_error_set(err, TRAWL_ERR_ARG, "language code too long: '%s'", default_lang);
    }
    an->extractors = extractors;
    strcpy(an->default_lang, default_lang);
    an->max_passage = max_passage;
    trawl_status st;
    if ((st = trawl_breaks_new(TRAWL_BREAK_SENTENCES, &an->sentences, err)) ||
        (st = trawl_langid_new(&an->langid, err))) {
        trawl_analyst_free(an);
        return st;
    }
    *an_out = an;
    return TRAWL_OK;
}

void trawl_analyst_free(trawl_analyst *an)
{
    if (!an)
        return;
    for (size_t i = 0; i < an->nlanguages; i++) {
        trawl_extractor_free(an->languages[i].ex);
        trawl_analyzer_free(an->languages[i].an);
    }
    trawl_facets_free(&an->facets);
    trawl_breaks_free(an->sentences);
    trawl_langid_free(an->langid);
    trawl_buf_free(&an->term);
    free(an);
}

void trawl_analysis_free(trawl_analysis *a)
{
    if (!a)
        return;
    for (size_t i = 0; i < a->npassages; i++)
        trawl_xdoc_free(a->passages[i]);
    free(a->passages);
    for (size_t i = 0; i < a->ncenters; i++) {
        free(a->centers[i].key);
        free(a->centers[i].value);
    }
    free(a->centers);
    trawl_strmap_free(&a->stem_words);
    free(a);
}

static trawl_status language_for(trawl_analyst *an, const char *lang, language **out,
                                 trawl_error *err)
{
    if (!lang || !*lang)
        lang = an->default_lang;
    for (size_t i = 0; i < an->nlanguages; i++) {
        if (strcmp(trawl_analyzer_language(an->languages[i].an), lang) == 0) {
            *out = &an->languages[i];
            return TRAWL_OK;
        }
    }
    if (an->nlanguages == MAX_LANGUAGES && strcmp(lang, an->default_lang) != 0)
        return language_for(an, an->default_lang, out, err);
    if (an->nlanguages == MAX_LANGUAGES)
        return trawl_error_set(err, TRAWL_ERR_ARG, "more than %d document languages",
                               MAX_LANGUAGES);
    language l = {NULL, NULL};
    trawl_status st = trawl_analyzer_new(lang, &l.an, err);
    if (st == TRAWL_OK)
        st = trawl_extractor_set_take(an->extractors, l.an, &l.ex, err);
    if (st) {
        trawl_analyzer_free(l.an);
        return st;
    }
    an->languages[an->nlanguages] = l;
    *out = &an->languages[an->nlanguages++];
    return TRAWL_OK;
}

typedef struct field_sink {
    trawl_analyst *an;
    trawl_analysis *out;      /* the document's analysis (its stem expansions) */
    trawl_xdoc *xdoc;         /* the passage's document */
    const trawl_field *field; /* whose prefixes to use */
    const char *lang;         /* the language the field is analysed in */
    trawl_status st;          /* first failure */
    trawl_error *err;
    trawl_extractor *ex; /* body: fed its words (trawl_extract_begin), or NULL */
    trawl_buf run;       /* body: the folded characters of the current CJK run */
    size_t run_end;      /* byte offset where that run's last word ends */
    unsigned bigram_pos; /* body: the last bigram position used */
} field_sink;

static int add_bigram(void *ctx, const char *pair, size_t len, unsigned pos)
{
    field_sink *s = ctx;
    trawl_buf *b = &s->an->term;
    trawl_buf_reset(b);
    trawl_buf_puts(b, TRAWL_PREFIX_BIGRAM);
    trawl_buf_append(b, pair, len);
    s->st = b->failed ? trawl_error_set(s->err, TRAWL_ERR_NOMEM, "out of memory indexing")
                      : trawl_xdoc_add_posting(s->xdoc, b->data, b->len, pos, 1, s->err);
    return s->st != TRAWL_OK;
}

/* Indexes the bigrams of the run of CJK characters so far; a gap of one position keeps runs
 * apart, so that no phrase spans two. */
static void flush_run(field_sink *s)
{
    if (s->run.len && !s->st) {
        size_t pairs = trawl_bigrams(s->run.data, s->run.len, s->bigram_pos + 1, add_bigram, s);
        s->bigram_pos += (unsigned)pairs + 1;
    }
    trawl_buf_reset(&s->run);
}

static int add_term(void *ctx, const trawl_term *t)
{
    field_sink *s = ctx;
    trawl_buf *b = &s->an->term;
    trawl_buf_reset(b);
    trawl_buf_puts(b, s->field->prefix);
    trawl_buf_append(b, t->term, t->term_len);
    if (b->failed) { /* said now: building the stem's name below resets the buffer */
        s->st = trawl_error_set(s->err, TRAWL_ERR_NOMEM, "out of memory indexing");
        return 1;
    }
    s->st = trawl_xdoc_add_posting(s->xdoc, b->data, b->len, t->position, 1, s->err);
    if (!s->st && (t->stem_len != t->term_len || memcmp(t->stem, t->term, t->term_len) != 0)) {
        /* The word joins its stem's expansion in this language ("LANG:STEM\tWORD"); a word
         * that is its own stem needs none. */
        trawl_schema_stem_name(s->lang, t->stem, t->stem_len, b);
        trawl_buf_putc(b, '\t');
        trawl_buf_append(b, t->term, t->term_len);
        if (!b->failed && !trawl_strmap_at(&s->out->stem_words, b->data, b->len))
            s->st = trawl_error_set(s->err, TRAWL_ERR_NOMEM, "out of memory indexing");
    }
    if (b->failed && !s->st)
        s->st = trawl_error_set(s->err, TRAWL_ERR_NOMEM, "out of memory indexing");
    if (s->field->id == TRAWL_FIELD_BODY && !s->st) {
        if (s->ex)
            trawl_extract_word(s->ex, t);
        trawl_minhash_add(&s->out->minhash, t->term, t->term_len);
        /* Consecutive CJK words written without a break make one run of characters. */
        bool cjk = trawl_is_cjk(t);
        if (!cjk || (s->run.len && t->start != s->run_end))
            flush_run(s);
        if (cjk) {
            trawl_buf_append(&s->run, t->term, t->term_len);
            s->run_end = t->end;
        }
    }
    return s->st != TRAWL_OK;
}

static trawl_status index_field(field_sink *sink, trawl_analyzer *an, trawl_field_id field,
                                const char *text, size_t len)
{
    sink->field = trawl_schema_field(field);
    sink->lang = trawl_analyzer_language(an);
    trawl_status st = trawl_analyze(an, text, len, add_term, sink, sink->err);
    if (!st && field == TRAWL_FIELD_BODY)
        flush_run(sink);
    if (!st && sink->run.failed)
        st = trawl_error_set(sink->err, TRAWL_ERR_NOMEM, "out of memory indexing");
    return st ? st : sink->st;
}

typedef struct doc_job {
    trawl_analyst *an;
    const trawl_document *doc;
    trawl_analysis *out; /* what is being made */
    language *lang;      /* the document's language */
    language *pl;        /* the passage's, which differs where a document mixes languages */
    trawl_status st;     /* first failure */
    trawl_error *err;
} doc_job;

/* trawl_json_put for a chain of conditions: false when this put fails. */
static bool put_json(json_t *o, const char *key, json_t *v)
{
    bool ok = true;
    trawl_json_put(o, key, v, &ok);
    return ok;
}

/* The facet values of a passage with their evidence: {"province": [{"value", "text", "start",
 * "end", "rule"}], ...} (the words that gave each value and their bytes in the passage), into
 * `*out`; NULL when it has none. False when memory runs out. */
static bool facets_json(const trawl_facets *f, const trawl_passage *p, json_t **out)
{
    *out = NULL;
    if (f->n == 0)
        return true;
    json_t *o = json_object();
    bool ok = o != NULL;
    for (int facet = 0; facet < TRAWL_FACET_EXTRACTED && ok; facet++) {
        json_t *list = json_array();
        ok = list != NULL;
        for (size_t i = 0; i < f->n && ok; i++) {
            const trawl_mention *m = &f->mentions[i];
            bool seen = m->facet != (trawl_facet_id)facet;
            for (size_t k = 0; k < i && !seen; k++)
                seen =
                    f->mentions[k].facet == m->facet && strcmp(f->mentions[k].value, m->value) == 0;
            if (!seen)
                ok = put_json(list, NULL,
                              json_pack("{s:s,s:s%,s:I,s:I,s:s}", "value", m->value, "text",
                                        p->text + m->start, m->end - m->start, "start",
                                        (json_int_t)m->start, "end", (json_int_t)m->end, "rule",
                                        m->rule));
        }
        if (ok && json_array_size(list))
            ok = put_json(o, trawl_facet_name((trawl_facet_id)facet), list);
        else
            json_decref(list);
    }
    if (!ok) {
        json_decref(o);
        return false;
    }
    *out = o;
    return true;
}

/* The foundings of a passage: [{"icc", "year", "text", "start", "end"}] (the sentence that
 * says so and its bytes in the passage) into `*out`; NULL when none. False when memory runs
 * out. */
static bool foundings_json(const trawl_facets *f, const trawl_passage *p, json_t **out)
{
    *out = NULL;
    if (f->nfoundings == 0)
        return true;
    json_t *list = json_array();
    bool ok = list != NULL;
    for (size_t i = 0; i < f->nfoundings && ok; i++) {
        const trawl_founding *e = &f->foundings[i];
        ok = put_json(list, NULL,
                      json_pack("{s:s,s:i,s:s%,s:I,s:I}", "icc", e->center, "year", e->year, "text",
                                p->text + e->start, e->end - e->start, "start",
                                (json_int_t)e->start, "end", (json_int_t)e->end));
    }
    if (!ok) {
        json_decref(list);
        return false;
    }
    *out = list;
    return true;
}

/* The facets of a passage: filter terms, and the centers the gazetteer lacks
 * (for the metadata: their names and provinces in reports). */
static trawl_status add_facets(doc_job *job, trawl_xdoc *xdoc, trawl_error *err)
{
    trawl_analyst *an = job->an;
    const trawl_facets *f = &an->facets;
    trawl_status st = TRAWL_OK;
    for (size_t i = 0; i < f->n && !st; i++) {
        trawl_schema_term(trawl_schema_facet(trawl_filter_of(f->mentions[i].facet))->prefix,
                          f->mentions[i].value, &an->term);
        st = trawl_xdoc_add_boolean_term(xdoc, an->term.data, an->term.len, err);
    }
    for (size_t i = 0; i < f->nfound && !st; i++) {
        trawl_analysis *out = job->out;
        trawl_buf key = TRAWL_BUF_INIT, val = TRAWL_BUF_INIT;
        trawl_buf_printf(&key, "%s%s", TRAWL_META_CENTER, f->found[i].key);
        trawl_buf_printf(&val, "%s\t%s", f->found[i].name,
                         f->found[i].province ? f->found[i].province : "");
        if (key.failed || val.failed ||
            !trawl_array_grow((void **)&out->centers, &out->cap_centers, out->ncenters,
                              sizeof *out->centers)) {
            trawl_buf_free(&key);
            trawl_buf_free(&val);
            return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
        }
        out->centers[out->ncenters++] =
            (trawl_found_center){trawl_buf_detach(&key), trawl_buf_detach(&val)};
    }
    return st;
}

/* "parts" of a passage joined from several blocks: [[start in its text, offset in the source],
 * ...], one per block; nothing for a passage of one block (or of part of one). False when out
 * of memory. */
static bool put_parts(const trawl_document *doc, const trawl_passage *p, json_t *o)
{
    const trawl_block *b = trawl_document_block(doc, p->block);
    if (p->len <= b->len)
        return true;
    json_t *parts = json_array();
    bool ok = parts != NULL;
    for (size_t i = p->block, at = 0; ok && at < p->len && i < trawl_document_block_count(doc);
         i++) {
        b = trawl_document_block(doc, i);
        trawl_json_put(parts, NULL, json_pack("[I,I]", (json_int_t)at, (json_int_t)b->offset), &ok);
        at += b->len + 1; /* joined by a newline */
    }
    if (!ok) {
        json_decref(parts);
        return false;
    }
    return !json_object_set_new(o, "parts", parts);
}

/* The stored data of a passage (records.h; index/README.md): a JSON object of what is known
 * about it, a newline, its text; `*len_out` gets its length. NULL when out of memory. */
static char *passage_data(const doc_job *job, const trawl_passage *p, const char *id,
                          const char *section, size_t *len_out)
{
    json_t *o = json_object();
    const char *url = trawl_document_url(job->doc), *kind = trawl_document_kind(job->doc);
    const char *published = trawl_document_published(job->doc);
    unsigned page = trawl_document_block(job->doc, p->block)->page;
    json_t *facets = NULL, *foundings = NULL;
    bool ok =
        o && put_json(o, "id", json_string(id)) &&
        put_json(o, "path", json_string(trawl_document_path(job->doc))) &&
        put_json(o, "title", json_string(trawl_document_title(job->doc))) &&
        (!*url || put_json(o, "url", json_string(url))) &&
        (!*section || put_json(o, "section", json_string(section))) &&
        put_json(o, "ordinal", json_integer(p->ordinal)) &&
        put_json(o, "offset", json_integer((json_int_t)p->offset)) &&
        (!page || put_json(o, "page", json_integer(page))) &&
        (trawl_document_verbatim(job->doc) || put_json(o, "verbatim", json_false())) &&
        put_parts(job->doc, p, o) && put_json(o, "length", json_integer((json_int_t)p->len)) &&
        put_json(o, "lang", json_string(trawl_analyzer_language(job->pl->an))) &&
        (!*kind || put_json(o, "kind", json_string(kind))) &&
        (!*published || put_json(o, "published", json_string(published))) &&
        facets_json(&job->an->facets, p, &facets) && (!facets || put_json(o, "facets", facets)) &&
        foundings_json(&job->an->facets, p, &foundings) &&
        (!foundings || put_json(o, "foundings", foundings));
    if (!ok) {
        json_decref(o);
        return NULL;
    }
    trawl_buf data = TRAWL_BUF_INIT;
    trawl_status st = trawl_passage_data_encode(o, p->text, p->len, &data, NULL);
    json_decref(o);
    *len_out = data.len;
    if (st) {
        trawl_buf_free(&data);
        return NULL;
    }
    return trawl_buf_detach(&data);
}

/* The language of passage text: the document's, unless the passage is written in another
 * script (an English summary in a Chinese article), when it is detected. */
static trawl_status passage_language(doc_job *job, const trawl_passage *p, trawl_error *err)
{
    const char *doc_lang = trawl_analyzer_language(job->lang->an);
    trawl_script script = trawl_script_of(p->text, p->len);
    char code[16];
    job->pl = job->lang;
    trawl_script expected = trawl_language_script(doc_lang);
    /* Japanese passages may be kanji alone. */
    if (expected == TRAWL_SCRIPT_KANA && script == TRAWL_SCRIPT_HAN)
        return TRAWL_OK;
    if (script == TRAWL_SCRIPT_NONE || script == expected ||
        !trawl_langid_detect(job->an->langid, p->text, p->len, code) ||
        trawl_language_script(code) != script)
        return TRAWL_OK;
    return language_for(job->an, code, &job->pl, err);
}

/* Filter terms of the language, kind and URL. */
static trawl_status add_metadata(doc_job *job, trawl_xdoc *xdoc, trawl_error *err)
{
    trawl_analyst *an = job->an;
    const char *lang = trawl_analyzer_language(job->pl->an);
    const char *kind = trawl_document_kind(job->doc);
    const char *url = trawl_document_url(job->doc);
    trawl_status st = TRAWL_OK;
    struct {
        trawl_filter_id filter;
        const char *value;
    } fields[] = {{TRAWL_FILTER_LANG, lang}, {TRAWL_FILTER_KIND, kind}, {TRAWL_FILTER_URL, url}};
    for (size_t i = 0; i < sizeof fields / sizeof *fields && !st; i++) {
        if (!*fields[i].value)
            continue;
        const trawl_facet_schema *f = trawl_schema_facet(fields[i].filter);
        trawl_schema_term(f->prefix, fields[i].value, &an->term);
        st = an->term.failed ? trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory")
                             : trawl_xdoc_add_boolean_term(xdoc, an->term.data, an->term.len, err);
    }
    return st;
}

/* The passage's tally value (TRAWL_SLOT_TALLY): its facets and its document's path. */
static trawl_status set_tally(doc_job *job, trawl_xdoc *xdoc, trawl_error *err)
{
    const trawl_facets *f = &job->an->facets;
    char *joined[TRAWL_FACET_EXTRACTED + 1] = {NULL};
    const char *parts[TRAWL_TALLY_PARTS];
    bool ok = true;
    for (int facet = 0; facet < TRAWL_FACET_EXTRACTED; facet++) {
        parts[facet] = joined[facet] = trawl_facets_joined(f, (trawl_facet_id)facet);
        ok = ok && joined[facet];
    }
    parts[TRAWL_FACET_LANG] = trawl_analyzer_language(job->pl->an);
    parts[TRAWL_FACET_KIND] = trawl_document_kind(job->doc);
    parts[TRAWL_FACET_PUBLISHED] = trawl_document_published(job->doc);
    parts[TRAWL_TALLY_FOUNDINGS] = joined[TRAWL_FACET_EXTRACTED] = trawl_facets_joined_foundings(f);
    parts[TRAWL_TALLY_PATH] = trawl_document_path(job->doc);
    ok = ok && joined[TRAWL_FACET_EXTRACTED];
    trawl_buf *value = &job->an->term;
    if (ok)
        trawl_schema_tally_value(parts, value);
    trawl_status st = !ok || value->failed ? trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory")
                                           : trawl_xdoc_set_value(xdoc, TRAWL_SLOT_TALLY,
                                                                  value->data, value->len, err);
    for (int i = 0; i <= TRAWL_FACET_EXTRACTED; i++)
        free(joined[i]);
    return st;
}

static int add_passage(void *ctx, const trawl_passage *p)
{
    doc_job *job = ctx;
    trawl_analyst *an = job->an;
    trawl_error *err = job->err;
    trawl_status st;
    trawl_xdoc *xdoc = NULL;
    char *data = NULL;
    trawl_buf id = TRAWL_BUF_INIT;
    const char *path = trawl_document_path(job->doc);
    const char *title = trawl_document_title(job->doc);
    const char *section =
        p->section == TRAWL_NO_SECTION ? "" : trawl_document_section(job->doc, p->section);
    field_sink sink = {an, job->out, NULL, NULL, NULL, TRAWL_OK, err, NULL, TRAWL_BUF_INIT, 0, 0};
    if ((st = trawl_xdoc_new(&xdoc, err)) || (st = passage_language(job, p, err)))
        goto cleanup;
    sink.xdoc = xdoc;
    /* The body's words are also those facets are extracted from. */
    bool fed = trawl_extract_begin(job->pl->ex, p->text, p->len);
    sink.ex = fed ? job->pl->ex : NULL;
    trawl_analyzer *doc_an = job->lang->an;
    if ((st = index_field(&sink, job->pl->an, TRAWL_FIELD_BODY, p->text, p->len)) ||
        (st = trawl_extract_end(job->pl->ex, fed, &an->facets, err)) ||
        (st = index_field(&sink, doc_an, TRAWL_FIELD_TITLE, title, strlen(title))) ||
        (st = index_field(&sink, doc_an, TRAWL_FIELD_SECTION, section, strlen(section))) ||
        (st = add_facets(job, xdoc, err)) || (st = add_metadata(job, xdoc, err)) ||
        (st = set_tally(job, xdoc, err)))
        goto cleanup;
    trawl_schema_passage_id(path, p->ordinal, &id);
    trawl_schema_term(TRAWL_PREFIX_PASSAGE, trawl_buf_str(&id), &an->term);
    if ((st = trawl_xdoc_add_boolean_term(xdoc, an->term.data, an->term.len, err)))
        goto cleanup;
    trawl_schema_term(TRAWL_PREFIX_DOC, path, &an->term);
    if ((st = trawl_xdoc_add_boolean_term(xdoc, an->term.data, an->term.len, err)))
        goto cleanup;
    /* Ties rank by document, then position: "path\0%08u". */
    trawl_buf_reset(&an->term);
    trawl_buf_puts(&an->term, path);
    trawl_buf_printf(&an->term, "%c%08u", 0, p->ordinal);
    if (an->term.failed) {
        st = trawl_error_set(err, TRAWL_ERR_NOMEM, "%s: out of memory", path);
        goto cleanup;
    }
    if ((st = trawl_xdoc_set_value(xdoc, TRAWL_SLOT_ORDER, an->term.data, an->term.len, err)))
        goto cleanup;
    if ((st = trawl_xdoc_set_value(xdoc, TRAWL_SLOT_DOC, path, strlen(path), err)))
        goto cleanup;
    {
        trawl_buf oldest = TRAWL_BUF_INIT, newest = TRAWL_BUF_INIT;
        trawl_schema_date_keys(trawl_document_published(job->doc), an->term.data, an->term.len,
                               &oldest, &newest);
        st = oldest.failed || newest.failed
                 ? trawl_error_set(err, TRAWL_ERR_NOMEM, "%s: out of memory", path)
                 : trawl_xdoc_set_value(xdoc, TRAWL_SLOT_BY_DATE, oldest.data, oldest.len, err);
        if (!st)
            st = trawl_xdoc_set_value(xdoc, TRAWL_SLOT_BY_DATE_DESC, newest.data, newest.len, err);
        trawl_buf_free(&oldest);
        trawl_buf_free(&newest);
        if (st)
            goto cleanup;
    }
    const char *published = trawl_document_published(job->doc);
    if (*published &&
        (st = trawl_xdoc_set_value(xdoc, TRAWL_SLOT_PUBLISHED, published, strlen(published), err)))
        goto cleanup;
    size_t data_len = 0;
    if (!(data = passage_data(job, p, trawl_buf_str(&id), section, &data_len)) || id.failed) {
        st = trawl_error_set(err, TRAWL_ERR_NOMEM, "%s: out of memory storing a passage", path);
        goto cleanup;
    }
    if ((st = trawl_xdoc_set_data(xdoc, data, data_len, err)))
        goto cleanup;
    trawl_analysis *out = job->out;
    if (!trawl_array_grow((void **)&out->passages, &out->cap_passages, out->npassages,
                          sizeof *out->passages)) {
        st = trawl_error_set(err, TRAWL_ERR_NOMEM, "%s: out of memory", path);
        goto cleanup;
    }
    out->passages[out->npassages++] = xdoc;
    xdoc = NULL;
cleanup:
    trawl_buf_free(&sink.run);
    free(data);
    trawl_buf_free(&id);
    trawl_xdoc_free(xdoc);
    job->st = st;
    return st != TRAWL_OK;
}

/* The language the metadata gives ("zh-Hant" is "zh"), else the one detected from the start
 * of the text, else the index's default. */
static void document_language(trawl_analyst *an, const trawl_document *doc, char *lang)
{
    const char *given = trawl_document_language(doc);
    size_t n = strcspn(given, "-_");
    if (n > 0 && n < 16) {
        for (size_t i = 0; i < n; i++)
            lang[i] = (char)(given[i] >= 'A' && given[i] <= 'Z' ? given[i] + 32 : given[i]);
        lang[n] = '\0';
        return;
    }
    trawl_buf sample = TRAWL_BUF_INIT;
    for (size_t i = 0; i < trawl_document_block_count(doc) && sample.len < 4096; i++) {
        trawl_buf_append(&sample, trawl_document_block(doc, i)->text,
                         trawl_document_block(doc, i)->len);
        trawl_buf_putc(&sample, '\n');
    }
    if (sample.failed || !trawl_langid_detect(an->langid, sample.data, sample.len, lang))
        strcpy(lang, an->default_lang);
    trawl_buf_free(&sample);
}

trawl_status trawl_analyze_document(trawl_analyst *an, const trawl_document *doc,
                                    trawl_analysis **out, trawl_error *err)
{
    *out = NULL;
    doc_job job = {an, doc, calloc(1, sizeof(trawl_analysis)), NULL, NULL, TRAWL_OK, err};
    if (!job.out)
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    document_language(an, doc, job.out->language);
    trawl_minhash_init(&job.out->minhash);
    trawl_status st = language_for(an, job.out->language, &job.lang, err);
    if (st == TRAWL_OK)
        st = trawl_split_passages(doc, an->sentences, an->max_passage, add_passage, &job, err);
    if (st == TRAWL_OK)
        st = job.st;
    if (st == TRAWL_OK && job.out->stem_words.failed)
        st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    trawl_minhash_finish(&job.out->minhash);
    if (st) {
        trawl_analysis_free(job.out);
        return st;
    }
    *out = job.out;
    return TRAWL_OK;
}
