/* query_compile.c: query tree -> Xapian query. */
#include "query/query_compile.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "index/schema.h"
#include "text/cjk.h"
#include "text/spelling.h"

/* The words a single word matched (expand), kept for the rest of the compilation: a word is
 * compiled again for the proximity of an AND's words, and may stand in a query twice. */
typedef struct expanded_word {
    char *term; /* its folded form */
    trawl_token_kind kind;
    trawl_buf words; /* NUL-separated */
    size_t nwords;
} expanded_word;

typedef struct compiler {
    const trawl_filter_context *ctx;
    expanded_word *seen; /* words expanded so far */
    size_t nseen, cseen;
    bool expanding; /* compiling the other names of a place or center */
    trawl_analyzer *an;
    trawl_matches *matches; /* what positive parts match; may be NULL */
    trawl_status st;        /* first failure */
    trawl_error *err;
} compiler;

/* The analysed tokens of a word or phrase. */
typedef struct tokens {
    trawl_buf terms;             /* folded words, each NUL-terminated, back to back */
    trawl_buf stems;             /* their stems, likewise */
    size_t n;                    /* number of tokens */
    trawl_token_kind first_kind; /* the kind of the first token */
    bool all_cjk;                /* every token is Chinese, Japanese or Thai */
    trawl_buf chars;             /* their folded characters; a NUL ends each run of words
                                    written without a break */
    size_t last_end;             /* where the last token ended in the text */
    const char *text;            /* the text analysed */
    size_t text_len;             /* its length */
    trawl_buf prefix;            /* per token: 1 when a '*' follows it (a prefix), else 0 */
    /* The words a single word matches: its stems and their expansions, found once (expand)
     * for all the fields and the highlights that need them. */
    bool expanded;
    trawl_buf words; /* NUL-separated, each once */
    size_t nwords;
} tokens;

static int collect(void *ctx, const trawl_term *t)
{
    tokens *k = ctx;
    if (k->n == 0)
        k->first_kind = t->kind;
    k->all_cjk = k->all_cjk && trawl_is_cjk(t);
    if (k->n > 0 && t->start != k->last_end)
        trawl_buf_putc(&k->chars, '\0');
    trawl_buf_append(&k->chars, t->term, t->term_len);
    k->last_end = t->end;
    trawl_buf_append(&k->terms, t->term, t->term_len);
    trawl_buf_putc(&k->terms, '\0');
    trawl_buf_append(&k->stems, t->stem, t->stem_len);
    trawl_buf_putc(&k->stems, '\0');
    trawl_buf_putc(&k->prefix, t->end < k->text_len && k->text[t->end] == '*');
    k->n++;
    return 0;
}

/* The i-th string of a NUL-separated list. */
static const char *nth(const trawl_buf *b, size_t i)
{
    const char *s = b->data;
    while (i--)
        s += strlen(s) + 1;
    return s;
}

static void tokens_free(tokens *k)
{
    trawl_buf_free(&k->terms);
    trawl_buf_free(&k->stems);
    trawl_buf_free(&k->chars);
    trawl_buf_free(&k->words);
    trawl_buf_free(&k->prefix);
}

/* Analyses the text of a word or phrase node; the last word of a prefix node (word*) is a
 * prefix, as is each word of a phrase written with a '*' after it. */
static bool analyse(compiler *c, const trawl_qnode *n, tokens *k)
{
    *k = (tokens){.terms = TRAWL_BUF_INIT,
                  .stems = TRAWL_BUF_INIT,
                  .first_kind = TRAWL_TOKEN_LETTER,
                  .all_cjk = true,
                  .chars = TRAWL_BUF_INIT,
                  .text = n->text,
                  .text_len = strlen(n->text),
                  .prefix = TRAWL_BUF_INIT,
                  .words = TRAWL_BUF_INIT};
    c->st = trawl_analyze(c->an, n->text, k->text_len, collect, k, c->err);
    if (!c->st && (k->terms.failed || k->stems.failed || k->chars.failed || k->prefix.failed))
        c->st = trawl_error_set(c->err, TRAWL_ERR_NOMEM, "out of memory analysing the query");
    if (!c->st && n->kind == TRAWL_QNODE_WILDCARD && k->n)
        k->prefix.data[k->n - 1] = 1;
    return c->st == TRAWL_OK;
}

/* Whether any token is a prefix. */
static bool has_prefix(const tokens *k)
{
    return k->n && memchr(k->prefix.data, 1, k->n) != NULL;
}

