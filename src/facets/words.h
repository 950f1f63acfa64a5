/* words.h: the analysed text that extraction works on, and lists of word sequences (aliases,
 * pattern words) matched against it. Internal to src/facets/. */
#ifndef TRAWL_FACETS_WORDS_H
#define TRAWL_FACETS_WORDS_H

#include <stdbool.h>
#include <stddef.h>

#include "common/buf.h"
#include "common/status.h"
#include "text/analyzer.h"
#include "text/breaks.h"

typedef struct ftoken {
    size_t start, end;     /* bytes of the word in the text */
    trawl_token_kind kind; /* as the tokenizer says */
    size_t term;           /* offset in the pool of the folded word */
    size_t key;            /* offset in the pool of its stem */
    bool upper;            /* written with an initial capital */
    bool possessive;       /* followed by a possessive "'s", which analysis drops */
    unsigned sentence;     /* 0-based sentence index */
} ftoken;

typedef struct ftext {
    const char *text; /* the text, not owned */
    ftoken *toks;     /* its words */
    size_t n, cap;
    size_t (*sentences)[2]; /* each sentence's bytes [start, end), spaces at its end trimmed */
    size_t nsentences, csentences;
    trawl_buf pool;      /* NUL-terminated terms and keys */
    char *clean;         /* the text without its pinyin readings, or NULL when it has none */
    size_t analysed_len; /* the length of what is analysed: `clean`, else `text` */
    size_t *map;         /* for each byte of `clean` (and its end), the offset in `text` */
    bool failed;         /* memory ran out while words were added */
} ftext;

/* `text` analysed into `t` with sentence indexes, in three steps, so that a caller that
 * analyses the text anyway does it once: ftext_begin resets `t` for `text` and says whether
 * the caller's words can be used (false: the text holds pinyin readings, which are analysed
 * without them); the caller may then pass ftext_add each word trawl_analyze gives for `text`
 * with the analyzer given to ftext_end (`ctx` is `t`; it never stops the analysis); ftext_end
 * analyses the text itself unless `fed`, and numbers sentences with `sentences`. */
bool ftext_begin(ftext *t, const char *text, size_t len);
int ftext_add(void *t, const trawl_term *w);
trawl_status ftext_end(ftext *t, bool fed, trawl_analyzer *an, trawl_breaks *sentences,
                       trawl_error *err);
void ftext_free(ftext *t);
const char *ftext_term(const ftext *t, size_t i);
const char *ftext_key(const ftext *t, size_t i);

/* How a word list compares words: by folded form (exact words: "launched", "icc") or, for
 * names, by stem or folded form alike ("Chongqing's" is "Chongqing"; "Синьцзяне" is
 * "Синьцзян" although Snowball stems the two differently). */
typedef enum wordmatch { MATCH_TERM, MATCH_KEY } wordmatch;

typedef struct wordentry {
    size_t off;   /* offset of its words in the pool, joined by '\x1f' */
    size_t len;   /* number of words */
    size_t first; /* offset of its first word alone */
    size_t next;  /* next entry of the same hash bucket, or SIZE_MAX */
} wordentry;

typedef struct wordlist {
    wordmatch by;       /* what is compared */
    wordentry *entries; /* in the order added */
    size_t n, cap;
    size_t *heads;  /* hash buckets of first words: first entry, or SIZE_MAX */
    trawl_buf pool; /* the words */
} wordlist;

/* Analyses `phrase` and adds it, as its folded words, or with `stems` as their stems; returns
 * its index, or SIZE_MAX for a phrase with no word (or when memory runs out, with `*st` set).
 * A MATCH_KEY list wants each name in both forms. */
size_t wordlist_add(wordlist *l, trawl_analyzer *an, const char *phrase, bool stems,
                    trawl_status *st, trawl_error *err);
/* Adds each of a NULL-terminated list of phrases. */
trawl_status wordlist_add_all(wordlist *l, trawl_analyzer *an, const char *const *phrases,
                              trawl_error *err);
void wordlist_free(wordlist *l);

/* The number of words of the longest entry matching at token `i` (within its sentence), or
 * 0; `hits`, when given, receives up to `max_hits` entries of that length. */
size_t wordlist_match(const wordlist *l, const ftext *t, size_t i, size_t *hits, size_t max_hits,
                      size_t *nhits);

#endif
