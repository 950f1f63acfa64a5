/* indexer.h: passages -> Xapian documents. Opens (or creates) an index folder of one shard or
 * several (shards.h), checks that it is a Trawl index of this schema and analyser (or rebuilds it
 * beside the old one when it is not, saying why), and replaces each document's passages in the
 * shard its path hashes to: a document is never duplicated. A run is one transaction per shard:
 * readers see each shard as it was until trawl_indexer_commit, and a run that fails or is killed
 * leaves the index as it was (a kill during the commit of several shards can leave some committed:
 * the next run brings the others up to date). The shards of a layout not yet published (a new or
 * rebuilt index, its staging shards, a new shard count), which no reader sees until the commit
 * publishes them, commit as Xapian flushes instead. Each passage carries the facet values
 * extracted from its own text (facets.h), as filter terms, a value slot and evidence.
 *
 * Threads: trawl_indexer_apply and trawl_indexer_remove may run at the same time for
 * documents of different shards (one thread per shard); everything else from one thread. */
#ifndef TRAWL_INDEXER_H
#define TRAWL_INDEXER_H

#include <stddef.h>

#include "common/buf.h"
#include "common/status.h"
#include "index/analysis.h"
#include "index/catalog.h"
#include "index/runs.h"
#include "readers/document.h"
#include "xapian-c/xapian_c.h"

/* The value of trawl_indexer_options.gazetteer that names the built-in gazetteer. */
#define TRAWL_GAZETTEER_BUILTIN "builtin"

/* Options left unset (0, NULL) take what the index remembers from the run that built it
 * (passage bound, gazetteer), else the defaults: a plain run keeps an index as it was made. */
typedef struct trawl_indexer_options {
    size_t max_passage_bytes; /* passage bound; 0: remembered, else TRAWL_DEFAULT_MAX_PASSAGE */
    const char *language;     /* language of documents that do not say; NULL means "en" */
    int rebuild;              /* build the index anew, beside the old one, which readers
                                 keep until the commit publishes the new one */
    const char *gazetteer;    /* folder of the gazetteer; NULL: remembered, else
                                 trawl_gazetteer_default_dir(); TRAWL_GAZETTEER_BUILTIN: that */
    size_t shards;            /* shards to write (1 .. TRAWL_MAX_SHARDS); 0: as many as the
                                 index has (1 for a new one). Another count than the index's
                                 rebuilds it into the new layout, published by the commit */
    size_t writers;           /* threads that will write documents (trawl_indexer_apply): a
                                 new or rebuilt index of one shard is then written as that
                                 many staging shards (two for one writer, written in turn),
                                 merged into one compacted database by the commit */
} trawl_indexer_options;
/* Every option as the index remembers it, or its default. */
#define TRAWL_INDEXER_OPTIONS_INIT                                                                 \
    {                                                                                              \
        0, NULL, 0, NULL, 0, 0                                                                     \
    }

typedef struct trawl_indexer trawl_indexer;

/* Opens the index in folder `dir` for writing, creating it when the folder is missing or
 * holds nothing but README.md and .gitignore. Fails with TRAWL_ERR_LOCKED when another
 * ingest holds it (the message names its process and start time, from the folder's
 * trawl-writer file), TRAWL_ERR_NO_INDEX when the folder holds other files. An index built with
 * another schema or analyser is rebuilt (trawl_indexer_rebuilt says why): the run writes new
 * shards, and readers see the index as it was until the commit publishes them. */
trawl_status trawl_indexer_open(const char *dir, const trawl_indexer_options *options,
                                trawl_indexer **ix_out, trawl_error *err);

/* Replaces the passages of `doc` (by its path) with its current passages and records the
 * state of its file (`file` may be NULL); sets `*passages_out` to their count. Analyses the
 * document with the indexer's own analyst, then applies the analysis. */
trawl_status trawl_indexer_add(trawl_indexer *ix, const trawl_document *doc,
                               const trawl_file_state *file, unsigned *passages_out,
                               trawl_error *err);

/* A new analyst with this index's extractors, default language and passage bound, for a
 * thread of a parallel ingest; the caller frees it, before closing the indexer. */
trawl_status trawl_indexer_analyst_new(const trawl_indexer *ix, trawl_analyst **an_out,
                                       trawl_error *err);

/* The writer's half of trawl_indexer_add: replaces the passages of `doc` with those of
 * `analysis` (made from `doc` by an analyst of this indexer) and records its file's state. */
trawl_status trawl_indexer_apply(trawl_indexer *ix, const trawl_document *doc,
                                 const trawl_analysis *analysis, const trawl_file_state *file,
                                 trawl_error *err);

/* Removes every passage and the records of the document at `path`. */
trawl_status trawl_indexer_remove(trawl_indexer *ix, const char *path, trawl_error *err);

/* This run's id (runs.h): one more than the last the index remembers, 1 for a new index. */
unsigned trawl_indexer_run_id(const trawl_indexer *ix);
/* What the run did (the counts of `what`; its id and time are the indexer's), recorded with
 * the run by the commit. */
void trawl_indexer_note_run(trawl_indexer *ix, const trawl_run *what);

/* Makes what was added since the last commit durable and visible to readers, at once, with the
 * record of this run and every earlier one; what follows is the next transaction. */
trawl_status trawl_indexer_commit(trawl_indexer *ix, trawl_error *err);

/* Why this run emptied the index first (a rebuild asked for, another schema or analyser),
 * or NULL. Owned by the indexer. */
const char *trawl_indexer_rebuilt(const trawl_indexer *ix);

/* Without opening it for writing: why an ingest with `options` would rebuild the index `db`
 * from scratch (another schema or analyser, or not a Trawl index), into `why`; `why` is left
 * empty when the ingest would add to it. For `trawl-ingest --check`. */
trawl_status trawl_indexer_outdated(trawl_xdb *db, const trawl_indexer_options *options,
                                    trawl_buf *why, trawl_error *err);

/* The shards being written, for their catalogs: how many, the one that holds the document at
 * `path`, and shard `i` (owned by the indexer). */
size_t trawl_indexer_shard_count(const trawl_indexer *ix);
size_t trawl_indexer_shard_of(const trawl_indexer *ix, const char *path);
trawl_xdb *trawl_indexer_shard(trawl_indexer *ix, size_t i);

/* Closes the index; a run not committed is cancelled. NULL is allowed. */
void trawl_indexer_close(trawl_indexer *ix);

#endif
