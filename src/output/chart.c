/* chart.c: SVG bars, stacked bars and timelines, written by hand (SVG is text). */
#include "output/chart.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "facets/facets.h"
#include "output/printer_impl.h"

#define WIDTH 960
#define ROW 22       /* height of a bar's row */
#define TOP 64       /* room for the title */
#define LABELS 300   /* room for labels at the left */
#define MAX_ROWS 30  /* bars drawn at most; the rest are summed in a note */
#define MAX_SERIES 9 /* stacked series at most; the rest are "other" */

static const char *const palette[MAX_SERIES + 1] = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2",
                                                    "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
                                                    "#9c755f", "#bab0ac"};

/* Text with &, <, > and " escaped; long text cut to `max` characters with an ellipsis. */
static void xml_text(FILE *f, const char *s, size_t max)
{
    size_t chars = 0;
    for (; *s; s++) {
        if (((unsigned char)*s & 0xC0) != 0x80 && ++chars > max) {
            fputs("\xe2\x80\xa6", f);
            return;
        }
        switch (*s) {
        case '&':
            fputs("&amp;", f);
            break;
        case '<':
            fputs("&lt;", f);
            break;
        case '>':
            fputs("&gt;", f);
            break;
        case '"':
            fputs("&quot;", f);
            break;
        default:
            fputc(*s, f);
        }
    }
}

static void header(FILE *f, const trawl_report *r, int height)
{
    char title[64];
    trawl_report_title(r, title, sizeof title);
    fprintf(f,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
            "viewBox=\"0 0 %d %d\" font-family=\"DejaVu Sans, Arial, sans-serif\" "
            "font-size=\"12\">\n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n"
            "<text x=\"16\" y=\"26\" font-size=\"16\" font-weight=\"bold\">",
            WIDTH, height, WIDTH, height);
    xml_text(f, title, 60);
    fprintf(f, ": %zu %s</text>\n<text x=\"16\" y=\"46\" fill=\"#555\">", r->total,
            trawl_report_unit(r));
    xml_text(f, *r->query ? r->query : "the whole index", 120);
    fputs("</text>\n", f);
}

static size_t max_count(const trawl_report_row *rows, size_t n)
{
    size_t m = 1;
    for (size_t i = 0; i < n; i++)
        if (rows[i].count > m)
            m = rows[i].count;
    return m;
}

/* Horizontal bars, one per value, longest first as the report sorts them. */
static void bars(FILE *f, const trawl_report *r)
{
    size_t n = r->nrows < MAX_ROWS ? r->nrows : MAX_ROWS;
    double scale = (WIDTH - LABELS - 80) / (double)max_count(r->rows, r->nrows);
    header(f, r, TOP + (int)(n + 1) * ROW + 20);
    for (size_t i = 0; i < n; i++) {
        int y = TOP + (int)i * ROW;
        double w = r->rows[i].count * scale;
        fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", LABELS - 8, y + 15);
        xml_text(f, r->rows[i].label, 44);
        fprintf(f,
                "</text>\n<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>\n"
                "<text x=\"%.1f\" y=\"%d\">%zu</text>\n",
                LABELS, y + 3, w, ROW - 6, palette[0], LABELS + w + 6, y + 15, r->rows[i].count);
    }
    if (r->nrows > n)
        fprintf(f, "<text x=\"%d\" y=\"%d\" fill=\"#555\">and %zu more values</text>\n", LABELS,
                TOP + (int)n * ROW + 15, r->nrows - n);
}

/* Columns for years, every year between the first and the last, in order. */
static void timeline(FILE *f, const trawl_report *r)
{
    int first = 0, last = 0;
    for (size_t i = 0; i < r->nrows; i++) {
        int y = atoi(r->rows[i].value);
        if (!first || y < first)
            first = y;
        if (y > last)
            last = y;
    }
    int years = r->nrows ? last - first + 1 : 1;
    int height = 360, base = TOP + 240;
    double col = (WIDTH - 80) / (double)years;
    double scale = 220.0 / max_count(r->rows, r->nrows);
    header(f, r, height);
    fprintf(f, "<line x1=\"40\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>\n", base,
            WIDTH - 40, base);
    for (size_t i = 0; i < r->nrows; i++) {
        int y = atoi(r->rows[i].value);
        double x = 40 + (y - first) * col;
        double h = r->rows[i].count * scale;
        fprintf(f,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>\n"
                "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%zu</text>\n",
                x + col * 0.15, base - h, col * 0.7, h, palette[0], x + col / 2, base - h - 4,
                r->rows[i].count);
    }
    for (int y = first; r->nrows && y <= last; y++)
        fprintf(f, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>\n",
                40 + (y - first) * col + col / 2, base + 16, y);
}

