/* printer_text.c: results and reports for people, within the printer's width. Each hit: rank,
 * title and section, score; the passage id (path#ordinal) and URL; the passage wrapped at line
 * break opportunities (wrap.h), highlights in color or between ** markers; with --explain,
 * each facet value and the words that gave it. Facet counts and reports are aligned tables,
 * names shortened with an ellipsis, cross-tabs in pages of columns. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "facets/facets.h"
#include "output/printer_impl.h"
#include "output/wrap.h"
#include "text/utf8.h"

#define INDENT "   "

/* ANSI styles: matched words as grep marks them, titles in bold. */
#define STYLE_MATCH "\033[1;31m"
#define STYLE_TITLE "\033[1m"
#define STYLE_END "\033[0m"
/* Matched words without color: a marker no bracket of the text can be taken for. */
#define MARK "**"

static void mark(const trawl_printer *p, bool open)
{
    fputs(p->color ? (open ? STYLE_MATCH : STYLE_END) : MARK, p->out);
}

/* Writes text[start, end), newlines and tabs as spaces. */
static void put_span(const trawl_printer *p, const char *text, size_t start, size_t end)
{
    for (size_t i = start; i < end; i++)
        fputc(text[i] == '\n' || text[i] == '\r' || text[i] == '\t' ? ' ' : text[i], p->out);
}

/* A paragraph being printed: its text, highlight ranges and indents. */
typedef struct para {
    const trawl_printer *p;
    const char *text;
    const trawl_range *hl; /* sorted, disjoint */
    size_t nhl, next;      /* the first range not yet behind */
    const char *indent;    /* of each line after the first */
    const char *first;     /* of the first line */
    const char *style;     /* of the whole paragraph (color only), or NULL */
    bool started;
} para;

/* Prints one line, each highlight within it marked on its own (a highlight that a line break
 * cuts is closed at the end of the line and opened again on the next). */
static int on_line(void *ctx, size_t start, size_t end)
{
    para *a = ctx;
    const trawl_printer *p = a->p;
    fputs(a->started ? a->indent : a->first, p->out);
    a->started = true;
    if (a->style && p->color)
        fputs(a->style, p->out);
    for (size_t i = start; i < end;) {
        while (a->next < a->nhl && a->hl[a->next].end <= i)
            a->next++;
        const trawl_range *h = a->next < a->nhl ? &a->hl[a->next] : NULL;
        if (h && h->start <= i) {
            size_t e = h->end < end ? h->end : end;
            mark(p, true);
            put_span(p, a->text, i, e);
            mark(p, false);
            if (a->style && p->color)
                fputs(a->style, p->out);
            i = e;
        } else {
            size_t e = h && h->start < end ? h->start : end;
            put_span(p, a->text, i, e);
            i = e;
        }
    }
    if (a->style && p->color)
        fputs(STYLE_END, p->out);
    fputc('\n', p->out);
    return 0;
}

/* Prints text[0, len) wrapped to the printer's width, the first line after `first`, the others
 * after `indent`, with the highlights `hl` marked. */
static trawl_status print_para(trawl_printer *p, const char *text, size_t len,
                               const trawl_range *hl, size_t nhl, const char *first,
                               const char *indent, const char *style, trawl_error *err)
{
    if (!p->wrapper) {
        trawl_status st = trawl_wrapper_new(&p->wrapper, err);
        if (st)
            return st;
    }
    para a = {p, text, hl, nhl, 0, indent, first, style, false};
    size_t fw = strlen(first), iw = strlen(indent);
    size_t w1 = p->width > fw ? p->width - fw : 1, w2 = p->width > iw ? p->width - iw : 1;
    return trawl_wrap(p->wrapper, text, len, w1, p->width ? w2 : 0, on_line, &a, err);
}

/* A paragraph of plain text in `b`, wrapped, with the indents of print_para. */
static trawl_status print_line(trawl_printer *p, trawl_buf *b, const char *first,
                               const char *indent, const char *style, trawl_error *err)
{
    if (b->failed)
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory printing");
    return print_para(p, b->data ? b->data : "", b->len, NULL, 0, first, indent, style, err);
}

/* A URL for people: percent-escaped UTF-8 characters shown as the characters (as browsers show
 * them), ASCII escapes kept; into `out` (reset first). */
