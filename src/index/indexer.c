/* indexer.c: builds one Xapian document per passage (see schema.h for the terms it writes). */
#define _POSIX_C_SOURCE 200809L
#include "index/indexer.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "common/buf.h"
#include "facets/facets.h"
#include "index/catalog.h"
#include "index/passages.h"
#include "index/schema.h"
#include "text/analyzer.h"
#include "text/cjk.h"
#include "text/language.h"
#include "text/breaks.h"
#include "xapian-c/xapian_c.h"

#define MAX_LANGUAGES 32

/* The analysis of one language: words, and facets found with those words. */
typedef struct language {
    trawl_analyzer *an;
    trawl_extractor *ex;
} language;

struct trawl_indexer {
    trawl_xdb *db;                     /* the writable index */
    char *dir;                         /* its folder, for messages */
    size_t max_passage;                /* passage bound in bytes */
    char default_lang[16];             /* for documents that do not say */
    trawl_gazetteer *gz;               /* places and centers for facets */
    language languages[MAX_LANGUAGES]; /* one per language seen, created on demand */
    size_t nlanguages;                 /* used entries */
    trawl_breaks *sentences;           /* passage splitting */
    char *rebuilt;                     /* why the run empties the index first, or NULL */
    trawl_langid *langid;              /* language detection */
    trawl_facets facets;               /* scratch: the facets of the passage being added */
    trawl_buf term;                    /* scratch: the term being added */
    bool wrote_writer;                 /* this process wrote WRITER_FILE */
};

/* Beside Xapian's lock, the writer names itself so that a second writer can say who holds
 * the lock (Xapian's lock does not tell). Stale after a crash, read only while locked. */
#define WRITER_FILE "trawl-writer"

/* Files that may sit in an index folder before the index exists (the repo's index/). */
static int is_placeholder(const char *name)
{
    return strcmp(name, ".") == 0 || strcmp(name, "..") == 0 || strcmp(name, "README.md") == 0 ||
           strcmp(name, ".gitignore") == 0 || strcmp(name, ".gitkeep") == 0;
}

static void writer_path(const char *dir, trawl_buf *path)
{
    trawl_buf_printf(path, "%s/" WRITER_FILE, dir);
}

static void record_writer(trawl_indexer *ix)
{
    trawl_buf path = TRAWL_BUF_INIT;
    writer_path(ix->dir, &path);
    FILE *f = fopen(trawl_buf_str(&path), "w");
    if (f) {
        char when[32];
        time_t now = time(NULL);
        struct tm tm;
        strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S UTC", gmtime_r(&now, &tm));
        fprintf(f, "process %ld, writing since %s\n", (long)getpid(), when);
        ix->wrote_writer = fclose(f) == 0;
    }
    trawl_buf_free(&path);
}

/* Turns Xapian's lock error into one naming the holder. */
static trawl_status locked_error(const char *dir, trawl_error *err)
{
    trawl_buf path = TRAWL_BUF_INIT;
    writer_path(dir, &path);
    char line[128] = "";
    FILE *f = fopen(trawl_buf_str(&path), "r");
    if (f) {
        if (!fgets(line, sizeof line, f))
            line[0] = '\0';
        fclose(f);
    }
    trawl_buf_free(&path);
    line[strcspn(line, "\n")] = '\0';
    return trawl_error_set(err, TRAWL_ERR_LOCKED, "%s", *line ? line : "holder unknown");
}