/* The length of row i's stack: a passage with two values of the column facet is in two
 * segments, so a stack can be longer than the row's count. */
static size_t stack_length(const trawl_report *r, size_t i)
{
    size_t sum = 0;
    for (size_t j = 0; j < r->ncols; j++)
        sum += r->cells[i * r->ncols + j];
    return sum;
}

/* Stacked bars: a bar per row value, a colour per column value. */
static void stacked(FILE *f, const trawl_report *r)
{
    size_t n = r->nrows < MAX_ROWS ? r->nrows : MAX_ROWS;
    size_t series = r->ncols < MAX_SERIES ? r->ncols : MAX_SERIES;
    size_t longest = 1;
    for (size_t i = 0; i < r->nrows; i++)
        if (stack_length(r, i) > longest)
            longest = stack_length(r, i);
    double scale = (WIDTH - LABELS - 80) / (double)longest;
    int legend = TOP + (int)n * ROW + 20;
    header(f, r, legend + (int)(series + 1) * 18 + 20);
    for (size_t i = 0; i < n; i++) {
        int y = TOP + (int)i * ROW;
        double x = LABELS;
        fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", LABELS - 8, y + 15);
        xml_text(f, r->rows[i].label, 44);
        fputs("</text>\n", f);
        size_t other = 0;
        for (size_t j = 0; j < r->ncols; j++) {
            size_t c = r->cells[i * r->ncols + j];
            if (j >= series) {
                other += c;
                continue;
            }
            fprintf(f, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>\n", x,
                    y + 3, c * scale, ROW - 6, palette[j]);
            x += c * scale;
        }
        if (other)
            fprintf(f, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>\n", x,
                    y + 3, other * scale, ROW - 6, palette[MAX_SERIES]);
        fprintf(f, "<text x=\"%.1f\" y=\"%d\">%zu</text>\n", x + other * scale + 6, y + 15,
                r->rows[i].count);
    }
    for (size_t j = 0; j <= series && j <= r->ncols; j++) {
        if (j == series && r->ncols <= series)
            break;
        int y = legend + (int)j * 18;
        fprintf(f,
                "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>\n"
                "<text x=\"%d\" y=\"%d\">",
                LABELS, y, palette[j < series ? j : MAX_SERIES], LABELS + 18, y + 11);
        xml_text(f, j < series ? r->cols[j].label : "other", 50);
        fputs("</text>\n", f);
    }
}

/* The registry: a row per center, a dot at the year it was first found. */
static void registry(FILE *f, const trawl_report *r)
{
    int first = 0, last = 0;
    for (size_t i = 0; i < r->ncenters; i++) {
        int y = r->centers[i].earliest;
        if (y && (!first || y < first))
            first = y;
        if (y > last)
            last = y;
    }
    if (!first)
        first = last = 2018;
    int years = last - first + 1, labels = LABELS + 140;
    double col = (WIDTH - labels - 40) / (double)years;
    int n = (int)r->ncenters;
    header(f, r, TOP + (n + 2) * ROW + 10);
    for (int y = first; y <= last; y++) {
        double x = labels + (y - first) * col + col / 2;
        fprintf(f,
                "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>\n"
                "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>\n",
                x, TOP, x, TOP + n * ROW, x, TOP + n * ROW + 16, y);
    }
    for (int i = 0; i < n; i++) {
        const trawl_registry_row *c = &r->centers[i];
        int y = TOP + i * ROW;
        fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", labels - 8, y + 15);
        xml_text(f, c->name, 44);
        if (*c->province_name) {
            fputs(" (", f);
            xml_text(f, c->province_name, 20);
            fputc(')', f);
        }
        fputs("</text>\n", f);
        if (c->earliest)
            fprintf(f, "<circle cx=\"%.1f\" cy=\"%d\" r=\"6\" fill=\"%s\"/>\n",
                    labels + (c->earliest - first) * col + col / 2, y + 11, palette[0]);
        else
            fprintf(f, "<text x=\"%d\" y=\"%d\" fill=\"#888\">year not found</text>\n", labels,
                    y + 15);
    }
}

trawl_status trawl_chart_svg(const trawl_report *r, const char *path, trawl_error *err)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return trawl_error_set(err, TRAWL_ERR_IO, "%s: cannot write: %s", path, strerror(errno));
    if (r->spec.kind == TRAWL_REPORT_REGISTRY)
        registry(f, r);
    else if (r->spec.kind == TRAWL_REPORT_CROSSTAB)
        stacked(f, r);
    else if (r->spec.facets[0] == TRAWL_FACET_YEAR)
        timeline(f, r);
    else
        bars(f, r);
    fputs("</svg>\n", f);
    if (ferror(f) | fclose(f))
        return trawl_error_set(err, TRAWL_ERR_IO, "%s: writing failed", path);
    return TRAWL_OK;
}
