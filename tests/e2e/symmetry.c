/* symmetry: the property that ingest and query analyse text the same way. For every passage
 * of an index, random spans of 2 to 8 consecutive words, searched as a phrase with the
 * passage's own text, must return that passage.
 *
 *   symmetry --index DIR [--spans N] [--seed S] [--require PERCENT]
 *
 * Prints the hit rate; exits 1 when it is below --require (default 100). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "search/search.h"
#include "text/analyzer.h"
#include "xapian-c/xapian_c.h"

typedef struct span_words {
    size_t starts[4096], ends[4096];
    size_t n;
} span_words;

static int on_term(void *ctx, const trawl_term *t)
{
    span_words *w = ctx;
    if (w->n < 4096) {
        w->starts[w->n] = t->start;
        w->ends[w->n] = t->end;
        w->n++;
    }
    return 0;
}

/* A small fixed PRNG (xorshift64*), so runs are repeatable on every platform. */
static unsigned long long rng_state;
static unsigned rnd(unsigned n)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (unsigned)((rng_state * 2685821657736338717ULL) >> 33) % n;
}

static int found_in(trawl_searcher *s, const char *query, const char *lang, const char *id,
                    unsigned limit)
{
    trawl_results *r = NULL;
    trawl_error err;
    trawl_search_options o = TRAWL_SEARCH_OPTIONS_INIT;
    o.limit = limit;
    o.language = lang;
    if (trawl_search(s, query, &o, &r, &err)) {
        fprintf(stderr, "symmetry: query %s: %s\n", query, err.message);
        return 0;
    }
    int found = 0;
    for (size_t i = 0; i < trawl_results_count(r) && !found; i++)
        found = strcmp(trawl_results_hit(r, i)->id, id) == 0;
    trawl_results_free(r);
    return found;
}

int main(int argc, char **argv)
{
    const char *index = "index";
    unsigned spans = 5;
    double require = 100.0;
    rng_state = 88172645463325252ULL;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--index") == 0)
            index = argv[i + 1];
        else if (strcmp(argv[i], "--spans") == 0)
            spans = (unsigned)atoi(argv[i + 1]);
        else if (strcmp(argv[i], "--seed") == 0)
            rng_state ^= strtoull(argv[i + 1], NULL, 10);
        else if (strcmp(argv[i], "--require") == 0)
            require = atof(argv[i + 1]);
    }
    trawl_error err;
    trawl_searcher *s = NULL;
    trawl_results *all = NULL;
    if (trawl_searcher_open(index, NULL, &s, &err)) {
        fprintf(stderr, "symmetry: %s\n", err.message);
        return 2;
    }
    /* Every passage of the index, through the NULL (match-all) query. */
    trawl_xdb *db = NULL;
    unsigned docs = 0;
    if (trawl_xdb_open(index, TRAWL_XDB_READ, &db, &err) || trawl_xdb_doccount(db, &docs, &err)) {
        fprintf(stderr, "symmetry: %s\n", err.message);
        return 2;
    }
    trawl_xdb_close(db);
    trawl_search_options every = TRAWL_SEARCH_OPTIONS_INIT;
    every.limit = docs;
    if (trawl_search(s, NULL, &every, &all, &err)) {
        fprintf(stderr, "symmetry: %s\n", err.message);
        return 2;
    }
    span_words *w = malloc(sizeof *w);
    trawl_analyzer *an = NULL;
    unsigned tried = 0, hit = 0, shown = 0;
    trawl_buf q = TRAWL_BUF_INIT;
    for (size_t i = 0; i < trawl_results_count(all); i++) {
        const trawl_hit *p = trawl_results_hit(all, i);
        if (!an || strcmp(trawl_analyzer_language(an), p->lang) != 0) {
            trawl_analyzer_free(an);
            if (trawl_analyzer_new(p->lang, &an, &err)) {
                fprintf(stderr, "symmetry: %s\n", err.message);
                return 2;
            }
        }
        w->n = 0;
        trawl_analyze(an, p->text, p->text_len, on_term, w, NULL);
        if (w->n < 2)
            continue;
        for (unsigned k = 0; k < spans; k++) {
            unsigned len = 2 + rnd(7);
            if (len > w->n)
                len = (unsigned)w->n;
            size_t first = rnd((unsigned)(w->n - len + 1));
            size_t a = w->starts[first], b = w->ends[first + len - 1];
            trawl_buf_reset(&q);
            trawl_buf_putc(&q, '"');
            for (size_t c = a; c < b; c++)
                trawl_buf_putc(&q, p->text[c] == '"' ? ' ' : p->text[c]);
            trawl_buf_putc(&q, '"');
            tried++;
            if (found_in(s, trawl_buf_str(&q), p->lang, p->id, docs)) {
                hit++;
            } else if (shown++ < 10) {
                fprintf(stderr, "symmetry: %s not found by %s\n", p->id, trawl_buf_str(&q));
            }
        }
    }
    double rate = tried ? 100.0 * hit / tried : 0;
    printf("symmetry: %zu passages, %u spans searched as phrases, %u found their passage "
           "(%.2f%%)\n",
           trawl_results_count(all), tried, hit, rate);
    trawl_buf_free(&q);
    trawl_analyzer_free(an);
    free(w);
    trawl_results_free(all);
    trawl_searcher_close(s);
    return tried > 0 && rate >= require ? 0 : 1;
}
