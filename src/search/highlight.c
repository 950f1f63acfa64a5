/* highlight.c: re-analyse a passage and mark what the query matched. */
#include "search/highlight.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/strmap.h"
#include "text/cjk.h"

/* A list of strings stored back to back, NUL-separated, with their starts. */
typedef struct strlist {
    trawl_buf bytes;
    size_t *starts;
    size_t n, cap;
} strlist;

static trawl_status strlist_add(strlist *l, const char *s, size_t len)
{
    if (!trawl_array_grow((void **)&l->starts, &l->cap, l->n, sizeof *l->starts))
        return TRAWL_ERR_NOMEM;
    l->starts[l->n++] = l->bytes.len;
    trawl_buf_append(&l->bytes, s, len);
    trawl_buf_putc(&l->bytes, '\0');
    return l->bytes.failed ? TRAWL_ERR_NOMEM : TRAWL_OK;
}

static const char *strlist_get(const strlist *l, size_t i)
{
    return l->bytes.data + l->starts[i];
}

static void strlist_free(strlist *l)
{
    trawl_buf_free(&l->bytes);
    free(l->starts);
}

struct trawl_highlighter {
    trawl_strmap words;   /* folded words to mark */
    strlist prefixes;     /* word prefixes */
    strlist phrase_words; /* the words of every phrase, in order */
    strlist char_runs;    /* runs of folded CJK characters */
    size_t *phrase_len;   /* number of words of each phrase */
    size_t nphrases;
    int dictionary; /* whether anything to mark is in a dictionary script (-1: not known yet) */
};

trawl_status trawl_highlighter_new(trawl_highlighter **hl_out, trawl_error *err)
{
    *hl_out = calloc(1, sizeof **hl_out);
    if (!*hl_out)
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory creating highlighter");
    (*hl_out)->dictionary = -1;
    return TRAWL_OK;
}

void trawl_highlighter_free(trawl_highlighter *hl)
{
    if (!hl)
        return;
    trawl_strmap_free(&hl->words);
    strlist_free(&hl->prefixes);
    strlist_free(&hl->phrase_words);
    strlist_free(&hl->char_runs);
    free(hl->phrase_len);
    free(hl);
}

trawl_status trawl_highlighter_add_word(trawl_highlighter *hl, const char *term, size_t len)
{
    hl->dictionary = -1;
    return trawl_strmap_at(&hl->words, term, len) ? TRAWL_OK : TRAWL_ERR_NOMEM;
}

trawl_status trawl_highlighter_add_prefix(trawl_highlighter *hl, const char *prefix, size_t len)
{
    hl->dictionary = -1;
    return strlist_add(&hl->prefixes, prefix, len);
}

trawl_status trawl_highlighter_add_phrase(trawl_highlighter *hl, const char *const *terms,
                                          const size_t *lens, size_t n)
{
    hl->dictionary = -1;
    size_t *pl = realloc(hl->phrase_len, (hl->nphrases + 1) * sizeof *pl);
    if (!pl)
        return TRAWL_ERR_NOMEM;
    hl->phrase_len = pl;
    for (size_t i = 0; i < n; i++)
        if (strlist_add(&hl->phrase_words, terms[i], lens[i]))
            return TRAWL_ERR_NOMEM;
    hl->phrase_len[hl->nphrases++] = n;
    return TRAWL_OK;
}

trawl_status trawl_highlighter_add_chars(trawl_highlighter *hl, const char *chars, size_t len)
{
    hl->dictionary = -1;
    return strlist_add(&hl->char_runs, chars, len);
}

/* Adds one match to the highlighter `ctx`; nonzero when out of memory. */
static int add_match(void *ctx, trawl_match_kind kind, const char *const *words, const size_t *lens,
                     size_t n)
{
    trawl_highlighter *hl = ctx;
    switch (kind) {
    case TRAWL_MATCH_WORD:
        return trawl_highlighter_add_word(hl, words[0], lens[0]) != TRAWL_OK;
    case TRAWL_MATCH_PREFIX:
        return trawl_highlighter_add_prefix(hl, words[0], lens[0]) != TRAWL_OK;
    case TRAWL_MATCH_PHRASE:
        return trawl_highlighter_add_phrase(hl, words, lens, n) != TRAWL_OK;
    case TRAWL_MATCH_CHARS:
        return trawl_highlighter_add_chars(hl, words[0], lens[0]) != TRAWL_OK;
    }
    return 1;
}

trawl_status trawl_highlighter_add_matches(trawl_highlighter *hl, const trawl_matches *m,
                                           trawl_error *err)
{
    return trawl_matches_each(m, add_match, hl)
               ? trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory building highlights")
               : TRAWL_OK;
}