/* Refuses to create an index inside a folder that holds anything else. */
static trawl_status check_folder(const char *dir, trawl_error *err)
{
    struct stat sb;
    if (stat(dir, &sb) != 0)
        return errno == ENOENT ? TRAWL_OK
                               : trawl_error_set(err, TRAWL_ERR_IO, "%s: %s", dir, strerror(errno));
    if (!S_ISDIR(sb.st_mode))
        return trawl_error_set(err, TRAWL_ERR_NO_INDEX, "%s: not a folder", dir);
    trawl_buf marker = TRAWL_BUF_INIT;
    trawl_buf_printf(&marker, "%s/iamglass", dir);
    int is_db = stat(trawl_buf_str(&marker), &sb) == 0;
    trawl_buf_free(&marker);
    if (is_db)
        return TRAWL_OK;
    DIR *d = opendir(dir);
    if (!d)
        return trawl_error_set(err, TRAWL_ERR_IO, "%s: %s", dir, strerror(errno));
    trawl_status st = TRAWL_OK;
    for (struct dirent *e; (e = readdir(d));) {
        if (!is_placeholder(e->d_name)) {
            st = trawl_error_set(err, TRAWL_ERR_NO_INDEX,
                                 "%s: not a Trawl index (it holds '%s'); give an empty or new "
                                 "folder",
                                 dir, e->d_name);
            break;
        }
    }
    closedir(d);
    return st;
}

static int collect_key(void *ctx, const char *key, const char *value, size_t len)
{
    trawl_buf *keys = ctx;
    (void)value;
    (void)len;
    trawl_buf_puts(keys, key);
    trawl_buf_putc(keys, '\0');
    return 0;
}

static int collect_term(void *ctx, const char *term, size_t len, unsigned freq)
{
    trawl_buf *terms = ctx;
    (void)freq;
    trawl_buf_append(terms, term, len);
    trawl_buf_putc(terms, '\0');
    return 0;
}

/* Empties the index inside the open transaction: every passage and every "trawl." key. */
static trawl_status clear(trawl_indexer *ix, trawl_error *err)
{
    trawl_buf list = TRAWL_BUF_INIT;
    trawl_status st = trawl_xdb_each_term(ix->db, TRAWL_PREFIX_DOC, collect_term, &list, err);
    for (size_t at = 0; !st && at < list.len; at += strlen(list.data + at) + 1)
        st = trawl_xdb_delete_documents(ix->db, list.data + at, err);
    trawl_buf_reset(&list);
    if (!st)
        st = trawl_xdb_each_metadata(ix->db, TRAWL_META_ALL, collect_key, &list, err);
    for (size_t at = 0; !st && at < list.len; at += strlen(list.data + at) + 1)
        st = trawl_xdb_set_metadata(ix->db, list.data + at, "", 0, err);
    if (!st && list.failed)
        st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    trawl_buf_free(&list);
    return st;
}

/* The options' passage bound and gazetteer folder, defaults filled in. */
static size_t max_passage(const trawl_indexer_options *options)
{
    return options && options->max_passage_bytes ? options->max_passage_bytes
                                                 : TRAWL_DEFAULT_MAX_PASSAGE;
}

static const char *gazetteer_dir(const trawl_indexer_options *options)
{
    return options && options->gazetteer ? options->gazetteer : trawl_gazetteer_default_dir();
}

/* Why an index recorded with `schema` and `analyzer` (as its metadata hold them; "" when
 * new) must be rebuilt by an ingest whose analyser identity is `want`: into `why`, left empty
 * when it need not. */
static void outdated_reason(const char *schema, const char *analyzer, const char *want,
                            trawl_buf *why)
{
    if (*schema && atoi(schema) != TRAWL_SCHEMA_VERSION)
        trawl_buf_printf(why, "the index has schema %s, this trawl-ingest writes %d", schema,
                         TRAWL_SCHEMA_VERSION);
    else if (*schema && strcmp(analyzer, want) != 0)
        trawl_buf_printf(why, "the analyser changed from '%s' to '%s'", analyzer, want);
}

