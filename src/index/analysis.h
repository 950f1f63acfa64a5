/* analysis.h: a document -> the Xapian documents of its passages, without touching any index.
 * An analyst holds what analysis needs (ICU break iterators, stemmers and facet extractors per
 * language, language detection); it is not thread-safe, so each thread of a parallel ingest
 * has its own, and the results go to the one writer (indexer.h) in document order. */
#ifndef TRAWL_ANALYSIS_H
#define TRAWL_ANALYSIS_H

#include <stddef.h>

#include "common/status.h"
#include "common/strmap.h"
#include "facets/facets.h"
#include "index/reprints.h"
#include "readers/document.h"
#include "xapian-c/xapian_c.h"

/* A center that a pattern found and the gazetteer lacks: metadata for reports. */
typedef struct trawl_found_center {
    char *key;   /* TRAWL_META_CENTER + center key */
    char *value; /* "name\tprovince key" */
} trawl_found_center;

/* What one document's analysis made. Everything is owned by the analysis. */
typedef struct trawl_analysis {
    trawl_xdoc **passages;       /* the passages' documents, in order */
    size_t npassages;            /* their count */
    char language[16];           /* the document's language */
    trawl_found_center *centers; /* centers the gazetteer lacks, as found in order */
    size_t ncenters;             /* their count */
    trawl_strmap stem_words;     /* keys "LANG:STEM\tWORD" (schema.h, TRAWL_META_STEM), once */
    trawl_minhash minhash;       /* the signature of its passages' words (reprints.h) */
    size_t cap_passages, cap_centers;
} trawl_analysis;

void trawl_analysis_free(trawl_analysis *a);

typedef struct trawl_analyst trawl_analyst;

/* A new analyst. `extractors` (facets.h) is shared with the other analysts of the run and must
 * outlive it; `default_lang` is the language of documents that do not say and cannot be
 * detected; `max_passage` the bound. */
trawl_status trawl_analyst_new(trawl_extractor_set *extractors, const char *default_lang,
                               size_t max_passage, trawl_analyst **an_out, trawl_error *err);
void trawl_analyst_free(trawl_analyst *an);

/* Analyses `doc` into `*out` (a new analysis the caller frees). Fails with the document's
 * path in the message; nothing is made then. */
trawl_status trawl_analyze_document(trawl_analyst *an, const trawl_document *doc,
                                    trawl_analysis **out, trawl_error *err);

#endif
