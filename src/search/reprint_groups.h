/* reprint_groups.h: the groups of near-duplicate documents an index records (index/reprints.h,
 * TRAWL_META_REPRINT), read for reports: the reprints report lists them, and counts of
 * originals count each group once.
 *
 * Ownership: a loaded set owns its strings until trawl_reprint_groups_free. */
#ifndef TRAWL_REPRINT_GROUPS_H
#define TRAWL_REPRINT_GROUPS_H

#include <stddef.h>

#include "common/status.h"
#include "common/strmap.h"
#include "search/report.h"
#include "search/tally.h"
#include "xapian-c/xapian_c.h"

typedef struct trawl_reprint_member {
    char *path;        /* a document */
    char *group;       /* its group's key: the group's founding document */
    double similarity; /* its estimated similarity to that document */
} trawl_reprint_member;

typedef struct trawl_reprint_groups {
    trawl_reprint_member *items; /* every document in a group, in no order */
    size_t n, cap;
    trawl_strmap by_path; /* path -> its index + 1 */
} trawl_reprint_groups;

/* Reads every group record of `db` into `g` (which starts zeroed). */
trawl_status trawl_reprint_groups_load(trawl_xdb *db, trawl_reprint_groups *g, trawl_error *err);
void trawl_reprint_groups_free(trawl_reprint_groups *g);
/* The group key of `path` (`len` bytes), or NULL for a document without reprints. */
const char *trawl_reprint_group_of(const trawl_reprint_groups *g, const char *path, size_t len);

/* Fills `r` (a report of kind TRAWL_REPORT_REPRINTS) with the groups that hold a document of the
 * tally's matches: `r->reprints` sorted by group, each group's founding document first, and
 * `r->total` the number of groups. Titles come from the documents' records in `db`. */
trawl_status trawl_reprints_report(const trawl_tally *t, trawl_xdb *db, trawl_report *r,
                                   trawl_error *err);

#endif
