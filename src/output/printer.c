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

bool trawl_printer_is_text(const trawl_printer *p)
{
    return p->ops == &trawl_printer_text_ops;
}

void trawl_printer_set_label(trawl_printer *p, const char *name)
{
    p->label = name;
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

/* Up to `n` characters of `text` (`len` bytes) before (`before`) or after its byte `at`, line
 * breaks and tabs made spaces, into `out`; an ellipsis marks text left out. */
static void context_of(const char *text, size_t len, size_t at, size_t n, bool before,
                       trawl_buf *out)
{
    size_t from = at, to = at, chars = 0;
    if (before) {
        while (from > 0 && chars < n) {
            from--;
            while (from > 0 && ((unsigned char)text[from] & 0xC0) == 0x80)
                from--;
            chars++;
        }
    } else {
        while (to < len && chars < n) {
            to++;
            while (to < len && ((unsigned char)text[to] & 0xC0) == 0x80)
                to++;
            chars++;
        }
    }
    trawl_buf_reset(out);
    if (before && from > 0)
        trawl_buf_puts(out, "…");
    for (size_t i = from; i < to; i++)
        trawl_buf_putc(out, strchr("\n\r\t", text[i]) ? ' ' : text[i]);
    if (!before && to < len)
        trawl_buf_puts(out, "…");
}

/* One row. */
static trawl_status print_kwic(trawl_printer *p, const trawl_occurrence *o, trawl_error *err)
{
    const trawl_hit *h = o->hit;
    trawl_buf left = TRAWL_BUF_INIT, match = TRAWL_BUF_INIT, right = TRAWL_BUF_INIT;
    context_of(h->text, h->text_len, o->start, p->context, true, &left);
    context_of(h->text, h->text_len, o->end, p->context, false, &right);
    for (size_t i = o->start; i < o->end; i++)
        trawl_buf_putc(&match, strchr("\n\r\t", h->text[i]) ? ' ' : h->text[i]);
    trawl_status st = TRAWL_OK;
    if (left.failed || match.failed || right.failed) {
        st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    } else {
        trawl_kwic_row row = {o, trawl_buf_str(&left), trawl_buf_str(&match),
                              trawl_buf_str(&right)};
        if (!(st = p->ops->kwic_row(p, &row, err)))
            p->kwic_rows++;
    }
    trawl_buf_free(&left);
    trawl_buf_free(&match);
    trawl_buf_free(&right);
    /* Every 256 rows go out: a pipe's reader sees them as they come, and none pile up. */
    return st || p->kwic_rows % 256 ? st : flushed(p, st, err);
}

/* The search's callback: each occurrence printed as it comes; the first failure kept. */
typedef struct kwic_sink {
    trawl_printer *p;
    trawl_status st;
    trawl_error *err;
} kwic_sink;

static int on_occurrence(void *ctx, const trawl_occurrence *o)
{
    kwic_sink *k = ctx;
    k->st = print_kwic(k->p, o, k->err);
    return k->st != TRAWL_OK;
}

trawl_status trawl_print_occurrences(trawl_printer *p, trawl_searcher *s, const char *query,
                                     const char *language, size_t context, size_t *rows_out,
                                     trawl_error *err)
{
    say_missing(p);
    p->context = context;
    p->kwic_rows = 0;
    p->ops->kwic_begin(p, query);
    kwic_sink k = {p, TRAWL_OK, err};
    size_t passages = 0;
    trawl_status st =
        trawl_search_occurrences(s, query, language, on_occurrence, &k, &passages, err);
    if (!st)
        st = k.st;
    if (!st)
        p->ops->kwic_end(p, p->kwic_rows, passages);
    *rows_out = p->kwic_rows;
    return flushed(p, st, err);
}

trawl_status trawl_print_links(trawl_printer *p, const trawl_doc_links *l, trawl_error *err)
{
    return flushed(p, p->ops->links(p, l, err), err);
}
