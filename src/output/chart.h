/* chart.h: a report drawn as a picture fit to publish: counts of one facet as horizontal bars
 * on a value axis; years as a timeline of columns whose axis spans the query's year filter (or
 * the years found), ticked every 1, 2, 5, 10, 20 ... years as the width allows; a cross-tab as
 * stacked bars, each numbered with the sum of its segments, and a legend of the series drawn;
 * the center registry as a timeline of the year each center was first found. Labels that do
 * not fit are shortened with an ellipsis, their full text kept as a tooltip (<title>); value
 * labels are drawn only where they fit; a source line (query, index, date) ends each chart.
 * Text is measured by display columns (East Asian wide characters count two). */
#ifndef TRAWL_CHART_H
#define TRAWL_CHART_H

#include "common/buf.h"
#include "common/status.h"
#include "search/report.h"

/* Where a chart comes from, for its source line. */
typedef struct trawl_chart_source {
    const char *index; /* the index's fingerprint (search/fingerprint.h), or NULL */
    const char *date;  /* the day it was drawn, YYYY-MM-DD, or NULL */
} trawl_chart_source;

/* The SVG of `r` into `out` (reset first). */
trawl_status trawl_chart_svg(const trawl_report *r, const trawl_chart_source *src, trawl_buf *out,
                             trawl_error *err);

/* Writes `r` to the file `path` (replaced): PNG when its name ends in ".png" (rendered by
 * librsvg), else SVG. TRAWL_ERR_IO names the file. */
trawl_status trawl_chart_write(const trawl_report *r, const trawl_chart_source *src,
                               const char *path, trawl_error *err);

#endif