static trawl_xquery *term_query(compiler *c, const char *prefix, const char *term, unsigned pos);

static int ignore_bigram(void *ctx, const char *pair, size_t len, unsigned pos)
{
    (void)ctx;
    (void)pair;
    (void)len;
    (void)pos;
    return 0;
}

/* Whether the tokens are CJK characters with at least one pair in a row: those are matched by
 * their character bigrams, whatever the segmentation. */
static bool bigram_run(const tokens *k)
{
    size_t pairs = 0;
    for (size_t at = 0; k->all_cjk && at < k->chars.len; at += strlen(k->chars.data + at) + 1)
        pairs +=
            trawl_bigrams(k->chars.data + at, strlen(k->chars.data + at), 1, ignore_bigram, NULL);
    return k->n > 0 && k->all_cjk && pairs > 0;
}

typedef struct bigram_job {
    compiler *c;
    trawl_xquery **subs; /* one term query per bigram */
    size_t n, cap;
} bigram_job;

static int bigram_term(void *ctx, const char *pair, size_t len, unsigned pos)
{
    bigram_job *j = ctx;
    char term[32];
    if (len + 2 > sizeof term ||
        !trawl_array_grow((void **)&j->subs, &j->cap, j->n, sizeof *j->subs)) {
        j->c->st = trawl_error_set(j->c->err, TRAWL_ERR_NOMEM, "out of memory");
        return 1;
    }
    snprintf(term, sizeof term, "%s%.*s", TRAWL_PREFIX_BIGRAM, (int)len, pair);
    j->subs[j->n++] = term_query(j->c, "", term, pos);
    return j->c->st != TRAWL_OK;
}

static trawl_xquery *combine(compiler *c, trawl_xop op, trawl_xquery **subs, size_t n,
                             unsigned window);

/* The phrase of the bigrams of runs of CJK characters, in the passage text: runs broken by
 * punctuation or spaces may stand a position apart, as the index keeps them. */
static trawl_xquery *bigram_query(compiler *c, const tokens *k)
{
    bigram_job j = {c, NULL, 0, 0};
    unsigned pos = 1;
    for (size_t at = 0; at < k->chars.len && c->st == TRAWL_OK;) {
        size_t len = strlen(k->chars.data + at);
        pos += (unsigned)trawl_bigrams(k->chars.data + at, len, pos, bigram_term, &j) + 1;
        at += len + 1;
    }
    trawl_xquery *q = combine(c, TRAWL_XOP_PHRASE, j.subs, j.n, pos);
    free(j.subs);
    return q;
}

static trawl_xquery *term_query(compiler *c, const char *prefix, const char *term, unsigned pos)
{
    trawl_buf b = TRAWL_BUF_INIT;
    trawl_xquery *q = NULL;
    trawl_buf_puts(&b, prefix);
    trawl_buf_puts(&b, term);
    if (b.failed)
        c->st = trawl_error_set(c->err, TRAWL_ERR_NOMEM, "out of memory");
    else
        c->st = trawl_xquery_term(b.data, b.len, 1, pos, &q, c->err);
    trawl_buf_free(&b);
    return q;
}

/* Combines `n` queries (some may be NULL: skipped) and frees them. NULL when none is left. */
static trawl_xquery *combine(compiler *c, trawl_xop op, trawl_xquery **subs, size_t n,
                             unsigned window)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (subs[i])
            subs[m++] = subs[i];
    trawl_xquery *q = NULL;
    if (c->st == TRAWL_OK && m == 1) {
        q = subs[0];
        subs[0] = NULL;
    } else if (c->st == TRAWL_OK && m > 1) {
        c->st = trawl_xquery_combine(op, subs, m, window, &q, c->err);
    }
    for (size_t i = 0; i < m; i++)
        trawl_xquery_free(subs[i]);
    return q;
}

/* Adds a word to a NUL-separated list unless it holds it already. */
static int add_word(void *ctx, const char *word, size_t len)
{
    trawl_buf *words = ctx;
    for (const char *w = words->data; w && w < words->data + words->len; w += strlen(w) + 1)
        if (strlen(w) == len && memcmp(w, word, len) == 0)
            return 0;
    trawl_buf_append(words, word, len);
    trawl_buf_putc(words, '\0');
    return 0;
}

/* Adds each word of a stem's expansion list to a list of words. */
static int add_expansion(void *ctx, const char *key, const char *value, size_t len)
{
    (void)key;
    return trawl_schema_each_expansion(value, len, add_word, ctx);
}