trawl_status trawl_indexer_outdated(trawl_xdb *db, const trawl_indexer_options *options,
                                    trawl_buf *why, trawl_error *err)
{
    trawl_gazetteer *gz = NULL;
    char *schema = NULL, *analyzer = NULL;
    trawl_buf want = TRAWL_BUF_INIT;
    trawl_status st = trawl_gazetteer_load_dir(gazetteer_dir(options), &gz, err);
    if (!st && !(st = trawl_xdb_get_metadata(db, TRAWL_META_SCHEMA, &schema, NULL, err)) &&
        !(st = trawl_xdb_get_metadata(db, TRAWL_META_ANALYZER, &analyzer, NULL, err))) {
        trawl_schema_analyzer_identity(max_passage(options), trawl_gazetteer_hash(gz), &want);
        if (!*schema)
            trawl_buf_puts(why, "not a Trawl index");
        outdated_reason(schema, analyzer, trawl_buf_str(&want), why);
    }
    free(schema);
    free(analyzer);
    trawl_buf_free(&want);
    trawl_gazetteer_free(gz);
    return st;
}

/* Checks the index's recorded schema and analyser; opens the run's transaction; when the
 * index is new, or built by another schema or analyser (or a rebuild is asked for), empties
 * it and records this run's. Everything happens inside the transaction: readers see the old
 * index until the run commits. */
static trawl_status prepare_index(trawl_indexer *ix, bool rebuild, trawl_error *err)
{
    trawl_status st;
    char *schema = NULL, *analyzer = NULL;
    unsigned docs = 0;
    trawl_buf want = TRAWL_BUF_INIT, why = TRAWL_BUF_INIT;
    trawl_schema_analyzer_identity(ix->max_passage, trawl_gazetteer_hash(ix->gz), &want);
    if ((st = trawl_xdb_get_metadata(ix->db, TRAWL_META_SCHEMA, &schema, NULL, err)) ||
        (st = trawl_xdb_get_metadata(ix->db, TRAWL_META_ANALYZER, &analyzer, NULL, err)) ||
        (st = trawl_xdb_doccount(ix->db, &docs, err)))
        goto cleanup;
    if (!*schema && docs > 0) {
        st = trawl_error_set(err, TRAWL_ERR_NO_INDEX, "%s: a Xapian database but not a Trawl index",
                             ix->dir);
        goto cleanup;
    }
    if (*schema && rebuild)
        trawl_buf_puts(&why, "a rebuild was asked for");
    else
        outdated_reason(schema, analyzer, trawl_buf_str(&want), &why);
    if ((st = trawl_xdb_begin_transaction(ix->db, 1, err)))
        goto cleanup;
    if (why.len) {
        ix->rebuilt = trawl_buf_detach(&why);
        if ((st = clear(ix, err)))
            goto cleanup;
    }
    if (!*schema || ix->rebuilt) {
        char version[16];
        size_t len;
        const char *text = trawl_gazetteer_text(ix->gz, &len);
        snprintf(version, sizeof version, "%d", TRAWL_SCHEMA_VERSION);
        if ((st = trawl_xdb_set_metadata(ix->db, TRAWL_META_SCHEMA, version, strlen(version),
                                         err)) ||
            (st = trawl_xdb_set_metadata(ix->db, TRAWL_META_ANALYZER, want.data, want.len, err)) ||
            (st = trawl_xdb_set_metadata(ix->db, TRAWL_META_LANGUAGE, ix->default_lang,
                                         strlen(ix->default_lang), err)) ||
            (st = trawl_xdb_set_metadata(ix->db, TRAWL_META_GAZETTEER, text, len, err)))
            goto cleanup;
    }
cleanup:
    free(schema);
    free(analyzer);
    trawl_buf_free(&want);
    trawl_buf_free(&why);
    return st;
}

