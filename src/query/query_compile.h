/* query_compile.h: a query tree -> a Xapian query, through the same analyzer as ingest:
 * words and phrases match in the body, title and section fields (title and section weighted
 * down: they lift a passage whose own text matches); unquoted words match their stems, a word
 * that analyses to several tokens (pan-green, 国际传播中心) and quoted phrases match those
 * folded words in order, each with its other spelling (text/spelling.h); word* matches folded
 * prefixes, also in a phrase; NEAR and ADJ match words within a window of the text; and the
 * passages where the unquoted words of an AND stand close together rank higher. What the
 * positive parts match is also described, for highlighting (query/matches.h). */
#ifndef TRAWL_QUERY_COMPILE_H
#define TRAWL_QUERY_COMPILE_H

#include "common/status.h"
#include "query/filters.h"
#include "query/query_parser.h"
#include "query/matches.h"
#include "text/analyzer.h"
#include "xapian-c/xapian_c.h"

/* Wildcards expanding to more terms than this are refused. */
#define TRAWL_MAX_WILDCARD_TERMS 1000

/* Compiles `root`, analysing words with `ctx->an` and resolving facet filters with `ctx`,
 * recording in `matches` (NULL: nowhere) what its positive parts match. `*query_out` belongs to
 * the caller. A query with no searchable word at
 * all (only punctuation) fails with TRAWL_ERR_QUERY_SYNTAX. */
trawl_status trawl_query_compile(const trawl_qnode *root, const trawl_filter_context *ctx,
                                 trawl_matches *matches, trawl_xquery **query_out,
                                 trawl_error *err);

#endif