/* Scratch buffers of expand. */
typedef struct expansion {
    trawl_buf stem, name, key;
} expansion;

/* Adds the stem of the folded word `term` in the language of `an` (`stem` when given: the
 * query analyzer's, found already) and the words of that language's list for it. */
static void expand_in(compiler *c, tokens *k, trawl_analyzer *an, const char *term,
                      const char *stem, expansion *x)
{
    if (!stem) {
        if ((c->st = trawl_analyzer_stem(an, term, strlen(term), &x->stem, c->err)))
            return;
        stem = trawl_buf_str(&x->stem);
    }
    add_word(&k->words, stem, strlen(stem));
    if (!trawl_analyzer_stems(an) || k->first_kind != TRAWL_TOKEN_LETTER || !c->ctx->db)
        return;
    trawl_schema_stem_name(trawl_analyzer_language(an), stem, strlen(stem), &x->name);
    trawl_schema_term(TRAWL_META_STEM, trawl_buf_str(&x->name), &x->key);
    if (!x->key.failed)
        c->st = trawl_xdb_each_metadata_value(c->ctx->db, x->key.data, add_expansion, &k->words,
                                              c->err);
}

/* Finds, once, the words a single word matches (schema.h, TRAWL_META_STEM): its stem in the
 * query's language and, for a letter word, in every other language of the index, and the
 * words each language lists for its stem; the same for its other spelling (spelling.h). */
static void expand(compiler *c, tokens *k)
{
    if (k->expanded)
        return;
    k->expanded = true;
    const char *term = nth(&k->terms, 0);
    for (size_t i = 0; i < c->nseen; i++) {
        if (c->seen[i].kind == k->first_kind && !strcmp(c->seen[i].term, term)) {
            trawl_buf_append(&k->words, c->seen[i].words.data, c->seen[i].words.len);
            k->nwords = c->seen[i].nwords;
            if (k->words.failed)
                c->st = trawl_error_set(c->err, TRAWL_ERR_NOMEM, "out of memory");
            return;
        }
    }
    expansion x = {TRAWL_BUF_INIT, TRAWL_BUF_INIT, TRAWL_BUF_INIT};
    const char *other = trawl_spelling_variant(term, strlen(term));
    for (int v = 0; v < (other ? 2 : 1) && c->st == TRAWL_OK; v++) {
        const char *word = v ? other : term;
        expand_in(c, k, c->an, word, v ? NULL : nth(&k->stems, 0), &x);
        for (size_t i = 0; k->first_kind == TRAWL_TOKEN_LETTER && i < c->ctx->nstemmers &&
                           c->st == TRAWL_OK && !k->words.failed;
             i++)
            expand_in(c, k, c->ctx->stemmers[i], word, NULL, &x);
    }
    for (const char *w = k->words.data; w && w < k->words.data + k->words.len; w += strlen(w) + 1)
        k->nwords++;
    if ((k->words.failed || x.stem.failed || x.name.failed || x.key.failed) && c->st == TRAWL_OK)
        c->st = trawl_error_set(c->err, TRAWL_ERR_NOMEM, "out of memory");
    if (c->st == TRAWL_OK &&
        trawl_array_grow((void **)&c->seen, &c->cseen, c->nseen, sizeof *c->seen)) {
        expanded_word *e = &c->seen[c->nseen];
        *e = (expanded_word){trawl_strdup(term), k->first_kind, TRAWL_BUF_INIT, k->nwords};
        trawl_buf_append(&e->words, k->words.data, k->words.len);
        if (e->term && !e->words.failed)
            c->nseen++;
        else {
            free(e->term);
            trawl_buf_free(&e->words);
        }
    }
    trawl_buf_free(&x.stem);
    trawl_buf_free(&x.name);
    trawl_buf_free(&x.key);
}

/* Appends the word of `k` to the context's unknown words when no field of the index holds any
 * of the words it matches (its stems' words, its other spelling's). */