static void readable_url(const char *url, trawl_buf *out)
{
    trawl_buf_reset(out);
    for (size_t i = 0; url[i];) {
        /* One character: as many escapes as its first byte says it has. */
        char bytes[4];
        size_t n = 0, want = 1, j = i;
        while (n < want && url[j] == '%' && isxdigit((unsigned char)url[j + 1]) &&
               isxdigit((unsigned char)url[j + 2])) {
            char hex[3] = {url[j + 1], url[j + 2], 0};
            bytes[n] = (char)strtoul(hex, NULL, 16);
            if (n++ == 0)
                want =
                    (unsigned char)bytes[0] < 0x80 ? 0 : trawl_utf8_seqlen((unsigned char)bytes[0]);
            j += 3;
        }
        if (want > 1 && n == want && trawl_utf8_valid_length(bytes, n) == n) {
            trawl_buf_append(out, bytes, n);
            i = j;
        } else {
            trawl_buf_putc(out, url[i++]);
        }
    }
}

/* Writes the passage wrapped, newlines in the source made spaces, highlights marked: in
 * color, or between markers that are wrapped with the words they mark (they take columns). */
static trawl_status print_passage(trawl_printer *p, const trawl_hit *h, trawl_error *err)
{
    if (p->color)
        return print_para(p, h->text, h->text_len, h->highlights, h->nhighlights, INDENT, INDENT,
                          NULL, err);
    trawl_buf marked = TRAWL_BUF_INIT;
    size_t at = 0;
    for (size_t i = 0; i < h->nhighlights; i++) {
        trawl_buf_append(&marked, h->text + at, h->highlights[i].start - at);
        trawl_buf_puts(&marked, MARK);
        trawl_buf_append(&marked, h->text + h->highlights[i].start,
                         h->highlights[i].end - h->highlights[i].start);
        trawl_buf_puts(&marked, MARK);
        at = h->highlights[i].end;
    }
    trawl_buf_append(&marked, h->text + at, h->text_len - at);
    trawl_status st = print_line(p, &marked, INDENT, INDENT, NULL, err);
    trawl_buf_free(&marked);
    return st;
}

/* "links to: a.txt, b.txt; linked from: c.txt" under a result. */
static void print_hit_links(const trawl_printer *p, const trawl_doc_links *l)
{
    fputs(INDENT "links to:", p->out);
    size_t shown = 0;
    for (size_t i = 0; i < l->nout; i++)
        if (l->out[i].path)
            fprintf(p->out, "%s %s", shown++ ? "," : "", l->out[i].path);
    if (!shown)
        fputs(" none in the index", p->out);
    fputs("; linked from:", p->out);
    for (size_t i = 0; i < l->nin; i++)
        fprintf(p->out, "%s %s", i ? "," : "", l->in[i].path);
    if (!l->nin)
        fputs(" none", p->out);
    fputc('\n', p->out);
}

static void print_evidence(const trawl_printer *p, const trawl_hit *h)
{
    for (size_t i = 0; i < h->nfacets; i++) {
        const trawl_hit_facet *f = &h->facets[i];
        fprintf(p->out, INDENT "%s %s=%s: \"%s\" (%s)\n", i == 0 ? "facets" : "      ",
                trawl_facet_name(f->facet), f->value, f->text, f->rule);
    }
    if (h->nfacets == 0)
        fputs(INDENT "facets none\n", p->out);
    for (size_t i = 0; i < h->nfoundings; i++) {
        const trawl_hit_founding *f = &h->foundings[i];
        fprintf(p->out, INDENT "%s icc=%s in %d: \"%s\"\n", i == 0 ? "founded" : "       ",
                f->center, f->year, f->text);
    }
}

/* Pads to `width` display columns after `used`. */
static void pad(FILE *out, size_t used, size_t width)
{
    for (; used < width; used++)
        fputc(' ', out);
}

/* Prints `s` shortened to `cols` columns (0: whole) and pads it to `cols`. */
static void put_cell(const trawl_printer *p, const char *s, size_t cols, trawl_buf *scratch)
{
    size_t w = trawl_shortened(s, cols, scratch);
    fputs(trawl_buf_str(scratch), p->out);
    pad(p->out, w, cols);
}

/* A table of values: count, value, name (the name column only where it says more), names
 * shortened to the printer's width. */
