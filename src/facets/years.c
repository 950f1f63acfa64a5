/* years.c: four-digit years (1900-2099) in date contexts: after a date word or a month ("In
 * 2018", "June 2024", "June 28, 2024", "as of 2025", "в 2018 году", "27 de junho de 2024"),
 * before 年 ("2024年") or a month number ("2024-05-29"), after a day and a month
 * ("26-09-2014", "31.05.2024", "5/31/2024"), before a capitalised event ("the 2022 Winter
 * Olympics"), after a place ("Beijing 2022"), alone in parentheses ("Abominable (2019)"), after
 * a label of years ("Gründungsjahr: 2001"), opening a quoted name in Chinese or Japanese
 * ("「2023清新福建行」"), joined by "and" to a year ("in 1991 and 1995"), written in Chinese
 * numerals ("二〇三五年"), and ranges ("2021-2023", "from 2021 to 2023", "between 2021 and
 * 2023"), which give every year. Other numbers are counts, never years. */
#include <stdint.h>
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
    return y >= TRAWL_FIRST_YEAR && y <= TRAWL_LAST_YEAR ? y : 0;
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

/* A day of the month, also written as an ordinal ("18th", "1st", "1er"), or 0. */
static int day_number(const char *term)
{
    static const char *const ordinals[] = {"st", "nd", "rd", "th", "er", NULL};
    size_t n = strspn(term, "0123456789");
    char day[3] = "";
    if (n == 0 || n > 2)
        return 0;
    for (size_t k = 0; term[n] && ordinals[k]; k++)
        if (strcmp(term + n, ordinals[k]) == 0) {
            memcpy(day, term, n);
            return small_number(day, 31);
        }
    return term[n] ? 0 : small_number(term, 31);
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
    /* "June 28, 2024", "March 18th, 2025": a day after a month. */
    if (i >= 2 && day_number(ftext_term(t, i - 1)) && same_sentence(t, i - 2, i) &&
        wordlist_match(&ex->date_words, t, i - 2, NULL, 0, NULL))
        return true;
    /* "the 2022 Winter Olympics" */
    return strcmp(ftext_term(t, i - 1), "the") == 0 && same_sentence(t, i, i + 1) &&
           t->toks[i + 1].upper;
}

/* Whether the bytes just before word `i` end with one of `marks` (no space between). */
static bool right_after(const ftext *t, size_t i, const char *const *marks)
{
    size_t s = t->toks[i].start;
    for (size_t k = 0; marks[k]; k++) {
        size_t n = strlen(marks[k]);
        if (s >= n && memcmp(t->text + s - n, marks[k], n) == 0)
            return true;
    }
    return false;
}

static const char *const opening_quotes[] = {"\xe3\x80\x8c", "\xe3\x80\x8e", "\xe2\x80\x9c",
                                             "\xe3\x80\x8a", "\"",           NULL};

/* Whether word `i` is written in capitals, two to six of them ("APEC", "SCE"). */
static bool is_acronym(const ftext *t, size_t i)
{
    size_t n = t->toks[i].end - t->toks[i].start;
    if (n < 2 || n > 6)
        return false;
    for (size_t k = t->toks[i].start; k < t->toks[i].end; k++)
        if (t->text[k] < 'A' || t->text[k] > 'Z')
            return false;
    return true;
}

/* Contexts of a year besides date words, for word `i` holding a year. */
static bool other_date_context(const trawl_extractor *ex, size_t i)
{
    const ftext *t = &ex->text;
    bool before = i > 0 && same_sentence(t, i - 1, i);
    /* "26-09-2014", "5/31/2024": a day and a month before it */
    if (i >= 2 && before && same_sentence(t, i - 2, i) && small_number(ftext_term(t, i - 1), 31) &&
        small_number(ftext_term(t, i - 2), 31) && between_is(t, i - 1, date_seps) &&
        between_is(t, i - 2, date_seps))
        return true;
    /* "12 30,2019": a month and a day before it */
    if (i >= 2 && before && same_sentence(t, i - 2, i) && small_number(ftext_term(t, i - 1), 31) &&
        small_number(ftext_term(t, i - 2), 12) &&
        between_is(t, i - 1, (const char *const[]){",", ", ", NULL}))
        return true;
    /* "27 de junho de 2024", "the 5th of June of 2024" */
    if (i >= 2 && before && same_sentence(t, i - 2, i) &&
        (strcmp(ftext_term(t, i - 1), "de") == 0 || strcmp(ftext_term(t, i - 1), "del") == 0 ||
         strcmp(ftext_term(t, i - 1), "of") == 0) &&
        wordlist_match(&ex->date_words, t, i - 2, NULL, 0, NULL))
        return true;
    /* "Beijing 2022": a place the text names, right before */
    for (size_t k = 0; before && k < ex->nspans; k++)
        if (ex->spans[k].tok + ex->spans[k].ntok == i && ex->spans[k].nsenses == 1 &&
            between_is(t, i - 1, (const char *const[]){" ", "", NULL}))
            return true;
    /* "Expo 2023", "APEC 2026", "Медиафорум-2017": an event or an acronym before it */
    if (before &&
        (wordlist_match(&ex->event_words, t, i - 1, NULL, 0, NULL) || is_acronym(t, i - 1)))
        return true;
    /* "Gründungsjahr: 2001", "Geschäftsjahr 2013" */
    if (before) {
        const char *w = ftext_term(t, i - 1);
        size_t n = strlen(w);
        if (n >= 4 && strcmp(w + n - 4, "jahr") == 0)
            return true;
    }
    /* "(2019)" */
    static const char *const open[] = {"(", NULL};
    if (right_after(t, i, open) && t->toks[i].end < strlen(t->text) &&
        t->text[t->toks[i].end] == ')')
        return true;
    /* 「2023清新福建行」: a year opening a quoted name, Han words right after it */
    return right_after(t, i, opening_quotes) && same_sentence(t, i, i + 1) &&
           t->toks[i + 1].start == t->toks[i].end && t->toks[i + 1].kind == TRAWL_TOKEN_IDEOGRAPHIC;
}