static void note_unknown(compiler *c, tokens *k)
{
    if (!c->ctx->unknown || !c->ctx->db || k->n != 1 || k->first_kind != TRAWL_TOKEN_LETTER)
        return;
    expand(c, k);
    trawl_buf term = TRAWL_BUF_INIT;
    const char *w = k->words.data;
    for (size_t i = 0; i < k->nwords && c->st == TRAWL_OK; i++, w += strlen(w) + 1) {
        for (int f = 0; f < TRAWL_FIELD_COUNT && c->st == TRAWL_OK; f++) {
            unsigned freq = 0;
            trawl_buf_reset(&term);
            trawl_buf_puts(&term, trawl_schema_field((trawl_field_id)f)->prefix);
            trawl_buf_puts(&term, w);
            c->st = term.failed
                        ? trawl_error_set(c->err, TRAWL_ERR_NOMEM, "out of memory")
                        : trawl_xdb_termfreq(c->ctx->db, term.data, term.len, &freq, c->err);
            if (freq > 0) {
                trawl_buf_free(&term);
                return;
            }
        }
    }
    trawl_buf_free(&term);
    trawl_buf_puts(c->ctx->unknown, nth(&k->terms, 0));
    trawl_buf_putc(c->ctx->unknown, '\0');
    if (c->ctx->unknown->failed && c->st == TRAWL_OK)
        c->st = trawl_error_set(c->err, TRAWL_ERR_NOMEM, "out of memory");
}

/* A single word in one field: its stems and their words, as one synonym group. */
static trawl_xquery *stems_query(compiler *c, const trawl_field *f, tokens *k)
{
    expand(c, k);
    if (c->st != TRAWL_OK)
        return NULL;
    trawl_xquery **subs = calloc(k->nwords ? k->nwords : 1, sizeof *subs), *q = NULL;
    if (!subs) {
        c->st = trawl_error_set(c->err, TRAWL_ERR_NOMEM, "out of memory");
        return NULL;
    }
    const char *w = k->words.data;
    for (size_t i = 0; i < k->nwords && c->st == TRAWL_OK; i++, w += strlen(w) + 1)
        subs[i] = term_query(c, f->prefix, w, 0);
    q = combine(c, TRAWL_XOP_SYNONYM, subs, k->nwords, 0);
    free(subs);
    return q;
}

typedef struct prefix_job {
    compiler *c;
    const char *word;    /* the prefix as typed, for messages */
    trawl_xquery **subs; /* one term query per word */
    size_t n, cap;
} prefix_job;

static int prefix_term(void *ctx, const char *term, size_t len, unsigned freq)
{
    prefix_job *j = ctx;
    (void)freq;
    if (j->n == TRAWL_MAX_WILDCARD_TERMS) {
        j->c->st = trawl_error_set(j->c->err, TRAWL_ERR_QUERY_SYNTAX,
                                   "'%s*' matches more than %d words; make the prefix longer",
                                   j->word, TRAWL_MAX_WILDCARD_TERMS);
        return 1;
    }
    if (!trawl_array_grow((void **)&j->subs, &j->cap, j->n, sizeof *j->subs)) {
        j->c->st = trawl_error_set(j->c->err, TRAWL_ERR_NOMEM, "out of memory");
        return 1;
    }
    j->c->st = trawl_xquery_term(term, len, 1, 0, &j->subs[j->n], j->c->err);
    j->n += j->c->st == TRAWL_OK;
    return j->c->st != TRAWL_OK;
}

/* The words of field `f` that begin with the folded `prefix`, as an OR of terms (what a phrase
 * can hold, unlike Xapian's wildcard query); a query matching nothing when there are none. */
static trawl_xquery *prefix_words(compiler *c, const trawl_field *f, const char *prefix)
{
    if (!c->ctx->db) {
        c->st = trawl_error_set(c->err, TRAWL_ERR_ARG, "a prefix in a phrase needs an index");
        return NULL;
    }
    prefix_job j = {c, prefix, NULL, 0, 0};
    trawl_buf b = TRAWL_BUF_INIT;
    trawl_buf_puts(&b, f->prefix);
    trawl_buf_puts(&b, prefix);
    trawl_xquery *q = NULL;
    if (b.failed) {
        c->st = trawl_error_set(c->err, TRAWL_ERR_NOMEM, "out of memory");
    } else {
        trawl_status st =
            trawl_xdb_each_term(c->ctx->db, trawl_buf_str(&b), prefix_term, &j, c->err);
        if (st && c->st == TRAWL_OK)
            c->st = st;
    }
    trawl_buf_free(&b);
    if (c->st == TRAWL_OK && j.n == 0)
        c->st = trawl_xquery_match_nothing(&q, c->err);
    else
        q = combine(c, TRAWL_XOP_OR, j.subs, j.n, 0);
    for (size_t i = 0; c->st != TRAWL_OK && i < j.n; i++)
        trawl_xquery_free(j.subs[i]);
    free(j.subs);
    return q;
}

