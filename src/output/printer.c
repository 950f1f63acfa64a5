/* printer.c: choosing a back end. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "output/printer_impl.h"
#include "output/wrap.h"

trawl_status trawl_printer_new(trawl_output_format format, FILE *out, trawl_printer **printer_out,
                               trawl_error *err)
{
    trawl_printer *p = calloc(1, sizeof *p);
    *printer_out = NULL;
    if (!p)
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory creating a printer");
    p->ops = format == TRAWL_OUTPUT_JSON  ? &trawl_printer_json_ops
             : format == TRAWL_OUTPUT_CSV ? &trawl_printer_csv_ops
                                          : &trawl_printer_text_ops;
    p->out = out;
    p->width = TRAWL_DEFAULT_WIDTH;
    *printer_out = p;
    return TRAWL_OK;
}

void trawl_printer_set_lines(trawl_printer *p, bool lines)
{
    p->lines = lines;
}

void trawl_printer_free(trawl_printer *p)
{
    if (p)
        trawl_wrapper_free(p->wrapper);
    free(p);
}

void trawl_printer_set_style(trawl_printer *p, size_t width, bool color)
{
    p->width = width;
    p->color = color;
}

void trawl_printer_set_explain(trawl_printer *p, bool explain)
{
    p->explain = explain;
}

void trawl_printer_set_missing(trawl_printer *p, const char *const *missing, size_t n)
{
    p->missing = missing;
    p->nmissing = n;
}

/* Text output says first which shards the answer lacks. */
static void say_missing(trawl_printer *p)
{
    for (size_t i = 0; p->ops == &trawl_printer_text_ops && i < p->nmissing; i++)
        fprintf(p->out, "partial answer, without %s\n", p->missing[i]);
}

static trawl_status flushed(trawl_printer *p, trawl_status st, trawl_error *err)
{
    if (st == TRAWL_OK && (fflush(p->out) != 0 || ferror(p->out)))
        st = trawl_error_set(err, TRAWL_ERR_IO, "writing the output failed");
    return st;
}

trawl_status trawl_print_results(trawl_printer *p, const trawl_results *r, trawl_error *err)
{
    say_missing(p);
    return flushed(p, p->ops->results(p, r, err), err);
}

trawl_status trawl_print_report(trawl_printer *p, const trawl_report *r, trawl_error *err)
{
    say_missing(p);
    return flushed(p, p->ops->report(p, r, err), err);
}

trawl_status trawl_print_json_error(trawl_printer *p, const char *query, const char *message,
                                    trawl_error *err)
{
    return flushed(p, trawl_json_error(p, query, message, err), err);
}

trawl_status trawl_print_links(trawl_printer *p, const trawl_doc_links *l, trawl_error *err)
{
    return flushed(p, p->ops->links(p, l, err), err);
}
