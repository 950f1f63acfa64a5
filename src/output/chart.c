/* chart.c: SVG written by hand (SVG is text) with a layout that measures its labels; PNG through
 * librsvg and cairo (png.h). */
#include "output/chart.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "facets/facets.h"
#include "output/png.h"
#include "output/printer_impl.h"

#define WIDTH 960
#define FONT 12          /* px */
#define COLUMN_PX 7.2    /* one display column of 12 px DejaVu Sans (0.6 em); wide chars: two */
#define ROW 24           /* height of a bar's row */
#define TOP 64           /* room for the title */
#define MAX_LABEL_PX 320 /* the widest column of labels */
#define MAX_ROWS 30      /* bars drawn at most; the rest are summed in a note */
#define MAX_SERIES 9     /* stacked series at most; the rest are "other" */
#define TICK_GAP_PX 44   /* year labels at least this far apart */

static const char *const palette[MAX_SERIES + 1] = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2",
                                                    "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
                                                    "#9c755f", "#bab0ac"};

/* Pixels `s` takes at the chart's font size. */
static double text_px(const char *s)
{
    return (double)trawl_display_width(s) * COLUMN_PX;
}

static void escaped(trawl_buf *o, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&':
            trawl_buf_puts(o, "&amp;");
            break;
        case '<':
            trawl_buf_puts(o, "&lt;");
            break;
        case '>':
            trawl_buf_puts(o, "&gt;");
            break;
        case '"':
            trawl_buf_puts(o, "&quot;");
            break;
        default:
            trawl_buf_putc(o, *s);
        }
    }
}

/* A text at (x, y) with `attrs`; shortened to `max_px` with an ellipsis when wider, its full
 * text then kept as a tooltip. */
static void label(trawl_buf *o, double x, double y, const char *attrs, const char *s, double max_px)
{
    trawl_buf_printf(o, "<text x=\"%.1f\" y=\"%.1f\"%s%s>", x, y, *attrs ? " " : "", attrs);
    if (max_px > 0 && text_px(s) > max_px) {
        trawl_buf shortened = TRAWL_BUF_INIT;
        trawl_shortened(s, (size_t)(max_px / COLUMN_PX), &shortened);
        trawl_buf_puts(o, "<title>");
        escaped(o, s);
        trawl_buf_puts(o, "</title>");
        escaped(o, trawl_buf_str(&shortened));
        if (shortened.failed)
            o->failed = true;
        trawl_buf_free(&shortened);
    } else {
        escaped(o, s);
    }
    trawl_buf_puts(o, "</text>\n");
}

static void header(trawl_buf *o, const trawl_report *r, int height)
{
    char title[64], line[160];
    trawl_report_title(r, title, sizeof title);
    trawl_buf_printf(o,
                     "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                     "viewBox=\"0 0 %d %d\" font-family=\"DejaVu Sans, Arial, WenQuanYi Zen Hei, "
                     "Noto Sans CJK SC, sans-serif\" "
                     "font-size=\"%d\">\n<rect width=\"%d\" height=\"%d\" fill=\"white\"/>\n",
                     WIDTH, height, WIDTH, height, FONT, WIDTH, height);
    const char *unit = trawl_report_unit(r);
    snprintf(line, sizeof line, "%s: %zu %.*s", title, r->total,
             (int)strlen(unit) - (r->total == 1 ? 1 : 0), unit);
    label(o, 16, 26, "font-size=\"16\" font-weight=\"bold\"", line, (WIDTH - 32) / 1.34);
    label(o, 16, 46, "fill=\"#555\"", *r->query ? r->query : "the whole index", WIDTH - 32);
}

/* The source line at the bottom: the query, the index, the day. */
static void source(trawl_buf *o, const trawl_report *r, const trawl_chart_source *src, int y)
{
    trawl_buf line = TRAWL_BUF_INIT;
    trawl_buf_printf(&line, "Trawl, %s", *r->query ? r->query : "the whole index");
    if (src && src->index)
        trawl_buf_printf(&line, "; index %.16s", src->index);
    if (src && src->date)
        trawl_buf_printf(&line, "; %s", src->date);
    label(o, 16, y, "fill=\"#777\" font-size=\"10\"", trawl_buf_str(&line),
          (WIDTH - 32) * 12.0 / 10.0);
    if (line.failed)
        o->failed = true;
    trawl_buf_free(&line);
}

