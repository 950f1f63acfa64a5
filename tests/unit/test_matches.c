/* test_matches: a compiled query's match description (query/matches.h): matches come back in
 * the order recorded with their words whole, a bad word count is refused, a callback stops
 * the walk; and a highlighter built from them marks what they describe. */
#include <string.h>

#include "check.h"
#include "common/buf.h"
#include "query/matches.h"
#include "search/highlight.h"

/* Appends "KIND:word+word " for each match to `out`, the kind as W, P, F (phrase) or C;
 * returns 7 after `stop_after` matches when that is positive. */
typedef struct listing {
    trawl_buf out;
    int stop_after;
} listing;

static int list(void *ctx, trawl_match_kind kind, const char *const *words, const size_t *lens,
                size_t n)
{
    listing *l = ctx;
    trawl_buf_putc(&l->out, "WPFC"[kind]);
    trawl_buf_putc(&l->out, ':');
    for (size_t i = 0; i < n; i++) {
        if (i)
            trawl_buf_putc(&l->out, '+');
        trawl_buf_append(&l->out, words[i], lens[i]);
    }
    trawl_buf_putc(&l->out, ' ');
    return l->stop_after > 0 && --l->stop_after == 0 ? 7 : 0;
}

static const char *phrase[] = {"international", "communication", "center"};
static const size_t phrase_lens[] = {13, 13, 6};

/* Matches of each kind: a word, a phrase, a prefix and characters, in that order. */
static trawl_matches *four_matches(void)
{
    trawl_matches *m = NULL;
    CHECK_INT(trawl_matches_new(&m, NULL), TRAWL_OK);
    CHECK_INT(trawl_matches_add_one(m, TRAWL_MATCH_WORD, "universities and more", 12, NULL),
              TRAWL_OK);
    CHECK_INT(trawl_matches_add(m, TRAWL_MATCH_PHRASE, phrase, phrase_lens, 3, NULL), TRAWL_OK);
    CHECK_INT(trawl_matches_add_one(m, TRAWL_MATCH_PREFIX, "riv", 3, NULL), TRAWL_OK);
    CHECK_INT(trawl_matches_add_one(m, TRAWL_MATCH_CHARS, "国际传播", strlen("国际传播"), NULL),
              TRAWL_OK);
    return m;
}

/* Nothing recorded: nothing listed. */
static void nothing_recorded_nothing_listed(void)
{
    trawl_matches *m = NULL;
    listing l = {TRAWL_BUF_INIT, 0};
    CHECK_INT(trawl_matches_new(&m, NULL), TRAWL_OK);
    CHECK_INT(trawl_matches_each(m, list, &l), 0);
    CHECK_INT(trawl_matches_count(m), 0);
    CHECK_STR(trawl_buf_str(&l.out), "");
    trawl_matches_free(m);
}

/* Each kind, in the order recorded, words whole (lengths, not NULs). */
static void each_kind_in_the_order_recorded(void)
{
    trawl_matches *m = four_matches();
    listing l = {TRAWL_BUF_INIT, 0};
    CHECK_INT(trawl_matches_count(m), 4);
    CHECK_INT(trawl_matches_each(m, list, &l), 0);
    CHECK_STR(trawl_buf_str(&l.out),
              "W:universities F:international+communication+center P:riv C:国际传播 ");
    trawl_buf_free(&l.out);
    trawl_matches_free(m);
}

/* A callback's nonzero value stops the walk and comes back. */
static void a_callback_s_nonzero_value_stops(void)
{
    trawl_matches *m = four_matches();
    listing l = {TRAWL_BUF_INIT, 2};
    CHECK_INT(trawl_matches_each(m, list, &l), 7);
    CHECK_STR(trawl_buf_str(&l.out), "W:universities F:international+communication+center ");
    trawl_buf_free(&l.out);
    trawl_matches_free(m);
}

/* A match of no words, or several words not a phrase, is refused; none is recorded. */
static void a_match_of_no_words_or_several(void)
{
    trawl_matches *m = four_matches();
    trawl_error err;
    CHECK_INT(trawl_matches_add(m, TRAWL_MATCH_PHRASE, phrase, phrase_lens, 0, &err),
              TRAWL_ERR_ARG);
    CHECK_STR(err.message, "a match of 0 words");
    CHECK_INT(trawl_matches_add(m, TRAWL_MATCH_WORD, phrase, phrase_lens, 2, &err), TRAWL_ERR_ARG);
    CHECK_INT(trawl_matches_count(m), 4);
    trawl_matches_free(m);
}

/* A highlighter built from them marks the word, the phrase whole and the prefix. */
static void a_highlighter_built_from_them(void)
{
    trawl_matches *m = four_matches();
    trawl_analyzer *an = NULL;
    trawl_highlighter *hl = NULL;
    CHECK_INT(trawl_analyzer_new("en", &an, NULL), TRAWL_OK);
    CHECK_INT(trawl_highlighter_new(&hl, NULL), TRAWL_OK);
    CHECK_INT(trawl_highlighter_add_matches(hl, m, NULL), TRAWL_OK);
    const char *text = "Universities near the river: an International Communication Center.";
    trawl_range *ranges = NULL;
    size_t n = 0;
    CHECK_INT(trawl_highlight(hl, an, text, strlen(text), &ranges, &n, NULL), TRAWL_OK);
    trawl_buf marked = TRAWL_BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        trawl_buf_append(&marked, text + ranges[i].start, ranges[i].end - ranges[i].start);
        trawl_buf_putc(&marked, '|');
    }
    CHECK_STR(trawl_buf_str(&marked), "Universities|river|International Communication Center|");
    free(ranges);
    trawl_buf_free(&marked);
    trawl_highlighter_free(hl);
    trawl_analyzer_free(an);
    trawl_matches_free(m);
}

CHECK_MAIN(NULL, NULL, CHECK_CASE(nothing_recorded_nothing_listed),
           CHECK_CASE(each_kind_in_the_order_recorded),
           CHECK_CASE(a_callback_s_nonzero_value_stops), CHECK_CASE(a_match_of_no_words_or_several),
           CHECK_CASE(a_highlighter_built_from_them))
