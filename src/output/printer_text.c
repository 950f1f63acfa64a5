/* printer_text.c: results and reports for people. Each hit: rank, title and section, score;
 * the passage id (path#ordinal) and URL; the passage wrapped to the width, highlights marked;
 * with --explain, each facet value and the words that gave it. Facet counts and reports are
 * aligned tables. */
#include <string.h>

#include "facets/facets.h"
#include "output/printer_impl.h"

#define WRAP_COLUMNS 96
#define INDENT "   "

static void mark(const trawl_printer *p, bool open)
{
    if (p->terminal)
        fputs(open ? "\033[1m" : "\033[0m", p->out);
    else
        fputc(open ? '[' : ']', p->out);
}

/* Width in characters of the word at the start of s[0, len). */
static size_t word_width(const char *s, size_t len)
{
    size_t w = 0;
    for (size_t i = 0; i < len && s[i] != ' ' && s[i] != '\n' && s[i] != '\t'; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            w++;
    return w;
}

/* Writes the passage wrapped at spaces, newlines in the source made spaces, highlights
 * marked. Columns count characters (UTF-8 lead bytes). */
static void print_passage(const trawl_printer *p, const trawl_hit *h)
{
    size_t next = 0, col = 0;
    bool inside = false;
    fputs(INDENT, p->out);
    for (size_t i = 0; i < h->text_len; i++) {
        if (inside && i == h->highlights[next].end) {
            mark(p, false);
            inside = false;
            next++;
        }
        if (!inside && next < h->nhighlights && i == h->highlights[next].start) {
            mark(p, true);
            inside = true;
        }
        char c = h->text[i];
        if (c == '\n' || c == '\r' || c == '\t')
            c = ' ';
        if (c == ' ' && col + 1 + word_width(h->text + i + 1, h->text_len - i - 1) > WRAP_COLUMNS &&
            col > 0) {
            fputs("\n" INDENT, p->out);
            col = 0;
            continue;
        }
        fputc(c, p->out);
        if (((unsigned char)c & 0xC0) != 0x80)
            col++;
    }
    if (inside)
        mark(p, false);
    fputc('\n', p->out);
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

/* A table of values: count, value, name (the name column only where it says more). */
static void print_rows(const trawl_printer *p, const trawl_report_row *rows, size_t n)
{
    size_t vw = 5;
    for (size_t i = 0; i < n; i++)
        if (trawl_display_width(rows[i].value) > vw)
            vw = trawl_display_width(rows[i].value);
    for (size_t i = 0; i < n; i++) {
        fprintf(p->out, "  %8zu  %s", rows[i].count, rows[i].value);
        if (strcmp(rows[i].label, rows[i].value) != 0) {
            pad(p->out, trawl_display_width(rows[i].value), vw + 2);
            fputs(rows[i].label, p->out);
        }
        fputc('\n', p->out);
    }
}

static void print_counts(const trawl_printer *p, const trawl_report *r)
{
    fprintf(p->out, "%s: %zu value%s over %zu %.*s\n", trawl_facet_name(r->spec.facets[0]),
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

static void print_crosstab(const trawl_printer *p, const trawl_report *r)
{
    char title[64];
    trawl_report_title(r, title, sizeof title);
    fprintf(p->out,
            "%s over %zu %s\n(a total counts the %s with its value; one %s can have several)\n",
            title, r->total, trawl_report_unit(r), trawl_report_unit(r),
            r->spec.documents ? "document" : "passage");
    size_t rw = 5;
    for (size_t i = 0; i < r->nrows; i++)
        if (shown(&r->rows[i]) && trawl_display_width(r->rows[i].value) > rw)
            rw = trawl_display_width(r->rows[i].value);
    fputs(trawl_facet_name(r->spec.facets[0]), p->out);
    pad(p->out, trawl_display_width(trawl_facet_name(r->spec.facets[0])), rw);
    for (size_t j = 0; j < r->ncols; j++)
        if (shown(&r->cols[j]))
            fprintf(p->out, "  %*s", (int)column_width(&r->cols[j]), r->cols[j].value);
    fputs("  total\n", p->out);
    for (size_t i = 0; i < r->nrows; i++) {
        if (!shown(&r->rows[i]))
            continue;
        fputs(r->rows[i].value, p->out);
        pad(p->out, trawl_display_width(r->rows[i].value), rw);
        for (size_t j = 0; j < r->ncols; j++)
            if (shown(&r->cols[j]))
                fprintf(p->out, "  %*zu", (int)column_width(&r->cols[j]),
                        r->cells[i * r->ncols + j]);
        fprintf(p->out, "  %5zu\n", r->rows[i].count);
    }
    fputs("total", p->out);
    pad(p->out, 5, rw);
    for (size_t j = 0; j < r->ncols; j++)
        if (shown(&r->cols[j]))
            fprintf(p->out, "  %*zu", (int)column_width(&r->cols[j]), r->cols[j].count);
    fprintf(p->out, "  %5zu\n", r->total);
}

static void print_registry(const trawl_printer *p, const trawl_report *r)
{
    size_t kw = 6, nw = 4, pw = 8;
    for (size_t i = 0; i < r->ncenters; i++) {
        const trawl_registry_row *c = &r->centers[i];
        if (trawl_display_width(c->key) > kw)
            kw = trawl_display_width(c->key);
        if (trawl_display_width(c->name) > nw)
            nw = trawl_display_width(c->name);
        if (trawl_display_width(c->province_name) > pw)
            pw = trawl_display_width(c->province_name);
    }
    fputs("center", p->out);
    pad(p->out, 6, kw + 2);
    fputs("name", p->out);
    pad(p->out, 4, nw + 2);
    fputs("province", p->out);
    pad(p->out, 8, pw + 2);
    fputs("earliest  passages  documents\n", p->out);
    for (size_t i = 0; i < r->ncenters; i++) {
        const trawl_registry_row *c = &r->centers[i];
        fputs(c->key, p->out);
        pad(p->out, trawl_display_width(c->key), kw + 2);
        fputs(c->name, p->out);
        pad(p->out, trawl_display_width(c->name), nw + 2);
        fputs(*c->province_name ? c->province_name : "-", p->out);
        pad(p->out, *c->province_name ? trawl_display_width(c->province_name) : 1, pw + 2);
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
}

static trawl_status text_report(trawl_printer *p, const trawl_report *r, trawl_error *err)
{
    (void)err;
    if (*r->query)
        fprintf(p->out, "query: %s\n", r->query);
    if (r->spec.kind == TRAWL_REPORT_COUNTS)
        print_counts(p, r);
    else if (r->spec.kind == TRAWL_REPORT_CROSSTAB)
        print_crosstab(p, r);
    else
        print_registry(p, r);
    return TRAWL_OK;
}

static trawl_status text_results(trawl_printer *p, const trawl_results *r, trawl_error *err)
{
    (void)err;
    unsigned total = trawl_results_total(r);
    size_t count = trawl_results_count(r);
    size_t clauses = 0, relaxed = trawl_results_relaxed(r, &clauses), nsug = 0;
    const trawl_suggestion *sug = trawl_results_suggestions(r, &nsug);
    if (total == 0)
        fprintf(p->out, "no passages match: %s", trawl_results_query(r));
    else if (relaxed)
        fprintf(p->out,
                "no passage matches all %zu words and phrases of: %s\n"
                "%u passage%s match%s %zu of them, as partial matches",
                clauses, trawl_results_query(r), total, total == 1 ? "" : "s",
                total == 1 ? "es" : "", relaxed);
    else
        fprintf(p->out, "%u passage%s match%s: %s", total, total == 1 ? "" : "s",
                total == 1 ? "es" : "", trawl_results_query(r));
    if (count > 0 && count < total)
        fprintf(p->out, " (showing %u-%zu)", trawl_results_offset(r) + 1,
                trawl_results_offset(r) + count);
    else if (total > 0 && count == 0 && trawl_results_offset(r) >= total)
        fprintf(p->out, " (none from %u)", trawl_results_offset(r) + 1);
    fputc('\n', p->out);
    for (size_t i = 0; i < nsug; i++) {
        if (sug[i].suggestion)
            fprintf(p->out, "no passage has \"%s\"; did you mean \"%s\"?\n", sug[i].word,
                    sug[i].suggestion);
        else
            fprintf(p->out, "no passage has \"%s\", nor a word close to it\n", sug[i].word);
    }
    size_t nexp = 0;
    const trawl_expansion *exp = trawl_results_expansions(r, &nexp);
    for (size_t i = 0; p->explain && i < nexp; i++) {
        fprintf(p->out, "glossary: %s matches ", exp[i].term);
        for (size_t k = 0; k < exp[i].n; k++)
            fprintf(p->out, "%s%s", k ? " = " : "", exp[i].members[k]);
        fputc('\n', p->out);
    }
    for (size_t i = 0; i < count; i++) {
        const trawl_hit *h = trawl_results_hit(r, i);
        fprintf(p->out, "\n%u. %s", h->rank, h->title);
        if (*h->section)
            fprintf(p->out, " > %s", h->section);
        fprintf(p->out, "  (score %.3f; %s%s%s)\n" INDENT "%s", h->score, h->lang,
                *h->kind ? ", " : "", h->kind, h->id);
        if (*h->url)
            fprintf(p->out, "  %s", h->url);
        fputc('\n', p->out);
        print_passage(p, h);
        if (p->explain)
            print_evidence(p, h);
        if (h->links)
            print_hit_links(p, h->links);
    }
    for (int f = 0; f < TRAWL_FACET_COUNT; f++) {
        const trawl_report *counts = trawl_results_facet(r, f);
        if (counts) {
            fputc('\n', p->out);
            print_counts(p, counts);
        }
    }
    return TRAWL_OK;
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

const trawl_printer_ops trawl_printer_text_ops = {text_results, text_report, text_links};