/* The step of value ticks from 0 so that at most `most` fit below `max`: 1, 2 or 5 times a
 * power of ten. */
static size_t value_step(size_t max, size_t most)
{
    for (size_t p = 1;; p *= 10)
        for (size_t m = 1; m <= 5; m += m == 1 ? 1 : 3)
            if (max / (m * p) < most)
                return m * p;
}

/* The step of year ticks for `px_per_year`: 1, 2, 5, 10, 20, 25, 50 or 100 years. */
static int year_step(double px_per_year)
{
    static const int steps[] = {1, 2, 5, 10, 20, 25, 50, 100};
    for (size_t i = 0; i < sizeof steps / sizeof *steps; i++)
        if (steps[i] * px_per_year >= TICK_GAP_PX)
            return steps[i];
    return 200;
}

/* The year axis of columns `col` px wide from x0 (year `first`): a tick from y1 to y2 in
 * `stroke` and a label at `label_y` for every year_step-th year. */
static void year_ticks(trawl_buf *o, int first, int last, double x0, double col, int y1, int y2,
                       const char *stroke, int label_y)
{
    int step = year_step(col);
    for (int y = (first + step - 1) / step * step; y <= last; y += step) {
        char year[16];
        snprintf(year, sizeof year, "%d", y);
        double x = x0 + (y - first) * col + col / 2;
        trawl_buf_printf(o, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\"/>\n",
                         x, y1, x, y2, stroke);
        label(o, x, label_y, "text-anchor=\"middle\"", year, 0);
    }
}

/* A horizontal value axis from x0 (0) at `scale` px per unit up to `max`, below y. */
static void value_axis_x(trawl_buf *o, double x0, double scale, size_t max, int y_top, int y)
{
    size_t step = value_step(max, 6);
    for (size_t v = 0; v <= max; v += step) {
        double x = x0 + (double)v * scale;
        char n[32];
        snprintf(n, sizeof n, "%zu", v);
        trawl_buf_printf(o,
                         "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#e4e4e4\"/>\n",
                         x, y_top, x, y);
        label(o, x, y + 15, "text-anchor=\"middle\" fill=\"#555\"", n, 0);
    }
}

/* The largest value to draw up to: `max` rounded up to a tick. */
static size_t axis_max(size_t max)
{
    size_t step = value_step(max ? max : 1, 6);
    return (max + step - 1) / step * step;
}

static size_t max_count(const trawl_report_row *rows, size_t n)
{
    size_t m = 1;
    for (size_t i = 0; i < n; i++)
        if (rows[i].count > m)
            m = rows[i].count;
    return m;
}

/* The width of a column of labels: the widest, within MAX_LABEL_PX. */
static double label_column(const char *const *labels, size_t n)
{
    double w = 60;
    for (size_t i = 0; i < n; i++)
        if (text_px(labels[i]) > w)
            w = text_px(labels[i]);
    return w > MAX_LABEL_PX ? MAX_LABEL_PX : w;
}

