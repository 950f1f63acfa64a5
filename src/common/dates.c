/* dates.c: the date forms documents use, read by a small scanner. */
#define _XOPEN_SOURCE 700
#include "common/dates.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* A cursor over the text being parsed. */
typedef struct scan {
    const char *p, *end;
} scan;

static bool at_end(const scan *s)
{
    return s->p >= s->end;
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static void skip_spaces(scan *s)
{
    while (!at_end(s) && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
        s->p++;
}

/* Reads `min`..`max` digits as a number; false (and the cursor left alone) otherwise. */
static bool number(scan *s, int min, int max, int *value)
{
    const char *p = s->p;
    int n = 0, v = 0;
    while (p < s->end && is_digit(*p) && n < max) {
        v = v * 10 + (*p - '0');
        p++;
        n++;
    }
    if (n < min || (p < s->end && is_digit(*p)))
        return false;
    s->p = p;
    *value = v;
    return true;
}

/* Consumes `word` (UTF-8 bytes) when it comes next. */
static bool literal(scan *s, const char *word)
{
    size_t n = strlen(word);
    if ((size_t)(s->end - s->p) < n || memcmp(s->p, word, n) != 0)
        return false;
    s->p += n;
    return true;
}

static bool leap(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int days_in(int year, int month)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && leap(year) ? 29 : days[month - 1];
}

/* Writes the normal form of a date known to the year (month 0), month (day 0) or day; false
 * when it is not a calendar date in the accepted years. */
static bool put(int year, int month, int day, char out[TRAWL_DATE_SIZE])
{
    if (year < TRAWL_DATE_FIRST_YEAR || year > TRAWL_DATE_LAST_YEAR || month < 0 || month > 12 ||
        day < 0 || (day && (!month || day > days_in(year, month))))
        return false;
    char digits[] = "0000-00-00";
    for (int i = 3, y = year; i >= 0; i--, y /= 10)
        digits[i] = (char)('0' + y % 10);
    digits[5] = (char)('0' + month / 10);
    digits[6] = (char)('0' + month % 10);
    digits[8] = (char)('0' + day / 10);
    digits[9] = (char)('0' + day % 10);
    size_t n = !month ? 4 : !day ? 7 : 10;
    memcpy(out, digits, n);
    out[n] = 0;
    return true;
}

/* What may follow a date: nothing, or a time of day and its zone after "T" or a space
 * ("T08:30:00+08:00", " 10:00:00 GMT", " 10:30"). */
static bool time_or_end(scan *s)
{
    skip_spaces(s);
    if (at_end(s))
        return true;
    if (*s->p == 'T' || *s->p == 't')
        s->p++;
    if (at_end(s) || !is_digit(*s->p))
        return false;
    for (; !at_end(s); s->p++) {
        char c = *s->p;
        if (!is_digit(c) && !strchr(":.,+-Z ", c) && !(c >= 'A' && c <= 'Z'))
            return false;
    }
    return true;
}

/* "2024", "2024-06", "2024-06-15", "20240615", with "-", "/" or "." between the parts. */
static bool iso_like(scan s, char out[TRAWL_DATE_SIZE])
{
    int year = 0, month = 0, day = 0;
    const char *start = s.p;
    if (number(&s, 8, 8, &year)) { /* YYYYMMDD */
        day = year % 100;
        month = year / 100 % 100;
        year /= 10000;
        return time_or_end(&s) && put(year, month, day, out);
    }
    s.p = start;
    if (!number(&s, 4, 4, &year))
        return false;
    if (at_end(&s) || !strchr("-/.", *s.p))
        return time_or_end(&s) && put(year, 0, 0, out);
    char sep = *s.p++;
    if (!number(&s, 1, 2, &month))
        return false;
    if (!at_end(&s) && *s.p == sep) {
        s.p++;
        if (!number(&s, 1, 2, &day))
            return false;
    } else if (!at_end(&s) && (*s.p == 'T' || *s.p == ' ')) {
        return false; /* a time after a month is no date form */
    }
    return time_or_end(&s) && put(year, month, day, out);
}

/* "2024年6月15日", "2024年6月", "2024年"; Korean "2024년 6월 15일". */
static bool cjk(scan s, char out[TRAWL_DATE_SIZE])
{
    static const char *const units[2][3] = {{"年", "月", "日"}, {"년", "월", "일"}};
    int part[3] = {0, 0, 0};
    for (int form = 0; form < 2; form++) {
        scan t = s;
        int n = 0;
        while (n < 3) {
            if (n)
                skip_spaces(&t);
            scan before = t;
            if (!number(&t, n ? 1 : 4, n ? 2 : 4, &part[n]) || !literal(&t, units[form][n])) {
                t = before;
                break;
            }
            n++;
        }
        if (n == 0)
            continue;
        while (n < 3)
            part[n++] = 0;
        return time_or_end(&t) && put(part[0], part[1], part[2], out);
    }
    return false;
}

/* Day-first and US forms with numbers only: "15.06.2024" (day first, always), "15/06/2024",
 * "06/15/2024", "15-06-2024": with "/" or "-" only when the order is certain (one part over 12,
 * or both the same). */
static bool numeric_dmy(scan s, char out[TRAWL_DATE_SIZE])
{
    int a = 0, b = 0, year = 0;
    if (!number(&s, 1, 2, &a) || at_end(&s) || !strchr("./-", *s.p))
        return false;
    char sep = *s.p++;
    if (!number(&s, 1, 2, &b) || at_end(&s) || *s.p != sep)
        return false;
    s.p++;
    if (!number(&s, 4, 4, &year) || !time_or_end(&s))
        return false;
    if (sep == '.' || a > 12 || a == b)
        return put(year, b, a, out);
    if (b > 12)
        return put(year, a, b, out);
    return false; /* 03/04/2024: March or April */
}

/* An English month name, full or abbreviated (a full stop after it allowed): 1..12, else 0. */
static int month_name(scan *s)
{
    static const char *const names[] = {"january",   "february", "march",    "april",
                                        "may",       "june",     "july",     "august",
                                        "september", "october",  "november", "december"};
    const char *p = s->p;
    char word[16];
    size_t n = 0;
    while (p < s->end && n + 1 < sizeof word &&
           ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
        word[n++] = (char)(*p++ | 0x20);
    word[n] = 0;
    if (n < 3 || (p < s->end && ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))))
        return 0;
    for (int m = 0; m < 12; m++) {
        size_t full = strlen(names[m]);
        bool abbrev = n == 3 || (m == 8 && n == 4 && strncmp(word, "sept", 4) == 0);
        if ((n == full || abbrev) && strncmp(names[m], word, n) == 0) {
            if (p < s->end && *p == '.')
                p++;
            s->p = p;
            return m + 1;
        }
    }
    return 0;
}

/* A weekday name and its comma, which are dropped ("Sat, ", "Saturday "). */
static void weekday(scan *s)
{
    static const char *const names[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    const char *p = s->p;
    size_t n = 0;
    while (p + n < s->end && ((p[n] | 0x20) >= 'a' && (p[n] | 0x20) <= 'z'))
        n++;
    if (n < 3)
        return;
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        bool same = true;
        for (size_t k = 0; k < 3; k++)
            same = same && (char)(p[k] | 0x20) == names[i][k];
        if (same && month_name(&(scan){p, p + n}) == 0) {
            s->p = p + n;
            if (!at_end(s) && *s->p == ',')
                s->p++;
            skip_spaces(s);
            return;
        }
    }
}

/* "15 June 2024", "15 Jun, 2024", "June 15, 2024", "June 15 2024", "June 2024", after an
 * optional weekday. */
static bool english(scan s, char out[TRAWL_DATE_SIZE])
{
    int day = 0, month = 0, year = 0;
    weekday(&s);
    if (number(&s, 1, 2, &day)) {
        skip_spaces(&s);
        if (!(month = month_name(&s)))
            return false;
    } else {
        if (!(month = month_name(&s)))
            return false;
        skip_spaces(&s);
        scan before = s;
        if (number(&s, 1, 2, &day) && (at_end(&s) || *s.p == ',' || *s.p == ' ')) {
            if (!at_end(&s) && *s.p == ',')
                s.p++;
        } else {
            s = before;
            day = 0;
        }
    }
    if (!at_end(&s) && *s.p == ',')
        s.p++;
    skip_spaces(&s);
    return number(&s, 4, 4, &year) && time_or_end(&s) && put(year, month, day, out);
}

bool trawl_date_parse(const char *text, size_t len, char out[TRAWL_DATE_SIZE])
{
    scan s = {text, text + len};
    skip_spaces(&s);
    while (s.end > s.p && strchr(" \t\r\n", s.end[-1]))
        s.end--;
    if (at_end(&s))
        return false;
    return iso_like(s, out) || cjk(s, out) || numeric_dmy(s, out) || english(s, out);
}

bool trawl_date_parse_iso(const char *text, size_t len, char out[TRAWL_DATE_SIZE])
{
    int year = 0, month = 0, day = 0;
    scan s = {text, text + len};
    if (!number(&s, 4, 4, &year))
        return false;
    if (literal(&s, "-")) {
        if (!number(&s, 2, 2, &month))
            return false;
        if (literal(&s, "-") && !number(&s, 2, 2, &day))
            return false;
    }
    return at_end(&s) && put(year, month, day, out);
}

bool trawl_date_within(const char *date, const char *from, const char *to)
{
    if (*from && strcmp(date, from) < 0)
        return false;
    if (!*to)
        return true;
    /* The span of `date` ends within that of `to`: `date` sorts no later than `to`'s last
     * day, and is not a less precise date that `to` only begins ("2024" and to 2024-06). */
    size_t n = strlen(to), d = strlen(date);
    int c = strncmp(date, to, n < d ? n : d);
    if (c != 0)
        return c < 0;
    return d >= n;
}

void trawl_date_of_time(long long seconds, char out[TRAWL_DATE_SIZE])
{
    time_t t = (time_t)seconds;
    struct tm tm;
    if (!gmtime_r(&t, &tm) || !put(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, out))
        out[0] = 0;
}
