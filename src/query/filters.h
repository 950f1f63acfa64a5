/* filters.h: facet and metadata filters (icc:KEY, province:NAME, year:2024, year:2018..2020,
 * lang:ru or lang:Russian, kind:news, url:ADDRESS, published:2023-06..2024-01, added:last,
 * added:3, added:2026-11-01..) -> Xapian filter queries. Names are resolved
 * against the gazetteer the index was built with, folded as the documents were (province:浙江,
 * province:Chekiang and province:zhejiang agree); a center is known by its key, any of its names,
 * or, for centers the gazetteer lacks, the key ingest gave it. A query's filters also narrow
 * the values its reports show (trawl_filter_scope). */
#ifndef TRAWL_FILTERS_H
#define TRAWL_FILTERS_H

#include "common/buf.h"
#include "common/status.h"
#include "common/strmap.h"
#include "facets/aliases.h"
#include "facets/facets.h"
#include "facets/gazetteer.h"
#include "query/glossary.h"
#include "query/query_parser.h"
#include "text/analyzer.h"
#include "xapian-c/xapian_c.h"

typedef struct trawl_filter_context {
    trawl_analyzer *an;              /* analyses the query as the documents' words were */
    trawl_analyzer *const *stemmers; /* the index's other languages: unquoted words also match
                                        their stems in each (may be NULL) */
    size_t nstemmers;
    const trawl_gazetteer *gz; /* the index's gazetteer */
    trawl_aliases *aliases;    /* its names, folded */
    trawl_xdb *db;             /* the index, for centers the gazetteer lacks */
    const char *languages;     /* the codes of its passages' languages, space-separated */
    trawl_glossary *glossary;  /* the user's groups of equivalent terms, or NULL */
    trawl_buf *unknown;        /* when not NULL, the compiler appends the query's words that no
                                  field of the index holds, folded, each NUL-terminated */
} trawl_filter_context;

/* "de (German), en (English)" for the space-separated codes `languages`, into `out` (reset
 * first): for messages naming an index's languages. */
void trawl_languages_describe(const char *languages, trawl_buf *out);
/* Whether the space-separated list `languages` holds `code`. */
bool trawl_languages_have(const char *languages, const char *code);

/* A query matching the passages that carry `value` for filter `facet` (a trawl_facet_id or
 * TRAWL_FILTER_URL), adding no weight. TRAWL_ERR_QUERY_SYNTAX, with a message, for an unknown name
 * (a language neither known nor in the index), a malformed year or one out of range. */
trawl_status trawl_filter_query(const trawl_filter_context *ctx, trawl_filter_id facet,
                                const char *value, trawl_xquery **query_out, trawl_error *err);

/* The key of the province or center `name` means into `*key_out`: malloc'd (the caller frees
 * it), or NULL when none. Fails when the name cannot be analysed or the index read. */
trawl_status trawl_resolve_province(const trawl_filter_context *ctx, const char *name,
                                    char **key_out, trawl_error *err);
trawl_status trawl_resolve_center(const trawl_filter_context *ctx, const char *name, char **key_out,
                                  trawl_error *err);

/* The values of each facet that a query's filters admit: a facet filter every match must pass
 * (one of the top-level AND's parts, or an OR of filters of one facet there) admits its values
 * (`year:2010..2025` the years 2010 to 2025, `icc:GWICC` the key gwicc); a facet filtered
 * twice admits what both admit; a facet no such filter names admits every value. Reports show
 * only admitted values. */
typedef struct trawl_filter_scope {
    bool restricted[TRAWL_FACET_COUNT];      /* a filter admits only `allowed` */
    trawl_strmap allowed[TRAWL_FACET_COUNT]; /* the admitted values (keys; counts unused) */
} trawl_filter_scope;

/* Fills `*scope` (owned by the caller: trawl_filter_scope_free) for the query `root` (NULL:
 * every value). Errors as trawl_filter_query's. */
trawl_status trawl_filter_scope_of(const trawl_filter_context *ctx, const trawl_qnode *root,
                                   trawl_filter_scope *scope, trawl_error *err);
/* Frees what `scope` holds and empties it. */
void trawl_filter_scope_free(trawl_filter_scope *scope);

#endif