/* Horizontal bars, one per value, longest first as the report sorts them, on a value axis. */
static void bars(trawl_buf *o, const trawl_report *r, const trawl_chart_source *src)
{
    size_t n = r->nrows < MAX_ROWS ? r->nrows : MAX_ROWS;
    const char *labels[MAX_ROWS];
    for (size_t i = 0; i < n; i++)
        labels[i] = r->rows[i].label;
    double lw = label_column(labels, n), x0 = 16 + lw + 8;
    size_t top = axis_max(max_count(r->rows, r->nrows));
    double scale = (WIDTH - x0 - 56) / (double)top;
    int axis = TOP + (int)n * ROW, height = axis + 24 + (r->nrows > n ? 20 : 0) + 30;
    header(o, r, height);
    value_axis_x(o, x0, scale, top, TOP, axis);
    for (size_t i = 0; i < n; i++) {
        int y = TOP + (int)i * ROW;
        double w = (double)r->rows[i].count * scale;
        char count[32];
        snprintf(count, sizeof count, "%zu", r->rows[i].count);
        label(o, x0 - 8, y + 16, "text-anchor=\"end\"", r->rows[i].label, lw);
        trawl_buf_printf(o,
                         "<rect x=\"%.1f\" y=\"%d\" width=\"%.2f\" height=\"%d\" fill=\"%s\" "
                         "data-value=\"%zu\"/>\n",
                         x0, y + 4, w, ROW - 8, palette[0], r->rows[i].count);
        label(o, x0 + w + 5, y + 16, "", count, 0);
    }
    if (r->nrows > n) {
        char more[64];
        snprintf(more, sizeof more, "and %zu more values", r->nrows - n);
        label(o, x0, axis + 38, "fill=\"#555\"", more, 0);
    }
    source(o, r, src, height - 10);
}

/* Columns for years, every year of the span (the query's year filter, else the years found),
 * on a value axis; year labels as far apart as they need, counts where they fit. */
static void timeline(trawl_buf *o, const trawl_report *r, const trawl_chart_source *src)
{
    int first = r->first_year, last = r->last_year;
    if (!first) {
        for (size_t i = 0; i < r->nrows; i++) {
            int y = r->rows[i].none ? 0 : atoi(r->rows[i].value);
            if (y && (!first || y < first))
                first = y;
            if (y > last)
                last = y;
        }
    }
    if (!first)
        first = last = 2018;
    int years = last - first + 1, height = 400, base = TOP + 260, x0 = 56;
    double col = (WIDTH - x0 - 24) / (double)years;
    size_t top = axis_max(max_count(r->rows, r->nrows));
    double scale = 240.0 / (double)top;
    header(o, r, height);
    for (size_t v = 0, step = value_step(top, 6); v <= top; v += step) {
        char n[32];
        snprintf(n, sizeof n, "%zu", v);
        double y = base - (double)v * scale;
        trawl_buf_printf(o, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\"/>\n",
                         x0, y, WIDTH - 24, y, v ? "#e4e4e4" : "#333");
        label(o, x0 - 6, y + 4, "text-anchor=\"end\" fill=\"#555\"", n, 0);
    }
    for (size_t i = 0; i < r->nrows; i++) {
        int y = r->rows[i].none ? 0 : atoi(r->rows[i].value);
        if (y < first || y > last)
            continue;
        double x = x0 + (y - first) * col, h = (double)r->rows[i].count * scale;
        char count[32];
        snprintf(count, sizeof count, "%zu", r->rows[i].count);
        trawl_buf_printf(o,
                         "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"%s\" "
                         "data-value=\"%zu\"/>\n",
                         x + col * 0.1, base - h, col * 0.8, h, palette[0], r->rows[i].count);
        if (text_px(count) + 2 <= col)
            label(o, x + col / 2, base - h - 4, "text-anchor=\"middle\"", count, 0);
    }
    year_ticks(o, first, last, x0, col, base, base + 4, "#333", base + 18);
    source(o, r, src, height - 10);
}

/* Stacked bars: a bar per row value, a segment per column value drawn (the most frequent
 * MAX_SERIES of those in the bars drawn, the rest as "other"), each bar numbered with the sum
 * of its segments; a legend of the series drawn. */
