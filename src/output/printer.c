/* printer.c: choosing a back end. */
#include <stdlib.h>
#include <string.h>

#include "output/printer_impl.h"

bool trawl_output_format_parse(const char *name, trawl_output_format *format_out)
{
    if (strcmp(name, "text") == 0)
        *format_out = TRAWL_OUTPUT_TEXT;
    else if (strcmp(name, "json") == 0)
        *format_out = TRAWL_OUTPUT_JSON;
    else
        return false;
    return true;
}

trawl_status trawl_printer_new(trawl_output_format format, FILE *out, bool terminal,
                               trawl_printer **printer_out, trawl_error *err)
{
    trawl_printer *p = calloc(1, sizeof *p);
    *printer_out = NULL;
    if (!p)
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory creating a printer");
    p->ops = format == TRAWL_OUTPUT_JSON ? &trawl_printer_json_ops : &trawl_printer_text_ops;
    p->out = out;
    p->terminal = terminal;
    *printer_out = p;
    return TRAWL_OK;
}

void trawl_printer_free(trawl_printer *p)
{
    free(p);
}

trawl_status trawl_print_results(trawl_printer *p, const trawl_results *r, trawl_error *err)
{
    trawl_status st = p->ops->results(p, r, err);
    if (st == TRAWL_OK && (fflush(p->out) != 0 || ferror(p->out)))
        st = trawl_error_set(err, TRAWL_ERR_IO, "writing the output failed");
    return st;
}
