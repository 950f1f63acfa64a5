/* relax.h: a query that no passage matches whole, relaxed to the passages that match most of
 * its words: an AND's clauses (words, phrases, prefixes, proximity groups, OR-chains), any
 * `keep` of them, with its filters and exclusions kept whole. The search offers those
 * passages, marked as partial matches, when a query of three or more clauses matches none. */
#ifndef TRAWL_RELAX_H
#define TRAWL_RELAX_H

#include <stddef.h>

#include "common/status.h"
#include "query/query_parser.h"

/* Queries of fewer clauses are not relaxed. */
#define TRAWL_RELAX_MIN_CLAUSES 3
/* Past this many clauses only `keep` = 1 is tried (any clause): the subsets of the others
 * would be too many. */
#define TRAWL_RELAX_MAX_SUBSETS_CLAUSES 8

/* The clauses of `root` that may be left out: 0 when `root` is not an AND. */
size_t trawl_query_clauses(const trawl_qnode *root);

/* The tree matching what `root` matches with any `keep` of its clauses (1 <= keep < clauses),
 * into `*out` (the caller frees it; `root` is left as it was). */
trawl_status trawl_query_relax(const trawl_qnode *root, size_t keep, trawl_qnode **out,
                               trawl_error *err);

#endif