static void print_rows(const trawl_printer *p, const trawl_report_row *rows, size_t n)
{
    size_t vw = 5;
    trawl_buf cell = TRAWL_BUF_INIT;
    for (size_t i = 0; i < n; i++)
        if (trawl_display_width(rows[i].value) > vw)
            vw = trawl_display_width(rows[i].value);
    /* "  %8zu  value  name": 12 columns, the value, 2, the name. */
    if (p->width && 12 + vw > p->width / 2)
        vw = p->width / 2 > 12 ? p->width / 2 - 12 : 1;
    size_t nw = p->width > 12 + vw + 2 ? p->width - 12 - vw - 2 : 0;
    for (size_t i = 0; i < n; i++) {
        fprintf(p->out, "  %8zu  ", rows[i].count);
        bool named = strcmp(rows[i].label, rows[i].value) != 0;
        if (named) {
            put_cell(p, rows[i].value, p->width ? vw : 0, &cell);
            if (!p->width)
                pad(p->out, trawl_display_width(rows[i].value), vw);
            fputs("  ", p->out);
            trawl_shortened(rows[i].label, p->width ? nw : 0, &cell);
        } else {
            trawl_shortened(rows[i].value, p->width ? vw + 2 + nw : 0, &cell);
        }
        fputs(trawl_buf_str(&cell), p->out);
        fputc('\n', p->out);
    }
    trawl_buf_free(&cell);
}

static void print_counts(const trawl_printer *p, const trawl_report *r)
{
    fprintf(p->out, "%s: %zu value%s over %zu %.*s\n", trawl_report_facet_name(&r->spec, 0),
            r->nrows, r->nrows == 1 ? "" : "s", r->total,
            (int)strlen(trawl_report_unit(r)) - (r->total == 1 ? 1 : 0), trawl_report_unit(r));
    print_rows(p, r->rows, r->nrows);
    if (r->none)
        fprintf(p->out, "  %8zu  (none)\n", r->none);
}

/* A cross-tab's rows and columns: the values, and (none) when some match has no value. */
static bool shown(const trawl_report_row *row)
{
    return !row->none || row->count > 0;
}

static size_t column_width(const trawl_report_row *col)
{
    size_t w = trawl_display_width(col->value);
    return w < 5 ? 5 : w;
}

/* Columns [from, to) of a cross-tab, the row labels (`rw` columns) first, with the total column
 * when `last`. */
static void print_crosstab_page(const trawl_printer *p, const trawl_report *r, size_t rw,
                                size_t from, size_t to, bool last)
{
    fputs(trawl_report_facet_name(&r->spec, 0), p->out);
    pad(p->out, trawl_display_width(trawl_report_facet_name(&r->spec, 0)), rw);
    for (size_t j = from; j < to; j++)
        if (shown(&r->cols[j]))
            fprintf(p->out, "  %*s", (int)column_width(&r->cols[j]), r->cols[j].value);
    fputs(last ? "  total\n" : "\n", p->out);
    for (size_t i = 0; i < r->nrows; i++) {
        if (!shown(&r->rows[i]))
            continue;
        fputs(r->rows[i].value, p->out);
        pad(p->out, trawl_display_width(r->rows[i].value), rw);
        for (size_t j = from; j < to; j++)
            if (shown(&r->cols[j]))
                fprintf(p->out, "  %*zu", (int)column_width(&r->cols[j]),
                        r->cells[i * r->ncols + j]);
        if (last)
            fprintf(p->out, "  %5zu", r->rows[i].count);
        fputc('\n', p->out);
    }
    fputs("total", p->out);
    pad(p->out, 5, rw);
    for (size_t j = from; j < to; j++)
        if (shown(&r->cols[j]))
            fprintf(p->out, "  %*zu", (int)column_width(&r->cols[j]), r->cols[j].count);
    if (last)
        fprintf(p->out, "  %5zu", r->total);
    fputc('\n', p->out);
}

/* A cross-tab, in pages of as many columns as the width holds (each page repeating the row
 * labels), the total column on the last. */
