/* chart.h: a report drawn as an SVG picture a person can read at a glance: counts of one
 * facet as bars (years as a timeline of columns), a cross-tab as stacked bars with a legend,
 * the center registry as a timeline of the year each center was first found. */
#ifndef TRAWL_CHART_H
#define TRAWL_CHART_H

#include "common/status.h"
#include "search/report.h"

/* Writes `r` as SVG to the file `path` (replaced). TRAWL_ERR_IO names the file. */
trawl_status trawl_chart_svg(const trawl_report *r, const char *path, trawl_error *err);

#endif