/* Token `i` as one position of a phrase in field `f`: its folded word or its other spelling
 * (an OR of the two terms), or, for a prefix, the field's words it begins. */
static trawl_xquery *position_query(compiler *c, const trawl_field *f, const tokens *k, size_t i)
{
    const char *term = nth(&k->terms, i);
    if (k->prefix.data[i])
        return prefix_words(c, f, term);
    const char *other = trawl_spelling_variant(term, strlen(term));
    trawl_xquery *subs[2] = {term_query(c, f->prefix, term, (unsigned)i + 1), NULL};
    if (other && c->st == TRAWL_OK)
        subs[1] = term_query(c, f->prefix, other, (unsigned)i + 1);
    return combine(c, TRAWL_XOP_OR, subs, 2, 0);
}

/* The tokens in one field: a single token by its stems (or exact form when `exact`), several
 * as an exact phrase. */
static trawl_xquery *field_query(compiler *c, const trawl_field *f, tokens *k, bool exact)
{
    if (k->n == 1)
        return exact ? position_query(c, f, k, 0) : stems_query(c, f, k);
    trawl_xquery **subs = calloc(k->n, sizeof *subs);
    if (!subs) {
        c->st = trawl_error_set(c->err, TRAWL_ERR_NOMEM, "out of memory");
        return NULL;
    }
    for (size_t i = 0; i < k->n && c->st == TRAWL_OK; i++)
        subs[i] = position_query(c, f, k, i);
    trawl_xquery *q = combine(c, TRAWL_XOP_PHRASE, subs, k->n, (unsigned)k->n);
    free(subs);
    return q;
}

static trawl_xquery *scaled(compiler *c, trawl_xquery *q, double factor)
{
    if (!q || factor == 1.0)
        return q;
    trawl_xquery *s = NULL;
    c->st = trawl_xquery_scale(q, factor, &s, c->err);
    trawl_xquery_free(q);
    return s;
}

/* Token `i` as a phrase word of matches.h: its word and other spelling, or its prefix. */
static void phrase_word(const tokens *k, size_t i, trawl_buf *out)
{
    const char *term = nth(&k->terms, i);
    const char *other = trawl_spelling_variant(term, strlen(term));
    trawl_buf_puts(out, term);
    if (k->prefix.data[i])
        trawl_buf_putc(out, '*');
    else if (other)
        trawl_buf_printf(out, "%c%s", TRAWL_MATCH_ALT, other);
    trawl_buf_putc(out, '\0');
}

static void mark(compiler *c, tokens *k, bool exact)
{
    if (!c->matches)
        return;
    trawl_status st = TRAWL_OK;
    if (k->n == 1 && !exact) {
        expand(c, k);
        const char *w = k->words.data;
        for (size_t i = 0; i < k->nwords && !st && c->st == TRAWL_OK; i++, w += strlen(w) + 1)
            st = trawl_matches_add_one(c->matches, TRAWL_MATCH_WORD, w, strlen(w), NULL);
    } else {
        /* A phrase (of one word, when exact): each word with its alternatives. */
        trawl_buf words = TRAWL_BUF_INIT;
        const char **terms = calloc(k->n, sizeof *terms);
        size_t *lens = calloc(k->n, sizeof *lens);
        for (size_t i = 0; i < k->n; i++)
            phrase_word(k, i, &words);
        if (terms && lens && !words.failed) {
            const char *w = words.data;
            for (size_t i = 0; i < k->n; i++, w += strlen(w) + 1) {
                terms[i] = w;
                lens[i] = strlen(w);
            }
            st = trawl_matches_add(c->matches, TRAWL_MATCH_PHRASE, terms, lens, k->n, NULL);
        } else {
            st = TRAWL_ERR_NOMEM;
        }
        trawl_buf_free(&words);
        free(terms);
        free(lens);
    }
    if (st && c->st == TRAWL_OK)
        c->st = trawl_error_set(c->err, st, "out of memory recording highlights");
}

static trawl_xquery *text_query(compiler *c, const trawl_qnode *n, bool positive);

/* A word or phrase that names a place or center in the gazetteer: any of its names, in every
 * script ("Chongqing" also finds 重庆, 重慶 and Чунцин; GWICC finds 长城国际传播中心); or one
 * of a glossary group: any of its members. */