static void stacked(trawl_buf *o, const trawl_report *r, const trawl_chart_source *src)
{
    size_t n = r->nrows < MAX_ROWS ? r->nrows : MAX_ROWS;
    /* The series: columns by their sum over the rows drawn. */
    size_t *sums = calloc(r->ncols ? r->ncols : 1, sizeof *sums);
    size_t *order = calloc(r->ncols ? r->ncols : 1, sizeof *order);
    int *series = calloc(r->ncols ? r->ncols : 1, sizeof *series);
    if (!sums || !order || !series) {
        o->failed = true;
        goto cleanup;
    }
    for (size_t j = 0; j < r->ncols; j++) {
        order[j] = j;
        for (size_t i = 0; i < n; i++)
            sums[j] += r->cells[i * r->ncols + j];
    }
    for (size_t a = 1; a < r->ncols; a++) /* by sum, then column order: stable insertion */
        for (size_t b = a; b > 0 && sums[order[b]] > sums[order[b - 1]]; b--) {
            size_t t = order[b];
            order[b] = order[b - 1];
            order[b - 1] = t;
        }
    size_t drawn = 0;
    bool other = false;
    for (size_t k = 0; k < r->ncols; k++) {
        size_t j = order[k];
        if (!sums[j])
            series[j] = -1;
        else if (drawn < MAX_SERIES)
            series[j] = (int)drawn++;
        else
            series[j] = MAX_SERIES, other = true;
    }
    size_t longest = 1;
    for (size_t i = 0; i < n; i++) {
        size_t sum = 0;
        for (size_t j = 0; j < r->ncols; j++)
            sum += r->cells[i * r->ncols + j];
        if (sum > longest)
            longest = sum;
    }
    const char *labels[MAX_ROWS];
    for (size_t i = 0; i < n; i++)
        labels[i] = r->rows[i].label;
    double lw = label_column(labels, n), x0 = 16 + lw + 8;
    size_t top = axis_max(longest);
    double scale = (WIDTH - x0 - 56) / (double)top;
    int axis = TOP + (int)n * ROW, note = axis + 38 + (r->nrows > n ? 20 : 0), legend = note + 22;
    int height = legend + (int)(drawn + other) * 18 + 34;
    header(o, r, height);
    value_axis_x(o, x0, scale, top, TOP, axis);
    for (size_t i = 0; i < n; i++) {
        int y = TOP + (int)i * ROW;
        size_t sum = 0;
        for (size_t j = 0; j < r->ncols; j++)
            sum += r->cells[i * r->ncols + j];
        label(o, x0 - 8, y + 16, "text-anchor=\"end\"", r->rows[i].label, lw);
        trawl_buf_printf(o, "<g data-bar=\"%zu\">\n", sum);
        double x = x0;
        for (int s = 0; s <= MAX_SERIES; s++) {
            size_t c = 0;
            for (size_t j = 0; j < r->ncols; j++)
                if (series[j] == s)
                    c += r->cells[i * r->ncols + j];
            if (!c)
                continue;
            trawl_buf_printf(o,
                             "<rect x=\"%.2f\" y=\"%d\" width=\"%.2f\" height=\"%d\" fill=\"%s\" "
                             "data-value=\"%zu\"/>\n",
                             x, y + 4, (double)c * scale, ROW - 8, palette[s], c);
            x += (double)c * scale;
        }
        char count[32];
        snprintf(count, sizeof count, "%zu", sum);
        label(o, x + 5, y + 16, "", count, 0);
        trawl_buf_puts(o, "</g>\n");
    }
    if (r->nrows > n) {
        char more[64];
        snprintf(more, sizeof more, "and %zu more values", r->nrows - n);
        label(o, x0, axis + 38, "fill=\"#555\"", more, 0);
    }
    char note_text[160];
    snprintf(note_text, sizeof note_text,
             "A bar's number is the sum of its segments: a %s with several %s values counts in "
             "each of their segments.",
             r->spec.documents ? "document" : "passage", trawl_report_facet_name(&r->spec, 1));
    label(o, 16, note, "fill=\"#555\"", note_text, WIDTH - 32);
    for (int s = 0, line = 0; s <= MAX_SERIES; s++) {
        const char *name = NULL;
        for (size_t j = 0; j < r->ncols && !name; j++)
            if (series[j] == s)
                name = s == MAX_SERIES ? "other" : r->cols[j].label;
        if (!name)
            continue;
        int y = legend + line++ * 18;
        trawl_buf_printf(o, "<rect x=\"%.1f\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>\n",
                         x0, y, palette[s]);
        label(o, x0 + 18, y + 11, "", name, WIDTH - x0 - 40);
    }
    source(o, r, src, height - 10);
cleanup:
    free(sums);
    free(order);
    free(series);
}

