/* wrap.c: greedy filling of lines with the segments between line break opportunities. */
#include "output/wrap.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "text/breaks.h"

struct trawl_wrapper {
    trawl_breaks *lines; /* ICU line rules */
    char *copy;          /* the text with newlines and tabs made spaces */
    size_t cap;
};

trawl_status trawl_wrapper_new(trawl_wrapper **w_out, trawl_error *err)
{
    *w_out = calloc(1, sizeof **w_out);
    if (!*w_out)
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    trawl_status st = trawl_breaks_new(TRAWL_BREAK_LINES, &(*w_out)->lines, err);
    if (st) {
        free(*w_out);
        *w_out = NULL;
    }
    return st;
}

void trawl_wrapper_free(trawl_wrapper *w)
{
    if (!w)
        return;
    trawl_breaks_free(w->lines);
    free(w->copy);
    free(w);
}

/* Columns of one code point: 2 for East Asian wide and fullwidth, 0 for combining marks and
 * format characters, else 1. */
static size_t char_width(UChar32 c)
{
    if (c < 0x20)
        return c == '\t' || c == '\n' || c == '\r' ? 1 : 0;
    int8_t type = u_charType(c);
    if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_FORMAT_CHAR)
        return 0;
    int ea = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
    return ea == U_EA_WIDE || ea == U_EA_FULLWIDTH ? 2 : 1;
}

size_t trawl_text_width(const char *text, size_t len)
{
    size_t width = 0;
    int32_t i = 0;
    while ((size_t)i < len) {
        UChar32 c;
        U8_NEXT((const uint8_t *)text, i, (int32_t)len, c);
        width += c < 0 ? 1 : char_width(c);
    }
    return width;
}

typedef struct filling {
    const char *text;
    size_t first, width; /* the first line's columns, the others' */
    size_t line_start;   /* where the current line starts */
    size_t line_end;     /* where its last segment's text (not its spaces) ends */
    size_t col;          /* its columns so far, spaces after the last segment included */
    bool broke;          /* a line was given */
    trawl_line_fn fn;
    void *ctx;
    int stop;
} filling;

static size_t limit(const filling *f)
{
    return f->broke ? f->width : f->first;
}

/* Gives the current line and starts the next at `at`. */
static void give(filling *f, size_t at)
{
    if (!f->stop)
        f->stop = f->fn(f->ctx, f->line_start, f->line_end);
    f->broke = true;
    f->line_start = f->line_end = at;
    f->col = 0;
}

static int on_segment(void *ctx, size_t start, size_t end, int rule)
{
    filling *f = ctx;
    (void)rule;
    size_t text_end = end;
    while (text_end > start && f->text[text_end - 1] == ' ')
        text_end--;
    size_t w = trawl_text_width(f->text + start, text_end - start);
    if (f->col > 0 && f->col + w > limit(f))
        give(f, start);
    /* A segment wider than a whole line: cut at characters. */
    while (w > limit(f) && f->col == 0 && text_end > start) {
        size_t used = 0, at = start;
        while (at < text_end) {
            int32_t i = (int32_t)at;
            UChar32 c;
            U8_NEXT((const uint8_t *)f->text, i, (int32_t)text_end, c);
            size_t cw = c < 0 ? 1 : char_width(c);
            if (used + cw > limit(f) && at > start)
                break;
            used += cw;
            at = (size_t)i;
        }
        f->line_end = at;
        give(f, at);
        start = at;
        w = trawl_text_width(f->text + start, text_end - start);
    }
    if (text_end > start)
        f->line_end = text_end;
    f->col += w + trawl_text_width(f->text + text_end, end - text_end);
    return f->stop;
}

trawl_status trawl_wrap(trawl_wrapper *w, const char *text, size_t len, size_t first, size_t width,
                        trawl_line_fn fn, void *ctx, trawl_error *err)
{
    if (width == 0) {
        fn(ctx, 0, len);
        return TRAWL_OK;
    }
    if (len + 1 > w->cap) {
        char *grown = realloc(w->copy, len + 1);
        if (!grown)
            return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory wrapping text");
        w->copy = grown;
        w->cap = len + 1;
    }
    for (size_t i = 0; i < len; i++)
        w->copy[i] = text[i] == '\n' || text[i] == '\r' || text[i] == '\t' ? ' ' : text[i];
    filling f = {w->copy, first ? first : 1, width, 0, 0, 0, false, fn, ctx, 0};
    trawl_status st = trawl_breaks_each(w->lines, w->copy, len, on_segment, &f, err);
    if (!st && !f.stop && (f.line_end > f.line_start || !f.broke))
        fn(ctx, f.line_start, f.line_end);
    return st;
}
