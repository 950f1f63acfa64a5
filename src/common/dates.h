/* dates.h: calendar dates as documents write them, made into one sortable form. A date is
 * known to a year, a month or a day, and is written "YYYY", "YYYY-MM" or "YYYY-MM-DD": a less
 * precise date is a prefix of every more precise date it covers, so byte order is date order
 * and a date range is a byte range (trawl_date_within).
 *
 * Parsing never guesses: a date whose reading is ambiguous (03/04/2024) or that is not a real
 * calendar day (2023-02-29) is refused, and the caller says so. */
#ifndef TRAWL_DATES_H
#define TRAWL_DATES_H

#include <stdbool.h>
#include <stddef.h>

/* The longest normal form, "YYYY-MM-DD", and its NUL. */
#define TRAWL_DATE_SIZE 11

/* The years a date may have. */
#define TRAWL_DATE_FIRST_YEAR 1000
#define TRAWL_DATE_LAST_YEAR 2999

/* Parses the `len` bytes of `text` (surrounding spaces ignored) into `out`. Accepts:
 * ISO 8601 ("2024", "2024-06", "2024-06-15", "20240615", with a time and zone after the day,
 * "2024-06-15T08:30:00+08:00", which are dropped: the date is the one written), the same with
 * "/" or "." between the parts ("2024/06/15"); Chinese, Japanese and Korean dates ("2024年6月
 * 15日", "2024年6月", "2024년 6월 15일"); day-month-year with "." ("15.06.2024"), or with "/"
 * or "-" when the day is over 12; English month names, full or abbreviated, in "15 June 2024",
 * "June 15, 2024", "June 2024", with a weekday before and a time after ("Sat, 15 Jun 2024
 * 10:00:00 GMT", the RFC 2822 form of HTTP and feeds). False for anything else. */
bool trawl_date_parse(const char *text, size_t len, char out[TRAWL_DATE_SIZE]);

/* Parses one end of a date range as typed in a query: "YYYY", "YYYY-MM" or "YYYY-MM-DD"
 * only. False for anything else, or a day that does not exist. */
bool trawl_date_parse_iso(const char *text, size_t len, char out[TRAWL_DATE_SIZE]);

/* Whether the span of `date` (a normal form) lies inside the range from `from` to `to`
 * (normal forms, either "" for an open end), each end taken as its whole span: "2024-03-15"
 * is within 2024-03..2024-05 and within 2024; "2024" is within 2023..2025 but not within
 * 2024-01..2024-06, which covers only part of its year. */
bool trawl_date_within(const char *date, const char *from, const char *to);

/* The "YYYY-MM-DD" (UTC) of `seconds` since the epoch into `out`; "" when its year is outside
 * the accepted ones. */
void trawl_date_of_time(long long seconds, char out[TRAWL_DATE_SIZE]);

#endif
