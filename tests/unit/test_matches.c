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

int main(void)
{
    trawl_matches *m = NULL;
    trawl_error err;
    listing l = {TRAWL_BUF_INIT, 0};

    CASE("1 nothing recorded: nothing listed");
    CHECK_INT(trawl_matches_new(&m, NULL), TRAWL_OK);
    CHECK_INT(trawl_matches_each(m, list, &l), 0);
    CHECK_INT(trawl_matches_count(m), 0);
    CHECK_STR(trawl_buf_str(&l.out), "");

    CASE("2 each kind, in the order recorded, words whole (lengths, not NULs)");
    const char *phrase[] = {"international", "communication", "center"};
    const size_t phrase_lens[] = {13, 13, 6};
    CHECK_INT(trawl_matches_add_one(m, TRAWL_MATCH_WORD, "universities and more", 12, NULL),
              TRAWL_OK);
    CHECK_INT(trawl_matches_add(m, TRAWL_MATCH_PHRASE, phrase, phrase_lens, 3, NULL), TRAWL_OK);
    CHECK_INT(trawl_matches_add_one(m, TRAWL_MATCH_PREFIX, "riv", 3, NULL), TRAWL_OK);
    CHECK_INT(trawl_matches_add_one(m, TRAWL_MATCH_CHARS, "国际传播", strlen("国际传播"), NULL),
              TRAWL_OK);
    CHECK_INT(trawl_matches_count(m), 4);
    CHECK_INT(trawl_matches_each(m, list, &l), 0);
    CHECK_STR(trawl_buf_str(&l.out),
              "W:universities F:international+communication+center P:riv C:国际传播 ");

    CASE("3 a callback's nonzero value stops the walk and comes back");
    trawl_buf_reset(&l.out);
    l.stop_after = 2;
    CHECK_INT(trawl_matches_each(m, list, &l), 7);
    CHECK_STR(trawl_buf_str(&l.out), "W:universities F:international+communication+center ");

    CASE("4 a match of no words, or several words not a phrase, is refused; none is recorded");
    CHECK_INT(trawl_matches_add(m, TRAWL_MATCH_PHRASE, phrase, phrase_lens, 0, &err),
              TRAWL_ERR_ARG);
    CHECK_STR(err.message, "a match of 0 words");
    CHECK_INT(trawl_matches_add(m, TRAWL_MATCH_WORD, phrase, phrase_lens, 2, &err), TRAWL_ERR_ARG);
    CHECK_INT(trawl_matches_count(m), 4);

    CASE("5 a highlighter built from them marks the word, the phrase whole and the prefix");
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

    trawl_buf_free(&l.out);
    trawl_matches_free(m);
    return CHECK_DONE();
}
