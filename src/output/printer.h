/* printer.h: the one output interface. Search results (and later, reports) go through a
 * printer, whose back end decides the format: text for people (highlights in bold on a
 * terminal, [brackets] otherwise) or JSON for programs (its keys: README.md, "JSON output"). */
#ifndef TRAWL_PRINTER_H
#define TRAWL_PRINTER_H

#include <stdbool.h>
#include <stdio.h>

#include "common/status.h"
#include "search/search.h"

typedef enum trawl_output_format { TRAWL_OUTPUT_TEXT, TRAWL_OUTPUT_JSON } trawl_output_format;

/* Parses "text" or "json"; false for anything else. */
bool trawl_output_format_parse(const char *name, trawl_output_format *format_out);

typedef struct trawl_printer trawl_printer;

/* A printer writing to `out` (which stays the caller's). `terminal`: the text back end marks
 * highlights with bold instead of brackets. */
trawl_status trawl_printer_new(trawl_output_format format, FILE *out, bool terminal,
                               trawl_printer **printer_out, trawl_error *err);
void trawl_printer_free(trawl_printer *p);

/* Prints one page of search results. TRAWL_ERR_IO when writing fails. */
trawl_status trawl_print_results(trawl_printer *p, const trawl_results *r, trawl_error *err);

#endif