/* A CJK character of the passage, folded alone. */
typedef struct cjk_char {
    size_t start, end; /* its bytes in the passage */
    size_t folded;     /* offset of its folded form in the scan's pool */
    unsigned run;      /* characters of one run (words written without a break) share it */
} cjk_char;

/* The passage's words as analysed. */
typedef struct word {
    size_t start, end; /* byte range in the passage */
    size_t term;       /* index into `terms` */
} word;

typedef struct scan {
    trawl_highlighter *hl;
    const char *text; /* the passage */
    size_t base;      /* where the span being analysed starts in it */
    word *words;
    size_t n, cap;
    strlist terms;       /* folded form of each word */
    trawl_range *ranges; /* marked so far */
    size_t nranges, cranges;
    trawl_analyzer *an; /* to fold characters one by one */
    cjk_char *chars;    /* the passage's CJK characters */
    size_t nchars, cchars;
    trawl_buf pool;   /* their folded forms, NUL-terminated */
    trawl_buf folded; /* scratch */
    unsigned run;     /* current run */
    size_t run_end;   /* where the last CJK word ended */
    bool failed;
} scan;

static void add_range(scan *s, size_t start, size_t end)
{
    if (!trawl_array_grow((void **)&s->ranges, &s->cranges, s->nranges, sizeof *s->ranges)) {
        s->failed = true;
        return;
    }
    s->ranges[s->nranges++] = (trawl_range){start, end};
}

/* Records each character of a CJK word with its folded form. */
static void add_chars(scan *s, const char *text, const trawl_term *t)
{
    if (!s->nchars || t->start != s->run_end)
        s->run++;
    s->run_end = t->end;
    for (size_t i = t->start; i < t->end;) {
        size_t n = trawl_char_len(text + i, t->end - i);
        if (trawl_analyzer_fold(s->an, text + i, n, &s->folded, NULL) ||
            !trawl_array_grow((void **)&s->chars, &s->cchars, s->nchars, sizeof *s->chars)) {
            s->failed = true;
            return;
        }
        s->chars[s->nchars++] = (cjk_char){i, i + n, s->pool.len, s->run};
        trawl_buf_append(&s->pool, s->folded.data, s->folded.len);
        trawl_buf_putc(&s->pool, '\0');
        i += n;
    }
}

/* Marks every place where a run of characters the query asked for stands in the passage. */
static void mark_chars(scan *s)
{
    trawl_highlighter *hl = s->hl;
    for (size_t r = 0; r < hl->char_runs.n; r++) {
        const char *want = strlist_get(&hl->char_runs, r);
        for (size_t i = 0; i < s->nchars; i++) {
            const char *w = want;
            size_t j = i;
            while (*w && j < s->nchars && s->chars[j].run == s->chars[i].run) {
                const char *f = s->pool.data + s->chars[j].folded;
                size_t fl = strlen(f);
                if (strncmp(w, f, fl) != 0)
                    break;
                w += fl;
                j++;
            }
            if (!*w && j > i)
                add_range(s, s->chars[i].start, s->chars[j - 1].end);
        }
    }
}

/* Adds a word of the passage to those phrases are looked for in. */
static void add_word(scan *s, size_t start, size_t end, const char *term, size_t len)
{
    if (!trawl_array_grow((void **)&s->words, &s->cap, s->n, sizeof *s->words)) {
        s->failed = true;
        return;
    }
    s->words[s->n++] = (word){start, end, s->terms.n};
    if (strlist_add(&s->terms, term, len))
        s->failed = true;
}

static int on_term(void *ctx, const trawl_term *t)
{
    scan *s = ctx;
    trawl_highlighter *hl = s->hl;
    if (hl->char_runs.n && trawl_is_cjk(t))
        add_chars(s, s->text, t);
    bool hit = trawl_strmap_get(&hl->words, t->term, t->term_len) != NULL;
    for (size_t i = 0; i < hl->prefixes.n && !hit; i++) {
        const char *p = strlist_get(&hl->prefixes, i);
        size_t pl = strlen(p);
        hit = t->term_len >= pl && memcmp(t->term, p, pl) == 0;
    }
    if (hit)
        add_range(s, s->base + t->start, s->base + t->end);
    if (hl->nphrases)
        add_word(s, s->base + t->start, s->base + t->end, t->term, t->term_len);
    return s->failed;
}

/* Whether the folded string `w` holds a character of a script ICU segments with a dictionary
 * (every such character is at U+0E00 or above: three bytes or more in UTF-8). */
static bool may_need_dictionary(const char *w, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)w[i] >= 0xE0)
            return true;
    return false;
}

/* Whether anything the highlighter marks may be written in a dictionary script: otherwise the
 * runs of those scripts in a passage can hold nothing to mark, and are not analysed. */
