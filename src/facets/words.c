/* words.c: analysed text and word-sequence lists with a hash on the first word. */
#include "facets/words.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "common/hash.h"

#define NBUCKETS 4096
#define SEP '\x1f'

/* ---- analysed text ---- */

/* Whether `s` (`n` bytes) holds a vowel with a pinyin tone mark (ā á ǎ à ... ǜ). */
static bool has_tone_mark(const char *s, size_t n)
{
    static const char *const marked[] = {"ā", "á", "ǎ", "à", "ē", "é", "ě", "è", "ī",
                                         "í", "ǐ", "ì", "ō", "ó", "ǒ", "ò", "ū", "ú",
                                         "ǔ", "ù", "ǖ", "ǘ", "ǚ", "ǜ", NULL};
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; marked[k]; k++)
            if (i + strlen(marked[k]) <= n && memcmp(s + i, marked[k], strlen(marked[k])) == 0)
                return true;
    return false;
}

/* The length of a pinyin reading in parentheses at `p` right after a Chinese character, as
 * pages that annotate words leave them in scraped text ("國(guó)際"), or 0. */
static size_t ruby_at(const char *text, size_t len, size_t p)
{
    if (text[p] != '(' || p < 3)
        return 0;
    UChar32 c;
    int32_t i = (int32_t)p;
    U8_PREV((const uint8_t *)text, 0, i, c);
    if (c < 0 || !u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC))
        return 0;
    size_t e = p + 1;
    while (e < len && e - p < 16 && text[e] != ')' && text[e] != '(' && text[e] != ' ')
        e++;
    if (e >= len || text[e] != ')' || e == p + 1 || !has_tone_mark(text + p + 1, e - p - 1))
        return 0;
    return e + 1 - p;
}

/* `text` without its pinyin readings, and for each of its bytes (and its end) the offset in
 * `text`; NULL when `text` has none. */
static char *without_readings(const char *text, size_t len, size_t **map_out, size_t *len_out)
{
    size_t n = 0;
    for (size_t p = 0; p < len; p++)
        n += ruby_at(text, len, p) > 0;
    *map_out = NULL;
    if (n == 0)
        return NULL;
    char *clean = malloc(len + 1);
    size_t *map = malloc((len + 1) * sizeof *map);
    if (!clean || !map) {
        free(clean);
        free(map);
        return NULL; /* analysed as it is */
    }
    size_t k = 0;
    for (size_t p = 0; p < len;) {
        size_t skip = ruby_at(text, len, p);
        if (skip) {
            p += skip;
            continue;
        }
        map[k] = p;
        clean[k++] = text[p++];
    }
    map[k] = len;
    clean[k] = '\0';
    *map_out = map;
    *len_out = k;
    return clean;
}

/* Drops the copy of the text without pinyin readings, and its map, if any. */
static void drop_clean(ftext *t)
{
    free(t->clean);
    free(t->map);
    t->clean = NULL;
    t->map = NULL;
}

/* What is analysed: the text, or its copy without pinyin readings. */
static const char *analysed(const ftext *t)
{
    return t->clean ? t->clean : t->text;
}

int ftext_add(void *ctx, const trawl_term *w)
{
    ftext *t = ctx;
    if (t->failed)
        return 0;
    if (!trawl_array_grow((void **)&t->toks, &t->cap, t->n, sizeof *t->toks)) {
        t->failed = true;
        return 0;
    }
    ftoken *k = &t->toks[t->n++];
    k->start = w->start;
    k->end = w->end;
    k->kind = w->kind;
    k->sentence = 0;
    k->term = t->pool.len;
    trawl_buf_append(&t->pool, w->term, w->term_len);
    trawl_buf_putc(&t->pool, '\0');
    k->key = t->pool.len;
    trawl_buf_append(&t->pool, w->stem, w->stem_len);
    trawl_buf_putc(&t->pool, '\0');
    UChar32 c;
    int32_t i = 0;
    U8_NEXT((const uint8_t *)analysed(t) + w->start, i, (int32_t)(w->end - w->start), c);
    k->upper = c >= 0 && u_isupper(c);
    const char *after = analysed(t) + w->end;
    size_t left = t->analysed_len - w->end;
    size_t apostrophe = left >= 2 && after[0] == '\''                  ? 1
                        : left >= 4 && memcmp(after, "\u2019", 3) == 0 ? 3
                                                                       : 0;
    k->possessive = apostrophe && (after[apostrophe] | 0x20) == 's';
    return 0;
}

typedef struct numbering {
    ftext *t;
    size_t tok;     /* next token to number */
    unsigned index; /* current sentence */
} numbering;