static trawl_xquery *any_name(compiler *c, const trawl_qnode *n, const trawl_names *names,
                              bool positive)
{
    trawl_xquery **subs = calloc(names->n + 1, sizeof *subs);
    if (!subs) {
        c->st = trawl_error_set(c->err, TRAWL_ERR_NOMEM, "out of memory");
        return NULL;
    }
    c->expanding = true;
    subs[0] = text_query(c, n, positive);
    for (size_t i = 0; i < names->n && c->st == TRAWL_OK; i++) {
        trawl_qnode other = *n;
        other.text = names->items[i];
        subs[i + 1] = text_query(c, &other, positive);
    }
    c->expanding = false;
    trawl_xquery *q = combine(c, TRAWL_XOP_OR, subs, names->n + 1, 0);
    free(subs);
    return q;
}

/* A word or phrase: in its field, or for a word without one, in every field by weight. */
static trawl_xquery *text_query(compiler *c, const trawl_qnode *n, bool positive)
{
    trawl_alias_entity named;
    bool is_name = false;
    const trawl_names *group = NULL;
    if (!c->expanding && c->ctx->glossary &&
        (c->st = trawl_glossary_find(c->ctx->glossary, c->ctx->an, n->text, &group, c->err)))
        return NULL;
    if (group)
        return any_name(c, n, group, positive);
    if (!c->expanding && c->ctx->aliases) {
        trawl_status st =
            trawl_aliases_find(c->ctx->aliases, c->ctx->an, n->text, &named, &is_name, c->err);
        if (st) {
            c->st = st;
            return NULL;
        }
    }
    if (is_name)
        return any_name(c, n, named.names, positive);
    tokens k;
    trawl_xquery *q = NULL;
    bool exact = n->kind != TRAWL_QNODE_WORD;
    if (!analyse(c, n, &k) || k.n == 0)
        goto cleanup;
    bool bigrams = bigram_run(&k) && !has_prefix(&k);
    const trawl_field *body = trawl_schema_field(TRAWL_FIELD_BODY);
    if (n->field) {
        q = bigrams && n->field == body ? bigram_query(c, &k) : field_query(c, n->field, &k, exact);
    } else {
        /* Words and phrases alike match in every field, each weighted. */
        trawl_xquery *per_field[TRAWL_FIELD_COUNT] = {NULL};
        for (int f = 0; f < TRAWL_FIELD_COUNT && c->st == TRAWL_OK; f++) {
            const trawl_field *field = trawl_schema_field((trawl_field_id)f);
            trawl_xquery *one =
                bigrams && field == body ? bigram_query(c, &k) : field_query(c, field, &k, exact);
            per_field[f] = scaled(c, one, field->weight);
        }
        q = combine(c, TRAWL_XOP_OR, per_field, TRAWL_FIELD_COUNT, 0);
    }
    if (positive && !exact && !bigrams && !c->expanding)
        note_unknown(c, &k);
    if (positive && bigrams && (!n->field || n->field == body) && c->matches) {
        for (size_t at = 0; at < k.chars.len && !c->st; at += strlen(k.chars.data + at) + 1)
            c->st = trawl_matches_add_one(c->matches, TRAWL_MATCH_CHARS, k.chars.data + at,
                                          strlen(k.chars.data + at), c->err);
    } else if (positive && (!n->field || n->field == body)) {
        mark(c, &k, exact);
    }
cleanup:
    tokens_free(&k);
    return q;
}

/* word*: a single word by Xapian's wildcard query; words joined (state-own*) as a phrase
 * whose last word is a prefix. */
static trawl_xquery *wildcard_query(compiler *c, const trawl_qnode *n, bool positive)
{
    tokens k;
    trawl_xquery *q = NULL;
    if (!analyse(c, n, &k))
        goto cleanup;
    if (k.n > 1) {
        tokens_free(&k);
        return text_query(c, n, positive);
    }
    if (k.n == 0) {
        c->st = trawl_error_set(c->err, TRAWL_ERR_QUERY_SYNTAX,
                                "'%s*': a prefix needs a word before the '*'", n->text);
        goto cleanup;
    }
    const trawl_field *f = n->field ? n->field : trawl_schema_field(TRAWL_FIELD_BODY);
    trawl_buf b = TRAWL_BUF_INIT;
    trawl_buf_puts(&b, f->prefix);
    trawl_buf_puts(&b, nth(&k.terms, 0));
    if (b.failed)
        c->st = trawl_error_set(c->err, TRAWL_ERR_NOMEM, "out of memory");
    else
        c->st = trawl_xquery_wildcard(b.data, b.len, TRAWL_MAX_WILDCARD_TERMS, &q, c->err);
    trawl_buf_free(&b);
    if (positive && c->matches && f->id == TRAWL_FIELD_BODY && c->st == TRAWL_OK)
        c->st = trawl_matches_add_one(c->matches, TRAWL_MATCH_PREFIX, nth(&k.terms, 0),
                                      strlen(nth(&k.terms, 0)), c->err);
cleanup:
    tokens_free(&k);
    return q;
}

