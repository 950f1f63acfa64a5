/* tally.h: counting what a match spy sees, for facet counts and reports. The spy counts the
 * distinct tally values (TRAWL_SLOT_TALLY) of the matching passages; each is added with its
 * number of passages; the tally turns into reports with labels from the gazetteer. Internal
 * to src/search/. */
#ifndef TRAWL_TALLY_H
#define TRAWL_TALLY_H

#include "common/strmap.h"
#include "facets/facets.h"
#include "search/report.h"
#include "xapian-c/xapian_c.h"

typedef struct trawl_tally {
    size_t passages;                           /* passages seen */
    trawl_strmap documents;                    /* distinct documents seen */
    trawl_strmap count[TRAWL_FACET_COUNT];     /* value -> passages */
    trawl_strmap docs[TRAWL_FACET_COUNT];      /* value -> distinct documents */
    trawl_strmap seen;                         /* "facet\x1fvalue\x1fdocument" already counted */
    size_t none[TRAWL_FACET_COUNT];            /* passages without a value */
    trawl_strmap none_docs[TRAWL_FACET_COUNT]; /* documents with such passages */
    int cross[2];                              /* facets of the cross-tab, or -1 */
    trawl_strmap pair;                         /* "a\x1fb" -> passages */
    trawl_strmap pair_docs;                    /* "a\x1fb" -> distinct documents */
    trawl_strmap earliest;                     /* center -> earliest year */
    bool failed;                               /* out of memory */
    bool malformed;                            /* a value was not a tally value */
} trawl_tally;

/* A tally; `cross_a`/`cross_b` name the facets of a cross-tab to keep, or -1. */
void trawl_tally_init(trawl_tally *t, int cross_a, int cross_b);
void trawl_tally_free(trawl_tally *t);
/* Adds `passages` passages with the tally value `value` (a trawl_xcount_fn: `ctx` is the
 * tally). */
int trawl_tally_add(void *ctx, const char *value, size_t len, unsigned passages);

/* Builds the report `spec` asks for; labels come from `gz` and, for centers found by patterns,
 * from the index's metadata (`db`). `*report_out` belongs to the caller. */
trawl_status trawl_tally_report(const trawl_tally *t, const trawl_report_spec *spec,
                                const char *query, const trawl_gazetteer *gz, trawl_xdb *db,
                                trawl_report **report_out, trawl_error *err);

#endif