/* The registry: a row per center, a dot at the year it was first found, on a timeline. */
static void registry(trawl_buf *o, const trawl_report *r, const trawl_chart_source *src)
{
    int first = r->first_year, last = r->last_year;
    for (size_t i = 0; !r->first_year && i < r->ncenters; i++) {
        int y = r->centers[i].earliest;
        if (y && (!first || y < first))
            first = y;
        if (y > last)
            last = y;
    }
    if (!first)
        first = last = 2018;
    trawl_buf names = TRAWL_BUF_INIT;
    const char **labels = calloc(r->ncenters ? r->ncenters : 1, sizeof *labels);
    size_t *at = calloc(r->ncenters ? r->ncenters : 1, sizeof *at);
    if (!labels || !at) {
        o->failed = true;
        goto cleanup;
    }
    for (size_t i = 0; i < r->ncenters; i++) {
        at[i] = names.len;
        trawl_buf_puts(&names, r->centers[i].name);
        if (*r->centers[i].province_name)
            trawl_buf_printf(&names, " (%s)", r->centers[i].province_name);
        trawl_buf_putc(&names, '\0');
    }
    if (names.failed) {
        o->failed = true;
        goto cleanup;
    }
    for (size_t i = 0; i < r->ncenters; i++)
        labels[i] = names.data + at[i];
    double lw = label_column(labels, r->ncenters), x0 = 16 + lw + 8;
    int years = last - first + 1, n = (int)r->ncenters;
    double col = (WIDTH - x0 - 24) / (double)years;
    int axis = TOP + n * ROW, height = axis + 24 + 30;
    header(o, r, height);
    year_ticks(o, first, last, x0, col, TOP, axis, "#e4e4e4", axis + 16);
    for (int i = 0; i < n; i++) {
        const trawl_registry_row *c = &r->centers[i];
        int y = TOP + i * ROW;
        label(o, x0 - 8, y + 16, "text-anchor=\"end\"", labels[i], lw);
        if (c->earliest >= first && c->earliest <= last)
            trawl_buf_printf(o, "<circle cx=\"%.1f\" cy=\"%d\" r=\"6\" fill=\"%s\"/>\n",
                             x0 + (c->earliest - first) * col + col / 2, y + 12, palette[0]);
        else if (!c->earliest)
            label(o, x0, y + 16, "fill=\"#888\"", "year not found", 0);
    }
    source(o, r, src, height - 10);
cleanup:
    trawl_buf_free(&names);
    free(labels);
    free(at);
}

trawl_status trawl_chart_svg(const trawl_report *r, const trawl_chart_source *src, trawl_buf *out,
                             trawl_error *err)
{
    trawl_buf_reset(out);
    if (r->spec.kind == TRAWL_REPORT_REGISTRY)
        registry(out, r, src);
    else if (r->spec.kind == TRAWL_REPORT_CROSSTAB)
        stacked(out, r, src);
    else if (r->spec.facets[0] == TRAWL_FACET_YEAR ||
             (r->spec.facets[0] == TRAWL_FACET_PUBLISHED && !r->spec.by_month))
        timeline(out, r, src);
    else
        bars(out, r, src);
    trawl_buf_puts(out, "</svg>\n");
    return out->failed ? trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory drawing a chart")
                       : TRAWL_OK;
}

trawl_status trawl_chart_write(const trawl_report *r, const trawl_chart_source *src,
                               const char *path, trawl_error *err)
{
    trawl_buf svg = TRAWL_BUF_INIT;
    trawl_status st = trawl_chart_svg(r, src, &svg, err);
    size_t len = strlen(path);
    if (!st && len > 4 && strcmp(path + len - 4, ".png") == 0) {
        st = trawl_svg_to_png(svg.data, svg.len, WIDTH, 600, path, err);
    } else if (!st) {
        FILE *f = fopen(path, "w");
        if (!f) {
            st = trawl_error_set(err, TRAWL_ERR_IO, "%s: cannot write: %s", path, strerror(errno));
        } else {
            fwrite(svg.data, 1, svg.len, f);
            if (ferror(f) | fclose(f))
                st = trawl_error_set(err, TRAWL_ERR_IO, "%s: writing failed", path);
        }
    }
    trawl_buf_free(&svg);
    return st;
}