static int on_sentence(void *ctx, size_t start, size_t end, int rule)
{
    numbering *nb = ctx;
    ftext *t = nb->t;
    (void)rule;
    while (nb->tok < t->n && t->toks[nb->tok].start < end)
        t->toks[nb->tok++].sentence = nb->index;
    nb->index++;
    if (!trawl_array_grow((void **)&t->sentences, &t->csentences, t->nsentences,
                          sizeof *t->sentences))
        return 1;
    t->sentences[t->nsentences][0] = start;
    t->sentences[t->nsentences++][1] = end;
    return 0;
}

bool ftext_begin(ftext *t, const char *text, size_t len)
{
    t->text = text;
    t->n = t->nsentences = 0;
    t->failed = false;
    trawl_buf_reset(&t->pool);
    drop_clean(t); /* left by a begin whose end never came (the caller failed between) */
    t->analysed_len = len;
    t->clean = without_readings(text, len, &t->map, &t->analysed_len);
    return t->clean == NULL;
}

trawl_status ftext_end(ftext *t, bool fed, trawl_analyzer *an, trawl_breaks *sentences,
                       trawl_error *err)
{
    trawl_status st = TRAWL_OK;
    if (!fed)
        st = trawl_analyze(an, analysed(t), t->analysed_len, ftext_add, t, err);
    if (!st && (t->failed || t->pool.failed))
        st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory extracting facets");
    numbering nb = {t, 0, 0};
    if (!st)
        st = trawl_breaks_each(sentences, analysed(t), t->analysed_len, on_sentence, &nb, err);
    if (!st && nb.index != t->nsentences)
        st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory extracting facets");
    /* Offsets in the text itself: a word's span covers the readings inside it. */
    const size_t *map = t->map;
    for (size_t i = 0; map && i < t->n; i++) {
        t->toks[i].start = map[t->toks[i].start];
        t->toks[i].end = map[t->toks[i].end - 1] + 1;
    }
    for (size_t i = 0; i < t->nsentences; i++) {
        size_t *sp = t->sentences[i];
        if (map) {
            sp[0] = map[sp[0]];
            sp[1] = sp[1] > 0 ? map[sp[1] - 1] + 1 : 0;
        }
        while (sp[1] > sp[0] && strchr(" \t\r\n", t->text[sp[1] - 1]))
            sp[1]--;
    }
    drop_clean(t);
    return st;
}

void ftext_free(ftext *t)
{
    drop_clean(t);
    free(t->toks);
    free(t->sentences);
    t->sentences = NULL;
    t->nsentences = t->csentences = 0;
    trawl_buf_free(&t->pool);
    t->toks = NULL;
    t->n = t->cap = 0;
}

const char *ftext_term(const ftext *t, size_t i)
{
    return t->pool.data + t->toks[i].term;
}

const char *ftext_key(const ftext *t, size_t i)
{
    return t->pool.data + t->toks[i].key;
}

/* ---- word lists ---- */

static size_t bucket(const char *s)
{
    return (size_t)(trawl_fnv64(TRAWL_FNV64_INIT, s, strlen(s)) % NBUCKETS);
}

typedef struct collector {
    wordlist *l;
    bool stems; /* record stems rather than folded words */
    size_t words;
} collector;

/* A stem entry keeps each word's folded form after its stem, for the check that a word matched
 * by its stem is a form of this name (inflected_form). */
#define FORM_SEP '\x1d'

static int on_phrase_word(void *ctx, const trawl_term *w)
{
    collector *c = ctx;
    if (c->words++)
        trawl_buf_putc(&c->l->pool, SEP);
    if (c->stems) {
        trawl_buf_append(&c->l->pool, w->stem, w->stem_len);
        trawl_buf_putc(&c->l->pool, FORM_SEP);
    }
    trawl_buf_append(&c->l->pool, w->term, w->term_len);
    return 0;
}

size_t wordlist_add(wordlist *l, trawl_analyzer *an, const char *phrase, bool stems,
                    trawl_status *st, trawl_error *err)
{
    *st = TRAWL_OK;
    if (!l->heads) {
        l->heads = malloc(NBUCKETS * sizeof *l->heads);
        if (!l->heads) {
            *st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
            return SIZE_MAX;
        }
        memset(l->heads, 0xff, NBUCKETS * sizeof *l->heads);
    }
    if (!trawl_array_grow((void **)&l->entries, &l->cap, l->n, sizeof *l->entries)) {
        *st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
        return SIZE_MAX;
    }
    size_t start = l->pool.len;
    collector c = {l, stems, 0};
    if ((*st = trawl_analyze(an, phrase, strlen(phrase), on_phrase_word, &c, err)))
        return SIZE_MAX;
    trawl_buf_putc(&l->pool, '\0');
    if (l->pool.failed) {
        *st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
        return SIZE_MAX;
    }
    if (c.words == 0) {
        l->pool.len = start;
        return SIZE_MAX;
    }
    /* The first word alone, for hashing and quick comparison. */
    size_t first = l->pool.len;
    size_t flen = strcspn(l->pool.data + start, "\x1f\x1d");
    trawl_buf_append(&l->pool, l->pool.data + start, flen);
    trawl_buf_putc(&l->pool, '\0');
    if (l->pool.failed) {
        *st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
        return SIZE_MAX;
    }
    size_t i = l->n++;
    size_t b = bucket(l->pool.data + first);
    l->entries[i] = (wordentry){start, c.words, first, l->heads[b]};
    l->heads[b] = i;
    return i;
}