trawl_status trawl_indexer_open(const char *dir, const trawl_indexer_options *options,
                                trawl_indexer **ix_out, trawl_error *err)
{
    trawl_status st;
    *ix_out = NULL;
    trawl_indexer *ix = calloc(1, sizeof *ix);
    if (!ix || !(ix->dir = trawl_strdup(dir))) {
        free(ix);
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory opening %s", dir);
    }
    ix->max_passage = max_passage(options);
    const char *lang =
        options && options->language && *options->language ? options->language : "en";
    if (ix->max_passage < TRAWL_MIN_MAX_PASSAGE || ix->max_passage > TRAWL_MAX_MAX_PASSAGE) {
        st = trawl_error_set(err, TRAWL_ERR_ARG, "passage bound %zu outside %d..%d bytes",
                             ix->max_passage, TRAWL_MIN_MAX_PASSAGE, TRAWL_MAX_MAX_PASSAGE);
        goto fail;
    }
    if (strlen(lang) >= sizeof ix->default_lang) {
        st = trawl_error_set(err, TRAWL_ERR_ARG, "language code too long: '%s'", lang);
        goto fail;
    }
    strcpy(ix->default_lang, lang);
    bool rebuild = options && options->rebuild;
    if ((st = trawl_gazetteer_load_dir(gazetteer_dir(options), &ix->gz, err)))
        goto fail;
    if ((st = check_folder(dir, err)))
        goto fail;
    if ((st = trawl_xdb_open(dir, TRAWL_XDB_CREATE_OR_OPEN, &ix->db, err))) {
        if (st == TRAWL_ERR_LOCKED)
            st = locked_error(dir, err);
        goto fail;
    }
    record_writer(ix);
    if ((st = prepare_index(ix, rebuild, err)) ||
        (st = trawl_breaks_new(TRAWL_BREAK_SENTENCES, &ix->sentences, err)) ||
        (st = trawl_langid_new(&ix->langid, err)))
        goto fail;
    *ix_out = ix;
    return TRAWL_OK;
fail:
    trawl_indexer_close(ix);
    return st;
}

void trawl_indexer_close(trawl_indexer *ix)
{
    if (!ix)
        return;
    /* Closing with the transaction open cancels it: the index stays as it was. */
    trawl_xdb_close(ix->db);
    if (ix->wrote_writer) {
        trawl_buf path = TRAWL_BUF_INIT;
        writer_path(ix->dir, &path);
        unlink(trawl_buf_str(&path));
        trawl_buf_free(&path);
    }
    free(ix->rebuilt);
    for (size_t i = 0; i < ix->nlanguages; i++) {
        trawl_extractor_free(ix->languages[i].ex);
        trawl_analyzer_free(ix->languages[i].an);
    }
    trawl_gazetteer_free(ix->gz);
    trawl_facets_free(&ix->facets);
    trawl_breaks_free(ix->sentences);
    trawl_langid_free(ix->langid);
    trawl_buf_free(&ix->term);
    free(ix->dir);
    free(ix);
}

static trawl_status language_for(trawl_indexer *ix, const char *lang, language **out,
                                 trawl_error *err)
{
    if (!lang || !*lang)
        lang = ix->default_lang;
    for (size_t i = 0; i < ix->nlanguages; i++) {
        if (strcmp(trawl_analyzer_language(ix->languages[i].an), lang) == 0) {
            *out = &ix->languages[i];
            return TRAWL_OK;
        }
    }
    if (ix->nlanguages == MAX_LANGUAGES)
        return trawl_error_set(err, TRAWL_ERR_ARG, "more than %d document languages",
                               MAX_LANGUAGES);
    language l = {NULL, NULL};
    trawl_status st = trawl_analyzer_new(lang, &l.an, err);
    if (st == TRAWL_OK)
        st = trawl_extractor_new(ix->gz, l.an, &l.ex, err);
    if (st) {
        trawl_analyzer_free(l.an);
        return st;
    }
    ix->languages[ix->nlanguages] = l;
    *out = &ix->languages[ix->nlanguages++];
    return TRAWL_OK;
}

typedef struct field_sink {
    trawl_indexer *ix;
    trawl_xdoc *xdoc;         /* the passage's document */
    const trawl_field *field; /* whose prefixes to use */
    trawl_status st;          /* first failure */
    trawl_error *err;
    trawl_buf run;       /* body: the folded characters of the current CJK run */
    size_t run_end;      /* byte offset where that run's last word ends */
    unsigned bigram_pos; /* body: the last bigram position used */
} field_sink;

