/* tally.h: counting what a match spy sees, for facet counts and reports. The spy hands over
 * each distinct tally value (TRAWL_SLOT_TALLY) of the matching passages with its number of
 * passages; the tally keeps them and turns them into reports, with labels from the gazetteer.
 *
 * What is counted ("units"): passages, or documents, where a document carries the union of
 * the values of its matching passages. A unit counts once in the row of each value it has,
 * and in the (none) row of a facet when it has no value of it; a cross-tab cell counts the
 * units that have both values. Facets are multi-valued, so the rows of one facet may add up
 * to more than the total. Internal to src/search/. */
#ifndef TRAWL_TALLY_H
#define TRAWL_TALLY_H

#include "common/strmap.h"
#include "facets/facets.h"
#include "query/filters.h"
#include "search/report.h"
#include "xapian-c/xapian_c.h"

typedef struct trawl_tally {
    char **values;    /* the distinct tally values seen (copies) */
    size_t *passages; /* passages with each */
    size_t n, cap;    /* values held, slots */
    bool failed;      /* out of memory */
    bool malformed;   /* a value was not a tally value */
} trawl_tally;

void trawl_tally_init(trawl_tally *t);
void trawl_tally_free(trawl_tally *t);
/* Adds `passages` passages with the tally value `value` (a trawl_xcount_fn: `ctx` is the
 * tally). */
int trawl_tally_add(void *ctx, const char *value, size_t len, unsigned passages);

/* Builds the report `spec` asks for, showing the values `scope` admits (NULL: all); labels
 * come from `gz` and, for centers found by patterns, from the index's metadata (`db`).
 * `*report_out` belongs to the caller. */
trawl_status trawl_tally_report(const trawl_tally *t, const trawl_report_spec *spec,
                                const trawl_filter_scope *scope, const char *query,
                                const trawl_gazetteer *gz, trawl_xdb *db, trawl_report **report_out,
                                trawl_error *err);

#endif