static void print_crosstab(const trawl_printer *p, const trawl_report *r)
{
    char title[64];
    trawl_report_title(r, title, sizeof title);
    fprintf(p->out,
            "%s over %zu %s\n(a total counts the %s with its value; one %s can have several)\n",
            title, r->total, trawl_report_unit(r), trawl_report_unit(r),
            r->spec.documents ? "document" : "passage");
    size_t rw = 5, shown_cols = 0;
    for (size_t i = 0; i < r->nrows; i++)
        if (shown(&r->rows[i]) && trawl_display_width(r->rows[i].value) > rw)
            rw = trawl_display_width(r->rows[i].value);
    for (size_t j = 0; j < r->ncols; j++)
        shown_cols += shown(&r->cols[j]);
    size_t from = 0, page = 0;
    while (from < r->ncols || (from == 0 && r->ncols == 0)) {
        size_t used = rw, to = from;
        for (; to < r->ncols; to++) {
            size_t w = shown(&r->cols[to]) ? 2 + column_width(&r->cols[to]) : 0;
            /* a page holds at least one column; the last page also the total (7 columns) */
            size_t total = to + 1 == r->ncols ? 7 : 0;
            if (p->width && to > from && used + w + total > p->width)
                break;
            used += w;
        }
        bool last = to >= r->ncols;
        if (!(from == 0 && last)) {
            size_t a = 0, b = 0;
            for (size_t j = 0; j < to; j++) {
                if (shown(&r->cols[j]) && j < from)
                    a++;
                else if (shown(&r->cols[j]))
                    b++;
            }
            if (b == 1)
                fprintf(p->out, "%s(%s column %zu of %zu)\n", page ? "\n" : "",
                        trawl_report_facet_name(&r->spec, 1), a + 1, shown_cols);
            else
                fprintf(p->out, "%s(%s columns %zu-%zu of %zu)\n", page ? "\n" : "",
                        trawl_report_facet_name(&r->spec, 1), a + 1, a + b, shown_cols);
        }
        print_crosstab_page(p, r, rw, from, to, last);
        page++;
        from = to;
        if (last)
            break;
    }
}

/* The registry of centers: key, name, province, earliest year, counts; the name and province
 * shortened so that a row fits the printer's width. */
static void print_registry(const trawl_printer *p, const trawl_report *r)
{
    size_t kw = 6, nw = 4, pw = 8;
    trawl_buf cell = TRAWL_BUF_INIT;
    for (size_t i = 0; i < r->ncenters; i++) {
        const trawl_registry_row *c = &r->centers[i];
        if (trawl_display_width(c->key) > kw)
            kw = trawl_display_width(c->key);
        if (trawl_display_width(c->name) > nw)
            nw = trawl_display_width(c->name);
        if (trawl_display_width(c->province_name) > pw)
            pw = trawl_display_width(c->province_name);
    }
    /* The numbers take "earliest  passages  documents": 29 columns. */
    if (p->width && kw + 2 + nw + 2 + pw + 2 + 29 > p->width) {
        if (pw > 12)
            pw = 12;
        size_t rest = kw + 2 + pw + 2 + 29 + 2;
        nw = p->width > rest + 12 ? p->width - rest : 12;
    }
    put_cell(p, "center", kw + 2, &cell);
    put_cell(p, "name", nw + 2, &cell);
    put_cell(p, "province", pw + 2, &cell);
    fputs("earliest  passages  documents\n", p->out);
    for (size_t i = 0; i < r->ncenters; i++) {
        const trawl_registry_row *c = &r->centers[i];
        put_cell(p, c->key, kw, &cell);
        fputs("  ", p->out);
        put_cell(p, c->name, nw, &cell);
        fputs("  ", p->out);
        put_cell(p, *c->province_name ? c->province_name : "-", pw, &cell);
        fputs("  ", p->out);
        if (c->earliest)
            fprintf(p->out, "%8d", c->earliest);
        else
            fprintf(p->out, "%8s", "-");
        fprintf(p->out, "  %8zu  %9zu\n", c->passages, c->documents);
        if (p->explain && *c->formerly)
            fprintf(p->out, INDENT "formerly %s: the same center under an earlier name\n",
                    c->formerly);
        if (p->explain && c->earliest_id)
            fprintf(p->out, INDENT "founded %d, %s: \"%s\"\n", c->earliest, c->earliest_id,
                    c->earliest_text);
    }
    fprintf(p->out, "%zu center%s in %zu %.*s\n", r->ncenters, r->ncenters == 1 ? "" : "s",
            r->total, (int)strlen(trawl_report_unit(r)) - (r->total == 1 ? 1 : 0),
            trawl_report_unit(r));
    trawl_buf_free(&cell);
}

/* Each group of reprints: its founding document, then the others with their similarity; a
 * title shortened to the width. */