static trawl_xquery *compile(compiler *c, const trawl_qnode *n, bool positive);

/* One word of a NEAR or ADJ in its field, as a query a window can hold (a term, or an OR of
 * terms): the words its stems give, or for a prefix, the words it begins. `quiet`: NULL,
 * without failing, for what is not one word (for the proximity of an AND's words). */
static trawl_xquery *near_word(compiler *c, const trawl_qnode *n, bool positive, bool quiet)
{
    tokens k;
    trawl_xquery *q = NULL;
    const trawl_field *f = n->field ? n->field : trawl_schema_field(TRAWL_FIELD_BODY);
    if (!analyse(c, n, &k) || (quiet && k.n != 1))
        goto cleanup;
    if (k.n != 1) {
        c->st = trawl_error_set(c->err, TRAWL_ERR_QUERY_SYNTAX,
                                k.n ? "NEAR and ADJ join single words: '%s' is %zu words"
                                    : "NEAR and ADJ join words: '%s' has none",
                                n->text, k.n);
        goto cleanup;
    }
    if (k.prefix.data[0]) {
        q = prefix_words(c, f, nth(&k.terms, 0));
        if (positive && c->matches && f->id == TRAWL_FIELD_BODY && c->st == TRAWL_OK)
            c->st = trawl_matches_add_one(c->matches, TRAWL_MATCH_PREFIX, nth(&k.terms, 0),
                                          strlen(nth(&k.terms, 0)), c->err);
        goto cleanup;
    }
    expand(c, &k);
    trawl_xquery **subs = calloc(k.nwords ? k.nwords : 1, sizeof *subs);
    if (!subs) {
        c->st = trawl_error_set(c->err, TRAWL_ERR_NOMEM, "out of memory");
        goto cleanup;
    }
    const char *w = k.words.data;
    for (size_t i = 0; i < k.nwords && c->st == TRAWL_OK; i++, w += strlen(w) + 1)
        subs[i] = term_query(c, f->prefix, w, 0);
    q = combine(c, TRAWL_XOP_OR, subs, k.nwords, 0);
    free(subs);
    if (positive && f->id == TRAWL_FIELD_BODY)
        mark(c, &k, false);
cleanup:
    tokens_free(&k);
    return q;
}

/* a NEAR/N b ...: the words within a window of N words besides them; ADJ in their order. */
static trawl_xquery *near_query(compiler *c, const trawl_qnode *n, bool positive)
{
    trawl_xquery **subs = calloc(n->nkids, sizeof *subs);
    if (!subs) {
        c->st = trawl_error_set(c->err, TRAWL_ERR_NOMEM, "out of memory");
        return NULL;
    }
    for (size_t i = 0; i < n->nkids && c->st == TRAWL_OK; i++)
        subs[i] = near_word(c, n->kids[i], positive, false);
    trawl_xquery *q = combine(c, n->ordered ? TRAWL_XOP_PHRASE : TRAWL_XOP_NEAR, subs, n->nkids,
                              n->distance + (unsigned)n->nkids);
    free(subs);
    return q;
}

/* Everything matches except the excluded: for a query of exclusions only. */
static trawl_xquery *exclude(compiler *c, trawl_xquery *keep, trawl_xquery *drop)
{
    if (!drop)
        return keep;
    if (!keep && c->st == TRAWL_OK)
        c->st = trawl_xquery_match_all(&keep, c->err);
    trawl_xquery *pair[2] = {keep, drop};
    return combine(c, TRAWL_XOP_AND_NOT, pair, 2, 0);
}

/* Words of a window beyond the AND's words themselves, within which they rank higher. */
#define PROXIMITY_SLACK 8

/* For an AND of two or more unquoted words of the passage text: the window of those words,
 * which adds weight to the passages where they stand close together (NULL when there is
 * none). */
