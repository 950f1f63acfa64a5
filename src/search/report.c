/* report.c: report specifications and their results' storage. */
#include "search/report.h"

#include <stdlib.h>
#include <string.h>

#include "facets/facets.h"

/* A facet's name, or "published-month" (the published facet by month). */
static bool facet_of(const char *name, size_t len, trawl_facet_id *facet, bool *by_month)
{
    static const char month[] = "published-month";
    if (len == sizeof month - 1 && memcmp(name, month, len) == 0) {
        *facet = TRAWL_FACET_PUBLISHED;
        *by_month = true;
        return true;
    }
    return trawl_facet_parse(name, len, facet);
}

trawl_status trawl_report_spec_parse(const char *text, trawl_report_spec *spec, trawl_error *err)
{
    memset(spec, 0, sizeof *spec);
    spec->facets[0] = spec->facets[1] = TRAWL_FACET_COUNT;
    if (strcmp(text, "icc-registry") == 0) {
        spec->kind = TRAWL_REPORT_REGISTRY;
        spec->facets[0] = TRAWL_FACET_ICC;
        return TRAWL_OK;
    }
    if (strcmp(text, "reprints") == 0) {
        spec->kind = TRAWL_REPORT_REPRINTS;
        return TRAWL_OK;
    }
    const char *comma = strchr(text, ',');
    size_t n1 = comma ? (size_t)(comma - text) : strlen(text);
    trawl_facet_id a, b;
    if (!facet_of(text, n1, &a, &spec->by_month) ||
        (comma && (!facet_of(comma + 1, strlen(comma + 1), &b, &spec->by_month) || a == b)))
        return trawl_error_set(err, TRAWL_ERR_ARG,
                               "--report wants a facet (icc, province, year, lang, kind, "
                               "published, published-month), two facets (e.g. year,province), "
                               "icc-registry or reprints, not '%s'",
                               text);
    spec->kind = comma ? TRAWL_REPORT_CROSSTAB : TRAWL_REPORT_COUNTS;
    spec->facets[0] = a;
    if (comma)
        spec->facets[1] = b;
    return TRAWL_OK;
}

const char *trawl_report_facet_name(const trawl_report_spec *spec, int i)
{
    trawl_facet_id f = spec->facets[i];
    return f == TRAWL_FACET_PUBLISHED && spec->by_month ? "published-month" : trawl_facet_name(f);
}

static void free_rows(trawl_report_row *rows, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(rows[i].value);
        free(rows[i].label);
    }
    free(rows);
}

void trawl_report_free(trawl_report *r)
{
    if (!r)
        return;
    free_rows(r->rows, r->nrows);
    free_rows(r->cols, r->ncols);
    free(r->cells);
    for (size_t i = 0; i < r->ncenters; i++) {
        free(r->centers[i].key);
        free(r->centers[i].name);
        free(r->centers[i].province);
        free(r->centers[i].province_name);
        free(r->centers[i].formerly);
        free(r->centers[i].earliest_id);
        free(r->centers[i].earliest_text);
    }
    free(r->centers);
    for (size_t i = 0; i < r->nreprints; i++) {
        free(r->reprints[i].group);
        free(r->reprints[i].path);
        free(r->reprints[i].title);
        free(r->reprints[i].url);
    }
    free(r->reprints);
    free(r->query);
    free(r);
}