static int add_bigram(void *ctx, const char *pair, size_t len, unsigned pos)
{
    field_sink *s = ctx;
    trawl_buf *b = &s->ix->term;
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
    trawl_buf *b = &s->ix->term;
    trawl_buf_reset(b);
    trawl_buf_puts(b, s->field->prefix);
    trawl_buf_append(b, t->term, t->term_len);
    if (!b->failed)
        s->st = trawl_xdoc_add_posting(s->xdoc, b->data, b->len, t->position, 1, s->err);
    trawl_buf_reset(b);
    trawl_buf_puts(b, s->field->stem_prefix);
    trawl_buf_append(b, t->stem, t->stem_len);
    if (!b->failed && !s->st)
        s->st = trawl_xdoc_add_term(s->xdoc, b->data, b->len, 1, s->err);
    if (b->failed && !s->st)
        s->st = trawl_error_set(s->err, TRAWL_ERR_NOMEM, "out of memory indexing");
    if (s->field->id == TRAWL_FIELD_BODY && !s->st) {
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
    trawl_status st = trawl_analyze(an, text, len, add_term, sink, sink->err);
    if (!st && field == TRAWL_FIELD_BODY)
        flush_run(sink);
    if (!st && sink->run.failed)
        st = trawl_error_set(sink->err, TRAWL_ERR_NOMEM, "out of memory indexing");
    return st ? st : sink->st;
}

typedef struct doc_job {
    trawl_indexer *ix;
    const trawl_document *doc;
    trawl_xdoc **built; /* the passages' documents, built before the index is touched */
    size_t nbuilt, cbuilt;
    language *lang;  /* the document's language */
    language *pl;    /* the passage's, which differs where a document mixes languages */
    unsigned count;  /* passages added */
    trawl_status st; /* first failure */
    trawl_error *err;
} doc_job;

/* The evidence of each facet value: {"icc": [{"value", "text", "start", "end", "rule"}], ...},
 * the first mention of each distinct value, offsets in bytes of the passage; facets without
 * values are left out, and NULL when none has one. */
static json_t *facets_json(const trawl_facets *f, const trawl_passage *p)
{
    if (f->n == 0)
        return NULL;
    json_t *o = json_object();
    for (int facet = 0; facet < TRAWL_FACET_EXTRACTED && o; facet++) {
        json_t *list = json_array();
        for (size_t i = 0; i < f->n; i++) {
            const trawl_mention *m = &f->mentions[i];
            bool seen = m->facet != (trawl_facet_id)facet;
            for (size_t k = 0; k < i && !seen; k++)
                seen =
                    f->mentions[k].facet == m->facet && strcmp(f->mentions[k].value, m->value) == 0;
            if (seen)
                continue;
            json_array_append_new(list, json_pack("{s:s,s:s%,s:I,s:I,s:s}", "value", m->value,
                                                  "text", p->text + m->start, m->end - m->start,
                                                  "start", (json_int_t)m->start, "end",
                                                  (json_int_t)m->end, "rule", m->rule));
        }
        if (json_array_size(list))
            json_object_set_new(o, trawl_facet_name((trawl_facet_id)facet), list);
        else
            json_decref(list);
    }
    return o;
}

/* The facets of a passage: filter terms, value slots, and the centers the gazetteer lacks in
 * the metadata (for their names and provinces in reports). */
static trawl_status add_facets(trawl_indexer *ix, trawl_xdoc *xdoc, trawl_error *err)
{
    const trawl_facets *f = &ix->facets;
    trawl_status st = TRAWL_OK;
    for (size_t i = 0; i < f->n && !st; i++) {
        trawl_schema_term(trawl_schema_facet(f->mentions[i].facet)->prefix, f->mentions[i].value,
                          &ix->term);
        st = trawl_xdoc_add_boolean_term(xdoc, ix->term.data, ix->term.len, err);
    }
    for (int facet = 0; facet < TRAWL_FACET_EXTRACTED && !st; facet++) {
        char *joined = trawl_facets_joined(f, (trawl_facet_id)facet);
        if (!joined)
            return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
        st = trawl_xdoc_set_value(xdoc, trawl_schema_facet(facet)->slot, joined, strlen(joined),
                                  err);
        free(joined);
    }
    char *pairs = st ? NULL : trawl_facets_joined_pairs(f);
    if (!st && !pairs)
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    if (!st)
        st = trawl_xdoc_set_value(xdoc, TRAWL_SLOT_ICC_YEAR, pairs, strlen(pairs), err);
    free(pairs);
    for (size_t i = 0; i < f->nfound && !st; i++) {
        trawl_buf key = TRAWL_BUF_INIT, val = TRAWL_BUF_INIT;
        trawl_buf_printf(&key, "%s%s", TRAWL_META_CENTER, f->found[i].key);
        trawl_buf_printf(&val, "%s\t%s", f->found[i].name,
                         f->found[i].province ? f->found[i].province : "");
        char *had = NULL;
        if (key.failed || val.failed)
            st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
        else
            st = trawl_xdb_get_metadata(ix->db, key.data, &had, NULL, err);
        /* Several texts may name one center differently: the first in byte order is kept, so
         * that the index does not depend on the order documents come in. */
        if (!st && (!*had || strcmp(val.data, had) < 0))
            st = trawl_xdb_set_metadata(ix->db, key.data, val.data, val.len, err);
        free(had);
        trawl_buf_free(&key);
        trawl_buf_free(&val);
    }
    return st;
}

/* The stored data of a passage: a JSON object (index/README.md lists its keys). */
static char *passage_data(const doc_job *job, const trawl_passage *p, const char *id,
                          const char *section)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    json_object_set_new(o, "id", json_string(id));
    json_object_set_new(o, "path", json_string(trawl_document_path(job->doc)));
    json_object_set_new(o, "title", json_string(trawl_document_title(job->doc)));
    if (*trawl_document_url(job->doc))
        json_object_set_new(o, "url", json_string(trawl_document_url(job->doc)));
    if (*section)
        json_object_set_new(o, "section", json_string(section));
    json_object_set_new(o, "ordinal", json_integer(p->ordinal));
    json_object_set_new(o, "offset", json_integer((json_int_t)p->offset));
    json_object_set_new(o, "length", json_integer((json_int_t)p->len));
    json_object_set_new(o, "lang", json_string(trawl_analyzer_language(job->pl->an)));
    if (*trawl_document_kind(job->doc))
        json_object_set_new(o, "kind", json_string(trawl_document_kind(job->doc)));
    json_object_set_new(o, "text", json_stringn(p->text, p->len));
    json_t *facets = facets_json(&job->ix->facets, p);
    if (facets)
        json_object_set_new(o, "facets", facets);
    char *s = json_dumps(o, JSON_COMPACT);
    json_decref(o);
    return s;
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
        !trawl_langid_detect(job->ix->langid, p->text, p->len, code) ||
        trawl_language_script(code) != script)
        return TRAWL_OK;
    return language_for(job->ix, code, &job->pl, err);
}