static trawl_xquery *proximity(compiler *c, const trawl_qnode *n)
{
    trawl_xquery **subs = calloc(n->nkids, sizeof *subs);
    size_t m = 0;
    if (!subs) {
        c->st = trawl_error_set(c->err, TRAWL_ERR_NOMEM, "out of memory");
        return NULL;
    }
    for (size_t i = 0; i < n->nkids && c->st == TRAWL_OK; i++) {
        const trawl_qnode *kid = n->kids[i];
        if (kid->kind == TRAWL_QNODE_WORD && (!kid->field || kid->field->id == TRAWL_FIELD_BODY))
            if ((subs[m] = near_word(c, kid, false, true)))
                m++;
    }
    trawl_xquery *q = m >= 2 ? combine(c, TRAWL_XOP_NEAR, subs, m, (unsigned)m + PROXIMITY_SLACK)
                             : combine(c, TRAWL_XOP_OR, subs, 0, 0);
    for (size_t i = 0; m < 2 && i < m; i++)
        trawl_xquery_free(subs[i]);
    free(subs);
    return q;
}

static trawl_xquery *compile_and(compiler *c, const trawl_qnode *n, bool positive)
{
    trawl_xquery **pos = calloc(n->nkids, sizeof *pos);
    trawl_xquery **neg = calloc(n->nkids, sizeof *neg);
    trawl_xquery *q = NULL;
    size_t np = 0, nn = 0;
    if (!pos || !neg) {
        c->st = trawl_error_set(c->err, TRAWL_ERR_NOMEM, "out of memory");
        goto cleanup;
    }
    for (size_t i = 0; i < n->nkids && c->st == TRAWL_OK; i++) {
        const trawl_qnode *kid = n->kids[i];
        if (kid->kind == TRAWL_QNODE_NOT)
            neg[nn++] = compile(c, kid->kids[0], !positive);
        else
            pos[np++] = compile(c, kid, positive);
    }
    trawl_xquery *keep = combine(c, TRAWL_XOP_AND, pos, np, 0);
    if (keep && positive && np >= 2) {
        trawl_xquery *pair[2] = {keep, proximity(c, n)};
        keep = combine(c, TRAWL_XOP_AND_MAYBE, pair, 2, 0);
    }
    trawl_xquery *drop = combine(c, TRAWL_XOP_OR, neg, nn, 0);
    q = exclude(c, keep, drop);
cleanup:
    free(pos);
    free(neg);
    return q;
}

static trawl_xquery *compile(compiler *c, const trawl_qnode *n, bool positive)
{
    if (c->st)
        return NULL;
    switch (n->kind) {
    case TRAWL_QNODE_WORD:
    case TRAWL_QNODE_PHRASE:
        return text_query(c, n, positive);
    case TRAWL_QNODE_WILDCARD:
        return wildcard_query(c, n, positive);
    case TRAWL_QNODE_NEAR:
        return near_query(c, n, positive);
    case TRAWL_QNODE_FILTER: {
        trawl_xquery *q = NULL;
        c->st = trawl_filter_query(c->ctx, n->filter, n->text, &q, c->err);
        return q;
    }
    case TRAWL_QNODE_AND:
        return compile_and(c, n, positive);
    case TRAWL_QNODE_NOT:
        return exclude(c, NULL, compile(c, n->kids[0], !positive));
    case TRAWL_QNODE_OR: {
        trawl_xquery **subs = calloc(n->nkids, sizeof *subs);
        if (!subs) {
            c->st = trawl_error_set(c->err, TRAWL_ERR_NOMEM, "out of memory");
            return NULL;
        }
        for (size_t i = 0; i < n->nkids && c->st == TRAWL_OK; i++)
            subs[i] = compile(c, n->kids[i], positive);
        trawl_xquery *q = combine(c, TRAWL_XOP_OR, subs, n->nkids, 0);
        free(subs);
        return q;
    }
    }
    return NULL;
}

trawl_status trawl_query_compile(const trawl_qnode *root, const trawl_filter_context *ctx,
                                 trawl_matches *matches, trawl_xquery **query_out, trawl_error *err)
{
    compiler c = {ctx, NULL, 0, 0, false, ctx->an, matches, TRAWL_OK, err};
    *query_out = compile(&c, root, true);
    if (c.st == TRAWL_OK && !*query_out)
        c.st = trawl_error_set(err, TRAWL_ERR_QUERY_SYNTAX, "the query has no searchable words");
    if (c.st) {
        trawl_xquery_free(*query_out);
        *query_out = NULL;
    }
    for (size_t i = 0; i < c.nseen; i++) {
        free(c.seen[i].term);
        trawl_buf_free(&c.seen[i].words);
    }
    free(c.seen);
    return c.st;
}
