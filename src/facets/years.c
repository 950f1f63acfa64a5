/* years.c: four-digit years (1900-2099) in date contexts: after a date word or a month ("In
 * 2018", "June 2024", "June 28, 2024", "as of 2025", "в 2018 году"), before 年 ("2024年") or
 * a month number ("2024-05-29"), before a capitalised event ("the 2022 Winter Olympics"),
 * and ranges ("2021-2023", "from 2021 to 2023", "between 2021 and 2023"), which give every
 * year. Other numbers are counts, never years. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "facets/extract_impl.h"

/* A range wider than this is not taken for a span of years. */
#define MAX_RANGE 30

/* The year a folded word spells, or 0. */
static int year_of(const char *term)
{
    if (strlen(term) != 4)
        return 0;
    for (int i = 0; i < 4; i++)
        if (term[i] < '0' || term[i] > '9')
            return 0;
    int y = atoi(term);
    return y >= 1900 && y <= 2099 ? y : 0;
}

/* A small number (a day or a month) of at most two digits, or 0. */
static int small_number(const char *term, int max)
{
    size_t n = strlen(term);
    if (n == 0 || n > 2 || term[0] < '0' || term[0] > '9' ||
        (n == 2 && (term[1] < '0' || term[1] > '9')))
        return 0;
    int v = atoi(term);
    return v >= 1 && v <= max ? v : 0;
}

static bool same_sentence(const ftext *t, size_t a, size_t b)
{
    return b < t->n && t->toks[a].sentence == t->toks[b].sentence;
}

/* The bytes between words a and a+1, spaces trimmed, equal `sep`. */
static bool between_is(const ftext *t, size_t a, const char *const *seps)
{
    size_t s = t->toks[a].end, e = t->toks[a + 1].start;
    while (s < e && t->text[s] == ' ')
        s++;
    while (e > s && t->text[e - 1] == ' ')
        e--;
    for (size_t i = 0; seps[i]; i++)
        if (strlen(seps[i]) == e - s && memcmp(t->text + s, seps[i], e - s) == 0)
            return true;
    return false;
}

static const char *const dashes[] = {
    "-", "\xe2\x80\x93", "\xe2\x80\x94", "~", "\xef\xbd\x9e", "\xe2\x80\x90", NULL};
static const char *const date_seps[] = {"-", "/", ".", NULL};
static const char *const nothing[] = {"", NULL};

static bool date_word_before(const trawl_extractor *ex, size_t i)
{
    const ftext *t = &ex->text;
    if (i == 0 || !same_sentence(t, i - 1, i))
        return false;
    if (wordlist_match(&ex->date_words, t, i - 1, NULL, 0, NULL))
        return true;
    /* "June 28, 2024": a day after a month. */
    if (i >= 2 && small_number(ftext_term(t, i - 1), 31) && same_sentence(t, i - 2, i) &&
        wordlist_match(&ex->date_words, t, i - 2, NULL, 0, NULL))
        return true;
    /* "the 2022 Winter Olympics" */
    return strcmp(ftext_term(t, i - 1), "the") == 0 && same_sentence(t, i, i + 1) &&
           t->toks[i + 1].upper;
}

static bool date_after(const trawl_extractor *ex, size_t i)
{
    const ftext *t = &ex->text;
    if (!same_sentence(t, i, i + 1))
        return false;
    if (between_is(t, i, nothing) && wordlist_match(&ex->year_suffix, t, i + 1, NULL, 0, NULL))
        return true;
    return small_number(ftext_term(t, i + 1), 12) && between_is(t, i, date_seps);
}

/* The word index of the year that closes a range opened by the year at `i`, or 0. */
static size_t range_end(const trawl_extractor *ex, size_t i)
{
    const ftext *t = &ex->text;
    if (same_sentence(t, i, i + 1) && between_is(t, i, dashes) && year_of(ftext_term(t, i + 1)))
        return i + 1;
    if (!same_sentence(t, i, i + 2) || !year_of(ftext_term(t, i + 2)))
        return 0;
    if (wordlist_match(&ex->range_words, t, i + 1, NULL, 0, NULL))
        return i + 2;
    if (i > 0 && strcmp(ftext_term(t, i + 1), "and") == 0 &&
        strcmp(ftext_term(t, i - 1), "between") == 0)
        return i + 2;
    return 0;
}

void extract_years(trawl_extractor *ex, trawl_facets *out)
{
    const ftext *t = &ex->text;
    char value[8];
    for (size_t i = 0; i < t->n; i++) {
        int y = t->toks[i].kind == TRAWL_TOKEN_NUMBER ? year_of(ftext_term(t, i)) : 0;
        if (!y)
            continue;
        size_t last = range_end(ex, i);
        int y2 = last ? year_of(ftext_term(t, last)) : 0;
        bool dashed = last == i + 1;
        if (last && y2 > y && y2 - y <= MAX_RANGE && (dashed || date_word_before(ex, i))) {
            for (int v = y; v <= y2; v++) {
                snprintf(value, sizeof value, "%d", v);
                trawl_facets_add(out, TRAWL_FACET_YEAR, value, t->toks[i].start, t->toks[last].end,
                                 t->toks[i].sentence, "date range");
            }
            i = last;
            continue;
        }
        if (date_word_before(ex, i) || date_after(ex, i))
            trawl_facets_add(out, TRAWL_FACET_YEAR, ftext_term(t, i), t->toks[i].start,
                             t->toks[i].end, t->toks[i].sentence, "date");
    }
}