static bool wants_dictionary(trawl_highlighter *hl)
{
    if (hl->dictionary < 0) {
        bool any = hl->char_runs.n > 0 ||
                   may_need_dictionary(hl->prefixes.bytes.data, hl->prefixes.bytes.len) ||
                   may_need_dictionary(hl->phrase_words.bytes.data, hl->phrase_words.bytes.len);
        for (size_t i = 0; i < hl->words.cap && !any; i++)
            any = hl->words.keys[i] &&
                  may_need_dictionary(hl->words.keys[i], strlen(hl->words.keys[i]));
        hl->dictionary = any;
    }
    return hl->dictionary;
}

/* Analyses the passage: whole, or, when nothing to mark is in a dictionary script, only its
 * spans outside those scripts (sparing ICU's dictionary engines), each skipped run standing
 * between the words around it as a word that no phrase holds. */
static trawl_status analyse(scan *s, trawl_analyzer *an, const char *text, size_t len,
                            trawl_error *err)
{
    trawl_span *spans = NULL;
    long n = wants_dictionary(s->hl) || !may_need_dictionary(text, len)
                 ? -1
                 : trawl_plain_spans(text, len, &spans);
    if (n < 0)
        return trawl_analyze_folded(an, text, len, on_term, s, err);
    trawl_status st = TRAWL_OK;
    for (long i = 0; i < n && !st && !s->failed; i++) {
        if (s->hl->nphrases && i > 0) /* a skipped run lies between two spans */
            add_word(s, spans[i].start, spans[i].start, "", 0);
        s->base = spans[i].start;
        st = trawl_analyze_folded(an, text + spans[i].start, spans[i].end - spans[i].start, on_term,
                                  s, err);
    }
    free(spans);
    return st;
}

/* Whether the folded word `term` is the phrase word `want`: one of its alternatives
 * (TRAWL_MATCH_ALT-separated), an alternative ending in '*' being a prefix. */
static bool phrase_word_is(const char *want, const char *term)
{
    size_t tl = strlen(term);
    for (;;) {
        size_t n = strcspn(want, "\x1f");
        bool prefix = n > 0 && want[n - 1] == '*';
        size_t wl = prefix ? n - 1 : n;
        if (prefix ? tl >= wl && memcmp(term, want, wl) == 0
                   : tl == wl && memcmp(term, want, wl) == 0)
            return true;
        if (!want[n])
            return false;
        want += n + 1;
    }
}

/* Marks every run of words that spells a phrase, as one range. */
static void mark_phrases(scan *s)
{
    trawl_highlighter *hl = s->hl;
    size_t first = 0;
    for (size_t p = 0; p < hl->nphrases; first += hl->phrase_len[p], p++) {
        size_t len = hl->phrase_len[p];
        for (size_t i = 0; i + len <= s->n; i++) {
            size_t j = 0;
            while (j < len && phrase_word_is(strlist_get(&hl->phrase_words, first + j),
                                             strlist_get(&s->terms, s->words[i + j].term)))
                j++;
            if (j == len)
                add_range(s, s->words[i].start, s->words[i + len - 1].end);
        }
    }
}

static int by_start(const void *a, const void *b)
{
    const trawl_range *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->end < y->end ? 1 : (x->end > y->end ? -1 : 0);
}

trawl_status trawl_highlight(trawl_highlighter *hl, trawl_analyzer *an, const char *text,
                             size_t len, trawl_range **ranges_out, size_t *count_out,
                             trawl_error *err)
{
    scan s = {0};
    s.hl = hl;
    s.an = an;
    s.text = text;
    *ranges_out = NULL;
    *count_out = 0;
    trawl_status st = analyse(&s, an, text, len, err);
    if (st == TRAWL_OK && !s.failed) {
        mark_phrases(&s);
        mark_chars(&s);
    }
    if (st == TRAWL_OK && s.failed)
        st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory highlighting");
    if (st == TRAWL_OK && s.nranges) {
        qsort(s.ranges, s.nranges, sizeof *s.ranges, by_start);
        size_t m = 0;
        for (size_t i = 1; i < s.nranges; i++) {
            if (s.ranges[i].start <= s.ranges[m].end) {
                if (s.ranges[i].end > s.ranges[m].end)
                    s.ranges[m].end = s.ranges[i].end;
            } else {
                s.ranges[++m] = s.ranges[i];
            }
        }
        *ranges_out = s.ranges;
        *count_out = m + 1;
        s.ranges = NULL;
    }
    free(s.ranges);
    free(s.words);
    free(s.chars);
    trawl_buf_free(&s.pool);
    trawl_buf_free(&s.folded);
    strlist_free(&s.terms);
    return st;
}
