/* test_dates: the date forms documents write, the ones refused, and date ranges. */
#include <string.h>

#include "check.h"
#include "common/dates.h"

/* The normal form of `text`, or "refused". */
static const char *parsed(const char *text)
{
    static char out[TRAWL_DATE_SIZE];
    return trawl_date_parse(text, strlen(text), out) ? out : "refused";
}

/* ISO 8601 and its relatives, with times and zones dropped. */
static void iso_forms(void)
{
    CHECK_STR(parsed("2024"), "2024");
    CHECK_STR(parsed("2024-06"), "2024-06");
    CHECK_STR(parsed("2024-06-15"), "2024-06-15");
    CHECK_STR(parsed("  2024-6-5 "), "2024-06-05");
    CHECK_STR(parsed("20240615"), "2024-06-15");
    CHECK_STR(parsed("2024-06-15T23:30:00-05:00"), "2024-06-15");
    CHECK_STR(parsed("2024-06-15T08:30:00.000Z"), "2024-06-15");
    CHECK_STR(parsed("2024-06-15 10:30"), "2024-06-15");
    CHECK_STR(parsed("2024/06/15"), "2024-06-15");
    CHECK_STR(parsed("2024.06.15"), "2024-06-15");
    CHECK_STR(parsed("2024-02-29"), "2024-02-29");
}

/* Chinese, Japanese and Korean dates. */
static void cjk_forms(void)
{
    CHECK_STR(parsed("2024年6月15日"), "2024-06-15");
    CHECK_STR(parsed("2024年06月"), "2024-06");
    CHECK_STR(parsed("2024年"), "2024");
    CHECK_STR(parsed("2024年6月15日 10:30"), "2024-06-15");
    CHECK_STR(parsed("2024년 6월 15일"), "2024-06-15");
}

/* English month names, day first or month first, with a weekday and time (RFC 2822). */
static void english_forms(void)
{
    CHECK_STR(parsed("15 June 2024"), "2024-06-15");
    CHECK_STR(parsed("June 15, 2024"), "2024-06-15");
    CHECK_STR(parsed("Jun 15 2024"), "2024-06-15");
    CHECK_STR(parsed("Sept. 3, 2021"), "2021-09-03");
    CHECK_STR(parsed("June 2024"), "2024-06");
    CHECK_STR(parsed("Sat, 15 Jun 2024 10:00:00 GMT"), "2024-06-15");
    CHECK_STR(parsed("Saturday, June 15, 2024"), "2024-06-15");
    CHECK_STR(parsed("1 march 2019"), "2019-03-01");
}

/* Numbers only: day first with full stops; with "/" or "-" only when the order is certain. */
static void numeric_day_first(void)
{
    CHECK_STR(parsed("15.06.2024"), "2024-06-15");
    CHECK_STR(parsed("3.4.2024"), "2024-04-03");
    CHECK_STR(parsed("15/06/2024"), "2024-06-15");
    CHECK_STR(parsed("06/15/2024"), "2024-06-15");
    CHECK_STR(parsed("05/05/2024"), "2024-05-05");
    CHECK_STR(parsed("03/04/2024"), "refused"); /* March 4 or 3 April: never a guess */
    CHECK_STR(parsed("03-04-2024"), "refused");
}

/* What is not a date, or not a real day. */
static void refused(void)
{
    CHECK_STR(parsed(""), "refused");
    CHECK_STR(parsed("next Tuesday"), "refused");
    CHECK_STR(parsed("2023-02-29"), "refused");
    CHECK_STR(parsed("2024-13-01"), "refused");
    CHECK_STR(parsed("2024-04-31"), "refused");
    CHECK_STR(parsed("24-06-15"), "refused");
    CHECK_STR(parsed("202406"), "refused");
    CHECK_STR(parsed("2024-06-15 and more"), "refused");
    CHECK_STR(parsed("0999"), "refused");
    CHECK_STR(parsed("Juneteenth 2024"), "refused");
    CHECK_STR(parsed("June 32, 2024"), "refused");
    CHECK_STR(parsed("2024-06T10:00"), "refused");
}

/* A query's range ends: ISO forms only. */
static void query_ends(void)
{
    char out[TRAWL_DATE_SIZE];
    CHECK(trawl_date_parse_iso("2024", 4, out) && strcmp(out, "2024") == 0);
    CHECK(trawl_date_parse_iso("2024-01", 7, out) && strcmp(out, "2024-01") == 0);
    CHECK(trawl_date_parse_iso("2024-01-31", 10, out) && strcmp(out, "2024-01-31") == 0);
    CHECK(!trawl_date_parse_iso("2024-1", 6, out));
    CHECK(!trawl_date_parse_iso("2024-02-30", 10, out));
    CHECK(!trawl_date_parse_iso("June 2024", 9, out));
    CHECK(!trawl_date_parse_iso("2024-", 5, out));
}

/* A date is within a range when its whole span is. */
static void spans_within_ranges(void)
{
    CHECK(trawl_date_within("2024-03-15", "2024-03", "2024-05"));
    CHECK(trawl_date_within("2024-05-31", "2024-03", "2024-05"));
    CHECK(!trawl_date_within("2024-06-01", "2024-03", "2024-05"));
    CHECK(!trawl_date_within("2024-02-29", "2024-03", "2024-05"));
    CHECK(trawl_date_within("2024", "2024", "2024"));
    CHECK(trawl_date_within("2024-12-31", "2024", "2024"));
    CHECK(trawl_date_within("2024", "2023", "2025"));
    CHECK(!trawl_date_within("2024", "2024-01", "2024-06"));
    CHECK(!trawl_date_within("2024", "2023-06", "2024-01"));
    CHECK(trawl_date_within("2023-06", "2023-06", "2024-01"));
    CHECK(trawl_date_within("2030-01-01", "2024", ""));
    CHECK(trawl_date_within("1999-12-31", "", "2019"));
    CHECK(!trawl_date_within("2020", "", "2019"));
}

static void days_of_times(void)
{
    char out[TRAWL_DATE_SIZE];
    trawl_date_of_time(0, out);
    CHECK_STR(out, "1970-01-01");
    trawl_date_of_time(1709164800LL, out); /* 2024-02-29T00:00:00Z */
    CHECK_STR(out, "2024-02-29");
    trawl_date_of_time(1709164799LL, out);
    CHECK_STR(out, "2024-02-28");
}

CHECK_MAIN(NULL, NULL, CHECK_CASE(iso_forms), CHECK_CASE(cjk_forms), CHECK_CASE(english_forms),
           CHECK_CASE(numeric_day_first), CHECK_CASE(refused), CHECK_CASE(query_ends),
           CHECK_CASE(spans_within_ranges), CHECK_CASE(days_of_times))
