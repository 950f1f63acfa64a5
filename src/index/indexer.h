/* indexer.h: passages -> Xapian documents. Opens (or creates) an index folder, checks that it
 * is a Trawl index of this schema and analyser, and replaces each document's passages as a
 * unit: a document is never half indexed and never duplicated. Each passage carries the facet
 * values extracted from its own text (facets.h), as filter terms, value slots and evidence. */
#ifndef TRAWL_INDEXER_H
#define TRAWL_INDEXER_H

#include <stddef.h>

#include "common/status.h"
#include "readers/document.h"

typedef struct trawl_indexer_options {
    size_t max_passage_bytes; /* passage bound; 0 means TRAWL_DEFAULT_MAX_PASSAGE */
    const char *language;     /* language of documents that do not say; NULL means "en" */
    int rebuild;              /* discard any existing index first */
    const char *gazetteer;    /* folder of the gazetteer; NULL: trawl_gazetteer_default_dir() */
} trawl_indexer_options;

typedef struct trawl_indexer trawl_indexer;

/* Opens the index in folder `dir` for writing, creating it when the folder is missing or
 * holds nothing but README.md and .gitignore. Fails with TRAWL_ERR_LOCKED when another
 * ingest holds it, TRAWL_ERR_NO_INDEX when the folder holds other files, TRAWL_ERR_VERSION
 * when the index was built with another schema or analyser (unless `rebuild`). */
trawl_status trawl_indexer_open(const char *dir, const trawl_indexer_options *options,
                                trawl_indexer **ix_out, trawl_error *err);

/* Replaces the passages of `doc` (by its path) with its current passages; sets
 * `*passages_out` to their count. Visible to readers after trawl_indexer_commit. */
trawl_status trawl_indexer_add(trawl_indexer *ix, const trawl_document *doc, unsigned *passages_out,
                               trawl_error *err);

/* Removes every passage of the document at `path`. */
trawl_status trawl_indexer_remove(trawl_indexer *ix, const char *path, trawl_error *err);

/* Makes everything added so far durable and visible to readers. */
trawl_status trawl_indexer_commit(trawl_indexer *ix, trawl_error *err);

/* Closes the index, committing what was added. NULL is allowed. */
void trawl_indexer_close(trawl_indexer *ix);

#endif