/* Filter terms and value slots of the language, kind and URL. */
static trawl_status add_metadata(doc_job *job, trawl_xdoc *xdoc, trawl_error *err)
{
    trawl_indexer *ix = job->ix;
    const char *lang = trawl_analyzer_language(job->pl->an);
    const char *kind = trawl_document_kind(job->doc);
    const char *url = trawl_document_url(job->doc);
    trawl_status st = TRAWL_OK;
    struct {
        int filter;
        const char *value;
    } fields[] = {{TRAWL_FACET_LANG, lang}, {TRAWL_FACET_KIND, kind}, {TRAWL_FILTER_URL, url}};
    for (size_t i = 0; i < sizeof fields / sizeof *fields && !st; i++) {
        if (!*fields[i].value)
            continue;
        const trawl_facet_schema *f = trawl_schema_facet(fields[i].filter);
        trawl_schema_term(f->prefix, fields[i].value, &ix->term);
        st = ix->term.failed ? trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory")
                             : trawl_xdoc_add_boolean_term(xdoc, ix->term.data, ix->term.len, err);
        if (!st && fields[i].filter != TRAWL_FILTER_URL)
            st = trawl_xdoc_set_value(xdoc, f->slot, fields[i].value, strlen(fields[i].value), err);
    }
    return st;
}

