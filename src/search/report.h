/* report.h: exact facet counts over every passage a query matches (or the whole index):
 * counts per value of one facet, a cross-tab of two, or the registry of centers (province,
 * earliest year the text says it was founded and the sentence that says so, passages,
 * documents). Counts are passages, or
 * distinct documents, a document carrying the values of its matching passages; they are exact
 * and deterministic (ties are broken by value). Facets are multi-valued: a passage naming two
 * provinces counts in both rows, so a total counts the distinct passages (documents) having a
 * value, never the sum of the cells. */
#ifndef TRAWL_REPORT_H
#define TRAWL_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "common/status.h"
#include "facets/facets.h"

typedef enum trawl_report_kind {
    TRAWL_REPORT_COUNTS,   /* one facet: count per value */
    TRAWL_REPORT_CROSSTAB, /* two facets: count per pair of values */
    TRAWL_REPORT_REGISTRY, /* one row per center */
    TRAWL_REPORT_REPRINTS  /* the groups of near-duplicate documents among the matches */
} trawl_report_kind;

typedef struct trawl_report_spec {
    trawl_report_kind kind;
    trawl_facet_id facets[2]; /* facets[0] for COUNTS, both for CROSSTAB; TRAWL_FACET_COUNT:
                                 none */
    bool documents;           /* count distinct documents rather than passages */
    bool originals;           /* with documents: count a group of reprints once */
    bool by_month;            /* publication dates by month ("published-month"), not year */
} trawl_report_spec;

/* Parses "icc", "year,province", "published-month,icc", "icc-registry" or "reprints". */
trawl_status trawl_report_spec_parse(const char *text, trawl_report_spec *spec_out,
                                     trawl_error *err);

/* The name of the report's facet `i` (0 or 1) as --report names it: "published-month" for
 * publication dates by month, else the facet's name. Static storage. */
const char *trawl_report_facet_name(const trawl_report_spec *spec, int i);

typedef struct trawl_report_row {
    char *value;  /* the facet value: a key or a year; "(none)" for the none row */
    char *label;  /* its display name */
    size_t count; /* distinct passages (documents) having the value */
    bool none;    /* the row of passages (documents) without any value of the facet */
} trawl_report_row;

typedef struct trawl_registry_row {
    char *key;           /* center key */
    char *name;          /* display name */
    char *province;      /* province key, "" when none */
    char *province_name; /* its display name, "" when none */
    char *formerly;      /* the center it continues under a new name (gazetteer), "" when none */
    int earliest;        /* earliest year the text says it was founded, 0 when none */
    char *earliest_id;   /* the passage that says so first (document order), NULL when none */
    char *earliest_text; /* the sentence that says so, NULL when none */
    size_t passages;     /* passages that name it */
    size_t documents;    /* documents that do */
} trawl_registry_row;

/* A document of a group of reprints. */
typedef struct trawl_reprint_row {
    char *group;       /* the group's key: its founding document's path */
    char *path;        /* this document */
    char *title;       /* its title */
    char *url;         /* its URL, "" when none */
    double similarity; /* estimated similarity of its words to the group's first (1 for it) */
} trawl_reprint_row;

typedef struct trawl_report {
    trawl_report_spec spec;
    char *query;            /* the query, "" for the whole index */
    size_t total;           /* matching passages (or documents) */
    trawl_report_row *rows; /* COUNTS: the values; CROSSTAB: the first facet's values, then
                               its none row */
    size_t nrows;
    size_t none;            /* COUNTS: matches without any value of the facet */
    trawl_report_row *cols; /* CROSSTAB: the second facet's values, then its none column
                               (count: the column's total) */
    size_t ncols;
    size_t *cells; /* CROSSTAB: nrows * ncols counts, row-major: matches having both */
    trawl_registry_row *centers; /* REGISTRY */
    size_t ncenters;
    trawl_reprint_row *reprints; /* REPRINTS: by group, its founding document first */
    size_t nreprints;
    int first_year, last_year; /* the years the query's year filter admits (charts span them);
                                  0 when it has none */
} trawl_report;

void trawl_report_free(trawl_report *r);

#endif