static void print_reprints(const trawl_printer *p, const trawl_report *r)
{
    size_t docs = r->nreprints;
    trawl_buf cell = TRAWL_BUF_INIT;
    fprintf(p->out, "reprints: %zu group%s of near-duplicate documents (%zu documents)\n", r->total,
            r->total == 1 ? "" : "s", docs);
    for (size_t i = 0; i < r->nreprints; i++) {
        const trawl_reprint_row *d = &r->reprints[i];
        bool first = strcmp(d->path, d->group) == 0;
        char similarity[32] = "";
        if (!first)
            snprintf(similarity, sizeof similarity, "  (similarity %.2f)", d->similarity);
        size_t used = (first ? 0 : 4) + trawl_display_width(d->path) + 2 + strlen(similarity);
        if (first)
            fputc('\n', p->out);
        fprintf(p->out, "%s%s  ", first ? "" : "  = ", d->path);
        size_t cols = !p->width ? 0 : p->width > used + 12 ? p->width - used : 12;
        trawl_shortened(d->title, cols, &cell);
        fprintf(p->out, "%s%s\n", trawl_buf_str(&cell), similarity);
    }
    trawl_buf_free(&cell);
}

static trawl_status text_report(trawl_printer *p, const trawl_report *r, trawl_error *err)
{
    (void)err;
    if (*r->query)
        fprintf(p->out, "query: %s\n", r->query);
    if (r->spec.kind == TRAWL_REPORT_REPRINTS)
        print_reprints(p, r);
    else if (r->spec.kind == TRAWL_REPORT_COUNTS)
        print_counts(p, r);
    else if (r->spec.kind == TRAWL_REPORT_CROSSTAB)
        print_crosstab(p, r);
    else
        print_registry(p, r);
    return TRAWL_OK;
}

/* The header of results: how many match (or that none do, or only partly), and what the
 * search says about the query's words. */
static trawl_status print_header(trawl_printer *p, const trawl_results *r, trawl_buf *line,
                                 trawl_error *err)
{
    unsigned total = trawl_results_total(r);
    size_t count = trawl_results_count(r), ngroups = 0;
    const char *unit = trawl_results_groups(r, &ngroups) ? "document" : "passage";
    if (trawl_results_groups(r, &ngroups))
        count = ngroups;
    size_t clauses = 0, relaxed = trawl_results_relaxed(r, &clauses), nsug = 0, nexp = 0;
    const trawl_suggestion *sug = trawl_results_suggestions(r, &nsug);
    const trawl_expansion *exp = trawl_results_expansions(r, &nexp);
    trawl_status st = TRAWL_OK;
    trawl_buf_reset(line);
    if (relaxed && total > 0) {
        trawl_buf_printf(line, "no passage matches all %zu words and phrases of: %s", clauses,
                         trawl_results_query(r));
        if ((st = print_line(p, line, "", "", NULL, err)))
            return st;
        trawl_buf_reset(line);
        trawl_buf_printf(line, "%u passage%s match%s %zu of them, as partial matches", total,
                         total == 1 ? "" : "s", total == 1 ? "es" : "", relaxed);
    } else if (total == 0) {
        trawl_buf_printf(line, "no %ss match: %s", unit, trawl_results_query(r));
    } else {
        trawl_buf_printf(line, "%u %s%s match%s: %s", total, unit, total == 1 ? "" : "s",
                         total == 1 ? "es" : "", trawl_results_query(r));
    }
    if (count > 0 && count < total)
        trawl_buf_printf(line, " (showing %u-%zu)", trawl_results_offset(r) + 1,
                         trawl_results_offset(r) + count);
    else if (total > 0 && count == 0 && trawl_results_offset(r) >= total)
        trawl_buf_printf(line, " (none from %u)", trawl_results_offset(r) + 1);
    size_t examined = trawl_results_examined(r);
    if (examined)
        trawl_buf_printf(line, "; reprints folded among the best %zu", examined);
    st = print_line(p, line, "", "", NULL, err);
    for (size_t i = 0; i < nsug && !st; i++) {
        trawl_buf_reset(line);
        if (sug[i].suggestion)
            trawl_buf_printf(line, "no passage has \"%s\"; did you mean \"%s\"?", sug[i].word,
                             sug[i].suggestion);
        else
            trawl_buf_printf(line, "no passage has \"%s\", nor a word close to it", sug[i].word);
        st = print_line(p, line, "", "", NULL, err);
    }
    for (size_t i = 0; p->explain && i < nexp && !st; i++) {
        trawl_buf_reset(line);
        trawl_buf_printf(line, "glossary: %s matches ", exp[i].term);
        for (size_t k = 0; k < exp[i].n; k++)
            trawl_buf_printf(line, "%s%s", k ? " = " : "", exp[i].members[k]);
        st = print_line(p, line, "", INDENT, NULL, err);
    }
    return st;
}