static int add_passage(void *ctx, const trawl_passage *p)
{
    doc_job *job = ctx;
    trawl_indexer *ix = job->ix;
    trawl_error *err = job->err;
    trawl_status st;
    trawl_xdoc *xdoc = NULL;
    char *data = NULL;
    trawl_buf id = TRAWL_BUF_INIT;
    const char *path = trawl_document_path(job->doc);
    const char *title = trawl_document_title(job->doc);
    const char *section =
        p->section == TRAWL_NO_SECTION ? "" : trawl_document_section(job->doc, p->section);
    field_sink sink = {ix, NULL, NULL, TRAWL_OK, err, TRAWL_BUF_INIT, 0, 0};
    if ((st = trawl_xdoc_new(&xdoc, err)) || (st = passage_language(job, p, err)))
        goto cleanup;
    sink.xdoc = xdoc;
    trawl_analyzer *doc_an = job->lang->an;
    if ((st = index_field(&sink, job->pl->an, TRAWL_FIELD_BODY, p->text, p->len)) ||
        (st = index_field(&sink, doc_an, TRAWL_FIELD_TITLE, title, strlen(title))) ||
        (st = index_field(&sink, doc_an, TRAWL_FIELD_SECTION, section, strlen(section))) ||
        (st = trawl_extract(job->pl->ex, p->text, p->len, &ix->facets, err)) ||
        (st = add_facets(ix, xdoc, err)) || (st = add_metadata(job, xdoc, err)))
        goto cleanup;
    trawl_schema_passage_id(path, p->ordinal, &id);
    trawl_schema_term(TRAWL_PREFIX_PASSAGE, trawl_buf_str(&id), &ix->term);
    if ((st = trawl_xdoc_add_boolean_term(xdoc, ix->term.data, ix->term.len, err)))
        goto cleanup;
    trawl_schema_term(TRAWL_PREFIX_DOC, path, &ix->term);
    if ((st = trawl_xdoc_add_boolean_term(xdoc, ix->term.data, ix->term.len, err)) ||
        (st = trawl_xdoc_set_value(xdoc, TRAWL_SLOT_DOC, path, strlen(path), err)))
        goto cleanup;
    char ordinal[16];
    snprintf(ordinal, sizeof ordinal, "%08u", p->ordinal);
    if ((st = trawl_xdoc_set_value(xdoc, TRAWL_SLOT_ORDINAL, ordinal, strlen(ordinal), err)))
        goto cleanup;
    if (!(data = passage_data(job, p, trawl_buf_str(&id), section)) || id.failed) {
        st = trawl_error_set(err, TRAWL_ERR_NOMEM, "%s: out of memory storing a passage", path);
        goto cleanup;
    }
    if ((st = trawl_xdoc_set_data(xdoc, data, strlen(data), err)))
        goto cleanup;
    if (!trawl_array_grow((void **)&job->built, &job->cbuilt, job->nbuilt, sizeof *job->built)) {
        st = trawl_error_set(err, TRAWL_ERR_NOMEM, "%s: out of memory", path);
        goto cleanup;
    }
    job->built[job->nbuilt++] = xdoc;
    xdoc = NULL;
    job->count++;
cleanup:
    trawl_buf_free(&sink.run);
    free(data);
    trawl_buf_free(&id);
    trawl_xdoc_free(xdoc);
    job->st = st;
    return st != TRAWL_OK;
}

trawl_status trawl_indexer_remove(trawl_indexer *ix, const char *path, trawl_error *err)
{
    trawl_schema_term(TRAWL_PREFIX_DOC, path, &ix->term);
    if (ix->term.failed)
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    trawl_status st = trawl_xdb_delete_documents(ix->db, ix->term.data, err);
    trawl_schema_term(TRAWL_META_DOC, path, &ix->term);
    if (!st)
        st = trawl_xdb_set_metadata(ix->db, ix->term.data, "", 0, err);
    if (!st)
        st = trawl_catalog_delete(ix->db, path, err);
    return st;
}