trawl_status wordlist_add_all(wordlist *l, trawl_analyzer *an, const char *const *phrases,
                              trawl_error *err)
{
    trawl_status st = TRAWL_OK;
    for (size_t i = 0; phrases[i] && !st; i++)
        wordlist_add(l, an, phrases[i], false, &st, err);
    return st;
}

void wordlist_free(wordlist *l)
{
    free(l->entries);
    free(l->heads);
    trawl_buf_free(&l->pool);
    memset(l, 0, sizeof *l);
}

/* Code points in `n` bytes of UTF-8. */
static size_t code_points(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

/* Whether the folded word `term` is a form of the name word `name` (`n` bytes) that a stem
 * matched: the name with an ending ("харбине", "chongqing's"), or, where a declension replaces
 * the name's last letter, the name without it and a short ending ("сычуани"). A different word
 * whose stem happens to be the name's is not: Italian "dal" (stem "dal", like "Dali"),
 * "Xian" (English stem "xian", like "Xianning"), pinyin "shiye" (Spanish stem "shiy", like
 * "Shiyan"). */
static bool inflected_form(const char *term, const char *name, size_t n)
{
    size_t tl = strlen(term);
    if (tl >= n && memcmp(term, name, n) == 0)
        return code_points(term + n, tl - n) <= 4;
    size_t last = n;
    while (last > 0 && ((unsigned char)name[last - 1] & 0xC0) == 0x80)
        last--;
    if (last == 0 || tl <= --last || memcmp(term, name, last) != 0)
        return false;
    size_t ending = code_points(term + last, tl - last);
    return ending >= 1 && ending <= 3;
}

/* Whether entry word `w` (not NUL-terminated: `n` bytes) is the text's word `i`: its folded
 * form, or, in a MATCH_KEY list, its stem when the word is a form of the name. */
static bool same_word(const wordlist *l, const ftext *t, size_t i, const char *w, size_t n)
{
    const char *term = ftext_term(t, i);
    const char *sep = memchr(w, FORM_SEP, n);
    const char *form = sep ? sep + 1 : w;
    size_t form_len = sep ? n - (size_t)(form - w) : n;
    if (strlen(term) == form_len && memcmp(term, form, form_len) == 0)
        return true;
    if (l->by != MATCH_KEY)
        return false;
    const char *key = ftext_key(t, i);
    size_t stem_len = sep ? (size_t)(sep - w) : n;
    return strlen(key) == stem_len && memcmp(key, w, stem_len) == 0 &&
           inflected_form(term, form, form_len);
}

/* The longest entry of bucket `b` matching at `i`, as wordlist_match describes. */
static void match_bucket(const wordlist *l, const ftext *t, size_t i, size_t b, size_t *best,
                         size_t *hits, size_t max_hits, size_t *found)
{
    for (size_t e = l->heads[b]; e != SIZE_MAX; e = l->entries[e].next) {
        const wordentry *en = &l->entries[e];
        size_t n = en->len;
        if (n < *best || i + n > t->n || t->toks[i + n - 1].sentence != t->toks[i].sentence)
            continue;
        const char *p = l->pool.data + en->off;
        size_t k = 0;
        for (; k < n; k++) {
            size_t wl = strcspn(p, "\x1f");
            if (!same_word(l, t, i + k, p, wl))
                break;
            p += wl + (p[wl] ? 1 : 0);
        }
        if (k < n)
            continue;
        if (n > *best) {
            *best = n;
            *found = 0;
        }
        bool dup = false;
        for (size_t h = 0; h < *found && h < max_hits && !dup; h++)
            dup = hits[h] == e;
        if (dup)
            continue;
        if (hits && *found < max_hits)
            hits[*found] = e;
        (*found)++;
    }
}

size_t wordlist_match(const wordlist *l, const ftext *t, size_t i, size_t *hits, size_t max_hits,
                      size_t *nhits)
{
    size_t best = 0, found = 0;
    if (nhits)
        *nhits = 0;
    if (!l->heads || i >= t->n)
        return 0;
    size_t b1 = bucket(ftext_term(t, i));
    match_bucket(l, t, i, b1, &best, hits, max_hits, &found);
    if (l->by == MATCH_KEY) {
        size_t b2 = bucket(ftext_key(t, i));
        if (b2 != b1)
            match_bucket(l, t, i, b2, &best, hits, max_hits, &found);
    }
    if (nhits)
        *nhits = found < max_hits ? found : max_hits;
    return best;
}