/* `id` (a passage or document) and `url` on one line when they fit, else each on its own: a
 * URL is never broken, so that it can be copied. */
static trawl_status print_source(trawl_printer *p, const trawl_buf *id, const char *url_text,
                                 trawl_error *err)
{
    trawl_buf url = TRAWL_BUF_INIT;
    readable_url(url_text, &url);
    size_t idw = trawl_text_width(id->data ? id->data : "", id->len);
    size_t urlw = trawl_text_width(url.data ? url.data : "", url.len);
    bool one = !url.len || !p->width || strlen(INDENT) + idw + 2 + urlw <= p->width;
    fprintf(p->out, INDENT "%s%s", trawl_buf_str(id), url.len ? (one ? "  " : "\n" INDENT) : "");
    if (url.len)
        fwrite(url.data, 1, url.len, p->out);
    fputc('\n', p->out);
    trawl_status st = url.failed || id->failed
                          ? trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory")
                          : TRAWL_OK;
    trawl_buf_free(&url);
    return st;
}

/* One result: its rank, title, section and score; its id and URL; the passage. */
static trawl_status print_hit(trawl_printer *p, const trawl_hit *h, trawl_buf *line,
                              trawl_error *err)
{
    trawl_buf_reset(line);
    trawl_buf_printf(line, "%u. %s", h->rank, h->title);
    if (*h->section)
        trawl_buf_printf(line, " > %s", h->section);
    trawl_buf_printf(line, "  (score %.3f; %s%s%s%s%s)", h->score, h->lang, *h->kind ? ", " : "",
                     h->kind, *h->published ? ", published " : "", h->published);
    fputc('\n', p->out);
    trawl_status st = print_line(p, line, "", INDENT, STYLE_TITLE, err);
    if (st)
        return st;
    /* The id, and for a PDF the citation: file and page. */
    trawl_buf id = TRAWL_BUF_INIT;
    trawl_buf_puts(&id, h->id);
    if (h->page)
        trawl_buf_printf(&id, "  %s#p%u (page %u)", h->path, h->page, h->page);
    st = print_source(p, &id, h->url, err);
    trawl_buf_free(&id);
    if (!st)
        st = print_passage(p, h, err);
    if (!st && h->ncopies) {
        trawl_buf_reset(line);
        trawl_buf_printf(line, "also in %zu other document%s:", h->ncopies,
                         h->ncopies == 1 ? "" : "s");
        for (size_t i = 0; i < h->ncopies; i++)
            trawl_buf_printf(line, "%s %s", i ? "," : "", h->copies[i].id);
        st = print_line(p, line, INDENT, INDENT "  ", NULL, err);
    }
    if (!st && p->explain)
        print_evidence(p, h);
    if (!st && h->links)
        print_hit_links(p, h->links);
    return st;
}

/* A document of results grouped by document: its title and source, how many of its passages
 * match, then its best passages, each with its id and score. */
static trawl_status print_group(trawl_printer *p, const trawl_results *r, const trawl_doc_group *g,
                                trawl_buf *line, trawl_error *err)
{
    const trawl_hit *best = trawl_results_hit(r, g->first);
    trawl_buf_reset(line);
    trawl_buf_printf(line, "%u. %s  (%s%s%s%s%s)", best->rank, best->title, best->lang,
                     *best->kind ? ", " : "", best->kind, *best->published ? ", published " : "",
                     best->published);
    fputc('\n', p->out);
    trawl_status st = print_line(p, line, "", INDENT, STYLE_TITLE, err);
    trawl_buf_reset(line);
    trawl_buf_puts(line, best->path);
    if (!st)
        st = print_source(p, line, best->url, err);
    trawl_buf_reset(line);
    trawl_buf_printf(line, "%u passage%s match%s", g->passages, g->passages == 1 ? "" : "s",
                     g->passages == 1 ? "es" : "");
    if (g->passages > g->n)
        trawl_buf_printf(line, "; the best %zu:", g->n);
    if (!st)
        st = print_line(p, line, INDENT, INDENT, NULL, err);
    for (size_t i = 0; i < g->n && !st; i++) {
        const trawl_hit *h = trawl_results_hit(r, g->first + i);
        trawl_buf_reset(line);
        trawl_buf_printf(line, "#%u", h->ordinal);
        if (h->page)
            trawl_buf_printf(line, " (page %u)", h->page);
        if (*h->section)
            trawl_buf_printf(line, " %s", h->section);
        trawl_buf_printf(line, "  (score %.3f)", h->score);
        if (!(st = print_line(p, line, INDENT, INDENT, NULL, err)))
            st = print_passage(p, h, err);
    }
    return st;
}