/* The document's record, for links between documents: {"path", "title", "url", "lang",
 * "kind", "links": [{"text", "target"}]}. */
static trawl_status add_record(trawl_indexer *ix, const trawl_document *doc, const char *lang,
                               trawl_error *err)
{
    json_t *links = json_array();
    for (size_t i = 0; i < trawl_document_link_count(doc); i++) {
        const trawl_link *l = trawl_document_link(doc, i);
        json_array_append_new(links, json_pack("{s:s,s:s}", "text", l->text, "target", l->target));
    }
    json_t *o = json_pack("{s:s,s:s,s:s,s:s,s:s,s:o}", "path", trawl_document_path(doc), "title",
                          trawl_document_title(doc), "url", trawl_document_url(doc), "lang", lang,
                          "kind", trawl_document_kind(doc), "links", links);
    char *value = o ? json_dumps(o, JSON_COMPACT) : NULL;
    json_decref(o);
    trawl_schema_term(TRAWL_META_DOC, trawl_document_path(doc), &ix->term);
    trawl_status st =
        !value || ix->term.failed
            ? trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory")
            : trawl_xdb_set_metadata(ix->db, ix->term.data, value, strlen(value), err);
    free(value);
    return st;
}

/* The language the metadata gives ("zh-Hant" is "zh"), else the one detected from the start
 * of the text, else the index's default. */
static void document_language(trawl_indexer *ix, const trawl_document *doc, char *lang)
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
    if (sample.failed || !trawl_langid_detect(ix->langid, sample.data, sample.len, lang))
        strcpy(lang, ix->default_lang);
    trawl_buf_free(&sample);
}

trawl_status trawl_indexer_add(trawl_indexer *ix, const trawl_document *doc,
                               const trawl_file_state *file, unsigned *passages_out,
                               trawl_error *err)
{
    trawl_status st;
    doc_job job = {ix, doc, NULL, 0, 0, NULL, NULL, 0, TRAWL_OK, err};
    char lang[16];
    *passages_out = 0;
    document_language(ix, doc, lang);
    if ((st = language_for(ix, lang, &job.lang, err)))
        return st;
    /* Every passage is analysed before the index is touched: a document that cannot be
     * analysed leaves its old passages as they were. Then the old passages go and the new
     * come, inside the run's transaction (see prepare_index). */
    st = trawl_split_passages(doc, ix->sentences, ix->max_passage, add_passage, &job, err);
    if (st == TRAWL_OK)
        st = job.st;
    if (st == TRAWL_OK)
        st = trawl_indexer_remove(ix, trawl_document_path(doc), err);
    for (size_t i = 0; i < job.nbuilt && st == TRAWL_OK; i++)
        st = trawl_xdb_add_document(ix->db, job.built[i], NULL, err);
    if (st == TRAWL_OK)
        st = add_record(ix, doc, lang, err);
    if (st == TRAWL_OK && file)
        st = trawl_catalog_put(ix->db, trawl_document_path(doc), file, err);
    for (size_t i = 0; i < job.nbuilt; i++)
        trawl_xdoc_free(job.built[i]);
    free(job.built);
    if (st)
        return st;
    *passages_out = job.count;
    return TRAWL_OK;
}

trawl_status trawl_indexer_commit(trawl_indexer *ix, trawl_error *err)
{
    trawl_status st = trawl_xdb_commit_transaction(ix->db, err);
    /* What comes next is a transaction of its own. */
    if (!st)
        st = trawl_xdb_begin_transaction(ix->db, 1, err);
    return st;
}

const char *trawl_indexer_rebuilt(const trawl_indexer *ix)
{
    return ix->rebuilt;
}

trawl_xdb *trawl_indexer_db(trawl_indexer *ix)
{
    return ix->db;
}
