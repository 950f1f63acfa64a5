/* printer.h: the one output interface. Search results and facet reports go through a
 * printer, whose back end decides the format: text for people (wrapped to a width at ICU's
 * line break opportunities, highlights in color or between ** markers, reports as aligned
 * tables), JSON for programs (its keys: docs/USAGE.md, "JSON output"), or CSV (RFC 4180) for
 * spreadsheets.
 * A printer is used by one thread at a time. */
#ifndef TRAWL_PRINTER_H
#define TRAWL_PRINTER_H

#include <stdbool.h>
#include <stdio.h>

#include "common/status.h"
#include "search/links.h"
#include "search/report.h"
#include "search/search.h"

typedef enum trawl_output_format {
    TRAWL_OUTPUT_TEXT,
    TRAWL_OUTPUT_JSON,
    TRAWL_OUTPUT_CSV
} trawl_output_format;

typedef struct trawl_printer trawl_printer;

/* A printer writing to `out` (which stays the caller's); text is wrapped at
 * TRAWL_DEFAULT_WIDTH columns, without color, until trawl_printer_set_style says otherwise. */
trawl_status trawl_printer_new(trawl_output_format format, FILE *out, trawl_printer **printer_out,
                               trawl_error *err);
void trawl_printer_free(trawl_printer *p);

/* Columns of text output when nothing says otherwise. */
#define TRAWL_DEFAULT_WIDTH 80
/* Text output: wrapped to `width` display columns (0: not wrapped), with ANSI colors (the
 * matched words in bold red, as grep marks them; titles in bold) or, without, matched words
 * between ** markers. */
void trawl_printer_set_style(trawl_printer *p, size_t width, bool color);
/* Results also show why each passage carries its facet values (text; JSON always does). */
void trawl_printer_set_explain(trawl_printer *p, bool explain);

/* The shards the answers were made without (--allow-partial): each a message naming the
 * shard and why, kept by the caller while the printer lives. Text output starts with a line
 * per shard ("partial answer: ..."); each JSON object gets "missing_shards": [messages]. */
void trawl_printer_set_missing(trawl_printer *p, const char *const *missing, size_t n);

/* Whether the printer writes text (not JSON or CSV). */
bool trawl_printer_is_text(const trawl_printer *p);
/* Results that follow belong to the saved search `name` (--watch; NULL: none): text puts a
 * line naming it first, JSON a "name" key. Kept by the caller while it is set. */
void trawl_printer_set_label(trawl_printer *p, const char *name);
/* JSON: each object on one line (JSON Lines), for a stream of results (--batch). */
void trawl_printer_set_lines(trawl_printer *p, bool lines);

/* Prints one page of search results, then the facet counts the search made. TRAWL_ERR_IO
 * when writing fails. */
trawl_status trawl_print_results(trawl_printer *p, const trawl_results *r, trawl_error *err);
/* Prints a report. */
trawl_status trawl_print_report(trawl_printer *p, const trawl_report *r, trawl_error *err);
/* Prints a document's links, outgoing and incoming. */
trawl_status trawl_print_links(trawl_printer *p, const trawl_doc_links *l, trawl_error *err);
/* --kwic: every occurrence of what `query` matches in the index of `s`
 * (trawl_search_occurrences, analysed as `language`, NULL: the index's default), one row each,
 * printed as they are found, with `context` characters of the passage on each side; then the
 * counts. Text: the line of the occurrence, then its citation; CSV: one row each; JSON: one
 * object {"query", "context", "occurrences": [...], "count", "passages"}, written as it goes.
 * `*rows_out` gets the number of occurrences. */
trawl_status trawl_print_occurrences(trawl_printer *p, trawl_searcher *s, const char *query,
                                     const char *language, size_t context, size_t *rows_out,
                                     trawl_error *err);
/* Prints `{"query", "error"}`: a query of a stream that could not run, as JSON. */
trawl_status trawl_print_json_error(trawl_printer *p, const char *query, const char *message,
                                    trawl_error *err);

#endif