static trawl_status text_results(trawl_printer *p, const trawl_results *r, trawl_error *err)
{
    trawl_buf line = TRAWL_BUF_INIT;
    if (p->label)
        fprintf(p->out, "== %s\n", p->label);
    trawl_status st = print_header(p, r, &line, err);
    size_t ngroups = 0;
    const trawl_doc_group *groups = trawl_results_groups(r, &ngroups);
    for (size_t i = 0; i < ngroups && !st; i++)
        st = print_group(p, r, &groups[i], &line, err);
    for (size_t i = 0; !groups && i < trawl_results_count(r) && !st; i++)
        st = print_hit(p, trawl_results_hit(r, i), &line, err);
    trawl_buf_free(&line);
    for (int f = 0; f < TRAWL_FACET_COUNT && !st; f++) {
        const trawl_report *counts = trawl_results_facet(r, f);
        if (counts) {
            fputc('\n', p->out);
            print_counts(p, counts);
        }
    }
    return st;
}

static trawl_status text_links(trawl_printer *p, const trawl_doc_links *l, trawl_error *err)
{
    (void)err;
    fprintf(p->out, "%s (%s)%s%s\n", l->title, l->path, *l->url ? "  " : "", l->url);
    fprintf(p->out, "links to %zu:\n", l->nout);
    for (size_t i = 0; i < l->nout; i++) {
        const trawl_link_row *r = &l->out[i];
        fprintf(p->out, "  %s -> ", *r->text ? r->text : r->target);
        if (r->path)
            fprintf(p->out, "%s (%s)\n", r->path, r->title);
        else
            fprintf(p->out, "%s (not in the index)\n", r->target);
    }
    fprintf(p->out, "linked from %zu:\n", l->nin);
    for (size_t i = 0; i < l->nin; i++)
        fprintf(p->out, "  %s (%s) by \"%s\"\n", l->in[i].path, l->in[i].title, l->in[i].text);
    return TRAWL_OK;
}

static void text_kwic_begin(trawl_printer *p, const char *query)
{
    fprintf(p->out, "every occurrence of: %s\n", query);
}

/* The occurrence in its context (the match marked as results mark it), then its citation. */
static trawl_status text_kwic_row(trawl_printer *p, const trawl_kwic_row *row, trawl_error *err)
{
    const trawl_hit *h = row->o->hit;
    trawl_buf line = TRAWL_BUF_INIT;
    trawl_buf_printf(&line, "%s%s%s", row->left, row->match, row->right);
    trawl_range mark = {strlen(row->left), strlen(row->left) + strlen(row->match)};
    fputc('\n', p->out);
    trawl_status st = line.failed ? trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory")
                                  : print_para(p, line.data, line.len, &mark, 1, "", "", NULL, err);
    trawl_buf_reset(&line);
    if (st) {
        trawl_buf_free(&line);
        return st;
    }
    trawl_buf_printf(&line, "%s", h->id);
    if (h->page)
        trawl_buf_printf(&line, " (page %u)", h->page);
    trawl_buf_printf(&line, ", %s", h->title);
    if (*h->published)
        trawl_buf_printf(&line, ", %s", h->published);
    st = print_line(p, &line, INDENT, INDENT, NULL, err);
    trawl_buf_free(&line);
    return st;
}

static void text_kwic_end(trawl_printer *p, size_t occurrences, size_t passages)
{
    fprintf(p->out, "\n%zu occurrence%s in %zu passage%s\n", occurrences,
            occurrences == 1 ? "" : "s", passages, passages == 1 ? "" : "s");
}

const trawl_printer_ops trawl_printer_text_ops = {text_results,    text_report,   text_links,
                                                  text_kwic_begin, text_kwic_row, text_kwic_end};