/* "30,2019" after a month ("12 30,2019", "June 30,2019"): the day and year joined by a comma
 * into one number; its year, or 0. */
static int year_after_day(const trawl_extractor *ex, size_t i)
{
    const ftext *t = &ex->text;
    const char *term = ftext_term(t, i);
    const char *comma = strchr(term, ',');
    if (!comma || comma - term > 2 || i == 0 || !same_sentence(t, i - 1, i))
        return 0;
    char day[3] = "";
    memcpy(day, term, (size_t)(comma - term));
    bool month = small_number(ftext_term(t, i - 1), 12) ||
                 wordlist_match(&ex->date_words, t, i - 1, NULL, 0, NULL);
    return month && small_number(day, 31) ? year_of(comma + 1) : 0;
}

/* A day-month-year date written as one number ("31.05.2024"): its year, or 0. */
static int year_of_numeric_date(const char *term)
{
    size_t n = strlen(term);
    if (n < 8 || n > 10)
        return 0;
    const char *y = term + n - 4;
    char sep = y[-1];
    if (sep != '.' && sep != '/' && sep != '-')
        return 0;
    const char *second = memchr(term, sep, (size_t)(y - 1 - term));
    if (!second || second == term)
        return 0;
    char day[3] = "", month[3] = "";
    size_t dl = (size_t)(second - term), ml = (size_t)(y - 1 - second - 1);
    if (dl > 2 || ml < 1 || ml > 2)
        return 0;
    memcpy(day, term, dl);
    memcpy(month, second + 1, ml);
    return small_number(day, 31) && small_number(month, 31) ? year_of(y) : 0;
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

/* Whether the year at word `i` names a decade ("2000-х годах", "2000-e"). */
static bool decade(const ftext *t, size_t i)
{
    static const char *const suffixes[] = {"-х", "-e", "-е", "-er", NULL};
    const char *after = t->text + t->toks[i].end;
    for (size_t k = 0; suffixes[k]; k++)
        if (strncmp(after, suffixes[k], strlen(suffixes[k])) == 0)
            return true;
    return false;
}

/* The value of a Chinese numeral digit at `s` (〇 一 二 ... 九, ○, 零), its length in `*len`; -1
 * when none. */
static int han_digit(const char *s, size_t *len)
{
    static const char *const digits[] = {"〇", "一", "二", "三", "四",
                                         "五", "六", "七", "八", "九"};
    for (int d = 0; d < 10; d++) {
        size_t n = strlen(digits[d]);
        if (strncmp(s, digits[d], n) == 0) {
            *len = n;
            return d;
        }
    }
    *len = 3;
    if (strncmp(s, "○", 3) == 0 || strncmp(s, "零", 3) == 0)
        return 0;
    return -1;
}

/* Years written in Chinese numerals before 年 ("二〇三五年"), from the word at `i`: its year
 * (and the word after its last digit in `*next`), or 0. */
static int han_year(const ftext *t, size_t i, size_t *end)
{
    const char *p = t->text + t->toks[i].start;
    int y = 0;
    for (int k = 0; k < 4; k++) {
        size_t len;
        int d = han_digit(p, &len);
        if (d < 0)
            return 0;
        y = y * 10 + d;
        p += len;
    }
    if (strncmp(p, "年", 3) != 0 || y < TRAWL_FIRST_YEAR || y > TRAWL_LAST_YEAR)
        return 0;
    *end = (size_t)(p - t->text);
    return y;
}

void extract_years(trawl_extractor *ex, trawl_facets *out)
{
    const ftext *t = &ex->text;
    char value[8];
    size_t last_year = SIZE_MAX; /* the word of the last year taken */
    for (size_t i = 0; i < t->n; i++) {
        size_t end = 0;
        int hy = t->toks[i].kind == TRAWL_TOKEN_IDEOGRAPHIC ? han_year(t, i, &end) : 0;
        if (hy) {
            snprintf(value, sizeof value, "%d", hy);
            trawl_facets_add(out, TRAWL_FACET_YEAR, value, t->toks[i].start, end,
                             t->toks[i].sentence, "date");
            continue;
        }
        int nd = t->toks[i].kind != TRAWL_TOKEN_NUMBER    ? 0
                 : year_of_numeric_date(ftext_term(t, i)) ? year_of_numeric_date(ftext_term(t, i))
                                                          : year_after_day(ex, i);
        if (nd) {
            snprintf(value, sizeof value, "%d", nd);
            trawl_facets_add(out, TRAWL_FACET_YEAR, value, t->toks[i].start, t->toks[i].end,
                             t->toks[i].sentence, "date");
            last_year = i;
            continue;
        }
        int y = t->toks[i].kind == TRAWL_TOKEN_NUMBER ? year_of(ftext_term(t, i)) : 0;
        if (!y || decade(t, i))
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
        /* "in 1991 and 1995": joined to the year just taken */
        bool joined = last_year != SIZE_MAX && last_year + 2 == i &&
                      same_sentence(t, last_year, i) &&
                      wordlist_match(&ex->conjunctions, t, i - 1, NULL, 0, NULL);
        if (date_word_before(ex, i) || date_after(ex, i) || other_date_context(ex, i) || joined) {
            trawl_facets_add(out, TRAWL_FACET_YEAR, ftext_term(t, i), t->toks[i].start,
                             t->toks[i].end, t->toks[i].sentence, joined ? "date list" : "date");
            last_year = i;
        }
    }
}
